//! Renders every HTML file of the site in parallel, straight into the staging folder.

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

use crate::content::paths::{dir_of, resolve_root_marks, root_prefix};
use crate::content::{Page, Section, Taxonomy, Term};
use crate::diagnostics::{BuildError, Diagnostic};
use crate::templates::views::{
    permalink, NavItem, PageListItem, PageView, SectionView, TaxonomyView, TermView,
};

use crate::templates::deps::recording;

use super::layouts;
use super::output::Sink;
use super::progress::Progress;
use super::Site;

/// Top sections shown in the main navigation (the first ones by weight).
const NAV_LIMIT: usize = 10;

/// Context keys set for one file; removed before the next file reuses the context.
const JOB_KEYS: [&str; 6] = ["page", "section", "paginator", "terms", "taxonomy", "term"];

/// One file rendered from a template.
pub enum Job<'a> {
    Page(&'a Page),
    /// A section, or one page of it when it is paginated (0 is the first).
    Section(&'a Section, usize),
    TaxonomyList(&'a Taxonomy),
    Term(&'a Taxonomy, &'a Term, usize),
    NotFound,
    /// A collection's extra file for one page (`kontakt.vcf`), written beside it.
    PageOutput(&'a Page, &'a crate::config::PageOutput),
    /// A collection's extra file for one of its sections (`aktiviteter.csv`).
    ListOutput(&'a Section, &'a crate::config::PageOutput),
    /// A template under `pages/`, rendered to its own path.
    Standalone {
        template: &'a str,
        path: &'a str,
    },
}

struct Renderer<'a> {
    site: &'a Site,
    tera: Tera,
    base: Context,
    /// Top-level sections: title and output path.
    nav: Vec<(&'a str, &'a str)>,
}

/// Renders `jobs` in parallel into `sink`. Every template error of every job is reported.
pub fn render_jobs(site: &Site, jobs: &[Job<'_>], sink: &dyn Sink) -> Result<(), BuildError> {
    let library = &site.library;
    let mut base = Context::new();
    base.insert("config", &site.config);
    base.insert("strings", &site.templates.strings);
    base.insert("lang", &site.config.language);
    // The theme writes it into a meta element of every page (config/csp.rs says why).
    base.insert("csp", &site.config.content_security_policy.policy());
    // The main navigation lists the top sections, but never so many that every page grows
    // with the site: past NAV_LIMIT the theme links to the start page's full list instead.
    let top: Vec<_> = library
        .root()
        .subsections
        .iter()
        .filter_map(|k| library.sections.get(k))
        .collect();
    base.insert("nav_more", &(top.len() > NAV_LIMIT));
    let nav = top
        .into_iter()
        .take(NAV_LIMIT)
        .map(|s| (s.title.as_str(), s.doc.output_path.as_str()))
        .collect();
    let mut tera =
        site.templates
            .for_site(library.clone(), site.images.clone(), site.review_list());
    let followup = site.followup_data();
    tera.register_function(
        "get_followup",
        crate::templates::followup::GetFollowUp(followup.clone()),
    );
    tera.register_function(
        "get_followup_summary",
        crate::templates::followup::GetFollowUpSummary(followup),
    );
    let renderer = Renderer {
        site,
        tera,
        base,
        nav,
    };
    let progress = Progress::new(jobs.len());
    // The longest files first: a list of every page (A–Ö, a tag on most pages) left for last
    // would be written by one core while the other waits.
    let mut by_weight: Vec<&Job> = jobs.iter().collect();
    by_weight.sort_by_key(|job| std::cmp::Reverse(job.weight(library)));
    let failures: Vec<Result<(), BuildError>> = by_weight
        .into_par_iter()
        // One context per worker, reused: cloning the config and the theme's strings for
        // every file was a large share of a build's allocations.
        .map_init(
            || renderer.base.clone(),
            |context, job| {
                let (result, deps) = recording(|| renderer.render(context, job));
                let result = result.map_err(BuildError::from).and_then(|(path, html)| {
                    sink.put_rendered(&path, &html, deps)
                        .map_err(|e| BuildError::Io(format!("cannot write {path}: {e}")))
                });
                progress.inc();
                result
            },
        )
        .filter(|r| r.is_err())
        .collect();
    progress.finish();
    merge_failures(failures)
}

impl<'a> Job<'a> {
    /// The output file this job writes.
    pub fn path(&self) -> String {
        match self {
            Job::Page(page) => page.doc.output_path.clone(),
            Job::Section(section, pager) => pager_path(&section.doc.output_path, *pager),
            Job::TaxonomyList(taxonomy) => taxonomy.list_path(),
            Job::Term(taxonomy, term, pager) => pager_path(&taxonomy.term_path(&term.slug), *pager),
            Job::NotFound => "404.html".to_string(),
            Job::PageOutput(page, extra) => {
                format!("{}{}", dir_of(&page.doc.output_path), extra.file)
            }
            Job::ListOutput(section, extra) => {
                format!("{}{}", dir_of(&section.doc.output_path), extra.file)
            }
            Job::Standalone { path, .. } => path.to_string(),
        }
    }

    /// About how many pages this job's file shows: what writing it costs.
    fn weight(&self, library: &crate::content::Library) -> usize {
        let shown = |count: usize, per_pager: Option<usize>| match per_pager {
            Some(n) if n > 0 => count.min(n),
            _ => count,
        };
        match self {
            Job::Page(_) | Job::PageOutput(..) | Job::NotFound => 1,
            // The start page may show the whole site (the newest pages, every section): left
            // for last as a section without pages of its own, it kept one core busy alone.
            Job::Section(section, _) if section.parent.is_none() => library.pages.len(),
            Job::Section(section, _) => shown(section.pages.len(), section.meta.paginate_by),
            Job::ListOutput(section, _) => section.pages.len(),
            Job::TaxonomyList(taxonomy) => taxonomy.terms.len(),
            Job::Term(taxonomy, term, _) => shown(term.pages.len(), taxonomy.paginate_by),
            // A template of its own may list the whole site (the A–Ö page does).
            Job::Standalone { .. } => library.pages.len(),
        }
    }

    /// The template that renders this job.
    pub fn template(&self, site: &Site) -> String {
        match self {
            Job::Page(page) => layouts::page_template(site, page).to_string(),
            Job::Section(section, _) => layouts::section_template(site, section).to_string(),
            Job::TaxonomyList(taxonomy) => {
                layouts::taxonomy_template(site, taxonomy, "list", "taxonomy_list.html")
            }
            Job::Term(taxonomy, _, _) => {
                layouts::taxonomy_template(site, taxonomy, "single", "taxonomy_single.html")
            }
            Job::NotFound => "404.html".to_string(),
            Job::PageOutput(_, extra) | Job::ListOutput(_, extra) => extra.template.clone(),
            Job::Standalone { template, .. } => template.to_string(),
        }
    }

    /// The source file to blame when the job's path is taken twice.
    pub fn document(&self) -> Option<&'a crate::content::Document> {
        match self {
            Job::Page(page) | Job::PageOutput(page, _) => Some(&page.doc),
            Job::Section(section, _) | Job::ListOutput(section, _) => Some(&section.doc),
            _ => None,
        }
    }

    /// What the job makes, for messages.
    pub fn describe(&self) -> String {
        match self {
            Job::Page(page) => format!("content/{}", page.doc.key),
            Job::Section(section, 0) => format!("content/{}", section.doc.key),
            Job::Section(section, pager) => {
                format!("page {} of content/{}", pager + 1, section.doc.key)
            }
            Job::TaxonomyList(taxonomy) => format!("the list of {}", taxonomy.name),
            Job::Term(taxonomy, term, _) => {
                format!("the {} page of `{}`", taxonomy.name, term.name)
            }
            Job::NotFound => "the 404 page".to_string(),
            Job::PageOutput(page, extra) => format!("{} of content/{}", extra.file, page.doc.key),
            Job::ListOutput(section, extra) => {
                format!("{} of content/{}", extra.file, section.doc.key)
            }
            Job::Standalone { template, .. } => format!("templates/{template}"),
        }
    }
}

fn merge_failures(failures: Vec<Result<(), BuildError>>) -> Result<(), BuildError> {
    let mut diagnostics = Vec::new();
    for failure in failures {
        match failure {
            Err(BuildError::Content(mut items)) => diagnostics.append(&mut items),
            Err(io) => return Err(io),
            Ok(()) => {}
        }
    }
    let mut all = crate::diagnostics::Diagnostics::default();
    all.extend(diagnostics);
    all.into_result()
}

fn pager_count(items: usize, paginate_by: Option<usize>) -> usize {
    match paginate_by {
        Some(n) if n > 0 => items.div_ceil(n).max(1),
        _ => 1,
    }
}

pub fn jobs(site: &Site) -> Vec<Job<'_>> {
    let library = &site.library;
    let mut jobs: Vec<Job> = library.pages.values().map(Job::Page).collect();
    for page in library.pages.values() {
        push_page_outputs(site, page, &mut jobs);
    }
    for section in library.sections.values() {
        let collection = site
            .config
            .collections
            .iter()
            .find(|c| c.lists(&section.doc.key));
        for output in collection.map_or(&[][..], |c| c.list_outputs.as_slice()) {
            jobs.push(Job::ListOutput(section, output));
        }
        for pager in 0..pager_count(section.pages.len(), section.meta.paginate_by) {
            jobs.push(Job::Section(section, pager));
        }
    }
    for taxonomy in &library.taxonomies {
        jobs.push(Job::TaxonomyList(taxonomy));
        for term in taxonomy.terms.values() {
            for pager in 0..pager_count(term.pages.len(), taxonomy.paginate_by) {
                jobs.push(Job::Term(taxonomy, term, pager));
            }
        }
    }
    if site.templates.exists("404.html") {
        jobs.push(Job::NotFound);
    }
    for (template, path) in site.templates.standalone_pages() {
        jobs.push(Job::Standalone { template, path });
    }
    jobs
}

/// The jobs of the pages with these keys (those in the library): each page and its
/// collection's extra files. What `serve` renders first after an edit, without listing the
/// whole site's jobs (at 100,000 pages that alone took 20 ms).
pub fn page_jobs<'a>(site: &'a Site, keys: &[String]) -> Vec<Job<'a>> {
    let mut jobs = Vec::new();
    for page in keys.iter().filter_map(|key| site.library.pages.get(key)) {
        jobs.push(Job::Page(page));
        push_page_outputs(site, page, &mut jobs);
    }
    jobs
}

fn push_page_outputs<'a>(site: &'a Site, page: &'a Page, jobs: &mut Vec<Job<'a>>) {
    let collection = page
        .fields
        .collection
        .as_deref()
        .and_then(|name| site.config.collection(name));
    for output in collection.map_or(&[][..], |c| c.page_outputs.as_slice()) {
        jobs.push(Job::PageOutput(page, output));
    }
}

/// The output path of page `pager` (0-based) of a list whose first page is `first`.
pub fn pager_path(first: &str, pager: usize) -> String {
    if pager == 0 {
        first.to_string()
    } else {
        format!("{}page/{}/index.html", dir_of(first), pager + 1)
    }
}

#[derive(Serialize)]
struct Paginator<'a> {
    pages: Vec<PageListItem<'a>>,
    current_index: usize,
    number_pagers: usize,
    total_pages: usize,
    paginate_by: usize,
    first: String,
    last: String,
    previous: Option<String>,
    next: Option<String>,
}

impl<'a> Renderer<'a> {
    fn paginator(
        &self,
        first: &str,
        keys: &'a [String],
        (paginate_by, reversed): (Option<usize>, bool),
        pager: usize,
    ) -> Option<Paginator<'a>> {
        let by = paginate_by?;
        let count = pager_count(keys.len(), Some(by));
        let library = &self.site.library;
        // Zola's `paginate_reversed`: the last page of the order first.
        let ordered: Box<dyn Iterator<Item = &String>> = match reversed {
            true => Box::new(keys.iter().rev()),
            false => Box::new(keys.iter()),
        };
        let slice = ordered.skip(pager * by).take(by);
        Some(Paginator {
            pages: slice
                .filter_map(|k| library.pages.get(k))
                .map(PageListItem::new)
                .collect(),
            current_index: pager + 1,
            number_pagers: count,
            total_pages: keys.len(),
            paginate_by: by,
            first: permalink(first),
            last: permalink(&pager_path(first, count - 1)),
            previous: pager
                .checked_sub(1)
                .map(|p| permalink(&pager_path(first, p))),
            next: (pager + 1 < count).then(|| permalink(&pager_path(first, pager + 1))),
        })
    }

    /// Sets what belongs to the file at `current_path` in a reused context.
    fn prepare(&self, context: &mut Context, current_path: &str) {
        for key in JOB_KEYS {
            context.remove(key);
        }
        context.insert("current_path", current_path);
        let nav: Vec<NavItem> = self
            .nav
            .iter()
            .map(|(title, path)| NavItem {
                title,
                permalink: permalink(path),
                active: current_path.starts_with(dir_of(path)),
            })
            .collect();
        context.insert("nav", &nav);
    }

    fn render(
        &self,
        context: &mut Context,
        job: &Job<'a>,
    ) -> Result<(String, Vec<u8>), Diagnostic> {
        let library = &self.site.library;
        let path = job.path();
        if let Job::Section(section, _) = job {
            if let Some(target) = &section.meta.redirect_to {
                let html = super::extras::section_redirect(self.site, &section.title, target);
                let html = resolve_root_marks(html.as_bytes(), &root_prefix(&path));
                return Ok((path, html));
            }
        }
        self.prepare(context, &path);
        let tools = self.site.markdown_tools();
        let template = match job {
            Job::Page(page) | Job::PageOutput(page, _) => {
                let content = crate::markdown::body_html(library, &page.doc, tools)?;
                context.insert("page", &PageView::new(library, page, &content));
                job.template(self.site)
            }
            Job::Section(section, pager) => {
                let content = crate::markdown::body_html(library, &section.doc, tools)?;
                context.insert("section", &SectionView::new(library, section, &content));
                let paginator = self.paginator(
                    &section.doc.output_path,
                    &section.pages,
                    (section.meta.paginate_by, section.meta.paginate_reversed),
                    *pager,
                );
                context.insert("paginator", &paginator);
                job.template(self.site)
            }
            Job::TaxonomyList(taxonomy) => {
                let view = TaxonomyView::new(taxonomy);
                context.insert("terms", &view.terms);
                context.insert("taxonomy", &view);
                job.template(self.site)
            }
            Job::Term(taxonomy, term, pager) => {
                self.term(context, taxonomy, term, *pager);
                job.template(self.site)
            }
            Job::NotFound => job.template(self.site),
            Job::ListOutput(section, _) => {
                let content = crate::markdown::body_html(library, &section.doc, tools)?;
                context.insert("section", &SectionView::new(library, section, &content));
                job.template(self.site)
            }
            Job::Standalone { .. } => job.template(self.site),
        };
        let html = self.site.templates.render(&self.tera, &template, context)?;
        let prefix = match job {
            // A web server shows the 404 page at any address, so it links from the site's base path.
            Job::NotFound => self.site.config.base_path(),
            _ => root_prefix(&path),
        };
        Ok((path, resolve_root_marks(&html, &prefix)))
    }

    fn term(&self, context: &mut Context, taxonomy: &'a Taxonomy, term: &'a Term, pager: usize) {
        #[derive(Serialize)]
        struct TermPage<'b> {
            #[serde(flatten)]
            term: TermView<'b>,
            pages: Vec<PageListItem<'b>>,
        }
        let library = &self.site.library;
        let first = taxonomy.term_path(&term.slug);
        let pages = term
            .pages
            .iter()
            .filter_map(|k| library.pages.get(k))
            .map(PageListItem::new)
            .collect();
        context.insert(
            "term",
            &TermPage {
                term: TermView::new(taxonomy, term),
                pages,
            },
        );
        context.insert(
            "taxonomy",
            &TaxonomyView {
                name: &taxonomy.name,
                permalink: permalink(&taxonomy.list_path()),
                terms: Vec::new(),
            },
        );
        context.insert(
            "paginator",
            &self.paginator(&first, &term.pages, (taxonomy.paginate_by, false), pager),
        );
    }
}
