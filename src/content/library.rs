//! Loads every file in parallel, then links pages to sections, sorts them and checks that
//! no two files claim the same output path.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::Path;

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostics::{read_text, Diagnostic};

use super::discover::{self, ancestor_dirs, bundle_dirs, parent_dir, Source};
use super::front_matter::{Matter, RawPage, RawSection, Validator};
use super::kind::{self, FileKind};
use super::sections::{assign_pages, link_sections, owning_section};
use super::slugs::{slugify, strip_date_prefix};
use super::taxonomies::{self, Taxonomy};
use super::{Document, Page, Pages, Section, SectionMeta, SortBy};

pub struct LoadOptions {
    pub include_drafts: bool,
    /// Let go of each page's Markdown body as soon as its front matter is read, keeping a hash
    /// to read it again unchanged ([`Document::with_body`]): a build never holds the whole
    /// site's Markdown (at 100,000 pages, a gigabyte of fresh memory, which the kernel must
    /// clear before it is used).
    pub release_bodies: bool,
}

/// Every page and section of the site, keyed by content-relative path.
#[derive(Debug, Default)]
pub struct Library {
    pub pages: Pages,
    pub sections: BTreeMap<String, Section>,
    /// Non-Markdown files to publish: content key → output path. Only those that a published
    /// page or section links to, shows or carries in its bundle (`published.rs`).
    pub assets: BTreeMap<String, Asset>,
    /// Every non-Markdown file a link may name (not in a draft bundle or a draft section),
    /// published or not: links resolve against this, and what they name is published.
    pub linkable: BTreeMap<String, Asset>,
    /// The content key of each linkable file by its output path, for links by output path.
    pub(super) linkable_outputs: HashMap<String, String>,
    pub taxonomies: Vec<Taxonomy>,
    /// Keys of files that failed to load; links to them are not reported a second time.
    pub failed: HashSet<String>,
    /// Keys of drafts left out of this build; a link to one is an error of its own kind.
    pub drafts: HashSet<String>,
    /// Files named by `file` fields of the drafts left out, by the draft's key (`serve`
    /// relinks everything when they change).
    pub(super) draft_files: BTreeMap<String, Vec<String>>,
    pub warnings: Vec<Diagnostic>,
    /// Every non-Markdown file found in `content/`, published or not, for relinking.
    pub(super) asset_keys: Vec<String>,
    /// Folders holding an `index.md` (page bundles), drafts included.
    pub(super) bundles: BTreeSet<String>,
}

pub const ROOT_SECTION: &str = "_index.md";

/// A published non-Markdown file.
#[derive(Debug, Clone)]
pub struct Asset {
    /// Output path (`a/b/bild.svg`).
    pub output: String,
    pub bytes: u64,
}

impl Library {
    /// Output path of the page or section with this key.
    pub fn output_path(&self, key: &str) -> Option<&str> {
        self.pages
            .get(key)
            .map(|p| p.doc.output_path.as_str())
            .or_else(|| self.sections.get(key).map(|s| s.doc.output_path.as_str()))
    }

    pub fn root(&self) -> &Section {
        &self.sections[ROOT_SECTION]
    }

    pub fn document(&self, key: &str) -> Option<&Document> {
        self.pages
            .get(key)
            .map(|p| &p.doc)
            .or_else(|| self.sections.get(key).map(|s| &s.doc))
    }

    pub fn document_mut(&mut self, key: &str) -> Option<&mut Document> {
        match self.pages.get_mut(key) {
            Some(page) => Some(&mut page.doc),
            None => self.sections.get_mut(key).map(|s| &mut s.doc),
        }
    }
}

/// Loads `root/content` into a library. Every problem of every file is returned together.
pub fn load(
    content_dir: &Path,
    config: &Config,
    options: &LoadOptions,
) -> Result<(Library, Vec<Diagnostic>), Vec<Diagnostic>> {
    let found = discover::discover(content_dir).map_err(|d| vec![d])?;
    let bundles = bundle_dirs(&found.pages);
    let mut problems = found.errors;
    let mut library = Library {
        warnings: found.warnings,
        ..Library::default()
    };

    // Sections too are read ahead: at 100,000 pages there are 942 of them.
    let sections = super::read_ahead::parse_all(
        &found.sections,
        |s| &s.file,
        |s, text| section_from_read(s, text, config),
    );
    let pages = super::read_ahead::parse_all(
        &found.pages,
        |p| &p.file,
        |p, text| {
            let mut loaded =
                page_from_read(p, text, config).map(|(page, errs)| (Box::new(page), errs));
            if let (true, Ok((page, _))) = (options.release_bodies, &mut loaded) {
                page.doc.release_body(page.doc.body_hash());
            }
            loaded
        },
    );
    for result in sections {
        match result {
            Ok((section, errs)) => {
                sort_out(errs, &mut problems, &mut library.warnings);
                library.sections.insert(section.doc.key.clone(), section);
            }
            Err((key, mut errs)) => {
                library.failed.insert(key);
                problems.append(&mut errs);
            }
        }
    }
    let mut loaded = Vec::with_capacity(pages.len());
    for result in pages {
        match result {
            Ok((page, errs)) => {
                sort_out(errs, &mut problems, &mut library.warnings);
                loaded.push((page.doc.key.clone(), page));
            }
            Err((key, mut errs)) => {
                library.failed.insert(key);
                problems.append(&mut errs);
            }
        }
    }
    library.pages = Pages::from_unsorted(loaded);
    ensure_root(&mut library, config);
    remove_drafts(&mut library, config, options.include_drafts);
    if !options.include_drafts {
        super::followup::unpublish_reports(&mut library, config);
    }
    problems.extend(super::active::refuse_active(
        content_dir,
        &found.assets,
        &config.allow_active_files,
    ));
    library.asset_keys = found.assets;
    library.bundles = bundles;
    problems.extend(library.relink(content_dir, config));
    Ok((library, problems))
}

impl Library {
    /// Links pages to sections, sorts them, places assets and collects taxonomies, from the
    /// loaded pages and sections alone: running it again after one page changed gives the
    /// same result as a fresh load.
    pub(super) fn relink(&mut self, content_dir: &Path, config: &Config) -> Vec<Diagnostic> {
        for section in self.sections.values_mut() {
            section.parent = None;
            section.pages.clear();
            section.subsections.clear();
            section.assets.clear();
        }
        for page in self.pages.values_mut() {
            page.assets.clear();
            page.previous = None;
            page.next = None;
        }
        self.assets.clear();
        self.linkable.clear();
        link_sections(self);
        assign_pages(self);
        let (asset_keys, bundles) = (
            std::mem::take(&mut self.asset_keys),
            std::mem::take(&mut self.bundles),
        );
        place_assets(self, content_dir, &asset_keys, &bundles);
        (self.asset_keys, self.bundles) = (asset_keys, bundles);
        self.index_linkable_outputs();
        let problems = super::schema::resolve_files(self);
        self.publish_linked_files();
        self.taxonomies = taxonomies::collect(self, config);
        problems
    }

    /// Whether a page is left out of this build: a draft, a page its collection does not
    /// publish yet, or a page inside a draft section.
    pub(super) fn is_unpublished(&self, page: &Page, config: &Config) -> bool {
        let in_draft_section = under_any(&page.doc.key, &draft_section_dirs(&self.drafts));
        page.meta.draft
            || !super::schema::passes_publish_rule(config, &page.fields)
            || in_draft_section
            || super::followup::names_unpublished_plan(self, config, page)
    }
}

/// The folders of the sections among `drafts` (keys left out), with their trailing slash.
fn draft_section_dirs<'a>(drafts: impl IntoIterator<Item = &'a String>) -> HashSet<&'a str> {
    drafts
        .into_iter()
        .filter(|d| FileKind::of(d) == FileKind::Section)
        .map(|d| parent_dir(d))
        .collect()
}

/// Whether `key` lies inside one of `dirs` (folders with their trailing slash; "" is the
/// content root).
fn under_any<Dir: std::borrow::Borrow<str> + Eq + std::hash::Hash>(
    key: &str,
    dirs: &HashSet<Dir>,
) -> bool {
    !dirs.is_empty() && ancestor_dirs(key).any(|dir| dirs.contains(dir))
}

/// Puts a file's problems with the errors or with the warnings, by their severity.
pub(super) fn sort_out(
    found: Vec<Diagnostic>,
    errors: &mut Vec<Diagnostic>,
    warnings: &mut Vec<Diagnostic>,
) {
    for problem in found {
        match problem.severity {
            crate::diagnostics::Severity::Warning => warnings.push(problem),
            crate::diagnostics::Severity::Error => errors.push(problem),
        }
    }
}

/// A file that failed to load: its key and why.
type Failed = (String, Vec<Diagnostic>);
type Loaded<T> = Result<T, Failed>;
/// A loaded file with the problems its front matter still has (a bad date, say): it stays
/// in the library so that its body is checked too and every error is reported in one run.
type Checked<T> = Result<(T, Vec<Diagnostic>), Failed>;

/// The front matter of `text`, ready to be read, or why it cannot be.
fn matter<'a>(source: &'a Source, text: &'a str) -> Loaded<Matter<'a>> {
    Matter::read(&source.file, text).map_err(|d| (source.key.clone(), vec![d]))
}

/// Parses the front matter into `R`.
fn parse_meta<R: serde::de::DeserializeOwned>(source: &Source, matter: &Matter) -> Loaded<R> {
    matter.parse().map_err(|d| (source.key.clone(), vec![d]))
}

/// A section from its file as [`read_text`] read it, or the reason it could not be.
fn section_from_read(
    source: &Source,
    text: Result<String, Diagnostic>,
    config: &Config,
) -> Checked<Section> {
    let text = text.map_err(|d| (source.key.clone(), vec![d]));
    localized(
        text.and_then(|text| read_section(source, text, config)),
        config,
    )
}

/// The problems of a file read on its own, in the site's language: pages are read on rayon
/// threads, so this is where their messages get it (see [`crate::messages`]).
fn localized<T>(mut result: Checked<T>, config: &Config) -> Checked<T> {
    let problems = match &mut result {
        Ok((_, problems)) | Err((_, problems)) => problems,
    };
    crate::messages::localize(problems, &config.language);
    result
}

fn read_section(source: &Source, text: String, config: &Config) -> Checked<Section> {
    let matter = matter(source, &text)?;
    let raw: RawSection = parse_meta(source, &matter)?;
    let body_offset = matter.body_offset;
    let mut validator = Validator::new(matter.block(), config);
    let meta = validator.section(raw);
    let problems = validator.problems;
    let dir = slug_dir(parent_dir(&source.key));
    let title = meta
        .title
        .clone()
        .unwrap_or_else(|| folder_title(&source.key, config));
    let section = Section {
        doc: Document {
            key: source.key.clone(),
            kind: source.kind,
            file: Some(source.file.clone()),
            source: text,
            body_offset,
            output_path: format!("{dir}index.html"),
            rendered: None,
            released_body: None,
        },
        meta,
        title,
        parent: None,
        pages: Vec::new(),
        subsections: Vec::new(),
        assets: Vec::new(),
    };
    Ok((section, problems))
}

pub(super) fn load_page(source: &Source, config: &Config) -> Checked<Page> {
    page_from_read(source, read_text(&source.file), config)
}

/// A page from its file as [`read_text`] read it, or the reason it could not be.
fn page_from_read(
    source: &Source,
    text: Result<String, Diagnostic>,
    config: &Config,
) -> Checked<Page> {
    let text = text.map_err(|d| (source.key.clone(), vec![d]))?;
    page_from_text(source, text, config)
}

/// A page read from `text` (LF line ends) as if it were the file of `source`: the same checks
/// as a file on disk, for the editor's preview of text it has not saved.
pub(super) fn page_from_text(source: &Source, text: String, config: &Config) -> Checked<Page> {
    localized(read_page(source, text, config), config)
}

fn read_page(source: &Source, text: String, config: &Config) -> Checked<Page> {
    let matter = matter(source, &text)?;
    let raw: RawPage = parse_meta(source, &matter)?;
    let (body_offset, block) = (matter.body_offset, matter.block());
    let mut validator = Validator::new(block, config);
    let mut meta = validator.page(raw);
    for problem in &mut validator.problems {
        problem.code_if_generic("front_matter.invalid");
    }
    let before_schema = validator.problems.len();
    let fields = super::schema::page_fields(
        config,
        &source.key,
        block,
        matter.yaml(),
        &mut validator.problems,
    );
    for problem in &mut validator.problems[before_schema..] {
        problem.code_if_generic("schema.invalid");
    }
    let (dir, stem) = if source.kind == FileKind::BundlePage {
        let bundle = parent_dir(&source.key).trim_end_matches('/');
        (parent_dir(bundle), bundle.rsplit('/').next().unwrap_or(""))
    } else {
        (parent_dir(&source.key), kind::page_stem(&source.key))
    };
    let (stem, date_from_name) = strip_date_prefix(stem);
    if meta.date.is_none() {
        meta.date = date_from_name.and_then(super::dates::DateValue::parse);
    }
    let slug = meta.slug.clone().unwrap_or_else(|| slugify(stem));
    if slug.is_empty() {
        validator.problems.push(Diagnostic::at(
            &source.file,
            &text,
            1,
            1,
            "the page needs a folder or file name with letters or digits (or a `slug:`); content/index.md is not allowed, use content/_index.md for the start page",
        ));
    }
    let problems = validator.problems;
    let page = Page {
        doc: Document {
            key: source.key.clone(),
            kind: source.kind,
            file: Some(source.file.clone()),
            source: text,
            body_offset,
            output_path: meta
                .path
                .clone()
                .unwrap_or_else(|| format!("{}{slug}/index.html", slug_dir(dir))),
            rendered: None,
            released_body: None,
        },
        meta,
        slug,
        section: String::new(),
        assets: Vec::new(),
        previous: None,
        next: None,
        fields,
    };
    Ok((page, problems))
}

/// `Föreläsningar/Äldre/` → `forelasningar/aldre/`.
fn slug_dir(dir: &str) -> String {
    dir.split('/')
        .filter(|p| !p.is_empty())
        .map(|p| format!("{}/", slugify(p)))
        .collect()
}

fn folder_title(key: &str, config: &Config) -> String {
    let dir = parent_dir(key).trim_end_matches('/');
    match dir.rsplit('/').next() {
        Some(name) if !name.is_empty() => name.replace(['-', '_'], " "),
        _ => config.title.clone(),
    }
}

/// A site without `content/_index.md` still gets a start page.
fn ensure_root(library: &mut Library, config: &Config) {
    if library.sections.contains_key(ROOT_SECTION) || library.failed.contains(ROOT_SECTION) {
        if !library.sections.contains_key(ROOT_SECTION) {
            library
                .sections
                .insert(ROOT_SECTION.into(), implicit_root(config));
        }
        return;
    }
    library
        .sections
        .insert(ROOT_SECTION.into(), implicit_root(config));
}

fn implicit_root(config: &Config) -> Section {
    Section {
        doc: Document {
            key: ROOT_SECTION.into(),
            kind: FileKind::Section,
            file: None,
            source: String::new(),
            body_offset: 0,
            output_path: "index.html".into(),
            rendered: None,
            released_body: None,
        },
        meta: SectionMeta {
            title: None,
            description: config.description.clone(),
            sort_by: SortBy::None,
            paginate_by: None,
            transparent: false,
            weight: None,
            template: None,
            page_template: None,
            draft: false,
            aliases: Vec::new(),
            extra: Default::default(),
            in_search_index: true,
            paginate_reversed: false,
            redirect_to: None,
        },
        title: config.title.clone(),
        parent: None,
        pages: Vec::new(),
        subsections: Vec::new(),
        assets: Vec::new(),
    }
}

/// Drafts, pages their collection does not publish yet (an unapproved plan), and everything
/// inside a draft section are left out unless asked for.
fn remove_drafts(library: &mut Library, config: &Config, include_drafts: bool) {
    if include_drafts {
        return;
    }
    let draft_dirs: HashSet<String> = library
        .sections
        .values()
        .filter(|s| s.meta.draft && s.doc.key != ROOT_SECTION)
        .map(|s| parent_dir(&s.doc.key).to_string())
        .collect();
    let under_draft = |key: &str| under_any(key, &draft_dirs);
    let mut removed = Vec::new();
    library.sections.retain(|key, s| {
        let keep = key == ROOT_SECTION || !(s.meta.draft || under_draft(key));
        if !keep {
            removed.push(key.clone());
        }
        keep
    });
    let mut draft_files = BTreeMap::new();
    library.pages.retain(|key, p| {
        let unpublished = p.meta.draft || !super::schema::passes_publish_rule(config, &p.fields);
        let keep = !(unpublished || under_draft(key));
        if !keep {
            removed.push(key.clone());
            draft_files.insert(key.clone(), file_keys(p));
        }
        keep
    });
    library.draft_files = draft_files;
    library.drafts.extend(removed);
}

/// Content keys of the files a page's `file` fields name.
pub(super) fn file_keys(page: &Page) -> Vec<String> {
    page.fields.files.iter().map(|f| f.key.clone()).collect()
}

/// Bundle files go beside their page; other files keep their folder (slugified) and name.
/// Which of them are published is decided once the pages are rendered (`published.rs`).
fn place_assets(
    library: &mut Library,
    content_dir: &Path,
    assets: &[String],
    bundles: &BTreeSet<String>,
) {
    let sizes: Vec<u64> = assets
        .par_iter()
        .map(|key| {
            std::fs::metadata(content_dir.join(key))
                .map(|m| m.len())
                .unwrap_or(0)
        })
        .collect();
    let bundle_pages: HashMap<&str, &str> = library
        .pages
        .values()
        .filter(|p| p.doc.kind == FileKind::BundlePage)
        .map(|p| (parent_dir(&p.doc.key), p.doc.key.as_str()))
        .collect();
    let draft_dirs = draft_section_dirs(&library.drafts);
    let mut attached: Vec<(String, String)> = Vec::new();
    for (asset, &bytes) in assets.iter().zip(&sizes) {
        // The innermost bundle holds the file.
        let bundle = ancestor_dirs(asset).find(|dir| bundles.contains(*dir));
        match bundle {
            Some(dir) => {
                let Some(page_key) = bundle_pages.get(dir) else {
                    continue;
                }; // a draft's files stay out
                let page = &library.pages[*page_key];
                let out = format!(
                    "{}{}",
                    paths_dir(&page.doc.output_path),
                    &asset[dir.len()..]
                );
                library
                    .linkable
                    .insert(asset.clone(), Asset { output: out, bytes });
                attached.push((page_key.to_string(), asset.clone()));
            }
            None => {
                let dir = parent_dir(asset);
                let section = owning_section(&library.sections, dir);
                if under_any(asset, &draft_dirs) {
                    continue;
                }
                let name = &asset[dir.len()..];
                let out = format!("{}{name}", slug_dir(dir));
                library
                    .linkable
                    .insert(asset.clone(), Asset { output: out, bytes });
                if let Some(s) = library.sections.get_mut(&section) {
                    s.assets.push(asset.clone());
                }
            }
        }
    }
    for (page_key, asset) in attached {
        if let Some(page) = library.pages.get_mut(&page_key) {
            page.assets.push(asset);
        }
    }
}

fn paths_dir(output_path: &str) -> &str {
    super::paths::dir_of(output_path)
}
