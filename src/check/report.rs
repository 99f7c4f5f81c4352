//! The two renderings of a check's findings: grouped text for people, one JSON document
//! for a publishing pipeline (field names documented in README; keep them stable).

use std::collections::BTreeMap;
use std::fmt::Write;

use super::{Finding, Report};
use crate::args;
use crate::messages::{say, Lang};

/// Findings grouped by kind, each as `severity: path:line:col: message` with the line it
/// points into, then a count per kind and a total.
pub fn human(report: &Report) -> String {
    let mut out = String::new();
    let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut current = None;
    for finding in &report.findings {
        if current != Some(finding.kind) {
            current = Some(finding.kind);
            let _ = writeln!(out, "\n== {} ==", finding.kind);
        }
        let _ = writeln!(out, "{}", line_of(finding));
        let count = counts.entry(finding.kind).or_default();
        match finding.severity {
            crate::diagnostics::Severity::Error => count.0 += 1,
            crate::diagnostics::Severity::Warning => count.1 += 1,
        }
    }
    if !counts.is_empty() {
        out.push('\n');
    }
    let lang = Lang::of(&report.language);
    for (kind, (errors, warnings)) in &counts {
        let group = args!(
            "kind" => kind,
            "errors" => errors_text(lang, *errors),
            "warnings" => warnings_text(lang, *warnings),
        );
        let _ = writeln!(out, "{}", say(lang, "check.group", &group));
    }
    let total = args!(
        "errors" => errors_text(lang, report.errors()),
        "warnings" => warnings_text(lang, report.warnings()),
        "today" => report.today,
    );
    let summary = if report.strict {
        "check.summary_strict"
    } else {
        "check.summary"
    };
    let _ = writeln!(out, "{}", say(lang, summary, &total));
    out.trim_start().to_string()
}

fn line_of(finding: &Finding) -> String {
    let mut text = format!("{}: {}", finding.severity.as_str(), finding.file);
    if finding.line > 0 {
        let _ = write!(text, ":{}:{}", finding.line, finding.column);
    }
    let _ = write!(text, ": {}", finding.message);
    if let Some(url) = &finding.url {
        let _ = write!(text, " <{url}>");
    }
    if let Some(source) = &finding.source_line {
        let gutter = finding.line.to_string();
        let pad: String = source
            .chars()
            .take(finding.column.saturating_sub(1))
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        let _ = write!(
            text,
            "\n {gutter} | {source}\n {} | {pad}^",
            " ".repeat(gutter.len())
        );
    }
    text
}

/// "1 error", "3 errors" in `lang`.
fn errors_text(lang: Lang, count: usize) -> String {
    counted(lang, count, "check.errors_one", "check.errors_many")
}

/// "1 warning", "3 warnings" in `lang`.
fn warnings_text(lang: Lang, count: usize) -> String {
    counted(lang, count, "check.warnings_one", "check.warnings_many")
}

fn counted(lang: Lang, count: usize, one: &str, many: &str) -> String {
    let key = if count == 1 { one } else { many };
    let count = args!("count" => count);
    say(lang, key, &count)
}

/// `{"today", "strict", "errors", "warnings", "counts": {kind: n}, "findings": [...]}`.
pub fn json(report: &Report) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for finding in &report.findings {
        *counts.entry(finding.kind).or_default() += 1;
    }
    let document = serde_json::json!({
        "today": report.today,
        "strict": report.strict,
        "errors": report.errors(),
        "warnings": report.warnings(),
        "counts": counts,
        "findings": report.findings,
    });
    serde_json::to_string_pretty(&document).unwrap_or_else(|_| "{}".into())
}
