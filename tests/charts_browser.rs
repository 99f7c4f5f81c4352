//! The charts in Chromium (tests/browser/charts.mjs): the `charts` fixture's chart page at 320,
//! 390 and 1280 px, light and dark, scrolls no page sideways, keeps chart text legible and takes
//! its series colours from style.css; axe-core's WCAG 2.1 A/AA rules run too
//! (node_modules/axe-core from `npm ci`, or $AXE_CORE). Screenshots go to target/chart-shots/.
//!
//! Needs `npm ci` (playwright-core in node_modules/) and `apt-get install -y chromium`.

mod common;

use std::path::PathBuf;
use std::process::Command;

use common::fixture;

#[test]
fn chart_page_fits_320_px_in_light_and_dark() {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    assert!(
        repo.join("node_modules/playwright-core").is_dir(),
        "node_modules/playwright-core is missing: run `npm ci` first"
    );
    let site = fixture("charts");
    let run = site.build_ok(&[]);
    let shots = repo.join("target/chart-shots");
    std::fs::create_dir_all(&shots).expect("screenshot folder");
    let node = Command::new("node")
        .arg(repo.join("tests/browser/charts.mjs"))
        .arg(run.file("diagram/index.html"))
        .arg(&shots)
        .current_dir(&repo)
        .output()
        .expect("run node");
    let report = String::from_utf8_lossy(&node.stdout);
    assert!(
        node.status.success(),
        "{report}\n{}",
        String::from_utf8_lossy(&node.stderr)
    );
    assert!(report.contains("charts fit"), "{report}");
}
