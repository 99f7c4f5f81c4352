//! Splits a Markdown file into its front matter and body without losing line numbers, and
//! validates the front matter of pages and sections. Front matter is YAML between `---` lines,
//! or TOML between `+++` lines as Zola writes it; TOML is read as the same YAML
//! ([`crate::toml_yaml`]), so both meet the same checks and report the same positions.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::yaml::{self, Spanned};

use super::dates::DateValue;

/// The language a file's front matter is written in, told by its fence lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Between `---` lines.
    Yaml,
    /// Between `+++` lines.
    Toml,
}

impl Format {
    fn fence(self) -> &'static str {
        match self {
            Format::Yaml => "---",
            Format::Toml => "+++",
        }
    }
}

/// The front matter block and the body of one file.
pub struct Split<'a> {
    pub format: Format,
    /// The text between the fence lines.
    pub front: &'a str,
    /// Byte offset of `front` in the file.
    pub front_offset: usize,
    /// Byte offset of the body in the file.
    pub body_offset: usize,
}

/// Finds the front matter between a first line `---` (or `+++`) and the next such line.
/// Files without front matter are errors: every page needs at least a title.
pub fn split<'a>(path: &Path, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    let format = [Format::Yaml, Format::Toml].into_iter().find(|f| {
        let fence = f.fence();
        text == fence
            || text
                .strip_prefix(fence)
                .is_some_and(|r| r.starts_with('\n'))
    });
    let Some(format) = format else {
        return Err(
            Diagnostic::at(path, text, 1, 1, "").with_text("front_matter.missing", Vec::new())
        );
    };
    let front_offset = text.len().min(4);
    let rest = &text[front_offset..];
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == format.fence() {
            return Ok(Split {
                format,
                front: &rest[..offset],
                front_offset,
                body_offset: front_offset + offset + line.len(),
            });
        }
        offset += line.len();
    }
    let code = match format {
        Format::Yaml => "front_matter.unclosed",
        Format::Toml => "front_matter.unclosed_toml",
    };
    Err(Diagnostic::at(path, text, 1, 1, "").with_text(code, Vec::new()))
}

/// A file's front matter ready for the YAML reader: as written, or written from its TOML
/// with the origins of every line, so that problems point into the TOML.
pub struct Matter<'a> {
    path: &'a Path,
    file_text: &'a str,
    yaml: Cow<'a, str>,
    origins: Option<yaml::Origins>,
    pub format: Format,
    /// Byte offset of the body in the file.
    pub body_offset: usize,
}

impl<'a> Matter<'a> {
    /// Splits `text` and, for TOML, reads the TOML (its syntax errors are reported here).
    pub fn read(path: &'a Path, text: &'a str) -> Result<Matter<'a>, Diagnostic> {
        let split = split(path, text)?;
        let (yaml, origins) = match split.format {
            Format::Yaml => (Cow::Borrowed(split.front), None),
            Format::Toml => {
                let range = split.front_offset..split.front_offset + split.front.len();
                let written = crate::toml_yaml::to_yaml(path, text, range)?;
                (Cow::Owned(written.yaml), Some(written.origins))
            }
        };
        Ok(Matter {
            path,
            file_text: text,
            yaml,
            origins,
            format: split.format,
            body_offset: split.body_offset,
        })
    }

    /// The front matter as YAML.
    pub fn yaml(&self) -> &str {
        &self.yaml
    }

    /// Where [`Matter::yaml`] sits in the file, to place its problems.
    pub fn block(&self) -> yaml::Block<'_> {
        block(self.path, self.file_text, self.origins.as_ref())
    }

    /// What places the lines of TOML front matter, kept by readers that report problems after
    /// the file was loaded (see [`block`]); `None` for YAML.
    pub fn into_origins(self) -> Option<yaml::Origins> {
        self.origins
    }

    /// Parses the front matter into `T`.
    pub fn parse<T: serde::de::DeserializeOwned>(&self) -> Result<T, Diagnostic> {
        yaml::parse(self.block(), self.yaml())
    }
}

/// The block of a file's front matter: YAML from the file's second line, after `---`, or
/// written from TOML with the `origins` of its lines ([`Matter::into_origins`]).
pub fn block<'a>(
    path: &'a Path,
    file_text: &'a str,
    origins: Option<&'a yaml::Origins>,
) -> yaml::Block<'a> {
    match origins {
        Some(origins) => yaml::Block::written_from(path, file_text, origins),
        None => yaml::Block::new(path, file_text, 2),
    }
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
    /// Zola's: the page's address instead of its section's folder and slug.
    #[serde(default)]
    pub path: Option<Spanned<String>>,
    /// Zola's: who wrote the page, for templates.
    #[serde(default)]
    pub authors: Vec<String>,
    /// Zola's: `false` leaves the page out of the search index.
    #[serde(default)]
    pub in_search_index: Option<bool>,
    /// Zola's: `false` would not write the page; Lots writes it (a warning says so).
    #[serde(default)]
    pub render: Option<Spanned<bool>>,
}

/// Section front matter: Lots's keys and every key of Zola's sections, so that a Zola site's
/// `_index.md` is read as it is; unknown keys are errors.
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
    #[serde(default)]
    pub in_search_index: Option<bool>,
    #[serde(default)]
    pub paginate_reversed: bool,
    #[serde(default)]
    pub redirect_to: Option<Spanned<String>>,
    #[serde(default)]
    pub render: Option<Spanned<bool>>,
    #[serde(default)]
    pub paginate_path: Option<Spanned<String>>,
    #[serde(default)]
    pub insert_anchor_links: Option<Spanned<String>>,
    #[serde(default)]
    pub generate_feeds: Option<Spanned<bool>>,
}

/// How a section orders its pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortBy {
    /// Newest first.
    Date,
    /// Lightest first.
    Weight,
    /// By title, ignoring case.
    Title,
    /// By title, byte by byte (Zola's `title_bytes`: capitals before small letters).
    TitleBytes,
    /// Most recently updated first (`updated`, or `date` when not updated), as Zola's
    /// `update_date`.
    UpdateDate,
    /// By slug.
    Slug,
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
    /// The output path `path:` asks for (`a/b/index.html`).
    pub path: Option<String>,
    pub authors: Vec<String>,
    pub in_search_index: bool,
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
    /// `false` leaves the section's page and every page under it out of the search index.
    pub in_search_index: bool,
    /// The last pages first when paginated.
    pub paginate_reversed: bool,
    /// The output path the section's page sends the reader on to, instead of listing.
    pub redirect_to: Option<String>,
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
        self.not_rendered(raw.render.as_ref(), "front_matter.zola_field/render_page");
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
            path: raw.path.as_ref().and_then(|p| self.page_path(p)),
            authors: raw.authors,
            in_search_index: raw.in_search_index.unwrap_or(true),
        }
    }

    pub fn section(&mut self, raw: RawSection) -> SectionMeta {
        self.section_notes(&raw);
        let sort_by = raw
            .sort_by
            .as_ref()
            .map_or(SortBy::None, |s| self.sort_by(s));
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
            in_search_index: raw.in_search_index.unwrap_or(true),
            paginate_reversed: raw.paginate_reversed,
            redirect_to: raw.redirect_to.as_ref().and_then(|r| self.redirect(r)),
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
        let (line, column) = self.block.place(value);
        TemplateRef {
            name: value.value.clone(),
            line,
            column,
        }
    }

    pub(super) fn aliases(&mut self, aliases: &[Spanned<String>]) -> Vec<String> {
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
        assert_eq!(s.front, "title: x\n");
        assert_eq!(&text[s.body_offset..], "body");
    }

    fn raw_page(yaml: &str) -> RawPage {
        let block = yaml::Block::new(Path::new("a.md"), yaml, 1);
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
        let block = yaml::Block::new(Path::new("a.md"), yaml, 1);
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
