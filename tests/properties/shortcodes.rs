//! Shortcodes in any text: the parser never panics and its pieces tile the text; text without
//! `{{` or `{%` passes unchanged; rendering a body full of calls (see `fuzz/checks/shortcodes.rs`)
//! puts every problem inside the file.

use proptest::prelude::*;

use super::checks;

/// Text made of the parts of calls, so that most inputs come close to being one.
fn near_calls() -> impl Strategy<Value = String> {
    let part = prop::sample::select(
        &[
            "{{",
            "}}",
            "{%",
            "%}",
            "/*",
            "*/",
            "end",
            "box",
            "note",
            "boom",
            "x_1",
            "(",
            ")",
            "=",
            ",",
            "\"",
            "'",
            "`",
            "[",
            "]",
            "-1.5",
            "42",
            "true",
            " ",
            "\n",
            "\n\n",
            "```\n",
            "    ",
            "`",
            "å",
            "🙂",
            "[l](@/",
            "#",
            "> ",
            "- ",
            "<b>",
            "\u{e000}0\u{e001}",
            "{{ box(",
            "{{ note(",
            ") }}",
            "{% note() %}",
            "{% box(a=1) %}",
            "{% end %}",
            "a=\"x\"",
            "b=[1,'y']",
            "{{/* box() */}}",
        ][..],
    );
    prop::collection::vec(part, 0..40).prop_map(|parts| parts.concat())
}

/// Text with no `{` at all, so certainly no call.
fn without_braces() -> impl Strategy<Value = String> {
    any::<String>().prop_map(|s| s.replace('{', "("))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn any_text_parses_and_renders_without_panic(text in prop_oneof![any::<String>(), near_calls()]) {
        checks::shortcodes(text.as_bytes());
    }

    #[test]
    fn text_without_calls_is_one_unchanged_piece(text in without_braces()) {
        use lots::markdown::shortcodes::{parse, Piece};
        let (pieces, errors) = parse(&text, &[]);
        prop_assert!(errors.is_empty());
        if text.is_empty() {
            prop_assert!(pieces.is_empty());
        } else {
            prop_assert_eq!(pieces, vec![Piece::Text(0..text.len())]);
        }
    }
}
