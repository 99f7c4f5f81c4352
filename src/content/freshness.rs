//! Whether content is out of date: review dates passed, coordinator records not verified for
//! too long, pages not updated for too long. One rule with one `today`, used by page
//! templates (`days_until`), the "Att se över" page and `lots check`, so they always agree.

use chrono::{Months, NaiveDate};
use serde::Serialize;

use crate::config::{Config, FieldKind};
use crate::diagnostics::Diagnostic;

use super::dates::DateValue;
use super::followup::FollowUp;
use super::{Library, Page};

/// Fields that are review dates in every collection that has them, without `review: true`.
pub const REVIEW_FIELDS: [&str; 2] = ["nasta_granskning", "nasta_revidering"];
/// The field of a record that says when its facts were last confirmed.
pub const VERIFIED_FIELD: &str = "verifierad";
/// Fields naming who answers for a page, in the order they are looked for.
pub const OWNER_FIELDS: [&str; 3] = ["agare", "namnd", "forvaltning"];

/// The date of a build or check: `LOTS_TODAY` (YYYY-MM-DD) when set, else the local date.
/// `--today` overrides both.
pub fn default_today() -> NaiveDate {
    std::env::var("LOTS_TODAY")
        .ok()
        .and_then(|t| NaiveDate::parse_from_str(&t, "%Y-%m-%d").ok())
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}

/// Whole days from `today` to `date`; negative once it has passed. The one rule: a due date
/// is overdue when this is below zero (the due day itself is still in time).
pub fn days_until(date: NaiveDate, today: NaiveDate) -> i64 {
    (date - today).num_days()
}

/// What the rule looks at, taken from config.yaml, and the day it is judged on.
#[derive(Debug, Clone)]
pub struct Rules {
    pub today: NaiveDate,
    pub verified_max_age_months: Option<u32>,
    pub stale_after_months: Option<u32>,
}

impl Rules {
    pub fn new(config: &Config, today: NaiveDate) -> Rules {
        Rules {
            today,
            verified_max_age_months: config.check.verified_max_age_months,
            stale_after_months: config.check.stale_after_months,
        }
    }
}

/// Which rule a finding broke.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// A review date (`nasta_granskning`, `nasta_revidering`, `review: true`) has passed.
    ReviewOverdue,
    /// `verifierad` is older than `check.verified_max_age_months`.
    VerificationOld,
    /// `updated` (else `date`) is older than `check.stale_after_months`.
    NotUpdated,
    /// A plan's follow-up report for a period is due (its end plus the grace days) and
    /// missing; `date` holds the period.
    FollowupMissing,
}

impl Rule {
    pub fn code(self) -> &'static str {
        match self {
            Rule::ReviewOverdue => "freshness.review_overdue",
            Rule::VerificationOld => "freshness.verification_old",
            Rule::NotUpdated => "freshness.not_updated",
            Rule::FollowupMissing => "freshness.followup_missing",
        }
    }
}

/// One page out of date.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub rule: Rule,
    /// Content key of the page.
    pub key: String,
    pub title: String,
    /// Output path of the page.
    pub output_path: String,
    /// The front-matter field holding the date.
    pub field: String,
    /// The date written in the field.
    pub date: String,
    /// The day the page became due (the date itself for a review date).
    pub due: String,
    /// Days since it became due (at least 1).
    pub days_overdue: i64,
    /// Who answers for the page: its `agare`, `namnd` or `forvaltning`.
    pub owner: Option<String>,
    /// 1-based position of the date's value in the file; 0 when the date is not written
    /// in the front matter (taken from the file name).
    pub line: usize,
    pub column: usize,
}

impl Finding {
    /// The finding as a warning at the date's position.
    pub fn diagnostic(&self, library: &Library) -> Diagnostic {
        let message = match self.rule {
            Rule::ReviewOverdue => format!(
                "`{}: {}` has passed ({} days ago); review the page with its owner and set the next date",
                self.field, self.date, self.days_overdue
            ),
            Rule::VerificationOld => format!(
                "`{}: {}` is older than `check.verified_max_age_months` allows (due {}, {} days ago); confirm the details and set today's date",
                self.field, self.date, self.due, self.days_overdue
            ),
            Rule::NotUpdated => format!(
                "the page was last updated {} (`check.stale_after_months` made it due {}, {} days ago); review it and set `updated:`",
                self.date, self.due, self.days_overdue
            ),
            Rule::FollowupMissing => format!(
                "the plan's follow-up report for {} was due {} ({} days ago); write it in the follow-up collection with `plan:` linking here, its `period:` and `ar:`",
                self.date, self.due, self.days_overdue
            ),
        };
        let diagnostic = match library.pages.get(&self.key) {
            Some(page) if self.line > 0 => Diagnostic::at(
                &page.doc.file_path(),
                &page.doc.source,
                self.line,
                self.column,
                message,
            ),
            Some(page) => Diagnostic::file(&page.doc.file_path(), message),
            None => Diagnostic::file(std::path::Path::new(&self.key), message),
        };
        diagnostic.with_code(self.rule.code()).warning()
    }
}

/// Every freshness finding of the published pages, and every follow-up report due and
/// missing, the most overdue first.
pub fn findings(
    library: &Library,
    config: &Config,
    followup: &FollowUp,
    rules: &Rules,
) -> Vec<Finding> {
    let mut found: Vec<Finding> = library
        .pages
        .values()
        .flat_map(|page| page_findings(page, config, rules))
        .collect();
    found.extend(
        followup
            .missing_reports(library, rules.today)
            .into_iter()
            .map(|missing| Finding {
                rule: Rule::FollowupMissing,
                key: missing.plan.doc.key.clone(),
                title: missing.plan.meta.title.clone(),
                output_path: missing.plan.doc.output_path.clone(),
                field: "uppfoljning".into(),
                date: missing.period,
                due: missing.due.format("%Y-%m-%d").to_string(),
                days_overdue: (rules.today - missing.due).num_days(),
                owner: owner(missing.plan),
                line: 0,
                column: 0,
            }),
    );
    found.sort_by(|a, b| {
        b.days_overdue
            .cmp(&a.days_overdue)
            .then_with(|| a.key.cmp(&b.key))
            .then_with(|| a.field.cmp(&b.field))
    });
    found
}

fn page_findings(page: &Page, config: &Config, rules: &Rules) -> Vec<Finding> {
    let mut found = Vec::new();
    let collection = page
        .fields
        .collection
        .as_deref()
        .and_then(|name| config.collection(name));
    for (name, spec) in collection.iter().flat_map(|c| &c.fields) {
        if spec.kind != FieldKind::Date {
            continue;
        }
        let Some(date) = field_date(page, name) else {
            continue;
        };
        let due = if spec.review || REVIEW_FIELDS.contains(&name.as_str()) {
            Some((Rule::ReviewOverdue, date))
        } else if name == VERIFIED_FIELD {
            rules
                .verified_max_age_months
                .and_then(|months| date.checked_add_months(Months::new(months)))
                .map(|due| (Rule::VerificationOld, due))
        } else {
            None
        };
        if let Some((rule, due)) = due {
            found.extend(finding(page, rule, name, date, due, rules.today));
        }
    }
    if let Some(months) = rules.stale_after_months {
        let (field, written) = match (&page.meta.updated, &page.meta.date) {
            (Some(updated), _) => ("updated", updated),
            (None, Some(date)) => ("date", date),
            (None, None) => return found,
        };
        let date = written.sort_key.date();
        if let Some(due) = date.checked_add_months(Months::new(months)) {
            found.extend(finding(
                page,
                Rule::NotUpdated,
                field,
                date,
                due,
                rules.today,
            ));
        }
    }
    found
}

fn finding(
    page: &Page,
    rule: Rule,
    field: &str,
    date: NaiveDate,
    due: NaiveDate,
    today: NaiveDate,
) -> Option<Finding> {
    let left = days_until(due, today);
    if left >= 0 {
        return None;
    }
    let (line, column) = value_position(page, field).unwrap_or((0, 0));
    Some(Finding {
        rule,
        key: page.doc.key.clone(),
        title: page.meta.title.clone(),
        output_path: page.doc.output_path.clone(),
        field: field.to_string(),
        date: date.format("%Y-%m-%d").to_string(),
        due: due.format("%Y-%m-%d").to_string(),
        days_overdue: -left,
        owner: owner(page),
        line,
        column,
    })
}

/// The date in a field of the page's collection, as checked by its schema.
fn field_date(page: &Page, name: &str) -> Option<NaiveDate> {
    let text = page.fields.values.get(name)?.as_str()?;
    DateValue::parse(text).map(|d| d.sort_key.date())
}

fn owner(page: &Page) -> Option<String> {
    OWNER_FIELDS.iter().find_map(|name| {
        page.fields
            .values
            .get(*name)
            .and_then(|v| v.as_str())
            .map(str::to_string)
    })
}

/// Line and column of the value of a top-level front-matter key (`name: value`): the schema
/// keeps no positions once checked, and a top-level key always starts its line.
fn value_position(page: &Page, name: &str) -> Option<(usize, usize)> {
    let front = page.doc.source.get(..page.doc.body_offset)?;
    front.lines().enumerate().find_map(|(index, line)| {
        let rest = line.strip_prefix(name)?.strip_prefix(':')?;
        let value = rest.trim_start();
        let column = name.chars().count() + 1 + (rest.chars().count() - value.chars().count());
        Some((index + 1, column + 1))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_due_date_is_overdue_from_the_next_day() {
        assert_eq!(days_until(day("2026-12-01"), day("2026-12-01")), 0);
        assert_eq!(days_until(day("2026-11-30"), day("2026-12-01")), -1);
        assert_eq!(days_until(day("2026-12-02"), day("2026-12-01")), 1);
    }
}
