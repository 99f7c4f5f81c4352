//! The browser's search pipeline (themes/lots/static/search/pipeline.js, under node) gives the
//! same tokens as the Rust one for generated Unicode text: Swedish letters composed and
//! decomposed, combining marks, digits of other scripts, codes with joiners, punctuation,
//! emoji with modifiers, full-width forms, final sigma, dotted İ. All strings go to one node run.

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
use serde_json::json;

use lots::search::pipeline::tokenize;

use super::{checks, common};

/// Characters both sides must read alike. Only characters assigned long ago: node's and
/// Rust's Unicode tables may differ on new ones, which is no bug of either pipeline.
const ALPHABET: &[&str] = &[
    "a",
    "Z",
    "å",
    "Ä",
    "ö",
    "Ö",
    "é",
    "ü",
    "ø",
    "Æ",
    "ß",
    "ẞ",
    "œ",
    "a\u{30a}",
    "o\u{308}",
    "\u{300}",
    "\u{301}",
    "\u{307}",
    "\u{36f}",
    "0",
    "7",
    "٣",
    "۷",
    "५",
    "²",
    "½",
    "Ⅻ",
    "①",
    ".",
    ",",
    ":",
    "/",
    "-",
    "–",
    "—",
    "!",
    "?",
    ";",
    "\"",
    "'",
    "(",
    "§",
    "%",
    "@",
    "_",
    " ",
    "\t",
    "\n",
    "\u{a0}",
    "\u{200b}",
    "\u{ad}",
    "🙂",
    "👍🏽",
    "👩‍👩‍👧",
    "🇸🇪",
    "ＡＢＣ",
    "１２３",
    "ｶ",
    "ﬁ",
    "Σ",
    "ΟΔΟΣ",
    "ς",
    "İ",
    "ı",
    "Ǆ",
    "ǅ",
    "Ω",
    "Å",
    "K",
    "中文",
    "العربية",
    "தமிழ்",
    "\u{1100}\u{1161}",
    "한",
    "Привет",
    "ʼ",
    "ǈ",
    "ᾼ",
    "ﬀ",
    "㎏",
];

fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => prop::sample::select(ALPHABET).prop_map(str::to_string),
        1 => prop::char::ranges(OLD_BLOCKS.into()).prop_map(String::from),
    ];
    vec(piece, 0..24).prop_map(|parts| parts.concat())
}

/// Blocks whose letters, marks and digits were all assigned by Unicode 6 (2010).
const OLD_BLOCKS: &[std::ops::RangeInclusive<char>] = &[
    '\u{20}'..='\u{24f}',
    '\u{300}'..='\u{36f}',
    '\u{370}'..='\u{3ff}',
    '\u{400}'..='\u{4ff}',
    '\u{2000}'..='\u{206f}',
    '\u{2150}'..='\u{218f}',
    '\u{ff00}'..='\u{ffef}',
];

fn node_tokens(texts: &[String]) -> Vec<Vec<String>> {
    let out = common::node_json("tests/browser/tokens.cjs", &json!({ "texts": texts }));
    serde_json::from_value(out["tokens"].clone()).expect("a list of token lists")
}

/// Many generated strings, one node run: proptest's runner makes the values, the comparison
/// is done here so that node starts once.
#[test]
fn rust_and_js_give_the_same_tokens_for_generated_text() {
    let mut runner = TestRunner::default();
    let strategy = text();
    let texts: Vec<String> = (0..800)
        .map(|_| strategy.new_tree(&mut runner).expect("a value").current())
        .collect();
    let js = node_tokens(&texts);
    for (text, js) in texts.iter().zip(&js) {
        assert_eq!(&tokenize(text), js, "tokens differ for {text:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_text_gives_clean_tokens(text in prop_oneof![text(), any::<String>()]) {
        checks::tokens(text.as_bytes());
    }
}
