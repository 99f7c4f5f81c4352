//! A damaged entry of the image cache (`.lots-cache/images/`) is never published: each entry
//! is checked against the hash stored beside it, and one that is overwritten, truncated or has
//! lost its hash is made again, with a warning, while the build succeeds.

mod common;

use std::fs;

use common::{fixture, list_files, png, snapshot, Site};

const SVG: &str = r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10" fill="navy"/></svg>"#;

/// A site showing a raster image (its original and two resized copies are cached) and a
/// symbol SVG (its cleaned copy is cached).
fn site() -> Site {
    let site = fixture("minimal");
    site.write("content/symboler/kod/bild.svg", SVG);
    site.write("content/symboler/kod/foto.png", png(900, 300));
    site.write(
        "content/symboler/kod/index.md",
        "---\ntitle: \"Kod\"\n---\n\n![Symbolen](bild.svg)\n\n![Fotot](foto.png)\n",
    );
    site
}

/// The cache's entries (not their hashes) with their bytes.
fn entries(site: &Site) -> Vec<(String, Vec<u8>)> {
    snapshot(&site.path(".lots-cache/images"))
        .into_iter()
        .filter(|(name, _)| !name.ends_with(".b3"))
        .collect()
}

#[test]
fn damaged_cache_entries_are_made_again_with_a_warning() {
    let site = site();
    let first = site.build_ok(&[]);
    let published = snapshot(&first.out);
    let cached = entries(&site);
    let svg = cached
        .iter()
        .find(|(n, _)| n.ends_with(".svg"))
        .expect("a cached SVG");
    let rasters: Vec<&(String, Vec<u8>)> =
        cached.iter().filter(|(n, _)| n.ends_with(".png")).collect();
    assert!(rasters.len() >= 3, "{cached:?}");
    let cache = site.path(".lots-cache/images");

    // Seven bytes of garbage, half an image, and an entry without its hash.
    fs::write(cache.join(&svg.0), b"garbage").unwrap();
    let truncated = &rasters[0];
    fs::write(
        cache.join(&truncated.0),
        &truncated.1[..truncated.1.len() / 2],
    )
    .unwrap();
    let unhashed = &rasters[1];
    let hash = cache.join(format!("{}.b3", unhashed.0));
    assert!(hash.is_file(), "no hash beside {}", unhashed.0);
    fs::remove_file(hash).unwrap();

    let second = site.build_ok(&[]);
    for (name, _) in [svg, *truncated, *unhashed] {
        let warned = second.stderr.lines().any(|l| {
            l.starts_with("warning:") && l.contains(name.as_str()) && l.contains("damaged")
        });
        assert!(warned, "no warning about {name}:\n{}", second.stderr);
    }
    let changed = differing(&snapshot(&second.out), &published);
    assert!(
        changed.is_empty(),
        "differ from the first build: {changed:?}"
    );
    let unrepaired = differing(&entries(&site), &cached);
    assert!(unrepaired.is_empty(), "not repaired: {unrepaired:?}");
    assert!(list_files(&cache)
        .iter()
        .any(|f| *f == format!("{}.b3", unhashed.0)));

    // Repaired: the next build takes everything from the cache and says nothing.
    let third = site.build_ok(&[]);
    assert!(!third.stderr.contains("damaged"), "{}", third.stderr);
    assert!(third.stdout.contains("Images: 0 made"), "{}", third.stdout);
    assert!(differing(&snapshot(&third.out), &published).is_empty());
}

#[test]
fn cache_entries_replaced_by_folders_or_with_garbage_hashes_are_made_again() {
    let site = site();
    let first = site.build_ok(&[]);
    let published = snapshot(&first.out);
    let cached = entries(&site);
    let cache = site.path(".lots-cache/images");
    let rasters: Vec<&(String, Vec<u8>)> =
        cached.iter().filter(|(n, _)| n.ends_with(".png")).collect();
    let svg = cached
        .iter()
        .find(|(n, _)| n.ends_with(".svg"))
        .expect("an SVG");
    // A hash that is not a hash, an entry that became a folder (with a file in it), a hash
    // that became a folder, and an empty entry.
    let garbage = &rasters[0];
    fs::write(cache.join(format!("{}.b3", garbage.0)), "inte en hash\n").unwrap();
    let folder = &rasters[1];
    fs::remove_file(cache.join(&folder.0)).unwrap();
    fs::create_dir_all(cache.join(&folder.0).join("inuti")).unwrap();
    fs::write(cache.join(&folder.0).join("inuti/fil"), "x").unwrap();
    let hash_folder = &rasters[2];
    let hash = cache.join(format!("{}.b3", hash_folder.0));
    fs::remove_file(&hash).unwrap();
    fs::create_dir(&hash).unwrap();
    fs::write(cache.join(&svg.0), b"").unwrap();

    let second = site.build_ok(&[]);
    for (name, _) in [*garbage, *folder, *hash_folder, svg] {
        let warned = second.stderr.lines().any(|l| {
            l.starts_with("warning:") && l.contains(name.as_str()) && l.contains("damaged")
        });
        assert!(warned, "no warning about {name}:\n{}", second.stderr);
    }
    assert!(differing(&snapshot(&second.out), &published).is_empty());
    let unrepaired = differing(&entries(&site), &cached);
    assert!(unrepaired.is_empty(), "not repaired: {unrepaired:?}");
    assert!(hash.is_file(), "the hash folder was not replaced by a hash");
    let third = site.build_ok(&[]);
    assert!(!third.stderr.contains("damaged"), "{}", third.stderr);
    assert!(third.stdout.contains("Images: 0 made"), "{}", third.stdout);
}

/// Names of the files that differ between two snapshots, or are in one only.
fn differing(a: &[(String, Vec<u8>)], b: &[(String, Vec<u8>)]) -> Vec<String> {
    let mut names: Vec<String> = a
        .iter()
        .filter(|entry| !b.contains(entry))
        .chain(b.iter().filter(|entry| !a.contains(entry)))
        .map(|(name, _)| name.clone())
        .collect();
    names.sort();
    names.dedup();
    names
}
