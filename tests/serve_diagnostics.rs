//! `lots serve` reports the same problems as `lots build`, in the same words, whether the site
//! is broken when the server starts or an edit breaks it; and a rebuild that panics is shown
//! as an error while the server keeps answering and watching.

mod common;

use std::io::{BufRead, BufReader, ErrorKind, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use common::serve::{start, start_with_env, wait_for, Server, WAIT};
use common::{fixture, Site};

/// A page of the `rutiner` collection, as the fixture has it.
const GOOD: &str = "---\ntitle: \"Rutin vid oro eller händelse\"\ndescription: \"Steg för steg när du är orolig.\"\ndate: 2020-01-15\nagare: \"Stadsledningskontoret\"\nmalgrupp: [\"Alla medarbetare\", \"Chefer\"]\ngranskad: 2021-02-01\nnasta_granskning: 2099-02-01\n---\n\n## Vid oro\n\nKontakta din samordnare.\n";

/// One kind of error each: `(what, the page with it)`.
fn broken_pages() -> Vec<(&'static str, String)> {
    vec![
        (
            "a missing template",
            GOOD.replace("date: ", "template: nosuch.html\ndate: "),
        ),
        (
            "a broken @/ link",
            GOOD.replace(
                "Kontakta din",
                "Läs [guiden](@/finns/inte.md), kontakta din",
            ),
        ),
        (
            "a schema error",
            GOOD.replace("agare: \"Stadsledningskontoret\"\n", ""),
        ),
        (
            "a bad date",
            GOOD.replace("granskad: 2021-02-01", "granskad: 2021-13-45"),
        ),
    ]
}

/// Opens the server's event stream as the reload script does.
fn open_events(server: &Server) -> BufReader<TcpStream> {
    let mut stream = TcpStream::connect(&server.address).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_millis(500)))
        .expect("timeout");
    let request = format!(
        "GET /__lots/events?page=/ HTTP/1.1\r\nHost: {}\r\nAccept: text/event-stream\r\n\r\n",
        server.address
    );
    stream.write_all(request.as_bytes()).expect("send");
    BufReader::new(stream)
}

/// The whole text of the next `build-error` event (every `data:` line of it), within
/// [`WAIT`] (the stream's keep-alive lines would outlast a read timeout).
fn next_error(events: &mut BufReader<TcpStream>) -> String {
    let deadline = Instant::now() + WAIT;
    let mut name = String::new();
    let mut data: Vec<String> = Vec::new();
    let mut line = String::new();
    loop {
        assert!(Instant::now() < deadline, "no error event within {WAIT:?}");
        match events.read_line(&mut line) {
            Ok(0) => panic!("the event stream ended"),
            Ok(_) => {}
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => continue,
            Err(e) => panic!("reading the event stream: {e}"),
        }
        let taken = std::mem::take(&mut line);
        let line = taken.trim_end_matches(['\r', '\n']);
        if let Some(event) = line.strip_prefix("event: ") {
            name = event.to_string();
        } else if let Some(text) = line.strip_prefix("data:") {
            data.push(text.strip_prefix(' ').unwrap_or(text).to_string());
        } else if line.is_empty() {
            if name == "build-error" {
                return data.join("\n");
            }
            name.clear();
            data.clear();
        }
    }
}

/// What `lots build` prints for the site as it is now (it must fail).
fn build_errors(site: &Site) -> String {
    let out = site.beside("out");
    let run = site.build(&["--output", out.to_str().expect("UTF-8 path")]);
    run.assert_content_error();
    run.stderr.trim_end().to_string()
}

#[test]
fn serve_reports_what_build_reports_when_an_edit_breaks_a_page() {
    let site = fixture("collections");
    let page = "content/rutiner/rutin-vid-oro.md";
    site.write(page, GOOD);
    let server = start(&site);
    wait_for(&server, "/rutiner/rutin-vid-oro/", "the page", |s, b| {
        s == 200 && !b.contains("id=\"lots-error\"")
    });
    for (what, broken) in broken_pages() {
        let mut events = open_events(&server);
        site.write(page, &broken);
        let shown = next_error(&mut events);
        assert_eq!(
            shown,
            build_errors(&site),
            "serve and build differ on {what}"
        );
        site.write(page, GOOD);
        wait_for(&server, "/rutiner/rutin-vid-oro/", "the fix", |s, b| {
            s == 200 && !b.contains("id=\"lots-error\"")
        });
    }
}

#[test]
fn serve_reports_what_build_reports_when_a_template_edit_breaks_it() {
    let site = fixture("collections");
    let server = start(&site);
    wait_for(&server, "/rutiner/rutin-vid-oro/", "the page", |s, _| {
        s == 200
    });
    let template = "templates/collections/vagledning.html";
    for (what, broken) in [
        ("a Tera syntax error", "{% if %}trasig"),
        ("a missing parent", "{% extends \"finns-inte.html\" %}"),
    ] {
        let mut events = open_events(&server);
        site.write(template, broken);
        let shown = next_error(&mut events);
        assert_eq!(
            shown,
            build_errors(&site),
            "serve and build differ on {what}"
        );
        site.remove(template);
        wait_for(&server, "/rutiner/rutin-vid-oro/", "the fix", |s, b| {
            s == 200 && !b.contains("id=\"lots-error\"")
        });
    }
}

#[test]
fn serve_reports_what_build_reports_for_a_broken_site_at_start() {
    let site = fixture("collections");
    for (i, (_, broken)) in broken_pages().into_iter().enumerate() {
        site.write(&format!("content/rutiner/trasig-{i}.md"), broken);
    }
    let expected = build_errors(&site);
    for what in ["nosuch.html", "@/finns/inte.md", "agare", "granskad"] {
        assert!(
            expected.contains(what),
            "build does not report {what}:\n{expected}"
        );
    }
    let server = start(&site);
    let shown = next_error(&mut open_events(&server));
    assert_eq!(shown, expected);
    // With no site loaded yet, any page shows the error, and the fix.
    let body = wait_for(&server, "/", "the error overlay", |_, b| {
        b.contains("id=\"lots-error\"")
    });
    assert!(
        body.contains("nosuch.html") && body.contains("/__lots/reload.js"),
        "{body}"
    );
    for i in 0..broken_pages().len() {
        site.remove(&format!("content/rutiner/trasig-{i}.md"));
    }
    wait_for(
        &server,
        "/rutiner/rutin-vid-oro/",
        "the fixed site",
        |s, b| s == 200 && !b.contains("id=\"lots-error\""),
    );
}

/// Any panic in a rebuild (here one the test hook provokes; the `&` before `Härnösand` was a
/// real one) is shown as an error over the last good page, the server answers on, and the
/// next fix is picked up.
#[test]
fn a_panic_in_a_rebuild_is_shown_and_serve_keeps_watching() {
    let site = fixture("basic");
    let page = "content/guider/forsta.md";
    let good = std::fs::read_to_string(site.path(page)).expect("read");
    let server = start_with_env(&site, &[("LOTS_TEST_PANIC_ON_TEXT", "zyxkrasch")]);
    wait_for(&server, "/guider/forsta/", "the page", |s, _| s == 200);
    let mut events = open_events(&server);
    site.write(page, format!("{good}\nzyxkrasch\n"));
    let shown = next_error(&mut events);
    assert!(
        shown.contains("lots crashed while rebuilding") && shown.contains("guider/forsta.md"),
        "the panic is reported as an error: {shown}"
    );
    let body = wait_for(&server, "/guider/forsta/", "the error overlay", |s, b| {
        s == 200 && b.contains("id=\"lots-error\"")
    });
    assert!(body.contains("lots crashed while rebuilding"), "{body}");
    assert!(
        body.contains("Första guiden"),
        "the last good page is still served"
    );
    // A second edit that still panics keeps the server up as well.
    site.write(page, format!("{good}\nzyxkrasch igen\n"));
    next_error(&mut events);
    site.write(page, good.replace("Första guiden", "Första guiden, lagad"));
    wait_for(&server, "/guider/forsta/", "the fixed page", |s, b| {
        s == 200 && b.contains("Första guiden, lagad") && !b.contains("id=\"lots-error\"")
    });
    let (status, _) = common::serve::get(&server, "/guider/andra/");
    assert_eq!(status, 200, "the other pages are served again");
}

/// A page with two warnings: raw HTML and an image without alt text.
const WARNED: &str = "\n\nText med <span>rå HTML</span>.\n\n![](https://example.org/bild.png)\n";

#[test]
fn serve_prints_the_warnings_build_prints() {
    let site = fixture("collections");
    let page = "content/rutiner/rutin-vid-oro.md";
    site.write(page, format!("{GOOD}{WARNED}"));
    let out = site.beside("out");
    let run = site.build_ok(&["--output", out.to_str().expect("UTF-8 path")]);
    let warnings = run.stderr.trim_end().to_string();
    assert!(
        warnings.contains("warning: ") && warnings.contains("rutin-vid-oro.md"),
        "{warnings}"
    );
    // In the site's language, as its errors are.
    assert!(
        warnings.contains("rå HTML visas som text")
            && warnings.contains("bilden saknar alternativtext"),
        "{warnings}"
    );
    // At start.
    let server = start(&site);
    common::serve::poll("the warnings at start", || {
        let printed = server.stderr();
        printed.contains(&warnings).then_some(()).ok_or(printed)
    });
    drop(server);
    // After an edit brings them.
    site.write(page, GOOD);
    let server = start(&site);
    wait_for(&server, "/rutiner/rutin-vid-oro/", "the page", |s, _| {
        s == 200
    });
    assert!(
        !server.stderr().contains("warning: "),
        "{}",
        server.stderr()
    );
    site.write(page, format!("{GOOD}{WARNED}"));
    common::serve::poll("the warnings after the edit", || {
        let printed = server.stderr();
        printed.contains(&warnings).then_some(()).ok_or(printed)
    });
}
