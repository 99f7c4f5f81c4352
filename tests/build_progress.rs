//! A build shows its progress on a terminal, and nothing of it when its output goes to a file
//! or a pipe (a log, a CI job). The bar waits a second before it shows; the tests set the wait
//! to nothing (`LOTS_PROGRESS_AFTER_MS=0`) so that a small site shows it too.

mod common;

use std::process::Command;

use common::fixture;

/// Runs `lots build` for `root` under `script`, which gives it a terminal; returns what the
/// terminal showed.
fn build_on_terminal(root: &std::path::Path, out: &std::path::Path) -> String {
    let command = format!(
        "{} build --root '{}' --output '{}'",
        env!("CARGO_BIN_EXE_lots"),
        root.display(),
        out.display()
    );
    let shown = Command::new("script")
        .args(["-qefc", &command, "/dev/null"])
        .env("LOTS_PROGRESS_AFTER_MS", "0")
        .env("NO_COLOR", "1")
        .output()
        .expect("run `script` (util-linux)");
    assert!(shown.status.success(), "the build failed: {shown:?}");
    String::from_utf8_lossy(&shown.stdout).into_owned()
}

#[test]
fn a_terminal_shows_the_pages_counted() {
    let site = fixture("basic");
    let shown = build_on_terminal(&site.root, &site.public());
    assert!(
        shown.contains(" sidor "),
        "no progress bar on the terminal:\n{shown}"
    );
    let counted = counts_shown(&shown);
    assert!(counted > 0, "no `N/M sidor` shown:\n{shown}");
    assert!(
        shown.contains("Byggde "),
        "the summary follows the bar:\n{shown}"
    );
}

#[test]
fn a_pipe_gets_no_progress_bar() {
    let site = fixture("basic");
    let run = Command::new(env!("CARGO_BIN_EXE_lots"))
        .args(["build", "--root"])
        .arg(&site.root)
        .env("LOTS_PROGRESS_AFTER_MS", "0")
        .env("NO_COLOR", "1")
        .output()
        .expect("run lots");
    assert!(run.status.success());
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(!stderr.contains("sidor"), "a bar in a pipe:\n{stderr}");
    assert!(
        !stderr.contains('\u{1b}'),
        "terminal codes in a pipe:\n{stderr:?}"
    );
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(stdout.contains("Byggde "), "{stdout}");
}

/// How many `N/M sidor` the terminal showed.
fn counts_shown(shown: &str) -> usize {
    shown
        .match_indices(" sidor ")
        .filter(|(at, _)| {
            let before = &shown[..*at];
            let word = before.rsplit(' ').next().unwrap_or("");
            word.split_once('/')
                .is_some_and(|(n, m)| n.parse::<u32>().is_ok() && m.parse::<u32>().is_ok())
        })
        .count()
}
