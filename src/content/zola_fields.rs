//! The front-matter keys that come from Zola and have no twin among Lots's own: what Lots
//! makes of each (`path`, `redirect_to`, the extra `sort_by` orders), and a warning for
//! those it accepts but does not act on (`render = false`, `insert_anchor_links`,
//! `generate_feeds`, `paginate_path`), so that a Zola site builds unchanged and its owner
//! learns what differs. A value that asks for nothing (`render = true`) gets no warning.

use crate::args;
use crate::messages::Args;
use crate::yaml::Spanned;

use super::front_matter::{RawSection, SortBy, Validator};

/// The `sort_by` values, as Zola names them.
const SORT_VALUES: &str = "date, update_date, title, title_bytes, weight, slug, none";

/// Zola's default `paginate_path`, the one Lots uses.
const PAGINATE_PATH: &str = "page";

impl Validator<'_> {
    /// A section's order; an unknown one is an error naming the known ones.
    pub(super) fn sort_by(&mut self, written: &Spanned<String>) -> SortBy {
        match written.value.as_str() {
            "none" => SortBy::None,
            "date" => SortBy::Date,
            "update_date" => SortBy::UpdateDate,
            "weight" => SortBy::Weight,
            "title" => SortBy::Title,
            "title_bytes" => SortBy::TitleBytes,
            "slug" => SortBy::Slug,
            other => {
                let args = args!("value" => other, "allowed" => SORT_VALUES);
                let problem = self.block.at(written, "");
                self.problems
                    .push(problem.with_text("front_matter.sort_by", args));
                SortBy::None
            }
        }
    }

    /// The output file of a page's `path` (`docs/intro` → `docs/intro/index.html`).
    pub(super) fn page_path(&mut self, written: &Spanned<String>) -> Option<String> {
        let path = super::paths::alias_output_path(&written.value);
        if path.is_none() {
            let args = args!("value" => written.value);
            let problem = self.block.at(written, "");
            self.problems
                .push(problem.with_text("front_matter.path", args));
        }
        path
    }

    /// Where a section's `redirect_to` sends the reader: a web address as written, or the
    /// output file of a path inside the site.
    pub(super) fn redirect(&mut self, written: &Spanned<String>) -> Option<String> {
        let value = written.value.trim();
        if value.starts_with("https://") || value.starts_with("http://") {
            return Some(value.to_string());
        }
        let path = super::paths::alias_output_path(value);
        if path.is_none() {
            let args = args!("value" => value);
            let problem = self.block.at(written, "");
            self.problems
                .push(problem.with_text("front_matter.redirect_to", args));
        }
        path
    }

    /// A warning for `render = false`, which Lots does not act on.
    pub(super) fn not_rendered(&mut self, render: Option<&Spanned<bool>>, key: &'static str) {
        if let Some(render) = render.filter(|r| !r.value) {
            self.note(render, key, args!("field" => "render"));
        }
    }

    /// Warnings for the section keys from Zola that Lots accepts without acting on them.
    pub(super) fn section_notes(&mut self, raw: &RawSection) {
        self.not_rendered(
            raw.render.as_ref(),
            "front_matter.zola_field/render_section",
        );
        if let Some(feeds) = raw.generate_feeds.as_ref().filter(|f| f.value) {
            let args = args!("field" => "generate_feeds");
            self.note(feeds, "front_matter.zola_field/generate_feeds", args);
        }
        if let Some(anchors) = raw
            .insert_anchor_links
            .as_ref()
            .filter(|a| a.value != "none")
        {
            let args = args!("field" => "insert_anchor_links", "value" => anchors.value);
            self.note(anchors, "front_matter.zola_field/insert_anchor_links", args);
        }
        if let Some(path) = raw
            .paginate_path
            .as_ref()
            .filter(|p| p.value.trim_matches('/') != PAGINATE_PATH)
        {
            let args = args!("field" => "paginate_path", "value" => path.value);
            self.note(path, "front_matter.zola_field/paginate_path", args);
        }
    }

    fn note<T>(&mut self, at: &Spanned<T>, key: &'static str, args: Args) {
        let problem = self.block.at(at, "");
        self.problems.push(
            problem
                .with_text_as("front_matter.zola_field", key, args)
                .warning(),
        );
    }
}
