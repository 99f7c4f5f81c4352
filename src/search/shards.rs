//! Splits the index into files the browser loads on demand, each a script that calls
//! `lotsSearch.addShard({...})` (script elements load under `file://`; fetch does not).
//!
//! - `search/meta.js`: page count, collections, each page's collection, where each vocabulary
//!   file starts, and the index version. Small; loaded on the first keystroke.
//! - `search/v/N.js`: a sorted range of term keys with their document frequency, the number
//!   of the postings file that holds each, and their exact spellings when they have several.
//! - `search/p/N.js`: the page lists of a sorted range of keys (the heads of long lists).
//! - `search/t/N.js`: the tails of the long lists of `p/N.js` (see [`tiers`]).
//! - `search/d/N.js`: title, URL and snippet of a run of pages, loaded only for results shown.
//! - `search/synonyms.js`: config.yaml's `search.synonyms`, loaded with the metadata.
//!
//! Numbers are written as base-45 varints in printable ASCII, so lists stay short strings.

use serde::Serialize;
use serde_json::{json, Value};

use super::extract::{Collection, SearchDoc};
use super::index::{Entry, Index};
use super::tiers::{self, TailBound, Tiers};
use super::IndexFile;
use crate::config::Synonym;

/// Rough sizes to aim for; a single long page list may exceed its target on its own.
pub struct Targets {
    pub vocab_bytes: usize,
    pub postings_bytes: usize,
    pub doc_chunk_bytes: usize,
    /// Pages in a page list's head (see [`tiers`]).
    pub head_postings: usize,
}

pub const TARGETS: Targets = Targets {
    vocab_bytes: 6 * 1024,
    postings_bytes: 12 * 1024,
    // The ten results shown often come from ten different files, so they stay small; but
    // each file is one more to write (at 100,000 pages, 1.5 KB files were a third of the
    // site's files), and 4 KB is one disk block.
    doc_chunk_bytes: 4096,
    head_postings: tiers::HEAD_POSTINGS,
};

/// [`TARGETS`], with the head size a debug build may be given (see [`tiers::head_postings`]).
pub fn targets() -> Targets {
    Targets {
        head_postings: tiers::head_postings(),
        ..TARGETS
    }
}

/// 90 digits from printable ASCII without `"` and `\`, safe in a JS string: the first 45 end
/// a number, the last 45 continue it (least significant first).
const DIGITS: &[u8; 90] =
    b"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}";
const BASE: u32 = 45;

pub fn push_number(out: &mut String, mut n: u32) {
    while n >= BASE {
        out.push(DIGITS[(BASE + n % BASE) as usize] as char);
        n /= BASE;
    }
    out.push(DIGITS[n as usize] as char);
}

/// Reads the numbers back (for tests; the browser has its own reader).
pub fn read_numbers(text: &str) -> Vec<u32> {
    let mut numbers = Vec::new();
    let (mut value, mut scale) = (0u32, 1u32);
    for byte in text.bytes() {
        let digit = DIGITS.iter().position(|d| *d == byte).expect("a digit") as u32;
        if digit >= BASE {
            value += (digit - BASE) * scale;
            scale *= BASE;
        } else {
            numbers.push(value + digit * scale);
            value = 0;
            scale = 1;
        }
    }
    numbers
}

/// `lotsSearch.addShard(JSON);` with the two line separators JSON allows but old JS did not.
fn script(value: &impl Serialize) -> Vec<u8> {
    let json = serde_json::to_string(value).expect("index data serialises");
    let json = json
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029");
    format!("lotsSearch.addShard({json});\n").into_bytes()
}

/// Cuts a sorted run of items of the given sizes into consecutive groups of about `target`.
fn cut(sizes: impl Iterator<Item = usize>, target: usize) -> Vec<usize> {
    let mut group_of = Vec::new();
    let (mut group, mut filled) = (0, 0);
    for size in sizes {
        if filled > 0 && filled + size > target {
            group += 1;
            filled = 0;
        }
        filled += size;
        group_of.push(group);
    }
    group_of
}

/// Which file each key and page goes to, decided from the sizes of a whole build. `serve`
/// keeps it, so that an edit rewrites only the files it touched.
pub(super) struct Plan {
    /// Per entry, its postings file.
    pub postings_file: Vec<usize>,
    /// Per entry, its vocabulary file.
    pub vocab_file: Vec<usize>,
    /// Pages per docs file.
    pub per_chunk: usize,
}

/// Cuts `index` (with its encoded `lists`) and `docs` into files of about `targets`; only
/// the heads count, as the tails go in files of their own.
pub(super) fn plan(index: &Index, lists: &[Tiers], docs: &[SearchDoc], targets: &Targets) -> Plan {
    let entries = &index.entries;
    let postings_file = cut(
        entries
            .iter()
            .zip(lists)
            .map(|(e, l)| e.key.len() + l.head.len() + 6),
        targets.postings_bytes,
    );
    let vocab_file = cut(
        entries
            .iter()
            .map(|e| e.key.len() + 5 + e.variants.iter().map(|v| v.len() + 1).sum::<usize>()),
        targets.vocab_bytes,
    );
    Plan {
        postings_file,
        vocab_file,
        per_chunk: docs_per_chunk(docs, targets.doc_chunk_bytes),
    }
}

/// Every file of the index under `search/`.
pub fn write(
    index: &Index,
    docs: &[SearchDoc],
    collections: &[Collection],
    targets: &Targets,
) -> Vec<IndexFile> {
    let lists = encode_all(index, targets);
    let plan = plan(index, &lists, docs, targets);
    write_planned(index, &lists, &plan, docs, collections)
}

/// Every key's page list, in key order.
pub(super) fn encode_all(index: &Index, targets: &Targets) -> Vec<Tiers> {
    use rayon::prelude::*;
    index
        .entries
        .par_iter()
        .map(|e| tiers::encode(e, targets.head_postings))
        .collect()
}

/// Every file of the index, cut as `plan` says.
pub(super) fn write_planned(
    index: &Index,
    lists: &[Tiers],
    plan: &Plan,
    docs: &[SearchDoc],
    collections: &[Collection],
) -> Vec<IndexFile> {
    let entries = &index.entries;
    let mut files: Vec<IndexFile> = runs(&plan.postings_file)
        .flat_map(|(id, range)| {
            let lists = range.clone().map(|i| (entries[i].key.as_str(), &lists[i]));
            postings_files(id, lists)
        })
        .collect();
    let tails: Vec<Option<TailBound>> = lists.iter().map(Tiers::bound).collect();
    let mut vocab_starts = Vec::new();
    for (id, range) in runs(&plan.vocab_file) {
        vocab_starts.push(entries[range.start].key.clone());
        let slice: Vec<&Entry> = entries[range.clone()].iter().collect();
        let places = &plan.postings_file[range.clone()];
        let pages: Vec<u32> = lists[range.clone()].iter().map(|l| l.pages).collect();
        files.push(vocab_file(id, &slice, &pages, places, &tails[range]));
    }
    for (id, chunk) in docs.chunks(plan.per_chunk).enumerate() {
        files.push(docs_file(id, chunk));
    }
    let version = version(&files, "");
    files.push(meta_file(
        docs,
        collections,
        plan.per_chunk,
        vocab_starts,
        &version,
    ));
    files
}

/// The runs of equal numbers in `group_of` (which only grows): (number, positions).
fn runs(group_of: &[usize]) -> impl Iterator<Item = (usize, std::ops::Range<usize>)> + '_ {
    let mut start = 0;
    std::iter::from_fn(move || {
        let group = *group_of.get(start)?;
        let end = group_of[start..]
            .iter()
            .position(|g| *g != group)
            .map_or(group_of.len(), |n| start + n);
        let range = start..end;
        start = end;
        Some((group, range))
    })
}

/// A name for this state of the index (the browser adds it to file URLs, so that no cached
/// file of another state is used): a hash of `previous` and the files.
pub(super) fn version(files: &[IndexFile], previous: &str) -> String {
    let mut hasher = blake3::Hasher::new();
    hasher.update(previous.as_bytes());
    for file in files {
        hasher.update(file.path.as_bytes());
        hasher.update(&file.bytes);
    }
    hasher.finalize().to_hex()[..12].to_string()
}

/// `search/synonyms.js`: the site's synonyms as written in config.yaml, each `[from]` for a
/// group or `[from, to]` one way. The browser analyses them, so the index never depends on
/// them: editing the list changes this file alone.
pub fn synonyms_file(synonyms: &[Synonym]) -> IndexFile {
    IndexFile {
        path: "search/synonyms.js".into(),
        bytes: script(&json!({"type": "synonyms", "synonyms": synonyms_json(synonyms)})),
    }
}

/// The entries of `search/synonyms.js`, as the browser's `Synonyms` takes them.
pub fn synonyms_json(synonyms: &[Synonym]) -> Value {
    synonyms
        .iter()
        .map(|s| {
            if s.is_group() {
                json!([s.from])
            } else {
                json!([s.from, s.to])
            }
        })
        .collect()
}

/// One postings file, each key of a sorted run with the head of its page list, and when
/// some of them have a tail, the tails file of the same number.
pub(super) fn postings_files<'a>(
    id: usize,
    lists: impl Iterator<Item = (&'a str, &'a Tiers)>,
) -> Vec<IndexFile> {
    let (mut heads, mut tails) = (serde_json::Map::new(), serde_json::Map::new());
    for (key, list) in lists {
        heads.insert(key.to_string(), Value::from(list.head.as_str()));
        if let Some(tail) = &list.tail {
            tails.insert(key.to_string(), Value::from(tail.list.as_str()));
        }
    }
    let mut files = vec![IndexFile {
        path: format!("search/p/{id}.js"),
        bytes: script(&json!({"type": "postings", "id": id, "lists": heads})),
    }];
    if !tails.is_empty() {
        files.push(IndexFile {
            path: format!("search/t/{id}.js"),
            bytes: script(&json!({"type": "tails", "id": id, "lists": tails})),
        });
    }
    files
}

/// One vocabulary file: a sorted run of keys, the postings file of each (`postings_file`,
/// which must not decrease: it is written as gaps), and what each tail can add (its list is
/// in the tails file of the same number as the postings file).
pub(super) fn vocab_file(
    id: usize,
    slice: &[&Entry],
    pages: &[u32],
    postings_file: &[usize],
    tails: &[Option<TailBound>],
) -> IndexFile {
    let keys: Vec<&str> = slice.iter().map(|e| e.key.as_str()).collect();
    let (mut df, mut shards) = (String::new(), String::new());
    let mut previous = 0;
    for (n, shard) in pages.iter().zip(postings_file) {
        push_number(&mut df, *n);
        push_number(&mut shards, (shard - previous) as u32);
        previous = *shard;
    }
    let variants: serde_json::Map<String, Value> = slice
        .iter()
        .enumerate()
        .filter(|(_, e)| e.variants.len() > 1)
        .map(|(i, e)| (i.to_string(), Value::from(e.variants.join(" "))))
        .collect();
    let tails: serde_json::Map<String, Value> = tails
        .iter()
        .enumerate()
        .filter_map(|(i, t)| {
            let t = (*t)?;
            let mut numbers = String::new();
            for n in [t.plain, t.flagged, t.flags] {
                push_number(&mut numbers, n);
            }
            Some((i.to_string(), Value::from(numbers)))
        })
        .collect();
    IndexFile {
        path: format!("search/v/{id}.js"),
        bytes: script(&json!({
            "type": "vocab", "id": id, "keys": keys.join(" "), "df": df,
            "shards": shards, "variants": variants, "exact": exact_spellings(slice),
            "words": words_to_show(slice), "tails": tails,
        })),
    }
}

/// The one spelling of keys that have a single one unlike the key (`atervand` → `återvänd`),
/// by position, so the browser can tell an exact hit from a folded one.
fn exact_spellings(slice: &[&Entry]) -> serde_json::Map<String, Value> {
    slice
        .iter()
        .enumerate()
        .filter(|(_, e)| e.variants.len() == 1 && e.variants[0] != e.key)
        .map(|(i, e)| (i.to_string(), Value::from(e.variants[0].as_str())))
        .collect()
}

/// The word to show for keys whose exact spelling is not a whole word (`återvänd` →
/// `återvändare`), by position.
fn words_to_show(slice: &[&Entry]) -> serde_json::Map<String, Value> {
    slice
        .iter()
        .enumerate()
        .filter_map(|(i, e)| {
            let word = e.word.as_deref()?;
            (e.variants.first().map(String::as_str) != Some(word))
                .then(|| (i.to_string(), Value::from(word)))
        })
        .collect()
}

/// One docs file: title, URL and snippet of a run of pages.
pub(super) fn docs_file(id: usize, chunk: &[SearchDoc]) -> IndexFile {
    let rows: Vec<[&str; 3]> = chunk
        .iter()
        .map(|d| [d.title.as_str(), d.url.as_str(), d.snippet.as_str()])
        .collect();
    IndexFile {
        path: format!("search/d/{id}.js"),
        bytes: script(&json!({"type": "docs", "id": id, "docs": rows})),
    }
}

fn docs_per_chunk(docs: &[SearchDoc], target: usize) -> usize {
    let total: usize = docs
        .iter()
        .map(|d| d.title.len() + d.url.len() + d.snippet.len() + 12)
        .sum();
    let average = (total / docs.len().max(1)).max(1);
    (target / average).clamp(1, 64)
}

/// `search/meta.js`: what the browser loads first.
pub(super) fn meta_file(
    docs: &[SearchDoc],
    collections: &[Collection],
    per_chunk: usize,
    vocab_starts: Vec<String>,
    version: &str,
) -> IndexFile {
    // Each page's collection, for the filter chips, as runs of (collection, page count):
    // pages are numbered in key order, so a collection's pages mostly follow each other.
    let mut runs = String::new();
    let mut i = 0;
    while i < docs.len() {
        let collection = docs[i].collection;
        let length = docs[i..]
            .iter()
            .take_while(|d| d.collection == collection)
            .count();
        push_number(&mut runs, collection as u32);
        push_number(&mut runs, length as u32);
        i += length;
    }
    let names: Vec<&str> = collections.iter().map(|c| c.title.as_str()).collect();
    let meta = json!({
        "type": "meta", "version": version, "docs": docs.len(), "chunk": per_chunk,
        "collections": names, "collectionRuns": runs,
        "vocab": vocab_starts,
    });
    IndexFile {
        path: "search/meta.js".into(),
        bytes: script(&meta),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_round_trip() {
        let mut text = String::new();
        let numbers = [0, 1, 44, 45, 46, 2024, 2025, 91124, 91125, 10_000_000];
        for n in numbers {
            push_number(&mut text, n);
        }
        assert_eq!(read_numbers(&text), numbers);
        assert!(!text.contains(['"', '\\']));
        let mut small = String::new();
        push_number(&mut small, 44);
        assert_eq!(small.len(), 1);
    }

    #[test]
    fn cuts_into_groups_near_the_target() {
        assert_eq!(cut([4, 4, 4, 4, 20, 1].into_iter(), 10), [0, 0, 1, 1, 2, 3]);
        assert_eq!(cut(std::iter::empty(), 10), Vec::<usize>::new());
    }
}
