//! Long page lists are cut into a head (the best pages, loaded with the key) and a tail
//! (loaded only when needed). A site built with tiny heads (`LOTS_SEARCH_HEAD`, debug builds)
//! must rank every query's first results exactly as the same site without tails, through the
//! browser's engine under node; and the heads alone must answer some queries.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::{json, Value};

/// Common words (on most pages), middling ones and rare ones, so that queries mix lists of
/// every length.
const COMMON: &[&str] = &["samordnare", "skolan", "socialtjänsten", "rutin", "oro"];
const MIDDLING: &[&str] = &[
    "polisen",
    "återvändare",
    "föräldrar",
    "kontakt",
    "stöd",
    "möte",
];
const RARE: &[&str] = &["symboler", "radikalisering", "handlingsplan", "nätverk"];

const QUERIES: &[&str] = &[
    "samordnare",
    "skolan",
    "samordnare skolan",
    "socialtjänsten rutin oro",
    "polisen",
    "återvändare skolan",
    "symboler",
    "symboler samordnare",
    "handlingsplan oro",
    "samo",
    "soc",
    "samordnre",
    "stöd till föräldrar",
    "möte polisen kontakt",
];

/// A small deterministic generator (no crate needed for a fixture).
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

fn write_site(site: &common::Site) {
    let mut random = Lcg(7);
    for page in 0..160 {
        let mut words = Vec::new();
        let length = 8 + random.below(40);
        for _ in 0..length {
            let word = match random.below(10) {
                0..=5 => COMMON[random.below(COMMON.len())],
                6..=8 => MIDDLING[random.below(MIDDLING.len())],
                _ if random.below(4) == 0 => RARE[random.below(RARE.len())],
                _ => "och",
            };
            words.push(word);
        }
        let title = format!(
            "Sida {page} om {}",
            [COMMON, MIDDLING, RARE][random.below(3)][random.below(4)]
        );
        site.write(
            &format!("content/sida-{page}.md"),
            format!("---\ntitle: \"{title}\"\n---\n\n{}.\n", words.join(" ")),
        );
    }
}

fn answers(site: &Path) -> Vec<Value> {
    let answers = common::node_json(
        "tests/browser/engine.cjs",
        &json!({ "site": site, "queries": QUERIES, "complete": true }),
    );
    serde_json::from_value(answers).expect("node prints a list of answers")
}

fn urls(results: &Value) -> Vec<&str> {
    results
        .as_array()
        .expect("results")
        .iter()
        .map(|r| r["url"].as_str().expect("url"))
        .collect()
}

#[test]
fn heads_decide_the_first_results_or_the_tails_are_loaded() {
    let site = common::fixture("minimal");
    write_site(&site);
    let whole = site.build_ok(&[]);
    assert!(
        !whole.out.join("search/t").exists(),
        "lists shorter than the default head have no tails"
    );
    let tiered_out = site.beside("tiered");
    let tiered = common::run_lots_with_env(
        &[
            "build".into(),
            "--output".into(),
            tiered_out.display().to_string(),
        ],
        &site.root,
        tiered_out.clone(),
        &[("LOTS_SEARCH_HEAD", "12")],
    );
    tiered.assert_success();
    assert!(
        tiered.out.join("search/t").is_dir(),
        "heads of 12 pages leave tails"
    );

    let (expected, got) = (answers(&whole.out), answers(&tiered.out));
    let (mut decided, mut loaded_tails) = (0, 0);
    for (want, have) in expected.iter().zip(&got) {
        let query = have["query"].as_str().unwrap();
        let (want_all, have_first) = (urls(&want["results"]), urls(&have["results"]));
        assert!(
            want["partial"] == false,
            "no tails, nothing partial: {want}"
        );
        let n = want_all.len().min(10);
        assert_eq!(
            &have_first[..n.min(have_first.len())],
            &want_all[..n],
            "{query}: the first results must not depend on the tails"
        );
        // After `complete`, every page, in the same order.
        assert_eq!(urls(&have["whole"]), want_all, "{query}: completed");
        let loaded: Vec<&str> = have["loaded"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f.as_str().unwrap())
            .collect();
        let tails = loaded.iter().any(|f| f.starts_with("t/"));
        if have["partial"] == true {
            assert!(
                !tails,
                "{query}: a partial answer loaded no tail: {loaded:?}"
            );
            let all: BTreeSet<&str> = want_all.iter().copied().collect();
            assert!(
                have_first.iter().all(|u| all.contains(u)),
                "{query}: a partial answer lists only pages that match"
            );
            decided += 1;
        }
        loaded_tails += usize::from(tails);
    }
    assert!(
        decided >= 3,
        "the heads alone should answer several of these queries ({decided})"
    );
    assert!(
        loaded_tails >= 1,
        "some query needs a tail (a rare word beside a common one)"
    );
}
