//! The charts' numbers read back from the SVG and table they write, with an XML parser.

#[allow(dead_code)]
#[path = "../../tests/common/xml.rs"]
mod xml;

use super::*;
use xml::Element;

fn statuses() -> Vec<String> {
    ["Genomförd", "Pågår", "Ej påbörjad", "Inställd"]
        .map(String::from)
        .to_vec()
}

fn bars(rows: &[&str], values: Vec<Vec<f64>>, scale: Scale) -> StackedBars {
    StackedBars {
        title: "Aktiviteter per nämnd".into(),
        rows: rows.iter().map(|r| r.to_string()).collect(),
        series: statuses(),
        values,
        scale,
        summary: None,
        rows_heading: Some("Nämnd".into()),
        id: None,
    }
}

fn render(chart: &StackedBars) -> Element {
    xml::parse(&chart.render(&ChartText::default()).expect("chart"))
}

/// The segments of row `row`, as (series, x, width).
fn segments(figure: &Element, row: usize) -> Vec<(usize, f64, f64)> {
    let group = figure
        .find("g", "chart-row")
        .into_iter()
        .find(|g| g.attr("data-row") == Some(&row.to_string()))
        .expect("row group");
    group
        .find("rect", "chart-seg")
        .iter()
        .map(|r| (r.num("data-series") as usize, r.num("x"), r.num("width")))
        .collect()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 0.01
}

#[test]
fn share_scale_makes_each_segment_its_share_of_the_row() {
    let chart = bars(
        &["Skärholmen", "Spånga-Tensta"],
        vec![vec![12.0, 6.0, 4.0, 1.0], vec![1.0, 1.0, 0.0, 0.0]],
        Scale::Share,
    );
    let figure = render(&chart);
    let row = segments(&figure, 0);
    assert_eq!(row.len(), 4);
    assert!(close(row[0].2, 12.0 / 23.0 * WIDTH), "{row:?}");
    assert!(
        close(row[1].1, 12.0 / 23.0 * WIDTH),
        "segments follow each other: {row:?}"
    );
    assert!(
        close(row[3].1 + row[3].2, WIDTH),
        "a share bar is full width: {row:?}"
    );
    let second = segments(&figure, 1);
    assert_eq!(second.len(), 2, "a 0 gets no segment: {second:?}");
    assert!(close(second[0].2, WIDTH / 2.0));
    let labels: Vec<String> = figure
        .find("text", "chart-value")
        .iter()
        .map(|t| t.text())
        .collect();
    assert!(labels.contains(&"12".to_string()), "{labels:?}");
}

#[test]
fn count_scale_puts_every_bar_on_the_largest_total() {
    let chart = bars(
        &["A", "B"],
        vec![vec![10.0, 10.0, 0.0, 0.0], vec![5.0, 0.0, 0.0, 0.0]],
        Scale::Count,
    );
    let figure = render(&chart);
    assert!(close(
        segments(&figure, 0)[1].1 + segments(&figure, 0)[1].2,
        WIDTH
    ));
    assert!(close(segments(&figure, 1)[0].2, WIDTH / 4.0));
}

#[test]
fn a_value_is_written_on_its_segment_only_where_it_fits() {
    let chart = bars(&["A"], vec![vec![200.0, 1.0, 0.0, 0.0]], Scale::Share);
    let figure = render(&chart);
    let labels: Vec<String> = figure
        .find("text", "chart-value")
        .iter()
        .map(|t| t.text())
        .collect();
    assert_eq!(labels, ["200"], "1 of 201 is too narrow for its label");
    let label = figure.one("text", "chart-value");
    let seg = segments(&figure, 0)[0];
    assert!(
        close(label.num("x"), seg.1 + seg.2 / 2.0),
        "centred on its segment"
    );
}

#[test]
fn the_table_holds_the_same_numbers_as_the_bars() {
    let values = vec![vec![12.0, 6.0, 4.0, 1.0], vec![3.0, 2.0, 0.0, 1.5]];
    let chart = bars(
        &["Skärholmen", "Spånga-Tensta"],
        values.clone(),
        Scale::Count,
    );
    let figure = render(&chart);
    let table = figure.one("table", "chart-table");
    assert_eq!(table.one("caption", "").text(), "Aktiviteter per nämnd");
    let body = table.one("tbody", "");
    for (at, row) in body.find("tr", "").iter().enumerate() {
        let head = row.one("th", "");
        assert_eq!(head.attr("scope"), Some("row"));
        assert_eq!(head.text(), chart.rows[at]);
        let cells: Vec<String> = row.find("td", "").iter().map(|c| c.text()).collect();
        let mut expected: Vec<String> = values[at].iter().map(|v| format_number(*v)).collect();
        expected.push(format_number(values[at].iter().sum()));
        assert_eq!(cells, expected);
        for (series, _, width) in segments(&figure, at) {
            let table_value: f64 = cells[series].replace(',', ".").parse().unwrap();
            let widest = 23.0;
            assert!(close(width, table_value / widest * WIDTH));
        }
    }
    let heads: Vec<String> = table
        .one("thead", "")
        .find("th", "")
        .iter()
        .map(|c| c.text())
        .collect();
    assert_eq!(
        heads,
        [
            "Nämnd",
            "Genomförd",
            "Pågår",
            "Ej påbörjad",
            "Inställd",
            "Totalt"
        ]
    );
    assert!(table
        .one("thead", "")
        .find("th", "")
        .iter()
        .all(|th| th.attr("scope") == Some("col")));
    let foot: Vec<String> = table
        .one("tfoot", "")
        .find("td", "")
        .iter()
        .map(|c| c.text())
        .collect();
    assert_eq!(foot, ["15", "8", "4", "2,5", "29,5"]);
}

#[test]
fn the_svg_is_an_image_labelled_by_the_title_and_summary() {
    let chart = bars(&["A"], vec![vec![12.0, 11.0, 0.0, 0.0]], Scale::Share);
    let figure = render(&chart);
    let svg = figure.one("svg", "chart-svg");
    assert_eq!(svg.attr("role"), Some("img"));
    let ids: Vec<&str> = svg.attr("aria-labelledby").unwrap().split(' ').collect();
    let title = figure.one("figcaption", "chart-title");
    let summary = figure.one("p", "chart-summary");
    assert_eq!(
        ids,
        [title.attr("id").unwrap(), summary.attr("id").unwrap()]
    );
    assert_eq!(title.text(), "Aktiviteter per nämnd");
    assert_eq!(
        summary.text(),
        "Totalt 23: Genomförd 12 (52\u{a0}%), Pågår 11 (48\u{a0}%), Ej påbörjad 0 (0\u{a0}%), Inställd 0 (0\u{a0}%)."
    );
    assert!(svg.attr("viewBox").unwrap().starts_with("0 0 320 "));
    assert_eq!(
        figure.one("summary", "").text(),
        "Visa siffrorna som tabell"
    );
}

#[test]
fn hostile_labels_stay_text() {
    let mut chart = bars(
        &["Hägersten & <Liljeholmen>", "\"x\" onload='y'"],
        vec![vec![1.0, 0.0, 0.0, 0.0], vec![0.0, 1.0, 0.0, 0.0]],
        Scale::Share,
    );
    chart.title = "</figure><script>alert(1)</script>".into();
    chart.series[0] = "{share} & {value}".into();
    let html = chart.render(&ChartText::default()).unwrap();
    assert!(!html.contains("<script>") && !html.contains("<Liljeholmen>"));
    let figure = xml::parse(&html);
    let labels: Vec<String> = figure
        .find("text", "chart-label")
        .iter()
        .map(|t| t.text())
        .collect();
    assert_eq!(labels[0], "Hägersten & <Liljeholmen> (1)");
    assert_eq!(figure.one("figcaption", "").text(), chart.title);
    assert!(figure
        .one("p", "chart-summary")
        .text()
        .contains("{share} & {value} 1 (50\u{a0}%)"));
    assert_eq!(figure.find("script", "").len(), 0);
}

#[test]
fn a_row_of_zeros_says_so_and_draws_nothing() {
    let chart = bars(&["A", "B"], vec![vec![0.0; 4], vec![0.0; 4]], Scale::Count);
    let figure = render(&chart);
    assert!(figure.find("rect", "chart-seg").is_empty());
    let notes: Vec<String> = figure
        .find("text", "chart-muted")
        .iter()
        .map(|t| t.text())
        .collect();
    assert_eq!(notes, ["inga värden", "inga värden"]);
    assert!(figure
        .one("p", "chart-summary")
        .text()
        .starts_with("Totalt 0:"));
}

#[test]
fn bad_numbers_are_errors_that_say_where() {
    let cases: Vec<(StackedBars, &str)> = vec![
        (bars(&[], vec![], Scale::Share), "`rows` is empty"),
        (
            bars(&["A"], vec![], Scale::Share),
            "`values` has 0 lists but `rows` names 1",
        ),
        (
            bars(&["A"], vec![vec![1.0, 2.0]], Scale::Share),
            "row 1 (`A`) has 2 numbers but `series` names 4",
        ),
        (
            bars(&["A"], vec![vec![1.0, -2.0, 0.0, 0.0]], Scale::Share),
            "series `Pågår` is negative (-2)",
        ),
        (
            bars(&["A"], vec![vec![f64::NAN, 0.0, 0.0, 0.0]], Scale::Share),
            "series `Genomförd` is not a number",
        ),
        (
            bars(
                &["A"],
                vec![vec![f64::INFINITY, 0.0, 0.0, 0.0]],
                Scale::Share,
            ),
            "is not a number",
        ),
    ];
    for (chart, expected) in cases {
        let err = chart.render(&ChartText::default()).unwrap_err();
        assert!(err.0.contains(expected), "{err} should say {expected}");
    }
    let mut no_series = bars(&["A"], vec![vec![]], Scale::Share);
    no_series.series.clear();
    assert!(no_series
        .render(&ChartText::default())
        .unwrap_err()
        .0
        .contains("`series` is empty"));
    let mut bad_id = bars(&["A"], vec![vec![1.0; 4]], Scale::Share);
    bad_id.id = Some("a\" onclick=\"x".into());
    assert!(bad_id
        .render(&ChartText::default())
        .unwrap_err()
        .0
        .contains("`id` must start"));
}

#[test]
fn a_long_row_name_wraps_and_the_bar_moves_down() {
    let name =
        "Enskede-Årsta-Vantörs stadsdelsnämnd och Hägersten-Älvsjö stadsdelsnämnd tillsammans";
    let chart = bars(&[name, "B"], vec![vec![1.0; 4], vec![1.0; 4]], Scale::Share);
    let figure = render(&chart);
    let labels = figure.find("text", "chart-label");
    assert!(
        labels.len() >= 3,
        "the first name takes two lines: {labels:?}"
    );
    for label in &labels {
        assert!(text_width(&label.text(), FONT) <= WIDTH);
    }
    let first_bar = figure.find("rect", "chart-seg")[0].num("y");
    assert!(
        first_bar > labels[1].num("y"),
        "the bar is under both lines"
    );
}

#[test]
fn identical_calls_give_identical_html_and_ids_differ_between_charts() {
    let a = bars(&["A"], vec![vec![1.0; 4]], Scale::Share);
    let b = bars(&["B"], vec![vec![1.0; 4]], Scale::Share);
    let text = ChartText::default();
    assert_eq!(a.render(&text).unwrap(), a.render(&text).unwrap());
    let id = |c: &StackedBars| {
        xml::parse(&c.render(&text).unwrap())
            .one("figure", "chart")
            .attr("id")
            .unwrap()
            .to_string()
    };
    assert_ne!(id(&a), id(&b));
}

#[test]
fn placeholders_are_filled_once() {
    assert_eq!(
        fill("{a} och {b}", &[("a", "{b}"), ("b", "2")]),
        "{b} och 2"
    );
    assert_eq!(fill("{okänd} {a", &[("a", "1")]), "{okänd} {a");
    assert_eq!(format_number(2.5), "2,5");
    assert_eq!(format_number(-0.0), "0");
    assert_eq!(format_percent(12.0, 23.0), "52\u{a0}%");
}

#[test]
fn strings_from_the_theme_replace_the_defaults() {
    let mut strings = serde_json::Map::new();
    strings.insert("chart_show_table".into(), "Show the numbers".into());
    let text = ChartText::from_strings(&strings);
    assert_eq!(text.show_table, "Show the numbers");
    assert_eq!(text.total, "Totalt");
}

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
