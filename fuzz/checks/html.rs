//! Reads published HTML the way a browser's tokenizer does, to prove it runs no script.

/// Schemes a published link may have, as `links.rs` allows them.
const SAFE_SCHEMES: [&str; 6] = ["http", "https", "mailto", "tel", "sms", "ftp"];
/// Elements that run code or embed other documents.
const ACTIVE_ELEMENTS: [&str; 12] = [
    "script", "iframe", "object", "embed", "frame", "frameset", "form", "base", "meta", "link",
    "style", "svg",
];

/// Panics when HTML, read the way a browser tokenizes it, has an active element, an event
/// attribute or a URL attribute with a scheme that is not allowed.
pub fn assert_safe_html(html: &str) {
    assert!(
        !html.to_ascii_lowercase().contains("<script"),
        "a script: {html}"
    );
    for tag in html_tags(html) {
        assert!(
            !ACTIVE_ELEMENTS.contains(&tag.name.as_str()),
            "<{}> published: {html}",
            tag.name
        );
        for (name, value) in &tag.attributes {
            assert!(!name.starts_with("on"), "event attribute {name}: {html}");
            if matches!(
                name.as_str(),
                "href" | "src" | "srcset" | "action" | "formaction"
            ) {
                let raster = tag.name == "img" && name == "src";
                assert_safe_url(value, raster, html);
            }
        }
    }
}

/// Panics when a URL attribute's value, entities decoded, has a scheme that is not allowed.
pub fn assert_safe_url(value: &str, raster_data: bool, html: &str) {
    let url: String = decode_entities(value)
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .flat_map(char::to_lowercase)
        .collect();
    let Some(colon) = url.find(':') else { return };
    let scheme = &url[..colon];
    let is_scheme = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !is_scheme {
        return; // a relative path with a colon in it, as a browser's URL parser reads it
    }
    let data_image = ["png", "jpeg", "gif", "webp"]
        .iter()
        .any(|t| url.starts_with(&format!("data:image/{t}")));
    assert!(
        SAFE_SCHEMES.contains(&scheme) || (raster_data && data_image),
        "a `{scheme}:` URL published: {value:?} in {html}"
    );
}

/// One start tag as an HTML tokenizer reads it: lower-case name, attributes with their raw
/// (still entity-encoded) values.
struct HtmlTag {
    name: String,
    attributes: Vec<(String, String)>,
}

/// The start tags of `html`, following the HTML tokenizer's states for tags, attributes,
/// comments and bogus comments (`<!…>`, `<?…>`).
fn html_tags(html: &str) -> Vec<HtmlTag> {
    let mut tags = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        if let Some(comment) = rest.strip_prefix("!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
        } else if rest.starts_with(['!', '?']) {
            rest = rest.find('>').map_or("", |end| &rest[end + 1..]);
        } else if rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
            let (tag, after) = read_tag(rest);
            tags.push(tag);
            rest = after;
        } else if rest.starts_with('/') && rest[1..].starts_with(|c: char| c.is_ascii_alphabetic())
        {
            rest = rest.find('>').map_or("", |end| &rest[end + 1..]);
        }
    }
    tags
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\x0c' | '\r')
}

/// Reads a start tag from just after its `<`; returns it and the text after it.
fn read_tag(text: &str) -> (HtmlTag, &str) {
    let name_end = text
        .find(|c| is_space(c) || c == '/' || c == '>')
        .unwrap_or(text.len());
    let mut tag = HtmlTag {
        name: text[..name_end].to_ascii_lowercase(),
        attributes: Vec::new(),
    };
    let mut rest = &text[name_end..];
    loop {
        rest = rest.trim_start_matches(|c| is_space(c) || c == '/');
        if rest.is_empty() {
            return (tag, rest);
        }
        if let Some(after) = rest.strip_prefix('>') {
            return (tag, after);
        }
        // An attribute name runs to a space, `/`, `>` or `=` (not at its start).
        let name_end = rest
            .char_indices()
            .find(|&(i, c)| is_space(c) || c == '/' || c == '>' || (c == '=' && i > 0))
            .map_or(rest.len(), |(i, _)| i);
        let name = rest[..name_end].to_ascii_lowercase();
        rest = rest[name_end..].trim_start_matches(is_space);
        let mut value = String::new();
        if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start_matches(is_space);
            if let Some(quote) = after.chars().next().filter(|c| *c == '"' || *c == '\'') {
                let inner = &after[1..];
                let end = inner.find(quote).unwrap_or(inner.len());
                value = inner[..end].to_string();
                rest = inner.get(end + 1..).unwrap_or("");
            } else {
                let end = after
                    .find(|c| is_space(c) || c == '>')
                    .unwrap_or(after.len());
                value = after[..end].to_string();
                rest = &after[end..];
            }
        }
        tag.attributes.push((name, value));
    }
}

/// Decodes character references as a browser does in an attribute: numeric ones with or
/// without `;`, and the named ones that can hide a scheme.
fn decode_entities(text: &str) -> String {
    const NAMED: [(&str, char); 10] = [
        ("amp;", '&'),
        ("lt;", '<'),
        ("gt;", '>'),
        ("quot;", '"'),
        ("apos;", '\''),
        ("colon;", ':'),
        ("Tab;", '\t'),
        ("NewLine;", '\n'),
        ("nbsp;", '\u{a0}'),
        ("sol;", '/'),
    ];
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at + 1..];
        if let Some(number) = rest.strip_prefix('#') {
            let (hex, digits) = match number.strip_prefix(['x', 'X']) {
                Some(hex) => (true, hex),
                None => (false, number),
            };
            let len = digits
                .find(|c: char| {
                    !(if hex {
                        c.is_ascii_hexdigit()
                    } else {
                        c.is_ascii_digit()
                    })
                })
                .unwrap_or(digits.len());
            let code = u32::from_str_radix(&digits[..len.min(8)], if hex { 16 } else { 10 });
            if let (true, Ok(code)) = (len > 0, code) {
                out.push(char::from_u32(code).unwrap_or('\u{fffd}'));
                rest = &digits[len..];
                rest = rest.strip_prefix(';').unwrap_or(rest);
                continue;
            }
        } else if let Some((name, c)) = NAMED.iter().find(|(n, _)| rest.starts_with(n)) {
            out.push(*c);
            rest = &rest[name.len()..];
            continue;
        }
        out.push('&');
    }
    out.push_str(rest);
    out
}
