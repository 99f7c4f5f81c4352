//! The site the last build published, as a source of files that did not change: a rebuild
//! with nothing edited would otherwise write every page again and leave the old copy for the
//! next build to delete, which on a disk cost more than the build itself (10,000 pages: 9.3 s
//! warm against 6.7 s cold). Each build lists the content hash of every file it wrote from
//! memory in its marker file; the next build links a file whose bytes hash the same to the
//! published one (a hard link: no data written, none freed when the old site goes) and writes
//! only the others.
//!
//! The published folder is opened once and every file is looked up in that open folder, so a
//! build that swaps another site into place meanwhile cannot give this one files its list
//! does not describe. A file changed since its marker was written (by hand, say: its time of
//! change is later than the marker's) is written again, not kept.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

/// The marker's first line; the lines after it are `<hash> <path>`.
const MARKER_TEXT: &str = "Built by lots. This folder is replaced on every build.\n";
/// Hex digits of the hash kept per file: 128 bits, so two different files never pass as one.
const HASH_DIGITS: usize = 32;

/// The published site's files and their hashes, and the files of the new site linked to them.
pub struct Previous {
    /// The published folder, open; `None` when there is none or the system cannot link.
    dir: Option<fs::File>,
    /// When the marker was written: the published files that have not changed since are no
    /// later (a linked file keeps the time its bytes were first written).
    built: at::Time,
    hashes: HashMap<String, String>,
    /// Off after the first link the system refused for a reason other than the one file (another
    /// file system, one without links): every link after it would fail the same way.
    linking: AtomicBool,
    /// Paths of the new site that share their file with the published one: written again, such
    /// a path gets a file of its own first, never new bytes through the link into the live site.
    linked: Mutex<HashSet<String>>,
    /// The staging folder is the site the last build replaced (see `recycle`): whatever it
    /// holds at a path is kept only when it is the published file, and removed before the path
    /// is written.
    recycled: bool,
}

impl Previous {
    /// Reads the list in the marker of the site published at `output`; none when there is no
    /// site there, or no list (a site of an older lots, a marker someone edited).
    pub fn read(output: &Path, marker: &str) -> Previous {
        let dir = at::open_dir(output);
        let (text, built) = dir
            .as_ref()
            .and_then(|dir| at::read(dir, marker))
            .unwrap_or_default();
        let hashes = text
            .strip_prefix(MARKER_TEXT)
            .unwrap_or_default()
            .lines()
            .filter_map(|line| line.split_once(' '))
            .filter(|(hash, _)| hash.len() == HASH_DIGITS)
            .map(|(hash, path)| (path.to_string(), hash.to_string()))
            .collect();
        Previous {
            dir,
            built,
            hashes,
            linking: AtomicBool::new(true),
            linked: Mutex::new(HashSet::new()),
            recycled: false,
        }
    }

    /// Whether the staging folder is a recycled site (see the field `recycled`).
    pub fn recycling(self, recycled: bool) -> Previous {
        Previous { recycled, ..self }
    }

    /// Puts the published copy of `path` into `staging` when its hash is `hash`, its size `len`
    /// and it has not changed since the marker was written; `false` when the caller must
    /// write the file.
    pub fn link(&self, staging: &Path, path: &str, hash: &blake3::Hash, len: usize) -> bool {
        let Some(dir) = &self.dir else {
            return false;
        };
        if !self.linking.load(Ordering::Relaxed) {
            return false;
        }
        let same = self
            .hashes
            .get(path)
            .is_some_and(|kept| *kept == hash.to_hex()[..HASH_DIGITS]);
        let Some(published) = at::file(dir, path) else {
            return false;
        };
        if !same || published.size != len as u64 || published.changed > self.built {
            return false;
        }
        let target = staging.join(path);
        if self.recycled {
            if at::is_file(&target, published.id) {
                self.note_linked(path);
                return true;
            }
            if super::recycle::make_way(staging, path).is_err() {
                return false;
            }
        }
        if let Some(parent) = target.parent() {
            if fs::create_dir_all(parent).is_err() {
                return false;
            }
        }
        match at::link(dir, path, &target) {
            Ok(()) => {
                self.note_linked(path);
                true
            }
            Err(err) => {
                let this_file_only = matches!(
                    err.kind(),
                    io::ErrorKind::NotFound | io::ErrorKind::AlreadyExists
                );
                if !this_file_only {
                    self.linking.store(false, Ordering::Relaxed);
                }
                false
            }
        }
    }

    fn note_linked(&self, path: &str) {
        let mut linked = self.linked.lock().unwrap_or_else(|p| p.into_inner());
        linked.insert(path.to_string());
    }

    /// Before `path` of the staging folder is written: a file linked to the published site is
    /// removed first, so that the write makes a file of its own; in a recycled folder, whatever
    /// is there.
    pub fn unlink(&self, staging: &Path, path: &str) -> io::Result<()> {
        if self.recycled {
            return super::recycle::make_way(staging, path);
        }
        let was_linked = self
            .linked
            .lock()
            .map(|mut l| l.remove(path))
            .unwrap_or(true);
        if was_linked {
            super::recycle::gone(fs::remove_file(staging.join(path)))?;
        }
        Ok(())
    }
}

/// A published file: its size, time of last change, and device and inode.
struct Published {
    size: u64,
    changed: at::Time,
    id: (u64, u64),
}

/// Files looked up in an open folder (the `*at` calls of POSIX), never following a symbolic
/// link at the end of a path.
#[cfg(unix)]
mod at {
    use super::Published;
    use std::ffi::CString;
    use std::fs;
    use std::io::{self, Read};
    use std::os::fd::{AsRawFd, FromRawFd};
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::MetadataExt;
    use std::path::Path;

    /// A file's time of last change: seconds and nanoseconds.
    pub type Time = (i64, i64);

    pub fn open_dir(path: &Path) -> Option<fs::File> {
        let dir = fs::File::open(path).ok()?;
        dir.metadata().ok()?.is_dir().then_some(dir)
    }

    /// The text of `name` and its time of last change.
    pub fn read(dir: &fs::File, name: &str) -> Option<(String, Time)> {
        let name = CString::new(name).ok()?;
        let flags = libc::O_RDONLY | libc::O_CLOEXEC | libc::O_NOFOLLOW;
        // SAFETY: a valid open folder and a NUL-terminated name that outlives the call.
        let fd = unsafe { libc::openat(dir.as_raw_fd(), name.as_ptr(), flags) };
        if fd < 0 {
            return None;
        }
        // SAFETY: `fd` was just opened and is owned by nothing else.
        let mut file = unsafe { fs::File::from_raw_fd(fd) };
        let mut text = String::new();
        file.read_to_string(&mut text).ok()?;
        let meta = file.metadata().ok()?;
        Some((text, (meta.mtime(), meta.mtime_nsec())))
    }

    /// `name` in `dir` when it is a regular file (not a link, a folder or a device).
    pub fn file(dir: &fs::File, name: &str) -> Option<Published> {
        let name = CString::new(name).ok()?;
        // SAFETY: `stat` is plain data, filled in by the call.
        let mut stat: libc::stat = unsafe { std::mem::zeroed() };
        let flags = libc::AT_SYMLINK_NOFOLLOW;
        // SAFETY: a valid open folder, a NUL-terminated name and a stat buffer.
        let found = unsafe { libc::fstatat(dir.as_raw_fd(), name.as_ptr(), &mut stat, flags) };
        let regular = found == 0 && (stat.st_mode & libc::S_IFMT) == libc::S_IFREG;
        regular.then_some(Published {
            size: stat.st_size as u64,
            changed: (stat.st_mtime as i64, stat.st_mtime_nsec as i64),
            id: (stat.st_dev as u64, stat.st_ino as u64),
        })
    }

    /// Whether `path` is the regular file with device and inode `id`.
    pub fn is_file(path: &Path, id: (u64, u64)) -> bool {
        fs::symlink_metadata(path)
            .is_ok_and(|meta| meta.is_file() && (meta.dev(), meta.ino()) == id)
    }

    pub fn link(dir: &fs::File, name: &str, to: &Path) -> io::Result<()> {
        let name = CString::new(name)?;
        let to = CString::new(to.as_os_str().as_bytes())?;
        // SAFETY: a valid open folder and two NUL-terminated paths that outlive the call.
        let done = unsafe {
            libc::linkat(
                dir.as_raw_fd(),
                name.as_ptr(),
                libc::AT_FDCWD,
                to.as_ptr(),
                0,
            )
        };
        match done {
            0 => Ok(()),
            _ => Err(io::Error::last_os_error()),
        }
    }
}

/// Elsewhere nothing is linked: every file is written.
#[cfg(not(unix))]
mod at {
    use super::Published;
    use std::fs;
    use std::io;
    use std::path::Path;

    pub type Time = (i64, i64);

    pub fn open_dir(_: &Path) -> Option<fs::File> {
        None
    }
    pub fn read(_: &fs::File, _: &str) -> Option<(String, Time)> {
        None
    }
    pub fn file(_: &fs::File, _: &str) -> Option<Published> {
        None
    }
    pub fn is_file(_: &Path, _: (u64, u64)) -> bool {
        false
    }
    pub fn link(_: &fs::File, _: &str, _: &Path) -> io::Result<()> {
        Err(io::ErrorKind::Unsupported.into())
    }
}

/// The marker of a new site: its first line and the hash of each file written from memory,
/// sorted by path so that two builds of the same site write the same marker.
pub fn marker(written: &HashMap<String, Option<blake3::Hash>>) -> String {
    let mut hashed: Vec<(&String, &blake3::Hash)> = written
        .iter()
        .filter_map(|(path, hash)| Some((path, hash.as_ref()?)))
        .collect();
    hashed.sort_unstable_by_key(|(path, _)| *path);
    let mut text = String::with_capacity(MARKER_TEXT.len() + hashed.len() * 80);
    text.push_str(MARKER_TEXT);
    for (path, hash) in hashed {
        // A name with a line break cannot be listed; it is written again on every build.
        if path.contains('\n') {
            continue;
        }
        let hash = hash.to_hex();
        let _ = writeln!(text, "{} {path}", &hash[..HASH_DIGITS]);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hashes(files: &[(&str, &str)]) -> HashMap<String, Option<blake3::Hash>> {
        files
            .iter()
            .map(|(path, text)| (path.to_string(), Some(blake3::hash(text.as_bytes()))))
            .collect()
    }

    /// A published folder holding `on_disk`, its marker listing `listed`, and its list read.
    fn published(
        on_disk: &[(&str, &str)],
        listed: &[(&str, &str)],
    ) -> (tempfile::TempDir, Previous) {
        let published = tempfile::tempdir().expect("dir");
        for (path, text) in on_disk {
            crate::site::output::write(published.path(), path, text.as_bytes()).expect("write");
        }
        fs::write(published.path().join(".m"), marker(&hashes(listed))).expect("marker");
        let previous = Previous::read(published.path(), ".m");
        (published, previous)
    }

    #[test]
    fn a_file_with_the_same_bytes_is_linked_and_another_is_not() {
        let files = [("a/index.html", "samma"), ("b.html", "gammal")];
        let (published, previous) = published(&files, &files);
        let staging = tempfile::tempdir().expect("dir");
        let same = blake3::hash(b"samma");
        assert!(previous.link(staging.path(), "a/index.html", &same, 5));
        let changed = blake3::hash(b"ny");
        assert!(!previous.link(staging.path(), "b.html", &changed, 2));
        assert!(!previous.link(staging.path(), "c.html", &same, 5));
        assert_eq!(
            fs::read_to_string(staging.path().join("a/index.html")).expect("linked"),
            "samma"
        );
        // Written again, the linked file gets a file of its own; the published one is kept.
        previous
            .unlink(staging.path(), "a/index.html")
            .expect("unlink");
        crate::site::output::write(staging.path(), "a/index.html", b"annan").expect("write");
        assert_eq!(
            fs::read_to_string(published.path().join("a/index.html")).expect("published"),
            "samma"
        );
    }

    /// Another build swapping its site into place meanwhile: the files still come from the
    /// site whose list was read, never a file of the same size the list does not describe.
    #[test]
    fn files_come_from_the_site_whose_list_was_read() {
        let parent = tempfile::tempdir().expect("dir");
        let (published, moved) = (parent.path().join("public"), parent.path().join("old"));
        let staging = tempfile::tempdir().expect("dir");
        let files = [("a.html", "samma")];
        crate::site::output::write(&published, "a.html", b"samma").expect("write");
        fs::write(published.join(".m"), marker(&hashes(&files))).expect("marker");
        let previous = Previous::read(&published, ".m");
        fs::rename(&published, &moved).expect("moved aside");
        crate::site::output::write(&published, "a.html", b"annan").expect("new site");
        assert!(previous.link(staging.path(), "a.html", &blake3::hash(b"samma"), 5));
        let linked = fs::read_to_string(staging.path().join("a.html")).expect("linked");
        assert_eq!(linked, "samma");
    }

    #[test]
    fn a_published_file_changed_by_hand_is_not_linked() {
        let on_disk = [("a.html", "ändrad för hand")];
        let (_published, previous) = published(&on_disk, &[("a.html", "original")]);
        let staging = tempfile::tempdir().expect("dir");
        assert!(!previous.link(staging.path(), "a.html", &blake3::hash(b"original"), 8));
    }

    #[test]
    fn a_published_file_changed_by_hand_in_place_is_not_linked() {
        let files = [("a.html", "original")];
        let (published, previous) = published(&files, &files);
        let staging = tempfile::tempdir().expect("dir");
        // The same size, changed a second after the build: only its time tells.
        let file = fs::File::options()
            .write(true)
            .open(published.path().join("a.html"))
            .expect("open");
        std::io::Write::write_all(&mut &file, b"ORIGINAL").expect("edit");
        let later = std::time::SystemTime::now() + std::time::Duration::from_secs(1);
        file.set_modified(later).expect("time");
        let hash = blake3::hash(b"original");
        assert!(!previous.link(staging.path(), "a.html", &hash, 8));
    }

    #[test]
    fn a_marker_without_a_list_links_nothing() {
        let published = tempfile::tempdir().expect("dir");
        let staging = tempfile::tempdir().expect("dir");
        fs::write(published.path().join("a.html"), "x").expect("write");
        fs::write(published.path().join(".m"), "Built by lots.\n").expect("marker");
        let previous = Previous::read(published.path(), ".m");
        assert!(!previous.link(staging.path(), "a.html", &blake3::hash(b"x"), 1));
    }
}
