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

/// Titles that differ only in what a slug drops (case, å ä ö, punctuation, spaces): as
/// `slug:` of two pages in one folder they claim one address, and the build says so.
fn colliding_titles() -> impl proptest::strategy::Strategy<Value = (String, String)> {
    use proptest::prelude::*;
    let words = proptest::collection::vec("[a-zåäö]{1,6}", 1..4);
    let joiner = prop::sample::select(vec![" ", " – ", "_", "! ", " & ", "  "]);
    (words, joiner).prop_map(|(words, joiner)| {
        let plain = words.join(" ");
        let shouted = words.join(joiner).to_uppercase();
        (plain, format!("{shouted}!"))
    })
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(6))]

    #[test]
    fn titles_that_slug_alike_are_reported_never_overwritten((a, b) in colliding_titles()) {
        let slug = lots::content::slugs::slugify(&a);
        proptest::prop_assume!(!slug.is_empty());
        proptest::prop_assert_eq!(&lots::content::slugs::slugify(&b), &slug);
        let site = fixture("minimal");
        site.write("content/x/_index.md", "---\ntitle: \"X\"\n---\n");
        site.write("content/x/a.md", format!("---\ntitle: \"A\"\nslug: \"{a}\"\n---\n"));
        site.write("content/x/b.md", format!("---\ntitle: \"B\"\nslug: \"{b}\"\n---\n"));
        let run = site.build(&[]);
        run.assert_content_error();
        let output = format!("x/{slug}/index.html");
        proptest::prop_assert!(run.stderr.contains(&output), "{} not named:\n{}", output, run.stderr);
    }
}
