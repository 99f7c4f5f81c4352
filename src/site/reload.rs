//! For `serve`: re-reads edited pages and works out which rendered files they touch, so that
//! one edit re-renders a handful of files instead of the whole site.

use std::collections::HashSet;

use crate::content::{Library, LoadOptions, Page};
use crate::diagnostics::{BuildError, Diagnostic, Diagnostics};
use crate::markdown;
use crate::templates::deps::Dep;

use super::{checks, render_markdown_of, Job, Sink, Site};

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
    /// Pages that moved, appeared or disappeared (their URL changed).
    pub moved: HashSet<String>,
    /// Whether any page's title or URL changed, or a page appeared or disappeared.
    pub titles_changed: bool,
    /// Whether any page claims other output paths (URL, aliases, terms, page outputs) now,
    /// or appeared or disappeared.
    pub claims_changed: bool,
    /// Whether the sitemap and alias pages change: claims, or a page's date.
    pub sitemap_changed: bool,
    /// The warnings of the Markdown rendered again, as a build gives them.
    pub warnings: Vec<Diagnostic>,
}

impl Touched {
    /// Whether a job must be rendered again; `deps` is what its template looked up last time.
    pub fn wants(&self, job: &Job<'_>, deps: Option<&Vec<Dep>>) -> bool {
        let direct = match job {
            Job::Page(p) | Job::PageOutput(p, _) => self.pages.contains(&p.doc.key),
            Job::Section(s, _) | Job::ListOutput(s, _) => self.sections.contains(&s.doc.key),
            Job::TaxonomyList(t) => self.terms.iter().any(|(name, _)| *name == t.name),
            Job::Term(t, term, _) => self.terms.contains(&(t.name.clone(), term.slug.clone())),
            // Standalone pages show what their functions looked up, recorded as deps.
            Job::NotFound | Job::Standalone { .. } => false,
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
            Dep::Url(key) => self.moved.contains(key),
            Dep::PageTitles => self.titles_changed,
        }
    }

    /// Records what changed in what other files show of the page with `key`.
    fn compare(&mut self, key: &str, before: Option<Outline>, after: Option<Outline>) {
        let (before, after) = (before.as_ref(), after.as_ref());
        let moved = before.map(|o| &o.claims.output) != after.map(|o| &o.claims.output);
        if moved {
            self.moved.insert(key.to_string());
        }
        self.titles_changed |= moved || before.map(|o| &o.title) != after.map(|o| &o.title);
        let claimed = before.map(|o| &o.claims) != after.map(|o| &o.claims);
        self.claims_changed |= claimed;
        self.sitemap_changed |= claimed || before.map(|o| &o.lastmod) != after.map(|o| &o.lastmod);
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

/// What a page writes besides its body: output path, aliases, collection (its page outputs)
/// and terms (their pages).
#[derive(PartialEq)]
struct Claims {
    output: String,
    aliases: Vec<String>,
    collection: Option<String>,
    terms: std::collections::BTreeMap<String, Vec<String>>,
}

/// What files other than a page's own show of it, to tell what an edit changed.
struct Outline {
    claims: Claims,
    title: String,
    /// The sitemap's date.
    lastmod: Option<String>,
}

impl Outline {
    fn of(page: Option<&Page>) -> Option<Outline> {
        page.map(|p| Outline {
            claims: Claims {
                output: p.doc.output_path.clone(),
                aliases: p.meta.aliases.clone(),
                collection: p.fields.collection.clone(),
                terms: p.meta.taxonomies.clone(),
            },
            title: p.meta.title.clone(),
            lastmod: p
                .meta
                .updated
                .as_ref()
                .or(p.meta.date.as_ref())
                .map(|d| d.day()),
        })
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
    let options = LoadOptions {
        include_drafts,
        release_bodies: false,
    };
    let library = std::sync::Arc::get_mut(&mut site.library)
        .ok_or_else(|| BuildError::Io("the site is still being rendered".into()))?;
    let mut timer = super::timing::Timer::new();
    let mut touched = Touched::default();
    let mut problems = Diagnostics::default();
    // Warnings of the pages' front matter (a Zola key Lots does not act on).
    let mut front_warnings = Vec::new();
    // A plan's publishing decides its reports': read them again after it.
    let reports = crate::content::followup::reports_to_reload(library, &site.config, keys);
    let edited: Vec<&String> = keys.iter().chain(&reports).collect();
    let mut named_before = named_files(library, edited.iter().copied());
    for key in keys.iter().chain(&reports) {
        let before = Outline::of(library.pages.get(key));
        if let Some(old) = library.pages.get(key) {
            touched.note(library, old);
        }
        for problem in library.reload_page(&content_dir, &site.config, &options, key) {
            match problem.severity {
                crate::diagnostics::Severity::Warning => front_warnings.push(problem),
                crate::diagnostics::Severity::Error => problems.push(problem),
            }
        }
        if let Some(new) = library.pages.get(key) {
            touched.note(library, new);
        }
        touched.pages.extend(library.pages_linking_to(key));
        touched.compare(key, before, Outline::of(library.pages.get(key)));
    }
    timer.lap("reread");
    let to_render: Vec<String> = touched.pages.iter().cloned().collect();
    let others = to_render.iter().filter(|k| !edited.contains(k));
    named_before.extend(named_files(library, others));
    let mut warnings = front_warnings;
    let tools = markdown::Tools {
        images: Some(&site.images),
        shortcodes: Some(site.templates.shortcodes().as_ref()),
    };
    let anchor_checks = render_markdown_of(
        library,
        tools,
        &to_render,
        (super::Retain::Everything, None),
        &mut problems,
        &mut warnings,
    );
    // An edit that links a file for the first time, or drops its last link, changes what
    // is published: the served paths change with it. Only an edit that changes what its pages
    // name can (going through every page took 20 ms at 100,000 pages).
    let named_after = named_files(library, edited.iter().copied().chain(&to_render));
    if named_after != named_before && library.publish_linked_files() {
        touched.claims_changed = true;
    }
    // Images the edited Markdown shows for the first time need their copies made.
    let (image_problems, image_warnings) = site.images.process(library);
    problems.extend(image_problems);
    warnings.extend(image_warnings);
    timer.lap("markdown");
    // Any edited page may be a report or a plan: the reports are read again (they are few).
    let followup = crate::content::followup::FollowUp::load(library, &site.config);
    problems.extend(followup.problems);
    warnings.extend(followup.warnings);
    site.followup = std::sync::Arc::new(followup.followup);
    let claims = match touched.claims_changed {
        true => checks::Claims::MayHaveChanged,
        false => checks::Claims::Unchanged,
    };
    problems.extend(checks::all(site, &anchor_checks, claims));
    timer.lap("checks");
    problems.localize(&site.config.language);
    problems.into_result()?;
    crate::messages::localize(&mut warnings, &site.config.language);
    touched.warnings = warnings;
    Ok(touched)
}

/// The files the documents with these keys name, each once.
fn named_files<'a>(library: &Library, keys: impl Iterator<Item = &'a String>) -> HashSet<String> {
    keys.flat_map(|key| library.files_named_by(key))
        .map(str::to_string)
        .collect()
}

/// For `serve`, after a file in a `static/` folder changed. Static files are served from the
/// disk, so an edited one needs nothing here; when one appeared, disappeared or now overrides
/// the theme's, the site's list is replaced and checked for collisions, and the static files
/// are written into `sink` again. Returns whether the list changed.
pub fn reload_static(site: &mut Site, sink: &dyn Sink) -> Result<bool, BuildError> {
    let files =
        crate::templates::static_files(&site.root, &site.config).map_err(BuildError::Content)?;
    if files == site.templates.static_files {
        return Ok(false);
    }
    site.templates.static_files = files;
    let mut problems = Diagnostics::default();
    problems.extend(checks::all(site, &[], checks::Claims::MayHaveChanged));
    problems.into_result()?;
    super::extras::copy_static(site, sink)?;
    Ok(true)
}
