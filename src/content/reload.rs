//! Replacing one page after an edit, for `serve`: re-read that file only, then relink.

use std::path::Path;

use crate::config::Config;
use crate::diagnostics::Diagnostic;

use super::discover::Source;
use super::library::{load_page, LoadOptions};
use super::Library;

impl Library {
    /// Re-reads the page with content key `key` (or drops it when its file is gone) and
    /// links the library again. Returns the page's problems.
    pub fn reload_page(
        &mut self,
        content_dir: &Path,
        config: &Config,
        options: &LoadOptions,
        key: &str,
    ) -> Vec<Diagnostic> {
        self.pages.remove(key);
        self.failed.remove(key);
        self.drafts.remove(key);
        self.draft_files.remove(key);
        let file = content_dir.join(key);
        let bundle_dir = key
            .strip_suffix("index.md")
            .filter(|d| d.is_empty() || d.ends_with('/'));
        let mut problems = Vec::new();
        if file.is_file() {
            if let Some(dir) = bundle_dir {
                self.bundles.insert(dir.to_string());
            }
            match load_page(
                &Source {
                    key: key.to_string(),
                    file,
                },
                config,
                &self.bundles,
            ) {
                Ok((page, errs)) => {
                    problems = errs;
                    if !options.include_drafts && self.is_unpublished(&page, config) {
                        self.drafts.insert(key.to_string());
                        self.draft_files
                            .insert(key.to_string(), super::library::file_keys(&page));
                    } else {
                        self.pages.insert(key.to_string(), page);
                    }
                }
                Err((key, errs)) => {
                    self.failed.insert(key);
                    problems = errs;
                }
            }
        } else if let Some(dir) = bundle_dir {
            self.bundles.remove(dir);
        }
        problems.extend(
            self.relink(content_dir, config)
                .into_iter()
                .filter(|d| d.path.ends_with(key)),
        );
        problems
    }

    /// Keys of pages whose Markdown links to `key` (they must be re-rendered when its URL or
    /// headings change).
    pub fn pages_linking_to(&self, key: &str) -> Vec<String> {
        self.pages
            .values()
            .filter(|p| {
                p.doc
                    .rendered
                    .as_ref()
                    .is_some_and(|r| r.links.iter().any(|l| l == key))
            })
            .map(|p| p.doc.key.clone())
            .collect()
    }
}
