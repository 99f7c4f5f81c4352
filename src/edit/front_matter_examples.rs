//! Front matter edits on the example site's files, on pages as `lots new` writes them, and on
//! values written over several lines.

use super::*;

fn example(path: &str) -> String {
    std::fs::read_to_string(format!("{}/content/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

#[test]
fn a_real_plans_third_row_is_found_and_changed_by_its_line() {
    let text = example("handlingsplaner/alvsjo-2020.md");
    let line = 33;
    let written = text.lines().nth(line - 1).unwrap();
    assert!(written.contains("ansvarig:"), "{written}");
    assert_eq!(
        field_at_line(&text, line).as_deref(),
        Some("aktiviteter/2/ansvarig")
    );
    assert_eq!(field_at_line(&text, 2).as_deref(), Some("title"));
    let mut rows = read(text.as_bytes()).unwrap().values["aktiviteter"].clone();
    rows[2]["ansvarig"] = json!("Enhetschef");
    let out = edit(&text, json!({ "aktiviteter": rows }));
    assert_eq!(
        diff(&text, &out),
        (lines(&[written]), lines(&[r#"    ansvarig: "Enhetschef""#]))
    );
}

#[test]
fn a_cell_added_to_a_row_goes_after_its_last_line() {
    let text = example("uppfoljningar/alvsjo-2020-t1.md");
    let mut rows = read(text.as_bytes()).unwrap().values["aktiviteter"].clone();
    rows[1]["kommentar"] = json!("Klar i maj.");
    let out = edit(&text, json!({ "aktiviteter": rows }));
    assert_eq!(
        diff(&text, &out),
        (vec![], lines(&[r#"    kommentar: "Klar i maj.""#]))
    );
    let at = out.find("  - id: a2\n    status: pagar\n    kommentar:");
    assert!(at.is_some(), "{out}");
}

#[test]
fn block_scalars_and_multi_line_quotes_are_one_field_each() {
    let text = "---\ntitle: a\ntext: |\n  # inte en kommentar\n  nyckel: inte heller\n\n  # slut\ncitat: \"rad ett\n  # fortsätter\"\nsist: b\n---\n";
    assert_eq!(field_at_line(text, 4).as_deref(), Some("text"));
    assert_eq!(field_at_line(text, 7).as_deref(), Some("text"));
    assert_eq!(field_at_line(text, 9).as_deref(), Some("citat"));
    assert_eq!(edit(text, json!({})), text);
    let out = edit(text, json!({"text": "ny", "citat": "nytt", "sist": "c"}));
    assert_eq!(
        out,
        "---\ntitle: a\ntext: ny\ncitat: \"nytt\"\nsist: c\n---\n"
    );
}

#[test]
fn comments_inside_a_replaced_value_are_kept_after_it() {
    let text = "---\ntitle: a\n  # om titeln\nlista: [a,\n  # mitt i\n  b]\n---\n";
    assert_eq!(edit(text, json!({})), text);
    let out = edit(text, json!({"title": "b", "lista": ["c"]}));
    assert_eq!(
        out,
        "---\ntitle: b\n  # om titeln\nlista: [c]\n  # mitt i\n---\n"
    );
}

/// A page as `lots new` writes it: placeholders with comments, optional fields commented out.
const NEW_PLAN: &str = "---\ntitle: \"Ny plan\"\ndescription: \"\"  # en mening\ndate: 2026-12-02\nar: FYLL I  # ett tal\n# dnr:  # valfritt; text\nstatus: FYLL I  # utkast, beslutad eller godkand\naktiviteter:  # en rad per aktivitet\n  - id: FYLL I  # kortnamn\n    aktivitet: FYLL I  # text\n    # avsnitt:  # valfritt; text\n---\n\nSkriv här.\n";

#[test]
fn filling_in_a_new_page_keeps_its_hints() {
    let rows =
        json!([{"id": "a1", "aktivitet": "Skolprogram"}, {"id": "a2", "aktivitet": "Rutiner"}]);
    let out = edit(
        NEW_PLAN,
        json!({"ar": 2021, "status": "utkast", "aktiviteter": rows}),
    );
    let expected = "---\ntitle: \"Ny plan\"\ndescription: \"\"  # en mening\ndate: 2026-12-02\nar: 2021  # ett tal\n# dnr:  # valfritt; text\nstatus: utkast  # utkast, beslutad eller godkand\naktiviteter:  # en rad per aktivitet\n  - id: a1  # kortnamn\n    aktivitet: Skolprogram  # text\n    # avsnitt:  # valfritt; text\n  - id: a2\n    aktivitet: Rutiner\n---\n\nSkriv här.\n";
    assert_eq!(out, expected);
    assert_eq!(
        field_at_line(NEW_PLAN, 10).as_deref(),
        Some("aktiviteter/0/aktivitet")
    );
}

/// A value of the kind `spec` asks for, as the form would send it.
fn filled(spec: &crate::config::FieldSpec) -> Value {
    use crate::config::FieldKind;
    let first = spec.values.first().cloned();
    match spec.kind {
        FieldKind::Text => json!("Ifylld: text med # och \"citat\""),
        FieldKind::Number => json!(2021),
        FieldKind::Bool => json!(true),
        FieldKind::Date => json!("2026-12-02"),
        FieldKind::List => json!([first.unwrap_or_else(|| "något".into())]),
        FieldKind::Enum => json!(first),
        FieldKind::File => json!(format!("fil.{}", spec.extensions[0])),
        FieldKind::Email => json!("vbe@example.stockholm.se"),
        FieldKind::Phone => json!("08-123 456 78"),
        FieldKind::Url => json!("https://example.se/sida"),
        FieldKind::Records => {
            let row: Map<String, Value> = spec
                .fields
                .iter()
                .map(|(name, cell)| (name.clone(), filled(cell)))
                .collect();
            json!([row])
        }
    }
}

#[test]
fn every_page_lots_new_writes_can_be_filled_in_to_a_page_the_schema_accepts() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = crate::config::Config::load(root).unwrap();
    let options = crate::edit::new_page::Options {
        draft: false,
        today: chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap(),
    };
    for collection in &config.collections {
        let section = format!("{}/_index.md", collection.sections[0]);
        let (text, _) = crate::edit::new_page::page_text(&config, &section, "Ny sida", &options);
        let file = read(text.as_bytes()).unwrap();
        let mut values = file.values.clone();
        for (name, spec) in collection.fields.iter().filter(|(_, s)| s.required) {
            values.insert(name.clone(), filled(spec));
        }
        let out = update(text.as_bytes(), &values, &keys(&values), &file.body).unwrap();
        let out = String::from_utf8(out).unwrap();
        for comment in text.lines().filter(|l| l.trim_start().starts_with('#')) {
            assert!(out.contains(comment), "{comment} lost:\n{out}");
        }
        let key = format!("{}/ny-sida/index.md", collection.sections[0]);
        let split =
            crate::content::front_matter::split(std::path::Path::new("x.md"), &out).unwrap();
        let block = crate::yaml::Block::new(std::path::Path::new("x.md"), &out, 2);
        let mut problems = Vec::new();
        crate::content::schema::page_fields(&config, &key, block, split.front, &mut problems);
        assert!(problems.is_empty(), "{problems:?}\n{out}");
    }
}
