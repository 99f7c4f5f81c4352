//! The browser's search pipeline (themes/lots/static/search/pipeline.js, run by node) must turn
//! text into exactly the terms the Rust index was built with: same tokens, same stop words,
//! same Snowball stems, same folding, same compound parts.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use lots::search::pipeline::{analyze, tokenize, Vocabulary};

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

fn run_node(texts: &[String]) -> serde_json::Value {
    let script = repo().join("tests/browser/tokens.cjs");
    let mut child = Command::new("node")
        .arg(&script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run `node` ({e}); install Node.js to run this test"));
    let input = serde_json::json!({ "texts": texts }).to_string();
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write to node");
    let output = child.wait_with_output().expect("node finishes");
    assert!(output.status.success(), "node {} failed", script.display());
    serde_json::from_slice(&output.stdout).expect("node prints JSON")
}

#[test]
fn rust_and_js_pipelines_give_the_same_terms() {
    let mut texts: Vec<String> = SENTENCES.iter().map(|s| s.to_string()).collect();
    texts.extend(example_texts());
    let js = run_node(&texts);

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
