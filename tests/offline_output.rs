//! Safe to publish: nothing unapproved leaks into any file of the output, the search index, the
//! sitemap, the service worker's list, the CSV export or the bundle; `lots bundle` writes the
//! built site as one zip; a build that fails or is killed half-way leaves the previous output
//! exactly as it was, and the staging folders of killed builds are removed once they are old.

mod common;

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{fixture, list_files, snapshot, Site};

/// Every marker word (`zqx…x`) written in the fixture's content: each is a secret.
fn markers(site: &Site) -> Vec<String> {
    let mut found = Vec::new();
    for file in list_files(&site.path("content")) {
        let text = fs::read_to_string(site.path("content").join(&file)).unwrap_or_default();
        for word in text.split(|c: char| !c.is_ascii_alphanumeric()) {
            let word = word.to_ascii_lowercase();
            if word.starts_with("zqx") && word.ends_with('x') && !found.contains(&word) {
                found.push(word);
            }
        }
    }
    found.sort();
    found
}

/// Editor and system junk beside published pages, each with a marker of its own. Written by
/// the test rather than kept in the fixture, since version control often ignores such files.
const JUNK: &[(&str, &str)] = &[
    ("content/vagledningar/publicerad.md~", "zqxskrapbackupx"),
    ("content/vagledningar/.publicerad.md.swp", "zqxskrapswapx"),
    ("content/vagledningar/publicerad.swp", "zqxskrapswaptvax"),
    ("content/vagledningar/.DS_Store", "zqxskrapdsstorex"),
    ("content/vagledningar/Thumbs.db", "zqxskrapthumbsx"),
    ("content/vagledningar/~$dokument.docx", "zqxskrapofficex"),
    ("content/vagledningar/#publicerad.md#", "zqxskrapemacsx"),
    ("content/vagledningar/oppen/bilaga.txt~", "zqxskrapbilagax"),
    ("content/handlingsplaner/.~lock.plan.odt#", "zqxskraplockx"),
];

/// Where each marker occurs in a set of named texts (file paths count too).
fn occurrences(texts: &[(String, Vec<u8>)], marker: &str) -> Vec<String> {
    texts
        .iter()
        .filter(|(name, bytes)| {
            name.to_ascii_lowercase().contains(marker)
                || String::from_utf8_lossy(bytes)
                    .to_ascii_lowercase()
                    .contains(marker)
        })
        .map(|(name, _)| name.clone())
        .collect()
}

/// Every entry of a zip, by name, decompressed; and the zip's raw bytes under its own name.
fn zip_texts(zip: &Path) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(fs::File::open(zip).unwrap()).expect("a valid zip");
    let mut texts = Vec::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        let name = entry.name().expect("a UTF-8 entry name").to_string();
        texts.push((format!("zip:{name}"), bytes));
    }
    texts.push(("zip itself".into(), fs::read(zip).unwrap()));
    texts
}

fn bundle(site: &Site, zip: &Path) -> common::Run {
    common::run_lots(
        &[
            "bundle".into(),
            "--root".into(),
            site.root.display().to_string(),
            "--output".into(),
            zip.display().to_string(),
        ],
        &site.root,
        zip.to_path_buf(),
    )
}

#[test]
fn drafts_and_unapproved_plans_never_reach_any_output() {
    let site = fixture("leaks");
    let secrets = markers(&site);
    for (path, marker) in JUNK {
        site.write(path, format!("---\ntitle: {marker}\n---\n{marker}\n"));
    }
    assert!(secrets.len() >= 25, "{secrets:?}");

    let run = site.build_ok(&[]);
    let output = snapshot(&run.out);
    let zip = site.beside("bundle.zip");
    bundle(&site, &zip).assert_success();
    let mut everything = output.clone();
    everything.extend(zip_texts(&zip));
    for marker in secrets
        .iter()
        .map(String::as_str)
        .chain(JUNK.iter().map(|j| j.1))
    {
        let found = occurrences(&everything, marker);
        assert!(found.is_empty(), "`{marker}` leaked into {found:?}");
    }
    assert!(!run.stdout.contains("zqx") && !run.stderr.contains("zqx"));

    // The same channels do carry what is published, so the search above can find things.
    let read = |name: &str| {
        let (_, bytes) = output
            .iter()
            .find(|(n, _)| n == name)
            .unwrap_or_else(|| panic!("no {name} in {:?}", list_files(&run.out)));
        String::from_utf8_lossy(bytes).to_ascii_lowercase()
    };
    let shards: Vec<_> = output
        .iter()
        .filter(|(n, _)| n.starts_with("search/") && n.ends_with(".js"))
        .cloned()
        .collect();
    assert!(!occurrences(&shards, "godkandtextx").is_empty());
    assert!(read("sitemap.xml").contains("godkand-2021"));
    assert!(read("sw.js").contains("handlingsplaner/godkand-2021/index.html"));
    assert!(read("sw.js").contains("handlingsplaner/oppen-bilaga.txt"));
    assert!(read("handlingsplaner/aktiviteter.csv").contains("godkandaktivitetx"));
    assert!(read("vagledningar/oppen/bilaga.txt").contains("ppen bilaga"));
    assert!(!occurrences(&zip_texts(&zip), "godkandbilagax").is_empty());

    // With --drafts every secret is published (the test can fail), but junk never is.
    let drafts = site.build_ok(&[
        "--output",
        &site.beside("drafts").display().to_string(),
        "--drafts",
    ]);
    let with_drafts = snapshot(&drafts.out);
    for marker in &secrets {
        assert!(
            !occurrences(&with_drafts, marker).is_empty(),
            "`{marker}` is not published even with --drafts"
        );
    }
    for (_, marker) in JUNK {
        let found = occurrences(&with_drafts, marker);
        assert!(found.is_empty(), "junk `{marker}` was published: {found:?}");
    }
    let channel = |name: &str, marker: &str| {
        let texts: Vec<_> = with_drafts
            .iter()
            .filter(|(n, _)| n.starts_with(name))
            .cloned()
            .collect();
        assert!(
            !occurrences(&texts, marker).is_empty(),
            "with --drafts, `{marker}` is not in {name}"
        );
    };
    channel("search/", "zqxplantextx");
    channel("search/", "zqxutkasttextx");
    channel("search/", "zqxsektionsidtextx");
    channel("sitemap.xml", "zqxplanslugx");
    channel("sw.js", "zqxplanslugx");
    channel("sw.js", "zqxplanbilaga.txt");
    channel("handlingsplaner/aktiviteter.csv", "zqxplanaktivitetx");
    channel("handlingsplaner/aktiviteter.csv", "zqxbeslutadaktivitetx");
}

#[test]
fn a_bundle_that_cannot_be_written_says_where_and_why() {
    let site = fixture("leaks");
    // The zip's folder would have to be where a file is.
    let blocker = site.beside("en-fil");
    std::fs::write(&blocker, "inte en mapp").expect("write the blocking file");
    let zip = blocker.join("möte.zip");
    let run = bundle(&site, &zip);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains(&format!("kan inte skriva {}: ", zip.display())),
        "{}",
        run.stderr
    );
    assert!(!zip.exists());
}

#[test]
fn bundle_is_the_built_site_in_one_zip() {
    let site = fixture("leaks");
    let zip = site.beside("möte.zip");
    let run = bundle(&site, &zip);
    run.assert_success();
    // Said in the site's language (Swedish), with the folder to open.
    assert!(
        run.stdout.contains("öppna lackagetest/index.html"),
        "{}",
        run.stdout
    );
    assert!(!site.public().exists(), "bundle must not touch public/");
    let built = site.build_ok(&["--output", &site.beside("built").display().to_string()]);
    let expected: Vec<(String, Vec<u8>)> = snapshot(&built.out)
        .into_iter()
        .filter(|(name, _)| !name.starts_with('.'))
        .map(|(name, bytes)| (format!("zip:lackagetest/{name}"), bytes))
        .collect();
    let mut entries = zip_texts(&zip);
    entries.pop();
    entries.sort();
    let names = |v: &[(String, Vec<u8>)]| v.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&entries), names(&expected));
    for ((name, got), (_, want)) in entries.iter().zip(&expected) {
        assert!(got == want, "{name} differs from the built site's");
    }

    // Without --output the zip is named after the site, in the site folder.
    bundle_default(&site).assert_success();
    assert!(site.path("lackagetest.zip").is_file());

    // A site with errors gives no zip, and an old zip stays as it was.
    let before = fs::read(&zip).unwrap();
    site.write("content/vagledningar/trasig.md", "---\ntitle: [\n---\n");
    let failed = bundle(&site, &zip);
    failed.assert_content_error();
    assert_eq!(fs::read(&zip).unwrap(), before);
    let leftovers: Vec<String> = fs::read_dir(zip.parent().unwrap())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".lots-bundle-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

fn bundle_default(site: &Site) -> common::Run {
    common::run_lots(
        &[
            "bundle".into(),
            "--root".into(),
            site.root.display().to_string(),
        ],
        &site.root,
        site.root.clone(),
    )
}

/// A site big enough that a build takes a few seconds: `pages` pages of text in 20 sections.
fn big_site(pages: usize) -> Site {
    let site = fixture("minimal");
    for s in 0..20 {
        site.write(
            &format!("content/del-{s}/_index.md"),
            format!("---\ntitle: \"Del {s}\"\n---\nAvsnitt {s}.\n"),
        );
        for p in 0..pages / 20 {
            let mut body = String::new();
            for k in 0..5 {
                body.push_str(&format!(
                    "## Rubrik {k}\n\nStycke {k} om våldsbejakande extremism, sida {p} i del {s}. {}\n\n",
                    "Mer text om stadens arbete. ".repeat(30)
                ));
            }
            site.write(
                &format!("content/del-{s}/sida-{p}.md"),
                format!("---\ntitle: \"Sida {p} i del {s}\"\n---\n{body}"),
            );
        }
    }
    site
}

fn staging_folders(dir: &Path) -> Vec<PathBuf> {
    fs::read_dir(dir)
        .unwrap()
        .flatten()
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with(".lots-staging-") || name.starts_with(".lots-old-")
        })
        .map(|e| e.path())
        .collect()
}

fn file_count(dir: &Path) -> usize {
    list_files(dir).len()
}

#[test]
fn a_build_killed_half_way_leaves_the_previous_output_untouched() {
    let site = big_site(1500);
    let first = site.build_ok(&[]);
    let before = snapshot(&first.out);
    assert!(before.len() > 1500);

    // Change every page, start a build, and kill it once it is writing its staging folder.
    site.write(
        "content/_index.md",
        "---\ntitle: \"Ny start\"\n---\nNy text.\n",
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_lots"))
        .args(["build", "--root"])
        .arg(&site.root)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start lots build");
    let started = Instant::now();
    let killed_at = loop {
        let written = staging_folders(&site.root)
            .iter()
            .map(|d| file_count(d))
            .max()
            .unwrap_or(0);
        if written >= 50 {
            break written;
        }
        assert!(
            child.try_wait().unwrap().is_none(),
            "the build ended before it could be killed; make the site bigger"
        );
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "no staging folder appeared"
        );
        std::thread::sleep(Duration::from_millis(2));
    };
    child.kill().unwrap(); // SIGKILL: no clean-up runs
    child.wait().unwrap();
    println!("killed after {killed_at} files were staged");
    assert!(
        snapshot(&site.public()) == before,
        "the killed build changed public/"
    );
    let stale = staging_folders(&site.root);
    assert_eq!(stale.len(), 1, "the killed build's staging folder is left");

    // A killed build's lock on its staging folder died with it, so the next build knows the
    // folder is nobody's and removes it (a running build's folder stays locked: faults.rs).
    let next = site.build_ok(&[]);
    next.assert_contains("index.html", "Ny text.");
    assert!(
        !stale[0].exists(),
        "the killed build's staging folder is removed"
    );
    assert!(!next.files().iter().any(|f| f.contains(".lots-staging")));
    assert!(snapshot(&site.public()).len() == before.len());
    assert_eq!(staging_folders(&site.root), Vec::<PathBuf>::new());
}

#[test]
fn a_build_failing_while_rendering_leaves_the_previous_output_untouched() {
    let site = big_site(400);
    site.build_ok(&[]);
    let before = snapshot(&site.public());
    // Every page renders but one, deep inside the parallel rendering.
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}{% if page.title == \"Sida 17 i del 13\" %}{{ page.finns_inte.alls }}{% endif %}{{ page.content | safe }}{% endblock content %}\n",
    );
    site.write(
        "content/_index.md",
        "---\ntitle: \"Ny start\"\n---\nNy text.\n",
    );
    let run = site.build(&[]);
    run.assert_content_error();
    assert!(run.stderr.contains("page.html"), "{}", run.stderr);
    assert!(
        snapshot(&site.public()) == before,
        "a failed build changed public/"
    );
    assert_eq!(staging_folders(&site.root), Vec::<PathBuf>::new());
    site.remove("templates/page.html");
    site.build_ok(&[]).assert_contains("index.html", "Ny text.");
}
