//! Cuts a long page list in two: its head, the pages a key scores best on, goes in the
//! postings file every query of the key loads; its tail, the rest, goes in a file loaded only
//! when a query needs it. At 100,000 pages a common word's list was 300 KB, and a query of
//! two such words loaded more than the whole budget of a first query; the head alone is a few
//! kilobytes. The browser knows each tail's best score and flags (from the vocabulary), so it
//! can tell when the heads alone decide the first results, and loads the tails when not.

use super::index::{Entry, Posting, MAX_SCORE};
use super::shards::push_number;

/// A key's page list as the browser reads it.
pub struct Tiers {
    /// How many pages the key is on, head and tail.
    pub pages: u32,
    /// The best pages (all of them when the list is short), in page order.
    pub head: String,
    pub tail: Option<Tail>,
}

impl Tiers {
    pub fn bound(&self) -> Option<TailBound> {
        self.tail.as_ref().map(|t| t.bound)
    }
}

/// The pages past the head, in page order, and the most any of them can add.
pub struct Tail {
    pub list: String,
    pub bound: TailBound,
}

/// What the vocabulary says of a key's tail, for the browser to bound what its pages add.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct TailBound {
    /// The highest score (0–31) of a page without flags.
    pub plain: u32,
    /// The highest score of a page with flags.
    pub flagged: u32,
    /// Every flag (title, keyword, name) some page has, shifted down to 0–7.
    pub flags: u32,
}

/// How many pages a head holds at least: about 8 KB of list, the size of a few small
/// postings files.
pub const HEAD_POSTINGS: usize = 2000;

/// A head grows past [`HEAD_POSTINGS`] to this many times it, so as to hold every page with a
/// title, keyword or name hit and every page that scores the same as the last one it holds:
/// then the tail's pages rank below the head's for certain, and the browser can tell.
const HEAD_GROWTH: usize = 4;

/// The head size to build with: [`HEAD_POSTINGS`], or in debug builds `LOTS_SEARCH_HEAD` (so
/// that tests can make tails on a small site).
pub fn head_postings() -> usize {
    if cfg!(debug_assertions) {
        if let Some(n) = std::env::var("LOTS_SEARCH_HEAD")
            .ok()
            .and_then(|v| v.parse::<usize>().ok())
        {
            return n.max(1);
        }
    }
    HEAD_POSTINGS
}

/// Splits `entry`'s list after its best pages: those with flags first (a title, keyword or
/// name hit ranks above any score), then by score; pages of the same flags and score go
/// together while the head stays within its growth, else the first in page order.
pub fn encode(entry: &Entry, head_postings: usize) -> Tiers {
    let spelled = entry.variants.len() > 1;
    let postings = &entry.postings;
    if postings.len() <= head_postings {
        return Tiers {
            pages: postings.len() as u32,
            head: encode_list(postings.iter(), spelled),
            tail: None,
        };
    }
    let mut take = head_share(postings, head_postings);
    let (mut head, mut tail) = (Vec::new(), Vec::new());
    for posting in postings {
        let left = &mut take[bucket(posting)];
        if *left > 0 {
            *left -= 1;
            head.push(posting);
        } else {
            tail.push(posting);
        }
    }
    let mut bound = TailBound::default();
    for p in &tail {
        let score = p.value & MAX_SCORE;
        if p.value > MAX_SCORE {
            bound.flagged = bound.flagged.max(score);
            bound.flags |= p.value >> 5;
        } else {
            bound.plain = bound.plain.max(score);
        }
    }
    Tiers {
        pages: postings.len() as u32,
        head: encode_list(head.into_iter(), spelled),
        tail: Some(Tail {
            bound,
            list: encode_list(tail.into_iter(), spelled),
        }),
    }
}

/// Buckets of equal rank: flagged pages by score, then the others by score, best first.
const BUCKETS: usize = 2 * (MAX_SCORE as usize + 1);

fn bucket(p: &Posting) -> usize {
    let score = (MAX_SCORE - (p.value & MAX_SCORE)) as usize;
    if p.value > MAX_SCORE {
        score
    } else {
        BUCKETS / 2 + score
    }
}

/// How many pages of each bucket the head takes: whole buckets, best first, while the head
/// is under `head_postings` and a whole bucket fits in its growth; else part of one, to reach
/// `head_postings`. Flagged pages are all taken when they fit.
fn head_share(postings: &[Posting], head_postings: usize) -> [usize; BUCKETS] {
    let mut sizes = [0usize; BUCKETS];
    for p in postings {
        sizes[bucket(p)] += 1;
    }
    let most = head_postings * HEAD_GROWTH;
    let flagged: usize = sizes[..BUCKETS / 2].iter().sum();
    let mut take = [0usize; BUCKETS];
    let mut total = 0;
    for (i, size) in sizes.into_iter().enumerate() {
        let wanted = total < head_postings || (i < BUCKETS / 2 && flagged <= most);
        if !wanted || size == 0 {
            continue;
        }
        take[i] = if total + size <= most {
            size
        } else {
            head_postings.saturating_sub(total).min(size)
        };
        total += take[i];
    }
    take
}

/// Pages in increasing order: each as the gap from the previous one, its value, and the
/// spelling mask when the key has several spellings.
fn encode_list<'a>(postings: impl Iterator<Item = &'a Posting>, spelled: bool) -> String {
    let mut out = String::new();
    let mut previous = 0;
    for posting in postings {
        push_number(&mut out, posting.doc - previous);
        previous = posting.doc;
        push_number(&mut out, posting.value);
        if spelled {
            push_number(&mut out, posting.variants);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::index::FLAG_TITLE;
    use crate::search::shards::read_numbers;

    fn entry(values: &[u32]) -> Entry {
        Entry {
            key: "ord".into(),
            variants: vec!["ord".into()],
            word: None,
            postings: values
                .iter()
                .enumerate()
                .map(|(doc, &value)| Posting {
                    doc: doc as u32,
                    value,
                    variants: 0,
                })
                .collect(),
        }
    }

    fn docs(list: &str) -> Vec<u32> {
        let numbers = read_numbers(list);
        let mut doc = 0;
        numbers
            .chunks(2)
            .map(|pair| {
                doc += pair[0];
                doc
            })
            .collect()
    }

    #[test]
    fn short_lists_have_no_tail() {
        let tiers = encode(&entry(&[3, 5, 7]), 3);
        assert!(tiers.tail.is_none());
        assert_eq!(docs(&tiers.head), [0, 1, 2]);
    }

    #[test]
    fn the_head_holds_flagged_pages_then_the_best_scores() {
        // Page 4 has a title hit with a low score: it ranks above every score.
        let tiers = encode(&entry(&[3, 30, 7, 30, 1 | FLAG_TITLE, 2, 9]), 3);
        assert_eq!(docs(&tiers.head), [1, 3, 4]);
        let tail = tiers.tail.expect("a tail");
        assert_eq!(docs(&tail.list), [0, 2, 5, 6]);
        let bound = TailBound {
            plain: 9,
            flagged: 0,
            flags: 0,
        };
        assert_eq!(tail.bound, bound);
    }

    #[test]
    fn pages_of_equal_rank_stay_together_while_the_head_may_grow() {
        let tiers = encode(&entry(&[5, 5, 5, 5, 1]), 2);
        assert_eq!(docs(&tiers.head), [0, 1, 2, 3]);
        assert_eq!(tiers.bound().map(|b| b.plain), Some(1));
        // Ten of a kind are more than the head may grow to: the first two, in page order.
        let tiers = encode(&entry(&[7; 10]), 2);
        assert_eq!(docs(&tiers.head), [0, 1]);
        assert_eq!(tiers.bound().map(|b| b.plain), Some(7));
    }

    #[test]
    fn a_tail_names_its_flags_when_they_do_not_fit_in_the_head() {
        let flagged = 5 | FLAG_TITLE;
        let tiers = encode(&entry(&[flagged, flagged, flagged, flagged, flagged, 4]), 1);
        assert_eq!(docs(&tiers.head), [0]);
        let tail = tiers.tail.expect("a tail");
        assert_eq!(docs(&tail.list), [1, 2, 3, 4, 5]);
        let bound = TailBound {
            plain: 4,
            flagged: 5,
            flags: FLAG_TITLE >> 5,
        };
        assert_eq!(tail.bound, bound);
    }
}
