//! External links: the `http` and `https` addresses of the published pages, checked over the
//! network for `lots check --external`.
//!
//! Each distinct address (its `#fragment` left out) is requested once, however many pages link
//! to it: `HEAD` first, then `GET` when the `HEAD` answer is not a success (servers that refuse
//! `HEAD` answer 405 or 501, some answer 403 or 404); a network failure (timeout, refused
//! connection, unknown host) is not tried again with `GET`. Redirects are followed, at most
//! [`MAX_REDIRECTS`] of them, and reported with their final target. One `429` or `503` per
//! address is retried after the wait its `Retry-After` asks for (seconds or an HTTP date), when
//! that wait is at most `max_retry_after`. At most `concurrency` requests run at a time, at
//! most `per_host` of them to one host (host and port).
//!
//! **Skip patterns** (`check.skip_external`): a pattern without `*` skips every address that
//! starts with it (`https://intranat.stockholm.se/`); in a pattern with `*`, each `*` stands
//! for any run of characters and the pattern must match the whole address
//! (`*://*.intern.stockholm.se/*`, `*.pdf`). Letters match regardless of case.
//!
//! **Cache**: every answer, broken ones too, is kept in `cache_dir/external.json` with the
//! time it was fetched, so a run within `cache_ttl` of the last one makes no requests for the
//! addresses it already knows. The file is replaced in one step; a file that cannot be read
//! is ignored and written anew. Deleting it is always safe.

mod cache;
mod pool;
mod probe;

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::{Deserialize, Serialize};

use crate::content::{Document, Library};
use crate::diagnostics::line_col;

/// Redirects followed before an address counts as a redirect loop.
pub const MAX_REDIRECTS: usize = 10;

/// A web address written in a page, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExternalLink {
    pub url: String,
    pub file: PathBuf,
    /// 1-based line and column (in characters) of the link in its file.
    pub line: usize,
    pub column: usize,
}

/// How to check: limits, the cache, the skip list.
#[derive(Debug, Clone)]
pub struct ExternalOptions {
    /// Skip patterns (see the module documentation).
    pub skip: Vec<String>,
    /// Where `external.json` is kept (`.lots-cache` at the site root).
    pub cache_dir: PathBuf,
    /// How long an answer is trusted; zero asks again every time.
    pub cache_ttl: Duration,
    /// Show a progress bar on standard error.
    pub progress: bool,
    /// Requests at a time, in all.
    pub concurrency: usize,
    /// Requests at a time to one host.
    pub per_host: usize,
    /// For one request, from connecting to the answer's headers.
    pub timeout: Duration,
    /// The longest `Retry-After` wait honoured; a longer one is reported instead.
    pub max_retry_after: Duration,
}

impl ExternalOptions {
    /// The defaults, with the cache in `cache_dir`.
    pub fn new(cache_dir: PathBuf) -> Self {
        ExternalOptions {
            skip: Vec::new(),
            cache_dir,
            cache_ttl: Duration::from_secs(3600),
            progress: false,
            concurrency: 8,
            per_host: 2,
            timeout: Duration::from_secs(10),
            max_retry_after: Duration::from_secs(10),
        }
    }
}

/// What checking one address found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum ExternalOutcome {
    Ok,
    /// Works, after one or more redirects: `to` is the final address.
    Redirected {
        to: String,
    },
    /// Does not work: the HTTP status when there was an answer, and why, in words.
    Broken {
        status: Option<u16>,
        reason: String,
    },
}

/// A link that is broken or redirected, with what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExternalFinding {
    pub link: ExternalLink,
    /// For a redirect the first HTTP status (301, 302…); for a broken link the status that
    /// failed (404 at the end of a redirect too); `None` when no server answered.
    pub status: Option<u16>,
    pub outcome: ExternalOutcome,
    /// What is wrong and how to fix it.
    pub message: String,
}

/// The answer for one address, as checked or as cached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Checked {
    pub status: Option<u16>,
    pub outcome: ExternalOutcome,
}

/// Every `http`/`https` link and image of every page and section in the library (drafts and
/// unapproved plans are not in it), and the addresses in pages' `url` fields, in file order.
pub fn external_links(library: &Library) -> Vec<ExternalLink> {
    let mut links = Vec::new();
    for page in library.pages.values() {
        body_links(library, &page.doc, &mut links);
        let file = page.doc.file_path();
        links.extend(page.fields.urls.iter().map(|u| ExternalLink {
            url: u.url.clone(),
            file: file.clone(),
            line: u.line,
            column: u.column,
        }));
    }
    for section in library.sections.values() {
        body_links(library, &section.doc, &mut links);
    }
    links.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
    links
}

fn body_links(library: &Library, doc: &Document, links: &mut Vec<ExternalLink>) {
    // A library loaded without its Markdown rendered (a check of the content alone).
    let rendered;
    let refs = match &doc.rendered {
        Some(r) => &r.external,
        None => {
            rendered = crate::markdown::render(library, doc).rendered;
            &rendered.external
        }
    };
    let file = doc.file_path();
    links.extend(refs.iter().map(|r| {
        let (line, column) = line_col(&doc.source, r.offset);
        ExternalLink {
            url: r.url.clone(),
            file: file.clone(),
            line,
            column,
        }
    }));
}

/// Checks the links' addresses (each once; cached answers are used) and returns a finding for
/// every link that is broken or redirected, in the order of `links`.
pub fn check(links: &[ExternalLink], options: &ExternalOptions) -> Vec<ExternalFinding> {
    let now = unix_now();
    let mut cache = cache::Cache::load(&options.cache_dir);
    let wanted: BTreeSet<&str> = links
        .iter()
        .filter(|l| !is_skipped(&l.url, &options.skip))
        .map(|l| address(&l.url))
        .collect();
    let mut answers: HashMap<String, Checked> = HashMap::new();
    let mut to_fetch = Vec::new();
    for url in wanted {
        match cache.fresh(url, options.cache_ttl, now) {
            Some(checked) => {
                answers.insert(url.to_string(), checked.clone());
            }
            None => to_fetch.push(url.to_string()),
        }
    }
    if !to_fetch.is_empty() {
        let bar = progress_bar(options.progress, to_fetch.len());
        let client = probe::Client::new(options);
        let fetched = pool::run(to_fetch, options.concurrency, options.per_host, |url| {
            let checked = client.check(url);
            bar.inc(1);
            checked
        });
        bar.finish_and_clear();
        for (url, checked) in fetched {
            cache.store(&url, checked.clone(), now);
            answers.insert(url, checked);
        }
        if let Err(why) = cache.save(options.cache_ttl, now) {
            // The check itself worked; only the next run will ask again.
            eprintln!("warning: cannot keep the link check's answers: {why}");
        }
    }
    links
        .iter()
        .filter_map(|link| {
            let checked = answers.get(address(&link.url))?;
            finding(link, checked)
        })
        .collect()
}

fn finding(link: &ExternalLink, checked: &Checked) -> Option<ExternalFinding> {
    let url = &link.url;
    let message = match &checked.outcome {
        ExternalOutcome::Ok => return None,
        ExternalOutcome::Redirected { to } => {
            // The fragment was not sent; the new link should keep it.
            let fragment = url.trim().split_once('#').map(|(_, f)| f);
            let new_link = match fragment {
                Some(fragment) if !to.contains('#') => format!("{to}#{fragment}"),
                _ => to.clone(),
            };
            format!("`{url}` redirects to {to}; link to {new_link} instead")
        }
        ExternalOutcome::Broken { status, reason } => {
            format!("`{url}` {reason}; {}", advice(*status))
        }
    };
    Some(ExternalFinding {
        link: link.clone(),
        status: checked.status,
        outcome: checked.outcome.clone(),
        message,
    })
}

/// What an editor can do about a broken address, by the status it answered with.
fn advice(status: Option<u16>) -> &'static str {
    match status {
        Some(401 | 403) => "it may need a login: open it in a browser, and if it works there add it to `check.skip_external` in config.yaml",
        Some(429 | 503) => "the server is busy; run the check again later",
        Some(500..) => "the server failed; run the check again later, and correct or remove the link if it stays broken",
        Some(_) => "correct the address or remove the link",
        None => "open it in a browser and correct the address or remove the link; if it only works from another network, add it to `check.skip_external` in config.yaml",
    }
}

/// The address without its `#fragment`: what is requested and cached.
fn address(url: &str) -> &str {
    let url = url.trim();
    url.split_once('#').map_or(url, |(before, _)| before)
}

/// Whether a skip pattern matches the address (see the module documentation).
pub fn is_skipped(url: &str, patterns: &[String]) -> bool {
    let url = url.trim().to_ascii_lowercase();
    patterns.iter().any(|pattern| {
        let pattern = pattern.trim().to_ascii_lowercase();
        if pattern.contains('*') {
            glob_matches(&pattern, &url)
        } else {
            !pattern.is_empty() && url.starts_with(&pattern)
        }
    })
}

/// `*` matches any run of characters, everything else itself; the whole text must match.
fn glob_matches(pattern: &str, text: &str) -> bool {
    let mut parts = pattern.split('*');
    let first = parts.next().unwrap_or_default();
    let Some(mut rest) = text.strip_prefix(first) else {
        return false;
    };
    let mut parts: Vec<&str> = parts.collect();
    let last = parts.pop().unwrap_or_default();
    for part in parts {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    rest.len() >= last.len() && rest.ends_with(last)
}

fn progress_bar(show: bool, total: usize) -> ProgressBar {
    if !show {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} externa länkar {elapsed}")
    {
        bar.set_style(style);
    }
    bar
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn skip(url: &str, pattern: &str) -> bool {
        is_skipped(url, &[pattern.to_string()])
    }

    #[test]
    fn skip_patterns() {
        assert!(skip(
            "https://intranat.stockholm.se/a",
            "https://intranat.stockholm.se/"
        ));
        assert!(!skip(
            "https://www.stockholm.se/",
            "https://intranat.stockholm.se/"
        ));
        assert!(skip(
            "https://INTRANAT.stockholm.se/a",
            "https://intranat.Stockholm.se"
        ));
        assert!(skip("http://x.intern.se/a/b", "*://*.intern.se/*"));
        assert!(!skip("http://intern.se/a", "*://*.intern.se/*"));
        assert!(skip("https://a.se/plan.pdf", "*.pdf"));
        assert!(!skip("https://a.se/plan.pdf?x", "*.pdf"));
        assert!(skip("https://a.se/", "*"));
        assert!(!skip("https://a.se/", ""));
        assert!(skip("https://aXa.se/", "https://a*a.se/"));
        // The ends may not overlap: `a*a` needs two letters.
        assert!(!glob_matches("a*a", "a"));
    }

    #[test]
    fn fragments_are_left_out() {
        assert_eq!(address(" https://a.se/sida#rubrik "), "https://a.se/sida");
        assert_eq!(address("https://a.se/"), "https://a.se/");
    }
}
