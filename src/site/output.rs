//! The output folder: built in a temporary folder beside it and swapped into place only when
//! the whole build succeeded, so a failed or killed build never leaves a half-written site.

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

use crate::templates::deps::Dep;

/// Written into every output folder; a folder without it is not replaced.
pub const MARKER: &str = ".lots-build";
const STAGING_PREFIX: &str = ".lots-staging-";
const OLD_PREFIX: &str = ".lots-old-";
/// The site the last build replaced, left beside the output for the next build to delete
/// while it works: deleting 100,000 files took longer than building them again.
const PREVIOUS_PREFIX: &str = ".lots-previous-";

pub struct Staging {
    dir: tempfile::TempDir,
    target: PathBuf,
    /// Deleting the sites earlier builds replaced, beside this build's own work.
    clearing: Option<std::thread::JoinHandle<()>>,
}

impl Staging {
    /// Checks that `target` may be replaced and makes an empty staging folder beside it.
    pub fn new(target: &Path, root: &Path) -> Result<Staging, String> {
        check_target(target, root)?;
        let parent = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        remove_stale(parent);
        let clearing = clear_previous(parent);
        let dir = tempfile::Builder::new()
            .prefix(STAGING_PREFIX)
            .tempdir_in(parent)
            .map_err(|e| {
                format!(
                    "cannot create a staging folder in {}: {e}",
                    parent.display()
                )
            })?;
        Ok(Staging {
            dir,
            target: target.to_path_buf(),
            clearing,
        })
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Puts the staged site in place of the old one. On Linux the two folders are exchanged
    /// in one step, so a web server serving the output, or a build killed at any moment, sees
    /// either the whole old site or the whole new one; elsewhere the old folder is moved aside
    /// first, and a build killed between the two renames leaves it in `.lots-old-*`.
    pub fn commit(self) -> io::Result<()> {
        let Staging {
            dir,
            target,
            clearing,
        } = self;
        let result = swap(dir, &target);
        if let Some(clearing) = clearing {
            let _ = clearing.join();
        }
        result
    }
}

/// Puts the staged folder `dir` in place of `target` (see [`Staging::commit`]).
fn swap(dir: tempfile::TempDir, target: &Path) -> io::Result<()> {
    fs::write(
        dir.path().join(MARKER),
        "Built by lots. This folder is replaced on every build.\n",
    )?;
    let staged = dir.keep();
    let parent = staged.parent().unwrap_or(Path::new(".")).to_path_buf();
    if !target.exists() {
        return fs::rename(&staged, target);
    }
    if exchange(&staged, target)? {
        // `staged` now holds the old site: the next build deletes it (PREVIOUS_PREFIX).
        let name = staged.file_name().unwrap_or_default().to_string_lossy();
        let unique = name.trim_start_matches(STAGING_PREFIX);
        let previous = parent.join(format!("{PREVIOUS_PREFIX}{unique}"));
        return fs::rename(&staged, previous).or_else(|_| fs::remove_dir_all(&staged));
    }
    let old = tempfile::Builder::new()
        .prefix(OLD_PREFIX)
        .tempdir_in(&parent)?
        .keep();
    fs::remove_dir(&old)?;
    fs::rename(target, &old)?;
    if let Err(err) = fs::rename(&staged, target) {
        fs::rename(&old, target)?;
        return Err(err);
    }
    fs::remove_dir_all(&old)
}

/// Exchanges two folders atomically; `false` when the system cannot (then nothing changed).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<bool> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| CString::new(p.as_os_str().as_bytes()).map_err(io::Error::other);
    let (a, b) = (c(a)?, c(b)?);
    // SAFETY: both paths are valid NUL-terminated strings that outlive the call.
    let result = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if result == 0 {
        return Ok(true);
    }
    let err = io::Error::last_os_error();
    match err.raw_os_error() {
        // Old kernels and file systems without the flag: fall back to two renames.
        Some(libc::ENOSYS) | Some(libc::EINVAL) | Some(libc::ENOTSUP) => Ok(false),
        _ => Err(err),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<bool> {
    Ok(false)
}

/// Refuses to replace the site itself, a folder holding it, or a folder lots did not make.
fn check_target(target: &Path, root: &Path) -> Result<(), String> {
    let absolute = |p: &Path| -> PathBuf {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(p)
        };
        normalize(&p)
    };
    let (target_abs, root_abs) = (absolute(target), absolute(root));
    if root_abs.starts_with(&target_abs) {
        return Err(format!(
            "the output folder {} holds the site itself; choose another --output",
            target.display()
        ));
    }
    for own in ["content", "templates", "static", "themes"] {
        if target_abs.starts_with(root_abs.join(own)) {
            return Err(format!(
                "the output folder {} is inside the site's {own}/ folder; choose another --output",
                target.display()
            ));
        }
    }
    if target.is_file() {
        return Err(format!(
            "{} is a file; --output must be a folder",
            target.display()
        ));
    }
    if target.is_dir() && !target.join(MARKER).exists() {
        let empty = fs::read_dir(target)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty {
            return Err(format!(
                "{} exists and was not made by lots; it will not be replaced. Delete it or choose another --output",
                target.display()
            ));
        }
    }
    Ok(())
}

/// Resolves `.` and `..` without touching the disk (the output may not exist yet).
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// Removes the staging folders of builds that were killed, once they are an hour old: a
/// younger one may belong to a build running at this moment.
/// Starts deleting the sites earlier builds replaced (`.lots-previous-*`), if any, on a thread
/// of its own: nobody reads them, and a build running beside another may delete them too.
fn clear_previous(parent: &Path) -> Option<std::thread::JoinHandle<()>> {
    let previous: Vec<PathBuf> = fs::read_dir(parent)
        .ok()?
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(PREVIOUS_PREFIX))
        .map(|e| e.path())
        .collect();
    if previous.is_empty() {
        return None;
    }
    std::thread::Builder::new()
        .name("lots-clear-previous".into())
        .spawn(move || {
            for folder in previous {
                let _ = fs::remove_dir_all(folder);
            }
        })
        .ok()
}

fn remove_stale(parent: &Path) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let cutoff = SystemTime::now()
        .checked_sub(Duration::from_secs(3600))
        .unwrap_or(SystemTime::UNIX_EPOCH);
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !(name.starts_with(STAGING_PREFIX) || name.starts_with(OLD_PREFIX)) {
            continue;
        }
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .map(|t| t <= cutoff)
            .unwrap_or(false);
        if old {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// Where rendered and copied files go: a folder for `build`, memory for `serve`.
pub trait Sink: Sync {
    fn put(&self, path: &str, bytes: &[u8]) -> io::Result<()>;
    /// A file published as it is, such as an image or a static file.
    fn copy(&self, path: &str, from: &Path) -> io::Result<()>;
    /// A rendered file and what its template looked up; only `serve` keeps the latter.
    fn put_rendered(&self, path: &str, bytes: &[u8], _deps: Vec<Dep>) -> io::Result<()> {
        self.put(path, bytes)
    }
}

/// Writes into a folder (the build's staging folder). It keeps the content hash of each file
/// it writes from memory, for the service worker's list, so that the finished folder need
/// not be read back; copied files and pages with caption tracks (which the offline step
/// rewrites) are left for that step to read.
pub struct FolderSink<'a> {
    dir: &'a Path,
    hashes: Mutex<HashMap<String, blake3::Hash>>,
}

impl<'a> FolderSink<'a> {
    pub fn new(dir: &'a Path) -> FolderSink<'a> {
        FolderSink {
            dir,
            hashes: Mutex::new(HashMap::new()),
        }
    }

    /// Content hashes of the files written from memory, by output path.
    pub fn into_hashes(self) -> HashMap<String, blake3::Hash> {
        self.hashes.into_inner().unwrap_or_else(|p| p.into_inner())
    }
}

impl Sink for FolderSink<'_> {
    fn put(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        write(self.dir, path, bytes)?;
        let captioned = path.ends_with(".html") && memchr::memmem::find(bytes, b"<track").is_some();
        let hash = (!captioned).then(|| blake3::hash(bytes));
        if let Ok(mut hashes) = self.hashes.lock() {
            match hash {
                Some(hash) => hashes.insert(path.to_string(), hash),
                None => hashes.remove(path),
            };
        }
        Ok(())
    }

    fn copy(&self, path: &str, from: &Path) -> io::Result<()> {
        copy(self.dir, path, from)?;
        // A path written from memory before may now hold other bytes.
        if let Ok(mut hashes) = self.hashes.lock() {
            hashes.remove(path);
        }
        Ok(())
    }
}

/// Writes one file of the site, creating its folder.
pub fn write(out_dir: &Path, relative: &str, bytes: &[u8]) -> io::Result<()> {
    let path = out_dir.join(relative);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    fs::write(path, bytes)
}

/// Copies a file into the site as a new file, which gets the permissions of any file the user
/// writes (their umask), not the source's: `fs::copy` would carry over the 0600 of a cache
/// entry or of a private file in content/, which a web server running as another user cannot
/// read, or the execute bits of a script.
pub fn copy(out_dir: &Path, relative: &str, from: &Path) -> io::Result<()> {
    let path = out_dir.join(relative);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    let mut source = fs::File::open(from)?;
    let mut target = fs::File::create(path)?;
    io::copy(&mut source, &mut target).map(|_| ())
}
