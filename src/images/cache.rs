//! The image cache in `.lots-cache/images/`. An entry is one file, `ab/KEY.HASH.EXT`: KEY is
//! the cache key (a hash of the source and of what was done to it), `ab` its first two digits
//! (a folder per pair, as git keeps its objects, so no folder holds thousands of files), and
//! HASH the first 32 hex digits of the blake3 hash of the entry's bytes.
//!
//! - An entry is written to a temporary file and renamed into place, so its name appears only
//!   with all its bytes, and a file a build is publishing is never changed under it.
//! - It is used only while its bytes match the hash in its name: one truncated or overwritten
//!   (a full disk, a crash of the machine, a hand edit) is made again instead of being
//!   published, and the caller says so.
//! - Its bytes are the image itself, so the build publishes it by copying the file.
//!
//! Keeping the hash in the name, not in a file beside the entry (as before), halves the files
//! a cold build creates; finding an entry then needs its name, so the folders are listed once,
//! on the first look ([`Cache::find`]), and what this build writes is added to that list.
//! Entries of the layout before (`KEY.EXT` beside `KEY.EXT.b3`, in `images/` itself) are
//! checked as before, and moved into the new layout when sound ([`legacy`]).

mod legacy;
mod prune;

pub use prune::{Pruned, UNUSED_FOR};

use std::collections::{HashMap, HashSet};
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use super::lock;
use crate::messages::{io, Reason};

/// How many hex digits of the bytes' hash an entry's name holds: 128 bits, far beyond what
/// damage could match by chance.
const HASH_DIGITS: usize = 32;

/// The image cache of one site.
pub(super) struct Cache {
    dir: PathBuf,
    /// The files that may hold each entry, by entry name (`KEY.EXT`), entries of the old
    /// layout last: listed on the first look, then kept up to date with what is written.
    index: OnceLock<Mutex<HashMap<String, Vec<PathBuf>>>>,
    /// The files this build found sound or wrote: what [`Cache::prune`] keeps.
    used: Mutex<HashSet<PathBuf>>,
}

/// What the cache holds for an entry.
pub(super) enum Entry {
    /// A file whose bytes match its hash.
    Sound(PathBuf),
    /// Not made yet (or deleted, which is always safe).
    Missing,
    /// A file is there, but its hash is missing or does not match (the file is gone now).
    Damaged { file: PathBuf, why: Reason },
}

impl Cache {
    /// The cache in folder `dir` (`.lots-cache/images`), read when first used.
    pub fn new(dir: PathBuf) -> Cache {
        Cache {
            dir,
            index: OnceLock::new(),
            used: Mutex::default(),
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Entry `name` (`KEY.EXT`). A damaged file is removed, so that a new one can take its
    /// place and the damage is reported once.
    pub fn find(&self, name: &str) -> Entry {
        let candidates = lock(self.index()).get(name).cloned().unwrap_or_default();
        let mut damaged = None;
        for file in candidates {
            let found = if legacy::holds(&self.dir, &file) {
                legacy::examine(self, name, &file)
            } else {
                examine(&file)
            };
            match found {
                Found::Sound(file) => {
                    prune::refresh(&file, std::time::SystemTime::now());
                    lock(&self.used).insert(file.clone());
                    return Entry::Sound(file);
                }
                Found::Missing => {}
                Found::Damaged(why) => {
                    discard(&self.dir, &file);
                    damaged.get_or_insert(Entry::Damaged { file, why });
                }
            }
        }
        lock(self.index()).remove(name);
        damaged.unwrap_or(Entry::Missing)
    }

    /// Writes entry `name` with `data`; returns its file.
    pub fn write(&self, name: &str, data: &[u8]) -> Result<PathBuf, Reason> {
        let target = self.file_for(name, &blake3::hash(data));
        let failed = |e: std::io::Error| {
            let args = crate::args!("path" => target.display(), "reason" => io::reason(&e));
            Reason::new("image.why.cache_write", args)
        };
        let folder = target.parent().unwrap_or(&self.dir);
        let mut file = match tempfile::NamedTempFile::new_in(folder) {
            // Its folder is not there yet (or a file is in its place).
            Err(e) if matches!(e.kind(), ErrorKind::NotFound | ErrorKind::NotADirectory) => {
                make_folder(folder).map_err(failed)?;
                tempfile::NamedTempFile::new_in(folder)
            }
            made => made,
        }
        .map_err(failed)?;
        file.write_all(data).map_err(failed)?;
        if let Err(e) = file.persist(&target) {
            // A folder where the entry goes (made by hand, or by another program) makes the
            // rename fail, and with it the build: the cache is ours, so it goes.
            if !std::fs::symlink_metadata(&target).is_ok_and(|m| m.is_dir()) {
                return Err(failed(e.error));
            }
            std::fs::remove_dir_all(&target).map_err(failed)?;
            e.file.persist(&target).map_err(|e| failed(e.error))?;
        }
        self.remember(name, target.clone());
        lock(&self.used).insert(target.clone());
        Ok(target)
    }

    /// The file that holds entry `name` (`KEY.EXT`) when its bytes hash to `hash`.
    fn file_for(&self, name: &str, hash: &blake3::Hash) -> PathBuf {
        let (key, extension) = name.split_once('.').unwrap_or((name, "bin"));
        let hex = hash.to_hex();
        let folder = key.get(..2).unwrap_or("00");
        self.dir
            .join(folder)
            .join(format!("{key}.{}.{extension}", &hex[..HASH_DIGITS]))
    }

    /// Removes the files of the cache this build did not use and nothing used for
    /// [`UNUSED_FOR`] (see [`prune`]).
    pub fn prune(&self) -> Pruned {
        prune::prune(&self.dir, &lock(&self.used), std::time::SystemTime::now())
    }

    fn remember(&self, name: &str, file: PathBuf) {
        lock(self.index()).insert(name.to_string(), vec![file]);
    }

    fn index(&self) -> &Mutex<HashMap<String, Vec<PathBuf>>> {
        self.index.get_or_init(|| Mutex::new(list(&self.dir)))
    }
}

/// What one file holds for its entry.
enum Found {
    Sound(PathBuf),
    Missing,
    Damaged(Reason),
}

/// Checks `file` (`ab/KEY.HASH.EXT`) against the hash in its name.
fn examine(file: &Path) -> Found {
    let bytes = match read(file) {
        Ok(bytes) => bytes,
        Err(found) => return found,
    };
    let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let parts: Vec<&str> = name.split('.').collect();
    let [_, stored, _] = parts[..] else {
        return damaged("image.cache.no_hash");
    };
    if blake3::hash(&bytes).to_hex().get(..HASH_DIGITS) == Some(stored) {
        Found::Sound(file.to_path_buf())
    } else {
        damaged("image.cache.mismatch")
    }
}

/// An entry's file that cannot be used, for the reason `key` of the catalogue.
fn damaged(key: &'static str) -> Found {
    Found::Damaged(Reason::new(key, Vec::new()))
}

/// The bytes of an entry's file, or what that file is worth when they cannot be had.
fn read(file: &Path) -> Result<Vec<u8>, Found> {
    match std::fs::read(file) {
        Ok(bytes) => Ok(bytes),
        Err(e) if e.kind() == ErrorKind::NotFound => Err(Found::Missing),
        Err(e) if e.kind() == ErrorKind::IsADirectory || file.is_dir() => {
            Err(damaged("image.cache.folder"))
        }
        Err(e) => Err(Found::Damaged(Reason::new(
            "image.cache.unreadable",
            crate::args!("reason" => io::reason(&e)),
        ))),
    }
}

/// Removes a damaged file (or folder) of the cache, and the hash beside an old one. It may be
/// gone already (another build removed it): that is what is wanted.
fn discard(dir: &Path, file: &Path) {
    let _ = match std::fs::symlink_metadata(file) {
        Ok(m) if m.is_dir() => std::fs::remove_dir_all(file),
        _ => std::fs::remove_file(file),
    };
    if legacy::holds(dir, file) {
        let _ = std::fs::remove_file(legacy::hash_file(file));
    }
}

/// Makes a folder of the cache; a file in its place (the cache is ours) goes.
fn make_folder(folder: &Path) -> std::io::Result<()> {
    if std::fs::symlink_metadata(folder).is_ok_and(|m| !m.is_dir()) {
        std::fs::remove_file(folder)?;
    }
    std::fs::create_dir_all(folder)
}

/// Every file in the cache that may hold an entry, by entry name: `ab/KEY.HASH.EXT` (and a
/// damaged `ab/KEY.EXT`) in the folders, `KEY.EXT` of the old layout in `dir` itself, last.
fn list(dir: &Path) -> HashMap<String, Vec<PathBuf>> {
    let mut index: HashMap<String, Vec<PathBuf>> = HashMap::new();
    let mut old = Vec::new();
    let Ok(top) = std::fs::read_dir(dir) else {
        return index;
    };
    for item in top.flatten() {
        let name = item.file_name();
        let Some(name) = name.to_str() else { continue };
        if item.file_type().is_ok_and(|t| t.is_dir()) {
            if name.len() == 2 && name.bytes().all(|b| b.is_ascii_hexdigit()) {
                list_folder(&item.path(), &mut index);
            }
        } else if legacy::is_entry(name) {
            old.push((name.to_string(), item.path()));
        }
    }
    for (name, file) in old {
        index.entry(name).or_default().push(file);
    }
    index
}

fn list_folder(folder: &Path, index: &mut HashMap<String, Vec<PathBuf>>) {
    let Ok(files) = std::fs::read_dir(folder) else {
        return;
    };
    for item in files.flatten() {
        let name = item.file_name();
        let Some(name) = name.to_str() else { continue };
        let parts: Vec<&str> = name.split('.').collect();
        let entry = match parts[..] {
            [key, _, extension] | [key, extension] if !key.is_empty() => {
                format!("{key}.{extension}")
            }
            _ => continue, // a temporary file of a write cut short, or not ours
        };
        index.entry(entry).or_default().push(item.path());
    }
}

#[cfg(test)]
mod tests;
