//! Splits a Markdown file into its YAML front matter and body without losing line numbers,
//! and validates the front matter of pages and sections.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::yaml::{self, Spanned};

use super::dates::DateValue;

/// The front matter block and the body of one file.
pub struct Split<'a> {
    pub yaml: &'a str,
    /// Byte offset of the body in the file.
    pub body_offset: usize,
}

/// Finds the front matter between a first line `---` and the next line `---`.
/// Files without front matter are errors: every page needs at least a title.
pub fn split<'a>(path: &Path, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| (text == "---").then_some(""))
    else {
        return Err(
            Diagnostic::at(path, text, 1, 1, "").with_text("front_matter.missing", Vec::new())
        );
    };
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            return Ok(Split {
                yaml: &rest[..offset],
                body_offset: 4 + offset + line.len(),
            });
        }
        offset += line.len();
    }
    Err(Diagnostic::at(path, text, 1, 1, "").with_text("front_matter.unclosed", Vec::new()))
}

/// Unknown keys are not refused here: collections add fields of their own, and
/// `schema::page_fields` reports the keys no one knows, with their positions.
#[derive(Deserialize)]
pub struct RawPage {
    #[serde(default)]
    pub title: yaml::Text,
    #[serde(default)]
    pub description: yaml::Text,
    #[serde(default)]
    pub date: Option<Spanned<String>>,
    #[serde(default)]
    pub updated: Option<Spanned<String>>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub weight: Option<i64>,
    #[serde(default)]
    pub slug: Option<Spanned<String>>,
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    #[serde(default)]
    pub taxonomies: BTreeMap<String, Spanned<Vec<String>>>,
    #[serde(default)]
    pub template: Option<Spanned<String>>,
    #[serde(default)]
    pub extra: yaml::Loose,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSection {
    #[serde(default)]
    pub title: yaml::Text,
    #[serde(default)]
    pub description: yaml::Text,
    #[serde(default)]
    pub sort_by: Option<Spanned<String>>,
    #[serde(default)]
    pub paginate_by: Option<Spanned<usize>>,
    #[serde(default)]
    pub transparent: bool,
    #[serde(default)]
    pub weight: Option<i64>,
    #[serde(default)]
    pub template: Option<Spanned<String>>,
    #[serde(default)]
    pub page_template: Option<Spanned<String>>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    #[serde(default)]
    pub extra: yaml::Loose,
}

/// How a section orders its pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortBy {
    /// Newest first.
    Date,
    /// Lightest first.
    Weight,
    Title,
    /// File order.
    None,
}

/// A template name written in front matter, with where it was written.
#[derive(Debug, Clone)]
pub struct TemplateRef {
    pub name: String,
    pub line: usize,
    pub column: usize,
}

/// Validated page front matter.
#[derive(Debug, Clone)]
pub struct PageMeta {
    pub title: String,
    pub description: Option<String>,
    pub date: Option<DateValue>,
    pub updated: Option<DateValue>,
    pub draft: bool,
    pub weight: Option<i64>,
    pub slug: Option<String>,
    pub aliases: Vec<String>,
    pub taxonomies: BTreeMap<String, Vec<String>>,
    pub template: Option<TemplateRef>,
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// Validated section front matter.
#[derive(Debug, Clone)]
pub struct SectionMeta {
    pub title: Option<String>,
    pub description: Option<String>,
    pub sort_by: SortBy,
    pub paginate_by: Option<usize>,
    pub transparent: bool,
    pub weight: Option<i64>,
    pub template: Option<TemplateRef>,
    pub page_template: Option<TemplateRef>,
    pub draft: bool,
    pub aliases: Vec<String>,
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// Checks what serde cannot: dates, slugs, alias paths, taxonomy names.
pub struct Validator<'a> {
    pub block: yaml::Block<'a>,
    pub config: &'a Config,
    pub problems: Vec<Diagnostic>,
}

impl<'a> Validator<'a> {
    pub fn new(block: yaml::Block<'a>, config: &'a Config) -> Self {
        Validator {
            block,
            config,
            problems: Vec::new(),
        }
    }

    pub fn page(&mut self, raw: RawPage) -> PageMeta {
        let title = match raw.title.0 {
            Some(title) if !title.trim().is_empty() => title,
            _ => {
                let problem = self.block.diagnostic(1, 1, "");
                self.problems
                    .push(problem.with_text("front_matter.no_title", Vec::new()));
                String::new()
            }
        };
        let slug = raw.slug.and_then(|slug| {
            let folded = super::slugs::slugify(&slug.value);
            if folded.is_empty() {
                self.problems.push(
                    self.block
                        .at(&slug, "`slug` must contain letters or digits"),
                );
                None
            } else {
                Some(folded)
            }
        });
        let mut taxonomies = BTreeMap::new();
        for (name, terms) in raw.taxonomies {
            if self.config.taxonomy(&name).is_none() {
                let known: Vec<&str> = self
                    .config
                    .taxonomies
                    .iter()
                    .map(|t| t.name.as_str())
                    .collect();
                self.problems.push(self.block.at(
                    &terms,
                    format!("unknown taxonomy `{name}`; declare it under `taxonomies:` in config.yaml (known: {})", known.join(", ")),
                ));
                continue;
            }
            let clean: Vec<String> = terms.value.iter().map(|t| t.trim().to_string()).collect();
            if clean.iter().any(|t| super::slugs::slugify(t).is_empty()) {
                self.problems.push(self.block.at(
                    &terms,
                    format!("every `{name}` term must contain letters or digits"),
                ));
                continue;
            }
            taxonomies.insert(name, clean);
        }
        PageMeta {
            title,
            description: raw.description.0,
            date: raw.date.and_then(|d| self.date("date", &d)),
            updated: raw.updated.and_then(|d| self.date("updated", &d)),
            draft: raw.draft,
            weight: raw.weight,
            slug,
            aliases: self.aliases(&raw.aliases),
            taxonomies,
            template: raw.template.as_ref().map(|t| self.template(t)),
            extra: raw.extra.0,
        }
    }

    pub fn section(&mut self, raw: RawSection) -> SectionMeta {
        let sort_by = match raw.sort_by.as_ref().map(|s| s.value.as_str()) {
            None | Some("none") => SortBy::None,
            Some("date") => SortBy::Date,
            Some("weight") => SortBy::Weight,
            Some("title") => SortBy::Title,
            Some(other) => {
                let spanned = raw.sort_by.as_ref().expect("matched Some");
                self.problems.push(self.block.at(
                    spanned,
                    format!("`sort_by: {other}` is not one of date, weight, title, none"),
                ));
                SortBy::None
            }
        };
        let paginate_by = raw.paginate_by.and_then(|p| {
            if p.value == 0 {
                self.problems
                    .push(self.block.at(&p, "`paginate_by` must be at least 1"));
                None
            } else {
                Some(p.value)
            }
        });
        SectionMeta {
            title: raw.title.0,
            description: raw.description.0,
            sort_by,
            paginate_by,
            transparent: raw.transparent,
            weight: raw.weight,
            template: raw.template.as_ref().map(|t| self.template(t)),
            page_template: raw.page_template.as_ref().map(|t| self.template(t)),
            draft: raw.draft,
            aliases: self.aliases(&raw.aliases),
            extra: raw.extra.0,
        }
    }

    fn date(&mut self, field: &str, value: &Spanned<String>) -> Option<DateValue> {
        match DateValue::parse(&value.value) {
            Some(date) => Some(date),
            None => {
                let (code, args, index) = super::dates::refusal(field, &value.value);
                let problem = self.block.at(value, "");
                let problem = match index {
                    Some(index) => problem.pointing_into(index),
                    None => problem,
                };
                self.problems.push(problem.with_text(code, args));
                None
            }
        }
    }

    fn template(&self, value: &Spanned<String>) -> TemplateRef {
        let location = value.referenced;
        let line = location.line() as usize + self.block.first_line - 1;
        TemplateRef {
            name: value.value.clone(),
            line,
            column: location.column() as usize,
        }
    }

    fn aliases(&mut self, aliases: &[Spanned<String>]) -> Vec<String> {
        let mut out = Vec::new();
        for alias in aliases {
            match super::paths::alias_output_path(&alias.value) {
                Some(path) => out.push(path),
                None => self.problems.push(self.block.at(
                    alias,
                    format!("alias `{}` must be a path inside the site such as /gamla/sidan/, without `..`", alias.value),
                )),
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_keeps_body_offset() {
        let text = "---\ntitle: x\n---\nbody";
        let s = split(Path::new("a.md"), text).unwrap();
        assert_eq!(s.yaml, "title: x\n");
        assert_eq!(&text[s.body_offset..], "body");
    }

    fn raw_page(yaml: &str) -> RawPage {
        let block = yaml::Block {
            path: Path::new("a.md"),
            file_text: yaml,
            first_line: 1,
        };
        yaml::parse(block, yaml).unwrap_or_else(|d| panic!("{yaml}: {d}"))
    }

    #[test]
    fn standard_keys_keep_what_was_written() {
        for written in [
            "no",
            "yes",
            "on",
            "off",
            "true",
            "null",
            "~",
            "0123",
            "0x1F",
            "1e3",
            ".5",
            "1_000",
            "2020-01-01",
            "12:30",
            "88",
            ".NaN",
        ] {
            let raw = raw_page(&format!("title: {written}\ndescription: {written}\n"));
            assert_eq!(raw.title.0.as_deref(), Some(written));
            assert_eq!(raw.description.0.as_deref(), Some(written));
            if matches!(written, "null" | "~") {
                continue; // a slug or a term that is nothing: see below
            }
            let raw = raw_page(&format!(
                "slug: {written}\ntaxonomies:\n  tags: [{written}, a]\n"
            ));
            assert_eq!(raw.slug.map(|s| s.value).as_deref(), Some(written));
            assert_eq!(raw.taxonomies["tags"].value, [written, "a"]);
        }
        let raw = raw_page("title:\ndescription: \"\"\n");
        assert_eq!(
            (raw.title.0, raw.description.0),
            (None, Some(String::new()))
        );
        // A term that is nothing is refused where it is written.
        let yaml = "title: x\ntaxonomies:\n  tags: [a, ~]\n";
        let block = yaml::Block {
            path: Path::new("a.md"),
            file_text: yaml,
            first_line: 1,
        };
        let err = yaml::parse::<RawPage>(block, yaml).err().expect("refused");
        assert_eq!((err.line, err.column), (3, 13), "{err}");
    }

    #[test]
    fn extra_numbers_stay_numbers_only_when_they_read_back_as_written() {
        let raw = raw_page(
            "title: x\nextra:\n  koder: [88, 1488, 0088, 1e3, 1_000, 0x1F, 2.5, 2.50, -3, true, no, null, ~, \"x\"]\n  telefon: 0812345630\n  mobil: +46812345630\n  ar: 2021\n",
        );
        let extra = serde_json::Value::Object(raw.extra.0);
        assert_eq!(
            extra,
            serde_json::json!({
                "koder": [88, 1488, "0088", "1e3", "1_000", "0x1F", 2.5, "2.50", -3, true, "no", null, null, "x"],
                "telefon": "0812345630",
                "mobil": "+46812345630",
                "ar": 2021,
            })
        );
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        assert!(split(Path::new("a.md"), "---\ntitle: x\n").is_err());
        assert!(split(Path::new("a.md"), "title: x\n").is_err());
    }
}
