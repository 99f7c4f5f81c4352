//! Screenshots of the example site (start page, the routine, a symbol, the gallery, the
//! directory, the consolidated plans) at desktop and phone width, written to tests/artifacts/
//! (not committed; CI keeps them) for people to look at. The browser script also fails on script
//! errors, broken images or a page without exactly one h1.
//!
//! The editor (`lots serve --edit` on a copy of the site) is photographed too; its desktop
//! picture is the README's (docs/redigera.png, copied from tests/artifacts/editor-dator.png
//! by hand when the editor's look changes).
//!
//! Needs `npm ci` and Debian's chromium, like the other browser tests.

mod common;
mod edit_site;

use std::path::PathBuf;

#[test]
fn screenshots_of_the_example_site() {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let work = tempfile::tempdir().expect("temp dir");
    let site = work.path().join("site");
    common::build_site(&repo, &site, &[]);
    let artifacts = repo.join("tests").join("artifacts");
    let root = format!("file://{}/", site.display());
    let editing = edit_site::serve_example_site();
    let editor = format!(
        "{}__lots/edit/page?key=symboler/kod-88/index.md",
        editing.url
    );
    common::run_node(
        "tests/browser/screenshots.mjs",
        &[root.as_str(), &artifacts.display().to_string(), &editor],
    );
    for name in [
        "start",
        "rutin",
        "symbol",
        "galleri",
        "samordnare",
        "samlad-bild",
        "editor",
    ] {
        for width in ["dator", "mobil"] {
            let png = artifacts.join(format!("{name}-{width}.png"));
            let size = std::fs::metadata(&png).map(|m| m.len()).unwrap_or(0);
            assert!(size > 10_000, "{} is missing or empty", png.display());
        }
    }
}
