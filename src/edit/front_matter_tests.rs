use super::*;
use serde_json::json;

/// A plan file with every kind of thing that must survive an edit: comments on their own
/// line and after values, an unknown field, a nested map, flow and block lists, records
/// with comments between and inside rows.
pub(super) const PLAN: &str = r#"---
title: "Älvsjö plan" # trailing comment
# own-line comment about description
description: "Kort: text"
date: 2020-04-23
weight: 20
taxonomies:
  tags: ["handlingsplan", "vit makt"]
okant_falt: behålls   # unknown field
ar: 2020
status:  godkand
exempeldata: true
aktiviteter:
  # Förebyggande
  - id: a1
    aktivitet: "Skolprogram"
    ansvarig: "Samordnare"
    omrade: allmanna
  - id: a2
    aktivitet: "Rutiner"   # comment in row 2
    ansvarig: "Förvaltningens samordnare"
    omrade: allmanna
  # Förhindrande
  - id: a3
    aktivitet: "VBE-team"
    ansvarig: "Social omsorg"
    omrade: riktade
malgrupp:
  - lärare
  - "skolkuratorer"
---

Brödtext med *Markdown*.

## Rubrik
"#;

pub(super) fn keys(values: &Map<String, Value>) -> Vec<&str> {
    values.keys().map(String::as_str).collect()
}

/// `text` after setting the fields of `changes` (others as read), with the same body.
pub(super) fn edit(text: &str, changes: Value) -> String {
    let file = read(text.as_bytes()).unwrap();
    let mut values = file.values.clone();
    let changes = changes.as_object().unwrap().clone();
    let mut shown = keys(&file.values);
    shown.extend(changes.keys().map(String::as_str));
    for (key, value) in &changes {
        values.insert(key.clone(), value.clone());
    }
    let out = update(text.as_bytes(), &values, &shown, &file.body).unwrap();
    String::from_utf8(out).unwrap()
}

/// The lines of `a` not in `b` and the lines of `b` not in `a`, by a longest common
/// subsequence of lines (each with its line end).
pub(super) fn diff(a: &str, b: &str) -> (Vec<String>, Vec<String>) {
    let a: Vec<&str> = a.split_inclusive('\n').collect();
    let b: Vec<&str> = b.split_inclusive('\n').collect();
    let mut common = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            common[i][j] = if a[i] == b[j] {
                common[i + 1][j + 1] + 1
            } else {
                common[i + 1][j].max(common[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut gone, mut new) = (0, 0, Vec::new(), Vec::new());
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            (i, j) = (i + 1, j + 1);
        } else if j == b.len() || (i < a.len() && common[i + 1][j] >= common[i][j + 1]) {
            gone.push(a[i].to_string());
            i += 1;
        } else {
            new.push(b[j].to_string());
            j += 1;
        }
    }
    (gone, new)
}

pub(super) fn lines(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| format!("{s}\n")).collect()
}

#[test]
fn unchanged_values_give_the_same_bytes() {
    for text in [
        PLAN.to_string(),
        PLAN.replace('\n', "\r\n"),
        format!("\u{feff}{PLAN}"),
    ] {
        assert_eq!(edit(&text, json!({})), text);
    }
}

#[test]
fn every_file_of_the_example_site_reads_and_writes_back_unchanged() {
    let mut seen = 0;
    for entry in ignore::Walk::new(concat!(env!("CARGO_MANIFEST_DIR"), "/content")) {
        let path = entry.unwrap().into_path();
        if path.extension().is_some_and(|e| e == "md") {
            let text = std::fs::read_to_string(&path).unwrap();
            assert_eq!(edit(&text, json!({})), text, "{}", path.display());
            let title = text.lines().find(|l| l.starts_with("title: ")).unwrap();
            let changed = (lines(&[title]), lines(&[r#"title: "Ny titel""#]));
            assert_eq!(
                diff(&text, &edit(&text, json!({"title": "Ny titel"}))),
                changed
            );
            seen += 1;
        }
    }
    assert!(seen > 50, "{seen} files");
}

#[test]
fn changing_the_title_changes_only_its_line_and_keeps_its_comment() {
    let out = edit(PLAN, json!({"title": "Ny titel"}));
    assert_eq!(
        diff(PLAN, &out),
        (
            lines(&[r#"title: "Älvsjö plan" # trailing comment"#]),
            lines(&[r#"title: "Ny titel" # trailing comment"#])
        )
    );
}

#[test]
fn text_round_trips_whatever_it_holds() {
    let samples = [
        r#"med "citat" och 'apostrof'"#,
        "kolon: mitt i",
        "slutar med kolon:",
        "# börjar som kommentar",
        "har # inuti",
        "  inledande och avslutande mellanslag  ",
        "rad ett\nrad två\r\nrad tre",
        "åäö ÅÄÖ é",
        "emoji 🙂 och 👩‍👩‍👧",
        "yes",
        "No",
        "null",
        "~",
        "true",
        "2020",
        "0812345630",
        "1e3",
        "2020-04-23",
        "- inte en lista",
        "@/symboler/kod-88/index.md",
        "[inte, en, lista]",
        "{inte: karta}",
        "*stjärna",
        "&ankare",
        "!tagg",
        "|",
        ">",
        "%procent",
        "`backtick`",
        "tab\there",
        "backslash \\ här",
        "kontroll \u{7} \u{1b} \u{85} \u{2028} \u{feff}",
    ];
    for sample in samples {
        for field in ["title", "aktivitet_ny", "okant_falt"] {
            let out = edit(PLAN, json!({ field: sample }));
            let back = read(out.as_bytes()).unwrap().values;
            // `okant_falt` was plain: `2020` stays plain, and equals "2020" by its text.
            let fine = match field {
                "okant_falt" => crate::edit::yaml_out::same(&back[field], &json!(sample)),
                _ => back[field] == json!(sample),
            };
            assert!(
                fine,
                "{field}: {sample:?} read back as {:?}\n{out}",
                back[field]
            );
            let raw = |c: char| c.is_control() && c != '\n' || "\u{85}\u{2028}\u{feff}".contains(c);
            assert!(!out.chars().any(raw), "a raw control character: {out:?}");
        }
    }
}

#[test]
fn numbers_bools_dates_and_enums_are_written_plain() {
    let out = edit(
        PLAN,
        json!({"ar": 2021, "exempeldata": false, "date": "2020-05-01", "status": "beslutad", "weight": "30"}),
    );
    let (old, new) = diff(PLAN, &out);
    assert_eq!(old.len(), 5, "{old:?}");
    assert!(new.contains(&"ar: 2021\n".to_string()), "{new:?}");
    assert!(new.contains(&"exempeldata: false\n".to_string()), "{new:?}");
    assert!(new.contains(&"date: 2020-05-01\n".to_string()), "{new:?}");
    assert!(new.contains(&"status: beslutad\n".to_string()), "{new:?}");
    // A number field's form value may arrive as text: it stays a number in the file.
    assert!(new.contains(&"weight: 30\n".to_string()), "{new:?}");
    let back = read(out.as_bytes()).unwrap().values;
    assert_eq!(
        (&back["ar"], &back["exempeldata"]),
        (&json!(2021), &json!(false))
    );
}

#[test]
fn a_number_written_as_text_equals_the_number() {
    assert_eq!(edit(PLAN, json!({"ar": "2020", "weight": 20})), PLAN);
}

#[test]
fn a_flow_list_keeps_its_style_when_items_are_added_and_removed() {
    let out = edit(
        PLAN,
        json!({"taxonomies": {"tags": ["vit makt", "ny tagg", "tredje"]}}),
    );
    assert_eq!(
        diff(PLAN, &out).1,
        lines(&[r#"  tags: ["vit makt", "ny tagg", "tredje"]"#])
    );
    let out = edit(PLAN, json!({"taxonomies": {"tags": ["vit makt"]}}));
    assert_eq!(diff(PLAN, &out).1, lines(&[r#"  tags: ["vit makt"]"#]));
}

#[test]
fn a_block_list_keeps_the_lines_of_its_unchanged_items() {
    let out = edit(
        PLAN,
        json!({"malgrupp": ["lärare", "skolkuratorer", "fritidsledare"]}),
    );
    assert_eq!(diff(PLAN, &out), (vec![], lines(&["  - fritidsledare"])));
    let out = edit(PLAN, json!({"malgrupp": ["skolkuratorer"]}));
    assert_eq!(diff(PLAN, &out), (lines(&["  - lärare"]), vec![]));
}

#[test]
fn changing_one_cell_of_a_row_changes_only_that_line() {
    let mut rows = read(PLAN.as_bytes()).unwrap().values["aktiviteter"].clone();
    rows[2]["ansvarig"] = json!("Ny ansvarig: socialtjänsten");
    let out = edit(PLAN, json!({ "aktiviteter": rows }));
    assert_eq!(
        diff(PLAN, &out),
        (
            lines(&[r#"    ansvarig: "Social omsorg""#]),
            lines(&[r#"    ansvarig: "Ny ansvarig: socialtjänsten""#])
        )
    );
}

#[test]
fn a_changed_cell_keeps_the_comment_after_it() {
    let mut rows = read(PLAN.as_bytes()).unwrap().values["aktiviteter"].clone();
    rows[1]["aktivitet"] = json!("Nya rutiner");
    let out = edit(PLAN, json!({ "aktiviteter": rows }));
    assert_eq!(
        diff(PLAN, &out).1,
        lines(&[r#"    aktivitet: "Nya rutiner"   # comment in row 2"#])
    );
}

#[test]
fn a_new_row_is_added_with_the_keys_in_the_file_order() {
    let mut rows = read(PLAN.as_bytes()).unwrap().values["aktiviteter"].clone();
    rows.as_array_mut().unwrap().push(json!({
        "omrade": "individ", "id": "a4", "ansvarig": "Enhetschef", "aktivitet": "Stöd: anhöriga"
    }));
    let out = edit(PLAN, json!({ "aktiviteter": rows }));
    let added = lines(&[
        "  - id: a4",
        r#"    aktivitet: "Stöd: anhöriga""#,
        "    ansvarig: Enhetschef",
        "    omrade: individ",
    ]);
    assert_eq!(diff(PLAN, &out), (vec![], added));
}

#[test]
fn removing_a_row_removes_only_its_lines() {
    let mut rows = read(PLAN.as_bytes()).unwrap().values["aktiviteter"].clone();
    rows.as_array_mut().unwrap().remove(1);
    let out = edit(PLAN, json!({ "aktiviteter": rows }));
    let removed = lines(&[
        "  - id: a2",
        r#"    aktivitet: "Rutiner"   # comment in row 2"#,
        r#"    ansvarig: "Förvaltningens samordnare""#,
        "    omrade: allmanna",
    ]);
    assert_eq!(diff(PLAN, &out), (removed, vec![]));
}

#[test]
fn reordered_rows_keep_their_text_and_comments() {
    let mut rows = read(PLAN.as_bytes()).unwrap().values["aktiviteter"].clone();
    rows.as_array_mut().unwrap().swap(1, 2);
    let out = edit(PLAN, json!({ "aktiviteter": rows }));
    let row2 = "  - id: a2\n    aktivitet: \"Rutiner\"   # comment in row 2\n    ansvarig: \"Förvaltningens samordnare\"\n    omrade: allmanna\n";
    let row3 = "  # Förhindrande\n  - id: a3\n    aktivitet: \"VBE-team\"\n    ansvarig: \"Social omsorg\"\n    omrade: riktade\n";
    assert!(out.contains(&format!("{row3}{row2}malgrupp:")), "{out}");
    assert_eq!(out.len(), PLAN.len());
}

#[test]
fn removing_a_rows_first_key_moves_its_dash_to_the_next() {
    let mut rows = read(PLAN.as_bytes()).unwrap().values["aktiviteter"].clone();
    rows[0].as_object_mut().unwrap().remove("id");
    let out = edit(PLAN, json!({ "aktiviteter": rows }));
    assert_eq!(
        diff(PLAN, &out),
        (
            lines(&["  - id: a1", r#"    aktivitet: "Skolprogram""#]),
            lines(&[r#"  - aktivitet: "Skolprogram""#])
        )
    );
}

const CONTACT: &str = "---\ntitle: \"Samordnare\"\ntelefon: \"08-123 456 12\"\nepost: \"vbe.alvsjo@example.stockholm.se\"\nlank: https://example.se/a\nbild: bild.svg\n---\n";

#[test]
fn file_url_email_and_phone_fields_round_trip() {
    let changes = json!({
        "telefon": "+46 8-123 456 13",
        "epost": "ny@example.stockholm.se",
        "lank": "https://example.se/b?x=1#del",
        "bild": "ny bild.png",
    });
    let out = edit(CONTACT, changes.clone());
    let expected = "---\ntitle: \"Samordnare\"\ntelefon: \"+46 8-123 456 13\"\nepost: \"ny@example.stockholm.se\"\nlank: https://example.se/b?x=1#del\nbild: ny bild.png\n---\n";
    assert_eq!(out, expected);
    let back = read(out.as_bytes()).unwrap().values;
    for (key, value) in changes.as_object().unwrap() {
        assert_eq!(&back[key], value);
    }
}

#[test]
fn the_nested_taxonomies_map_is_patched_key_by_key() {
    let text = "---\ntitle: a\ntaxonomies:\n  # taggar\n  tags: [\"x\"]\n  kategorier: [\"k\"]  # kvar\n---\n";
    let out = edit(
        text,
        json!({"taxonomies": {"tags": ["x", "y"], "kategorier": ["k"]}}),
    );
    assert_eq!(
        diff(text, &out),
        (
            lines(&["  tags: [\"x\"]"]),
            lines(&["  tags: [\"x\", \"y\"]"])
        )
    );
}

#[test]
fn removing_a_field_removes_only_its_lines() {
    let out = edit(
        PLAN,
        json!({"description": "", "malgrupp": [], "weight": null}),
    );
    let removed = lines(&[
        r#"description: "Kort: text""#,
        "weight: 20",
        "malgrupp:",
        "  - lärare",
        r#"  - "skolkuratorer""#,
    ]);
    assert_eq!(diff(PLAN, &out), (removed, vec![]));
}

#[test]
fn a_field_not_shown_is_never_touched() {
    let file = read(PLAN.as_bytes()).unwrap();
    let out = update(PLAN.as_bytes(), &Map::new(), &["title"], &file.body);
    assert!(String::from_utf8(out.unwrap())
        .unwrap()
        .contains("okant_falt: behålls   #"));
    let out = update(PLAN.as_bytes(), &Map::new(), &[], &file.body).unwrap();
    assert_eq!(out, PLAN.as_bytes());
}

#[test]
fn new_fields_are_added_at_the_end_in_shown_order() {
    let text = "---\ntitle: a\n# sist\n---\nbody\n";
    let values = json!({"title": "a", "zeta": "z", "alfa": ["b", "c"]});
    let out = update(
        text.as_bytes(),
        values.as_object().unwrap(),
        &["title", "zeta", "alfa"],
        "body\n",
    )
    .unwrap();
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "---\ntitle: a\n# sist\nzeta: z\nalfa: [\"b\", \"c\"]\n---\nbody\n"
    );
}

#[test]
fn a_new_page_is_written_from_an_empty_front_matter() {
    let values = json!({
        "title": "Ny sida: om 88",
        "draft": true,
        "ar": 2021,
        "taxonomies": {"tags": ["vit makt"]},
        "aktiviteter": [{"id": "a1", "aktivitet": "Första"}],
    });
    let shown = ["title", "draft", "ar", "taxonomies", "aktiviteter"];
    let out = update(
        b"---\n---\n",
        values.as_object().unwrap(),
        &shown,
        "Text.\n",
    )
    .unwrap();
    let expected = "---\ntitle: \"Ny sida: om 88\"\ndraft: true\nar: 2021\ntaxonomies:\n  tags: [\"vit makt\"]\naktiviteter:\n  - aktivitet: Första\n    id: a1\n---\nText.\n";
    assert_eq!(String::from_utf8(out).unwrap(), expected);
}

#[test]
fn a_file_without_front_matter_gets_one() {
    let values = json!({"title": "Rubrik"});
    let out = update(
        b"Bara text\n",
        values.as_object().unwrap(),
        &["title"],
        "Bara text\n",
    );
    assert_eq!(out.unwrap(), b"---\ntitle: Rubrik\n---\nBara text\n");
}

#[test]
fn crlf_files_stay_crlf_and_new_lines_use_crlf() {
    let text = PLAN.replace('\n', "\r\n");
    let out = edit(
        &text,
        json!({"title": "Ny", "malgrupp": ["lärare", "skolkuratorer", "ny"]}),
    );
    let (old, new) = diff(&text, &out);
    assert_eq!(old, vec!["title: \"Älvsjö plan\" # trailing comment\r\n"]);
    assert_eq!(new[0], "title: \"Ny\" # trailing comment\r\n");
    assert_eq!(new.last().unwrap(), "  - ny\r\n");
    let file = read(text.as_bytes()).unwrap();
    assert!(!file.body.contains('\r'));
    let changed = update(text.as_bytes(), &file.values, &[], "Ny text\nrad två\n").unwrap();
    assert!(String::from_utf8(changed)
        .unwrap()
        .ends_with("---\r\nNy text\r\nrad två\r\n"));
}

#[test]
fn the_byte_order_mark_is_kept() {
    let text = format!("\u{feff}{PLAN}");
    let out = edit(&text, json!({"title": "Ny"}));
    assert!(out.starts_with("\u{feff}---\ntitle: \"Ny\""), "{out}");
    assert!(!read(text.as_bytes()).unwrap().values.is_empty());
}

#[test]
fn the_body_is_kept_unless_changed() {
    let text = "---\ntitle: a\n---\n\nText  \n\n";
    let file = read(text.as_bytes()).unwrap();
    assert_eq!(file.body, "\nText  \n\n");
    let same = update(text.as_bytes(), &file.values, &["title"], &file.body).unwrap();
    assert_eq!(same, text.as_bytes());
    let changed = update(text.as_bytes(), &file.values, &["title"], "Ny").unwrap();
    assert_eq!(changed, b"---\ntitle: a\n---\nNy");
}

#[test]
fn broken_files_are_refused_with_their_line() {
    let cases: [(&[u8], &str); 6] = [
        (b"---\ntitle: a\n", "never closed"),
        (
            b"+++\ntitle = \"a\"\n+++\nText\n",
            "i TOML (mellan rader +++)",
        ),
        (
            b"\xef\xbb\xbf+++\r\ntitle = \"a\"\r\n+++\r\n",
            "redigeraren kan bara skriva YAML",
        ),
        (b"---\ntitle: a\nb: \xff\n---\n", "line 3"),
        (b"---\ntitle: [a\n---\n", "line"),
        (b"---\n- a\n---\n", "must be fields"),
    ];
    for (bytes, expected) in cases {
        let err = read(bytes).unwrap_err();
        assert!(err.contains(expected), "{err}");
        let err = update(bytes, &Map::new(), &[], "").unwrap_err();
        assert!(err.contains(expected), "{err}");
    }
}

#[test]
fn an_edit_that_would_change_another_field_is_refused() {
    // `b` repeats `a` through an alias: rewriting `a` would change `b` too.
    let text = "---\na: &x gammal\nb: *x\n---\n";
    let file = read(text.as_bytes()).unwrap();
    assert_eq!(file.values["b"], json!("gammal"));
    let values = json!({"a": "ny", "b": "gammal"});
    let err = update(text.as_bytes(), values.as_object().unwrap(), &["a"], "").unwrap_err();
    assert!(err.contains("would not read back"), "{err}");
}

#[test]
fn the_read_back_check_refuses_changes_to_fields_not_shown_and_values_not_written() {
    let split = split(PLAN).unwrap();
    let old = parse(&split).unwrap();
    let file = read(PLAN.as_bytes()).unwrap();
    let mut values = file.values.clone();
    values.insert("title".into(), json!("Ny"));
    let mut back = file.clone();
    back.values.insert("title".into(), json!("Ny"));
    assert_eq!(check(&old, &values, &["title"], back.clone()), Ok(()));
    let mut other = back.clone();
    other.values.insert("okant_falt".into(), json!("ändrad"));
    let err = check(&old, &values, &["title"], other).unwrap_err();
    assert!(err.contains("`okant_falt`"), "{err}");
    let mut lost = back;
    lost.values.insert("title".into(), json!("Annan"));
    let err = check(&old, &values, &["title"], lost).unwrap_err();
    assert!(err.contains("`title`"), "{err}");
}

#[test]
fn field_at_line_names_fields_rows_and_cells() {
    let at = |line| field_at_line(PLAN, line);
    assert_eq!(at(1), None);
    assert_eq!(at(2).as_deref(), Some("title"));
    assert_eq!(at(3), None, "a comment between fields");
    assert_eq!(at(8).as_deref(), Some("taxonomies/tags"));
    assert_eq!(at(15).as_deref(), Some("aktiviteter/0/id"));
    assert_eq!(at(21).as_deref(), Some("aktiviteter/1/ansvarig"));
    assert_eq!(
        at(23).as_deref(),
        Some("aktiviteter"),
        "a comment above a row"
    );
    assert_eq!(at(26).as_deref(), Some("aktiviteter/2/ansvarig"));
    assert_eq!(at(27).as_deref(), Some("aktiviteter/2/omrade"));
    assert_eq!(at(29).as_deref(), Some("malgrupp"));
    assert_eq!(at(31), None, "the closing ---");
    assert_eq!(at(33), None, "the body");
    assert_eq!(at(500), None);
}

#[test]
fn body_first_line_is_after_the_closing_dashes() {
    assert_eq!(body_first_line(PLAN), Some(32));
    assert_eq!(body_first_line("---\ntitle: a\n---\nx"), Some(4));
    assert_eq!(body_first_line("bara text"), Some(1));
    assert_eq!(body_first_line("---\ntitle: a\n"), None);
}

#[path = "front_matter_examples.rs"]
mod examples;

#[path = "front_matter_props.rs"]
mod props;
