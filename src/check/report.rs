//! The two renderings of a check's findings: grouped text for people, one JSON document
//! for a publishing pipeline (field names documented in README; keep them stable).

use std::collections::BTreeMap;
use std::fmt::Write;

use super::{Finding, Report};

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
    for (kind, (errors, warnings)) in &counts {
        let _ = writeln!(
            out,
            "{kind}: {}, {}",
            plural(*errors, "error"),
            plural(*warnings, "warning")
        );
    }
    let _ = writeln!(
        out,
        "Check{}: {}, {} (today is {}).",
        if report.strict { " --strict" } else { "" },
        plural(report.errors(), "error"),
        plural(report.warnings(), "warning"),
        report.today
    );
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

fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
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
