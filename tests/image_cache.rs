//! The image cache (`.lots-cache/images/`): each entry is one file, `ab/KEY.HASH.EXT` (HASH a
//! hash of its bytes), in a folder named by its key's first two digits. A damaged entry is
//! never published: one that is overwritten, truncated or has lost its hash is made again,
//! with a warning, while the build succeeds. A cache of the layout before (`KEY.EXT` beside
//! `KEY.EXT.b3`) is used, and two builds at once share their entries: a copy's bytes do
//! not depend on what else the build made.

mod common;

use std::fs;

use common::{fixture, png, snapshot, Site};

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

/// A file of the cache: its path in the cache folder, and its bytes.
type File = (String, Vec<u8>);
type Files = Vec<File>;

/// The cache's files with their bytes, each checked to be an entry of today's layout.
fn entries(site: &Site) -> Files {
    let files = snapshot(&site.path(".lots-cache/images"));
    for (name, bytes) in &files {
        let parts: Vec<&str> = name.split(['/', '.']).collect();
        let hash = blake3::hash(bytes).to_hex();
        let sound = matches!(parts[..], [folder, key, stored, _]
            if key.len() == 64 && key.starts_with(folder) && folder.len() == 2
                && stored == &hash[..32]);
        assert!(sound, "not a sound entry: {name} (of {:?})", names(&files));
    }
    files
}

fn names(files: &Files) -> Vec<&str> {
    files.iter().map(|(name, _)| name.as_str()).collect()
}

/// The entries of the site's cache: the cleaned SVG, and the PNGs.
fn svg_and_rasters(cached: &Files) -> (&File, Vec<&File>) {
    let svg = cached.iter().find(|(n, _)| n.ends_with(".svg"));
    let rasters: Vec<_> = cached.iter().filter(|(n, _)| n.ends_with(".png")).collect();
    assert!(rasters.len() >= 3, "{:?}", names(cached));
    (svg.expect("a cached SVG"), rasters)
}

/// Asserts a warning that the file `name` of the cache was damaged.
fn assert_warned(stderr: &str, name: &str) {
    let warned = stderr
        .lines()
        .any(|l| l.starts_with("warning:") && l.contains(name) && l.contains("var skadad"));
    assert!(warned, "no warning about {name}:\n{stderr}");
}

#[test]
fn damaged_cache_entries_are_made_again_with_a_warning() {
    let site = site();
    let first = site.build_ok(&[]);
    assert!(
        first.stdout.contains("Bilder: 4 gjorda"),
        "{}",
        first.stdout
    );
    let published = snapshot(&first.out);
    let cached = entries(&site);
    assert_eq!(cached.len(), 4, "one file per entry: {:?}", names(&cached));
    let (svg, rasters) = svg_and_rasters(&cached);
    let cache = site.path(".lots-cache/images");

    // Seven bytes of garbage, half an image, and an entry whose name lost its hash.
    fs::write(cache.join(&svg.0), b"garbage").unwrap();
    let truncated = &rasters[0];
    let half = &truncated.1[..truncated.1.len() / 2];
    fs::write(cache.join(&truncated.0), half).unwrap();
    let unhashed = &rasters[1];
    let (key, _) = unhashed.0.split_once('.').unwrap();
    let bare = format!("{key}.png");
    fs::rename(cache.join(&unhashed.0), cache.join(&bare)).unwrap();

    let second = site.build_ok(&[]);
    for name in [&svg.0, &truncated.0, &bare] {
        assert_warned(&second.stderr, name);
    }
    assert!(
        second.stdout.contains("Bilder: 3 gjorda"),
        "{}",
        second.stdout
    );
    let changed = differing(&snapshot(&second.out), &published);
    assert!(
        changed.is_empty(),
        "differ from the first build: {changed:?}"
    );
    let unrepaired = differing(&entries(&site), &cached);
    assert!(unrepaired.is_empty(), "not repaired: {unrepaired:?}");

    // Repaired: the next build takes everything from the cache and says nothing.
    let third = site.build_ok(&[]);
    assert!(!third.stderr.contains("var skadad"), "{}", third.stderr);
    assert!(
        third.stdout.contains("Bilder: 0 gjorda"),
        "{}",
        third.stdout
    );
    assert!(differing(&snapshot(&third.out), &published).is_empty());
}

#[test]
fn cache_entries_replaced_by_folders_or_with_garbage_hashes_are_made_again() {
    let site = site();
    let first = site.build_ok(&[]);
    let published = snapshot(&first.out);
    let cached = entries(&site);
    let cache = site.path(".lots-cache/images");
    let (svg, rasters) = svg_and_rasters(&cached);
    // A hash that is not a hash, an entry that became a folder (with a file in it), and an
    // empty entry.
    let garbage = &rasters[0];
    let (key, _) = garbage.0.split_once('.').unwrap();
    let renamed = format!("{key}.inte-en-hash.png");
    fs::rename(cache.join(&garbage.0), cache.join(&renamed)).unwrap();
    let folder = &rasters[1];
    fs::remove_file(cache.join(&folder.0)).unwrap();
    fs::create_dir_all(cache.join(&folder.0).join("inuti")).unwrap();
    fs::write(cache.join(&folder.0).join("inuti/fil"), "x").unwrap();
    fs::write(cache.join(&svg.0), b"").unwrap();

    let second = site.build_ok(&[]);
    for name in [&renamed, &folder.0, &svg.0] {
        assert_warned(&second.stderr, name);
    }
    assert!(differing(&snapshot(&second.out), &published).is_empty());
    let unrepaired = differing(&entries(&site), &cached);
    assert!(unrepaired.is_empty(), "not repaired: {unrepaired:?}");

    // A file where an entry's folder goes: the entries in that folder are made again.
    let shard = cache.join(&rasters[2].0[..2]);
    fs::remove_dir_all(&shard).unwrap();
    fs::write(&shard, "en fil").unwrap();
    let third = site.build_ok(&[]);
    assert!(
        !third.stdout.contains("Bilder: 0 gjorda"),
        "{}",
        third.stdout
    );
    assert!(differing(&snapshot(&third.out), &published).is_empty());
    assert!(differing(&entries(&site), &cached).is_empty());
    let fourth = site.build_ok(&[]);
    assert!(!fourth.stderr.contains("var skadad"), "{}", fourth.stderr);
    assert!(
        fourth.stdout.contains("Bilder: 0 gjorda"),
        "{}",
        fourth.stdout
    );
}

#[test]
fn a_cache_of_the_layout_before_is_used_and_moved_into_todays() {
    let site = site();
    let first = site.build_ok(&[]);
    let published = snapshot(&first.out);
    let cached = entries(&site);
    let cache = site.path(".lots-cache/images");
    // Each entry as `KEY.EXT` with the hash of its bytes in `KEY.EXT.b3` beside it.
    fs::remove_dir_all(&cache).unwrap();
    fs::create_dir(&cache).unwrap();
    let mut old = Vec::new();
    for (name, bytes) in &cached {
        let (_, file) = name.split_once('/').unwrap();
        let (key, rest) = file.split_once('.').unwrap();
        let (_, extension) = rest.split_once('.').unwrap();
        let entry = format!("{key}.{extension}");
        fs::write(cache.join(&entry), bytes).unwrap();
        let hash = blake3::hash(bytes).to_hex().to_string();
        fs::write(cache.join(format!("{entry}.b3")), hash + "\n").unwrap();
        old.push(entry);
    }
    // One of them damaged, as the build before would have found it: the SVG, which is made
    // the same whatever else is cached (a copy may be resized from another).
    let damaged = old.iter().find(|e| e.ends_with(".svg")).expect("an SVG");
    fs::write(cache.join(format!("{damaged}.b3")), "inte en hash").unwrap();

    let second = site.build_ok(&[]);
    assert_warned(&second.stderr, damaged);
    assert_eq!(
        second.stderr.matches("var skadad").count(),
        1,
        "{}",
        second.stderr
    );
    assert!(
        second.stdout.contains("Bilder: 1 gjorda, 3 från cachen"),
        "{}",
        second.stdout
    );
    let changed = differing(&snapshot(&second.out), &published);
    assert!(changed.is_empty(), "{changed:?}");
    // Nothing of the old layout is left.
    let unmoved = differing(&entries(&site), &cached);
    assert!(unmoved.is_empty(), "not in today's layout: {unmoved:?}");

    let third = site.build_ok(&[]);
    assert!(
        third.stdout.contains("Bilder: 0 gjorda"),
        "{}",
        third.stdout
    );
    assert!(!third.stderr.contains("var skadad"), "{}", third.stderr);
}

#[test]
fn a_copy_made_alone_is_the_copy_made_with_the_others() {
    let site = site();
    let first = site.build_ok(&[]);
    let published = snapshot(&first.out);
    let cached = entries(&site);
    let (_, rasters) = svg_and_rasters(&cached);
    for (name, _) in rasters {
        fs::remove_file(site.path(".lots-cache/images").join(name)).unwrap();
        let again = site.build_ok(&[]);
        assert!(
            again.stdout.contains("Bilder: 1 gjorda"),
            "{}",
            again.stdout
        );
        let changed = differing(&snapshot(&again.out), &published);
        assert!(changed.is_empty(), "{name} made alone differs: {changed:?}");
    }
}

#[test]
fn two_builds_at_once_share_their_entries() {
    let site = site();
    let outputs = [site.beside("a"), site.beside("b")];
    let runs: Vec<_> = std::thread::scope(|scope| {
        let builds: Vec<_> = outputs
            .iter()
            .map(|out| scope.spawn(|| site.build_ok(&["--output", &out.display().to_string()])))
            .collect();
        builds.into_iter().map(|b| b.join().unwrap()).collect()
    });
    for run in &runs {
        assert!(!run.stderr.contains("var skadad"), "{}", run.stderr);
    }
    // The same bytes, whichever build made which copy.
    let changed = differing(&snapshot(&outputs[0]), &snapshot(&outputs[1]));
    assert!(changed.is_empty(), "{changed:?}");
    // One file per entry, whoever made it; no temporary file is left.
    let cached = entries(&site);
    assert_eq!(cached.len(), 4, "{:?}", names(&cached));
    let third = site.build_ok(&[]);
    assert!(
        third.stdout.contains("Bilder: 0 gjorda"),
        "{}",
        third.stdout
    );
    assert!(!third.stderr.contains("var skadad"), "{}", third.stderr);
    let changed = differing(&snapshot(&third.out), &snapshot(&outputs[0]));
    assert!(changed.is_empty(), "{changed:?}");
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
