//! The trend chart's numbers read back from its SVG and table, with an XML parser.

use super::tests::{close, xml};
use super::*;
use xml::Element;

fn trend(values: Vec<Vec<Option<f64>>>) -> Trend {
    Trend {
        title: "Andel genomförda".into(),
        periods: ["T1 2020", "T2 2020", "VB 2020"].map(String::from).to_vec(),
        series: ["Skärholmen", "Spånga-Tensta"].map(String::from).to_vec(),
        values,
        unit: Some("%".into()),
        y_max: None,
        y_label: Some("Andel genomförda aktiviteter (%)".into()),
        summary: None,
        id: None,
    }
}

fn points(figure: &Element, series: usize) -> Vec<&Element> {
    figure
        .find("g", "chart-series")
        .into_iter()
        .find(|g| g.attr("data-series") == Some(&series.to_string()))
        .expect("series")
        .find("g", "chart-point")
}

#[test]
fn trend_points_sit_at_their_values_on_the_axis() {
    let chart = trend(vec![
        vec![Some(25.0), Some(50.0), Some(100.0)],
        vec![Some(0.0), None, Some(75.0)],
    ]);
    let figure = xml::parse(&chart.render(&ChartText::default()).unwrap());
    let ticks: Vec<(String, f64)> = figure
        .find("text", "chart-tick")
        .iter()
        .map(|t| (t.text(), t.num("y")))
        .collect();
    let labels: Vec<&str> = ticks.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(labels, ["0", "25", "50", "75", "100"]);
    let first = points(&figure, 0);
    let y_of = |p: &Element| p.num("data-y");
    // The marker at 25 % is level with the 25 tick (whose text sits a little below its line).
    let tick_offset = ticks[1].1 - y_of(first[0]);
    assert!(
        close(ticks[2].1 - tick_offset, y_of(first[1])),
        "50 on the 50 line"
    );
    assert!(
        close(ticks[4].1 - tick_offset, y_of(first[2])),
        "100 at the top"
    );
    assert!(close(
        y_of(first[1]) - y_of(first[2]),
        2.0 * (y_of(first[0]) - y_of(first[1]))
    ));
    let xs: Vec<f64> = first.iter().map(|p| p.num("data-x")).collect();
    assert!(
        close(xs[1] - xs[0], xs[2] - xs[1]),
        "periods evenly spaced: {xs:?}"
    );
    let second = points(&figure, 1);
    assert_eq!(second.len(), 2, "no marker where there is no value");
    assert!(close(second[1].num("data-x"), xs[2]));
    let series = figure.find("g", "chart-series");
    assert!(
        series[1].find("path", "chart-line").is_empty(),
        "a gap breaks the line"
    );
    assert_eq!(series[0].find("path", "chart-line").len(), 1);
    let ends: Vec<String> = figure
        .find("text", "chart-end-value")
        .iter()
        .map(|t| t.text())
        .collect();
    assert_eq!(ends, ["100\u{a0}%", "75\u{a0}%"]);
}

#[test]
fn trend_summary_and_table_give_the_numbers() {
    let chart = trend(vec![
        vec![Some(30.0), Some(52.5), None],
        vec![None, Some(10.0), None],
    ]);
    let figure = xml::parse(&chart.render(&ChartText::default()).unwrap());
    assert_eq!(
        figure.one("p", "chart-summary").text(),
        "Skärholmen: 30\u{a0}% (T1 2020) till 52,5\u{a0}% (T2 2020); Spånga-Tensta: 10\u{a0}% (T2 2020)."
    );
    let rows: Vec<Vec<String>> = figure
        .one("tbody", "")
        .find("tr", "")
        .iter()
        .map(|r| {
            r.all()
                .iter()
                .filter(|e| e.name == "th" || e.name == "td")
                .map(|c| c.text())
                .collect()
        })
        .collect();
    assert_eq!(rows[0], ["T1 2020", "30\u{a0}%", "saknas"]);
    assert_eq!(rows[1], ["T2 2020", "52,5\u{a0}%", "10\u{a0}%"]);
    assert_eq!(rows[2], ["VB 2020", "saknas", "saknas"]);
    let periods: Vec<String> = figure
        .one("g", "chart-periods")
        .find("text", "")
        .iter()
        .map(|t| t.text())
        .collect();
    assert!(
        periods.join(" ").contains("T1 2020") || periods.contains(&"T1".to_string()),
        "{periods:?}"
    );
}

#[test]
fn trend_counts_get_a_nice_axis_and_bad_input_an_error() {
    let mut chart = trend(vec![
        vec![Some(3.0), Some(7.0), Some(9.0)],
        vec![None, None, None],
    ]);
    chart.unit = None;
    let figure = xml::parse(&chart.render(&ChartText::default()).unwrap());
    let ticks: Vec<String> = figure
        .find("text", "chart-tick")
        .iter()
        .map(|t| t.text())
        .collect();
    assert_eq!(ticks, ["0", "2,5", "5", "7,5", "10"]);
    assert!(figure
        .one("p", "chart-summary")
        .text()
        .ends_with("Spånga-Tensta: inga värden."));
    let cases: Vec<(Trend, &str)> = vec![
        (
            Trend {
                periods: vec![],
                ..chart.clone()
            },
            "`periods` is empty",
        ),
        (
            Trend {
                values: vec![vec![Some(1.0)]],
                ..chart.clone()
            },
            "`values` has 1 lists but `series` names 2",
        ),
        (
            Trend {
                values: vec![vec![Some(1.0)], vec![]],
                ..chart.clone()
            },
            "`values` for `Skärholmen` has 1 numbers",
        ),
        (
            Trend {
                values: vec![vec![Some(-1.0), None, None], vec![None; 3]],
                ..chart.clone()
            },
            "`T1 2020` is negative",
        ),
        (
            Trend {
                values: vec![vec![Some(f64::NAN), None, None], vec![None; 3]],
                ..chart.clone()
            },
            "is not a number",
        ),
        (
            Trend {
                y_max: Some(5.0),
                ..chart.clone()
            },
            "a value (9) is above `y_max` (5)",
        ),
        (
            Trend {
                y_max: Some(0.0),
                ..chart.clone()
            },
            "`y_max` must be a number above 0",
        ),
    ];
    for (chart, expected) in cases {
        let err = chart.render(&ChartText::default()).unwrap_err();
        assert!(err.0.contains(expected), "{err} should say {expected}");
    }
}

#[test]
fn a_single_period_is_drawn_in_the_middle() {
    let mut chart = trend(vec![vec![Some(40.0)], vec![Some(60.0)]]);
    chart.periods.truncate(1);
    let figure = xml::parse(&chart.render(&ChartText::default()).unwrap());
    assert_eq!(figure.find("g", "chart-point").len(), 2);
    assert!(figure
        .find("path", "chart-line")
        .iter()
        .all(|p| p.attr("d").unwrap().ends_with("h14")));
}

#[test]
fn end_labels_of_lines_ending_close_together_do_not_overlap() {
    let chart = trend(vec![
        vec![Some(50.0), Some(50.0), Some(50.0)],
        vec![Some(10.0), Some(20.0), Some(51.0)],
    ]);
    let figure = xml::parse(&chart.render(&ChartText::default()).unwrap());
    let ends = figure.find("text", "chart-end-value");
    let (a, b) = (ends[0].num("y"), ends[1].num("y"));
    assert!((a - b).abs() >= FONT - 0.01, "labels {a} and {b} overlap");
    assert_eq!(ends[1].text(), "51\u{a0}%");
}
