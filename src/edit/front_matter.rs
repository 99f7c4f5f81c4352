//! Reads a page file into the values a form shows, and writes a form's values back into the
//! file changing only the lines of the fields whose values changed.

use serde_json::{Map, Value};

/// A page file as the editor sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct EditableFile {
    /// The front matter's top-level fields as JSON (numbers as numbers, dates as text).
    pub values: Map<String, Value>,
    /// The Markdown after the front matter, with LF line ends.
    pub body: String,
}

/// Reads a page file (UTF-8, with or without BOM, LF or CRLF).
pub fn read(_bytes: &[u8]) -> Result<EditableFile, String> {
    Err("not written yet".into())
}

/// The file `original` with the fields named in `shown` set to `values` and its body set to
/// `body`, changing only what differs. See the module's tests for the rules.
pub fn update(
    _original: &[u8],
    _values: &Map<String, Value>,
    _shown: &[&str],
    _body: &str,
) -> Result<Vec<u8>, String> {
    Err("not written yet".into())
}

/// The field a 1-based line of `text` belongs to, as a path (`title`, `aktiviteter/2/ansvarig`);
/// `None` for the body and the `---` lines.
pub fn field_at_line(_text: &str, _line: usize) -> Option<String> {
    None
}

/// The 1-based line of `text` where the body starts (the line after the closing `---`).
pub fn body_first_line(_text: &str) -> Option<usize> {
    None
}
