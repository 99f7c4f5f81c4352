//! Functions templates call: URLs to files and pages, page and section look-ups.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::sync::Arc;

use tera::{to_value, Function, Result, Value};

use crate::content::paths::{scheme_of, ROOT_MARK};
use crate::content::slugs::slugify;
use crate::content::{Library, Page};
use crate::images::Images;

use super::views::{permalink, PageListItem, PageView, SectionView, TaxonomyView};

fn string_arg<'a>(args: &'a HashMap<String, Value>, name: &str, function: &str) -> Result<&'a str> {
    match args.get(name) {
        Some(Value::String(s)) => Ok(s),
        Some(_) => Err(format!("`{function}`: `{name}` must be a string").into()),
        None => Err(format!("`{function}` needs `{name}=...`").into()),
    }
}

/// `get_url(path="style.css")` or `get_url(path="@/rutiner/rutin.md")`: a relative URL.
pub struct GetUrl(pub Arc<Library>);

impl Function for GetUrl {
    fn call(&self, args: &HashMap<String, Value>) -> Result<Value> {
        let path = string_arg(args, "path", "get_url")?;
        if let Some(key) = path.strip_prefix("@/") {
            let (key, anchor) = key.split_once('#').map_or((key, ""), |(k, a)| (k, a));
            super::deps::record(super::deps::Dep::Url(key.to_string()));
            let output = self
                .0
                .output_path(key)
                .ok_or_else(|| format!("`get_url`: content/{key} does not exist"))?;
            let anchor = if anchor.is_empty() {
                String::new()
            } else {
                format!("#{anchor}")
            };
            return Ok(Value::String(format!("{}{anchor}", permalink(output))));
        }
        let trimmed = path.trim_start_matches('/');
        // `javascript:…` would stay a scheme at the top of the site, where the root prefix is empty.
        if trimmed.split('/').any(|p| p == "..")
            || path.contains("://")
            || scheme_of(trimmed).is_some()
        {
            return Err(format!("`get_url`: `{path}` must be a path inside the site").into());
        }
        let file = if trimmed.is_empty() || trimmed.ends_with('/') {
            format!("{trimmed}index.html")
        } else {
            trimmed.to_string()
        };
        Ok(Value::String(format!("{ROOT_MARK}{file}")))
    }

    fn is_safe(&self) -> bool {
        false
    }
}

/// `get_taxonomy_url(kind="tags", name="återvändare")`.
pub struct GetTaxonomyUrl(pub Arc<Library>);

impl Function for GetTaxonomyUrl {
    fn call(&self, args: &HashMap<String, Value>) -> Result<Value> {
        let kind = string_arg(args, "kind", "get_taxonomy_url")?;
        let name = string_arg(args, "name", "get_taxonomy_url")?;
        let taxonomy = self
            .0
            .taxonomies
            .iter()
            .find(|t| t.name == kind)
            .ok_or_else(|| {
                format!("`get_taxonomy_url`: there is no taxonomy `{kind}` in config.yaml")
            })?;
        Ok(Value::String(permalink(
            &taxonomy.term_path(&slugify(name)),
        )))
    }
}

/// `get_taxonomy(kind="tags")`: the taxonomy with all its terms.
pub struct GetTaxonomy(pub Arc<Library>);

impl Function for GetTaxonomy {
    fn call(&self, args: &HashMap<String, Value>) -> Result<Value> {
        let kind = string_arg(args, "kind", "get_taxonomy")?;
        super::deps::record(super::deps::Dep::Taxonomy(kind.to_string()));
        let taxonomy = self.0.taxonomies.iter().find(|t| t.name == kind);
        let taxonomy =
            taxonomy.ok_or_else(|| format!("`get_taxonomy`: there is no taxonomy `{kind}`"))?;
        Ok(to_value(TaxonomyView::new(taxonomy))?)
    }
}

/// `get_page(path="rutiner/rutin.md")`. With the build's images, the page's content is made
/// with them, as on its own page (a build keeps no page's HTML, see `markdown::body_html`).
pub struct GetPage(
    pub Arc<Library>,
    pub Option<Arc<Images>>,
    pub Option<Arc<super::shortcodes::Shortcodes>>,
);

impl Function for GetPage {
    fn call(&self, args: &HashMap<String, Value>) -> Result<Value> {
        let path = string_arg(args, "path", "get_page")?;
        let key = path.trim_start_matches("@/");
        super::deps::record(super::deps::Dep::Page(key.to_string()));
        let page = self
            .0
            .pages
            .get(key)
            .ok_or_else(|| format!("`get_page`: content/{key} is not a published page"))?;
        let content = crate::markdown::body_html(&self.0, &page.doc, tools(&self.1, &self.2))
            .map_err(|d| d.message)?;
        Ok(to_value(PageView::new(&self.0, page, &content))?)
    }
}

/// `get_section(path="vagledningar/_index.md")`, its content made as [`GetPage`]'s.
pub struct GetSection(
    pub Arc<Library>,
    pub Option<Arc<Images>>,
    pub Option<Arc<super::shortcodes::Shortcodes>>,
);

/// The tools `get_page` and `get_section` render a body with.
fn tools<'a>(
    images: &'a Option<Arc<Images>>,
    shortcodes: &'a Option<Arc<super::shortcodes::Shortcodes>>,
) -> crate::markdown::Tools<'a> {
    crate::markdown::Tools {
        images: images.as_deref(),
        shortcodes: shortcodes
            .as_deref()
            .map(|s| s as &dyn crate::markdown::shortcodes::Runner),
    }
}

impl Function for GetSection {
    fn call(&self, args: &HashMap<String, Value>) -> Result<Value> {
        let path = string_arg(args, "path", "get_section")?;
        let key = path.trim_start_matches("@/");
        super::deps::record(super::deps::Dep::Section(key.to_string()));
        let section = self
            .0
            .sections
            .get(key)
            .ok_or_else(|| format!("`get_section`: content/{key} is not a section"))?;
        let content = crate::markdown::body_html(&self.0, &section.doc, tools(&self.1, &self.2))
            .map_err(|d| d.message)?;
        Ok(to_value(SectionView::new(&self.0, section, &content))?)
    }
}

/// `get_collection(name="handlingsplaner")`: every published page of a collection, by path.
pub struct GetCollection(pub Arc<Library>);

impl Function for GetCollection {
    fn call(&self, args: &HashMap<String, Value>) -> Result<Value> {
        let name = string_arg(args, "name", "get_collection")?;
        super::deps::record(super::deps::Dep::Collection(name.to_string()));
        let pages: Vec<PageListItem> = self
            .0
            .pages
            .values()
            .filter(|p| p.fields.collection.as_deref() == Some(name))
            .map(PageListItem::new)
            .collect();
        Ok(to_value(pages)?)
    }
}

/// `get_recent_pages(limit=5)`: the most recently updated (or dated) pages of the site.
pub struct GetRecentPages(pub Arc<Library>);

impl Function for GetRecentPages {
    fn call(&self, args: &HashMap<String, Value>) -> Result<Value> {
        super::deps::record(super::deps::Dep::RecentPages);
        let limit = match args.get("limit") {
            Some(value) => value
                .as_u64()
                .ok_or("`get_recent_pages`: `limit` must be a whole number")?
                as usize,
            None => 5,
        };
        let mut pages: Vec<(chrono::NaiveDateTime, &Page)> = self
            .0
            .pages
            .values()
            .filter_map(|p| {
                p.meta
                    .updated
                    .as_ref()
                    .or(p.meta.date.as_ref())
                    .map(|d| (d.sort_key, p))
            })
            .collect();
        // The newest first, then by title, then by file: a total order, so picking the first
        // `limit` and sorting only them gives what sorting every page did, in linear time (the
        // start page of 100,000 pages took 1.3 s to sort them all).
        fn order(
            a: &(chrono::NaiveDateTime, &Page),
            b: &(chrono::NaiveDateTime, &Page),
        ) -> Ordering {
            b.0.cmp(&a.0)
                .then_with(|| a.1.meta.title.cmp(&b.1.meta.title))
                .then_with(|| a.1.doc.key.cmp(&b.1.doc.key))
        }
        if limit == 0 {
            pages.clear();
        } else if pages.len() > limit {
            pages.select_nth_unstable_by(limit - 1, order);
            pages.truncate(limit);
        }
        pages.sort_unstable_by(order);
        let items: Vec<PageListItem> = pages
            .into_iter()
            .map(|(_, p)| PageListItem::new(p))
            .collect();
        Ok(to_value(items)?)
    }
}

/// `get_review_list()`: every freshness finding of the build (`content::freshness`), the
/// most overdue first, each with its page's `permalink`: what the "Att se över" page lists.
/// `get_review_list(path=page.relative_path)`: only that page's, for a notice on the page.
#[derive(Clone)]
pub struct ReviewList {
    pub rules: crate::content::freshness::Rules,
    findings: Arc<Vec<crate::content::freshness::Finding>>,
    /// Positions in `findings` by page key: every page asks for its own.
    by_key: Arc<HashMap<String, Vec<usize>>>,
}

impl ReviewList {
    pub fn new(
        rules: crate::content::freshness::Rules,
        findings: Vec<crate::content::freshness::Finding>,
    ) -> ReviewList {
        let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
        for (at, finding) in findings.iter().enumerate() {
            by_key.entry(finding.key.clone()).or_default().push(at);
        }
        ReviewList {
            rules,
            findings: Arc::new(findings),
            by_key: Arc::new(by_key),
        }
    }

    fn item(&self, finding: &crate::content::freshness::Finding) -> Result<Value> {
        let mut item = to_value(finding)?;
        if let Value::Object(map) = &mut item {
            map.insert(
                "permalink".into(),
                Value::String(permalink(&finding.output_path)),
            );
        }
        Ok(item)
    }
}

impl Function for ReviewList {
    fn call(&self, args: &HashMap<String, Value>) -> Result<Value> {
        let items = match args.get("path") {
            Some(path) => {
                let key = path
                    .as_str()
                    .ok_or("`get_review_list`: `path` must be a page's relative_path")?;
                super::deps::record(super::deps::Dep::Page(key.to_string()));
                let found = self.by_key.get(key).map_or(&[][..], Vec::as_slice);
                found
                    .iter()
                    .map(|at| self.item(&self.findings[*at]))
                    .collect::<Result<Vec<Value>>>()?
            }
            None => {
                // Any page's dates or owner may change the whole list.
                super::deps::record(super::deps::Dep::RecentPages);
                self.findings
                    .iter()
                    .map(|finding| self.item(finding))
                    .collect::<Result<Vec<Value>>>()?
            }
        };
        Ok(Value::Array(items))
    }

    fn is_safe(&self) -> bool {
        false
    }
}
