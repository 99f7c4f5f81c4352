//! Task lists (`- [x] Kontakta samordnaren`): each box is written inside a `<label>` with its
//! item's own line of text, so the box has a name for screen readers even before phone.js
//! makes it tickable (and when scripts never run, where a ticked box still says "done").

use pulldown_cmark::{Event, TagEnd};

use super::{words, Renderer};

impl<'a> Renderer<'a> {
    /// Opens the label of a task's box; the item's text follows inside it.
    pub(super) fn task_marker(&mut self, checked: bool) {
        let checked = if checked { " checked" } else { "" };
        let open = format!(
            "<label class=\"task__label\"><input class=\"task__box\" type=\"checkbox\" disabled{checked}><span class=\"task__text\">"
        );
        self.events.push(Event::Html(open.into()));
        self.task_label = true;
    }

    /// Closes an open task label before what is no longer the item's line of text: the item's
    /// or its paragraph's end, a nested list, any other block.
    pub(super) fn close_task_label(&mut self, event: &Event<'_>) {
        let ends = match event {
            Event::End(TagEnd::Item | TagEnd::Paragraph) => true,
            Event::Start(_) | Event::Rule => words::separates(event),
            _ => false,
        };
        if self.task_label && ends {
            self.events.push(Event::Html("</span></label>".into()));
            self.task_label = false;
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::markdown::text_tests::html_of;

    #[test]
    fn a_task_box_is_labelled_by_its_line_of_text() {
        let html = html_of("- [x] Ring **samordnaren**\n  - [ ] Skriv ner\n- vanlig\n");
        assert!(
            html.contains(
                "<li><label class=\"task__label\"><input class=\"task__box\" type=\"checkbox\" disabled checked><span class=\"task__text\">Ring <strong>samordnaren</strong></span></label>\n<ul>"
            ),
            "{html}"
        );
        assert!(
            html.contains("disabled><span class=\"task__text\">Skriv ner</span></label></li>"),
            "{html}"
        );
        assert!(html.contains("<li>vanlig</li>"), "{html}");
    }

    #[test]
    fn a_loose_task_item_closes_its_label_with_its_first_paragraph() {
        let html = html_of("- [ ] Första\n\n  Mer text.\n\n- [ ] Andra\n");
        assert!(
            html.contains("<span class=\"task__text\">Första</span></label></p>\n<p>Mer text.</p>"),
            "{html}"
        );
    }
}
