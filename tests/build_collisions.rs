//! No two things may write the same output file: pages, sections, aliases and the pages lots
//! generates itself (taxonomy lists, pager pages, 404.html).

mod common;

use common::fixture;

#[test]
fn two_files_writing_the_same_page_is_an_error() {
    let site = fixture("minimal");
    site.write(
        "content/annan.md",
        "---\ntitle: \"Annan\"\nslug: sida\n---\n",
    );
    let run = site.build(&[]);
    run.assert_content_error();
    assert!(
        run.stderr.contains("sida/index.html"),
        "stderr:\n{}",
        run.stderr
    );
}

#[test]
fn alias_taken_by_a_page_is_an_error() {
    let site = fixture("minimal");
    site.write(
        "content/annan.md",
        "---\ntitle: \"Annan\"\naliases: [\"/sida/\"]\n---\n",
    );
    let run = site.build(&[]);
    run.assert_content_error();
    run.assert_error_names(&site.shown("content/annan.md"), "sida/index.html");
}

/// An alias must not silently replace a page lots generates (taxonomy list, pager, 404).
#[test]
fn alias_over_a_generated_page_is_an_error() {
    for alias in ["/tags/", "/nyheter/page/2/", "/404.html"] {
        let site = fixture("basic");
        site.write(
            "content/flyttad.md",
            format!("---\ntitle: \"Flyttad\"\naliases: [\"{alias}\"]\n---\n"),
        );
        let run = site.build(&[]);
        assert_eq!(
            run.code, 1,
            "alias {alias} replaced a generated page without an error; stderr:\n{}",
            run.stderr
        );
        run.assert_error_names(&site.shown("content/flyttad.md"), "alias");
    }
}

/// A page must not share its output file with a taxonomy page or a pager page.
#[test]
fn page_at_a_generated_address_is_an_error() {
    for (file, output) in [
        ("content/tags.md", "tags/index.html"),
        ("content/nyheter/page/2.md", "nyheter/page/2/index.html"),
    ] {
        let site = fixture("basic");
        site.write(file, "---\ntitle: \"Krock\"\n---\n");
        let run = site.build(&[]);
        assert_eq!(
            run.code, 1,
            "{file} and a generated page both write {output}; stderr:\n{}",
            run.stderr
        );
        assert!(
            run.stderr.contains(output),
            "the error should name {output}:\n{}",
            run.stderr
        );
    }
}
