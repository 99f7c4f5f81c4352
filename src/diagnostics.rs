//! Errors about the user's files, printed as `path:line:col: message` with the offending line.
//!
//! Content problems are collected rather than returned at the first one, so a build reports
//! every mistake of every file in one run.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::messages::{self, Args, Lang, Reason};

/// How bad a problem is: an error stops a build, a warning is reported and the build goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// The code of a problem no stage has named more precisely yet.
pub const GENERIC_CODE: &str = "content.invalid";

/// One problem in one file, with a 1-based position when it is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error unless a constructor's caller says otherwise ([`Diagnostic::warning`]).
    pub severity: Severity,
    /// A stable name of the kind of problem (`schema.invalid`, `link.internal.missing`,
    /// `freshness.review_overdue`): its first dot-separated part is the kind `check` groups by.
    pub code: &'static str,
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
    pub message: String,
    /// The source line the position points into, shown under the message.
    pub source_line: Option<Box<str>>,
    /// The front-matter field the problem is about, as a path (`miljo`,
    /// `aktiviteter/2/ansvarig`), when the position alone does not say it: a required field
    /// that is missing is reported where its page or row starts.
    pub field: Option<Box<str>>,
    /// The catalogue text the message comes from, with its named arguments: what
    /// [`Diagnostic::localize`] renders in the site's language. `None` for a message of its own.
    pub text: Option<Box<Reason>>,
}

impl Diagnostic {
    /// A problem with the file as a whole (it cannot be read, for instance).
    pub fn file(path: &Path, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code: GENERIC_CODE,
            path: path.to_path_buf(),
            line: 0,
            column: 0,
            message: message.into(),
            source_line: None,
            field: None,
            text: None,
        }
    }

    /// A problem at `line:column` (1-based) of `source`, the full text of `path`.
    pub fn at(
        path: &Path,
        source: &str,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Self {
        let source_line = line
            .checked_sub(1)
            .and_then(|index| source.lines().nth(index))
            .map(Box::from);
        Diagnostic {
            severity: Severity::Error,
            code: GENERIC_CODE,
            path: path.to_path_buf(),
            line,
            column: column.max(1),
            message: message.into(),
            source_line,
            field: None,
            text: None,
        }
    }

    /// The same problem under a stable code.
    pub fn with_code(mut self, code: &'static str) -> Self {
        self.code = code;
        self
    }

    /// The same problem as the catalogue's text `code` with `args` (in English until
    /// [`Diagnostic::localize`] renders it in the site's language).
    pub fn with_text(self, code: &'static str, args: Args) -> Self {
        self.with_text_as(code, code, args)
    }

    /// [`Diagnostic::with_text`] for a code with several texts: `key` is `code/variant`
    /// (`link.internal.missing/draft`).
    pub fn with_text_as(mut self, code: &'static str, key: &'static str, args: Args) -> Self {
        self.code = code;
        self.message = messages::english(key, &args);
        self.text = Some(Box::new(Reason::new(key, args)));
        self
    }

    /// Renders a catalogue message in `lang`; other messages stay as they are.
    pub fn localize(&mut self, lang: Lang) {
        if let Some(text) = &self.text {
            if let Some(message) = messages::text(lang, text.key, &text.args) {
                self.message = message;
            }
        }
    }

    /// The same problem pointing `index` characters into the value it points at (past an
    /// opening quote when the value is quoted).
    pub fn pointing_into(mut self, index: usize) -> Self {
        let quoted = self
            .source_line
            .as_deref()
            .and_then(|line| line.chars().nth(self.column.saturating_sub(1)))
            .is_some_and(|c| c == '"' || c == '\'');
        self.column += index + usize::from(quoted);
        self
    }

    /// The same problem, about the front-matter field at `path` (`a/0/b`).
    pub fn with_field(mut self, path: &str) -> Self {
        self.field = Some(path.trim_start_matches('/').into());
        self
    }

    /// The same problem as a warning.
    pub fn warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    /// The kind of problem: the first part of its code (`schema`, `link`, `freshness`).
    pub fn kind(&self) -> &'static str {
        self.code.split('.').next().unwrap_or(self.code)
    }

    /// Names the problem with `code` unless a stage closer to it already did.
    pub fn code_if_generic(&mut self, code: &'static str) {
        if self.code == GENERIC_CODE {
            self.code = code;
        }
    }

    /// A problem at a byte offset of `source`.
    pub fn at_offset(path: &Path, source: &str, offset: usize, message: impl Into<String>) -> Self {
        let (line, column) = line_col(source, offset);
        Self::at(path, source, line, column, message)
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = source[line_start..offset].chars().count() + 1;
    (line, column)
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path.display();
        if self.line == 0 {
            write!(f, "{path}: {}", self.message)?;
        } else {
            write!(f, "{path}:{}:{}: {}", self.line, self.column, self.message)?;
        }
        if let Some(text) = &self.source_line {
            let gutter = self.line.to_string();
            let caret_pad: String = text
                .chars()
                .take(self.column.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            write!(
                f,
                "\n {gutter} | {text}\n {} | {caret_pad}^",
                " ".repeat(gutter.len())
            )?;
        }
        Ok(())
    }
}

/// All problems found by a build, in a stable order (by file, then position).
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn extend(&mut self, more: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(more);
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Renders the catalogue messages in the site's `language` (see [`crate::messages`]).
    pub fn localize(&mut self, language: &str) {
        messages::localize(&mut self.items, language);
    }

    /// The problems as collected, for a caller that reports them itself.
    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.items
    }

    /// Turns the collected problems into an error, or `Ok` when there were none.
    pub fn into_result(mut self) -> Result<(), BuildError> {
        if self.items.is_empty() {
            return Ok(());
        }
        self.items
            .sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
        self.items.dedup();
        Err(BuildError::Content(self.items))
    }
}

/// Why a build failed: the user's content, or the machine (disk, permissions).
#[derive(Debug)]
pub enum BuildError {
    /// Every problem found in the site's files.
    Content(Vec<Diagnostic>),
    /// Something outside the content went wrong, such as writing the output.
    Io(String),
}

impl From<Diagnostic> for BuildError {
    fn from(diagnostic: Diagnostic) -> Self {
        BuildError::Content(vec![diagnostic])
    }
}

impl BuildError {
    /// Every problem on a line of its own, then what failed, in the site's `language` (the
    /// problems themselves are already in it).
    pub fn report(&self, language: &str) -> String {
        use crate::messages::{self, Lang};
        let (code, args) = match self {
            BuildError::Content(items) if items.len() == 1 => ("build.failed_one", Vec::new()),
            BuildError::Content(items) => {
                ("build.failed_many", crate::args!("count" => items.len()))
            }
            BuildError::Io(message) => ("build.failed_because", crate::args!("reason" => message)),
        };
        let summary = messages::text(Lang::of(language), code, &args)
            .unwrap_or_else(|| messages::english(code, &args));
        let mut out = String::new();
        if let BuildError::Content(items) = self {
            for item in items {
                out.push_str(&format!("{item}\n"));
            }
        }
        out + &summary
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.report("en"))
    }
}

/// Prints warnings on stderr as every command does (`warning: path:line:col: …`), so that
/// `build` and `serve` show them alike.
pub fn print_warnings(warnings: &[Diagnostic]) {
    for warning in warnings {
        eprintln!("warning: {warning}");
    }
}

/// Reads a text file the way every stage expects it: UTF-8 checked with a position,
/// a byte-order mark dropped, CRLF and lone CR line ends turned into LF.
pub fn read_text(path: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(path).map_err(|err| {
        Diagnostic::file(path, "").with_text(
            "file.unreadable",
            crate::args!("reason" => messages::io::reason(&err)),
        )
    })?;
    let mut text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let valid = err.utf8_error().valid_up_to();
            let bytes = err.into_bytes();
            let prefix = String::from_utf8_lossy(&bytes[..valid]);
            let (line, column) = line_col(&prefix, prefix.len());
            let at = Diagnostic {
                line,
                column,
                ..Diagnostic::file(path, "")
            };
            return Err(at.with_text("file.encoding", Vec::new()));
        }
    };
    // The text as read, changed only where it must be: copying every file once more was a
    // copy of the whole site.
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    if text.contains('\r') {
        text = text.replace("\r\n", "\n").replace('\r', "\n");
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let text = "första\nåäö x";
        assert_eq!(line_col(text, text.find('x').unwrap()), (2, 5));
        assert_eq!(line_col(text, 0), (1, 1));
    }

    #[test]
    fn display_shows_position_and_caret() {
        let d = Diagnostic::at(Path::new("a.md"), "one\ntwo three", 2, 5, "bad");
        assert_eq!(d.to_string(), "a.md:2:5: bad\n 2 | two three\n   |     ^");
    }
}
