//! What the index reads from each published page: its searchable fields as plain text, and
//! the little a result needs to be shown (title, URL, collection, a short text).

use std::borrow::Cow;

use serde_json::Value;

use crate::config::Config;
use crate::content::paths::ROOT_MARK;
use crate::content::{Document, Heading, Library, Page, Section, ROOT_SECTION};

/// The searchable fields, each weighed on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title = 0,
    /// Aliases, codes and keywords from front matter: as strong as the title.
    Keywords = 1,
    Tags = 2,
    /// The collection's other fields.
    Fields = 3,
    Description = 4,
    Headings = 5,
    Body = 6,
}

pub const FIELD_COUNT: usize = 7;
pub const FIELDS: [Field; FIELD_COUNT] = [
    Field::Title,
    Field::Keywords,
    Field::Tags,
    Field::Fields,
    Field::Description,
    Field::Headings,
    Field::Body,
];

/// Front-matter keys (under `extra:` or among a collection's fields) whose values are other
/// names for the page: `koder: ["88", "HH"]`, `alias: "vit makt"`, `nyckelord: [...]`.
pub const DEFAULT_KEYWORD_KEYS: [&str; 6] =
    ["koder", "kod", "alias", "nyckelord", "sokord", "keywords"];

/// Characters of page text kept for the result snippet.
const SNIPPET_CHARS: usize = 280;

/// One page as the index sees it.
pub struct SearchDoc<'a> {
    pub title: String,
    /// Output path relative to the site root (`vagledningar/atervandare/index.html`).
    pub url: String,
    /// Index into the collection list.
    pub collection: usize,
    pub snippet: String,
    /// Each field's texts. A keyword field holds one entry per alias, so a page whose alias
    /// is exactly the query can be told apart. Borrowed from the library where they are kept
    /// as they are (the body's text, the title): at 100,000 pages a copy of every body was a
    /// gigabyte held through the whole index build.
    pub fields: Vec<(Field, Cow<'a, str>)>,
}

impl SearchDoc<'_> {
    /// The document as kept after indexing: what the docs files show, without its fields.
    pub fn without_fields(self) -> SearchDoc<'static> {
        SearchDoc {
            title: self.title,
            url: self.url,
            collection: self.collection,
            snippet: self.snippet,
            fields: Vec::new(),
        }
    }
}

/// A top-level section: its title, used as the filter chip of its pages.
pub struct Collection {
    pub key: String,
    pub title: String,
}

/// The top-level section under which the section `key` lives (itself when it is one; the
/// start page for the start page).
fn top_of<'a>(library: &'a Library, mut key: &'a str) -> &'a str {
    while let Some(section) = library.sections.get(key) {
        match section.parent.as_deref() {
            Some(ROOT_SECTION) | None => break,
            Some(parent) => key = parent,
        }
    }
    key
}

/// Collections in key order, and the collection index of each page, then of each section
/// (the order of [`documents`](super::documents)).
pub fn collections(library: &Library) -> (Vec<Collection>, Vec<usize>) {
    let tops: Vec<&str> = library
        .pages
        .values()
        .map(|p| top_of(library, p.section.as_str()))
        .chain(library.sections.keys().map(|k| top_of(library, k)))
        .collect();
    let mut keys: Vec<&str> = tops.clone();
    keys.sort_unstable();
    keys.dedup();
    let list = keys
        .iter()
        .map(|k| Collection {
            key: k.to_string(),
            title: library
                .sections
                .get(*k)
                .map_or_else(|| k.to_string(), |s| s.title.clone()),
        })
        .collect();
    let index = tops
        .iter()
        .map(|t| keys.binary_search(t).expect("collected above"))
        .collect();
    (list, index)
}

pub fn document<'a>(page: &'a Page, collection: usize, keyword_keys: &[String]) -> SearchDoc<'a> {
    let mut fields = vec![(Field::Title, Cow::Borrowed(page.meta.title.as_str()))];
    let is_keyword = |name: &str| keyword_keys.iter().any(|k| k == name);
    for (name, value) in page.meta.extra.iter().chain(page.fields.values.iter()) {
        let field = if is_keyword(name) {
            Field::Keywords
        } else if page.fields.values.contains_key(name) {
            Field::Fields
        } else {
            // Other `extra:` data (an owner's name, a version) is not what people search for.
            continue;
        };
        let mut texts = Vec::new();
        flatten(value, &mut texts);
        fields.extend(texts.into_iter().map(|t| (field, t)));
    }
    for terms in page.meta.taxonomies.values() {
        fields.extend(
            terms
                .iter()
                .map(|t| (Field::Tags, Cow::Borrowed(t.as_str()))),
        );
    }
    let text = Text {
        title: &page.meta.title,
        description: page.meta.description.as_deref(),
        doc: &page.doc,
    };
    text.document(fields, collection)
}

/// A section's own page (its list of pages is not its text): title, description, headings
/// and body, so that "samordnare" also finds the page listing every coordinator.
pub fn section_document(section: &Section, collection: usize) -> SearchDoc<'_> {
    let text = Text {
        title: &section.title,
        description: section.meta.description.as_deref(),
        doc: &section.doc,
    };
    text.document(
        vec![(Field::Title, Cow::Borrowed(section.title.as_str()))],
        collection,
    )
}

/// What pages and sections share: a title, a description and a rendered body.
struct Text<'a> {
    title: &'a str,
    description: Option<&'a str>,
    doc: &'a Document,
}

impl<'a> Text<'a> {
    fn document(&self, mut fields: Vec<(Field, Cow<'a, str>)>, collection: usize) -> SearchDoc<'a> {
        let rendered = self.doc.rendered.as_ref();
        let body = rendered.map_or("", |r| r.text.as_str());
        if let Some(description) = self.description {
            fields.push((Field::Description, Cow::Borrowed(description)));
        }
        if let Some(rendered) = rendered {
            let mut headings = String::new();
            collect_headings(&rendered.toc, &mut headings);
            fields.push((Field::Headings, Cow::Owned(headings)));
        }
        // Only the start of the body can reach the snippet; copying all of it would be waste.
        let start = match body.char_indices().nth(SNIPPET_CHARS * 4) {
            Some((end, _)) => &body[..end],
            None => body,
        };
        let snippet_source = match self.description {
            Some(d) if !d.trim().is_empty() => format!("{} {start}", d.trim()),
            _ => start.to_string(),
        };
        fields.push((Field::Body, Cow::Borrowed(body)));
        SearchDoc {
            title: self.title.to_string(),
            url: self.doc.output_path.clone(),
            collection,
            snippet: shorten(&snippet_source, SNIPPET_CHARS),
            fields,
        }
    }
}

/// Strings, numbers and the texts inside lists and records. Addresses are no words to search
/// for: a file field's URL, and a link to another page (`plan: "@/handlingsplaner/x.md"`
/// would make a report outrank its plan for "handlingsplan x").
fn flatten<'a>(value: &'a Value, out: &mut Vec<Cow<'a, str>>) {
    match value {
        Value::String(s) if !s.contains(ROOT_MARK) && !s.starts_with("@/") => {
            out.push(Cow::Borrowed(s))
        }
        Value::Number(n) => out.push(Cow::Owned(n.to_string())),
        Value::Array(items) => items.iter().for_each(|v| flatten(v, out)),
        Value::Object(map) => map.values().for_each(|v| flatten(v, out)),
        _ => {}
    }
}

fn collect_headings(toc: &[Heading], out: &mut String) {
    for heading in toc {
        out.push_str(&heading.title);
        out.push('\n');
        collect_headings(&heading.children, out);
    }
}

/// The first `max` characters of `text`, whitespace collapsed, cut at a word with `…`.
pub fn shorten(text: &str, max: usize) -> String {
    let mut out = String::with_capacity(max + 4);
    let mut count = 0;
    for word in text.split_whitespace() {
        let len = word.chars().count();
        if count + len + 1 > max {
            if count == 0 {
                out.extend(word.chars().take(max));
            }
            out.push('…');
            return out;
        }
        if count > 0 {
            out.push(' ');
            count += 1;
        }
        out.push_str(word);
        count += len;
    }
    out
}

/// The configured keyword keys, or the defaults.
pub fn keyword_keys(config: &Config) -> Vec<String> {
    match &config.search.keywords {
        Some(keys) => keys.clone(),
        None => DEFAULT_KEYWORD_KEYS.iter().map(|k| k.to_string()).collect(),
    }
}

/// A document with only a title and a body, for the index's and tokenizer's tests.
#[cfg(test)]
pub(crate) fn test_doc(title: &str, body: &str) -> SearchDoc<'static> {
    SearchDoc {
        title: title.into(),
        url: String::new(),
        collection: 0,
        snippet: String::new(),
        fields: vec![
            (Field::Title, Cow::Owned(title.into())),
            (Field::Body, Cow::Owned(body.into())),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Text with multi-byte letters and emoji beside spaces and punctuation.
    fn mixed_text() -> impl Strategy<Value = String> {
        crate::test_text::made_of(
            &["&", "<", ">", ";", "#", "&amp;", "&#x", "</p>"],
            "[a-zA-Z0-9 ]{0,3}",
            40,
        )
    }

    proptest! {
        #[test]
        fn shorten_takes_any_text(text in mixed_text(), max in 0usize..50) {
            prop_assert!(shorten(&text, max).chars().count() <= max + 1);
        }
    }

    #[test]
    fn shortens_at_words() {
        assert_eq!(shorten("ett  två\ntre", 100), "ett två tre");
        assert_eq!(shorten("ett två tre", 8), "ett två…");
    }
}
