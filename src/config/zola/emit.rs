//! Writes the settings taken from a Zola `config.toml` as `config.yaml` text, remembering for
//! every line written the place in `config.toml` it came from, so that a problem found in the
//! YAML is reported where the user wrote it.

use serde_json::Value;

/// A 1-based line and column in `config.toml`.
pub type Pos = (usize, usize);

/// A value on its way to YAML, with the positions of its parts in `config.toml`.
#[derive(Debug, Clone, PartialEq)]
pub enum Out {
    Scalar(Value),
    Map(Vec<Entry>),
    List(Vec<(Pos, Out)>),
}

/// One `key: value` of a map.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub key: String,
    pub at: Pos,
    pub value: Out,
}

/// YAML text and, for each of its lines, where in `config.toml` it came from.
#[derive(Debug, Default)]
pub struct Written {
    pub text: String,
    pub origins: Vec<Pos>,
}

impl Written {
    fn line(&mut self, at: Pos, text: String) {
        self.text.push_str(&text);
        self.text.push('\n');
        self.origins.push(at);
    }
}

/// The top-level map `entries` as YAML.
pub fn yaml(entries: &[Entry]) -> Written {
    let mut out = Written::default();
    write_map(entries, 0, &mut out);
    out
}

fn write_map(entries: &[Entry], indent: usize, out: &mut Written) {
    let pad = " ".repeat(indent);
    for entry in entries {
        let key = crate::yaml::plain_or_quoted_key(&entry.key);
        if is_flat(&entry.value) {
            out.line(entry.at, format!("{pad}{key}: {}", flow(&entry.value)));
            continue;
        }
        out.line(entry.at, format!("{pad}{key}:"));
        match &entry.value {
            Out::Map(inner) => write_map(inner, indent + 2, out),
            Out::List(items) => write_list(items, indent + 2, out),
            Out::Scalar(_) => {}
        }
    }
}

fn write_list(items: &[(Pos, Out)], indent: usize, out: &mut Written) {
    let pad = " ".repeat(indent);
    for (at, item) in items {
        match item {
            Out::Map(entries) if !entries.is_empty() => {
                // The item's first field goes on the dash's line: `- name: tags`.
                let first = out.origins.len();
                write_map(entries, indent + 2, out);
                let start = line_start(&out.text, first);
                out.text
                    .replace_range(start..start + indent + 2, &format!("{pad}- "));
                out.origins[first] = *at;
            }
            other => out.line(*at, format!("{pad}- {}", flow(other))),
        }
    }
}

/// The byte offset where line `index` (0-based) of `text` starts.
fn line_start(text: &str, index: usize) -> usize {
    if index == 0 {
        return 0;
    }
    text.match_indices('\n')
        .nth(index - 1)
        .map_or(text.len(), |(i, _)| i + 1)
}

/// Whether a value is written on its key's line: a scalar, a list of scalars, an empty map.
fn is_flat(value: &Out) -> bool {
    match value {
        Out::Scalar(_) => true,
        Out::Map(entries) => entries.is_empty(),
        Out::List(items) => items.iter().all(|(_, item)| matches!(item, Out::Scalar(_))),
    }
}

/// A value in YAML's flow style: JSON, which YAML reads as written.
fn flow(value: &Out) -> String {
    to_json(value).to_string()
}

/// The value as JSON, positions dropped.
pub fn to_json(value: &Out) -> Value {
    match value {
        Out::Scalar(v) => v.clone(),
        Out::Map(entries) => Value::Object(
            entries
                .iter()
                .map(|e| (e.key.clone(), to_json(&e.value)))
                .collect(),
        ),
        Out::List(items) => Value::Array(items.iter().map(|(_, v)| to_json(v)).collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn entry(key: &str, line: usize, value: Out) -> Entry {
        Entry {
            key: key.to_string(),
            at: (line, 1),
            value,
        }
    }

    #[test]
    fn nested_maps_and_lists_of_maps_are_block_style_with_origins() {
        let taxonomy = Out::Map(vec![
            entry("name", 4, Out::Scalar(json!("tags"))),
            entry("paginate_by", 5, Out::Scalar(json!(5))),
        ]);
        let written = yaml(&[
            entry("title", 1, Out::Scalar(json!("Min \"sajt\"\n"))),
            entry("taxonomies", 3, Out::List(vec![((3, 1), taxonomy)])),
            entry(
                "extra",
                7,
                Out::Map(vec![
                    entry("yes", 8, Out::List(vec![((8, 7), Out::Scalar(json!(1)))])),
                    entry("a b", 9, Out::Map(Vec::new())),
                ]),
            ),
        ]);
        assert_eq!(
            written.text,
            "title: \"Min \\\"sajt\\\"\\n\"\ntaxonomies:\n  - name: \"tags\"\n    paginate_by: 5\nextra:\n  \"yes\": [1]\n  \"a b\": {}\n"
        );
        assert_eq!(
            written.origins,
            [(1, 1), (3, 1), (3, 1), (5, 1), (7, 1), (8, 1), (9, 1)]
        );
    }
}
