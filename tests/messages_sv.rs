//! A coordinator's mistakes in a Swedish site, built with `lots build`: each is told in
//! Swedish, at the line and column where it was made, with what to do about it.

mod common;

use common::fixture;

const CONFIG: &str = "\
title: \"Kunskapsbanken\"
base_url: \"https://example.org/kb\"
language: LANGUAGE
collections:
  - name: samordnare
    sections: [samordnare]
    fields:
      forvaltningstyp: {type: enum, required: true, values: [stadsdelsforvaltning, facknamnd, bolag]}
      verifierad: {type: date, required: true}
";

/// The pages with one mistake each, by file name.
const PAGES: [(&str, &str); 8] = [
    (
        "kolon.md",
        "title: Rutin: så gör du\nforvaltningstyp: bolag\nverifierad: 2024-01-01\n",
    ),
    (
        "mellanslag.md",
        "title: \"Mellanslag\"\nforvaltningstyp:bolag\nverifierad: 2024-01-01\n",
    ),
    (
        "tabb.md",
        "title: \"Tabb\"\nforvaltningstyp: bolag\n\tverifierad: 2024-01-01\n",
    ),
    (
        "indrag.md",
        "title: \"Indrag\"\n  forvaltningstyp: bolag\nverifierad: 2024-01-01\n",
    ),
    (
        "vald.md",
        "title: \"Vald\"\nforvaltningstyp: stadsdelsförvaltning\nverifierad: 2024-01-01\n",
    ),
    (
        "datum.md",
        "title: \"Datum\"\nforvaltningstyp: bolag\nverifierad: 2020-02-30\n",
    ),
    (
        "falt.md",
        "title: \"Fält\"\nforvaltningstyp: bolag\nverifierd: 2024-01-01\n",
    ),
    (
        "streck.md",
        "title: \"Streck\"\nforvaltningstyp: bolag\nverifierad: 2020\u{2013}05\u{2013}01\n",
    ),
];

fn site_in(language: &str) -> common::Site {
    let site = fixture("minimal");
    site.write("config.yaml", CONFIG.replace("LANGUAGE", language));
    site.write(
        "content/samordnare/_index.md",
        "---\ntitle: Samordnare\n---\n",
    );
    for (name, front_matter) in PAGES {
        site.write(
            &format!("content/samordnare/{name}"),
            format!("---\n{front_matter}---\n\nText.\n"),
        );
    }
    site
}

#[test]
fn a_coordinators_mistakes_are_told_in_swedish_where_they_were_made() {
    let site = site_in("sv");
    let run = site.build(&[]);
    run.assert_content_error();
    let c = |name: &str| site.shown(&format!("content/samordnare/{name}"));
    run.assert_error_at(
        &c("kolon.md"),
        2,
        13,
        "värdet i `title` innehåller ett kolon följt av mellanslag, och då tror YAML att ett nytt fält börjar; sätt hela värdet inom citattecken: `title: \"Rutin: så gör du\"`",
        "title: Rutin: så gör du",
    );
    run.assert_error_at(
        &c("mellanslag.md"),
        3,
        17,
        "det saknas ett mellanslag efter kolonet i `forvaltningstyp:bolag`; skriv `forvaltningstyp: bolag`",
        "forvaltningstyp:bolag",
    );
    run.assert_error_at(
        &c("tabb.md"),
        4,
        1,
        "raden är indragen med tabb; YAML kräver mellanslag",
        "\tverifierad: 2024-01-01",
    );
    run.assert_error_at(
        &c("indrag.md"),
        3,
        3,
        "raden är indragen på ett annat sätt än raderna ovanför",
        "  forvaltningstyp: bolag",
    );
    run.assert_error_at(
        &c("vald.md"),
        3,
        18,
        "`forvaltningstyp: stadsdelsförvaltning` är inte ett av de tillåtna värdena: stadsdelsforvaltning, facknamnd, bolag; menade du stadsdelsforvaltning?",
        "forvaltningstyp: stadsdelsförvaltning",
    );
    run.assert_error_at(
        &c("datum.md"),
        4,
        13,
        "`verifierad: 2020-02-30`: 30 februari 2020 finns inte",
        "verifierad: 2020-02-30",
    );
    run.assert_error_at(
        &c("streck.md"),
        4,
        17,
        "har ett tankstreck (–) i stället för ett vanligt bindestreck (-), ofta inklistrat från Word",
        "verifierad: 2020\u{2013}05\u{2013}01",
    );
    run.assert_error_at(
        &c("falt.md"),
        4,
        1,
        "fältet `verifierd` finns inte; menade du `verifierad`?",
        "verifierd: 2024-01-01",
    );
    run.assert_error_at(
        &c("falt.md"),
        2,
        1,
        "`verifierad` måste fyllas i för sidor i samordnare; lägg till `verifierad: ...`",
        "title: \"Fält\"",
    );
    // The caret stands under the dash.
    assert!(
        run.stderr
            .contains(" 4 | verifierad: 2020\u{2013}05\u{2013}01\n   |                 ^\n"),
        "{}",
        run.stderr
    );
    assert_eq!(run.error_summary(), "Bygget misslyckades: 9 fel.");
    assert!(
        !run.stderr.contains("mapping values") && !run.stderr.contains("simple key"),
        "parser words left:\n{}",
        run.stderr
    );
}

#[test]
fn a_site_in_another_language_gets_the_english_texts() {
    let site = site_in("en");
    let run = site.build(&[]);
    run.assert_content_error();
    let c = |name: &str| site.shown(&format!("content/samordnare/{name}"));
    run.assert_error_at(
        &c("datum.md"),
        4,
        13,
        "`verifierad: 2020-02-30`: February 30, 2020 does not exist",
        "verifierad: 2020-02-30",
    );
    run.assert_error_at(
        &c("vald.md"),
        3,
        18,
        "did you mean stadsdelsforvaltning?",
        "forvaltningstyp: stadsdelsförvaltning",
    );
}
