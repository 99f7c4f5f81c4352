//! One page rendered from text that is not on disk (the editor's form), by the same stages a
//! build runs on it: front matter, schema, Markdown, links, the page's template.

use crate::diagnostics::Diagnostic;

use super::Site;

/// What the editor shows beside the form.
#[derive(Debug, Default)]
pub struct Preview {
    /// The page as the site would serve it; `None` when it could not be rendered.
    pub html: Option<String>,
    /// Errors and warnings, as `lots build` reports them for this page.
    pub problems: Vec<Diagnostic>,
}

/// Renders `text`, the whole file (front matter and body, LF line ends), as the page with
/// content key `key` (`symboler/kod-88/index.md`) of the loaded `site`.
pub fn preview_page(_site: &Site, _key: &str, _text: &str) -> Preview {
    Preview::default()
}
