//! Markdown to HTML: heading ids, Swedish quotes, highlighted code, and that no Markdown can
//! put markup or script into a page (raw HTML shown as text, dangerous links refused).

mod common;

use common::fixture;

#[test]
fn headings_get_slugified_ids() {
    let site = fixture("basic");
    let run = site.build_ok(&[]);
    run.assert_contains(
        "guider/forsta/index.html",
        r#"<h2 id="vad-gor-jag">Vad gör jag?</h2>"#,
    );
    run.assert_contains(
        "guider/andra/index.html",
        r#"<h2 id="vad-gor-jag">Vad gör jag?</h2>"#,
    );
    run.assert_contains(
        "guider/forsta/index.html",
        r##"<a href="#vad-gor-jag">Vad gör jag?</a>"##,
    );
}

#[test]
fn heading_attributes_are_dropped() {
    let site = fixture("basic");
    let run = site.build_ok(&[]);
    run.assert_contains(
        "guider/forsta/index.html",
        r#"<h2 id="rubrik-med-attribut">Rubrik med attribut</h2>"#,
    );
    run.assert_not_contains("guider/forsta/index.html", "onclick");
}

#[test]
fn smart_punctuation_uses_swedish_quotes() {
    let site = fixture("basic");
    let run = site.build_ok(&[]);
    run.assert_contains(
        "guider/forsta/index.html",
        "<p>Han sa ”citat” och gick.</p>",
    );
    run.assert_not_contains("guider/forsta/index.html", "“");
}

#[test]
fn fenced_code_is_highlighted_with_prefixed_classes() {
    let site = fixture("basic");
    let run = site.build_ok(&[]);
    let html = run.read("guider/forsta/index.html");
    assert!(
        html.contains(r#"<pre class="code" data-lang="yaml"><code class="language-yaml">"#),
        "{html}"
    );
    let code = &html[html.find("data-lang=\"yaml\"").unwrap()..html.find("</pre>").unwrap()];
    assert!(
        code.contains(r#"<span class="hl-"#),
        "no hl- classes in:\n{code}"
    );
    assert!(
        !code.contains(r#"class="source"#),
        "unprefixed classes in:\n{code}"
    );
    assert!(code.contains("Hej"), "{code}");
    run.assert_contains("highlight.css", ".hl-");
}

#[test]
fn raw_html_is_shown_as_text() {
    let site = fixture("minimal");
    site.write(
        "content/sida.md",
        "---\ntitle: \"En sida\"\n---\n\n<script>alert(1)</script>\n\nText <img src=x onerror=alert(2)> och <a href=\"javascript:alert(3)\">länk</a>.\n\n<div onclick=\"alert(4)\">block</div>\n\n<!-- x --><script>alert(5)</script>\n",
    );
    let run = site.build_ok(&[]);
    let html = run.read("sida/index.html");
    let content = &html[html.find("<div class=\"content\">").unwrap()..];
    assert!(
        content.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{content}"
    );
    assert!(
        content.contains("&lt;img src=x onerror=alert(2)&gt;"),
        "{content}"
    );
    // The theme's own scripts are `<script src=…>`; content must add no script at all.
    for bad in [
        "<script>",
        "<img",
        "<a href=\"javascript",
        "<div onclick",
        "onclick=\"alert(4)\">block",
    ] {
        assert!(!html.contains(bad), "`{bad}` reached the page:\n{html}");
    }
}

#[test]
fn dangerous_link_schemes_are_errors() {
    let site = fixture("minimal");
    let lines = [
        "[a](javascript:alert(1))",
        "[b](JaVaScRiPt:alert(1))",
        "<javascript:alert(1)>",
        "[c](java&#x09;script:alert(1))",
        "[d](javascript&#58;alert(1))",
        "[e](vbscript:msgbox(1))",
        "[f](data:text/html;base64,PHNjcmlwdD4=)",
        "![g](data:image/svg+xml;base64,PHN2Zz4=)",
        "[h][ref]",
    ];
    let mut body = String::from("---\ntitle: \"En sida\"\n---\n");
    for line in lines {
        body.push('\n');
        body.push_str(line);
        body.push('\n');
    }
    body.push_str("\n[ref]: javascript:alert(1)\n");
    site.write("content/sida.md", body);
    let run = site.build(&[]);
    run.assert_content_error();
    for (i, line) in lines.iter().enumerate() {
        run.assert_error_at(
            &site.shown("content/sida.md"),
            5 + 2 * i,
            1,
            "är inte tillåtna",
            line,
        );
    }
    assert!(!site.public().exists());
}

#[test]
fn safe_links_and_inline_tags_are_kept() {
    let site = fixture("minimal");
    site.write(
        "content/sida.md",
        "---\ntitle: \"En sida\"\n---\n\n[w](https://example.com/a?b=1&c=2) [m](mailto:a@example.se) [t](tel:+4681234) x<sup>2</sup> ![p](data:image/png;base64,iVBORw0KGgo=)\n",
    );
    let run = site.build_ok(&[]);
    let html = run.read("sida/index.html");
    for good in [
        r#"<a href="https://example.com/a?b=1&amp;c=2">w</a>"#,
        r#"<a href="mailto:a@example.se">m</a>"#,
        r#"<a href="tel:+4681234">t</a>"#,
        "x<sup>2</sup>",
        r#"<img src="data:image/png;base64,iVBORw0KGgo=" alt="p" />"#,
    ] {
        assert!(html.contains(good), "`{good}` missing:\n{html}");
    }
}

#[test]
fn autolinked_addresses_become_links() {
    let site = fixture("minimal");
    site.write(
        "content/sida.md",
        "---\ntitle: \"En sida\"\n---\n\nSkriv till <vbe.samordnare@stockholm.se> eller se <https://start.stockholm/vbe>.\n",
    );
    let run = site.build_ok(&[]);
    let html = run.read("sida/index.html");
    for good in [
        r#"<a href="mailto:vbe.samordnare@stockholm.se">vbe.samordnare@stockholm.se</a>"#,
        r#"<a href="https://start.stockholm/vbe">https://start.stockholm/vbe</a>"#,
    ] {
        assert!(html.contains(good), "`{good}` missing:\n{html}");
    }
}

#[test]
fn front_matter_text_is_escaped() {
    let site = fixture("minimal");
    site.write(
        "content/sida.md",
        "---\ntitle: \"Rubrik <b>fet</b> & \\\"citat\\\"\"\ndescription: \"\\\"><script>alert(1)</script>\"\naliases: [\"/gammal/\"]\n---\n",
    );
    let run = site.build_ok(&[]);
    let html = run.read("sida/index.html");
    assert!(
        html.contains("<h1>Rubrik &lt;b&gt;fet&lt;/b&gt; &amp; &quot;citat&quot;</h1>"),
        "{html}"
    );
    assert!(
        !html.contains("<b>fet") && !html.contains("<script>"),
        "{html}"
    );
    let redirect = run.read("gammal/index.html");
    assert!(
        !redirect.contains("<b>") && redirect.contains("&lt;b&gt;"),
        "{redirect}"
    );
}

#[test]
fn heading_attributes_cannot_add_markup() {
    let site = fixture("minimal");
    site.write(
        "content/sida.md",
        "---\ntitle: \"En sida\"\n---\n\n## Första {onclick=alert(1) style=color:red}\n\n## Andra {#\"><script>alert(2)</script>}\n",
    );
    let run = site.build_ok(&[]);
    let html = run.read("sida/index.html");
    for bad in ["onclick", "style=color", "<script>"] {
        assert!(!html.contains(bad), "`{bad}` reached the page:\n{html}");
    }
    assert!(html.contains(r#"<h2 id="forsta">Första</h2>"#), "{html}");
}

#[test]
fn tables_scroll_in_a_focusable_region_named_by_the_heading_above() {
    let site = fixture("basic");
    site.write(
        "content/guider/tabeller.md",
        "---\ntitle: Tabeller\n---\n| a | b |\n| - | - |\n| 1 | 2 |\n\n## Kontakter\n\n| c | d |\n| - | - |\n| 3 | 4 |\n",
    );
    let run = site.build_ok(&[]);
    let page = "guider/tabeller/index.html";
    run.assert_contains(
        page,
        "<div class=\"table-scroll\" role=\"region\" aria-label=\"Tabell\" tabindex=\"0\">\n<table>",
    );
    run.assert_contains(
        page,
        "<div class=\"table-scroll\" role=\"region\" aria-labelledby=\"kontakter\" tabindex=\"0\">\n<table>",
    );
    assert_eq!(common::count(&run.read(page), "</table>\n</div>"), 2);
}
