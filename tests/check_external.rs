//! The external-link check against a small HTTP server on 127.0.0.1 that the tests start
//! themselves (no test reaches the internet), and the links it finds in a fixture site.

mod common;

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use lots::check::external::{
    check, external_links, ExternalFinding, ExternalLink, ExternalOptions, ExternalOutcome,
};

/// What the servers saw, shared by every port they listen on.
#[derive(Default)]
struct Stats {
    running: AtomicUsize,
    max_running: AtomicUsize,
    /// (method, path) of every request, in order.
    requests: Mutex<Vec<(String, String)>>,
}

impl Stats {
    fn count(&self) -> usize {
        self.requests.lock().unwrap().len()
    }

    fn to(&self, path: &str) -> Vec<String> {
        let requests = self.requests.lock().unwrap();
        requests
            .iter()
            .filter(|(_, p)| p == path)
            .map(|(m, _)| m.clone())
            .collect()
    }

    fn max_running(&self) -> usize {
        self.max_running.load(Ordering::SeqCst)
    }
}

/// Starts a server on a free port of 127.0.0.1 and returns its base address.
fn serve(stats: &Arc<Stats>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    let stats = Arc::clone(stats);
    thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let stats = Arc::clone(&stats);
            thread::spawn(move || answer(stream, &stats));
        }
    });
    base
}

fn answer(stream: TcpStream, stats: &Stats) {
    let mut reader = BufReader::new(stream.try_clone().expect("clone stream"));
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    loop {
        let mut header = String::new();
        match reader.read_line(&mut header) {
            Ok(0) | Err(_) => break,
            Ok(_) if header.trim().is_empty() => break,
            Ok(_) => {}
        }
    }
    let mut parts = request_line.split_whitespace();
    let method = parts.next().unwrap_or_default().to_string();
    let path = parts.next().unwrap_or_default().to_string();
    let now = stats.running.fetch_add(1, Ordering::SeqCst) + 1;
    stats.max_running.fetch_max(now, Ordering::SeqCst);
    let seen_before = stats.to(&path).len();
    stats
        .requests
        .lock()
        .unwrap()
        .push((method.clone(), path.clone()));
    let (status, headers) = route(&method, &path, seen_before);
    // Counted out before the answer is sent: once the client has it, it may start its next
    // request, which this thread would otherwise still count as running (3 at a time, seen
    // once in CI, with the checker keeping to 2).
    stats.running.fetch_sub(1, Ordering::SeqCst);
    let mut stream = stream;
    let _ = write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n{headers}\r\n"
    );
    let _ = stream.flush();
}

/// The answer for a path; `seen` is how many requests for it came before this one.
fn route(method: &str, path: &str, seen: usize) -> (&'static str, String) {
    let path = path.split('?').next().unwrap_or_default();
    match path {
        "/ok" => ("200 OK", String::new()),
        "/moved" => ("301 Moved Permanently", "Location: /ok\r\n".into()),
        "/moved-to-missing" => ("302 Found", "Location: /missing\r\n".into()),
        "/loop" => ("302 Found", "Location: /loop\r\n".into()),
        "/busy" if seen == 0 => ("429 Too Many Requests", "Retry-After: 1\r\n".into()),
        "/busy" => ("200 OK", String::new()),
        "/busy-long" => ("429 Too Many Requests", "Retry-After: 3600\r\n".into()),
        "/down" if seen == 0 => {
            let when = std::time::SystemTime::now() + Duration::from_secs(2);
            let date = httpdate::fmt_http_date(when);
            (
                "503 Service Unavailable",
                format!("Retry-After: {date}\r\n"),
            )
        }
        "/down" => ("200 OK", String::new()),
        "/v%C3%A5ld" => ("200 OK", String::new()),
        "/no-head" if method == "HEAD" => ("405 Method Not Allowed", String::new()),
        "/no-head" => ("200 OK", String::new()),
        "/slow" => {
            thread::sleep(Duration::from_secs(3));
            ("200 OK", String::new())
        }
        "/hold" => {
            thread::sleep(Duration::from_millis(150));
            ("200 OK", String::new())
        }
        _ => ("404 Not Found", String::new()),
    }
}

fn link(url: &str) -> ExternalLink {
    ExternalLink {
        url: url.to_string(),
        file: PathBuf::from("content/sida.md"),
        line: 5,
        column: 3,
    }
}

fn options(cache: &tempfile::TempDir) -> ExternalOptions {
    ExternalOptions {
        timeout: Duration::from_millis(700),
        ..ExternalOptions::new(cache.path().to_path_buf())
    }
}

fn run(urls: &[String], options: &ExternalOptions) -> HashMap<String, ExternalFinding> {
    let links: Vec<ExternalLink> = urls.iter().map(|u| link(u)).collect();
    check(&links, options)
        .into_iter()
        .map(|f| (f.link.url.clone(), f))
        .collect()
}

fn broken_status(finding: &ExternalFinding) -> Option<u16> {
    match &finding.outcome {
        ExternalOutcome::Broken { status, .. } => *status,
        other => panic!("{} is not broken: {other:?}", finding.link.url),
    }
}

#[test]
fn each_kind_of_answer() {
    let stats = Arc::new(Stats::default());
    let base = serve(&stats);
    let refused = {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.local_addr().expect("address").port()
    }; // dropped: nothing listens there now
    let url = |path: &str| format!("{base}{path}");
    let urls = vec![
        url("/ok"),
        url("/missing"),
        url("/moved"),
        url("/moved#rubrik"),
        url("/moved-to-missing"),
        url("/loop"),
        url("/no-head"),
        url("/våld"),
        url("/slow"),
        format!("http://127.0.0.1:{refused}/ok"),
        "https://exa mple.se/".to_string(),
    ];
    let cache = tempfile::tempdir().expect("temp dir");
    let findings = run(&urls, &options(&cache));

    assert!(!findings.contains_key(&url("/ok")), "{findings:#?}");
    assert!(!findings.contains_key(&url("/no-head")), "{findings:#?}");
    assert!(
        !findings.contains_key(&url("/våld")),
        "sent percent-encoded"
    );
    assert_eq!(stats.to("/no-head"), ["HEAD", "GET"]);

    let missing = &findings[&url("/missing")];
    assert_eq!(
        (missing.status, broken_status(missing)),
        (Some(404), Some(404))
    );
    assert_eq!(
        missing.message,
        format!(
            "`{}` answers 404 Not Found; correct the address or remove the link",
            url("/missing")
        )
    );
    assert_eq!(missing.link, link(&url("/missing")));

    let moved = &findings[&url("/moved")];
    assert_eq!(moved.status, Some(301));
    assert_eq!(
        moved.outcome,
        ExternalOutcome::Redirected { to: url("/ok") }
    );
    assert_eq!(
        moved.message,
        format!(
            "`{}` redirects to {}; link to {} instead",
            url("/moved"),
            url("/ok"),
            url("/ok")
        )
    );
    let with_fragment = &findings[&url("/moved#rubrik")];
    assert!(
        with_fragment
            .message
            .ends_with(&format!("link to {}#rubrik instead", url("/ok"))),
        "the new link keeps the heading: {with_fragment:?}"
    );
    let to_missing = &findings[&url("/moved-to-missing")];
    assert_eq!(broken_status(to_missing), Some(404));
    assert!(
        to_missing.message.contains("redirects to"),
        "{to_missing:?}"
    );
    assert!(findings[&url("/loop")].message.contains("redirect loop"));

    let slow = &findings[&url("/slow")];
    assert_eq!(broken_status(slow), None);
    assert!(
        slow.message.contains("did not answer within 0.7 s"),
        "{slow:?}"
    );
    assert_eq!(
        stats.to("/slow"),
        ["HEAD"],
        "a timeout is not tried again with GET"
    );

    let refused = &findings[&format!("http://127.0.0.1:{refused}/ok")];
    assert!(
        refused.message.contains("refused the connection"),
        "{refused:?}"
    );
    let invalid = &findings["https://exa mple.se/"];
    assert!(
        invalid.message.contains("not a valid web address"),
        "{invalid:?}"
    );
    assert_eq!(findings.len(), 8, "{findings:#?}");
}

#[test]
fn too_many_requests_is_asked_again_after_retry_after() {
    let stats = Arc::new(Stats::default());
    let base = serve(&stats);
    let cache = tempfile::tempdir().expect("temp dir");
    let started = Instant::now();
    let findings = run(&[format!("{base}/busy")], &options(&cache));
    assert!(findings.is_empty(), "{findings:#?}");
    assert_eq!(stats.to("/busy"), ["HEAD", "HEAD"]);
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "waited as asked"
    );

    // Service Unavailable, with the wait given as an HTTP date.
    let started = Instant::now();
    let findings = run(&[format!("{base}/down")], &options(&cache));
    assert!(findings.is_empty(), "{findings:#?}");
    assert_eq!(stats.to("/down"), ["HEAD", "HEAD"]);
    assert!(
        started.elapsed() >= Duration::from_millis(900),
        "waited until the date"
    );

    // A wait longer than the limit is reported, not waited for, and not asked again.
    let started = Instant::now();
    let findings = run(&[format!("{base}/busy-long")], &options(&cache));
    let busy = &findings[&format!("{base}/busy-long")];
    assert_eq!(broken_status(busy), Some(429));
    assert!(busy.message.contains("asks to wait 3600 s"), "{busy:?}");
    assert_eq!(stats.to("/busy-long"), ["HEAD"]);
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[test]
fn at_most_two_requests_at_a_time_to_one_host() {
    let stats = Arc::new(Stats::default());
    let base = serve(&stats);
    let urls: Vec<String> = (0..10).map(|i| format!("{base}/hold?{i}")).collect();
    let cache = tempfile::tempdir().expect("temp dir");
    let findings = run(&urls, &options(&cache));
    assert!(findings.is_empty(), "{findings:#?}");
    assert_eq!(stats.count(), 10);
    assert_eq!(stats.max_running(), 2);
}

#[test]
fn at_most_concurrency_requests_in_all() {
    // Six servers on six ports are six hosts for the limit; they count together.
    let stats = Arc::new(Stats::default());
    let bases: Vec<String> = (0..6).map(|_| serve(&stats)).collect();
    let urls: Vec<String> = bases
        .iter()
        .flat_map(|base| (0..4).map(move |i| format!("{base}/hold?{i}")))
        .collect();
    let cache = tempfile::tempdir().expect("temp dir");
    let options = ExternalOptions {
        concurrency: 5,
        ..options(&cache)
    };
    let findings = run(&urls, &options);
    assert!(findings.is_empty(), "{findings:#?}");
    assert_eq!(stats.count(), 24);
    assert_eq!(stats.max_running(), 5);
}

#[test]
fn each_address_is_asked_once() {
    let stats = Arc::new(Stats::default());
    let base = serve(&stats);
    let links = vec![
        link(&format!("{base}/missing")),
        ExternalLink {
            file: PathBuf::from("content/annan.md"),
            ..link(&format!("{base}/missing#rubrik"))
        },
        link(&format!("{base}/missing")),
    ];
    let cache = tempfile::tempdir().expect("temp dir");
    let findings = check(&links, &options(&cache));
    assert_eq!(stats.to("/missing"), ["HEAD", "GET"]);
    // Every link to it is reported, each where it is.
    let places: Vec<_> = findings.iter().map(|f| f.link.clone()).collect();
    assert_eq!(places, links);
}

#[test]
fn a_second_run_within_the_cache_time_makes_no_requests() {
    let stats = Arc::new(Stats::default());
    let base = serve(&stats);
    let urls = vec![
        format!("{base}/ok"),
        format!("{base}/missing"),
        format!("{base}/moved"),
    ];
    let cache = tempfile::tempdir().expect("temp dir");
    let first = run(&urls, &options(&cache));
    let asked = stats.count();
    assert!(asked >= 4, "{asked}");
    assert!(cache.path().join("external.json").is_file());

    let second = run(&urls, &options(&cache));
    assert_eq!(stats.count(), asked, "no requests within the cache time");
    assert_eq!(
        format!("{:?}", sorted(&first)),
        format!("{:?}", sorted(&second))
    );

    let expired = ExternalOptions {
        cache_ttl: Duration::ZERO,
        ..options(&cache)
    };
    let third = run(&urls, &expired);
    assert_eq!(stats.count(), asked * 2, "an expired answer is asked again");
    assert_eq!(third.len(), 2);
}

#[test]
fn a_corrupt_cache_file_is_ignored() {
    let stats = Arc::new(Stats::default());
    let base = serve(&stats);
    let cache = tempfile::tempdir().expect("temp dir");
    std::fs::write(cache.path().join("external.json"), "{\"version\": 1, \"ent").unwrap();
    let findings = run(&[format!("{base}/missing")], &options(&cache));
    assert_eq!(findings.len(), 1);
    let text = std::fs::read_to_string(cache.path().join("external.json")).unwrap();
    assert!(text.contains("/missing"), "written anew: {text}");
}

#[test]
fn skipped_addresses_are_not_asked() {
    let stats = Arc::new(Stats::default());
    let base = serve(&stats);
    let urls = vec![
        format!("{base}/missing"),
        format!("{base}/hemligt/missing"),
        format!("{base}/plan.pdf"),
    ];
    let cache = tempfile::tempdir().expect("temp dir");
    let options = ExternalOptions {
        skip: vec![format!("{base}/hemligt/"), "*.PDF".to_string()],
        ..options(&cache)
    };
    let findings = run(&urls, &options);
    assert_eq!(
        findings.keys().collect::<Vec<_>>(),
        [&format!("{base}/missing")]
    );
    assert!(stats.to("/hemligt/missing").is_empty());
    assert!(stats.to("/plan.pdf").is_empty());
}

fn sorted(findings: &HashMap<String, ExternalFinding>) -> Vec<&ExternalFinding> {
    let mut list: Vec<_> = findings.values().collect();
    list.sort_by(|a, b| a.link.url.cmp(&b.link.url));
    list
}

/// The links of the published pages and sections, with their positions; drafts, internal
/// links, e-mail and code are left out.
#[test]
fn links_of_a_site_with_their_positions() {
    let site = common::fixture("external");
    let loaded = lots::site::Site::load(&site.root, false, None)
        .unwrap_or_else(|e| panic!("the fixture loads: {e:?}"));
    let content = site.root.join("content");
    let found: Vec<String> = external_links(&loaded.library)
        .iter()
        .map(|l| {
            let file = l.file.strip_prefix(&content).unwrap_or(&l.file);
            format!("{}:{}:{} {}", file.display(), l.line, l.column, l.url)
        })
        .collect();
    assert_eq!(
        found,
        [
            "_index.md:4:5 https://www.stockholm.se/",
            "_index.md:4:54 https://www.stockholm.se/#rubrik",
            "_index.md:6:69 https://autolank.example.se/sida",
            "_index.md:8:1 http://bilder.example.se/logo.png",
            "tips/_index.md:4:12 https://polisen.se/om-polisen",
            "tips/en-bok.md:4:7 https://example.org/bok",
            "tips/en-bok.md:7:4 https://forlag.example.se/bok",
        ]
    );

    // Content loaded without its Markdown rendered gives the same links.
    let config = lots::config::Config::load(&site.root).expect("config loads");
    let options = lots::content::LoadOptions {
        include_drafts: false,
        release_bodies: false,
    };
    let (library, problems) =
        lots::content::load(&content, &config, &options).expect("content loads");
    assert!(problems.is_empty(), "{problems:?}");
    assert!(library.pages.values().all(|p| p.doc.rendered.is_none()));
    assert_eq!(external_links(&library), external_links(&loaded.library));
}
