//! Where the editor may write: content keys checked to stay inside `content/` (no `..`, no
//! absolute paths, no symlinks on the way), new pages' file names slugged from their titles,
//! uploads' names slugged and typed, and every write atomic.

use std::path::{Path, PathBuf};

/// Why a path was refused; the text is for the user, in Swedish.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathProblem(pub String);

/// The site's `content/` folder, resolved once.
pub struct ContentRoot {
    pub dir: PathBuf,
}

impl ContentRoot {
    pub fn new(site_root: &Path) -> Result<ContentRoot, PathProblem> {
        Ok(ContentRoot {
            dir: site_root.join("content"),
        })
    }

    /// The file of an existing page or a new one, checked for writing.
    pub fn file_for_write(&self, _key: &str) -> Result<PathBuf, PathProblem> {
        Err(PathProblem("not written yet".into()))
    }

    /// The key of a new page in the folder of the section `section_key` (`symboler/_index.md`),
    /// slugged from `title`: `symboler/slug/index.md` when `bundle`, else `symboler/slug.md`.
    /// Refused when a page or folder of that name exists.
    pub fn new_page_key(
        &self,
        _section_key: &str,
        _title: &str,
        _bundle: bool,
    ) -> Result<String, PathProblem> {
        Err(PathProblem("not written yet".into()))
    }

    /// Where an upload named `file_name` goes in the bundle of `page_key`: its slugged name
    /// and file. Refused unless the page is a bundle and the name ends in one of `extensions`.
    pub fn upload_target(
        &self,
        _page_key: &str,
        _file_name: &str,
        _extensions: &[&str],
    ) -> Result<(String, PathBuf), PathProblem> {
        Err(PathProblem("not written yet".into()))
    }
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename, so a
/// reader sees the old file or the new one, never half of one.
pub fn write_atomically(_path: &Path, _bytes: &[u8]) -> std::io::Result<()> {
    Err(std::io::Error::other("not written yet"))
}
