//! The shortcode syntax Zola sites write in Markdown, read into pieces: text to keep, escaped
//! shortcodes to write literally (`{{/* name() */}}`), and calls with their arguments and body.
//!
//! A call starts with `{{` or `{%`, a name and `(`: anything else in braces (`{{ page.title }}`
//! in prose) is text. Once a call has started, a mistake in it is an error, never silently
//! text. Calls that start inside code (given as byte ranges) are left alone; escapes are
//! written literally everywhere, since Zola sites use them inside code blocks to show a call.
//! Only ASCII bytes are ever looked at to cut the text, so every cut is on a char boundary.

use std::ops::Range;

use serde_json::{Map, Number, Value};

/// One piece of the text.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    /// Kept as written.
    Text(Range<usize>),
    /// Written as this text instead of the range (an escaped shortcode).
    Literal(Range<usize>, String),
    Call(Call),
}

/// A shortcode call: `{{ name(arg=value) }}`, or `{% name() %}body{% end %}` with a body.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    pub name: String,
    pub args: Map<String, Value>,
    /// The whole call, its body and `{% end %}` included.
    pub span: Range<usize>,
    /// The body, trimmed, in pieces: calls without a body may be used inside it.
    pub body: Option<Vec<Piece>>,
}

/// A mistake in a call, at the byte where the call starts.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    pub at: usize,
    pub name: String,
    pub kind: ErrorKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ErrorKind {
    /// Where an argument's name should be.
    ArgumentName,
    /// No `=` after the argument's name.
    Equals(String),
    /// No value, or not one of the kinds of value, after `arg=`.
    Value(String),
    /// The string value of the argument has no closing quote.
    String(String),
    /// Neither `,` nor `)` after an argument.
    Separator,
    /// No `}}` or `%}` after the arguments.
    Close(&'static str),
    /// A call with a body has no `{% end %}`.
    Unclosed,
    /// `{% end %}` with no open call.
    StrayEnd,
    /// A call with a body inside another one's body.
    Nested,
}

/// Reads `text` into pieces; calls starting inside the `code` ranges (sorted, not
/// overlapping) are text. Every mistake is returned, each call's once.
pub fn parse(text: &str, code: &[Range<usize>]) -> (Vec<Piece>, Vec<SyntaxError>) {
    let mut scanner = Scanner {
        text,
        bytes: text.as_bytes(),
        code,
        errors: Vec::new(),
    };
    let pieces = scanner.pieces(0..text.len(), false);
    (pieces, scanner.errors)
}

struct Scanner<'t> {
    text: &'t str,
    bytes: &'t [u8],
    code: &'t [Range<usize>],
    errors: Vec<SyntaxError>,
}

/// A call's name and arguments, read up to its closing `}}` or `%}` (`end` is after it).
struct Opening {
    name: String,
    args: Map<String, Value>,
    end: usize,
}

impl Scanner<'_> {
    fn pieces(&mut self, range: Range<usize>, in_body: bool) -> Vec<Piece> {
        let mut pieces = Vec::new();
        let mut text_from = range.start;
        let mut pos = range.start;
        while let Some(found) = memchr::memchr(b'{', &self.bytes[pos..range.end]) {
            let at = pos + found;
            match self.item_at(at, range.end, in_body) {
                Some((piece, after)) => {
                    if text_from < at {
                        pieces.push(Piece::Text(text_from..at));
                    }
                    pieces.push(piece);
                    text_from = after;
                    pos = after;
                }
                None => pos = at + 1,
            }
        }
        if text_from < range.end {
            pieces.push(Piece::Text(text_from..range.end));
        }
        pieces
    }

    fn starts(&self, at: usize, end: usize, token: &str) -> bool {
        self.bytes[at..end].starts_with(token.as_bytes())
    }

    fn in_code(&self, at: usize) -> bool {
        let index = self.code.partition_point(|r| r.end <= at);
        self.code.get(index).is_some_and(|r| r.contains(&at))
    }

    /// The piece starting at the `{` at `at`, and where it ends; `None` when it is text.
    fn item_at(&mut self, at: usize, end: usize, in_body: bool) -> Option<(Piece, usize)> {
        if self.starts(at, end, "{{/*") {
            return self.escaped(at, end, "{{", "*/}}", false);
        }
        if self.starts(at, end, "{%/*") {
            return self.escaped(at, end, "{%", "*/%}", true);
        }
        if self.in_code(at) {
            return None;
        }
        if self.starts(at, end, "{{") {
            let opening = self.opening(at, at + 2, end, "}}")?;
            let call = Call {
                name: opening.name,
                args: opening.args,
                span: at..opening.end,
                body: None,
            };
            return Some((Piece::Call(call), opening.end));
        }
        if self.starts(at, end, "{%") {
            return self.with_body(at, end, in_body);
        }
        None
    }

    /// `{{/* call */}}` or `{%/* call */%}` (`{%/* end */%}` too): the call written with
    /// `{{`/`}}` or `{%`/`%}`, as it would be without the escape.
    fn escaped(
        &mut self,
        at: usize,
        end: usize,
        open: &str,
        close: &str,
        may_be_end: bool,
    ) -> Option<(Piece, usize)> {
        let inner_start = at + 4;
        let mut cursor = Cursor::new(self.bytes, inner_start, end);
        cursor.skip_space();
        let is_end = may_be_end && cursor.word("end");
        if !is_end {
            cursor.ident()?;
            cursor.skip_space();
            if !cursor.eat(b'(') {
                return None;
            }
            cursor.arguments().ok()?;
        }
        cursor.skip_space();
        let inner_end = cursor.pos;
        if !cursor.eat_str(close) {
            return None;
        }
        let close_plain = &close[2..];
        let literal = format!("{open}{}{close_plain}", &self.text[inner_start..inner_end]);
        Some((Piece::Literal(at..cursor.pos, literal), cursor.pos))
    }

    /// A call's name, arguments and closing `close`, from just after its `{{` or `{%` at
    /// `start`. `None` when it is no call (no name and `(`), or a mistake (then recorded).
    fn opening(
        &mut self,
        at: usize,
        start: usize,
        end: usize,
        close: &'static str,
    ) -> Option<Opening> {
        let mut cursor = Cursor::new(self.bytes, start, end);
        cursor.skip_space();
        let name = cursor.ident()?.to_string();
        cursor.skip_space();
        if !cursor.eat(b'(') {
            return None;
        }
        let fail = |kind| SyntaxError {
            at,
            name: name.clone(),
            kind,
        };
        let args = match cursor.arguments() {
            Ok(args) => args,
            Err(kind) => {
                self.errors.push(fail(kind));
                return None;
            }
        };
        cursor.skip_space();
        if !cursor.eat_str(close) {
            self.errors.push(fail(ErrorKind::Close(close)));
            return None;
        }
        Some(Opening {
            name,
            args,
            end: cursor.pos,
        })
    }

    /// `{% name(args) %}body{% end %}`; a stray `{% end %}` is a mistake.
    fn with_body(&mut self, at: usize, end: usize, in_body: bool) -> Option<(Piece, usize)> {
        if self.end_tag(at, end).is_some() {
            self.errors.push(SyntaxError {
                at,
                name: String::new(),
                kind: ErrorKind::StrayEnd,
            });
            return None;
        }
        let opening = self.opening(at, at + 2, end, "%}")?;
        let mistake = |kind| SyntaxError {
            at,
            name: opening.name.clone(),
            kind,
        };
        if in_body {
            self.errors.push(mistake(ErrorKind::Nested));
            return None;
        }
        let Some((body_end, after)) = self.find_end(opening.end, end) else {
            self.errors.push(mistake(ErrorKind::Unclosed));
            return None;
        };
        let body = trimmed(self.bytes, opening.end..body_end);
        let pieces = self.pieces(body, true);
        let call = Call {
            name: opening.name,
            args: opening.args,
            span: at..after,
            body: Some(pieces),
        };
        Some((Piece::Call(call), after))
    }

    /// The first `{% end %}` from `from` that is not in code: where it starts and ends.
    fn find_end(&self, from: usize, end: usize) -> Option<(usize, usize)> {
        let mut pos = from;
        while let Some(found) = memchr::memmem::find(&self.bytes[pos..end], b"{%") {
            let at = pos + found;
            if !self.in_code(at) {
                if let Some(after) = self.end_tag(at, end) {
                    return Some((at, after));
                }
            }
            pos = at + 2;
        }
        None
    }

    /// `{% end %}` at `at`: where it ends.
    fn end_tag(&self, at: usize, end: usize) -> Option<usize> {
        let mut cursor = Cursor::new(self.bytes, at, end);
        if !cursor.eat_str("{%") {
            return None;
        }
        cursor.skip_space();
        if !cursor.word("end") {
            return None;
        }
        cursor.skip_space();
        cursor.eat_str("%}").then_some(cursor.pos)
    }
}

/// `range` without the whitespace at its ends.
fn trimmed(bytes: &[u8], range: Range<usize>) -> Range<usize> {
    let (mut start, mut end) = (range.start, range.end);
    while start < end && bytes[start].is_ascii_whitespace() {
        start += 1;
    }
    while end > start && bytes[end - 1].is_ascii_whitespace() {
        end -= 1;
    }
    start..end
}

/// Reads a call's parts from a position in the text, never past `end`.
struct Cursor<'t> {
    bytes: &'t [u8],
    pos: usize,
    end: usize,
}

fn is_ident_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_'
}

impl<'t> Cursor<'t> {
    fn new(bytes: &'t [u8], pos: usize, end: usize) -> Self {
        Cursor { bytes, pos, end }
    }

    fn peek(&self) -> Option<u8> {
        (self.pos < self.end).then(|| self.bytes[self.pos])
    }

    fn skip_space(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_whitespace()) {
            self.pos += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> bool {
        let found = self.peek() == Some(byte);
        self.pos += usize::from(found);
        found
    }

    fn eat_str(&mut self, token: &str) -> bool {
        let found = self.bytes[self.pos..self.end].starts_with(token.as_bytes());
        if found {
            self.pos += token.len();
        }
        found
    }

    /// `word` as a whole word (`end`, not `ending`).
    fn word(&mut self, word: &str) -> bool {
        let after = self.pos + word.len();
        let whole = self.bytes[self.pos..self.end].starts_with(word.as_bytes())
            && !(after < self.end && is_ident_byte(self.bytes[after]));
        if whole {
            self.pos = after;
        }
        whole
    }

    /// A name: a letter or `_`, then letters, digits and `_`.
    fn ident(&mut self) -> Option<&'t str> {
        let start = self.pos;
        if !self
            .peek()
            .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        {
            return None;
        }
        while self.peek().is_some_and(is_ident_byte) {
            self.pos += 1;
        }
        std::str::from_utf8(&self.bytes[start..self.pos]).ok()
    }

    /// `name=value, …)`, just after the `(`; the `)` is read too.
    fn arguments(&mut self) -> Result<Map<String, Value>, ErrorKind> {
        let mut args = Map::new();
        self.skip_space();
        if self.eat(b')') {
            return Ok(args);
        }
        loop {
            self.skip_space();
            let name = self.ident().ok_or(ErrorKind::ArgumentName)?.to_string();
            self.skip_space();
            if !self.eat(b'=') {
                return Err(ErrorKind::Equals(name));
            }
            self.skip_space();
            let value = self.value(&name)?;
            args.insert(name, value);
            self.skip_space();
            if self.eat(b')') {
                return Ok(args);
            }
            if !self.eat(b',') {
                return Err(ErrorKind::Separator);
            }
            self.skip_space();
            // A comma after the last argument is allowed.
            if self.eat(b')') {
                return Ok(args);
            }
        }
    }

    /// A string in `"`, `'` or `` ` ``, a number, `true`, `false`, or a list of these in `[ ]`.
    fn value(&mut self, name: &str) -> Result<Value, ErrorKind> {
        match self.peek() {
            Some(quote @ (b'"' | b'\'' | b'`')) => self.string(quote, name),
            Some(b'[') => self.array(name),
            Some(b'-' | b'0'..=b'9') => self.number(name),
            _ if self.word("true") => Ok(Value::Bool(true)),
            _ if self.word("false") => Ok(Value::Bool(false)),
            _ => Err(ErrorKind::Value(name.to_string())),
        }
    }

    fn string(&mut self, quote: u8, name: &str) -> Result<Value, ErrorKind> {
        let start = self.pos + 1;
        let Some(length) = memchr::memchr(quote, &self.bytes[start..self.end]) else {
            return Err(ErrorKind::String(name.to_string()));
        };
        self.pos = start + length + 1;
        let text = std::str::from_utf8(&self.bytes[start..start + length])
            .map_err(|_| ErrorKind::String(name.to_string()))?;
        Ok(Value::String(text.to_string()))
    }

    fn array(&mut self, name: &str) -> Result<Value, ErrorKind> {
        self.pos += 1;
        let mut items = Vec::new();
        loop {
            self.skip_space();
            if self.eat(b']') {
                return Ok(Value::Array(items));
            }
            items.push(self.value(name)?);
            self.skip_space();
            if self.eat(b']') {
                return Ok(Value::Array(items));
            }
            if !self.eat(b',') {
                return Err(ErrorKind::Value(name.to_string()));
            }
        }
    }

    /// `-12` or `3.5`; a whole number too large for 64 bits is kept as a float.
    fn number(&mut self, name: &str) -> Result<Value, ErrorKind> {
        let start = self.pos;
        self.eat(b'-');
        let digits = |cursor: &mut Self| {
            let from = cursor.pos;
            while cursor.peek().is_some_and(|b| b.is_ascii_digit()) {
                cursor.pos += 1;
            }
            cursor.pos > from
        };
        let invalid = || ErrorKind::Value(name.to_string());
        if !digits(self) {
            return Err(invalid());
        }
        let is_float = self.peek() == Some(b'.');
        if is_float {
            self.pos += 1;
            if !digits(self) {
                return Err(invalid());
            }
        }
        if self.peek().is_some_and(is_ident_byte) {
            return Err(invalid());
        }
        let text = std::str::from_utf8(&self.bytes[start..self.pos]).map_err(|_| invalid())?;
        if !is_float {
            if let Ok(whole) = text.parse::<i64>() {
                return Ok(Value::Number(whole.into()));
            }
        }
        text.parse::<f64>()
            .ok()
            .and_then(Number::from_f64)
            .map(Value::Number)
            .ok_or_else(invalid)
    }
}
