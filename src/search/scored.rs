//! The pages' scores between scoring and the keys' lists. Scoring goes page by page and the
//! lists go key by key; in between, the scores are held packed as varints (about 3 bytes a
//! posting, where a [`Posting`] takes 12), and a build turns them into lists a range of keys at
//! a time, so that only one range's postings are ever unpacked.
//!
//! The scores are regrouped by range in one pass over them ([`split`]): reading every page's
//! scores once per range instead made that step grow as the square of the site (at 100,000
//! pages, four ranges, each a pass over 31 million postings on one core).

use std::ops::Range;

use rayon::prelude::*;

use super::counts::{push_varint, read_varint};
use super::index::Posting;

/// One run's pages scored, packed: per page its number of keys, then per key the gap from the
/// key before, its value and, for a key with several spellings, its variant mask.
#[derive(Default)]
pub(super) struct ScoredRun {
    pages: usize,
    bytes: Vec<u8>,
}

impl ScoredRun {
    /// Adds the next page's `(key, value, variants)`, in key order.
    pub fn push_page(&mut self, terms: &[(u32, u32, u32)], spelled: impl Fn(u32) -> bool) {
        push_varint(&mut self.bytes, terms.len() as u32);
        let mut last = 0;
        for &(key, value, variants) in terms {
            push_varint(&mut self.bytes, key - last);
            push_score(&mut self.bytes, value, spelled(key).then_some(variants));
            last = key;
        }
        self.pages += 1;
    }

    pub fn shrink_to_fit(&mut self) {
        self.bytes.shrink_to_fit();
    }

    /// Calls `visit(page, key, value, variants)` for each key of each page, in order; the
    /// page is its number in the run.
    fn for_each(&self, spelled: impl Fn(u32) -> bool, mut visit: impl FnMut(u32, u32, u32, u32)) {
        let mut at = 0;
        for page in 0..self.pages as u32 {
            let mut key = 0;
            for _ in 0..read_varint(&self.bytes, &mut at) {
                key += read_varint(&self.bytes, &mut at);
                let (value, variants) = read_score(&self.bytes, &mut at, spelled(key));
                visit(page, key, value, variants);
            }
        }
    }

    /// This run's postings of each range of `ranges` (which follow one another from key 0).
    fn split(self, ranges: &[Range<usize>], spelled: impl Fn(u32) -> bool) -> Vec<Part> {
        let mut parts: Vec<Part> = ranges.iter().map(|r| Part::new(r.start)).collect();
        self.for_each(&spelled, |page, key, value, variants| {
            let range = ranges.partition_point(|r| r.end <= key as usize);
            parts[range].push(page, key, value, spelled(key).then_some(variants));
        });
        parts.iter_mut().for_each(|p| p.bytes.shrink_to_fit());
        parts
    }
}

/// How many pages each key is on.
pub(super) fn document_frequencies(
    runs: &[ScoredRun],
    key_count: usize,
    spelled: impl Fn(u32) -> bool + Copy + Sync,
) -> Vec<u32> {
    runs.par_iter()
        .fold(
            || vec![0u32; key_count],
            |mut df, run| {
                run.for_each(spelled, |_, key, _, _| df[key as usize] += 1);
                df
            },
        )
        .reduce(
            || vec![0u32; key_count],
            |mut a, b| {
                a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
                a
            },
        )
}

/// Consecutive ranges of keys from key 0, each with at most `postings` postings in all (or one
/// key).
pub(super) fn key_ranges(df: &[u32], postings: u64) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let (mut start, mut held) = (0, 0u64);
    for (key, n) in df.iter().enumerate() {
        if held + u64::from(*n) > postings && key > start {
            ranges.push(start..key);
            (start, held) = (key, 0);
        }
        held += u64::from(*n);
    }
    if start < df.len() {
        ranges.push(start..df.len());
    }
    ranges
}

/// Every run's postings of one range of keys, with the number of each run's first page.
pub(super) struct RangeParts(Vec<(u32, Part)>);

/// The runs' postings regrouped by range of keys (`ranges` as [`key_ranges`] makes them), in
/// one pass over them; each run is let go of once it is read.
pub(super) fn split(
    runs: Vec<ScoredRun>,
    ranges: &[Range<usize>],
    spelled: impl Fn(u32) -> bool + Copy + Sync,
) -> Vec<RangeParts> {
    let firsts: Vec<u32> = runs
        .iter()
        .scan(0u32, |next, run| {
            let first = *next;
            *next += run.pages as u32;
            Some(first)
        })
        .collect();
    let per_run: Vec<Vec<Part>> = runs
        .into_par_iter()
        .map(|run| run.split(ranges, spelled))
        .collect();
    let mut by_range: Vec<RangeParts> = ranges
        .iter()
        .map(|_| RangeParts(Vec::with_capacity(per_run.len())))
        .collect();
    for (first, parts) in firsts.into_iter().zip(per_run) {
        for (range, part) in by_range.iter_mut().zip(parts) {
            range.0.push((first, part));
        }
    }
    by_range
}

/// Every key's list at once (for an index kept whole in memory).
pub(super) fn all_lists(
    runs: Vec<ScoredRun>,
    key_count: usize,
    spelled: impl Fn(u32) -> bool + Copy + Sync,
) -> Vec<Vec<Posting>> {
    let df = document_frequencies(&runs, key_count, spelled);
    let all = 0..key_count;
    let parts = split(runs, std::slice::from_ref(&all), spelled);
    parts
        .into_iter()
        .next()
        .map(|parts| parts.into_lists(all, &df, spelled))
        .unwrap_or_default()
}

impl RangeParts {
    /// The list of each key of `range`, in page order; `df` sizes each list, so that filling
    /// it never reallocates.
    pub fn into_lists(
        self,
        range: Range<usize>,
        df: &[u32],
        spelled: impl Fn(u32) -> bool,
    ) -> Vec<Vec<Posting>> {
        let mut lists: Vec<Vec<Posting>> = df[range.clone()]
            .iter()
            .map(|n| Vec::with_capacity(*n as usize))
            .collect();
        for (first, part) in self.0 {
            part.for_each(&spelled, |page, key, value, variants| {
                lists[key as usize - range.start].push(Posting {
                    doc: first + page,
                    value,
                    variants,
                });
            });
        }
        lists
    }
}

/// One run's postings of one range of keys, in page order, packed: per posting the gap from
/// the page before (0 on the same page), the gap from the key before on the same page (from
/// the range's first key on a new page), its value and, for a key with several spellings,
/// its variant mask.
struct Part {
    first_key: u32,
    page: u32,
    key: u32,
    bytes: Vec<u8>,
}

impl Part {
    fn new(first_key: usize) -> Part {
        Part {
            first_key: first_key as u32,
            page: 0,
            key: first_key as u32,
            bytes: Vec::new(),
        }
    }

    fn push(&mut self, page: u32, key: u32, value: u32, variants: Option<u32>) {
        let gap = page - self.page;
        if gap > 0 {
            (self.page, self.key) = (page, self.first_key);
        }
        push_varint(&mut self.bytes, gap);
        push_varint(&mut self.bytes, key - self.key);
        push_score(&mut self.bytes, value, variants);
        self.key = key;
    }

    /// Calls `visit(page, key, value, variants)` for each posting, in order.
    fn for_each(&self, spelled: impl Fn(u32) -> bool, mut visit: impl FnMut(u32, u32, u32, u32)) {
        let (mut at, mut page, mut key) = (0, 0, self.first_key);
        while at < self.bytes.len() {
            let gap = read_varint(&self.bytes, &mut at);
            if gap > 0 {
                (page, key) = (page + gap, self.first_key);
            }
            key += read_varint(&self.bytes, &mut at);
            let (value, variants) = read_score(&self.bytes, &mut at, spelled(key));
            visit(page, key, value, variants);
        }
    }
}

/// A posting's value and, for a key with several spellings, its variant mask.
fn push_score(bytes: &mut Vec<u8>, value: u32, variants: Option<u32>) {
    push_varint(bytes, value);
    if let Some(variants) = variants {
        push_varint(bytes, variants);
    }
}

/// What [`push_score`] wrote: the value, and the variant mask (0 when the key has one
/// spelling).
fn read_score(bytes: &[u8], at: &mut usize, spelled: bool) -> (u32, u32) {
    let value = read_varint(bytes, at);
    (value, if spelled { read_varint(bytes, at) } else { 0 })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Keys 3 and 5 have several spellings, so their postings carry a variant mask.
    fn spelled(key: u32) -> bool {
        key == 3 || key == 5
    }

    /// Two runs of pages, each page's `(key, value, variants)` in key order.
    fn pages() -> Vec<Vec<Vec<(u32, u32, u32)>>> {
        vec![
            vec![
                vec![(0, 7, 0), (3, 9, 2), (6, 1, 0)],
                vec![],
                vec![(1, 4, 0), (2, 200, 0), (5, 3, 1)],
            ],
            vec![vec![(3, 31, 3), (4, 2, 0)], vec![(0, 5, 0), (6, 6, 0)]],
        ]
    }

    fn runs() -> Vec<ScoredRun> {
        pages()
            .iter()
            .map(|run| {
                let mut scored = ScoredRun::default();
                run.iter().for_each(|page| scored.push_page(page, spelled));
                scored
            })
            .collect()
    }

    /// Each key's list, read straight from the pages.
    fn expected(key_count: usize) -> Vec<Vec<Posting>> {
        let mut lists = vec![Vec::new(); key_count];
        let pages = pages().into_iter().flatten();
        for (doc, page) in pages.enumerate() {
            for (key, value, variants) in page {
                let doc = doc as u32;
                lists[key as usize].push(Posting {
                    doc,
                    value,
                    variants,
                });
            }
        }
        lists
    }

    #[test]
    fn lists_regrouped_by_range_are_the_lists_of_the_pages() {
        let df = document_frequencies(&runs(), 7, spelled);
        assert_eq!(df, vec![2, 1, 1, 2, 1, 1, 2]);
        for at_once in [1, 2, 3, 4, 100] {
            let ranges = key_ranges(&df, at_once);
            let parts = split(runs(), &ranges, spelled);
            let lists: Vec<Vec<Posting>> = ranges
                .iter()
                .zip(parts)
                .flat_map(|(range, parts)| parts.into_lists(range.clone(), &df, spelled))
                .collect();
            assert_eq!(lists, expected(7), "{at_once} postings at once: {ranges:?}");
        }
        assert_eq!(all_lists(runs(), 7, spelled), expected(7));
    }
}
