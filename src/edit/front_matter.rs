//! Reads a page file into the values a form shows, and writes a form's values back into the
//! file changing only the lines of the fields whose values changed: comments, unknown
//! fields, key order, a byte order mark, CRLF line ends and the body stay byte for byte.
//!
//! The YAML parser (`crate::yaml`) reads the values; `yaml_lines` finds the lines each
//! field is written on; `yaml_patch` rewrites the changed ones with `yaml_out`. Every
//! update is read back before it is returned: a file that would not read back as the form's
//! values (and the old values of every other field) is refused, never written.

use std::path::Path;

use serde_json::{Map, Value};

use super::yaml_lines::{self, Nested};
use super::yaml_out::{is_empty, same};
use super::yaml_patch;
use crate::yaml::{self, Node, Spanned};

/// A page file as the editor sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct EditableFile {
    /// The front matter's top-level fields as JSON (numbers as numbers, dates as text).
    pub values: Map<String, Value>,
    /// The Markdown after the front matter, with LF line ends.
    pub body: String,
}

/// A file cut into its parts; concatenated they are the file.
pub(super) struct Split<'a> {
    pub bom: &'a str,
    /// The opening `---` line with its line end; empty when the file has no front matter.
    pub open: &'a str,
    pub front: &'a str,
    /// The closing `---` line with its line end (if any).
    pub close: &'a str,
    pub body: &'a str,
    /// The file's line end, for new lines.
    pub eol: &'static str,
}

/// Cuts `text` like the site does: front matter between a first line `---` and the next
/// line `---`. A file that does not start with `---` is all body; one whose front matter is
/// TOML (`+++`) is refused, since the editor writes YAML only.
pub(super) fn split(text: &str) -> Result<Split<'_>, String> {
    let bom = if text.starts_with('\u{feff}') {
        "\u{feff}"
    } else {
        ""
    };
    let rest = &text[bom.len()..];
    let first = rest.split_inclusive('\n').next().unwrap_or("");
    let eol = if first.ends_with("\r\n") || (!first.ends_with('\n') && rest.contains("\r\n")) {
        "\r\n"
    } else {
        "\n"
    };
    if first.trim_end_matches(['\r', '\n']) == "+++" {
        return Err(super::messages::TOML_FRONT_MATTER.to_string());
    }
    if first.trim_end_matches(['\r', '\n']) != "---" {
        return Ok(Split {
            bom,
            open: "",
            front: "",
            close: "",
            body: rest,
            eol,
        });
    }
    let after = &rest[first.len()..];
    let mut offset = 0;
    for line in after.split_inclusive('\n') {
        if line.trim_end() == "---" {
            return Ok(Split {
                bom,
                open: first,
                front: &after[..offset],
                close: line,
                body: &after[offset + line.len()..],
                eol,
            });
        }
        offset += line.len();
    }
    Err("line 1: the front matter is never closed: add a line `---` after it".to_string())
}

/// Whether the file's front matter is TOML (`+++`, Zola's), which the editor does not write:
/// such a page is refused with [`super::messages::TOML_FRONT_MATTER`] before anything else.
pub fn is_toml(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    bytes
        .strip_prefix(b"+++")
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(b"\n") || rest.starts_with(b"\r\n"))
}

/// The file's text, or where it stops being UTF-8.
fn utf8(bytes: &[u8]) -> Result<&str, String> {
    std::str::from_utf8(bytes).map_err(|err| {
        let good = &bytes[..err.valid_up_to()];
        let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
        format!("line {line}: the file is not UTF-8 text; save it as UTF-8 in a text editor")
    })
}

/// The front matter's fields as written, in file order.
pub(super) type Fields = Vec<(Spanned<String>, Spanned<Node>)>;

/// Parses the front matter with the site's YAML layer.
pub(super) fn parse(split: &Split) -> Result<Fields, String> {
    if split.front.trim().is_empty() {
        return Ok(Vec::new());
    }
    let block = yaml::Block::new(Path::new(""), split.front, 2);
    let node: Spanned<Node> = yaml::parse(block, split.front)
        .map_err(|d| format!("line {}, column {}: {}", d.line, d.column, d.message))?;
    match node.value {
        Node::Map(entries) => Ok(entries),
        node if node.is_null() => Ok(Vec::new()),
        other => Err(format!(
            "line 2: the front matter must be fields (`name: value` on lines of their own), not {}",
            other.kind()
        )),
    }
}

fn to_json(fields: &Fields) -> Map<String, Value> {
    fields
        .iter()
        .map(|(k, v)| (k.value.clone(), v.value.to_json()))
        .collect()
}

fn lf(text: &str) -> String {
    text.replace("\r\n", "\n")
}

/// Reads a page file (UTF-8, with or without BOM, LF or CRLF).
pub fn read(bytes: &[u8]) -> Result<EditableFile, String> {
    let split = split(utf8(bytes)?)?;
    let fields = parse(&split)?;
    Ok(EditableFile {
        values: to_json(&fields),
        body: lf(split.body),
    })
}

/// The file `original` with the fields named in `shown` set to `values` and its body set to
/// `body`, changing only what differs. A value that is absent, null, "" or [] removes its
/// field; one equal to the file's (scalars by their text) leaves its lines alone.
pub fn update(
    original: &[u8],
    values: &Map<String, Value>,
    shown: &[&str],
    body: &str,
) -> Result<Vec<u8>, String> {
    let split = split(utf8(original)?)?;
    let fields = parse(&split)?;
    let front = yaml_patch::front(&split, &fields, values, shown)?;
    let mut out = String::with_capacity(original.len() + 64);
    out.push_str(split.bom);
    out.push_str(if split.open.is_empty() {
        "---"
    } else {
        split.open
    });
    if split.open.is_empty() {
        out.push_str(split.eol);
    }
    out.push_str(&front);
    let close = if split.open.is_empty() {
        "---"
    } else {
        split.close
    };
    out.push_str(close);
    if split.open.is_empty() {
        out.push_str(split.eol);
    }
    let body_lf = lf(body);
    let body = if body_lf == lf(split.body) {
        split.body.to_string()
    } else if split.eol == "\r\n" {
        body_lf.replace('\n', "\r\n")
    } else {
        body_lf
    };
    if !split.open.is_empty() && !close.ends_with('\n') && !body.is_empty() {
        out.push_str(split.eol);
    }
    out.push_str(&body);
    check(&fields, values, shown, read_back(&out)?)?;
    Ok(out.into_bytes())
}

fn read_back(out: &str) -> Result<EditableFile, String> {
    read(out.as_bytes()).map_err(|why| format!("the edited file would not read back ({why})"))
}

/// Refuses an update whose file does not read back as the form's values for the shown
/// fields and as before for every other field.
fn check(
    old: &Fields,
    values: &Map<String, Value>,
    shown: &[&str],
    back: EditableFile,
) -> Result<(), String> {
    let old = to_json(old);
    let nothing = Value::Null;
    let keys = old.keys().chain(back.values.keys());
    for key in keys {
        let now = back.values.get(key).unwrap_or(&nothing);
        let fine = if shown.contains(&key.as_str()) {
            same(now, values.get(key).unwrap_or(&nothing))
        } else {
            old.get(key) == Some(now)
        };
        if !fine {
            return Err(format!(
                "the field `{key}` could not be written so that it reads back as entered; \
                 change it in a text editor instead"
            ));
        }
    }
    for key in shown {
        let wanted = values.get(*key).unwrap_or(&nothing);
        if !is_empty(wanted) && !back.values.contains_key(*key) {
            return Err(format!("the field `{key}` could not be written"));
        }
    }
    Ok(())
}

/// The field a 1-based line of `text` belongs to, as a path (`title`, `aktiviteter/2/ansvarig`);
/// `None` for the body and the `---` lines.
pub fn field_at_line(text: &str, line: usize) -> Option<String> {
    let split = split(text).ok()?;
    if split.open.is_empty() {
        return None;
    }
    let index = line.checked_sub(2)?;
    let lines = yaml_lines::lines(split.front);
    if index >= lines.len() {
        return None;
    }
    let entries = yaml_lines::map_entries(&lines, 0..lines.len(), None)?;
    let entry = entries.iter().find(|e| e.line <= index && index < e.end)?;
    let mut path = entry.key.clone();
    if let Some(rest) = inner_path(&lines, entry, index) {
        path.push('/');
        path.push_str(&rest);
    }
    Some(path)
}

/// Within an entry, the path below it of the line `index`: a nested map's key, or a
/// records row's index and key.
fn inner_path(
    lines: &[yaml_lines::Line],
    entry: &yaml_lines::Entry,
    index: usize,
) -> Option<String> {
    if entry.inline.is_some() || index == entry.line {
        return None;
    }
    let range = entry.line + 1..entry.end;
    match yaml_lines::nested(lines, range.clone()) {
        Nested::Nothing => None,
        Nested::Map => {
            let subs = yaml_lines::map_entries(lines, range, None)?;
            let sub = subs.iter().find(|e| e.line <= index && index < e.end)?;
            Some(match inner_path(lines, sub, index) {
                Some(rest) => format!("{}/{rest}", sub.key),
                None => sub.key.clone(),
            })
        }
        Nested::Seq(indent) => {
            let items = yaml_lines::seq_items(lines, range, indent)?;
            let (row, item) = items
                .iter()
                .enumerate()
                .find(|(_, i)| i.line <= index && index < i.end)?;
            let cells = yaml_lines::map_entries(lines, item.line..item.end, Some(item.content?))?;
            let cell = cells.iter().find(|e| e.line <= index && index < e.end)?;
            Some(format!("{row}/{}", cell.key))
        }
    }
}

/// The 1-based line of `text` where the body starts (the line after the closing `---`).
pub fn body_first_line(text: &str) -> Option<usize> {
    let split = split(text).ok()?;
    if split.open.is_empty() {
        return Some(1);
    }
    let head = [split.open, split.front, split.close].concat();
    Some(head.matches('\n').count() + 1 + usize::from(!head.ends_with('\n')))
}

#[cfg(test)]
#[path = "front_matter_tests.rs"]
mod tests;
