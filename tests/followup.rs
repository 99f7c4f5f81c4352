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

const T1: &str = "content/uppfoljningar/norr-2020-t1.md";
const T2: &str = "content/uppfoljningar/norr-2020-t2.md";

#[test]
fn the_plan_page_shows_each_activitys_latest_status_and_a_summary_line() {
    let site = fixture("followup");
    let run = site.build_ok(&["--today", "2020-10-15"]);
    let page = run.read("handlingsplaner/norr-2020/index.html");
    assert!(
        page.contains("<strong>2 av 4 aktiviteter genomförda, T2 2020</strong>"),
        "no summary line:\n{page}"
    );
    assert!(
        page.contains("<td class=\"status status--installd\">Inställd <span class=\"status__period\">(T2 2020)</span></td>\n          <td>Polisen omorganiseras</td>"),
        "no latest status and comment:\n{page}"
    );
    assert!(page.contains("Uppföljningen är exempeldata"), "{page}");
    let report = run.read("uppfoljningar/norr-2020-t2/index.html");
    assert!(
        report.contains("76 av 1000 medarbetare har gått stadens webbutbildning (7,6 %)"),
        "{report}"
    );
}

#[test]
fn a_newer_period_without_an_activity_keeps_its_older_status_and_says_from_when() {
    let site = fixture("followup");
    replaced(&site, T2, "  - id: stod\n    status: pagar\n", "");
    let run = site.build_ok(&["--today", "2020-10-15"]);
    assert!(
        run.stderr
            .contains("the report leaves out the activities stod of handlingsplaner/norr-2020.md"),
        "no warning for the left-out activity:\n{}",
        run.stderr
    );
    let page = run.read("handlingsplaner/norr-2020/index.html");
    assert!(
        page.contains("status--pagar\">Pågår <span class=\"status__period\">(T1 2020)</span>"),
        "{page}"
    );
}

#[test]
fn the_csv_files_hold_the_latest_status_and_every_report_row() {
    let site = fixture("followup");
    let run = site.build_ok(&[]);
    let csv = run.read("handlingsplaner/aktiviteter.csv");
    let lines: Vec<&str> = csv
        .trim_start_matches('\u{feff}')
        .split_terminator("\r\n")
        .collect();
    assert_eq!(
        lines,
        [
            "nämnd;år;dnr;aktivitet;ansvarig;tidplan;uppföljning;åtgärdsområde;status;kommentar;period",
            "Norra nämnden;2020;;Skolprogram i alla skolor;Skolan;2020;T1;Allmänna insatser;Genomförd;\"Alla skolor; klart i juni\";T2 2020",
            "Norra nämnden;2020;;Webbkursen för alla medarbetare;HR;2020;T2;Allmänna insatser;Genomförd;;T2 2020",
            "Norra nämnden;2020;;Samverkan med polisen;Samordnaren;2020;VB;Riktade insatser;Inställd;Polisen omorganiseras;T2 2020",
            "Norra nämnden;2020;;Stöd till enskilda;Socialtjänsten;2020;VB;Individinriktade insatser;Pågår;;T2 2020",
        ]
    );
    let csv = run.read("handlingsplaner/uppfoljning.csv");
    let lines: Vec<&str> = csv
        .trim_start_matches('\u{feff}')
        .split_terminator("\r\n")
        .collect();
    assert_eq!(lines.len(), 1 + 8, "{csv}");
    assert_eq!(
        lines[0],
        "plan;nämnd;period;aktivitetens id;aktivitet;status;kommentar"
    );
    assert_eq!(
        lines[3],
        "Norra nämndens plan 2020;Norra nämnden;T1 2020;samverkan;Samverkan med polisen;Pågår;Första mötet hölls i mars"
    );
    assert_eq!(
        lines[5],
        "Norra nämndens plan 2020;Norra nämnden;T2 2020;skola;Skolprogram i alla skolor;Genomförd;\"Alla skolor; klart i juni\""
    );
}

#[test]
fn bad_reports_are_refused_each_at_its_position() {
    let site = fixture("followup");
    // An unknown plan.
    site.write(
        "content/uppfoljningar/okand.md",
        "---\ntitle: \"Okänd\"\nplan: \"@/handlingsplaner/finns-inte.md\"\nperiod: T1\nar: 2020\n---\n",
    );
    // An id the plan does not have, and an unknown status.
    replaced(
        &site,
        T1,
        "  - id: stod\n    status: pagar",
        "  - id: stodet\n    status: pagar\n  - id: stod\n    status: klar",
    );
    // A second report for the same plan and period.
    site.write(
        "content/uppfoljningar/norr-2020-t2b.md",
        "---\ntitle: \"Igen\"\nplan: \"@/handlingsplaner/norr-2020.md\"\nperiod: T2\nar: 2020\n---\n",
    );
    let run = site.build(&[]);
    run.assert_content_error();
    run.assert_error_at(
        &site.shown("content/uppfoljningar/okand.md"),
        3,
        7,
        "`plan: @/handlingsplaner/finns-inte.md` is not an action plan",
        "plan: \"@/handlingsplaner/finns-inte.md\"",
    );
    run.assert_error_at(
        &site.shown(T1),
        16,
        9,
        "`id: stodet` is not an activity of handlingsplaner/norr-2020.md; its ids are skola, webbkurs, samverkan, stod",
        "  - id: stodet",
    );
    run.assert_error_at(
        &site.shown(T1),
        19,
        13,
        "`status: klar` is not one of genomford, pagar, ej_paborjad, installd",
        "    status: klar",
    );
    run.assert_error_at(
        &site.shown("content/uppfoljningar/norr-2020-t2b.md"),
        4,
        9,
        "there is a report for this plan and period already (content/uppfoljningar/norr-2020-t2.md)",
        "period: T2",
    );
    assert!(!run.out.exists(), "a refused build wrote its output");
}

#[test]
fn a_report_of_an_unapproved_plan_is_published_nowhere() {
    let site = fixture("followup");
    let run = site.build_ok(&[]);
    let mut leaked = Vec::new();
    for file in run.files() {
        let bytes = std::fs::read(run.file(&file)).expect("read output");
        let text = String::from_utf8_lossy(&bytes);
        for marker in [
            "zqxrapportx",
            "zqxkommentarx",
            "zqxutkastx",
            "utkast-2020-t1",
        ] {
            if text.contains(marker) {
                leaked.push(format!("{file}: {marker}"));
            }
        }
    }
    assert!(leaked.is_empty(), "leaked: {leaked:?}");
    assert!(run
        .files()
        .iter()
        .any(|f| f.starts_with("uppfoljningar/norr-2020-t1/")));
    assert!(
        run.read("sw.js").contains("uppfoljningar/norr-2020-t1/"),
        "the approved plan's report is not in sw.js"
    );
    // With --drafts the plan and its report are in.
    let run = site.build_ok(&["--drafts"]);
    assert!(run
        .read("handlingsplaner/uppfoljning.csv")
        .contains("zqxkommentarx"));
}
