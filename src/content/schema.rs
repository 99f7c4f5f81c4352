//! Checks a collection page's front matter against the collection's schema, with the
//! position of every offending value, and turns the fields into template data.

use serde_json::{Map, Value};

use crate::args;
use crate::config::{Collection, FieldKind, FieldSpec};
use crate::diagnostics::Diagnostic;
use crate::messages::{suggest, Args};
use crate::yaml::{Block, Guess, Node, Plain, Spanned};

use super::dates::DateValue;
use super::paths::join_relative;
use super::placeholder;

pub use super::page_fields::{
    page_fields, passes_publish_rule, resolve_files, resolve_page_files, PageFields, PAGE_KEYS,
};

/// A `file` field: checked against the page's files once every asset is known.
#[derive(Debug, Clone)]
pub struct FileRef {
    /// JSON pointer into the page's fields (`/bild`, `/bilagor/0/fil`).
    pub pointer: String,
    /// Content key of the file the field names.
    pub key: String,
    pub written: String,
    pub line: usize,
    pub column: usize,
}

/// A web address in a `url` field, where it is written: `check --external` checks it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlRef {
    pub url: String,
    pub line: usize,
    pub column: usize,
}

pub struct Checker<'a> {
    pub block: Block<'a>,
    /// Content folder of the page (`symboler/kod-88/`), which `file` fields are relative to.
    pub page_dir: &'a str,
    pub problems: Vec<Diagnostic>,
    pub files: Vec<FileRef>,
    pub urls: Vec<UrlRef>,
}

type Entries = [(Spanned<String>, Spanned<Node>)];

impl Checker<'_> {
    /// Checks the collection's fields among `entries`; returns them as template data.
    pub fn check(&mut self, collection: &Collection, entries: &Entries) -> Map<String, Value> {
        self.record(&collection.fields, entries, "", &collection.name, None)
    }

    fn record(
        &mut self,
        specs: &crate::config::FieldSpecs,
        entries: &Entries,
        pointer: &str,
        label: &str,
        at: Option<&Spanned<Node>>,
    ) -> Map<String, Value> {
        let mut out = Map::new();
        for (name, spec) in specs {
            let present = entries.iter().find(|(k, _)| k.value == *name);
            match present {
                Some((_, value)) if is_set(spec, &value.value) => {
                    let checked = self.value(spec, value, name, &format!("{pointer}/{name}"));
                    out.insert(name.clone(), checked);
                }
                _ if spec.required => {
                    let why = why(spec);
                    let (code, args) = match at {
                        Some(_) => (
                            "schema.required_record",
                            args!("field" => name, "list" => label, "why" => why),
                        ),
                        None => (
                            "schema.required",
                            args!("field" => name, "collection" => label, "why" => why),
                        ),
                    };
                    let problem = match (present, at) {
                        (Some((key, _)), _) => self.block.at(key, ""),
                        (None, Some(record)) => self.block.at(record, ""),
                        (None, None) => self.block.diagnostic(1, 1, ""),
                    };
                    self.problems.push(
                        problem
                            .with_text(code, args)
                            .with_field(&format!("{pointer}/{name}")),
                    );
                }
                _ => {
                    out.insert(name.clone(), Value::Null);
                }
            }
        }
        self.check_requires(specs, entries);
        if !pointer.is_empty() {
            for (key, _) in entries
                .iter()
                .filter(|(k, _)| !specs.contains_key(&k.value))
            {
                let known: Vec<&str> = specs.keys().map(String::as_str).collect();
                let args =
                    args!("field" => key.value, "list" => label, "allowed" => known.join(", "));
                let problem = self.block.at(key, "");
                self.problems
                    .push(problem.with_text("schema.unknown_field", args));
            }
        }
        out
    }

    /// A field whose `requires` names other fields that are not set.
    fn check_requires(&mut self, specs: &crate::config::FieldSpecs, entries: &Entries) {
        let is_set = |name: &str| {
            let spec = specs.get(name)?;
            entries
                .iter()
                .find(|(k, v)| k.value == name && is_set(spec, &v.value))
        };
        for (name, spec) in specs {
            let Some((key, _)) = is_set(name) else {
                continue;
            };
            for needed in spec.requires.iter().filter(|n| is_set(n).is_none()) {
                let args = args!("field" => name, "needed" => needed);
                let problem = self.block.at(key, "");
                self.problems
                    .push(problem.with_text("schema.requires", args));
            }
        }
    }

    fn fail(&mut self, at: &Spanned<Node>, code: &'static str, args: Args) -> Value {
        let problem = self.block.at(at, "").with_text(code, args);
        self.problems.push(problem);
        Value::Null
    }

    fn fail_with(&mut self, at: &Spanned<Node>, problem: (&'static str, Args)) -> Value {
        self.fail(at, problem.0, problem.1)
    }

    fn value(
        &mut self,
        spec: &FieldSpec,
        node: &Spanned<Node>,
        name: &str,
        pointer: &str,
    ) -> Value {
        if placeholder::holds(&node.value) {
            return self.fail_with(node, placeholder::message(name, spec));
        }
        match spec.kind {
            FieldKind::Records => self.records(spec, node, name, pointer),
            FieldKind::List => match &node.value {
                Node::Seq(items) => Value::Array(
                    items
                        .iter()
                        .map(|item| self.list_item(spec, item, name))
                        .collect(),
                ),
                _ => Value::Array(vec![self.list_item(spec, node, name)]),
            },
            FieldKind::Number => match number(&node.value) {
                Some(number) => number,
                None => self.fail(
                    node,
                    "schema.number",
                    args!("field" => name, "kind" => node.value.kind_word()),
                ),
            },
            FieldKind::Bool => match node.value {
                Node::Plain(Plain {
                    guess: Guess::Bool(b),
                    ..
                }) => Value::Bool(b),
                _ => self.fail(
                    node,
                    "schema.bool",
                    args!("field" => name, "kind" => node.value.kind_word()),
                ),
            },
            _ => match scalar_text(&node.value) {
                Some(text) => self.text_value(spec, node, name, pointer, text),
                None => self.fail_with(node, not_text(&node.value, name)),
            },
        }
    }

    fn text_value(
        &mut self,
        spec: &FieldSpec,
        node: &Spanned<Node>,
        name: &str,
        pointer: &str,
        text: String,
    ) -> Value {
        let value = || args!("field" => name, "value" => text);
        let problem = match spec.kind {
            FieldKind::Date => match DateValue::parse(&text) {
                Some(date) => return Value::String(date.text),
                None => {
                    let (code, args, index) = super::dates::refusal(name, &text);
                    let problem = self.block.at(node, "");
                    let problem = match index {
                        Some(index) => problem.pointing_into(index),
                        None => problem,
                    };
                    self.problems.push(problem.with_text(code, args));
                    return Value::Null;
                }
            },
            FieldKind::Enum if !spec.values.contains(&text) => {
                Some(not_allowed(name, &text, &spec.values))
            }
            FieldKind::Email if !is_email(&text) => Some(("schema.email", value())),
            FieldKind::Phone if !is_phone(&text) => Some(("schema.phone", value())),
            FieldKind::Url if is_url(&text) => {
                let (line, column) = self.block.place(node);
                self.urls.push(UrlRef {
                    url: text.clone(),
                    line,
                    column,
                });
                None
            }
            FieldKind::Url => Some(("schema.url", value())),
            FieldKind::File => self
                .file(spec, node, pointer, &text)
                .err()
                .map(|(code, more)| {
                    let mut args = value();
                    args.extend(more);
                    (code, args)
                }),
            _ => None,
        };
        match problem {
            Some(problem) => self.fail_with(node, problem),
            None => Value::String(text),
        }
    }

    fn list_item(&mut self, spec: &FieldSpec, item: &Spanned<Node>, name: &str) -> Value {
        if placeholder::holds(&item.value) {
            return self.fail_with(item, placeholder::message(name, spec));
        }
        match scalar_text(&item.value) {
            Some(text) if spec.values.is_empty() || spec.values.contains(&text) => {
                Value::String(text)
            }
            Some(text) => self.fail_with(item, not_allowed(name, &text, &spec.values)),
            None => self.fail_with(item, not_text(&item.value, name)),
        }
    }

    fn records(
        &mut self,
        spec: &FieldSpec,
        node: &Spanned<Node>,
        name: &str,
        pointer: &str,
    ) -> Value {
        let Node::Seq(items) = &node.value else {
            return self.fail(node, "schema.records", args!("field" => name));
        };
        let mut out = Vec::new();
        for (index, item) in items.iter().enumerate() {
            match &item.value {
                Node::Map(entries) => {
                    let record = self.record(
                        &spec.fields,
                        entries,
                        &format!("{pointer}/{index}"),
                        name,
                        Some(item),
                    );
                    out.push(Value::Object(record));
                }
                other => {
                    let args = args!("field" => name, "kind" => other.kind_word());
                    out.push(self.fail(item, "schema.record_item", args));
                }
            }
        }
        self.check_unique(spec, items, name);
        Value::Array(out)
    }

    /// Fields marked `unique` must differ between the records of one list: the second
    /// record with a value is reported, pointing at where the first one is.
    fn check_unique(&mut self, spec: &FieldSpec, items: &[Spanned<Node>], name: &str) {
        for (field, _) in spec.fields.iter().filter(|(_, f)| f.unique) {
            let mut seen: Vec<(String, usize)> = Vec::new();
            for item in items {
                let Node::Map(entries) = &item.value else {
                    continue;
                };
                let Some((_, node)) = entries.iter().find(|(k, _)| k.value == *field) else {
                    continue;
                };
                let Some(text) = scalar_text(&node.value) else {
                    continue;
                };
                let (line, _) = self.block.place(node);
                match seen.iter().find(|(t, _)| *t == text) {
                    Some((_, first)) => {
                        let args = args!("field" => field, "value" => text, "list" => name, "line" => first);
                        self.fail(node, "schema.unique", args);
                    }
                    None => seen.push((text, line)),
                }
            }
        }
    }

    fn file(
        &mut self,
        spec: &FieldSpec,
        node: &Spanned<Node>,
        pointer: &str,
        text: &str,
    ) -> Result<(), (&'static str, Args)> {
        if text.contains("://") || text.starts_with('/') || text.contains('\\') {
            return Err(("schema.file_name", Vec::new()));
        }
        let extension = text
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_lowercase())
            .unwrap_or_default();
        if !spec.extensions.is_empty() && !spec.extensions.contains(&extension) {
            let extensions = spec.extensions.join(" / .");
            return Err(("schema.file_type", args!("extensions" => extensions)));
        }
        let key = join_relative(self.page_dir, text)
            .ok_or_else(|| ("schema.file_outside", Vec::new()))?;
        let (line, column) = self.block.place(node);
        self.files.push(FileRef {
            pointer: pointer.to_string(),
            key,
            written: text.to_string(),
            line,
            column,
        });
        Ok(())
    }
}

/// Whether a field counts as written. A text-like field keeps a written `null` or `~` as
/// that text; a number, true/false, list or records field takes them for nothing.
fn is_set(spec: &FieldSpec, node: &Node) -> bool {
    match spec.kind {
        FieldKind::Number | FieldKind::Bool | FieldKind::Records => !node.is_null(),
        _ => !node.is_nothing(),
    }
}

/// A scalar's text as written: a plain `0812345630`, `no` or `1e3` is read as those
/// characters, never as YAML's number or boolean.
fn scalar_text(node: &Node) -> Option<String> {
    node.text().map(|text| text.trim().to_string())
}

/// A plain number; one written as a whole number (`0123`, `+5`) is one, not YAML's float.
fn number(node: &Node) -> Option<Value> {
    let Node::Plain(Plain { guess, written }) = node else {
        return None;
    };
    if let Some(whole) = written.as_deref().and_then(|w| w.parse::<i64>().ok()) {
        return Some(Value::from(whole));
    }
    match *guess {
        Guess::Int(i) => Some(Value::from(i)),
        Guess::Float(f) if f.is_finite() => Some(Value::from(f)),
        _ => None,
    }
}

/// Why a value is not text, and what to write instead.
fn not_text(node: &Node, field: &str) -> (&'static str, Args) {
    let args = args!("field" => field, "kind" => node.kind_word());
    match node {
        Node::Plain(_) => ("schema.not_text", args),
        _ => ("schema.wrong_type", args),
    }
}

/// A value that is not one of `allowed`, with the one meant when it is close to one.
fn not_allowed(field: &str, value: &str, allowed: &[String]) -> (&'static str, Args) {
    let mut args = args!("field" => field, "value" => value, "allowed" => allowed.join(", "));
    match suggest::closest(value, allowed) {
        Some(meant) => {
            args.push(("suggestion", meant.to_string()));
            ("schema.enum_suggest", args)
        }
        None => ("schema.enum", args),
    }
}

/// ` (the field's description)` for a required field's message, or nothing.
fn why(spec: &FieldSpec) -> String {
    spec.description
        .as_deref()
        .map(|d| format!(" ({d})"))
        .unwrap_or_default()
}

fn is_email(text: &str) -> bool {
    let Some((user, domain)) = text.split_once('@') else {
        return false;
    };
    !user.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !text.contains(char::is_whitespace)
        && !domain.contains('@')
}

/// Digits, spaces, dashes and parentheses, with at most a leading `+`: what a `tel:` link
/// can be made of by dropping everything but the digits and that `+`.
fn is_phone(text: &str) -> bool {
    let rest = text.strip_prefix('+').unwrap_or(text);
    rest.chars()
        .all(|c| c.is_ascii_digit() || " -()".contains(c))
        && text.chars().filter(char::is_ascii_digit).count() >= 5
}

fn is_url(text: &str) -> bool {
    (text.starts_with("https://") || text.starts_with("http://"))
        && text.len() > 8
        && !text.contains(char::is_whitespace)
        && !text.contains(['"', '<', '>'])
}

#[cfg(test)]
#[path = "schema_tests.rs"]
mod typed_tests;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simple_formats() {
        assert!(is_email("vbe.samordnare@example.stockholm.se"));
        assert!(!is_email("vbe samordnare@x.se"));
        assert!(is_phone("08-508 000 00"));
        assert!(!is_phone("ring mig"));
        assert!(is_url("https://www.stockholm.se/"));
        assert!(!is_url("javascript:alert(1)"));
    }
}
