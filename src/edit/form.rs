//! The editor's form, generated from a collection's schema in `config.yaml`: the fields the
//! page shows (common ones first, then the collection's in config order), the file's values
//! as the form holds them, and the form's values back as the file's front matter (the form's
//! `tags` live in `taxonomies: {tags: […]}` in the file).

use serde::Serialize;
use serde_json::{Map, Value};

use crate::config::{Collection, Config, FieldKind, FieldSpec, FieldSpecs};

/// One control of the form, as the editor's page reads it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Field {
    pub name: String,
    pub label: String,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub required: bool,
    pub description: Option<String>,
    pub values: Vec<String>,
    pub requires: Vec<String>,
    pub extensions: Vec<String>,
    pub fields: Vec<Field>,
}

/// The name of the form's tag list, and of the taxonomy holding it in files.
const TAGS: &str = "tags";

/// Text longer than this shows as a text area.
const LONG_TEXT: usize = 60;

/// Images an editor may always upload into a bundle, for the body.
pub const WEB_IMAGES: [&str; 6] = ["png", "jpg", "jpeg", "gif", "webp", "svg"];

/// The collection a page with content key `key` belongs to.
pub fn collection_of<'a>(config: &'a Config, key: &str) -> Option<&'a Collection> {
    config.collections.iter().find(|c| c.contains(key))
}

/// The form's fields: title, description, date, updated, draft, tags, then the collection's;
/// pages outside a collection get title, description, date and tags. `values` (the file's)
/// decide which text fields are long.
pub fn fields(
    config: &Config,
    collection: Option<&Collection>,
    values: &Map<String, Value>,
) -> Vec<Field> {
    let has_tags = config.taxonomies.iter().any(|t| t.name == TAGS);
    let mut common = vec![
        plain("title", "Titel", "text", true),
        plain("description", "Beskrivning", "longtext", false),
        plain("date", "Datum", "date", false),
    ];
    if collection.is_some() {
        common.push(plain("updated", "Uppdaterad", "date", false));
        common.push(plain("draft", "Utkast (publiceras inte)", "bool", false));
    }
    if has_tags {
        common.push(plain(TAGS, "Taggar", "list", false));
    }
    let specs = collection.map(|c| &c.fields);
    let own = specs
        .into_iter()
        .flatten()
        .filter(|(name, _)| !common.iter().any(|f| &f.name == *name))
        .map(|(name, spec)| field(name, spec, values.get(name.as_str())))
        .collect::<Vec<_>>();
    common.extend(own);
    common
}

fn plain(name: &str, label: &str, kind: &'static str, required: bool) -> Field {
    Field {
        name: name.into(),
        label: label.into(),
        kind,
        required,
        description: None,
        values: Vec::new(),
        requires: Vec::new(),
        extensions: Vec::new(),
        fields: Vec::new(),
    }
}

fn field(name: &str, spec: &FieldSpec, value: Option<&Value>) -> Field {
    let long = value
        .and_then(Value::as_str)
        .is_some_and(|text| text.chars().count() > LONG_TEXT || text.contains('\n'));
    let kind = match spec.kind {
        FieldKind::Text if long => "longtext",
        other => kind_name(other),
    };
    let rows = spec.fields.iter().map(|(n, s)| field(n, s, None)).collect();
    Field {
        name: name.into(),
        label: spec.label.clone().unwrap_or_else(|| label(name)),
        kind,
        required: spec.required,
        description: spec.description.clone(),
        values: spec.values.clone(),
        requires: spec.requires.clone(),
        extensions: spec.extensions.clone(),
        fields: rows,
    }
}

fn kind_name(kind: FieldKind) -> &'static str {
    match kind {
        FieldKind::Text => "text",
        FieldKind::Number => "number",
        FieldKind::Bool => "bool",
        FieldKind::Date => "date",
        FieldKind::List => "list",
        FieldKind::Enum => "enum",
        FieldKind::File => "file",
        FieldKind::Email => "email",
        FieldKind::Phone => "phone",
        FieldKind::Url => "url",
        FieldKind::Records => "records",
    }
}

/// `nasta_granskning` → `Nasta granskning`, for a field config.yaml gives no `label`.
fn label(name: &str) -> String {
    let spaced = name.replace(['_', '-'], " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The file endings an upload into a page of `collection` may have: its `file` fields' and
/// the web images the body can show.
pub fn upload_extensions(collection: Option<&Collection>) -> Vec<String> {
    let mut all: Vec<String> = WEB_IMAGES.iter().map(|e| e.to_string()).collect();
    let specs: Option<&FieldSpecs> = collection.map(|c| &c.fields);
    for spec in specs.into_iter().flat_map(|s| s.values()) {
        if spec.kind == FieldKind::File {
            for extension in &spec.extensions {
                let extension = extension.to_ascii_lowercase();
                if !all.contains(&extension) {
                    all.push(extension);
                }
            }
        }
    }
    all
}

/// The file's values as the form shows them: the shown fields only, tags taken out of
/// `taxonomies`.
pub fn form_values(fields: &[Field], file: &Map<String, Value>) -> Map<String, Value> {
    let mut values = Map::new();
    for field in fields {
        let value = match field.name.as_str() {
            TAGS => file_tags(file),
            name => file.get(name).cloned(),
        };
        if let Some(value) = value.filter(|v| !v.is_null()) {
            values.insert(field.name.clone(), value);
        }
    }
    values
}

fn file_tags(file: &Map<String, Value>) -> Option<Value> {
    file.get("taxonomies")
        .and_then(Value::as_object)
        .and_then(|taxonomies| taxonomies.get(TAGS))
        .cloned()
}

/// The form's values as the file's: what to give `front_matter::update`, and the names of the
/// fields it may touch. A `false` box the file did not have stays absent, and `taxonomies` is
/// touched only when the tags changed, keeping its other taxonomies.
pub fn file_values(
    fields: &[Field],
    form: &Map<String, Value>,
    file: &Map<String, Value>,
) -> (Map<String, Value>, Vec<String>) {
    let mut values = Map::new();
    let mut shown = Vec::new();
    for field in fields {
        let value = form.get(&field.name).cloned().unwrap_or(Value::Null);
        if field.name == TAGS {
            if let Some(taxonomies) = taxonomies_with_tags(file, value) {
                values.insert("taxonomies".into(), taxonomies);
                shown.push("taxonomies".to_string());
            }
            continue;
        }
        let unset_box = value == Value::Bool(false) && !file.contains_key(&field.name);
        let value = if unset_box { Value::Null } else { value };
        values.insert(field.name.clone(), value);
        shown.push(field.name.clone());
    }
    (values, shown)
}

/// The file's `taxonomies` with `tags` set to `tags`; `None` when the tags are unchanged.
fn taxonomies_with_tags(file: &Map<String, Value>, tags: Value) -> Option<Value> {
    let empty = |v: &Value| v.is_null() || v.as_array().is_some_and(|a| a.is_empty());
    let before = file_tags(file).unwrap_or(Value::Null);
    if before == tags || (empty(&before) && empty(&tags)) {
        return None;
    }
    let mut taxonomies = file
        .get("taxonomies")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    match empty(&tags) {
        true => taxonomies.remove(TAGS),
        false => taxonomies.insert(TAGS.into(), tags),
    };
    Some(match taxonomies.is_empty() {
        true => Value::Null,
        false => Value::Object(taxonomies),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn map(value: Value) -> Map<String, Value> {
        value.as_object().cloned().expect("an object")
    }

    fn names(fields: &[Field]) -> Vec<&str> {
        fields.iter().map(|f| f.name.as_str()).collect()
    }

    fn config() -> Config {
        let yaml = "title: T\nbase_url: https://x.example\ntaxonomies:\n  - name: tags\ncollections:\n  - name: symboler\n    sections: [symboler]\n    fields:\n      miljo: {type: enum, label: \"Miljö\", required: true, values: [a, b]}\n      bild: {type: file, extensions: [svg, PDF]}\n      betydelse: {type: text}\n      rader:\n        type: records\n        fields:\n          id: {type: text, required: true}\n";
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("config.yaml"), yaml).expect("write");
        Config::load(dir.path()).expect("config")
    }

    #[test]
    fn common_fields_come_first_then_the_collection_in_config_order() {
        let config = config();
        let collection = collection_of(&config, "symboler/kod-88/index.md");
        let long = map(json!({"betydelse": "x".repeat(LONG_TEXT + 1)}));
        let fields = fields(&config, collection, &long);
        assert_eq!(
            names(&fields),
            [
                "title",
                "description",
                "date",
                "updated",
                "draft",
                "tags",
                "miljo",
                "bild",
                "betydelse",
                "rader"
            ]
        );
        assert_eq!(fields[6].kind, "enum");
        // A label from config.yaml, else one made from the key.
        assert_eq!((&*fields[6].label, &*fields[7].label), ("Miljö", "Bild"));
        assert_eq!(fields[6].values, ["a", "b"]);
        assert!(fields[6].required);
        assert_eq!(fields[8].kind, "longtext");
        assert_eq!(fields[9].fields[0].name, "id");
        let outside = super::fields(&config, None, &Map::new());
        assert_eq!(names(&outside), ["title", "description", "date", "tags"]);
        assert_eq!(
            upload_extensions(collection),
            ["png", "jpg", "jpeg", "gif", "webp", "svg", "pdf"]
        );
    }

    #[test]
    fn tags_map_to_the_tags_taxonomy_and_keep_the_others() {
        let config = config();
        let fields = fields(&config, None, &Map::new());
        let file = map(json!({"title": "A", "taxonomies": {"tags": ["x"], "teman": ["y"]}}));
        let form = form_values(&fields, &file);
        assert_eq!(form.get("tags"), Some(&json!(["x"])));
        assert!(!form.contains_key("taxonomies"));
        let (values, shown) = file_values(&fields, &form, &file);
        assert!(
            !shown.contains(&"taxonomies".to_string()),
            "unchanged tags leave it alone"
        );
        assert_eq!(values.get("title"), Some(&json!("A")));
        let changed = map(json!({"title": "A", "tags": ["x", "z"]}));
        let (values, shown) = file_values(&fields, &changed, &file);
        assert!(shown.contains(&"taxonomies".to_string()));
        assert_eq!(
            values.get("taxonomies"),
            Some(&json!({"tags": ["x", "z"], "teman": ["y"]}))
        );
        let cleared = map(json!({"title": "A", "tags": []}));
        let only_tags = map(json!({"taxonomies": {"tags": ["x"]}}));
        let (values, _) = file_values(&fields, &cleared, &only_tags);
        assert_eq!(values.get("taxonomies"), Some(&Value::Null));
    }

    #[test]
    fn an_unticked_box_the_file_did_not_have_stays_absent() {
        let config = config();
        let collection = collection_of(&config, "symboler/a.md");
        let fields = fields(&config, collection, &Map::new());
        let form = map(json!({"title": "A", "draft": false}));
        let (values, _) = file_values(&fields, &form, &Map::new());
        assert_eq!(values.get("draft"), Some(&Value::Null));
        let (values, _) = file_values(&fields, &form, &map(json!({"draft": true})));
        assert_eq!(values.get("draft"), Some(&json!(false)));
    }
}
