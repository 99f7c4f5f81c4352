//! The `date` filter, with Swedish month and weekday names.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use tera::{Result, Value};

use crate::content::dates::DateValue;

const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
];
const WEEKDAYS: [&str; 7] = [
    "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag",
];

pub const DEFAULT_FORMAT: &str = "%-d %B %Y";

/// `{{ page.date | date }}` → `3 mars 2020`; `format` takes chrono's `%` codes, with `%B`,
/// `%b`, `%A` and `%a` in Swedish.
pub fn date(value: &Value, args: &HashMap<String, Value>) -> Result<Value> {
    let format = match args.get("format") {
        Some(Value::String(f)) => f.as_str(),
        Some(_) => return Err("the `format` of the `date` filter must be a string".into()),
        None => DEFAULT_FORMAT,
    };
    let text = match value {
        Value::String(s) => s.clone(),
        Value::Null => return Ok(Value::String(String::new())),
        Value::Number(n) => match n
            .as_i64()
            .and_then(|s| chrono::DateTime::from_timestamp(s, 0))
        {
            Some(moment) => moment.format("%Y-%m-%dT%H:%M:%S").to_string(),
            None => return Err(format!("`{n}` is not a timestamp").into()),
        },
        other => return Err(format!("the `date` filter needs a date, got {other}").into()),
    };
    let Some(parsed) = DateValue::parse(&text) else {
        return Err(
            format!("`{text}` is not a date the `date` filter understands (YYYY-MM-DD)").into(),
        );
    };
    Ok(Value::String(format_swedish(parsed.sort_key, format)))
}

pub fn format_swedish(moment: chrono::NaiveDateTime, format: &str) -> String {
    let day: NaiveDate = moment.date();
    let month = MONTHS[day.month0() as usize];
    let weekday = WEEKDAYS[day.weekday().num_days_from_monday() as usize];
    // Swedish names replace chrono's English ones before chrono sees the format.
    let localized = format
        .replace("%B", month)
        .replace("%b", &month[..3])
        .replace("%A", weekday)
        .replace("%a", &weekday.chars().take(3).collect::<String>());
    let mut out = String::new();
    use std::fmt::Write;
    if write!(out, "{}", moment.format(&localized)).is_err() {
        return moment.format("%Y-%m-%d").to_string();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(date_text: &str, format: Option<&str>) -> String {
        let mut args = HashMap::new();
        if let Some(f) = format {
            args.insert("format".to_string(), Value::String(f.into()));
        }
        date(&Value::String(date_text.into()), &args)
            .unwrap()
            .as_str()
            .unwrap()
            .to_string()
    }

    #[test]
    fn swedish_months() {
        assert_eq!(run("2020-03-03", None), "3 mars 2020");
        assert_eq!(run("2016-04-20", Some("%A %-d %b")), "onsdag 20 apr");
        assert_eq!(run("2020-12-01", Some("%Y-%m-%d")), "2020-12-01");
    }
}
