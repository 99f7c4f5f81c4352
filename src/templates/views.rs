//! What templates see: borrowed views of pages and sections, serialised on demand.
//! Every `permalink` is root-marked, so it becomes a relative URL in whatever file shows it.

use serde::Serialize;

use crate::content::paths::ROOT_MARK;
use crate::content::{Heading, Library, Page, Section, Taxonomy, Term};

/// A page as a link: title and URL.
#[derive(Serialize)]
pub struct LinkView<'a> {
    pub title: &'a str,
    pub permalink: String,
}

pub fn permalink(output_path: &str) -> String {
    format!("{ROOT_MARK}{output_path}")
}

/// A page in a list: no body, so long lists stay cheap.
#[derive(Serialize)]
pub struct PageListItem<'a> {
    pub title: &'a str,
    pub permalink: String,
    pub path: &'a str,
    pub description: Option<&'a str>,
    pub date: Option<&'a str>,
    pub updated: Option<&'a str>,
    pub summary: Option<&'a str>,
    pub taxonomies: &'a std::collections::BTreeMap<String, Vec<String>>,
    pub extra: &'a serde_json::Map<String, serde_json::Value>,
    pub draft: bool,
    pub weight: Option<i64>,
    /// Who wrote the page (Zola's `authors`).
    pub authors: &'a [String],
    pub relative_path: &'a str,
    /// The page's collection, when it belongs to one.
    pub collection: Option<&'a str>,
    /// The collection's fields, checked against its schema; `file` fields are URLs.
    pub fields: &'a serde_json::Map<String, serde_json::Value>,
}

impl<'a> PageListItem<'a> {
    pub fn new(page: &'a Page) -> Self {
        PageListItem {
            title: &page.meta.title,
            permalink: permalink(&page.doc.output_path),
            path: &page.doc.output_path,
            description: page.meta.description.as_deref(),
            date: page.meta.date.as_ref().map(|d| d.text.as_str()),
            updated: page.meta.updated.as_ref().map(|d| d.text.as_str()),
            summary: page
                .doc
                .rendered
                .as_ref()
                .and_then(|r| r.summary.as_deref()),
            taxonomies: &page.meta.taxonomies,
            extra: &page.meta.extra,
            draft: page.meta.draft,
            weight: page.meta.weight,
            authors: &page.meta.authors,
            relative_path: &page.doc.key,
            collection: page.fields.collection.as_deref(),
            fields: &page.fields.values,
        }
    }
}

#[derive(Serialize)]
pub struct AssetView {
    pub name: String,
    pub permalink: String,
    /// Lower-case extension, for an icon or a type label.
    pub kind: String,
    pub size: u64,
    /// The size for people, Swedish style (`1,2 MB`).
    pub size_text: String,
}

/// A whole page, for its own template.
#[derive(Serialize)]
pub struct PageView<'a> {
    #[serde(flatten)]
    pub item: PageListItem<'a>,
    pub slug: &'a str,
    pub content: &'a str,
    pub toc: &'a [Heading],
    pub word_count: usize,
    pub reading_time: usize,
    pub previous: Option<LinkView<'a>>,
    pub next: Option<LinkView<'a>>,
    pub ancestors: Vec<LinkView<'a>>,
    pub assets: Vec<AssetView>,
    pub section: LinkView<'a>,
}

impl<'a> PageView<'a> {
    /// `content` is the page's body as HTML ([`crate::markdown::body_html`]).
    pub fn new(library: &'a Library, page: &'a Page, content: &'a str) -> Self {
        let rendered = page.doc.rendered.as_ref();
        let word_count = rendered.map_or(0, |r| r.word_count);
        let link = |key: &Option<String>| {
            key.as_ref()
                .and_then(|k| library.pages.get(k))
                .map(|page| page_link(page))
        };
        let section = &library.sections[&page.section];
        PageView {
            item: PageListItem::new(page),
            slug: &page.slug,
            content,
            toc: rendered.map_or(&[], |r| r.toc.as_slice()),
            word_count,
            reading_time: word_count.div_ceil(200).max(1),
            previous: link(&page.previous),
            next: link(&page.next),
            ancestors: ancestors(library, Some(&page.section)),
            assets: assets(library, &page.assets),
            section: section_link(section),
        }
    }
}

fn page_link(page: &Page) -> LinkView<'_> {
    LinkView {
        title: &page.meta.title,
        permalink: permalink(&page.doc.output_path),
    }
}

fn section_link(section: &Section) -> LinkView<'_> {
    LinkView {
        title: &section.title,
        permalink: permalink(&section.doc.output_path),
    }
}

/// Sections from the start page down to `from`, inclusive.
pub fn ancestors<'a>(library: &'a Library, from: Option<&String>) -> Vec<LinkView<'a>> {
    let mut chain = Vec::new();
    let mut next = from;
    while let Some(key) = next {
        let Some(section) = library.sections.get(key) else {
            break;
        };
        chain.push(section_link(section));
        next = section.parent.as_ref();
    }
    chain.reverse();
    chain
}

fn assets(library: &Library, keys: &[String]) -> Vec<AssetView> {
    keys.iter()
        .filter_map(|key| {
            let asset = library.assets.get(key)?;
            let name = key.rsplit('/').next().unwrap_or(key).to_string();
            let kind = name
                .rsplit_once('.')
                .map(|(_, ext)| ext.to_ascii_lowercase())
                .unwrap_or_default();
            Some(AssetView {
                name,
                permalink: permalink(&asset.output),
                kind,
                size: asset.bytes,
                size_text: super::filters::human_size(asset.bytes),
            })
        })
        .collect()
}

#[derive(Serialize)]
pub struct SubsectionView<'a> {
    pub title: &'a str,
    pub permalink: String,
    pub description: Option<&'a str>,
    pub page_count: usize,
    pub weight: Option<i64>,
    pub extra: &'a serde_json::Map<String, serde_json::Value>,
}

impl<'a> SubsectionView<'a> {
    pub fn new(section: &'a Section) -> Self {
        SubsectionView {
            title: &section.title,
            permalink: permalink(&section.doc.output_path),
            description: section.meta.description.as_deref(),
            page_count: section.pages.len(),
            weight: section.meta.weight,
            extra: &section.meta.extra,
        }
    }
}

/// A whole section, for its own template.
#[derive(Serialize)]
pub struct SectionView<'a> {
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub content: &'a str,
    pub permalink: String,
    pub path: &'a str,
    pub pages: Vec<PageListItem<'a>>,
    pub subsections: Vec<SubsectionView<'a>>,
    pub ancestors: Vec<LinkView<'a>>,
    pub extra: &'a serde_json::Map<String, serde_json::Value>,
    pub relative_path: &'a str,
    pub page_count: usize,
    pub toc: &'a [Heading],
    pub assets: Vec<AssetView>,
}

impl<'a> SectionView<'a> {
    /// `content` is the section's body as HTML ([`crate::markdown::body_html`]).
    pub fn new(library: &'a Library, section: &'a Section, content: &'a str) -> Self {
        let rendered = section.doc.rendered.as_ref();
        SectionView {
            title: &section.title,
            description: section.meta.description.as_deref(),
            content,
            permalink: permalink(&section.doc.output_path),
            path: &section.doc.output_path,
            pages: section
                .pages
                .iter()
                .filter_map(|k| library.pages.get(k))
                .map(PageListItem::new)
                .collect(),
            subsections: section
                .subsections
                .iter()
                .filter_map(|k| library.sections.get(k))
                .map(SubsectionView::new)
                .collect(),
            ancestors: ancestors(library, section.parent.as_ref()),
            extra: &section.meta.extra,
            relative_path: &section.doc.key,
            page_count: section.pages.len(),
            toc: rendered.map_or(&[], |r| r.toc.as_slice()),
            assets: assets(library, &section.assets),
        }
    }
}

#[derive(Serialize)]
pub struct TermView<'a> {
    pub name: &'a str,
    pub slug: &'a str,
    pub permalink: String,
    pub page_count: usize,
}

impl<'a> TermView<'a> {
    pub fn new(taxonomy: &Taxonomy, term: &'a Term) -> Self {
        TermView {
            name: &term.name,
            slug: &term.slug,
            permalink: permalink(&taxonomy.term_path(&term.slug)),
            page_count: term.pages.len(),
        }
    }
}

#[derive(Serialize)]
pub struct TaxonomyView<'a> {
    pub name: &'a str,
    pub permalink: String,
    pub terms: Vec<TermView<'a>>,
}

impl<'a> TaxonomyView<'a> {
    pub fn new(taxonomy: &'a Taxonomy) -> Self {
        TaxonomyView {
            name: &taxonomy.name,
            permalink: permalink(&taxonomy.list_path()),
            terms: taxonomy
                .terms
                .values()
                .map(|t| TermView::new(taxonomy, t))
                .collect(),
        }
    }
}

/// A top-level section in the main navigation.
#[derive(Serialize)]
pub struct NavItem<'a> {
    pub title: &'a str,
    pub permalink: String,
    pub active: bool,
}
