//! The chart functions templates call:
//!
//! ```text
//! {{ stacked_bar_chart(title="Aktiviteter per nämnd", rows=["Skärholmen", "Spånga-Tensta"],
//!      series=["Genomförd", "Pågår"], values=[[12, 11], [3, 4]], scale="share") }}
//! {{ trend_chart(title="Andel genomförda", periods=["T1 2020", "T2 2020"],
//!      series=["Skärholmen"], values=[[30, 52]], unit="%") }}
//! ```
//!
//! Both return the finished `<figure>` as safe HTML; every label they are given is escaped
//! there. A call that cannot be drawn is a template error naming the function and argument.

use std::collections::HashMap;
use std::sync::Arc;

use tera::{Function, Result, Value};

use super::{ChartText, Scale, StackedBars, Trend};

/// `stacked_bar_chart(title, rows, series, values, scale="count"|"share", summary, rows_heading, id)`.
pub struct StackedBarChart(pub Arc<ChartText>);

impl Function for StackedBarChart {
    fn call(&self, args: &HashMap<String, Value>) -> Result<Value> {
        let name = "stacked_bar_chart";
        let args = Args { name, args };
        args.known(&[
            "title",
            "rows",
            "series",
            "values",
            "scale",
            "summary",
            "rows_heading",
            "id",
        ])?;
        let scale = match args.optional_string("scale")?.as_deref() {
            None | Some("count") => Scale::Count,
            Some("share") => Scale::Share,
            Some(other) => {
                return Err(format!(
                    "`{name}`: `scale` is `{other}`; use `count` (bars on one scale) or `share` (every bar full width)"
                )
                .into())
            }
        };
        let series = args.strings("series")?;
        let values = args
            .matrix("values", series.len(), "series")?
            .into_iter()
            .enumerate()
            .map(|(row, values)| {
                values
                    .into_iter()
                    .enumerate()
                    .map(|(at, v)| {
                        v.ok_or_else(|| {
                            format!(
                                "`{name}`: `values` row {}, item {} is empty; write 0",
                                row + 1,
                                at + 1
                            )
                        })
                    })
                    .collect::<std::result::Result<Vec<f64>, String>>()
            })
            .collect::<std::result::Result<Vec<Vec<f64>>, String>>()?;
        let chart = StackedBars {
            title: args.string("title")?,
            rows: args.strings("rows")?,
            series,
            values,
            scale,
            summary: args.optional_string("summary")?,
            rows_heading: args.optional_string("rows_heading")?,
            id: args.optional_string("id")?,
        };
        let html = chart
            .render(&self.0)
            .map_err(|e| format!("`{name}`: {e}"))?;
        Ok(Value::String(html))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

/// `trend_chart(title, periods, series, values, unit, y_max, y_label, summary, id)`.
pub struct TrendChart(pub Arc<ChartText>);

impl Function for TrendChart {
    fn call(&self, args: &HashMap<String, Value>) -> Result<Value> {
        let name = "trend_chart";
        let args = Args { name, args };
        args.known(&[
            "title", "periods", "series", "values", "unit", "y_max", "y_label", "summary", "id",
        ])?;
        let y_max = match args.args.get("y_max") {
            None | Some(Value::Null) => None,
            Some(value) => Some(
                value
                    .as_f64()
                    .ok_or_else(|| format!("`{name}`: `y_max` must be a number"))?,
            ),
        };
        let periods = args.strings("periods")?;
        let values = args.matrix("values", periods.len(), "period")?;
        let chart = Trend {
            title: args.string("title")?,
            periods,
            series: args.strings("series")?,
            values,
            unit: args.optional_string("unit")?,
            y_max,
            y_label: args.optional_string("y_label")?,
            summary: args.optional_string("summary")?,
            id: args.optional_string("id")?,
        };
        let html = chart
            .render(&self.0)
            .map_err(|e| format!("`{name}`: {e}"))?;
        Ok(Value::String(html))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

/// A call's arguments, read with errors that name the function and the argument.
struct Args<'a> {
    name: &'a str,
    args: &'a HashMap<String, Value>,
}

impl Args<'_> {
    /// A misspelt argument (`serie=`) would otherwise be ignored without a word.
    fn known(&self, names: &[&str]) -> Result<()> {
        let mut unknown: Vec<&String> = self
            .args
            .keys()
            .filter(|k| !names.contains(&k.as_str()))
            .collect();
        unknown.sort();
        match unknown.first() {
            Some(key) => Err(format!(
                "`{}` has no argument `{key}`; it takes {}",
                self.name,
                names.join(", ")
            )
            .into()),
            None => Ok(()),
        }
    }

    fn string(&self, key: &str) -> Result<String> {
        match self.args.get(key) {
            Some(Value::String(s)) => Ok(s.clone()),
            Some(_) => Err(format!("`{}`: `{key}` must be a string", self.name).into()),
            None => Err(format!("`{}` needs `{key}=...`", self.name).into()),
        }
    }

    fn optional_string(&self, key: &str) -> Result<Option<String>> {
        match self.args.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(_) => self.string(key).map(Some),
        }
    }

    /// A list of labels; numbers are taken as their text (a year as a row name).
    fn strings(&self, key: &str) -> Result<Vec<String>> {
        let list = self.list(key)?;
        list.iter()
            .enumerate()
            .map(|(at, item)| match item {
                Value::String(s) => Ok(s.clone()),
                Value::Number(number) => Ok(number.to_string()),
                _ => Err(format!(
                    "`{}`: `{key}` item {} must be a text, not {}",
                    self.name,
                    at + 1,
                    kind(item)
                )
                .into()),
            })
            .collect()
    }

    fn list(&self, key: &str) -> Result<&Vec<Value>> {
        match self.args.get(key) {
            Some(Value::Array(list)) => Ok(list),
            Some(other) => Err(format!(
                "`{}`: `{key}` must be a list, not {}",
                self.name,
                kind(other)
            )
            .into()),
            None => Err(format!("`{}` needs `{key}=[...]`", self.name).into()),
        }
    }

    /// Numbers by row: a list of lists (what a data function returns), or one flat list read
    /// `width` at a time, since Tera's literals cannot nest lists. `null` (from data) and `""`
    /// (in a literal) are a missing value.
    fn matrix(&self, key: &str, width: usize, per: &str) -> Result<Vec<Vec<Option<f64>>>> {
        let list = self.list(key)?;
        if list.iter().all(|item| item.is_array()) {
            return list
                .iter()
                .enumerate()
                .map(|(row, item)| {
                    let items = item.as_array().map_or(&[][..], Vec::as_slice);
                    self.numbers(key, items, &format!("list {}", row + 1))
                })
                .collect();
        }
        if width == 0 || list.len() % width != 0 {
            return Err(format!(
                "`{}`: `{key}` is a flat list of {} numbers, which does not divide into rows of {width} (one per {per}); give one list per row, or {width} numbers per row",
                self.name,
                list.len()
            )
            .into());
        }
        list.chunks(width)
            .enumerate()
            .map(|(row, items)| self.numbers(key, items, &format!("row {}", row + 1)))
            .collect()
    }

    fn numbers(&self, key: &str, items: &[Value], place: &str) -> Result<Vec<Option<f64>>> {
        items
            .iter()
            .enumerate()
            .map(|(at, value)| match value {
                Value::Null => Ok(None),
                Value::String(s) if s.trim().is_empty() => Ok(None),
                Value::Number(number) => Ok(Some(number.as_f64().unwrap_or(f64::NAN))),
                other => Err(format!(
                    "`{}`: `{key}` {place}, item {} must be a number, not {}",
                    self.name,
                    at + 1,
                    kind(other)
                )
                .into()),
            })
            .collect()
    }
}

fn kind(value: &Value) -> String {
    match value {
        Value::Null => "nothing".into(),
        Value::Bool(_) => "true/false".into(),
        Value::Number(_) => "a number".into(),
        Value::String(s) => format!("the text `{s}`"),
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "a map".into(),
    }
}
