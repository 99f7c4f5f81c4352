//! The text pipeline of the search index: words → terms. The browser runs the same pipeline in
//! `themes/lots/static/search/pipeline.js`, and `tests/search_tokens.rs` proves that both give
//! the same terms for the same text.
//!
//! 1. NFC, then split into tokens: runs of letters and digits. Punctuation between two digits
//!    stays inside the token (`2001:453`, `2/2019`), so codes survive whole. (elasticlunr-rs's
//!    own tokenizer splits only on whitespace and `-`, and its Swedish trimmer drops digits, so
//!    `88` would vanish; this tokenizer replaces both.)
//! 2. Each token in lower case. Swedish stop words (elasticlunr-rs's list) are kept as their own
//!    kind: a query of only stop words (`för`) still finds something, other queries drop them.
//! 3. Words are stemmed with elasticlunr-rs's Swedish Snowball stemmer. The index key is the
//!    stem folded (å ä → a, ö → o, é → e …), so `atervandare` finds `återvändare`; the unfolded
//!    stem is kept beside it so that exact spellings can rank first (`för` above `for`).
//! 4. With a vocabulary (the site's own words), compounds are split into known parts, with a
//!    linking letter (`s`, or `o`/`u` for a dropped `a`): `handlingsplanerna` also yields
//!    `handling` and `plan`, `kvinnojour` `kvinna` and `jour`.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashSet;

use elasticlunr::lang::Language;
use elasticlunr::pipeline::PipelineFn;
use elasticlunr::Pipeline;
use unicode_normalization::{IsNormalized, UnicodeNormalization};

/// Tokens longer than this (in characters) are noise such as hashes or base64, not words.
pub const MAX_TOKEN_CHARS: usize = 64;
/// The shortest compound part, and so the shortest word worth splitting is twice this.
const MIN_PART_CHARS: usize = 3;
/// How many times the tail of a compound may itself be split (`a+b+c+d` at most).
const MAX_SPLIT_DEPTH: usize = 2;

/// What a term stands for; the index weighs them differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// A stemmed word.
    Word,
    /// A stop word, unstemmed.
    Stop,
    /// A number or a code with digits (`88`, `2001:453`, `anna88`), unstemmed.
    Code,
    /// A part of a compound word.
    Part,
}

impl Kind {
    pub fn letter(self) -> char {
        match self {
            Kind::Word => 'w',
            Kind::Stop => 's',
            Kind::Code => 'c',
            Kind::Part => 'p',
        }
    }
}

/// One term of the index: the folded `key` it is stored under, and the `exact` (unfolded)
/// form used to rank exact spellings above folded ones.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Term {
    pub key: String,
    pub exact: String,
    pub kind: Kind,
}

impl std::fmt::Display for Term {
    /// `w:atervand:återvänd`, the form the Rust-vs-JS test compares.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}", self.kind.letter(), self.key, self.exact)
    }
}

/// elasticlunr-rs's Swedish pipeline holds boxed functions that are not `Sync`, so each rayon
/// thread makes its own (cheap: a stop-word set and a stemmer).
struct Swedish {
    stop_words: Box<dyn PipelineFn>,
    stemmer: Box<dyn PipelineFn>,
}

impl Swedish {
    fn new() -> Swedish {
        let Pipeline { queue } = elasticlunr::lang::Swedish::new().make_pipeline();
        let mut stop_words = None;
        let mut stemmer = None;
        for function in queue {
            match function.name().as_str() {
                "stopWordFilter-sv" => stop_words = Some(function),
                "stemmer-sv" => stemmer = Some(function),
                // The trimmer drops digits; the tokenizer here only makes clean tokens anyway.
                _ => {}
            }
        }
        Swedish {
            stop_words: stop_words
                .expect("elasticlunr-rs's Swedish pipeline has a stop word filter"),
            stemmer: stemmer.expect("elasticlunr-rs's Swedish pipeline has a stemmer"),
        }
    }
}

thread_local! {
    static SWEDISH: RefCell<Option<Swedish>> = const { RefCell::new(None) };
}

fn with_swedish<T>(f: impl FnOnce(&Swedish) -> T) -> T {
    SWEDISH.with(|cell| {
        let mut slot = cell.borrow_mut();
        f(slot.get_or_insert_with(Swedish::new))
    })
}

pub fn is_stop_word(word: &str) -> bool {
    with_swedish(|sv| sv.stop_words.filter(word.to_string()).is_none())
}

/// The Snowball stem of a lower-case word.
pub fn stem(word: &str) -> String {
    with_swedish(|sv| {
        sv.stemmer
            .filter(word.to_string())
            .unwrap_or_else(|| word.to_string())
    })
}

/// Removes diacritics from lower-case text: `återvändare` → `atervandare`, `café` → `cafe`.
/// A character is folded when its canonical decomposition is an ASCII letter followed by
/// combining diacritical marks (U+0300–U+036F); a few letters without one are mapped by hand.
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            'ø' => out.push('o'),
            'æ' => out.push_str("ae"),
            'œ' => out.push_str("oe"),
            'ß' => out.push_str("ss"),
            c if c.is_ascii() => out.push(c),
            c => {
                let mut parts = Vec::with_capacity(3);
                unicode_normalization::char::decompose_canonical(c, |d| parts.push(d));
                let plain = parts.len() > 1
                    && parts[0].is_ascii_lowercase()
                    && parts[1..]
                        .iter()
                        .all(|m| ('\u{300}'..='\u{36f}').contains(m));
                out.push(if plain { parts[0] } else { c });
            }
        }
    }
    out
}

/// A letter or digit in Unicode's sense (Alphabetic or Numeric, as `\p{Alphabetic}\p{N}` in
/// the JS pipeline). Latin-1, where å ä ö live, is answered without the Unicode tables.
fn is_word_char(c: char) -> bool {
    match c {
        '\0'..='\x7f' => c.is_ascii_alphanumeric(),
        '\u{80}'..='\u{ff}' => matches!(
            c,
            'ª' | 'µ' | 'º' | '²' | '³' | '¹' | '¼'..='¾' | 'À'..='Ö' | 'Ø'..='ö' | 'ø'..='ÿ'
        ),
        _ => c.is_alphabetic() || c.is_numeric(),
    }
}

/// Whether lowercasing could change `c` (it may say yes for a character that stays).
fn may_change_case(c: char) -> bool {
    match c {
        '\0'..='\x7f' => c.is_ascii_uppercase(),
        '\u{80}'..='\u{ff}' => matches!(c, 'À'..='Ö' | 'Ø'..='Þ'),
        _ => c.is_uppercase() || !c.is_lowercase(),
    }
}

/// Splits text into lower-case tokens (see the module comment).
pub fn tokenize(text: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    for_each_token(text, |token| tokens.push(token.into_owned()));
    tokens
}

/// Calls `f` with each lower-case token of `text`, borrowed from it where lowercasing and
/// normalising change nothing: indexing calls this on every word of every page.
pub fn for_each_token<'a>(text: &'a str, mut f: impl FnMut(Cow<'a, str>)) {
    if surely_nfc(text) || unicode_normalization::is_nfc_quick(text.chars()) == IsNormalized::Yes {
        scan(text, |token| f(lowercase(token)));
    } else {
        let normalized: String = text.nfc().collect();
        scan(&normalized, |token| {
            f(Cow::Owned(lowercase(token).into_owned()))
        });
    }
}

/// A fast look at the bytes for text that needs no normalising: characters below U+0300
/// (UTF-8 lead bytes under 0xCC, so ASCII and å ä ö é) and the dashes, quotes and ellipsis of
/// U+2010–U+2027 are NFC and never combine. Anything else gets the real check.
fn surely_nfc(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] < 0xcc {
            i += 1;
        } else if bytes[i] == 0xe2
            && bytes.get(i + 1) == Some(&0x80)
            && bytes.get(i + 2).is_some_and(|b| (0x90..=0xa7).contains(b))
        {
            i += 3;
        } else {
            return false;
        }
    }
    true
}

/// Finds the tokens of NFC text. Works on bytes, decoding only non-ASCII characters: this
/// loop sees every character of the site.
fn scan<'a>(text: &'a str, mut f: impl FnMut(&'a str)) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Skip to the next word character.
        let (word, width) = char_at(text, i);
        if !word {
            i += width;
            continue;
        }
        let from = i;
        i += width;
        while i < bytes.len() {
            let byte = bytes[i];
            if byte.is_ascii_alphanumeric() {
                i += 1;
            } else if is_code_joiner(byte)
                && bytes[i - 1].is_ascii_digit()
                && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
            {
                i += 2;
            } else if byte.is_ascii() {
                break;
            } else {
                let (word, width) = char_at(text, i);
                if !word {
                    break;
                }
                i += width;
            }
        }
        let token = &text[from..i];
        // Only a long token can have too many characters.
        if token.len() <= MAX_TOKEN_CHARS || token.chars().count() <= MAX_TOKEN_CHARS {
            f(token);
        }
    }
}

/// Whether the character at byte `i` is a word character, and its length in bytes.
fn char_at(text: &str, i: usize) -> (bool, usize) {
    let byte = text.as_bytes()[i];
    if byte.is_ascii() {
        (byte.is_ascii_alphanumeric(), 1)
    } else {
        let c = text[i..].chars().next().expect("a character starts here");
        (is_word_char(c), c.len_utf8())
    }
}

/// Punctuation that stays inside a token between two digits (2001:453, 2/2019).
fn is_code_joiner(byte: u8) -> bool {
    matches!(byte, b':' | b'.' | b'/' | b',' | b'-')
}

fn lowercase(token: &str) -> Cow<'_, str> {
    // Lower-case letters and ASCII digits stay as they are: no copy for most words.
    let changes = if token.is_ascii() {
        token.bytes().any(|b| b.is_ascii_uppercase())
    } else {
        token.chars().any(may_change_case)
    };
    if changes {
        Cow::Owned(token.to_lowercase())
    } else {
        Cow::Borrowed(token)
    }
}

/// The site's own words, which compound parts must be (or stem to) to count.
#[derive(Debug, Default, Clone)]
pub struct Vocabulary {
    words: HashSet<String>,
}

impl Vocabulary {
    /// From every distinct token of the site: letter-only words of three letters or more that
    /// are not stop words, and their stems.
    pub fn from_tokens<'a>(tokens: impl IntoIterator<Item = &'a str>) -> Vocabulary {
        let mut vocabulary = Vocabulary {
            words: HashSet::new(),
        };
        vocabulary.extend(tokens);
        vocabulary
    }

    /// Adds the words of more tokens (`serve` adds an edited page's).
    pub fn extend<'a>(&mut self, tokens: impl IntoIterator<Item = &'a str>) {
        for token in tokens {
            if token.chars().count() >= MIN_PART_CHARS
                && token.chars().all(char::is_alphabetic)
                && !is_stop_word(token)
            {
                self.words.insert(stem(token));
                self.words.insert(token.to_string());
            }
        }
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    fn knows(&self, word: &str) -> bool {
        self.words.contains(word)
    }

    /// Splits a compound into known parts, longest first part first, a linking letter undone:
    /// `handlingsplanerna` → `handling`, `planerna`. `None` when it is no compound of known words.
    pub fn split(&self, word: &str) -> Option<Vec<String>> {
        split_with(word, &|part| self.knows(part))
    }
}

/// What a compound's first part may look like before its linking letter: `handlings` →
/// `handling`, `kvinno` → `kvinna`, `gatu` → `gata`.
fn head_forms(head: &str) -> impl Iterator<Item = String> + '_ {
    let mut chars = head.chars();
    let last = chars.next_back();
    let stem_part = chars.as_str();
    let long = stem_part.chars().count() >= MIN_PART_CHARS;
    let dropped = (long && last == Some('s')).then(|| stem_part.to_string());
    let changed = (long && matches!(last, Some('o' | 'u'))).then(|| format!("{stem_part}a"));
    std::iter::once(head.to_string())
        .chain(dropped)
        .chain(changed)
}

/// Splits a compound into parts that `knows` accepts, longest first part first, trying the
/// linking letters of `head_forms`; at most `MAX_SPLIT_DEPTH + 2` parts. Indexing asks the
/// site's words; a query asks the index's keys (the browser's `splitWith` is the same).
pub fn split_with(word: &str, knows: &dyn Fn(&str) -> bool) -> Option<Vec<String>> {
    let chars: Vec<char> = word.chars().collect();
    split_chars(&chars, knows, 0)
}

fn split_chars(chars: &[char], knows: &dyn Fn(&str) -> bool, depth: usize) -> Option<Vec<String>> {
    let n = chars.len();
    if n < 2 * MIN_PART_CHARS {
        return None;
    }
    for i in (MIN_PART_CHARS..=n - MIN_PART_CHARS).rev() {
        let head: String = chars[..i].iter().collect();
        let Some(head) = head_forms(&head).find(|form| knows(form)) else {
            continue;
        };
        let tail: String = chars[i..].iter().collect();
        if knows(&tail) || knows(&stem(&tail)) {
            return Some(vec![head, tail]);
        }
        if depth < MAX_SPLIT_DEPTH {
            if let Some(mut rest) = split_chars(&chars[i..], knows, depth + 1) {
                rest.insert(0, head);
                return Some(rest);
            }
        }
    }
    None
}

/// The terms of one token; `vocabulary` is given when compounds are to be split (indexing).
pub fn analyze_token(token: &str, vocabulary: Option<&Vocabulary>, out: &mut Vec<Term>) {
    let has_digit = token.chars().any(|c| c.is_numeric());
    if !has_digit {
        analyze_word(token, Kind::Word, out);
        if let Some(vocabulary) = vocabulary {
            if !is_stop_word(token) {
                for part in vocabulary.split(token).unwrap_or_default() {
                    analyze_word(&part, Kind::Part, out);
                }
            }
        }
        return;
    }
    push_code(token, out);
    let all_digits = token.chars().all(|c| c.is_ascii_digit());
    if all_digits {
        return;
    }
    // `2001:453` → also `2001` and `453`; `anna88` → also `anna` and `88`.
    for run in runs(token) {
        if run.chars().any(|c| c.is_numeric()) {
            push_code(&run, out);
        } else {
            analyze_word(&run, Kind::Word, out);
        }
    }
}

fn push_code(code: &str, out: &mut Vec<Term>) {
    out.push(Term {
        key: fold(code),
        exact: code.to_string(),
        kind: Kind::Code,
    });
}

/// Maximal runs of letters only or of digits only.
fn runs(token: &str) -> Vec<String> {
    let mut runs: Vec<String> = Vec::new();
    let mut last: Option<bool> = None;
    for c in token.chars() {
        if !is_word_char(c) {
            last = None;
            continue;
        }
        let digit = c.is_numeric();
        if last == Some(digit) {
            runs.last_mut().expect("a run is open").push(c);
        } else {
            runs.push(c.to_string());
        }
        last = Some(digit);
    }
    runs
}

fn analyze_word(word: &str, kind: Kind, out: &mut Vec<Term>) {
    if is_stop_word(word) {
        if kind == Kind::Word {
            out.push(Term {
                key: fold(word),
                exact: word.to_string(),
                kind: Kind::Stop,
            });
        }
        return;
    }
    let exact = stem(word);
    let key = fold(&exact);
    // Stemming the folded word can end elsewhere (`löst` → `lös`, but `lost` → `lost`): index
    // that key too, so a query typed without å/ä/ö still meets it.
    let folded_stem = stem(&fold(word));
    let also = (folded_stem != key).then_some(folded_stem);
    out.push(Term {
        key,
        exact: exact.clone(),
        kind,
    });
    if let Some(key) = also {
        out.push(Term { key, exact, kind });
    }
}

/// Every term of a text, in order.
pub fn analyze(text: &str, vocabulary: Option<&Vocabulary>) -> Vec<Term> {
    let mut out = Vec::new();
    for token in tokenize(text) {
        analyze_token(&token, vocabulary, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<String> {
        analyze(text, None).into_iter().map(|t| t.key).collect()
    }

    #[test]
    fn folds_swedish_letters_and_case() {
        assert_eq!(fold("återvändare"), "atervandare");
        assert_eq!(fold("öl café naïve"), "ol cafe naive");
        assert_eq!(keys("Återvändare"), keys("atervandare"));
        assert_eq!(keys("återvändarna"), keys("atervandare"));
        assert_eq!(keys("VÅLD"), keys("vald"));
        // Decomposed å (a + ring) is the same word.
        assert_eq!(keys("a\u{30a}tervända"), keys("återvända"));
    }

    #[test]
    fn normalises_only_what_needs_it() {
        assert!(surely_nfc("Återvändare – ”citat” … 2019–2020"));
        assert!(!surely_nfc("a\u{30a}"));
        // The ångström sign is Å after normalising.
        assert!(!surely_nfc("\u{212b}"));
        assert_eq!(tokenize("\u{212b}ngström"), tokenize("Ångström"));
    }

    #[test]
    fn latin1_shortcuts_agree_with_unicode() {
        for c in (0..0x250u32).filter_map(char::from_u32) {
            assert_eq!(
                is_word_char(c),
                c.is_alphabetic() || c.is_numeric(),
                "{c:?}"
            );
            if !may_change_case(c) {
                assert_eq!(c.to_lowercase().to_string(), c.to_string(), "{c:?}");
            }
        }
    }

    #[test]
    fn keeps_digits_and_codes() {
        assert_eq!(keys("88"), ["88"]);
        assert_eq!(keys("kod 1488."), ["kod", "1488"]);
        assert_eq!(keys("dnr 2001:453"), ["dnr", "2001:453", "2001", "453"]);
        assert_eq!(keys("anna88"), ["anna88", "ann", "88"]);
        assert_eq!(tokenize("VBE-teamet, 2/2019"), ["vbe", "teamet", "2/2019"]);
        assert_eq!(tokenize("slut. 12"), ["slut", "12"]);
    }

    #[test]
    fn stems_inflections_together() {
        let same = |a: &str, b: &str| assert_eq!(keys(a), keys(b), "{a} vs {b}");
        same("handlingsplaner", "handlingsplanen");
        same("handlingsplaner", "handlingsplan");
        same("samordnare", "samordnaren");
        same("återvändare", "återvändarna");
        assert_eq!(keys("handlingsplanerna"), ["handlingsplan"]);
    }

    #[test]
    fn stop_words_are_marked_not_dropped() {
        let terms = analyze("för barnen", None);
        assert_eq!(terms[0].kind, Kind::Stop);
        assert_eq!(
            (terms[0].key.as_str(), terms[0].exact.as_str()),
            ("for", "för")
        );
        assert_eq!(terms[1].kind, Kind::Word);
    }

    #[test]
    fn exact_form_is_kept_beside_the_folded_key() {
        let terms = analyze("våld", None);
        assert_eq!(terms[0].key, "vald");
        assert_eq!(terms[0].exact, "våld");
    }

    #[test]
    fn splits_compounds_against_the_vocabulary() {
        let vocabulary =
            Vocabulary::from_tokens(["handling", "planen", "hat", "symbol", "oro", "anmälan"]);
        assert_eq!(
            vocabulary.split("handlingsplanerna").unwrap(),
            ["handling", "planerna"]
        );
        assert_eq!(
            vocabulary.split("hatsymboler").unwrap(),
            ["hat", "symboler"]
        );
        assert_eq!(vocabulary.split("orosanmälan").unwrap(), ["oro", "anmälan"]);
        assert_eq!(vocabulary.split("planerna"), None);
        let terms = analyze("hatsymboler", Some(&vocabulary));
        let keys: Vec<&str> = terms.iter().map(|t| t.key.as_str()).collect();
        assert_eq!(keys, ["hatsymbol", "hat", "symbol"]);
        assert_eq!(terms[2].kind, Kind::Part);
        let plan: Vec<String> = analyze("handlingsplanerna", Some(&vocabulary))
            .into_iter()
            .map(|t| t.key)
            .collect();
        assert!(plan.contains(&"plan".to_string()), "{plan:?}");
    }

    #[test]
    fn splits_three_parts() {
        let vocabulary = Vocabulary::from_tokens(["stad", "del", "förvaltning"]);
        assert_eq!(
            vocabulary.split("stadsdelsförvaltningen").unwrap(),
            ["stad", "del", "förvaltningen"]
        );
    }
}
