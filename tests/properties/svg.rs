//! SVG files that try to run code or load files past the cleaner: forbidden elements under
//! any case or namespace prefix, event attributes, `javascript:` hidden by entities and
//! whitespace, `url()` and `@import` hidden by entities, CSS escapes, comments and CDATA.
//! The cleaned file, read by an XML parser, keeps none of it.

use proptest::collection::vec;
use proptest::prelude::*;

use super::checks;

fn select(items: &'static [&'static str]) -> impl Strategy<Value = &'static str> {
    prop::sample::select(items)
}

fn element() -> impl Strategy<Value = &'static str> {
    select(&[
        "g",
        "rect",
        "path",
        "text",
        "a",
        "use",
        "image",
        "style",
        "defs",
        "title",
        "svg",
        "linearGradient",
        "feImage",
        "script",
        "SCRIPT",
        "svg:script",
        "x:script",
        "foreignObject",
        "iframe",
        "embed",
        "object",
        "handler",
        "listener",
        "metadata",
        "sodipodi:namedview",
        "inkscape:page",
        "set",
        "animate",
        "animateTransform",
    ])
}

fn attribute() -> impl Strategy<Value = &'static str> {
    select(&[
        r#"width="10""#,
        r#"fill="red""#,
        r##"fill="url(#g)""##,
        r#"fill="url(http://e/x)""#,
        r#"fill="u&#114;l(http://e/x)""#,
        r#"style="fill:u&#x72;l(http://e)""#,
        r#"style="background:\75 rl(http://e)""#,
        r#"style="@import 'x'""#,
        r#"style="&#64;import 'x'""#,
        r#"onload="x""#,
        r#"ONCLICK="x""#,
        r#"svg:onload="x""#,
        r##"href="#a""##,
        r#"href="javascript:x""#,
        r#"href="&#106;avascript:x""#,
        r#"xlink:href="java&#x09;script:x""#,
        r#"href=" JAVASCRIPT:x""#,
        r#"href="https://e/""#,
        r#"href="&#104;ttps://e/""#,
        r#"href="data:image/png;base64,AA""#,
        r#"href="data:image/svg+xml,x""#,
        r#"src="x.png""#,
        r#"attributeName="href""#,
        r#"attributeName="&#104;ref""#,
        r#"attributeName="xlink:href""#,
        r#"attributeName="onclick""#,
        r#"attributeName="o&#110;click""#,
        r#"to="javascript:x""#,
        r#"to="&#106;avascript:x""#,
        r#"values="&#x6a;avascript:x""#,
        r#"xml:base="http://e/""#,
        r#"inkscape:label="Anna""#,
        r#"sodipodi:docname="C:\x""#,
        "a='\"'",
        r#"b="'>""#,
    ])
}

fn text() -> impl Strategy<Value = &'static str> {
    select(&[
        "x",
        "&lt;",
        "&#60;",
        "&amp;",
        "<![CDATA[ </x> ]]>",
        "<![CDATA[@import url(http://e);]]>",
        "<!-- Anna -->",
        "@im<!-- -->port url(http://e/x.css);",
        "&#64;import url(http://e);",
        "u&#114;l(http://e)",
        "fill:url(http://e)",
        "\\40 import 'x';",
        ".a{fill:red}",
        "<?xml-stylesheet href=\"x\"?>",
        "<!DOCTYPE svg>",
        "</",
        "]]>",
        "javascript:x",
    ])
}

#[derive(Clone, Debug)]
enum Piece {
    Open(&'static str, Vec<&'static str>),
    Empty(&'static str, Vec<&'static str>),
    Close,
    Text(&'static str),
}

fn piece() -> impl Strategy<Value = Piece> {
    prop_oneof![
        3 => (element(), vec(attribute(), 0..3)).prop_map(|(e, a)| Piece::Open(e, a)),
        2 => (element(), vec(attribute(), 0..3)).prop_map(|(e, a)| Piece::Empty(e, a)),
        2 => Just(Piece::Close),
        3 => text().prop_map(Piece::Text),
    ]
}

/// A whole document: a declaration maybe, the root `<svg>`, the pieces nested as they come,
/// every open element closed.
fn document() -> impl Strategy<Value = String> {
    (any::<bool>(), vec(attribute(), 0..3), vec(piece(), 0..14)).prop_map(|(decl, root, pieces)| {
        let mut out = String::new();
        if decl {
            out.push_str("<?xml version=\"1.0\"?>\n");
        }
        out.push_str(&format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" {}>",
            root.join(" ")
        ));
        let mut open = vec!["svg"];
        for piece in pieces {
            match piece {
                Piece::Open(name, attrs) => {
                    out.push_str(&format!("<{name} {}>", attrs.join(" ")));
                    open.push(name);
                }
                Piece::Empty(name, attrs) => {
                    out.push_str(&format!("<{name} {}/>", attrs.join(" ")))
                }
                Piece::Close if open.len() > 1 => {
                    out.push_str(&format!("</{}>", open.pop().expect("open element")));
                }
                Piece::Close => {}
                Piece::Text(text) => out.push_str(text),
            }
        }
        while let Some(name) = open.pop() {
            out.push_str(&format!("</{name}>"));
        }
        out
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn a_cleaned_svg_has_nothing_the_cleaner_removes(svg in document()) {
        checks::svg(svg.as_bytes());
    }

    #[test]
    fn any_text_is_cleaned_or_refused(text in any::<String>()) {
        checks::svg(format!("<svg>{text}</svg>").as_bytes());
    }
}

/// The check itself fails on what a browser would run or load.
#[test]
fn the_svg_check_catches_code_and_loads() {
    for svg in [
        "<svg><script>x</script></svg>",
        "<svg><a href=\"&#106;avascript:x\"/></svg>",
        "<svg><g onload=\"x\"/></svg>",
        "<svg><style>&#64;import 'x';</style></svg>",
        "<svg><style>@im<![CDATA[port]]> 'x';</style></svg>",
        "<svg><rect style=\"fill:\\75 rl(http://e)\"/></svg>",
        "<svg><set attributeName=\"&#104;ref\" to=\"x\"/></svg>",
    ] {
        let caught = std::panic::catch_unwind(|| checks::assert_clean_svg(svg));
        assert!(caught.is_err(), "{svg} passed");
    }
}
