//! How pages point at each other: section order, previous/next links, drafts left out, and
//! navigation that never lists every page of a big section on every page.

mod common;

use common::{count, fixture};

#[test]
fn section_lists_its_pages_in_weight_order() {
    let site = fixture("basic");
    let run = site.build_ok(&[]);
    let html = run.read("guider/index.html");
    let at = |needle: &str| {
        html.find(needle)
            .unwrap_or_else(|| panic!("`{needle}` not in guider/index.html:\n{html}"))
    };
    let order = [
        at(r#"<a href="../guider/forsta/index.html">Första guiden</a>"#),
        at(r#"<a href="../guider/andra/index.html">Andra guiden</a>"#),
        at(r#"<a href="../guider/tredje/index.html">Tredje guiden</a>"#),
        at(r#"<a href="../guider/diagram/index.html">Guide med diagram</a>"#),
    ];
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "pages are not in weight order:\n{html}"
    );
}

#[test]
fn prev_next_follow_weight_order() {
    let site = fixture("basic");
    let run = site.build_ok(&[]);
    run.assert_contains(
        "guider/andra/index.html",
        r#"<a href="../../guider/forsta/index.html" rel="prev">"#,
    );
    run.assert_contains(
        "guider/andra/index.html",
        r#"<a href="../../guider/tredje/index.html" rel="next">"#,
    );
    run.assert_contains(
        "guider/forsta/index.html",
        r#"<a href="../../guider/andra/index.html" rel="next">"#,
    );
    run.assert_not_contains("guider/forsta/index.html", r#"rel="prev""#);
    run.assert_contains(
        "guider/diagram/index.html",
        r#"<a href="../../guider/tredje/index.html" rel="prev">"#,
    );
    run.assert_not_contains("guider/diagram/index.html", r#"rel="next""#);
}

#[test]
fn prev_next_follow_date_order_newest_first() {
    let site = fixture("basic");
    let run = site.build_ok(&[]);
    run.assert_not_contains("nyheter/nyhet-3/index.html", r#"rel="prev""#);
    run.assert_contains(
        "nyheter/nyhet-3/index.html",
        r#"<a href="../../nyheter/nyhet-2/index.html" rel="next">"#,
    );
    run.assert_contains(
        "nyheter/nyhet-2/index.html",
        r#"<a href="../../nyheter/nyhet-3/index.html" rel="prev">"#,
    );
    run.assert_contains(
        "nyheter/nyhet-2/index.html",
        r#"<a href="../../nyheter/nyhet-1/index.html" rel="next">"#,
    );
    run.assert_contains(
        "nyheter/varnyhet/index.html",
        r#"<a href="../../nyheter/nyhet-1/index.html" rel="prev">"#,
    );
    run.assert_contains(
        "nyheter/varnyhet/index.html",
        r#"<a href="../../nyheter/egen-adress/index.html" rel="next">"#,
    );
    run.assert_not_contains("nyheter/egen-adress/index.html", r#"rel="next""#);
}

#[test]
fn drafts_are_not_written_anywhere() {
    let site = fixture("basic");
    let run = site.build_ok(&[]);
    run.assert_no_file("guider/utkast/index.html");
    run.assert_no_file("tags/hemlig/index.html");
    for file in run.files() {
        if file.ends_with(".html") || file.ends_with(".xml") {
            let text = run.read(&file);
            assert!(
                !text.contains("Hemligt utkast"),
                "{file} mentions the draft:\n{text}"
            );
            assert!(
                !text.contains("utkast/"),
                "{file} links to the draft:\n{text}"
            );
            assert!(
                !text.contains("hemlig"),
                "{file} shows the draft's tag:\n{text}"
            );
        }
    }
}

#[test]
fn drafts_flag_publishes_drafts() {
    let site = fixture("basic");
    let run = site.build_ok(&["--drafts"]);
    run.assert_contains("guider/utkast/index.html", "<h1>Hemligt utkast</h1>");
    run.assert_file("tags/hemlig/index.html");
    run.assert_contains(
        "guider/index.html",
        r#"<a href="../guider/utkast/index.html">Hemligt utkast</a>"#,
    );
}

#[test]
fn a_page_does_not_link_to_every_page_of_its_section() {
    let site = fixture("many");
    let run = site.build_ok(&[]);
    let page = run.read("artiklar/artikel-15/index.html");
    let linked: Vec<usize> = (1..=30)
        .filter(|i| page.contains(&format!("artiklar/artikel-{i:02}/index.html")))
        .collect();
    assert_eq!(
        linked,
        [14, 16],
        "artikel-15 should link only to its neighbours:\n{page}"
    );
    let start = run.read("index.html");
    assert_eq!(
        count(&start, "artikel-"),
        0,
        "the start page lists the section's pages:\n{start}"
    );
    // The section page itself is where all of them are listed.
    let section = run.read("artiklar/index.html");
    assert_eq!(
        (1..=30)
            .filter(|i| section.contains(&format!("artiklar/artikel-{i:02}/index.html")))
            .count(),
        30
    );
}
