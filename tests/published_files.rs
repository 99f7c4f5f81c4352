//! A file in `content/` goes out only when a published page or section links to it, shows it,
//! names it in a file field, or carries it in its bundle: one that only a draft, a draft
//! section, a draft bundle or an unapproved plan names is not in the output folder, the
//! service worker's list, the search index, the sitemap, the `lots bundle` zip, nor served by
//! `lots serve`; with `--drafts` it is published as the draft is.

mod common;

use std::fs;
use std::io::Read;
use std::path::Path;

use common::serve::{self, wait_for};
use common::{fixture, list_files, png, snapshot, Site};

/// Files that only drafts and unapproved plans name, by their output path.
const SECRET_FILES: [&str; 6] = [
    "vagledningar/hemlig.txt",
    "vagledningar/hemlig-bild.png",
    "vagledningar/sektionshemlig.txt",
    "vagledningar/utkastbunt/bunthemlig.txt",
    "planer/planhemlig.txt",
    "planer/planfalt.txt",
];

/// The marker words those files hold (the image's is its name).
const SECRET_WORDS: [&str; 7] = [
    "zqxutkastbilagax",
    "zqxsektionslankx",
    "zqxbuntfilx",
    "zqxplanunderlagx",
    "zqxplanfaltx",
    "zqxensamx",
    "hemlig-bild",
];

/// Files a published page or bundle names, by output path.
const PUBLISHED_FILES: [&str; 6] = [
    "rotbilaga.txt",
    "vagledningar/delad.txt",
    "vagledningar/rotfil.txt",
    "vagledningar/oppen/bilaga.txt",
    "planer/godkand-bilaga.txt",
    "planer/delad-bilaga.txt",
];

/// The fixture with its two images, wide enough to get resized copies.
fn site() -> Site {
    let site = fixture("draft_files");
    site.write("content/vagledningar/hemlig-bild.png", png(900, 300));
    site.write("content/vagledningar/synlig-bild.png", png(900, 300));
    site
}

fn zip_entries(zip: &Path) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(fs::File::open(zip).unwrap()).expect("a valid zip");
    (0..archive.len())
        .map(|i| {
            let mut entry = archive.by_index(i).unwrap();
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).unwrap();
            (entry.name().expect("a UTF-8 name").to_string(), bytes)
        })
        .collect()
}

/// Where in `files` (name and bytes) `needle` occurs, by name or content.
fn found_in(files: &[(String, Vec<u8>)], needle: &str) -> Vec<String> {
    files
        .iter()
        .filter(|(name, bytes)| {
            name.contains(needle) || String::from_utf8_lossy(bytes).contains(needle)
        })
        .map(|(name, _)| name.clone())
        .collect()
}

#[test]
fn files_only_drafts_and_unapproved_plans_name_are_not_published() {
    let site = site();
    let run = site.build_ok(&[]);
    let files = run.files();
    for secret in SECRET_FILES {
        assert!(
            !files.contains(&secret.to_string()),
            "{secret} was published"
        );
    }
    for published in PUBLISHED_FILES {
        run.assert_file(published);
    }
    // A file that nothing links to is not published either.
    run.assert_no_file("vagledningar/ensam.txt");
    // The image only a draft shows has no resized copies; the published one has.
    let copies: Vec<&String> = files
        .iter()
        .filter(|f| f.starts_with("processed_images/"))
        .collect();
    assert!(
        copies.iter().any(|f| f.contains("synlig-bild")),
        "{copies:?}"
    );
    // No file of the output (pages, search index, sitemap, sw.js) names or holds a secret.
    let output = snapshot(&run.out);
    for word in SECRET_WORDS {
        let found = found_in(&output, word);
        assert!(found.is_empty(), "`{word}` is in {found:?}");
    }
    let worker = run.read("sw.js");
    assert!(worker.contains("\"vagledningar/delad.txt\""), "{worker}");
    assert!(worker.contains("\"vagledningar/oppen/bilaga.txt\""));
    // The published page links to the files it names.
    run.assert_contains(
        "vagledningar/publicerad/index.html",
        "href=\"../../planer/delad-bilaga.txt\"",
    );

    // The zip is the published site: the same files, no secret.
    let zip = site.beside("bilagor.zip");
    let bundled = common::run_lots(
        &[
            "bundle".into(),
            "--root".into(),
            site.root.display().to_string(),
            "--output".into(),
            zip.display().to_string(),
        ],
        &site.root,
        zip.clone(),
    );
    bundled.assert_success();
    let entries = zip_entries(&zip);
    for word in SECRET_WORDS {
        let found = found_in(&entries, word);
        assert!(found.is_empty(), "`{word}` is in the zip's {found:?}");
    }
    for published in PUBLISHED_FILES {
        let name = format!("bilagetest/{published}");
        assert!(entries.iter().any(|(n, _)| *n == name), "{name} not zipped");
    }
}

#[test]
fn with_drafts_their_files_are_published() {
    let site = site();
    let run = site.build_ok(&["--drafts"]);
    let files = run.files();
    for secret in SECRET_FILES {
        assert!(files.contains(&secret.to_string()), "{secret} missing");
    }
    let worker = run.read("sw.js");
    assert!(worker.contains("\"vagledningar/hemlig.txt\""), "{worker}");
    assert!(files
        .iter()
        .any(|f| f.starts_with("processed_images/hemlig-bild")));
    run.assert_no_file("vagledningar/ensam.txt");
}

#[test]
fn serve_publishes_a_file_while_a_published_page_links_to_it() {
    let site = site();
    let server = serve::start(&site);
    let status = |path: &str| serve::get(&server, path).0;
    assert_eq!(status("/vagledningar/delad.txt"), 200);
    assert_eq!(status("/planer/godkand-bilaga.txt"), 200);
    for secret in SECRET_FILES.iter().chain(["vagledningar/ensam.txt"].iter()) {
        assert_eq!(status(&format!("/{secret}")), 404, "{secret} is served");
    }
    // A link added to a published page publishes the file; taking it away unpublishes it.
    let page = "content/vagledningar/publicerad.md";
    let text = fs::read_to_string(site.path(page)).unwrap();
    site.write(page, format!("{text}\nOch [ensam](ensam.txt).\n"));
    wait_for(
        &server,
        "/vagledningar/ensam.txt",
        "the linked file",
        |s, _| s == 200,
    );
    site.write(page, &text);
    wait_for(
        &server,
        "/vagledningar/ensam.txt",
        "the file gone",
        |s, _| s == 404,
    );
    // A draft that links it publishes nothing.
    let draft = "content/vagledningar/utkast.md";
    let draft_text = fs::read_to_string(site.path(draft)).unwrap();
    site.write(draft, format!("{draft_text}\n[ensam](ensam.txt)\n"));
    site.write(page, format!("{text}\nÄndrad.\n"));
    wait_for(
        &server,
        "/vagledningar/publicerad/index.html",
        "the edit",
        |_, b| b.contains("Ändrad."),
    );
    assert_eq!(status("/vagledningar/ensam.txt"), 404);
    assert!(list_files(&site.path("content")).contains(&"vagledningar/ensam.txt".to_string()));
}

#[test]
fn a_template_that_shows_a_file_publishes_it() {
    let site = site();
    site.write(
        "content/vagledningar/mallsymbol.svg",
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10"><rect width="20" height="10"/></svg>"#,
    );
    site.write("content/vagledningar/mallfoto.png", png(600, 200));
    site.write(
        "templates/pages/mallbilder.html",
        r#"{% set s = resize_image(path="vagledningar/mallsymbol.svg", width=40, op="fit_width") %}symbol {{ s.url }}
{% set f = resize_image(path="vagledningar/mallfoto.png", width=300, op="fit_width") %}foto {{ f.url }}
"#,
    );
    let run = site.build_ok(&[]);
    let page = run.read("mallbilder.html");
    assert!(
        page.contains("symbol vagledningar/mallsymbol.svg"),
        "{page}"
    );
    // The SVG is shown as it is, so it is published (cleaned); the photo only in its copy.
    run.assert_file("vagledningar/mallsymbol.svg");
    run.assert_no_file("vagledningar/mallfoto.png");
    let copy = page
        .lines()
        .find_map(|l| l.strip_prefix("foto "))
        .expect("a foto line");
    run.assert_file(copy);
    assert!(run
        .read("sw.js")
        .contains("\"vagledningar/mallsymbol.svg\""));
    // Still nothing that only drafts name.
    run.assert_no_file("vagledningar/hemlig.txt");
}
