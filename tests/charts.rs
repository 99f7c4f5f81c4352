//! Charts through a site template: `stacked_bar_chart` and `trend_chart` called from a page of
//! the `charts` fixture, their numbers read back from the built HTML with an XML parser, and a
//! bad call reported as a template error (exit 1), never a panic.

mod common;

use common::fixture;
use common::xml::figure;

#[test]
fn a_template_draws_the_stacked_bars_from_its_numbers() {
    let site = fixture("charts");
    let run = site.build_ok(&[]);
    let html = run.read("diagram/index.html");
    let chart = figure(&html, "per-namnd");
    let svg = chart.one("svg", "chart-svg");
    let width: f64 = svg
        .attr("viewBox")
        .unwrap()
        .split(' ')
        .nth(2)
        .unwrap()
        .parse()
        .unwrap();
    let rows = chart.find("g", "chart-row");
    assert_eq!(rows.len(), 3);
    // Skärholmen: 12 of 23 genomförda is 12/23 of the bar.
    let first: Vec<(f64, f64)> = rows[0]
        .find("rect", "chart-seg")
        .iter()
        .map(|r| (r.num("x"), r.num("width")))
        .collect();
    assert!((first[0].1 - 12.0 / 23.0 * width).abs() < 0.01, "{first:?}");
    assert!((first[1].0 - 12.0 / 23.0 * width).abs() < 0.01, "{first:?}");
    let values: Vec<String> = rows[0]
        .find("text", "chart-value")
        .iter()
        .map(|t| t.text())
        .collect();
    assert_eq!(
        values,
        ["12", "6", "4", "1"],
        "a 1 of 23 segment is just wide enough"
    );
    // The label from content is text, not markup.
    assert_eq!(
        rows[1].one("text", "chart-label").text(),
        "Hägersten & <Liljeholmen> (6)"
    );
    assert!(html.contains("Hägersten &amp; &lt;Liljeholmen&gt;"));
    assert!(rows[2].find("rect", "chart-seg").is_empty());
    assert_eq!(rows[2].one("text", "chart-muted").text(), "inga värden");
    // The table says the same.
    let table_rows = chart.one("tbody", "").find("tr", "");
    let cells: Vec<String> = table_rows[0]
        .find("td", "")
        .iter()
        .map(|c| c.text())
        .collect();
    assert_eq!(cells, ["12", "6", "4", "1", "23"]);
    assert_eq!(
        table_rows[1].one("th", "").text(),
        "Hägersten & <Liljeholmen>"
    );
    assert_eq!(
        chart.one("p", "chart-summary").text(),
        "Totalt 29: Genomförd 15 (52\u{a0}%), Pågår 9 (31\u{a0}%), Ej påbörjad 4 (14\u{a0}%), Inställd 1 (3\u{a0}%)."
    );
    assert_eq!(
        svg.attr("aria-labelledby"),
        Some("per-namnd-title per-namnd-summary")
    );
    assert_eq!(chart.one("summary", "").text(), "Visa siffrorna som tabell");
}

#[test]
fn a_template_draws_the_trend_from_its_numbers() {
    let site = fixture("charts");
    let run = site.build_ok(&[]);
    let html = run.read("diagram/index.html");
    let chart = figure(&html, "trend");
    let series = chart.find("g", "chart-series");
    let points: Vec<(String, f64)> = series[0]
        .find("g", "chart-point")
        .iter()
        .map(|p| (p.attr("data-value").unwrap().to_string(), p.num("data-y")))
        .collect();
    assert_eq!(
        points.iter().map(|p| p.0.as_str()).collect::<Vec<_>>(),
        ["30", "52"]
    );
    let base = chart
        .one("path", "chart-base")
        .attr("d")
        .unwrap()
        .to_string();
    let base_y: f64 = base
        .split(' ')
        .nth(1)
        .unwrap()
        .split('H')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let top = chart
        .find("text", "chart-tick")
        .into_iter()
        .find(|t| t.text() == "100")
        .unwrap()
        .num("y");
    let hundred = top - (chart.find("text", "chart-tick")[0].num("y") - base_y);
    for (value, y) in &points {
        let value: f64 = value.parse().unwrap();
        let expected = base_y - (base_y - hundred) * value / 100.0;
        assert!(
            (y - expected).abs() < 0.02,
            "{value} drawn at {y}, not {expected}"
        );
    }
    assert_eq!(
        series[1].find("g", "chart-point").len(),
        1,
        "no value for T1 is no point"
    );
    assert_eq!(
        chart.one("p", "chart-summary").text(),
        "Skärholmen: 30\u{a0}% (T1 2020) till 52\u{a0}% (T2 2020); Spånga-Tensta: 25\u{a0}% (T2 2020)."
    );
    let first_row: Vec<String> = chart
        .one("tbody", "")
        .find("td", "")
        .iter()
        .take(2)
        .map(|c| c.text())
        .collect();
    assert_eq!(first_row, ["30\u{a0}%", "saknas"]);
}

#[test]
fn a_bad_call_is_a_template_error_not_a_panic() {
    let calls = [
        (
            r#"values=[1, 2]"#,
            "flat list of 2 numbers, which does not divide into rows of 4",
        ),
        (
            r#"values=[1, 2, 3, 4, 5, 6, 7, 8]"#,
            "`values` has 2 lists but `rows` names 1",
        ),
        (r#"values=[1, 0 - 2, 0, 0]"#, "is negative (-2)"),
        (
            r#"values=[1, "x", 0, 0]"#,
            "must be a number, not the text `x`",
        ),
        (r#"values=[1, "", 0, 0]"#, "row 1, item 2 is empty; write 0"),
        (r#"values=[1, 0, 0, 0], scale="procent""#, "use `count`"),
        (
            r#"values=[1, 0, 0, 0], serie="x""#,
            "has no argument `serie`",
        ),
        (r#"values=[]"#, "`values` has 0 lists but `rows` names 1"),
    ];
    for (args, expected) in calls {
        let site = fixture("charts");
        site.write(
            "templates/pages/fel/index.html",
            format!(
                r#"{{{{ stacked_bar_chart(title="T", rows=["A"], series=["a", "b", "c", "d"], {args}) }}}}"#
            ),
        );
        let run = site.build(&[]);
        run.assert_content_error();
        assert!(
            run.stderr.contains("templates/pages/fel/index.html"),
            "{}",
            run.stderr
        );
        assert!(
            run.stderr.contains(expected),
            "`{expected}` not in:\n{}",
            run.stderr
        );
        assert!(
            !run.out.join("diagram/index.html").exists(),
            "nothing half-written"
        );
    }
}

#[test]
fn theme_strings_reach_the_charts() {
    let site = fixture("charts");
    site.write("themes/egen/strings.yaml", "chart_show_table: \"Tabell\"\n");
    site.write(
        "config.yaml",
        "title: \"Diagram\"\nbase_url: \"https://example.org/kb\"\ntheme: egen\n",
    );
    let run = site.build_ok(&[]);
    let chart = figure(&run.read("diagram/index.html"), "per-namnd");
    assert_eq!(chart.one("summary", "").text(), "Tabell");
}
