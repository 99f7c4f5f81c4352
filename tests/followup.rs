//! Follow-up of the action plans: activity ids, the `uppfoljningar` reports, what the plan
//! pages, the consolidated page and the CSV files show of them, and what is refused.

mod common;

use common::fixture;
use common::xml::figure;

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
        "`id: skola` finns två gånger i `aktiviteter` (första gången på rad 10)",
        "  - id: skola",
    );
    run.assert_error_at(
        &plan,
        28,
        5,
        "`id` måste fyllas i för varje rad i `aktiviteter`",
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
        page.contains("<td class=\"status status--installd\">Inställd <span class=\"status__period\">(T2 2020)</span></td>\n<td>Polisen omorganiseras</td>"),
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
        "`status: klar` är inte ett av de tillåtna värdena: genomford, pagar, ej_paborjad, installd",
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

/// The cells of the analysis row for an action area (`alla` for the plan's total), as
/// `status → text`.
fn analysis_row(page: &str, area: &str) -> Vec<(String, String)> {
    let start = page
        .find(&format!("data-area=\"{area}\""))
        .unwrap_or_else(|| panic!("no analysis row for {area}:\n{page}"));
    let row = &page[start..start + page[start..].find("</tr>").expect("row end")];
    row.split("data-status=\"")
        .skip(1)
        .map(|cell| {
            let (status, rest) = cell.split_once("\">").expect("cell");
            let text = rest.split("</td>").next().unwrap_or("");
            let text = text
                .replace("<span class=\"change\">", "")
                .replace("</span>", "");
            (status.to_string(), text.trim().to_string())
        })
        .collect()
}

#[test]
fn the_consolidated_page_counts_statuses_by_area_with_the_change_since_the_previous_period() {
    let site = fixture("followup");
    let run = site.build_ok(&["--today", "2021-01-15"]);
    let page = run.read("handlingsplaner/index.html");
    let cells = |area| analysis_row(&page, area);
    let expect = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    };
    assert_eq!(
        cells("allmanna"),
        expect(&[
            ("genomford", "2 (+2)"),
            ("pagar", "0 (−1)"),
            ("ej_paborjad", "0 (−1)"),
            ("installd", "0 (±0)"),
            ("saknas", "0 (±0)"),
            ("share", "100 %"),
        ])
    );
    assert_eq!(
        cells("alla"),
        expect(&[
            ("genomford", "2 (+2)"),
            ("pagar", "1 (−2)"),
            ("ej_paborjad", "0 (−1)"),
            ("installd", "1 (+1)"),
            ("saknas", "0 (±0)"),
            ("share", "50 %"),
        ])
    );
    assert!(page.contains("<span class=\"period\">T2 2020</span> <span class=\"change-base\">(jämfört med T1 2020)</span>"));
    assert!(
        page.contains(
            "<td class=\"num\">76</td>\n<td class=\"num\">1000</td>\n<td class=\"num\">7,6 %</td>"
        ),
        "no training share:\n{page}"
    );
    // VB 2020 is due on 30 January 2021 (31 December plus 30 days of grace): not yet.
    assert!(page.contains("Ingen uppföljningsrapport saknas."), "{page}");
    assert!(!page.contains("missing-report"));
}

#[test]
fn a_report_due_and_missing_is_flagged_on_the_consolidated_page() {
    let site = fixture("followup");
    let run = site.build_ok(&["--today", "2021-02-15"]);
    let page = run.read("handlingsplaner/index.html");
    assert!(
        page.contains("<td>VB 2020 <strong class=\"flag flag--overdue\">Rapport saknas</strong></td>\n<td><time datetime=\"2021-01-30\">30 januari 2021</time></td>\n<td class=\"num\">16</td>"),
        "no missing VB report:\n{page}"
    );
    assert_eq!(common::count(&page, "missing-report"), 1, "{page}");
    // The same report is a finding of `lots check` and a row of "Att se över".
    let review = run.read("att-se-over/index.html");
    assert!(
        review.contains("<td>Uppföljningsrapport VB 2020</td>"),
        "{review}"
    );
    let check = common::run_lots(
        &[
            "check".into(),
            "--root".into(),
            site.root.display().to_string(),
            "--today".into(),
            "2021-02-15".into(),
            "--format".into(),
            "json".into(),
        ],
        &site.root,
        std::path::PathBuf::new(),
    );
    let report: serde_json::Value = serde_json::from_str(&check.stdout).expect("JSON");
    let missing: Vec<&serde_json::Value> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["code"] == "freshness.followup_missing")
        .collect();
    assert_eq!(missing.len(), 1, "{}", check.stdout);
    assert!(
        missing[0]["file"].as_str().unwrap_or("").ends_with(PLAN),
        "{}",
        check.stdout
    );
    assert!(missing[0]["message"]
        .as_str()
        .unwrap_or("")
        .contains("VB 2020 was due 2021-01-30 (16 days ago)"));
    // The grace period is the collection's: with 60 days VB 2020 is due on 1 March.
    replaced(&site, "config.yaml", "grace_days: 30", "grace_days: 60");
    let run = site.build_ok(&["--today", "2021-02-15"]);
    assert!(!run
        .read("handlingsplaner/index.html")
        .contains("missing-report"));
    // Removing the T1 report makes T1 missing, with T2 the only period and no change shown.
    site.remove(T1);
    let run = site.build_ok(&["--today", "2021-02-15"]);
    let page = run.read("handlingsplaner/index.html");
    assert!(
        page.contains("<td>T1 2020 <strong class=\"flag flag--overdue\">Rapport saknas</strong>"),
        "{page}"
    );
    assert_eq!(
        analysis_row(&page, "alla")[0],
        ("genomford".into(), "2".into())
    );
}

#[test]
fn the_example_site_marks_its_reports_as_example_data_and_shows_the_audits_training_figures() {
    let (_tmp, run) = common::build_example_site(&["--today", "2020-12-01"]);
    let page = run.read("handlingsplaner/index.html");
    for (committee, share) in [
        ("Enskede-Årsta-Vantörs stadsdelsnämnd", "7,8 %"),
        ("Skärholmens stadsdelsnämnd", "9,4 %"),
        ("Spånga-Tensta stadsdelsnämnd", "7,6 %"),
    ] {
        let at = page
            .find(&format!("<th scope=\"row\">{committee}</th>"))
            .unwrap_or_else(|| panic!("no {committee}:\n{page}"));
        assert!(
            page[at..at + 300].contains(share),
            "{committee}: {}",
            &page[at..at + 300]
        );
    }
    assert!(page.contains("Uppföljningen är exempeldata"));
    let plan = run.read("handlingsplaner/socialnamnden-2020/index.html");
    assert!(
        plan.contains("8 av 23 aktiviteter genomförda, T2 2020"),
        "{plan}"
    );
    assert!(plan.contains("Uppföljningen är exempeldata"));
    assert!(run
        .read("uppfoljningar/alvsjo-2020-t2/index.html")
        .contains("Uppföljningen är exempeldata"));
}

#[test]
fn the_consolidated_page_draws_the_same_numbers_as_its_tables() {
    let site = fixture("followup");
    let run = site.build_ok(&["--today", "2021-01-15"]);
    let page = run.read("handlingsplaner/index.html");
    // The bars: one per committee, its segments as long as its counts (T2 2020: 2 genomförda,
    // 1 pågår, 1 inställd), on one scale, each labelled with its count.
    let bars = figure(&page, "lots-chart-committees");
    let rows = bars.find("g", "chart-row");
    assert_eq!(rows.len(), 1, "one approved plan");
    let segments: Vec<(String, f64)> = rows[0]
        .find("rect", "chart-seg")
        .iter()
        .map(|r| {
            (
                r.attr("data-value").unwrap_or("").to_string(),
                r.num("width"),
            )
        })
        .collect();
    let values: Vec<&str> = segments.iter().map(|s| s.0.as_str()).collect();
    assert_eq!(values, ["2", "1", "1"], "{segments:?}");
    let per_activity = segments[0].1 / 2.0;
    for (value, width) in &segments {
        let value: f64 = value.parse().unwrap();
        assert!((width - value * per_activity).abs() < 0.01, "{segments:?}");
    }
    let labels: Vec<String> = rows[0]
        .find("text", "chart-value")
        .iter()
        .map(|t| t.text())
        .collect();
    assert_eq!(labels, ["2", "1", "1"]);
    // The trend: each status's share of the plan's activities per period; a status no period
    // has (saknas) is left out.
    let trend = figure(&page, "lots-chart-trend");
    let series: Vec<Vec<String>> = trend
        .find("g", "chart-series")
        .iter()
        .map(|g| {
            g.find("g", "chart-point")
                .iter()
                .map(|p| p.attr("data-value").unwrap_or("").to_string())
                .collect()
        })
        .collect();
    assert_eq!(
        series,
        [["0", "50"], ["75", "25"], ["25", "0"], ["0", "25"]],
        "genomförd, pågår, ej påbörjad, inställd in T1 and T2 2020"
    );
}

/// The T2 report of the fixture with its front matter in TOML, as a Zola user writes it.
const T2_TOML: &str = "\
+++
title = \"Norra nämnden, uppföljning T2 2020\"
weight = 2
plan = \"@/handlingsplaner/norr-2020.md\"
period = \"T2\"
ar = 2020
exempeldata = true
deltagit = 76
medarbetare = 1000

[[aktiviteter]]
id = \"skola\"
status = \"genomford\"
kommentar = \"Alla skolor; klart i juni\"

[[aktiviteter]]
id = \"webbkurs\"
status = \"genomford\"

[[aktiviteter]]
id = \"samverkan\"
status = \"installd\"
kommentar = \"Polisen omorganiseras\"

[[aktiviteter]]
id = \"stod\"
status = \"pagar\"
+++

Rapport för T2.
";

/// Every file under `dir` with its bytes, by path.
fn output_files(dir: &std::path::Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut files = std::collections::BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).expect("read folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let name = path
                    .strip_prefix(dir)
                    .expect("inside")
                    .display()
                    .to_string();
                files.insert(name, std::fs::read(&path).expect("read file"));
            }
        }
    }
    files
}

#[test]
fn a_report_in_toml_gives_the_same_site_and_is_refused_at_its_place_in_the_toml() {
    let yaml = fixture("followup");
    let toml = fixture("followup");
    toml.write(T2, T2_TOML);
    let (from_yaml, from_toml) = (yaml.build_ok(&[]).out, toml.build_ok(&[]).out);
    let (from_yaml, from_toml) = (output_files(&from_yaml), output_files(&from_toml));
    assert_eq!(
        from_yaml.keys().collect::<Vec<_>>(),
        from_toml.keys().collect::<Vec<_>>()
    );
    for (name, bytes) in &from_yaml {
        assert!(*bytes == from_toml[name], "{name} differs");
    }
    // A follow-up problem found after loading points into the TOML.
    replaced(&toml, T2, "id = \"stod\"", "id = \"okand\"");
    let run = toml.build(&[]);
    run.assert_content_error();
    run.assert_error_at(
        &toml.shown(T2),
        26,
        6,
        "`id: okand` is not an activity of handlingsplaner/norr-2020.md",
        "id = \"okand\"",
    );
}
