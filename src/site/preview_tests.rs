//! The preview on the repository's example site: the same problems a build reports, at the
//! lines of the text that was given, and the library left as it was.

use std::path::Path;
use std::sync::OnceLock;

use super::*;

const SYMBOL: &str = "symboler/afa-symbolen/index.md";

fn site() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        Site::load(root, false, None).expect("the example site builds")
    })
}

fn symbol_text() -> String {
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("content")
        .join(SYMBOL);
    std::fs::read_to_string(file).expect("the example symbol")
}

fn codes_and_lines(preview: &Preview) -> Vec<(&'static str, usize)> {
    preview.problems.iter().map(|p| (p.code, p.line)).collect()
}

#[test]
fn an_edited_page_is_rendered_with_its_template_and_the_library_is_untouched() {
    let text = symbol_text()
        .replace("Klistermärken, affischer", "Tygmärken, affischer")
        .replace("## Att tänka på", "## Att tänka på i skolan");
    let preview = preview_page(site(), SYMBOL, &text);
    assert_eq!(codes_and_lines(&preview), vec![]);
    let html = preview.html.expect("rendered");
    assert!(html.contains("Tygmärken, affischer"), "field shown");
    assert!(html.contains("Att tänka på i skolan</h2>"), "body shown");
    assert!(html.contains("<base href=\"/symboler/afa-symbolen/\">"));
    assert!(
        html.contains("<html lang=\"sv\""),
        "the site's base template"
    );
    assert_eq!(preview.url.as_deref(), Some("/symboler/afa-symbolen/"));
    let stored = &site().library.pages[SYMBOL].doc.source;
    assert!(
        !stored.contains("Tygmärken"),
        "the library keeps the file's text"
    );
}

#[test]
fn schema_and_link_errors_are_reported_at_their_lines_of_the_given_text() {
    let text = symbol_text()
        .replace("miljo: autonom", "miljo: okand")
        .replace(
            "## Att tänka på",
            "## Att tänka på\n\nSe [sidan](@/finns-inte.md).",
        );
    let line_of = |needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() + 1;
    let preview = preview_page(site(), SYMBOL, &text);
    assert!(preview.has_errors());
    let found = codes_and_lines(&preview);
    assert!(
        found.contains(&("schema.enum", line_of("miljo: okand"))),
        "{found:?}"
    );
    assert!(
        found.contains(&("link.internal.missing", line_of("finns-inte"))),
        "{found:?}"
    );
}

#[test]
fn a_link_to_a_missing_heading_of_another_page_is_an_error() {
    let text = symbol_text().replace(
        "#blankett-for-avidentifierad-information",
        "#ingen-sadan-rubrik",
    );
    let preview = preview_page(site(), SYMBOL, &text);
    let found = codes_and_lines(&preview);
    assert!(
        found.iter().any(|(code, _)| *code == "link.anchor.missing"),
        "{found:?}"
    );
}

#[test]
fn a_new_page_missing_required_fields_names_each_and_still_renders() {
    let text = "---\ntitle: \"Ny symbol\"\n---\n\nText.\n";
    let preview = preview_page(site(), "symboler/ny-symbol/index.md", text);
    let required: Vec<&str> = preview
        .problems
        .iter()
        .filter(|p| p.code == "schema.required")
        .map(|p| p.message.split('`').nth(1).unwrap_or(""))
        .collect();
    for field in ["miljo", "typ", "betydelse", "bild", "bild_alt"] {
        assert!(required.contains(&field), "{field}: {required:?}");
    }
    assert_eq!(preview.url.as_deref(), Some("/symboler/ny-symbol/"));
}

#[test]
fn text_whose_front_matter_cannot_be_read_gives_problems_and_no_page() {
    for text in [
        "---\ntitle: [\n---\n",
        "ingen front matter",
        "---\ntitle: x\n",
    ] {
        let preview = preview_page(site(), SYMBOL, text);
        assert!(preview.html.is_none(), "{text:?}");
        assert!(preview.has_errors(), "{text:?}");
    }
}
