//! `lots serve` in a real browser: starts the server on a copy of the basic fixture and runs
//! tests/browser/serve.mjs (playwright-core driving Debian's /usr/bin/chromium), which edits
//! the site's files and checks what the open page does: a stylesheet swapped in place, a
//! reload that keeps the scroll position, the error overlay.
//!
//! Needs `npm ci` (playwright-core in node_modules/) and `apt-get install -y chromium`.

mod common;

use std::path::PathBuf;
use std::process::Command;

use common::fixture;
use common::serve::{start, wait_for};

#[test]
fn the_open_page_follows_edits() {
    let site = fixture("basic");
    site.write(
        "static/style.css",
        "body { background: rgb(1, 2, 3); min-height: 400vh; }",
    );
    let paragraphs: String = (1..=80).map(|n| format!("Stycke {n}.\n\n")).collect();
    site.write(
        "content/guider/lang.md",
        format!("---\ntitle: \"En lång sida\"\n---\n\nFörsta stycket.\n\n{paragraphs}"),
    );
    let server = start(&site);
    wait_for(&server, "/guider/lang/", "the long page", |s, _| s == 200);
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let output = Command::new("node")
        .arg(repo.join("tests/browser/serve.mjs"))
        .arg(format!("http://{}/", server.address))
        .arg(&site.root)
        .current_dir(&repo)
        .output()
        .unwrap_or_else(|e| panic!("cannot run `node` ({e}); install Node.js"));
    let stdout = String::from_utf8_lossy(&output.stdout);
    println!("{stdout}");
    assert!(
        output.status.success(),
        "browser checks failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
