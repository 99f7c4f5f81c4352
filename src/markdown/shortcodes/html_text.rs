//! The text of an `.html` shortcode's output, for the search index and the word count: read
//! with an XML tokenizer set to forgive HTML (unclosed `<br>`, mismatched ends), entities
//! resolved, script and style left out.

use quick_xml::escape::resolve_html5_entity;
use quick_xml::events::Event;
use quick_xml::Reader;

/// Elements whose ends separate words.
const BLOCKS: [&str; 24] = [
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "td",
    "th",
    "blockquote",
    "figure",
    "figcaption",
    "section",
    "aside",
    "pre",
    "dt",
    "dd",
    "summary",
];

/// Elements whose content is not text.
const HIDDEN: [&str; 4] = ["script", "style", "template", "iframe"];

/// The text of `html`, words separated where blocks end. Malformed HTML gives the text read
/// up to where it stops making sense.
pub fn text(html: &str) -> String {
    let mut reader = Reader::from_str(html);
    let config = reader.config_mut();
    config.check_end_names = false;
    config.allow_unmatched_ends = true;
    config.check_comments = false;
    config.allow_dangling_amp = true;
    let mut out = String::new();
    let mut hidden = 0usize;
    loop {
        match reader.read_event() {
            Ok(Event::Text(text)) if hidden == 0 => out.push_str(&text.xml10_content()),
            Ok(Event::CData(text)) if hidden == 0 => out.push_str(&text.xml10_content()),
            Ok(Event::GeneralRef(entity)) if hidden == 0 => {
                if let Ok(Some(c)) = entity.resolve_char_ref() {
                    out.push(c);
                } else if let Some(text) = resolve_html5_entity(&entity.into_inner()) {
                    out.push_str(text);
                }
            }
            Ok(Event::Start(tag)) => {
                let name = tag.local_name().as_ref().to_ascii_lowercase();
                if hidden == 0 {
                    separate(&mut out, &name);
                }
                hidden += usize::from(HIDDEN.contains(&name.as_str()));
            }
            Ok(Event::End(tag)) => {
                let name = tag.local_name().as_ref().to_ascii_lowercase();
                if HIDDEN.contains(&name.as_str()) {
                    hidden = hidden.saturating_sub(1);
                } else if hidden == 0 {
                    separate(&mut out, &name);
                }
            }
            Ok(Event::Empty(tag)) if hidden == 0 => {
                separate(&mut out, &tag.local_name().as_ref().to_ascii_lowercase());
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
    out
}

fn separate(out: &mut String, name: &str) {
    if BLOCKS.contains(&name) && !out.is_empty() && !out.ends_with(char::is_whitespace) {
        out.push(' ');
    }
}

#[cfg(test)]
mod tests {
    use super::text;

    #[test]
    fn text_of_html_with_entities_and_blocks() {
        let html = "<figure><img src=\"a.png\" alt=\"x\"><figcaption>Vit&nbsp;makt &amp; \
                    &#8220;88&#8221;</figcaption></figure><p>Ett<br>två</p>";
        assert_eq!(text(html), "Vit\u{a0}makt & \u{201c}88\u{201d} Ett två ");
    }

    #[test]
    fn script_and_style_are_not_text() {
        let html = "<div>före<script>var a = \"<p>\";</script><style>p{}</style>efter</div>";
        assert_eq!(text(html), "föreefter ");
    }

    #[test]
    fn malformed_html_gives_what_was_read() {
        assert_eq!(text("<p>ord</b> <a href=\"x>rest"), "ord ");
    }
}
