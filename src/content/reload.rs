//! Replacing one page after an edit, for `serve`: re-read that file only, then link just that
//! page into its section, its neighbours and its terms. The result is the library a fresh
//! load would give; edits that could move other files (a new bundle, a changed set of named
//! files, transparent sections) relink everything instead, which is exact but O(pages).

use std::path::Path;

use crate::config::Config;
use crate::diagnostics::Diagnostic;

use super::discover::Source;
use super::kind::{bundle_folder, FileKind};
use super::library::{file_keys, load_page, page_from_text, LoadOptions};
use super::sections::{owning_section, page_dir, set_neighbours, sort_pages};
use super::{schema, taxonomies, Library, Page};

/// What the library knew of a page before it was read again.
struct Before {
    page: Option<Page>,
    /// Files its `file` fields named, whether it was published or a draft.
    files: Vec<String>,
    published: bool,
    bundle: bool,
}

impl Library {
    /// Re-reads the page with content key `key` (or drops it when its file is gone) and
    /// links it into the library again. Returns the page's problems.
    pub fn reload_page(
        &mut self,
        content_dir: &Path,
        config: &Config,
        options: &LoadOptions,
        key: &str,
    ) -> Vec<Diagnostic> {
        let before = self.forget_page(key);
        let file = content_dir.join(key);
        let bundle_dir = bundle_folder(key);
        let mut problems = Vec::new();
        if file.is_file() {
            if let Some(dir) = bundle_dir {
                self.bundles.insert(dir.to_string());
            }
            let source = Source {
                key: key.to_string(),
                kind: FileKind::of(key),
                file,
            };
            match load_page(&source, config) {
                Ok((page, errs)) => {
                    problems = errs;
                    if !options.include_drafts && self.is_unpublished(&page, config) {
                        self.drafts.insert(key.to_string());
                        self.draft_files.insert(key.to_string(), file_keys(&page));
                    } else {
                        self.pages.insert(key.to_string(), Box::new(page));
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
        if self.links_alone(key, &before) {
            problems.extend(self.relink_page(key, before.page.as_ref()));
        } else {
            problems.extend(
                self.relink(content_dir, config)
                    .into_iter()
                    .filter(|d| d.path.ends_with(key)),
            );
        }
        problems
    }

    /// The page with content key `key` as `text` (its whole file, LF line ends) would make it,
    /// linked to its section and files but not put into the library: the editor's preview.
    /// Returns the page and its problems, or only the problems when it cannot be read at all.
    pub fn detached_page(
        &self,
        content_dir: &Path,
        config: &Config,
        key: &str,
        text: String,
    ) -> Result<(Page, Vec<Diagnostic>), Vec<Diagnostic>> {
        let source = Source {
            key: key.to_string(),
            kind: FileKind::of(key),
            file: content_dir.join(key),
        };
        let (mut page, mut problems) =
            page_from_text(&source, text, config).map_err(|(_, problems)| problems)?;
        page.section = owning_section(&self.sections, page_dir(key));
        if let Some(old) = self.pages.get(key) {
            page.assets = old.assets.clone();
        }
        problems.extend(schema::resolve_page_files(&mut page, &self.linkable));
        Ok((page, problems))
    }

    /// Takes the page out of every map, remembering what the relink needs of it.
    fn forget_page(&mut self, key: &str) -> Before {
        let page = self.pages.remove(key);
        let draft_files = self.draft_files.remove(key);
        self.failed.remove(key);
        self.drafts.remove(key);
        Before {
            files: page
                .as_deref()
                .map(file_keys)
                .or(draft_files)
                .unwrap_or_default(),
            published: page.is_some(),
            bundle: bundle_folder(key).is_some_and(|dir| self.bundles.contains(dir)),
            page: page.map(|page| *page),
        }
    }

    /// Whether the edit can be linked without looking at any other file: the page keeps its
    /// bundle, its files and its output folder, and its section neither lends nor borrows
    /// pages (transparent sections).
    fn links_alone(&self, key: &str, before: &Before) -> bool {
        let now = self.pages.get(key);
        let files_now = now
            .map(file_keys)
            .or_else(|| self.draft_files.get(key).cloned())
            .unwrap_or_default();
        let bundle_now = bundle_folder(key).is_some_and(|dir| self.bundles.contains(dir));
        let same_files = before.files == files_now
            && (files_now.is_empty() || before.published == now.is_some());
        let same_bundle = before.bundle == bundle_now
            && (!bundle_now
                || matches!((&before.page, now), (Some(old), Some(new))
                    if old.doc.output_path == new.doc.output_path));
        let section = &self.sections[&owning_section(&self.sections, page_dir(key))];
        let transparent = section.meta.transparent
            || section
                .subsections
                .iter()
                .any(|s| self.sections.get(s).is_some_and(|s| s.meta.transparent));
        same_files && same_bundle && !transparent
    }

    /// Links the page with `key` (now in `pages`, or gone) into its section, neighbours and
    /// terms; `old` is its previous version. Returns the problems of its `file` fields.
    fn relink_page(&mut self, key: &str, old: Option<&Page>) -> Vec<Diagnostic> {
        let section_key = owning_section(&self.sections, page_dir(key));
        let mut problems = Vec::new();
        if let Some(page) = self.pages.get_mut(key) {
            page.section = section_key.clone();
            page.assets = old.map(|o| o.assets.clone()).unwrap_or_default();
            problems = schema::resolve_page_files(page, &self.linkable);
        }
        let section = &self.sections[&section_key];
        let mut members: Vec<String> = section
            .pages
            .iter()
            .filter(|k| *k != key)
            .cloned()
            .chain(self.pages.contains_key(key).then(|| key.to_string()))
            .collect();
        // A fresh load lists pages in key order before sorting them (the sort is stable).
        members.sort();
        sort_pages(&self.pages, section.meta.sort_by, &mut members);
        if let Some(page) = self.pages.get_mut(key) {
            page.previous = None;
            page.next = None;
        }
        set_neighbours(&mut self.pages, &members);
        if let Some(section) = self.sections.get_mut(&section_key) {
            section.pages = members;
        }
        taxonomies::update_page(&mut self.taxonomies, &self.pages, key, old);
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

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;
    use crate::content::load;

    /// Everything the relink decides, in a form two libraries can be compared by.
    fn links(library: &Library) -> Vec<String> {
        let mut out = Vec::new();
        for (key, s) in &library.sections {
            out.push(format!(
                "{key} {:?} {:?} {:?}",
                s.pages, s.subsections, s.assets
            ));
        }
        for (key, p) in &library.pages {
            let values = serde_json::Value::Object(p.fields.values.clone());
            out.push(format!(
                "{key} {} {:?} {:?} {:?} {values}",
                p.section, p.previous, p.next, p.assets
            ));
        }
        for t in &library.taxonomies {
            for term in t.terms.values() {
                out.push(format!(
                    "{} {} {} {:?}",
                    t.name, term.slug, term.name, term.pages
                ));
            }
        }
        out.push(format!(
            "drafts {:?}",
            library
                .drafts
                .iter()
                .collect::<std::collections::BTreeSet<_>>()
        ));
        out
    }

    fn page(date: &str, tags: &str) -> String {
        format!("---\ntitle: \"Sida {date}\"\ndate: {date}\ntaxonomies:\n  tags: [{tags}]\n---\nText.\n")
    }

    /// Each edit, linked alone, gives the library a fresh load of the same files gives.
    #[test]
    fn one_page_relinks_like_a_fresh_load() {
        let root = tempfile::tempdir().expect("temp dir");
        let content = root.path().join("content");
        fs::create_dir_all(content.join("a/bunt")).expect("dirs");
        fs::write(
            root.path().join("config.yaml"),
            "title: T\nbase_url: \"https://x.se\"\nlanguage: sv\ntaxonomies:\n  - name: tags\n",
        )
        .expect("config");
        fs::write(
            content.join("a/_index.md"),
            "---\ntitle: A\nsort_by: date\n---\n",
        )
        .expect("section");
        fs::write(content.join("a/p1.md"), page("2020-01-01", "Återvändare")).expect("p1");
        fs::write(content.join("a/p2.md"), page("2021-01-01", "skola")).expect("p2");
        fs::write(
            content.join("a/p3.md"),
            page("2022-01-01", "skola, återvändare"),
        )
        .expect("p3");
        fs::write(content.join("a/bunt/index.md"), page("2019-01-01", "skola")).expect("bundle");
        fs::write(content.join("a/bunt/bild.svg"), "<svg/>").expect("asset");
        let config = Config::load(root.path()).expect("config loads");
        let options = LoadOptions {
            include_drafts: false,
            release_bodies: false,
        };
        let (mut library, problems) = load(&content, &config, &options).expect("loads");
        assert!(problems.is_empty(), "{problems:?}");
        let edits: [(&str, Option<String>); 10] = [
            ("a/p1.md", Some(page("2023-01-01", "återvändare, Ny term"))), // moves first
            ("a/p4.md", Some(page("2021-06-01", "ÅTERVÄNDARE"))),          // new page
            ("a/p0.md", Some(page("2021-06-01", "skola"))), // ties with p4: key order
            ("a/p2.md", None),                              // deleted
            ("a/bunt/index.md", Some(page("2024-01-01", "skola"))), // bundle, new date
            (
                "a/p3.md",
                Some(page("2022-01-01", "skola").replacen("date:", "draft: true\ndate:", 1)),
            ),
            ("a/p3.md", Some(page("2018-01-01", "skola"))), // back from a draft
            ("a/bunt/myindex.md", Some(page("2017-01-01", "skola"))), // a page, not the bundle
            (
                "a/x_index.md",
                Some(page("2016-01-01", "").replacen("date:", "draft: true\ndate:", 1)),
            ),
            ("a/p1.md", Some(page("2015-01-01", "skola"))), // beside a draft named *_index.md
        ];
        for (key, text) in edits {
            match &text {
                Some(text) => fs::write(content.join(key), text).expect("write"),
                None => fs::remove_file(content.join(key)).expect("delete"),
            }
            let problems = library.reload_page(&content, &config, &options, key);
            assert!(problems.is_empty(), "{key}: {problems:?}");
            let (fresh, _) = load(&content, &config, &options).expect("loads");
            assert_eq!(links(&library), links(&fresh), "after editing {key}");
        }
    }

    /// Under `serve`, an edited file whose name only ends like a bundle's or a section's is
    /// reloaded as the plain page it is: its own URL, the bundle keeps its page and files, and a
    /// draft of that name hides no other page.
    #[test]
    fn names_ending_like_index_reload_as_pages() {
        let root = tempfile::tempdir().expect("temp dir");
        let content = root.path().join("content");
        fs::create_dir_all(content.join("a/bunt")).expect("dirs");
        fs::write(
            root.path().join("config.yaml"),
            "title: T\nbase_url: \"https://x.se\"\n",
        )
        .expect("config");
        fs::write(content.join("a/_index.md"), "---\ntitle: A\n---\n").expect("section");
        fs::write(content.join("a/p1.md"), "---\ntitle: P\n---\n").expect("p1");
        fs::write(content.join("a/bunt/index.md"), "---\ntitle: B\n---\n").expect("bundle");
        fs::write(content.join("a/bunt/bild.svg"), "<svg/>").expect("asset");
        let config = Config::load(root.path()).expect("config loads");
        let options = LoadOptions {
            include_drafts: false,
            release_bodies: false,
        };
        let (mut library, _) = load(&content, &config, &options).expect("loads");
        let pages = [
            ("a/bunt/myindex.md", "a/bunt/myindex/index.html"),
            ("a/bunt/xindex.md", "a/bunt/xindex/index.html"),
            ("a/bunt/my_index.md", "a/bunt/my-index/index.html"),
            ("a/my_index.md", "a/my-index/index.html"),
        ];
        for (key, output) in pages {
            fs::write(content.join(key), "---\ntitle: X\n---\n").expect("write");
            let problems = library.reload_page(&content, &config, &options, key);
            assert!(problems.is_empty(), "{key}: {problems:?}");
            assert_eq!(library.pages[key].doc.output_path, output, "{key}");
            assert_eq!(library.pages[key].section, "a/_index.md", "{key}");
            // Each new page goes to its place: walks over the pages stay in key order.
            let keys: Vec<&String> = library.pages.keys().collect();
            assert!(keys.is_sorted(), "{keys:?}");
        }
        let bundle = &library.pages["a/bunt/index.md"];
        assert_eq!(bundle.doc.output_path, "a/bunt/index.html");
        assert_eq!(bundle.assets, ["a/bunt/bild.svg"]);
        let draft = "---\ntitle: D\ndraft: true\n---\n";
        fs::write(content.join("a/x_index.md"), draft).expect("draft");
        library.reload_page(&content, &config, &options, "a/x_index.md");
        fs::write(content.join("a/p1.md"), "---\ntitle: P2\n---\n").expect("p1");
        library.reload_page(&content, &config, &options, "a/p1.md");
        assert_eq!(
            library.pages["a/p1.md"].meta.title, "P2",
            "p1 was taken for a draft"
        );
    }
}
