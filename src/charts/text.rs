//! The Swedish words charts write themselves, taken from the theme's strings.yaml, with the
//! defaults here for a theme that leaves a key out.

use serde_json::{Map, Value};

/// Interface text of the charts. Placeholders in braces are filled in by the charts.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartText {
    /// The `<details>` summary over the table.
    pub show_table: String,
    /// The heading of the table's first column when the template names none.
    pub rows_heading: String,
    /// The heading of the trend table's first column.
    pub period_heading: String,
    /// The column and summary word for a row's total.
    pub total: String,
    /// A trend period with no value.
    pub missing: String,
    /// A bar row whose values are all 0.
    pub no_values: String,
    /// `{total}`, `{parts}`: the stacked chart's summary.
    pub stacked_summary: String,
    /// `{series}`, `{value}`, `{share}`: one part of that summary.
    pub stacked_part: String,
    /// `{series}`, `{first}`, `{first_period}`, `{last}`, `{last_period}`.
    pub trend_change: String,
    /// `{series}`, `{value}`, `{period}`: a series with one value.
    pub trend_single: String,
    /// `{series}`: a series with no value at all.
    pub trend_empty: String,
}

/// Key in strings.yaml and default text, in the order of the fields above.
const KEYS: [(&str, &str); 11] = [
    ("chart_show_table", "Visa siffrorna som tabell"),
    ("chart_rows_heading", "Grupp"),
    ("chart_period_heading", "Period"),
    ("chart_total", "Totalt"),
    ("chart_missing", "saknas"),
    ("chart_no_values", "inga värden"),
    ("chart_stacked_summary", "Totalt {total}: {parts}."),
    ("chart_stacked_part", "{series} {value} ({share})"),
    (
        "chart_trend_change",
        "{series}: {first} ({first_period}) till {last} ({last_period})",
    ),
    ("chart_trend_single", "{series}: {value} ({period})"),
    ("chart_trend_empty", "{series}: inga värden"),
];

impl Default for ChartText {
    fn default() -> ChartText {
        ChartText::from_strings(&Map::new())
    }
}

impl ChartText {
    /// The theme's strings (merged strings.yaml of every layer), defaults where a key is missing.
    pub fn from_strings(strings: &Map<String, Value>) -> ChartText {
        let get = |at: usize| {
            let (key, default) = KEYS[at];
            strings
                .get(key)
                .and_then(Value::as_str)
                .unwrap_or(default)
                .to_string()
        };
        ChartText {
            show_table: get(0),
            rows_heading: get(1),
            period_heading: get(2),
            total: get(3),
            missing: get(4),
            no_values: get(5),
            stacked_summary: get(6),
            stacked_part: get(7),
            trend_change: get(8),
            trend_single: get(9),
            trend_empty: get(10),
        }
    }
}
