//! The printed page (issue 17): two plans, a guidance page, the consolidated page and a tip
//! (a link to another site) of the example site, and a page of a fixture site with links to
//! other sites, a long URL and wide and long tables, are printed to A4 PDFs with Chromium
//! (tests/browser/print.mjs) and read back with `pdftotext`. On paper there is no navigation,
//! search, skip link, filter or button; every heading, every table cell and every other site's
//! URL is there, the site's own paths are not; a plan's committee, year, status and diary
//! number come before its first heading; a table running over pages has its header row on each
//! of them; and nothing sticks out past the right edge (measured in the browser, at the page
//! box's width with print media, and in the PDF: no word past the right margin, no table cell
//! missing).
//!
//! The PDFs, and what each was checked against (NAME.json), are kept in
//! tests/artifacts/print/ (not committed; CI keeps tests/artifacts as artefacts): look at them.
//!
//! Needs `npm ci`, Debian's chromium and poppler-utils (pdftotext).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Links to other sites (whose URLs must be written out, the long one broken, not cut), a
/// table too wide for A4 at its screen size and one long enough to run over pages.
fn fixture_page() -> String {
    let mut page = String::from(
        r#"---
title: "Utskrift med länkar och tabeller"
description: "En sida att skriva ut."
---

## Länkar till andra webbplatser

Läs [Center mot våldsbejakande extremism](https://www.cve.se/) och
<https://www.example.stockholm.se/kunskapsbank/valdsbejakande-extremism/vagledningar/rutin-vid-oro-eller-handelse/bilagor/blankett-for-avidentifierad-information.pdf>,
och [guiden](@/guider/forsta.md) här på webbplatsen.

## En bred tabell

| Förvaltning | Samordnare | Telefon | E-post | Uppdaterad | Anteckning |
| --- | --- | --- | --- | --- | --- |
| Arbetsmarknadsförvaltningen | Förnamn Efternamn | 08-123 456 22 | vbe.arbetsmarknadsforvaltningen@example.stockholm.se | 2020-05-25 | Samordnar arbetet i hela förvaltningen |
| Utbildningsförvaltningen | Förnamn Efternamn | 08-123 456 21 | vbe.utbildningsforvaltningen@example.stockholm.se | 2020-05-25 | Ansvarar för skolornas rutiner |

## En lång tabell

| Nummer | Aktivitet | Ansvarig |
| --- | --- | --- |
"#,
    );
    for n in 1..=70 {
        page.push_str(&format!(
            "| Rad {n} | Aktivitet nummer {n} i den långa tabellen | Samordnare {n} |\n"
        ));
    }
    page
}

/// The labels of the plan's fields that must head the printed plan, from the example site's
/// config.yaml (the theme shows a field by its label there).
fn plan_labels(fields: &[&str]) -> Vec<String> {
    let text = std::fs::read_to_string(repo().join("config.yaml")).expect("read config.yaml");
    let config: Value = serde_saphyr::from_str(&text).expect("parse config.yaml");
    let plans = config["collections"]
        .as_array()
        .and_then(|all| all.iter().find(|c| c["name"] == "handlingsplaner"))
        .expect("a handlingsplaner collection in config.yaml");
    fields
        .iter()
        .map(|f| {
            plans["fields"][f]["label"]
                .as_str()
                .unwrap_or_else(|| panic!("no label for the plans' field {f}"))
                .to_string()
        })
        .collect()
}

/// `pdftotext -raw` (the order the page drew its text in: a table cell's lines together) of
/// the whole PDF, or of one page.
fn pdftotext(pdf: &Path, page: Option<usize>) -> String {
    let mut command = Command::new("pdftotext");
    command.arg("-raw");
    if let Some(n) = page {
        command.args(["-f", &n.to_string(), "-l", &n.to_string()]);
    }
    let output =
        command.arg(pdf).arg("-").output().unwrap_or_else(|e| {
            panic!("cannot run pdftotext ({e}): apt-get install poppler-utils")
        });
    assert!(output.status.success(), "pdftotext {}", pdf.display());
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The words of the PDF printed past the right margin (`pdftotext -bbox`, read with the tests'
/// XML tree), each with its page: the margin is taken as wide as the left one, which the
/// page's leftmost word shows.
fn past_the_right_margin(pdf: &Path) -> Vec<String> {
    let output = Command::new("pdftotext")
        .arg("-bbox")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext -bbox");
    let xhtml = String::from_utf8_lossy(&output.stdout);
    let doc = match (xhtml.find("<doc>"), xhtml.rfind("</doc>")) {
        (Some(start), Some(end)) => &xhtml[start..end + "</doc>".len()],
        _ => panic!("no <doc> in pdftotext -bbox of {}", pdf.display()),
    };
    let tree = common::xml::parse(doc);
    let mut words = Vec::new();
    for (n, page) in tree.find("page", "").into_iter().enumerate() {
        let boxes = page.find("word", "");
        let left = boxes.iter().map(|w| w.num("xMin")).fold(f64::MAX, f64::min);
        // A glyph's box may reach a point or two past the line's end (italics, rounding).
        let right = page.num("width") - left + 2.0;
        words.extend(boxes.iter().filter(|w| w.num("xMax") > right).map(|w| {
            format!(
                "\"{}\" on page {} (right edge {:.0} of {:.0} pt)",
                w.text(),
                n + 1,
                w.num("xMax"),
                right
            )
        }));
    }
    words
}

fn pages(pdf: &Path) -> usize {
    let output = Command::new("pdfinfo").arg(pdf).output().expect("pdfinfo");
    let info = String::from_utf8_lossy(&output.stdout);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no page count for {}:\n{info}", pdf.display()))
}

/// Text with only its letters and digits: a PDF breaks lines, and long words, where the page
/// did, and holds what style.css adds (the "! " before a flag), so that is how the page's texts
/// are looked for in it.
fn squeeze(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// How often `phrase` occurs in `text` as whole words (so "Sök" is not found in "Söka").
fn words(text: &str, phrase: &str) -> usize {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let phrase = phrase.split_whitespace().collect::<Vec<_>>().join(" ");
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    text.match_indices(&phrase)
        .filter(|(at, _)| {
            !word(text[..*at].chars().next_back())
                && !word(text[at + phrase.len()..].chars().next())
        })
        .count()
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// Everything wrong with one printed page, each naming what is missing or should not be there.
fn check(name: &str, pdf: &Path, expected: &Value, facts_labels: &[String]) -> Vec<String> {
    let mut problems = Vec::new();
    let (width, page_box) = (&expected["printedWidth"], &expected["pageBox"]);
    if width.as_f64() > page_box.as_f64() {
        problems.push(format!(
            "{name}: {width}px wide at A4's {page_box}px, cut at the right edge: {}",
            strings(&expected["sticksOut"]).join("; ")
        ));
    }
    let past = past_the_right_margin(pdf);
    if !past.is_empty() {
        problems.push(format!(
            "{name}: {} words printed past the right margin: {}",
            past.len(),
            past.iter().take(5).cloned().collect::<Vec<_>>().join("; ")
        ));
    }
    let text = pdftotext(pdf, None);
    let all = squeeze(&text);

    // Navigation, search, skip link, filters, buttons: a phrase may be on paper only as often as
    // the page's printed content has it itself (a menu item can also be a heading).
    let content = expected["content"].as_str().unwrap_or_default();
    for phrase in strings(&expected["absent"]) {
        let (printed, allowed) = (words(&text, &phrase), words(content, &phrase));
        if printed > allowed {
            problems.push(format!(
                "{name}: \"{phrase}\" (navigation, search or a button) is printed {printed} times, the content has it {allowed}"
            ));
        }
    }

    for heading in strings(&expected["present"]) {
        if !all.contains(&squeeze(&heading)) {
            problems.push(format!("{name}: heading \"{heading}\" is not in the PDF"));
        }
    }
    // The site's own links are relative paths, of no use on paper.
    for href in strings(&expected["internal"]) {
        if all.contains(&squeeze(&format!("({href})"))) {
            problems.push(format!("{name}: the site's own link {href} is written out"));
        }
    }
    for url in strings(&expected["links"]) {
        if !all.contains(&squeeze(&url)) {
            problems.push(format!(
                "{name}: the URL {url} is not written out after its link"
            ));
        }
    }

    let tables = expected["tables"].as_array().cloned().unwrap_or_default();
    let per_page: Vec<String> = (1..=pages(pdf))
        .map(|n| squeeze(&pdftotext(pdf, Some(n))))
        .collect();
    for (t, table) in tables.iter().enumerate() {
        let rows: Vec<Vec<String>> = table["rows"]
            .as_array()
            .map(|rows| rows.iter().map(strings).collect())
            .unwrap_or_default();
        // Every cell: a column cut off at the right edge is simply not in the PDF.
        for row in &rows {
            let missing: Vec<&String> = row.iter().filter(|c| !all.contains(&squeeze(c))).collect();
            if !missing.is_empty() {
                problems.push(format!(
                    "{name}: table {} row \"{}\" is printed without {missing:?}",
                    t + 1,
                    row.first().map(String::as_str).unwrap_or_default()
                ));
            }
        }
        // The pages the table runs over: those holding a row's longest cell, where that text is
        // nowhere else in the PDF. Each must have the header row.
        let header = squeeze(table["header"].as_str().unwrap_or_default());
        if header.is_empty() {
            continue;
        }
        let mut spanned: Vec<usize> = rows
            .iter()
            .filter_map(|row| row.iter().max_by_key(|c| c.chars().count()))
            .map(|cell| squeeze(cell))
            .filter(|key| key.chars().count() > 8 && all.matches(key.as_str()).count() == 1)
            .filter_map(|key| per_page.iter().position(|p| p.contains(&key)))
            .collect();
        spanned.sort_unstable();
        spanned.dedup();
        if spanned.len() > 1 {
            println!(
                "{name}: table {} runs over pages {:?}",
                t + 1,
                spanned.iter().map(|p| p + 1).collect::<Vec<_>>()
            );
        }
        for page in spanned {
            if !per_page[page].contains(&header) {
                problems.push(format!(
                    "{name}: page {} has rows of table {} but not its header row \"{}\"",
                    page + 1,
                    t + 1,
                    table["header"].as_str().unwrap_or_default()
                ));
            }
        }
    }

    // A plan's facts come before its first heading in the PDF's reading order.
    if !facts_labels.is_empty() {
        let facts = expected["facts"].as_array().cloned().unwrap_or_default();
        let heading = expected["firstHeading"].as_str().unwrap_or_default();
        let first = all.find(&squeeze(heading)).unwrap_or(usize::MAX);
        for label in facts_labels {
            let Some(fact) = facts.iter().find(|f| f["label"] == label.as_str()) else {
                problems.push(format!("{name}: the page has no fact \"{label}\" to print"));
                continue;
            };
            let printed = squeeze(&format!(
                "{} {}",
                fact["label"].as_str().unwrap_or_default(),
                fact["value"].as_str().unwrap_or_default()
            ));
            match all.find(&printed) {
                Some(at) if at < first => {}
                Some(_) => problems.push(format!(
                    "{name}: \"{label}\" is printed after the first heading \"{heading}\""
                )),
                None => problems.push(format!("{name}: \"{label}\" is not in the PDF")),
            }
        }
    }
    problems
}

#[test]
fn plans_guidance_and_the_consolidated_page_print_cleanly_on_a4() {
    let repo = repo();
    let work = tempfile::tempdir().expect("temp dir");
    let example = work.path().join("example");
    common::build_site(&repo, &example, &[]);
    let site = common::fixture("basic");
    site.write("content/guider/utskrift.md", fixture_page());
    let fixture = work.path().join("fixture");
    common::build_site(&site.root, &fixture, &[]);

    let pages: [(&str, PathBuf, Vec<String>); 6] = [
        (
            "plan-socialnamnden",
            example.join("handlingsplaner/socialnamnden-2020/index.html"),
            plan_labels(&["namnd", "ar", "status", "dnr"]),
        ),
        (
            "plan-alvsjo",
            example.join("handlingsplaner/alvsjo-2020/index.html"),
            plan_labels(&["namnd", "ar", "status"]),
        ),
        (
            "vagledning",
            example.join("vagledningar/atervandare/index.html"),
            Vec::new(),
        ),
        (
            "samlad-bild",
            example.join("handlingsplaner/index.html"),
            Vec::new(),
        ),
        (
            "tips",
            example.join("tips/center-mot-valdsbejakande-extremism/index.html"),
            Vec::new(),
        ),
        (
            "lankar-och-tabeller",
            fixture.join("guider/utskrift/index.html"),
            Vec::new(),
        ),
    ];
    let out = repo.join("tests/artifacts/print");
    let mut args = vec![out.clone().into_os_string()];
    for (name, file, _) in &pages {
        let mut arg = std::ffi::OsString::from(format!("{name}="));
        arg.push(file);
        args.push(arg);
    }
    common::run_node("tests/browser/print.mjs", &args);

    let mut problems = Vec::new();
    for (name, _, facts) in &pages {
        let json = std::fs::read_to_string(out.join(format!("{name}.json"))).expect("read json");
        let expected: Value = serde_json::from_str(&json).expect("parse json");
        problems.extend(check(
            name,
            &out.join(format!("{name}.pdf")),
            &expected,
            facts,
        ));
    }
    assert!(
        problems.is_empty(),
        "the printed pages (in {}):\n{}",
        out.display(),
        problems.join("\n")
    );
}
