//! Shortcodes of any text: the parser never panics, cuts only on character boundaries, and its
//! pieces tile the text in order (nothing lost, nothing read twice); text without `{{` or `{%`
//! is one piece, unchanged; and a body with calls renders with every problem inside the file.

use std::ops::Range;

use lots::markdown::shortcodes::{code_ranges, parse, Failure, Invocation, Kind, Piece, Runner};
use lots::markdown::{render_with_images, Tools};

use super::{assert_inside, document, library};

/// `box` writes its arguments as HTML, `note` as Markdown with a link; `boom` always fails.
struct Echo;

impl Runner for Echo {
    fn kind(&self, name: &str) -> Option<Kind> {
        match name {
            "box" | "boom" => Some(Kind::Html),
            "note" => Some(Kind::Markdown),
            _ => None,
        }
    }

    fn render(&self, call: &Invocation<'_>) -> Result<String, Failure> {
        let args = serde_json::Value::Object(call.args.clone()).to_string();
        let body = call.body.unwrap_or("");
        match call.name {
            "box" => Ok(format!("<div>{}{body}</div>", escape(&args))),
            "note" => Ok(format!("*{args}* [x]({body})\n\n{body}")),
            _ => Err(Failure {
                template: "templates/shortcodes/boom.html".into(),
                error: args,
            }),
        }
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The pieces of `range` follow each other from its start to its end; calls' bodies tile
/// their trimmed bodies the same way.
fn assert_tiles(text: &str, pieces: &[Piece], range: Range<usize>) {
    let mut at = range.start;
    for piece in pieces {
        let span = match piece {
            Piece::Text(span) | Piece::Literal(span, _) => span.clone(),
            Piece::Call(call) => call.span.clone(),
        };
        assert_eq!(span.start, at, "pieces leave a gap or overlap: {pieces:?}");
        assert!(span.end > span.start && span.end <= range.end, "{span:?}");
        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        if let Piece::Call(call) = piece {
            if let Some(body) = &call.body {
                if let (Some(first), Some(last)) = (body.first(), body.last()) {
                    let start = span_of(first).start;
                    let end = span_of(last).end;
                    assert!(start > span.start && end < span.end);
                    assert_tiles(text, body, start..end);
                }
            }
        }
        at = span.end;
    }
    assert!(pieces.is_empty() || at == range.end, "pieces end early");
}

fn span_of(piece: &Piece) -> Range<usize> {
    match piece {
        Piece::Text(span) | Piece::Literal(span, _) => span.clone(),
        Piece::Call(call) => call.span.clone(),
    }
}

pub fn shortcodes(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    for code in [Vec::new(), code_ranges(&text)] {
        let (pieces, errors) = parse(&text, &code);
        assert_tiles(&text, &pieces, 0..text.len());
        for error in &errors {
            assert!(error.at < text.len() && text.is_char_boundary(error.at));
        }
        if !text.contains("{{") && !text.contains("{%") {
            let whole: Vec<Piece> = std::iter::once(Piece::Text(0..text.len()))
                .filter(|_| !text.is_empty())
                .collect();
            assert_eq!(pieces, whole, "text without calls is changed");
            assert!(errors.is_empty());
        }
    }
    let doc = document(&text);
    let tools = Tools {
        images: None,
        shortcodes: Some(&Echo),
    };
    let output = render_with_images(library(), &doc, tools);
    for problem in output.problems.iter().chain(&output.warnings) {
        assert_inside(problem, &doc.source);
    }
}
