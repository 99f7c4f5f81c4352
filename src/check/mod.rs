//! `lots check`: loads and validates the site exactly as `build` does, renders every page
//! without writing anything, and gathers every finding (errors, overdue reviews, orphan
//! pages, and with `--external` failing external links) for people or for a pipeline.
//!
//! A client of the pipeline: it uses `site` and `content`; nothing there imports it.

pub mod external;
mod external_findings;
mod orphans;
mod report;

use std::path::PathBuf;

use chrono::NaiveDate;
use serde::Serialize;

use crate::diagnostics::{BuildError, Diagnostic, Severity};
use crate::site::Site;

pub use report::{human, json};

pub struct CheckOptions {
    pub root: PathBuf,
    pub include_drafts: bool,
    /// The day due dates are judged on; `None` for `LOTS_TODAY` or today.
    pub today: Option<NaiveDate>,
    pub external: bool,
    /// Show a progress bar while external links are requested (a terminal, human format).
    pub progress: bool,
    /// Warnings count as errors.
    pub strict: bool,
}

/// One thing to fix, with stable field names (the JSON format in README).
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    /// The group it is reported in: the first part of `code` (`schema`, `link`, `freshness`).
    pub kind: &'static str,
    pub code: &'static str,
    pub severity: Severity,
    pub file: String,
    /// 1-based; 0 when the finding is about the file as a whole.
    pub line: usize,
    pub column: usize,
    pub message: String,
    /// For external links: the URL and the HTTP status (null when there was no answer).
    pub url: Option<String>,
    pub status: Option<u16>,
    /// The line the position points into, for the human format.
    #[serde(skip)]
    pub source_line: Option<String>,
}

impl Finding {
    pub fn from_diagnostic(diagnostic: Diagnostic) -> Finding {
        Finding {
            kind: diagnostic.kind(),
            code: diagnostic.code,
            severity: diagnostic.severity,
            file: diagnostic.path.display().to_string(),
            line: diagnostic.line,
            column: diagnostic.column,
            message: diagnostic.message,
            url: None,
            status: None,
            source_line: diagnostic.source_line.map(String::from),
        }
    }
}

/// Everything `check` found, errors first within each file's order.
#[derive(Debug, Serialize)]
pub struct Report {
    pub today: String,
    pub strict: bool,
    pub findings: Vec<Finding>,
    /// The site's `language`, which the human format's own lines are said in.
    #[serde(skip)]
    pub language: String,
    /// Said once on stderr in the human format: what was not checked and why.
    #[serde(skip)]
    pub notes: Vec<String>,
}

impl Report {
    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }

    /// 0 when nothing is an error, 1 otherwise (under `--strict` warnings are errors).
    pub fn exit_code(&self) -> i32 {
        i32::from(self.errors() > 0)
    }
}

/// Runs every check. `Err` only when the machine failed (a file could not be read as a
/// folder, say); problems with the content are findings.
pub fn check(options: &CheckOptions) -> Result<Report, String> {
    let mut diagnostics = Vec::new();
    let mut notes = Vec::new();
    let mut external = Vec::new();
    let mut today = options
        .today
        .unwrap_or_else(crate::content::freshness::default_today);
    let mut language = None;
    match Site::load_with_problems(&options.root, options.include_drafts, None) {
        Ok((mut site, problems)) => {
            language = Some(site.config.language.clone());
            if let Some(day) = options.today {
                site.today = day;
            }
            today = site.today;
            if problems.is_empty() {
                diagnostics.extend(site_findings(&site)?);
            } else {
                // A site with errors is not rendered (its errors would come twice), but what
                // is overdue is still worth knowing in the same run.
                diagnostics.extend(problems.into_vec());
                diagnostics.extend(freshness_findings(&site));
            }
            if options.external {
                let (found, warnings) = external_findings::check(&site, options.progress);
                external = found;
                notes.extend(warnings);
            }
        }
        Err(BuildError::Content(problems)) => diagnostics.extend(problems),
        Err(BuildError::Io(message)) => return Err(message),
    }
    let mut findings: Vec<Finding> = diagnostics
        .into_iter()
        .map(Finding::from_diagnostic)
        .chain(external)
        .collect();
    if options.strict {
        for finding in &mut findings {
            finding.severity = Severity::Error;
        }
    }
    findings.sort_by(|a, b| {
        (a.kind, &a.file, a.line, a.column, &a.message)
            .cmp(&(b.kind, &b.file, b.line, b.column, &b.message))
    });
    Ok(Report {
        today: today.format("%Y-%m-%d").to_string(),
        strict: options.strict,
        findings,
        language: language.unwrap_or_else(|| crate::site::language_of(&options.root)),
        notes,
    })
}

/// The findings of a site that loaded: what rendering refuses, the load's warnings,
/// freshness and orphans.
fn site_findings(site: &Site) -> Result<Vec<Diagnostic>, String> {
    let mut found = Vec::new();
    // Templates fail on some pages only when they render: render everything, keep nothing.
    let sink = orphans::RecordingSink::default();
    match crate::site::render_only(site, &|_| true, &sink) {
        Ok(_) => {}
        Err(BuildError::Content(problems)) => found.extend(problems.into_iter().map(|mut d| {
            d.code_if_generic("template.render");
            d
        })),
        Err(BuildError::Io(message)) => return Err(message),
    }
    found.extend(freshness_findings(site));
    found.extend(orphans::find(site, &sink.into_deps()));
    Ok(found)
}

/// The load's warnings and every page out of date.
fn freshness_findings(site: &Site) -> Vec<Diagnostic> {
    let warnings = site.warnings.iter().cloned().map(Diagnostic::warning);
    let overdue = site.freshness();
    warnings
        .chain(overdue.iter().map(|f| f.diagnostic(&site.library)))
        .collect()
}
