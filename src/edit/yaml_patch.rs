//! Rewrites a front matter for new values, line by line: a field whose value is the same
//! keeps its bytes, a removed one loses its lines, a changed one gets new lines in the style
//! of the old. Lists and records written as block sequences are patched item by item (an
//! unchanged row keeps its text and comments, also when it moves) and a changed row or
//! nested map key by key.

use std::ops::Range;

use serde_json::{Map, Value};

use super::front_matter::{Fields, Split};
use super::yaml_lines::{self, Entry, Item, Kind, Line, Nested};
use super::yaml_out::{self, is_empty, same, Hints};
use crate::yaml::{Node, Spanned};

/// The front matter of `split` with the fields named in `shown` set to `values`.
pub(super) fn front(
    split: &Split,
    fields: &Fields,
    values: &Map<String, Value>,
    shown: &[&str],
) -> Result<String, String> {
    let lines = yaml_lines::lines(split.front);
    let entries = yaml_lines::map_entries(&lines, 0..lines.len(), None)
        .filter(|entries| {
            entries.len() == fields.len()
                && entries
                    .iter()
                    .zip(fields)
                    .all(|(e, (k, _))| e.key == k.value)
        })
        .ok_or_else(|| {
            "the front matter is laid out in a way the editor cannot change safely; \
             change it in a text editor"
                .to_string()
        })?;
    let mut patcher = Patcher {
        lines: &lines,
        eol: split.eol,
        out: String::with_capacity(split.front.len() + 64),
    };
    let mut pos = 0;
    for (entry, (_, node)) in entries.iter().zip(fields) {
        patcher.copy(pos..entry.line);
        if shown.contains(&entry.key.as_str()) {
            let prefix = &lines[entry.line].text[..entry.col];
            patcher.field(entry, &node.value, values.get(&entry.key), prefix);
        } else {
            patcher.copy(entry.line..entry.end);
        }
        pos = entry.end;
    }
    patcher.copy(pos..lines.len());
    let col = entries.first().map_or(0, |e| e.col);
    let mut added: Vec<&str> = Vec::new();
    for &key in shown {
        if added.contains(&key) || entries.iter().any(|e| e.key == key) {
            continue;
        }
        added.push(key);
        if let Some(value) = values.get(key).filter(|v| !is_empty(v)) {
            let lines = yaml_out::entry(key, value, col, Hints::default());
            patcher.emit(&" ".repeat(col), lines, "");
        }
    }
    Ok(patcher.out)
}

struct Patcher<'a> {
    lines: &'a [Line<'a>],
    eol: &'a str,
    out: String,
}

type Entries = [(Spanned<String>, Spanned<Node>)];

impl Patcher<'_> {
    fn copy(&mut self, range: Range<usize>) {
        for line in &self.lines[range] {
            self.out.push_str(line.full);
        }
    }

    /// Copies lines `range` with the first one's text before byte column `col` replaced
    /// by `prefix` (a row's `- ` moves to its next key when its first key is removed).
    fn copy_prefixed(&mut self, range: Range<usize>, col: usize, prefix: &str) {
        let first = &self.lines[range.start];
        self.out.push_str(prefix);
        self.out.push_str(&first.full[col..]);
        self.copy(range.start + 1..range.end);
    }

    /// Writes `lines` (the first after `prefix`, with `comment` after it).
    fn emit(&mut self, prefix: &str, lines: Vec<String>, comment: &str) {
        for (index, line) in lines.iter().enumerate() {
            if index == 0 {
                self.out.push_str(prefix);
            }
            self.out.push_str(line);
            if index == 0 {
                self.out.push_str(comment);
            }
            self.out.push_str(self.eol);
        }
    }

    /// Writes an entry with its new value; `false` when the value removes it.
    fn field(&mut self, entry: &Entry, old: &Node, new: Option<&Value>, prefix: &str) -> bool {
        let nothing = Value::Null;
        let new = new.unwrap_or(&nothing);
        let unchanged = same(&old.to_json(), new);
        if is_empty(new) && !unchanged {
            return false;
        }
        if unchanged {
            self.copy_prefixed(entry.line..entry.end, entry.col, prefix);
        } else if !self.nested(entry, old, new, prefix) {
            self.replace(entry, old, new, prefix);
        }
        true
    }

    /// Patches a block sequence or block mapping below a key in place; `false` when the
    /// value is not written as one or the lines do not match what the parser read.
    fn nested(&mut self, entry: &Entry, old: &Node, new: &Value, prefix: &str) -> bool {
        if entry.inline.is_some() {
            return false;
        }
        let range = entry.line + 1..entry.end;
        match (yaml_lines::nested(self.lines, range.clone()), old, new) {
            (Nested::Seq(indent), Node::Seq(olds), Value::Array(news)) => {
                let Some(items) = yaml_lines::seq_items(self.lines, range.clone(), indent)
                    .filter(|items| items.len() == olds.len())
                else {
                    return false;
                };
                self.copy_prefixed(entry.line..entry.line + 1, entry.col, prefix);
                self.seq(&items, olds, news, indent, range);
                true
            }
            (Nested::Map, Node::Map(olds), Value::Object(news)) => {
                let Some(subs) = self.map_entries(range.clone(), None, olds) else {
                    return false;
                };
                self.copy_prefixed(entry.line..entry.line + 1, entry.col, prefix);
                self.map(&subs, olds, news, range, &[]);
                true
            }
            _ => false,
        }
    }

    /// The entries of a block mapping, if they are the keys the parser read.
    fn map_entries(
        &self,
        range: Range<usize>,
        first: Option<usize>,
        olds: &Entries,
    ) -> Option<Vec<Entry>> {
        yaml_lines::map_entries(self.lines, range, first).filter(|entries| {
            entries.len() == olds.len()
                && entries.iter().zip(olds).all(|(e, (k, _))| e.key == k.value)
        })
    }

    /// Writes an entry anew, in the style of the old one and keeping a trailing comment.
    fn replace(&mut self, entry: &Entry, old: &Node, new: &Value, prefix: &str) {
        let text = self.lines[entry.line].text;
        let comment = match self.lines[entry.line].comment {
            Some(at) if entry.end == entry.line + 1 => &text[text[..at].trim_end().len()..],
            _ => "",
        };
        let head = text[entry.col..entry.colon - 1].trim_end();
        let hints = self.hints(entry, old);
        let lines = yaml_out::entry_as(head, new, entry.col, hints);
        self.emit(prefix, lines, comment);
        self.copy_comments(entry.line + 1..entry.end);
    }

    /// Copies the comment lines of `range`: what replaces a value keeps the comments
    /// written between its lines, after it.
    fn copy_comments(&mut self, range: Range<usize>) {
        for line in &self.lines[range] {
            if line.kind == Kind::Comment {
                self.out.push_str(line.full);
            }
        }
    }

    fn hints(&self, entry: &Entry, old: &Node) -> Hints {
        let text = self.lines[entry.line].text;
        let first_of = |at: usize| text.as_bytes().get(at).copied();
        match entry.inline.and_then(first_of) {
            Some(b'[') => Hints {
                flow: Some(true),
                quoted_items: Some(text[entry.inline.unwrap_or(0)..].contains(['"', '\''])),
                plain: None,
            },
            Some(b'"' | b'\'') => Hints {
                plain: Some(false),
                ..Hints::default()
            },
            Some(b'{' | b'|' | b'>') => Hints::default(),
            Some(_) => Hints {
                plain: Some(!matches!(old, Node::Seq(_) | Node::Map(_))),
                ..Hints::default()
            },
            None => {
                let range = entry.line + 1..entry.end;
                match yaml_lines::nested(self.lines, range.clone()) {
                    Nested::Seq(indent) => {
                        let items = yaml_lines::seq_items(self.lines, range, indent);
                        let first = items.as_ref().and_then(|items| items.first());
                        let quoted = first.and_then(|item| {
                            let text = self.lines[item.line].text;
                            text.as_bytes().get(item.content?).copied()
                        });
                        Hints {
                            flow: Some(false),
                            plain: quoted.map(|c| c != b'"' && c != b'\''),
                            quoted_items: None,
                        }
                    }
                    _ => Hints::default(),
                }
            }
        }
    }

    /// Patches a block mapping whose keys all follow `news` (a records row, a nested map).
    fn map(
        &mut self,
        subs: &[Entry],
        olds: &Entries,
        news: &Map<String, Value>,
        range: Range<usize>,
        order: &[String],
    ) {
        let mut pos = range.start;
        let mut pending: Option<String> = None;
        for (entry, (_, old)) in subs.iter().zip(olds) {
            self.copy(pos..entry.line);
            let natural = &self.lines[entry.line].text[..entry.col];
            let prefix = pending.clone().unwrap_or_else(|| natural.to_string());
            if self.field(entry, &old.value, news.get(&entry.key), &prefix) {
                pending = None;
            } else if !natural.trim().is_empty() {
                pending = Some(natural.to_string());
            }
            pos = entry.end;
        }
        self.copy(pos..range.end);
        let col = subs.first().map_or(0, |e| e.col);
        let mut keys: Vec<&String> = order.iter().filter(|k| news.contains_key(*k)).collect();
        keys.extend(news.keys().filter(|k| !order.contains(k)));
        for key in keys {
            let value = &news[key];
            if is_empty(value) || subs.iter().any(|e| &e.key == key) {
                continue;
            }
            let prefix = pending.take().unwrap_or_else(|| " ".repeat(col));
            self.emit(
                &prefix,
                yaml_out::entry(key, value, col, Hints::default()),
                "",
            );
        }
        if let Some(prefix) = pending {
            self.emit(&prefix, vec!["{}".to_string()], "");
        }
    }

    /// Patches a block sequence: equal items keep their text wherever they move, a changed
    /// map item is patched key by key, new items are written in the order of the file's keys.
    fn seq(
        &mut self,
        items: &[Item],
        olds: &[Spanned<Node>],
        news: &[Value],
        indent: usize,
        range: Range<usize>,
    ) {
        let sources = match_items(olds, news, items);
        let used: Vec<bool> = (0..olds.len())
            .map(|i| sources.iter().any(|s| s.map(|(k, _)| k) == Some(i)))
            .collect();
        let mut flushed = vec![false; olds.len()];
        let order = key_order(olds);
        self.copy(range.start..items.first().map_or(range.end, |i| i.lead));
        for (new, source) in news.iter().zip(&sources) {
            let Some((i, exact)) = *source else {
                let lines = yaml_out::item_in_order(new, indent, &order);
                self.emit(&" ".repeat(indent), lines, "");
                continue;
            };
            for r in 0..i {
                if !used[r] && !flushed[r] {
                    flushed[r] = true;
                    self.copy(items[r].lead..items[r].line);
                }
            }
            let item = &items[i];
            if exact {
                self.copy(item.lead..item.end);
            } else {
                self.copy(item.lead..item.line);
                self.row(item, &olds[i].value, new, indent, &order);
            }
        }
        for r in 0..olds.len() {
            if !used[r] && !flushed[r] {
                self.copy(items[r].lead..items[r].line);
            }
        }
        self.copy(items.last().map_or(range.end, |i| i.end)..range.end);
    }

    /// Patches one row of records key by key, or writes it anew when it is not a plain
    /// block mapping.
    fn row(&mut self, item: &Item, old: &Node, new: &Value, indent: usize, order: &[String]) {
        if let (Node::Map(olds), Value::Object(news), Some(col)) = (old, new, item.content) {
            if let Some(cells) = self.map_entries(item.line..item.end, Some(col), olds) {
                self.map(&cells, olds, news, item.line..item.end, order);
                return;
            }
        }
        let lines = yaml_out::item_in_order(new, indent, order);
        self.emit(&" ".repeat(indent), lines, "");
        self.copy_comments(item.line + 1..item.end);
    }
}

/// For each new item, the old item it comes from and whether it is unchanged: equal items
/// first (at the same place, then anywhere), then changed rows paired with the remaining
/// old rows in order.
fn match_items(
    olds: &[Spanned<Node>],
    news: &[Value],
    items: &[Item],
) -> Vec<Option<(usize, bool)>> {
    let old_json: Vec<Value> = olds.iter().map(|n| n.value.to_json()).collect();
    let mut used = vec![false; olds.len()];
    let mut sources: Vec<Option<(usize, bool)>> = vec![None; news.len()];
    for (j, new) in news.iter().enumerate() {
        if j < olds.len() && same(&old_json[j], new) {
            sources[j] = Some((j, true));
            used[j] = true;
        }
    }
    for (j, new) in news.iter().enumerate() {
        if sources[j].is_some() {
            continue;
        }
        if let Some(i) = (0..olds.len()).find(|&i| !used[i] && same(&old_json[i], new)) {
            sources[j] = Some((i, true));
            used[i] = true;
        }
    }
    let mut free = (0..olds.len())
        .filter(|&i| !used[i])
        .collect::<Vec<_>>()
        .into_iter();
    for (j, new) in news.iter().enumerate() {
        if sources[j].is_some() || !new.is_object() {
            continue;
        }
        let Some(i) = free.next() else { break };
        if matches!(olds[i].value, Node::Map(_)) && items[i].content.is_some() {
            sources[j] = Some((i, false));
        }
    }
    sources
}

/// The keys of the old rows in the order the file first writes them, for new rows.
fn key_order(olds: &[Spanned<Node>]) -> Vec<String> {
    let mut order: Vec<String> = Vec::new();
    for old in olds {
        if let Node::Map(entries) = &old.value {
            for (key, _) in entries {
                if !order.contains(&key.value) {
                    order.push(key.value.clone());
                }
            }
        }
    }
    order
}
