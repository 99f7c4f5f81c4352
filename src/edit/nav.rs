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

/// A bar in the bottom right corner, over the page, with a focus ring that shows on any
/// theme; left out of print.
const STYLE: &str = "<style>\
#lots-edit-nav{position:fixed;right:1rem;bottom:1rem;z-index:2147483646;display:flex;gap:.25rem;\
padding:.35rem;background:#16324f;border-radius:.5rem;box-shadow:0 2px 8px rgba(0,0,0,.3);\
font:600 1rem/1.3 system-ui,sans-serif}\
#lots-edit-nav a{color:#fff;text-decoration:none;padding:.35rem .7rem;border-radius:.3rem}\
#lots-edit-nav a:hover{background:#2b5380;text-decoration:underline}\
#lots-edit-nav a:focus-visible{outline:3px solid #ffbf47;outline-offset:2px;background:#2b5380}\
@media print{#lots-edit-nav{display:none}}\
</style>";

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
    format!("{STYLE}<nav id=\"lots-edit-nav\" aria-label=\"Redigering\">{link}</nav>")
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
