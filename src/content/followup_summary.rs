//! The joint analysis of the follow-up reports, as template data: per plan the latest status
//! of each activity; per committee and action area the counts by status in the latest period
//! and the previous one; the reports due and missing on a given day; training per committee;
//! and the totals per period a trend chart draws.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde_json::{json, Map, Value};

use crate::config::Config;

use super::followup::{activities, plan_ids, FollowUp, Period, Report, STATUSES};
use super::{Library, Page};

/// A root-marked link to an output file, as templates' permalinks are.
fn permalink(output_path: &str) -> String {
    format!("{}{output_path}", super::paths::ROOT_MARK)
}

/// A follow-up report that is due and not written.
pub struct Missing<'a> {
    pub plan: &'a Page,
    /// `VB 2020`.
    pub period: String,
    /// The period's end plus the grace days.
    pub due: NaiveDate,
}

/// What an activity left out of a report counts as.
const MISSING: &str = "saknas";

/// Counts by status (and `saknas`) of the activities `ids` in a report.
fn counts(report: &Report, ids: &[&str]) -> Map<String, Value> {
    let mut counts: BTreeMap<&str, u64> = STATUSES.iter().map(|s| (*s, 0)).collect();
    counts.insert(MISSING, 0);
    for id in ids {
        let status = report
            .entries
            .get(*id)
            .map_or(MISSING, |e| e.status.as_str());
        *counts.entry(status).or_default() += 1;
    }
    counts
        .into_iter()
        .map(|(k, v)| (k.into(), v.into()))
        .collect()
}

fn change(latest: &Map<String, Value>, previous: &Map<String, Value>) -> Map<String, Value> {
    latest
        .iter()
        .map(|(status, n)| {
            let before = previous.get(status).and_then(Value::as_i64).unwrap_or(0);
            let diff = n.as_i64().unwrap_or(0) - before;
            (status.clone(), Value::from(diff))
        })
        .collect()
}

/// `12 av 23` as a whole percentage (0 when there is nothing to count).
fn percent(part: u64, whole: u64) -> u64 {
    (part * 100 + whole / 2).checked_div(whole).unwrap_or(0)
}

fn plan_title(plan: &Page) -> String {
    plan.meta.title.clone()
}

fn committee(plan: &Page) -> String {
    let namnd = plan.fields.values.get("namnd").and_then(Value::as_str);
    namnd.unwrap_or_default().to_string()
}

impl FollowUp {
    /// `get_followup(plan=…)`: the latest status of each of the plan's activities.
    pub fn plan_view(&self, plan: &Page) -> Value {
        let reports: Vec<&Report> = self.of_plan(&plan.doc.key).collect();
        let Some(latest) = reports.last() else {
            return json!({"reported": false, "enabled": true, "activities": {}, "periods": []});
        };
        let ids = plan_ids(plan);
        let mut by_id = Map::new();
        for id in &ids {
            let found = reports
                .iter()
                .rev()
                .find_map(|r| r.entries.get(id).map(|e| (r, e)));
            if let Some((report, entry)) = found {
                let item = json!({
                    "status": entry.status,
                    "kommentar": entry.comment,
                    "period": report.period.label(),
                    "permalink": permalink(&report.output_path),
                });
                by_id.insert(id.clone(), item);
            }
        }
        let id_refs: Vec<&str> = ids.iter().map(String::as_str).collect();
        let counts = counts(latest, &id_refs);
        let done = counts.get("genomford").and_then(Value::as_u64).unwrap_or(0);
        let periods: Vec<Value> = reports.iter().map(|r| period_link(r)).collect();
        // Every report's lines, oldest period first, in the plan's order: uppfoljning.csv.
        let mut rows = Vec::new();
        for report in &reports {
            for activity in activities(plan) {
                let id = activity
                    .get("id")
                    .and_then(Value::as_str)
                    .unwrap_or_default();
                if let Some(entry) = report.entries.get(id) {
                    rows.push(json!({
                        "period": report.period.label(),
                        "id": id,
                        "aktivitet": activity.get("aktivitet"),
                        "status": entry.status,
                        "kommentar": entry.comment,
                    }));
                }
            }
        }
        json!({
            "reported": true,
            "latest": latest.period.label(),
            "periods": periods,
            "rows": rows,
            "activities": by_id,
            "counts": counts,
            "genomford": done,
            "total": ids.len(),
            "percent": percent(done, ids.len() as u64),
            "exempeldata": reports.iter().any(|r| r.example),
        })
    }

    /// `get_followup_summary()`: the joint analysis on the day `today`.
    pub fn summary(&self, library: &Library, config: &Config, today: NaiveDate) -> Value {
        let plans: Vec<&Page> = {
            let mut plans: Vec<&Page> = library
                .pages
                .values()
                .filter(|p| p.fields.collection.as_deref() == Some(self.plans.as_str()))
                .collect();
            plans.sort_by_key(|p| (committee(p), plan_year(p), p.doc.key.clone()));
            plans
        };
        let areas = self.areas(config);
        let mut rows = Vec::new();
        let mut committees = Vec::new();
        for plan in &plans {
            let reports: Vec<&Report> = self.of_plan(&plan.doc.key).collect();
            let Some(latest) = reports.last() else {
                continue;
            };
            let previous = reports.len().checked_sub(2).map(|i| reports[i]);
            for area in &areas {
                let ids: Vec<&str> = activities(plan)
                    .filter(|a| a.get("omrade").and_then(Value::as_str) == Some(area.as_str()))
                    .filter_map(|a| a.get("id").and_then(Value::as_str))
                    .collect();
                rows.push(row(plan, Some(area), &ids, latest, previous));
            }
            let all = plan_ids(plan);
            let all: Vec<&str> = all.iter().map(String::as_str).collect();
            committees.push(row(plan, None, &all, latest, previous));
        }
        let trend = self.trend(library);
        let chart = chart_data(&committees, &trend);
        json!({
            "enabled": self.collection.is_some(),
            "statuses": STATUSES.iter().chain([&MISSING]).collect::<Vec<_>>(),
            "areas": areas,
            "rows": rows,
            "committees": committees,
            "missing": self.missing(&plans, today),
            "training": self.training(),
            "trend": trend,
            "chart": chart,
            "grace_days": self.grace_days,
            "exempeldata": self.reports.iter().any(|r| r.example),
        })
    }

    /// The action areas: the values of the plans' `omrade` field in config.yaml.
    fn areas(&self, config: &Config) -> Vec<String> {
        config
            .collection(&self.plans)
            .and_then(|c| c.fields.get("aktiviteter"))
            .and_then(|a| a.fields.get("omrade"))
            .map(|o| o.values.clone())
            .unwrap_or_default()
    }

    /// Periods of each plan's year whose end plus the grace days has passed with no report.
    fn missing(&self, plans: &[&Page], today: NaiveDate) -> Vec<Value> {
        self.missing_of(plans, today)
            .into_iter()
            .map(|m| {
                json!({
                    "namnd": committee(m.plan),
                    "plan": plan_title(m.plan),
                    "permalink": permalink(&m.plan.doc.output_path),
                    "period": m.period,
                    "due": m.due.format("%Y-%m-%d").to_string(),
                    "days_overdue": (today - m.due).num_days(),
                })
            })
            .collect()
    }

    /// The follow-up reports due and missing on `today`, for every plan of the library:
    /// what the consolidated page flags and `lots check` reports.
    pub fn missing_reports<'a>(&self, library: &'a Library, today: NaiveDate) -> Vec<Missing<'a>> {
        let plans: Vec<&Page> = library
            .pages
            .values()
            .filter(|p| p.fields.collection.as_deref() == Some(self.plans.as_str()))
            .collect();
        self.missing_of(&plans, today)
    }

    fn missing_of<'a>(&self, plans: &[&'a Page], today: NaiveDate) -> Vec<Missing<'a>> {
        let mut missing = Vec::new();
        for plan in plans {
            let Some(year) = plan_year(plan).and_then(|y| i32::try_from(y).ok()) else {
                continue;
            };
            for period in Period::of_year(year) {
                let reported = self.of_plan(&plan.doc.key).any(|r| r.period == period);
                let Some(due) = period
                    .end()
                    .map(|end| end + chrono::Duration::days(self.grace_days.into()))
                else {
                    continue;
                };
                if reported || due >= today {
                    continue;
                }
                missing.push(Missing {
                    plan,
                    period: period.label(),
                    due,
                });
            }
        }
        missing
    }

    /// Per committee, the training figures of its latest report that has them.
    fn training(&self) -> Vec<Value> {
        let mut latest: BTreeMap<&str, &Report> = BTreeMap::new();
        for report in &self.reports {
            if report.participants.is_none() || report.employees.is_none() {
                continue;
            }
            let slot = latest.entry(report.committee.as_str()).or_insert(report);
            if report.period > slot.period {
                *slot = report;
            }
        }
        latest
            .into_iter()
            .map(|(committee, report)| {
                let (part, whole) = (
                    report.participants.unwrap_or(0),
                    report.employees.unwrap_or(0),
                );
                // One decimal: 76 of 1,000 is 7,6 %, not 8 %.
                let tenths = (part * 1000 + whole / 2).checked_div(whole).unwrap_or(0);
                json!({
                    "namnd": committee,
                    "deltagit": part,
                    "medarbetare": whole,
                    "percent": tenths as f64 / 10.0,
                    "percent_text": format!("{},{}", tenths / 10, tenths % 10),
                    "period": report.period.label(),
                    "permalink": permalink(&report.output_path),
                    "exempeldata": report.example,
                })
            })
            .collect()
    }

    /// Every plan's activities by status, per period reported: what a trend chart draws.
    fn trend(&self, library: &Library) -> Vec<Value> {
        let mut by_period: BTreeMap<Period, Map<String, Value>> = BTreeMap::new();
        for report in &self.reports {
            let Some(plan) = report.plan.as_ref().and_then(|k| library.pages.get(k)) else {
                continue;
            };
            let ids = plan_ids(plan);
            let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
            let sums = by_period.entry(report.period).or_default();
            for (status, n) in counts(report, &ids) {
                let sum = sums.get(&status).and_then(Value::as_u64).unwrap_or(0);
                sums.insert(status, Value::from(sum + n.as_u64().unwrap_or(0)));
            }
        }
        by_period
            .into_iter()
            .map(|(period, counts)| json!({"period": period.label(), "counts": counts}))
            .collect()
    }
}

/// The numbers the consolidated page's charts draw, as the chart functions take them: per
/// committee its activities by status in the latest period (`counts[committee][status]`), and
/// per status that occurs its share of all reported activities in each period
/// (`shares[status][period]`, in percent with one decimal, statuses as in `trend_statuses`).
fn chart_data(committees: &[Value], trend: &[Value]) -> Value {
    let statuses: Vec<&str> = STATUSES.iter().copied().chain([MISSING]).collect();
    let count = |counts: &Value, status: &str| counts.get(status).and_then(Value::as_u64);
    let counts: Vec<Vec<u64>> = committees
        .iter()
        .map(|c| {
            let latest = &c["latest"];
            statuses
                .iter()
                .map(|s| count(latest, s).unwrap_or(0))
                .collect()
        })
        .collect();
    let totals: Vec<u64> = trend
        .iter()
        .map(|p| statuses.iter().filter_map(|s| count(&p["counts"], s)).sum())
        .collect();
    // A status no period has is left out of the trend: a flat line at 0 says nothing and its
    // end label would crowd the axis.
    let trend_statuses: Vec<&str> = statuses
        .iter()
        .copied()
        .filter(|s| {
            trend
                .iter()
                .any(|p| count(&p["counts"], s).unwrap_or(0) > 0)
        })
        .collect();
    let shares: Vec<Vec<f64>> = trend_statuses
        .iter()
        .map(|s| {
            trend
                .iter()
                .zip(&totals)
                .map(|(p, &total)| {
                    let n = count(&p["counts"], s).unwrap_or(0);
                    match total {
                        0 => 0.0,
                        _ => (n as f64 * 1000.0 / total as f64).round() / 10.0,
                    }
                })
                .collect()
        })
        .collect();
    json!({
        "committees": committees.iter().map(|c| c["namnd"].clone()).collect::<Vec<_>>(),
        "counts": counts,
        "periods": trend.iter().map(|p| p["period"].clone()).collect::<Vec<_>>(),
        "trend_statuses": trend_statuses,
        "shares": shares,
    })
}

fn plan_year(plan: &Page) -> Option<i64> {
    plan.fields.values.get("ar").and_then(Value::as_i64)
}

fn period_link(report: &Report) -> Value {
    json!({
        "period": report.period.label(),
        "permalink": permalink(&report.output_path),
        "exempeldata": report.example,
    })
}

/// One line of the analysis: a plan's activities (of one area, or all) by status.
fn row(
    plan: &Page,
    area: Option<&String>,
    ids: &[&str],
    latest: &Report,
    previous: Option<&Report>,
) -> Value {
    let now = counts(latest, ids);
    let before = previous.map(|p| counts(p, ids));
    let done = now.get("genomford").and_then(Value::as_u64).unwrap_or(0);
    json!({
        "namnd": committee(plan),
        "plan": plan_title(plan),
        "permalink": permalink(&plan.doc.output_path),
        "omrade": area,
        "total": ids.len(),
        "latest_period": latest.period.label(),
        "previous_period": previous.map(|p| p.period.label()),
        "latest": now,
        "previous": before,
        "change": before.as_ref().map(|b| change(&now, b)),
        "percent_done": percent(done, ids.len() as u64),
    })
}
