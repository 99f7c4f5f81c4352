//! README's nginx snippet (its http-level part, beside Debian's mime.types) serves the site's
//! text files as UTF-8: captions, CSV and vCards in Swedish read as written. Runs Debian's
//! nginx (tests/common/nginx.rs) in the foreground with its own files in a temporary folder.

mod common;

use std::fs;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::time::Duration;

use common::nginx::Nginx;
use common::serve::free_port;

/// The lines of README's ```nginx block before its `server` part.
fn readme_http_part() -> String {
    let readme = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md");
    let block = readme
        .split("```nginx\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("README has an ```nginx block");
    let server = block
        .find("\nserver {")
        .or_else(|| block.find("# /etc/nginx/sites-enabled"))
        .expect("the snippet has a server block");
    block[..server].to_string()
}

/// The `Content-Type` nginx answers for `path`.
fn content_type(port: u16, path: &str) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    answer
        .lines()
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("content-type")
                .then(|| value.trim().to_string())
        })
        .unwrap_or_else(|| panic!("no Content-Type for {path}:\n{answer}"))
}

#[test]
fn the_readme_nginx_snippet_serves_text_files_as_utf8() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    let site = dir.join("site");
    fs::create_dir_all(&site).expect("site folder");
    for (file, text) in [
        (
            "textning.vtt",
            "WEBVTT\n\n00:00.000 --> 00:02.000\nFöreläsningen börjar.\n",
        ),
        ("lista.csv", "namn;ort\nÅsa;Älvsjö\n"),
        ("kontakt.vcf", "BEGIN:VCARD\nFN:Åsa\nEND:VCARD\n"),
        ("style.css", "body{}"),
        ("search.js", "var å = 1;"),
    ] {
        fs::write(site.join(file), text).expect("write");
    }
    let port = free_port();
    let root = format!("    location / {{ root {}; }}", site.display());
    let _nginx = Nginx::start(&dir.join("nginx"), port, &readme_http_part(), &root);
    for (path, expected) in [
        ("/textning.vtt", "text/vtt; charset=utf-8"),
        ("/lista.csv", "text/csv; charset=utf-8"),
        ("/kontakt.vcf", "text/vcard; charset=utf-8"),
        ("/style.css", "text/css; charset=utf-8"),
        ("/search.js", "application/javascript; charset=utf-8"),
    ] {
        assert_eq!(content_type(port, path), expected, "{path}");
    }
}
