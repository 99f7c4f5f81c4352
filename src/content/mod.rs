//! The site model: sections and pages loaded from `content/`, validated, and linked by key.
//!
//! Pages and sections live in maps keyed by their content-relative source path
//! (`vagledningar/atervandare.md`); a section holds the keys of its pages, never copies,
//! so one page can be replaced without touching the rest.

pub mod active;
pub mod dates;
pub mod discover;
pub mod followup;
mod followup_summary;
pub mod freshness;
pub mod front_matter;
pub mod kind;
mod library;
mod page_fields;
pub mod paths;
pub mod placeholder;
mod published;
mod reload;
pub mod schema;
pub mod slugs;
pub mod taxonomies;

use std::path::PathBuf;

pub use front_matter::{PageMeta, SectionMeta, SortBy, TemplateRef};
pub use library::{load, Asset, Library, LoadOptions, ROOT_SECTION};
pub use taxonomies::{Taxonomy, Term};

/// What every Markdown file has: where it came from and its text.
#[derive(Debug, Clone)]
pub struct Document {
    /// Content-relative path with `/`, the key in the library's maps.
    pub key: String,
    /// What the key names, decided when the file was found.
    pub kind: kind::FileKind,
    /// Path on disk; `None` for the start page when `content/_index.md` is missing.
    pub file: Option<PathBuf>,
    /// The whole file, LF line ends, without a byte-order mark.
    pub source: String,
    /// Byte offset of the Markdown body in `source`.
    pub body_offset: usize,
    /// Output file, relative to the output folder (`a/b/index.html`).
    pub output_path: String,
    /// Rendered Markdown, set by the site once every page is loaded.
    pub rendered: Option<Rendered>,
}

impl Document {
    pub fn body(&self) -> &str {
        &self.source[self.body_offset..]
    }

    /// Lets go of the Markdown body once it is rendered and checked, keeping the front matter
    /// (positions in it stay right, and a position in the body falls back to its start): a
    /// build needs the body no more, and at 100,000 pages the bodies are a gigabyte.
    pub fn release_body(&mut self) {
        self.source.truncate(self.body_offset);
        self.source.shrink_to_fit();
    }

    pub fn file_path(&self) -> PathBuf {
        self.file
            .clone()
            .unwrap_or_else(|| PathBuf::from(&self.key))
    }
}

/// A page's body turned into HTML, with what templates and link checks need from it.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    /// The part before `<!-- more -->`, when the page has one.
    pub summary: Option<String>,
    pub toc: Vec<Heading>,
    pub word_count: usize,
    /// The body as plain text, words separated where blocks end: what search indexes.
    pub text: String,
    /// Every `id` a link may point at with `#anchor`.
    pub anchors: Vec<String>,
    /// Content keys of the pages and sections this body links to.
    pub links: Vec<String>,
    /// Content keys of the non-Markdown files this body links to or shows: what it
    /// publishes (see `Library::publish_linked_files`).
    pub files: Vec<String>,
    /// The `http`/`https` links and images of this body, as written, for `check --external`.
    pub external: Vec<ExternalRef>,
}

/// A web address written in a page, and where: the external-link check reports it there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExternalRef {
    pub url: String,
    /// Byte offset in the whole source file (front matter included).
    pub offset: usize,
}

/// One heading in a table of contents.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Heading {
    pub level: u32,
    pub id: String,
    pub title: String,
    pub children: Vec<Heading>,
}

#[derive(Debug, Clone)]
pub struct Page {
    pub doc: Document,
    pub meta: PageMeta,
    pub slug: String,
    /// Key of the section the page belongs to.
    pub section: String,
    /// Content-relative keys of the files that travel with a page bundle.
    pub assets: Vec<String>,
    /// Neighbours in the section's order.
    pub previous: Option<String>,
    pub next: Option<String>,
    /// The page's collection and its checked fields.
    pub fields: schema::PageFields,
}

#[derive(Debug, Clone)]
pub struct Section {
    pub doc: Document,
    pub meta: SectionMeta,
    /// Title from front matter, else the site title (start page) or the folder name.
    pub title: String,
    pub parent: Option<String>,
    /// Keys of the section's pages, in its sort order (transparent children included).
    pub pages: Vec<String>,
    pub subsections: Vec<String>,
    pub assets: Vec<String>,
}
