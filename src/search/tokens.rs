//! Every page's tokens, counted per field and numbered site-wide.
//!
//! Pages are tokenized in parallel in runs of pages; each run numbers its own distinct tokens
//! (borrowed from the page texts where lowercasing changes nothing), then the runs' numbers
//! are merged into one site-wide numbering, which owns its tokens so that the pages can go.
//! A page is left as a short list of (token number, counts), packed per run (`counts`), so
//! nothing later hashes a word again and memory stays small at 100,000 pages.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use rayon::prelude::*;

use super::counts::{Counted, RunBuilder, RunCounts};
use super::extract::{Field, SearchDoc, FIELD_COUNT};
use super::pipeline;

/// FxHash: the index hashes millions of short words it wrote itself, where std's DoS-proof
/// SipHash only costs time.
#[derive(Default, Clone, Copy)]
pub struct Fx(u64);

impl Fx {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.add(u64::from_le_bytes(chunk.try_into().expect("8 bytes")));
        }
        let mut rest = [0u8; 8];
        rest[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
        self.add(u64::from_le_bytes(rest));
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;

/// A run of pages with its own token numbers.
struct Run<'a> {
    tokens: Vec<Cow<'a, str>>,
    counts: RunCounts,
}

/// Every distinct token of the site (numbered by position) and each page's counts.
pub fn tokenize_all<'b>(docs: &'b [SearchDoc<'_>]) -> (Vec<Cow<'b, str>>, Counted) {
    let mut numbering = Numbering::default();
    numbering.add(docs);
    numbering.finish()
}

/// The site-wide numbering of tokens, made from pages added a few at a time: the pages need
/// not be held once added, so a build can let each run's texts go before it renders the next.
/// A token is numbered where it first appears, so the numbers do not depend on how the pages
/// were divided.
#[derive(Default)]
pub struct Numbering {
    numbers: FastMap<Box<str>, u32>,
    runs: Vec<RunCounts>,
}

impl Numbering {
    /// Tokenizes `docs`, the pages after those added before, in parallel runs.
    pub fn add(&mut self, docs: &[SearchDoc<'_>]) {
        let per_run = (docs.len() / (rayon::current_num_threads() * 8)).clamp(16, 512);
        let runs: Vec<Run> = docs.par_chunks(per_run).map(tokenize_run).collect();
        for run in runs {
            let global = run
                .tokens
                .into_iter()
                .map(|token| {
                    if let Some(n) = self.numbers.get(token.as_ref()) {
                        return *n;
                    }
                    let n = self.numbers.len() as u32;
                    self.numbers.insert(token.into(), n);
                    n
                })
                .collect();
            let mut counts = run.counts;
            counts.set_numbers(global);
            self.runs.push(counts);
        }
    }

    /// Every distinct token, by number, and each page's counts, in the order added.
    pub fn finish<'b>(self) -> (Vec<Cow<'b, str>>, Counted) {
        let mut tokens = vec![Cow::Borrowed(""); self.numbers.len()];
        for (token, n) in self.numbers {
            tokens[n as usize] = Cow::Owned(token.into_string());
        }
        (tokens, Counted::new(self.runs))
    }
}

fn tokenize_run<'b>(docs: &'b [SearchDoc<'_>]) -> Run<'b> {
    let mut numbers: FastMap<Cow<str>, u32> = FastMap::default();
    let mut tokens: Vec<Cow<str>> = Vec::new();
    // One map for every page of the run, emptied between pages, so it is allocated once.
    let mut counts: FastMap<u32, [u16; FIELD_COUNT]> = FastMap::default();
    let mut out = RunBuilder::new(docs.len());
    let mut names = Vec::new();
    for doc in docs {
        let mut lengths = [0u32; FIELD_COUNT];
        names.clear();
        for (field, text) in &doc.fields {
            let f = *field as usize;
            let (mut first, mut count) = (0, 0);
            pipeline::for_each_token(text, |token| {
                let n = match numbers.get(token.as_ref()) {
                    Some(n) => *n,
                    None => {
                        let n = tokens.len() as u32;
                        tokens.push(token.clone());
                        numbers.insert(token, n);
                        n
                    }
                };
                count += 1;
                if count == 1 {
                    first = n;
                }
                let slot = &mut counts.entry(n).or_default()[f];
                *slot = slot.saturating_add(1);
            });
            if matches!(field, Field::Title | Field::Keywords) && count == 1 {
                names.push(first);
            }
            lengths[f] += count;
        }
        out.push_page(counts.drain(), lengths, &names);
    }
    Run {
        tokens,
        counts: out.finish(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::search::counts::PageCounts;
    use crate::search::extract::test_doc as doc;

    #[test]
    fn numbers_tokens_across_runs() {
        // More pages than one run holds, so that runs are merged.
        let docs: Vec<SearchDoc> = (0..100)
            .map(|i| doc(&format!("Sida {i}"), "Oro och ORO, oro."))
            .collect();
        let (tokens, counted) = tokenize_all(&docs);
        let number = |t: &str| tokens.iter().position(|x| x == t).unwrap() as u32;
        assert_eq!(tokens.len(), 2 + 100 + 1, "sida, the numbers, oro, och");
        let page = counted.pages().nth(42).unwrap();
        let counts = page.to_vec();
        assert_eq!(counts.len(), page.distinct());
        let oro = counts.iter().find(|c| c.0 == number("oro")).unwrap();
        assert_eq!(oro.1[Field::Body as usize], 3);
        let sida = counts.iter().find(|c| c.0 == number("sida")).unwrap();
        assert_eq!(sida.1[Field::Title as usize], 1);
        assert_eq!(page.lengths[Field::Title as usize], 2);
        let name = |t| page.is_name(number(t));
        assert!(!name("sida") && !name("42"), "a two-word title is no name");
        let (_, one) = tokenize_all(&[doc("88", "")]);
        assert!(one.pages().next().unwrap().is_name(0));
    }

    #[test]
    fn pages_added_a_few_at_a_time_are_numbered_as_all_at_once() {
        let docs: Vec<SearchDoc> = (0..300)
            .map(|i| {
                doc(
                    &format!("Sida {}", i % 37),
                    &format!("ord{} och oro {i}", i % 11),
                )
            })
            .collect();
        let (all_tokens, all) = tokenize_all(&docs);
        let mut numbering = Numbering::default();
        for chunk in docs.chunks(7) {
            numbering.add(chunk);
        }
        let (tokens, counted) = numbering.finish();
        assert_eq!(tokens, all_tokens);
        // A page's tokens come in no particular order.
        let pages = |c: &Counted| {
            let page = |p: PageCounts| {
                let mut counts = p.to_vec();
                counts.sort_unstable();
                (counts, p.lengths)
            };
            c.pages().map(page).collect::<Vec<_>>()
        };
        assert!(pages(&counted) == pages(&all));
    }
}
