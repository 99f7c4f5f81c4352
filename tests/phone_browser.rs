//! The example site on a 390×844 phone in a real browser (tests/browser/phone.mjs): the
//! routine's first step on the first screen and 112 a `tel:` link in it; the header at most a
//! fifth of the screen with the routine link and search visible; the menu opening with and
//! without JavaScript; every visible link and button of the start page, the routine, a
//! symbol, the coordinator list and a lecture at least 24 px each way (WCAG 2.5.8); the
//! coordinator list's jump list; a checklist item ticked, labelled, and still ticked after a
//! reload; axe-core's WCAG 2.1 A/AA rules with the menu open (light and dark), the jump list
//! open and the checklist enhanced.
//!
//! Needs `npm ci` (playwright-core in node_modules/) and `apt-get install -y chromium`.

mod common;

#[test]
fn the_example_site_works_on_a_390_px_phone() {
    let (out, build) = common::build_example_site(&[]);
    build.assert_success();
    let report = common::run_node("tests/browser/phone.mjs", &[out.path().join("public")]);
    assert!(
        report.contains("ok the menu opens and closes without JavaScript"),
        "{report}"
    );
}

/// The routine (collections/rutin.html) puts its steps before the facts and the review
/// notice; other guidance (collections/vagledning.html) keeps the facts first.
#[test]
fn the_routine_puts_its_steps_first_and_other_guidance_its_facts() {
    let (_out, build) = common::build_example_site(&[]);
    let routine = build.read("rutiner/rutin-vid-oro-eller-handelse/index.html");
    let at = |html: &str, needle: &str| {
        html.find(needle)
            .unwrap_or_else(|| panic!("no `{needle}` in:\n{html}"))
    };
    assert!(at(&routine, "id=\"steg-for-steg\"") < at(&routine, "<dl class=\"facts\">"));
    assert!(
        at(&routine, "id=\"steg-for-steg\"")
            < at(&routine, "id=\"lots-about\"").min(at(&routine, "notice--warning"))
    );
    assert!(
        at(&routine, "<details class=\"toc toc--folded\">") < at(&routine, "id=\"steg-for-steg\"")
    );
    let guidance = build.read("vagledningar/atervandare/index.html");
    assert!(at(&guidance, "class=\"facts-box\"") < at(&guidance, "<div class=\"content\">"));
    assert!(at(&guidance, "<nav class=\"toc\"") < at(&guidance, "<div class=\"content\">"));
}
