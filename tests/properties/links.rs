//! Link destinations that try to leave `content/` or the site: `@/` and relative paths with
//! `..`, percent-encoded dots and slashes, backslashes, rooted and protocol-relative paths.
//! What resolves is a key of the site or a URL below its root, never above.

use proptest::collection::vec;
use proptest::prelude::*;

use super::checks;

fn pieces() -> Vec<String> {
    let mut pieces: Vec<String> = [
        "..",
        "../",
        "./",
        "/",
        "\\",
        "..\\",
        "%2e",
        "%2E%2e",
        "%2e%2e/",
        "%2f",
        "%2F",
        "%5c",
        "%5C",
        "@/",
        "#",
        "?",
        "#x",
        "?a=1",
        "//",
        ":",
        "%3a",
        "javascript:",
        "http:",
        " ",
        "\t",
        "å",
        "%c3%a5",
        "%",
        "%zz",
        ".md",
        "_index.md",
        "index.html",
        "x",
        "~",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let library = checks::library();
    pieces.extend(library.pages.keys().take(6).cloned());
    pieces.extend(library.sections.keys().take(4).cloned());
    pieces.extend(library.linkable.keys().take(6).cloned());
    pieces.extend(library.linkable.values().take(3).map(|a| a.output.clone()));
    pieces
}

fn destination() -> impl Strategy<Value = String> {
    vec(prop::sample::select(pieces()), 0..10).prop_map(|p| p.concat())
}

fn page_key() -> impl Strategy<Value = String> {
    let library = checks::library();
    let keys: Vec<String> = library
        .pages
        .keys()
        .chain(library.sections.keys())
        .cloned()
        .collect();
    prop::sample::select(keys)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn a_link_never_resolves_outside_the_site(from in page_key(), dest in destination(), image in any::<bool>()) {
        checks::assert_resolved_inside(&from, &dest, image);
    }

    #[test]
    fn any_text_is_a_destination(data in vec(any::<u8>(), 0..80)) {
        checks::links(&data);
    }
}
