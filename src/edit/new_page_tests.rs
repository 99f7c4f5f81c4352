//! The text of a new page: what each kind of field gets, and that nothing else is written.

use super::*;

const CONFIG: &str = "\
title: T
base_url: https://example.org/
collections:
  - name: planer
    sections: [planer]
    fields:
      namnd: {type: text, required: true, description: \"nämnden
        som äger planen\"}
      ar: {type: number, required: true}
      dnr: {type: text}
      status: {type: enum, required: true, values: [utkast, godkand]}
      malgrupp: {type: list, required: true}
      klar: {type: bool, required: true}
      aktiviteter:
        type: records
        required: true
        fields:
          avsnitt: {type: text}
          id: {type: text, required: true, description: \"kortnamn\"}
          omrade: {type: enum, required: true, values: [allmanna, riktade]}
      noter:
        type: records
        fields:
          text: {type: text}
";

fn config() -> Config {
    let tmp = tempfile::tempdir().expect("temp dir");
    std::fs::write(tmp.path().join("config.yaml"), CONFIG).expect("config");
    Config::load(tmp.path()).expect("config loads")
}

fn options(draft: bool) -> Options {
    Options {
        draft,
        today: NaiveDate::from_ymd_opt(2026, 12, 2).expect("date"),
    }
}

#[test]
fn every_required_field_gets_a_placeholder_and_a_comment() {
    let (text, placeholders) = page_text(&config(), "planer/_index.md", "Ny plan", &options(false));
    let expected = "\
---
title: \"Ny plan\"
description: \"\"  # en mening om sidan, visas i listor och sökresultat
date: 2026-12-02
namnd: FYLL I  # nämnden som äger planen; text
ar: FYLL I  # ett tal
# dnr:  # valfritt; text
status: FYLL I  # ett av: utkast, godkand
malgrupp: [FYLL I]  # lista: [ett, två]
klar: FYLL I  # true eller false
aktiviteter:  # en rad per post; kopiera raden från - för fler
  - # avsnitt:  # valfritt; text
    id: FYLL I  # kortnamn; text
    omrade: FYLL I  # ett av: allmanna, riktade
# noter:  # valfritt; en rad per post; kopiera raden från - för fler
---

Skriv sidans text här, i Markdown. En länk till en annan sida skrivs `[text](@/sektion/sida.md)`.
";
    assert_eq!(text, expected);
    assert_eq!(placeholders, 7);
}

#[test]
fn a_record_without_required_fields_gets_a_placeholder_in_each() {
    let mut config = config();
    let plan = &mut config.collections[0];
    plan.fields.get_mut("noter").expect("noter").required = true;
    let (text, placeholders) = page_text(&config, "planer/_index.md", "P", &options(false));
    assert!(
        text.contains(
            "noter:  # en rad per post; kopiera raden från - för fler\n  - text: FYLL I  # text\n"
        ),
        "{text}"
    );
    assert_eq!(placeholders, 8);
}

#[test]
fn a_draft_says_so_and_a_page_outside_collections_has_the_common_fields() {
    let (text, placeholders) = page_text(&config(), "om/_index.md", "Om oss", &options(true));
    assert_eq!(
        text,
        "---\ntitle: \"Om oss\"\ndescription: \"\"  # en mening om sidan, visas i listor och sökresultat\ndate: 2026-12-02\ndraft: true\n---\n\nSkriv sidans text här, i Markdown. En länk till en annan sida skrivs `[text](@/sektion/sida.md)`.\n"
    );
    assert_eq!(placeholders, 0);
}

#[test]
fn titles_are_quoted_so_yaml_reads_them_back_as_written() {
    for title in [
        "Kod \"88\": vit makt # symbol",
        "yes",
        "2020",
        "- lista",
        "Rad\nbrytning",
        "\\ omvänt",
    ] {
        let (text, _) = page_text(&config(), "om/_index.md", title, &options(false));
        let first = text.lines().nth(1).expect("title line");
        let block = crate::yaml::Block::new(std::path::Path::new("sida.md"), first, 1);
        let read: std::collections::BTreeMap<String, String> =
            crate::yaml::parse(block, first).expect("title reads back");
        assert_eq!(read["title"], title, "{first}");
    }
}

/// The schema problems of a page's text, as `line:column message`.
fn problems_of(config: &Config, key: &str, text: &str) -> Vec<String> {
    let path = std::path::Path::new("sida.md");
    let split = crate::content::front_matter::split(path, text).expect("front matter");
    let block = crate::yaml::Block::new(path, text, 2);
    let mut problems = Vec::new();
    crate::content::schema::page_fields(config, key, block, split.front, &mut problems);
    problems
        .iter()
        .map(|d| format!("{}:{} {}", d.line, d.column, d.message))
        .collect()
}

#[test]
fn the_new_file_parses_and_only_its_placeholders_are_refused() {
    let config = config();
    let (text, _) = page_text(&config, "planer/_index.md", "Ny plan", &options(false));
    let problems = problems_of(&config, "planer/ny-plan.md", &text);
    let fields: Vec<(&str, &str)> = problems
        .iter()
        .map(|p| {
            let (at, message) = p.split_once(' ').expect("position");
            (at, message.split(' ').next().unwrap_or(""))
        })
        .collect();
    assert_eq!(
        fields,
        [
            ("5:8", "`namnd`"),
            ("6:5", "`ar`"),
            ("8:9", "`status`"),
            ("9:12", "`malgrupp`"),
            ("10:7", "`klar`"),
            ("13:9", "`id`"),
            ("14:13", "`omrade`"),
        ],
        "{problems:#?}"
    );
    assert!(problems
        .iter()
        .all(|p| p.contains("still holds the placeholder")));
    // Filled in, the same file has no problem left (the optional field uncommented too).
    let filled = text
        .replace("namnd: FYLL I", "namnd: Nämnden")
        .replace("\nar: FYLL I", "\nar: 2026")
        .replace("status: FYLL I", "status: utkast")
        .replace("[FYLL I]", "[skola]")
        .replace("klar: FYLL I", "klar: false")
        .replace("  - # avsnitt:", "  - avsnitt: Första")
        .replace("id: FYLL I", "id: a1")
        .replace("omrade: FYLL I", "omrade: riktade");
    assert_eq!(
        problems_of(&config, "planer/ny-plan.md", &filled),
        Vec::<String>::new(),
        "{filled}"
    );
}
