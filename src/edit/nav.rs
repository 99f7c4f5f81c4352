//! The links `lots serve --edit` adds to every served page: "Redigera sidan" on a page,
//! "Ny sida" on a section's list, in a small bar of their own.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use crate::serve::hooks::{Source, SourceKind};

/// What a content key keeps as it is in a query: readable paths, the rest escaped.
const KEY_SET: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'/')
    .remove(b'-')
    .remove(b'_')
    .remove(b'.');

/// Where the bar's stylesheet is served (edit/http.rs); linked, not a `<style>` in the page,
/// which the site's Content-Security-Policy (no inline styles) would refuse.
pub const STYLE_URL: &str = "/__lots/edit/nav.css";
/// The bar's stylesheet.
pub const STYLE: &str = include_str!("assets/nav.css");

/// The bar for the HTML file at `_path`, by what produced it; nothing for other files.
pub fn decorate(_path: &str, source: Option<&Source>) -> String {
    let Some(source) = source else {
        return String::new();
    };
    let key = utf8_percent_encode(&source.key, KEY_SET);
    let link = match source.kind {
        SourceKind::Page => format!("<a href=\"/__lots/edit/page?key={key}\">Redigera sidan</a>"),
        SourceKind::Section => format!("<a href=\"/__lots/edit/new?section={key}\">Ny sida</a>"),
    };
    format!("<link rel=\"stylesheet\" href=\"{STYLE_URL}\"><nav id=\"lots-edit-nav\" aria-label=\"Redigering\">{link}</nav>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_get_an_edit_link_sections_a_new_page_link() {
        let page = Source {
            key: "symboler/kod 88/index.md".into(),
            kind: SourceKind::Page,
        };
        let html = decorate("symboler/kod-88/index.html", Some(&page));
        assert!(html.contains("aria-label=\"Redigering\""), "{html}");
        assert!(html.contains("href=\"/__lots/edit/nav.css\""), "{html}");
        assert!(
            !html.contains("<style") && !html.contains("style="),
            "{html}"
        );
        assert!(
            html.contains(
                "href=\"/__lots/edit/page?key=symboler/kod%2088/index.md\">Redigera sidan</a>"
            ),
            "{html}"
        );
        let section = Source {
            key: "symboler/_index.md".into(),
            kind: SourceKind::Section,
        };
        let html = decorate("symboler/index.html", Some(&section));
        assert!(
            html.contains("/__lots/edit/new?section=symboler/_index.md\">Ny sida</a>"),
            "{html}"
        );
        assert_eq!(decorate("404.html", None), "");
    }
}
