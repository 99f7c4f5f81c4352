//! A page's collection fields: which collection it belongs to, the keys of its front matter
//! no one knows, its fields checked against the schema ([`super::schema`]), and the files
//! those fields name, resolved once every file of the site is known.

use serde_json::{Map, Value};

use crate::args;
use crate::config::Collection;
use crate::diagnostics::Diagnostic;
use crate::messages::{suggest, Args};
use crate::yaml::{Block, Node, Spanned};

use super::schema::{Checker, FileRef, UrlRef};

/// Front-matter keys every page may have (Zola's page keys among them); collections add
/// their own fields.
pub const PAGE_KEYS: [&str; 15] = [
    "title",
    "description",
    "date",
    "updated",
    "draft",
    "weight",
    "slug",
    "aliases",
    "taxonomies",
    "template",
    "extra",
    "path",
    "authors",
    "in_search_index",
    "render",
];

/// A page's collection data: its name, its checked fields, and the files they name.
#[derive(Debug, Clone, Default)]
pub struct PageFields {
    pub collection: Option<String>,
    pub values: Map<String, Value>,
    pub files: Vec<FileRef>,
    /// The web addresses of its `url` fields.
    pub urls: Vec<UrlRef>,
}

/// Reads the front matter again with positions, reports keys that are neither standard nor
/// fields of the page's collection, and checks the collection's schema.
pub fn page_fields(
    config: &crate::config::Config,
    key: &str,
    block: Block<'_>,
    yaml: &str,
    problems: &mut Vec<Diagnostic>,
) -> PageFields {
    if config.collection_for(key).is_none() && only_page_keys(yaml) {
        return PageFields::default(); // nothing to check: skip the second parse
    }
    let node: Spanned<Node> = match crate::yaml::parse(block, yaml) {
        Ok(node) => node,
        Err(d) => {
            problems.push(d);
            return PageFields::default();
        }
    };
    let entries = match node.value {
        Node::Map(entries) => entries,
        ref nothing if nothing.is_null() => Vec::new(),
        other => {
            let args = args!("kind" => other.kind_word());
            problems.push(
                block
                    .diagnostic(1, 1, "")
                    .with_text("front_matter.not_fields", args),
            );
            return PageFields::default();
        }
    };
    let collection = config.collection_for(key);
    for (name, _) in &entries {
        let known = PAGE_KEYS.contains(&name.value.as_str())
            || collection.is_some_and(|c| c.fields.contains_key(&name.value));
        if !known {
            let (code, args) = unknown_key_message(&name.value, collection);
            problems.push(block.at(name, "").with_text(code, args));
        }
    }
    let Some(collection) = collection else {
        return PageFields::default();
    };
    let page_dir = super::discover::parent_dir(key);
    let mut checker = Checker {
        block,
        page_dir,
        problems: Vec::new(),
        files: Vec::new(),
        urls: Vec::new(),
    };
    let values = checker.check(collection, &entries);
    problems.append(&mut checker.problems);
    PageFields {
        collection: Some(collection.name.clone()),
        values,
        files: checker.files,
        urls: checker.urls,
    }
}

/// Whether every top-level key of a block-style YAML mapping is a standard page key. A quick
/// look at the text, so most pages are parsed once; anything unusual (flow style, an unknown
/// key) answers `false` and gets the full check with positions.
fn only_page_keys(yaml: &str) -> bool {
    yaml.lines().all(|line| {
        let first = line.chars().next();
        match first {
            None | Some(' ' | '\t' | '#' | '-') => {
                !line.trim_start().starts_with('{') || first == Some('#')
            }
            Some(_) => line
                .split_once(':')
                .is_some_and(|(key, _)| PAGE_KEYS.contains(&key.trim_end())),
        }
    })
}

fn unknown_key_message(name: &str, collection: Option<&Collection>) -> (&'static str, Args) {
    let allowed = PAGE_KEYS.join(", ");
    let Some(c) = collection else {
        return (
            "schema.unknown_key",
            args!("field" => name, "allowed" => allowed),
        );
    };
    let fields: Vec<String> = c.fields.keys().cloned().collect();
    let mut args = args!("field" => name, "allowed" => allowed, "collection" => c.name, "fields" => fields.join(", "));
    match suggest::closest(name, &fields) {
        Some(meant) => {
            args.push(("suggestion", meant.to_string()));
            ("schema.unknown_key_suggest", args)
        }
        None => ("schema.unknown_key_collection", args),
    }
}

/// Whether a page passes its collection's `publish_if` rule (pages outside collections and
/// collections without a rule always do).
pub fn passes_publish_rule(config: &crate::config::Config, fields: &PageFields) -> bool {
    let Some(collection) = fields
        .collection
        .as_deref()
        .and_then(|name| config.collection(name))
    else {
        return true;
    };
    match &collection.publish_if {
        Some(rule) => {
            fields.values.get(&rule.field).and_then(Value::as_str) == Some(rule.equals.as_str())
        }
        None => true,
    }
}

/// Checks that every `file` field names a published file of the page, and replaces the
/// field's value with the file's root-marked URL.
pub fn resolve_files(library: &mut super::Library) -> Vec<Diagnostic> {
    let assets = &library.linkable;
    library
        .pages
        .values_mut()
        .flat_map(|page| resolve_page_files(page, assets))
        .collect()
}

/// [`resolve_files`] for one page (after `serve` re-read it).
pub fn resolve_page_files(
    page: &mut super::Page,
    assets: &std::collections::BTreeMap<String, super::Asset>,
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let mut values = Value::Object(std::mem::take(&mut page.fields.values));
    for file in &page.fields.files {
        match assets.get(&file.key) {
            Some(asset) => {
                if let Some(slot) = values.pointer_mut(&file.pointer) {
                    *slot = Value::String(format!("{}{}", super::paths::ROOT_MARK, asset.output));
                }
            }
            None => problems.push(
                Diagnostic::at(
                    &page.doc.file_path(),
                    &page.doc.source,
                    file.line,
                    file.column,
                    "",
                )
                .with_text(
                    "schema.file_missing",
                    args!("value" => file.written, "path" => file.key),
                ),
            ),
        }
    }
    if let Value::Object(map) = values {
        page.fields.values = map;
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quick_key_check() {
        assert!(only_page_keys(
            "title: a\ntaxonomies:\n  tags: [x]\n# note\nextra:\n  x: 1\n"
        ));
        assert!(!only_page_keys("title: a\ntitel: b\n"));
        assert!(!only_page_keys("{title: a}\n"));
        assert!(!only_page_keys("title: a\n\"titel\": b\n"));
    }
}
