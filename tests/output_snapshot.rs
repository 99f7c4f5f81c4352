//! The whole output of fixture sites, byte for byte, against the copy kept in
//! `tests/snapshots/NAME/`: a change to how the pipeline works (streaming, memory, parallel
//! rendering, the allocator) must not change one byte that a reader or a web server sees.
//!
//! When a change to the output is meant, `UPDATE_SNAPSHOTS=1 cargo test --test
//! output_snapshot` writes the copies again, and `git diff tests/snapshots` shows the change
//! for review. The build's own marker file and the image cache are not output; the theme's
//! static files are compared with the theme's own copies.

mod common;

use std::fs;
use std::path::Path;

use common::fixture;

/// A fixed day, so that "review overdue" and "N days left" read the same on any date.
const TODAY: &str = "2026-12-01";

fn compare_with_snapshot(name: &str) {
    let site = fixture(name);
    let run = site.build_ok(&["--today", TODAY]);
    let built = outputs(&run.out);
    let kept = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(name);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        let _ = fs::remove_dir_all(&kept);
        for (file, bytes) in &built {
            let target = kept.join(file);
            fs::create_dir_all(target.parent().expect("a file has a folder")).expect("mkdir");
            fs::write(target, bytes).expect("write snapshot");
        }
        return;
    }
    assert!(
        kept.is_dir(),
        "no snapshot of `{name}` yet: run UPDATE_SNAPSHOTS=1 cargo test --test output_snapshot"
    );
    let expected = outputs(&kept);
    let names = |files: &[(String, Vec<u8>)]| files.iter().map(|f| f.0.clone()).collect::<Vec<_>>();
    assert_eq!(
        names(&built),
        names(&expected),
        "the files of `{name}` differ from tests/snapshots/{name}"
    );
    let changed: Vec<String> = built
        .iter()
        .zip(&expected)
        .filter(|(b, e)| b.1 != e.1)
        .map(|(b, e)| first_difference(&b.0, &b.1, &e.1))
        .collect();
    assert!(
        changed.is_empty(),
        "{} file(s) of `{name}` differ from tests/snapshots/{name} (UPDATE_SNAPSHOTS=1 rewrites \
         them when the change is meant):\n{}",
        changed.len(),
        changed.join("\n")
    );
}

/// Every output file with its bytes, without the build's marker and without the theme's
/// static files published as they are (compared with the theme itself: a copy kept here
/// would only have to follow every change to the theme's stylesheet and scripts).
fn outputs(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/lots/static");
    common::snapshot(dir)
        .into_iter()
        .filter(|(file, _)| file != ".lots-build")
        .filter(|(file, bytes)| fs::read(theme.join(file)).ok().as_ref() != Some(bytes))
        .collect()
}

/// Where a file first differs: its line and column, and that part of the line as built and
/// as kept.
fn first_difference(file: &str, built: &[u8], kept: &[u8]) -> String {
    let (built, kept) = (
        String::from_utf8_lossy(built),
        String::from_utf8_lossy(kept),
    );
    let line = built
        .lines()
        .zip(kept.lines())
        .position(|(b, k)| b != k)
        .unwrap_or_else(|| built.lines().count().min(kept.lines().count()));
    let at = |text: &str| -> Vec<char> { text.lines().nth(line).unwrap_or("").chars().collect() };
    let (b, k) = (at(&built), at(&kept));
    let column = b
        .iter()
        .zip(&k)
        .position(|(x, y)| x != y)
        .unwrap_or(b.len().min(k.len()));
    let around = |chars: &[char]| -> String {
        let start = column.saturating_sub(40);
        chars.iter().skip(start).take(100).collect()
    };
    format!(
        "  {file}:{}:{}:\n    built: …{}…\n    kept:  …{}…",
        line + 1,
        column + 1,
        around(&b),
        around(&k)
    )
}

#[test]
fn the_basic_site_builds_byte_for_byte_as_kept() {
    compare_with_snapshot("basic");
}

#[test]
fn the_collections_site_builds_byte_for_byte_as_kept() {
    compare_with_snapshot("collections");
}
