//! Which of `content/`'s non-Markdown files go out: a file is published only when a published
//! page or section links to it or shows it (in its Markdown, or by a `file` field), or when it
//! belongs to a published page bundle. A file that only a draft or an unapproved plan names,
//! or that nothing names, stays in `content/`: drafts are left out before this runs, so their
//! links count for nothing (with `--drafts` they are in, and so are their files).

use std::collections::{BTreeMap, HashSet};

use super::library::Library;

impl Library {
    /// Indexes the linkable files by output path, for links written as `/folder/file.pdf`.
    pub(super) fn index_linkable_outputs(&mut self) {
        self.linkable_outputs = self
            .linkable
            .iter()
            .map(|(key, asset)| (asset.output.clone(), key.clone()))
            .collect();
    }

    /// The content key of the linkable file published at `output` (`dokument/plan.pdf`).
    pub fn file_at_output(&self, output: &str) -> Option<String> {
        self.linkable_outputs.get(output).cloned()
    }

    /// Sets `assets` to the linkable files that the pages and sections in the library name,
    /// from their `file` fields, bundles and rendered Markdown (a document not rendered yet
    /// names files by its fields and bundle only). Run it again after Markdown is rendered.
    /// Returns whether the set of published files changed.
    pub fn publish_linked_files(&mut self) -> bool {
        let mut named: HashSet<&str> = HashSet::new();
        for page in self.pages.values() {
            named.extend(page_files(page));
        }
        for section in self.sections.values() {
            named.extend(rendered_files(&section.doc));
        }
        let published: BTreeMap<String, super::Asset> = self
            .linkable
            .iter()
            .filter(|(key, _)| named.contains(key.as_str()))
            .map(|(key, asset)| (key.clone(), asset.clone()))
            .collect();
        let changed = !published.keys().eq(self.assets.keys())
            || published
                .values()
                .zip(self.assets.values())
                .any(|(a, b)| a.output != b.output);
        self.assets = published;
        changed
    }

    /// The files the page or section `key` names, as [`Library::publish_linked_files`] counts
    /// them: when an edit leaves its pages' names as they were, what is published stays.
    pub fn files_named_by(&self, key: &str) -> Vec<&str> {
        match self.pages.get(key) {
            Some(page) => page_files(page).collect(),
            None => self
                .sections
                .get(key)
                .map(|s| rendered_files(&s.doc).collect())
                .unwrap_or_default(),
        }
    }
}

fn page_files(page: &super::Page) -> impl Iterator<Item = &str> {
    page.assets
        .iter()
        .map(String::as_str)
        .chain(page.fields.files.iter().map(|f| f.key.as_str()))
        .chain(rendered_files(&page.doc))
}

fn rendered_files(doc: &super::Document) -> impl Iterator<Item = &str> {
    doc.rendered
        .iter()
        .flat_map(|r| r.files.iter().map(String::as_str))
}
