//! Every input under `fuzz/regressions/<target>/` (crashes and broken promises found by the
//! fuzzers or the properties, fixed since) and `fuzz/seeds/<target>/` goes through the check of
//! its target again, on stable Rust, in `cargo test`.

use std::path::Path;

use super::checks;

fn replay(target: &str, check: fn(&[u8])) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut count = 0;
    for folder in ["regressions", "seeds"] {
        let Ok(entries) = std::fs::read_dir(root.join(folder).join(target)) else {
            continue;
        };
        let mut files: Vec<_> = entries.map(|e| e.expect("folder entry").path()).collect();
        files.sort();
        for file in files {
            let data = std::fs::read(&file).expect("readable input");
            let result = std::panic::catch_unwind(|| check(&data));
            assert!(result.is_ok(), "{} fails again", file.display());
            count += 1;
        }
    }
    assert!(count > 0, "no inputs for {target}");
}

#[test]
fn front_matter_inputs() {
    replay("front_matter", checks::front_matter);
}

#[test]
fn markdown_inputs() {
    replay("markdown", checks::markdown);
}

#[test]
fn links_inputs() {
    replay("links", checks::links);
}

#[test]
fn shortcodes_inputs() {
    replay("shortcodes", checks::shortcodes);
}

#[test]
fn slug_inputs() {
    replay("slug", checks::slug);
}

#[test]
fn svg_inputs() {
    replay("svg", checks::svg);
}

#[test]
fn tokens_inputs() {
    replay("tokens", checks::tokens);
}
