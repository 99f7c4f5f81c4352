//! Offline use in a real browser (tests/browser/offline.mjs: playwright-core driving Debian's
//! /usr/bin/chromium), on a copy of the example site (content/):
//! - opened from `file://`: every page reachable from index.html, its links, images, styles,
//!   scripts, captions and attachments, and a search; the same for `lots bundle`'s zip,
//!   extracted;
//! - served by nginx at `/` and at `/vbe/` on one origin: the service workers install and keep
//!   every file; with nginx stopped, pages never visited, the search and the 404 page work; a
//!   new build replaces the old cache, shows the banner and the new text.
//!
//! Needs `npm ci` (playwright-core in node_modules/) and `apt-get install -y chromium nginx`.

mod common;

use std::fs;
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::nginx::{status, Nginx};
use common::serve::free_port;
use serde_json::{json, Value};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// One browser at a time: on a small machine two would slow each other past the timeouts.
static ONE_BROWSER: std::sync::Mutex<()> = std::sync::Mutex::new(());

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

/// A copy of the example site (config.yaml and content/ of the repository), to change freely.
fn copy_example(to: &Path) {
    fs::create_dir_all(to).unwrap();
    fs::copy(repo().join("config.yaml"), to.join("config.yaml")).unwrap();
    for dir in ["content", "templates", "static", "themes"] {
        if repo().join(dir).is_dir() {
            common::copy_dir(&repo().join(dir), &to.join(dir));
        }
    }
}

fn lots(args: &[&str], cwd: &Path) {
    let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    common::run_lots(&args, cwd, cwd.to_path_buf()).assert_success();
}

/// The service worker's version and its list of files, read from a built site.
struct Worker {
    version: String,
    files: Vec<String>,
}

fn worker(out: &Path) -> Worker {
    let script = fs::read_to_string(out.join("sw.js")).expect("sw.js is written");
    let between = |start: &str| -> &str {
        let from = script
            .find(start)
            .unwrap_or_else(|| panic!("no `{start}` in sw.js"))
            + start.len();
        let to = from + script[from..].find(";\n").expect("statement ends");
        &script[from..to]
    };
    let version: String = serde_json::from_str(between("const VERSION = ")).unwrap();
    let list: Vec<(String, String)> = serde_json::from_str(between("const FILES = ")).unwrap();
    assert!(list.iter().all(|(_, hash)| hash.len() == 12));
    Worker {
        version,
        files: list.into_iter().map(|(name, _)| name).collect(),
    }
}

/// Pages to open offline: every HTML page of the build but the 404 page and redirects.
fn pages(out: &Path, files: &[String]) -> Vec<String> {
    files
        .iter()
        .filter(|f| f.ends_with(".html") && *f != "404.html" && *f != "index.html")
        .filter(|f| {
            let html = fs::read_to_string(out.join(f)).unwrap();
            !html.contains("http-equiv=\"refresh\"")
        })
        .cloned()
        .collect()
}

fn node(phase: &str, options: &Value) -> String {
    let output = Command::new("node")
        .arg(repo().join("tests/browser/offline.mjs"))
        .arg(phase)
        .arg(options.to_string())
        .current_dir(repo())
        .output()
        .unwrap_or_else(|e| panic!("cannot run `node` ({e}); install Node.js"));
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr);
    println!("{stdout}");
    assert!(
        output.status.success() && stdout.contains(" passed, 0 failed"),
        "browser checks ({phase}) failed:\n{stdout}\n{stderr}"
    );
    stdout
}

fn file_url(dir: &Path) -> String {
    format!("file://{}/", dir.display())
}

#[test]
fn the_site_and_its_bundle_work_from_file() {
    let _one = ONE_BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    prerequisites();
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_example(&site);
    let out = tmp.path().join("public");
    common::build_site(
        &site,
        &out,
        &["--base-url", "https://intranat.example.se/vbe"],
    );
    node(
        "file",
        &json!({
            "root": file_url(&out),
            "crawl": true,
            "min_pages": 60,
            "min_images": 10,
            // One example lecture plays a film file with captions; the others link to
            // their film on the intranet's video service, with no player.
            "min_tracks": 1,
            "query": "atervandare",
            "expect": "vagledningar/atervandare/index.html",
        }),
    );

    // `lots bundle`: one zip, extracted with `unzip` as a person would, opened from file://.
    let zip = tmp.path().join("möte.zip");
    lots(
        &[
            "bundle",
            "--root",
            &site.display().to_string(),
            "--output",
            &zip.display().to_string(),
        ],
        &site,
    );
    let extracted = tmp.path().join("uppackat");
    let status = Command::new("unzip")
        .arg("-q")
        .arg(&zip)
        .arg("-d")
        .arg(&extracted)
        .status()
        .expect("run unzip (apt-get install -y unzip)");
    assert!(status.success(), "unzip failed");
    let folders: Vec<_> = fs::read_dir(&extracted).unwrap().flatten().collect();
    assert_eq!(folders.len(), 1, "the zip holds one folder");
    let folder = folders[0].path();
    assert!(folder.join("index.html").is_file());
    node(
        "file",
        &json!({
            "root": file_url(&folder),
            "crawl": false,
            "query": "88",
            "expect": "symboler/kod-88/index.html",
        }),
    );
}

#[test]
fn the_service_worker_keeps_the_site_offline_and_takes_over_new_builds() {
    let _one = ONE_BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    prerequisites();
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_example(&site);
    let at_root = tmp.path().join("sites/root");
    let at_vbe = tmp.path().join("sites/vbe");
    // base_url's path is where the 404 page finds the site's files.
    common::build_site(&site, &at_root, &["--base-url", "http://127.0.0.1/"]);
    common::build_site(&site, &at_vbe, &["--base-url", "http://127.0.0.1/vbe"]);
    let (root_sw, vbe_sw) = (worker(&at_root), worker(&at_vbe));
    assert!(root_sw.files.contains(&"search/meta.js".to_string()));
    assert!(!root_sw.files.contains(&"sw.js".to_string()));
    let port = free_port();
    let http = format!("http://127.0.0.1:{port}/");
    let vbe = format!("http://127.0.0.1:{port}/vbe/");
    let profile = tmp.path().join("chromium-profile");
    let nginx_dir = tmp.path().join("nginx");
    let locations = [("/", at_root.as_path()), ("/vbe/", at_vbe.as_path())];

    let nginx = Nginx::serve_sites(&nginx_dir, port, &locations);
    node(
        "install",
        &json!({
            "profile": profile,
            "sites": [
                {"url": http, "version": root_sw.version, "files": root_sw.files.len()},
                {"url": vbe, "version": vbe_sw.version, "files": vbe_sw.files.len()},
            ],
        }),
    );
    let log = nginx.access_log();
    let failed: Vec<&str> = log.lines().filter(|l| status(l) >= 400).collect();
    assert!(
        failed.is_empty(),
        "requests for files the build does not have:\n{}",
        failed.join("\n")
    );
    drop(nginx);
    assert!(
        TcpStream::connect(("127.0.0.1", port)).is_err(),
        "nginx still answers"
    );

    let site_options = |url: &str, out: &Path, sw: &Worker| {
        let pdf = sw
            .files
            .iter()
            .find(|f| f.ends_with(".pdf"))
            .expect("the example has slides");
        json!({
            "range_file": pdf,
            "range_size": fs::metadata(out.join(pdf)).unwrap().len(),
            "url": url,
            "version": sw.version,
            "pages": pages(out, &sw.files),
            "query": "atervandare",
            "expect": "vagledningar/atervandare/index.html",
            "not_found": "Sidan kunde inte hittas",
        })
    };
    node(
        "offline",
        &json!({
            "profile": profile,
            "sites": [site_options(&vbe, &at_vbe, &vbe_sw), site_options(&http, &at_root, &root_sw)],
        }),
    );

    // A new build of the site under /vbe/, with one page changed.
    let page = site.join("content/vagledningar/atervandare.md");
    let text = fs::read_to_string(&page).unwrap();
    fs::write(
        &page,
        format!("{text}\n\nEtt nytt stycke om hemkomst efter kriget.\n"),
    )
    .unwrap();
    common::build_site(&site, &at_vbe, &["--base-url", "http://127.0.0.1/vbe"]);
    let new_sw = worker(&at_vbe);
    assert_ne!(new_sw.version, vbe_sw.version);
    let nginx = Nginx::serve_sites(&nginx_dir, port, &locations);
    nginx.clear_access_log();
    node(
        "update",
        &json!({
            "profile": profile,
            "sites": [{
                "url": vbe,
                "version": new_sw.version,
                "old": vbe_sw.version,
                "files": new_sw.files.len(),
                "page": "vagledningar/atervandare/index.html",
                "text": "Ett nytt stycke om hemkomst efter kriget.",
                "banner": "En ny version",
            }],
            "kept": [{"url": http, "version": root_sw.version}],
        }),
    );
    // Only what changed was downloaded again: the new worker took the rest from the old cache.
    let log = nginx.access_log();
    let downloaded: Vec<&str> = log
        .lines()
        .filter(|l| l.contains("\"GET /vbe/") && !l.contains("GET /vbe/sw.js"))
        .collect();
    println!("# files downloaded for the new build: {}", downloaded.len());
    assert!(
        downloaded.len() * 4 < new_sw.files.len(),
        "{} of {} files downloaded again:\n{}",
        downloaded.len(),
        new_sw.files.len(),
        downloaded.join("\n")
    );
}
