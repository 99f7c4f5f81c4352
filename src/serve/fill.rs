//! The pages `serve` renders after it has started. A full load renders the lists, the
//! site-wide files and the search index, then serves; each page's own files are rendered a
//! run at a time while the engine has nothing else to do, the pages a browser waits for
//! first. At 100,000 pages that cuts the wait before the first page is served by more than a
//! third, and a page is never served older than the site: one not rendered yet is waited for.
//! A template edit leaves the pages no browser shows here in the same way ([`Fill::defer`]).

use std::collections::{BTreeMap, HashMap};
use std::sync::{Mutex, RwLock};
use std::time::{Duration, Instant};

use tokio::sync::Notify;

use crate::site::{self, Job, Site};

/// Pages rendered together: small enough that a browser asking for one waits a fraction of
/// a second, large enough that the run is rendered in parallel.
const FILL_RUN: usize = 256;

/// How long a request waits for its page before it is answered as not found.
const WAIT: Duration = Duration::from_secs(60);

/// What the server and the engine share about the pages still to render.
#[derive(Default)]
pub struct Pending {
    /// The output path of each file not rendered yet, with its page's key.
    paths: RwLock<HashMap<String, String>>,
    /// Keys of the pages browsers wait for.
    asked: Mutex<Vec<String>>,
    /// Told whenever pages were rendered, or the rest was given up.
    rendered: Notify,
}

impl Pending {
    fn key_of(&self, path: &str) -> Option<String> {
        self.paths.read().ok()?.get(path).cloned()
    }

    /// Waits until the file at one of `paths` is rendered, when it is one still to render;
    /// returns at once otherwise, and after [`WAIT`] at the latest.
    pub async fn wait_for(&self, paths: &[&str]) {
        let deadline = tokio::time::Instant::now() + WAIT;
        loop {
            // Enabled before the check, so a run rendered between the check and the wait
            // still wakes this request.
            let notified = self.rendered.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            let Some(key) = paths.iter().find_map(|path| self.key_of(path)) else {
                return;
            };
            if let Ok(mut asked) = self.asked.lock() {
                asked.push(key);
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                return;
            }
        }
    }

    fn take_asked(&self) -> Vec<String> {
        self.asked
            .lock()
            .map(|mut asked| std::mem::take(&mut *asked))
            .unwrap_or_default()
    }

    fn remove(&self, paths: impl Iterator<Item = String>) {
        if let Ok(mut pending) = self.paths.write() {
            for path in paths {
                pending.remove(&path);
            }
        }
        self.rendered.notify_waiters();
    }

    fn clear(&self) {
        if let Ok(mut pending) = self.paths.write() {
            pending.clear();
        }
        self.rendered.notify_waiters();
    }
}

/// Whether a job renders one page's own files: those are left to the fill.
pub fn renders_a_page(job: &Job<'_>) -> bool {
    matches!(job, Job::Page(_) | Job::PageOutput(..))
}

/// The engine's side: the pages still to render.
#[derive(Default)]
pub struct Fill {
    /// Each page still to render, with the output paths of its files, in key order: the
    /// order the fill renders them in when no browser waits for one.
    left: BTreeMap<String, Vec<String>>,
    started: Option<Instant>,
    rendered: usize,
}

impl Fill {
    /// Every page of `site` still to render; `pending` learns their paths before anything
    /// else, so a request never finds a page neither served nor pending.
    pub fn of(site: &Site, pending: &Pending) -> Fill {
        let mut left: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut paths = HashMap::new();
        for job in site::jobs(site).iter().filter(|job| renders_a_page(job)) {
            let (Job::Page(page) | Job::PageOutput(page, _)) = job else {
                continue;
            };
            let path = job.path();
            paths.insert(path.clone(), page.doc.key.clone());
            left.entry(page.doc.key.clone()).or_default().push(path);
        }
        if let Ok(mut pending) = pending.paths.write() {
            *pending = paths;
        }
        Fill {
            left,
            started: Some(Instant::now()),
            rendered: 0,
        }
    }

    /// Leaves the files at these (page key, output path) pairs to the fill: they are waited
    /// for, not served, until rendered again. A template edit renders the pages browsers show
    /// at once and leaves the rest here, so that the next change does not wait for them.
    pub fn defer(&mut self, files: Vec<(String, String)>, pending: &Pending) {
        if let Ok(mut waiting) = pending.paths.write() {
            for (key, path) in &files {
                waiting.insert(path.clone(), key.clone());
            }
        }
        for (key, path) in files {
            self.left.entry(key).or_default().push(path);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.left.is_empty()
    }

    /// Whether `job` renders a page that is still to render (a template edit leaves it to
    /// the fill, which renders it with the new template).
    pub fn holds(&self, job: &Job<'_>) -> bool {
        match job {
            Job::Page(page) | Job::PageOutput(page, _) => self.left.contains_key(&page.doc.key),
            _ => false,
        }
    }

    /// The next run to render: the pages browsers wait for, first asked first, then the
    /// first of the rest in key order.
    pub fn next_run(&self, pending: &Pending) -> Vec<String> {
        let mut run: Vec<String> = Vec::new();
        for key in pending.take_asked() {
            if self.left.contains_key(&key) && !run.contains(&key) {
                run.push(key);
            }
        }
        let room = FILL_RUN.saturating_sub(run.len());
        let rest: Vec<String> = (self.left.keys())
            .filter(|key| !run.contains(key))
            .take(room)
            .cloned()
            .collect();
        run.extend(rest);
        run
    }

    /// These pages are rendered (by the fill or by an edit): their paths are served now.
    pub fn done(&mut self, keys: &[String], pending: &Pending) {
        let mut paths = Vec::new();
        for key in keys {
            if let Some(of_key) = self.left.remove(key) {
                self.rendered += 1;
                paths.extend(of_key);
            }
        }
        pending.remove(paths.into_iter());
        if self.left.is_empty() {
            pending.clear();
        }
    }

    /// Gives up the rest (the site failed to load, or was loaded again).
    pub fn clear(&mut self, pending: &Pending) {
        *self = Fill::default();
        pending.clear();
    }

    /// How many pages were rendered, and how long since the load, once all are.
    pub fn finished(&mut self) -> Option<(usize, Duration)> {
        if !self.left.is_empty() {
            return None;
        }
        let started = self.started.take()?;
        Some((self.rendered, started.elapsed()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fill_of(keys: &[&str]) -> Fill {
        let left = keys
            .iter()
            .map(|key| (key.to_string(), vec![format!("{key}/index.html")]))
            .collect();
        Fill {
            left,
            started: Some(Instant::now()),
            rendered: 0,
        }
    }

    fn ask(pending: &Pending, keys: &[&str]) {
        let mut asked = pending.asked.lock().expect("not poisoned");
        asked.extend(keys.iter().map(|key| key.to_string()));
    }

    #[test]
    fn asked_pages_come_first_once_each_then_the_rest_in_key_order() {
        let mut fill = fill_of(&["a.md", "b.md", "c.md", "d.md"]);
        let pending = Pending::default();
        ask(&pending, &["c.md", "x.md", "c.md", "b.md"]);
        let run = fill.next_run(&pending);
        assert_eq!(run, ["c.md", "b.md", "a.md", "d.md"]);
        fill.done(&run[..2], &pending);
        assert_eq!(fill.next_run(&pending), ["a.md", "d.md"]);
    }

    #[test]
    fn deferred_pages_are_waited_for_until_the_fill_renders_them() {
        let mut fill = Fill::default();
        let pending = Pending::default();
        let files = vec![
            ("b.md".to_string(), "b/index.html".to_string()),
            ("b.md".to_string(), "b/kontakt.vcf".to_string()),
            ("a.md".to_string(), "a/index.html".to_string()),
        ];
        fill.defer(files, &pending);
        assert_eq!(pending.key_of("b/kontakt.vcf").as_deref(), Some("b.md"));
        ask(&pending, &["b.md"]);
        let run = fill.next_run(&pending);
        assert_eq!(run, ["b.md", "a.md"], "the page asked for first");
        fill.done(&run[..1], &pending);
        assert_eq!(pending.key_of("b/index.html"), None, "served again");
        assert_eq!(pending.key_of("a/index.html").as_deref(), Some("a.md"));
        fill.done(&run[1..], &pending);
        assert!(fill.is_empty());
    }

    #[test]
    fn a_run_holds_at_most_fill_run_pages_besides_those_asked() {
        let keys: Vec<String> = (0..FILL_RUN + 10).map(|n| format!("{n:04}.md")).collect();
        let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
        let mut fill = fill_of(&keys);
        let pending = Pending::default();
        let first = fill.next_run(&pending);
        assert_eq!(first, keys[..FILL_RUN]);
        fill.done(&first, &pending);
        assert_eq!(fill.next_run(&pending), keys[FILL_RUN..]);
        assert!(fill.finished().is_none(), "ten pages are left");
        fill.done(
            &keys[FILL_RUN..]
                .iter()
                .map(|k| k.to_string())
                .collect::<Vec<_>>(),
            &pending,
        );
        let (count, _) = fill.finished().expect("every page rendered");
        assert_eq!(count, FILL_RUN + 10);
    }
}
