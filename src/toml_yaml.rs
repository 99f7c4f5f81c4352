//! The one place that knows the TOML crate: reads TOML front matter (Zola's `+++` blocks) and
//! writes the same data as YAML, one value per line, with the file position each line came
//! from ([`Origins`]). The YAML is then read by [`crate::yaml`] like front matter written in
//! YAML, so both formats meet the same checks (unknown keys, types, dates, collection schemas)
//! and their problems point at the TOML as written.
//!
//! What each TOML value becomes: text is a double-quoted YAML string (so `"0123"` stays text);
//! integers are written in decimal, floats as YAML reads them back, booleans as `true`/`false`;
//! dates and datetimes as written by the TOML crate (`2024-01-05`, `2024-01-05T10:00:00Z`),
//! which the front matter's date fields read exactly as the same date written in YAML.

use std::ops::Range;
use std::path::Path;

use toml::de::{DeArray, DeTable, DeValue};
use toml::Spanned;

use crate::args;
use crate::diagnostics::Diagnostic;
use crate::yaml::{Origin, Origins};

/// YAML written from a TOML block, with where each of its lines came from.
#[derive(Debug)]
pub struct Written {
    pub yaml: String,
    pub origins: Origins,
}

/// How deep tables and arrays may nest; as deep as [`crate::yaml`] reads.
const MAX_DEPTH: usize = 32;

/// Reads the TOML at `range` of `file_text` and writes it as YAML. A TOML syntax error is
/// reported at its position in the file.
pub fn to_yaml(path: &Path, file_text: &str, range: Range<usize>) -> Result<Written, Diagnostic> {
    let toml = &file_text[range.clone()];
    let lines = Lines::new(file_text, range.clone());
    let table = DeTable::parse(toml).map_err(|err| {
        let offset = err.span().map_or(0, |span| span.start);
        let (line, column) = lines.position(offset);
        let reason = tidy(err.message());
        Diagnostic::at(path, file_text, line, column, "")
            .with_text("front_matter.toml_syntax", args!("reason" => reason))
    })?;
    let mut writer = Writer {
        yaml: String::new(),
        origins: Origins::new(lines.position(0).0),
        lines,
        path,
        file_text,
    };
    writer.table(table.get_ref(), 0, 0)?;
    Ok(Written {
        yaml: writer.yaml,
        origins: writer.origins,
    })
}

/// The TOML crate's message on one line (it may hold several).
fn tidy(message: &str) -> String {
    let parts: Vec<&str> = message
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    parts.join("; ")
}

/// File positions of byte offsets in the TOML block.
struct Lines<'a> {
    text: &'a str,
    /// Byte offset of the block in the file.
    start: usize,
    /// The 1-based file line of the block's first line.
    first_line: usize,
    /// Byte offsets (in the file) where the block's lines start.
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    /// The lines of the block at `range` of the file `text`.
    fn new(text: &'a str, range: Range<usize>) -> Lines<'a> {
        let start = range.start;
        let first_line = text[..start].matches('\n').count() + 1;
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let mut starts = vec![line_start];
        starts.extend(text[range].match_indices('\n').map(|(i, _)| start + i + 1));
        Lines {
            text,
            start,
            first_line,
            starts,
        }
    }

    /// The file line and column (1-based, columns in characters) of a block offset.
    fn position(&self, offset: usize) -> (usize, usize) {
        let mut at = (self.start + offset).min(self.text.len());
        while !self.text.is_char_boundary(at) {
            at -= 1;
        }
        let index = self.starts.partition_point(|&s| s <= at).saturating_sub(1);
        let column = self.text[self.starts[index]..at].chars().count() + 1;
        (self.first_line + index, column)
    }
}

struct Writer<'a> {
    yaml: String,
    origins: Origins,
    lines: Lines<'a>,
    path: &'a Path,
    file_text: &'a str,
}

impl Writer<'_> {
    fn place<T>(&self, spanned: &Spanned<T>) -> (usize, usize) {
        self.lines.position(spanned.span().start)
    }

    /// Writes one line: `prefix` then `value`, from a key and a value at these positions.
    fn line(&mut self, prefix: String, value: &str, key: (usize, usize), at: (usize, usize)) {
        let value_column = prefix.chars().count() + 1;
        self.yaml.push_str(&prefix);
        self.yaml.push_str(value);
        self.yaml.push('\n');
        self.origins.push(Origin {
            key,
            value: at,
            value_column,
        });
    }

    fn too_deep(&self, at: (usize, usize)) -> Diagnostic {
        Diagnostic::at(self.path, self.file_text, at.0, at.1, "")
            .with_text("front_matter.toml_too_deep", args!())
    }

    /// The entries of a table in file order, each `key: value` at `indent`.
    fn table(
        &mut self,
        table: &DeTable<'_>,
        indent: usize,
        depth: usize,
    ) -> Result<(), Diagnostic> {
        let mut entries: Vec<_> = table.iter().collect();
        entries.sort_by_key(|(key, value)| (key.span().start, value.span().start));
        for (key, value) in entries {
            let key_at = self.place(key);
            let value_at = match value.span() {
                span if span.is_empty() && span.start == 0 => key_at,
                _ => self.place(value),
            };
            let prefix = format!(
                "{}{}: ",
                " ".repeat(indent),
                crate::yaml::plain_or_quoted_key(key.get_ref())
            );
            self.value(prefix, value.get_ref(), key_at, value_at, indent, depth)?;
        }
        Ok(())
    }

    /// A value after `prefix` (`key: ` or `- `): a scalar on the line, a table or array on the
    /// lines that follow, indented under it.
    fn value(
        &mut self,
        prefix: String,
        value: &DeValue<'_>,
        key_at: (usize, usize),
        value_at: (usize, usize),
        indent: usize,
        depth: usize,
    ) -> Result<(), Diagnostic> {
        if depth > MAX_DEPTH {
            return Err(self.too_deep(value_at));
        }
        match value {
            DeValue::Table(table) if !table.is_empty() => {
                self.line(prefix.trim_end().to_string(), "", key_at, value_at);
                self.table(table, indent + 2, depth + 1)
            }
            DeValue::Array(items) if !items.is_empty() => {
                self.line(prefix.trim_end().to_string(), "", key_at, value_at);
                self.array(items, indent + 2, depth + 1)
            }
            scalar => {
                let text = self.scalar(scalar, value_at)?;
                self.line(prefix, &text, key_at, value_at);
                Ok(())
            }
        }
    }

    /// The items of an array, each `- item` at `indent`. An item that is a table or an array
    /// starts on the dash's line (`- key: value`, `- - item`), as YAML writes it.
    fn array(
        &mut self,
        items: &DeArray<'_>,
        indent: usize,
        depth: usize,
    ) -> Result<(), Diagnostic> {
        for item in items.iter() {
            let at = self.place(item);
            let nested = match item.get_ref() {
                DeValue::Table(t) => !t.is_empty(),
                DeValue::Array(a) => !a.is_empty(),
                _ => false,
            };
            if !nested {
                let prefix = format!("{}- ", " ".repeat(indent));
                self.value(prefix, item.get_ref(), at, at, indent, depth)?;
                continue;
            }
            if depth > MAX_DEPTH {
                return Err(self.too_deep(at));
            }
            let first = self.yaml.len();
            match item.get_ref() {
                DeValue::Table(table) => self.table(table, indent + 2, depth + 1)?,
                DeValue::Array(inner) => self.array(inner, indent + 2, depth + 1)?,
                _ => {}
            }
            // The first line written is indented by `indent + 2`: its last two spaces become
            // the dash, which keeps every column of the item as it was.
            self.yaml
                .replace_range(first + indent..first + indent + 2, "- ");
        }
        Ok(())
    }

    /// A value that fits on one line.
    fn scalar(&self, value: &DeValue<'_>, at: (usize, usize)) -> Result<String, Diagnostic> {
        Ok(match value {
            DeValue::String(text) => crate::yaml::double_quoted(text),
            DeValue::Integer(number) => {
                match i64::from_str_radix(&number.as_str().replace('_', ""), number.radix()) {
                    Ok(n) => n.to_string(),
                    Err(_) => {
                        return Err(Diagnostic::at(self.path, self.file_text, at.0, at.1, "")
                            .with_text("front_matter.toml_number", args!()))
                    }
                }
            }
            DeValue::Float(number) => float(number.as_str()),
            DeValue::Boolean(b) => b.to_string(),
            DeValue::Datetime(moment) => moment.to_string(),
            DeValue::Table(_) => "{}".to_string(),
            DeValue::Array(_) => "[]".to_string(),
        })
    }
}

/// A TOML float as YAML reads it back: `inf` and `nan` are `.inf` and `.nan` there. Written
/// as Rust shows it, which is what the same number written in YAML gives: an exponent without
/// a sign (`6.02e23`) is text to YAML, in both formats alike.
fn float(written: &str) -> String {
    let written = written.replace('_', "");
    match written.parse::<f64>() {
        Ok(f) if f.is_nan() => ".nan".to_string(),
        Ok(f) if f.is_infinite() && f > 0.0 => ".inf".to_string(),
        Ok(f) if f.is_infinite() => "-.inf".to_string(),
        Ok(f) => format!("{f:?}"),
        Err(_) => crate::yaml::double_quoted(&written),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yaml(toml: &str) -> String {
        let file = format!("+++\n{toml}+++\n");
        to_yaml(Path::new("a.md"), &file, 4..4 + toml.len())
            .unwrap_or_else(|d| panic!("{d}"))
            .yaml
    }

    #[test]
    fn values_become_yaml_in_file_order() {
        let toml = "title = \"Hej \\\"du\\\"\"\ndate = 2024-01-05\nweight = 0x10\n\
                    tags = [\"a\", 'b']\n[extra]\nratio = 2.5\nok = true\n\
                    [[extra.rows]]\nid = 1\n[[extra.rows]]\nid = 2\nname = \"x\"\n";
        assert_eq!(
            yaml(toml),
            "title: \"Hej \\\"du\\\"\"\ndate: 2024-01-05\nweight: 16\ntags:\n  - \"a\"\n  - \"b\"\n\
             extra:\n  ratio: 2.5\n  ok: true\n  rows:\n    - id: 1\n    - id: 2\n      name: \"x\"\n"
        );
    }

    #[test]
    fn numbers_stay_numbers_in_free_form_data() {
        let toml = "stor = 6.02e23\nliten = -1.5e-7\nhel = 3.0\nantal = 1_000\nhex = 0xff\n";
        let written = yaml(toml);
        let block = crate::yaml::Block::new(Path::new("a.md"), &written, 1);
        let extra: crate::yaml::Loose = crate::yaml::parse(block, &written).unwrap();
        assert_eq!(
            serde_json::Value::Object(extra.0),
            serde_json::json!({"stor": "6.02e23", "liten": -1.5e-7, "hel": 3.0, "antal": 1000, "hex": 255})
        );
    }

    #[test]
    fn nesting_deeper_than_yaml_reads_is_refused_where_it_goes_too_deep() {
        let toml = format!("x = {}1{}\n", "[".repeat(40), "]".repeat(40));
        let file = format!("+++\n{toml}+++\n");
        let err = to_yaml(Path::new("a.md"), &file, 4..4 + toml.len()).unwrap_err();
        assert_eq!(err.code, "front_matter.toml_too_deep");
        assert_eq!((err.line, err.column), (2, 38), "{err}");
        let ok = format!("x = {}1{}\n", "[".repeat(20), "]".repeat(20));
        let file = format!("+++\n{ok}+++\n");
        assert!(to_yaml(Path::new("a.md"), &file, 4..4 + ok.len()).is_ok());
    }

    #[test]
    fn keys_yaml_would_misread_are_quoted() {
        assert_eq!(yaml("\"no\" = 1\n\"a b\" = 2\n"), "\"no\": 1\n\"a b\": 2\n");
    }

    #[test]
    fn multi_line_strings_stay_on_one_line() {
        assert_eq!(yaml("d = \"\"\"\nett\ntvå\"\"\"\n"), "d: \"ett\\ntvå\"\n");
    }

    #[test]
    fn syntax_error_points_into_the_file() {
        let file = "+++\ntitle = \"a\"\ndate = \n+++\n";
        let err = to_yaml(Path::new("a.md"), file, 4..file.len() - 4).unwrap_err();
        assert_eq!((err.line, err.column), (3, 8), "{err}");
        assert_eq!(err.code, "front_matter.toml_syntax");
    }

    #[test]
    fn lines_map_back_to_the_toml() {
        let file = "+++\ntitle = \"a\"\n\n[extra]\n  kod =   88\n+++\n";
        let written = to_yaml(Path::new("a.md"), file, 4..file.len() - 4).unwrap();
        assert_eq!(written.yaml, "title: \"a\"\nextra:\n  kod: 88\n");
        let block = crate::yaml::Block::written_from(Path::new("a.md"), file, &written.origins);
        assert_eq!(block.position(1, 8), (2, 9));
        assert_eq!(block.position(3, 3), (5, 3));
        assert_eq!(block.position(3, 8), (5, 11));
    }
}
