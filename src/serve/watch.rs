//! Watches the site's folders and turns file events into a few kinds of change, so that each
//! kind does the least work: a page edit re-renders what shows that page, a template edit the
//! files using it, a static file edit only reloads the browser; anything else the whole site.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify::event::ModifyKind;
use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{new_debouncer, DebounceEventResult};

use crate::config::{CONFIG_FILE, ZOLA_CONFIG_FILES};
use crate::content::discover::is_junk;
use crate::content::kind::FileKind;

/// Editors write a temp file and rename it, or save several times in a burst; events closer
/// than this are handled as one change.
const DEBOUNCE: Duration = Duration::from_millis(15);

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// A page's Markdown file, by content key: edited, created or deleted.
    Page(String),
    /// A template, by its name (`page.html`, `collections/symbol.html`).
    Template(String),
    /// A file in a `static/` folder, by its output path (`style.css`).
    Static(String),
    /// Anything else that needs the whole site loaded again: a section, a file in
    /// `content/`, the theme's strings, the config, a watched folder created or removed.
    Site,
}

/// Maps a changed path to a change, or `None` for files that are not part of the site.
pub fn classify(root: &Path, path: &Path) -> Option<Change> {
    let relative = path.strip_prefix(root).ok()?;
    let name = relative.file_name()?.to_str()?;
    if is_junk(name) || name == "4913" {
        return None; // editor backups, swap files and vim's write test
    }
    let mut parts = relative.components().map(|c| c.as_os_str().to_str());
    match parts.next()?? {
        first if first == CONFIG_FILE || ZOLA_CONFIG_FILES.contains(&first) => Some(Change::Site),
        "templates" => Some(template_name(parts).map_or(Change::Site, Change::Template)),
        "themes" => {
            parts.next()??; // the theme's name
            match parts.next()?? {
                "templates" => Some(template_name(parts).map_or(Change::Site, Change::Template)),
                "static" => Some(rest(parts).map_or(Change::Site, Change::Static)),
                _ => Some(Change::Site),
            }
        }
        "static" => Some(rest(parts).map_or(Change::Site, Change::Static)),
        "content" => {
            let key: Option<Vec<&str>> = parts.collect();
            let key = key?.join("/");
            Some(match FileKind::of(&key) {
                FileKind::Page | FileKind::BundlePage => Change::Page(key),
                FileKind::Section | FileKind::Asset | FileKind::Misnamed => Change::Site,
            })
        }
        _ => None,
    }
}

/// The rest of a path below a folder, `None` for the folder itself.
fn rest<'a>(parts: impl Iterator<Item = Option<&'a str>>) -> Option<String> {
    let parts: Option<Vec<&str>> = parts.collect();
    Some(parts?.join("/")).filter(|name| !name.is_empty())
}

/// The template name from the rest of a path below a templates folder; standalone pages
/// (`pages/…`) add or remove files, and shortcodes (`shortcodes/…`) change the pages' Markdown
/// (its text, links and headings, not only its HTML), so they reload the whole site.
fn template_name<'a>(parts: impl Iterator<Item = Option<&'a str>>) -> Option<String> {
    rest(parts).filter(|name| !name.starts_with("pages/") && !name.starts_with("shortcodes/"))
}

/// Collapses a batch: one full reload covers everything, pages are listed once.
pub fn merge(changes: impl IntoIterator<Item = Change>) -> Vec<Change> {
    let mut merged: Vec<Change> = Vec::new();
    for change in changes {
        if change == Change::Site {
            return vec![Change::Site];
        }
        if !merged.contains(&change) {
            merged.push(change);
        }
    }
    merged
}

fn is_write(kind: &EventKind) -> bool {
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Modify(_) => true,
        EventKind::Access(_) | EventKind::Any | EventKind::Other => false,
    }
}

/// What a debounced batch of events changed in the site under `base`; a watched folder made
/// while serving goes to `made_folder` instead, to be watched (and the site reloaded).
fn changes_of<'a>(
    base: &Path,
    events: impl IntoIterator<Item = &'a notify::Event>,
    mut made_folder: impl FnMut(PathBuf),
) -> Vec<Change> {
    let mut batch = Vec::new();
    for event in events {
        // The system's queue of events overflowed (a checkout or an unzipped folder of
        // thousands of files at once): which files changed is lost, so the watched folders
        // are watched anew, for the folders made among the lost events, and the whole site is
        // read again once they are (as for a made folder), rather than served stale.
        if event.need_rescan() {
            let mut folders = WATCHED
                .iter()
                .map(|dir| base.join(dir))
                .filter(|folder| folder.is_dir())
                .peekable();
            if folders.peek().is_none() {
                return vec![Change::Site];
            }
            folders.for_each(&mut made_folder);
            return Vec::new();
        }
        // Reading files (the build itself) raises access events: only writes count.
        if !is_write(&event.kind) {
            continue;
        }
        for path in &event.paths {
            if is_watched_folder(base, path) && path.is_dir() {
                made_folder(path.clone());
            } else if let Some(change) = classify(base, path) {
                batch.push(change);
            }
        }
    }
    merge(batch)
}

/// The site's folders that are watched, each with everything below it.
const WATCHED: [&str; 4] = ["content", "templates", "themes", "static"];

/// Whether `path` is one of the watched folders (made or removed while serving).
fn is_watched_folder(root: &Path, path: &Path) -> bool {
    path.parent() == Some(root)
        && path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| WATCHED.contains(&n))
}

/// Starts watching; each debounced batch of changes is sent on `changes`, for as long as the
/// process runs.
pub fn start(root: &Path, changes: mpsc::Sender<Vec<Change>>) -> Result<(), String> {
    let root: PathBuf = root
        .canonicalize()
        .map_err(|e| format!("{}: {e}", root.display()))?;
    let base = root.clone();
    let (new_folders, made_folders) = mpsc::channel::<PathBuf>();
    let folder_changes = changes.clone();
    let mut debouncer = new_debouncer(DEBOUNCE, None, move |result: DebounceEventResult| {
        let Ok(events) = result else { return };
        let batch = changes_of(&base, events.iter().map(|event| &event.event), |folder| {
            let _ = new_folders.send(folder);
        });
        if !batch.is_empty() {
            let _ = changes.send(batch);
        }
    })
    .map_err(|e| format!("cannot watch the site: {e}"))?;
    for dir in WATCHED {
        let path = root.join(dir);
        if path.is_dir() {
            debouncer
                .watch(&path, RecursiveMode::Recursive)
                .map_err(|e| format!("cannot watch {dir}/: {e}"))?;
        }
    }
    debouncer
        .watch(&root, RecursiveMode::NonRecursive)
        .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
    // A watched folder made after the start (the site's first `templates/`, say) is watched
    // from then on. The site is reloaded only once the watch is in place, so a file written
    // into the new folder is seen either by that reload or by the watch. Folders sent
    // together (all of them after an overflow) are all watched before the one reload.
    std::thread::spawn(move || {
        while let Ok(folder) = made_folders.recv() {
            for folder in std::iter::once(folder).chain(made_folders.try_iter()) {
                if let Err(err) = debouncer.watch(&folder, RecursiveMode::Recursive) {
                    eprintln!("cannot watch {}: {err}", folder.display());
                }
            }
            let _ = folder_changes.send(vec![Change::Site]);
        }
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_paths() {
        let root = Path::new("/s");
        assert_eq!(
            classify(root, Path::new("/s/content/a/b.md")),
            Some(Change::Page("a/b.md".into()))
        );
        assert_eq!(
            classify(root, Path::new("/s/content/a/_index.md")),
            Some(Change::Site)
        );
        assert_eq!(
            classify(root, Path::new("/s/templates/page.html")),
            Some(Change::Template("page.html".into()))
        );
        assert_eq!(
            classify(root, Path::new("/s/themes/t/templates/a/b.html")),
            Some(Change::Template("a/b.html".into()))
        );
        assert_eq!(
            classify(root, Path::new("/s/templates/pages/x.html")),
            Some(Change::Site)
        );
        assert_eq!(
            classify(root, Path::new("/s/templates/shortcodes/note.md")),
            Some(Change::Site)
        );
        assert_eq!(
            classify(root, Path::new("/s/themes/t/static/x.css")),
            Some(Change::Static("x.css".into()))
        );
        assert_eq!(
            classify(root, Path::new("/s/static/img/a.png")),
            Some(Change::Static("img/a.png".into()))
        );
        assert_eq!(classify(root, Path::new("/s/static")), Some(Change::Site));
        assert_eq!(classify(root, Path::new("/s/content/a/.b.md.swp")), None);
        assert_eq!(classify(root, Path::new("/s/content/a/b.md~")), None);
        assert_eq!(classify(root, Path::new("/s/public/index.html")), None);
        assert_eq!(
            classify(root, Path::new("/s/config.yaml")),
            Some(Change::Site)
        );
    }

    #[test]
    fn an_overflowed_queue_reloads_the_whole_site() {
        use notify::event::{CreateKind, DataChange, Flag};
        let site = tempfile::tempdir().expect("temp dir");
        let root = site.path().to_path_buf();
        for dir in ["content", "templates"] {
            std::fs::create_dir(root.join(dir)).expect("folder");
        }
        let edit = |path: &str| {
            notify::Event::new(EventKind::Modify(ModifyKind::Data(DataChange::Content)))
                .add_path(root.join(path))
        };
        let read = notify::Event::new(EventKind::Access(notify::event::AccessKind::Any))
            .add_path(root.join("content/c.md"));
        let made = notify::Event::new(EventKind::Create(CreateKind::File))
            .add_path(root.join("content/b.md"));
        let mut folders = Vec::new();
        let pages = changes_of(
            &root,
            &[
                edit("content/a.md"),
                read.clone(),
                made,
                edit("content/a.md"),
            ],
            |f| folders.push(f),
        );
        assert_eq!(
            pages,
            [Change::Page("a.md".into()), Change::Page("b.md".into())]
        );
        let overflowed = notify::Event::new(EventKind::Other).set_flag(Flag::Rescan);
        assert!(folders.is_empty());
        // The folders are watched anew and the site reloaded after that, by `start`'s thread:
        // the batch itself has nothing more.
        let rewatched = changes_of(
            &root,
            &[edit("content/a.md"), overflowed.clone(), read],
            |f| folders.push(f),
        );
        assert_eq!(rewatched, []);
        assert_eq!(folders, [root.join("content"), root.join("templates")]);
        // With no watched folder left to watch, the batch reloads the site itself.
        let bare = tempfile::tempdir().expect("temp dir");
        let all = changes_of(bare.path(), &[overflowed], |f| folders.push(f));
        assert_eq!(all, [Change::Site]);
        assert_eq!(folders.len(), 2);
    }

    /// A content file is a page edit exactly when discovery would load it as a page: names
    /// that only end like a section's or a bundle's are pages, misnamed Markdown and files are
    /// not (a full reload reports or places them).
    #[test]
    fn content_changes_follow_the_file_kind() {
        let root = Path::new("/s");
        for (key, page) in [
            ("a/b/index.md", true),
            ("a/b/myindex.md", true),
            ("a/b/xindex.md", true),
            ("a/my_index.md", true),
            ("a/x_index.md", true),
            ("a/index.md.md", true),
            ("_index.md", false),
            ("a/b/_index.md", false),
            ("a/_index.md.bak", false),
            ("a/Index.md", false),
            ("a/rutin.MD", false),
            ("a/bild.png", false),
        ] {
            let expected = if page {
                Change::Page(key.into())
            } else {
                Change::Site
            };
            let path = Path::new("/s/content").join(key);
            assert_eq!(classify(root, &path), Some(expected), "{key}");
        }
    }

    #[test]
    fn a_full_reload_absorbs_the_rest() {
        let merged = merge([
            Change::Page("a.md".into()),
            Change::Site,
            Change::Page("b.md".into()),
        ]);
        assert_eq!(merged, vec![Change::Site]);
        let merged = merge([Change::Page("a.md".into()), Change::Page("a.md".into())]);
        assert_eq!(merged.len(), 1);
    }
}
