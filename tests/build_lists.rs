//! Generated pages: pagination, taxonomies, alias redirects, the sitemap and the 404 page.

mod common;

use common::fixture;

fn list_titles(html: &str) -> Vec<String> {
    html.split("class=\"page-list__title\">")
        .skip(1)
        .filter_map(|part| {
            let text = &part[part.find("\">")? + 2..];
            Some(text[..text.find("</a>")?].to_string())
        })
        .collect()
}

#[test]
fn paginated_section_splits_pages_newest_first() {
    let site = fixture("basic");
    let run = site.build_ok(&[]);
    assert_eq!(
        list_titles(&run.read("nyheter/index.html")),
        ["Nyhet 3", "Nyhet 2"]
    );
    assert_eq!(
        list_titles(&run.read("nyheter/page/2/index.html")),
        ["Nyhet 1", "Vårnyhet"]
    );
    assert_eq!(
        list_titles(&run.read("nyheter/page/3/index.html")),
        ["Gammal nyhet"]
    );
    run.assert_no_file("nyheter/page/4/index.html");
    run.assert_contains(
        "nyheter/index.html",
        r#"<a href="../nyheter/page/2/index.html" rel="next">"#,
    );
    run.assert_contains(
        "nyheter/page/2/index.html",
        r#"<a href="../../../nyheter/index.html" rel="prev">"#,
    );
    run.assert_contains(
        "nyheter/page/2/index.html",
        r#"<a href="../../../nyheter/page/3/index.html" rel="next">"#,
    );
    run.assert_contains(
        "nyheter/page/2/index.html",
        r#"<a href="../../../nyheter/nyhet-1/index.html">Nyhet 1</a>"#,
    );
}

#[test]
fn first_pager_address_redirects_to_the_section() {
    let site = fixture("basic");
    let run = site.build_ok(&[]);
    run.assert_contains(
        "nyheter/page/1/index.html",
        r#"<meta http-equiv="refresh" content="0; url=../../../nyheter/index.html">"#,
    );
}

/// "Sida X av Y" must count pager pages (3), not the section's pages (5), and the last pager
/// must not offer a "last page" link to itself.
#[test]
fn pagination_status_counts_pager_pages() {
    let site = fixture("basic");
    let run = site.build_ok(&[]);
    run.assert_contains("nyheter/index.html", "Sida 1 av 3");
    run.assert_contains("nyheter/page/2/index.html", "Sida 2 av 3");
    run.assert_contains("nyheter/page/3/index.html", "Sida 3 av 3");
    run.assert_not_contains("nyheter/page/3/index.html", "Sista sidan");
    run.assert_not_contains("nyheter/index.html", "Sida 1 av 5");
}

#[test]
fn taxonomy_list_and_term_pages() {
    let site = fixture("basic");
    let run = site.build_ok(&[]);
    run.assert_contains(
        "tags/index.html",
        r#"<a href="../tags/atervandare/index.html">Återvändare</a>"#,
    );
    run.assert_contains(
        "tags/index.html",
        r#"<a href="../tags/rutin/index.html">rutin</a>"#,
    );
    run.assert_contains("tags/atervandare/index.html", "<h1>Återvändare</h1>");
    assert_eq!(
        list_titles(&run.read("tags/atervandare/index.html")),
        ["Första guiden", "Barn och unga"]
    );
    assert_eq!(
        list_titles(&run.read("tags/rutin/index.html")),
        ["Första guiden", "Andra guiden"]
    );
    run.assert_contains(
        "tags/rutin/index.html",
        r#"<a href="../../guider/andra/index.html">Andra guiden</a>"#,
    );
    run.assert_contains(
        "guider/forsta/index.html",
        r#"<a href="../../tags/atervandare/index.html">Återvändare</a>"#,
    );
    run.assert_contains(
        "guider/forsta/index.html",
        r#"<a href="../../tags/rutin/index.html">rutin</a>"#,
    );
    run.assert_contains("index.html", r#"<a href="tags/index.html">Taggar</a>"#);
}

#[test]
fn terms_differing_only_in_case_are_one_term() {
    let site = fixture("basic");
    site.write(
        "content/guider/tredje.md",
        "---\ntitle: \"Tredje guiden\"\nweight: 3\ntaxonomies:\n  tags: [\"återvändare\"]\n---\n",
    );
    let run = site.build_ok(&[]);
    assert_eq!(
        list_titles(&run.read("tags/atervandare/index.html")),
        ["Första guiden", "Barn och unga", "Tredje guiden"]
    );
    let tags: Vec<String> = run
        .files()
        .into_iter()
        .filter(|f| f.starts_with("tags/"))
        .collect();
    assert_eq!(
        tags,
        [
            "tags/atervandare/index.html",
            "tags/index.html",
            "tags/rutin/index.html"
        ]
    );
}

/// `paginate_by` on a taxonomy splits each term's page list like a section's.
#[test]
fn taxonomy_paginate_by_splits_term_pages() {
    let site = fixture("basic");
    let config = std::fs::read_to_string(site.path("config.yaml")).unwrap();
    site.write(
        "config.yaml",
        config.replace("  - name: tags\n", "  - name: tags\n    paginate_by: 1\n"),
    );
    let run = site.build_ok(&[]);
    run.assert_file("tags/rutin/page/2/index.html");
    run.assert_no_file("tags/rutin/page/3/index.html");
    assert_eq!(
        list_titles(&run.read("tags/rutin/index.html")),
        ["Första guiden"]
    );
    assert_eq!(
        list_titles(&run.read("tags/rutin/page/2/index.html")),
        ["Andra guiden"]
    );
}

#[test]
fn alias_writes_a_relative_redirect_page() {
    let site = fixture("basic");
    let run = site.build_ok(&[]);
    let html = run.read("gamla/sidan/index.html");
    assert!(
        html.contains(
            r#"<meta http-equiv="refresh" content="0; url=../../guider/forsta/index.html">"#
        ),
        "{html}"
    );
    assert!(
        html.contains(r#"<a href="../../guider/forsta/index.html">Första guiden</a>"#),
        "{html}"
    );
}

#[test]
fn alias_ending_in_html_is_written_as_that_file() {
    let site = fixture("minimal");
    site.write(
        "content/sida.md",
        "---\ntitle: \"En sida\"\naliases: [\"/gammal.html\", \"arkiv/sida.htm\"]\n---\n",
    );
    let run = site.build_ok(&[]);
    run.assert_contains("gammal.html", r#"content="0; url=sida/index.html""#);
    run.assert_contains("arkiv/sida.htm", r#"content="0; url=../sida/index.html""#);
}

#[test]
fn sitemap_lists_absolute_urls_from_base_url() {
    let site = fixture("basic");
    let run = site.build_ok(&[]);
    let xml = run.read("sitemap.xml");
    assert!(
        xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset"),
        "{xml}"
    );
    for needle in [
        "<url><loc>https://example.org/</loc></url>",
        "<url><loc>https://example.org/guider/</loc></url>",
        "<url><loc>https://example.org/atervandare/barn-och-unga/</loc></url>",
        "<url><loc>https://example.org/guider/forsta/</loc><lastmod>2021-03-04</lastmod></url>",
        "<url><loc>https://example.org/nyheter/varnyhet/</loc><lastmod>2020-05-01</lastmod></url>",
        // `updated` wins over `date`.
        "<url><loc>https://example.org/nyheter/egen-adress/</loc><lastmod>2020-01-02</lastmod></url>",
    ] {
        assert!(xml.contains(needle), "sitemap lacks {needle}:\n{xml}");
    }
    assert_eq!(
        common::count(&xml, "<url>"),
        14,
        "4 sections and 10 pages:\n{xml}"
    );
    assert!(
        !xml.contains("utkast"),
        "the draft is in the sitemap:\n{xml}"
    );
    assert!(
        !xml.contains("gamla/sidan"),
        "aliases are not pages:\n{xml}"
    );
}

#[test]
fn base_url_flag_overrides_config() {
    let site = fixture("basic");
    let run = site.build_ok(&["--base-url", "https://intranat.example.se/kb/"]);
    run.assert_contains(
        "sitemap.xml",
        "<url><loc>https://intranat.example.se/kb/guider/forsta/</loc>",
    );
    run.assert_not_contains("sitemap.xml", "example.org");
    run.assert_contains(
        "404.html",
        r#"<link rel="stylesheet" href="/kb/style.css">"#,
    );
    // Pages stay relative whatever the base URL.
    run.assert_contains("guider/forsta/index.html", r#"href="../../style.css""#);
}

#[test]
fn bad_base_url_flag_is_refused() {
    let site = fixture("minimal");
    let run = site.build(&["--base-url", "ftp://example.org"]);
    run.assert_content_error();
    assert!(run.stderr.contains("ftp://example.org"), "{}", run.stderr);
    assert!(!site.public().exists());
}

#[test]
fn not_found_page_links_from_the_base_path() {
    let site = fixture("minimal");
    let run = site.build_ok(&[]);
    run.assert_contains(
        "404.html",
        r#"<link rel="stylesheet" href="/kb/style.css">"#,
    );
    run.assert_contains("404.html", r#"<a class="button" href="/kb/index.html">"#);
    run.assert_contains("404.html", "Sidan kunde inte hittas");
}

/// The start page's newest pages: the six last updated of the whole site, newest first and by
/// title on the same day, however many pages there are.
#[test]
fn the_start_page_lists_the_six_newest_pages_in_order() {
    let site = fixture("basic");
    let pages = [
        ("a", "Gamla", "2030-01-01"),
        ("b", "Bäver", "2030-01-05"),
        ("c", "Alfa", "2030-01-05"),
        ("d", "Dag tre", "2030-01-03"),
        ("e", "Dag fyra", "2030-01-04"),
        ("f", "Dag två", "2030-01-02"),
        ("g", "Nyast", "2030-02-01"),
        ("h", "Äldre", "2029-12-31"),
    ];
    for (file, title, date) in pages {
        site.write(
            &format!("content/guider/nya-{file}.md"),
            format!("---\ntitle: \"{title}\"\nupdated: {date}\n---\nText.\n"),
        );
    }
    let start = site.build_ok(&[]).read("index.html");
    let list = &start[start.find("recent-list").expect("recent pages")..];
    let list = &list[..list.find("</ul>").expect("end of list")];
    let titles: Vec<&str> = list
        .split("\">")
        .skip(1)
        .filter_map(|part| part.split_once("</a>").map(|(title, _)| title))
        .collect();
    assert_eq!(
        titles,
        ["Nyast", "Alfa", "Bäver", "Dag fyra", "Dag tre", "Dag två"],
        "{list}"
    );
}
