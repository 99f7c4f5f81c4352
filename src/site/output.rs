//! The output folder: built in a temporary folder beside it and swapped into place only when
//! the whole build succeeded, so a failed or killed build never leaves a half-written site.

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

use super::previous::Previous;
use super::recycle;
use crate::messages::{self, Args, Lang};
use crate::templates::deps::Dep;

/// Written into every output folder; a folder without it is not replaced.
pub const MARKER: &str = ".lots-build";
const STAGING_PREFIX: &str = ".lots-staging-";
const OLD_PREFIX: &str = ".lots-old-";
/// The site the last build replaced, left beside the output for the next build to write its
/// own into (see `recycle`): deleting 100,000 files took longer than building them again.
const PREVIOUS_PREFIX: &str = ".lots-previous-";

pub struct Staging {
    dir: Folder,
    /// What the folder held, when it is the site the last build replaced (see `recycle`).
    survey: Option<recycle::Survey>,
    /// A lock on the staging folder for as long as this build runs (see [`owned`]).
    _lock: Option<fs::File>,
    target: PathBuf,
    /// Deleting the sites earlier builds replaced, beside this build's own work.
    clearing: Option<std::thread::JoinHandle<()>>,
}

impl Staging {
    /// Checks that `target` may be replaced and makes an empty staging folder beside it; a
    /// refusal is told in the site's `language`.
    pub fn new(target: &Path, root: &Path, language: &str) -> Result<Staging, String> {
        let say = |(code, args): (&str, Args)| {
            messages::text(Lang::of(language), code, &args)
                .unwrap_or_else(|| messages::english(code, &args))
        };
        check_target(target, root).map_err(say)?;
        let parent = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let failed = |code, e: io::Error| {
            say((
                code,
                crate::args!("folder" => parent.display(), "reason" => messages::io::reason(&e)),
            ))
        };
        fs::create_dir_all(parent).map_err(|e| failed("output.create", e))?;
        remove_stale(parent);
        let path = tempfile::Builder::new()
            .prefix(STAGING_PREFIX)
            .tempdir_in(parent)
            .map_err(|e| failed("output.staging", e))?
            .keep();
        let recycled = recycle::take(parent, PREVIOUS_PREFIX, &path);
        let mut dir = Folder {
            path,
            recycled,
            done: false,
        };
        let mut held = lock(&dir.path);
        let survey = match recycled.then(|| recycle::survey(&dir.path)) {
            Some(Err(_)) => {
                // Not worth a failed build: start from an empty folder, locked anew (the lock
                // was on the folder removed).
                dir.recycled = false;
                fs::remove_dir_all(&dir.path)
                    .and_then(|()| fs::create_dir(&dir.path))
                    .map_err(|e| failed("output.staging", e))?;
                held = lock(&dir.path);
                None
            }
            Some(Ok(survey)) => Some(survey),
            None => None,
        };
        let clearing = clear_previous(parent);
        Ok(Staging {
            dir,
            survey,
            _lock: held,
            target: target.to_path_buf(),
            clearing,
        })
    }

    /// Whether the staging folder is the site the last build replaced (see `recycle`).
    pub fn recycled(&self) -> bool {
        self.dir.recycled
    }

    /// In a recycled folder, removes what the new site, `written`, does not have; to be called
    /// once every file is written, before [`Staging::commit`].
    pub fn remove_unwritten<V: Sync>(&mut self, written: &HashMap<String, V>) -> io::Result<()> {
        match self.survey.take() {
            Some(survey) => recycle::remove_stale(&self.dir.path, survey, written),
            None => Ok(()),
        }
    }

    pub fn path(&self) -> &Path {
        &self.dir.path
    }

    /// Puts the staged site in place of the old one. On Linux the two folders are exchanged
    /// in one step, so a web server serving the output, or a build killed at any moment, sees
    /// either the whole old site or the whole new one; elsewhere the old folder is moved aside
    /// first, and a build killed between the two renames leaves it in `.lots-old-*`.
    /// `marker` is what the marker file says (see [`previous::marker`]).
    pub fn commit(self, marker: &str) -> io::Result<()> {
        let Staging {
            dir,
            target,
            clearing,
            ..
        } = self;
        let result = swap(dir, &target, marker);
        if let Some(clearing) = clearing {
            let _ = clearing.join();
        }
        result
    }
}

/// The staging folder. A build that does not get to swap it into place removes it, or, when it
/// is a recycled site, gives it back for the next build to take (removing 100,000 files took
/// longer than a build).
struct Folder {
    path: PathBuf,
    recycled: bool,
    done: bool,
}

impl Folder {
    fn keep(mut self) -> PathBuf {
        self.done = true;
        std::mem::take(&mut self.path)
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        if self.done {
            return;
        }
        if self.recycled {
            if let Some(previous) = previous_name(&self.path) {
                if fs::rename(&self.path, previous).is_ok() {
                    return;
                }
            }
        }
        let _ = fs::remove_dir_all(&self.path);
    }
}

/// The name a staging folder's site gets once it is replaced: `.lots-previous-*` beside it.
fn previous_name(staging: &Path) -> Option<PathBuf> {
    let name = staging.file_name()?.to_string_lossy();
    let unique = name.trim_start_matches(STAGING_PREFIX);
    Some(staging.with_file_name(format!("{PREVIOUS_PREFIX}{unique}")))
}

/// Puts the staged folder `dir` in place of `target` (see [`Staging::commit`]).
fn swap(dir: Folder, target: &Path, marker: &str) -> io::Result<()> {
    // Never written through: a recycled folder's old marker may be anything.
    recycle::make_way(&dir.path, MARKER)?;
    fs::write(dir.path.join(MARKER), marker)?;
    let staged = dir.keep();
    let parent = staged.parent().unwrap_or(Path::new(".")).to_path_buf();
    if !target.exists() {
        return fs::rename(&staged, target);
    }
    if exchange(&staged, target)? {
        // `staged` now holds the old site: the next build takes it (PREVIOUS_PREFIX).
        return match previous_name(&staged) {
            Some(previous) => fs::rename(&staged, previous),
            None => Err(io::ErrorKind::InvalidInput.into()),
        }
        .or_else(|_| fs::remove_dir_all(&staged));
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

/// Refuses to replace the site itself, a folder holding it, or a folder lots did not make:
/// the catalogue's text saying which, with its arguments.
fn check_target(target: &Path, root: &Path) -> Result<(), (&'static str, Args)> {
    let absolute = |p: &Path| -> PathBuf {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(p)
        };
        normalize(&p)
    };
    let (target_abs, root_abs) = (absolute(target), absolute(root));
    let output = || crate::args!("output" => target.display());
    if root_abs.starts_with(&target_abs) {
        return Err(("output.holds_site", output()));
    }
    for own in ["content", "templates", "static", "themes"] {
        if target_abs.starts_with(root_abs.join(own)) {
            let args = crate::args!("output" => target.display(), "folder" => own);
            return Err(("output.inside_site", args));
        }
    }
    if target.is_file() {
        return Err(("output.is_file", output()));
    }
    if target.is_dir() && !target.join(MARKER).exists() {
        let empty = fs::read_dir(target)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty {
            return Err(("output.foreign", output()));
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

/// Starts deleting the sites earlier builds replaced (`.lots-previous-*`) that this build did
/// not take (one is left after builds that ran side by side), on a thread of its own: nobody
/// reads them, and a build running beside another may delete them too.
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

/// Clears away the staging folders of builds that were killed (and the old sites of builds
/// killed while swapping): at once when no build holds the folder's lock, else once it is an
/// hour old (a younger one may belong to a build running at this moment on a system without
/// locks). Without the lock, every killed build left a copy of the site behind for an hour.
/// A killed build's staging folder becomes a replaced site, for this build to take (see
/// `recycle`, which trusts nothing in it); an old site is removed.
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
        if old || !owned(&entry.path()) {
            let path = entry.path();
            let recycled = name.starts_with(STAGING_PREFIX)
                && previous_name(&path).is_some_and(|to| fs::rename(&path, to).is_ok());
            if !recycled {
                let _ = fs::remove_dir_all(path);
            }
        }
    }
}

/// Locks the staging folder `dir` for this process, released when the returned file closes,
/// which the system does even for a killed process.
#[cfg(unix)]
fn lock(dir: &Path) -> Option<fs::File> {
    use std::os::unix::io::AsRawFd;
    let file = fs::File::open(dir).ok()?;
    // SAFETY: a valid open descriptor; flock only takes a lock on it.
    let locked = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } == 0;
    locked.then_some(file)
}

#[cfg(not(unix))]
fn lock(_: &Path) -> Option<fs::File> {
    None
}

/// Whether a running build may hold staging folder `dir`: `false` when its lock can be taken
/// (its build is gone). A build locks its folder a moment after making it; another build
/// looking in that moment takes it for a killed build's and deletes it, and the new build
/// then fails (its writes find no folder) without harm to the published site. An old site
/// moved aside (`.lots-old-*`, on systems without the exchange) has no lock, and its build
/// may still need it: only its age tells.
#[cfg(unix)]
fn owned(dir: &Path) -> bool {
    let name = dir.file_name().unwrap_or_default().to_string_lossy();
    name.starts_with(OLD_PREFIX) || lock(dir).is_none()
}

#[cfg(not(unix))]
fn owned(_: &Path) -> bool {
    true
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

/// Writes into a folder (the build's staging folder). It lists every file it writes, with
/// the content hash of each written from memory, for the service worker's list, so that the
/// finished folder need be neither walked nor read back (walking 100,000 files took two
/// seconds on one core); copied files and pages with caption tracks (which the offline step
/// rewrites) are left for that step to read.
pub struct FolderSink<'a> {
    dir: &'a Path,
    /// The published site, whose unchanged files are linked rather than written again.
    previous: Previous,
    /// Every file written, by output path, with its hash when it was written from memory.
    written: Mutex<HashMap<String, Option<blake3::Hash>>>,
    /// The first write that failed and why: the callers turn the error into a line of their
    /// own, and the build tells the person which file and why from this (on a full disk every
    /// write after the first fails too, and the first is the one to name).
    failed: Mutex<Option<(String, io::Error)>>,
}

impl<'a> FolderSink<'a> {
    pub fn new(dir: &'a Path, previous: Previous) -> FolderSink<'a> {
        FolderSink {
            dir,
            previous,
            written: Mutex::new(HashMap::new()),
            failed: Mutex::new(None),
        }
    }

    /// The first write that failed: its output path and the error.
    pub fn take_failure(&self) -> Option<(String, io::Error)> {
        self.failed.lock().ok()?.take()
    }

    fn note<T>(&self, path: &str, result: io::Result<T>) -> io::Result<T> {
        if let Err(err) = &result {
            if let Ok(mut failed) = self.failed.lock() {
                if failed.is_none() {
                    let copy = match err.raw_os_error() {
                        Some(code) => io::Error::from_raw_os_error(code),
                        None => io::Error::new(err.kind(), err.to_string()),
                    };
                    *failed = Some((path.to_string(), copy));
                }
            }
        }
        result
    }

    fn list(&self, path: &str, hash: Option<blake3::Hash>) {
        let mut written = self.written.lock().unwrap_or_else(|p| p.into_inner());
        written.insert(path.to_string(), hash);
    }

    /// Every file written, by output path, with the hash of those written from memory.
    pub fn into_written(self) -> HashMap<String, Option<blake3::Hash>> {
        self.written.into_inner().unwrap_or_else(|p| p.into_inner())
    }
}

impl Sink for FolderSink<'_> {
    fn put(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        // A page with captions is rewritten in place by the offline step: never linked.
        let captioned = path.ends_with(".html") && memchr::memmem::find(bytes, b"<track").is_some();
        let hash = (!captioned).then(|| blake3::hash(bytes));
        let written = fault::before_write().and_then(|()| match &hash {
            Some(hash) if self.previous.link(self.dir, path, hash, bytes.len()) => Ok(()),
            _ => self
                .previous
                .unlink(self.dir, path)
                .and_then(|()| write(self.dir, path, bytes)),
        });
        self.note(path, written)?;
        self.list(path, hash);
        Ok(())
    }

    fn copy(&self, path: &str, from: &Path) -> io::Result<()> {
        // A file of a size a build can hold is published as a rendered one is: linked to the
        // published copy when its bytes are the same, so a rebuild writes no image again, and
        // with its hash, so the offline step need not read it back. A film is streamed.
        if fs::metadata(from).is_ok_and(|m| m.len() <= HELD_COPY) {
            let bytes = fs::read(from);
            return self
                .note(path, bytes)
                .and_then(|bytes| self.put(path, &bytes));
        }
        let copied = fault::before_write()
            .and_then(|()| self.previous.unlink(self.dir, path))
            .and_then(|()| copy(self.dir, path, from));
        self.note(path, copied)?;
        // A path written from memory before may now hold other bytes: its hash goes.
        self.list(path, None);
        Ok(())
    }
}

/// The largest file [`FolderSink::copy`] reads into memory to hash it (64 MB).
const HELD_COPY: u64 = 64 << 20;

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

/// A test hook for a full disk, compiled into debug builds only (the tests run those): with
/// `LOTS_FAIL_WRITE_AFTER=N` set, the N-th file the build writes into its staging folder,
/// and every one after it, fails with ENOSPC, as on a disk that fills up during a build.
/// Filling a real disk needs root or a small file system, which a test machine may not have.
#[cfg(debug_assertions)]
mod fault {
    use std::io;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::OnceLock;

    const VARIABLE: &str = "LOTS_FAIL_WRITE_AFTER";

    pub fn before_write() -> io::Result<()> {
        static LIMIT: OnceLock<Option<usize>> = OnceLock::new();
        static WRITES: AtomicUsize = AtomicUsize::new(0);
        let limit = LIMIT.get_or_init(|| std::env::var(VARIABLE).ok()?.parse().ok());
        match limit {
            Some(limit) if WRITES.fetch_add(1, Ordering::Relaxed) + 1 >= *limit => {
                Err(io::Error::from_raw_os_error(28))
            }
            _ => Ok(()),
        }
    }
}

#[cfg(not(debug_assertions))]
mod fault {
    pub fn before_write() -> std::io::Result<()> {
        Ok(())
    }
}

/// A file of the new site could not be written (`relative` in it, or the folder itself):
/// which, why, and that the previous site is untouched, in the site's language.
pub fn write_failed(
    language: &str,
    output: &Path,
    relative: Option<&str>,
    err: &io::Error,
) -> crate::diagnostics::BuildError {
    use crate::messages::{self, Lang};
    let path = match relative {
        Some(relative) => output.join(relative),
        None => output.to_path_buf(),
    };
    let args = crate::args!(
        "path" => path.display(),
        "output" => output.display(),
        "reason" => messages::io::reason(err),
    );
    let lang = Lang::of(language);
    let code = if relative.is_some() {
        "output.write"
    } else {
        "output.swap"
    };
    let text = messages::text(lang, code, &args).unwrap_or_else(|| messages::english(code, &args));
    crate::diagnostics::BuildError::Io(text)
}
