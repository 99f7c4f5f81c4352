//! YAML parser errors told as what the writer did: a colon in a value, a missing space after
//! a colon, a tab, a line indented wrongly, a quote never closed. The parser's position is
//! where it gave up, which is often a line later than the mistake, so the lines themselves
//! are read to find it.

use super::Args;
use crate::args;

/// A mistake found in a YAML block: its code and arguments, and its 1-based line and column
/// in the block.
#[derive(Debug, PartialEq)]
pub struct Found {
    pub code: &'static str,
    pub args: Args,
    pub line: usize,
    pub column: usize,
}

/// What the writer did wrong in `yaml`, from the parser's `message` at block `line`:`column`;
/// `None` when the message is not about how the block is written (a wrong type, an unknown
/// key), which stays the parser's own.
pub fn explain(yaml: &str, message: &str, line: usize, column: usize) -> Option<Found> {
    let lines: Vec<&str> = yaml.lines().collect();
    let syntax = is_syntax(message);
    if syntax || message.contains("tab") {
        if let Some(found) = tab(&lines, line + 1) {
            return Some(found);
        }
    }
    if message.contains("quoted scalar") && !message.contains("trailing content") {
        if let Some(found) = unclosed_quote(&lines, line) {
            return Some(found);
        }
    }
    let text = |n: usize| lines.get(n.checked_sub(1)?).copied();
    if message.contains("trailing content after") {
        return Some(Found {
            code: "yaml.text_after_quote",
            args: Vec::new(),
            line,
            column,
        });
    }
    if let Some(bracket) = message.strip_prefix("unclosed bracket '") {
        let open = bracket.chars().next()?;
        let close = if open == '[' { ']' } else { '}' };
        return Some(Found {
            code: "yaml.unclosed_bracket",
            args: args!("bracket" => open, "close" => close),
            line,
            column,
        });
    }
    if message.contains("simple key expected") {
        if let Some(found) = missing_space(text(line)?, line) {
            return Some(found);
        }
    }
    if message.contains("mapping values are not allowed") {
        let current = text(line)?;
        if let Some(found) = colon_in_value(current, line) {
            return Some(found);
        }
        let previous = (1..line)
            .rev()
            .find(|&n| text(n).is_some_and(|t| !t.trim().is_empty()));
        if let Some(found) = previous.and_then(|n| missing_space(text(n)?, n)) {
            return Some(found);
        }
        return Some(indent(current, line));
    }
    if message.contains("did not find expected") {
        return Some(indent(text(line)?, line));
    }
    if let Some(kind) = message.strip_prefix("unexpected event: expected ") {
        return expected(text(line)?, line, kind);
    }
    if let Some(found) = value_problem(message, text(line), line, column) {
        return Some(found);
    }
    let detail = message
        .rfind(" at line ")
        .map_or(message, |at| &message[..at]);
    syntax.then(|| Found {
        code: "yaml.syntax",
        args: args!("detail" => detail),
        line,
        column,
    })
}

/// The parser's words for a key written twice, an alias to no anchor, a number out of range
/// and a wrong merge (`duplicate mapping key: title not allowed here`, `reference to unknown
/// value`, `invalid i64`), told as what to change. `text` is the line at `line`.
fn value_problem(message: &str, text: Option<&str>, line: usize, column: usize) -> Option<Found> {
    let found = |code, args| {
        Some(Found {
            code,
            args,
            line,
            column,
        })
    };
    if let Some(rest) = message.strip_prefix("duplicate mapping key: ") {
        let key = rest.split(" not allowed").next().unwrap_or(rest);
        return found("yaml.duplicate_key", args!("field" => key));
    }
    if message.starts_with("reference to unknown value") {
        let at: String = text?.chars().skip(column.saturating_sub(1)).collect();
        let alias: String = at
            .chars()
            .take_while(|c| !c.is_whitespace() && !",]}".contains(*c))
            .collect();
        let name = alias.strip_prefix('*')?.to_string();
        return found("yaml.unknown_alias", args!("name" => name));
    }
    let number = ["invalid i", "invalid u"]
        .iter()
        .any(|p| message.starts_with(p) && message[p.len()..].trim().parse::<u8>().is_ok());
    if number {
        return found("yaml.number_range", Vec::new());
    }
    if message.contains("surrogate") || message.contains("escape") {
        return found("yaml.bad_escape", Vec::new());
    }
    if message.starts_with("YAML merge value must be") {
        return found("yaml.merge", Vec::new());
    }
    None
}

/// Messages of the scanner and parser (as opposed to the typed reading of the values).
fn is_syntax(message: &str) -> bool {
    [
        "while scanning",
        "while parsing",
        "mapping values",
        "simple key",
        "tabs",
        "quoted scalar",
        "did not find",
        "could not find",
        "found character",
        "block sequence entries",
        "unclosed bracket",
        "illegal placement",
        "trailing content",
    ]
    .iter()
    .any(|m| message.contains(m))
}

/// The first line up to `last` indented with a tab.
fn tab(lines: &[&str], last: usize) -> Option<Found> {
    lines
        .iter()
        .take(last)
        .enumerate()
        .find_map(|(index, text)| {
            let indent: String = text.chars().take_while(|c| c.is_whitespace()).collect();
            let at = indent.chars().position(|c| c == '\t')?;
            Some(Found {
                code: "yaml.tab",
                args: Vec::new(),
                line: index + 1,
                column: at + 1,
            })
        })
}

/// The last line before `line` (inclusive) whose value opens a quote it does not close.
fn unclosed_quote(lines: &[&str], line: usize) -> Option<Found> {
    (1..=line.min(lines.len())).rev().find_map(|n| {
        let text = lines[n - 1];
        let (_, value) = split_field(text)?;
        let start = text.len() - value.len();
        let quote = value.chars().next().filter(|c| *c == '"' || *c == '\'')?;
        let closed = value[1..].trim_end().ends_with(quote);
        (!closed).then(|| Found {
            code: "yaml.unclosed_quote",
            args: args!("quote" => quote),
            line: n,
            column: text[..start].chars().count() + 1,
        })
    })
}

/// `key: value` (after a list's `- `): the key and the value, trimmed at the start.
fn split_field(text: &str) -> Option<(&str, &str)> {
    let body = text.trim_start();
    let body = body.strip_prefix("- ").unwrap_or(body).trim_start();
    let (key, value) = body.split_once(": ")?;
    (!key.is_empty() && !key.contains(['"', '\'', ' '])).then_some((key, value.trim_start()))
}

/// `title: Rutin: så gör du`: the value holds `: `; the caret is at that colon.
fn colon_in_value(text: &str, line: usize) -> Option<Found> {
    let (key, value) = split_field(text)?;
    let at = value
        .find(": ")
        .or_else(|| value.strip_suffix(':').map(str::len))?;
    let start = text.len() - value.len();
    Some(Found {
        code: "yaml.colon_in_value",
        args: args!("field" => key, "value" => value.trim_end().replace('"', "\\\"")),
        line,
        column: text[..start + at].chars().count() + 1,
    })
}

/// `miljo:skola`: a key and its value joined by a colon without a space (not a web address).
fn missing_space(text: &str, line: usize) -> Option<Found> {
    let indent = text.len() - text.trim_start().len();
    let body = text.trim_start();
    let body_start = indent + (body.len() - body.strip_prefix("- ").unwrap_or(body).len());
    let body = &text[body_start..];
    let colon = body.find(':')?;
    let (key, rest) = (&body[..colon], &body[colon + 1..]);
    let joined = !rest.is_empty() && !rest.starts_with([' ', '/']);
    let is_key = !key.is_empty() && !key.contains([' ', '"', '\'', '#']);
    (joined && is_key).then(|| Found {
        code: "yaml.missing_space",
        args: args!("written" => body.trim_end(), "field" => key, "value" => rest.trim_end()),
        line,
        column: text[..body_start + colon + 1].chars().count() + 1,
    })
}

/// A line indented differently from the lines it belongs with; the caret at its first letter.
fn indent(text: &str, line: usize) -> Found {
    let column = text.chars().take_while(|c| c.is_whitespace()).count() + 1;
    Found {
        code: "yaml.indent",
        args: Vec::new(),
        line,
        column,
    }
}

/// A value where a list or fields were expected (`aliases: gammal`).
fn expected(text: &str, line: usize, kind: &str) -> Option<Found> {
    let (key, value) =
        split_field(text).or_else(|| text.trim().strip_suffix(':').map(|key| (key, "")))?;
    let code = if kind.starts_with("sequence") {
        "yaml.expected_list"
    } else if kind.starts_with("mapping") {
        "yaml.expected_fields"
    } else {
        return None;
    };
    let column = text.len() - text.trim_start().len() + 1;
    Some(Found {
        code,
        args: args!("field" => key, "value" => value.trim_end()),
        line,
        column,
    })
}

#[cfg(test)]
#[path = "yaml_tests.rs"]
mod tests;
