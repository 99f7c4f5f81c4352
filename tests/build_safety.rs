//! Safety: the output folder is replaced only by a successful build and never when lots did
//! not make it; odd encodings work; nothing outside content/ or unpublishable is copied.
//! Script in Markdown is covered by build_markdown.rs.

mod common;

use common::{fixture, list_files, snapshot, Site};

fn staging_leftovers(dir: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        // The image cache (.lots-cache) stays on purpose; staging folders must not.
        .filter(|n| n.starts_with(".lots-staging-") || n.starts_with(".lots-old-"))
        .collect()
}

fn assert_failed_build_keeps(site: &Site, before: &[(String, Vec<u8>)]) {
    let run = site.build(&[]);
    run.assert_content_error();
    assert!(
        snapshot(&site.public()) == before,
        "a failed build changed public/: {:?}",
        list_files(&site.public())
    );
    assert_eq!(
        staging_leftovers(&site.root),
        Vec::<String>::new(),
        "staging folders left behind"
    );
}

#[test]
fn failed_build_leaves_the_previous_output_exactly_as_it_was() {
    let site = fixture("basic");
    site.build_ok(&[]);
    let before = snapshot(&site.public());
    assert!(before.iter().any(|(f, _)| f == "index.html"));
    site.write(
        "content/_index.md",
        "---\ntitle: \"Ny startsida\"\n---\n\nNy text med [trasig länk](@/saknas.md).\n",
    );
    site.write(
        "content/guider/andra.md",
        "---\ntitle: \"Andra guiden\"\ndate: 2020-99-99\n---\n",
    );
    assert_failed_build_keeps(&site, &before);
    let index = std::fs::read_to_string(site.public().join("index.html")).unwrap();
    assert!(
        index.contains("<h1>Startsidan</h1>") && !index.contains("Ny startsida"),
        "{index}"
    );
}

#[test]
fn failed_render_leaves_the_previous_output_exactly_as_it_was() {
    let site = fixture("basic");
    site.build_ok(&[]);
    let before = snapshot(&site.public());
    // Parses, but fails while rendering: some pages may already be written to staging.
    site.write("templates/page.html", "{% extends \"base.html\" %}\n{% block content %}{{ page.finns_inte }}{% endblock content %}\n");
    assert_failed_build_keeps(&site, &before);
}

#[test]
fn folder_not_made_by_lots_is_never_replaced() {
    let site = fixture("minimal");
    let foreign = site.beside("dokument");
    std::fs::create_dir_all(foreign.join("viktigt")).unwrap();
    std::fs::write(foreign.join("viktigt/rapport.txt"), "spara mig").unwrap();
    let before = snapshot(&foreign);
    let run = site.build(&["--output", foreign.to_str().unwrap()]);
    run.assert_content_error();
    assert!(
        run.stderr.contains(&foreign.display().to_string()),
        "stderr:\n{}",
        run.stderr
    );
    assert!(
        snapshot(&foreign) == before,
        "the foreign folder was changed"
    );
    assert!(!foreign.join(".lots-build").exists());
}

#[test]
fn empty_output_folder_is_used_and_marked() {
    let site = fixture("minimal");
    let empty = site.beside("tom");
    std::fs::create_dir(&empty).unwrap();
    let run = site.build_ok(&["--output", empty.to_str().unwrap()]);
    run.assert_file(".lots-build");
    run.assert_file("sida/index.html");
    // Once marked, the folder may be rebuilt.
    site.build_ok(&["--output", empty.to_str().unwrap()]);
}

#[test]
fn output_may_not_be_the_site_or_its_content() {
    let site = fixture("minimal");
    let before = snapshot(&site.root);
    let parent = site.root.parent().unwrap().to_path_buf();
    for out in [
        site.root.clone(),
        site.path("content"),
        site.path("content/nytt"),
        parent,
        site.path("."),
    ] {
        let run = site.build(&["--output", out.to_str().unwrap()]);
        assert_eq!(
            run.code,
            1,
            "--output {} was accepted; stderr:\n{}",
            out.display(),
            run.stderr
        );
        assert!(
            snapshot(&site.root) == before,
            "--output {} changed the site",
            out.display()
        );
    }
}

#[test]
fn output_that_is_a_file_is_refused() {
    let site = fixture("minimal");
    let file = site.beside("fil.txt");
    std::fs::write(&file, "inte en mapp").unwrap();
    let run = site.build(&["--output", file.to_str().unwrap()]);
    run.assert_content_error();
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "inte en mapp");
}

#[test]
fn crlf_line_endings_and_a_byte_order_mark_work() {
    let site = fixture("minimal");
    let page = "\u{feff}---\r\ntitle: \"Windows-sida\"\r\ntaxonomies:\r\n  tags: [a]\r\n---\r\n\r\n## Vad gör jag?\r\n\r\nSe [sidan](@/sida.md#en-rubrik).\r\n";
    site.write("config.yaml", "\u{feff}title: \"Minimal\"\r\nbase_url: \"https://example.org\"\r\ntaxonomies:\r\n  - name: tags\r\n");
    site.write("content/windows.md", page);
    let run = site.build_ok(&[]);
    run.assert_contains("windows/index.html", "<h1>Windows-sida</h1>");
    run.assert_contains(
        "windows/index.html",
        r#"<h2 id="vad-gor-jag">Vad gör jag?</h2>"#,
    );
    run.assert_contains(
        "windows/index.html",
        r#"<a href="../sida/index.html#en-rubrik">sidan</a>"#,
    );
    run.assert_not_contains("windows/index.html", "\r");
    run.assert_file("tags/a/index.html");
}

#[test]
fn errors_in_crlf_and_bom_files_have_the_right_position() {
    let site = fixture("minimal");
    site.write(
        "content/crlf.md",
        "---\r\ntitle: \"CRLF\"\r\ndate: 2020-02-30\r\n---\r\n\r\nText [x](@/saknas.md)\r\n",
    );
    site.write(
        "content/bom.md",
        "\u{feff}---\ntitle: \"BOM\"\ntitel: \"x\"\n---\n",
    );
    let run = site.build(&[]);
    run.assert_content_error();
    run.assert_error_at(
        &site.shown("content/crlf.md"),
        3,
        7,
        "30 februari 2020 finns inte",
        "date: 2020-02-30",
    );
    run.assert_error_at(
        &site.shown("content/crlf.md"),
        6,
        6,
        "@/saknas.md",
        "Text [x](@/saknas.md)",
    );
    run.assert_error_at(
        &site.shown("content/bom.md"),
        3,
        1,
        "`titel`",
        "titel: \"x\"",
    );
}

#[test]
fn aliases_leaving_the_output_folder_are_errors() {
    let site = fixture("minimal");
    site.write(
        "content/sida.md",
        "---\ntitle: \"En sida\"\naliases:\n  - \"/../utanfor/\"\n  - \"gamla/../../ut/\"\n  - \"https://example.com/x/\"\n---\n",
    );
    let run = site.build(&[]);
    run.assert_content_error();
    let path = site.shown("content/sida.md");
    run.assert_error_at(&path, 4, 5, "/../utanfor/", "  - \"/../utanfor/\"");
    run.assert_error_at(&path, 5, 5, "gamla/../../ut/", "  - \"gamla/../../ut/\"");
    run.assert_error_at(
        &path,
        6,
        5,
        "https://example.com/x/",
        "  - \"https://example.com/x/\"",
    );
    let tmp = site.root.parent().unwrap();
    assert!(!tmp.join("utanfor").exists() && !tmp.join("ut").exists());
}

#[test]
fn editor_and_system_junk_is_not_published() {
    let site = fixture("basic");
    for dir in ["content/guider", "content/guider/diagram"] {
        for junk in [
            "notes.md~",
            ".DS_Store",
            "Thumbs.db",
            "x.swp",
            ".#lock",
            "#autosave#",
            "desktop.ini",
        ] {
            site.write(&format!("{dir}/{junk}"), "---\ntitle: skräp\n---\n");
        }
    }
    site.write("content/.git/config", "[core]\n");
    site.write("content/.dold/sida.md", "---\ntitle: dold\n---\n");
    let run = site.build_ok(&[]);
    let junk: Vec<String> = run
        .files()
        .into_iter()
        .filter(|f| {
            let name = f.rsplit('/').next().unwrap();
            (name.starts_with('.') && name != ".lots-build")
                || name.ends_with('~')
                || name.ends_with(".swp")
                || name.starts_with('#')
                || name == "Thumbs.db"
                || name == "desktop.ini"
                || f.contains("dold")
                || f.contains(".git")
        })
        .collect();
    assert!(junk.is_empty(), "junk was published: {junk:?}");
    assert!(!run.stdout.contains("skräp"));
    assert!(
        !run.files().iter().any(|f| f.contains("notes")),
        "{:?}",
        run.files()
    );
}

#[cfg(unix)]
#[test]
fn symbolic_links_are_not_followed() {
    use std::os::unix::fs::symlink;
    let site = fixture("basic");
    let outside = site.beside("utanfor");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("hemlig.txt"), "HEMLIG-TEXT").unwrap();
    std::fs::write(
        outside.join("sida.md"),
        "---\ntitle: \"HEMLIG-SIDA\"\n---\n",
    )
    .unwrap();
    symlink(
        outside.join("hemlig.txt"),
        site.path("content/guider/diagram/hemlig.txt"),
    )
    .unwrap();
    symlink(
        outside.join("hemlig.txt"),
        site.path("content/guider/hemlig.txt"),
    )
    .unwrap();
    symlink(
        outside.join("sida.md"),
        site.path("content/guider/lankad.md"),
    )
    .unwrap();
    symlink(&outside, site.path("content/lankad-mapp")).unwrap();
    let run = site.build_ok(&[]);
    let files = run.files();
    assert!(
        !files
            .iter()
            .any(|f| f.contains("hemlig") || f.contains("lankad")),
        "a symbolic link was followed: {files:?}"
    );
    for file in &files {
        let bytes = std::fs::read(run.file(file)).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("HEMLIG"),
            "{file} holds text from outside content/"
        );
    }
}
