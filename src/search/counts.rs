//! Every page's token counts, packed: the tokens of a page with their count per field.
//!
//! They are held for every page of the site at once, between tokenizing and scoring, so they
//! are kept small. Most tokens of a page are in one field only (the body), a few times: a run
//! of pages keeps its pages' lists in one byte array, each token as a varint of the run's own
//! token number, then one byte per field it is in (the field, and the count when it is under
//! 16). That is about three bytes per token of a page where a `(u32, [u16; 7])` is twenty, and
//! one allocation per run instead of one per page. At 100,000 pages the lists were 0.9 GB.
//!
//! A page's tokens stay in the order tokenizing gave them: scoring adds their weights up in
//! that order, and a floating-point sum (so the index's bytes) depends on it.

use super::extract::FIELD_COUNT;

/// The bit of a field byte that says another field of the same token follows.
const MORE: u8 = 0x80;
/// The low bits of a field byte: the count, or 0 when a varint with the count follows.
const SMALL_COUNT: u8 = 0x0f;
const _: () = assert!(FIELD_COUNT <= 8, "a field number fits in 3 bits");

/// Where a page's data ends in its run, with what is not a list.
struct PageEnd {
    bytes: usize,
    names: usize,
    /// How many distinct tokens the page has.
    distinct: usize,
    lengths: [u32; FIELD_COUNT],
}

/// The counts of a run of pages.
#[derive(Default)]
pub struct RunCounts {
    /// The run's token numbers to the site's, once the runs are numbered together.
    global: Vec<u32>,
    bytes: Vec<u8>,
    /// The tokens that alone make up a page's title or a keyword, by the run's numbers.
    names: Vec<u32>,
    pages: Vec<PageEnd>,
}

/// Builds a [`RunCounts`] page by page, in buffers that are copied to their exact size when
/// the run is done.
pub struct RunBuilder {
    run: RunCounts,
}

impl RunBuilder {
    /// A builder for a run of `pages` pages.
    pub fn new(pages: usize) -> RunBuilder {
        let mut run = RunCounts::default();
        run.pages.reserve_exact(pages);
        RunBuilder { run }
    }

    /// Adds a page: its tokens (by the run's numbers) with their counts per field, in the
    /// order given, each field's length in tokens, and its name tokens.
    pub fn push_page(
        &mut self,
        counts: impl ExactSizeIterator<Item = (u32, [u16; FIELD_COUNT])>,
        lengths: [u32; FIELD_COUNT],
        names: &[u32],
    ) {
        let run = &mut self.run;
        let distinct = counts.len();
        for (token, counts) in counts {
            push_varint(&mut run.bytes, token);
            let last = counts.iter().rposition(|c| *c > 0).unwrap_or(0);
            for (field, count) in counts.iter().enumerate().take(last + 1) {
                if *count == 0 && field < last {
                    continue;
                }
                let more = if field < last { MORE } else { 0 };
                let small = if *count <= u16::from(SMALL_COUNT) {
                    *count as u8
                } else {
                    0
                };
                run.bytes.push(more | ((field as u8) << 4) | small);
                if small == 0 {
                    push_varint(&mut run.bytes, u32::from(*count));
                }
            }
        }
        run.names.extend_from_slice(names);
        run.pages.push(PageEnd {
            bytes: run.bytes.len(),
            names: run.names.len(),
            distinct,
            lengths,
        });
    }

    /// The run, its buffers copied to their size: growing them by doubling left up to half
    /// of each unused, and a shrinking reallocation may keep it (mimalloc keeps a block
    /// that is at most half wasted).
    pub fn finish(self) -> RunCounts {
        let run = self.run;
        RunCounts {
            global: Vec::new(),
            bytes: run.bytes.as_slice().to_vec(),
            names: run.names.as_slice().to_vec(),
            pages: run.pages,
        }
    }
}

impl RunCounts {
    /// Gives the run's token numbers their site-wide numbers (`global[run's number]`).
    pub fn set_numbers(&mut self, global: Vec<u32>) {
        self.global = global;
    }

    pub fn len(&self) -> usize {
        self.pages.len()
    }

    /// The `i`th page of the run.
    pub fn page(&self, i: usize) -> PageCounts<'_> {
        let start = |f: fn(&PageEnd) -> usize| i.checked_sub(1).map_or(0, |p| f(&self.pages[p]));
        let end = &self.pages[i];
        PageCounts {
            global: &self.global,
            bytes: &self.bytes[start(|p| p.bytes)..end.bytes],
            names: &self.names[start(|p| p.names)..end.names],
            distinct: end.distinct,
            lengths: end.lengths,
        }
    }

    pub fn pages(&self) -> impl Iterator<Item = PageCounts<'_>> {
        (0..self.len()).map(|i| self.page(i))
    }
}

/// Every page's counts, run after run, in document order.
#[derive(Default)]
pub struct Counted {
    runs: Vec<RunCounts>,
}

impl Counted {
    pub fn new(runs: Vec<RunCounts>) -> Counted {
        Counted { runs }
    }

    pub fn pages(&self) -> impl Iterator<Item = PageCounts<'_>> {
        self.runs.iter().flat_map(RunCounts::pages)
    }

    /// The runs, to be let go of one by one as they are read.
    pub fn into_runs(self) -> Vec<RunCounts> {
        self.runs
    }
}

/// One page's counts.
pub struct PageCounts<'a> {
    global: &'a [u32],
    bytes: &'a [u8],
    names: &'a [u32],
    distinct: usize,
    /// Each field's length in tokens.
    pub lengths: [u32; FIELD_COUNT],
}

impl PageCounts<'_> {
    /// How many distinct tokens the page has.
    pub fn distinct(&self) -> usize {
        self.distinct
    }

    /// Whether the token (site-wide number) alone makes up the title or a keyword.
    pub fn is_name(&self, token: u32) -> bool {
        self.names.iter().any(|n| self.global[*n as usize] == token)
    }

    /// Calls `f` with each token (site-wide number) and its counts per field, in order.
    pub fn for_each(&self, mut f: impl FnMut(u32, &[u16; FIELD_COUNT])) {
        let mut at = 0;
        while at < self.bytes.len() {
            let token = read_varint(self.bytes, &mut at);
            let mut counts = [0u16; FIELD_COUNT];
            loop {
                let byte = self.bytes[at];
                at += 1;
                let small = byte & SMALL_COUNT;
                counts[usize::from((byte >> 4) & 7)] = if small == 0 {
                    read_varint(self.bytes, &mut at) as u16
                } else {
                    u16::from(small)
                };
                if byte & MORE == 0 {
                    break;
                }
            }
            f(self.global[token as usize], &counts);
        }
    }

    /// The page's tokens and counts, in order.
    #[cfg(test)]
    pub fn to_vec(&self) -> Vec<(u32, [u16; FIELD_COUNT])> {
        let mut out = Vec::new();
        self.for_each(|token, counts| out.push((token, *counts)));
        out
    }
}

/// Little-endian base-128: most numbers here take one byte.
pub(super) fn push_varint(bytes: &mut Vec<u8>, mut n: u32) {
    while n >= 0x80 {
        bytes.push(n as u8 | 0x80);
        n >>= 7;
    }
    bytes.push(n as u8);
}

pub(super) fn read_varint(bytes: &[u8], at: &mut usize) -> u32 {
    let mut n = 0u32;
    let mut shift = 0;
    loop {
        let byte = bytes[*at];
        *at += 1;
        n |= u32::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return n;
        }
        shift += 7;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_read_back_as_written() {
        let pages: Vec<Vec<(u32, [u16; FIELD_COUNT])>> = vec![
            vec![(3, [0, 0, 0, 0, 0, 0, 1]), (0, [2, 0, 0, 0, 0, 0, 0])],
            vec![],
            vec![
                // Every field, counts around the one-byte limit and the largest.
                (200_000, [1, 15, 16, 0, 127, 128, u16::MAX]),
                (1, [0, 0, 0, 300, 0, 0, 0]),
                (127, [0; FIELD_COUNT]),
                (128, [5, 0, 0, 0, 0, 0, 0]),
            ],
        ];
        let mut builder = RunBuilder::new(pages.len());
        for (i, page) in pages.iter().enumerate() {
            let lengths = [i as u32; FIELD_COUNT];
            builder.push_page(page.iter().copied(), lengths, &[i as u32]);
        }
        let mut run = builder.finish();
        // The site numbers each token of the run as ten times its own number, plus one.
        run.set_numbers((0..=200_000).map(|n| n * 10 + 1).collect());
        let counted = Counted::new(vec![run]);
        assert_eq!(counted.pages().count(), 3);
        for (i, (page, written)) in counted.pages().zip(&pages).enumerate() {
            let global: Vec<_> = written.iter().map(|(t, c)| (t * 10 + 1, *c)).collect();
            assert_eq!(page.to_vec(), global);
            assert_eq!(page.distinct(), written.len());
            assert_eq!(page.lengths, [i as u32; FIELD_COUNT]);
            assert!(page.is_name(i as u32 * 10 + 1));
            assert!(!page.is_name(i as u32));
        }
    }
}
