//! Orchestrates a build: load and validate everything first, then render in parallel into a
//! staging folder, then swap it into place.

mod checks;
mod collisions;
mod extras;
mod layouts;
mod output;
pub mod preview;
mod previous;
mod progress;
mod recycle;
mod reload;
mod render;
pub(crate) mod timing;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;

use crate::config::Config;
use crate::content::{self, freshness, Library, LoadOptions};
use crate::diagnostics::{BuildError, Diagnostic, Diagnostics};
use crate::images::{self, Images};
use crate::markdown;
use crate::search;
use crate::templates::Templates;

pub use output::{Sink, MARKER};
pub use reload::{reload_pages, reload_static, Touched};
pub use render::{jobs, Job};

pub struct BuildOptions {
    pub root: PathBuf,
    pub output: PathBuf,
    pub include_drafts: bool,
    pub base_url: Option<String>,
    /// The day due dates are judged on; `None` for `LOTS_TODAY` or today.
    pub today: Option<chrono::NaiveDate>,
}

/// What a successful build made.
#[derive(Debug)]
pub struct BuildReport {
    pub html_files: usize,
    pub pages: usize,
    pub sections: usize,
    pub seconds: f64,
    /// The site's `language`, which the command's own lines are said in.
    pub language: String,
    pub warnings: Vec<Diagnostic>,
    /// Images processed now and taken from the cache.
    pub images: images::Stats,
    /// What the image cache let go of: files no build has used for a month.
    pub pruned: images::Pruned,
}

/// How much of each page a load keeps once its Markdown is rendered and checked.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Retain {
    /// Everything, HTML included: `check` reports from it, an editor's preview renders with it.
    Everything,
    /// The Markdown, not the pages' HTML: `serve` makes a page's HTML again as it renders the
    /// page, and keeps the bodies to render the pages around an edit again.
    Markdown,
    /// Neither the pages' HTML nor their Markdown: a build reads each page's file again to
    /// write its page. At 100,000 pages each of the two is a gigabyte.
    Outline,
}

/// Documents whose Markdown is rendered together, in parallel, before the next ones.
const MARKDOWN_RUN: usize = 1024;

/// The share of the pages (one in `KEPT_HTML_OF`) whose HTML a build keeps from its first
/// reading of the Markdown: those are not read and rendered a second time when they are
/// written. A share, not a number of bytes, so that time and memory both grow with the site.
const KEPT_HTML_OF: usize = 2;

/// A loaded, validated site, ready to render.
pub struct Site {
    pub root: PathBuf,
    pub config: Config,
    pub templates: Templates,
    pub library: Arc<Library>,
    pub warnings: Vec<Diagnostic>,
    /// The image queue and cache; templates add to the queue while rendering.
    pub images: Arc<Images>,
    /// The day due dates are judged on (`--today`, else `LOTS_TODAY`, else today).
    pub today: chrono::NaiveDate,
    /// The follow-up reports of the action plans, read and checked once.
    pub followup: Arc<content::followup::FollowUp>,
    /// What a build's loading read for the search index as it rendered the Markdown (the
    /// page texts are gone by then); `None` otherwise.
    pub read_for_search: Option<search::Tokenized>,
}

impl Site {
    /// Loads config, templates and content, renders Markdown and checks links and
    /// templates. Every problem of every file is returned together.
    pub fn load(
        root: &Path,
        include_drafts: bool,
        base_url: Option<&str>,
    ) -> Result<Site, BuildError> {
        Site::load_retaining(root, include_drafts, base_url, Retain::Everything)
    }

    /// [`Site::load`] keeping only `retain` of the rendered Markdown.
    pub fn load_retaining(
        root: &Path,
        include_drafts: bool,
        base_url: Option<&str>,
        retain: Retain,
    ) -> Result<Site, BuildError> {
        let (site, problems) = Site::load_as(root, include_drafts, base_url, retain)?;
        problems.into_result()?;
        Ok(site)
    }

    /// [`Site::load`], but a site whose pages have errors is still returned with them, for
    /// `check` to say what else needs attention. `Err` when there is no site to return: the
    /// config, the content folder or the templates could not be loaded.
    pub fn load_with_problems(
        root: &Path,
        include_drafts: bool,
        base_url: Option<&str>,
    ) -> Result<(Site, Diagnostics), BuildError> {
        Site::load_as(root, include_drafts, base_url, Retain::Everything)
    }

    fn load_as(
        root: &Path,
        include_drafts: bool,
        base_url: Option<&str>,
        retain: Retain,
    ) -> Result<(Site, Diagnostics), BuildError> {
        let mut timer = timing::Timer::new();
        let mut problems = Diagnostics::default();
        let mut config = Config::load(root)
            .map_err(|errs| BuildError::Content(coded(errs, "config.invalid")))?;
        if let Some(url) = base_url {
            config.set_base_url(url).map_err(BuildError::Io)?;
        }
        let config_warnings = std::mem::take(&mut config.warnings);
        let templates = Templates::load(root, &config);
        timer.lap("templates");
        let loaded = content::load(
            &root.join("content"),
            &config,
            &LoadOptions {
                include_drafts,
                release_bodies: retain == Retain::Outline,
            },
        );
        timer.lap("content");
        let templates = match templates {
            Ok(t) => Some(t),
            Err(errs) => {
                problems.extend(coded(errs, "template.invalid"));
                None
            }
        };
        let mut library = match loaded {
            Ok((library, errs)) => {
                problems.extend(errs);
                library
            }
            Err(errs) => {
                problems.extend(errs);
                problems.localize(&config.language);
                return Err(problems
                    .into_result()
                    .expect_err("problems were just added"));
            }
        };
        let mut warnings = config_warnings;
        warnings.extend(coded(
            std::mem::take(&mut library.warnings),
            "content.warning",
        ));
        let followup = content::followup::FollowUp::load(&library, &config);
        problems.extend(followup.problems);
        warnings.extend(followup.warnings);
        let images = Arc::new(Images::new(root, &config.images));
        let tools = markdown::Tools {
            images: Some(&images),
            shortcodes: templates
                .as_ref()
                .map(|t| t.shortcodes().as_ref() as &dyn markdown::shortcodes::Runner),
        };
        // A build reads the search index's text as each run is rendered, and lets it go.
        let mut reader =
            (retain == Retain::Outline).then(|| search::Reader::new(&library, &config));
        let anchor_checks = render_markdown(
            &mut library,
            tools,
            (retain, reader.as_mut()),
            &mut problems,
            &mut warnings,
        );
        // Only now is it known which files the published pages link to.
        library.publish_linked_files();
        timer.lap("markdown");
        // Images are processed here, so that a broken one is reported with every other error.
        let (image_problems, image_warnings) = images.process(&library);
        timer.lap("images");
        problems.extend(coded(image_problems, "image.invalid"));
        warnings.extend(coded(image_warnings, "image.warning"));
        crate::messages::localize(&mut warnings, &config.language);
        let Some(templates) = templates else {
            problems.extend(checks::without_templates(&library, &anchor_checks));
            problems.localize(&config.language);
            return Err(problems
                .into_result()
                .expect_err("template problems were added"));
        };
        let site = Site {
            root: root.to_path_buf(),
            config,
            templates,
            library: Arc::new(library),
            warnings,
            images,
            today: crate::content::freshness::default_today(),
            followup: Arc::new(followup.followup),
            read_for_search: reader.map(search::Reader::finish),
        };
        problems.extend(checks::all(
            &site,
            &anchor_checks,
            checks::Claims::MayHaveChanged,
        ));
        timer.lap("checks");
        problems.localize(&site.config.language);
        Ok((site, problems))
    }
}

/// Names the problems a stage found with its code, where nothing closer named them.
fn coded(mut problems: Vec<Diagnostic>, code: &'static str) -> Vec<Diagnostic> {
    for problem in &mut problems {
        problem.code_if_generic(code);
    }
    problems
}

impl Site {
    /// What the Markdown of this site's pages is rendered with: its images and shortcodes.
    pub fn markdown_tools(&self) -> markdown::Tools<'_> {
        markdown::Tools {
            images: Some(&self.images),
            shortcodes: Some(self.templates.shortcodes().as_ref()),
        }
    }

    /// Every page out of date as of [`Site::today`]: what `lots check` reports and the
    /// "Att se över" page lists, from one function.
    pub fn freshness(&self) -> Vec<freshness::Finding> {
        let rules = freshness::Rules::new(&self.config, self.today);
        freshness::findings(&self.library, &self.config, &self.followup, &rules)
    }

    fn followup_data(&self) -> crate::templates::followup::FollowUpData {
        crate::templates::followup::FollowUpData::new(
            &self.followup,
            &self.library,
            &self.config,
            self.today,
        )
    }

    fn review_list(&self) -> crate::templates::functions::ReviewList {
        crate::templates::functions::ReviewList::new(
            freshness::Rules::new(&self.config, self.today),
            self.freshness(),
        )
    }
}

/// Renders every page's and section's Markdown in parallel and stores the HTML in the library.
fn render_markdown(
    library: &mut Library,
    tools: markdown::Tools<'_>,
    keep: (Retain, Option<&mut search::Reader>),
    problems: &mut Diagnostics,
    warnings: &mut Vec<Diagnostic>,
) -> Vec<(String, markdown::AnchorCheck)> {
    let keys: Vec<String> = library
        .pages
        .keys()
        .chain(library.sections.keys())
        .cloned()
        .collect();
    render_markdown_of(library, tools, &keys, keep, problems, warnings)
}

/// Renders the Markdown of the documents with these keys (those still in the library).
/// Sections keep their HTML whatever `retain` says: they are few, and a paginated one shows
/// it on each of its pages. A `reader` reads each run for the search index, and then its
/// texts go.
fn render_markdown_of(
    library: &mut Library,
    tools: markdown::Tools<'_>,
    keys: &[String],
    (retain, mut reader): (Retain, Option<&mut search::Reader>),
    problems: &mut Diagnostics,
    warnings: &mut Vec<Diagnostic>,
) -> Vec<(String, markdown::AnchorCheck)> {
    let keys: Vec<&String> = keys
        .iter()
        .filter(|k| library.document(k).is_some())
        .collect();
    let analyze = retain != Retain::Everything;
    let release = retain == Retain::Outline;
    let mut anchor_checks = Vec::new();
    let kept_html = (AtomicUsize::new(0), library.pages.len() / KEPT_HTML_OF);
    let kept_html = release.then_some(&kept_html);
    // In runs, each run's bodies let go of before the next is read: a build never holds the
    // site's Markdown and its plain text together (at 100,000 pages, 1.5 GB).
    for run in keys.chunks(MARKDOWN_RUN) {
        let outputs: Vec<(&String, markdown::Output, Option<blake3::Hash>)> = run
            .par_iter()
            .map(|key| {
                let doc = library.document(key).expect("key from the library");
                let analyze = analyze && library.pages.contains_key(key);
                let (output, hash) =
                    read_markdown(library, doc, tools, (analyze, kept_html), release);
                (*key, output, hash)
            })
            .collect();
        for (key, output, hash) in outputs {
            // Markdown names each of its errors (a link, an anchor, an image) where it finds it.
            problems.extend(output.problems);
            warnings.extend(coded(output.warnings, "markdown.warning"));
            anchor_checks.extend(output.anchor_checks.into_iter().map(|c| (key.clone(), c)));
            let doc = library.document_mut(key).expect("key from the library");
            doc.rendered = Some(output.rendered);
            if let Some(hash) = hash {
                doc.release_body(hash);
            }
        }
        if let Some(reader) = reader.as_deref_mut() {
            reader.read(library, run);
            release_texts(library, run);
        }
    }
    anchor_checks
}

/// One document's Markdown, analysed (`analyze`) or rendered, with the hash of its body to
/// let go of it after (only to `release` it: hashing every body is wasted work otherwise). A
/// body let go of when the content was loaded is read again first. An analysed page keeps its
/// HTML too while the pages `kept_html` counts are fewer than the number beside it.
fn read_markdown(
    library: &Library,
    doc: &content::Document,
    tools: markdown::Tools<'_>,
    (analyze, kept_html): (bool, Option<&(AtomicUsize, usize)>),
    release: bool,
) -> (markdown::Output, Option<blake3::Hash>) {
    let whole = match doc.with_body() {
        Ok(whole) => whole,
        Err(problem) => {
            let output = markdown::Output {
                rendered: Default::default(),
                problems: vec![problem],
                warnings: Vec::new(),
                anchor_checks: Vec::new(),
            };
            return (output, None);
        }
    };
    // The first pages read keep theirs: they are written first, too.
    let keep = analyze
        && kept_html.is_some_and(|(kept, most)| kept.fetch_add(1, Ordering::Relaxed) < *most);
    let output = match (analyze, keep) {
        (true, false) => markdown::analyze_with_images(library, &whole, tools),
        _ => markdown::render_with_images(library, &whole, tools),
    };
    // A document with no file (the start page without `_index.md`) has no body to read
    // again; one already let go of keeps the hash it has.
    let hash =
        (release && doc.file.is_some() && doc.released_body.is_none()).then(|| whole.body_hash());
    (output, hash)
}

/// For `serve`: renders every file of a loaded site into `sink` but the search index, which
/// `serve` builds itself and keeps, to patch it per edit (`search::live`), and the template
/// jobs `later` picks, which `serve` renders after it has started; returns the number of
/// rendered files.
pub fn render_site_but(
    site: &Site,
    later: &dyn Fn(&Job<'_>) -> bool,
    sink: &dyn Sink,
) -> Result<usize, BuildError> {
    let mut jobs = render::jobs(site);
    jobs.retain(|job| !later(job));
    render::render_jobs(site, &jobs, sink)?;
    extras::write_published_files(site, sink)?;
    extras::write_generated(site, sink)?;
    Ok(jobs.len())
}

/// Renders only the template jobs that `wanted` picks, then (`generated`) the alias pages and
/// the sitemap. Published files ([`publish_files`]) and the search index are left to the
/// caller (`serve` gives them after the edited page is served).
pub fn render_some(
    site: &Site,
    wanted: &dyn Fn(&Job<'_>) -> bool,
    generated: bool,
    sink: &dyn Sink,
) -> Result<usize, BuildError> {
    let mut timer = timing::Timer::new();
    let count = render_only(site, wanted, sink)?;
    timer.lap("lists");
    if generated {
        extras::write_generated(site, sink)?;
        timer.lap("sitemap");
    }
    Ok(count)
}

/// Renders only the pages with these keys and their extra files, nothing else.
pub fn render_pages(site: &Site, keys: &[String], sink: &dyn Sink) -> Result<usize, BuildError> {
    let jobs = render::page_jobs(site, keys);
    render::render_jobs(site, &jobs, sink)?;
    Ok(jobs.len())
}

/// Renders only the template jobs that `wanted` picks, nothing else.
pub fn render_only(
    site: &Site,
    wanted: &dyn Fn(&Job<'_>) -> bool,
    sink: &dyn Sink,
) -> Result<usize, BuildError> {
    let jobs: Vec<Job> = render::jobs(site)
        .into_iter()
        .filter(|job| wanted(job))
        .collect();
    render::render_jobs(site, &jobs, sink)?;
    Ok(jobs.len())
}

/// For `serve`, after page edits: the files published as they are (assets, image copies,
/// static files). An edit may move a bundle's files or show an image in a size not made
/// before; each entry is only a path to copy, so all are given again.
pub fn publish_files(site: &Site, sink: &dyn Sink) -> Result<(), BuildError> {
    extras::write_published_files(site, sink)
}

/// For `serve`: loads the templates again after one changed. Static files come with them.
pub fn reload_templates(site: &mut Site) -> Result<(), BuildError> {
    site.templates = Templates::load(&site.root, &site.config).map_err(BuildError::Content)?;
    let mut problems = Diagnostics::default();
    problems.extend(checks::all(site, &[], checks::Claims::MayHaveChanged));
    problems.into_result()
}

/// Every path the site writes from templates, aliases, static files and assets.
pub fn claimed_paths(site: &Site) -> (std::collections::HashSet<String>, Vec<Diagnostic>) {
    collisions::claims(site)
}

/// Lets go of these documents' plain text once the search index has read it (nothing else
/// does).
fn release_texts(library: &mut Library, keys: &[&String]) {
    for key in keys {
        let doc = library.document_mut(key);
        if let Some(rendered) = doc.and_then(|doc| doc.rendered.as_mut()) {
            rendered.text = String::new();
        }
    }
}

/// `lots build`: the whole pipeline, output swapped into place only on success.
/// The `language` of the site at `root` for what is said after a failed build, English when
/// its config cannot be read (its errors are then what the build said).
pub fn language_of(root: &Path) -> String {
    Config::load(root).map_or_else(|_| "en".to_string(), |c| c.language)
}

pub fn build(options: &BuildOptions) -> Result<BuildReport, BuildError> {
    let started = Instant::now();
    let mut timer = timing::Timer::new();
    let mut site = Site::load_retaining(
        &options.root,
        options.include_drafts,
        options.base_url.as_deref(),
        Retain::Outline,
    )?;
    if let Some(today) = options.today {
        site.today = today;
    }
    timer.lap("load");
    let mut staging = output::Staging::new(&options.output, &options.root, &site.config.language)
        .map_err(BuildError::Io)?;
    let published = previous::Previous::read(&options.output, MARKER).recycling(staging.recycled());
    timer.lap("staging");
    let sink = output::FolderSink::new(staging.path(), published);
    // The search index read the page texts as their Markdown was rendered, and they went:
    // the pages are written from their files, and the index is made from the tokens beside
    // them, filling the cores where one of the two runs a sequential step.
    let tokenized = match site.read_for_search.take() {
        Some(tokenized) => tokenized,
        None => search::tokenize(&site.library, &site.config),
    };
    let jobs = render::jobs(&site);
    let language = site.config.language.clone();
    let failed = |relative: Option<&str>, err: &std::io::Error| {
        output::write_failed(&language, &options.output, relative, err)
    };
    let written = || -> Result<(), BuildError> {
        let (rendered, searched) = rayon::join(
            || render::render_jobs(&site, &jobs, &sink),
            || extras::write_search(&site, tokenized, &sink),
        );
        rendered?;
        searched?;
        timer.lap("render+search");
        extras::write_published_files(&site, &sink)?;
        extras::write_generated(&site, &sink)?;
        timer.lap("extras");
        Ok(())
    };
    // A write that failed is told as which file and why (a full disk), not as the line its
    // caller made of the bare error.
    if let Err(err) = written() {
        return Err(match sink.take_failure() {
            Some((path, why)) => failed(Some(&path), &why),
            None => err,
        });
    }
    let html_files = jobs.len();
    let written = sink.into_written();
    staging
        .remove_unwritten(&written)
        .map_err(|e| failed(None, &e))?;
    crate::offline::write(staging.path(), &site.config, &written)
        .map_err(|e| failed(Some(crate::offline::SERVICE_WORKER), &e))?;
    timer.lap("offline");
    staging
        .commit(&previous::marker(&written))
        .map_err(|e| failed(None, &e))?;
    timer.lap("commit");
    // Only now: a failed build leaves the cache as it was.
    let pruned = site.images.prune_cache();
    let mut warnings = std::mem::take(&mut site.warnings);
    // The repairs are found while the images are processed, after the load localized the
    // other warnings: only they are told in the site's language here.
    let mut repaired = site.images.take_repaired();
    crate::messages::localize(&mut repaired, &language);
    warnings.extend(repaired);
    let report = BuildReport {
        html_files,
        pages: site.library.pages.len(),
        sections: site.library.sections.len(),
        seconds: started.elapsed().as_secs_f64(),
        language: language.clone(),
        images: site.images.stats(),
        pruned,
        warnings,
    };
    // Freeing every page one by one took most of a second at 100,000 pages after the site
    // was already in place; `lots build` exits without waiting for it.
    let _ = std::thread::Builder::new()
        .name("lots-free-site".into())
        .spawn(move || drop(site));
    Ok(report)
}
