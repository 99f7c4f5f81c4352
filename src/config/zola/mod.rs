//! Zola's `config.toml` read as a site's configuration, for a site that moves from Zola and
//! has no `config.yaml` yet. The settings Lots has (title, description, base URL, language,
//! taxonomies, `extra`, the link checker's skipped prefixes) are written as the `config.yaml`
//! they mean and read through the one path every config takes; every other Zola setting is
//! reported as a warning at its `config.toml:line:col`, saying what Lots does instead.

mod emit;
mod settings;

use std::path::{Path, PathBuf};

use serde_json::Value;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

use crate::args;
use crate::diagnostics::{line_col, Diagnostic};
use crate::messages::word;

use emit::{Entry, Out, Pos};

/// Zola's configuration files, in the order Zola reads them: `zola.toml` since Zola 0.22,
/// `config.toml` before it and when there is no `zola.toml`.
pub const ZOLA_CONFIG_FILES: [&str; 2] = ["zola.toml", "config.toml"];

/// The Zola configuration file in `root` that Zola would read, if there is one.
pub fn config_file(root: &Path) -> Option<PathBuf> {
    ZOLA_CONFIG_FILES
        .iter()
        .map(|name| root.join(name))
        .find(|path| path.is_file())
}

/// The name of the file at `path`, as messages name it.
pub fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Deeper than this, a value in `config.toml` is refused rather than followed (no site needs
/// it, and following it could exhaust the stack).
const MAX_DEPTH: usize = 32;

/// A `config.toml` taken as Lots settings.
#[derive(Debug)]
pub struct Converted {
    /// The settings as `config.yaml` text.
    pub yaml: String,
    /// For each line of `yaml`, its line and column in `config.toml`.
    origins: Vec<Pos>,
    /// One warning for each setting Lots does not read.
    pub warnings: Vec<Diagnostic>,
}

impl Converted {
    /// A problem found in [`Converted::yaml`], moved to where its setting is in `config.toml`
    /// (`toml` is that file's text).
    pub fn remap(&self, mut problem: Diagnostic, toml: &str) -> Diagnostic {
        if let Some(&(line, column)) = problem
            .line
            .checked_sub(1)
            .and_then(|i| self.origins.get(i))
        {
            problem.line = line;
            problem.column = column;
            // Line 0: a value Lots wrote itself (a missing title), about the file as a whole.
            problem.source_line = line
                .checked_sub(1)
                .and_then(|i| toml.lines().nth(i))
                .map(Box::from);
        }
        problem
    }
}

/// Reads `text`, the `config.toml` at `path`. `folder_name` is the title used when Zola's
/// (optional) `title` is missing. `Err` holds every error in the file.
pub fn convert(path: &Path, text: &str, folder_name: &str) -> Result<Converted, Vec<Diagnostic>> {
    let table = DeTable::parse(text).map_err(|err| {
        let offset = err.span().map_or(0, |span| span.start);
        let detail = err.message().trim().replace('\n', "; ");
        vec![Diagnostic::at_offset(path, text, offset, "")
            .with_text("zola.syntax", args!("detail" => detail))]
    })?;
    let mut reader = Reader {
        path,
        text,
        errors: Vec::new(),
        warnings: Vec::new(),
    };
    let entries = reader.top(table.get_ref(), folder_name);
    if !reader.errors.is_empty() {
        return Err(reader.errors);
    }
    let written = emit::yaml(&entries);
    let mut warnings = reader.warnings;
    warnings.sort_by_key(|w| (w.line, w.column));
    Ok(Converted {
        yaml: written.text,
        origins: written.origins,
        warnings,
    })
}

/// The file being read and what was found in it.
struct Reader<'a> {
    path: &'a Path,
    text: &'a str,
    errors: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
}

type Key<'i> = Spanned<toml::de::DeString<'i>>;
type Val<'i> = Spanned<DeValue<'i>>;

impl Reader<'_> {
    fn pos<T>(&self, spanned: &Spanned<T>) -> Pos {
        line_col(self.text, spanned.span().start)
    }

    fn at<T>(&self, spanned: &Spanned<T>) -> Diagnostic {
        let (line, column) = self.pos(spanned);
        Diagnostic::at(self.path, self.text, line, column, "")
    }

    /// The settings of the whole file, in the order `config.yaml` lists them.
    fn top(&mut self, table: &DeTable<'_>, folder_name: &str) -> Vec<Entry> {
        let mut title = None;
        let mut entries = Vec::new();
        let mut language = None;
        let mut later = Vec::new();
        for (key, value) in table {
            let name = key.get_ref().as_ref();
            let at = self.pos(key);
            let mapped = |value| Entry {
                key: name.to_string(),
                at,
                value,
            };
            match name {
                "title" | "description" | "base_url" => {
                    if let Some(text) = self.text_of(name, value) {
                        let entry = mapped(Out::Scalar(Value::String(text)));
                        if name == "title" {
                            title = Some(entry);
                        } else {
                            entries.push(entry);
                        }
                    }
                }
                "default_language" => {
                    language = self.text_of(name, value).map(|text| Entry {
                        key: "language".to_string(),
                        at,
                        value: Out::Scalar(Value::String(text)),
                    });
                }
                "taxonomies" => {
                    let list = self.taxonomies(value);
                    later.push(mapped(Out::List(list)));
                }
                "extra" => match value.get_ref() {
                    DeValue::Table(_) => {
                        if let Some(out) = self.value(value, 0) {
                            later.push(mapped(out));
                        }
                    }
                    _ => self.wrong_type(name, value, "zola.kind.table"),
                },
                "markdown" | "search" | "slugify" | "link_checker" => {
                    if let Some(skip) = self.section(name, value) {
                        later.push(skip);
                    }
                }
                _ => self.not_read(name, key, value),
            }
        }
        let title = title.unwrap_or_else(|| self.no_title(folder_name));
        // Zola's language when none is given is English.
        let language = language.unwrap_or_else(|| text_entry("language", "en"));
        let mut all = vec![title];
        all.extend(entries);
        all.push(language);
        // `check` before `extra`, `taxonomies` first: the order a person writes config.yaml in.
        later.sort_by_key(|e| match e.key.as_str() {
            "taxonomies" => 0,
            "check" => 1,
            _ => 2,
        });
        all.extend(later);
        all
    }

    /// Zola's title is optional, Lots' is not: the folder's name, with a warning.
    fn no_title(&mut self, folder_name: &str) -> Entry {
        self.warnings.push(
            Diagnostic::file(self.path, "")
                .with_text(
                    "zola.no_title",
                    args!("title" => folder_name, "file" => file_name(self.path)),
                )
                .warning(),
        );
        text_entry("title", folder_name)
    }

    /// `[markdown]`, `[search]`, `[slugify]` or `[link_checker]`: the link checker's
    /// `skip_prefixes` become `check.skip_external`; every other setting is not read.
    fn section(&mut self, name: &str, value: &Val<'_>) -> Option<Entry> {
        let DeValue::Table(table) = value.get_ref() else {
            self.wrong_type(name, value, "zola.kind.table");
            return None;
        };
        let mut skip = None;
        for (key, inner) in table {
            let path = format!("{name}.{}", key.get_ref());
            if path == "link_checker.skip_prefixes" {
                skip = self.skip_prefixes(&path, key, inner);
            } else {
                self.not_read(&path, key, inner);
            }
        }
        skip
    }

    fn skip_prefixes(&mut self, path: &str, key: &Key<'_>, value: &Val<'_>) -> Option<Entry> {
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_type(path, value, "zola.kind.list");
            return None;
        };
        let mut prefixes = Vec::new();
        for item in items {
            if let Some(text) = self.text_of(path, item) {
                prefixes.push((self.pos(item), Out::Scalar(Value::String(text))));
            }
        }
        let at = self.pos(key);
        Some(Entry {
            key: "check".to_string(),
            at,
            value: Out::Map(vec![Entry {
                key: "skip_external".to_string(),
                at,
                value: Out::List(prefixes),
            }]),
        })
    }

    /// Zola's `taxonomies = [{name = "tags", ...}]` (or `[[taxonomies]]`): `name` and
    /// `paginate_by` are Lots' own; the rest is not read.
    fn taxonomies(&mut self, value: &Val<'_>) -> Vec<(Pos, Out)> {
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_type("taxonomies", value, "zola.kind.tables");
            return Vec::new();
        };
        let mut list = Vec::new();
        for item in items {
            let DeValue::Table(table) = item.get_ref() else {
                self.wrong_type("taxonomies", item, "zola.kind.tables");
                continue;
            };
            let mut fields = Vec::new();
            for (key, field) in table {
                let name = key.get_ref().as_ref();
                let path = format!("taxonomies.{name}");
                let at = self.pos(key);
                let entry = |value| Entry {
                    key: name.to_string(),
                    at,
                    value,
                };
                match name {
                    "name" => {
                        if let Some(text) = self.text_of(&path, field) {
                            fields.insert(0, entry(Out::Scalar(Value::String(text))));
                        }
                    }
                    "paginate_by" => match count(field.get_ref()) {
                        Some(n) => fields.push(entry(Out::Scalar(Value::from(n)))),
                        None => self.wrong_type(&path, field, "zola.kind.count"),
                    },
                    _ => self.not_read(&path, key, field),
                }
            }
            if fields.first().is_none_or(|f| f.key != "name") {
                self.errors
                    .push(self.at(item).with_text("zola.taxonomy_name", Vec::new()));
                continue;
            }
            list.push((self.pos(item), Out::Map(fields)));
        }
        list
    }

    /// A setting Lots does not read: a warning unless its value is what Lots does anyway.
    fn not_read(&mut self, path: &str, key: &Key<'_>, value: &Val<'_>) {
        let warning = match settings::lookup(path) {
            Some(setting) => {
                if setting
                    .same
                    .is_some_and(|same| same == shown(value.get_ref()))
                    || is_empty(value.get_ref())
                {
                    return;
                }
                self.at(key).with_text(
                    "zola.ignored",
                    args!("key" => path, "instead" => word(setting.instead)),
                )
            }
            None => self.at(key).with_text("zola.unknown", args!("key" => path)),
        };
        self.warnings.push(warning.warning());
    }

    /// The text of a setting that must be text, or an error.
    fn text_of(&mut self, path: &str, value: &Val<'_>) -> Option<String> {
        match value.get_ref() {
            DeValue::String(text) => Some(text.to_string()),
            _ => {
                self.wrong_type(path, value, "zola.kind.text");
                None
            }
        }
    }

    fn wrong_type(&mut self, path: &str, value: &Val<'_>, expected: &str) {
        let problem = self.at(value).with_text(
            "zola.type",
            args!("key" => path, "expected" => word(expected), "kind" => word(kind(value.get_ref()))),
        );
        self.errors.push(problem);
    }

    /// Any value (under `extra`) with the positions of its parts.
    fn value(&mut self, value: &Val<'_>, depth: usize) -> Option<Out> {
        if depth > MAX_DEPTH {
            self.errors
                .push(self.at(value).with_text("zola.too_deep", Vec::new()));
            return None;
        }
        Some(match value.get_ref() {
            DeValue::Table(table) => {
                let mut entries = Vec::new();
                for (key, inner) in table {
                    let inner = self.value(inner, depth + 1)?;
                    entries.push(Entry {
                        key: key.get_ref().to_string(),
                        at: self.pos(key),
                        value: inner,
                    });
                }
                Out::Map(entries)
            }
            DeValue::Array(items) => {
                let mut list = Vec::new();
                for item in items {
                    list.push((self.pos(item), self.value(item, depth + 1)?));
                }
                Out::List(list)
            }
            scalar => Out::Scalar(scalar_json(scalar)),
        })
    }
}

/// `key: "text"`, written by Lots rather than taken from a place in `config.toml`.
fn text_entry(key: &str, text: &str) -> Entry {
    Entry {
        key: key.to_string(),
        at: (0, 0),
        value: Out::Scalar(Value::String(text.to_string())),
    }
}

/// A whole number above 0.
fn count(value: &DeValue<'_>) -> Option<u32> {
    let DeValue::Integer(n) = value else {
        return None;
    };
    u32::from_str_radix(n.as_str(), n.radix())
        .ok()
        .filter(|&n| n > 0)
}

/// A scalar as JSON: integers too large for JSON and odd floats (`inf`, `nan`) become the
/// text written, and a date or time its TOML text (`2024-01-31`).
fn scalar_json(value: &DeValue<'_>) -> Value {
    match value {
        DeValue::String(text) => Value::String(text.to_string()),
        DeValue::Boolean(b) => Value::Bool(*b),
        DeValue::Integer(n) => i64::from_str_radix(n.as_str(), n.radix())
            .map_or_else(|_| Value::String(n.as_str().to_string()), Value::from),
        DeValue::Float(f) => f
            .as_str()
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map_or_else(|| Value::String(f.as_str().to_string()), Value::Number),
        DeValue::Datetime(moment) => Value::String(moment.to_string()),
        DeValue::Array(_) | DeValue::Table(_) => Value::Null,
    }
}

/// A scalar as TOML writes it (`false`, `none`), to compare with what Lots does anyway.
fn shown(value: &DeValue<'_>) -> String {
    match value {
        DeValue::String(text) => text.to_string(),
        DeValue::Boolean(b) => b.to_string(),
        DeValue::Integer(n) => n.as_str().to_string(),
        DeValue::Float(f) => f.as_str().to_string(),
        DeValue::Datetime(moment) => moment.to_string(),
        DeValue::Array(_) | DeValue::Table(_) => String::new(),
    }
}

/// `[]` or `{}`: a setting left empty, which changes nothing.
fn is_empty(value: &DeValue<'_>) -> bool {
    match value {
        DeValue::Array(items) => items.is_empty(),
        DeValue::Table(table) => table.is_empty(),
        _ => false,
    }
}

/// The catalogue word for the kind of a value (`zola.kind.bool`: "true or false").
fn kind(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "zola.kind.text",
        DeValue::Integer(_) => "zola.kind.integer",
        DeValue::Float(_) => "zola.kind.float",
        DeValue::Boolean(_) => "zola.kind.bool",
        DeValue::Datetime(_) => "zola.kind.datetime",
        DeValue::Array(_) => "zola.kind.list",
        DeValue::Table(_) => "zola.kind.table",
    }
}

#[cfg(test)]
mod tests;
