//! Which template renders what: front matter first, then the section, then the collection,
//! then the theme's default.

use crate::content::{Page, Section, Taxonomy};

use super::Site;

pub fn page_template<'a>(site: &'a Site, page: &'a Page) -> &'a str {
    let section = &site.library.sections[&page.section];
    let collection = page
        .fields
        .collection
        .as_deref()
        .and_then(|name| site.config.collection(name));
    page.meta
        .template
        .as_ref()
        .map(|t| t.name.as_str())
        .or(section.meta.page_template.as_ref().map(|t| t.name.as_str()))
        .or(collection.and_then(|c| c.page_template.as_deref()))
        .unwrap_or("page.html")
}

pub fn section_template<'a>(site: &'a Site, section: &'a Section) -> &'a str {
    let default = if section.parent.is_none() {
        "index.html"
    } else {
        "section.html"
    };
    let collection = site
        .config
        .collections
        .iter()
        .find(|c| c.lists(&section.doc.key));
    section
        .meta
        .template
        .as_ref()
        .map(|t| t.name.as_str())
        .or(collection.and_then(|c| c.list_template.as_deref()))
        .unwrap_or(default)
}

/// `tags/list.html` when the site has one, else the generic taxonomy template.
pub fn taxonomy_template(site: &Site, taxonomy: &Taxonomy, kind: &str, fallback: &str) -> String {
    let specific = format!("{}/{kind}.html", taxonomy.name);
    if site.templates.exists(&specific) {
        specific
    } else {
        fallback.to_string()
    }
}
