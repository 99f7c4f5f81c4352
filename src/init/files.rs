//! Writing a new site's files all or nothing: every file is created new (an existing one is
//! never replaced), and when one cannot be written, every file and folder made so far is
//! removed again, so a failed `lots init` leaves the folder as it found it.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::Problem;
use crate::args;

/// The files and folders made so far under `root`, removed on drop unless [`Files::keep`].
pub struct Files {
    root: PathBuf,
    made: Vec<PathBuf>,
    kept: bool,
}

impl Files {
    /// Starts writing into `root`, making it (and its missing parents) first.
    pub fn new(root: &Path) -> Result<Files, Problem> {
        let mut files = Files {
            root: root.to_path_buf(),
            made: Vec::new(),
            kept: false,
        };
        files.make_dirs(root)?;
        Ok(files)
    }

    /// Writes `text` as the new file `relative`.
    pub fn write(&mut self, relative: &str, text: &str) -> Result<(), Problem> {
        let path = self.root.join(relative);
        let mut file = self.create(&path)?;
        file.write_all(text.as_bytes())
            .map_err(|err| write_problem(&path, &err))
    }

    /// Copies the file `from` to the new file `relative`.
    pub fn copy(&mut self, from: &Path, relative: &Path) -> Result<(), Problem> {
        let path = self.root.join(relative);
        let mut source = File::open(from).map_err(|err| read_problem(from, &err))?;
        let mut file = self.create(&path)?;
        io::copy(&mut source, &mut file)
            .map(|_| ())
            .map_err(|err| write_problem(&path, &err))
    }

    /// The folder `relative` (empty folders are copied too).
    pub fn folder(&mut self, relative: &Path) -> Result<(), Problem> {
        let path = self.root.join(relative);
        self.make_dirs(&path)
    }

    /// Keeps everything written.
    pub fn keep(mut self) {
        self.kept = true;
    }

    fn create(&mut self, path: &Path) -> Result<File, Problem> {
        if let Some(parent) = path.parent() {
            self.make_dirs(parent)?;
        }
        let file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)
            .map_err(|err| write_problem(path, &err))?;
        self.made.push(path.to_path_buf());
        Ok(file)
    }

    fn make_dirs(&mut self, dir: &Path) -> Result<(), Problem> {
        let missing: Vec<&Path> = dir
            .ancestors()
            .take_while(|a| !a.as_os_str().is_empty() && !a.exists())
            .collect();
        for dir in missing.into_iter().rev() {
            fs::create_dir(dir).map_err(|err| write_problem(dir, &err))?;
            self.made.push(dir.to_path_buf());
        }
        Ok(())
    }
}

impl Drop for Files {
    fn drop(&mut self) {
        if self.kept {
            return;
        }
        for path in self.made.iter().rev() {
            // Best effort: what cannot be removed was at least never half of a replaced file.
            let _ = if path.is_dir() {
                fs::remove_dir(path)
            } else {
                fs::remove_file(path)
            };
        }
    }
}

fn write_problem(path: &Path, err: &io::Error) -> Problem {
    Problem::new(
        "init.write",
        args!("path" => path.display(), "reason" => crate::messages::io::reason(err)),
    )
}

/// A file or folder of the Zola site that cannot be read.
pub(super) fn read_problem(path: &Path, err: &io::Error) -> Problem {
    Problem::new(
        "init.read",
        args!("path" => path.display(), "reason" => crate::messages::io::reason(err)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_removes_everything_written_before_it() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let root = tmp.path().join("ny/sajt");
        let mut files = Files::new(&root).expect("made");
        files.write("content/a.md", "a").expect("written");
        let again = files.write("content/a.md", "b");
        assert_eq!(again.map_err(|p| p.code), Err("init.write"));
        assert_eq!(
            fs::read_to_string(root.join("content/a.md"))
                .ok()
                .as_deref(),
            Some("a")
        );
        drop(files);
        assert!(
            !tmp.path().join("ny").exists(),
            "every folder it made is gone"
        );
    }

    #[test]
    fn kept_files_stay() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let mut files = Files::new(tmp.path()).expect("made");
        files.write("a.md", "a").expect("written");
        files.keep();
        assert!(tmp.path().join("a.md").is_file());
        assert!(tmp.path().is_dir());
    }
}
