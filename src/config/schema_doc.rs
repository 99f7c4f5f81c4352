//! `lots schema`'s text: the site's collections and their front-matter fields from
//! config.yaml as one Markdown table per collection, for the people who write the content,
//! each with the front matter of one real page of the collection as an example. In Swedish
//! when the site's `language` is `sv`, else in English.

use std::path::{Path, PathBuf};

use super::{Collection, Config, FieldKind, FieldSpec, FieldSpecs};

/// The words of the text, in one language.
struct Words {
    pages_in: &'static str,
    example: &'static str,
    no_example: &'static str,
    header: &'static str,
    yes: &'static str,
    no: &'static str,
    in_each_row: &'static str,
    extensions: &'static str,
    requires: &'static str,
    unique: &'static str,
    review: &'static str,
}

const SV: Words = Words {
    pages_in: "Sidor i",
    example: "Exempel",
    no_example: "Ingen sida i samlingen ännu.",
    header: "| Fält | Etikett | Typ | Obligatoriskt | Tillåtna värden | Beskrivning |",
    yes: "ja",
    no: "nej",
    in_each_row: "i varje rad av",
    extensions: "filändelser",
    requires: "kräver också",
    unique: "unikt i listan",
    review: "sidan ska ses över senast detta datum",
};

const EN: Words = Words {
    pages_in: "Pages in",
    example: "Example",
    no_example: "No page in the collection yet.",
    header: "| Field | Label | Type | Required | Allowed values | Description |",
    yes: "yes",
    no: "no",
    in_each_row: "in each row of",
    extensions: "file endings",
    requires: "also requires",
    unique: "unique in the list",
    review: "the page is due for review by this date",
};

fn type_name(kind: FieldKind, swedish: bool) -> &'static str {
    let (sv, en) = match kind {
        FieldKind::Text => ("text", "text"),
        FieldKind::Number => ("tal", "number"),
        FieldKind::Bool => ("ja/nej (true/false)", "yes/no (true/false)"),
        FieldKind::Date => ("datum (ÅÅÅÅ-MM-DD)", "date (YYYY-MM-DD)"),
        FieldKind::List => ("lista", "list"),
        FieldKind::Enum => ("ett av värdena", "one of the values"),
        FieldKind::File => ("fil i sidans mapp", "file beside the page"),
        FieldKind::Email => ("e-postadress", "e-mail address"),
        FieldKind::Phone => ("telefonnummer", "phone number"),
        FieldKind::Url => ("webbadress", "web address"),
        FieldKind::Records => ("lista av rader", "list of records"),
    };
    if swedish {
        sv
    } else {
        en
    }
}

/// The whole text for the site at `root` with configuration `config`.
pub fn markdown(config: &Config, root: &Path) -> String {
    let swedish = config.language.starts_with("sv");
    let words = if swedish { &SV } else { &EN };
    let mut out = String::new();
    for (i, collection) in config.collections.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        collection_doc(&mut out, collection, root, words, swedish);
    }
    out
}

fn collection_doc(out: &mut String, c: &Collection, root: &Path, words: &Words, swedish: bool) {
    let title = c.title.as_deref().unwrap_or(&c.name);
    out.push_str(&format!("### {title} (`{}`)\n\n", c.name));
    let folders: Vec<String> = c
        .sections
        .iter()
        .map(|s| format!("`content/{}/`", s.trim_matches('/')))
        .collect();
    out.push_str(&format!("{} {}.\n\n", words.pages_in, folders.join(", ")));
    out.push_str(words.header);
    out.push_str("\n|---|---|---|---|---|---|\n");
    rows(out, &c.fields, None, words, swedish);
    out.push('\n');
    match example(root, c) {
        Some((path, front)) => out.push_str(&format!(
            "{} (`{path}`):\n\n```yaml\n{front}```\n",
            words.example
        )),
        None => out.push_str(&format!("{}\n", words.no_example)),
    }
}

/// One row per field; the fields of `records` follow their list, named `list/field`.
fn rows(out: &mut String, fields: &FieldSpecs, parent: Option<&str>, w: &Words, sv: bool) {
    for (name, spec) in fields {
        let path = match parent {
            Some(parent) => format!("{parent}/{name}"),
            None => name.clone(),
        };
        let mut notes: Vec<String> = spec.description.iter().cloned().collect();
        if let Some(parent) = parent {
            notes.push(format!("{} `{parent}`", w.in_each_row));
        }
        notes.extend(rules(spec, w));
        out.push_str(&format!(
            "| `{path}` | {} | {} | {} | {} | {} |\n",
            cell(spec.label.as_deref().unwrap_or("")),
            type_name(spec.kind, sv),
            if spec.required { w.yes } else { w.no },
            allowed(spec, w),
            cell(&notes.join("; ")),
        ));
        if spec.kind == FieldKind::Records {
            rows(out, &spec.fields, Some(&path), w, sv);
        }
    }
}

fn rules(spec: &FieldSpec, w: &Words) -> Vec<String> {
    let mut notes = Vec::new();
    if !spec.requires.is_empty() {
        let names: Vec<String> = spec.requires.iter().map(|r| format!("`{r}`")).collect();
        notes.push(format!("{} {}", w.requires, names.join(", ")));
    }
    if spec.unique {
        notes.push(w.unique.to_string());
    }
    if spec.review {
        notes.push(w.review.to_string());
    }
    notes
}

fn allowed(spec: &FieldSpec, w: &Words) -> String {
    let ticked = |items: &[String]| {
        items
            .iter()
            .map(|v| format!("`{}`", v.replace('|', "\\|")))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !spec.values.is_empty() {
        ticked(&spec.values)
    } else if !spec.extensions.is_empty() {
        format!("{}: {}", w.extensions, ticked(&spec.extensions))
    } else {
        String::new()
    }
}

/// Text in a table cell: a `|` would end the cell, a line break the row.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// The page of the collection with the shortest front matter (the quickest to copy), ties
/// broken by path: its path from the site folder and its front matter with both `---` lines.
fn example(root: &Path, collection: &Collection) -> Option<(String, String)> {
    let mut pages = Vec::new();
    for section in &collection.sections {
        markdown_files(
            &root.join("content").join(section.trim_matches('/')),
            &mut pages,
        );
    }
    pages
        .into_iter()
        .filter_map(|path| {
            let text = std::fs::read_to_string(&path).ok()?;
            let front = front_matter(&text)?;
            let shown = path.strip_prefix(root).ok()?;
            let shown: Vec<_> = shown
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            Some((shown.join("/"), front))
        })
        .min_by(|a, b| (a.1.lines().count(), &a.0).cmp(&(b.1.lines().count(), &b.0)))
}

/// Pages (not `_index.md`) under `dir`, at any depth.
fn markdown_files(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            markdown_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "md")
            && path.file_name().is_some_and(|n| n != "_index.md")
        {
            found.push(path);
        }
    }
}

/// The `---` block a page starts with, both fences included, lines ending in `\n`.
fn front_matter(text: &str) -> Option<String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.lines();
    if lines.next()?.trim_end() != "---" {
        return None;
    }
    let mut out = String::from("---\n");
    for line in lines {
        out.push_str(line);
        out.push('\n');
        if line.trim_end() == "---" {
            return Some(out);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_is_the_fenced_block() {
        assert_eq!(
            front_matter("---\ntitle: A\n---\n\nText\n---\n").as_deref(),
            Some("---\ntitle: A\n---\n")
        );
        assert_eq!(front_matter("title: A\n"), None);
        assert_eq!(front_matter("---\ntitle: A\n"), None);
    }

    #[test]
    fn a_pipe_cannot_end_a_cell() {
        assert_eq!(cell("a | b\nc"), "a \\| b c");
    }
}
