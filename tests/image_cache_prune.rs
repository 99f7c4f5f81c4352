//! The image cache's clean-up, end to end with the real binary: a build removes what it did
//! not use and nothing has used for a month, keeps what it used (and marks it used now), and
//! keeps what another build may still want (unused, but recent).

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use common::{fixture, Site};

const DAY: Duration = Duration::from_secs(24 * 60 * 60);

fn set_age(file: &Path, age: Duration) {
    let handle = fs::File::options().write(true).open(file).expect("open");
    handle
        .set_modified(SystemTime::now() - age)
        .expect("set the file's time");
}

fn age(file: &Path) -> Duration {
    let time = fs::metadata(file).and_then(|m| m.modified()).expect("time");
    SystemTime::now().duration_since(time).unwrap_or_default()
}

/// Every file in the cache's entry folders.
fn entries(site: &Site) -> Vec<PathBuf> {
    let dir = site.path(".lots-cache/images");
    let mut found = Vec::new();
    for folder in fs::read_dir(dir).expect("the cache").flatten() {
        if folder.path().is_dir() {
            found.extend(
                fs::read_dir(folder.path())
                    .unwrap()
                    .flatten()
                    .map(|f| f.path()),
            );
        }
    }
    found.sort();
    found
}

/// A site whose one page shows a PNG of `width`×`height`.
fn site_with_a_diagram(width: u32, height: u32) -> Site {
    let site = fixture("minimal");
    site.write("content/bild/diagram.png", common::png(width, height));
    site.write(
        "content/bild/index.md",
        "---\ntitle: \"Bild\"\n---\n\n![Ett diagram](diagram.png)\n",
    );
    site
}

#[test]
fn a_build_removes_cache_files_nothing_used_for_a_month() {
    let site = site_with_a_diagram(900, 600);
    let first = site.build_ok(&[]);
    assert!(!first.stdout.contains("Bildcachen"), "{}", first.stdout);
    let used = entries(&site);
    assert!(used.len() >= 2, "the original and its copies: {used:?}");

    // An image since replaced, a width since dropped: old, and nothing asks for them. A
    // temporary file a killed build left. One from another build (with drafts, say): recent.
    let folder = used[0].parent().expect("its folder").to_path_buf();
    let replaced = folder.join("aa00.0123456789abcdef0123456789abcdef.png");
    let killed = folder.join(".tmpA1b2C3");
    let stale_folder = site.path(".lots-cache/images/ff");
    fs::create_dir_all(&stale_folder).unwrap();
    let dropped = stale_folder.join("ff00.0123456789abcdef0123456789abcdef.webp");
    let recent = folder.join("bb00.0123456789abcdef0123456789abcdef.jpg");
    for (file, days) in [
        (&replaced, 45),
        (&killed, 31),
        (&dropped, 400),
        (&recent, 3),
    ] {
        fs::write(file, "gammal").unwrap();
        set_age(file, DAY * days);
    }
    // Used entries that nothing used for longer than a month are used now.
    for file in &used {
        set_age(file, DAY * 60);
    }

    let second = site.build_ok(&[]);
    assert!(
        second.stdout.contains(
            "Bildcachen: tog bort 3 filer (0,0 MB) som inget bygge har använt på 30 dagar"
        ),
        "{}",
        second.stdout
    );
    assert!(!replaced.exists() && !killed.exists() && !dropped.exists());
    assert!(!stale_folder.exists(), "an emptied folder goes too");
    assert!(recent.exists(), "another build may still want it");
    for file in &used {
        assert!(file.exists(), "used by this build: {}", file.display());
        assert!(
            age(file) < DAY,
            "a use marks it used now: {}",
            file.display()
        );
    }
    // The site still has its image, from the cache.
    second.assert_file("bild/diagram.png");
    assert!(second.stdout.contains("0 gjorda"), "{}", second.stdout);

    // Nothing more to remove.
    let third = site.build_ok(&[]);
    assert!(!third.stdout.contains("Bildcachen"), "{}", third.stdout);
}

#[test]
fn a_failed_build_removes_nothing_from_the_cache() {
    let site = site_with_a_diagram(400, 300);
    site.build_ok(&[]);
    let old = site.path(".lots-cache/images/aa00.png");
    fs::write(&old, "gammal").unwrap();
    set_age(&old, DAY * 90);
    site.write("content/trasig.md", "---\ntitle: [\n---\n");
    site.build(&[]).assert_content_error();
    assert!(
        old.exists(),
        "only a build that published its site cleans the cache"
    );
}
