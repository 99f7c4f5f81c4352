//! Every file and folder lots publishes gets the permissions of a file or folder the user
//! makes under their umask (0644 and 0755 under umask 022), whatever the mode of its source:
//! pages, static files, content files, cleaned SVGs and resized images from the cache, the
//! search index, the service worker, the output folder itself, and `lots bundle`'s zip and
//! its entries. A web server running as another user can then read the whole site.

mod common;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;

use common::{fixture, png, Site};

const SVG: &str = r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>"#;

fn chmod(path: &Path, mode: u32) {
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).expect("chmod");
}

/// A site with a processed image, an SVG, a static file and content files whose own modes are
/// private (0600) or executable (0755).
fn site() -> Site {
    let site = fixture("basic");
    site.write("content/guider/diagram/foto.png", png(900, 300));
    site.write("content/guider/diagram/symbol.svg", SVG);
    site.write("content/guider/diagram/skript.sh", "#!/bin/sh\necho hej\n");
    site.write(
        "content/guider/diagram/index.md",
        "---\ntitle: \"Guide med diagram\"\n---\n\n![Foto](foto.png) ![Symbol](symbol.svg)\n\n[Bilagan](bilaga.txt), [skriptet](skript.sh).\n",
    );
    site.write("static/egen.css", "p { color: #111; }\n");
    chmod(&site.path("content/guider/diagram/bilaga.txt"), 0o600);
    chmod(&site.path("content/guider/diagram/foto.png"), 0o600);
    chmod(&site.path("content/guider/diagram/skript.sh"), 0o755);
    chmod(&site.path("static/egen.css"), 0o600);
    site
}

/// Runs `lots ARGS` under `umask`.
fn lots_under_umask(site: &Site, umask: &str, args: &[&str]) {
    let output = Command::new("sh")
        .arg("-c")
        .arg(format!("umask {umask} && exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_lots"))
        .args(args)
        .current_dir(&site.root)
        .output()
        .expect("run lots");
    assert!(
        output.status.success(),
        "lots {args:?} failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Every file and folder under `dir` (itself included) whose mode is not the expected one.
fn wrong_modes(dir: &Path, file_mode: u32, dir_mode: u32, wrong: &mut Vec<String>) {
    let mode = |p: &Path| fs::symlink_metadata(p).expect("stat").permissions().mode() & 0o7777;
    if mode(dir) != dir_mode {
        wrong.push(format!("{} {:o}", dir.display(), mode(dir)));
    }
    for entry in fs::read_dir(dir).expect("read dir").flatten() {
        let path = entry.path();
        if entry.file_type().expect("type").is_dir() {
            wrong_modes(&path, file_mode, dir_mode, wrong);
        } else if mode(&path) != file_mode {
            wrong.push(format!("{} {:o}", path.display(), mode(&path)));
        }
    }
}

fn check_umask(umask: &str, file_mode: u32, dir_mode: u32) {
    let site = site();
    let out = site.beside("public");
    let out_arg = out.display().to_string();
    let root = site.root.display().to_string();
    lots_under_umask(
        &site,
        umask,
        &["build", "--root", &root, "--output", &out_arg],
    );
    // Built twice: the second build swaps a new folder in place of the first, and takes the
    // images from the cache.
    lots_under_umask(
        &site,
        umask,
        &["build", "--root", &root, "--output", &out_arg],
    );
    let files = common::list_files(&out);
    for expected in [
        "guider/diagram/bilaga.txt",
        "guider/diagram/skript.sh",
        "guider/diagram/symbol.svg",
        "guider/diagram/foto.png",
        "egen.css",
        "sw.js",
        "sitemap.xml",
        "search/meta.js",
    ] {
        assert!(files.contains(&expected.to_string()), "no {expected}");
    }
    assert!(files
        .iter()
        .any(|f| f.starts_with("processed_images/foto-")));
    let mut wrong = Vec::new();
    wrong_modes(&out, file_mode, dir_mode, &mut wrong);
    assert!(
        wrong.is_empty(),
        "under umask {umask}, expected {file_mode:o}/{dir_mode:o}:\n{}",
        wrong.join("\n")
    );

    let zip = site.beside("bundle.zip");
    let zip_arg = zip.display().to_string();
    lots_under_umask(
        &site,
        umask,
        &["bundle", "--root", &root, "--output", &zip_arg],
    );
    let zip_mode = fs::metadata(&zip).unwrap().permissions().mode() & 0o7777;
    assert_eq!(zip_mode, file_mode, "the zip's mode under umask {umask}");
    let mut archive = zip::ZipArchive::new(fs::File::open(&zip).unwrap()).expect("a zip");
    assert!(archive.len() > 10);
    for i in 0..archive.len() {
        let entry = archive.by_index(i).unwrap();
        let mode = entry.unix_mode().map(|m| m & 0o7777);
        let expected = if entry.is_dir() { dir_mode } else { file_mode };
        assert_eq!(mode, Some(expected), "zip entry {}", entry.name().unwrap());
    }
}

#[test]
fn published_files_are_readable_as_files_made_under_umask_022() {
    check_umask("022", 0o644, 0o755);
}

#[test]
fn published_files_follow_a_stricter_umask_027() {
    check_umask("027", 0o640, 0o750);
}
