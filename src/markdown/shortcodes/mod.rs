//! Zola's shortcodes in Markdown: `{{ name(arg=value) }}` and `{% name() %}body{% end %}`,
//! run from the site's `templates/shortcodes/NAME.html` or `NAME.md` before the Markdown is
//! read.
//!
//! A `.md` shortcode's output is Markdown, written into the body in the call's place. An
//! `.html` shortcode's output is HTML: the body gets a placeholder that the renderer replaces
//! with it, so that Markdown never reads (or mangles) it. Either way the expanded body is not
//! the file: [`Expanded::original`] maps every position in it back to the file, so that a
//! broken link after a shortcode is reported on its own line. Templates are run through the
//! [`Runner`] the site hands in: this module does not know Tera.

pub mod html_text;
pub mod parse;
#[cfg(test)]
mod parse_tests;
#[cfg(test)]
mod tests;

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag};
use serde_json::{Map, Value};

use crate::args;
use crate::content::{Document, Library};
use crate::messages::Args;

pub use parse::{parse, Call, ErrorKind, Piece, SyntaxError};

/// What a shortcode's template writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// HTML, put into the page as it is.
    Html,
    /// Markdown, read with the rest of the page.
    Markdown,
}

/// One call to run: its arguments, its body with the calls in it already run, its count on
/// the page (`nth`, from 1), and the document it is in.
pub struct Invocation<'a> {
    pub name: &'a str,
    pub args: &'a Map<String, Value>,
    pub body: Option<&'a str>,
    pub nth: usize,
    pub library: &'a Library,
    pub doc: &'a Document,
}

/// Why a shortcode's template could not be rendered.
pub struct Failure {
    /// The template's file, as shown to the user.
    pub template: String,
    pub error: String,
}

/// The site's shortcode templates.
pub trait Runner: Send + Sync {
    /// The kind of the shortcode `name`; `None` when the site has no such shortcode.
    fn kind(&self, name: &str) -> Option<Kind>;
    fn render(&self, call: &Invocation<'_>) -> Result<String, Failure>;
}

/// A mistake in a shortcode, at a byte offset of the body: a catalogue text and its arguments.
#[derive(Debug)]
pub struct Problem {
    pub at: usize,
    pub code: &'static str,
    pub key: &'static str,
    pub args: Args,
}

/// A body with its shortcodes run.
pub struct Expanded<'t> {
    pub text: Cow<'t, str>,
    /// Where each piece of `text` starts, and where it came from in the body.
    segments: Vec<Segment>,
    /// The output of each `.html` call, by the number in its placeholder.
    pub html: Vec<String>,
    pub problems: Vec<Problem>,
}

#[derive(Debug, Clone, Copy)]
struct Segment {
    expanded: usize,
    original: usize,
    /// Copied from the body, byte for byte; else written in place of the body from `original`
    /// (a call's output, an escape).
    copied: bool,
}

impl Expanded<'_> {
    /// The offset in the body of the byte at `offset` of the expanded text: the same byte for
    /// text kept as written, the start of the call for what a call wrote.
    pub fn original(&self, offset: usize) -> usize {
        let index = self.segments.partition_point(|s| s.expanded <= offset);
        let Some(segment) = index.checked_sub(1).map(|i| self.segments[i]) else {
            return offset;
        };
        match segment.copied {
            true => segment.original + (offset - segment.expanded),
            false => segment.original,
        }
    }
}

/// Marks an `.html` call's output in the expanded text: `\u{E000}3\u{E001}` is `html[3]`.
/// Characters of Unicode's private use area, which Markdown gives no meaning.
const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';

fn placeholder(index: usize) -> String {
    format!("{OPEN}{index}{CLOSE}")
}

/// Runs the shortcodes of `doc`'s body. Without a runner, or without `{{` and `{%`, the body
/// is used as it is.
pub fn expand<'t>(
    body: &'t str,
    runner: Option<&dyn Runner>,
    library: &Library,
    doc: &Document,
) -> Expanded<'t> {
    let unchanged = |body| Expanded {
        text: Cow::Borrowed(body),
        segments: Vec::new(),
        html: Vec::new(),
        problems: Vec::new(),
    };
    let Some(runner) = runner else {
        return unchanged(body);
    };
    let bytes = body.as_bytes();
    if memchr::memmem::find(bytes, b"{{").is_none() && memchr::memmem::find(bytes, b"{%").is_none()
    {
        return unchanged(body);
    }
    let (pieces, errors) = parse(body, &code_ranges(body));
    let mut expander = Expander {
        runner,
        library,
        doc,
        body,
        counts: HashMap::new(),
        problems: errors.iter().map(syntax_problem).collect(),
        html: Vec::new(),
    };
    let mut text = String::with_capacity(body.len());
    let mut segments = Vec::with_capacity(pieces.len());
    for piece in &pieces {
        let (original, copied) = match piece {
            Piece::Text(range) => (range.start, true),
            Piece::Literal(range, _) => (range.start, false),
            Piece::Call(call) => (call.span.start, false),
        };
        segments.push(Segment {
            expanded: text.len(),
            original,
            copied,
        });
        match piece {
            Piece::Text(range) => text.push_str(&body[range.clone()]),
            Piece::Literal(_, literal) => text.push_str(literal),
            Piece::Call(call) => match expander.call(call) {
                Some((Kind::Markdown, output)) => text.push_str(&output),
                Some((Kind::Html, output)) => {
                    text.push_str(&placeholder(expander.html.len()));
                    expander.html.push(output);
                }
                None => {}
            },
        }
    }
    Expanded {
        text: Cow::Owned(text),
        segments,
        html: expander.html,
        problems: expander.problems,
    }
}

/// The byte ranges of the code blocks and code spans of `body`, in order: shortcodes in them
/// are left as written.
pub fn code_ranges(body: &str) -> Vec<Range<usize>> {
    Parser::new_ext(body, super::options())
        .into_offset_iter()
        .filter(|(event, _)| matches!(event, Event::Start(Tag::CodeBlock(_)) | Event::Code(_)))
        .map(|(_, range)| range)
        .collect()
}

struct Expander<'a> {
    runner: &'a dyn Runner,
    library: &'a Library,
    doc: &'a Document,
    body: &'a str,
    /// Calls so far of each shortcode, for `nth`.
    counts: HashMap<String, usize>,
    problems: Vec<Problem>,
    html: Vec<String>,
}

impl Expander<'_> {
    /// Runs one call, and the calls in its body first; `None` when one of them failed.
    fn call(&mut self, call: &Call) -> Option<(Kind, String)> {
        let count = self.counts.entry(call.name.clone()).or_insert(0);
        *count += 1;
        let nth = *count;
        let problem = |code, key, args| Problem {
            at: call.span.start,
            code,
            key,
            args,
        };
        let Some(kind) = self.runner.kind(&call.name) else {
            let args = args!("name" => call.name);
            self.problems
                .push(problem("shortcode.unknown", "shortcode.unknown", args));
            return None;
        };
        let body = match &call.body {
            Some(pieces) => Some(self.body(pieces, kind)?),
            None => None,
        };
        let invocation = Invocation {
            name: &call.name,
            args: &call.args,
            body: body.as_deref(),
            nth,
            library: self.library,
            doc: self.doc,
        };
        match self.runner.render(&invocation) {
            // A template file's last line end is not part of what it writes: inline, it would
            // put a space before the text that follows.
            Ok(output) => Some((
                kind,
                output.replace("\r\n", "\n").trim_end_matches('\n').into(),
            )),
            Err(failure) => {
                let args = args!(
                    "name" => call.name,
                    "template" => failure.template,
                    "error" => failure.error,
                );
                self.problems
                    .push(problem("shortcode.render", "shortcode.render", args));
                None
            }
        }
    }

    /// A body with the calls in it run; `None` when one failed, after every one was tried.
    /// In the body of an `.html` shortcode their output is put as it is (as Zola does); in a
    /// `.md` one's, whose output is read as Markdown, HTML goes in as a placeholder, as it
    /// would in the page.
    fn body(&mut self, pieces: &[Piece], outer: Kind) -> Option<String> {
        let mut text = String::new();
        let mut failed = false;
        for piece in pieces {
            match piece {
                Piece::Text(range) => text.push_str(&self.body[range.clone()]),
                Piece::Literal(_, literal) => text.push_str(literal),
                Piece::Call(call) => match self.call(call) {
                    Some((Kind::Html, output)) if outer == Kind::Markdown => {
                        text.push_str(&placeholder(self.html.len()));
                        self.html.push(output);
                    }
                    Some((_, output)) => text.push_str(&output),
                    None => failed = true,
                },
            }
        }
        (!failed).then_some(text)
    }
}

/// The catalogue text of a syntax mistake.
fn syntax_problem(error: &SyntaxError) -> Problem {
    let name = error.name.clone();
    let (code, key, args): (&'static str, &'static str, Args) = match &error.kind {
        ErrorKind::ArgumentName => (
            "shortcode.syntax",
            "shortcode.syntax/name",
            args!("name" => name),
        ),
        ErrorKind::Equals(arg) => (
            "shortcode.syntax",
            "shortcode.syntax/equals",
            args!("name" => name, "arg" => arg),
        ),
        ErrorKind::Value(arg) => (
            "shortcode.syntax",
            "shortcode.syntax/value",
            args!("name" => name, "arg" => arg),
        ),
        ErrorKind::String(arg) => (
            "shortcode.syntax",
            "shortcode.syntax/string",
            args!("name" => name, "arg" => arg),
        ),
        ErrorKind::Separator => (
            "shortcode.syntax",
            "shortcode.syntax/separator",
            args!("name" => name),
        ),
        ErrorKind::Close(close) => (
            "shortcode.syntax",
            "shortcode.syntax/close",
            args!("name" => name, "close" => close),
        ),
        ErrorKind::Unclosed => (
            "shortcode.unclosed",
            "shortcode.unclosed",
            args!("name" => name),
        ),
        ErrorKind::StrayEnd => ("shortcode.end", "shortcode.end", Args::new()),
        ErrorKind::Nested => (
            "shortcode.nested",
            "shortcode.nested",
            args!("name" => name),
        ),
    };
    Problem {
        at: error.at,
        code,
        key,
        args,
    }
}

/// A piece of expanded text: text, or the output of an `.html` call by its number.
#[derive(Debug, PartialEq)]
pub enum Part<'t> {
    Text(&'t str),
    Output(usize),
}

/// `text` cut at its placeholders; `None` when it has none (the usual case, found fast).
pub fn split_placeholders(text: &str) -> Option<Vec<Part<'_>>> {
    text.find(OPEN)?;
    let mut parts = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find(OPEN) {
        let after = &rest[open + OPEN.len_utf8()..];
        let number = after
            .find(CLOSE)
            .and_then(|close| Some((after[..close].parse::<usize>().ok()?, close)));
        let Some((index, close)) = number else {
            // A private-use character the user wrote: text like any other.
            parts.push(Part::Text(&rest[..open + OPEN.len_utf8()]));
            rest = after;
            continue;
        };
        if open > 0 {
            parts.push(Part::Text(&rest[..open]));
        }
        parts.push(Part::Output(index));
        rest = &after[close + CLOSE.len_utf8()..];
    }
    if !rest.is_empty() {
        parts.push(Part::Text(rest));
    }
    Some(parts)
}
