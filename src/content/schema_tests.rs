//! Each collection field reads a value by its own type, not by YAML's guess: a plain
//! `0812345630`, `no` or `1e3` in a text-like field is those characters.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::{json, Value};

use super::Checker;
use crate::diagnostics::Diagnostic;
use crate::yaml::{self, Block, Node, Spanned};

/// Plain scalars YAML would read as a boolean, nothing, a number or a date.
const TRICKY: [&str; 20] = [
    "no",
    "yes",
    "on",
    "off",
    "true",
    "False",
    "null",
    "~",
    "0123",
    "0x1F",
    "0o17",
    "1e3",
    ".5",
    "1_000",
    "-0",
    "+1",
    ".NaN",
    "2020-01-01",
    "12:30",
    "88",
];

const SPECS: &str = "\
t: {type: text}
e: {type: enum, values: [no, yes, on, off, 'true', 'False', 'null', '~', '0123', '0x1F', '0o17', '1e3', '.5', '1_000', '-0', '+1', '.NaN', '2020-01-01', '12:30', '88']}
l: {type: list}
p: {type: phone}
d: {type: date}
n: {type: number}
b: {type: bool}
";

/// Checks `front_matter` against [`SPECS`]: the values, and the problems as `line:col message`.
fn check(front_matter: &str) -> (BTreeMap<String, Value>, Vec<String>) {
    let (values, problems) = check_against(SPECS, front_matter);
    (values, problems.iter().map(short).collect())
}

/// Checks `front_matter` against the field specs `specs` (YAML as in config.yaml).
fn check_against(specs: &str, front_matter: &str) -> (BTreeMap<String, Value>, Vec<Diagnostic>) {
    let specs_block = Block::new(Path::new("config.yaml"), specs, 1);
    let specs: crate::config::FieldSpecs = yaml::parse(specs_block, specs).expect("specs");
    let block = Block::new(Path::new("sida.md"), front_matter, 1);
    let node: Spanned<Node> = yaml::parse(block, front_matter).expect("front matter parses");
    let Node::Map(entries) = &node.value else {
        panic!("fields expected in {front_matter:?}")
    };
    let mut checker = Checker {
        block,
        page_dir: "",
        problems: Vec::new(),
        files: Vec::new(),
        urls: Vec::new(),
    };
    let values = checker.record(&specs, entries, "", "test pages", None);
    (values.into_iter().collect(), checker.problems)
}

fn short(d: &Diagnostic) -> String {
    format!("{}:{} {}", d.line, d.column, d.message)
}

#[test]
fn text_enum_and_list_fields_keep_what_was_written() {
    for written in TRICKY {
        let (values, problems) = check(&format!(
            "t: {written}\ne: {written}\nl: [{written}, {written}]\n"
        ));
        assert_eq!(problems, Vec::<String>::new(), "`{written}`");
        assert_eq!(values["t"], json!(written), "text `{written}`");
        assert_eq!(values["e"], json!(written), "enum `{written}`");
        assert_eq!(values["l"], json!([written, written]), "list `{written}`");
        // A block list, and a single item for a list, read the same way.
        let (values, _) = check(&format!("l:\n  - {written}\n"));
        assert_eq!(values["l"], json!([written]), "block list `{written}`");
        let (values, _) = check(&format!("l: {written}\n"));
        assert_eq!(values["l"], json!([written]), "one-item list `{written}`");
    }
}

#[test]
fn quoted_and_block_text_is_read_as_yaml_reads_it() {
    for (line, text) in [
        ("t: \"0123\"", "0123"),
        ("t: 'no'", "no"),
        ("t: \"null\"", "null"),
        ("t: '~'", "~"),
        ("t: \"a \\\"b\\\" c\"", "a \"b\" c"),
        ("t: |\n  0123\n", "0123"),
        ("t: två ord # en kommentar", "två ord"),
    ] {
        let (values, problems) = check(&format!("{line}\n"));
        assert_eq!(problems, Vec::<String>::new(), "{line}");
        assert_eq!(values["t"], json!(text), "{line}");
    }
}

#[test]
fn phone_keeps_its_characters() {
    for written in [
        "0812345630",
        "+46812345630",
        "0046812345630",
        "08-508 000 00",
        "+46 (0)8 508 000 00",
        "070 123 45 67",
    ] {
        for line in [
            format!("p: {written}\n"),
            format!("p: \"{written}\"\n"),
            format!("p: {written}  # växeln\n"),
        ] {
            let (values, problems) = check(&line);
            assert_eq!(problems, Vec::<String>::new(), "{line}");
            assert_eq!(values["p"], json!(written), "{line}");
        }
    }
}

#[test]
fn phone_with_letters_or_junk_is_refused_at_its_position() {
    for written in [
        "08-508 ABC",
        "ring mig",
        "+46+812345630",
        "08/508 000 00",
        "0812345630 x",
    ] {
        let (values, problems) = check(&format!("t: x\np: {written}\n"));
        assert_eq!(values["p"], Value::Null, "`{written}`");
        assert_eq!(problems.len(), 1, "`{written}`: {problems:?}");
        assert!(
            problems[0].starts_with("2:4 `p: ") && problems[0].contains("not a phone number"),
            "`{written}`: {problems:?}"
        );
    }
}

#[test]
fn date_number_and_bool_fields_read_their_own_type() {
    let (values, problems) = check("d: 2020-01-01\nn: 88\nb: true\n");
    assert_eq!(problems, Vec::<String>::new());
    assert_eq!(values["d"], json!("2020-01-01"));
    assert_eq!(values["n"], json!(88));
    assert_eq!(values["b"], json!(true));
    let (values, problems) = check("n: 2.5\nb: false\n");
    assert_eq!(problems, Vec::<String>::new());
    assert_eq!((&values["n"], &values["b"]), (&json!(2.5), &json!(false)));
    // Not a date, a number, or true/false: refused where written, in the schema's order.
    let (_, problems) = check("d: 12:30\nn: \"12\"\nb: no\n");
    assert_eq!(problems.len(), 3, "{problems:?}");
    assert!(
        problems[2].starts_with("3:4 `b` must be true or false"),
        "{problems:?}"
    );
    assert!(
        problems[0].starts_with("1:4 `d: 12:30` is not a date"),
        "{problems:?}"
    );
    assert!(
        problems[1].starts_with("2:4 `n` must be a number"),
        "{problems:?}"
    );
}

#[test]
fn null_is_text_in_a_text_field_and_nothing_elsewhere() {
    let (values, problems) = check("t: null\nn: null\nb: ~\nd:\n");
    assert_eq!(problems, Vec::<String>::new());
    assert_eq!(values["t"], json!("null"));
    assert_eq!(
        (&values["n"], &values["b"], &values["d"]),
        (&Value::Null, &Value::Null, &Value::Null)
    );
}

#[test]
fn a_value_whose_characters_are_lost_is_refused_not_changed() {
    // An alias repeats another value: its characters are not at its own position.
    let (values, problems) = check("n: &kod 0123\nt: *kod\n");
    assert_eq!(values["n"], json!(123));
    assert_eq!(values["t"], Value::Null);
    assert_eq!(
        problems,
        ["2:4 `t` cannot be kept as written (YAML reads it as a number); put it in quotes (\"...\")"]
    );
}

#[test]
fn the_placeholder_of_a_new_page_is_refused_in_every_field_type() {
    let (values, problems) = check(
        "t: FYLL I\ne: FYLL I\nl: [ett, FYLL I]\np: \"FYLL I\"\nd: FYLL I\nn: FYLL I\nb: FYLL I\n",
    );
    let expected = [
        "1:4 `t` still holds the placeholder `FYLL I`; write its text",
        "2:4 `e` still holds the placeholder `FYLL I`; write one of no, yes",
        "3:10 `l` still holds the placeholder `FYLL I`; write its items as `[one, two]`",
        "4:4 `p` still holds the placeholder `FYLL I`; write a phone number",
        "5:4 `d` still holds the placeholder `FYLL I`; write a date as YYYY-MM-DD",
        "6:4 `n` still holds the placeholder `FYLL I`; write a number",
        "7:4 `b` still holds the placeholder `FYLL I`; write true or false",
    ];
    assert_eq!(problems.len(), expected.len(), "{problems:#?}");
    for (problem, start) in problems.iter().zip(expected) {
        assert!(
            problem.starts_with(start),
            "{problem:?} should start {start:?}"
        );
    }
    assert_eq!(values["t"], Value::Null);
    // Only the whole value is the placeholder: text that mentions it is text.
    let (_, problems) = check("t: FYLL I senare\nl: FYLL I\n");
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(
        problems[0].starts_with("2:4 `l` still holds"),
        "{problems:#?}"
    );
}

#[test]
fn a_missing_required_field_names_its_path_though_it_is_reported_where_its_page_or_row_starts() {
    const RECORD_SPECS: &str = "\
namn: {type: text, required: true}
rader:
  type: records
  fields:
    id: {type: text, required: true}
    vem: {type: text, required: true}
";
    let text = "rader:\n  - id: a1\n    vem: x\n  - id: a2\n";
    let (_, problems) = check_against(RECORD_SPECS, text);
    let fields: Vec<(usize, Option<&str>)> = problems
        .iter()
        .map(|p| (p.line, p.field.as_deref()))
        .collect();
    assert_eq!(fields, vec![(1, Some("namn")), (4, Some("rader/1/vem"))]);
}

/// The problems of `front_matter` against `specs`, in Swedish, as `line:col message`.
fn swedish(specs: &str, front_matter: &str) -> Vec<String> {
    let (_, mut problems) = check_against(specs, front_matter);
    crate::messages::localize(&mut problems, "sv");
    problems.iter().map(short).collect()
}

#[test]
fn an_enum_value_with_swedish_letters_gets_did_you_mean() {
    let specs = "forvaltningstyp: {type: enum, values: [stadsdelsforvaltning, facknamnd, bolag]}\n";
    let problems = swedish(specs, "forvaltningstyp: stadsdelsförvaltning\n");
    assert_eq!(
        problems,
        ["1:18 `forvaltningstyp: stadsdelsförvaltning` är inte ett av de tillåtna värdena: stadsdelsforvaltning, facknamnd, bolag; menade du stadsdelsforvaltning?"]
    );
    // Far from every value: no guess.
    let problems = swedish(specs, "forvaltningstyp: skola\n");
    assert!(!problems[0].contains("menade du"), "{problems:?}");
}

#[test]
fn an_impossible_date_names_itself() {
    let problems = swedish("d: {type: date}\n", "d: 2020-02-30\n");
    assert_eq!(
        problems,
        ["1:4 `d: 2020-02-30`: 30 februari 2020 finns inte; kontrollera dag och månad"]
    );
    let (_, english) = check_against("d: {type: date}\n", "d: 2021-02-29\n");
    assert_eq!(
        english[0].message,
        "`d: 2021-02-29`: February 29, 2021 does not exist; check the day and the month"
    );
}

#[test]
fn a_dash_pasted_from_word_in_a_date_is_named_and_pointed_at() {
    let problems = swedish("d: {type: date}\n", "d: 2020\u{2013}05\u{2013}01\n");
    assert_eq!(
        problems,
        ["1:8 `d: 2020\u{2013}05\u{2013}01` har ett tankstreck (–) i stället för ett vanligt bindestreck (-), ofta inklistrat från Word; skriv datumet igen som ÅÅÅÅ-MM-DD med vanliga bindestreck"]
    );
    // In quotes, the caret still lands on the dash.
    let problems = swedish("d: {type: date}\n", "d: \"2020-05\u{2212}01\"\n");
    assert!(problems[0].starts_with("1:12 "), "{problems:?}");
    assert!(problems[0].contains("minustecken (−)"), "{problems:?}");
}
