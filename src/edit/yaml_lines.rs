//! Reads a YAML block line by line, the way the editor needs to patch it: which lines are
//! blank, comments, or the inside of a multi-line scalar; where a line's trailing comment
//! starts; and which lines each entry of a block mapping and each item of a block sequence
//! spans. The values themselves are read by the YAML parser (`crate::yaml`); this module only
//! finds where they are written.

use std::ops::Range;

/// One line of the block.
#[derive(Debug, Clone)]
pub struct Line<'a> {
    /// The line without its line end.
    pub text: &'a str,
    /// The line with its line end, as in the file.
    pub full: &'a str,
    /// Leading spaces.
    pub indent: usize,
    pub kind: Kind,
    /// Byte index in `text` of a trailing comment's `#` (also for comment lines).
    pub comment: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Blank,
    Comment,
    /// A line that starts outside any scalar or flow collection.
    Content,
    /// A line that continues a quoted or block scalar, or a flow collection, begun above.
    Inside,
}

/// Where the lexer is at the start of a line.
#[derive(Default)]
struct State {
    /// Inside a quoted scalar opened by this character.
    quote: Option<char>,
    /// Depth of `[` / `{` nesting.
    depth: usize,
    /// Inside a block scalar whose lines must be indented more than this.
    block: Option<usize>,
}

/// Splits `text` into classified lines.
pub fn lines(text: &str) -> Vec<Line<'_>> {
    let mut state = State::default();
    let mut out = Vec::new();
    for full in text.split_inclusive('\n') {
        let text = full
            .strip_suffix('\n')
            .map_or(full, |t| t.strip_suffix('\r').unwrap_or(t));
        let indent = text.len() - text.trim_start_matches(' ').len();
        let blank = text.trim().is_empty();
        if let Some(parent) = state.block {
            if blank || indent > parent {
                let kind = if blank { Kind::Blank } else { Kind::Inside };
                out.push(Line {
                    text,
                    full,
                    indent,
                    kind,
                    comment: None,
                });
                continue;
            }
            state.block = None;
        }
        let in_quote = state.quote.is_some();
        let inside = in_quote || state.depth > 0;
        let comment = scan_line(text, indent, &mut state);
        // A line inside a flow collection can still be a comment of its own.
        let own_comment = !in_quote && comment == Some(indent);
        let kind = if inside && !own_comment {
            Kind::Inside
        } else if blank {
            Kind::Blank
        } else if text.trim_start().starts_with('#') {
            Kind::Comment
        } else {
            Kind::Content
        };
        out.push(Line {
            text,
            full,
            indent,
            kind,
            comment,
        });
    }
    out
}

fn is_blank(c: Option<u8>) -> bool {
    matches!(c, None | Some(b' ' | b'\t'))
}

/// Lexes one line from `state`, updates it for the next line, and returns where a trailing
/// comment starts. Every character it looks for is ASCII, so byte indices are char boundaries.
fn scan_line(text: &str, indent: usize, state: &mut State) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut node_start = true;
    // Column of the node that owns what follows (a key or a `-`): a block scalar's lines
    // must be indented more than it.
    let mut owner = indent;
    let mut token_col = indent;
    let mut prev_blank = true;
    while i < bytes.len() {
        let c = bytes[i];
        if let Some(quote) = state.quote {
            i = after_quoted(bytes, i, quote as u8);
            if i <= bytes.len() {
                state.quote = None;
                node_start = false;
            }
            prev_blank = false;
            continue;
        }
        if c == b' ' || c == b'\t' {
            prev_blank = true;
            i += 1;
            continue;
        }
        if c == b'#' && prev_blank {
            return Some(i);
        }
        let next = bytes.get(i + 1).copied();
        prev_blank = false;
        if node_start {
            match c {
                b'"' | b'\'' => {
                    state.quote = Some(c as char);
                    token_col = i;
                    i += 1;
                    continue;
                }
                b'[' | b'{' => {
                    state.depth += 1;
                    i += 1;
                    continue;
                }
                b'|' | b'>' if state.depth == 0 => {
                    state.block = Some(owner);
                    node_start = false;
                    i += 1;
                    continue;
                }
                b'-' | b'?' if state.depth == 0 && is_blank(next) => {
                    owner = i;
                    i += 1;
                    continue;
                }
                b'&' | b'!' => {
                    while i < bytes.len() && !is_blank(Some(bytes[i])) {
                        i += 1;
                    }
                    continue;
                }
                _ => {
                    node_start = false;
                    token_col = i;
                }
            }
        }
        match c {
            b':' if is_blank(next)
                || (state.depth > 0 && matches!(next, Some(b',' | b']' | b'}'))) =>
            {
                owner = token_col;
                node_start = true;
            }
            b',' if state.depth > 0 => node_start = true,
            b'[' | b'{' if state.depth > 0 => state.depth += 1,
            b']' | b'}' if state.depth > 0 => state.depth -= 1,
            _ => {}
        }
        i += 1;
    }
    None
}

/// The index after the quote at or after `i` that closes a scalar quoted with `quote`, or
/// past the end of `bytes` when the scalar goes on to the next line.
fn after_quoted(bytes: &[u8], mut i: usize, quote: u8) -> usize {
    while i < bytes.len() {
        let c = bytes[i];
        let escaped = quote == b'"' && c == b'\\';
        let doubled = quote == b'\'' && c == quote && bytes.get(i + 1) == Some(&quote);
        if escaped || doubled {
            i += 2;
        } else if c == quote {
            return i + 1;
        } else {
            i += 1;
        }
    }
    bytes.len() + 1
}

/// The end of `range` without its trailing blank lines and the comments after it that are
/// not indented more than `col` (those indented more belong to what is above them, like a
/// hint for a row's optional field).
pub fn trim_end(lines: &[Line], range: Range<usize>, col: usize) -> usize {
    let mut end = range.end;
    while end > range.start {
        let line = &lines[end - 1];
        let outside = match line.kind {
            Kind::Blank => true,
            Kind::Comment => line.indent <= col,
            Kind::Content | Kind::Inside => false,
        };
        if !outside {
            break;
        }
        end -= 1;
    }
    end
}

/// A key and the lines its entry spans.
#[derive(Debug, Clone)]
pub struct Entry {
    pub key: String,
    /// The key's line.
    pub line: usize,
    /// The key's byte column.
    pub col: usize,
    /// One past the entry's last line (trailing comments and blank lines not included).
    pub end: usize,
    /// Byte index just after the key's `:`.
    pub colon: usize,
    /// Byte column where a value written on the key's line starts.
    pub inline: Option<usize>,
}

/// The entries of the block mapping in `range`, whose keys are at the indentation of its
/// first content line (or at `first_col` on the first line, for a sequence item's mapping).
/// `None` when the lines are not laid out as one.
pub fn map_entries(
    lines: &[Line],
    range: Range<usize>,
    first_col: Option<usize>,
) -> Option<Vec<Entry>> {
    let mut starts = Vec::new();
    let mut indent = None;
    if let Some(col) = first_col {
        starts.push((range.start, col));
        indent = Some(col);
    }
    let skip = usize::from(first_col.is_some());
    for (index, line) in lines
        .iter()
        .enumerate()
        .take(range.end)
        .skip(range.start + skip)
    {
        if line.kind != Kind::Content {
            continue;
        }
        let n = *indent.get_or_insert(line.indent);
        if line.indent < n {
            return None;
        }
        if line.indent == n && !is_item(line.text, n) {
            starts.push((index, n));
        }
    }
    let mut entries = Vec::with_capacity(starts.len());
    for (k, &(line, col)) in starts.iter().enumerate() {
        let next = starts.get(k + 1).map_or(range.end, |s| s.0);
        let text = lines[line].text;
        let (key, after) = parse_key(text, col)?;
        let stop = lines[line].comment.unwrap_or(text.len());
        let value =
            after + text.get(after..stop)?.len() - text.get(after..stop)?.trim_start().len();
        entries.push(Entry {
            key,
            line,
            col,
            end: trim_end(lines, line + 1..next, col).max(line + 1),
            colon: after,
            inline: (value < stop).then_some(value),
        });
    }
    Some(entries)
}

/// Whether `text` has a sequence item's `-` at byte column `col`.
pub fn is_item(text: &str, col: usize) -> bool {
    let bytes = text.as_bytes();
    bytes.get(col) == Some(&b'-') && is_blank(bytes.get(col + 1).copied())
}

/// The key written at byte column `col` of `text` and the byte index after its `:`.
pub fn parse_key(text: &str, col: usize) -> Option<(String, usize)> {
    let rest = text.get(col..)?;
    let first = rest.bytes().next()?;
    if first == b'"' || first == b'\'' {
        let close = closing_quote(rest, first)?;
        let after = rest[close + 1..].trim_start();
        let colon = rest.len() - after.len();
        if !after.starts_with(':') || !is_blank(after.as_bytes().get(1).copied()) {
            return None;
        }
        let key: String = serde_saphyr::from_str(&rest[..=close]).ok()?;
        return Some((key, col + colon + 1));
    }
    if b"-?:,[]{}#&*!|>%@`".contains(&first) {
        return None;
    }
    let bytes = rest.as_bytes();
    let colon = (0..bytes.len()).find(|&i| {
        bytes[i] == b':' && is_blank(bytes.get(i + 1).copied())
            || bytes[i] == b'#' && i > 0 && is_blank(Some(bytes[i - 1]))
    })?;
    if bytes[colon] != b':' {
        return None;
    }
    let key = rest[..colon].trim_end();
    (!key.is_empty()).then(|| (key.to_string(), col + colon + 1))
}

/// The byte index of the quote that closes the scalar opened by `rest`'s first byte.
fn closing_quote(rest: &str, quote: u8) -> Option<usize> {
    let bytes = rest.as_bytes();
    let mut i = 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if quote == b'"' => i += 2,
            c if c == quote => {
                if quote == b'\'' && bytes.get(i + 1) == Some(&quote) {
                    i += 2;
                } else {
                    return Some(i);
                }
            }
            _ => i += 1,
        }
    }
    None
}

/// An item of a block sequence and the lines it spans.
#[derive(Debug, Clone)]
pub struct Item {
    /// The first of the comment and blank lines right above the item (they travel with it).
    pub lead: usize,
    /// The `-` line.
    pub line: usize,
    /// One past the item's last line.
    pub end: usize,
    /// Byte column of the item's content after `- `; `None` when it starts on the next line.
    pub content: Option<usize>,
}

/// The items of the block sequence in `range` whose `-` is at column `indent`. `None` when
/// the lines are not laid out as one.
pub fn seq_items(lines: &[Line], range: Range<usize>, indent: usize) -> Option<Vec<Item>> {
    let mut starts = Vec::new();
    for index in range.clone() {
        let line = &lines[index];
        if line.kind != Kind::Content {
            continue;
        }
        if line.indent < indent || (line.indent == indent && !is_item(line.text, indent)) {
            return None;
        }
        if line.indent == indent {
            starts.push(index);
        }
    }
    let mut items: Vec<Item> = Vec::with_capacity(starts.len());
    for (k, &line) in starts.iter().enumerate() {
        let next = starts.get(k + 1).copied().unwrap_or(range.end);
        let lead = items.last().map_or(range.start, |prev| prev.end);
        let lead = (lead..line)
            .find(|&i| !matches!(lines[i].kind, Kind::Blank))
            .unwrap_or(line);
        let text = lines[line].text;
        let stop = lines[line].comment.unwrap_or(text.len());
        let after = text.get(indent + 1..stop)?;
        let content = indent + 1 + (after.len() - after.trim_start().len());
        items.push(Item {
            lead,
            line,
            end: trim_end(lines, line + 1..next, indent).max(line + 1),
            content: (content < stop).then_some(content),
        });
    }
    Some(items)
}

/// The lines after an entry's key line that hold its value, and how that value is laid out
/// when nothing is written on the key's line.
pub enum Nested {
    /// Nothing below the key.
    Nothing,
    /// A block sequence whose `-` is at this column.
    Seq(usize),
    /// A block mapping.
    Map,
}

pub fn nested(lines: &[Line], range: Range<usize>) -> Nested {
    match range.clone().find(|&i| lines[i].kind == Kind::Content) {
        None => Nested::Nothing,
        Some(i) if is_item(lines[i].text, lines[i].indent) => Nested::Seq(lines[i].indent),
        Some(_) => Nested::Map,
    }
}
