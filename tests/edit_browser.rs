//! The editor (`lots serve --edit`) in a real browser, Debian's Chromium driven by
//! playwright-core:
//! - tests/browser/edit.mjs on a copy of the example site: edit a symbol (preview, save, the
//!   served page, only the changed lines on disk, a second save without reloading), a
//!   required field left empty, a conflict with a change on disk, a new coordinator in the
//!   list and its vCard, an activity added to a plan, axe-core and Tab;
//! - tests/browser/edit-ui.mjs on tests/browser/edit-mock.mjs, a stand-in speaking the HTTP
//!   contract: every field type, list and record rows, the summary and the body's lines, the
//!   link picker and image upload, two saves in a row with the answered version, the
//!   conflict view, in states the example site cannot reach on demand.
//!
//! Needs `npm ci` (playwright-core, axe-core) and `apt-get install -y chromium`.

mod common;
mod edit_site;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use common::run_node;
use edit_site::serve_example_site;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn a_coordinator_edits_the_example_site_in_the_browser() {
    let server = serve_example_site();
    let root = server.root.display().to_string();
    run_node("tests/browser/edit.mjs", &[&server.url, &root]);
}

/// The mock, stopped when dropped.
struct Mock(Child);

impl Drop for Mock {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn the_editor_page_keeps_the_http_contract_for_every_field_type() {
    let mut child = Command::new("node")
        .arg(repo().join("tests/browser/edit-mock.mjs"))
        .arg(repo())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run `node` ({e}); install Node.js"));
    let stdout = child.stdout.take().expect("stdout");
    let mock = Mock(child);
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .expect("the mock prints its address");
    let url = line
        .trim()
        .strip_prefix("Serving ")
        .unwrap_or_else(|| panic!("the mock printed {line:?}"))
        .to_string();
    run_node("tests/browser/edit-ui.mjs", &[&url]);
    drop(mock);
}
