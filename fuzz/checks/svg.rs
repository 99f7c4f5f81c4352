//! Reads a cleaned SVG with a real XML parser (quick-xml), which decodes entities and CDATA
//! the way a browser does, and fails on anything `images/svg.rs` promises to take out.

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

use super::SVG_REMOVED;

/// Panics when `svg` (a cleaner's output) has code, an embedded document, an event attribute,
/// a reference to another file or editor data. Reading stops at the first XML error: a
/// browser shows nothing of an SVG after one.
pub fn assert_clean_svg(svg: &str) {
    let mut reader = Reader::from_str(svg);
    reader.config_mut().check_end_names = false;
    // The text of an open `<style>`, as the CSS parser will get it.
    let mut style: Option<String> = None;
    loop {
        let event = match reader.read_event() {
            Ok(Event::Eof) | Err(_) => break,
            Ok(event) => event,
        };
        match event {
            Event::Start(tag) => {
                if check_element(&tag, svg) == "style" {
                    style = Some(String::new());
                }
            }
            Event::Empty(tag) => {
                check_element(&tag, svg);
            }
            Event::End(tag) => {
                let name = tag.name().0.to_ascii_lowercase();
                if name.rsplit(':').next() == Some("style") {
                    if let Some(css) = style.take() {
                        assert!(
                            !dangerous_css(&css),
                            "a <style> loads files: {css:?} in {svg}"
                        );
                    }
                }
            }
            Event::Text(text) => {
                if let Some(css) = &mut style {
                    css.push_str(&text.xml_content(XmlVersion::Implicit1_0));
                }
            }
            Event::CData(data) => {
                if let Some(css) = &mut style {
                    css.push_str(&data);
                }
            }
            Event::GeneralRef(reference) => {
                if let Some(css) = &mut style {
                    let name = reference.to_string();
                    match reference.resolve_char_ref() {
                        Ok(Some(c)) => css.push(c),
                        _ => css.push_str(predefined(&name).unwrap_or(&name)),
                    }
                }
            }
            Event::PI(pi) => panic!("a processing instruction survived: {pi:?} in {svg}"),
            Event::Comment(c) => panic!("a comment survived: {c:?} in {svg}"),
            Event::DocType(d) => {
                assert!(
                    !d.contains('['),
                    "a DOCTYPE with entities survived in {svg}"
                )
            }
            Event::Decl(_) | Event::Eof => {}
        }
    }
    if let Some(css) = style {
        assert!(
            !dangerous_css(&css),
            "a <style> loads files: {css:?} in {svg}"
        );
    }
}

fn predefined(name: &str) -> Option<&'static str> {
    Some(match name {
        "lt" => "<",
        "gt" => ">",
        "amp" => "&",
        "quot" => "\"",
        "apos" => "'",
        _ => return None,
    })
}

/// Checks one element and its attributes; returns its local name in lower case.
fn check_element(tag: &BytesStart<'_>, svg: &str) -> String {
    let name = tag.name().0.to_ascii_lowercase();
    let local = name.rsplit(':').next().unwrap_or("").to_string();
    assert!(
        !SVG_REMOVED.contains(&local.as_str()),
        "<{name}> survived in {svg}"
    );
    assert!(!is_editor_name(&name), "<{name}> survived in {svg}");
    let mut attributes = tag.attributes();
    attributes.with_checks(false);
    for attribute in attributes {
        let Ok(attribute) = attribute else { break };
        let key = attribute.key.0.to_ascii_lowercase();
        let key_local = key.rsplit(':').next().unwrap_or("");
        let value = attribute
            .normalized_value(XmlVersion::Implicit1_0)
            .map(|v| v.into_owned())
            .unwrap_or_else(|_| attribute.value.to_string());
        let compact = compact(&value);
        let what = format!("`{key}=\"{value}\"` on <{name}> survived in {svg}");
        assert!(!is_editor_name(&key), "{what}");
        assert!(!key_local.starts_with("on"), "{what}");
        assert!(key != "xml:base", "{what}");
        assert!(
            !compact.contains("javascript:") && !compact.contains("vbscript:"),
            "{what}"
        );
        if key_local == "href" || key_local == "src" {
            let web = local == "a"
                && ["http://", "https://", "mailto:"]
                    .iter()
                    .any(|s| compact.starts_with(s));
            assert!(
                compact.starts_with('#') || is_raster_data(&compact) || web,
                "{what}"
            );
        }
        assert!(!dangerous_css(&value), "{what}");
        let animation = matches!(
            local.as_str(),
            "set" | "animate" | "animatemotion" | "animatetransform"
        );
        if animation && key == "attributename" {
            let target = compact.rsplit(':').next().unwrap_or("");
            assert!(target != "href" && !target.starts_with("on"), "{what}");
        }
    }
    local
}

fn is_editor_name(name: &str) -> bool {
    name.starts_with("sodipodi:") || name.starts_with("inkscape:")
}

/// Lower case without whitespace or control characters, which browsers skip in URLs.
fn compact(value: &str) -> String {
    value
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .flat_map(char::to_lowercase)
        .collect()
}

fn is_raster_data(value: &str) -> bool {
    ["png", "jpeg", "jpg", "gif", "webp"]
        .iter()
        .any(|t| value.starts_with(&format!("data:image/{t}")))
}

/// CSS that imports, loads a `url()` other than `#id` or a raster image, or runs an
/// expression, after CSS escapes (`\75 rl(`) and comments are read as a CSS parser reads them.
fn dangerous_css(css: &str) -> bool {
    let css = compact(&css_text(css));
    if css.contains("@import") || css.contains("expression(") || css.contains("javascript:") {
        return true;
    }
    css.match_indices("url(").any(|(i, _)| {
        let target = css[i + 4..].trim_start_matches(['"', '\'']);
        !(target.starts_with('#') || is_raster_data(target))
    })
}

/// CSS with its escapes decoded and its comments taken out.
fn css_text(css: &str) -> String {
    let mut out = String::new();
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
                hex.push(chars.next().expect("peeked"));
            }
            if hex.is_empty() {
                out.extend(chars.next());
            } else {
                let code = u32::from_str_radix(&hex, 16).expect("hex digits");
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
