//! Front matter as Zola writes it: TOML between `+++` lines, and every page and section key of
//! Zola. The fixture `zola` holds TOML in the forms Zola's documentation shows; `zola-yaml`
//! holds the same content in YAML. Both must build into the same files, byte for byte; the
//! keys Lots acts on must act, and those it does not must be warned about where they are
//! written; TOML mistakes must be reported at their line and column in the file.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use common::fixture;

/// Every file under `dir`, by its path relative to `dir`.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut found = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in fs::read_dir(&folder).expect("read output folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let relative = path
                    .strip_prefix(dir)
                    .expect("inside")
                    .display()
                    .to_string();
                found.insert(relative, fs::read(&path).expect("read output file"));
            }
        }
    }
    found
}

fn read(dir: &Path, relative: &str) -> String {
    fs::read_to_string(dir.join(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"))
}

/// Where `first` and `second` are in `text`, for order checks.
fn before(text: &str, first: &str, second: &str) -> bool {
    let at = |needle: &str| {
        text.find(needle)
            .unwrap_or_else(|| panic!("`{needle}` not in:\n{text}"))
    };
    at(first) < at(second)
}

#[test]
fn toml_and_yaml_front_matter_build_the_same_site() {
    let toml = fixture("zola");
    let yaml = fixture("zola-yaml");
    let toml_run = toml.build_ok(&[]);
    let yaml_run = yaml.build_ok(&[]);
    let (toml_files, yaml_files) = (files(&toml_run.out), files(&yaml_run.out));
    let names = |files: &BTreeMap<String, Vec<u8>>| files.keys().cloned().collect::<Vec<_>>();
    assert_eq!(names(&toml_files), names(&yaml_files));
    assert!(
        toml_files.len() > 40,
        "too few files: {:?}",
        names(&toml_files)
    );
    for (name, bytes) in &toml_files {
        assert!(
            *bytes == yaml_files[name],
            "{name} differs:\n--- from TOML\n{}\n--- from YAML\n{}",
            String::from_utf8_lossy(bytes),
            String::from_utf8_lossy(&yaml_files[name])
        );
    }
}

/// Zola's shortcodes run in a Zola-format page as in its YAML twin (the test above compares the
/// files): both kinds, with and without arguments, a `.md` one, and calls in code left alone.
#[test]
fn shortcodes_run_in_zola_format_pages() {
    let site = fixture("zola");
    let run = site.build_ok(&[]);
    let page = read(&run.out, "dokument/rutin/index.html");
    for expected in [
        r#"<aside class="notis notis--varning">Ring 112 vid fara (1)</aside>"#,
        r#"<hr class="avdelare">"#,
        r#"<div class="ruta"><strong>Viktigt</strong> Kontakta samordnaren. – Rutin</div>"#,
        "<strong>Obs:</strong> Läs hela rutinen.",
        "{{ notis(typ=&quot;info&quot;, text=&quot;exempel&quot;) }}",
        "<code>{{ avdelare() }}</code>",
        "Skriv {{ notis() }} för att visa ett anrop.",
    ] {
        assert!(page.contains(expected), "no {expected:?} in:\n{page}");
    }
    assert_eq!(
        common::count(&page, "<aside"),
        1,
        "the call in code ran:\n{page}"
    );
}

#[test]
fn toml_values_reach_templates_with_their_types() {
    let site = fixture("zola");
    let out = site.build_ok(&[]).out;
    let page = read(&out, "blogg/forsta/index.html").replace("&quot;", "\"");
    for expected in [
        "\"date\": \"2024-01-05\"",
        "\"updated\": \"2024-02-01T10:00:00+00:00\"",
        "\"description\": \"En beskrivning över flera rader.\"",
        "\"authors\": [\n    \"Anna Andersson\",\n    \"Bo Berg\"\n  ]",
        "\"antal\": 1000",
        "\"hex\": 255",
        "\"andel\": 0.25",
        "\"hel\": 3.0",
        "\"sant\": true",
        "\"dag\": \"1979-05-27\"",
        "\"stund\": \"1979-05-27T07:32:00Z\"",
        "\"telefon\": \"0812345630\"",
        "\"no\": \"en nyckel YAML läser som falskt\"",
        "\"dikt\": \"Rad ett\\n  Rad två, indragen\\n\"",
        "\"djup\": 2",
        "\"taggar\": [",
        "\"tom_tabell\": {}",
    ] {
        assert!(page.contains(expected), "`{expected}` not in:\n{page}");
    }
}

#[test]
fn zola_keys_act_as_in_zola() {
    let site = fixture("zola");
    let out = site.build_ok(&[]).out;
    // `path` gives the page its address; `slug` and `aliases` as before.
    assert!(out.join("egen/adress/index.html").is_file());
    assert!(!out.join("blogg/tredje/index.html").exists());
    assert!(out.join("blogg/det-andra-inlagget/index.html").is_file());
    assert!(read(&out, "blogg/gammal-adress/index.html").contains("det-andra-inlagget"));
    // `redirect_to` makes the section's page a redirect.
    let moved = read(&out, "gammalt/index.html");
    assert!(
        moved.contains("<meta http-equiv=\"refresh\" content=\"0; url=../blogg/index.html\">"),
        "{moved}"
    );
    // The orders of `sort_by`: by update (else date), title bytes, slug.
    let documents = read(&out, "dokument/index.html");
    assert!(before(&documents, ">Riktlinje<", ">Rutin<"), "{documents}");
    let words = read(&out, "ordlista/index.html");
    assert!(before(&words, ">Zebra<", ">apa<"), "{words}");
    let people = read(&out, "personer/index.html");
    assert!(before(&people, ">Ö. Adam<", ">A. Bertil<"), "{people}");
    // `paginate_reversed`: the oldest posts on the first page (newest first otherwise).
    let first = read(&out, "blogg/index.html");
    assert!(
        first.contains(">Julafton<") && first.contains(">Nyår<"),
        "{first}"
    );
    assert!(!first.contains(">Det tredje inlägget<"), "{first}");
    assert!(read(&out, "blogg/page/3/index.html").contains(">Det tredje inlägget<"));
    // `in_search_index = false` on a page and on a section (with its pages).
    let index: String = files(&out.join("search"))
        .values()
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .collect();
    assert!(index.contains("forsta/index.html"), "the index lost a page");
    for left_out in ["det-andra-inlagget", "riktlinje", "dokument/rutin"] {
        assert!(
            !index.contains(left_out),
            "{left_out} is in the search index"
        );
    }
}

#[test]
fn zola_keys_lots_does_not_act_on_are_warned_about_where_written() {
    let site = fixture("zola");
    let run = site.build_ok(&[]);
    let section = site.shown("content/dokument/_index.md");
    let page = site.shown("content/blogg/tredje.md");
    for expected in [
        format!("warning: {page}:6:10: `render` kommer från Zola, och Lots har ingen sådan inställning: sidan skrivs och listas som vanligt; ta bort raden, eller gör sidan till ett utkast (`draft`) för att utelämna den"),
        format!("warning: {section}:9:10: `render` kommer från Zola, och Lots har ingen sådan inställning: avsnittets egen sida skrivs som vanligt"),
        format!("warning: {section}:7:18: `generate_feeds` kommer från Zola: Lots gör inga flöden (RSS eller Atom)"),
        format!("warning: {section}:6:23: `insert_anchor_links` (right) kommer från Zola: Lots lägger inga länkar bredvid rubrikerna"),
        format!("warning: {section}:8:17: `paginate_path` (sida) kommer från Zola: Lots numrerar alltid"),
    ] {
        assert!(
            run.stderr.lines().any(|l| l.starts_with(&expected)),
            "no `{expected}` in:\n{}",
            run.stderr
        );
    }
    // Values that ask for what Lots does anyway (the start page's) are not warned about.
    assert_eq!(run.stderr.matches("warning:").count(), 5, "{}", run.stderr);
    // In English for an English site.
    site.write(
        "config.yaml",
        fs::read_to_string(site.path("config.yaml"))
            .unwrap()
            .replace("language: sv", "language: en"),
    );
    let run = site.build_ok(&[]);
    let expected = format!("warning: {section}:7:18: `generate_feeds` comes from Zola: Lots makes no feeds (RSS or Atom) and builds the section without one; remove the line");
    assert!(run.stderr.contains(&expected), "{}", run.stderr);
}

const COLLECTION: &str = "\
title: \"Planer\"
base_url: \"https://example.org/kb\"
language: en
collections:
  - name: planer
    sections: [planer]
    fields:
      status: {type: enum, required: true, values: [utkast, antagen]}
      ar: {type: number, required: true}
      aktiviteter:
        type: records
        fields:
          id: {type: text, required: true, unique: true}
          klar: {type: bool}
";

#[test]
fn toml_mistakes_are_reported_at_their_line_and_column() {
    let site = fixture("minimal");
    site.write("config.yaml", COLLECTION);
    site.write("content/planer/_index.md", "+++\ntitle = \"Planer\"\n+++\n");
    site.write(
        "content/planer/plan.md",
        "+++\ntitle = \"Plan\"\nstatus = \"antagen\"\nar = 2024\n\
         # a row with a wrong type, a row with an unknown field\n\
         [[aktiviteter]]\nid = \"a1\"\nklar = \"ja\"\n\n\
         [[aktiviteter]]\nid = \"a2\"\n  klart = true\n+++\nText.\n",
    );
    site.write(
        "content/planer/okand.md",
        "+++\ntitle = \"Okänd\"\nstatus = \"antagen\"\nar = 2024\nstatuss = 1\n+++\n",
    );
    site.write(
        "content/planer/fel.md",
        "+++\ntitle = \"Fel\"\nstatus = \"klar\"\nar = 2024\n+++\n",
    );
    site.write(
        "content/syntax.md",
        "+++\ntitle = \"Syntax\"\ntags = [\"a\",\n+++\n",
    );
    site.write(
        "content/datum.md",
        "+++\ntitle = \"Datum\"\ndate = \"2024\u{2013}01\u{2013}05\"\n+++\n",
    );
    site.write(
        "content/typ.md",
        "+++\ntitle = \"Typ\"\ndraft = \"ja\"\n+++\n",
    );
    site.write("content/oppen.md", "+++\ntitle = \"Öppen\"\n");
    let run = site.build(&[]);
    run.assert_content_error();
    let plan = site.shown("content/planer/plan.md");
    run.assert_error_at(&plan, 8, 8, "klar", "klar = \"ja\"");
    run.assert_error_at(&plan, 12, 3, "klart", "  klart = true");
    let unknown = site.shown("content/planer/okand.md");
    run.assert_error_at(&unknown, 5, 1, "statuss", "statuss = 1");
    let wrong = site.shown("content/planer/fel.md");
    run.assert_error_at(&wrong, 3, 10, "klar", "status = \"klar\"");
    let syntax = site.shown("content/syntax.md");
    run.assert_error_at(
        &syntax,
        3,
        13,
        "cannot be read as TOML (unclosed array, expected `]`)",
        "tags = [\"a\",",
    );
    // The dash is pointed at inside the quotes.
    let date = site.shown("content/datum.md");
    run.assert_error_at(
        &date,
        3,
        13,
        "instead of a hyphen",
        "date = \"2024\u{2013}01\u{2013}05\"",
    );
    let typed = site.shown("content/typ.md");
    run.assert_error_at(&typed, 3, 9, "true or false", "draft = \"ja\"");
    let open = site.shown("content/oppen.md");
    run.assert_error_at(&open, 1, 1, "add a line `+++` after it", "+++");
}

#[test]
fn yaml_stays_the_default_for_new_pages() {
    let site = fixture("zola");
    let run = common::run_lots(
        &[
            "new".into(),
            "--root".into(),
            site.root.display().to_string(),
            "blogg".into(),
            "Ett nytt inlägg".into(),
        ],
        &site.root,
        site.public(),
    );
    run.assert_success();
    let written = fs::read_dir(site.path("content/blogg"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains("nytt"))
        .expect("the new page");
    let text = fs::read_to_string(&written).unwrap();
    assert!(text.starts_with("---\n"), "{text}");
    // And the new YAML page builds beside the TOML ones.
    site.build_ok(&[]);
}

const TYPED: &str = "\
title: \"Planer\"
base_url: \"https://example.org/kb\"
language: sv
collections:
  - name: planer
    sections: [planer]
    fields:
      granskad: {type: date, required: true}
      ar: {type: number, required: true}
      klar: {type: bool}
      status: {type: enum, values: [utkast, antagen]}
      typer: {type: list}
      epost: {type: email}
";

/// The messages of a failed build, without their paths, positions and source lines.
fn messages(stderr: &str) -> Vec<String> {
    let mut found: Vec<String> = stderr
        .lines()
        .filter(|l| l.contains(".md:"))
        .map(|l| l.rsplit_once(": ").map_or(l, |(_, m)| m).to_string())
        .collect();
    found.sort();
    found
}

#[test]
fn typed_fields_are_checked_the_same_in_toml_and_yaml() {
    // A native TOML date that does not exist (2024-02-30) is a TOML syntax error, which stops
    // the file's other checks; quoted, it is checked as a date like YAML's.
    let toml = "+++\ntitle = \"Plan\"\ngranskad = \"2024-02-30\"\nar = \"2024\"\nklar = \"ja\"\n\
                status = \"klar\"\ntyper = [\"a\", 1]\nepost = \"inte en adress\"\nokant = 1\n+++\n";
    let yaml = "---\ntitle: \"Plan\"\ngranskad: 2024-02-30\nar: \"2024\"\nklar: \"ja\"\n\
                status: \"klar\"\ntyper: [\"a\", 1]\nepost: \"inte en adress\"\nokant: 1\n---\n";
    let mut results = Vec::new();
    for page in [toml, yaml] {
        let site = fixture("minimal");
        site.write("config.yaml", TYPED);
        site.write("content/planer/_index.md", "---\ntitle: Planer\n---\n");
        site.write("content/planer/plan.md", page);
        let run = site.build(&[]);
        run.assert_content_error();
        results.push(messages(&run.stderr));
    }
    assert!(results[0].len() >= 5, "{:?}", results[0]);
    assert_eq!(results[0], results[1]);
}
