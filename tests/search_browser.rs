//! The search in a real browser: builds the example site (content/) and the search fixture
//! (tests/fixtures/search/) with the real binary, serves them over http on 127.0.0.1 from a
//! tiny server in this test, and runs tests/browser/search.mjs (playwright-core driving
//! Debian's /usr/bin/chromium) against both, over http and from file://.
//!
//! Needs `npm ci` (playwright-core in node_modules/) and `apt-get install -y chromium`.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::thread;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("xml") => "application/xml",
        _ => "application/octet-stream",
    }
}

/// Answers one GET with a file under `root`; nothing outside it is ever read.
fn serve_one(stream: TcpStream, root: &Path) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request = String::new();
    reader.read_line(&mut request)?;
    let mut header = String::new();
    while reader.read_line(&mut header)? > 2 {
        header.clear();
    }
    let target = request.split_whitespace().nth(1).unwrap_or("/");
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let path = lots::content::paths::percent_decode(path.trim_start_matches('/'));
    let mut file = root.join(&path);
    if path.split('/').any(|p| p == "..") {
        file = root.join("does-not-exist");
    } else if file.is_dir() {
        file = file.join("index.html");
    }
    let mut stream = stream;
    match std::fs::read(&file) {
        Ok(body) => {
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                content_type(&file),
                body.len()
            );
            stream.write_all(head.as_bytes())?;
            stream.write_all(&body)?;
        }
        Err(_) => {
            stream.write_all(
                b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            )?;
        }
    }
    stream.flush()
}

/// Serves `root` on a free port of 127.0.0.1 for as long as the test runs.
fn serve(root: PathBuf) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    let port = listener.local_addr().expect("local address").port();
    thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let root = root.clone();
            thread::spawn(move || {
                let _ = serve_one(stream, &root);
            });
        }
    });
    port
}

fn prerequisites() {
    assert!(
        repo().join("node_modules/playwright-core").is_dir(),
        "node_modules/playwright-core is missing: run `npm ci` in {} (CI does this in .ci/run)",
        repo().display()
    );
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    assert!(
        Path::new(&chromium).exists(),
        "{chromium} is missing: run `apt-get install -y chromium` (Debian's; never a downloaded browser)"
    );
}

fn file_url(path: &Path) -> String {
    format!("file://{}/", path.display())
}

/// 40 pages on `samordnare`, 12 with it in the title, built with heads of 4 pages (which may
/// grow to 16 to hold every title hit): the first ten come from the heads. The site's own
/// search box gives one text itself (`data-text-many`), which wins over texts.js; the others
/// still come from texts.js.
fn build_tiered(out: &Path) {
    let site = common::fixture("minimal");
    let search_box = std::fs::read_to_string(repo().join("themes/lots/templates/search_box.html"))
        .expect("the theme's search box");
    let own = search_box.replacen(
        "data-lots-search ",
        "data-lots-search data-text-many=\"{count} sidor\" ",
        1,
    );
    assert_ne!(own, search_box, "the search box has data-lots-search");
    site.write("templates/search_box.html", own);
    for n in 0..40 {
        let title = if n % 10 < 3 {
            format!("Samordnare {n}")
        } else {
            format!("Sida {n}")
        };
        let body = "Om samordnare och annat. ".repeat(1 + n % 5);
        site.write(
            &format!("content/sida-{n}.md"),
            format!("---\ntitle: \"{title}\"\n---\n\n{body}\n"),
        );
    }
    let run = common::run_lots_with_env(
        &["build".into(), "--output".into(), out.display().to_string()],
        &site.root,
        out.to_path_buf(),
        &[("LOTS_SEARCH_HEAD", "4")],
    );
    run.assert_success();
    assert!(out.join("search/t").is_dir(), "the tiered site has tails");
}

#[test]
fn search_works_in_chromium_over_http_and_from_file() {
    prerequisites();
    let tmp = tempfile::tempdir().expect("temp dir");
    let sites = tmp.path().join("sites");
    let example = sites.join("example");
    let fixture = sites.join("fixture");
    common::build_site(&repo(), &example, &[]);
    let fixture_site = common::fixture("search");
    common::build_site(&fixture_site.root, &fixture, &[]);
    let tiered = sites.join("tiered");
    build_tiered(&tiered);
    let port = serve(sites.clone());
    let http = format!("http://127.0.0.1:{port}/");
    let args = [
        "--example".to_string(),
        format!("{http}example/"),
        "--fixture".to_string(),
        format!("{http}fixture/"),
        "--example".to_string(),
        file_url(&example),
        "--fixture".to_string(),
        file_url(&fixture),
        "--tiered".to_string(),
        format!("{http}tiered/"),
        "--tiered".to_string(),
        file_url(&tiered),
    ];
    let stdout = common::run_node("tests/browser/search.mjs", &args);
    println!("{stdout}");
    assert!(stdout.contains(" passed, 0 failed"), "{stdout}");
}
