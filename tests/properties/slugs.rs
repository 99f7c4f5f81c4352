//! Slugs of any text: lower-case ASCII letters, digits and single dashes, a safe path segment;
//! a page whose slug would be empty is refused with a reason.

use proptest::prelude::*;

use super::checks;

fn title() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[ -~åäöÅÄÖéü]{0,20}",
        // Nothing that makes a slug: punctuation, dashes, symbols, emoji.
        "[-!?.,:;/\\\\–—…\"'()\\[\\]{}#%&*+= 🙂❤\u{200b}\u{300}]{0,8}",
        "(\\.\\.|\\.|/|%2e|[a-zåä]){0,6}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_text_gives_a_clean_slug_or_a_refused_page(text in title()) {
        checks::slug(text.as_bytes());
    }
}

#[test]
fn the_slug_check_catches_unsafe_segments() {
    for slug in ["..", "a/b", "-a", "a-", "a--b", "Å", "a b"] {
        let caught = std::panic::catch_unwind(|| checks::assert_slug(slug));
        assert!(caught.is_err(), "{slug:?} passed");
    }
}
