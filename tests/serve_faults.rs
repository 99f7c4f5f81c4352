//! `serve` keeps answering while the folders it watches are deleted and made again, or cannot
//! be read, says what is wrong meanwhile, and serves the right pages once they are back.

mod common;

use std::fs;

use common::serve::{get, page_template, start, wait_for};
use common::{copy_dir, fixture};

#[test]
fn watched_folders_deleted_and_made_again() {
    let site = fixture("basic");
    site.write("templates/page.html", page_template("EGEN MALL"));
    site.write("static/extra.css", "p { color: #111; }");
    let server = start(&site);
    wait_for(&server, "/guider/forsta/", "the site's template", |s, b| {
        s == 200 && b.contains("EGEN MALL")
    });

    // A section folder goes with its pages: the start page links to them, so the site is
    // broken; the last good one is served with the problem over it. The folder comes back.
    let saved = tempfile::tempdir().expect("temp dir");
    copy_dir(&site.path("content/guider"), saved.path());
    fs::remove_dir_all(site.path("content/guider")).expect("remove content/guider");
    let body = wait_for(&server, "/", "the error overlay", |s, b| {
        s == 200 && b.contains("id=\"lots-error\"")
    });
    assert!(
        body.contains("<code>content/_index.md:6:5</code>") && body.contains("som inte finns"),
        "the overlay says which links lost their pages:\n{body}"
    );
    let (status, _) = get(&server, "/guider/forsta/");
    assert_eq!(status, 200, "the last good page is still served");
    copy_dir(saved.path(), &site.path("content/guider"));
    wait_for(&server, "/", "the overlay gone", |s, b| {
        s == 200 && !b.contains("lots-error\"")
    });
    wait_for(&server, "/guider/forsta/", "the page back", |s, b| {
        s == 200 && b.contains("EGEN MALL") && b.contains("Han sa")
    });
    // A folder without links to it goes: its page goes, and comes back with it.
    let saved_news = tempfile::tempdir().expect("temp dir");
    copy_dir(&site.path("content/nyheter"), saved_news.path());
    fs::remove_dir_all(site.path("content/nyheter")).expect("remove content/nyheter");
    wait_for(&server, "/nyheter/", "the section gone", |s, _| s == 404);
    copy_dir(saved_news.path(), &site.path("content/nyheter"));
    wait_for(&server, "/nyheter/", "the section back", |s, _| s == 200);

    // templates/ goes: the theme's page template takes over; it comes back: the site's.
    fs::remove_dir_all(site.path("templates")).expect("remove templates/");
    wait_for(
        &server,
        "/guider/forsta/",
        "the theme's template",
        |s, b| s == 200 && !b.contains("EGEN MALL") && b.contains("Första guiden"),
    );
    site.write("templates/page.html", page_template("MALLEN IGEN"));
    wait_for(&server, "/guider/forsta/", "the new template", |s, b| {
        s == 200 && b.contains("MALLEN IGEN")
    });

    // static/ goes and comes back.
    fs::remove_dir_all(site.path("static")).expect("remove static/");
    wait_for(&server, "/extra.css", "the stylesheet gone", |s, _| {
        s == 404
    });
    site.write("static/extra.css", "p { color: #222; }");
    wait_for(&server, "/extra.css", "the stylesheet back", |s, b| {
        s == 200 && b.contains("#222")
    });
    let (status, _) = get(&server, "/guider/andra/");
    assert_eq!(status, 200, "the other pages are still served");
}

#[cfg(unix)]
#[test]
fn an_unreadable_content_folder_is_reported_and_served_again_once_readable() {
    use std::os::unix::fs::PermissionsExt;
    let site = fixture("basic");
    let server = start(&site);
    wait_for(&server, "/guider/forsta/", "the page", |s, _| s == 200);
    let guider = site.path("content/guider");
    let mode = |bits| fs::set_permissions(&guider, fs::Permissions::from_mode(bits));
    mode(0o000).expect("chmod 000");
    if fs::read_dir(&guider).is_ok() {
        mode(0o755).expect("chmod back");
        eprintln!("skipped: this user (root?) reads a folder without permissions, so it cannot be made unreadable");
        return;
    }
    // A permission change is no edit: an edit elsewhere makes serve read the site again.
    site.write(
        "content/_index.md",
        "---\ntitle: \"Startsidan\"\n---\n\nÄndrad.\n",
    );
    let body = wait_for(&server, "/", "the error overlay", |_, b| {
        b.contains("id=\"lots-error\"")
    });
    assert!(
        body.contains("content/guider") && body.contains("åtkomst nekad"),
        "the overlay names the folder and why:\n{body}"
    );
    let (status, _) = get(&server, "/guider/forsta/");
    mode(0o755).expect("chmod back");
    assert_eq!(status, 200, "the last good page is still served");
    site.write(
        "content/_index.md",
        "---\ntitle: \"Startsidan\"\n---\n\nÄndrad igen.\n",
    );
    wait_for(&server, "/", "the overlay gone", |s, b| {
        s == 200 && !b.contains("lots-error\"") && b.contains("Ändrad igen")
    });
    wait_for(&server, "/guider/forsta/", "the page", |s, b| {
        s == 200 && b.contains("Första guiden")
    });
}
