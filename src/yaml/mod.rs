//! The one place that knows the YAML crate: parses a YAML block into a typed value and turns
//! parser errors into [`Diagnostic`]s whose line numbers count from the top of the file, not
//! from the top of the front-matter block.

use std::path::Path;

use std::cell::RefCell;
use std::rc::Rc;

use serde::de::DeserializeOwned;

use crate::diagnostics::Diagnostic;

pub use serde_saphyr::Spanned;
pub use write::{double_quoted, needs_escape, plain_or_quoted_key};

mod write;

/// Where a YAML block sits: the file it came from, the whole file's text (to quote the
/// offending line), and the 1-based file line of the block's first line. A block the program
/// wrote from another format (TOML front matter) also has [`Origins`]: positions in it are
/// reported where its values were written.
#[derive(Clone, Copy)]
pub struct Block<'a> {
    pub path: &'a Path,
    pub file_text: &'a str,
    pub first_line: usize,
    origins: Option<&'a Origins>,
}

impl<'a> Block<'a> {
    pub fn new(path: &'a Path, file_text: &'a str, first_line: usize) -> Block<'a> {
        Block {
            path,
            file_text,
            first_line,
            origins: None,
        }
    }

    /// A block of YAML written by the program, whose lines came from `origins`.
    pub fn written_from(path: &'a Path, file_text: &'a str, origins: &'a Origins) -> Block<'a> {
        Block {
            path,
            file_text,
            first_line: origins.first_line,
            origins: Some(origins),
        }
    }

    /// The file's line and column (1-based) of a block position (1-based, block-relative).
    pub fn position(&self, line: u64, column: u64) -> (usize, usize) {
        let (line, column) = (line as usize, column as usize);
        match self.origins {
            Some(origins) => origins.position(line, column),
            None => (line + self.first_line - 1, column),
        }
    }

    /// The file's line and column of a spanned value.
    pub fn place<T>(&self, spanned: &Spanned<T>) -> (usize, usize) {
        let location = spanned.referenced;
        self.position(location.line(), location.column())
    }

    /// A diagnostic at a position reported by the YAML parser (1-based, block-relative).
    pub fn diagnostic(&self, line: u64, column: u64, message: impl Into<String>) -> Diagnostic {
        let (line, column) = self.position(line, column);
        Diagnostic::at(self.path, self.file_text, line, column, message)
    }

    /// A diagnostic pointing at the value of a spanned field.
    pub fn at<T>(&self, spanned: &Spanned<T>, message: impl Into<String>) -> Diagnostic {
        let location = spanned.referenced;
        self.diagnostic(location.line(), location.column(), message)
    }
}

/// Where the lines of a YAML text written by the program came from: for each line, the file
/// positions of the key and of the value it holds. A position before the value's column is
/// the key's.
#[derive(Debug, Clone, Default)]
pub struct Origins {
    /// The file line of the source block's first line, where an empty block's problems go.
    pub first_line: usize,
    lines: Vec<Origin>,
}

/// One written line's key and value, as file positions (line, column; 1-based).
#[derive(Debug, Clone, Copy)]
pub struct Origin {
    pub key: (usize, usize),
    pub value: (usize, usize),
    /// The column (1-based) where the value starts in the written line.
    pub value_column: usize,
}

impl Origins {
    pub fn new(first_line: usize) -> Origins {
        Origins {
            first_line,
            lines: Vec::new(),
        }
    }

    /// Records where the next written line came from.
    pub fn push(&mut self, origin: Origin) {
        self.lines.push(origin);
    }

    fn position(&self, line: usize, column: usize) -> (usize, usize) {
        let origin = line
            .checked_sub(1)
            .and_then(|index| self.lines.get(index).or(self.lines.last()));
        match origin {
            Some(o) if column >= o.value_column => o.value,
            Some(o) => o.key,
            None => (self.first_line, 1),
        }
    }
}

/// Parses `yaml` into `T`. Unknown keys and wrong types are errors when `T` says so
/// (`deny_unknown_fields`), reported at their position.
pub fn parse<T: DeserializeOwned>(block: Block<'_>, yaml: &str) -> Result<T, Diagnostic> {
    let options = serde_saphyr::options! {
        with_snippet: false,
        strict_booleans: true,
        budget: serde_saphyr::budget! { max_depth: MAX_DEPTH },
    };
    let _source = SourceGuard::set(yaml);
    serde_saphyr::from_str_with_options(yaml, options).map_err(|err| {
        let message = serde_saphyr::MessageFormatter::format_message(
            &serde_saphyr::UserMessageFormatter,
            &err,
        );
        let position = err
            .location()
            .filter(|l| l.line() > 0)
            .map(|l| (l.line() as usize, l.column() as usize));
        let (line, column) = position.unwrap_or((1, 1));
        if let Some(code) = limit(&err, &message) {
            // Too many values: the block as a whole, not the line (maybe a long one) where
            // the count ran out.
            let (line, column) = if code == "yaml.too_large" {
                (1, 1)
            } else {
                (line, column)
            };
            return block
                .diagnostic(line as u64, column as u64, "")
                .with_text(code, Vec::new());
        }
        if let Some(found) = crate::messages::yaml::explain(yaml, &message, line, column) {
            let at = block.diagnostic(found.line as u64, found.column as u64, "");
            return at.with_text(found.code, found.args);
        }
        let message = tidy_message(&message);
        match position {
            Some((line, column)) => block.diagnostic(line as u64, column as u64, message),
            None => block.diagnostic(1, 1, message),
        }
    })
}

/// The parser's limits against hostile or runaway YAML (an alias bomb, 250,000 values,
/// nesting 64 deep) as what to change; its own text names a Rust value (`Nodes { nodes:
/// 250001 }`). `None` for every other error.
fn limit(err: &serde_saphyr::Error, message: &str) -> Option<&'static str> {
    use serde_saphyr::budget::BudgetBreach as Breach;
    use serde_saphyr::Error as E;
    if message.contains(TOO_DEEP) {
        return Some("yaml.too_deep");
    }
    Some(match err.without_snippet() {
        E::Budget { breach, .. } => match breach {
            Breach::Depth { .. } => "yaml.too_deep",
            Breach::Aliases { .. }
            | Breach::Anchors { .. }
            | Breach::AliasAnchorRatio { .. }
            | Breach::MergeKeys { .. } => "yaml.too_many_aliases",
            _ => "yaml.too_large",
        },
        E::AliasReplayLimitExceeded { .. }
        | E::AliasExpansionLimitExceeded { .. }
        | E::AliasReplayStackDepthExceeded { .. }
        | E::AliasReplayCounterOverflow { .. } => "yaml.too_many_aliases",
        // A limit reached while an alias is replayed comes as the alias's error, in words.
        E::AliasError { msg, .. } if msg.contains("breached") => "yaml.too_many_aliases",
        _ => return None,
    })
}

/// How deep lists and fields may nest in a YAML block. Reading a value recurses once per
/// level, on a rayon thread's stack: a page nesting 60 levels overflowed it and took the
/// whole process down. No front matter needs a tenth of this.
const MAX_DEPTH: usize = 32;

/// The error [`Depth`] raises, recognised by [`limit`] in the parser's message.
const TOO_DEEP: &str = "lots: nested deeper than the limit";

thread_local! {
    /// Levels of [`Node`] being read on this thread.
    static DEPTH: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// One level of a [`Node`] being read: aliases can nest a value deeper than the parser's own
/// depth limit counts (an alias of a deep list inside a deep list), so [`Node`] keeps its own.
struct Depth;

impl Depth {
    fn enter<E: serde::de::Error>() -> Result<Depth, E> {
        DEPTH.with(|depth| {
            if depth.get() >= MAX_DEPTH {
                return Err(E::custom(TOO_DEEP));
            }
            depth.set(depth.get() + 1);
            Ok(Depth)
        })
    }
}

impl Drop for Depth {
    fn drop(&mut self) {
        DEPTH.with(|depth| depth.set(depth.get().saturating_sub(1)));
    }
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
        Block::new(Path::new("x.md"), text, 2)
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
///
/// Scalars are not typed here: a plain `0812345630` is a phone number in one field and a
/// number in another, so each field reads the characters by its own type (see [`Plain`]).
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// A plain scalar that YAML would read as something other than text.
    Plain(Plain),
    /// Text as YAML reads it: quoted, a block scalar, or a plain scalar that is text anyway.
    Str(String),
    Seq(Vec<Spanned<Node>>),
    Map(Vec<(Spanned<String>, Spanned<Node>)>),
}

/// A plain scalar YAML would read as nothing, true/false or a number (`null`, `~`, `true`,
/// `0123`, `+46812345630`, `1e3`, an empty value): YAML's guess and the characters written.
#[derive(Debug, Clone, PartialEq)]
pub struct Plain {
    pub guess: Guess,
    /// The characters as written; `None` when they could not be found in the source (the
    /// value then cannot be kept as text and a text field refuses it).
    pub written: Option<String>,
}

/// What YAML's core schema makes of a plain scalar.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Guess {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
}

impl Node {
    fn plain(guess: Guess) -> Node {
        Node::Plain(Plain {
            guess,
            written: None,
        })
    }

    /// Nothing was written (`key:`), or the block is empty.
    pub fn is_nothing(&self) -> bool {
        matches!(self, Node::Plain(Plain { guess: Guess::Null, written }) if written.as_deref().is_none_or(str::is_empty))
    }

    /// Nothing, or a plain `null` / `~`.
    pub fn is_null(&self) -> bool {
        matches!(
            self,
            Node::Plain(Plain {
                guess: Guess::Null,
                ..
            })
        )
    }

    /// A scalar's text exactly as written (a quoted or block scalar as YAML reads it);
    /// `None` for lists, records, nothing, and a plain scalar whose characters are lost.
    pub fn text(&self) -> Option<&str> {
        match self {
            Node::Str(text) => Some(text),
            Node::Plain(Plain {
                written: Some(w), ..
            }) if !w.is_empty() => Some(w),
            _ => None,
        }
    }

    /// The value without positions, as templates see free-form data (`extra:`): a plain
    /// scalar is a number or true/false only when it reads back as written (`88`, `2.5`,
    /// `true`), so `0812345630`, `1_000` or `1e3` stay the text they were.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value;
        match self {
            Node::Plain(Plain { guess, written }) => {
                let typed = match *guess {
                    Guess::Null => Value::Null,
                    Guess::Bool(b) => Value::Bool(b),
                    Guess::Int(i) => Value::from(i),
                    Guess::Float(f) => {
                        serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)
                    }
                };
                let is_number = matches!(guess, Guess::Int(_) | Guess::Float(_));
                match written {
                    Some(w) if is_number && !reads_back(&typed, w) => Value::String(w.clone()),
                    _ => typed,
                }
            }
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

    /// The kind of value as a catalogue word (`kind.list`), for messages.
    pub fn kind_word(&self) -> String {
        let key = match self {
            Node::Plain(Plain { guess, .. }) => match guess {
                Guess::Null => "kind.nothing",
                Guess::Bool(_) => "kind.bool",
                Guess::Int(_) | Guess::Float(_) => "kind.number",
            },
            Node::Str(_) => "kind.text",
            Node::Seq(_) => "kind.list",
            Node::Map(_) => "kind.fields",
        };
        crate::messages::word(key)
    }

    /// A short name of the kind of value, for messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Node::Plain(Plain { guess, .. }) => match guess {
                Guess::Null => "nothing",
                Guess::Bool(_) => "true/false",
                Guess::Int(_) | Guess::Float(_) => "a number",
            },
            Node::Str(_) => "text",
            Node::Seq(_) => "a list",
            Node::Map(_) => "a set of fields",
        }
    }
}

/// Whether a number prints as it was written (`88`, `2.5`; not `0088`, `1e3`, `1_000`).
fn reads_back(number: &serde_json::Value, written: &str) -> bool {
    let shown = number.to_string();
    shown == written
}

thread_local! {
    /// The text [`parse`] is reading. The YAML crate hands a plain scalar's guess (a number,
    /// a boolean) to the visitor, never its characters; they are taken from here by the
    /// scalar's span.
    static SOURCE: RefCell<Option<Rc<str>>> = const { RefCell::new(None) };
}

/// Makes `text` the [`SOURCE`] while it lives, and puts the previous one back after.
struct SourceGuard(Option<Rc<str>>);

impl SourceGuard {
    fn set(text: &str) -> SourceGuard {
        SourceGuard(SOURCE.with(|s| s.borrow_mut().replace(Rc::from(text))))
    }
}

impl Drop for SourceGuard {
    fn drop(&mut self) {
        let previous = self.0.take();
        SOURCE.with(|s| *s.borrow_mut() = previous);
    }
}

/// Gives a plain scalar the characters written at its span. A plain scalar YAML reads as
/// text can still be changed by it (`.NaN` becomes `.nan`): those take the written case.
fn keep_written(node: &mut Spanned<Node>) {
    let span = node.referenced.span();
    let written = || {
        SOURCE.with(|s| {
            let source = s.borrow();
            let start = usize::try_from(span.byte_offset()?).ok()?;
            let len = usize::try_from(span.byte_len()?).ok()?;
            let raw = source.as_deref()?.get(start..start.checked_add(len)?)?;
            is_plain_scalar(raw).then(|| raw.to_string())
        })
    };
    match &mut node.value {
        Node::Plain(plain) => plain.written = written(),
        Node::Str(text) => {
            if let Some(raw) = written().filter(|raw| raw != text && raw.eq_ignore_ascii_case(text))
            {
                *text = raw;
            }
        }
        Node::Seq(_) | Node::Map(_) => {}
    }
}

/// Whether `raw` can be a whole single-line plain scalar: anything else means the span is
/// not what was expected (an alias, a tag), and the characters are not trusted.
fn is_plain_scalar(raw: &str) -> bool {
    raw.trim() == raw
        && !raw.contains(['\n', '\r', '#', '"', '\'', '[', ']', '{', '}', ','])
        && !raw.starts_with(['*', '&', '!', '|', '>'])
        && !raw.contains(": ")
}

/// Free-form data (`extra:`) read with [`Node::to_json`], so that plain scalars keep the
/// characters written unless they read back the same as a number or true/false.
#[derive(Debug, Clone, Default)]
pub struct Loose(pub serde_json::Map<String, serde_json::Value>);

impl<'de> serde::Deserialize<'de> for Loose {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match Node::deserialize(deserializer)? {
            node if node.is_null() => Ok(Loose::default()),
            Node::Map(entries) => Ok(Loose(
                entries
                    .iter()
                    .map(|(k, v)| (k.value.clone(), v.value.to_json()))
                    .collect(),
            )),
            other => Err(serde::de::Error::custom(format!(
                "`extra` must be fields (`name: value` on lines of their own), not {}",
                other.kind()
            ))),
        }
    }
}

/// Text that keeps what was written: a plain `null`, `~`, `no` or `0123` is that text. For
/// the standard keys `title` and `description`; nothing written is `None`.
#[derive(Debug, Clone, Default)]
pub struct Text(pub Option<String>);

impl<'de> serde::Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut node = Spanned::<Node>::deserialize(deserializer)?;
        keep_written(&mut node);
        if node.value.is_nothing() {
            return Ok(Text(None));
        }
        let kind = node.value.kind();
        let message = match (node.value.text(), &node.value) {
            (Some(text), _) => return Ok(Text(Some(text.to_string()))),
            (None, Node::Plain(_)) => format!(
                "this value cannot be kept as written (YAML reads it as {kind}); put it in quotes (\"...\")"
            ),
            (None, _) => format!("this must be text, not {kind}; write it on one line, or in quotes"),
        };
        Err(serde::de::Error::custom(message))
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
        Ok(Node::plain(Guess::Null))
    }
    fn visit_none<E>(self) -> Result<Node, E> {
        Ok(Node::plain(Guess::Null))
    }
    fn visit_bool<E>(self, v: bool) -> Result<Node, E> {
        Ok(Node::plain(Guess::Bool(v)))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Node, E> {
        Ok(Node::plain(Guess::Int(v)))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Node, E> {
        Ok(Node::plain(
            i64::try_from(v).map_or(Guess::Float(v as f64), Guess::Int),
        ))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Node, E> {
        Ok(Node::plain(Guess::Float(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Node, E> {
        Ok(Node::Str(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Node, E> {
        Ok(Node::Str(v))
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let _level = Depth::enter::<A::Error>()?;
        let mut items = Vec::new();
        while let Some(mut item) = seq.next_element::<Spanned<Node>>()? {
            keep_written(&mut item);
            items.push(item);
        }
        Ok(Node::Seq(items))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let _level = Depth::enter::<A::Error>()?;
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Spanned<String>>()? {
            let mut value = map.next_value::<Spanned<Node>>()?;
            keep_written(&mut value);
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
        let block = Block::new(Path::new("c.yaml"), text, 1);
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
