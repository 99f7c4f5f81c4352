//! The query side of the search pipeline: what a typed query means before the index is asked.
//! The browser is what answers queries (`themes/lots/static/search/pipeline.js`: `queryUnits`,
//! `Synonyms`, `closest`, `splitWith`); this is its twin in Rust, so that the query behaviour
//! can be tested here, next to the index it meets, and so that server-side tools may run the
//! same queries. `tests/search_tokens.rs` runs both on the same queries and proves they agree;
//! a change to one must be made to the other.

use std::collections::HashSet;

use serde::Serialize;

use super::pipeline::{analyze_token, fold, is_stop_word, tokenize};
use crate::config::Synonym;
/// The edit distance "menade du" uses for field values too.
pub use crate::messages::suggest::distance;

/// Words that carry no meaning in a typed question, beside the stop words: "vem ringer jag om
/// jag är orolig" is about ringer and orolig. Only queries drop them, never the index.
pub const QUERY_STOP_WORDS: &[&str] = &[
    "ska", "skall", "måste", "bör", "borde", "vill", "får", "få", "finns", "fanns", "gör", "göra",
    "gjorde", "gjort", "hitta", "hittar", "någon", "något", "några", "sånt", "typ", "liksom",
    "bara", "också", "även", "kanske", "hej", "tack", "snälla", "behöver", "behövs", "går", "gå",
    "vet", "veta", "mig", "ngn", "ngt", "hos", "sig", "the", "of", "and",
    // The same typed without å/ä/ö, where that is no other word (bör → bor is one).
    "maste", "behover", "behovs", "nagon", "nagot", "nagra", "aven", "gora", "nar", "varfor", "ar",
    "pa", "fran", "sadan", "sadant",
];

/// A stop word, a question word, or a single letter (the s of "Säpo:s").
pub fn is_query_stop_word(token: &str) -> bool {
    let mut chars = token.chars();
    let single_letter = matches!((chars.next(), chars.next()), (Some(c), None) if !c.is_numeric());
    QUERY_STOP_WORDS.contains(&token) || is_stop_word(token) || single_letter
}

/// The key a word is compared by in synonyms: its first term's key (stem, folded), so that
/// `Säpo`, `säpos` and `sapo` are the same synonym.
pub fn match_key(token: &str) -> String {
    let mut terms = Vec::new();
    analyze_token(token, None, &mut terms);
    terms
        .into_iter()
        .next()
        .map_or_else(|| token.to_string(), |t| t.key)
}

/// `search.synonyms`, ready to be matched against a query's match keys.
#[derive(Debug, Clone, Default)]
pub struct Synonyms {
    entries: Vec<Entry>,
}

#[derive(Debug, Clone)]
struct Entry {
    /// Each phrase that triggers the entry, as its words' match keys.
    from: Vec<Vec<String>>,
    /// Each phrase it stands for, as tokens (analysed later, like typed words).
    to: Vec<Vec<String>>,
}

/// What [`Synonyms::match`] found at one place of a query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Match {
    /// How many query words the phrase covers (0: none matched).
    pub length: usize,
    /// Every word or phrase the matched phrase stands for, as tokens.
    pub to: Vec<Vec<String>>,
}

impl Synonyms {
    pub fn new(synonyms: &[Synonym]) -> Synonyms {
        let entries = synonyms
            .iter()
            .map(|s| Entry {
                from: s
                    .from
                    .iter()
                    .map(|text| tokenize(text).iter().map(|t| match_key(t)).collect())
                    .collect(),
                to: s.to.iter().map(|text| tokenize(text)).collect(),
            })
            .collect();
        Synonyms { entries }
    }

    /// The longest synonym phrase that starts at `keys[at]`, and every word or phrase it stands
    /// for. Phrases of equal length from several entries all count: both were configured.
    pub fn r#match(&self, keys: &[String], at: usize) -> Match {
        let mut found = Match::default();
        for entry in &self.entries {
            for phrase in &entry.from {
                if phrase.is_empty() || phrase.len() < found.length {
                    continue;
                }
                let here = phrase
                    .iter()
                    .enumerate()
                    .all(|(i, key)| keys.get(at + i) == Some(key));
                if !here {
                    continue;
                }
                if phrase.len() > found.length {
                    found.to.clear();
                }
                found.length = phrase.len();
                found.to.extend(entry.to.iter().cloned());
            }
        }
        found
    }
}

/// One unit of meaning of a query: a word, or a synonym phrase, as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unit {
    pub typed: Vec<String>,
    /// What satisfies the unit: the typed words first, then each synonym, each as its
    /// meaningful words (a page must have all words of one alternative).
    pub alternatives: Vec<Vec<String>>,
    /// A lone stop or question word, kept only when the query has nothing else.
    pub stop: bool,
}

/// A phrase's meaningful words; all of them when every one is a stop word, so that a phrase
/// of stop words still asks for something.
pub fn meaningful(words: &[String]) -> Vec<String> {
    let kept: Vec<String> = words
        .iter()
        .filter(|w| !is_query_stop_word(w))
        .cloned()
        .collect();
    if kept.is_empty() {
        words.to_vec()
    } else {
        kept
    }
}

/// The query as units of meaning, stop and question words left out unless the query has
/// nothing else: a long question must not require pages to contain "jag" and "om".
pub fn units(query: &str, synonyms: Option<&Synonyms>) -> Vec<Unit> {
    let tokens = tokenize(query);
    let keys: Vec<String> = tokens.iter().map(|t| match_key(t)).collect();
    let mut units = Vec::new();
    let mut at = 0;
    while at < tokens.len() {
        let found = synonyms.map_or_else(Match::default, |s| s.r#match(&keys, at));
        let length = found.length.max(1);
        let typed = tokens[at..at + length].to_vec();
        // A synonym that is the typed phrase again (a group's own member) adds nothing.
        let mut seen = HashSet::from([keys[at..at + length].join(" ")]);
        let mut alternatives = vec![meaningful(&typed)];
        for words in &found.to {
            let id = words
                .iter()
                .map(|w| match_key(w))
                .collect::<Vec<_>>()
                .join(" ");
            if seen.insert(id) {
                alternatives.push(meaningful(words));
            }
        }
        let stop = length == 1 && alternatives.len() == 1 && is_query_stop_word(&typed[0]);
        units.push(Unit {
            typed,
            alternatives,
            stop,
        });
        at += length;
    }
    if units.iter().all(|u| u.stop) {
        units
    } else {
        units.into_iter().filter(|u| !u.stop).collect()
    }
}

/// A compound none of whose splits is known still names a kind of its last part: `hatsymbol`
/// is a symbol. The longest tail `knows` accepts, of at least `MIN_TAIL_CHARS` after a head of
/// at least three; `None` when none. Queries only: the index splits by `split_with` alone.
pub fn tail_with(word: &str, knows: &dyn Fn(&str) -> bool) -> Option<String> {
    let chars: Vec<char> = word.chars().collect();
    (MIN_HEAD_CHARS..=chars.len().saturating_sub(MIN_TAIL_CHARS))
        .map(|i| chars[i..].iter().collect::<String>())
        .find(|tail| knows(tail))
}

/// The shortest tail `tail_with` takes alone, and the head it must leave.
const MIN_TAIL_CHARS: usize = 5;
const MIN_HEAD_CHARS: usize = 3;

/// A word of the index that "menade du" may offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Candidate {
    pub key: String,
    /// How many pages have it: of equally near words, the commonest is the likelier meant.
    pub df: u32,
    /// The whole word the key stands for, when it is not the key's spelling.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub word: Option<String>,
}

/// "Menade du": the candidate closest to `word` within two edits (one for words of four
/// letters or fewer, where two edits make another word), the most common of equals, then the
/// first in order; `None` when none is close. The word is compared both folded and as its
/// match key, since keys are stems and the typo may be in the ending.
pub fn closest<'a>(word: &str, candidates: &'a [Candidate]) -> Option<&'a Candidate> {
    let folded = fold(word);
    let limit = if folded.chars().count() <= 4 { 1 } else { 2 };
    let key = match_key(word);
    let mut best: Option<&Candidate> = None;
    let mut best_distance = limit + 1;
    for candidate in candidates {
        // Keys of one or two letters are near everything; the word itself is no suggestion.
        if candidate.key.chars().count() < 3 || candidate.key == folded || candidate.key == key {
            continue;
        }
        // Against the key (a stem) and the whole word it stands for: återvändare is two edits
        // from atervndaree, its stem återvänd four.
        let whole = candidate
            .word
            .as_deref()
            .map_or(limit + 1, |w| distance(&folded, &fold(w), limit));
        let d = distance(&folded, &candidate.key, limit)
            .min(distance(&key, &candidate.key, limit))
            .min(whole);
        if d < best_distance || (d == best_distance && best.is_some_and(|b| candidate.df > b.df)) {
            best = Some(candidate);
            best_distance = d;
        }
    }
    best.filter(|_| best_distance <= limit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::pipeline::split_with;

    fn group(words: &[&str]) -> Synonym {
        let words: Vec<String> = words.iter().map(|w| w.to_string()).collect();
        Synonym {
            from: words.clone(),
            to: words,
        }
    }

    fn one_way(from: &[&str], to: &[&str]) -> Synonym {
        Synonym {
            from: from.iter().map(|w| w.to_string()).collect(),
            to: to.iter().map(|w| w.to_string()).collect(),
        }
    }

    fn synonyms() -> Synonyms {
        Synonyms::new(&[
            group(&["återvändare", "hemvändare"]),
            one_way(&["Säpo"], &["Säkerhetspolisen"]),
            group(&["LVU", "lagen om vård av unga"]),
            one_way(&["vård"], &["omsorg"]),
        ])
    }

    /// Each unit's alternatives as words joined by spaces.
    fn alternatives(query: &str) -> Vec<Vec<String>> {
        units(query, Some(&synonyms()))
            .into_iter()
            .map(|u| u.alternatives.iter().map(|a| a.join(" ")).collect())
            .collect()
    }

    fn strings(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn a_group_finds_every_member() {
        assert_eq!(
            alternatives("hemvändarna"),
            [strings(&["hemvändarna", "återvändare"])]
        );
        assert_eq!(
            alternatives("Återvändare"),
            [strings(&["återvändare", "hemvändare"])]
        );
    }

    #[test]
    fn a_one_way_synonym_does_not_go_back() {
        assert_eq!(
            alternatives("säpo"),
            [strings(&["säpo", "säkerhetspolisen"])]
        );
        assert_eq!(
            alternatives("säkerhetspolisen"),
            [strings(&["säkerhetspolisen"])]
        );
    }

    #[test]
    fn phrases_match_by_stems_and_the_longest_wins() {
        let found = units("Lagen om vården av unga", Some(&synonyms()));
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].typed,
            strings(&["lagen", "om", "vården", "av", "unga"])
        );
        assert_eq!(
            found[0].alternatives,
            [strings(&["lagen", "vården", "unga"]), strings(&["lvu"])]
        );
        // "vård" alone is a one-word synonym; inside the longer phrase it is not its own unit.
        assert_eq!(alternatives("vård"), [strings(&["vård", "omsorg"])]);
        assert!(!alternatives("lagen om vård av unga")
            .concat()
            .contains(&"omsorg".to_string()));
    }

    #[test]
    fn question_words_are_dropped_unless_nothing_else_is_left() {
        let typed =
            |q: &str| -> Vec<String> { units(q, None).into_iter().flat_map(|u| u.typed).collect() };
        assert_eq!(
            typed("vem ringer jag om jag är orolig"),
            ["ringer", "orolig"]
        );
        assert_eq!(
            typed("Var finns det någon handlingsplan?"),
            ["handlingsplan"]
        );
        let only_stop = units("vad är det", None);
        assert_eq!(
            only_stop
                .iter()
                .map(|u| u.typed.join(" "))
                .collect::<Vec<_>>(),
            ["vad", "är", "det"]
        );
        assert!(only_stop.iter().all(|u| u.stop));
    }

    #[test]
    fn compounds_split_at_linking_letters_against_the_keys() {
        let split = |word: &str, keys: &[&str]| {
            let keys: HashSet<&str> = keys.iter().copied().collect();
            split_with(word, &|part| {
                let mut terms = Vec::new();
                analyze_token(part, None, &mut terms);
                terms.iter().any(|t| keys.contains(t.key.as_str()))
            })
        };
        assert_eq!(
            split("nazistsymboler", &["nazist", "symbol"]),
            Some(strings(&["nazist", "symboler"]))
        );
        // `oros` stems to `oro` itself, so the head keeps its `s`: the key is what meets.
        assert_eq!(
            split("orosanmälan", &["oro", "anmalan"]),
            Some(strings(&["oros", "anmälan"]))
        );
        assert_eq!(
            split("stadsdelsförvaltning", &["stad", "del", "forvaltning"]),
            Some(strings(&["stads", "dels", "förvaltning"]))
        );
        // `kvinno` is no word; its `a` form is (keys are stems: `kvinna` → `kvinn`).
        assert_eq!(
            split("kvinnojour", &["kvinn", "jour"]),
            Some(strings(&["kvinna", "jour"]))
        );
        assert_eq!(
            split("handlingsplan", &["handling", "plan"]),
            Some(strings(&["handlings", "plan"]))
        );
        assert_eq!(split("nazistsymboler", &["nazist"]), None);
    }

    #[test]
    fn menade_du_allows_two_typos_in_long_words_and_one_in_short() {
        let candidates = |keys: &[(&str, u32)]| -> Vec<Candidate> {
            keys.iter()
                .map(|(key, df)| Candidate {
                    key: key.to_string(),
                    df: *df,
                    word: None,
                })
                .collect()
        };
        let keys = candidates(&[
            ("samordn", 3),
            ("handlingsplan", 2),
            ("orolig", 5),
            ("jour", 4),
        ]);
        let found = |word: &str| closest(word, &keys).map(|c| c.key.as_str());
        assert_eq!(found("handlingsplna"), Some("handlingsplan"));
        assert_eq!(found("handlimgsplna"), Some("handlingsplan"));
        assert_eq!(found("hamdlimgsplna"), None);
        assert_eq!(found("oroilg"), Some("orolig"));
        assert_eq!(found("juor"), Some("jour"));
        assert_eq!(found("jxor"), None);
        // The word itself is no suggestion.
        assert_eq!(found("jour"), None);
        // Of equally near words the commonest wins, then the first.
        let keys = candidates(&[("hatt", 1), ("hats", 3), ("hatr", 3)]);
        assert_eq!(closest("hatx", &keys).map(|c| c.key.as_str()), Some("hats"));
    }

    #[test]
    fn an_unsplittable_compound_keeps_its_known_tail() {
        let keys = ["symbol", "propagand", "verksam"];
        let knows = |part: &str| keys.contains(&match_key(part).as_str());
        assert_eq!(tail_with("hatsymbol", &knows).as_deref(), Some("symbol"));
        assert_eq!(
            tail_with("nätpropaganda", &knows).as_deref(),
            Some("propaganda")
        );
        // The longest known tail: `verksamhet`, not a shorter one.
        assert_eq!(
            tail_with("exitverksamhet", &knows).as_deref(),
            Some("verksamhet")
        );
        // Too short a head or tail.
        assert_eq!(tail_with("symbol", &knows), None);
        assert_eq!(tail_with("hatsymb", &knows), None);
    }

    #[test]
    fn a_lone_letter_is_no_word_to_look_for() {
        let found = units("SÄPO:s telefonnummer", None);
        let typed: Vec<&str> = found
            .iter()
            .flat_map(|u| &u.typed)
            .map(String::as_str)
            .collect();
        assert_eq!(typed, ["säpo", "telefonnummer"]);
        assert_eq!(units("vad är 8 s", None).len(), 1);
    }

    #[test]
    fn distance_is_capped() {
        assert_eq!(distance("abcd", "abdc", 2), 1);
        assert_eq!(distance("kitten", "sitting", 5), 3);
        assert_eq!(distance("kitten", "sitting", 1), 2);
        assert_eq!(distance("a", "abcd", 1), 2);
        assert_eq!(distance("", "", 1), 0);
    }
}
