//! The inverted index: for every term key, the pages that contain it with one small score each.
//!
//! Instead of storing term frequencies per field (what makes a single elasticlunr index
//! huge), each (term, page) pair gets one score from 1 to 31, computed here BM25F-style from
//! the field weights, plus flags for title and keyword hits; the browser multiplies it by the
//! term's rarity. That keeps a posting at two or three bytes.
//!
//! Work is done once per distinct token of the site, not per occurrence: pages are tokenized
//! in parallel into numbered tokens (`tokens`), every distinct token is analysed once (stem,
//! fold, compound parts against the site's own words), then each page sums its tokens' terms.
//!
//! Why not elasticlunr-rs's own `Index`: it keeps every field's frequencies and the documents
//! in one JSON, the 337 MB single file Zola writes at 10,000 pages. Its Swedish pipeline is
//! what this index uses (`pipeline`), so the browser can read it with lunr-languages' Swedish.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use rayon::prelude::*;

use super::counts::{Counted, PageCounts, RunCounts};
use super::extract::{Field, SearchDoc, FIELD_COUNT};
use super::pipeline::{self, Kind, Term, Vocabulary};
use super::scored::{self, ScoredRun};
use super::tiers::{self, Tiers};
use super::tokens::{self, FastMap};

/// Field weights, in `Field` order: title, keywords, tags, fields, description, headings, body.
const BOOSTS: [f32; FIELD_COUNT] = [8.0, 6.0, 3.0, 2.0, 2.0, 2.0, 1.0];
/// How much a field's length dampens its counts (BM25's b); short fields hardly.
const LENGTH_NORM: [f32; FIELD_COUNT] = [0.3, 0.3, 0.3, 0.5, 0.75, 0.75, 0.75];
/// BM25's k1: how quickly repeating a word stops adding to its score.
const K1: f32 = 1.2;
/// A compound part counts half as much as the word itself.
const PART_WEIGHT: f32 = 0.5;
pub const MAX_SCORE: u32 = 31;

/// Flags above the 5 score bits of a posting value.
pub const FLAG_TITLE: u32 = 1 << 5;
pub const FLAG_KEYWORD: u32 = 2 << 5;
/// The title, or one keyword, is this word alone (`88`, `Återvändare`).
pub const FLAG_NAME: u32 = 4 << 5;
/// Variants past this share the last bit of the mask.
pub(super) const MAX_VARIANT_BITS: usize = 30;

/// One page's entry in a term's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posting {
    pub doc: u32,
    /// Score (1–31) and flags.
    pub value: u32,
    /// Which of the term's exact spellings the page has (bit i = `variants[i]`); 0 when the
    /// term has only one.
    pub variants: u32,
}

/// A term key with its exact spellings and pages.
pub struct Entry {
    pub key: String,
    pub variants: Vec<String>,
    pub postings: Vec<Posting>,
    /// A whole word of the site with this key, to show in "Menade du …?" (a stem is not one).
    pub word: Option<String>,
}

impl Entry {
    /// Offers a token the key came from as the word to show; it is taken when it is a whole
    /// word and `more_common` than the one held, or as common and shorter (most often the
    /// base form: `återvändare` before `återvändarna`), or first in order. Says if it was.
    pub(super) fn offer_word(&mut self, token: &str, kind: Kind, more_common: bool) -> bool {
        if kind != Kind::Word || !token.chars().all(char::is_alphabetic) {
            return false;
        }
        let better = more_common
            || self
                .word
                .as_deref()
                .is_none_or(|had| (token.chars().count(), token) < (had.chars().count(), had));
        if better {
            self.word = Some(token.to_string());
        }
        better
    }
}

/// The whole index, entries sorted by key.
pub struct Index {
    pub entries: Vec<Entry>,
}

/// A term of a token, by key number and spelling number.
#[derive(Clone, Copy)]
pub(super) struct TermRef {
    pub key: u32,
    pub variant: u32,
    pub kind: Kind,
}

/// What scoring one page needs from the whole site: the words compounds are split against
/// and each field's average length. `serve` keeps it to score an edited page on its own.
pub(super) struct Context {
    pub vocabulary: Vocabulary,
    pub averages: [f32; FIELD_COUNT],
}

/// Every key in order, with its exact spellings and the word to show for it.
type Keys = Vec<Entry>;

/// Every distinct token analysed once; returns the sorted keys with their spellings and,
/// per token number, its terms as numbers.
fn analyse_tokens(tokens: &[Cow<str>], vocabulary: &Vocabulary) -> (Keys, Vec<Vec<TermRef>>) {
    let analysed: Vec<Vec<Term>> = tokens
        .par_iter()
        .map(|token| {
            let mut terms = Vec::new();
            pipeline::analyze_token(token, Some(vocabulary), &mut terms);
            terms
        })
        .collect();
    let mut spellings: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for term in analysed.iter().flatten() {
        spellings.entry(&term.key).or_default().insert(&term.exact);
    }
    let keys: Keys = spellings
        .iter()
        .map(|(k, v)| Entry {
            key: k.to_string(),
            variants: v.iter().map(|s| s.to_string()).collect(),
            postings: Vec::new(),
            word: None,
        })
        .collect();
    let numbers: HashMap<&str, (u32, &BTreeSet<&str>)> = spellings
        .iter()
        .enumerate()
        .map(|(i, (k, v))| (*k, (i as u32, v)))
        .collect();
    let refs = analysed
        .iter()
        .map(|terms| {
            terms
                .iter()
                .map(|t| {
                    let (key, variants) = numbers[t.key.as_str()];
                    let variant = variants.iter().position(|v| *v == t.exact).unwrap_or(0);
                    TermRef {
                        key,
                        variant: variant.min(MAX_VARIANT_BITS) as u32,
                        kind: t.kind,
                    }
                })
                .collect::<Vec<TermRef>>()
        })
        .collect::<Vec<_>>();
    (keys, refs)
}

/// Gives each key the word to show for it: of the whole words with that key, the one on the
/// most pages (`återvändare` rather than `återvända`), then the shorter, then the first.
fn choose_words(keys: &mut [Entry], tokens: &[Cow<str>], refs: &[Vec<TermRef>], docs: &Counted) {
    let mut pages_with = vec![0u32; tokens.len()];
    for doc in docs.pages() {
        doc.for_each(|token, _| pages_with[token as usize] += 1);
    }
    let mut best = vec![0u32; keys.len()];
    for ((token, terms), pages) in tokens.iter().zip(refs).zip(pages_with) {
        for term in terms {
            let key = term.key as usize;
            if pages >= best[key] && keys[key].offer_word(token, term.kind, pages > best[key]) {
                best[key] = pages;
            }
        }
    }
}

/// Builds the index of `docs` (document numbers are their positions).
pub fn build(docs: &[SearchDoc]) -> Index {
    build_with_context(docs).0
}

/// The index, and the context its pages were scored in.
pub(super) fn build_with_context(docs: &[SearchDoc]) -> (Index, Context) {
    let (tokens, tokenized) = tokens::tokenize_all(docs);
    from_tokens(&tokens, tokenized)
}

/// [`build_with_context`] from the pages' tokens ([`tokens::tokenize_all`]).
pub(super) fn from_tokens(tokens: &[Cow<str>], tokenized: Counted) -> (Index, Context) {
    let Scored {
        keys,
        runs,
        context,
    } = score(tokens, tokenized);
    let spelled = |key: u32| keys[key as usize].variants.len() > 1;
    let postings = scored::all_lists(runs, keys.len(), spelled);
    let entries = keys
        .into_iter()
        .zip(postings)
        .map(|(entry, postings)| Entry { postings, ..entry })
        .collect();
    (Index { entries }, context)
}

/// How many postings a build holds at once while it encodes the lists: 96 MB of them.
pub(super) const POSTINGS_AT_ONCE: u64 = 8 << 20;

/// The index of a build, which nothing changes after it is written: every key with its list
/// encoded ([`tiers::encode`]), its entry without postings. The lists are made a range of
/// keys at a time, so that only one range's postings are held, at most `postings_at_once`
/// ([`POSTINGS_AT_ONCE`]; at 100,000 pages all of them were 31 million postings, 370 MB).
pub(super) fn encoded_from_tokens(
    tokens: &[Cow<str>],
    tokenized: Counted,
    head_postings: usize,
    postings_at_once: u64,
) -> (Index, Vec<Tiers>) {
    let Scored { mut keys, runs, .. } = score(tokens, tokenized);
    let spelled: Vec<bool> = keys.iter().map(|k| k.variants.len() > 1).collect();
    let spelled = |key: u32| spelled[key as usize];
    let df = scored::document_frequencies(&runs, keys.len(), spelled);
    let ranges = scored::key_ranges(&df, postings_at_once);
    let parts = scored::split(runs, &ranges, spelled);
    let mut lists = Vec::with_capacity(keys.len());
    for (range, parts) in ranges.into_iter().zip(parts) {
        let postings = parts.into_lists(range.clone(), &df, spelled);
        let encoded: Vec<Tiers> = keys[range]
            .par_iter_mut()
            .zip(postings)
            .map(|(entry, postings)| {
                entry.postings = postings;
                let list = tiers::encode(entry, head_postings);
                entry.postings = Vec::new();
                list
            })
            .collect();
        lists.extend(encoded);
    }
    (Index { entries: keys }, lists)
}

/// The site's keys and every page's scores, packed, with what they were scored in.
struct Scored {
    keys: Keys,
    runs: Vec<ScoredRun>,
    context: Context,
}

fn score(tokens: &[Cow<str>], tokenized: Counted) -> Scored {
    let vocabulary = Vocabulary::from_tokens(tokens.iter().map(|t| t.as_ref()));
    let (mut keys, refs) = analyse_tokens(tokens, &vocabulary);
    choose_words(&mut keys, tokens, &refs, &tokenized);
    let averages = average_lengths(&tokenized);
    let spelled = |key: u32| keys[key as usize].variants.len() > 1;
    // Each run's counts go as its pages are scored, and the scores stay packed until they are
    // sorted into the keys' lists.
    let runs: Vec<ScoredRun> = tokenized
        .into_runs()
        .into_par_iter()
        .map(|run| score_run(&run, &refs, &averages, spelled))
        .collect();
    Scored {
        keys,
        runs,
        context: Context {
            vocabulary,
            averages,
        },
    }
}

/// One run's pages scored ([`score_doc`]), packed.
fn score_run(
    run: &RunCounts,
    refs: &[Vec<TermRef>],
    averages: &[f32; FIELD_COUNT],
    spelled: impl Fn(u32) -> bool + Copy,
) -> ScoredRun {
    let mut scored = ScoredRun::default();
    for doc in run.pages() {
        scored.push_page(&score_doc(&doc, refs, averages, spelled), spelled);
    }
    scored.shrink_to_fit();
    scored
}

fn average_lengths(docs: &Counted) -> [f32; FIELD_COUNT] {
    let mut sums = [0f64; FIELD_COUNT];
    let mut present = [0u32; FIELD_COUNT];
    for doc in docs.pages() {
        for f in 0..FIELD_COUNT {
            if doc.lengths[f] > 0 {
                sums[f] += f64::from(doc.lengths[f]);
                present[f] += 1;
            }
        }
    }
    let mut averages = [1f32; FIELD_COUNT];
    for f in 0..FIELD_COUNT {
        if present[f] > 0 {
            averages[f] = (sums[f] / f64::from(present[f])).max(1.0) as f32;
        }
    }
    averages
}

/// What one page adds up for one key.
#[derive(Default)]
struct Sum {
    weight: f32,
    flags: u32,
    variants: u32,
}

/// The page's (key, value, variant mask) triples, by key; `spelled` tells the keys with
/// several spellings (the others get no mask).
pub(super) fn score_doc(
    doc: &PageCounts,
    refs: &[Vec<TermRef>],
    averages: &[f32; FIELD_COUNT],
    spelled: impl Fn(u32) -> bool,
) -> Vec<(u32, u32, u32)> {
    let mut norms = [1f32; FIELD_COUNT];
    for f in 0..FIELD_COUNT {
        let ratio = doc.lengths[f] as f32 / averages[f];
        norms[f] = 1.0 - LENGTH_NORM[f] + LENGTH_NORM[f] * ratio;
    }
    let mut sums: FastMap<u32, Sum> =
        FastMap::with_capacity_and_hasher(doc.distinct() * 3 / 2, Default::default());
    doc.for_each(|token, counts| {
        let is_name = doc.is_name(token);
        for term in &refs[token as usize] {
            let sum = sums.entry(term.key).or_default();
            let part = term.kind == Kind::Part;
            let scale = if part { PART_WEIGHT } else { 1.0 };
            for f in 0..FIELD_COUNT {
                if counts[f] > 0 {
                    sum.weight += scale * BOOSTS[f] * f32::from(counts[f]) / norms[f];
                }
            }
            if !part {
                if counts[Field::Title as usize] > 0 {
                    sum.flags |= FLAG_TITLE;
                }
                if counts[Field::Keywords as usize] > 0 {
                    sum.flags |= FLAG_KEYWORD;
                }
                if is_name {
                    sum.flags |= FLAG_NAME;
                }
            }
            sum.variants |= 1 << term.variant;
        }
    });
    let mut out: Vec<(u32, u32, u32)> = sums
        .into_iter()
        .map(|(key, sum)| {
            let saturated = sum.weight / (K1 + sum.weight);
            let score = ((saturated * MAX_SCORE as f32).round() as u32).clamp(1, MAX_SCORE);
            let variants = if spelled(key) { sum.variants } else { 0 };
            (key, score | sum.flags, variants)
        })
        .collect();
    out.sort_unstable_by_key(|t| t.0);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::search::extract::test_doc as doc;

    fn entry<'a>(index: &'a Index, key: &str) -> &'a Entry {
        index
            .entries
            .iter()
            .find(|e| e.key == key)
            .unwrap_or_else(|| panic!("no key {key}"))
    }

    #[test]
    fn postings_carry_flags_and_spellings() {
        let docs = [
            doc("Våld i nära relationer", "Om våld."),
            doc("Vald ledamot", "Hon blev vald för att hon arbetar mot hat."),
            doc("88", "Sifferkod. Hatsymboler och symboler."),
        ];
        let index = build(&docs);
        let vald = entry(&index, "vald");
        assert_eq!(vald.variants, ["vald", "våld"]);
        assert_eq!(vald.postings.len(), 2);
        assert_eq!(vald.postings[0].variants, 0b10);
        assert_eq!(vald.postings[1].variants, 0b01);
        assert!(vald.postings.iter().all(|p| p.value & FLAG_TITLE != 0));
        let code = entry(&index, "88");
        assert_eq!(code.postings[0].doc, 2);
        assert_ne!(code.postings[0].value & FLAG_NAME, 0);
        // `hatsymboler` is split against the site's words `hat` and `symboler`.
        let symbol = entry(&index, "symbol");
        assert_eq!(symbol.postings.len(), 1);
        let hat = entry(&index, "hat");
        assert_eq!(
            hat.postings.iter().map(|p| p.doc).collect::<Vec<_>>(),
            [1, 2]
        );
        // Stop words stay, under their folded key.
        assert_eq!(entry(&index, "for").variants, ["för"]);
    }

    #[test]
    fn title_hits_score_higher_than_body_hits() {
        let docs = [
            doc("Rutin vid oro", "Text."),
            doc("Annat", "Oro nämns här."),
        ];
        let index = build(&docs);
        let oro = entry(&index, "oro");
        let score = |i: usize| oro.postings[i].value & MAX_SCORE;
        assert!(score(0) > score(1), "{} vs {}", score(0), score(1));
    }

    /// What one encoded list says, to compare lists made apart.
    fn said(list: &Tiers) -> (u32, String, Option<(String, tiers::TailBound)>) {
        let tail = list.tail.as_ref().map(|t| (t.list.clone(), t.bound));
        (list.pages, list.head.clone(), tail)
    }

    #[test]
    fn lists_made_a_few_keys_at_a_time_are_the_lists_made_at_once() {
        let docs: Vec<_> = (0..40)
            .map(|i| {
                let body = format!("Oro och våld {i}. Vald ledamot, hatsymboler och symboler.");
                doc(if i % 3 == 0 { "Rutin vid oro" } else { "Annat" }, &body)
            })
            .collect();
        let whole = |at_once| {
            let (tokens, counts) = tokens::tokenize_all(&docs);
            let (index, lists) = encoded_from_tokens(&tokens, counts, 5, at_once);
            let keys: Vec<String> = index.entries.iter().map(|e| e.key.clone()).collect();
            (keys, lists.iter().map(said).collect::<Vec<_>>())
        };
        let (keys, at_once) = whole(u64::MAX);
        assert!(scored::key_ranges(&[40, 40, 1, 39], 41).len() == 3);
        assert_eq!(whole(41), (keys.clone(), at_once.clone()));
        assert_eq!(whole(1), (keys.clone(), at_once.clone()));
        // And they are what the whole index encodes.
        let index = build(&docs);
        let each: Vec<_> = index
            .entries
            .iter()
            .map(|e| said(&tiers::encode(e, 5)))
            .collect();
        assert_eq!(at_once, each);
        assert!(at_once.iter().any(|(_, _, tail)| tail.is_some()));
    }
}
