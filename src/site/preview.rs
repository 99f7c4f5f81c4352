//! One page rendered from text that is not on disk (the editor's form), by the same stages a
//! build runs on it: front matter, schema, the files its fields name, Markdown, links into
//! other pages' headings, and the page's template with the site's data.

use std::io;
use std::path::Path;
use std::sync::Mutex;

use crate::diagnostics::{BuildError, Diagnostic};
use crate::markdown;
use crate::templates::deps::Dep;

use super::render::{render_jobs, Job};
use super::{checks, Sink, Site};

/// What the editor shows beside the form.
#[derive(Debug, Default)]
pub struct Preview {
    /// The page as the site would serve it, with a `<base>` so that its relative links,
    /// styles and images resolve from the page's own folder; `None` when it could not be
    /// rendered.
    pub html: Option<String>,
    /// Where the page is served (`/symboler/kod-88/`), when its front matter could be read.
    pub url: Option<String>,
    /// Errors and warnings, as `lots build` reports them for this page.
    pub problems: Vec<Diagnostic>,
}

impl Preview {
    /// Whether saving the text would make the build fail.
    pub fn has_errors(&self) -> bool {
        self.problems
            .iter()
            .any(|p| p.severity == crate::diagnostics::Severity::Error)
    }
}

/// Renders `text`, the whole file (front matter and body, LF line ends), as the page with
/// content key `key` (`symboler/kod-88/index.md`) of the loaded `site`. The library is not
/// changed: other pages still see the page as it is on disk.
pub fn preview_page(site: &Site, key: &str, text: &str) -> Preview {
    let content_dir = site.root.join("content");
    let library = &site.library;
    let (mut page, mut problems) =
        match library.detached_page(&content_dir, &site.config, key, text.to_string()) {
            Ok(found) => found,
            Err(problems) => {
                return Preview {
                    problems,
                    ..Preview::default()
                }
            }
        };
    let output = markdown::render_with_images(library, &page.doc, site.markdown_tools());
    problems.extend(output.problems);
    problems.extend(output.warnings.into_iter().map(|w| {
        let mut w = w.warning();
        w.code_if_generic("markdown.warning");
        w
    }));
    problems.extend(
        output
            .anchor_checks
            .iter()
            .filter_map(|check| checks::anchor_problem(library, check)),
    );
    page.doc.rendered = Some(output.rendered);
    let url = format!("/{}", page.doc.output_path.trim_end_matches("index.html"));
    let sink = Capture::default();
    let html = match render_jobs(site, &[Job::Page(&page)], &sink) {
        Ok(()) => sink.into_html().map(|html| with_base(&html, &url)),
        Err(BuildError::Content(more)) => {
            problems.extend(more);
            None
        }
        Err(BuildError::Io(message)) => {
            problems.push(Diagnostic::file(&page.doc.file_path(), message));
            None
        }
    };
    crate::messages::localize(&mut problems, &site.config.language);
    Preview {
        html,
        url: Some(url),
        problems,
    }
}

/// The page with `<base href>` first in its head.
fn with_base(html: &str, url: &str) -> String {
    let tag = format!(
        "<base href=\"{}\">",
        crate::templates::escape::escape_html(url)
    );
    match html.find("<head>") {
        Some(at) => {
            let end = at + "<head>".len();
            format!("{}{tag}{}", &html[..end], &html[end..])
        }
        None => format!("{tag}{html}"),
    }
}

/// Keeps the one rendered file in memory.
#[derive(Default)]
struct Capture {
    html: Mutex<Option<Vec<u8>>>,
}

impl Capture {
    fn into_html(self) -> Option<String> {
        let bytes = self.html.into_inner().ok()??;
        String::from_utf8(bytes).ok()
    }
}

impl Sink for Capture {
    fn put(&self, _path: &str, bytes: &[u8]) -> io::Result<()> {
        if let Ok(mut html) = self.html.lock() {
            *html = Some(bytes.to_vec());
        }
        Ok(())
    }

    fn copy(&self, _path: &str, _from: &Path) -> io::Result<()> {
        Ok(())
    }

    fn put_rendered(&self, path: &str, bytes: &[u8], _deps: Vec<Dep>) -> io::Result<()> {
        self.put(path, bytes)
    }
}

#[cfg(test)]
#[path = "preview_tests.rs"]
mod tests;
