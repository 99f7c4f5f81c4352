//! `lots serve` serves before every page is rendered: it renders the lists and the search
//! index, starts serving, and renders the pages' own files after, a page a browser asks for
//! first. Whatever is asked, and whenever, the page served is the page as it is now.

mod common;

use common::fixture;
use common::serve::{get, poll, start, wait_for};

/// More pages than the server renders in one run, so that most are still to render when
/// the first request comes.
const PAGES: usize = 700;

fn many_pages() -> common::Site {
    let site = fixture("basic");
    site.write("content/arkiv/_index.md", "---\ntitle: Arkiv\n---\n");
    for n in 0..PAGES {
        site.write(
            &format!("content/arkiv/sida-{n:03}.md"),
            format!("---\ntitle: \"Arkivsida {n}\"\n---\n\nText på sidan {n}.\n"),
        );
    }
    site
}

#[test]
fn a_page_asked_for_at_once_is_served_and_then_every_page_is() {
    let site = many_pages();
    let server = start(&site);
    // The last page in key order: the last the server would render unasked.
    let (status, body) = get(&server, "/arkiv/sida-699/");
    assert_eq!(status, 200, "asked for before it was rendered:\n{body}");
    assert!(body.contains("Text på sidan 699."), "{body}");
    // The folder without its slash is its index page, waited for alike.
    let (status, body) = get(&server, "/arkiv/sida-698");
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("Arkivsida 698"), "{body}");
    poll("every page rendered", || {
        let printed = server.stdout();
        match printed.contains("Rendered the other") {
            true => Ok(()),
            false => Err(printed),
        }
    });
    for n in (0..PAGES).step_by(37) {
        let (status, body) = get(&server, &format!("/arkiv/sida-{n:03}/"));
        assert_eq!(status, 200, "page {n}: {body}");
        assert!(
            body.contains(&format!("Text på sidan {n}.")),
            "page {n}: {body}"
        );
    }
    let (status, _) = get(&server, "/arkiv/sida-700/");
    assert_eq!(
        status, 404,
        "a page that is not in the site is not waited for"
    );
}

#[test]
fn a_page_edited_while_the_rest_are_rendered_shows_the_edit() {
    let site = many_pages();
    let server = start(&site);
    for n in [650, 3] {
        site.write(
            &format!("content/arkiv/sida-{n:03}.md"),
            format!("---\ntitle: \"Arkivsida {n}\"\n---\n\nÄndrad text {n}.\n"),
        );
    }
    for n in [650, 3] {
        wait_for(
            &server,
            &format!("/arkiv/sida-{n:03}/"),
            "the edit",
            |s, b| s == 200 && b.contains(&format!("Ändrad text {n}.")),
        );
    }
    poll("every page rendered", || {
        let printed = server.stdout();
        match printed.contains("Rendered the other") {
            true => Ok(()),
            false => Err(printed),
        }
    });
    for n in [650, 3] {
        let (_, body) = get(&server, &format!("/arkiv/sida-{n:03}/"));
        assert!(body.contains(&format!("Ändrad text {n}.")), "{body}");
    }
    let (_, list) = get(&server, "/arkiv/");
    assert!(list.contains("Arkivsida 650"), "{list}");
}
