//! `lots check`: every kind of finding with its position and severity, the JSON document,
//! exit codes with and without --strict, nothing written, and the "Att se över" page showing
//! exactly the freshness findings check reports.

mod common;

use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use common::{fixture, run_lots, Run, Site};
use serde_json::Value;

const TODAY: &str = "2026-12-01";

fn check(site: &Site, args: &[&str]) -> Run {
    check_root(&site.root, args)
}

fn check_root(root: &Path, args: &[&str]) -> Run {
    let mut full = vec![
        "check".to_string(),
        "--root".to_string(),
        root.display().to_string(),
    ];
    full.extend(args.iter().map(|a| a.to_string()));
    run_lots(&full, root, PathBuf::new())
}

fn json_of(run: &Run) -> Value {
    serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}\nstderr: {}", run.stdout, run.stderr))
}

fn findings(document: &Value) -> &Vec<Value> {
    document["findings"].as_array().expect("findings array")
}

#[test]
fn freshness_and_orphans_are_warnings_at_their_positions() {
    let site = fixture("check");
    let run = check(&site, &["--today", TODAY]);
    assert_eq!(
        run.code, 0,
        "warnings alone pass: {}{}",
        run.stdout, run.stderr
    );
    let expected = [
        (
            "content/vagledningar/gammal.md",
            4,
            19,
            "`nasta_granskning: 2026-01-01` has passed (334 days ago)",
        ),
        (
            "content/planer/plan.md",
            4,
            12,
            "`foljs_upp: 2026-11-01` has passed (30 days ago)",
        ),
        (
            "content/samordnare/anna.md",
            4,
            15,
            "`verifierad: 2025-06-01` is older than",
        ),
        (
            "content/gammal-sida.md",
            3,
            10,
            "the page was last updated 2024-01-01",
        ),
        (
            "content/ensam.md",
            1,
            1,
            "no page, list or navigation links to this page",
        ),
    ];
    for (file, line, column, text) in expected {
        let start = format!("warning: {}:{line}:{column}: {text}", site.shown(file));
        assert!(
            run.stdout.contains(&start),
            "missing `{start}` in:\n{}",
            run.stdout
        );
    }
    for fine in ["ny.md", "idag.md", "bo.md"] {
        assert!(
            !run.stdout.contains(fine),
            "{fine} is not due:\n{}",
            run.stdout
        );
    }
    let freshness = run.stdout.find("== freshness ==").expect("freshness group");
    let orphan = run.stdout.find("== orphan ==").expect("orphan group");
    assert!(freshness < orphan, "{}", run.stdout);
    assert!(
        run.stdout.contains("freshness: 0 fel, 4 varningar\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("orphan: 0 fel, 1 varning\n"),
        "{}",
        run.stdout
    );
    // The fixture is a Swedish site: the summary is said in Swedish.
    assert!(
        run.stdout
            .contains("Kontroll: 0 fel, 5 varningar (i dag är det 2026-12-01)."),
        "{}",
        run.stdout
    );
}

#[test]
fn strict_makes_warnings_errors() {
    let site = fixture("check");
    let run = check(&site, &["--today", TODAY, "--strict"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(run.stdout.contains(&format!(
        "error: {}:4:19:",
        site.shown("content/vagledningar/gammal.md")
    )));
    let document = json_of(&check(
        &site,
        &["--today", TODAY, "--strict", "--format", "json"],
    ));
    assert!(findings(&document).iter().all(|f| f["severity"] == "error"));
    assert_eq!(document["errors"], 5);
    // The day before every due date: nothing is overdue, and --strict passes.
    let early = check(&site, &["--today", "2024-01-01", "--strict"]);
    assert_eq!(early.code, 1, "the orphan is still there: {}", early.stdout);
    site.write("content/_index.md", "---\ntitle: \"Start\"\n---\n[a](@/ensam.md) [b](@/vagledningar/gammal.md) [c](@/samordnare/anna.md) [d](@/planer/plan.md) [e](@/gammal-sida.md) [f](@/vagledningar/ny.md) [g](@/vagledningar/idag.md) [h](@/samordnare/bo.md)\n");
    let clean = check(&site, &["--today", "2024-01-01", "--strict"]);
    assert_eq!(clean.code, 0, "{}", clean.stdout);
    assert!(
        clean
            .stdout
            .contains("Kontroll med --strict: 0 fel, 0 varningar"),
        "{}",
        clean.stdout
    );
}

#[test]
fn json_has_every_finding_with_stable_fields() {
    let site = fixture("check");
    let run = check(&site, &["--today", TODAY, "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let document = json_of(&run);
    assert_eq!(document["today"], TODAY);
    assert_eq!(document["strict"], false);
    assert_eq!(document["errors"], 0);
    assert_eq!(document["warnings"], 5);
    assert_eq!(document["counts"]["freshness"], 4);
    assert_eq!(document["counts"]["orphan"], 1);
    let gammal = findings(&document)
        .iter()
        .find(|f| f["file"] == site.shown("content/vagledningar/gammal.md"))
        .expect("the overdue guidance");
    let keys: BTreeSet<&str> = gammal
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        BTreeSet::from([
            "kind", "code", "severity", "file", "line", "column", "message", "url", "status"
        ])
    );
    assert_eq!(gammal["kind"], "freshness");
    assert_eq!(gammal["code"], "freshness.review_overdue");
    assert_eq!(gammal["severity"], "warning");
    assert_eq!(
        (gammal["line"].as_u64(), gammal["column"].as_u64()),
        (Some(4), Some(19))
    );
    assert_eq!(gammal["url"], Value::Null);
    let codes: BTreeSet<&str> = findings(&document)
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        BTreeSet::from([
            "freshness.review_overdue",
            "freshness.verification_old",
            "freshness.not_updated",
            "orphan.page"
        ])
    );
}

#[test]
fn errors_a_build_refuses_fail_the_check_with_positions() {
    let site = fixture("check");
    site.write(
        "content/vagledningar/trasig.md",
        "---\ntitle: \"Trasig\"\nagare: \"X\"\nnasta_granskning: 2030-01-01\n---\nSe [saknas](@/saknas.md).\n",
    );
    site.write(
        "content/samordnare/utan.md",
        "---\ntitle: \"Utan datum\"\nforvaltning: \"X\"\nverifierad: igår\n---\n",
    );
    let run = check(&site, &["--today", TODAY, "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    let document = json_of(&run);
    let link = findings(&document)
        .iter()
        .find(|f| f["file"] == site.shown("content/vagledningar/trasig.md"))
        .expect("the broken link");
    assert_eq!(link["kind"], "link");
    assert_eq!(link["code"], "link.internal.missing");
    assert_eq!(link["severity"], "error");
    assert_eq!(
        (link["line"].as_u64(), link["column"].as_u64()),
        (Some(6), Some(4))
    );
    let schema = findings(&document)
        .iter()
        .find(|f| f["file"] == site.shown("content/samordnare/utan.md"))
        .expect("the bad date");
    assert_eq!(schema["kind"], "schema");
    assert_eq!(schema["line"], 4);
    // What is overdue is still reported beside the errors.
    assert_eq!(document["counts"]["freshness"], 4, "{}", run.stdout);
    // The same errors as build, in the human format too.
    let human = check(&site, &["--today", TODAY]);
    assert_eq!(human.code, 1);
    assert!(human.stdout.contains("== link =="), "{}", human.stdout);
    assert!(human.stdout.contains(&format!(
        "error: {}:6:4:",
        site.shown("content/vagledningar/trasig.md")
    )));
    let build = site.build(&[]);
    assert_eq!(build.code, 1);
    assert!(build.stderr.contains(&format!(
        "{}:6:4:",
        site.shown("content/vagledningar/trasig.md")
    )));
}

#[test]
fn check_writes_nothing() {
    let site = fixture("check");
    let before = files_under(&site.root);
    let run = check(&site, &["--today", TODAY]);
    assert_eq!(run.code, 0);
    assert!(!site.public().exists(), "check wrote public/");
    let after = files_under(&site.root);
    assert_eq!(before, after, "check changed the site folder");
    let parent: Vec<_> = std::fs::read_dir(site.root.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        parent.len(),
        1,
        "no staging folder beside the site: {parent:?}"
    );
}

fn files_under(dir: &Path) -> BTreeSet<PathBuf> {
    let mut found = BTreeSet::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(files_under(&path));
        }
        found.insert(path);
    }
    found
}

#[test]
fn wrong_usage_exits_2() {
    let site = fixture("check");
    assert_eq!(check(&site, &["--format", "xml"]).code, 2);
    let bad_day = check(&site, &["--today", "2026-13-01"]);
    assert_eq!(bad_day.code, 2);
    assert!(bad_day.stderr.contains("YYYY-MM-DD"), "{}", bad_day.stderr);
}

/// The 1-based column of `part` in `line` (both ASCII here).
fn column_of(line: &str, part: &str) -> u64 {
    line.find(part).map_or(0, |i| i as u64 + 1)
}

/// A web server on 127.0.0.1 for the external-link test: `/ok` 200, `/flyttad` 301 to
/// `/ok`, anything else 404. Returns its base URL and a count of the requests it answered.
fn link_server() -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    let requests = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&requests);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            counted.fetch_add(1, Ordering::SeqCst);
            answer(stream);
        }
    });
    (base, requests)
}

fn answer(mut stream: TcpStream) {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") && stream.read(&mut byte).unwrap_or(0) == 1 {
        head.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&head);
    let path = head.split_whitespace().nth(1).unwrap_or("/");
    let reply = match path {
        "/ok" => "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n".to_string(),
        "/flyttad" => {
            "HTTP/1.1 301 Moved Permanently\r\nLocation: /ok\r\nContent-Length: 0\r\n".into()
        }
        _ => "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n".into(),
    };
    let _ = stream.write_all(format!("{reply}Connection: close\r\n\r\n").as_bytes());
}

#[test]
fn external_links_that_fail_or_move_are_warnings_with_url_and_status() {
    let (base, requests) = link_server();
    let site = fixture("check");
    let config = std::fs::read_to_string(site.path("config.yaml")).unwrap();
    site.write(
        "config.yaml",
        config.replace(
            "skip_external: [",
            &format!("skip_external: [\"{base}/hoppa\", "),
        ),
    );
    let first = format!("[fungerar]({base}/ok) och [borta]({base}/borta)");
    site.write(
        "content/ensam.md",
        format!(
            "---\ntitle: \"Ensam sida\"\n---\n{first}\n\n\
             Se [flyttad]({base}/flyttad) men inte [hoppa]({base}/hoppa/x).\n"
        ),
    );
    let run = check(&site, &["--today", TODAY, "--external", "--format", "json"]);
    assert_eq!(run.code, 0, "failing links are warnings: {}", run.stderr);
    // The link under the skipped prefix is not requested, and check says so in Swedish.
    assert!(
        run.stderr
            .contains("obs: --external: 1 av länkarna efterfrågades inte"),
        "{}",
        run.stderr
    );
    let document = json_of(&run);
    let external: Vec<&Value> = findings(&document)
        .iter()
        .filter(|f| f["kind"] == "external")
        .collect();
    let got: Vec<(String, u64, u64, String, u64, String)> = external
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap_or("").to_string(),
                f["line"].as_u64().unwrap_or(0),
                f["column"].as_u64().unwrap_or(0),
                f["url"].as_str().unwrap_or("").to_string(),
                f["status"].as_u64().unwrap_or(0),
                f["severity"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    let warning = |code: &str, line, column, path: &str, status| {
        (
            code.to_string(),
            line,
            column,
            format!("{base}{path}"),
            status,
            "warning".to_string(),
        )
    };
    assert_eq!(
        got,
        vec![
            warning(
                "external.broken",
                4,
                column_of(&first, "[borta]"),
                "/borta",
                404
            ),
            warning("external.redirect", 6, 4, "/flyttad", 301),
        ],
        "{}",
        run.stdout
    );
    let asked = requests.load(Ordering::SeqCst);
    assert!(asked >= 3, "ok, borta and flyttad were requested ({asked})");

    // Within the cache time a second run asks nothing, and --strict makes the warnings errors.
    let again = check(&site, &["--today", TODAY, "--external", "--strict"]);
    assert_eq!(again.code, 1, "{}", again.stdout);
    assert!(again.stdout.contains("== external =="), "{}", again.stdout);
    assert_eq!(
        requests.load(Ordering::SeqCst),
        asked,
        "answered from the cache"
    );
}

#[test]
fn unknown_check_keys_are_errors() {
    let site = fixture("check");
    let config = std::fs::read_to_string(site.path("config.yaml")).unwrap();
    site.write(
        "config.yaml",
        config.replace("stale_after_months", "stale_after_month"),
    );
    let run = check(&site, &["--today", TODAY]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(run.stdout.contains("stale_after_month"), "{}", run.stdout);
    assert!(run.stdout.contains("== config =="), "{}", run.stdout);
}

/// The rows of the Att se över page: (link target, due date), in page order.
fn review_rows(html: &str) -> Vec<(String, String)> {
    html.split("<th scope=\"row\"><a href=\"")
        .skip(1)
        .map(|row| {
            let href = row.split('"').next().unwrap().to_string();
            let due = row
                .split("<time datetime=\"")
                .nth(1)
                .and_then(|t| t.split('"').next())
                .unwrap()
                .to_string();
            (href, due)
        })
        .collect()
}

#[test]
fn the_review_page_shows_what_check_reports() {
    let site = fixture("check");
    site.build_ok(&["--today", TODAY]);
    let html = std::fs::read_to_string(site.public().join("att-se-over/index.html")).unwrap();
    let rows = review_rows(&html);
    let expected: Vec<(String, String)> = [
        ("../gammal-sida/index.html", "2026-01-01"),
        ("../vagledningar/gammal/index.html", "2026-01-01"),
        ("../samordnare/anna/index.html", "2026-06-01"),
        ("../planer/plan/index.html", "2026-11-01"),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    assert_eq!(rows, expected, "most overdue first");
    assert!(html.contains("<caption id="), "a table with a caption");
    assert!(html.contains("<th scope=\"col\"") && html.contains("<th scope=\"row\""));
    assert!(
        html.contains("Farsta stadsdelsförvaltning"),
        "the owner is shown"
    );
    assert!(html.contains("Socialförvaltningen"));
    // Linked from the footer of every page, not from the main navigation.
    let start = std::fs::read_to_string(site.public().join("index.html")).unwrap();
    let footer = start.split("<footer").nth(1).expect("a footer");
    assert!(
        footer.contains("href=\"att-se-over/index.html\""),
        "{footer}"
    );
    let nav = start.split("<footer").next().unwrap();
    assert!(!nav.contains("att-se-over"));
    // Not in the sitemap or the search index.
    let sitemap = std::fs::read_to_string(site.public().join("sitemap.xml")).unwrap();
    assert!(!sitemap.contains("att-se-over"));
    for entry in std::fs::read_dir(site.public().join("search")).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap_or_default();
        assert!(!text.contains("att-se-over"), "in the search index");
    }
    // The plan's own page (the plain page template) says its review date has passed; a
    // page not due does not.
    let plan = std::fs::read_to_string(site.public().join("planer/plan/index.html")).unwrap();
    assert!(plan.contains("Granskning försenad"), "{plan}");
    let fine = std::fs::read_to_string(site.public().join("vagledningar/ny/index.html")).unwrap();
    assert!(!fine.contains("Granskning försenad"));
    // Another day, another list: build and check use the same date.
    site.build_ok(&["--today", "2026-06-15"]);
    let html = std::fs::read_to_string(site.public().join("att-se-over/index.html")).unwrap();
    assert_eq!(
        review_rows(&html).len(),
        3,
        "the plan is not due yet on 2026-06-15"
    );
}

/// The example site in the repository: check lists its overdue reviews and plan revisions,
/// and its Att se över page shows the same ones.
#[test]
fn example_site_check_and_review_page_agree() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let run = check_root(root, &["--today", TODAY, "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let document = json_of(&run);
    let mut from_check: Vec<(String, String)> = findings(&document)
        .iter()
        .filter(|f| f["kind"] == "freshness")
        .map(|f| {
            let file = f["file"].as_str().unwrap();
            let key = file
                .split("content/")
                .nth(1)
                .unwrap()
                .trim_end_matches(".md");
            let message = f["message"].as_str().unwrap();
            // `field: DATE` for a date in the page, `… was due DATE` for a missing report.
            let date = match message.split_once(" was due ") {
                Some((_, due)) => due[..10].to_string(),
                None => message.split(": ").nth(1).unwrap()[..10].to_string(),
            };
            (key.to_string(), date)
        })
        .collect();
    let reviews: Vec<_> = from_check
        .iter()
        .filter(|(k, _)| k.starts_with("vagledningar/") || k.starts_with("rutiner/"))
        .collect();
    let plans: Vec<_> = from_check
        .iter()
        .filter(|(k, _)| k.starts_with("handlingsplaner/"))
        .collect();
    assert!(!reviews.is_empty() && !plans.is_empty(), "{from_check:?}");

    let (_tmp, built) = common::build_example_site(&["--today", TODAY]);
    let out = built.out.clone();
    let html = std::fs::read_to_string(out.join("att-se-over/index.html")).unwrap();
    let rows = review_rows(&html);
    assert_eq!(rows.len(), from_check.len(), "{rows:?}\n{from_check:?}");
    // Each row's page is the page of one finding: its output folder is named after the file
    // unless the page sets a slug, so compare by the page's own title in its output.
    // A page with two findings (a plan overdue for revision and missing a report) has two
    // rows: each row takes the finding of its page with its due date, else the next one.
    let mut unmatched = from_check.clone();
    let mut from_page: Vec<(String, String)> = rows
        .iter()
        .map(|(href, due)| {
            let page = std::fs::read_to_string(out.join("att-se-over").join(href)).unwrap();
            let source = source_of(root, &page);
            let index = unmatched
                .iter()
                .position(|(k, d)| *k == source && d == due)
                .or_else(|| unmatched.iter().position(|(k, _)| *k == source));
            match index {
                Some(index) => unmatched.remove(index),
                None => (source, String::new()),
            }
        })
        .collect();
    from_page.sort();
    from_check.sort();
    assert_eq!(from_page, from_check);
    // A coordinator whose details are too old says so on its own page, from the same findings.
    let coordinator = rows
        .iter()
        .find(|(href, _)| href.contains("samordnare/"))
        .expect("an old coordinator record");
    let page = std::fs::read_to_string(out.join("att-se-over").join(&coordinator.0)).unwrap();
    assert!(page.contains("Behöver kontrolleras"), "{}", coordinator.0);
    let guidance = rows
        .iter()
        .find(|(href, _)| href.contains("vagledningar/"))
        .unwrap();
    let page = std::fs::read_to_string(out.join("att-se-over").join(&guidance.0)).unwrap();
    assert!(!page.contains("Behöver kontrolleras"));
}

/// The content key (without `.md`) of the page whose built HTML is `page`, found by title.
fn source_of(root: &Path, page: &str) -> String {
    let title = page
        .split("<h1")
        .nth(1)
        .and_then(|h| h.split('>').nth(1))
        .and_then(|t| t.split('<').next())
        .unwrap()
        .trim()
        .to_string();
    for dir in ["vagledningar", "rutiner", "handlingsplaner", "samordnare"] {
        for entry in std::fs::read_dir(root.join("content").join(dir)).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            if text.contains(&format!("title: \"{title}\""))
                || text.contains(&format!("title: {title}\n"))
            {
                let name = path.file_stem().unwrap().to_str().unwrap();
                return format!("{dir}/{name}");
            }
        }
    }
    panic!("no source for the page titled {title}")
}

/// Each kind of error a build refuses comes out of check under its own code, all in one run.
#[test]
fn build_errors_have_their_codes() {
    let site = fixture("check");
    site.write(
        "content/vagledningar/fel.md",
        "---\ntitle: \"Fel\"\nagare: \"X\"\nnasta_granskning: 2030-01-01\naliases: [\"vagledningar/ny/\"]\ntemplate: saknas.html\n---\n![bild](saknas.png)\n\nSe [rubriken](@/vagledningar/ny.md#finns-inte).\n\n[x](/javascript:alert(1)) [y](#saknas-har)\n",
    );
    let run = check(&site, &["--today", TODAY, "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    let document = json_of(&run);
    let codes: BTreeSet<&str> = findings(&document)
        .iter()
        .filter(|f| f["severity"] == "error")
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    for code in [
        "link.internal.missing",
        "link.anchor.missing",
        "link.scheme",
        "template.missing",
        "output.collision",
    ] {
        assert!(
            codes.contains(code),
            "no {code} in {codes:?}:\n{}",
            run.stdout
        );
    }
    let anchor = findings(&document)
        .iter()
        .find(|f| f["code"] == "link.anchor.missing")
        .unwrap();
    assert_eq!(
        (anchor["line"].as_u64(), anchor["column"].as_u64()),
        (Some(10), Some(4))
    );
    assert_eq!(anchor["kind"], "link");
}
