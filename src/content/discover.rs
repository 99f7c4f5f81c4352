//! Walks `content/` and sorts what it finds into sections, pages, bundles and asset files.
//! Hidden files, editor backups and symbolic links are left out: they are never published.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;

use super::kind::{self, FileKind};

/// One Markdown file to load, by its content-relative key (`a/b/index.md`) and its kind.
#[derive(Debug, Clone)]
pub struct Source {
    pub key: String,
    pub kind: FileKind,
    pub file: PathBuf,
}

#[derive(Debug, Default)]
pub struct Discovered {
    pub sections: Vec<Source>,
    pub pages: Vec<Source>,
    /// Non-Markdown files, by content-relative path.
    pub assets: Vec<String>,
    pub warnings: Vec<Diagnostic>,
    /// Files refused by name (Markdown Lots does not read, see [`FileKind::Misnamed`]).
    pub errors: Vec<Diagnostic>,
}

/// Files that are never content even when they sit in `content/`.
pub fn is_junk(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name.starts_with("~$")
        || name.ends_with(".swp")
        || name.ends_with(".swo")
        || name.ends_with(".tmp")
        || (name.starts_with('#') && name.ends_with('#'))
        || name.eq_ignore_ascii_case("thumbs.db")
        || name.eq_ignore_ascii_case("ehthumbs.db")
        || name.eq_ignore_ascii_case("desktop.ini")
}

pub fn discover(content_dir: &Path) -> Result<Discovered, Diagnostic> {
    if !content_dir.is_dir() {
        return Err(Diagnostic::file(
            content_dir,
            "there is no content folder; create content/ with an _index.md",
        ));
    }
    let mut found = Discovered::default();
    let mut notes = Vec::new();
    let files = walk_files(content_dir, &mut notes);
    // A folder that cannot be read would leave its pages out of a site that builds without
    // a word: an error, unlike the notes about links that are skipped on purpose.
    for note in notes {
        if note.code == UNREADABLE {
            found.errors.push(note);
        } else {
            found.warnings.push(note);
        }
    }
    for (key, path) in files {
        let kind = FileKind::of(&key);
        let source = Source {
            key: key.clone(),
            kind,
            file: path,
        };
        match kind {
            FileKind::Section => found.sections.push(source),
            FileKind::Page | FileKind::BundlePage => found.pages.push(source),
            FileKind::Asset => found.assets.push(key),
            FileKind::Misnamed => found.errors.push(misnamed(&source)),
        }
    }
    Ok(found)
}

fn misnamed(source: &Source) -> Diagnostic {
    let name = source.key.rsplit('/').next().unwrap_or(&source.key);
    let proper = kind::proper_name(name).unwrap_or_default();
    Diagnostic::file(
        &source.file,
        format!("Lots reads Markdown only from `.md` files, and a bundle or a section only from `index.md` or `_index.md`, all in lower case; rename it to {proper}"),
    )
}

/// Every publishable file under `dir`, by its `/`-separated path relative to `dir`, in name
/// order. Symbolic links are reported and skipped, so nothing outside `dir` is read.
///
/// Folders are read by several threads at once: a folder not in the cache is a wait on the
/// disk, and a site has a thousand of them.
pub fn walk_files(dir: &Path, warnings: &mut Vec<Diagnostic>) -> Vec<(String, PathBuf)> {
    let found = std::sync::Mutex::new(Vec::new());
    ignore::WalkBuilder::new(dir)
        .standard_filters(false)
        .hidden(true)
        .follow_links(false)
        .threads(WALKERS)
        .build_parallel()
        .run(|| {
            Box::new(|entry| {
                if let Some(seen) = seen(dir, entry) {
                    found.lock().unwrap_or_else(|e| e.into_inner()).push(seen);
                }
                ignore::WalkState::Continue
            })
        });
    let mut found = found.into_inner().unwrap_or_else(|e| e.into_inner());
    // Name order, as a walk that sorts each folder gives: name by name along the path (`a/x`
    // before `a-b`), compared on the bytes, which is many times quicker than `Path`'s own.
    found.sort_unstable_by(|(a, _), (b, _)| names(a).cmp(names(b)));
    let mut files = Vec::with_capacity(found.len());
    for (path, seen) in found {
        match seen {
            Seen::File(key) => files.push((key, path)),
            Seen::Problem(problem) => warnings.push(problem),
        }
    }
    files
}

/// The names along `path`, as bytes.
fn names(path: &Path) -> impl Iterator<Item = &[u8]> {
    let bytes = path.as_os_str().as_encoded_bytes();
    bytes.split(|&byte| std::path::is_separator(char::from(byte)))
}

/// Threads that read folders at once in [`walk_files`].
const WALKERS: usize = 8;

/// What the walk makes of one entry, by its path.
enum Seen {
    File(String),
    Problem(Diagnostic),
}

/// A publishable file's key, or why an entry is left out; `None` for what is left out
/// without a word (folders, junk).
fn seen(dir: &Path, entry: Result<ignore::DirEntry, ignore::Error>) -> Option<(PathBuf, Seen)> {
    let entry = match entry {
        Ok(entry) => entry,
        Err(err) => {
            let problem = unreadable(dir, &err);
            return Some((problem.path.clone(), Seen::Problem(problem)));
        }
    };
    let file_type = entry.file_type()?;
    let path = entry.path();
    if file_type.is_symlink() {
        let problem = Diagnostic::file(
            path,
            "symbolic links are not followed; the file is not published",
        );
        return Some((path.to_path_buf(), Seen::Problem(problem)));
    }
    if !file_type.is_file() || is_junk(&entry.file_name().to_string_lossy()) {
        return None;
    }
    let seen = match content_key(dir, path) {
        Some(key) => Seen::File(key),
        None => Seen::Problem(Diagnostic::file(
            path,
            "the file name is not valid UTF-8; rename it",
        )),
    };
    Some((path.to_path_buf(), seen))
}

/// The code of a folder or file [`walk_files`] could not read.
const UNREADABLE: &str = "file.unreadable";

/// A folder or file below `dir` that cannot be read, named by its own path.
fn unreadable(dir: &Path, err: &ignore::Error) -> Diagnostic {
    fn path_of(err: &ignore::Error) -> Option<&Path> {
        match err {
            ignore::Error::WithPath { path, .. } => Some(path),
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                path_of(err)
            }
            _ => None,
        }
    }
    let reason = match err.io_error() {
        Some(io) => crate::messages::io::reason(io),
        None => err.to_string(),
    };
    Diagnostic::file(path_of(err).unwrap_or(dir), "").with_text_as(
        UNREADABLE,
        "file.unreadable/entry",
        crate::args!("reason" => reason),
    )
}

/// `content/a/b.md` → `a/b.md`, always with `/`.
fn content_key(content_dir: &Path, path: &Path) -> Option<String> {
    let relative = path.strip_prefix(content_dir).ok()?;
    let parts: Option<Vec<&str>> = relative
        .components()
        .map(|c| c.as_os_str().to_str())
        .collect();
    Some(parts?.join("/"))
}

/// Folders that hold an `index.md`: page bundles. Their other files belong to the page.
pub fn bundle_dirs(pages: &[Source]) -> BTreeSet<String> {
    pages
        .iter()
        .filter(|p| p.kind == FileKind::BundlePage)
        .map(|p| parent_dir(&p.key).to_string())
        .collect()
}

/// The folders that hold `key`, innermost first, each with a trailing slash and the content
/// root last (`a/b/c.md` → `a/b/`, `a/`, ``): a lookup of each in a set finds the nearest
/// enclosing folder of a kind in as many steps as the key is deep, whatever the site's size.
pub fn ancestor_dirs(key: &str) -> impl Iterator<Item = &str> {
    let mut next = Some(parent_dir(key));
    std::iter::from_fn(move || {
        let dir = next?;
        next = (!dir.is_empty()).then(|| parent_dir(dir.trim_end_matches('/')));
        Some(dir)
    })
}

/// The folder part of a key, with a trailing slash (`a/b.md` → `a/`).
pub fn parent_dir(key: &str) -> &str {
    match key.rfind('/') {
        Some(index) => &key[..=index],
        None => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ancestor_dirs_go_from_the_innermost_folder_to_the_root() {
        let dirs: Vec<&str> = ancestor_dirs("a/b/c.png").collect();
        assert_eq!(dirs, ["a/b/", "a/", ""]);
        assert_eq!(ancestor_dirs("c.md").collect::<Vec<_>>(), [""]);
        // A folder, written with its slash, is among its own.
        assert_eq!(
            ancestor_dirs("a/b/").collect::<Vec<_>>(),
            ["a/b/", "a/", ""]
        );
    }

    #[test]
    fn the_walk_lists_files_in_name_order_folder_by_folder() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let names = [
            "b.md",
            "a-b.md",
            "a/x.md",
            "a/b/c.md",
            "a/a.md",
            "B.md",
            "a.b/z.md",
            "_index.md",
            "a/.hidden.md",
            "a/backup.md~",
            "z/deep/er/still/page.md",
        ];
        for name in names {
            let path = tmp.path().join(name);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("folder");
            std::fs::write(&path, "x").expect("write");
        }
        #[cfg(unix)]
        std::os::unix::fs::symlink("/etc/passwd", tmp.path().join("a/link.md")).expect("link");
        let mut warnings = Vec::new();
        let keys: Vec<String> = walk_files(tmp.path(), &mut warnings)
            .into_iter()
            .map(|(key, path)| {
                assert_eq!(path, tmp.path().join(&key));
                key
            })
            .collect();
        // A folder's files come before its neighbour `a-b.md`, though `-` sorts before `/`.
        let expected = [
            "B.md",
            "_index.md",
            "a/a.md",
            "a/b/c.md",
            "a/x.md",
            "a-b.md",
            "a.b/z.md",
            "b.md",
            "z/deep/er/still/page.md",
        ];
        assert_eq!(keys, expected);
        #[cfg(unix)]
        {
            assert_eq!(warnings.len(), 1, "{warnings:?}");
            assert_eq!(warnings[0].path, tmp.path().join("a/link.md"));
        }
    }
}
