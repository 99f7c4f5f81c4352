//! Rebuilds for `serve`: the whole site when templates, config or sections change, only the
//! touched files when pages change. The last good site stays served while an error lasts.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Instant;

use tokio::sync::broadcast;

use crate::diagnostics::BuildError;
use crate::search::live::LiveIndex;
use crate::search::IndexFile;
use crate::site::{self, reload_pages, Job, Site};
use crate::templates::deps::Dep;

use super::fill::{self, Fill, Pending};
use super::guard;
use super::hooks::{SiteJob, Source, SourceKind};
use super::memory::{Entry, MemorySink};
use super::overlay::Report;
use super::watch::Change;

/// Moves what a sink collected into the served files; returns the paths it wrote.
fn publish(
    shared: &Shared,
    all_deps: &mut HashMap<String, Vec<Dep>>,
    sink: MemorySink,
) -> Vec<String> {
    let (files, deps) = sink.into_parts();
    all_deps.extend(deps);
    let paths: Vec<String> = files.keys().cloned().collect();
    if let Ok(mut served) = shared.files.write() {
        served.extend(files);
    }
    paths
}

/// Search index files as served files.
fn served(files: Vec<IndexFile>) -> HashMap<String, Entry> {
    files
        .into_iter()
        .map(|file| (file.path, Entry::Bytes(file.bytes.into())))
        .collect()
}

/// A file of the search index (not the search scripts and styles beside it).
fn is_index_file(path: &str) -> bool {
    path == "search/meta.js"
        || ["search/v/", "search/p/", "search/t/", "search/d/"]
            .iter()
            .any(|p| path.starts_with(p))
}

/// Stops serving the paths the site no longer claims (a deleted page, a moved one).
fn drop_unclaimed(shared: &Shared, claimed: &mut HashSet<String>, site: &Site) {
    let (now, _) = site::claimed_paths(site);
    if let Ok(mut files) = shared.files.write() {
        for gone in claimed.difference(&now) {
            files.remove(gone);
        }
    }
    *claimed = now;
}

/// The batch's changes of one kind, when it holds no other kind.
fn all_of(changes: &[Change], of_kind: impl Fn(&Change) -> Option<String>) -> Option<Vec<String>> {
    changes.iter().map(of_kind).collect()
}

/// What the browser is told.
#[derive(Clone, Debug)]
pub enum Event {
    /// These output paths changed; empty means every page.
    Reload(Vec<String>),
    Error(Arc<Report>),
}

/// The state the HTTP server reads.
pub struct Shared {
    pub files: RwLock<HashMap<String, Entry>>,
    /// The problems of the last rebuild, shown over every page until they are fixed.
    pub error: RwLock<Option<Arc<Report>>>,
    pub events: broadcast::Sender<Event>,
    /// Output paths of the pages browsers show now, with how many show each: a template edit
    /// re-renders these first.
    open: Mutex<HashMap<String, usize>>,
    /// What produced each page's and section's output path, kept only when a decorator
    /// asks for it (`Engine::track_sources`).
    pub sources: RwLock<HashMap<String, Source>>,
    /// The pages not rendered yet since the last full load.
    pub pending: Pending,
}

impl Shared {
    pub fn new() -> Shared {
        Shared {
            files: RwLock::new(HashMap::new()),
            error: RwLock::new(None),
            events: broadcast::channel(64).0,
            open: Mutex::new(HashMap::new()),
            sources: RwLock::new(HashMap::new()),
            pending: Pending::default(),
        }
    }

    /// A browser started (`true`) or stopped showing the page at `path`.
    pub fn showing(&self, path: &str, shown: bool) {
        let Ok(mut open) = self.open.lock() else {
            return;
        };
        let count = open.entry(path.to_string()).or_default();
        match shown {
            true => *count += 1,
            false => *count = count.saturating_sub(1),
        }
        if *count == 0 {
            open.remove(path);
        }
    }

    fn open_pages(&self) -> HashSet<String> {
        self.open
            .lock()
            .map(|open| open.keys().cloned().collect())
            .unwrap_or_default()
    }
}

pub struct Engine {
    root: PathBuf,
    include_drafts: bool,
    base_url: String,
    site: Option<Site>,
    deps: HashMap<String, Vec<Dep>>,
    /// Paths the site claimed at the last rebuild (pages, aliases, files); one that is no
    /// longer claimed is removed from the served files.
    claimed: HashSet<String>,
    /// The search index of the last full load, patched per page edit.
    search: Option<LiveIndex>,
    /// Pages whose Markdown was rendered again since the search index was last patched.
    search_stale: HashSet<String>,
    /// Whether `shared.sources` is kept up to date.
    track_sources: bool,
    /// The pages to render after a full load.
    fill: Fill,
    pub shared: Arc<Shared>,
}

impl Engine {
    pub fn new(root: &Path, include_drafts: bool, base_url: String, shared: Arc<Shared>) -> Engine {
        Engine {
            root: root.to_path_buf(),
            include_drafts,
            base_url,
            site: None,
            deps: HashMap::new(),
            claimed: HashSet::new(),
            search: None,
            search_stale: HashSet::new(),
            track_sources: false,
            fill: Fill::default(),
            shared,
        }
    }

    /// Keeps the map from output paths to the pages and sections that produce them.
    pub fn track_sources(&mut self) {
        self.track_sources = true;
    }

    /// Updates the sources before the rendered files are published, so a page is never
    /// served without its source known.
    fn note_sources(track: bool, shared: &Shared, site: &Site) {
        if !track {
            return;
        }
        // Every file a page or a section renders, a section's further pages included.
        let map: HashMap<String, Source> = site::jobs(site)
            .iter()
            .filter_map(|job| {
                let (doc, kind) = match job {
                    Job::Page(page) => (&page.doc, SourceKind::Page),
                    Job::Section(section, _) => (&section.doc, SourceKind::Section),
                    _ => return None,
                };
                let source = Source {
                    key: doc.key.clone(),
                    kind,
                };
                Some((job.path(), source))
            })
            .collect();
        if let Ok(mut sources) = shared.sources.write() {
            *sources = map;
        }
    }

    /// Runs a client's job with the loaded site; a panic in it is reported and leaves the
    /// site as it was (the job only reads it).
    pub fn run_job(&self, job: SiteJob) {
        if let Err(crash) = guard::catch(|| job(self.site.as_ref())) {
            eprintln!("{crash}");
        }
    }

    /// Loads everything and renders all but the pages' own files, which [`Engine::fill_some`]
    /// renders after.
    pub fn full(&mut self) -> Result<usize, BuildError> {
        self.site = None;
        self.fill.clear(&self.shared.pending);
        let site = Site::load_retaining(
            &self.root,
            self.include_drafts,
            Some(&self.base_url),
            site::Retain::Markdown,
        )?;
        crate::diagnostics::print_warnings(&site.warnings);
        let sink = MemorySink::default();
        // The search index needs only the library: built beside the pages, as in a build.
        let (rendered, (search, search_files)) = rayon::join(
            || site::render_site_but(&site, &fill::renders_a_page, &sink),
            || LiveIndex::build(&site.library, &site.config),
        );
        let count = rendered?;
        Engine::note_sources(self.track_sources, &self.shared, &site);
        self.search = Some(search);
        self.search_stale.clear();
        let (mut files, deps) = sink.into_parts();
        files.extend(served(search_files));
        // The pages are pending before the files they replace are gone.
        self.fill = Fill::of(&site, &self.shared.pending);
        if let Ok(mut shared) = self.shared.files.write() {
            *shared = files;
        }
        self.deps = deps;
        self.claimed = site::claimed_paths(&site).0;
        self.site = Some(site);
        Ok(count)
    }

    /// Re-reads the edited pages and renders only what they touch.
    /// Re-reads the edited pages and renders only what they touch: the edited pages first
    /// (the browser showing one reloads at once), then the lists and pages around them.
    /// Returns the number of files and the paths of the second round.
    fn pages(&mut self, keys: &[String]) -> Result<(usize, Vec<String>), BuildError> {
        let Some(site) = self.site.as_mut() else {
            return self.full().map(|count| (count, Vec::new()));
        };
        let mut timer = crate::site::timing::Timer::new();
        let touched = reload_pages(site, keys, self.include_drafts)?;
        crate::diagnostics::print_warnings(&touched.warnings);
        if touched.claims_changed {
            Engine::note_sources(self.track_sources, &self.shared, site);
        }
        // Their search text may have changed with their Markdown (a backlink's too).
        self.search_stale.extend(touched.pages.iter().cloned());
        self.search_stale.extend(keys.iter().cloned());
        let edited = |job: &Job<'_>| matches!(job, Job::Page(p) | Job::PageOutput(p, _) if keys.contains(&p.doc.key));
        let first = MemorySink::default();
        let mut count = site::render_pages(site, keys, &first)?;
        let first_paths = publish(&self.shared, &mut self.deps, first);
        self.fill.done(keys, &self.shared.pending);
        let _ = self.shared.events.send(Event::Reload(first_paths));
        timer.lap("edited page");
        let rest = MemorySink::default();
        let deps = &self.deps;
        count += site::render_some(
            site,
            &|job| !edited(job) && touched.wants(job, deps.get(&job.path())),
            touched.sitemap_changed,
            &rest,
        )?;
        let rest_paths = publish(&self.shared, &mut self.deps, rest);
        timer.lap("around it");
        // Pages showing a moved file were re-rendered above; the files need no reload of
        // their own.
        let files = MemorySink::default();
        site::publish_files(site, &files)?;
        publish(&self.shared, &mut self.deps, files);
        timer.lap("files");
        if touched.claims_changed {
            drop_unclaimed(&self.shared, &mut self.claimed, site);
            timer.lap("claimed");
        }
        Ok((count, rest_paths))
    }
    /// Loads the templates again and re-renders only the files whose template extends,
    /// imports or is one of the changed ones.
    fn templates(&mut self, names: &[String]) -> Result<(usize, Vec<String>), BuildError> {
        let Some(site) = self.site.as_mut() else {
            return self.full().map(|count| (count, Vec::new()));
        };
        site::reload_templates(site)?;
        let site: &Site = site;
        let uses = |fill: &Fill, job: &Job<'_>| {
            if fill.holds(job) {
                return false;
            }
            let template = job.template(site);
            names
                .iter()
                .any(|name| site.templates.uses(&template, name))
        };
        let open = self.shared.open_pages();
        let shown = |job: &Job<'_>| open.contains(&job.path());
        // The pages no browser shows go to the fill, rendered between later changes (one a
        // browser asks for first) and from now on waited for, not served as they were:
        // rendering them here held the next change for over a second at 100,000 pages.
        let deferred: Vec<(String, String)> = site::jobs(site)
            .iter()
            .filter(|job| !shown(job) && uses(&self.fill, job))
            .filter_map(|job| match job {
                Job::Page(page) | Job::PageOutput(page, _) => {
                    Some((page.doc.key.clone(), job.path()))
                }
                _ => None,
            })
            .collect();
        self.fill.defer(deferred, &self.shared.pending);
        let fill = &self.fill;
        // The pages browsers show are rendered and reloaded first, then the lists and the
        // site-wide files.
        let first = MemorySink::default();
        let mut count = site::render_only(site, &|job| shown(job) && uses(fill, job), &first)?;
        let first_paths = publish(&self.shared, &mut self.deps, first);
        if !first_paths.is_empty() {
            let _ = self.shared.events.send(Event::Reload(first_paths));
        }
        let sink = MemorySink::default();
        count += site::render_only(site, &|job| !shown(job) && uses(fill, job), &sink)?;
        Ok((count, publish(&self.shared, &mut self.deps, sink)))
    }

    /// Files in a `static/` folder changed: an edited one is already served from the disk;
    /// a new or deleted one changes the served list. Returns the changed paths when they are
    /// all edited stylesheets, which browsers swap in place; else none, and every page reloads.
    fn statics(&mut self, names: &[String]) -> Result<(usize, Vec<String>), BuildError> {
        let Some(site) = self.site.as_mut() else {
            return self.full().map(|count| (count, Vec::new()));
        };
        let sink = MemorySink::default();
        let listed = site::reload_static(site, &sink)?;
        if listed {
            publish(&self.shared, &mut self.deps, sink);
            drop_unclaimed(&self.shared, &mut self.claimed, site);
        }
        let styles = !listed && names.iter().all(|name| name.ends_with(".css"));
        Ok((0, if styles { names.to_vec() } else { Vec::new() }))
    }

    /// Updates the search index after page edits; it runs after the browser has been told to
    /// reload, so the edited page is served without waiting for it. When the same pages are
    /// published, only the search files of the edited ones are written again (`LiveIndex`);
    /// when pages were added, deleted or drafted, page numbers move and it is built whole.
    fn refresh_search(&mut self) {
        let Some(site) = self.site.as_ref() else {
            return;
        };
        let mut timer = crate::site::timing::Timer::new();
        let stale: Vec<String> = self.search_stale.drain().collect();
        let patched = self
            .search
            .as_mut()
            .and_then(|search| search.update(&site.library, &stale));
        let (files, whole) = match patched {
            Some(files) => (files, false),
            None => {
                let (search, files) = LiveIndex::build(&site.library, &site.config);
                self.search = Some(search);
                (files, true)
            }
        };
        let files = served(files);
        if let Ok(mut shared) = self.shared.files.write() {
            if whole {
                // A smaller index has fewer files: none of an older one may stay served.
                shared.retain(|path, _| !is_index_file(path) || files.contains_key(path));
            }
            shared.extend(files);
        }
        timer.lap(if whole { "search" } else { "search edit" });
    }

    /// Whether pages are left to render since the last full load.
    pub fn filling(&self) -> bool {
        !self.fill.is_empty()
    }

    /// Renders the next run of pages left after a full load, those a browser waits for
    /// first; a failure or a panic is shown as a failed rebuild would be.
    pub fn fill_some(&mut self) {
        let Some(site) = self.site.as_ref() else {
            self.fill.clear(&self.shared.pending);
            return;
        };
        let keys = self.fill.next_run(&self.shared.pending);
        let sink = MemorySink::default();
        match guard::catch(|| site::render_pages(site, &keys, &sink)) {
            Ok(Ok(_)) => {
                publish(&self.shared, &mut self.deps, sink);
                self.fill.done(&keys, &self.shared.pending);
            }
            Ok(Err(err)) => self.fail(Report::from_error(&err, &self.root)),
            Err(crash) => self.fail(Report::from_text(crash)),
        }
        if let Some((count, took)) = self.fill.finished() {
            let ms = took.as_secs_f64() * 1000.0;
            println!("Rendered the other {count} pages in {ms:.0} ms");
        }
    }

    /// Applies a batch of changes and tells the browser. A panic in the rebuild is shown as
    /// an error, like a content error, and the next change loads the site whole.
    pub fn apply(&mut self, changes: &[Change]) {
        if let Err(crash) = guard::catch(|| self.rebuild(changes)) {
            self.search = None;
            // A lock held where the panic struck is poisoned: the server must read on.
            self.shared.files.clear_poison();
            self.shared.error.clear_poison();
            self.shared.open.clear_poison();
            self.fail(Report::from_text(crash));
        }
    }

    /// Shows a failed rebuild in the terminal and the browser; the site model may be
    /// half-updated, so the next change reloads everything.
    fn fail(&mut self, report: Report) {
        self.site = None;
        self.fill.clear(&self.shared.pending);
        eprintln!("{}", report.text);
        let report = Arc::new(report);
        if let Ok(mut error) = self.shared.error.write() {
            *error = Some(report.clone());
        }
        let _ = self.shared.events.send(Event::Error(report));
    }

    fn rebuild(&mut self, changes: &[Change]) {
        let started = Instant::now();
        let page_keys = all_of(changes, |c| match c {
            Change::Page(key) => Some(key.clone()),
            _ => None,
        });
        let template_names = all_of(changes, |c| match c {
            Change::Template(name) => Some(name.clone()),
            _ => None,
        });
        let static_names = all_of(changes, |c| match c {
            Change::Static(name) => Some(name.clone()),
            _ => None,
        });
        let had_error = self
            .shared
            .error
            .read()
            .map(|e| e.is_some())
            .unwrap_or(true);
        // While an error lasts the site model may be half-updated: reload it all.
        let can_patch = !had_error && self.site.is_some();
        let incremental = can_patch && matches!(&page_keys, Some(keys) if keys.len() <= 50);
        let result = match (page_keys, template_names, static_names) {
            (Some(keys), _, _) if incremental => self.pages(&keys),
            (_, Some(names), _) if can_patch => self.templates(&names),
            (_, _, Some(names)) if can_patch => self.statics(&names),
            // A full reload changes every page: an empty list tells every browser to reload.
            _ => self.full().map(|count| (count, Vec::new())),
        };
        if let Some(site) = &self.site {
            guard::panic_if_asked(site);
        }
        // Patched page and template edits name the files they changed (none: nothing to
        // reload); anything else reloads every browser, or names the stylesheets to swap.
        let patched = can_patch
            && changes
                .iter()
                .all(|c| matches!(c, Change::Page(_) | Change::Template(_)));
        match result {
            Ok((count, changed)) => {
                if let Ok(mut error) = self.shared.error.write() {
                    *error = None;
                }
                let ms = started.elapsed().as_secs_f64() * 1000.0;
                println!("Rebuilt {count} files in {ms:.0} ms");
                if !(patched && changed.is_empty()) {
                    let _ = self.shared.events.send(Event::Reload(changed));
                }
                if incremental {
                    self.refresh_search();
                }
            }
            Err(err) => {
                let report = Report::from_error(&err, &self.root);
                self.fail(report);
            }
        }
    }
}
