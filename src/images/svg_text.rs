//! Text inside an SVG as a browser reads it, for the cleaner's checks: attribute values and
//! `<style>` text with XML references decoded, and CSS with its escapes and comments resolved.
//! Without this `&#106;avascript:`, `u&#114;l(`, `\75 rl(` or `@im<!-- -->port` pass a
//! check that looks for `javascript:`, `url(` or `@import` in the raw text.

/// Decodes XML character references (`&#106;`, `&#x6A;`) and the predefined entities; others
/// stay as written (without a DTD declaring them the file does not parse).
pub(super) fn decode_references(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let Some(end) = rest.find(';') else { break };
        let name = &rest[1..end];
        let decoded = match name {
            "lt" => Some('<'),
            "gt" => Some('>'),
            "amp" => Some('&'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => name.strip_prefix('#').and_then(|number| {
                let code = match number.strip_prefix('x') {
                    Some(hex) => u32::from_str_radix(hex, 16),
                    None => number.parse(),
                };
                char::from_u32(code.ok()?)
            }),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The byte offset of the first `&` in `text` that starts no reference an XML parser accepts
/// without a DTD: one of the five predefined entities, or a character reference to a
/// character XML allows (`&#14;` is not one).
pub(super) fn bad_reference(text: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(found) = text[from..].find('&') {
        let at = from + found;
        let rest = &text[at + 1..];
        let Some(end) = rest.find(';') else {
            return Some(at);
        };
        let name = &rest[..end];
        let number = |digits: &str, radix: u32| {
            let valid = !digits.is_empty() && digits.chars().all(|c| c.is_digit(radix));
            let code = u32::from_str_radix(digits, radix).ok().filter(|_| valid);
            code.and_then(char::from_u32).is_some_and(|c| {
                matches!(c, '\t' | '\n' | '\r')
                    || (c >= ' ' && !matches!(c, '\u{fffe}' | '\u{ffff}'))
            })
        };
        let valid = matches!(name, "lt" | "gt" | "amp" | "quot" | "apos")
            || name.strip_prefix("#x").is_some_and(|hex| number(hex, 16))
            || name
                .strip_prefix('#')
                .is_some_and(|digits| number(digits, 10));
        if !valid {
            return Some(at);
        }
        from = at + 1 + end + 1;
    }
    None
}

/// The text of a `<style>` element whose content starts `body`, as the CSS parser gets it;
/// `None` when an element is inside it (or it never ends), which a style sheet does not need.
pub(super) fn style_text(body: &str) -> Option<String> {
    let mut css = String::new();
    let mut rest = body;
    loop {
        let at = rest.find('<')?;
        css.push_str(&decode_references(&rest[..at]));
        rest = &rest[at..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            rest = &comment[comment.find("-->")? + 3..];
        } else if let Some(data) = rest.strip_prefix("<![CDATA[") {
            let end = data.find("]]>")?;
            css.push_str(&data[..end]);
            rest = &data[end + 3..];
        } else if rest.starts_with("</") {
            return Some(css);
        } else {
            return None;
        }
    }
}

/// CSS with its escapes decoded (`\75 ` and `\u` are `u`) and its comments taken out.
pub(super) fn css_text(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '/' && chars.peek() == Some(&'*') {
            chars.next();
            let mut last = ' ';
            for c in chars.by_ref() {
                if last == '*' && c == '/' {
                    break;
                }
                last = c;
            }
        } else if c == '\\' {
            let mut hex = String::new();
            while hex.len() < 6 && chars.peek().is_some_and(char::is_ascii_hexdigit) {
                hex.extend(chars.next());
            }
            if hex.is_empty() {
                out.extend(chars.next());
            } else {
                let code = u32::from_str_radix(&hex, 16).unwrap_or(0xfffd);
                out.push(char::from_u32(code).unwrap_or('\u{fffd}'));
                if chars.peek().is_some_and(|c| c.is_ascii_whitespace()) {
                    chars.next();
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_decode_as_xml_reads_them() {
        assert_eq!(
            decode_references("&#106;ava&#X73;&#x63;ript&#58;"),
            "java&#X73;cript:"
        );
        assert_eq!(
            decode_references("a &amp;lt; &unknown; &#xZZ; &"),
            "a &lt; &unknown; &#xZZ; &"
        );
        assert_eq!(decode_references("&#1114112;"), "&#1114112;");
    }

    #[test]
    fn references_an_xml_parser_refuses_are_found() {
        assert_eq!(bad_reference("a &lt; &#106; &#x6a; &#10; b"), None);
        for bad in [
            "&", "& b;", "&#1r;", "&#14;", "&#x;", "&nbsp;", "&#xFFFE;", "&#X6a;",
        ] {
            assert_eq!(bad_reference(&format!("ok &amp; {bad}")), Some(9), "{bad}");
        }
    }

    #[test]
    fn style_text_is_what_the_css_parser_gets() {
        let text = style_text("@im<!-- x -->port &#64;<![CDATA[a</b>]]></style>");
        assert_eq!(text.as_deref(), Some("@import @a</b>"));
        assert_eq!(style_text("a<b/>c</style>"), None);
        assert_eq!(style_text("a<!-- never closed"), None);
    }

    #[test]
    fn css_escapes_and_comments_are_resolved() {
        assert_eq!(
            css_text("\\75 rl(x) \\000075rl \\@import /* c */u"),
            "url(x) url @import u"
        );
    }
}
