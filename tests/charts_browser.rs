//! The charts in Chromium (tests/browser/charts.mjs): the `charts` fixture's chart page at 320,
//! 390 and 1280 px, light and dark, scrolls no page sideways, keeps chart text legible and takes
//! its series colours from style.css; axe-core's WCAG 2.1 A/AA rules run too
//! (node_modules/axe-core from `npm ci`, or $AXE_CORE). Screenshots go to target/chart-shots/.
//!
//! Needs `npm ci` (playwright-core in node_modules/) and `apt-get install -y chromium`.

mod common;

use std::path::PathBuf;

use common::fixture;

#[test]
fn chart_page_fits_320_px_in_light_and_dark() {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let site = fixture("charts");
    let run = site.build_ok(&[]);
    let shots = repo.join("target/chart-shots");
    std::fs::create_dir_all(&shots).expect("screenshot folder");
    let report = common::run_node(
        "tests/browser/charts.mjs",
        &[run.file("diagram/index.html"), shots],
    );
    assert!(report.contains("charts fit"), "{report}");
}
