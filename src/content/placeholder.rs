//! The value `lots new` writes into each required field of a new page: it reads as text, so
//! the file parses, but no field accepts it, so a page cannot be published before every
//! one is filled in. Each is reported with the field and what to write instead.

use crate::config::{FieldKind, FieldSpec};
use crate::yaml::Node;

/// The placeholder, as written in a new page's front matter (`agare: FYLL I`).
pub const PLACEHOLDER: &str = "FYLL I";

/// Whether `node` is the placeholder (plain or quoted, spaces around it ignored).
pub fn holds(node: &Node) -> bool {
    node.text().is_some_and(|text| text.trim() == PLACEHOLDER)
}

/// `` `agare` still holds the placeholder `FYLL I`; write its text (förvaltningen …) ``.
pub fn message(name: &str, spec: &FieldSpec) -> String {
    let what = match spec.kind {
        FieldKind::Text => "its text".to_string(),
        FieldKind::Number => "a number".to_string(),
        FieldKind::Bool => "true or false".to_string(),
        FieldKind::Date => "a date as YYYY-MM-DD".to_string(),
        FieldKind::Enum => format!("one of {}", spec.values.join(", ")),
        FieldKind::List if spec.values.is_empty() => "its items as `[one, two]`".to_string(),
        FieldKind::List => format!("some of {} as `[one, two]`", spec.values.join(", ")),
        FieldKind::File if spec.extensions.is_empty() => {
            "the name of a file in the page's folder".to_string()
        }
        FieldKind::File => format!(
            "the name of a .{} file in the page's folder",
            spec.extensions.join(" or .")
        ),
        FieldKind::Email => "an e-mail address".to_string(),
        FieldKind::Phone => "a phone number".to_string(),
        FieldKind::Url => "a web address starting with https://".to_string(),
        FieldKind::Records => "its records".to_string(),
    };
    let why = spec
        .description
        .as_deref()
        .map(|d| format!(" ({d})"))
        .unwrap_or_default();
    format!("`{name}` still holds the placeholder `{PLACEHOLDER}`; write {what}{why}")
}
