//! The client-side search index, split into shards loaded on demand.
//!
//! Every published page is read into a few weighted fields (`extract`), tokenized in
//! parallel (`tokens`), run through the Swedish pipeline (`pipeline`: elasticlunr-rs's
//! Snowball stemmer and stop words, with a tokenizer that keeps digits and codes, å/ä/ö
//! folding and compound splitting), inverted into one small score per term and page
//! (`index`), and written as script files the browser loads as it needs them (`shards`).
//! The browser side is `themes/lots/static/search/`. The A–Ö page (`a_o`) is the way in
//! without JavaScript. Under `serve`, `live` keeps the index and patches it per page edit.
//!
//! Pages are numbered in key order; page URLs are stored relative to the site root, and the
//! script prefixes them with the root it was given, so the index works at any path and from
//! `file://`.
//!
//! `query` is the query side of the pipeline (question words, synonyms, "menade du"), the
//! twin of what the browser runs on a typed query, kept in Rust so that tests can prove the two
//! agree.

pub mod a_o;
mod counts;
pub mod extract;
pub mod index;
pub mod live;
pub mod pipeline;
pub mod query;
mod scored;
pub mod shards;
pub mod tiers;
mod tokens;

use std::borrow::Cow;

use rayon::prelude::*;

use crate::config::Config;
use crate::content::Library;

/// One file of the search index: its output path and bytes.
pub struct IndexFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// What the index needs of the pages, read from them: their tokens and what the result list
/// shows. A build makes it first, then lets go of the page texts before the pages are written.
pub struct Tokenized {
    collections: Vec<extract::Collection>,
    docs: Vec<extract::SearchDoc<'static>>,
    tokens: Vec<Cow<'static, str>>,
    counts: counts::Counted,
}

/// Reads and tokenizes every published page of `library` ([`documents`]).
pub fn tokenize(library: &Library, config: &Config) -> Tokenized {
    let mut reader = Reader::new(library, config);
    let keys: Vec<&String> = library
        .pages
        .keys()
        .chain(library.sections.keys())
        .collect();
    reader.read(library, &keys);
    reader.finish()
}

/// Reads and tokenizes the published pages a run at a time, as a build renders them, so that
/// each run's texts can go before the next run is rendered: a build never holds the text of
/// the whole site. [`tokenize`] is one run of it over the whole library.
pub struct Reader {
    collections: Vec<extract::Collection>,
    /// The collection of each page and section the index holds, by key.
    indexed: std::collections::HashMap<String, usize>,
    keyword_keys: Vec<String>,
    numbering: tokens::Numbering,
    docs: Vec<extract::SearchDoc<'static>>,
}

impl Reader {
    /// A reader of `library`'s pages, which must be loaded and linked (their text need not be
    /// rendered yet).
    pub fn new(library: &Library, config: &Config) -> Reader {
        let (collections, indexed) = indexed_with_collections(library);
        Reader {
            collections,
            indexed: indexed
                .into_iter()
                .map(|(key, collection)| (key.clone(), collection))
                .collect(),
            keyword_keys: extract::keyword_keys(config),
            numbering: tokens::Numbering::default(),
            docs: Vec::new(),
        }
    }

    /// Reads the documents with these keys that the index holds, their text rendered: pages
    /// in key order, then sections in key order, each run after the one before.
    pub fn read(&mut self, library: &Library, keys: &[&String]) {
        let docs: Vec<extract::SearchDoc> = keys
            .par_iter()
            .filter_map(|key| {
                let collection = *self.indexed.get(key.as_str())?;
                match library.pages.get(key.as_str()) {
                    Some(page) => Some(extract::document(page, collection, &self.keyword_keys)),
                    None => {
                        let section = library.sections.get(key.as_str())?;
                        Some(extract::section_document(section, collection))
                    }
                }
            })
            .collect();
        self.numbering.add(&docs);
        self.docs
            .extend(docs.into_iter().map(extract::SearchDoc::without_fields));
    }

    pub fn finish(self) -> Tokenized {
        let (tokens, counts) = self.numbering.finish();
        Tokenized {
            collections: self.collections,
            docs: self.docs,
            tokens,
            counts,
        }
    }
}

impl Tokenized {
    /// Every file of the index.
    pub fn write(self, config: &Config) -> Vec<IndexFile> {
        let targets = shards::targets();
        let (index, lists) = index::encoded_from_tokens(
            &self.tokens,
            self.counts,
            targets.head_postings,
            index::POSTINGS_AT_ONCE,
        );
        let plan = shards::plan(&index, &lists, &self.docs, &targets);
        let mut files = shards::write_planned(&index, &lists, &plan, &self.docs, &self.collections);
        files.push(shards::synonyms_file(&config.search.synonyms));
        files
    }
}

/// Whether the section `from` and every section above it let their pages into the index
/// (Zola's `in_search_index = false` leaves out a section and everything under it).
fn searchable<'a>(library: &'a Library, mut from: Option<&'a String>) -> bool {
    while let Some(section) = from.and_then(|key| library.sections.get(key)) {
        if !section.meta.in_search_index {
            return false;
        }
        from = section.parent.as_ref();
    }
    true
}

/// The sections that leave themselves and everything under them out of the index.
fn closed_sections(library: &Library) -> std::collections::HashSet<&String> {
    let keys = library.sections.keys();
    keys.filter(|key| !searchable(library, Some(key))).collect()
}

/// The keys of the pages the index holds, in key order: [`documents`] gives one document
/// each, in this order, before those of [`indexed_sections`].
pub(crate) fn indexed_pages(library: &Library) -> impl Iterator<Item = &String> {
    let closed = closed_sections(library);
    let pages = library.pages.iter();
    pages
        .filter(move |(_, page)| holds_page(page, &closed))
        .map(|(key, _)| key)
}

/// Whether the index holds `page`, given the [`closed_sections`].
fn holds_page(page: &crate::content::Page, closed: &std::collections::HashSet<&String>) -> bool {
    page.meta.in_search_index && !closed.contains(&page.section)
}

/// The keys of the sections whose own page the index holds, in key order.
pub(crate) fn indexed_sections(library: &Library) -> impl Iterator<Item = &String> {
    let closed = closed_sections(library);
    library
        .sections
        .keys()
        .filter(move |key| !closed.contains(key))
}

/// The collections, and the key and collection of every page the index holds ([`indexed_pages`],
/// in key order), then of every section ([`indexed_sections`]).
fn indexed_with_collections(
    library: &Library,
) -> (Vec<extract::Collection>, Vec<(&String, usize)>) {
    let (collections, collection_of) = extract::collections(library);
    let (page_collections, section_collections) = collection_of.split_at(library.pages.len());
    let closed = closed_sections(library);
    let pages = (library.pages.iter().zip(page_collections))
        .filter(|((_, page), _)| holds_page(page, &closed))
        .map(|((key, _), collection)| (key, *collection));
    let sections = (library.sections.keys().zip(section_collections))
        .filter(|(key, _)| !closed.contains(key))
        .map(|(key, collection)| (key, *collection));
    (collections, pages.chain(sections).collect())
}

/// The collections, and every published page as the index reads it, in key order, then
/// every section's own page in key order; those `in_search_index = false` leaves out are not.
pub fn documents<'a>(
    library: &'a Library,
    config: &Config,
) -> (Vec<extract::Collection>, Vec<extract::SearchDoc<'a>>) {
    let (collections, indexed) = indexed_with_collections(library);
    let keyword_keys = extract::keyword_keys(config);
    let docs = indexed
        .par_iter()
        .filter_map(|(key, collection)| match library.pages.get(key) {
            Some(page) => Some(extract::document(page, *collection, &keyword_keys)),
            None => library
                .sections
                .get(*key)
                .map(|section| extract::section_document(section, *collection)),
        })
        .collect();
    (collections, docs)
}
