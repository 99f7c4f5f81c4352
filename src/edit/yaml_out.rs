//! Writes form values as YAML lines that the project's YAML layer reads back to the same
//! values: text is quoted whenever it could be read as anything else, and lines follow the
//! style the file already uses (plain or quoted text, flow or block lists).

use std::path::Path;

use serde_json::Value;

use crate::yaml::{self, double_quoted, needs_escape, Node, Spanned};

/// How the value being replaced was written, so that its replacement looks the same.
#[derive(Debug, Clone, Copy, Default)]
pub struct Hints {
    /// The old scalar was plain (`Some(true)`) or quoted (`Some(false)`).
    pub plain: Option<bool>,
    /// The old list was a flow list `[a, b]` (`Some(true)`) or a block list.
    pub flow: Option<bool>,
    /// The old flow list's items were quoted.
    pub quoted_items: Option<bool>,
}

/// Longest flow list written on one line for a new list.
const FLOW_WIDTH: usize = 100;

/// Nothing: null, "", [], {} or a map holding only nothing. Such values are not written.
pub fn is_empty(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        Value::Array(items) => items.is_empty(),
        Value::Object(map) => map.values().all(is_empty),
        Value::Bool(_) | Value::Number(_) => false,
    }
}

/// Whether two values are the same for the editor: scalars by their text (`2020` equals
/// `"2020"`), lists item by item, maps key by key, and all kinds of nothing alike.
pub fn same(a: &Value, b: &Value) -> bool {
    if is_empty(a) || is_empty(b) {
        return is_empty(a) && is_empty(b);
    }
    match (a, b) {
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            let set = |m: &serde_json::Map<String, Value>| {
                m.iter()
                    .filter(|(_, v)| !is_empty(v))
                    .map(|(k, _)| k.clone())
                    .collect::<Vec<_>>()
            };
            set(x) == set(y) && x.iter().all(|(k, v)| is_empty(v) || same(v, &y[k]))
        }
        _ => match (scalar_text(a), scalar_text(b)) {
            (Some(x), Some(y)) => x == y,
            _ => false,
        },
    }
}

fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// `key: value` as lines: the first without indentation (the caller puts it after its own
/// prefix), the others indented for a key at byte column `col`.
pub fn entry(key: &str, value: &Value, col: usize, hints: Hints) -> Vec<String> {
    entry_as(&key_text(key), value, col, hints)
}

/// Like [`entry`] with the key written as `head` (as the file wrote it).
pub fn entry_as(head: &str, value: &Value, col: usize, hints: Hints) -> Vec<String> {
    let head = format!("{head}:");
    match value {
        Value::Array(items) if items.iter().all(is_scalar) && !items.is_empty() => {
            let quoted = hints.quoted_items.unwrap_or(true);
            let flow = flow_list(items, quoted);
            let one_line = format!("{head} {flow}");
            if hints.flow.unwrap_or(one_line.len() + col <= FLOW_WIDTH) {
                return vec![one_line];
            }
            let indent = " ".repeat(col + 2);
            let mut lines = vec![head];
            lines.extend(
                items
                    .iter()
                    .map(|item| format!("{indent}- {}", scalar(item, hints.plain, false))),
            );
            lines
        }
        Value::Array(items) if !items.is_empty() => {
            let mut lines = vec![head];
            for item in items {
                let mut item_lines = self::item(item, col + 2);
                item_lines[0] = format!("{}{}", " ".repeat(col + 2), item_lines[0]);
                lines.extend(item_lines);
            }
            lines
        }
        Value::Object(map) if !is_empty(value) => {
            let mut lines = vec![head];
            let indent = " ".repeat(col + 2);
            for (k, v) in map.iter().filter(|(_, v)| !is_empty(v)) {
                let mut sub = entry(k, v, col + 2, Hints::default());
                sub[0] = format!("{indent}{}", sub[0]);
                lines.extend(sub);
            }
            lines
        }
        Value::Array(_) => vec![format!("{head} []")],
        Value::Object(_) => vec![format!("{head} {{}}")],
        _ => vec![format!("{head} {}", scalar(value, hints.plain, false))],
    }
}

/// A sequence item `- value` as lines, for a `-` at byte column `col`: the first line
/// without indentation, the others indented.
pub fn item(value: &Value, col: usize) -> Vec<String> {
    match value {
        Value::Object(_) => item_in_order(value, col, &[]),
        Value::Array(items) if items.iter().all(is_scalar) => {
            vec![format!("- {}", flow_list(items, true))]
        }
        Value::Array(_) => vec![format!("- {}", json_flow(value))],
        _ => vec![format!("- {}", scalar(value, None, false))],
    }
}

/// Like [`item`] for a map, with its keys in the order of `order` first (the file's other
/// rows), then the rest in the map's order.
pub fn item_in_order(value: &Value, col: usize, order: &[String]) -> Vec<String> {
    let Value::Object(map) = value else {
        return item(value, col);
    };
    let mut keys: Vec<&String> = order.iter().filter(|k| map.contains_key(*k)).collect();
    keys.extend(map.keys().filter(|k| !order.contains(k)));
    let mut lines = Vec::new();
    let indent = " ".repeat(col + 2);
    for k in keys {
        let v = &map[k];
        if is_empty(v) {
            continue;
        }
        let mut sub = entry(k, v, col + 2, Hints::default());
        sub[0] = if lines.is_empty() {
            format!("- {}", sub[0])
        } else {
            format!("{indent}{}", sub[0])
        };
        lines.extend(sub);
    }
    if lines.is_empty() {
        lines.push("- {}".to_string());
    }
    lines
}

fn is_scalar(value: &Value) -> bool {
    !matches!(value, Value::Array(_) | Value::Object(_))
}

fn flow_list(items: &[Value], quoted: bool) -> String {
    let items: Vec<String> = items
        .iter()
        .map(|item| match item {
            Value::String(s) if quoted => double_quoted(s),
            _ => scalar(item, Some(true), true),
        })
        .collect();
    format!("[{}]", items.join(", "))
}

/// JSON is YAML: nested lists and maps inside a flow list are written as JSON.
fn json_flow(value: &Value) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".to_string())
}

/// A key as YAML: plain when it reads back as itself, else double-quoted.
pub fn key_text(key: &str) -> String {
    if plain_syntax_ok(key, false) && reads_as_text(key) {
        key.to_string()
    } else {
        double_quoted(key)
    }
}

/// A scalar as YAML. Text is plain only when it reads back as the same text, and when the
/// old value was plain too (`plain`: `None` for a new value: then only word-like text such
/// as `vit-makt`, `a1` or `2020-04-23` is plain, as the site's files write it).
pub fn scalar(value: &Value, plain: Option<bool>, in_flow: bool) -> String {
    match value {
        Value::Null => "null".to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => {
            let wanted = match plain {
                Some(wanted) => wanted,
                None => s
                    .chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.')),
            };
            let was_number = plain == Some(true) && reads_as_number(s);
            if wanted && plain_syntax_ok(s, in_flow) && (was_number || reads_as_text(s)) {
                s.clone()
            } else {
                double_quoted(s)
            }
        }
        Value::Array(_) | Value::Object(_) => json_flow(value),
    }
}

/// Whether `s` may be written plain without YAML's syntax changing it (the type it is
/// read as is checked apart).
fn plain_syntax_ok(s: &str, in_flow: bool) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    s.trim() == s
        && s.chars().all(|c| !needs_escape(c) && c != '\t')
        && !"-?:,[]{}#&*!|>'\"%@`".contains(first)
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.ends_with(':')
        && !(in_flow && s.contains([',', '[', ']', '{', '}', ':']))
}

/// Whether the project's YAML layer reads a plain `s` as the text `s` (not a number, a
/// boolean or nothing), and other YAML readers do not take it for a YAML 1.1 boolean.
fn reads_as_text(s: &str) -> bool {
    const OLD_BOOLEANS: [&str; 8] = ["yes", "no", "on", "off", "y", "n", "true", "false"];
    if OLD_BOOLEANS.iter().any(|b| b.eq_ignore_ascii_case(s)) {
        return false;
    }
    matches!(read_plain(s), Some(Node::Str(text)) if text == s)
}

/// Whether a plain `s` is a number to the YAML layer (`2021`, `2.5`).
fn reads_as_number(s: &str) -> bool {
    matches!(
        read_plain(s),
        Some(Node::Plain(yaml::Plain { guess: yaml::Guess::Int(_) | yaml::Guess::Float(_), written: Some(w) })) if w == s
    )
}

fn read_plain(s: &str) -> Option<Node> {
    let text = format!("k: {s}\n");
    let block = yaml::Block::new(Path::new(""), &text, 1);
    match yaml::parse::<Spanned<Node>>(block, &text).ok()?.value {
        Node::Map(mut entries) if entries.len() == 1 => entries.pop().map(|(_, v)| v.value),
        _ => None,
    }
}
