//! `lots serve` in a real browser: starts the server on a copy of the basic fixture and runs
//! tests/browser/serve.mjs (playwright-core driving Debian's /usr/bin/chromium), which edits
//! the site's files and checks what the open page does: a stylesheet swapped in place, a
//! reload that keeps the scroll position, the error overlay.
//!
//! Needs `npm ci` (playwright-core in node_modules/) and `apt-get install -y chromium`.

mod common;

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
    let url = format!("http://{}/", server.address);
    let root = site.root.display().to_string();
    common::run_node("tests/browser/serve.mjs", &[&url, &root]);
}
