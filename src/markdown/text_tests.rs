//! The plain text a body gives the search index comes from the Markdown events: what users
//! wrote, entities and all, never cut inside a character.

use proptest::prelude::*;

use crate::content::kind::FileKind;
use crate::content::{Document, Library};

pub(super) fn html_of(body: &str) -> String {
    rendered(body).html.expect("render writes HTML")
}

fn text_of(body: &str) -> String {
    rendered(body).text
}

fn rendered(body: &str) -> crate::content::Rendered {
    super::render(&Library::default(), &document(body)).rendered
}

pub(crate) fn document(body: &str) -> Document {
    let source = format!("---\ntitle: \"Sida\"\n---\n{body}");
    Document {
        key: "sida.md".into(),
        kind: FileKind::Page,
        file: None,
        body_offset: source.len() - body.len(),
        source,
        output_path: "sida/index.html".into(),
        rendered: None,
        released_body: None,
    }
}

/// A build reads each page twice: once without HTML for everything it checks and lists, once
/// with it to write the page. Both must agree on all but the HTML.
#[test]
fn analysis_gives_what_rendering_gives_but_the_html() {
    let body = "Inledning med `kod`.\n\n```rust\nfn main() {}\n```\n\n<!-- more -->\n\n\
        ## Rubrik {#egen}\n\nText [länk](#egen).\n\n```sh\necho hej\n```\n\n### Under\n";
    let doc = document(body);
    let full = super::render(&Library::default(), &doc);
    let analyzed = super::analyze_with_images(&Library::default(), &doc, super::Tools::default());
    assert!(analyzed.rendered.html.is_none());
    let (a, b) = (&analyzed.rendered, &full.rendered);
    assert_eq!(a.text, b.text);
    assert_eq!(a.anchors, b.anchors);
    assert_eq!(a.word_count, b.word_count);
    assert_eq!(format!("{:?}", a.toc), format!("{:?}", b.toc));
    let summary = a.summary.as_deref().expect("a summary");
    assert_eq!(Some(summary), b.summary.as_deref());
    assert!(
        summary.contains("fn"),
        "code before the marker is in the summary: {summary}"
    );
    assert!(full.problems.is_empty() && analyzed.problems.is_empty());
}

/// The HTML a page is written with comes from a reading that makes nothing else; it must be
/// the HTML of the full reading, byte for byte.
fn html_alone_is_full_html(body: &str) -> Result<(), TestCaseError> {
    let doc = document(body);
    let full = super::render(&Library::default(), &doc).rendered.html;
    let alone = super::run(
        &Library::default(),
        &doc,
        super::Tools::default(),
        super::Mode::Html,
    );
    prop_assert_eq!(alone.rendered.html, full);
    prop_assert!(alone.rendered.text.is_empty() && alone.rendered.summary.is_none());
    prop_assert_eq!(alone.rendered.word_count, 0);
    Ok(())
}

#[test]
fn the_html_alone_is_the_html_of_the_full_reading() {
    let body = "Inledning “citat” med `kod` och 08-508 000 00.\n\n```rust\nfn main() {}\n```\n\n\
        <!-- more -->\n\n## Rubrik\n\n## Rubrik\n\n## Egen {#egen .klass}\n\n\
        Text [länk](#egen), [webb](https://example.org) och ![bild](x.png)[^1].\n\n\
        | a | b |\n|:--|--:|\n| 1 | 2 |\n\n- [ ] uppgift\n- [x] klar\n\n\
        <div onclick=\"x()\">rå</div>\n\n[^1]: Fotnot.\n";
    html_alone_is_full_html(body).unwrap();
}

#[test]
fn ampersands_beside_multibyte_letters_stay_as_written() {
    let cases = [
        ("Sundsvall & Härnösand.", "Sundsvall & Härnösand."),
        ("Bokstaven &ö.", "Bokstaven &ö."),
        ("Tecknen &#åäö och &#x😀;", "Tecknen &#åäö och &#x😀;"),
        ("Okänt &öööööö; namn", "Okänt &öööööö; namn"),
        ("Sist &", "Sist &"),
        ("Kod &amp; &#229; &lt;b&gt;", "Kod & å <b>"),
    ];
    for (body, text) in cases {
        assert_eq!(text_of(body), text, "{body}");
    }
}

#[test]
fn blocks_separate_words_and_inline_markup_does_not() {
    let body = "# Rubrik\n\nVid **Här**nösand och [länk](https://example.org)\n\n- ett\n- två\n\n| a | b |\n|---|---|\n| c | d |\n\n```\nlet x = 1;\n```\n\nrad<br>ny `kod` <div>rå</div>\n\n<!-- dold -->\n![bild](https://example.org/a.png)";
    let text = text_of(body);
    assert_eq!(
        text.split_whitespace().collect::<Vec<_>>().join(" "),
        "Rubrik Vid Härnösand och länk ett två a b c d let x = 1; rad ny kod <div>rå</div>"
    );
}

#[test]
fn phone_numbers_in_text_are_tel_links_but_not_in_links_code_or_headings() {
    let html = html_of("Ring **112** eller 114 14 & \u{201c}08-508 000 00\u{201d}.");
    assert!(
        html.contains(r#"<strong><a class="tel" href="tel:112">112</a></strong>"#),
        "{html}"
    );
    assert!(
        html.contains(r#"<a class="tel" href="tel:11414">114 14</a> &amp; ”"#),
        "{html}"
    );
    assert!(
        html.contains(r#"<a class="tel" href="tel:0850800000">08-508 000 00</a>”."#),
        "{html}"
    );
    let html =
        html_of("## Ring 112 {#ring}\n\n[ring 112 nu](https://example.org) och `112`\n\n    112\n");
    assert!(!html.contains("tel:"), "{html}");
    assert!(html.contains(r#"<h2 id="ring">Ring 112</h2>"#), "{html}");
    assert_eq!(text_of("Ring 112 nu."), "Ring 112 nu.");
}

/// Markdown made mostly of what a scanner reacts to, beside multi-byte letters and emoji.
fn markdown() -> impl Strategy<Value = String> {
    crate::test_text::made_of(
        &[
            "&", "<", ">", ";", "#", "&amp;", "&#x", "</p>", "*", "`", "[a](", "|", "\n", "\n\n",
        ],
        "[a-zA-Z0-9 ]{0,3}",
        40,
    )
}

proptest! {
    #[test]
    fn any_markdown_gives_its_text_without_panic(body in markdown()) {
        let text = text_of(&body);
        prop_assert_eq!(text.trim_end(), text.as_str());
    }

    #[test]
    fn any_string_gives_its_text_without_panic(body in any::<String>()) {
        text_of(&body);
    }

    #[test]
    fn any_markdown_gives_the_same_html_alone(body in crate::test_text::made_of(
        &[
            "## ", "# a {#a}", "\n", "\n\n", "```\n", "`", "*", "[l](#a)", "![b](x.png)",
            "<!-- more -->", "<b>", "“", "070-123 45 67", "- [ ] ", "| a |\n|--|\n", "[^1]",
        ],
        "[a-zA-Zåö ]{0,4}",
        40,
    )) {
        html_alone_is_full_html(&body)?;
    }
}

#[test]
fn opening_quotes_are_found_among_other_marks() {
    for (text, has) in [
        ("a “b", true),
        ("‘", true),
        ("”a” ’b’ — – … €", false),
        ("åäö\u{e2}", false),
        ("", false),
    ] {
        assert_eq!(super::has_opening_quote(text), has, "{text:?}");
        let contains = text.contains('\u{201c}') || text.contains('\u{2018}');
        assert_eq!(contains, has, "{text:?}");
    }
}
