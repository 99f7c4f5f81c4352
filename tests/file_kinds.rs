//! A file's kind (section, page, bundle page, file) comes from its whole name: only `_index.md`
//! is a section and only `index.md` a bundle's page, so names that merely end the same way
//! (`myindex.md`, `my_index.md`, `index.md.md`) are pages of their own, under `build` and
//! `serve` alike.

mod common;

use common::fixture;
use common::serve::{get, poll, start, wait_for};

/// Every page of the `kinds` fixture and where it is published.
const PAGES: [(&str, &str); 8] = [
    ("guider/bunt/index.html", "Buntens sida"),
    ("guider/bunt/myindex/index.html", "Sidan myindex"),
    ("guider/bunt/xindex/index.html", "Sidan xindex"),
    ("guider/bunt/my-index/index.html", "Sidan my_index"),
    ("guider/bunt/index-md/index.html", "Sidan index.md"),
    ("anteckningar/notindex/index.html", "Anteckningen notindex"),
    ("anteckningar/my-index/index.html", "Anteckningen my_index"),
    ("guider/index.html", "Guider"),
];

#[test]
fn names_ending_in_index_md_are_pages_of_their_own() {
    let site = fixture("kinds");
    let run = site.build_ok(&[]);
    for (output, title) in PAGES {
        run.assert_contains(output, title);
    }
    // The bundle keeps its own page and takes its files along, whatever else its folder holds.
    run.assert_contains(
        "guider/bunt/index.html",
        "href=\"../../guider/bunt/bilaga.txt\"",
    );
    run.assert_file("guider/bunt/bilaga.txt");
    run.assert_file("guider/bunt/_index.md.bak");
    // A draft whose name ends in `_index.md` is a draft page, not a draft section: its
    // neighbours and their files are published.
    run.assert_no_file("anteckningar/gammal-index/index.html");
    run.assert_file("anteckningar/bilaga.txt");
    run.assert_contains(
        "anteckningar/notindex/index.html",
        "href=\"../../anteckningar/bilaga.txt\"",
    );
}

/// `sida.md.md` is the page `sida.md`, not a second `sida`.
#[test]
fn a_double_md_extension_is_part_of_the_name() {
    let site = fixture("minimal");
    site.write("content/sida.md.md", "---\ntitle: \"Dubbel\"\n---\n");
    let run = site.build_ok(&[]);
    run.assert_contains("sida/index.html", "En sida");
    run.assert_contains("sida-md/index.html", "Dubbel");
}

/// Names that look like Markdown but are not spelt as Lots reads it would be published as raw
/// files (a draft's text with them) or, on a share that ignores case, silently read as a
/// different kind: they are refused, with the name to use.
#[test]
fn markdown_names_in_the_wrong_case_are_refused() {
    for (file, proper) in [
        ("content/guider/Index.md", "index.md"),
        ("content/guider/INDEX.MD", "index.md"),
        ("content/guider/_Index.md", "_index.md"),
        ("content/Rutin.MD", "Rutin.md"),
        ("content/rutin.Md", "rutin.md"),
        ("content/rutin.markdown", "rutin.md"),
    ] {
        let site = fixture("minimal");
        site.write(file, "---\ntitle: \"Fel namn\"\ndraft: true\n---\n");
        let run = site.build(&[]);
        run.assert_content_error();
        run.assert_error_names(&site.shown(file), &format!("rename it to {proper}"));
        run.assert_no_file(file.trim_start_matches("content/"));
    }
}

/// Under `lots serve`, editing a page whose name ends like a bundle's or a section's updates
/// that page at its own URL, and leaves the bundle, its files and its neighbours as a fresh
/// server shows them.
#[test]
fn serve_edits_names_ending_in_index_md_as_pages() {
    let site = fixture("kinds");
    let server = start(&site);
    let shows = |path: &str, text: &str| {
        wait_for(&server, path, text, |s, b| s == 200 && b.contains(text));
    };
    shows("/guider/bunt/myindex/", "Sidan myindex");
    for (file, url) in [
        ("guider/bunt/myindex.md", "/guider/bunt/myindex/"),
        ("guider/bunt/my_index.md", "/guider/bunt/my-index/"),
        ("anteckningar/my_index.md", "/anteckningar/my-index/"),
    ] {
        let path = format!("content/{file}");
        let text = std::fs::read_to_string(site.path(&path)).expect("read");
        site.write(&path, text.replacen("title: \"", "title: \"Ändrad ", 1));
        shows(url, "Ändrad ");
    }
    let run = site.build_ok(&[]);
    let files = run.files();
    assert!(files.contains(&"guider/bunt/bilaga.txt".to_string()));
    let fresh = start(&site);
    for file in files.iter().filter(|f| !f.starts_with("search/")) {
        poll(
            &format!("{file} to be served as a fresh server does"),
            || {
                let (status, body) = get(&server, &format!("/{file}"));
                let body = body.replace(&server.address, &fresh.address);
                let (fresh_status, fresh_body) = get(&fresh, &format!("/{file}"));
                if status == fresh_status && body == fresh_body {
                    Ok(())
                } else {
                    Err(format!("{status} vs fresh {fresh_status}:\n{body}"))
                }
            },
        );
    }
}
