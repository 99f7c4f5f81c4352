//! Every public function that scans text a user wrote takes any Unicode string without a
//! panic: slicing at a byte that is not a character boundary is the class of bug guarded here
//! (an `&` before `Härnösand` once crashed the build's HTML-to-text scanner, since replaced by
//! text from the Markdown events; see `markdown::text_tests`).

use std::path::Path;

use proptest::prelude::*;

use lots::content::{front_matter, paths, slugs};
use lots::diagnostics::line_col;
use lots::search::{a_o, extract, pipeline};

/// Text rich in what scanners react to (`&`, `<`, `;`, `#`, `%`, `-`, `---`, digits) mixed
/// with multi-byte letters and emoji.
fn user_text() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        Just("&".to_string()),
        Just("<".to_string()),
        Just(";".to_string()),
        Just("#".to_string()),
        Just("%".to_string()),
        Just("%C3".to_string()),
        Just("-".to_string()),
        Just("---\n".to_string()),
        Just("&amp;".to_string()),
        Just("2020-01-01".to_string()),
        Just("ö".to_string()),
        Just("Å".to_string()),
        Just("😀".to_string()),
        Just("\u{200b}".to_string()),
        "[a-z0-9 :/]{0,4}",
        any::<char>().prop_map(String::from),
    ];
    proptest::collection::vec(pieces, 0..30).prop_map(|p| p.concat())
}

proptest! {
    #[test]
    fn search_snippets_take_any_text(text in user_text(), max in 0usize..40) {
        extract::shorten(&text, max);
    }

    #[test]
    fn search_pipeline_takes_any_text(text in user_text()) {
        pipeline::analyze(&text, None);
        pipeline::fold(&text);
        a_o::sort_key(&text);
    }

    #[test]
    fn paths_and_slugs_take_any_text(text in user_text()) {
        paths::percent_decode(&text);
        paths::alias_output_path(&text);
        paths::join_relative("a/b", &text);
        slugs::strip_date_prefix(&text);
        slugs::slugify(&text);
    }

    #[test]
    fn front_matter_and_positions_take_any_text(text in user_text(), offset in 0usize..200) {
        let _ = front_matter::split(Path::new("sida.md"), &format!("---\n{text}"));
        let _ = front_matter::split(Path::new("sida.md"), &text);
        let (line, column) = line_col(&text, offset);
        prop_assert!(line >= 1 && column >= 1);
    }
}
