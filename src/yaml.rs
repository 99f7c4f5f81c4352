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
    let options = serde_saphyr::options! { with_snippet: false };
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
