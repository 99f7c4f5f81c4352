//! Entries of the cache's layout before one file per entry: `KEY.EXT` in `images/` itself,
//! with the hash of its bytes in `KEY.EXT.b3` beside it. They are checked as they were then;
//! a sound one is moved into today's layout (a rename: nothing is made or written again), a
//! damaged one is reported and made again like any other.

use std::path::{Path, PathBuf};

use super::{damaged, read, Cache, Found};

/// Whether `name`, of a file in `images/` itself, is an entry of the old layout: `KEY.EXT`
/// (its hash, `KEY.EXT.b3`, and temporary files, `.tmp…`, are not).
pub(super) fn is_entry(name: &str) -> bool {
    !name.starts_with('.') && !name.ends_with(".b3") && name.split('.').count() == 2
}

/// Whether `file` is an entry of the old layout in cache folder `dir`.
pub(super) fn holds(dir: &Path, file: &Path) -> bool {
    file.parent() == Some(dir)
}

/// The file beside an old entry that holds the hash of its bytes.
pub(super) fn hash_file(entry: &Path) -> PathBuf {
    let mut name = entry.as_os_str().to_os_string();
    name.push(".b3");
    PathBuf::from(name)
}

/// Checks old entry `file` of entry `name` against the hash stored beside it, and moves it
/// into today's layout when it is sound.
pub(super) fn examine(cache: &Cache, name: &str, file: &Path) -> Found {
    let bytes = match read(file) {
        Ok(bytes) => bytes,
        Err(found) => return found,
    };
    let Ok(stored) = std::fs::read_to_string(hash_file(file)) else {
        return damaged("image.cache.no_hash_file");
    };
    let hash = blake3::hash(&bytes);
    if stored.trim() != hash.to_hex().as_str() {
        return damaged("image.cache.mismatch_file");
    }
    Found::Sound(adopt(cache, name, file, &hash))
}

/// Moves sound old entry `file` to where today's layout keeps it, and removes its hash file;
/// returns where it is now. Where it cannot be moved (a folder stands in the way), it is used
/// where it is.
fn adopt(cache: &Cache, name: &str, file: &Path, hash: &blake3::Hash) -> PathBuf {
    let target = cache.file_for(name, hash);
    let moved = target
        .parent()
        .map_or(Ok(()), super::make_folder)
        .and_then(|()| std::fs::rename(file, &target));
    if moved.is_err() {
        // Another build may have moved it a moment ago.
        return match super::examine(&target) {
            Found::Sound(target) => target,
            _ => file.to_path_buf(),
        };
    }
    // Gone already if another build moved the same entry at the same time.
    let _ = std::fs::remove_file(hash_file(file));
    cache.remember(name, target.clone());
    target
}
