//! Template errors as diagnostics that name the template file and line.

use std::collections::HashMap;
use std::path::PathBuf;

use tera::Tera;

use crate::diagnostics::Diagnostic;

type Sources = HashMap<String, (String, PathBuf)>;

/// Parses every template on its own first, so that every syntax error is reported, then
/// links them (`extends`, `import`).
pub fn compile(sources: &Sources, problems: &mut Vec<Diagnostic>) -> Tera {
    let mut ok = Vec::new();
    for (name, (text, path)) in sources {
        match tera::Template::new(name, None, text) {
            Ok(_) => ok.push((name.clone(), text.clone())),
            Err(err) => problems.push(positioned(path, text, &chain(&err))),
        }
    }
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".htm", ".xml", ".svg", ".vcf"]);
    tera.set_escape_fn(super::escape_fn());
    tera.register_filter("date", super::filters::date);
    tera.register_filter("filesize", super::filters::filesize);
    tera.register_filter("csv", super::filters::csv);
    tera.register_filter("vcard", super::filters::Vcard);
    tera.register_filter(
        "days_until",
        super::filters::DaysUntil(crate::content::freshness::default_today()),
    );
    if problems.is_empty() {
        if let Err(err) = tera.add_raw_templates(ok) {
            let message = chain(&err);
            let culprit = sources
                .iter()
                .find(|(name, _)| message.contains(&format!("'{name}'")));
            match culprit {
                Some((_, (text, path))) => problems.push(positioned(path, text, &message)),
                None => problems.push(Diagnostic::file(&PathBuf::from("templates"), message)),
            }
        }
    }
    tera
}

/// The error and its causes in one line each.
pub(super) fn chain(err: &tera::Error) -> String {
    let mut parts = vec![err.to_string()];
    let mut source = std::error::Error::source(err);
    while let Some(cause) = source {
        parts.push(cause.to_string());
        source = cause.source();
    }
    parts.join(": ")
}

/// Uses Tera's ` --> line:col` marker when the message has one.
fn positioned(path: &std::path::Path, text: &str, message: &str) -> Diagnostic {
    let position = message.split("--> ").nth(1).and_then(|rest| {
        let digits: String = rest
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == ':')
            .collect();
        let (line, col) = digits.split_once(':')?;
        Some((line.parse::<usize>().ok()?, col.parse::<usize>().ok()?))
    });
    let summary: Vec<&str> = message
        .lines()
        .map(str::trim)
        .filter_map(|l| match l.strip_prefix("= ") {
            Some(rest) => Some(rest),
            None => {
                let noise = l.is_empty()
                    || l.starts_with("-->")
                    || l.starts_with('|')
                    || l.chars().next().is_some_and(|c| c.is_ascii_digit());
                (!noise).then_some(l)
            }
        })
        .collect();
    let summary = summary.join(" ").trim_end_matches(':').trim().to_string();
    let summary = if summary.is_empty() {
        "the template cannot be parsed".to_string()
    } else {
        summary
    };
    match position {
        Some((line, col)) => Diagnostic::at(path, text, line, col, summary),
        None => Diagnostic::file(path, summary),
    }
}

/// A render error, located by searching the rendered template and its parents for the
/// variable or function the message names.
pub fn render_error(sources: &Sources, tera: &Tera, name: &str, err: &tera::Error) -> Diagnostic {
    let message = chain(err);
    let needle = message.split('`').nth(1).map(str::to_string);
    let mut current = Some(name.to_string());
    let mut candidates = Vec::new();
    while let Some(template) = current {
        candidates.push(template.clone());
        current = tera
            .get_template(&template)
            .ok()
            .and_then(|t| t.parent.clone());
    }
    // Blocks and macros may sit in any template, so search the rest too.
    let mut others: Vec<&String> = sources.keys().filter(|k| !candidates.contains(k)).collect();
    others.sort();
    candidates.extend(others.into_iter().cloned());
    if let Some(needle) = needle.filter(|n| !n.is_empty()) {
        for template in &candidates {
            let Some((text, path)) = sources.get(template) else {
                continue;
            };
            if let Some((index, line)) = text.lines().enumerate().find(|(_, l)| l.contains(&needle))
            {
                let column = line
                    .find(&needle)
                    .map_or(1, |b| line[..b].chars().count() + 1);
                return Diagnostic::at(path, text, index + 1, column, message);
            }
        }
    }
    let path = sources
        .get(name)
        .map(|(_, p)| p.clone())
        .unwrap_or_else(|| PathBuf::from(name));
    Diagnostic::file(&path, message)
}
