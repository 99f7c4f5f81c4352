//! The shortcode parser: where calls start and end, quoting, values, bodies, escapes, code
//! left alone, and every mistake at the byte where its call starts.

use std::ops::Range;

use serde_json::json;

use super::parse::{parse, Call, ErrorKind, Piece, SyntaxError};

fn calls(pieces: &[Piece]) -> Vec<&Call> {
    pieces
        .iter()
        .filter_map(|p| match p {
            Piece::Call(call) => Some(call),
            _ => None,
        })
        .collect()
}

fn only_call(text: &str) -> Call {
    let (pieces, errors) = parse(text, &[]);
    assert!(errors.is_empty(), "{errors:?}");
    let found = calls(&pieces);
    assert_eq!(found.len(), 1, "{pieces:?}");
    found[0].clone()
}

/// One range of code.
fn code_at(range: Range<usize>) -> Vec<Range<usize>> {
    std::iter::once(range).collect()
}

fn errors(text: &str) -> Vec<SyntaxError> {
    parse(text, &[]).1
}

#[test]
fn an_inline_call_with_its_place() {
    let text = "Före {{ youtube(id=\"dQw4\", autoplay=true) }} efter";
    let (pieces, errors) = parse(text, &[]);
    assert!(errors.is_empty());
    assert_eq!(pieces.len(), 3);
    assert_eq!(pieces[0], Piece::Text(0.."Före ".len()));
    let Piece::Call(call) = &pieces[1] else {
        panic!("a call: {pieces:?}")
    };
    assert_eq!(call.name, "youtube");
    assert_eq!(
        &text[call.span.clone()],
        "{{ youtube(id=\"dQw4\", autoplay=true) }}"
    );
    assert_eq!(call.args["id"], json!("dQw4"));
    assert_eq!(call.args["autoplay"], json!(true));
    assert!(call.body.is_none());
    assert_eq!(pieces[2], Piece::Text(call.span.end..text.len()));
}

#[test]
fn a_call_without_arguments_and_without_spaces() {
    let call = only_call("{{hr()}}");
    assert_eq!(call.name, "hr");
    assert!(call.args.is_empty());
    assert_eq!(call.span, 0..8);
}

#[test]
fn every_kind_of_value() {
    let call = only_call(
        "{{ f(a=\"dubbel 'x'\", b='enkel \"y\"', c=`bak \"z\" 'w'`, d=42, e=-7, g=1.5, \
         h=false, i=[1, \"två\", [true]], j=[], k=\"rad\nbrytning\") }}",
    );
    let args = serde_json::Value::Object(call.args);
    assert_eq!(
        args,
        json!({
            "a": "dubbel 'x'", "b": "enkel \"y\"", "c": "bak \"z\" 'w'", "d": 42, "e": -7,
            "g": 1.5, "h": false, "i": [1, "två", [true]], "j": [], "k": "rad\nbrytning",
        })
    );
}

#[test]
fn arguments_may_span_lines_and_end_with_a_comma() {
    let call = only_call("{{ figur(\n  src=\"a.png\",\n  alt=\"Ett å\",\n) }}");
    assert_eq!(call.args["alt"], json!("Ett å"));
}

#[test]
fn a_call_with_a_body_trimmed_and_calls_inside() {
    let text = "{% citat(av=\"Vincent\") %}\n  Ett {{ fet(t=\"ord\") }} här\n{% end %}!";
    let call = only_call(text);
    assert_eq!(call.name, "citat");
    assert_eq!(&text[call.span.clone()], &text[..text.len() - 1]);
    let body = call.body.expect("a body");
    let Piece::Text(first) = &body[0] else {
        panic!("{body:?}")
    };
    assert_eq!(&text[first.clone()], "Ett ");
    assert!(matches!(&body[1], Piece::Call(inner) if inner.name == "fet"));
    let Piece::Text(last) = &body[2] else {
        panic!("{body:?}")
    };
    assert_eq!(&text[last.clone()], " här");
}

#[test]
fn an_empty_body() {
    let call = only_call("{% tom() %}{% end %}");
    assert_eq!(call.body, Some(Vec::new()));
}

#[test]
fn braces_that_are_not_calls_are_text() {
    for text in [
        "{{ page.title }}",
        "{% if x %}ja{% endif %}",
        "{{ namn }}",
        "{ a(b=1) }",
        "{{}}",
        "{%%}",
        "{{ 9lives() }}",
        "{",
        "{{",
        "{{/* nej */}}",
        "{%/* end",
    ] {
        let (pieces, errors) = parse(text, &[]);
        assert!(errors.is_empty(), "{text}: {errors:?}");
        assert_eq!(pieces, vec![Piece::Text(0..text.len())], "{text}");
    }
}

#[test]
fn escapes_are_written_as_the_call_without_the_comment() {
    let text = "a {{/* youtube(id=\"x\") */}} b {%/* citat() */%}c{%/* end */%}";
    let (pieces, errors) = parse(text, &[]);
    assert!(errors.is_empty());
    let literals: Vec<&str> = pieces
        .iter()
        .filter_map(|p| match p {
            Piece::Literal(_, text) => Some(text.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(
        literals,
        ["{{ youtube(id=\"x\") }}", "{% citat() %}", "{% end %}"]
    );
}

#[test]
fn calls_in_code_are_text_but_escapes_in_code_are_unescaped() {
    let text = "`{{ a() }}` och {{/* b() */}}";
    let code = code_at(0..11);
    let (pieces, errors) = parse(text, &code);
    assert!(errors.is_empty());
    assert!(calls(&pieces).is_empty());
    assert!(pieces
        .iter()
        .any(|p| matches!(p, Piece::Literal(_, t) if t == "{{ b() }}")));
    // A mistake in code is no mistake: it is code.
    let whole = code_at(0..12);
    assert!(parse("`{{ a(x) }}`", &whole).1.is_empty());
}

#[test]
fn an_end_in_code_does_not_close_a_body() {
    let text = "{% a() %}\n`{% end %}`\n{% end %}";
    let start = text.find('`').unwrap();
    let code = code_at(start..start + 11);
    let (pieces, errors) = parse(text, &code);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(calls(&pieces)[0].span, 0..text.len());
}

#[test]
fn mistakes_are_reported_where_their_call_starts() {
    let cases: [(&str, ErrorKind); 9] = [
        ("ab {{ f(x) }}", ErrorKind::Equals("x".into())),
        ("ab {{ f(=1) }}", ErrorKind::ArgumentName),
        ("ab {{ f(x=) }}", ErrorKind::Value("x".into())),
        ("ab {{ f(x=bar) }}", ErrorKind::Value("x".into())),
        ("ab {{ f(x=\"öppen) }}", ErrorKind::String("x".into())),
        ("ab {{ f(x=1 y=2) }}", ErrorKind::Separator),
        ("ab {{ f(x=1) }", ErrorKind::Close("}}")),
        ("ab {% f(x=1) }}", ErrorKind::Close("%}")),
        ("ab {% f() %} utan slut", ErrorKind::Unclosed),
    ];
    for (text, kind) in cases {
        let found = errors(text);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        assert_eq!(found[0].at, 3, "{text}");
        assert_eq!(found[0].name, "f", "{text}");
        assert_eq!(found[0].kind, kind, "{text}");
    }
}

#[test]
fn a_stray_end_and_a_nested_body_are_mistakes() {
    let stray = errors("text {% end %}");
    assert_eq!(stray.len(), 1);
    assert_eq!((stray[0].at, &stray[0].kind), (5, &ErrorKind::StrayEnd));
    let nested = errors("{% a() %} x {% b() %} y {% end %} z {% end %}");
    let kinds: Vec<&ErrorKind> = nested.iter().map(|e| &e.kind).collect();
    // `b` is inside `a`'s body; the first `{% end %}` ends `a`, so the second is stray.
    assert_eq!(kinds, [&ErrorKind::Nested, &ErrorKind::StrayEnd]);
    assert_eq!(nested[0].at, 12);
}

#[test]
fn a_name_and_a_parenthesis_start_a_call() {
    let found = errors("{{ a (");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].kind, ErrorKind::ArgumentName);
}

#[test]
fn numbers_too_large_for_whole_numbers_are_floats() {
    let call = only_call("{{ f(n=99999999999999999999) }}");
    assert!(call.args["n"].is_f64());
    assert!(!errors("{{ f(n=1.) }}").is_empty());
    assert!(!errors("{{ f(n=12ab) }}").is_empty());
}

#[test]
fn names_with_letters_beyond_ascii_are_text() {
    let (pieces, errors) = parse("{{ åäö() }} {{ f(å=1) }}", &[]);
    assert_eq!(errors.len(), 1, "the argument name is wrong: {errors:?}");
    assert!(calls(&pieces).is_empty());
}
