//! Front matter as users break it: unclosed blocks, CR line ends, a byte-order mark, tabs,
//! unclosed quotes and lists, anchors, tags, wrong types, impossible dates, invalid UTF-8;
//! in YAML and in TOML (Zola's `+++`). Never a panic, and every problem points at a line and
//! column inside the file.

use proptest::collection::vec;
use proptest::prelude::*;

use super::checks;

fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zåäö0-9 ]{0,10}",
        prop::sample::select(vec![
            "\"unclosed",
            "'a''b'",
            "[a, b",
            "{a: 1",
            "[a, [b]]",
            "&anchor x",
            "*anchor",
            "*nothing",
            "!!binary x",
            "!<tag> x",
            "|",
            ">-",
            "|+\n  text",
            "2020-13-45",
            "2021-02-29",
            "2024-02-29T25:00",
            "~",
            "null",
            "0x1F",
            "1e999",
            "-0",
            ".inf",
            "\"\\u00e5\\x\"",
            "\"\\",
            "- a",
            ": :",
            "\t",
            "🙂",
            "\u{feff}",
            "%YAML 1.2",
            "...",
            "---",
            "? a",
            "a: b: c",
            "'",
            "\"",
            "#",
            "{",
            "}",
            "[",
            "]",
            ",",
            "<<: *a",
            "\u{0}",
            "\u{85}",
            "\u{2028}",
            "\r",
        ])
        .prop_map(str::to_string),
        any::<String>().prop_map(|s| s.chars().take(8).collect()),
    ]
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "title",
            "description",
            "date",
            "updated",
            "draft",
            "weight",
            "slug",
            "aliases",
            "taxonomies",
            "template",
            "extra",
            "agare",
            "malgrupp",
            "granskad",
            "nasta_granskning",
            "tags",
            "title ",
            "\"title\"",
            "? title",
        ])
        .prop_map(str::to_string),
        "[a-zåä_]{1,8}",
    ]
}

fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        (key(), value()).prop_map(|(k, v)| format!("{k}: {v}")),
        (key(), value()).prop_map(|(k, v)| format!("  {k}: {v}")),
        value().prop_map(|v| format!("  - {v}")),
        value().prop_map(|v| format!("- {v}")),
        key().prop_map(|k| format!("{k}:")),
        Just("# kommentar".to_string()),
        Just(String::new()),
        value(),
    ]
}

/// A page file: maybe a byte-order mark, `---`, lines of front matter, maybe the closing
/// `---`, a body; LF, CRLF or CR line ends.
fn page() -> impl Strategy<Value = Vec<u8>> {
    let eol = prop::sample::select(vec!["\n", "\r\n", "\r"]);
    (
        any::<bool>(),
        vec(line(), 0..12),
        eol,
        prop::bool::weighted(0.9),
        "[a-z #\n]{0,12}",
    )
        .prop_map(|(bom, lines, eol, closed, body)| {
            let mut text = String::from(if bom { "\u{feff}---" } else { "---" });
            text.push_str(eol);
            for line in lines {
                text.push_str(&line);
                text.push_str(eol);
            }
            if closed {
                text.push_str("---");
                text.push_str(eol);
            }
            text.push_str(&body);
            text.into_bytes()
        })
}

fn toml_value() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zåäö0-9 ]{0,10}".prop_map(|s| format!("\"{s}\"")),
        prop::sample::select(vec![
            "\"unclosed",
            "'literal'",
            "\"\"\"\nmulti\nline\"\"\"",
            "'''\nliteral\n'''",
            "[\"a\", \"b\"",
            "[1, \"a\", true]",
            "[[1], [\"a\"]]",
            "{ a = 1, b = { c = \"d\" } }",
            "{ a = 1",
            "{}",
            "[]",
            "2024-01-05",
            "2024-01-05T10:00:00Z",
            "1979-05-27 07:32:00-08:00",
            "07:32:00",
            "2020-13-45",
            "\"2024\u{2013}01\u{2013}05\"",
            "0x1F",
            "0o17",
            "0b101",
            "1_000",
            "9223372036854775808",
            "-0",
            "1e999",
            "inf",
            "-nan",
            "6.02e23",
            "true",
            "yes",
            "\"\\u00e5\\x\"",
            "\"\\",
            "\t",
            "🙂",
            "\u{feff}",
            "\u{0}",
            "\u{85}",
            "\u{2028}",
            "=",
            "#",
        ])
        .prop_map(str::to_string),
        any::<String>().prop_map(|s| s.chars().take(8).collect()),
    ]
}

fn toml_line() -> impl Strategy<Value = String> {
    prop_oneof![
        (key(), toml_value()).prop_map(|(k, v)| format!("{k} = {v}")),
        (key(), key(), toml_value()).prop_map(|(a, b, v)| format!("{a}.{b} = {v}")),
        key().prop_map(|k| format!("[{k}]")),
        (key(), key()).prop_map(|(a, b)| format!("[{a}.{b}]")),
        key().prop_map(|k| format!("[[{k}]]")),
        Just("[taxonomies]".to_string()),
        Just("[extra]".to_string()),
        Just("# kommentar".to_string()),
        Just(String::new()),
        toml_value(),
    ]
}

/// A page whose front matter is TOML between `+++` lines, maybe unclosed.
fn toml_page() -> impl Strategy<Value = Vec<u8>> {
    let eol = prop::sample::select(vec!["\n", "\r\n"]);
    (vec(toml_line(), 0..12), eol, prop::bool::weighted(0.9)).prop_map(|(lines, eol, closed)| {
        let mut text = format!("+++{eol}");
        for line in lines {
            text.push_str(&line);
            text.push_str(eol);
        }
        if closed {
            text.push_str("+++");
            text.push_str(eol);
        }
        text.push_str("Text.");
        text.into_bytes()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_toml_front_matter_is_read_or_refused_inside_the_file(bytes in toml_page()) {
        checks::front_matter(&bytes);
    }

    #[test]
    fn any_front_matter_is_read_or_refused_inside_the_file(bytes in page()) {
        checks::front_matter(&bytes);
    }

    #[test]
    fn any_bytes_are_read_or_refused_inside_the_file(bytes in vec(any::<u8>(), 0..200)) {
        checks::front_matter(&bytes);
        let mut page = b"---\ntitle: x\n".to_vec();
        page.extend(&bytes);
        checks::front_matter(&page);
        let mut page = b"+++\ntitle = \"x\"\n".to_vec();
        page.extend(&bytes);
        checks::front_matter(&page);
    }
}

/// The check itself fails on a position outside the file.
#[test]
#[should_panic(expected = "outside the file")]
fn a_position_past_the_end_is_caught() {
    let text = "---\ntitle: x\n---\n";
    let problem = lots::diagnostics::Diagnostic::at(std::path::Path::new("a.md"), text, 9, 1, "");
    checks::assert_inside(&problem, text);
}
