//! Fixture harness for the integration tests: copies a site from `tests/fixtures/NAME` into a
//! fresh temporary folder, runs the real `lots` binary on it and reads what it wrote.
//!
//! Every helper panics with enough context (the command's stderr, the file's text, the list
//! of written files) to see why a test failed without re-running it by hand.

#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A fixture site copied into its own temporary folder.
pub struct Site {
    _tmp: tempfile::TempDir,
    /// The site root (holds config.yaml and content/).
    pub root: PathBuf,
}

/// What one run of the binary did.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    /// The output folder of a `build` run (`--output`, else ROOT/public).
    pub out: PathBuf,
}

/// The folder of a fixture in the repository.
pub fn fixture_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
        .join(name)
}

/// Copies `tests/fixtures/NAME` into a fresh temporary folder.
pub fn fixture(name: &str) -> Site {
    let source = fixture_dir(name);
    assert!(source.is_dir(), "no fixture {}", source.display());
    let tmp = tempfile::tempdir().expect("temp dir");
    let root = tmp.path().join("site");
    copy_dir(&source, &root);
    Site { _tmp: tmp, root }
}

/// A fresh temporary folder with no site in it: `root` does not exist yet (for `lots init`).
pub fn empty() -> Site {
    let tmp = tempfile::tempdir().expect("temp dir");
    let root = tmp.path().join("site");
    Site { _tmp: tmp, root }
}

pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap_or_else(|e| panic!("create {}: {e}", to.display()));
    for entry in fs::read_dir(from).unwrap_or_else(|e| panic!("read {}: {e}", from.display())) {
        let entry = entry.expect("dir entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target)
                .unwrap_or_else(|e| panic!("copy {}: {e}", entry.path().display()));
        }
    }
}

impl Site {
    /// A path inside the site root.
    pub fn path(&self, relative: &str) -> PathBuf {
        self.root.join(relative)
    }

    /// A path beside the site root, inside the same temporary folder (for `--output`).
    pub fn beside(&self, name: &str) -> PathBuf {
        self.root.parent().expect("root has a parent").join(name)
    }

    /// The default output folder, ROOT/public.
    pub fn public(&self) -> PathBuf {
        self.root.join("public")
    }

    /// Writes (or replaces) a file in the site, creating its folders.
    pub fn write(&self, relative: &str, contents: impl AsRef<[u8]>) {
        let path = self.path(relative);
        fs::create_dir_all(path.parent().expect("parent")).expect("create parent");
        fs::write(&path, contents).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
    }

    pub fn remove(&self, relative: &str) {
        let path = self.path(relative);
        fs::remove_file(&path).unwrap_or_else(|e| panic!("remove {}: {e}", path.display()));
    }

    /// The path an error message names for a content file: the root as passed with `--root`
    /// joined with `content/...`.
    pub fn shown(&self, relative: &str) -> String {
        self.path(relative).display().to_string()
    }

    /// `lots build --root ROOT ARGS...`
    pub fn build(&self, args: &[&str]) -> Run {
        let mut full = vec![
            "build".to_string(),
            "--root".to_string(),
            self.root.display().to_string(),
        ];
        full.extend(args.iter().map(|a| a.to_string()));
        let out = match args.iter().position(|a| *a == "--output" || *a == "-o") {
            Some(i) => PathBuf::from(args[i + 1]),
            None => self.public(),
        };
        run_lots(&full, &self.root, out)
    }

    /// `lots build --root ROOT` with `env` set, into ROOT/public.
    pub fn build_with_env(&self, env: &[(&str, &str)]) -> Run {
        let args = [
            "build".to_string(),
            "--root".to_string(),
            self.root.display().to_string(),
        ];
        run_lots_with_env(&args, &self.root, self.public(), env)
    }

    /// Builds and insists that the build succeeded.
    pub fn build_ok(&self, args: &[&str]) -> Run {
        let run = self.build(args);
        run.assert_success();
        run
    }
}

/// Runs the real binary with `args` in `cwd`.
pub fn run_lots(args: &[String], cwd: &Path, out: PathBuf) -> Run {
    run_lots_with_env(args, cwd, out, &[])
}

/// [`run_lots`] with these variables set.
pub fn run_lots_with_env(args: &[String], cwd: &Path, out: PathBuf, env: &[(&str, &str)]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_lots"))
        .args(args)
        .current_dir(cwd)
        .envs(env.iter().copied())
        .env("NO_COLOR", "1")
        .output()
        .expect("run the lots binary");
    let run = Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        out,
    };
    assert!(
        !run.stderr.contains("panicked") && !run.stdout.contains("panicked"),
        "lots panicked on {args:?}:\n{}",
        run.stderr
    );
    run
}

impl Run {
    pub fn assert_success(&self) {
        assert_eq!(
            self.code, 0,
            "build failed\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
    }

    /// Asserts exit code 1 (content errors).
    pub fn assert_content_error(&self) {
        assert_eq!(
            self.code, 1,
            "expected exit 1\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
    }

    /// Asserts that stderr holds an error `PATH:LINE:COL: ...message...` on one line, followed by
    /// the offending source line.
    pub fn assert_error_at(
        &self,
        path: &str,
        line: usize,
        column: usize,
        message: &str,
        source_line: &str,
    ) {
        let head = format!("{path}:{line}:{column}: ");
        let lines: Vec<&str> = self.stderr.lines().collect();
        let Some(index) = lines.iter().position(|l| l.starts_with(&head)) else {
            panic!(
                "no error starting with `{head}` in stderr:\n{}",
                self.stderr
            );
        };
        assert!(
            lines[index].contains(message),
            "error `{}` does not mention `{message}`; stderr:\n{}",
            lines[index],
            self.stderr
        );
        let quoted = lines.get(index + 1).copied().unwrap_or("");
        assert_eq!(
            quoted,
            format!(" {line} | {source_line}"),
            "the error is not followed by its source line; stderr:\n{}",
            self.stderr
        );
    }

    /// Asserts that stderr names `path` in an error (with or without a position).
    pub fn assert_error_names(&self, path: &str, message: &str) {
        let found = self
            .stderr
            .lines()
            .any(|l| l.starts_with(path) && l.contains(message));
        assert!(
            found,
            "no error for `{path}` mentioning `{message}` in stderr:\n{}",
            self.stderr
        );
    }

    /// The summary after the errors: `Build failed: …`, or in a Swedish site `Bygget misslyckades: …`.
    pub fn error_summary(&self) -> String {
        self.stderr
            .lines()
            .find(|l| l.starts_with("Build failed") || l.starts_with("Bygget misslyckades"))
            .unwrap_or("")
            .to_string()
    }

    /// A path in the output folder.
    pub fn file(&self, relative: &str) -> PathBuf {
        self.out.join(relative)
    }

    /// Reads an output file, listing what was written when it is missing.
    pub fn read(&self, relative: &str) -> String {
        let path = self.file(relative);
        fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "cannot read output {relative} ({e}); written files:\n{}",
                list_files(&self.out).join("\n")
            )
        })
    }

    pub fn assert_file(&self, relative: &str) {
        assert!(
            self.file(relative).is_file(),
            "output {relative} is missing; written files:\n{}",
            list_files(&self.out).join("\n")
        );
    }

    pub fn assert_no_file(&self, relative: &str) {
        assert!(
            !self.file(relative).exists(),
            "output {relative} should not exist"
        );
    }

    pub fn assert_contains(&self, relative: &str, needle: &str) {
        let text = self.read(relative);
        assert!(
            text.contains(needle),
            "{relative} does not contain `{needle}`:\n{text}"
        );
    }

    pub fn assert_not_contains(&self, relative: &str, needle: &str) {
        let text = self.read(relative);
        assert!(
            !text.contains(needle),
            "{relative} should not contain `{needle}`:\n{text}"
        );
    }

    /// Every file in the output, relative and sorted.
    pub fn files(&self) -> Vec<String> {
        list_files(&self.out)
    }
}

/// Every file under `dir`, as sorted `/`-separated relative paths.
pub fn list_files(dir: &Path) -> Vec<String> {
    let mut files = Vec::new();
    walk(dir, dir, &mut files);
    files.sort();
    files
}

fn walk(base: &Path, dir: &Path, files: &mut Vec<String>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let file_type = entry.file_type().expect("file type");
        if file_type.is_dir() {
            walk(base, &path, files);
        } else {
            let relative = path.strip_prefix(base).expect("under base");
            let parts: Vec<String> = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            files.push(parts.join("/"));
        }
    }
}

/// Every file with its bytes, to prove a folder was left exactly as it was.
pub fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    list_files(dir)
        .into_iter()
        .map(|f| {
            let bytes = fs::read(dir.join(&f)).expect("read snapshot file");
            (f, bytes)
        })
        .collect()
}

/// How many times `needle` occurs in `text`.
pub fn count(text: &str, needle: &str) -> usize {
    text.matches(needle).count()
}
pub mod nginx;
pub mod serve;
pub mod xml;

/// A PNG of `width` × `height` with a gradient, so that resized copies differ from it.
pub fn png(width: u32, height: u32) -> Vec<u8> {
    use image::{DynamicImage, ImageFormat, RgbImage};
    let image = DynamicImage::ImageRgb8(RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 251) as u8, (y % 241) as u8, 90])
    }));
    let mut bytes = std::io::Cursor::new(Vec::new());
    image
        .write_to(&mut bytes, ImageFormat::Png)
        .expect("encode");
    bytes.into_inner()
}

/// Builds the site at `root` into `out` with `extra` arguments, and checks that it built.
pub fn build_site(root: &Path, out: &Path, extra: &[&str]) -> Run {
    let mut args: Vec<String> = vec![
        "build".into(),
        "--root".into(),
        root.display().to_string(),
        "--output".into(),
        out.display().to_string(),
    ];
    args.extend(extra.iter().map(|a| a.to_string()));
    let run = run_lots(&args, root, out.to_path_buf());
    run.assert_success();
    run
}

/// Builds the example site of the repository (its `content/`) into a fresh temporary folder,
/// with `extra` arguments, and checks that it built. Keep the folder while reading `Run.out`.
pub fn build_example_site(extra: &[&str]) -> (tempfile::TempDir, Run) {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let out = tmp.path().join("public");
    let mut args: Vec<String> = ["build", "--root", env!("CARGO_MANIFEST_DIR"), "--output"]
        .map(String::from)
        .to_vec();
    args.push(out.display().to_string());
    args.extend(extra.iter().map(|a| a.to_string()));
    let run = run_lots(&args, tmp.path(), out);
    run.assert_success();
    (tmp, run)
}

/// The repository's example site (content/, config.yaml, themes/) copied into a temporary
/// folder, so that what a test saves never touches the repository's own files.
pub fn example_site() -> Site {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().expect("temp dir");
    let root = tmp.path().join("site");
    copy_dir(&repo.join("content"), &root.join("content"));
    copy_dir(&repo.join("themes"), &root.join("themes"));
    fs::copy(repo.join("config.yaml"), root.join("config.yaml")).expect("copy config.yaml");
    Site { _tmp: tmp, root }
}

/// Runs a script of the repository with node, `input` as JSON on its standard input, and
/// returns the JSON it prints; fails with its standard error when it fails.
pub fn node_json(script: &str, input: &serde_json::Value) -> serde_json::Value {
    use std::io::Write;
    use std::process::Stdio;
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join(script);
    let mut child = Command::new("node")
        .arg(&script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run `node` ({e}); install Node.js to run this test"));
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.to_string().as_bytes())
        .expect("write to node");
    let output = child.wait_with_output().expect("node finishes");
    assert!(
        output.status.success(),
        "node {} failed:\n{}",
        script.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("node prints JSON")
}

/// Runs a browser script of the repository with node, `args` after it, and fails with its
/// report when any of its checks failed; returns what it printed.
pub fn run_node<S: AsRef<std::ffi::OsStr>>(script: &str, args: &[S]) -> String {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    assert!(
        repo.join("node_modules/playwright-core").is_dir(),
        "node_modules/playwright-core is missing: run `npm ci` (or tools/setup-tests) first"
    );
    let output = Command::new("node")
        .arg(repo.join(script))
        .args(args)
        .current_dir(repo)
        .output()
        .unwrap_or_else(|e| panic!("cannot run `node` ({e}); install Node.js"));
    let stdout = String::from_utf8_lossy(&output.stdout);
    println!("{stdout}");
    assert!(
        output.status.success(),
        "browser checks failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout.into_owned()
}
