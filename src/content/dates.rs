//! Dates in front matter: `YYYY-MM-DD`, or with a time as RFC 3339 or `YYYY-MM-DD HH:MM:SS`.

use chrono::{DateTime, NaiveDate, NaiveDateTime};

use crate::args;
use crate::messages::{word, Args};

/// A date as written (normalised) plus a value to sort by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateValue {
    /// `YYYY-MM-DD` or an RFC 3339 timestamp; what templates and the sitemap see.
    pub text: String,
    pub sort_key: NaiveDateTime,
}

impl DateValue {
    pub fn parse(text: &str) -> Option<DateValue> {
        let text = text.trim();
        if let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            return Some(DateValue {
                text: date.format("%Y-%m-%d").to_string(),
                sort_key: date.and_hms_opt(0, 0, 0)?,
            });
        }
        if let Ok(moment) = DateTime::parse_from_rfc3339(text) {
            return Some(DateValue {
                text: moment.to_rfc3339(),
                sort_key: moment.naive_utc(),
            });
        }
        for format in ["%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"] {
            if let Ok(moment) = NaiveDateTime::parse_from_str(text, format) {
                return Some(DateValue {
                    text: moment.format("%Y-%m-%dT%H:%M:%S").to_string(),
                    sort_key: moment,
                });
            }
        }
        None
    }

    /// The calendar day, for the sitemap's `lastmod`.
    pub fn day(&self) -> String {
        self.sort_key.format("%Y-%m-%d").to_string()
    }
}

/// Why a text that should be a date is not one, for its message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateProblem {
    /// A dash that is not a hyphen (en dash, em dash, minus sign), at this character index.
    Dash { dash: char, index: usize },
    /// A date written right that the calendar does not have (`2020-02-30`).
    Impossible { year: i32, month: u32, day: u32 },
    /// A month number above 12.
    NoMonth { month: u32 },
    /// Anything else: not written as YYYY-MM-DD.
    Format,
}

/// What is wrong with `text`, which [`DateValue::parse`] refused.
pub fn problem(text: &str) -> DateProblem {
    let trimmed = text.trim();
    if let Some((index, dash)) = trimmed.chars().enumerate().find(|(_, c)| {
        matches!(
            c,
            '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{fe63}' | '\u{ff0d}'
        )
    }) {
        let leading = text.chars().take_while(|c| c.is_whitespace()).count();
        return DateProblem::Dash {
            dash,
            index: leading + index,
        };
    }
    let day_part = trimmed.get(..10).unwrap_or(trimmed);
    let mut parts = day_part.split('-');
    let numbers = (parts.next(), parts.next(), parts.next(), parts.next());
    let (Some(y), Some(m), Some(d), None) = numbers else {
        return DateProblem::Format;
    };
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    if !(digits(y, 4) && digits(m, 2) && digits(d, 2)) {
        return DateProblem::Format;
    }
    let (Ok(year), Ok(month), Ok(day)) = (y.parse(), m.parse(), d.parse()) else {
        return DateProblem::Format;
    };
    if !(1..=12).contains(&month) {
        return DateProblem::NoMonth { month };
    }
    match NaiveDate::from_ymd_opt(year, month, day) {
        None => DateProblem::Impossible { year, month, day },
        Some(_) => DateProblem::Format,
    }
}

/// The message for `field: text` that is not a date: its code, its arguments, and the
/// character index in `text` to point at when it is not the value's start.
pub fn refusal(field: &str, text: &str) -> (&'static str, Args, Option<usize>) {
    let base = args!("field" => field, "value" => text.trim());
    let (code, more, index) = match problem(text) {
        DateProblem::Dash { dash, index } => (
            "schema.date_dash",
            args!("dash" => word(dash_word(dash))),
            Some(index),
        ),
        DateProblem::Impossible { year, month, day } => (
            "schema.date_impossible",
            args!("year" => year, "month" => word(&format!("month.{month}")), "day" => day),
            None,
        ),
        DateProblem::NoMonth { month } => ("schema.date_no_month", args!("month" => month), None),
        DateProblem::Format => ("schema.date", Vec::new(), None),
    };
    (code, base.into_iter().chain(more).collect(), index)
}

/// The name of a dash character, as a catalogue word.
pub fn dash_word(dash: char) -> &'static str {
    match dash {
        '\u{2013}' => "dash.en",
        '\u{2014}' => "dash.em",
        '\u{2212}' => "dash.minus",
        _ => "dash.other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_common_forms() {
        assert_eq!(DateValue::parse("2020-03-31").unwrap().text, "2020-03-31");
        assert!(DateValue::parse("2020-03-31T10:00:00+01:00").is_some());
        assert!(DateValue::parse("2020-03-31 10:00:00").is_some());
        assert!(DateValue::parse("2020-02-30").is_none());
        assert!(DateValue::parse("31/3 2020").is_none());
    }

    #[test]
    fn impossible_dates_are_named() {
        assert_eq!(
            problem("2020-02-30"),
            DateProblem::Impossible {
                year: 2020,
                month: 2,
                day: 30
            }
        );
        assert_eq!(problem("2021-13-01"), DateProblem::NoMonth { month: 13 });
        assert_eq!(problem("31/3 2020"), DateProblem::Format);
    }

    #[test]
    fn a_dash_from_word_is_found_where_it_is() {
        assert_eq!(
            problem("2020\u{2013}05\u{2013}01"),
            DateProblem::Dash {
                dash: '\u{2013}',
                index: 4
            }
        );
        assert_eq!(
            problem("2020-05\u{2212}01"),
            DateProblem::Dash {
                dash: '\u{2212}',
                index: 7
            }
        );
    }
}
