//! Typed collections: which section folders belong to each, and the schema of their pages'
//! front matter. Declared in `config.yaml`, so nothing site-specific lives in Rust.

use serde::{Deserialize, Serialize};

/// A collection's fields in the order `config.yaml` lists them.
pub type FieldSpecs = indexmap::IndexMap<String, FieldSpec>;

/// A kind of page, such as symbols or action plans, with its own fields and templates.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Collection {
    pub name: String,
    /// A name for people, shown in lists and search results.
    #[serde(default)]
    pub title: Option<String>,
    /// Content folders whose pages belong to the collection (`symboler`, `a/b`).
    pub sections: Vec<String>,
    #[serde(default)]
    pub page_template: Option<String>,
    /// Template for the collection's sections (their lists).
    #[serde(default)]
    pub list_template: Option<String>,
    /// Only pages whose field has this value are published (others need `--drafts`).
    #[serde(default)]
    pub publish_if: Option<PublishIf>,
    /// More files rendered for each page, written beside it (a vCard, say).
    #[serde(default)]
    pub page_outputs: Vec<PageOutput>,
    /// More files rendered for each of the collection's sections, written in its folder
    /// (a CSV of every page's fields, say). Templates get `section` as for its list.
    #[serde(default)]
    pub list_outputs: Vec<PageOutput>,
    #[serde(default)]
    pub fields: FieldSpecs,
    /// The collection's pages are follow-up reports of another collection's plans.
    #[serde(default)]
    pub follow_up: Option<FollowUpOf>,
}

/// `follow_up: {plans: handlingsplaner, grace_days: 30}`: each page reports, for one plan
/// of `plans` and one period, the status of the plan's activities (`content::followup`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FollowUpOf {
    pub plans: String,
    /// Days after a period's end before its missing report is flagged.
    #[serde(default = "default_grace_days")]
    pub grace_days: u32,
}

fn default_grace_days() -> u32 {
    30
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublishIf {
    pub field: String,
    pub equals: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageOutput {
    pub template: String,
    /// File name, written in the page's (or section's) folder.
    pub file: String,
}

/// The type and rules of one front-matter field.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldSpec {
    #[serde(rename = "type")]
    pub kind: FieldKind,
    #[serde(default)]
    pub required: bool,
    /// Allowed values, for `enum` and for each item of a `list`.
    #[serde(default)]
    pub values: Vec<String>,
    /// The fields of each record, for `records`.
    #[serde(default)]
    pub fields: FieldSpecs,
    /// The field's name for people (`Förekomst` for `forekomst`): the editor's label.
    /// Without it the editor makes one from the key.
    #[serde(default)]
    pub label: Option<String>,
    /// What the field is for; shown in error messages.
    #[serde(default)]
    pub description: Option<String>,
    /// Other fields that must be set when this one is (captions for a video, say).
    #[serde(default)]
    pub requires: Vec<String>,
    /// Allowed file name endings for a `file` field, without the dot (`vtt`).
    #[serde(default)]
    pub extensions: Vec<String>,
    /// A `date` field that says when the page is due for review: once passed, the page is
    /// overdue (`lots check`, "Att se över"). `nasta_granskning` and `nasta_revidering` are
    /// review dates without it.
    #[serde(default)]
    pub review: bool,
    /// A field of `records` whose value no two records of the list may share (an id).
    #[serde(default)]
    pub unique: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FieldKind {
    Text,
    Number,
    Bool,
    Date,
    /// A list of texts (each one of `values` when given).
    List,
    Enum,
    /// A file in the page bundle.
    File,
    Email,
    Phone,
    Url,
    /// A list of records, each checked against `fields`.
    Records,
}

impl Collection {
    /// Whether the page with content key `key` sits in one of the collection's folders.
    pub fn contains(&self, key: &str) -> bool {
        self.sections.iter().any(|dir| {
            let dir = dir.trim_matches('/');
            key.strip_prefix(dir)
                .is_some_and(|rest| rest.starts_with('/'))
        })
    }

    /// Whether the section with key `key` (`a/b/_index.md`) is one of the collection's folders.
    /// The key is known to be a section's, so its folder is all of it but the file name.
    pub fn lists(&self, section_key: &str) -> bool {
        let dir = section_key.rsplit_once('/').map_or("", |(dir, _)| dir);
        self.sections.iter().any(|s| s.trim_matches('/') == dir)
    }
}
