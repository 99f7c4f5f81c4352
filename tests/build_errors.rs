//! Content errors: `PATH:LINE:COL: message` plus the source line on stderr, every error of
//! every file in one run, exit code 1; usage errors exit 2; no input makes lots panic.

mod common;

use common::{fixture, Site};

const MINIMAL_PAGE: &str = "---\ntitle: \"En sida\"\n---\n\n## En rubrik\n\nText på sidan.\n";

fn assert_nothing_written(site: &Site) {
    assert!(
        !site.public().exists(),
        "a failed first build must not create public/"
    );
}

#[test]
fn every_error_of_every_file_is_reported_in_one_run() {
    let site = fixture("errors");
    let run = site.build(&[]);
    run.assert_content_error();
    let c = |name: &str| site.shown(&format!("content/{name}"));
    run.assert_error_at(
        &c("fel-datum.md"),
        4,
        7,
        "`date: 2020-02-30`: 30 februari 2020 finns inte",
        "date: 2020-02-30",
    );
    run.assert_error_at(
        &c("okand-nyckel.md"),
        4,
        1,
        "`författare`",
        "författare: \"Anna\"",
    );
    run.assert_error_at(
        &c("trasig-yaml.md"),
        4,
        3,
        "raden är indragen på ett annat sätt än raderna ovanför",
        "  weight: 2",
    );
    run.assert_error_at(
        &c("trasig-lank.md"),
        7,
        4,
        "`@/finns/inte.md` pekar på content/finns/inte.md, som inte finns",
        "Se [den saknade sidan](@/finns/inte.md) för mer.",
    );
    // The column counts characters: `ä` is one column although it is two bytes.
    run.assert_error_at(
        &c("saknat-ankare.md"),
        5,
        5,
        "`@/ok.md#finns-inte` pekar på en rubrik som inte finns på den sidan",
        "Läs [rubriken](@/ok.md#finns-inte).",
    );
    assert_eq!(
        run.error_summary(),
        "Bygget misslyckades: 5 fel.",
        "stderr:\n{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("ok.md:"),
        "the valid page got an error:\n{}",
        run.stderr
    );
    assert!(run.stdout.is_empty(), "stdout: {}", run.stdout);
    assert_nothing_written(&site);
}

#[test]
fn a_file_with_a_front_matter_error_still_has_its_links_checked() {
    let site = fixture("minimal");
    site.write(
        "content/sida.md",
        "---\ntitle: \"En sida\"\ndate: igår\n---\n\n[x](@/saknas.md) och [y](@/saknas2.md)\n",
    );
    let run = site.build(&[]);
    run.assert_content_error();
    let path = site.shown("content/sida.md");
    run.assert_error_at(
        &path,
        3,
        7,
        "`date: igår` är inte ett datum; skriv det som ÅÅÅÅ-MM-DD",
        "date: igår",
    );
    run.assert_error_at(
        &path,
        6,
        1,
        "`@/saknas.md`",
        "[x](@/saknas.md) och [y](@/saknas2.md)",
    );
    run.assert_error_at(
        &path,
        6,
        22,
        "`@/saknas2.md`",
        "[x](@/saknas.md) och [y](@/saknas2.md)",
    );
    assert_eq!(
        run.error_summary(),
        "Bygget misslyckades: 3 fel.",
        "stderr:\n{}",
        run.stderr
    );
}

#[test]
fn malformed_yaml_is_positioned_from_the_top_of_the_file() {
    let site = fixture("minimal");
    site.write("content/sida.md", "---\ntitle: \"En sida\"\ndescription: \"kort\"\naliases: [\"/a/\", \"/b/\"\nweight: 2\n---\n");
    let run = site.build(&[]);
    run.assert_content_error();
    // The flow sequence opened on line 4 is found unclosed at line 5 of the file (line 4 of
    // the front matter block).
    run.assert_error_at(&site.shown("content/sida.md"), 5, 1, "", "weight: 2");
}

#[test]
fn unknown_keys_are_errors_at_their_position() {
    let site = fixture("minimal");
    site.write(
        "content/_index.md",
        "---\ntitle: \"Start\"\nsortera: weight\n---\n",
    );
    site.write(
        "content/sida.md",
        "---\ntitle: \"En sida\"\nextra:\n  fritt: 1\n  taggar: [a]\ntags: [a]\n---\n",
    );
    let run = site.build(&[]);
    run.assert_content_error();
    run.assert_error_at(
        &site.shown("content/_index.md"),
        3,
        1,
        "`sortera`",
        "sortera: weight",
    );
    // Anything goes under `extra`; `tags` belongs under `taxonomies`.
    run.assert_error_at(&site.shown("content/sida.md"), 6, 1, "`tags`", "tags: [a]");
    assert_eq!(
        run.error_summary(),
        "Bygget misslyckades: 2 fel.",
        "stderr:\n{}",
        run.stderr
    );
}

#[test]
fn bad_section_values_are_errors_at_their_value() {
    let site = fixture("minimal");
    site.write(
        "content/_index.md",
        "---\ntitle: \"Start\"\nsort_by: storlek\npaginate_by: 0\n---\n",
    );
    let run = site.build(&[]);
    run.assert_content_error();
    run.assert_error_at(
        &site.shown("content/_index.md"),
        3,
        10,
        "storlek",
        "sort_by: storlek",
    );
    run.assert_error_at(
        &site.shown("content/_index.md"),
        4,
        14,
        "paginate_by",
        "paginate_by: 0",
    );
}

#[test]
fn bad_updated_date_is_an_error_on_its_line() {
    let site = fixture("minimal");
    site.write(
        "content/sida.md",
        "---\ntitle: \"En sida\"\ndate: 2021-03-04\nupdated: 31/12 2021\n---\n",
    );
    let run = site.build(&[]);
    run.assert_content_error();
    run.assert_error_at(
        &site.shown("content/sida.md"),
        4,
        10,
        "`updated: 31/12 2021` är inte ett datum",
        "updated: 31/12 2021",
    );
}

#[test]
fn config_errors_have_positions() {
    let site = fixture("minimal");
    site.write(
        "config.yaml",
        "title: \"Minimal\"\nbase_url: \"https://example.org\"\nbas_url: \"x\"\n",
    );
    let run = site.build(&[]);
    run.assert_content_error();
    run.assert_error_at(
        &site.shown("config.yaml"),
        3,
        1,
        "`bas_url`",
        "bas_url: \"x\"",
    );

    site.write(
        "config.yaml",
        "title: \"Minimal\"\nbase_url: \"intranat/kb\"\n",
    );
    let run = site.build(&[]);
    run.assert_content_error();
    run.assert_error_at(
        &site.shown("config.yaml"),
        2,
        11,
        "base_url",
        "base_url: \"intranat/kb\"",
    );

    site.write("config.yaml", "base_url: \"https://example.org\"\n");
    let run = site.build(&[]);
    run.assert_content_error();
    run.assert_error_names(&site.shown("config.yaml"), "title");
    assert_nothing_written(&site);
}

#[test]
fn missing_config_is_an_error() {
    let site = fixture("minimal");
    site.remove("config.yaml");
    let run = site.build(&[]);
    run.assert_content_error();
    run.assert_error_names(&site.shown("config.yaml"), "config.yaml");
}

#[test]
fn invalid_utf8_names_the_file() {
    let site = fixture("minimal");
    site.write(
        "content/latin1.md",
        b"---\ntitle: \"Latin-1\"\n---\nR\xe4ksm\xf6rg\xe5s\n".as_slice(),
    );
    let run = site.build(&[]);
    run.assert_content_error();
    run.assert_error_names(&site.shown("content/latin1.md"), "UTF-8");
    assert_nothing_written(&site);
}

#[test]
fn missing_template_is_an_error_at_its_name() {
    let site = fixture("minimal");
    site.write(
        "content/sida.md",
        "---\ntitle: \"En sida\"\ntemplate: \"finns-inte.html\"\n---\n",
    );
    let run = site.build(&[]);
    run.assert_content_error();
    run.assert_error_at(
        &site.shown("content/sida.md"),
        3,
        11,
        "finns-inte.html",
        "template: \"finns-inte.html\"",
    );
}

#[test]
fn template_named_in_front_matter_is_used() {
    let site = fixture("minimal");
    site.write(
        "templates/egen.html",
        "<p>Egen mall: {{ page.title }}</p>\n",
    );
    site.write(
        "content/sida.md",
        "---\ntitle: \"En sida\"\ntemplate: egen.html\n---\n",
    );
    let run = site.build_ok(&[]);
    assert_eq!(run.read("sida/index.html"), "<p>Egen mall: En sida</p>\n");
}

#[test]
fn link_errors_point_at_the_link() {
    let site = fixture("minimal");
    site.write(
        "content/sida.md",
        format!("{MINIMAL_PAGE}\nSe [rubriken](#ingen-rubrik) och ![bild](saknas.png).\n"),
    );
    let run = site.build(&[]);
    run.assert_content_error();
    let path = site.shown("content/sida.md");
    let source = "Se [rubriken](#ingen-rubrik) och ![bild](saknas.png).";
    run.assert_error_at(&path, 9, 4, "`#ingen-rubrik`", source);
    run.assert_error_at(&path, 9, 34, "saknas.png", source);
}

#[test]
fn link_to_a_draft_is_an_error() {
    let site = fixture("minimal");
    site.write(
        "content/utkast.md",
        "---\ntitle: \"Utkast\"\ndraft: true\n---\n",
    );
    site.write(
        "content/sida.md",
        format!("{MINIMAL_PAGE}\nSe [utkastet](@/utkast.md).\n"),
    );
    let run = site.build(&[]);
    run.assert_content_error();
    run.assert_error_at(
        &site.shown("content/sida.md"),
        9,
        4,
        "pekar på ett utkast som inte är publicerat",
        "Se [utkastet](@/utkast.md).",
    );
    // With --drafts the draft is published and the link is fine.
    let run = site.build_ok(&["--drafts"]);
    run.assert_contains(
        "sida/index.html",
        r#"<a href="../utkast/index.html">utkastet</a>"#,
    );
}

#[test]
fn usage_errors_exit_with_2() {
    let site = fixture("minimal");
    let run = site.build(&["--no-such-flag"]);
    assert_eq!(run.code, 2, "stderr:\n{}", run.stderr);
    assert!(
        run.stderr.contains("--no-such-flag"),
        "stderr:\n{}",
        run.stderr
    );
    let run = common::run_lots(&["bygg".to_string()], &site.root, site.public());
    assert_eq!(run.code, 2, "stderr:\n{}", run.stderr);
    let run = common::run_lots(&[], &site.root, site.public());
    assert_eq!(run.code, 2, "stderr:\n{}", run.stderr);
    assert_nothing_written(&site);
}

/// Odd files give errors, never a panic (the harness fails any run whose stderr panicked).
#[test]
fn odd_inputs_are_errors_not_panics() {
    let site = fixture("minimal");
    let odd: &[(&str, &[u8])] = &[
        ("content/tom.md", b""),
        ("content/bara-streck.md", b"---"),
        ("content/ostangd.md", b"---\ntitle: x\n"),
        ("content/utan-front-matter.md", b"# Rubrik\n"),
        ("content/tom-front-matter.md", b"---\n---\n"),
        ("content/null-titel.md", b"---\ntitle:\n---\n"),
        ("content/lista.md", b"---\n- a\n- b\n---\n"),
        (
            "content/fel-typ.md",
            b"---\ntitle: x\nweight: tung\nextra: [1, 2]\n---\n",
        ),
        (
            "content/ankare.md",
            b"---\ntitle: &a x\ndescription: *a\n---\n[a](@/)\n[b](@/#)\n[c](<>)\n[d](#)\n",
        ),
        (
            "content/utanfor.md",
            b"---\ntitle: x\n---\n[u](../../../../etc/passwd)\n",
        ),
        (
            "content/konstig-slug.md",
            b"---\ntitle: x\nslug: \"???\"\ntaxonomies:\n  okand: [a]\n---\n",
        ),
        ("content/index.md", b"---\ntitle: x\n---\n"),
        ("content/nul.md", b"---\ntitle: \"a\0b\"\n---\n\0\n"),
        (
            "content/djup.md",
            &[
                b"---\ntitle: x\n---\n".as_slice(),
                &[b'>'; 5000],
                &[b'['; 5000],
            ]
            .concat(),
        ),
    ];
    for (path, bytes) in odd {
        site.write(path, bytes);
    }
    let run = site.build(&[]);
    run.assert_content_error();
    for name in [
        "tom",
        "bara-streck",
        "ostangd",
        "utan-front-matter",
        "tom-front-matter",
        "null-titel",
        "lista",
    ] {
        run.assert_error_names(&site.shown(&format!("content/{name}.md")), "");
    }
    assert_nothing_written(&site);
}
