//! Faults a build must survive without harm to the published site: a disk that fills up
//! while the new site is written, and a build killed at any moment. Each leaves the output
//! folder whole (the old site or the new one), leaves nothing behind once a build succeeds,
//! and a failure says what happened. (A damaged image cache: `image_cache.rs`.)

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{fixture, list_files, snapshot};

/// The page the tests edit, so that a successful build changes the output.
const PAGE: &str = "content/guider/forsta.md";

/// Staging folders and old sites moved aside, which no finished build may leave behind.
fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .expect("read the site root")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".lots-staging-") || n.starts_with(".lots-old-"))
        .collect()
}

#[test]
fn a_full_disk_leaves_the_previous_site_and_says_so() {
    if !cfg!(debug_assertions) {
        eprintln!("skipped: the full-disk hook (LOTS_FAIL_WRITE_AFTER) is in debug builds only");
        return;
    }
    let site = fixture("basic");
    site.build_ok(&[]);
    let before = snapshot(&site.public());
    let page = std::fs::read_to_string(site.path(PAGE)).expect("read the page");
    site.write(PAGE, page.replace("Han sa", "Hon sa"));
    let public = site.public().display().to_string();
    // The first write, one in the middle, and one of the last the build makes itself (the
    // marker, the manifest and the service worker are written after the sink's files).
    for after in [1, before.len() / 2, before.len() - 5] {
        let run = site.build_with_env(&[("LOTS_FAIL_WRITE_AFTER", &after.to_string())]);
        assert_eq!(run.code, 1, "write {after}: {}\n{}", run.stdout, run.stderr);
        let said = run
            .stderr
            .lines()
            .find(|l| l.starts_with("Bygget misslyckades:"))
            .unwrap_or_else(|| panic!("no `Bygget misslyckades` line:\n{}", run.stderr));
        let head = format!("Bygget misslyckades: kan inte skriva {public}/");
        let tail = format!(
            ": disken är full; frigör utrymme (töm papperskorgen, ta bort gamla filer) och \
             försök igen. Den förra webbplatsen i {public} är kvar som den var"
        );
        assert!(
            said.starts_with(&head) && said.ends_with(&tail),
            "write {after}: `{said}`"
        );
        assert!(
            snapshot(&site.public()) == before,
            "write {after}: the failed build changed public/: {:?}",
            list_files(&site.public())
        );
        assert_eq!(leftovers(&site.root), Vec::<String>::new(), "write {after}");
    }
    // With room on the disk again, the edit is published.
    let run = site.build_ok(&[]);
    run.assert_contains("guider/forsta/index.html", "Hon sa");
}

/// A small random number generator with a fixed seed: the same delays on every run.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, bound: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % bound
    }
}

#[test]
fn a_build_killed_at_any_moment_leaves_the_old_site_or_the_new_one() {
    let site = fixture("basic");
    let first = std::fs::read_to_string(site.path(PAGE)).expect("read the page");
    let versions = [first.clone(), first.replace("Han sa", "Hon sa")];
    site.write(PAGE, &versions[1]);
    site.build_ok(&[]);
    let sites = [Vec::new(), snapshot(&site.public())];
    site.write(PAGE, &versions[0]);
    // The slowest of three builds: the kills are spread over that and a little more.
    let mut took = Duration::ZERO;
    for _ in 0..3 {
        let started = Instant::now();
        site.build_ok(&[]);
        took = took.max(started.elapsed());
    }
    let sites = [snapshot(&site.public()), sites[1].clone()];
    assert!(
        sites[0] != sites[1],
        "the two versions publish the same site"
    );
    let mut random = Lcg(19);
    let mut killed_while_running = 0;
    for run in 0..25 {
        // Each run builds the other version, so a finished build changes public/.
        let wanted = (run + 1) % 2;
        site.write(PAGE, &versions[wanted]);
        let delay = took.mul_f64(random.below(110) as f64 / 100.0);
        let mut child = Command::new(env!("CARGO_BIN_EXE_lots"))
            .args(["build", "--root"])
            .arg(&site.root)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start lots build");
        std::thread::sleep(delay);
        let running = child.try_wait().expect("poll the build").is_none();
        killed_while_running += usize::from(running);
        child.kill().expect("kill the build"); // SIGKILL: no clean-up runs
        child.wait().expect("reap the build");
        let now = snapshot(&site.public());
        assert!(
            now == sites[0] || now == sites[1],
            "run {run}, killed after {delay:?}: public/ is neither the old site nor the new \
             one: {:?}",
            list_files(&site.public())
        );
        // The next build finishes, publishes the version in content/, and clears what the
        // killed one left (a build that was done before the kill was that build itself).
        if running {
            site.build_ok(&[]);
        }
        assert!(snapshot(&site.public()) == sites[wanted], "run {run}");
        assert_eq!(leftovers(&site.root), Vec::<String>::new(), "run {run}");
    }
    println!("{killed_while_running} of 25 builds were killed while running (builds took up to {took:?})");
    assert!(
        killed_while_running >= 5,
        "only {killed_while_running} of 25 kills landed during a build"
    );
}
