//! A new page's file for `lots new`: the title, today's date, and every required field of
//! its collection holding a placeholder the build refuses until it is replaced, each with a
//! comment saying what the field is for and what it takes; the optional fields as comments.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::config::{Config, FieldKind, FieldSpec, FieldSpecs};
use crate::content::placeholder::PLACEHOLDER;

use super::messages;
use super::paths::{create_atomically, new_page_is_bundle, ContentRoot, PathProblem};

/// A page `lots new` wrote.
#[derive(Debug)]
pub struct Created {
    pub key: String,
    pub path: PathBuf,
    /// How many placeholders wait to be filled in.
    pub placeholders: usize,
}

/// What the new page gets beyond its title.
pub struct Options {
    pub draft: bool,
    pub today: NaiveDate,
}

/// Writes a new page titled `title` in the section whose folder is `folder` (`symboler`,
/// `a/b`, or as a shell completes it, `content/symboler/`).
pub fn create(
    site_root: &Path,
    config: &Config,
    folder: &str,
    title: &str,
    options: &Options,
) -> Result<Created, PathProblem> {
    let content = ContentRoot::new(site_root)?;
    let folder = folder.trim_end_matches('/');
    let section_key = match folder.strip_prefix("content/") {
        Some(inner) if content.section_of_folder(folder).is_err() => {
            content.section_of_folder(inner)?
        }
        _ => content.section_of_folder(folder)?,
    };
    let bundle = new_page_is_bundle(config, &content, &section_key);
    let key = content.new_page_key(&section_key, title, bundle)?;
    let path = content.file_for_write(&key)?;
    let (text, placeholders) = page_text(config, &section_key, title, options);
    create_atomically(&path, text.as_bytes())
        .map_err(|e| PathProblem(messages::write_failed(&key, &e)))?;
    Ok(Created {
        key,
        path,
        placeholders,
    })
}

/// The text of a new page of the section `section_key`, and how many placeholders it holds.
pub fn page_text(
    config: &Config,
    section_key: &str,
    title: &str,
    options: &Options,
) -> (String, usize) {
    let mut out = Writer::default();
    out.line(&format!("title: {}", quoted(title)));
    out.line(&format!(
        "description: \"\"  # {}",
        messages::DESCRIPTION_HINT
    ));
    out.line(&format!("date: {}", options.today.format("%Y-%m-%d")));
    if options.draft {
        out.line("draft: true");
    }
    if let Some(collection) = config.collections.iter().find(|c| c.lists(section_key)) {
        for (name, spec) in &collection.fields {
            out.field(name, spec, "");
        }
    }
    let text = format!("---\n{}---\n\n{}\n", out.text, messages::BODY_HINT);
    (text, out.placeholders)
}

#[derive(Default)]
struct Writer {
    text: String,
    placeholders: usize,
}

impl Writer {
    fn line(&mut self, line: &str) {
        self.text.push_str(line);
        self.text.push('\n');
    }

    /// One field at `indent`: a placeholder when required, a comment to uncomment when not.
    fn field(&mut self, name: &str, spec: &FieldSpec, indent: &str) {
        let hint = messages::field_hint(spec);
        if !spec.required {
            let optional = messages::OPTIONAL;
            self.line(&format!("{indent}# {name}:  # {optional}; {hint}"));
            return;
        }
        match spec.kind {
            FieldKind::Records => {
                self.line(&format!("{indent}{name}:  # {hint}"));
                self.record_row(&spec.fields, &format!("{indent}  "));
            }
            FieldKind::List => {
                self.placeholders += 1;
                self.line(&format!("{indent}{name}: [{PLACEHOLDER}]  # {hint}"));
            }
            _ => {
                self.placeholders += 1;
                self.line(&format!("{indent}{name}: {PLACEHOLDER}  # {hint}"));
            }
        }
    }

    /// One record of placeholders, `- ` before its first field. A record with no required
    /// field gets a placeholder in each, or it would be empty and refused for it.
    fn record_row(&mut self, fields: &FieldSpecs, indent: &str) {
        let none_required = fields.values().all(|f| !f.required);
        let start = self.text.len();
        for (name, spec) in fields {
            let mut spec = spec.clone();
            spec.required |= none_required;
            self.field(name, &spec, &format!("{indent}  "));
        }
        // The row's first line gets the `- ` that starts the record.
        let dash = start + indent.len();
        self.text.replace_range(dash..dash + 2, "- ");
    }
}

/// `title` as a YAML double-quoted scalar (JSON's escapes are YAML's).
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_string())
}

#[cfg(test)]
#[path = "new_page_tests.rs"]
mod tests;
