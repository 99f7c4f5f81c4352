//! The search index as `serve` keeps it between edits, so that an edited page rewrites only
//! its own search files: the postings and vocabulary files of the keys it gained, lost or is
//! scored differently under, the docs file that lists it, and `meta.js` (a new version).
//!
//! It is built whole at a full reload (the very files `lots build` writes), then patched per
//! edit. A patch keeps what depends on the whole site: the vocabulary compounds are split
//! against (it only gains the edited page's words), the average field lengths, the file
//! boundaries (a new key goes to the file whose key range holds it, so a file may outgrow its
//! target), and the order of a key's spellings (a new one takes the next mask bit). So scores
//! of other pages may drift a little from a fresh build, and the files differ from what
//! `lots build` would write; every key is still where the browser looks for it. The next full
//! reload (any change to the config, a section, or the set of published pages) is exact again.

use std::collections::{BTreeSet, HashMap};

use rayon::prelude::*;

use super::extract::{self, Collection, SearchDoc};
use super::index::{self, Context, Entry, Posting, TermRef, MAX_VARIANT_BITS};
use super::pipeline::{self, Term};
use super::shards::{self, Targets};
use super::tiers::{self, TailBound, Tiers};
use super::{tokens, IndexFile};
use crate::config::Config;
use crate::content::Library;

/// The keys of one postings or vocabulary file.
struct FileKeys {
    /// No key of the file is before it, and every key of the next file is after it: the
    /// file's first key at the full build, or a new key before every other.
    start: String,
    /// Key numbers, in key order.
    keys: Vec<u32>,
}

/// The files one patch rewrites, by number.
#[derive(Default)]
struct Changed {
    postings: BTreeSet<usize>,
    vocab: BTreeSet<usize>,
    docs: BTreeSet<usize>,
}

impl Changed {
    fn is_empty(&self) -> bool {
        self.postings.is_empty() && self.vocab.is_empty() && self.docs.is_empty()
    }
}

/// The index of a served site, with what patching one page needs.
pub struct LiveIndex {
    /// Page keys in document order, then section keys (documents after the pages'); an edit
    /// that leaves both as they are keeps every number.
    pages: Vec<String>,
    sections: Vec<String>,
    keyword_keys: Vec<String>,
    collections: Vec<Collection>,
    /// The pages as the docs files show them (their fields are not kept).
    docs: Vec<SearchDoc<'static>>,
    /// A hash of each page's fields: a page re-read with the same text is not scored again.
    fingerprints: Vec<blake3::Hash>,
    context: Context,
    /// Every key by number. Numbers never change, so the lists below stay valid: a new key is
    /// appended, and a key no page has any more stays as an empty slot outside every file.
    entries: Vec<Entry>,
    numbers: HashMap<String, u32>,
    /// Per key number: its postings file and vocabulary file, while it is in one.
    place: Vec<Option<(usize, usize)>>,
    postings_files: Vec<FileKeys>,
    vocab_files: Vec<FileKeys>,
    /// Per page, the numbers of the keys that list it, sorted: what an edit takes it out of.
    doc_keys: Vec<Vec<u32>>,
    /// Per key number, what its tail can add, as its vocabulary file says.
    tails: Vec<Option<TailBound>>,
    head_postings: usize,
    per_chunk: usize,
    version: String,
}

impl LiveIndex {
    /// The whole index of the indexed pages of `library` ([`super::indexed_pages`]), and its
    /// files.
    pub fn build(library: &Library, config: &Config) -> (LiveIndex, Vec<IndexFile>) {
        let (collections, docs) = super::documents(library, config);
        let pages = super::indexed_pages(library).cloned().collect();
        let keyword_keys = extract::keyword_keys(config);
        let (mut live, mut files) =
            Self::from_docs(pages, keyword_keys, collections, docs, &shards::targets());
        live.sections = super::indexed_sections(library).cloned().collect();
        files.push(shards::synonyms_file(&config.search.synonyms));
        (live, files)
    }

    /// The index of `docs` (one per page key of `pages`, in that order) and its files.
    fn from_docs(
        pages: Vec<String>,
        keyword_keys: Vec<String>,
        collections: Vec<Collection>,
        docs: Vec<SearchDoc>,
        targets: &Targets,
    ) -> (LiveIndex, Vec<IndexFile>) {
        let (index, context) = index::build_with_context(&docs);
        let lists = shards::encode_all(&index, targets);
        let plan = shards::plan(&index, &lists, &docs, targets);
        let files = shards::write_planned(&index, &lists, &plan, &docs, &collections);
        let tails = lists.iter().map(Tiers::bound).collect();
        drop(lists);
        let mut doc_keys = vec![Vec::new(); docs.len()];
        for (key, entry) in index.entries.iter().enumerate() {
            for posting in &entry.postings {
                doc_keys[posting.doc as usize].push(key as u32);
            }
        }
        let entries = index.entries;
        let fingerprints = docs.par_iter().map(fingerprint).collect();
        let docs = docs.into_iter().map(SearchDoc::without_fields).collect();
        let live = LiveIndex {
            pages,
            sections: Vec::new(),
            keyword_keys,
            collections,
            docs,
            fingerprints,
            context,
            numbers: (0..entries.len())
                .map(|i| (entries[i].key.clone(), i as u32))
                .collect(),
            place: (0..entries.len())
                .map(|i| Some((plan.postings_file[i], plan.vocab_file[i])))
                .collect(),
            postings_files: file_keys(&entries, &plan.postings_file),
            vocab_files: file_keys(&entries, &plan.vocab_file),
            entries,
            doc_keys,
            tails,
            head_postings: targets.head_postings,
            per_chunk: plan.per_chunk,
            // `meta.js` names the version of every other file, so its hash names them all.
            version: shards::version(&files[files.len() - 1..], ""),
        };
        (live, files)
    }

    /// Patches the index after the pages with these keys were read again (and their
    /// Markdown rendered); returns the files that changed, none if no page's search text did.
    /// `None` when the set of indexed pages changed: page numbers are positions in key
    /// order, so a new, deleted or drafted page moves them (as does one `in_search_index`
    /// lets in or out), and only a whole build will do.
    pub fn update(&mut self, library: &Library, keys: &[String]) -> Option<Vec<IndexFile>> {
        if !same_keys(&self.pages, super::indexed_pages(library))
            || !same_keys(&self.sections, super::indexed_sections(library))
        {
            return None;
        }
        let first_section = self.pages.len();
        let mut numbers: Vec<usize> = keys
            .iter()
            .filter_map(|key| match self.pages.binary_search(key) {
                Ok(doc) => Some(doc),
                Err(_) => Some(first_section + self.sections.binary_search(key).ok()?),
            })
            .collect();
        numbers.sort_unstable();
        numbers.dedup();
        let edits = numbers
            .into_iter()
            .map(|doc| {
                let collection = self.docs[doc].collection;
                let fresh = match self.pages.get(doc) {
                    Some(key) => {
                        extract::document(&library.pages[key], collection, &self.keyword_keys)
                    }
                    None => {
                        let key = &self.sections[doc - first_section];
                        extract::section_document(&library.sections[key], collection)
                    }
                };
                (doc, fresh)
            })
            .collect();
        Some(self.update_docs(edits))
    }

    /// Puts these pages (by number) in place of the old ones; returns the changed files.
    fn update_docs(&mut self, edits: Vec<(usize, SearchDoc)>) -> Vec<IndexFile> {
        let mut changed = Changed::default();
        for (doc, fresh) in edits {
            let fingerprint = fingerprint(&fresh);
            if fingerprint != self.fingerprints[doc] {
                self.fingerprints[doc] = fingerprint;
                let terms = self.score(&fresh);
                self.replace_postings(doc, &terms, &mut changed);
            }
            let old = &self.docs[doc];
            if (&old.title, &old.url, &old.snippet) != (&fresh.title, &fresh.url, &fresh.snippet) {
                changed.docs.insert(doc / self.per_chunk);
                self.docs[doc] = fresh.without_fields();
            }
        }
        if changed.is_empty() {
            return Vec::new();
        }
        self.write(&changed)
    }

    /// The page's (key number, value, spelling mask) triples, as a whole build scores them
    /// but with the kept vocabulary and averages; new keys and spellings are added.
    fn score(&mut self, doc: &SearchDoc) -> Vec<(u32, u32, u32)> {
        let (tokens, counted) = tokens::tokenize_all(std::slice::from_ref(doc));
        // A whole build splits compounds against every word of the site, this page's too.
        self.context
            .vocabulary
            .extend(tokens.iter().map(|t| t.as_ref()));
        let mut refs: Vec<Vec<TermRef>> = Vec::with_capacity(tokens.len());
        let mut terms = Vec::new();
        for token in &tokens {
            terms.clear();
            pipeline::analyze_token(token, Some(&self.context.vocabulary), &mut terms);
            let refs_of_token: Vec<TermRef> = terms.iter().map(|t| self.term_ref(t)).collect();
            // A whole build chooses among all pages' words; an edit only fills a new key's.
            for term in &refs_of_token {
                let entry = &mut self.entries[term.key as usize];
                if entry.word.is_none() {
                    entry.offer_word(token, term.kind, false);
                }
            }
            refs.push(refs_of_token);
        }
        let entries = &self.entries;
        let spelled = |key: u32| entries[key as usize].variants.len() > 1;
        let page = counted.pages().next().expect("one page tokenized");
        index::score_doc(&page, &refs, &self.context.averages, spelled)
    }

    /// The key and spelling numbers of a term, made if new.
    fn term_ref(&mut self, term: &Term) -> TermRef {
        let key = match self.numbers.get(&term.key) {
            Some(key) => *key,
            None => {
                let key = self.entries.len() as u32;
                self.entries.push(Entry {
                    key: term.key.clone(),
                    variants: Vec::new(),
                    postings: Vec::new(),
                    word: None,
                });
                self.place.push(None);
                self.numbers.insert(term.key.clone(), key);
                key
            }
        };
        let entry = &mut self.entries[key as usize];
        let variant = match entry.variants.iter().position(|v| *v == term.exact) {
            Some(variant) => variant,
            None => {
                // Appended, not sorted in, so the masks other pages have stay right.
                entry.variants.push(term.exact.clone());
                if entry.variants.len() == 2 {
                    // A key with one spelling has no masks: every page had that spelling.
                    entry.postings.iter_mut().for_each(|p| p.variants = 1);
                }
                entry.variants.len() - 1
            }
        };
        TermRef {
            key,
            variant: variant.min(MAX_VARIANT_BITS) as u32,
            kind: term.kind,
        }
    }

    /// Takes page `doc` out of the lists it left, puts it in the ones it joined, updates the
    /// ones whose value changed, and notes the files of every list that changed.
    fn replace_postings(&mut self, doc: usize, terms: &[(u32, u32, u32)], changed: &mut Changed) {
        let number = doc as u32;
        let mut touched = Vec::new();
        for key in std::mem::take(&mut self.doc_keys[doc]) {
            if terms.binary_search_by_key(&key, |t| t.0).is_err() {
                let postings = &mut self.entries[key as usize].postings;
                if let Ok(i) = postings.binary_search_by_key(&number, |p| p.doc) {
                    postings.remove(i);
                }
                touched.push(key);
            }
        }
        for &(key, value, variants) in terms {
            let posting = Posting {
                doc: number,
                value,
                variants,
            };
            let postings = &mut self.entries[key as usize].postings;
            match postings.binary_search_by_key(&number, |p| p.doc) {
                Ok(i) if postings[i] == posting => continue,
                Ok(i) => postings[i] = posting,
                Err(i) => postings.insert(i, posting),
            }
            touched.push(key);
        }
        self.doc_keys[doc] = terms.iter().map(|t| t.0).collect();
        for key in touched {
            self.place_key(key, changed);
        }
    }

    /// After a key's list changed: a key new to the index goes into the files whose range
    /// holds it, a key left without pages leaves its files; notes the files to write.
    fn place_key(&mut self, key: u32, changed: &mut Changed) {
        let k = key as usize;
        let name = self.entries[k].key.as_str();
        let (postings, vocab) = match (self.place[k], self.entries[k].postings.is_empty()) {
            (Some(place), false) => place,
            (Some((postings, vocab)), true) => {
                remove_key(&mut self.postings_files[postings], &self.entries, key);
                remove_key(&mut self.vocab_files[vocab], &self.entries, key);
                self.numbers.remove(name);
                self.place[k] = None;
                (postings, vocab)
            }
            (None, false) => {
                let postings = file_for(&mut self.postings_files, name);
                let vocab = file_for(&mut self.vocab_files, name);
                insert_key(&mut self.postings_files[postings], &self.entries, key);
                insert_key(&mut self.vocab_files[vocab], &self.entries, key);
                self.place[k] = Some((postings, vocab));
                (postings, vocab)
            }
            (None, true) => return,
        };
        changed.postings.insert(postings);
        changed.vocab.insert(vocab);
    }

    /// The changed files, then `meta.js` with a new version.
    fn write(&mut self, changed: &Changed) -> Vec<IndexFile> {
        let entries = &self.entries;
        let mut files = Vec::new();
        self.tails.resize(entries.len(), None);
        for &id in &changed.postings {
            let keys = &self.postings_files[id].keys;
            let lists: Vec<Tiers> = keys
                .iter()
                .map(|k| tiers::encode(&entries[*k as usize], self.head_postings))
                .collect();
            for (k, list) in keys.iter().zip(&lists) {
                self.tails[*k as usize] = list.bound();
            }
            let named = keys
                .iter()
                .zip(&lists)
                .map(|(k, list)| (entries[*k as usize].key.as_str(), list));
            files.extend(shards::postings_files(id, named));
        }
        for &id in &changed.vocab {
            let keys = &self.vocab_files[id].keys;
            let slice: Vec<&Entry> = keys.iter().map(|k| &entries[*k as usize]).collect();
            let postings: Vec<usize> = keys
                .iter()
                .map(|k| self.place[*k as usize].map_or(0, |p| p.0))
                .collect();
            let tails: Vec<Option<TailBound>> =
                keys.iter().map(|k| self.tails[*k as usize]).collect();
            let pages: Vec<u32> = slice.iter().map(|e| e.postings.len() as u32).collect();
            files.push(shards::vocab_file(id, &slice, &pages, &postings, &tails));
        }
        for &id in &changed.docs {
            let start = id * self.per_chunk;
            let end = (start + self.per_chunk).min(self.docs.len());
            files.push(shards::docs_file(id, &self.docs[start..end]));
        }
        self.version = shards::version(&files, &self.version);
        let starts = self.vocab_files.iter().map(|f| f.start.clone()).collect();
        files.push(shards::meta_file(
            &self.docs,
            &self.collections,
            self.per_chunk,
            starts,
            &self.version,
        ));
        files
    }
}

/// The files of a whole build's plan (`file_of` numbers files from 0 in key order).
fn file_keys(entries: &[Entry], file_of: &[usize]) -> Vec<FileKeys> {
    let mut files: Vec<FileKeys> = Vec::new();
    for (key, file) in file_of.iter().enumerate() {
        if *file == files.len() {
            files.push(FileKeys {
                start: entries[key].key.clone(),
                keys: Vec::new(),
            });
        }
        files[*file].keys.push(key as u32);
    }
    files
}

/// The file whose key range holds `key`: the last one starting at or before it. A key before
/// every file (or the first key of an index that had none) starts the first file, so that
/// the browser, which looks a key up the same way in `meta.js`, finds it there.
fn file_for(files: &mut Vec<FileKeys>, key: &str) -> usize {
    let after = files.partition_point(|f| f.start.as_str() <= key);
    if after > 0 {
        return after - 1;
    }
    match files.first_mut() {
        Some(first) => first.start = key.to_string(),
        None => files.push(FileKeys {
            start: key.to_string(),
            keys: Vec::new(),
        }),
    }
    0
}

fn insert_key(file: &mut FileKeys, entries: &[Entry], key: u32) {
    let name = entries[key as usize].key.as_str();
    let at = file
        .keys
        .partition_point(|k| entries[*k as usize].key.as_str() < name);
    file.keys.insert(at, key);
}

fn remove_key(file: &mut FileKeys, entries: &[Entry], key: u32) {
    let name = entries[key as usize].key.as_str();
    if let Ok(at) = file
        .keys
        .binary_search_by(|k| entries[*k as usize].key.as_str().cmp(name))
    {
        file.keys.remove(at);
    }
}

/// A hash of everything a page's postings are made from.
/// Whether a library's keys are still the ones the documents were numbered by.
fn same_keys<'a>(kept: &[String], now: impl Iterator<Item = &'a String>) -> bool {
    now.eq(kept)
}

fn fingerprint(doc: &SearchDoc) -> blake3::Hash {
    let mut hasher = blake3::Hasher::new();
    for (field, text) in &doc.fields {
        hasher.update(&[*field as u8]);
        hasher.update(&(text.len() as u64).to_le_bytes());
        hasher.update(text.as_bytes());
    }
    hasher.finalize()
}

#[cfg(test)]
#[path = "live_tests.rs"]
mod tests;
