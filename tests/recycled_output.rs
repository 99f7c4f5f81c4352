//! A rebuild writes its site into the site the build before it replaced (`.lots-previous-*`)
//! instead of an empty folder: what it finds there is kept only when it is the published
//! file itself, never written through, and what the new site does not have goes. Each test
//! compares the result byte for byte with a build into an empty folder.

mod common;

use std::path::{Path, PathBuf};

use common::{fixture, list_files, snapshot, Site};

const PAGE: &str = "content/guider/forsta.md";
const PAGE_OUT: &str = "guider/forsta/index.html";

/// The folders beside the output holding a replaced site.
fn replaced(site: &Site) -> Vec<PathBuf> {
    std::fs::read_dir(&site.root)
        .expect("read the site root")
        .flatten()
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with(".lots-previous-")
        })
        .map(|e| e.path())
        .collect()
}

/// Builds `site` into an empty folder beside it and insists that public/ is the same.
fn assert_same_as_a_fresh_build(site: &Site, label: &str) {
    let fresh = site.beside(&format!("fresh-{label}"));
    site.build_ok(&["--output", fresh.to_str().expect("UTF-8")]);
    let (public, fresh) = (snapshot(&site.public()), snapshot(&fresh));
    let names = |s: &[(String, Vec<u8>)]| s.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&public), names(&fresh), "{label}: the files differ");
    for ((name, a), (_, b)) in public.iter().zip(&fresh) {
        assert!(a == b, "{label}: {name} differs from a fresh build's");
    }
}

/// The `basic` fixture built twice: its output has a replaced site beside it.
fn built_twice() -> Site {
    let site = fixture("basic");
    site.build_ok(&[]);
    site.build_ok(&[]);
    site
}

/// An empty folder beside the site, for a link out of the output to point at.
fn outside(site: &Site) -> PathBuf {
    let outside = site.beside("utanfor");
    std::fs::create_dir_all(&outside).expect("mkdir");
    outside
}

fn edit(site: &Site, from: &str, to: &str) {
    let text = std::fs::read_to_string(site.path(PAGE)).expect("read the page");
    assert!(text.contains(from), "{PAGE} has no `{from}`");
    site.write(PAGE, text.replace(from, to));
}

#[cfg(unix)]
fn inode(path: &Path) -> u64 {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .ino()
}

/// The third build takes the first build's folder: its folders are the ones the site has
/// after it, an unchanged page is the same file throughout, and a page removed, a page added,
/// a page edited and a static file that became a folder come out as from an empty folder.
#[cfg(unix)]
#[test]
fn a_rebuild_writes_into_the_replaced_site_and_matches_a_fresh_build() {
    let site = fixture("basic");
    site.write("static/handbok", "en fil som blir en mapp");
    site.write("static/gammal/kvar.txt", "en mapp som blir en fil");
    site.build_ok(&[]);
    let folder = inode(&site.public().join("guider"));
    let unchanged = inode(&site.public().join("nyheter/nyhet-1/index.html"));
    edit(&site, "Han sa", "Hon sa");
    site.build_ok(&[]);
    assert_eq!(replaced(&site).len(), 1);
    site.remove("content/guider/tredje.md");
    site.write(
        "content/guider/ny.md",
        "---\ntitle: \"Ny\"\n---\nNy sida.\n",
    );
    site.remove("static/handbok");
    site.write("static/handbok/index.txt", "nu en mapp");
    std::fs::remove_dir_all(site.path("static/gammal")).expect("rm");
    site.write("static/gammal", "nu en fil");
    edit(&site, "Hon sa", "De sa");
    let run = site.build_ok(&[]);
    assert_eq!(
        inode(&site.public().join("guider")),
        folder,
        "the first build's folder is reused"
    );
    assert_eq!(
        inode(&site.public().join("nyheter/nyhet-1/index.html")),
        unchanged
    );
    run.assert_no_file("guider/tredje/index.html");
    run.assert_contains("guider/ny/index.html", "Ny sida.");
    run.assert_contains(PAGE_OUT, "De sa");
    assert_eq!(run.read("handbok/index.txt"), "nu en mapp");
    assert_eq!(run.read("gammal"), "nu en fil");
    assert_same_as_a_fresh_build(&site, "third");
}

/// A page edited before a rebuild is a new file: the published copy, which the replaced
/// site's file is a link to, keeps its bytes until the swap.
#[cfg(unix)]
#[test]
fn an_edited_page_is_never_written_through_the_link_to_the_published_one() {
    let site = built_twice();
    let published = site.public().join(PAGE_OUT);
    // Another name for the published file, to read it after the swap.
    let held = site.beside("held.html");
    std::fs::hard_link(&published, &held).expect("link");
    let before = std::fs::read_to_string(&held).expect("read");
    edit(&site, "Han sa", "Hon sa");
    site.build_ok(&[]).assert_contains(PAGE_OUT, "Hon sa");
    assert_eq!(std::fs::read_to_string(&held).expect("read"), before);
    assert_same_as_a_fresh_build(&site, "edited");
}

/// Links and files someone put into the published folder: the build that takes that folder
/// removes them, and writes nothing through a link to a folder outside.
#[cfg(unix)]
#[test]
fn links_and_files_put_into_the_published_site_are_removed_not_followed() {
    let site = built_twice();
    let outside = outside(&site);
    let public = site.public();
    std::fs::remove_dir_all(public.join("guider/andra")).expect("rm");
    std::os::unix::fs::symlink(&outside, public.join("guider/andra")).expect("link");
    std::os::unix::fs::symlink(&outside, public.join("ut")).expect("link");
    std::fs::write(public.join("lagd-for-hand.html"), "för hand").expect("write");
    // The next build replaces that folder; the one after it takes it.
    site.build_ok(&[]);
    let run = site.build_ok(&[]);
    assert_eq!(
        list_files(&outside),
        Vec::<String>::new(),
        "written outside"
    );
    assert!(!public.join("ut").exists() && !public.join("lagd-for-hand.html").exists());
    let andra = std::fs::symlink_metadata(public.join("guider/andra")).expect("there");
    assert!(andra.is_dir(), "guider/andra is a folder of its own");
    run.assert_file("guider/andra/index.html");
    assert_same_as_a_fresh_build(&site, "links");
}

/// A rebuild that fails while it writes into the replaced site leaves the published site as
/// it was and gives the folder back; the next build takes it and is right.
#[cfg(unix)]
#[test]
fn a_failed_rebuild_gives_the_replaced_site_back() {
    if !cfg!(debug_assertions) {
        eprintln!("skipped: the full-disk hook (LOTS_FAIL_WRITE_AFTER) is in debug builds only");
        return;
    }
    let site = built_twice();
    let before = snapshot(&site.public());
    edit(&site, "Han sa", "Hon sa");
    let run = site.build_with_env(&[("LOTS_FAIL_WRITE_AFTER", "8")]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(snapshot(&site.public()) == before, "public/ changed");
    assert_eq!(replaced(&site).len(), 1, "the replaced site is given back");
    site.build_ok(&[]).assert_contains(PAGE_OUT, "Hon sa");
    assert_same_as_a_fresh_build(&site, "after-failure");
}

/// A killed build's staging folder, half written, with a link out of it: the next build takes
/// it as a replaced site, and trusts nothing in it.
#[cfg(unix)]
#[test]
fn a_killed_builds_folder_is_taken_by_the_next_build() {
    let site = fixture("basic");
    site.build_ok(&[]);
    assert_eq!(replaced(&site), Vec::<PathBuf>::new());
    let killed = site.path(".lots-staging-dodad");
    let outside = outside(&site);
    std::fs::create_dir_all(killed.join("guider/forsta")).expect("mkdir");
    std::fs::write(killed.join(PAGE_OUT), "<!DOCTYPE html><p>halvt skr").expect("write");
    std::os::unix::fs::symlink(&outside, killed.join("nyheter")).expect("link");
    let folder = inode(&killed.join("guider"));
    edit(&site, "Han sa", "Hon sa");
    let run = site.build_ok(&[]);
    assert!(!killed.exists());
    assert_eq!(inode(&site.public().join("guider")), folder, "taken");
    assert_eq!(
        list_files(&outside),
        Vec::<String>::new(),
        "written outside"
    );
    run.assert_contains(PAGE_OUT, "Hon sa");
    assert_same_as_a_fresh_build(&site, "killed");
}

/// A preview with `--drafts` and then a real build into the same output: the draft is in the
/// folder the real builds reuse, and never reaches the site they publish.
#[test]
fn a_draft_in_the_reused_folder_is_never_published() {
    let site = fixture("basic");
    site.build_ok(&["--drafts"])
        .assert_file("guider/utkast/index.html");
    site.build_ok(&["--drafts"]);
    site.build_ok(&[])
        .assert_no_file("guider/utkast/index.html");
    let run = site.build_ok(&[]);
    run.assert_no_file("guider/utkast/index.html");
    assert!(!run.read("sw.js").contains("utkast"));
    assert_same_as_a_fresh_build(&site, "drafts");
}
