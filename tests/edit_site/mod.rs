//! The repository's example site (content/, config.yaml, themes/) copied into a temporary
//! folder and served with `lots serve --edit`, for the editor's browser tests and the
//! screenshot of the editor. The copy keeps the repository's own files untouched by saves.

#![allow(dead_code)]

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// A running `lots serve --edit` on a copy of the example site, stopped when dropped.
pub struct EditServer {
    child: Child,
    /// `http://127.0.0.1:PORT/`
    pub url: String,
    /// The copied site's root.
    pub root: PathBuf,
    _tmp: tempfile::TempDir,
}

impl Drop for EditServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn copy_dir(from: &Path, to: &Path) {
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

/// Copies the example site and starts `lots serve --edit` on it, on a free loopback port.
pub fn serve_example_site() -> EditServer {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let root = tmp.path().join("site");
    copy_dir(&repo().join("content"), &root.join("content"));
    copy_dir(&repo().join("themes"), &root.join("themes"));
    fs::copy(repo().join("config.yaml"), root.join("config.yaml")).expect("copy config.yaml");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_lots"))
        .args(["serve", "--edit", "--root"])
        .arg(&root)
        .args(["--port", &port.to_string()])
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start lots serve --edit");
    let stdout = child.stdout.take().expect("stdout");
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(rest) = line.strip_prefix("Serving http://") {
                let _ = sender.send(rest.split('/').next().unwrap_or("").to_string());
            }
        }
    });
    let address = receiver
        .recv_timeout(Duration::from_secs(60))
        .expect("lots serve --edit printed its address");
    EditServer {
        child,
        url: format!("http://{address}/"),
        root,
        _tmp: tmp,
    }
}

/// Runs a browser script with node from the repository and fails with its report if it fails.
pub fn run_node(script: &str, args: &[&str]) {
    let output = Command::new("node")
        .arg(repo().join(script))
        .args(args)
        .current_dir(repo())
        .output()
        .unwrap_or_else(|e| panic!("cannot run `node` ({e}); install Node.js"));
    let stdout = String::from_utf8_lossy(&output.stdout);
    println!("{stdout}");
    assert!(
        output.status.success(),
        "browser checks failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
