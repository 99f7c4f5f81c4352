//! Reads a cleaned SVG with a real XML parser (quick-xml), which decodes entities and CDATA
//! the way a browser does, and fails on anything `images/svg.rs` promises to take out. What
//! counts as a dangerous URL or CSS is the cleaner's own reading (`compact`, `dangerous_css`):
//! the check proves it is applied to everything a parser sees, however it is written.

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

use lots::images::svg::{compact, dangerous_css, is_raster_data};

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
