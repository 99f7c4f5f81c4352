//! Orphan pages: published pages nothing leads to but their section's automatic list and
//! the search. A page is linked when another page's or section's text links to it, a
//! template links to it or lists it while rendering another file (`get_url`, `get_page`,
//! `get_section`, `get_collection`, taxonomy lists), or it carries a taxonomy term (its
//! term page lists it).

use std::collections::{HashMap, HashSet};
use std::io;
use std::path::Path;
use std::sync::Mutex;

use crate::diagnostics::Diagnostic;
use crate::site::{Sink, Site};
use crate::templates::deps::Dep;

/// Writes nothing; keeps what each rendered file's template looked up, by output path.
#[derive(Default)]
pub struct RecordingSink {
    deps: Mutex<Vec<(String, Vec<Dep>)>>,
}

impl RecordingSink {
    pub fn into_deps(self) -> Vec<(String, Vec<Dep>)> {
        self.deps.into_inner().unwrap_or_else(|p| p.into_inner())
    }
}

impl Sink for RecordingSink {
    fn put(&self, _: &str, _: &[u8]) -> io::Result<()> {
        Ok(())
    }

    fn copy(&self, _: &str, _: &Path) -> io::Result<()> {
        Ok(())
    }

    fn put_rendered(&self, path: &str, _: &[u8], deps: Vec<Dep>) -> io::Result<()> {
        let mut all = self.deps.lock().unwrap_or_else(|p| p.into_inner());
        all.push((path.to_string(), deps));
        Ok(())
    }
}

/// A warning for every published page nothing links to or lists.
pub fn find(site: &Site, deps: &[(String, Vec<Dep>)]) -> Vec<Diagnostic> {
    let library = &site.library;
    let mut linked: HashSet<&str> = HashSet::new();
    for (key, doc) in library
        .pages
        .iter()
        .map(|(k, p)| (k, &p.doc))
        .chain(library.sections.iter().map(|(k, s)| (k, &s.doc)))
    {
        let links = doc.rendered.iter().flat_map(|r| &r.links);
        linked.extend(links.filter(|l| *l != key).map(String::as_str));
    }
    for taxonomy in &library.taxonomies {
        for term in taxonomy.terms.values() {
            linked.extend(term.pages.iter().map(String::as_str));
        }
    }
    let owner_of: HashMap<&str, &str> = library
        .pages
        .iter()
        .map(|(k, p)| (p.doc.output_path.as_str(), k.as_str()))
        .collect();
    for (path, looked_up) in deps {
        let own = owner_of.get(path.as_str()).copied();
        for dep in looked_up {
            linked.extend(dep_pages(site, dep).filter(|k| Some(*k) != own));
        }
    }
    library
        .pages
        .values()
        .filter(|page| !linked.contains(page.doc.key.as_str()))
        .map(|page| {
            Diagnostic::at(
                &page.doc.file_path(),
                &page.doc.source,
                1,
                1,
                "no page, list or navigation links to this page, so readers find it only in its section's list and by search; link it from a page about its subject (@/path/to/page.md), or remove it",
            )
            .with_code("orphan.page")
            .warning()
        })
        .collect()
}

/// The pages a template lookup shows or links.
fn dep_pages<'a>(site: &'a Site, dep: &'a Dep) -> Box<dyn Iterator<Item = &'a str> + 'a> {
    let library = &site.library;
    match dep {
        Dep::Page(key) | Dep::Url(key) => Box::new(std::iter::once(key.as_str())),
        Dep::Section(key) => Box::new(
            library
                .sections
                .get(key)
                .into_iter()
                .flat_map(|s| s.pages.iter().map(String::as_str)),
        ),
        Dep::Collection(name) => Box::new(
            library
                .pages
                .values()
                .filter(move |p| p.fields.collection.as_deref() == Some(name.as_str()))
                .map(|p| p.doc.key.as_str()),
        ),
        // Taxonomy terms are counted from the taxonomies; recent pages and the A–Ö list
        // show whatever is newest or every page, which is no way to find a given one.
        Dep::Taxonomy(_) | Dep::RecentPages | Dep::PageTitles => Box::new(std::iter::empty()),
    }
}
