//! Taxonomies (such as tags): every term with the pages that carry it.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rayon::prelude::*;

use crate::config::Config;

use super::slugs::slugify;
use super::{Library, Page, Pages};

#[derive(Debug, Clone)]
pub struct Taxonomy {
    pub name: String,
    /// Terms by slug, so `Återvändare` and `återvändare` are one term.
    pub terms: BTreeMap<String, Term>,
    pub paginate_by: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct Term {
    /// The name as first written.
    pub name: String,
    pub slug: String,
    /// Page keys, newest first, then by title.
    pub pages: Vec<String>,
}

impl Taxonomy {
    pub fn list_path(&self) -> String {
        format!("{}/index.html", slugify(&self.name))
    }

    pub fn term_path(&self, slug: &str) -> String {
        format!("{}/{slug}/index.html", slugify(&self.name))
    }
}

pub fn collect(library: &Library, config: &Config) -> Vec<Taxonomy> {
    config
        .taxonomies
        .iter()
        .map(|declared| {
            let mut terms: BTreeMap<String, Term> = BTreeMap::new();
            // A site uses few distinct terms on many pages: slugify each spelling once.
            let mut slugs: HashMap<&str, String> = HashMap::new();
            for (key, page) in &library.pages {
                for name in page
                    .meta
                    .taxonomies
                    .get(&declared.name)
                    .into_iter()
                    .flatten()
                {
                    let slug = slugs
                        .entry(name.as_str())
                        .or_insert_with(|| slugify(name))
                        .clone();
                    let term = terms.entry(slug.clone()).or_insert_with(|| Term {
                        name: name.clone(),
                        slug,
                        pages: Vec::new(),
                    });
                    // Pages come one at a time, so a page naming a term twice (in two
                    // spellings) is the last one added; a full search made this quadratic.
                    if term.pages.last() != Some(key) {
                        term.pages.push(key.clone());
                    }
                }
            }
            // Sorting the big terms was a second of one core at 100,000 pages.
            terms
                .par_iter_mut()
                .for_each(|(_, term)| sort_term_pages(&library.pages, &mut term.pages));
            Taxonomy {
                name: declared.name.clone(),
                terms,
                paginate_by: declared.paginate_by,
            }
        })
        .collect()
}

/// Newest first, then by title; ties keep key order, as a fresh [`collect`] gives.
fn sort_term_pages(pages: &Pages, keys: &mut Vec<String>) {
    // Each page is looked up once, not inside the comparison: that was most of a relink's
    // time at 10,000 pages.
    let mut ordered: Vec<_> = std::mem::take(keys)
        .into_iter()
        .map(|key| {
            let (date, title, _) = term_order(pages, &key);
            (date, title, key)
        })
        .collect();
    ordered.sort_unstable();
    *keys = ordered.into_iter().map(|(_, _, key)| key).collect();
}

/// A page's place in a term's list, the order [`sort_term_pages`] makes: newest first, then
/// by title, then by key.
fn term_order<'p, 'k>(
    pages: &'p Pages,
    key: &'k str,
) -> (
    std::cmp::Reverse<Option<chrono::NaiveDateTime>>,
    &'p str,
    &'k str,
) {
    let page = &pages[key];
    let date = page.meta.date.as_ref().map(|d| d.sort_key);
    (std::cmp::Reverse(date), page.meta.title.as_str(), key)
}

/// The slugs of the terms a page carries in one taxonomy.
fn page_slugs(page: Option<&Page>, taxonomy: &str) -> BTreeSet<String> {
    page.and_then(|p| p.meta.taxonomies.get(taxonomy))
        .into_iter()
        .flatten()
        .map(|name| slugify(name))
        .collect()
}

/// For `serve`: moves the page with `key` from the terms of its old version (`old`, when it
/// was published) to those of its version now in `pages`, touching only those terms. The
/// result equals a fresh [`collect`].
pub fn update_page(taxonomies: &mut [Taxonomy], pages: &Pages, key: &str, old: Option<&Page>) {
    let new = pages.get(key);
    for taxonomy in taxonomies.iter_mut() {
        let before = page_slugs(old, &taxonomy.name);
        let after = page_slugs(new, &taxonomy.name);
        for slug in before.union(&after) {
            let term = taxonomy.terms.entry(slug.clone()).or_insert_with(|| Term {
                name: String::new(),
                slug: slug.clone(),
                pages: Vec::new(),
            });
            // The list stays sorted without the page; it goes back in at its place. Sorting a
            // term's whole list again took 5 ms per term at 100,000 pages.
            term.pages.retain(|k| k != key);
            if after.contains(slug) {
                let order = term_order(pages, key);
                let at = term.pages.partition_point(|k| term_order(pages, k) < order);
                term.pages.insert(at, key.to_string());
            }
            if term.pages.is_empty() {
                taxonomy.terms.remove(slug);
                continue;
            }
            term.name = first_spelling(pages, &term.pages, &taxonomy.name, slug);
        }
    }
}

/// A term is named as the first page in key order wrote it.
fn first_spelling(pages: &Pages, keys: &[String], taxonomy: &str, slug: &str) -> String {
    keys.iter()
        .min()
        .and_then(|key| pages[key].meta.taxonomies.get(taxonomy))
        .into_iter()
        .flatten()
        .find(|name| slugify(name) == slug)
        .cloned()
        .unwrap_or_else(|| slug.to_string())
}
