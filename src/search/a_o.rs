//! The A–Ö index: every page's title in Swedish alphabetical order (å, ä, ö after z), grouped
//! by initial letter. It is the way in for browsers without JavaScript: the search box submits
//! to `a-o/index.html`, rendered from `templates/pages/a-o/index.html`, which calls
//! `get_pages_by_letter()`.

use std::collections::HashMap;
use std::sync::Arc;

use serde::Serialize;
use tera::{to_value, Function, Result, Value};

use crate::content::Library;
use crate::templates::views::permalink;

/// A sort key that orders strings the Swedish way: case and accents (é, ü) ignored, å ä ö
/// as letters of their own after z, numbers before letters and by value (14 before 1488),
/// punctuation ignored.
pub fn sort_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len() + 4);
    let mut chars = text.chars().flat_map(char::to_lowercase).peekable();
    while let Some(c) = chars.next() {
        match c {
            '0'..='9' => {
                let mut digits = String::from(c);
                while let Some(d) = chars.next_if(char::is_ascii_digit) {
                    digits.push(d);
                }
                let digits = digits.trim_start_matches('0');
                // The length first, so that shorter numbers come first: 14 → "214".
                key.push(char::from(b'1' + digits.len().min(8) as u8));
                key.push_str(digits);
            }
            'å' => key.push('{'),
            'ä' | 'æ' => key.push('|'),
            'ö' | 'ø' => key.push('}'),
            'ü' => key.push('y'),
            c if c.is_ascii_alphanumeric() => key.push(c),
            c if c.is_alphanumeric() => {
                let plain = deunicode::deunicode_char(c).unwrap_or("");
                key.extend(plain.chars().filter(char::is_ascii_alphanumeric));
            }
            _ => {}
        }
    }
    key
}

/// The heading a sort key files under: `A`–`Z`, `Å`, `Ä`, `Ö`, or `0–9` and `#`.
fn letter(key: &str) -> (&'static str, &'static str) {
    const LETTERS: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    match key.chars().next() {
        Some(c @ 'a'..='z') => {
            let i = (c as u8 - b'a') as usize;
            let upper = &LETTERS[i..=i];
            (upper, upper)
        }
        Some('{') => ("Å", "AA"),
        Some('|') => ("Ä", "AE"),
        Some('}') => ("Ö", "OE"),
        Some(c) if c.is_ascii_digit() => ("0–9", "siffror"),
        _ => ("#", "ovrigt"),
    }
}

#[derive(Serialize)]
pub struct LetterGroup<'a> {
    pub letter: &'static str,
    /// For the letter's `id` and links to it: ASCII only.
    pub id: &'static str,
    pub pages: Vec<Entry<'a>>,
}

#[derive(Serialize)]
pub struct Entry<'a> {
    pub title: &'a str,
    pub permalink: String,
    /// Title of the page's top-level section.
    pub collection: &'a str,
}

/// Every page, grouped by letter in Swedish order.
pub fn pages_by_letter(library: &Library) -> Vec<LetterGroup<'_>> {
    let (collections, collection_of) = super::extract::collections(library);
    let mut entries: Vec<(String, Entry)> = library
        .pages
        .values()
        .zip(collection_of)
        .map(|(page, c)| {
            let entry = Entry {
                title: &page.meta.title,
                permalink: permalink(&page.doc.output_path),
                collection: library
                    .sections
                    .get(&collections[c].key)
                    .map_or("", |s| s.title.as_str()),
            };
            (sort_key(&page.meta.title), entry)
        })
        .collect();
    entries.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.title.cmp(b.1.title)));
    let mut groups: Vec<LetterGroup> = Vec::new();
    for (key, entry) in entries {
        let (letter, id) = letter(&key);
        match groups.last_mut() {
            Some(group) if group.letter == letter => group.pages.push(entry),
            _ => groups.push(LetterGroup {
                letter,
                id,
                pages: vec![entry],
            }),
        }
    }
    groups
}

/// `get_pages_by_letter()` for templates.
pub struct PagesByLetter(pub Arc<Library>);

impl Function for PagesByLetter {
    fn call(&self, _args: &HashMap<String, Value>) -> Result<Value> {
        crate::templates::deps::record(crate::templates::deps::Dep::PageTitles);
        Ok(to_value(pages_by_letter(&self.0))?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swedish_order() {
        let mut titles = [
            "Älvsjö",
            "Zebra",
            "Återvändare",
            "ökad",
            "88",
            "Avhopp",
            "”Vit makt”",
            "Ödla",
            "ärende",
            "Émile",
            "1488",
            "14",
        ];
        titles.sort_by_key(|t| sort_key(t));
        assert_eq!(
            titles,
            [
                "14",
                "88",
                "1488",
                "Avhopp",
                "Émile",
                "”Vit makt”",
                "Zebra",
                "Återvändare",
                "Älvsjö",
                "ärende",
                "Ödla",
                "ökad"
            ]
        );
        assert_eq!(letter(&sort_key("Älvsjö")), ("Ä", "AE"));
        assert_eq!(letter(&sort_key("”Vit makt”")), ("V", "V"));
    }
}
