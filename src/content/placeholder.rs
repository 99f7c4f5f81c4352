//! The value `lots new` writes into each required field of a new page: it reads as text, so
//! the file parses, but no field accepts it, so a page cannot be published before every
//! one is filled in. Each is reported with the field and what to write instead.

use crate::args;
use crate::config::{FieldKind, FieldSpec};
use crate::messages::{word, Args};
use crate::yaml::Node;

/// The placeholder, as written in a new page's front matter (`agare: FYLL I`).
pub const PLACEHOLDER: &str = "FYLL I";

/// Whether `node` is the placeholder (plain or quoted, spaces around it ignored).
pub fn holds(node: &Node) -> bool {
    node.text().is_some_and(|text| text.trim() == PLACEHOLDER)
}

/// `` `agare` still holds the placeholder `FYLL I`; write its text (förvaltningen …) ``.
pub fn message(name: &str, spec: &FieldSpec) -> (&'static str, Args) {
    let why = spec
        .description
        .as_deref()
        .map(|d| format!(" ({d})"))
        .unwrap_or_default();
    let allowed = spec.values.join(", ");
    let what = match spec.kind {
        FieldKind::Text => "expect.text",
        FieldKind::Number => "expect.number",
        FieldKind::Bool => "expect.bool",
        FieldKind::Date => "expect.date",
        FieldKind::Enum => {
            let args = args!("field" => name, "allowed" => allowed, "why" => why);
            return ("schema.placeholder_enum", args);
        }
        FieldKind::List if spec.values.is_empty() => "expect.items",
        FieldKind::List => {
            let args = args!("field" => name, "allowed" => allowed, "why" => why);
            return ("schema.placeholder_list", args);
        }
        FieldKind::File if spec.extensions.is_empty() => "expect.file",
        FieldKind::File => {
            let extensions = spec.extensions.join(" / .");
            let args = args!("field" => name, "extensions" => extensions, "why" => why);
            return ("schema.placeholder_file", args);
        }
        FieldKind::Email => "expect.email",
        FieldKind::Phone => "expect.phone",
        FieldKind::Url => "expect.url",
        FieldKind::Records => "expect.records",
    };
    let args = args!("field" => name, "what" => word(what), "why" => why);
    ("schema.placeholder", args)
}
