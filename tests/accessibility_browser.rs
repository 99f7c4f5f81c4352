//! The theme's accessibility, proven in Chromium on the example site served by nginx at the
//! base path `/vbe/` (so the 404 page is the server's answer to a missing file):
//! - tests/browser/a11y.mjs: axe-core (WCAG 2.0–2.2 A and AA, and best practices) on every
//!   page type, the filters in use and the search panel open, light and dark, 320 and 1280 px;
//!   full-page screenshots at 320 px go to tests/artifacts/a11y/ (CI keeps them);
//! - tests/browser/keyboard.mjs: skip link, search, result list, filters and a visible focus
//!   indicator on every Tab stop of the main page types, from computed styles.
//!
//! The service worker's update banner is checked with axe by offline_browser.rs, where a new
//! build really takes over. Needs what tools/setup-tests installs (chromium, nginx, npm ci).

mod common;

use std::path::PathBuf;
use std::sync::Mutex;

use common::nginx::Nginx;
use common::serve::free_port;

/// One browser at a time: on a small machine two would slow each other past the timeouts.
static ONE_BROWSER: Mutex<()> = Mutex::new(());

/// The example site built for `/vbe/` and served by nginx, until dropped (a static would
/// leave nginx running after the tests).
struct Served {
    _site: tempfile::TempDir,
    _nginx: Nginx,
    url: String,
}

fn serve_example_site() -> Served {
    let (site, run) = common::build_example_site(&["--base-url", "http://127.0.0.1/vbe"]);
    let port = free_port();
    let nginx = Nginx::serve_sites(
        &site.path().join("nginx"),
        port,
        &[("/vbe/", run.out.as_path())],
    );
    Served {
        _site: site,
        _nginx: nginx,
        url: format!("http://127.0.0.1:{port}/vbe/"),
    }
}

fn artifacts(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/artifacts")
        .join(name)
}

#[test]
fn axe_finds_nothing_on_any_page_type_in_either_mode_or_width() {
    let _one = ONE_BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let served = serve_example_site();
    let shots = artifacts("a11y");
    let report = common::run_node(
        "tests/browser/a11y.mjs",
        &[served.url.as_str(), &shots.display().to_string()],
    );
    assert!(
        report.contains("page views checked, 0 problem(s)"),
        "{report}"
    );
    let at_320 = std::fs::read_dir(&shots)
        .map(|d| d.count())
        .unwrap_or_default();
    assert!(at_320 >= 40, "{at_320} screenshots in {}", shots.display());
}

#[test]
fn the_keyboard_alone_reaches_searches_filters_and_always_shows_focus() {
    let _one = ONE_BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let served = serve_example_site();
    let report = common::run_node("tests/browser/keyboard.mjs", &[served.url.as_str()]);
    assert!(report.contains(", 0 failure(s)"), "{report}");
}
