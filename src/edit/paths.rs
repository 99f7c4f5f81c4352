//! Where the editor may write: content keys checked to stay inside `content/` (no `..`, no
//! absolute paths, no symlinks on the way), new pages' file names slugged from their titles,
//! uploads' names slugged and typed, and every write atomic.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::config::{Config, FieldKind, FieldSpecs};
use crate::content::discover::is_junk;
use crate::content::kind::FileKind;
use crate::content::slugs::{slugify, strip_date_prefix};

use super::messages;

/// Why a path was refused; the text is for the user, in Swedish.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathProblem(pub String);

impl std::fmt::Display for PathProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The site's `content/` folder, resolved once.
pub struct ContentRoot {
    /// The canonical path of `content/`: every file the editor writes is under it.
    pub dir: PathBuf,
}

impl ContentRoot {
    pub fn new(site_root: &Path) -> Result<ContentRoot, PathProblem> {
        let dir = site_root.join("content");
        match dir.canonicalize() {
            Ok(dir) if dir.is_dir() => Ok(ContentRoot { dir }),
            _ => Err(PathProblem(messages::no_content_folder(
                &site_root.display().to_string(),
            ))),
        }
    }

    /// The file of an existing page or a new one, checked for writing.
    pub fn file_for_write(&self, key: &str) -> Result<PathBuf, PathProblem> {
        let parts = checked_parts(key)?;
        if !FileKind::of(key).is_document() {
            return Err(PathProblem(messages::not_a_page(key)));
        }
        self.resolve(key, &parts)
    }

    /// The key of a new page in the folder of the section `section_key` (`symboler/_index.md`),
    /// slugged from `title`: `symboler/slug/index.md` when `bundle`, else `symboler/slug.md`.
    /// Refused when a page or folder of that name exists.
    pub fn new_page_key(
        &self,
        section_key: &str,
        title: &str,
        bundle: bool,
    ) -> Result<String, PathProblem> {
        let section_file = self.section_file(section_key)?;
        let slug = slugify(title);
        if slug.is_empty() {
            return Err(PathProblem(messages::title_without_letters(title)));
        }
        let folder = folder_of(section_key);
        let key = if bundle {
            format!("{folder}{slug}/index.md")
        } else {
            format!("{folder}{slug}.md")
        };
        let expected = if bundle {
            FileKind::BundlePage
        } else {
            FileKind::Page
        };
        if FileKind::of(&key) != expected {
            return Err(PathProblem(messages::reserved_title(title)));
        }
        let section_dir = section_file.parent().unwrap_or(&self.dir);
        if let Some(existing) = same_slug(section_dir, &slug)? {
            return Err(PathProblem(messages::page_exists(
                title,
                &format!("{folder}{existing}"),
            )));
        }
        self.file_for_write(&key)?;
        Ok(key)
    }

    /// Where an upload named `file_name` goes in the bundle of `page_key`: its slugged name
    /// and file. Refused unless the page is a bundle and the name ends in one of `extensions`.
    /// The file may exist: uploading a file of the same name again replaces it.
    pub fn upload_target(
        &self,
        page_key: &str,
        file_name: &str,
        extensions: &[&str],
    ) -> Result<(String, PathBuf), PathProblem> {
        let parts = checked_parts(page_key)?;
        if FileKind::of(page_key) != FileKind::BundlePage {
            return Err(PathProblem(messages::not_a_bundle(page_key)));
        }
        if !self.resolve(page_key, &parts)?.is_file() {
            return Err(PathProblem(messages::page_missing(page_key)));
        }
        let name = upload_name(file_name, extensions)?;
        let key = format!("{}{name}", folder_of(page_key));
        let parts = checked_parts(&key)?;
        let path = self.resolve(&key, &parts)?;
        Ok((name, path))
    }

    /// The section key (`a/b/_index.md`) of the content folder `folder` (`a/b`, or `.` for
    /// content/ itself), which must hold an `_index.md`.
    pub fn section_of_folder(&self, folder: &str) -> Result<String, PathProblem> {
        let folder = folder.trim_end_matches('/');
        let key = if folder.is_empty() || folder == "." {
            // The site's own front page: its pages sit at the top of content/.
            "_index.md".to_string()
        } else {
            checked_parts(folder)?;
            format!("{folder}/_index.md")
        };
        if fs::symlink_metadata(self.dir.join(&key)).is_err() {
            return Err(PathProblem(messages::unknown_section(
                folder,
                &self.sections(),
            )));
        }
        self.section_file(&key)?;
        Ok(key)
    }

    /// Every section's folder (`symboler`, `a/b`) but the site's root, sorted.
    pub fn sections(&self) -> Vec<String> {
        let mut ignored = Vec::new();
        crate::content::discover::walk_files(&self.dir, &mut ignored)
            .into_iter()
            .filter(|(key, _)| FileKind::of(key) == FileKind::Section && key != "_index.md")
            .map(|(key, _)| folder_of(&key).trim_end_matches('/').to_string())
            .collect()
    }

    /// The existing `_index.md` of a section, checked like any file the editor writes.
    fn section_file(&self, section_key: &str) -> Result<PathBuf, PathProblem> {
        let parts = checked_parts(section_key)?;
        if FileKind::of(section_key) != FileKind::Section {
            return Err(PathProblem(messages::not_a_section(section_key)));
        }
        let path = self.resolve(section_key, &parts)?;
        if !path.is_file() {
            return Err(PathProblem(messages::not_a_section(section_key)));
        }
        Ok(path)
    }

    /// `parts` joined onto the content folder, refused when anything on the way is a symlink
    /// or not what it must be, or when more than the folder of a new bundle is missing.
    fn resolve(&self, key: &str, parts: &[&str]) -> Result<PathBuf, PathProblem> {
        let mut path = self.dir.clone();
        let mut existing = self.dir.clone();
        for (index, part) in parts.iter().enumerate() {
            path.push(part);
            let last = index + 1 == parts.len();
            let shown = parts[..=index].join("/");
            match fs::symlink_metadata(&path) {
                Ok(meta) if meta.file_type().is_symlink() => {
                    return Err(PathProblem(messages::symlink(key, &shown)))
                }
                Ok(meta) if last && !meta.is_file() => {
                    return Err(PathProblem(messages::not_a_file(key)))
                }
                Ok(meta) if !last && !meta.is_dir() => {
                    return Err(PathProblem(messages::not_a_folder(key, &shown)))
                }
                Ok(_) => existing.clone_from(&path),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    let missing = parts.len() - index;
                    // Only a new bundle may need a folder, its own: `a/new/index.md`.
                    let new_bundle = missing == 2 && FileKind::of(key) == FileKind::BundlePage;
                    if missing > 1 && !new_bundle {
                        return Err(PathProblem(messages::missing_folder(key, &shown)));
                    }
                    path.extend(&parts[index + 1..]);
                    break;
                }
                Err(e) => return Err(PathProblem(messages::unreadable(&shown, &e))),
            }
        }
        // The walk saw no link, but a folder could have been swapped for one since: the
        // deepest existing folder must still be inside content/ as the system resolves it.
        let folder = if existing == path {
            existing.parent().unwrap_or(&self.dir).to_path_buf()
        } else {
            existing
        };
        match folder.canonicalize() {
            Ok(real) if real.starts_with(&self.dir) => Ok(path),
            _ => Err(PathProblem(messages::outside_content(key))),
        }
    }
}

/// Whether a new page of the section `section_key` gets a folder of its own (`slug/index.md`)
/// rather than a file (`slug.md`): when its collection has a `file` field, which needs the
/// folder to hold the file, or else when most of the section's pages already are folders.
pub fn new_page_is_bundle(config: &Config, content: &ContentRoot, section_key: &str) -> bool {
    let collection = config.collections.iter().find(|c| c.lists(section_key));
    if collection.is_some_and(|c| has_file_field(&c.fields)) {
        return true;
    }
    let Ok(parts) = checked_parts(section_key) else {
        return false;
    };
    let section_dir = content.dir.join(parts[..parts.len() - 1].join("/"));
    let Ok(entries) = fs::read_dir(section_dir) else {
        return false;
    };
    let (mut bundles, mut files) = (0, 0);
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if is_junk(&name) {
            continue;
        } else if kind.is_dir() && entry.path().join("index.md").is_file() {
            bundles += 1;
        } else if kind.is_file() && FileKind::of(&name) == FileKind::Page {
            files += 1;
        }
    }
    bundles > files
}

fn has_file_field(fields: &FieldSpecs) -> bool {
    fields
        .values()
        .any(|f| f.kind == FieldKind::File || has_file_field(&f.fields))
}

/// The parts of a content key, refused when it could point anywhere but inside `content/`
/// or at a name the site ignores.
fn checked_parts(key: &str) -> Result<Vec<&str>, PathProblem> {
    if key.is_empty() {
        return Err(PathProblem(messages::EMPTY_PATH.into()));
    }
    if key.contains('\0') {
        return Err(PathProblem(messages::bad_character(key, "ett NUL-tecken")));
    }
    if key.contains('\\') {
        return Err(PathProblem(messages::bad_character(
            key,
            "ett omvänt snedstreck (\\)",
        )));
    }
    if key.starts_with('/') || Path::new(key).is_absolute() || has_drive(key) {
        return Err(PathProblem(messages::absolute_path(key)));
    }
    let parts: Vec<&str> = key.split('/').collect();
    for part in &parts {
        if part.is_empty() || *part == "." || *part == ".." || is_junk(part) {
            return Err(PathProblem(messages::bad_component(key, part)));
        }
    }
    Ok(parts)
}

/// `C:…`: absolute on Windows, and never a name a content file needs.
fn has_drive(key: &str) -> bool {
    let bytes = key.as_bytes();
    bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':'
}

/// The folder part of a key with its slash (`a/b/_index.md` → `a/b/`), `""` at the root.
fn folder_of(key: &str) -> &str {
    crate::content::discover::parent_dir(key)
}

/// The entry of `dir` (a file `name.md`, or a folder) whose page would have the URL slug
/// `slug`, with `/` after a folder's name.
fn same_slug(dir: &Path, slug: &str) -> Result<Option<String>, PathProblem> {
    let entries = fs::read_dir(dir)
        .map_err(|e| PathProblem(messages::unreadable(&dir.display().to_string(), &e)))?;
    let mut names: Vec<(String, bool)> = entries
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            let is_dir = entry.file_type().ok()?.is_dir();
            Some((name, is_dir))
        })
        .collect();
    names.sort();
    for (name, is_dir) in names {
        let stem = if is_dir {
            name.as_str()
        } else if FileKind::of(&name) == FileKind::Page {
            crate::content::kind::page_stem(&name)
        } else {
            continue;
        };
        if slugify(strip_date_prefix(stem).0) == slug || name == slug {
            return Ok(Some(if is_dir { format!("{name}/") } else { name }));
        }
    }
    Ok(None)
}

/// `Åsa Öberg – VBE!.PNG` → `asa-oberg-vbe.png`, refused unless its type is in `extensions`.
fn upload_name(file_name: &str, extensions: &[&str]) -> Result<String, PathProblem> {
    // Some browsers send the whole path the file came from.
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    let Some((stem, extension)) = base.rsplit_once('.') else {
        return Err(PathProblem(messages::upload_without_extension(
            base, extensions,
        )));
    };
    let extension = extension.to_ascii_lowercase();
    if !extensions
        .iter()
        .any(|e| e.eq_ignore_ascii_case(&extension))
    {
        return Err(PathProblem(messages::upload_type_refused(base, extensions)));
    }
    let slug = slugify(stem);
    if slug.is_empty() {
        return Err(PathProblem(messages::upload_name_without_letters(base)));
    }
    let name = format!("{slug}.{extension}");
    if FileKind::of(&name) != FileKind::Asset {
        return Err(PathProblem(messages::upload_is_a_page(base)));
    }
    Ok(name)
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename, so a
/// reader sees the old file or the new one, never half of one. Refuses to write through a
/// symbolic link; creates the file's folder when it is missing but its parent exists (the
/// folder of a new bundle, which [`ContentRoot::file_for_write`] allowed), nothing more.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_through_temporary(path, bytes, true)
}

/// [`write_atomically`] for a new file: fails with `AlreadyExists`, writing nothing, when a
/// file of that name appeared since its name was chosen.
pub fn create_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_through_temporary(path, bytes, false)
}

fn write_through_temporary(path: &Path, bytes: &[u8], replace: bool) -> std::io::Result<()> {
    use std::io::{Error, ErrorKind};
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .ok_or_else(|| Error::new(ErrorKind::InvalidInput, "the path has no folder"))?;
    let existing = match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            return Err(Error::new(
                ErrorKind::InvalidInput,
                "refusing to write through a symbolic link",
            ))
        }
        Ok(meta) if !meta.is_file() => {
            return Err(Error::new(
                ErrorKind::InvalidInput,
                "the path is not a file",
            ))
        }
        Ok(meta) => Some(meta),
        Err(e) if e.kind() == ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    match fs::symlink_metadata(parent) {
        Ok(meta) if meta.is_dir() => {}
        Ok(_) => {
            return Err(Error::new(
                ErrorKind::InvalidInput,
                "the file's folder is a symbolic link or a file",
            ))
        }
        Err(e) if e.kind() == ErrorKind::NotFound => fs::create_dir(parent)?,
        Err(e) => return Err(e),
    }
    // Hidden and ending in .tmp: discovery and the watcher skip it while it exists.
    let mut temp = tempfile::Builder::new()
        .prefix(".lots-edit-")
        .suffix(".tmp")
        .tempfile_in(parent)?;
    if let Some(permissions) = existing
        .map(|m| m.permissions())
        .or_else(new_file_permissions)
    {
        temp.as_file().set_permissions(permissions)?;
    }
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    if replace {
        temp.persist(path).map_err(|e| e.error)?;
    } else {
        temp.persist_noclobber(path).map_err(|e| e.error)?;
    }
    sync_folder(parent);
    Ok(())
}

/// A temporary file is readable by its owner only; a new page should be readable as its
/// neighbours are.
#[cfg(unix)]
fn new_file_permissions() -> Option<fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(fs::Permissions::from_mode(0o644))
}

/// Elsewhere a new file inherits its folder's access rules.
#[cfg(not(unix))]
fn new_file_permissions() -> Option<fs::Permissions> {
    None
}

/// Makes the rename itself durable. Best effort: a folder cannot be opened for this on
/// every system, and the file's own bytes are already on disk.
fn sync_folder(folder: &Path) {
    #[cfg(unix)]
    if let Ok(dir) = fs::File::open(folder) {
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = folder;
}

#[cfg(test)]
#[path = "paths_tests.rs"]
mod tests;
