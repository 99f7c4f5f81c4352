//! Follow-up of the action plans: activity ids, the `uppfoljningar` reports, what the plan
//! pages, the consolidated page and the CSV files show of them, and what is refused.

mod common;

use common::fixture;

const PLAN: &str = "content/handlingsplaner/norr-2020.md";

fn replaced(site: &common::Site, path: &str, from: &str, to: &str) {
    let text = std::fs::read_to_string(site.path(path)).expect("read fixture file");
    assert!(text.contains(from), "`{from}` not in {path}");
    site.write(path, text.replacen(from, to, 1));
}

#[test]
fn a_missing_or_repeated_activity_id_is_refused_with_its_position() {
    let site = fixture("followup");
    replaced(
        &site,
        PLAN,
        "  - id: stod\n    aktivitet:",
        "  - aktivitet:",
    );
    replaced(&site, PLAN, "id: samverkan", "id: skola");
    let run = site.build(&[]);
    run.assert_content_error();
    let plan = site.shown(PLAN);
    run.assert_error_at(
        &plan,
        22,
        9,
        "`id: skola` is used twice in `aktiviteter` (first on line 10)",
        "  - id: skola",
    );
    run.assert_error_at(
        &plan,
        28,
        5,
        "`id` is required for each record of `aktiviteter`",
        "  - aktivitet: \"Stöd till enskilda\"",
    );
}
