//! The browser's search pipeline (themes/lots/static/search/pipeline.js, run by node) must turn
//! text into exactly the terms the Rust index was built with: same tokens, same stop words,
//! same Snowball stems, same folding, same compound parts. And it must read a query as
//! src/search/query.rs does: same units, synonyms, compound splits and "menade du".

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::{json, Value};

use lots::config::Synonym;
use lots::search::pipeline::{analyze, analyze_token, split_with, tokenize, Vocabulary};
use lots::search::query::{closest, tail_with, units, Candidate, Synonyms};
use lots::search::shards::synonyms_json;

const SENTENCES: &[&str] = &[
    "Återvändare, återvändarna och ÅTERVÄNDAREN: barn som återvänder från krigsdrabbade områden.",
    "Handlingsplaner, handlingsplanen och handlingsplanerna revideras årligen.",
    "Samordnare, samordnaren och samordnarna träffas i Skärholmen och Älvsjö.",
    "Koden 88 står för ”Heil Hitler”; 1488 och 14 ord. Dnr 2001:453, rapport 2/2019, 08-465 004 30.",
    "anna88 och covid19; 3,5 procent; 1.2.3; kl. 14.30; 2019–2020; -5; H8",
    "Våld och vald, för och for, öl och ol, hatsymboler och symboler, hat och plan.",
    "Orosanmälan: vid oro för ett barn ska en orosanmälan göras. Anmälan, oro.",
    "Stadsdelsförvaltningen, stadsdelsförvaltningarna, stad, del och förvaltning.",
    "Café, naïve, Müller, Øresund, Æble, straße, Œuvre, São Paulo, İstanbul, ΟΔΟΣ.",
    "Decomposed: a\u{30a}tervända, o\u{308}verenskommelse; ligatur ﬁnns; full-width ＡＢＣ１２３.",
    "Löst, fullt, lösningar, lösningen, möjligheterna, tydligt, vänligen, vackrast, hälsningar.",
    "E-post: vbe.skarholmen@example.stockholm.se, https://intranat.example.se/vbe?q=1#x",
    "Emoji 🙂 och kinesiska 中文字 och arabiska العربية och tamil தமிழ் blandas.",
    "Ett mycket långt ord: donaudampfschiffahrtsgesellschaftskapitänswitwenrentenversicherungsanstaltsangestelltengewerkschaft x.",
    "Vit makt-miljön, VBE-teamet, LVU-ärenden, SoL:s regler, §§ 14–15, 1:a, 2:a, 100 %.",
    "i å ö ä a e o u y — korta ord, och stoppord: alla allt att av blev bli blir de dem den.",
];

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every Markdown file of the example site, as more real Swedish text.
fn example_texts() -> Vec<String> {
    let mut files = Vec::new();
    collect_markdown(&repo().join("content"), &mut files);
    files.sort();
    files
        .iter()
        .map(|f| std::fs::read_to_string(f).expect("readable content file"))
        .collect()
}

fn collect_markdown(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("content folder") {
        let path = entry.expect("folder entry").path();
        if path.is_dir() {
            collect_markdown(&path, out);
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
}

fn run_node(input: &Value) -> Value {
    common::node_json("tests/browser/tokens.cjs", input)
}

#[test]
fn rust_and_js_pipelines_give_the_same_terms() {
    let mut texts: Vec<String> = SENTENCES.iter().map(|s| s.to_string()).collect();
    texts.extend(example_texts());
    let js = run_node(&json!({ "texts": texts }));

    let rust_tokens: Vec<Vec<String>> = texts.iter().map(|t| tokenize(t)).collect();
    let distinct: BTreeSet<&str> = rust_tokens.iter().flatten().map(String::as_str).collect();
    let vocabulary = Vocabulary::from_tokens(distinct.iter().copied());
    let mut compared = 0;
    for (i, text) in texts.iter().enumerate() {
        let js_tokens: Vec<String> = serde_json::from_value(js["tokens"][i].clone()).unwrap();
        assert_eq!(
            rust_tokens[i], js_tokens,
            "tokens differ for text {i}: {text:.80}"
        );
        let rust_terms: Vec<String> = analyze(text, Some(&vocabulary))
            .iter()
            .map(ToString::to_string)
            .collect();
        let js_terms: Vec<String> = serde_json::from_value(js["terms"][i].clone()).unwrap();
        for (r, j) in rust_terms.iter().zip(&js_terms) {
            assert_eq!(r, j, "first different term in text {i}: {text:.80}");
        }
        assert_eq!(rust_terms.len(), js_terms.len(), "term count in text {i}");
        compared += rust_terms.len();
    }
    // The example site alone has thousands of words; make sure they were all compared.
    assert!(compared > 5000, "only {compared} terms compared");
}

#[test]
fn query_forms_meet_the_indexed_forms() {
    // What people type must meet what pages say, in both pipelines (the JS side is the one that
    // runs queries; the first test shows it equals this one).
    let key = |t: &str| analyze(t, None)[0].key.clone();
    assert_eq!(key("atervandare"), key("Återvändare"));
    assert_eq!(key("återvändarna"), key("Återvändare"));
    assert_eq!(key("vald"), key("våld"));
    assert_eq!(key("handlingsplaner"), key("handlingsplanen"));
    assert_eq!(key("samordnare"), key("samordnaren"));
}

/// Queries as people type them: questions, phrases, synonyms, stop words only, codes,
/// missing accents, odd whitespace, emoji.
const QUERIES: &[&str] = &[
    "vem ringer jag om jag är orolig",
    "jag är orolig för en elev",
    "Vad gör man om man hittar nazistsymboler?",
    "vad är det",
    "och för att",
    "ska jag",
    "hemvändare",
    "Återvändarna från Syrien",
    "atervandare",
    "Säpo",
    "SÄPO:s telefonnummer",
    "säkerhetspolisen",
    "lagen om vård av unga",
    "Lagen om vården av unga och LVU",
    "vård av unga",
    "lvu-ärenden",
    "vit makt miljön",
    "vit maktmiljö",
    "88",
    "koden 1488 och 14 ord",
    "dnr 2001:453",
    "anna88",
    "orosanmälan\r\nsocialtjänsten",
    "  \t handlingsplan \u{a0} våldsbejakande\textremism  ",
    "valdsbejakande extremism",
    "Öresund åäö ÅÄÖ",
    "hjälp 🙂 snälla",
    "🙂",
    "",
    "behöver jag göra en orosanmälan",
    "finns det någon kvinnojour",
    "the rules of hate and symbols",
    "extremism extremist extremistisk",
];

/// Both kinds of entry, phrases on either side, a member written as another's inflection.
fn test_synonyms() -> Vec<Synonym> {
    let strings = |w: &[&str]| w.iter().map(|w| w.to_string()).collect::<Vec<_>>();
    let group = |w: &[&str]| Synonym {
        from: strings(w),
        to: strings(w),
    };
    let one_way = |from: &[&str], to: &[&str]| Synonym {
        from: strings(from),
        to: strings(to),
    };
    vec![
        group(&["återvändare", "hemvändare"]),
        one_way(&["Säpo"], &["Säkerhetspolisen"]),
        group(&["LVU", "lagen om vård av unga"]),
        one_way(&["vård"], &["omsorg", "vård och omsorg"]),
        group(&["vit makt", "vit makt-miljön", "nazism"]),
        one_way(&["orosanmälan"], &["anmälan om oro"]),
        group(&["VBE", "våldsbejakande extremism"]),
        one_way(&["hjälp"], &["stöd", "råd"]),
        group(&["88", "Heil Hitler"]),
        one_way(&["symboler", "symbol"], &["tecken"]),
        one_way(&["extremism"], &["extremist"]),
    ]
}

const SPLIT_KEYS: &[&str] = &[
    "nazist",
    "symbol",
    "oro",
    "anmalan",
    "kvinn",
    "jour",
    "handling",
    "plan",
    "stad",
    "del",
    "forvaltning",
    "vald",
    "bejak",
    "extremism",
    "hat",
    "brott",
    "gata",
    "barn",
    "skydd",
    "islamist",
    "polis",
    "sakerhet",
    "samordn",
    "ung",
    "arbet",
    "grupp",
    "ar",
];

const SPLIT_WORDS: &[&str] = &[
    "nazistsymboler",
    "orosanmälan",
    "kvinnojour",
    "handlingsplan",
    "handlingsplanerna",
    "stadsdelsförvaltningen",
    "våldsbejakande",
    "hatbrott",
    "gatubarn",
    "barnskydd",
    "islamistsymboler",
    "säkerhetspolisen",
    "ungdomsarbete",
    "arbetsgrupp",
    "samordnargrupp",
    "symbol",
    "planhat",
    "hatare",
    "arbetsgruppsplan",
    "x",
    "ungbarn",
];

const CANDIDATES: &[(&str, u32, Option<&str>)] = &[
    ("samordn", 3, Some("samordnare")),
    ("handlingsplan", 2, None),
    ("orolig", 5, None),
    ("jour", 4, None),
    ("hats", 3, None),
    ("hatt", 1, None),
    ("hatr", 3, None),
    ("extremism", 7, None),
    ("extremist", 7, None),
    ("atervand", 4, Some("återvändare")),
    ("sakerhetspolis", 2, None),
    ("88", 2, None),
    ("ar", 9, None),
    ("symbol", 6, None),
];

const CLOSEST_WORDS: &[&str] = &[
    "atervndaree",
    "samordnarre",
    "handlingsplna",
    "handlimgsplna",
    "hamdlimgsplna",
    "oroilg",
    "juor",
    "jxor",
    "jour",
    "hatx",
    "extremisn",
    "extremizm",
    "återvänddare",
    "säkerhetspolsien",
    "89",
    "ae",
    "symbolerna",
    "symbler",
    "samordnsre",
];

/// The first difference of two lists, naming the input it came from.
fn assert_same(what: &str, inputs: &[&str], rust: &[Value], js: &Value) {
    let js = js
        .as_array()
        .unwrap_or_else(|| panic!("node gave no {what}"));
    assert_eq!(rust.len(), js.len(), "{what}: count");
    for ((input, r), j) in inputs.iter().zip(rust).zip(js) {
        assert_eq!(r, j, "{what} differ for {input:?}:\n Rust {r}\n JS   {j}");
    }
}

#[test]
fn rust_and_js_read_queries_alike() {
    let synonym_list = test_synonyms();
    let candidates: Vec<Candidate> = CANDIDATES
        .iter()
        .map(|(key, df, word)| Candidate {
            key: key.to_string(),
            df: *df,
            word: word.map(str::to_string),
        })
        .collect();
    let js = run_node(&json!({
        "texts": [],
        "queries": QUERIES,
        "synonyms": synonyms_json(&synonym_list),
        "splits": { "keys": SPLIT_KEYS, "words": SPLIT_WORDS },
        "closest": { "candidates": candidates, "words": CLOSEST_WORDS },
    }));

    let synonyms = Synonyms::new(&synonym_list);
    let rust_units: Vec<Value> = QUERIES
        .iter()
        .map(|q| serde_json::to_value(units(q, Some(&synonyms))).unwrap())
        .collect();
    assert_same("query units", QUERIES, &rust_units, &js["units"]);
    // The synonyms were met, or the comparison above proved little.
    let widened = rust_units
        .iter()
        .flat_map(|u| u.as_array().unwrap())
        .filter(|u| u["alternatives"].as_array().unwrap().len() > 1)
        .count();
    assert!(widened >= 10, "only {widened} units had synonyms");

    let keys: BTreeSet<&str> = SPLIT_KEYS.iter().copied().collect();
    let knows = |part: &str| {
        let mut terms = Vec::new();
        analyze_token(part, None, &mut terms);
        terms.iter().any(|t| keys.contains(t.key.as_str()))
    };
    let rust_splits: Vec<Value> = SPLIT_WORDS
        .iter()
        .map(|w| json!(split_with(w, &knows)))
        .collect();
    assert_same("splits", SPLIT_WORDS, &rust_splits, &js["splits"]);
    let rust_tails: Vec<Value> = SPLIT_WORDS
        .iter()
        .map(|w| json!(tail_with(w, &knows)))
        .collect();
    assert_same("tails", SPLIT_WORDS, &rust_tails, &js["tails"]);
    let tails = rust_tails.iter().filter(|s| !s.is_null()).count();
    assert!(tails >= 5, "only {tails} words have a known tail");
    let split = rust_splits.iter().filter(|s| !s.is_null()).count();
    assert!(split >= 12, "only {split} words split");

    let rust_closest: Vec<Value> = CLOSEST_WORDS
        .iter()
        .map(|w| json!(closest(w, &candidates)))
        .collect();
    assert_same("closest", CLOSEST_WORDS, &rust_closest, &js["closest"]);
    let found = rust_closest.iter().filter(|c| !c.is_null()).count();
    assert!(found >= 8, "only {found} words had a close word");
}
