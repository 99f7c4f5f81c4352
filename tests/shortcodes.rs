//! Zola's shortcodes in a Lots site (tests/fixtures/shortcodes): both kinds, with and without
//! arguments and bodies, `nth`, `page`, `section`, `config` and `lang`, `.md` shortcodes read
//! as Markdown, calls in code left alone and the `{{/* */}}` escape; mistakes reported at the
//! call, all in one run; and a page's other errors still on their own lines.

mod common;

use common::fixture;
use common::serve::{start, wait_for};

/// The fixture, built; the site is kept while the output is read.
fn built() -> (common::Site, common::Run) {
    let site = fixture("shortcodes");
    let run = site.build_ok(&[]);
    (site, run)
}

fn guide(run: &common::Run) -> String {
    let page = run.read("guider/guiden/index.html");
    let start = page
        .find("<div class=\"content\">")
        .expect("the page's content");
    let end = page[start..].find("</article>").expect("the article's end") + start;
    page[start..end].to_string()
}

#[test]
fn html_shortcodes_with_and_without_arguments_are_put_in_place() {
    let (_site, run) = built();
    let html = guide(&run);
    // Inline, in the paragraph; `config` and `page` as templates see them, the permalink a
    // relative link like every other.
    assert!(
        html.contains(
            "<p>Inledning på <span class=\"webbplats\">Kortkodsplatsen</span> och \
             <a class=\"plats\" href=\"../../guider/guiden/index.html\">sidan Guiden</a>.</p>"
        ),
        "{html}"
    );
    // Alone on its line, the output replaces the paragraph; `nth` counts the calls.
    assert!(
        html.contains(
            "<figure class=\"video\" id=\"video-1\" data-id=\"dQw4w9WgXcQ\">\n  \
             <figcaption>En &quot;film&quot;</figcaption>\n</figure>"
        ),
        "{html}"
    );
    assert!(
        html.contains(
            "<figure class=\"video\" id=\"video-2\" data-id=\"abc\" data-autoplay=\"ja\">"
        ),
        "{html}"
    );
    assert!(html.contains("<hr class=\"avdelare\">"), "{html}");
    assert!(!html.contains("<p><figure"), "{html}");
    assert!(!html.contains("youtube(id=\"dQw4w9WgXcQ\""), "{html}");
}

#[test]
fn arguments_of_every_kind_arrive_as_values_and_are_escaped() {
    let (_site, run) = built();
    let html = guide(&run);
    assert!(
        html.contains(
            "<span class=\"arg\" title=\"&lt;script&gt;alert(1)&lt;/script&gt;\">\
             &lt;script&gt;alert(1)&lt;/script&gt;</span> <span class=\"lista\">a,b</span> \
             <span class=\"tal\">42 2.5</span>"
        ),
        "{html}"
    );
    assert!(!html.contains("<script>"), "{html}");
}

#[test]
fn a_body_is_passed_as_body_and_escaped_in_html() {
    let (_site, run) = built();
    let html = guide(&run);
    assert!(
        html.contains(
            "<blockquote class=\"citat\">Ett citat med &lt;b&gt;fetstil&lt;/b&gt;.\
             <footer>Vincent i Guiden</footer></blockquote>"
        ),
        "{html}"
    );
}

#[test]
fn a_markdown_shortcode_is_read_with_the_page() {
    let (_site, run) = built();
    let html = guide(&run);
    // Its Markdown is rendered, its @/ link resolved, an HTML shortcode in its body put in.
    assert!(
        html.contains(
            "<blockquote>\n<p><strong>Obs:</strong> Läs <strong>detta</strong> först på \
             <span class=\"webbplats\">Kortkodsplatsen</span>. Se \
             <a href=\"../../index.html\">starten</a> (sv).</p>\n</blockquote>"
        ),
        "{html}"
    );
}

#[test]
fn calls_in_code_stay_as_written_and_escapes_are_printed() {
    let (_site, run) = built();
    let html = guide(&run);
    assert!(
        html.contains("<code>{{ youtube(id=\"kod\") }}</code>"),
        "inline code: {html}"
    );
    assert!(
        html.contains("{{ youtube(id=&quot;block&quot;) }}"),
        "fenced code: {html}"
    );
    assert!(
        html.contains(
            "<pre class=\"code\"><code>{{ youtube(id=&quot;indrag&quot;) }}\n</code></pre>"
        ),
        "indented code: {html}"
    );
    // The escape inside code shows the call, as Zola's documentation writes it.
    assert!(
        html.contains("{{ youtube(id=&quot;visad&quot;) }}"),
        "escape in code: {html}"
    );
    assert!(!html.contains("{{/*"), "{html}");
    assert!(
        html.contains("<p>Skrivs ut: {{ hr() }} och {% citat(author=”x”) %}text{% end %}.</p>"),
        "escapes in text: {html}"
    );
    assert!(
        !html.contains("id=\"video-3\""),
        "code made no call: {html}"
    );
}

#[test]
fn a_heading_with_a_shortcode_gets_its_text_as_id() {
    let (_site, run) = built();
    let html = guide(&run);
    assert!(
        html.contains(
            "<h2 id=\"rubrik-pa-kortkodsplatsen\">Rubrik på <span class=\"webbplats\">\
             Kortkodsplatsen</span></h2>"
        ),
        "{html}"
    );
}

#[test]
fn sections_get_section_and_their_shortcodes_run() {
    let (_site, run) = built();
    run.assert_contains(
        "index.html",
        "<p>Välkommen till <span class=\"webbplats\">Kortkodsplatsen</span>: \
         <span class=\"plats\">avdelningen Start</span>.</p>",
    );
    run.assert_contains(
        "guider/index.html",
        "<p>Här är <span class=\"plats\">avdelningen Guider</span>.</p>",
    );
}

#[test]
fn the_search_index_has_the_text_shortcodes_write() {
    let (_site, run) = built();
    let dir = run.file("search/p");
    let shards: String = std::fs::read_dir(&dir)
        .expect("the search shards")
        .flatten()
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect();
    // `film` is only in a figure's caption, `avdelning` only in a section's shortcode.
    for key in ["\"film\"", "\"avdelning\"", "\"kortkodsplats\""] {
        assert!(shards.contains(key), "no search key {key}: {shards}");
    }
}

#[test]
fn a_theme_may_ship_shortcodes_and_the_site_overrides_them() {
    let site = fixture("shortcodes");
    site.write(
        "themes/egen/templates/shortcodes/tema.html",
        "<i>från temat</i>\n",
    );
    site.write(
        "themes/egen/templates/shortcodes/hr.html",
        "<hr class=\"tema\">\n",
    );
    site.write(
        "config.yaml",
        "title: \"Kortkodsplatsen\"\nbase_url: \"https://example.org/kb\"\ntheme: egen\n",
    );
    site.write(
        "content/tema.md",
        "---\ntitle: \"Tema\"\n---\n\nText {{ tema() }}.\n\n{{ hr() }}\n",
    );
    let run = site.build_ok(&[]);
    run.assert_contains("tema/index.html", "<p>Text <i>från temat</i>.</p>");
    run.assert_contains("tema/index.html", "<hr class=\"avdelare\">");
}

const MISTAKES: &str = "---
title: \"Fel\"
---

Först {{ okand(a=1) }} här.

{{ youtube(id=) }}

{{ youtube(id=\"x\" caption=\"y\") }}

  {{ trasig() }}

{% citat(author=\"A\") %}
Ingen slutrad.
";

#[test]
fn every_mistake_is_reported_at_its_call_in_one_run() {
    let site = fixture("shortcodes");
    site.write("templates/shortcodes/trasig.html", "{{ saknas }}\n");
    site.write("content/fel.md", MISTAKES);
    site.write(
        "content/guider/fel.md",
        "---\ntitle: \"Mer\"\n---\n\n{% end %}\n",
    );
    let run = site.build(&[]);
    run.assert_content_error();
    let page = site.shown("content/fel.md");
    run.assert_error_at(
        &page,
        5,
        7,
        "det finns ingen kortkod `okand`; lägg till templates/shortcodes/okand.html (eller okand.md), eller rätta namnet",
        "Först {{ okand(a=1) }} här.",
    );
    run.assert_error_at(
        &page,
        7,
        1,
        "argumentet `id` till kortkoden `youtube` har inget giltigt värde",
        "{{ youtube(id=) }}",
    );
    run.assert_error_at(
        &page,
        9,
        1,
        "argumenten till kortkoden `youtube` är felskrivna; skilj dem åt med kommatecken och avsluta med `)`",
        "{{ youtube(id=\"x\" caption=\"y\") }}",
    );
    run.assert_error_at(
        &page,
        11,
        3,
        "kortkoden `trasig` misslyckades i templates/shortcodes/trasig.html: ",
        "  {{ trasig() }}",
    );
    assert!(run.stderr.contains("saknas"), "{}", run.stderr);
    run.assert_error_at(
        &page,
        13,
        1,
        "kortkoden `citat` saknar `{% end %}`; skriv `{% end %}` efter dess innehåll",
        "{% citat(author=\"A\") %}",
    );
    run.assert_error_at(
        &site.shown("content/guider/fel.md"),
        5,
        1,
        "`{% end %}` avslutar ingen kortkod",
        "{% end %}",
    );
    assert!(!site.public().exists(), "nothing is written");
}

#[test]
fn mistakes_are_told_in_english_on_an_english_site() {
    let site = fixture("shortcodes");
    site.write(
        "config.yaml",
        "title: \"Shortcodes\"\nbase_url: \"https://example.org/kb\"\nlanguage: en\n",
    );
    site.write(
        "content/fel.md",
        "---\ntitle: \"Fel\"\n---\n\n{{ okand() }}\n",
    );
    let run = site.build(&[]);
    run.assert_content_error();
    run.assert_error_at(
        &site.shown("content/fel.md"),
        5,
        1,
        "there is no shortcode `okand`; add templates/shortcodes/okand.html (or okand.md), or correct the name",
        "{{ okand() }}",
    );
}

#[test]
fn a_broken_link_after_shortcodes_that_change_the_line_count_is_on_its_own_line() {
    let site = fixture("shortcodes");
    // Eight lines of Markdown for one call, and a call spread over three lines.
    site.write(
        "templates/shortcodes/lista.md",
        "- ett\n- två\n- tre\n- fyra\n\n- fem\n- sex\n- sju\n",
    );
    site.write(
        "content/lankar.md",
        "---\ntitle: \"Länkar\"\n---\n\n{{ lista() }}\n\n{{ youtube(\n  id=\"a\",\n  caption=\"b\") }}\n\n\
         {% citat(author=\"c\") %}\nrad\nrad\n{% end %}\n\nSe [den här](@/finns-inte.md) sidan.\n",
    );
    let run = site.build(&[]);
    run.assert_content_error();
    run.assert_error_at(
        &site.shown("content/lankar.md"),
        16,
        4,
        "@/finns-inte.md",
        "Se [den här](@/finns-inte.md) sidan.",
    );
}

#[test]
fn serve_renders_the_pages_again_when_a_shortcode_template_changes() {
    let site = fixture("shortcodes");
    let server = start(&site);
    wait_for(&server, "/guider/guiden/", "the first template", |_, b| {
        b.contains("<hr class=\"avdelare\">")
    });
    site.write("templates/shortcodes/hr.html", "<hr class=\"ny\">\n");
    wait_for(
        &server,
        "/guider/guiden/",
        "the changed template",
        |_, b| b.contains("<hr class=\"ny\">"),
    );
}

#[test]
fn serve_runs_the_shortcodes_of_an_edited_page() {
    let site = fixture("shortcodes");
    let server = start(&site);
    wait_for(&server, "/guider/guiden/", "the page", |_, b| {
        b.contains("id=\"video-2\"")
    });
    site.write(
        "content/guider/guiden.md",
        "---\ntitle: \"Guiden\"\n---\n\n{{ youtube(id=\"ny\", caption=\"Ny film\") }}\n",
    );
    let page = wait_for(&server, "/guider/guiden/", "the edited page", |_, b| {
        b.contains("data-id=\"ny\"")
    });
    assert!(page.contains("<figcaption>Ny film</figcaption>"), "{page}");
    assert!(!page.contains("id=\"video-2\""), "{page}");
}
