//! Clean-up of the image cache. Every photo a coordinator replaces, every width taken out of
//! `images.widths`, leaves entries no build asks for again, and the cache would otherwise grow
//! for as long as the site lives. A `lots build` removes, once it has published the site, every
//! file of the cache it did not use and that nothing has used for [`UNUSED_FOR`]: another
//! build of the same site (with `--drafts`, or `serve`, which does not prune) may want what
//! this one did not, and a use sets an entry's time to now ([`refresh`]), so only what no build
//! has used for that long goes. A file removed too early is only made again.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// How long an entry no build uses stays: 30 days.
pub const UNUSED_FOR: Duration = Duration::from_secs(30 * 24 * 60 * 60);

/// How old an entry's time may be before a use sets it to now: a day, so that a rebuild
/// changes nothing on the disk for the entries it used the day before.
const REFRESH_AFTER: Duration = Duration::from_secs(24 * 60 * 60);

/// What a clean-up removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Pruned {
    pub files: usize,
    pub bytes: u64,
}

/// Sets the time of entry `file`, used now, to `now` when it is older than a day. A file
/// that cannot be changed keeps its time: at worst it is made again after its month.
pub(super) fn refresh(file: &Path, now: SystemTime) {
    let Ok(meta) = fs::metadata(file) else {
        return;
    };
    let old = meta.modified().is_ok_and(|time| time + REFRESH_AFTER < now);
    if old {
        if let Ok(handle) = fs::File::open(file) {
            let _ = handle.set_modified(now);
        }
    }
}

/// Removes every file of cache folder `dir` (its two-digit folders and the files of the old
/// layout beside them, temporary files of a write cut short included) that is not in `used`
/// and whose time is older than `now` minus [`UNUSED_FOR`], and the folders left empty.
pub(super) fn prune(dir: &Path, used: &HashSet<PathBuf>, now: SystemTime) -> Pruned {
    let mut pruned = Pruned::default();
    let Some(cutoff) = now.checked_sub(UNUSED_FOR) else {
        return pruned;
    };
    let Ok(top) = fs::read_dir(dir) else {
        return pruned;
    };
    for item in top.flatten() {
        let path = item.path();
        let Ok(kind) = item.file_type() else { continue };
        if kind.is_dir() && is_entry_folder(&item.file_name()) {
            remove_old(&path, used, cutoff, &mut pruned);
            // Only an empty folder goes; one still in use fails, which is what is wanted.
            let _ = fs::remove_dir(&path);
        } else if kind.is_file() {
            remove_if_old(&path, used, cutoff, &mut pruned);
        }
    }
    pruned
}

/// Whether a folder of the cache is one of its entry folders (`ab`): nothing else in it is
/// ours to remove.
fn is_entry_folder(name: &std::ffi::OsStr) -> bool {
    name.to_str()
        .is_some_and(|n| n.len() == 2 && n.bytes().all(|b| b.is_ascii_hexdigit()))
}

fn remove_old(folder: &Path, used: &HashSet<PathBuf>, cutoff: SystemTime, pruned: &mut Pruned) {
    let Ok(files) = fs::read_dir(folder) else {
        return;
    };
    for item in files.flatten() {
        if item.file_type().is_ok_and(|t| t.is_file()) {
            remove_if_old(&item.path(), used, cutoff, pruned);
        }
    }
}

fn remove_if_old(file: &Path, used: &HashSet<PathBuf>, cutoff: SystemTime, pruned: &mut Pruned) {
    if used.contains(file) {
        return;
    }
    let Ok(meta) = fs::symlink_metadata(file) else {
        return;
    };
    if meta.modified().is_ok_and(|time| time < cutoff) && fs::remove_file(file).is_ok() {
        pruned.files += 1;
        pruned.bytes += meta.len();
    }
}
