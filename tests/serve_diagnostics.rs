//! `lots serve` reports the same problems as `lots build`, in the same words, whether the site
//! is broken when the server starts or an edit breaks it; and a rebuild that panics is shown
//! as an error while the server keeps answering and watching.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;

use common::serve::{start, wait_for, Server, WAIT};
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
    stream.set_read_timeout(Some(WAIT)).expect("timeout");
    let request = format!(
        "GET /__lots/events?page=/ HTTP/1.1\r\nHost: {}\r\nAccept: text/event-stream\r\n\r\n",
        server.address
    );
    stream.write_all(request.as_bytes()).expect("send");
    BufReader::new(stream)
}

/// The whole text of the next `build-error` event (every `data:` line of it).
fn next_error(events: &mut BufReader<TcpStream>) -> String {
    let mut name = String::new();
    let mut data: Vec<String> = Vec::new();
    loop {
        let mut line = String::new();
        let read = events
            .read_line(&mut line)
            .expect("an error event before the timeout");
        assert!(read > 0, "the event stream ended");
        let line = line.trim_end_matches(['\r', '\n']);
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
}
