//! `lots serve` against a hostile neighbourhood: files swapped for symbolic links to the outside
//! while it runs, and requests naming another host (DNS rebinding).

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::os::unix::fs::symlink;
use std::time::{Duration, Instant};

use common::fixture;
use common::serve::{get, start, wait_for, Server, WAIT};

const SECRET: &str = "HEMLIGT-UTANFÖR";

/// Replaces a file or folder of the site by a symbolic link to `target`.
fn swap_for_link(path: &std::path::Path, target: &std::path::Path) {
    if path.is_dir() {
        std::fs::remove_dir_all(path).expect("remove folder");
    } else {
        std::fs::remove_file(path).expect("remove file");
    }
    symlink(target, path).expect("symlink");
}

#[test]
fn files_swapped_for_links_to_the_outside_are_never_served() {
    let site = fixture("basic");
    site.write("static/extra.css", "p { color: #111; }");
    site.write("static/mapp/inre.css", "p { color: #222; }");
    let outside = site.beside("utanfor");
    std::fs::create_dir_all(outside.join("mapp")).expect("outside folder");
    std::fs::write(outside.join("hemlig.txt"), SECRET).expect("write");
    std::fs::write(outside.join("mapp/inre.css"), SECRET).expect("write");
    let server = start(&site);
    let served = ["/extra.css", "/mapp/inre.css", "/guider/diagram/bilaga.txt"];
    for path in served {
        wait_for(&server, path, "the file", |s, b| s == 200 && !b.is_empty());
    }
    // A player seeking in a video asks for a byte range, which files from disk still answer.
    let (status, text) = raw(
        &server,
        &format!(
            "GET /guider/diagram/bilaga.txt HTTP/1.1\r\nHost: {}\r\nRange: bytes=3-6\r\nConnection: close\r\n\r\n",
            server.address
        ),
    );
    assert_eq!(status, 206, "{text}");
    assert!(text.ends_with("\r\n\r\nbila"), "{text}");
    swap_for_link(&site.path("static/extra.css"), &outside.join("hemlig.txt"));
    swap_for_link(
        &site.path("content/guider/diagram/bilaga.txt"),
        &outside.join("hemlig.txt"),
    );
    swap_for_link(&site.path("static/mapp"), &outside.join("mapp"));
    // From the swap until the server has rebuilt (the bundle's link to its attachment now
    // fails, so the old site stays served under an error) and well after, nothing outside shows.
    let text = std::fs::read_to_string(site.path("content/guider/forsta.md")).expect("read");
    site.write(
        "content/guider/forsta.md",
        text.replace("Första guiden", "Efter bytet"),
    );
    let deadline = Instant::now() + WAIT;
    let mut edit_seen: Option<Instant> = None;
    loop {
        for path in served {
            let (status, body) = get(&server, path);
            assert!(
                !body.contains(SECRET),
                "{path} served the outside file ({status})"
            );
        }
        let now = Instant::now();
        match edit_seen {
            Some(at) if now > at + Duration::from_secs(2) => break,
            Some(_) => {}
            None => {
                let (_, page) = get(&server, "/guider/forsta/");
                assert!(now < deadline, "no rebuild after the swap:\n{page}");
                let rebuilt = page.contains("Efter bytet") || page.contains("id=\"lots-error\"");
                edit_seen = rebuilt.then_some(now);
            }
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    for path in served {
        let (status, body) = get(&server, path);
        assert_eq!(status, 404, "{path}: {body}");
    }
}

/// Sends one raw request and gives back the status code and everything read until the server
/// closed the connection or went quiet.
fn raw(server: &Server, request: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(&server.address).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(2)))
        .expect("timeout");
    stream.write_all(request.as_bytes()).expect("send");
    let mut response = Vec::new();
    let mut buffer = [0; 4096];
    // An event stream never ends: read what came before the server went quiet.
    while let Ok(n) = stream.read(&mut buffer) {
        if n == 0 {
            break;
        }
        response.extend_from_slice(&buffer[..n]);
    }
    let text = String::from_utf8_lossy(&response).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, text)
}

fn request(method: &str, path: &str, host: &str) -> String {
    format!(
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    )
}

#[test]
fn only_loopback_hosts_are_answered() {
    let site = fixture("basic");
    let server = start(&site);
    wait_for(&server, "/guider/forsta/", "the page", |s, _| s == 200);
    let port = server.address.rsplit(':').next().expect("a port");
    let routes = [
        "/",
        "/guider/forsta/",
        "/style.css",
        "/guider/diagram/bilaga.txt",
        "/__lots/reload.js",
        "/__lots/events?page=/",
        "/finns-inte/",
    ];
    let refused = [
        "evil.example".to_string(),
        format!("evil.example:{port}"),
        format!("localhost.evil.example:{port}"),
        format!("127.0.0.1.nip.io:{port}"),
        format!("sub.localhost:{port}"),
        format!("user@127.0.0.1:{port}"),
        format!("127.0.0.1:{port}x"),
        String::new(),
    ];
    for host in &refused {
        for path in routes {
            for method in ["GET", "POST"] {
                let (status, text) = raw(&server, &request(method, path, host));
                assert!(
                    status == 421 || status == 400,
                    "{method} {path} with Host `{host}` gave {status}:\n{text}"
                );
                assert!(
                    !text.contains("Första guiden") && !text.contains("EventSource"),
                    "{method} {path} with Host `{host}` showed the site:\n{text}"
                );
            }
        }
    }
    let accepted = [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("LocalHost:{port}"),
        "127.0.0.1".to_string(),
        "localhost".to_string(),
        format!("[::1]:{port}"),
    ];
    for host in &accepted {
        let (status, text) = raw(&server, &request("GET", "/guider/forsta/", host));
        assert_eq!(status, 200, "Host `{host}`:\n{text}");
        assert!(text.contains("Första guiden"), "Host `{host}`:\n{text}");
        let (status, text) = raw(&server, &request("GET", "/__lots/events?page=/", host));
        assert_eq!(status, 200, "events with Host `{host}`:\n{text}");
        assert!(text.contains("text/event-stream"), "{text}");
    }
}
