//! `check --external`: the site's external links requested with the settings of its
//! `check:` section, each broken or redirected one turned into a finding with its URL and
//! HTTP status (warnings; `--strict` makes them errors like every other warning).

use std::collections::HashMap;
use std::path::Path;
use std::time::Duration;

use super::external::{self, ExternalFinding, ExternalOptions, ExternalOutcome};
use super::Finding;
use crate::diagnostics::Diagnostic;
use crate::images::CACHE_DIR;
use crate::site::Site;

/// The findings, and notes for stderr (how many links were skipped).
pub fn check(site: &Site, progress: bool) -> (Vec<Finding>, Vec<String>) {
    let settings = &site.config.check;
    let mut options = ExternalOptions::new(site.root.join(CACHE_DIR));
    options.skip = settings.skip_external.clone();
    options.cache_ttl = Duration::from_secs(settings.external_cache_hours.saturating_mul(3600));
    options.progress = progress;
    let links = external::external_links(&site.library);
    let skipped = links
        .iter()
        .filter(|l| external::is_skipped(&l.url, &options.skip))
        .count();
    let sources = sources(site);
    let findings = external::check(&links, &options)
        .into_iter()
        .map(|found| finding(found, &sources))
        .collect();
    let mut notes = Vec::new();
    if skipped > 0 {
        let lang = crate::messages::Lang::of(&site.config.language);
        let count = crate::args!("count" => skipped);
        notes.push(crate::messages::say(lang, "check.external_skipped", &count));
    }
    (findings, notes)
}

/// The text of every loaded file, by its path, to show the line a finding points into.
fn sources(site: &Site) -> HashMap<&Path, &str> {
    let pages = site.library.pages.values().map(|p| &p.doc);
    let sections = site.library.sections.values().map(|s| &s.doc);
    pages
        .chain(sections)
        .filter_map(|doc| Some((doc.file.as_deref()?, doc.source.as_str())))
        .collect()
}

fn finding(found: ExternalFinding, sources: &HashMap<&Path, &str>) -> Finding {
    let link = &found.link;
    let code = match found.outcome {
        ExternalOutcome::Redirected { .. } => "external.redirect",
        _ => "external.broken",
    };
    let source = sources.get(link.file.as_path()).copied().unwrap_or("");
    let diagnostic = Diagnostic::at(&link.file, source, link.line, link.column, found.message)
        .with_code(code)
        .warning();
    Finding {
        url: Some(link.url.clone()),
        status: found.status,
        ..Finding::from_diagnostic(diagnostic)
    }
}
