//! Running shortcodes in a body, with a runner that stands in for the site's templates:
//! outputs in place, `nth`, bodies, positions mapped back to the file, problems at the call.

use serde_json::Value;

use super::{expand, split_placeholders, Failure, Invocation, Kind, Part, Runner};
use crate::content::Library;
use crate::markdown::text_tests::document;
use crate::markdown::{render_with_images, Tools};

/// `box` writes HTML, `note` Markdown; `boom` fails. Each shows its arguments and `nth`.
struct Fake;

impl Runner for Fake {
    fn kind(&self, name: &str) -> Option<Kind> {
        match name {
            "box" | "boom" => Some(Kind::Html),
            "note" => Some(Kind::Markdown),
            _ => None,
        }
    }

    fn render(&self, call: &Invocation<'_>) -> Result<String, Failure> {
        let arg = |name| match call.args.get(name) {
            Some(Value::String(s)) => s.clone(),
            Some(other) => other.to_string(),
            None => String::new(),
        };
        match call.name {
            "box" => Ok(format!(
                "<div class=\"box\">{}#{}{}</div>",
                arg("text"),
                call.nth,
                call.body.unwrap_or("")
            )),
            "note" => Ok(format!(
                "**{}**\n\n[bruten]({})\n\n{}",
                arg("text"),
                arg("link"),
                call.body.unwrap_or("")
            )),
            _ => Err(Failure {
                template: "templates/shortcodes/boom.html".into(),
                error: "Variable `x` not found".into(),
            }),
        }
    }
}

fn tools() -> Tools<'static> {
    Tools {
        images: None,
        shortcodes: Some(&Fake),
    }
}

#[test]
fn markdown_output_is_in_place_and_positions_map_back() {
    let body = "A {{ note(text=\"fet\") }} B";
    let doc = document(body);
    let expanded = expand(body, Some(&Fake), &Library::default(), &doc);
    assert_eq!(expanded.text, "A **fet**\n\n[bruten]() B");
    let b_expanded = expanded.text.find('B').unwrap();
    assert_eq!(expanded.original(b_expanded), body.find('B').unwrap());
    // Anything the call wrote is placed at the call.
    assert_eq!(expanded.original(4), 2);
    assert_eq!(expanded.original(0), 0);
}

#[test]
fn html_output_is_a_placeholder_replaced_by_the_renderer() {
    let body = "{{ box(text=\"ett\") }}\n\nText {{ box(text=\"två\") }} slut.";
    let doc = document(body);
    let expanded = expand(body, Some(&Fake), &Library::default(), &doc);
    assert_eq!(expanded.html.len(), 2);
    let parts = split_placeholders(&expanded.text).expect("placeholders");
    assert_eq!(parts[0], Part::Output(0));
    let out = render_with_images(&Library::default(), &doc, tools());
    let html = out.rendered.html.unwrap();
    // Alone in its paragraph, the output takes the paragraph's place; inline, it stays inline.
    assert!(
        html.starts_with(
            "<div class=\"box\">ett#1</div>\n<p>Text <div class=\"box\">två#2</div> slut.</p>"
        ),
        "{html}"
    );
    assert_eq!(out.rendered.text, "ett#1 Text två#2 slut.");
    assert!(out.problems.is_empty());
}

#[test]
fn nth_counts_each_shortcode_on_its_own_and_bodies_get_inner_output() {
    let body = "{{ box() }} {% box(text=\"b\") %}\n inre {{ box() }}\n{% end %} {{ note() }}";
    let doc = document(body);
    let expanded = expand(body, Some(&Fake), &Library::default(), &doc);
    assert_eq!(
        expanded.html,
        [
            "<div class=\"box\">#1</div>",
            "<div class=\"box\">b#2inre <div class=\"box\">#3</div></div>",
        ]
    );
}

#[test]
fn a_broken_link_after_a_shortcode_is_reported_on_its_own_line() {
    let body = "{{ note(text=\"rad\") }}\n\nText.\n\n[trasig](@/finns-inte.md)\n";
    let doc = document(body);
    let out = render_with_images(&Library::default(), &doc, tools());
    let lines: Vec<usize> = out.problems.iter().map(|p| p.line).collect();
    // The empty link the shortcode wrote is reported at the shortcode (line 4), the broken
    // link on line 8 of the file.
    assert!(lines.contains(&8), "{:?}", out.problems);
}

#[test]
fn problems_are_at_the_call() {
    let body = "Rad ett\n\n  {{ okand() }} och {{ boom() }}\n\n{{ box(x=) }}\n";
    let doc = document(body);
    let out = render_with_images(&Library::default(), &doc, tools());
    let found: Vec<(usize, usize, &str)> = out
        .problems
        .iter()
        .map(|p| (p.line, p.column, p.code))
        .collect();
    assert_eq!(
        found,
        [
            (8, 1, "shortcode.syntax"),
            (6, 3, "shortcode.unknown"),
            (6, 21, "shortcode.render"),
        ]
    );
}

#[test]
fn without_calls_the_body_is_borrowed() {
    let body = "Inga {kortkoder} här.";
    let doc = document(body);
    let expanded = expand(body, Some(&Fake), &Library::default(), &doc);
    assert!(matches!(expanded.text, std::borrow::Cow::Borrowed(_)));
    assert_eq!(expanded.original(7), 7);
}
