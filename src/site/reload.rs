//! For `serve`: re-reads edited pages and works out which rendered files they touch, so that
//! one edit re-renders a handful of files instead of the whole site.

use std::collections::HashSet;

use crate::content::{Library, LoadOptions, Page};
use crate::diagnostics::{BuildError, Diagnostics};
use crate::templates::deps::Dep;

use super::{checks, collisions, render_markdown_of, Job, Site};

/// What an edit touched.
#[derive(Debug, Default)]
pub struct Touched {
    /// Pages whose HTML must be rendered again: the edited ones, their old and new
    /// neighbours, and the pages that link to them.
    pub pages: HashSet<String>,
    /// Their sections and every section above them (lists and page counts).
    pub sections: HashSet<String>,
    /// `(taxonomy, term slug)` of old and new terms.
    pub terms: HashSet<(String, String)>,
    pub collections: HashSet<String>,
    /// Output paths that no longer exist.
    pub gone: HashSet<String>,
}

impl Touched {
    /// Whether a job must be rendered again; `deps` is what its template looked up last time.
    pub fn wants(&self, job: &Job<'_>, deps: Option<&Vec<Dep>>) -> bool {
        let direct = match job {
            Job::Page(p) | Job::PageOutput(p, _) => self.pages.contains(&p.doc.key),
            Job::Section(s, _) | Job::ListOutput(s, _) => self.sections.contains(&s.doc.key),
            Job::TaxonomyList(t) => self.terms.iter().any(|(name, _)| *name == t.name),
            Job::Term(t, term, _) => self.terms.contains(&(t.name.clone(), term.slug.clone())),
            Job::NotFound => false,
            Job::Standalone { .. } => true,
        };
        direct || deps.is_some_and(|deps| deps.iter().any(|dep| self.touches(dep)))
    }

    fn touches(&self, dep: &Dep) -> bool {
        match dep {
            Dep::Page(key) => self.pages.contains(key),
            Dep::Section(key) => self.sections.contains(key),
            Dep::Collection(name) => self.collections.contains(name),
            Dep::Taxonomy(name) => self.terms.iter().any(|(t, _)| t == name),
            Dep::RecentPages => true,
        }
    }

    /// Records what a page is linked with in the library as it stands.
    fn note(&mut self, library: &Library, page: &Page) {
        self.pages.insert(page.doc.key.clone());
        self.pages
            .extend(page.previous.iter().chain(page.next.iter()).cloned());
        let mut section = Some(&page.section);
        while let Some(key) = section {
            self.sections.insert(key.clone());
            section = library.sections.get(key).and_then(|s| s.parent.as_ref());
        }
        for (taxonomy, terms) in &page.meta.taxonomies {
            for term in terms {
                self.terms
                    .insert((taxonomy.clone(), crate::content::slugs::slugify(term)));
            }
        }
        self.collections.extend(page.fields.collection.clone());
    }
}

/// Re-reads the pages with these content keys (edited, new or deleted) and re-renders the
/// Markdown they and their backlinks show. Every problem is returned, as in a build.
pub fn reload_pages(
    site: &mut Site,
    keys: &[String],
    include_drafts: bool,
) -> Result<Touched, BuildError> {
    let content_dir = site.root.join("content");
    let options = LoadOptions { include_drafts };
    let library = std::sync::Arc::get_mut(&mut site.library)
        .ok_or_else(|| BuildError::Io("the site is still being rendered".into()))?;
    let mut timer = super::timing::Timer::new();
    let mut touched = Touched::default();
    let mut problems = Diagnostics::default();
    for key in keys {
        if let Some(old) = library.pages.get(key) {
            touched.gone.insert(old.doc.output_path.clone());
            touched.note(library, &old.clone());
        }
        problems.extend(library.reload_page(&content_dir, &site.config, &options, key));
        if let Some(new) = library.pages.get(key) {
            touched.gone.remove(&new.doc.output_path);
            let new = new.clone();
            touched.note(library, &new);
        }
        touched.pages.extend(library.pages_linking_to(key));
    }
    timer.lap("reread");
    let to_render: Vec<String> = touched.pages.iter().cloned().collect();
    let mut warnings = Vec::new();
    let anchor_checks = render_markdown_of(
        library,
        &site.images,
        &to_render,
        &mut problems,
        &mut warnings,
    );
    problems.extend(checks::anchors(library, &anchor_checks));
    timer.lap("markdown");
    problems.extend(collisions::check(site));
    timer.lap("collisions");
    problems.into_result()?;
    Ok(touched)
}
