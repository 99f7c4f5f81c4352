//! Markdown that tries to publish script: raw HTML, links and images with `javascript:`,
//! `vbscript:` and `data:` hidden by case, whitespace, control characters, entities and
//! percent-encoding, autolinks, reference links, heading attributes. The HTML, read as a
//! browser's tokenizer reads it, never has a script, an event attribute or such a URL.

use proptest::collection::vec;
use proptest::prelude::*;

use super::checks;

fn select(items: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop::sample::select(items).prop_map(str::to_string)
}

/// Destinations that are, or try to look like, a script.
fn destination() -> impl Strategy<Value = String> {
    let scheme = select(&[
        "javascript:",
        "JavaScript:",
        "JAVASCRIPT:",
        "java\tscript:",
        "java&#9;script:",
        "&#106;avascript:",
        "&#x6A;avascript:",
        "javascript&colon;",
        "javascript&#58;",
        "jav&#x61;script:",
        " javascript:",
        "\u{1}javascript:",
        "java%73cript:",
        "vbscript:",
        "VBScript:",
        "data:",
        "DATA:",
        "data:text/html,",
        "data:image/png;base64,",
        "data:image/svg+xml,",
        "/javascript:",
        "//javascript:",
        "./javascript:",
        "@/javascript:",
        "/\\javascript:",
        "\\javascript:",
        "http:",
        "mailto:",
        "",
        "#",
    ]);
    let rest = select(&[
        "alert(1)",
        "alert(1)//",
        "%0aalert(1)",
        "<script>alert(1)</script>",
        "x.png",
        "vagledningar/atervandare.md",
        "",
        "a\"onmouseover=\"x",
        "a' onerror='x",
    ]);
    (scheme, rest).prop_map(|(s, r)| format!("{s}{r}"))
}

/// A link, an image or an autolink to `dest`, in each of Markdown's forms.
fn link() -> impl Strategy<Value = String> {
    (destination(), 0..7usize).prop_map(|(dest, form)| match form {
        0 => format!("[a]({dest})"),
        1 => format!("[a](<{dest}>)"),
        2 => format!("![b]({dest})"),
        3 => format!("<{dest}>"),
        4 => format!("[a][r]\n\n[r]: {dest}\n"),
        5 => format!("[a]({dest} \"t\")"),
        _ => format!("![b][r]\n\n[r]: <{dest}>\n"),
    })
}

fn raw_html() -> impl Strategy<Value = String> {
    select(&[
        "<script>alert(1)</script>",
        "<SCRIPT SRC=x>",
        "<scr<script>ipt>",
        "</p><script>",
        "<img src=x onerror=alert(1)>",
        "<a href=\"javascript:x\">a</a>",
        "<svg/onload=x>",
        "<iframe src=x>",
        "<style>*{}</style>",
        "<object data=x>",
        "<!-- c -->",
        "<!-- more -->",
        "<br>",
        "<br onclick=x>",
        "<sup>",
        "<kbd>",
        "<wbr>",
        "<div>\n\n<script>\n",
        "<?php x ?>",
        "<![CDATA[ <script> ]]>",
        "<details open ontoggle=x>",
        "<math><mi>",
        "<base href=//e>",
        "<meta http-equiv=refresh content=0;url=javascript:x>",
        "<form action=javascript:x>",
        "<input onfocus=x autofocus>",
    ])
}

fn markdown() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => link(),
        2 => raw_html(),
        2 => select(&[
            "\n", "\n\n", "# ", "## x {#id .c onclick=x}\n", "- ", "> ", "```\n", "`", "*",
            "| a | b |\n|---|---|\n| ", "[^1]", "\n\n[^1]: x\n", "&", "&#", ";", "\\", "    ",
            "<", ">", "\"", "'", "(", ")", "[", "]", "!", "ö", "🙂",
        ]),
        1 => "[a-z ]{0,4}",
    ];
    vec(piece, 0..16).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn no_markdown_publishes_script(body in markdown()) {
        checks::markdown(body.as_bytes());
    }
}

/// The HTML check itself finds what a browser would run.
#[test]
fn the_html_check_catches_script() {
    for html in [
        "<p><script>x</script></p>",
        "<a href=\"java&#x09;script:x\">",
        "<a href=\"&#106;avascript:x\">",
        "<a href=' JaVaScRiPt&colon;x'>",
        "<img src=x onerror=y>",
        "<img/src=\"x\"/onerror=y>",
        "<a href=data:text/html,x>",
        "<img src=\"data:image/svg+xml,x\">",
        "<iframe src=x>",
    ] {
        let caught = std::panic::catch_unwind(|| checks::assert_safe_html(html));
        assert!(caught.is_err(), "{html} passed");
    }
    checks::assert_safe_html(
        "<a href=\"./javascript:x\">a</a><img src=\"data:image/png;base64,AA\">",
    );
}
