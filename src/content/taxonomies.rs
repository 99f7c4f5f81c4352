//! Taxonomies (such as tags): every term with the pages that carry it.

use std::collections::{BTreeMap, HashMap};

use crate::config::Config;

use super::slugs::slugify;
use super::Library;

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
            for term in terms.values_mut() {
                // Keys are computed once per page: looking pages up inside the comparison
                // was most of a relink's time at 10,000 pages.
                term.pages.sort_by_cached_key(|key| {
                    let page = &library.pages[key];
                    let date = page.meta.date.as_ref().map(|d| d.sort_key);
                    (std::cmp::Reverse(date), page.meta.title.clone())
                });
            }
            Taxonomy {
                name: declared.name.clone(),
                terms,
                paginate_by: declared.paginate_by,
            }
        })
        .collect()
}
