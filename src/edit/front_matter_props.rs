//! Properties of `update`: whatever a form holds reads back from the file, values read
//! write back as the same bytes, and no input makes it panic.

use super::*;
use proptest::collection::vec;
use proptest::prelude::*;

/// Any text, and text full of YAML's special characters.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[ -~åäöÅÄÖé🙂\n\t]{0,30}",
        "[-?:,#&*!|>'\"%@` a-z0-9]{0,12}",
    ]
}

fn row() -> impl Strategy<Value = Value> {
    (text(), text(), proptest::option::of(text())).prop_map(|(id, ansvarig, kommentar)| {
        let mut row = json!({"id": id, "ansvarig": ansvarig, "omrade": "riktade"});
        if let Some(kommentar) = kommentar {
            row["kommentar"] = json!(kommentar);
        }
        row
    })
}

/// Lines that look like front matter, some of them broken.
fn yamlish() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        "[a-z]{1,6}: [a-zåä0-9 \"'#:-]{0,12}",
        "  - [a-z0-9 \"'#:]{0,10}",
        "  [a-z]{1,5}: [a-z0-9\"' ]{0,8}",
        "    [a-z]{1,5}: [a-z0-9\"' #]{0,8}",
        "  - [a-z]{1,5}: [a-z0-9\" ]{0,8}",
        "- [a-z]{1,5}",
        "# [a-zä ]{0,10}",
        "",
        "[a-z]{1,6}: \\[[a-z\", ]{0,12}\\]?",
        "[a-z]{1,6}: [|>]",
        "[a-z]{1,6}: \"[a-z #]{0,6}",
        "[a-z]{1,6}:",
    ];
    (vec(line, 0..14), any::<bool>(), "[a-z\n]{0,10}").prop_map(|(lines, crlf, body)| {
        let eol = if crlf { "\r\n" } else { "\n" };
        let front: String = lines.iter().map(|l| format!("{l}{eol}")).collect();
        format!("---{eol}title: t{eol}{front}---{eol}{body}")
    })
}

/// Sets `changes` on `text` and checks that they read back and nothing else changed.
fn reads_back(text: &str, changes: Map<String, Value>) -> Result<(), TestCaseError> {
    let before = read(text.as_bytes()).unwrap();
    let mut values = before.values.clone();
    values.extend(changes.clone());
    let shown: Vec<&str> = changes.keys().map(String::as_str).collect();
    let out = update(text.as_bytes(), &values, &shown, &before.body)
        .map_err(|e| TestCaseError::fail(format!("{e}: {changes:?}")))?;
    let after = read(&out).unwrap();
    for (key, value) in &changes {
        let now = after.values.get(key).unwrap_or(&Value::Null);
        prop_assert!(
            crate::edit::yaml_out::same(now, value),
            "{key}: {now:?} != {value:?}"
        );
    }
    for (key, value) in &before.values {
        if !changes.contains_key(key) {
            prop_assert_eq!(after.values.get(key), Some(value));
        }
    }
    prop_assert_eq!(&after.body, &before.body);
    // What was read writes back as the same bytes.
    let again = update(&out, &after.values, &keys(&after.values), &after.body).unwrap();
    prop_assert_eq!(again, out);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_text_reads_back_from_any_field(value in text(), field in 0usize..4) {
        let key = ["title", "okant_falt", "status", "ny_text"][field];
        reads_back(PLAN, json!({ key: value }).as_object().unwrap().clone())?;
    }

    #[test]
    fn any_list_reads_back_in_flow_and_block_style(tags in vec(text(), 0..5), list in vec(text(), 0..5)) {
        let changes = json!({"taxonomies": {"tags": tags}, "malgrupp": list, "ny_lista": tags});
        reads_back(PLAN, changes.as_object().unwrap().clone())?;
    }

    #[test]
    fn any_records_read_back(rows in vec(row(), 0..5), keep in vec(any::<bool>(), 3)) {
        let old = read(PLAN.as_bytes()).unwrap().values["aktiviteter"].clone();
        let mut all: Vec<Value> = old.as_array().unwrap().iter().zip(&keep)
            .filter(|(_, k)| **k).map(|(r, _)| r.clone()).collect();
        all.extend(rows);
        if all.len() > 1 {
            all.swap(0, 1);
        }
        reads_back(PLAN, json!({ "aktiviteter": all }).as_object().unwrap().clone())?;
    }

    #[test]
    fn a_new_page_holds_any_values(title in text(), tags in vec(text(), 0..4), rows in vec(row(), 0..3)) {
        let values = json!({"title": title, "taxonomies": {"tags": tags}, "aktiviteter": rows});
        let values = values.as_object().unwrap();
        let out = update(b"---\n---\n", values, &["title", "taxonomies", "aktiviteter"], "")
            .map_err(TestCaseError::fail)?;
        let back = read(&out).unwrap().values;
        for (key, value) in values {
            let now = back.get(key).unwrap_or(&Value::Null);
            prop_assert!(crate::edit::yaml_out::same(now, value), "{key}: {now:?} != {value:?}");
        }
    }

    #[test]
    fn values_read_write_back_as_the_same_bytes(text in yamlish()) {
        if let Ok(file) = read(text.as_bytes()) {
            // A layout the parser forgives but YAML does not (a key indented more than the
            // next) may be refused; it is never rewritten.
            match update(text.as_bytes(), &file.values, &keys(&file.values), &file.body) {
                Ok(out) => prop_assert_eq!(out, text.as_bytes()),
                Err(why) => prop_assert!(why.contains("laid out"), "{}", why),
            }
        }
    }

    #[test]
    fn no_input_panics(bytes in prop_oneof![vec(any::<u8>(), 0..200), yamlish().prop_map(String::into_bytes)], value in text()) {
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let _ = read(&bytes);
        let changes = json!({"title": value, "a": [value], "aktiviteter": [{"id": value}]});
        if let Ok(file) = read(&bytes) {
            let mut values = file.values.clone();
            values.extend(changes.as_object().unwrap().clone());
            let mut shown = keys(&file.values);
            shown.extend(["title", "a", "aktiviteter"]);
            let _ = update(&bytes, &values, &shown, "x");
        }
        for line in 0..text.lines().count() + 2 {
            let _ = field_at_line(&text, line);
        }
        let _ = body_first_line(&text);
    }
}
