//! The plain text a body gives the search index comes from the Markdown events: what users
//! wrote, entities and all, never cut inside a character.

use proptest::prelude::*;

use crate::content::{Document, Library};

fn text_of(body: &str) -> String {
    let source = format!("---\ntitle: \"Sida\"\n---\n{body}");
    let doc = Document {
        key: "sida.md".into(),
        kind: crate::content::kind::FileKind::Page,
        file: None,
        body_offset: source.len() - body.len(),
        source,
        output_path: "sida/index.html".into(),
        rendered: None,
    };
    super::render(&Library::default(), &doc).rendered.text
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

/// Markdown made mostly of what a scanner reacts to, beside multi-byte letters and emoji.
fn markdown() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        Just("&".to_string()),
        Just("<".to_string()),
        Just(">".to_string()),
        Just(";".to_string()),
        Just("#".to_string()),
        Just("&amp;".to_string()),
        Just("&#x".to_string()),
        Just("</p>".to_string()),
        Just("*".to_string()),
        Just("`".to_string()),
        Just("[a](".to_string()),
        Just("|".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("ö".to_string()),
        Just("😀".to_string()),
        "[a-zA-Z0-9 ]{0,3}",
        any::<char>().prop_map(String::from),
    ];
    proptest::collection::vec(pieces, 0..40).prop_map(|p| p.concat())
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
}
