//! `lots schema`: the collections and fields of a site's config.yaml as Markdown tables, and
//! the README's section for coordinators, which is that output pasted between markers.

mod common;

use std::path::Path;

use common::{fixture, run_lots};
use lots::config::{Config, FieldSpecs};

const START: &str = "<!-- lots schema -->\n";
const END: &str = "<!-- /lots schema -->";

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `lots schema --root ROOT`'s standard output; it must succeed.
fn schema(root: &Path) -> String {
    let args = ["schema", "--root", &root.display().to_string()].map(String::from);
    let run = run_lots(&args, root, root.join("public"));
    run.assert_success();
    run.stdout
}

/// Every field's row name (`list/field` for the fields of records) with its spec's label.
fn field_rows(fields: &FieldSpecs, parent: Option<&str>, out: &mut Vec<(String, String)>) {
    for (name, spec) in fields {
        let path = parent.map_or(name.clone(), |p| format!("{p}/{name}"));
        out.push((path.clone(), spec.label.clone().unwrap_or_default()));
        field_rows(&spec.fields, Some(&path), out);
    }
}

#[test]
fn schema_prints_a_table_for_every_collection_with_every_field() {
    let text = schema(repo());
    let config = Config::load(repo()).expect("the example config loads");
    assert!(config.collections.len() >= 5);
    for collection in &config.collections {
        let title = collection.title.as_deref().unwrap_or(&collection.name);
        let heading = format!("### {title} (`{}`)\n", collection.name);
        let start = text
            .find(&heading)
            .unwrap_or_else(|| panic!("no `{heading}` in:\n{text}"));
        let part = &text[start..];
        let part = &part[..part[4..].find("\n### ").map_or(part.len(), |end| end + 4)];
        assert!(
            part.contains(
                "| Fält | Etikett | Typ | Obligatoriskt | Tillåtna värden | Beskrivning |"
            ),
            "{part}"
        );
        let mut rows = Vec::new();
        field_rows(&collection.fields, None, &mut rows);
        for (field, label) in rows {
            let row = format!("| `{field}` | {label} | ");
            assert!(part.contains(&row), "no row `{row}` in:\n{part}");
        }
        assert!(
            part.contains("```yaml\n---\ntitle: "),
            "no example page:\n{part}"
        );
    }
    // An enum lists its values, a file field its endings, a required field says so.
    assert!(text.contains(
        "| `dokumenttyp` | Dokumenttyp | ett av värdena | ja | `riktlinjer`, `remissvar`, `rapport`, `handlingsplan` |"
    ));
    assert!(text.contains("| `textning` | Textning | fil i sidans mapp | nej | filändelser: `vtt` | textning i WebVTT |"));
    assert!(text.contains("| `video` | Video | fil i sidans mapp | nej | filändelser: `mp4`, `webm` | kräver också `textning` |"));
}

#[test]
fn schema_is_english_for_an_english_site_and_fails_without_config() {
    let site = fixture("collections");
    let config = std::fs::read_to_string(site.path("config.yaml")).expect("config");
    site.write(
        "config.yaml",
        config.replace("language: sv", "language: en"),
    );
    let text = schema(&site.root);
    assert!(
        text.contains("| Field | Label | Type | Required | Allowed values | Description |"),
        "{text}"
    );
    let empty = tempfile::tempdir().expect("temp dir");
    let args = ["schema", "--root", &empty.path().display().to_string()].map(String::from);
    let run = run_lots(&args, empty.path(), empty.path().join("public"));
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("config.yaml"), "{}", run.stderr);
}

#[test]
fn readme_coordinator_section_is_what_lots_schema_prints() {
    let readme = std::fs::read_to_string(repo().join("README.md")).expect("README.md");
    let start = readme
        .find(START)
        .expect("README has `<!-- lots schema -->`")
        + START.len();
    let end = readme[start..]
        .find(END)
        .map(|n| n + start)
        .expect("README has `<!-- /lots schema -->`");
    let pasted = &readme[start..end];
    let printed = schema(repo());
    // After a change to config.yaml or the example pages, `LOTS_UPDATE_README=1 cargo test
    // --test schema` pastes the new output.
    if pasted != printed && std::env::var_os("LOTS_UPDATE_README").is_some() {
        let updated = format!("{}{printed}{}", &readme[..start], &readme[end..]);
        std::fs::write(repo().join("README.md"), updated).expect("write README.md");
        return;
    }
    assert!(
        pasted == printed,
        "README's tables differ from `lots schema`: run `LOTS_UPDATE_README=1 cargo test \
         --test schema`.\n--- README\n{pasted}\n--- lots schema\n{printed}"
    );
}
