//! Offline use: a service worker that keeps every file of the build, a web app manifest, and
//! `lots bundle`, the whole site as one zip for a meeting.
//!
//! Runs last in a build, on the finished staging folder, so the service worker's list is
//! exactly what the build published (drafts never reach it, since they never reach the
//! output). Under `file://` no service worker runs; what that needs is done here too: captions
//! are put into their pages (a browser refuses to load a `.vtt` file from `file://`).

pub mod bundle;
mod captions;

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::Path;

use rayon::prelude::*;
use serde_json::json;

use crate::config::Config;
use crate::content::discover::is_junk;

pub const SERVICE_WORKER: &str = "sw.js";
pub const MANIFEST: &str = "manifest.webmanifest";
const SW_TEMPLATE: &str = include_str!("sw.js");
/// Hex digits of each file's content hash in the service worker's list.
const HASH_DIGITS: usize = 12;

/// Writes the manifest, puts captions into the pages that show them, then writes the service
/// worker listing every file of `out_dir` (the manifest included) with its content hash, and
/// the build's version: a hash of every file's path and content. `written` lists every file
/// the build wrote, with the hash of those it wrote from memory; every other file is read here.
pub fn write(
    out_dir: &Path,
    config: &Config,
    written: &HashMap<String, Option<blake3::Hash>>,
) -> io::Result<()> {
    fs::write(out_dir.join(MANIFEST), manifest(config))?;
    let mut files: Vec<(&str, Option<&blake3::Hash>)> = written
        .iter()
        .filter(|(name, _)| listed(name))
        .map(|(name, hash)| (name.as_str(), hash.as_ref()))
        .collect();
    files.push((MANIFEST, None));
    files.par_sort_unstable_by(|a, b| walk_order(a.0, b.0));
    let hashed: Vec<io::Result<(&str, blake3::Hash)>> = files
        .par_iter()
        .map(|&(name, known)| {
            if let Some(hash) = known {
                return Ok((name, *hash));
            }
            let path = out_dir.join(name);
            let mut bytes = fs::read(&path)?;
            if name.ends_with(".html") {
                if let Some(inlined) = captions::inline(out_dir, name, &bytes) {
                    fs::write(&path, &inlined)?;
                    bytes = inlined;
                }
            }
            Ok((name, blake3::hash(&bytes)))
        })
        .collect();
    let mut version = blake3::Hasher::new();
    let mut list = Vec::with_capacity(hashed.len());
    for entry in hashed {
        let (name, hash) = entry?;
        version.update(name.as_bytes());
        version.update(&[0]);
        version.update(hash.as_bytes());
        list.push((name.to_string(), hash.to_hex()[..HASH_DIGITS].to_string()));
    }
    let version = version.finalize().to_hex()[..16].to_string();
    fs::write(
        out_dir.join(SERVICE_WORKER),
        service_worker(&version, &list)?,
    )
}

/// The order of a walk of the folder by name, `a/b.html` before `a-o/index.html`: paths
/// compared as if `/` came before every other byte. Comparing the parts between the slashes
/// one by one gives the same order, but cost most of the service worker's time at 100,000
/// pages.
fn walk_order(a: &str, b: &str) -> std::cmp::Ordering {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let same = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let rank = |path: &[u8]| {
        path.get(same)
            .map(|&byte| if byte == b'/' { 0 } else { u16::from(byte) + 1 })
    };
    rank(a).cmp(&rank(b))
}

/// Whether the service worker lists the file `name`: every file but itself and the manifest
/// (added once), and none a browser is not served, in a hidden folder or junk an editor left.
fn listed(name: &str) -> bool {
    name != SERVICE_WORKER && name != MANIFEST && !name.split('/').any(is_junk)
}

/// The service worker with this build's version and files, as `[path, hash]` pairs.
fn service_worker(version: &str, files: &[(String, String)]) -> io::Result<String> {
    let list = serde_json::to_string(files).map_err(io::Error::other)?;
    Ok(SW_TEMPLATE
        .replace("__LOTS_VERSION__", version)
        .replace("__LOTS_FILES__", &list))
}

/// The web app manifest: the site can be installed and opens at its start page.
fn manifest(config: &Config) -> String {
    let short: String = config.title.chars().take(24).collect();
    let value = json!({
        "id": "./index.html",
        "name": config.title,
        "short_name": short,
        "description": config.description,
        "lang": config.language,
        "start_url": "./index.html",
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#0b2d5b",
        "icons": [
            {"src": "icons/icon.svg", "sizes": "any", "type": "image/svg+xml", "purpose": "any"},
            {"src": "icons/icon-192.png", "sizes": "192x192", "type": "image/png"},
            {"src": "icons/icon-512.png", "sizes": "512x512", "type": "image/png"}
        ]
    });
    serde_json::to_string_pretty(&value).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_worker_gets_the_version_and_every_file_with_its_hash() {
        let files = vec![
            ("index.html".to_string(), "0123456789ab".to_string()),
            ("a b/#1?.png".to_string(), "ba9876543210".to_string()),
        ];
        let script = service_worker("v1", &files).unwrap();
        assert!(script.contains("const VERSION = \"v1\";"));
        assert!(script.contains(
            "const FILES = [[\"index.html\",\"0123456789ab\"],[\"a b/#1?.png\",\"ba9876543210\"]];"
        ));
        assert!(!script.contains("__LOTS_"));
    }

    #[test]
    fn files_are_listed_in_the_order_of_a_walk_by_name() {
        let mut paths = [
            "a-o/index.html",
            "a/b.html",
            "a",
            "a.css",
            "a/a/z.png",
            "Ö/x",
        ];
        paths.sort_by(|a, b| walk_order(a, b));
        assert_eq!(
            paths,
            [
                "a",
                "a/a/z.png",
                "a/b.html",
                "a-o/index.html",
                "a.css",
                "Ö/x"
            ]
        );
    }

    proptest::proptest! {
        #[test]
        fn the_walk_order_compares_the_parts_between_slashes(a in "[-a/.ö ]{0,8}", b in "[-a/.ö ]{0,8}") {
            proptest::prop_assert_eq!(walk_order(&a, &b), a.split('/').cmp(b.split('/')));
        }
    }
}
