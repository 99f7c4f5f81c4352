//! Patching the live index, checked the way the browser reads the files: `meta.js` names the
//! vocabulary file of a key, that file names its postings file, which holds its page list.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::*;
use crate::search::shards::read_numbers;

/// Small files, so that a handful of pages makes several of each kind.
const SMALL: Targets = Targets {
    vocab_bytes: 60,
    postings_bytes: 40,
    doc_chunk_bytes: 40,
    // Lists of more than one page get tails (heads may grow to 4 pages of equal rank).
    head_postings: 1,
};

fn doc(title: &str, body: &str) -> SearchDoc<'static> {
    let mut doc = extract::test_doc(title, body);
    doc.url = format!("{}/index.html", title.to_lowercase());
    doc.snippet = body.into();
    doc
}

fn collections() -> Vec<Collection> {
    vec![Collection {
        key: "_index.md".into(),
        title: "Start".into(),
    }]
}

fn live(docs: Vec<SearchDoc<'static>>) -> (LiveIndex, Vec<IndexFile>) {
    let pages = (0..docs.len()).map(|i| format!("sida-{i}.md")).collect();
    LiveIndex::from_docs(pages, Vec::new(), collections(), docs, &SMALL)
}

fn keys_of(word: &str) -> BTreeSet<String> {
    pipeline::analyze(word, None)
        .into_iter()
        .map(|t| t.key)
        .collect()
}

/// The served search files, by path.
#[derive(Clone)]
struct Served(BTreeMap<String, Vec<u8>>);

impl Served {
    fn new(files: &[IndexFile]) -> Served {
        let mut served = Served(BTreeMap::new());
        served.apply(files);
        served
    }

    fn apply(&mut self, files: &[IndexFile]) {
        for file in files {
            self.0.insert(file.path.clone(), file.bytes.clone());
        }
    }

    fn json(&self, path: &str) -> Value {
        let text = std::str::from_utf8(&self.0[path]).expect("UTF-8");
        let inner = text
            .strip_prefix("lotsSearch.addShard(")
            .and_then(|t| t.strip_suffix(");\n"))
            .expect("a shard script");
        serde_json::from_str(inner).expect("JSON")
    }

    /// Where the browser finds `key`: (vocabulary file, position in it).
    fn find(&self, key: &str) -> Option<(usize, usize)> {
        let meta = self.json("search/meta.js");
        let starts: Vec<&str> = meta["vocab"]
            .as_array()
            .expect("starts")
            .iter()
            .map(|s| s.as_str().expect("a key"))
            .collect();
        let file = starts.iter().rposition(|s| *s <= key).unwrap_or(0);
        let vocab = self.json(&format!("search/v/{file}.js"));
        let keys = vocab["keys"].as_str().expect("keys");
        let at = keys.split(' ').position(|k| k == key)?;
        Some((file, at))
    }

    /// The postings file of `key` and its encoded head and tail, found as the browser finds
    /// them (the tail in the tails file of the same number, when the vocabulary names one).
    fn list(&self, key: &str) -> Option<(usize, String)> {
        let (shard, head, tail) = self.tiers(key)?;
        Some((shard, format!("{head}|{}", tail.unwrap_or_default())))
    }

    fn tiers(&self, key: &str) -> Option<(usize, String, Option<String>)> {
        let (file, at) = self.find(key)?;
        let vocab = self.json(&format!("search/v/{file}.js"));
        let shard: u32 = read_numbers(vocab["shards"].as_str().expect("shards"))[..=at]
            .iter()
            .sum();
        let postings = self.json(&format!("search/p/{shard}.js"));
        let head = postings["lists"][key].as_str().expect("the key's list");
        let tail = vocab["tails"].get(at.to_string()).map(|_| {
            let tails = self.json(&format!("search/t/{shard}.js"));
            tails["lists"][key]
                .as_str()
                .expect("the key's tail")
                .to_string()
        });
        Some((shard as usize, head.to_string(), tail))
    }

    /// The pages that list `key`.
    fn pages_of(&self, key: &str) -> Option<Vec<u32>> {
        let (file, at) = self.find(key)?;
        let vocab = self.json(&format!("search/v/{file}.js"));
        let step = if vocab["variants"].get(at.to_string()).is_some() {
            3
        } else {
            2
        };
        let (_, head, tail) = self.tiers(key)?;
        let mut pages = Vec::new();
        for list in [Some(head), tail].into_iter().flatten() {
            let mut doc = 0;
            pages.extend(read_numbers(&list).iter().step_by(step).map(|gap| {
                doc += gap;
                doc
            }));
        }
        pages.sort_unstable();
        let df = read_numbers(vocab["df"].as_str().expect("df"))[at];
        assert_eq!(pages.len() as u32, df, "{key}: document frequency");
        Some(pages)
    }

    /// Every key of every vocabulary file with its encoded list.
    fn lists(&self) -> BTreeMap<String, String> {
        let meta = self.json("search/meta.js");
        let count = meta["vocab"].as_array().expect("starts").len();
        let mut all = BTreeMap::new();
        for file in 0..count {
            let vocab = self.json(&format!("search/v/{file}.js"));
            for key in vocab["keys"].as_str().expect("keys").split(' ') {
                if !key.is_empty() {
                    all.insert(key.to_string(), self.list(key).expect("listed").1);
                }
            }
        }
        all
    }
}

fn docs() -> Vec<SearchDoc<'static>> {
    vec![
        doc("Rutin vid oro", "Kontakta kommunen om oro uppstår."),
        doc("Koder", "Koden 88 och kommunen. Samordnaren vet mer."),
        doc("Samordnare", "Vem är samordnaren?"),
        doc("Hat", "Hatbrott anmäls till polisen."),
    ]
}

#[test]
fn starts_as_the_files_a_build_writes() {
    let pages = docs();
    let built = shards::write(&index::build(&pages), &pages, &collections(), &SMALL);
    let (_, files) = live(docs());
    let paths = |files: &[IndexFile]| files.iter().map(|f| f.path.clone()).collect::<Vec<_>>();
    assert_eq!(paths(&files), paths(&built));
    assert!(
        files.iter().any(|f| f.path.starts_with("search/t/")),
        "some lists have tails"
    );
    for (a, b) in files.iter().zip(&built) {
        assert_eq!(a.bytes, b.bytes, "{}", a.path);
    }
}

#[test]
fn an_edit_rewrites_only_the_files_of_its_keys() {
    let (mut live, files) = live(docs());
    let before = Served::new(&files);
    // A word can have two keys (the stem folded, and the folded word stemmed).
    let (kommun, zebra) = (keys_of("kommunen"), keys_of("Zebrafinkmarkör"));
    for key in &kommun {
        assert_eq!(before.pages_of(key), Some(vec![0, 1]), "{key}");
    }
    for key in &zebra {
        assert_eq!(before.pages_of(key), None, "{key}");
    }
    let postings_files = before.0.keys().filter(|p| p.contains("/p/")).count();
    assert!(postings_files > 4, "{postings_files} postings files");

    // One word for another: the body keeps its length, so no other key of the page changes.
    let edited = doc(
        "Koder",
        "Koden 88 och Zebrafinkmarkör. Samordnaren vet mer.",
    );
    let changed = live.update_docs(vec![(1, edited)]);
    let mut after = before.clone();
    after.apply(&changed);
    let mut expected = BTreeSet::from([
        format!("search/d/{}.js", 1 / live.per_chunk),
        "search/meta.js".to_string(),
    ]);
    for (key, served, pages) in kommun
        .iter()
        .map(|k| (k, &before, vec![0]))
        .chain(zebra.iter().map(|k| (k, &after, vec![1])))
    {
        assert_eq!(after.pages_of(key), Some(pages), "{key}");
        expected.insert(format!(
            "search/v/{}.js",
            served.find(key).expect("found").0
        ));
        expected.insert(format!(
            "search/p/{}.js",
            served.list(key).expect("listed").0
        ));
    }
    let paths: BTreeSet<String> = changed.iter().map(|f| f.path.clone()).collect();
    assert_eq!(paths, expected);
    let version = |served: &Served| served.json("search/meta.js")["version"].clone();
    assert_ne!(version(&after), version(&before));
    let (mut old, mut new) = (before.lists(), after.lists());
    for key in &kommun {
        assert!(old.remove(key).is_some() && new.remove(key).is_some());
    }
    for key in &zebra {
        assert!(new.remove(key).is_some());
    }
    assert_eq!(old, new, "every other key's list is as it was");

    // And back: the new keys go away, and every list is the whole build's again.
    let changed = live.update_docs(vec![(1, docs().swap_remove(1))]);
    after.apply(&changed);
    for key in &zebra {
        assert_eq!(after.find(key), None, "{key}");
    }
    assert_eq!(after.lists(), before.lists());
    // A page read again with the same text changes no file.
    assert!(live
        .update_docs(vec![(1, docs().swap_remove(1))])
        .is_empty());
}

#[test]
fn a_key_before_every_other_starts_the_first_file() {
    let (mut live, files) = live(docs());
    let mut served = Served::new(&files);
    let changed = live.update_docs(vec![(2, doc("Samordnare", "Vem är 0000?"))]);
    served.apply(&changed);
    assert_eq!(served.json("search/meta.js")["vocab"][0], "0000");
    assert_eq!(served.pages_of("0000"), Some(vec![2]));
    assert!(changed.iter().any(|f| f.path == "search/p/0.js"));
}

#[test]
fn a_second_spelling_gives_the_others_their_mask() {
    let (mut live, files) = live(docs());
    let mut served = Served::new(&files);
    let oro = "oro";
    // `Orö` folds to the key of `oro`, which had one spelling.
    let changed = live.update_docs(vec![(3, doc("Hat", "Hatbrott anmäls till Orö."))]);
    served.apply(&changed);
    assert_eq!(served.pages_of(oro), Some(vec![0, 3]));
    let (file, at) = served.find(oro).expect("oro");
    let vocab = served.json(&format!("search/v/{file}.js"));
    assert_eq!(vocab["variants"][at.to_string()], "oro orö");
    let numbers = read_numbers(&served.list(oro).expect("oro").1);
    assert_eq!(
        (numbers[2], numbers[5]),
        (0b01, 0b10),
        "each page's spelling"
    );
}
