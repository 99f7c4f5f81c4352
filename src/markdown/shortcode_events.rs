//! The renderer's side of `.html` shortcodes: their placeholders in the text become their
//! HTML, their text goes to the search index, the word count and a heading's id, and one
//! alone in a paragraph takes the paragraph's place (a `<figure>` must not be in a `<p>`).

use pulldown_cmark::{CowStr, Event, Tag};

use super::shortcodes::{self, html_text, Part};
use super::Renderer;
use crate::diagnostics::Diagnostic;

impl<'a> Renderer<'a> {
    /// Text, with the outputs of `.html` shortcodes where their placeholders are.
    pub(super) fn text_or_outputs(&mut self, text: CowStr<'a>) {
        // Without outputs there is no placeholder to look for in every piece of text.
        let parts = match self.shortcode_html.is_empty() {
            true => None,
            false => shortcodes::split_placeholders(&text),
        };
        let Some(parts) = parts else {
            self.text(text);
            return;
        };
        let parts: Vec<Result<usize, String>> = parts
            .into_iter()
            .map(|part| match part {
                Part::Text(text) => Err(text.to_string()),
                Part::Output(index) => Ok(index),
            })
            .collect();
        for part in parts {
            match part {
                Ok(index) => self.shortcode_output(index),
                Err(text) => self.text(text.into()),
            }
        }
    }

    fn shortcode_output(&mut self, index: usize) {
        let Some(html) = self.shortcode_html.get(index) else {
            return;
        };
        let text = html_text::text(html);
        self.words += self.mode.words_in(&text);
        if let Some(heading) = &mut self.heading {
            heading.text.push_str(&text);
        }
        // Its text is a block of its own before (a `<div>` starts one); after it, the text
        // that follows decides, as in the page.
        self.gap();
        self.plain(text.trim());
        self.shortcode_at = Some(self.events.len());
        self.events.push(Event::InlineHtml(html.clone().into()));
    }

    /// At a paragraph's end: when the paragraph is one shortcode's output, drops its start and
    /// tells the caller to drop its end.
    pub(super) fn unwrap_shortcode(&mut self) -> bool {
        let Some(output) = self.shortcode_at.filter(|at| *at + 1 == self.events.len()) else {
            return false;
        };
        let sole = output > 0 && matches!(self.events[output - 1], Event::Start(Tag::Paragraph));
        if sole {
            self.events.remove(output - 1);
            self.shortcode_at = None;
            self.gap();
        }
        sole
    }

    /// The mistakes in the body's shortcodes, each where its call starts in the file.
    pub(super) fn shortcode_problems(&mut self, problems: &[shortcodes::Problem]) {
        for problem in problems {
            let offset = self.doc.body_offset + problem.at;
            self.output.problems.push(
                Diagnostic::at_offset(&self.path, &self.doc.source, offset, "").with_text_as(
                    problem.code,
                    problem.key,
                    problem.args.clone(),
                ),
            );
        }
    }
}
