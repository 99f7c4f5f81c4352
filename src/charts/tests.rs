//! The charts' numbers read back from the SVG and table they write, with an XML parser: the
//! stacked bars and what both charts share (the trend is in trend_tests.rs).

#[allow(dead_code)]
#[path = "../../tests/common/xml.rs"]
pub(super) mod xml;

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

pub(super) fn close(a: f64, b: f64) -> bool {
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

#[test]
fn the_themes_strings_and_the_defaults_say_the_same() {
    let theme: std::collections::BTreeMap<String, String> =
        serde_saphyr::from_str(include_str!("../../themes/lots/strings.yaml"))
            .expect("strings.yaml");
    let strings: serde_json::Map<String, serde_json::Value> =
        theme.into_iter().map(|(k, v)| (k, v.into())).collect();
    assert_eq!(ChartText::from_strings(&strings), ChartText::default());
    assert_eq!(
        strings.keys().filter(|k| k.starts_with("chart_")).count(),
        11
    );
}
