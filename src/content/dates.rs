//! Dates in front matter: `YYYY-MM-DD`, or with a time as RFC 3339 or `YYYY-MM-DD HH:MM:SS`.

use chrono::{DateTime, NaiveDate, NaiveDateTime};

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
}
