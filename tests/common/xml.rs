//! A small element tree read with quick-xml, for tests that assert on the SVG and HTML a chart
//! writes (bar widths, labels, table cells) instead of searching its text.

use quick_xml::events::Event;
use quick_xml::Reader;

#[derive(Debug, Clone)]
pub enum Node {
    Element(Element),
    Text(String),
}

#[derive(Debug, Clone, Default)]
pub struct Element {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
}

impl Element {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// A number attribute; panics with the element when it is missing or not a number.
    pub fn num(&self, name: &str) -> f64 {
        self.attr(name)
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("no number `{name}` on {self:?}"))
    }

    pub fn has_class(&self, class: &str) -> bool {
        self.attr("class")
            .is_some_and(|c| c.split_whitespace().any(|c| c == class))
    }

    /// Every text below this element, in order.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for child in &self.children {
            match child {
                Node::Text(t) => out.push_str(t),
                Node::Element(e) => out.push_str(&e.text()),
            }
        }
        out
    }

    /// This element and every element below it, in document order.
    pub fn all(&self) -> Vec<&Element> {
        let mut out = vec![self];
        for child in &self.children {
            if let Node::Element(e) = child {
                out.extend(e.all());
            }
        }
        out
    }

    /// Elements named `name` with class `class` (any class when empty).
    pub fn find(&self, name: &str, class: &str) -> Vec<&Element> {
        self.all()
            .into_iter()
            .filter(|e| e.name == name && (class.is_empty() || e.has_class(class)))
            .collect()
    }

    pub fn one(&self, name: &str, class: &str) -> &Element {
        let found = self.find(name, class);
        assert_eq!(
            found.len(),
            1,
            "expected one <{name} class={class}>, found {found:?}"
        );
        found[0]
    }
}

/// Parses a fragment (it may have several top-level elements) into a tree under `<root>`.
/// Panics when it is not well-formed, which is itself a finding.
pub fn parse(fragment: &str) -> Element {
    let wrapped = format!("<root>{fragment}</root>");
    let mut reader = Reader::from_str(&wrapped);
    let mut stack: Vec<Element> = vec![];
    let mut done: Option<Element> = None;
    loop {
        let event = reader
            .read_event()
            .unwrap_or_else(|e| panic!("not well-formed XML ({e}):\n{fragment}"));
        match event {
            Event::Start(start) => stack.push(element(&start)),
            Event::Empty(start) => {
                let e = element(&start);
                stack
                    .last_mut()
                    .expect("inside root")
                    .children
                    .push(Node::Element(e));
            }
            Event::End(_) => {
                let e = stack.pop().expect("balanced");
                match stack.last_mut() {
                    Some(parent) => parent.children.push(Node::Element(e)),
                    None => done = Some(e),
                }
            }
            Event::Text(text) => push_text(&mut stack, &text.html_content()),
            Event::GeneralRef(r) => {
                let c = match r.resolve_char_ref().expect("char ref") {
                    Some(c) => c.to_string(),
                    None => match &*r.html_content() {
                        "amp" => "&".into(),
                        "lt" => "<".into(),
                        "gt" => ">".into(),
                        "quot" => "\"".into(),
                        "apos" => "'".into(),
                        other => panic!("unknown entity &{other};"),
                    },
                };
                push_text(&mut stack, &c);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    done.expect("a root element")
}

fn push_text(stack: &mut [Element], text: &str) {
    let parent = stack.last_mut().expect("text inside root");
    if let Some(Node::Text(last)) = parent.children.last_mut() {
        last.push_str(text);
    } else {
        parent.children.push(Node::Text(text.to_string()));
    }
}

fn element(start: &quick_xml::events::BytesStart) -> Element {
    let name = start.name().into_inner().to_string();
    let attrs = start
        .attributes()
        .map(|a| {
            let a = a.expect("attribute");
            let key = a.key.into_inner().to_string();
            let value = a
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .expect("attribute value")
                .into_owned();
            (key, value)
        })
        .collect();
    Element {
        name,
        attrs,
        children: vec![],
    }
}

/// The `<figure id="ID">` of a built page, parsed.
pub fn figure(html: &str, id: &str) -> Element {
    let start = html
        .match_indices("<figure ")
        .map(|(at, _)| at)
        .find(|at| {
            let tag = html[*at..].split('>').next().unwrap_or("");
            tag.contains(r#"class="chart "#) && tag.contains(&format!(r#"id="{id}""#))
        })
        .unwrap_or_else(|| panic!("no chart `{id}` in:\n{html}"));
    let end = start + html[start..].find("</figure>").expect("figure closed") + "</figure>".len();
    parse(&html[start..end])
}
