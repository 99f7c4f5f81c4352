//! The one place that knows the YAML crate: parses a YAML block into a typed value and turns
//! parser errors into [`Diagnostic`]s whose line numbers count from the top of the file, not
//! from the top of the front-matter block.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::diagnostics::Diagnostic;

pub use serde_saphyr::Spanned;

/// Where a YAML block sits: the file it came from, the whole file's text (to quote the
/// offending line), and the 1-based file line of the block's first line.
#[derive(Clone, Copy)]
pub struct Block<'a> {
    pub path: &'a Path,
    pub file_text: &'a str,
    pub first_line: usize,
}

impl Block<'_> {
    /// A diagnostic at a position reported by the YAML parser (1-based, block-relative).
    pub fn diagnostic(&self, line: u64, column: u64, message: impl Into<String>) -> Diagnostic {
        let line = line as usize + self.first_line - 1;
        Diagnostic::at(self.path, self.file_text, line, column as usize, message)
    }

    /// A diagnostic pointing at the value of a spanned field.
    pub fn at<T>(&self, spanned: &Spanned<T>, message: impl Into<String>) -> Diagnostic {
        let location = spanned.referenced;
        self.diagnostic(location.line(), location.column(), message)
    }
}

/// Parses `yaml` into `T`. Unknown keys and wrong types are errors when `T` says so
/// (`deny_unknown_fields`), reported at their position.
pub fn parse<T: DeserializeOwned>(block: Block<'_>, yaml: &str) -> Result<T, Diagnostic> {
    let options = serde_saphyr::options! { with_snippet: false, strict_booleans: true };
    serde_saphyr::from_str_with_options(yaml, options).map_err(|err| {
        let message = serde_saphyr::MessageFormatter::format_message(
            &serde_saphyr::UserMessageFormatter,
            &err,
        );
        let message = tidy_message(&message);
        match err.location() {
            Some(location) if location.line() > 0 => {
                block.diagnostic(location.line(), location.column(), message)
            }
            _ => Diagnostic::at(block.path, block.file_text, block.first_line, 1, message),
        }
    })
}

/// The parser's messages sometimes end with their own position; ours is in front already.
fn tidy_message(message: &str) -> String {
    let trimmed = match message.rfind(" at line ") {
        Some(index) => &message[..index],
        None => message,
    };
    let trimmed = trimmed.trim();
    if trimmed.starts_with("unexpected event") {
        return format!(
            "this value cannot be read ({trimmed}); put text in quotes, especially when it starts with [ {{ * & ! or holds `: `"
        );
    }
    trimmed.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Sample {
        #[allow(dead_code)]
        title: String,
    }

    fn block(text: &str) -> Block<'_> {
        Block {
            path: Path::new("x.md"),
            file_text: text,
            first_line: 2,
        }
    }

    #[test]
    fn unknown_key_points_at_file_line() {
        let file = "---\ntitle: a\ntitel: b\n---\n";
        let err = parse::<Sample>(block(file), "title: a\ntitel: b\n").unwrap_err();
        assert_eq!((err.line, err.column), (3, 1), "{err}");
        assert!(err.message.contains("titel"), "{}", err.message);
    }

    #[test]
    fn syntax_error_has_position() {
        let file = "---\ntitle: [a\n---\n";
        let err = parse::<Sample>(block(file), "title: [a\n").unwrap_err();
        assert!(err.line >= 2, "{err}");
    }
}

/// A YAML value with the position of every key and value, for checks that serde's derive
/// cannot express (collection schemas) and that must point at the offending line.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Spanned<Node>>),
    Map(Vec<(Spanned<String>, Spanned<Node>)>),
}

impl Node {
    /// The value without positions, as templates see it.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value;
        match self {
            Node::Null => Value::Null,
            Node::Bool(b) => Value::Bool(*b),
            Node::Int(i) => Value::from(*i),
            Node::Float(f) => serde_json::Number::from_f64(*f).map_or(Value::Null, Value::Number),
            Node::Str(s) => Value::String(s.clone()),
            Node::Seq(items) => Value::Array(items.iter().map(|i| i.value.to_json()).collect()),
            Node::Map(entries) => Value::Object(
                entries
                    .iter()
                    .map(|(k, v)| (k.value.clone(), v.value.to_json()))
                    .collect(),
            ),
        }
    }

    /// A short name of the kind of value, for messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Node::Null => "nothing",
            Node::Bool(_) => "true/false",
            Node::Int(_) | Node::Float(_) => "a number",
            Node::Str(_) => "text",
            Node::Seq(_) => "a list",
            Node::Map(_) => "a set of fields",
        }
    }
}

impl<'de> serde::Deserialize<'de> for Node {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> serde::de::Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }
    fn visit_none<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Node, E> {
        Ok(Node::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Node, E> {
        Ok(Node::Int(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Node, E> {
        Ok(i64::try_from(v).map_or(Node::Float(v as f64), Node::Int))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Node, E> {
        Ok(Node::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Node, E> {
        Ok(Node::Str(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Node, E> {
        Ok(Node::Str(v))
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Spanned<Node>>()? {
            items.push(item);
        }
        Ok(Node::Seq(items))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Spanned<String>>()? {
            let value = map.next_value::<Spanned<Node>>()?;
            entries.push((key, value));
        }
        Ok(Node::Map(entries))
    }
}

#[cfg(test)]
mod node_tests {
    use super::*;

    #[test]
    fn nested_positions_survive() {
        let text = "a: 1\nlist:\n  - namn: x\n    typ: y\n";
        let block = Block {
            path: Path::new("c.yaml"),
            file_text: text,
            first_line: 1,
        };
        let node: Spanned<Node> = parse(block, text).unwrap();
        let Node::Map(entries) = &node.value else {
            panic!("map expected")
        };
        assert_eq!(entries[1].0.value, "list");
        let Node::Seq(items) = &entries[1].1.value else {
            panic!("list expected")
        };
        let Node::Map(record) = &items[0].value else {
            panic!("record expected")
        };
        assert_eq!(record[1].0.referenced.line(), 4);
        assert_eq!(record[1].1.referenced.column(), 10);
        assert_eq!(record[1].1.value, Node::Str("y".into()));
    }
}
