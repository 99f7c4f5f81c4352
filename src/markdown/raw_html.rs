//! Raw HTML in Markdown: a few attribute-less inline tags are kept, comments are notes to
//! editors (`<!-- more -->` marks the summary's end), anything else is shown as text.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::Renderer;

/// Inline tags without attributes that are safe to keep; other raw HTML becomes text.
const SAFE_INLINE_TAGS: [&str; 10] = [
    "<br>", "<br/>", "<br />", "<sup>", "</sup>", "<sub>", "</sub>", "<kbd>", "</kbd>", "<wbr>",
];

impl<'a> Renderer<'a> {
    pub(super) fn inline_html(&mut self, html: CowStr<'a>, offset: usize) {
        let trimmed = html.trim();
        if trimmed == "<!-- more -->" {
            self.summary_at.get_or_insert(self.events.len());
        } else if trimmed.starts_with("<!--") {
            // Comments are notes to editors: not published.
        } else if SAFE_INLINE_TAGS
            .iter()
            .any(|t| t.eq_ignore_ascii_case(trimmed))
        {
            let tag = trimmed.to_ascii_lowercase();
            if tag.starts_with("<br") {
                self.gap(); // the others (`<sup>`, `<wbr>`…) join the text around them
            }
            self.events.push(Event::InlineHtml(tag.into()));
        } else {
            self.warn(offset, "markdown.warning/raw_html");
            self.plain(&html);
            self.events.push(Event::Text(html));
        }
    }

    pub(super) fn close_html_block(&mut self) {
        let Some((html, offset)) = self.html_block.take() else {
            return;
        };
        let trimmed = html.trim();
        if trimmed == "<!-- more -->" {
            self.summary_at.get_or_insert(self.events.len());
        } else if trimmed.starts_with("<!--") && trimmed.ends_with("-->") {
            // An editor's comment: not published.
        } else {
            self.warn(offset, "markdown.warning/raw_html");
            self.gap();
            self.plain(&html);
            self.gap();
            self.events.push(Event::Start(Tag::Paragraph));
            self.events.push(Event::Text(html.into()));
            self.events.push(Event::End(TagEnd::Paragraph));
        }
    }
}
