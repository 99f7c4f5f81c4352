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

/// `1234567` → `1,2 MB`: decimal comma, SI units, as Swedish readers expect.
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["kB", "MB", "GB", "TB"];
    if bytes < 1000 {
        return format!("{bytes} byte");
    }
    let mut value = bytes as f64 / 1000.0;
    let mut unit = 0;
    while value >= 1000.0 && unit < UNITS.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    let text = if value < 10.0 {
        format!("{value:.1}")
    } else {
        format!("{value:.0}")
    };
    format!("{} {}", text.replace('.', ","), UNITS[unit])
}

/// `{{ bytes | filesize }}` with [`human_size`].
pub fn filesize(value: &Value, _: &HashMap<String, Value>) -> Result<Value> {
    let bytes = value
        .as_u64()
        .ok_or("the `filesize` filter needs a whole number of bytes")?;
    Ok(Value::String(human_size(bytes)))
}

/// `{{ value | csv }}`: one CSV field (RFC 4180), quoted when needed. A leading `=`, `+`,
/// `-` or `@` is prefixed with `'` so that spreadsheets do not run it as a formula.
pub fn csv(value: &Value, _: &HashMap<String, Value>) -> Result<Value> {
    let text = match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        Value::Array(items) => items.iter().map(plain).collect::<Vec<_>>().join("; "),
        other => plain(other),
    };
    let text = if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text
    };
    let quoted = if text.contains([',', ';', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    };
    Ok(Value::String(quoted))
}

/// `{{ value | vcard }}`: text escaped for a vCard property value (RFC 6350). In a `.vcf`
/// file every value is escaped so anyway; the filter's result is then final, not escaped twice.
pub struct Vcard;

impl tera::Filter for Vcard {
    fn filter(&self, value: &Value, _: &HashMap<String, Value>) -> Result<Value> {
        Ok(Value::String(super::escape::escape_vcard(&plain(value))))
    }

    /// Elsewhere (in HTML) the result is escaped as usual.
    fn is_safe(&self) -> bool {
        super::escape::Escaper::current() == super::escape::Escaper::Vcard
    }
}

fn plain(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// `{{ date | days_until }}`: whole days from the build's date to `date`; negative when it
/// has passed (`content::freshness::days_until`, the rule `check` uses too). The build's date
/// is `--today`, else `LOTS_TODAY` (YYYY-MM-DD), else today.
pub struct DaysUntil(pub NaiveDate);

impl tera::Filter for DaysUntil {
    fn filter(&self, value: &Value, _: &HashMap<String, Value>) -> Result<Value> {
        let text = value
            .as_str()
            .ok_or("the `days_until` filter needs a date")?;
        let date = DateValue::parse(text).ok_or_else(|| format!("`{text}` is not a date"))?;
        Ok(Value::from(crate::content::freshness::days_until(
            date.sort_key.date(),
            self.0,
        )))
    }
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
    fn sizes_and_csv() {
        assert_eq!(human_size(999), "999 byte");
        assert_eq!(human_size(1_234_567), "1,2 MB");
        assert_eq!(human_size(45_000), "45 kB");
        let field = |s: &str| csv(&Value::String(s.into()), &HashMap::new()).unwrap();
        assert_eq!(field("a, b"), Value::String("\"a, b\"".into()));
        assert_eq!(field("=SUM(A1)"), Value::String("'=SUM(A1)".into()));
        assert_eq!(
            field("säg \"hej\""),
            Value::String("\"säg \"\"hej\"\"\"".into())
        );
    }

    #[test]
    fn swedish_months() {
        assert_eq!(run("2020-03-03", None), "3 mars 2020");
        assert_eq!(run("2016-04-20", Some("%A %-d %b")), "onsdag 20 apr");
        assert_eq!(run("2020-12-01", Some("%Y-%m-%d")), "2020-12-01");
    }
}
