//! Tables: each goes into a box that scrolls sideways, and a column's alignment (`|--:|`)
//! becomes a class (`align-right`) rather than the `style="text-align: …"` pulldown-cmark
//! writes, which the site's Content-Security-Policy (no inline styles) would refuse.

use pulldown_cmark::{Alignment, Event, Tag, TagEnd};

use super::{highlight, Renderer};

/// Where the renderer is in a table: the columns' alignments, and which cell comes next.
#[derive(Default)]
pub(super) struct Table {
    alignments: Vec<Alignment>,
    head: bool,
    cell: usize,
}

impl Table {
    /// The opening tag of the next cell when its column is aligned; `None` leaves the cell to
    /// pulldown-cmark, which writes a plain `<th>` or `<td>` (its table has no alignments).
    fn aligned_cell(&self) -> Option<String> {
        let class = match self.alignments.get(self.cell)? {
            Alignment::None => return None,
            Alignment::Left => "align-left",
            Alignment::Center => "align-center",
            Alignment::Right => "align-right",
        };
        let tag = if self.head { "th" } else { "td" };
        Some(format!("<{tag} class=\"{class}\">"))
    }
}

impl<'a> Renderer<'a> {
    /// A table goes into a box that scrolls sideways on its own when it is wider than a phone
    /// (WCAG 1.4.10): a region that keyboards can focus to scroll, named by the heading above.
    pub(super) fn table_or(&mut self, event: Event<'a>) {
        match event {
            Event::Start(Tag::Table(alignments)) => {
                let name = match self.headings.last() {
                    Some((_, id, _)) => format!("aria-labelledby=\"{}\"", highlight::escape(id)),
                    None => "aria-label=\"Tabell\"".to_string(),
                };
                let open =
                    format!("<div class=\"table-scroll\" role=\"region\" {name} tabindex=\"0\">\n");
                self.events.push(Event::Html(open.into()));
                let none = vec![Alignment::None; alignments.len()];
                self.table = Table {
                    alignments,
                    head: false,
                    cell: 0,
                };
                self.events.push(Event::Start(Tag::Table(none)));
            }
            Event::Start(Tag::TableHead) | Event::Start(Tag::TableRow) => {
                self.table.head = matches!(event, Event::Start(Tag::TableHead));
                self.table.cell = 0;
                self.events.push(event);
            }
            Event::Start(Tag::TableCell) => match self.table.aligned_cell() {
                Some(open) => self.events.push(Event::Html(open.into())),
                None => self.events.push(event),
            },
            Event::End(TagEnd::TableCell) => {
                self.table.cell += 1;
                self.events.push(event);
            }
            Event::End(TagEnd::Table) => {
                self.events.push(event);
                self.events.push(Event::Html("</div>\n".into()));
            }
            _ => self.events.push(event),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::markdown::text_tests::html_of as render_body;

    #[test]
    fn aligned_columns_get_classes_not_styles() {
        let html = render_body(
            "| a | b | c | d |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |\n| 5 | 6 | 7 | 8 |\n",
        );
        assert!(!html.contains("style="), "{html}");
        assert!(html.contains("<th class=\"align-left\">a</th>"), "{html}");
        assert!(html.contains("<th class=\"align-center\">b</th>"), "{html}");
        assert!(html.contains("<th class=\"align-right\">c</th>"), "{html}");
        assert!(html.contains("<th>d</th>"), "{html}");
        assert!(html.contains("<td class=\"align-right\">7</td>"), "{html}");
        assert!(html.contains("<td>8</td>"), "{html}");
        assert_eq!(
            html.matches("<td class=\"align-center\">").count(),
            2,
            "{html}"
        );
    }
}
