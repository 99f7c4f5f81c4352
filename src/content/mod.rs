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
mod pages;
pub mod paths;
pub mod placeholder;
mod published;
mod read_ahead;
mod reload;
pub mod schema;
mod sections;
pub mod slugs;
pub mod taxonomies;
mod zola_fields;

use std::path::PathBuf;

pub use front_matter::{PageMeta, SectionMeta, SortBy, TemplateRef};
pub use library::{load, Asset, Library, LoadOptions, ROOT_SECTION};
pub use pages::Pages;
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
    /// Set once the body is let go ([`Document::release_body`]): its hash, to know the file
    /// unchanged when it is read again.
    pub released_body: Option<blake3::Hash>,
}

impl Document {
    pub fn body(&self) -> &str {
        &self.source[self.body_offset..]
    }

    /// Lets go of the Markdown body once it is rendered and checked, keeping the front matter
    /// (positions in it stay right): at 100,000 pages the bodies are a gigabyte, and a build
    /// reads each again only to write its page ([`Document::with_body`]). `hash` is
    /// [`Document::body_hash`], made where the body was rendered, on that thread.
    pub fn release_body(&mut self, hash: blake3::Hash) {
        if self.released_body.is_none() {
            self.released_body = Some(hash);
            self.source.truncate(self.body_offset);
            self.source.shrink_to_fit();
        }
    }

    pub fn body_hash(&self) -> blake3::Hash {
        blake3::hash(self.body().as_bytes())
    }

    /// This document with its whole text: itself, or, after [`Document::release_body`], a copy
    /// with the file read again. The file must still be what was rendered and checked: a page
    /// edited during a build is an error, never a page that mixes two versions of the file.
    pub fn with_body(
        &self,
    ) -> Result<std::borrow::Cow<'_, Document>, crate::diagnostics::Diagnostic> {
        let Some(hash) = self.released_body else {
            return Ok(std::borrow::Cow::Borrowed(self));
        };
        let path = self.file_path();
        let source = crate::diagnostics::read_text(&path)?;
        let unchanged = source.get(..self.body_offset) == Some(self.source.as_str())
            && blake3::hash(&source.as_bytes()[self.body_offset..]) == hash;
        if !unchanged {
            return Err(crate::diagnostics::Diagnostic::file(&path, "")
                .with_text("file.changed", crate::args!()));
        }
        Ok(std::borrow::Cow::Owned(Document {
            key: self.key.clone(),
            kind: self.kind,
            file: self.file.clone(),
            source,
            body_offset: self.body_offset,
            output_path: self.output_path.clone(),
            rendered: None,
            released_body: None,
        }))
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
    /// `None` after a build's first reading ([`crate::markdown::analyze_with_images`]) of all
    /// but a share of the pages: the HTML is made again when its page is written, so that the
    /// site is never all in memory.
    pub html: Option<String>,
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A build lets go of a page's body after checking it and reads the file again to write
    /// the page: an edit in between is an error, never a page of two versions.
    #[test]
    fn a_body_read_again_must_be_the_one_checked() {
        let dir = std::env::temp_dir().join(format!("lots-body-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("sida.md");
        let source = "---\r\ntitle: Sida\r\n---\r\nText som\r\nkontrollerats.\r\n";
        std::fs::write(&file, source).unwrap();
        let text = crate::diagnostics::read_text(&file).unwrap();
        let mut doc = Document {
            key: "sida.md".into(),
            kind: kind::FileKind::Page,
            file: Some(file.clone()),
            body_offset: text.find("Text").unwrap(),
            source: text.clone(),
            output_path: "sida/index.html".into(),
            rendered: None,
            released_body: None,
        };
        assert!(matches!(doc.with_body(), Ok(std::borrow::Cow::Borrowed(_))));
        doc.release_body(doc.body_hash());
        assert_eq!(doc.source, "---\ntitle: Sida\n---\n");
        let again = doc.with_body().expect("the file is unchanged");
        assert_eq!(again.source, text, "read the same way: line ends made LF");
        assert_eq!(again.body(), "Text som\nkontrollerats.\n");

        for edited in [
            source.replace("kontrollerats", "ändrats"),
            source.replace("Sida", "Ny"),
        ] {
            std::fs::write(&file, edited).unwrap();
            let problem = doc.with_body().expect_err("the file changed");
            assert_eq!(problem.code, "file.changed");
            assert_eq!(problem.path, file);
        }
        std::fs::remove_file(&file).unwrap();
        assert!(doc.with_body().is_err(), "a file gone is an error too");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
