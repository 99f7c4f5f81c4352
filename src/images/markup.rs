//! The `<img>` a Markdown image becomes: the original as `src`, the configured widths in
//! `srcset` with `sizes`, `width` and `height` so the page does not jump when the picture
//! arrives, and lazy loading so a long page does not fetch pictures no one scrolls to.

use std::sync::Arc;

use pulldown_cmark_escape::{escape_href, escape_html};

use crate::diagnostics::Diagnostic;
use crate::messages::Reason;

use super::ops::{self, Op};
use super::source::{Kind, Source};
use super::{Format, Images, User};

/// A Markdown image that points at a file of the site.
pub struct ImageUse<'a> {
    /// Content key of the image.
    pub key: &'a str,
    /// Its root-marked URL (the published original).
    pub src: &'a str,
    pub alt: &'a str,
    pub title: &'a str,
    /// The page showing it, and where in the page: a problem without its text yet, placed
    /// while the page's text is at hand (a build lets it go before images are processed).
    pub page: &'a str,
    pub at: Diagnostic,
}

impl Images {
    /// The `<img>` markup for `image`, queuing its resized copies. The error says why the
    /// image cannot be used; the caller reports it at the image's line.
    pub fn markdown_img(&self, image: &ImageUse<'_>) -> Result<String, Reason> {
        let source = match self.source(image.key) {
            Ok(source) => source,
            Err(why) => {
                self.mark_reported(image.key);
                return Err(why);
            }
        };
        self.add_user(
            image.key,
            User::Page {
                key: image.page.to_string(),
                at: image.at.clone(),
            },
        );
        let mut tag = String::from("<img src=\"");
        push_url(&mut tag, image.src);
        tag.push_str("\" alt=\"");
        let _ = escape_html(&mut tag, image.alt);
        tag.push('"');
        if !image.title.is_empty() {
            tag.push_str(" title=\"");
            let _ = escape_html(&mut tag, image.title);
            tag.push('"');
        }
        if source.width > 0 && source.height > 0 {
            tag.push_str(&format!(
                " width=\"{}\" height=\"{}\"",
                source.width, source.height
            ));
        }
        let srcset = self.srcset(&source, image.src);
        if !srcset.is_empty() {
            tag.push_str(" srcset=\"");
            tag.push_str(&srcset);
            tag.push_str("\" sizes=\"");
            let _ = escape_html(&mut tag, &self.settings.sizes);
            tag.push('"');
        }
        tag.push_str(" loading=\"lazy\" decoding=\"async\">");
        Ok(tag)
    }

    /// `url 320w, url 640w, original 1600w` for every configured width narrower than the
    /// original; empty when there is none (a small image), or for GIFs (a copy would stop an
    /// animation) and SVGs (they scale themselves).
    fn srcset(&self, source: &Arc<Source>, src: &str) -> String {
        if matches!(source.kind, Kind::Gif | Kind::Svg) {
            return String::new();
        }
        let format = Format::choose(None, source.kind, self.settings.format)
            .expect("the default format is always known");
        let mut candidates = Vec::new();
        for width in self.settings.widths.iter().filter(|w| **w < source.width) {
            let plan = ops::plan(
                Op::FitWidth,
                Some(*width),
                None,
                (source.width, source.height),
            )
            .expect("a configured width is valid");
            let copy = self.request(source, plan, format);
            candidates.push(format!("{} {}w", copy.url, copy.width));
        }
        if candidates.is_empty() {
            return String::new();
        }
        let mut original = String::new();
        push_url(&mut original, src);
        candidates.push(format!("{original} {}w", source.width));
        candidates.join(", ")
    }
}

/// A URL in an attribute, percent-encoded (spaces and commas would split a `srcset`).
fn push_url(out: &mut String, url: &str) {
    let mut escaped = String::new();
    let _ = escape_href(&mut escaped, url);
    out.push_str(&escaped.replace(',', "%2C"));
}
