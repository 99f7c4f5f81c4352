//! The client-side search index, split into shards loaded on demand.
//!
//! Every published page is read into a few weighted fields (`extract`), run through the
//! Swedish pipeline (`pipeline`: elasticlunr-rs's Snowball stemmer and stop words, with a
//! tokenizer that keeps digits and codes, å/ä/ö folding and compound splitting), inverted
//! into one small score per term and page (`index`), and written as script files the browser
//! loads as it needs them (`shards`). The browser side is `themes/lots/static/search/`.
//!
//! Pages are numbered in key order; page URLs are stored relative to the site root, and the
//! script prefixes them with the root it was given, so the index works at any path and from
//! `file://`.

pub mod a_o;
pub mod extract;
pub mod index;
pub mod pipeline;
pub mod shards;

use rayon::prelude::*;

use crate::config::Config;
use crate::content::Library;
use crate::diagnostics::Diagnostic;

/// One file of the search index: its output path and bytes.
pub struct IndexFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Builds every file of the search index for the published pages of `library`.
pub fn build(library: &Library, config: &Config) -> Result<Vec<IndexFile>, Diagnostic> {
    let t = std::time::Instant::now();
    let docs = documents(library, config);
    eprintln!("TIMING docs {:?}", t.elapsed());
    let (collections, _) = extract::collections(library);
    let index = index::build(&docs);
    eprintln!("TIMING index {:?}", t.elapsed());
    let files = shards::write(&index, &docs, &collections, &shards::TARGETS);
    eprintln!("TIMING shards {:?}", t.elapsed());
    Ok(files)
}

/// Every published page as the index reads it, in key order.
pub fn documents(library: &Library, config: &Config) -> Vec<extract::SearchDoc> {
    let keyword_keys = extract::keyword_keys(config);
    let (_, collection_of) = extract::collections(library);
    let pages: Vec<_> = library.pages.values().zip(collection_of).collect();
    pages
        .par_iter()
        .map(|(page, collection)| extract::document(page, *collection, &keyword_keys))
        .collect()
}
