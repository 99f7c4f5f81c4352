//! What a successful build writes: the output layout, relative URLs, `@/` links, bundles and
//! slugs. Generated lists are in build_lists.rs, prev/next and drafts in build_navigation.rs,
//! Markdown features in build_markdown.rs.

mod common;

use common::{fixture, snapshot};

/// Every file the `basic` fixture produces, and nothing else. The search index (its own
/// tests check its layout) is only required to be there.
#[test]
fn basic_site_writes_exactly_the_expected_files() {
    let site = fixture("basic");
    let run = site.build_ok(&[]);
    let expected = [
        ".lots-build",
        "404.html",
        "a-o/index.html",
        "atervandare/barn-och-unga/index.html",
        "atervandare/index.html",
        "att-se-over/index.html",
        "filter.js",
        "gamla/sidan/index.html",
        "guider/andra/index.html",
        "guider/diagram/bilaga.txt",
        "guider/diagram/diagram.png",
        "guider/diagram/index.html",
        "guider/forsta/index.html",
        "guider/index.html",
        "guider/tredje/index.html",
        "highlight.css",
        "icons/icon-192.png",
        "icons/icon-512.png",
        "icons/icon.svg",
        "index.html",
        "manifest.webmanifest",
        "nyheter/egen-adress/index.html",
        "nyheter/index.html",
        "nyheter/nyhet-1/index.html",
        "nyheter/nyhet-2/index.html",
        "nyheter/nyhet-3/index.html",
        "nyheter/page/1/index.html",
        "nyheter/page/2/index.html",
        "nyheter/page/3/index.html",
        "nyheter/varnyhet/index.html",
        "offline.js",
        "phone.js",
        "sitemap.xml",
        "style.css",
        "sw.js",
        "tags/atervandare/index.html",
        "tags/index.html",
        "tags/rutin/index.html",
        "texts.js",
    ];
    let files = run.files();
    let (search, others): (Vec<String>, Vec<String>) =
        files.into_iter().partition(|f| f.starts_with("search/"));
    assert_eq!(others, expected, "output files of the basic fixture");
    assert!(
        search.iter().any(|f| f == "search/search.js"),
        "search files: {search:?}"
    );
}

#[test]
fn success_is_reported_on_stdout_in_the_sites_language() {
    let site = fixture("basic");
    let run = site.build_ok(&[]);
    let seconds = |line: &str, after: &str| -> String {
        let rest = line.split_once(after).map_or("", |(_, rest)| rest);
        rest.split(' ').next().unwrap_or("").to_string()
    };
    assert!(
        run.stdout.starts_with("Byggde 22 sidor på "),
        "stdout: {}",
        run.stdout
    );
    // Swedish writes a decimal comma: "på 0,14 s".
    let swedish = seconds(&run.stdout, " på ");
    assert!(
        swedish.contains(',') && !swedish.contains('.'),
        "{}",
        run.stdout
    );
    assert!(!run.stderr.contains("error"), "stderr: {}", run.stderr);

    let config = std::fs::read_to_string(site.path("config.yaml")).expect("config.yaml");
    site.write(
        "config.yaml",
        config.replace("language: sv", "language: en"),
    );
    let run = site.build_ok(&[]);
    assert!(
        run.stdout.starts_with("Built 22 pages in "),
        "stdout: {}",
        run.stdout
    );
    let english = seconds(&run.stdout, " in ");
    assert!(
        english.contains('.') && !english.contains(','),
        "{}",
        run.stdout
    );
}

#[test]
fn output_flag_writes_elsewhere_and_leaves_root_clean() {
    let site = fixture("minimal");
    let out = site.beside("ut");
    let run = site.build_ok(&["--output", out.to_str().unwrap()]);
    run.assert_file("index.html");
    run.assert_file("sida/index.html");
    run.assert_file(".lots-build");
    assert!(
        !site.public().exists(),
        "public/ must not be created when --output is given"
    );
}

#[test]
fn every_internal_url_is_relative_to_its_own_file() {
    let site = fixture("basic");
    let run = site.build_ok(&[]);
    run.assert_contains("index.html", r#"<link rel="stylesheet" href="style.css">"#);
    run.assert_contains(
        "guider/index.html",
        r#"<link rel="stylesheet" href="../style.css">"#,
    );
    run.assert_contains(
        "guider/forsta/index.html",
        r#"<link rel="stylesheet" href="../../style.css">"#,
    );
    run.assert_contains(
        "guider/forsta/index.html",
        r#"<a class="site-title" href="../../index.html">"#,
    );
    run.assert_contains(
        "guider/forsta/index.html",
        r#"<a href="../../guider/index.html">Guider</a>"#,
    );
    run.assert_contains("nyheter/page/2/index.html", r#"href="../../../style.css""#);
    run.assert_contains("nyheter/page/2/index.html", r#"href="../../../index.html""#);
    // No page except 404.html (shown by the web server at any address) links from the root.
    for file in run
        .files()
        .iter()
        .filter(|f| f.ends_with(".html") && *f != "404.html")
    {
        let html = run.read(file);
        assert!(
            !html.contains("href=\"/"),
            "{file} has a root-absolute link:\n{html}"
        );
        assert!(
            !html.contains("src=\"/"),
            "{file} has a root-absolute source:\n{html}"
        );
        assert!(
            !html.contains("https://example.org"),
            "{file} uses the base URL:\n{html}"
        );
    }
}

#[test]
fn at_links_resolve_to_relative_files_with_anchors() {
    let site = fixture("basic");
    let run = site.build_ok(&[]);
    run.assert_contains(
        "guider/forsta/index.html",
        r#"<a href="../../guider/andra/index.html#vad-gor-jag">nästa guide</a>"#,
    );
    run.assert_contains(
        "guider/forsta/index.html",
        r#"<a href="../../guider/diagram/index.html">diagrammet</a>"#,
    );
    run.assert_contains(
        "index.html",
        r#"<a href="guider/andra/index.html#vad-gor-jag">frågan</a>"#,
    );
    run.assert_contains(
        "index.html",
        r#"<a href="guider/forsta/index.html">den första guiden</a>"#,
    );
    run.assert_contains(
        "guider/andra/index.html",
        r#"<a href="../../index.html">startsidan</a>"#,
    );
    run.assert_not_contains("guider/forsta/index.html", "@/");
}

#[test]
fn bundle_files_are_copied_beside_the_page_and_links_work() {
    let site = fixture("basic");
    let run = site.build_ok(&[]);
    let original = std::fs::read(site.path("content/guider/diagram/diagram.png")).unwrap();
    assert_eq!(
        std::fs::read(run.file("guider/diagram/diagram.png")).unwrap(),
        original
    );
    run.assert_contains("guider/diagram/bilaga.txt", "En bilaga.");
    run.assert_contains(
        "guider/diagram/index.html",
        r#"<img src="../../guider/diagram/diagram.png" alt="Ett litet diagram" width="1" height="1" loading="lazy" decoding="async">"#,
    );
    run.assert_contains(
        "guider/diagram/index.html",
        r#"<a href="../../guider/diagram/bilaga.txt">bilagan</a>"#,
    );
    run.assert_no_file("guider/diagram/index.md");
}

#[test]
fn swedish_names_are_folded_and_slugs_follow_front_matter_and_dates() {
    let site = fixture("basic");
    let run = site.build_ok(&[]);
    run.assert_contains("atervandare/index.html", "<h1>Återvändare</h1>");
    run.assert_contains(
        "atervandare/barn-och-unga/index.html",
        "<h1>Barn och unga</h1>",
    );
    run.assert_contains("nyheter/egen-adress/index.html", "<h1>Gammal nyhet</h1>");
    run.assert_no_file("nyheter/gammal/index.html");
    run.assert_contains("nyheter/varnyhet/index.html", "<h1>Vårnyhet</h1>");
    run.assert_contains(
        "nyheter/varnyhet/index.html",
        r#"<time datetime="2020-05-01">"#,
    );
    assert!(!run.out.join("Återvändare").exists());
    assert!(!run.out.join("nyheter/2020-05-01-varnyhet").exists());
}

#[test]
fn language_defaults_to_swedish() {
    let site = fixture("minimal");
    let run = site.build_ok(&[]);
    run.assert_contains("index.html", r#"<html lang="sv">"#);
    run.assert_contains("sida/index.html", r#"<html lang="sv">"#);
}

#[test]
fn rebuild_replaces_the_whole_output() {
    let site = fixture("basic");
    site.build_ok(&[]);
    site.remove("content/guider/tredje.md");
    let run = site.build_ok(&[]);
    run.assert_no_file("guider/tredje/index.html");
    run.assert_contains(
        "guider/andra/index.html",
        r#"<a href="../../guider/diagram/index.html" rel="next">"#,
    );
    let leftovers: Vec<_> = std::fs::read_dir(&site.root)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        // The image cache (.lots-cache) stays on purpose; staging folders must not.
        .filter(|n| n.starts_with(".lots-staging-") || n.starts_with(".lots-old-"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "staging folders left behind: {leftovers:?}"
    );
}

#[test]
fn build_is_deterministic() {
    let site = fixture("basic");
    let first = site.build_ok(&["--output", site.beside("ett").to_str().unwrap()]);
    let second = site.build_ok(&["--output", site.beside("tva").to_str().unwrap()]);
    assert!(
        snapshot(&first.out) == snapshot(&second.out),
        "two builds of the same site differ"
    );
}

#[test]
fn the_example_site_in_the_repository_builds() {
    let (_tmp, run) = common::build_example_site(&[]);
    run.assert_file("index.html");
    run.assert_file("sitemap.xml");
    run.assert_file(".lots-build");
}

/// The site a build replaces waits beside the output for the next build, which writes its own
/// site into it (recycled_output.rs): one `.lots-previous-*` folder at most, never the live
/// site.
#[test]
fn the_replaced_site_is_taken_by_the_next_build() {
    let site = fixture("basic");
    let previous = || -> Vec<String> {
        std::fs::read_dir(&site.root)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".lots-previous-"))
            .collect()
    };
    site.build_ok(&[]);
    assert_eq!(
        previous(),
        Vec::<String>::new(),
        "a first build replaces nothing"
    );
    site.write(
        "content/guider/ny.md",
        "---\ntitle: \"Ny\"\n---\nNy sida.\n",
    );
    site.build_ok(&[]);
    let second = previous();
    assert_eq!(second.len(), 1, "{second:?}");
    let kept = site.root.join(&second[0]);
    assert!(kept.join(".lots-build").is_file() && !kept.join("guider/ny/index.html").exists());
    site.build_ok(&[]).assert_file("guider/ny/index.html");
    let third = previous();
    assert_eq!(third.len(), 1, "{third:?}");
    assert_ne!(third, second, "the earlier replaced site is taken");
}

/// A rebuild links each file that did not change to the published one instead of writing it
/// again, and writes the others as files of their own: never through a link into the live
/// site, and never keeping a published file someone changed by hand.
#[cfg(unix)]
#[test]
fn a_rebuild_links_unchanged_files_and_writes_changed_ones() {
    use std::os::unix::fs::MetadataExt;
    let site = fixture("basic");
    let first = site.build_ok(&[]);
    let inode = |relative: &str| std::fs::metadata(first.file(relative)).unwrap().ino();
    let (kept, edited, by_hand) = (
        "nyheter/nyhet-1/index.html",
        "guider/tredje/index.html",
        "guider/forsta/index.html",
    );
    let before = [inode(kept), inode(edited), inode(by_hand)];
    // Files published as they are: an image and an attachment.
    let (image, attachment) = ("guider/diagram/diagram.png", "guider/diagram/bilaga.txt");
    let files_before = [inode(image), inode(attachment)];
    let original = first.read(by_hand);
    site.write(
        "content/guider/tredje.md",
        "---\ntitle: \"Tredje guiden\"\nweight: 3\n---\n\nDen ändrade guiden.\n",
    );
    site.write("content/guider/diagram/bilaga.txt", "En ny bilaga.\n");
    std::fs::write(first.file(by_hand), "ändrad för hand").unwrap();
    let second = site.build_ok(&[]);
    assert_eq!(
        inode(kept),
        before[0],
        "an unchanged page is linked, not written"
    );
    assert_ne!(inode(edited), before[1]);
    second.assert_contains(edited, "Den ändrade guiden.");
    assert_eq!(
        inode(image),
        files_before[0],
        "an unchanged image is linked, not copied again"
    );
    assert_ne!(inode(attachment), files_before[1]);
    assert_eq!(second.read(attachment), "En ny bilaga.\n");
    assert_ne!(inode(by_hand), before[2]);
    assert_eq!(second.read(by_hand), original);
    let replaced: Vec<_> = std::fs::read_dir(&site.root)
        .unwrap()
        .flatten()
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with(".lots-previous-")
        })
        .collect();
    let old = std::fs::read_to_string(replaced[0].path().join(edited)).unwrap();
    assert!(old.contains("Den tredje guiden.") && !old.contains("ändrade"));
}

/// The service worker lists every file of the output but itself and the marker, with a hash
/// of its bytes, in the order of the folder's names: the build lists what it wrote rather
/// than walking the folder, and a file it forgot would not be there offline.
#[test]
fn the_service_worker_lists_every_file_with_its_hash() {
    let site = fixture("basic");
    site.write("static/.htaccess", "Options -Indexes\n");
    let run = site.build_ok(&[]);
    let script = run.read("sw.js");
    let from = script.find("const FILES = ").unwrap() + "const FILES = ".len();
    let to = from + script[from..].find(";\n").unwrap();
    let listed: Vec<(String, String)> = serde_json::from_str(&script[from..to]).unwrap();
    let mut expected: Vec<String> = run
        .files()
        .into_iter()
        .filter(|f| f != "sw.js" && !f.split('/').any(|part| part.starts_with('.')))
        .collect();
    expected.sort_by(|a, b| a.split('/').cmp(b.split('/')));
    let names: Vec<String> = listed.iter().map(|(name, _)| name.clone()).collect();
    assert_eq!(names, expected);
    assert!(names.iter().any(|n| n.ends_with(".png")) && names.contains(&"a-o/index.html".into()));
    for (name, hash) in &listed {
        let bytes = std::fs::read(run.file(name)).unwrap();
        assert_eq!(hash, &blake3::hash(&bytes).to_hex()[..12], "{name}");
    }
}

/// A reader that stops reading (`lots build | head -1`) ends lots quietly once the site is in
/// place: no panic, no backtrace.
#[test]
fn a_closed_stdout_is_no_panic() {
    use std::process::{Command, Stdio};
    let site = fixture("minimal");
    let out = site.beside("ut");
    let mut child = Command::new(env!("CARGO_BIN_EXE_lots"))
        .args(["build", "--root"])
        .arg(&site.root)
        .arg("--output")
        .arg(&out)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start lots build");
    // Nobody reads what it prints.
    drop(child.stdout.take());
    let output = child.wait_with_output().expect("wait for lots build");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(out.join("index.html").is_file(), "the site is in place");
}
