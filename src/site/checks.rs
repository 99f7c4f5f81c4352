//! Whole-site checks that need every page loaded: anchors into other pages, aliases, and the
//! templates named in front matter.

use crate::config::Config;
use crate::content::{Library, TemplateRef};
use crate::diagnostics::Diagnostic;
use crate::markdown::AnchorCheck;
use crate::templates::Templates;

pub fn anchors(library: &Library, checks: &[(String, AnchorCheck)]) -> Vec<Diagnostic> {
    checks
        .iter()
        .filter_map(|(from, check)| {
            let target = library.document(&check.target_key)?;
            let known = target
                .rendered
                .as_ref()
                .is_some_and(|r| r.anchors.contains(&check.anchor));
            if known {
                return None;
            }
            let doc = library.document(from)?;
            let message = format!(
                "`@/{}#{}` links to a heading that does not exist in that page",
                check.target_key, check.anchor
            );
            Some(Diagnostic::at_offset(
                &doc.file_path(),
                &doc.source,
                check.offset,
                message,
            ))
        })
        .collect()
}

/// Templates named in front matter must exist.
pub fn templates(library: &Library, templates: &Templates) -> Vec<Diagnostic> {
    let named = library
        .pages
        .values()
        .filter_map(|p| p.meta.template.as_ref().map(|t| (&p.doc, t)))
        .chain(library.sections.values().flat_map(|s| {
            [s.meta.template.as_ref(), s.meta.page_template.as_ref()]
                .into_iter()
                .flatten()
                .map(move |t| (&s.doc, t))
        }));
    named
        .filter(|(_, t)| !templates.exists(&t.name))
        .map(|(doc, t): (_, &TemplateRef)| {
            Diagnostic::at(
                &doc.file_path(),
                &doc.source,
                t.line,
                t.column,
                format!(
                    "template `{}` does not exist in templates/ or the theme",
                    t.name
                ),
            )
        })
        .collect()
}

/// Templates named by collections in config.yaml must exist.
pub fn collection_templates(
    config: &Config,
    root: &std::path::Path,
    templates: &Templates,
) -> Vec<Diagnostic> {
    let path = root.join(crate::config::CONFIG_FILE);
    let mut problems = Vec::new();
    for collection in &config.collections {
        let named = [
            collection.page_template.as_deref(),
            collection.list_template.as_deref(),
        ]
        .into_iter()
        .flatten()
        .chain(
            collection
                .page_outputs
                .iter()
                .chain(&collection.list_outputs)
                .map(|o| o.template.as_str()),
        );
        for name in named.filter(|name| !templates.exists(name)) {
            problems.push(Diagnostic::file(
                &path,
                format!(
                    "collection `{}` names template `{name}`, which does not exist in templates/ or the theme",
                    collection.name
                ),
            ));
        }
    }
    problems
}
