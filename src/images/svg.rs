//! Cleans an SVG before it is published: an SVG is a document that can run scripts when it is
//! opened on its own, and load files from elsewhere, so every published one loses
//!
//! - `<script>`, `<foreignObject>` (arbitrary HTML), `<iframe>`, `<embed>`, `<object>`,
//!   `<handler>` and `<listener>`, with everything inside them;
//! - event attributes (`onload`, `onclick`, every `on*`) and `javascript:` anywhere;
//! - references to other files: `href` (except `#id` inside the file, raster `data:` images
//!   and, on `<a>`, web and mail links), `url(...)` that is not `#id`, CSS `@import`,
//!   `xml:base`, `<?xml-stylesheet?>`, animations that rewrite an `href` or an `on*`;
//! - editor leftovers that can name people and folders: comments, `<metadata>` (RDF author
//!   and licence data), `sodipodi:*`/`inkscape:*` elements and attributes.
//!
//! Removals of code and external references are reported as warnings with their position.
//! A file that cannot be read safely (broken markup, or a DOCTYPE declaring entities, which
//! can expand exponentially or read local files) is refused with its position instead.
//!
//! This is a small tokenizer, not an XML parser: it only has to find tags, attributes,
//! comments and sections, and it refuses what it does not understand.

use super::svg_text::{bad_reference, css_text, decode_references, style_text};
use crate::args;
use crate::messages::{because, Reason};

/// A cleaned SVG, what was taken out (byte offset, what), and its size when the root element
/// gives one.
pub struct Cleaned {
    pub text: String,
    pub removed: Vec<(usize, Reason)>,
    pub size: Option<(u32, u32)>,
}

/// Why an SVG was refused, at a byte offset.
#[derive(Debug)]
pub struct Rejected {
    pub offset: usize,
    pub why: Reason,
}

/// Elements removed with everything inside them, and why, as a catalogue word (`None`:
/// silently, not a risk).
fn removed_element(local: &str, qualified: &str) -> Option<Option<&'static str>> {
    match local {
        "script" | "handler" | "listener" => Some(Some(CODE)),
        "foreignobject" | "iframe" | "embed" | "object" => Some(Some("svg.why.embed")),
        "metadata" => Some(None),
        _ if is_editor_name(qualified) => Some(None),
        _ => None,
    }
}

/// Whether `name` is an XML name as SVG files use them (`rect`, `xlink:href`, `data-x`). A
/// name with `<`, quotes or `=` in it makes an XML parser stop, but would make this tokenizer
/// read the tags after it differently from a browser: refused.
fn is_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_alphabetic() || c == '_' || c == ':')
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '.' | '_' | ':'))
}

fn is_editor_name(qualified: &str) -> bool {
    let lower = qualified.to_ascii_lowercase();
    lower.starts_with("sodipodi:") || lower.starts_with("inkscape:")
}

/// Cleans `text`; see the module documentation for what goes.
pub fn clean(text: &str) -> Result<Cleaned, Rejected> {
    let mut cleaner = Cleaner {
        text,
        pos: 0,
        out: String::with_capacity(text.len()),
        removed: Vec::new(),
        skip: 0,
        skip_start: 0,
        size: None,
        seen_svg: false,
        open: Vec::new(),
    };
    cleaner.run()?;
    if !cleaner.seen_svg {
        return Err(reject(0, "svg.no_svg", Vec::new()));
    }
    Ok(Cleaned {
        text: cleaner.out,
        removed: cleaner.removed,
        size: cleaner.size,
    })
}

/// The width and height the root `<svg>` declares (or its `viewBox`), in pixels.
pub fn dimensions(text: &str) -> Option<(u32, u32)> {
    clean(text).ok()?.size
}

/// Refuses `text` (at byte `offset` of the file) when a `&` in it starts no reference an XML
/// parser reads without a DTD: the checks could not know what it stands for.
fn references(text: &str, offset: usize) -> Result<(), Rejected> {
    match bad_reference(text) {
        Some(at) => Err(reject(offset + at, "svg.bad_reference", Vec::new())),
        None => Ok(()),
    }
}

/// Why an element or attribute goes that runs code (catalogue words).
const CODE: &str = "svg.why.code";
/// Why one goes that loads files or pages from elsewhere.
const EXTERNAL: &str = "svg.why.external";

/// A refusal at `offset`: the catalogue's text `key` with `args`.
fn reject(offset: usize, key: &'static str, args: crate::messages::Args) -> Rejected {
    Rejected {
        offset,
        why: Reason::new(key, args),
    }
}

struct Attr<'a> {
    name: &'a str,
    value: &'a str,
    quote: char,
    offset: usize,
}

struct Cleaner<'a> {
    text: &'a str,
    pos: usize,
    out: String,
    removed: Vec<(usize, Reason)>,
    /// Depth inside an element being removed (0: not removing).
    skip: usize,
    skip_start: usize,
    size: Option<(u32, u32)>,
    seen_svg: bool,
    /// Names of the kept elements not closed yet, innermost last.
    open: Vec<&'a str>,
}

impl<'a> Cleaner<'a> {
    fn run(&mut self) -> Result<(), Rejected> {
        while self.pos < self.text.len() {
            let rest = &self.text[self.pos..];
            if rest.starts_with("<!--") {
                // Comments are dropped: editors leave names and paths in them. The end is
                // looked for after the opener, as an XML parser (and `style_text`) does:
                // `<!-->` does not close itself, or a style sheet the check read as one
                // comment would be published as text.
                self.pos = self.until_after("<!--", "-->", "svg.unclosed_comment")?;
            } else if rest.starts_with("<![CDATA[") {
                let start = self.pos;
                self.pos = self.until("]]>", "svg.unclosed_cdata")?;
                self.keep(start, self.pos);
            } else if rest.starts_with("<?") {
                self.instruction()?;
            } else if rest.starts_with("<!") {
                self.doctype()?;
            } else if rest.starts_with("</") {
                let start = self.pos;
                self.pos = self.until(">", "svg.unclosed_end_tag")?;
                if self.skip > 0 {
                    self.skip -= 1;
                } else {
                    self.end_tag(start)?;
                }
            } else if rest.starts_with('<') {
                self.start_tag()?;
            } else {
                let start = self.pos;
                self.pos = rest.find('<').map_or(self.text.len(), |i| self.pos + i);
                references(&self.text[start..self.pos], start)?;
                self.keep(start, self.pos);
            }
        }
        if self.skip > 0 {
            return Err(reject(self.skip_start, "svg.never_closed", Vec::new()));
        }
        Ok(())
    }

    /// Keeps an end tag that closes the innermost open element. Any other is refused: a
    /// browser stops reading the file there, but a `</x>` inside a `<style>` would make the
    /// cleaner misread where the style sheet ends.
    fn end_tag(&mut self, start: usize) -> Result<(), Rejected> {
        let name = self.text[start + 2..self.pos - 1].trim_end();
        match self.open.pop() {
            Some(open) if open == name => {
                self.keep(start, self.pos);
                Ok(())
            }
            Some(open) => Err(reject(
                start,
                "svg.wrong_end",
                args!("element" => name, "open" => open),
            )),
            None => Err(reject(start, "svg.stray_end", args!("element" => name))),
        }
    }

    fn keep(&mut self, start: usize, end: usize) {
        if self.skip == 0 {
            self.out.push_str(&self.text[start..end]);
        }
    }

    /// The position just after `end`, searched from the current position; refused with the
    /// catalogue's text `key` when there is none.
    fn until(&self, end: &str, key: &'static str) -> Result<usize, Rejected> {
        self.until_after("", end, key)
    }

    /// Just past the first `end` after `opener`, which starts at the cursor.
    fn until_after(&self, opener: &str, end: &str, key: &'static str) -> Result<usize, Rejected> {
        let from = self.pos + opener.len();
        self.text[from..]
            .find(end)
            .map(|i| from + i + end.len())
            .ok_or_else(|| reject(self.pos, key, Vec::new()))
    }

    fn instruction(&mut self) -> Result<(), Rejected> {
        let start = self.pos;
        self.pos = self.until("?>", "svg.unclosed_instruction")?;
        let body = &self.text[start..self.pos];
        // `<?xml` and whitespace: `<?xml?(…?>` is no declaration but an instruction.
        let declaration = body
            .strip_prefix("<?xml")
            .is_some_and(|rest| rest.starts_with([' ', '\t', '\r', '\n']));
        if declaration && self.text[..start].trim().is_empty() {
            self.keep(start, self.pos);
        } else if self.skip == 0 {
            let why = Reason::new("svg.removed_instruction", Vec::new());
            self.removed.push((start, why));
        }
        Ok(())
    }

    fn doctype(&mut self) -> Result<(), Rejected> {
        let start = self.pos;
        let end = self.until(">", "svg.unclosed_doctype")?;
        if self.text[start..end].contains('[') {
            return Err(reject(start, "svg.entities", Vec::new()));
        }
        self.pos = end; // a plain DOCTYPE only names a DTD that no browser loads
        Ok(())
    }

    fn start_tag(&mut self) -> Result<(), Rejected> {
        let start = self.pos;
        let name_end = self.text[start + 1..]
            .find(|c: char| c.is_whitespace() || c == '/' || c == '>')
            .map_or(self.text.len(), |i| start + 1 + i);
        let name = &self.text[start + 1..name_end];
        if !is_name(name) {
            return Err(reject(start, "svg.stray_lt", Vec::new()));
        }
        self.pos = name_end;
        let (attrs, self_closing) = self.attributes(start, name)?;
        if self.skip > 0 {
            self.skip += usize::from(!self_closing);
            return Ok(());
        }
        let local = name.rsplit(':').next().unwrap_or(name).to_ascii_lowercase();
        let reason = removed_element(&local, name).or_else(|| self.unsafe_content(&local, &attrs));
        if let Some(why) = reason {
            if let Some(why) = why {
                let mut args = because("why", &Reason::new(why, Vec::new()));
                args.push(("element", name.to_string()));
                let removed = Reason::new("svg.removed_element", args);
                self.removed.push((start, removed));
            }
            if !self_closing {
                self.skip = 1;
                self.skip_start = start;
            }
            return Ok(());
        }
        if local == "svg" && !self.seen_svg {
            self.seen_svg = true;
            self.size = root_size(&attrs);
        }
        self.write_tag(name, &local, &attrs, self_closing);
        if !self_closing {
            self.open.push(name);
        }
        Ok(())
    }

    /// A `<style>` that imports or loads from elsewhere, or an animation that rewrites a
    /// link or an event handler, goes as a whole.
    fn unsafe_content(&self, local: &str, attrs: &[Attr<'_>]) -> Option<Option<&'static str>> {
        if local == "style" {
            // The CSS is the element's text as the XML parser gives it: comments out, CDATA
            // unwrapped, references decoded. A `<style>` with elements inside goes too.
            let css = style_text(&self.text[self.pos..]);
            return css
                .is_none_or(|css| dangerous_css(&css))
                .then_some(Some("svg.why.style"));
        }
        if matches!(
            local,
            "set" | "animate" | "animatemotion" | "animatetransform"
        ) {
            // Without whitespace and control characters, as for links: `H&#14;ref` is `href`.
            let target = attrs
                .iter()
                .find(|a| a.name.eq_ignore_ascii_case("attributeName"))
                .map(|a| compact(&decode_references(a.value)))
                .unwrap_or_default();
            let target = target.rsplit(':').next().unwrap_or("");
            if target == "href" || target.starts_with("on") {
                return Some(Some("svg.why.animation"));
            }
        }
        None
    }

    fn write_tag(&mut self, name: &str, local: &str, attrs: &[Attr<'_>], self_closing: bool) {
        self.out.push('<');
        self.out.push_str(name);
        for attr in attrs {
            match attribute_problem(local, attr.name, attr.value) {
                Some(Some(why)) => {
                    let shown: String = attr.value.chars().take(40).collect();
                    let mut args = because("why", &Reason::new(why, Vec::new()));
                    args.extend(args!("attribute" => attr.name, "value" => shown));
                    let removed = Reason::new("svg.removed_attribute", args);
                    self.removed.push((attr.offset, removed));
                }
                Some(None) => {}
                None => {
                    let q = attr.quote;
                    self.out
                        .push_str(&format!(" {}={q}{}{q}", attr.name, attr.value));
                }
            }
        }
        self.out.push_str(if self_closing { "/>" } else { ">" });
    }

    /// Reads attributes up to the end of the tag; returns them and whether the tag closes
    /// itself (`/>`).
    fn attributes(&mut self, tag: usize, name: &str) -> Result<(Vec<Attr<'a>>, bool), Rejected> {
        let text = self.text;
        let mut attrs = Vec::new();
        loop {
            self.pos += text[self.pos..].len() - text[self.pos..].trim_start().len();
            let rest = &text[self.pos..];
            if rest.starts_with('>') {
                self.pos += 1;
                return Ok((attrs, false));
            }
            if rest.starts_with("/>") {
                self.pos += 2;
                return Ok((attrs, true));
            }
            if rest.is_empty() || rest.starts_with(['/', '<']) {
                return Err(reject(tag, "svg.unclosed_tag", args!("element" => name)));
            }
            let offset = self.pos;
            let name_len = rest
                .find(|c: char| c.is_whitespace() || matches!(c, '=' | '/' | '>'))
                .unwrap_or(rest.len());
            let attr_name = &rest[..name_len];
            if !is_name(attr_name) {
                let args = args!("attribute" => attr_name, "element" => name);
                return Err(reject(offset, "svg.attribute_name", args));
            }
            let after = rest[name_len..].trim_start();
            let Some(after_eq) = after.strip_prefix('=') else {
                let args = args!("attribute" => attr_name);
                return Err(reject(offset, "svg.attribute_no_value", args));
            };
            let value_part = after_eq.trim_start();
            let quote = value_part
                .chars()
                .next()
                .filter(|c| *c == '"' || *c == '\'');
            let Some(quote) = quote else {
                let args = args!("attribute" => attr_name);
                return Err(reject(offset, "svg.attribute_quotes", args));
            };
            let value_start = text.len() - value_part.len() + 1;
            let Some(len) = text[value_start..].find(quote) else {
                let args = args!("attribute" => attr_name);
                return Err(reject(offset, "svg.attribute_unclosed", args));
            };
            references(&text[value_start..value_start + len], value_start)?;
            attrs.push(Attr {
                name: attr_name,
                value: &text[value_start..value_start + len],
                quote,
                offset,
            });
            self.pos = value_start + len + 1;
        }
    }
}

/// Why an attribute goes: `Some(Some(why))` reported (a catalogue word), `Some(None)`
/// silently (editor data), `None` it stays.
fn attribute_problem(element: &str, name: &str, value: &str) -> Option<Option<&'static str>> {
    let lower = name.to_ascii_lowercase();
    let local = lower.rsplit(':').next().unwrap_or("");
    if is_editor_name(name) {
        return Some(None);
    }
    if local.starts_with("on") {
        return Some(Some(CODE));
    }
    // A browser decodes `&#106;` and `&amp;` before it reads the value.
    let decoded = decode_references(value);
    let value = compact(&decoded);
    if value.contains("javascript:") || value.contains("vbscript:") {
        return Some(Some(CODE));
    }
    if lower == "xml:base" {
        return Some(Some(EXTERNAL));
    }
    if local == "href" || local == "src" {
        let link = element == "a"
            && ["http://", "https://", "mailto:"]
                .iter()
                .any(|s| value.starts_with(s));
        if !(value.starts_with('#') || is_raster_data(&value) || link) {
            return Some(Some(EXTERNAL));
        }
    }
    if dangerous_css(&decoded) {
        return Some(Some(EXTERNAL));
    }
    None
}

/// Lower case without whitespace or control characters, which browsers skip inside URLs
/// (`java\tscript:`).
pub fn compact(value: &str) -> String {
    value
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A `data:` URL of a raster image (which runs nothing).
pub fn is_raster_data(value: &str) -> bool {
    ["png", "jpeg", "jpg", "gif", "webp"]
        .iter()
        .any(|t| value.starts_with(&format!("data:image/{t}")))
}

/// CSS (a `style` attribute, a `<style>` element, a presentation attribute) that imports,
/// loads a `url()` other than `#id` or a raster `data:` image, or runs an expression, read
/// after its escapes (`\75 rl(` is `url(`) and without its comments.
pub fn dangerous_css(css: &str) -> bool {
    let css = compact(&css_text(css));
    if css.contains("@import") || css.contains("expression(") || css.contains("javascript:") {
        return true;
    }
    css.match_indices("url(").any(|(i, _)| {
        let target = css[i + 4..].trim_start_matches(['"', '\'']);
        !(target.starts_with('#') || is_raster_data(target))
    })
}

/// `width`/`height` in pixels (plain numbers or `px`), else from the `viewBox`.
fn root_size(attrs: &[Attr<'_>]) -> Option<(u32, u32)> {
    let get = |name: &str| {
        attrs
            .iter()
            .find(|a| a.name == name)
            .map(|a| a.value.trim())
    };
    let length = |v: &str| -> Option<f64> {
        let number = v.strip_suffix("px").unwrap_or(v).trim();
        number.parse::<f64>().ok().filter(|n| *n > 0.0)
    };
    let view_box = get("viewBox").and_then(|v| {
        let parts: Vec<f64> = v
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|p| !p.is_empty())
            .filter_map(|p| p.parse().ok())
            .collect();
        (parts.len() == 4 && parts[2] > 0.0 && parts[3] > 0.0).then(|| (parts[2], parts[3]))
    });
    let (w, h) = match (
        get("width").and_then(length),
        get("height").and_then(length),
    ) {
        (Some(w), Some(h)) => (w, h),
        (Some(w), None) => view_box.map(|(vw, vh)| (w, w * vh / vw))?,
        (None, Some(h)) => view_box.map(|(vw, vh)| (h * vw / vh, h))?,
        (None, None) => view_box?,
    };
    let round = |v: f64| (v.round() as u32).max(1);
    Some((round(w), round(h)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_handlers_and_external_references_go() {
        let svg = r##"<?xml version="1.0"?>
<!-- made by Anna in C:\Users\anna -->
<svg xmlns="http://www.w3.org/2000/svg" width="120" height="80" onload="alert(1)">
<script>alert(2)</script>
<metadata><rdf:RDF>Anna</rdf:RDF></metadata>
<a href="javascript:alert(3)"><text>x</text></a>
<a href="https://example.org/">ok</a>
<image href="http://evil.example/track.png"/>
<use xlink:href="#shape" fill="url(#grad)"/>
<rect style="fill:url(https://evil.example/x)" inkscape:label="Lager 1"/>
<foreignObject><body onload="x"><p>html</p></body></foreignObject>
<set attributeName="href" to="javascript:alert(4)"/>
<style>@import url(https://evil.example/a.css);</style>
<style>.a{fill:red}</style>
</svg>"##;
        let cleaned = clean(svg).unwrap();
        let out = &cleaned.text;
        for gone in [
            "alert",
            "Anna",
            "onload",
            "<script",
            "evil",
            "foreignObject",
            "inkscape",
            "@import",
            "<set",
        ] {
            assert!(!out.contains(gone), "`{gone}` survived:\n{out}");
        }
        for kept in [
            "<?xml version",
            r#"href="https://example.org/""#,
            r##"xlink:href="#shape" fill="url(#grad)""##,
            "<style>.a{fill:red}</style>",
            "<text>x</text>",
        ] {
            assert!(out.contains(kept), "`{kept}` is missing:\n{out}");
        }
        assert_eq!(cleaned.size, Some((120, 80)));
        assert!(cleaned
            .removed
            .iter()
            .any(|(_, m)| m.in_english().contains("onload")));
        let script = svg.find("<script").unwrap();
        assert!(cleaned.removed.iter().any(|(at, _)| *at == script));
    }

    #[test]
    fn entities_and_broken_markup_are_refused() {
        let bomb = "<!DOCTYPE svg [<!ENTITY a \"aaaa\">]>\n<svg>&a;</svg>";
        assert_eq!(clean(bomb).err().unwrap().offset, 0);
        let broken = "<svg width=\"1\" height=\"1\"><rect x=1/></svg>";
        let err = clean(broken).err().unwrap();
        let said = err.why.in_english();
        assert!(said.contains("quotes"), "{said}");
        assert_eq!(err.offset, broken.find("x=1").unwrap());
        assert!(clean("<p>no svg</p>").is_err());
        assert!(clean("<svg><script>x").is_err());
    }

    /// `<!-->` opens a comment that the next `-->` closes, for the cleaner as for the check of
    /// a style sheet: read as a whole comment, the `@import` inside it would be published as
    /// the style's text once the cleaner dropped a shorter comment than the check skipped.
    #[test]
    fn a_comment_ends_after_its_opener() {
        let svg =
            "<svg><style><!-->@import url(https://evil.example/a.css);<!-- -->.a{}</style></svg>";
        let cleaned = clean(svg).expect("cleaned");
        assert!(!cleaned.text.contains("@import"), "{}", cleaned.text);
        assert!(cleaned.text.contains(".a{}"), "{}", cleaned.text);
    }

    #[test]
    fn size_from_view_box() {
        assert_eq!(
            dimensions(r#"<svg viewBox="0 0 720 330"></svg>"#),
            Some((720, 330))
        );
        assert_eq!(
            dimensions(r#"<svg width="360" viewBox="0,0,720,330"/>"#),
            Some((360, 165))
        );
        assert_eq!(dimensions(r#"<svg width="100%"></svg>"#), None);
    }
}
