//! Files in content/ that a browser runs as code on the site's origin (HTML, XML, a
//! compressed SVG that would skip the SVG cleaner, …) are refused, each with its path and how to
//! fix it, unless config.yaml allows the type; a refused build leaves the output as it was.

mod common;

use common::{fixture, list_files, snapshot};

/// One file of each refused type, with the extension in mixed case for some.
const ACTIVE: [&str; 16] = [
    "content/sida.html",
    "content/guide/Sida.HTM",
    "content/guide/bundle/sida.xhtml",
    "content/a.xht",
    "content/b.SHTML",
    "content/c.xml",
    "content/d.Xsl",
    "content/e.xslt",
    "content/f.mhtml",
    "content/g.mht",
    "content/h.svgz",
    "content/i.Svgz",
    "content/j.rss",
    "content/k.swf",
    "content/l.php",
    "content/m.hta",
];

fn base_site() -> common::Site {
    let site = fixture("minimal");
    site.write("content/_index.md", "---\ntitle: \"Start\"\n---\n");
    site.write("content/guide/_index.md", "---\ntitle: \"Guide\"\n---\n");
    site.write(
        "content/guide/bundle/index.md",
        "---\ntitle: \"Bunt\"\n---\n",
    );
    site
}

#[test]
fn active_content_files_are_refused_with_their_path() {
    let site = base_site();
    site.build_ok(&[]);
    let before = snapshot(&site.public());
    for file in ACTIVE {
        site.write(file, "<html><script>alert(document.domain)</script></html>");
    }
    let run = site.build(&[]);
    run.assert_content_error();
    for file in ACTIVE {
        run.assert_error_names(&site.shown(file), "is not published");
    }
    run.assert_error_names(
        &site.shown("content/sida.html"),
        "allow_active_files: [html]",
    );
    run.assert_error_names(&site.shown("content/h.svgz"), "unpack it to .svg");
    assert!(
        snapshot(&site.public()) == before,
        "a refused build changed public/: {:?}",
        list_files(&site.public())
    );
}

#[test]
fn allowed_types_are_published_and_svgz_never_is() {
    let site = base_site();
    site.write("content/c.xml", "<data/>");
    site.write("content/guide/Sida.HTM", "<p>betrodd</p>");
    site.write("content/h.svgz", "gz");
    // Only files a published page links to go out (issue 11, item 6).
    site.write(
        "content/_index.md",
        "---\ntitle: \"Start\"\n---\n[data](c.xml) [sida](guide/Sida.HTM)\n",
    );
    let config = std::fs::read_to_string(site.path("config.yaml")).unwrap();
    site.write(
        "config.yaml",
        format!("{config}allow_active_files: [xml, .HTM]\n"),
    );
    let run = site.build(&[]);
    run.assert_content_error();
    run.assert_error_names(&site.shown("content/h.svgz"), "unpack it to .svg");
    assert_eq!(
        run.stderr
            .lines()
            .filter(|l| l.contains("is not published"))
            .count(),
        1,
        "only the .svgz is refused:\n{}",
        run.stderr
    );
    site.remove("content/h.svgz");
    let run = site.build_ok(&[]);
    run.assert_file("c.xml");
    run.assert_file("guide/Sida.HTM");

    // svgz cannot be allowed, and an unknown type is a typo.
    site.write(
        "config.yaml",
        format!("{config}allow_active_files: [svgz, pdf]\n"),
    );
    let run = site.build(&[]);
    run.assert_content_error();
    let config_path = site.shown("config.yaml");
    run.assert_error_names(&config_path, "`svgz` cannot be allowed");
    run.assert_error_names(&config_path, "`pdf` is not a type lots refuses");
}
