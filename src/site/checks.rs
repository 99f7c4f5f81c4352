//! Whole-site checks that need every page loaded: anchors into other pages, the templates
//! named in front matter and config, and output paths claimed twice. They are one list,
//! [`all`], run by a build's load and by every `serve` update, so that the two report the
//! same problems in the same words.

use crate::config::Config;
use crate::content::{Library, TemplateRef};
use crate::diagnostics::Diagnostic;
use crate::markdown::AnchorCheck;
use crate::templates::Templates;

use super::{collisions, Site};

/// Whether an update can have changed the output paths pages claim.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Claims {
    /// A load, a template or static file change, or an edit that moved a page, changed its
    /// aliases or terms, or added or removed one.
    MayHaveChanged,
    /// A page edit that claims what it claimed before: the site had no collision before the
    /// edit (serve reloads it whole while an error lasts), so it has none now.
    Unchanged,
}

/// Every whole-site check. `anchor_checks` are the links into other pages' headings of the
/// Markdown just rendered (all of it in a build, the touched pages' in `serve`).
pub fn all(
    site: &Site,
    anchor_checks: &[(String, AnchorCheck)],
    claims: Claims,
) -> Vec<Diagnostic> {
    let mut problems = without_templates(&site.library, anchor_checks);
    problems.extend(templates(&site.library, &site.templates));
    problems.extend(collection_templates(
        &site.config,
        &site.root,
        &site.templates,
    ));
    if claims == Claims::MayHaveChanged {
        problems.extend(collisions::check(site));
    }
    problems
}

/// The checks of [`all`] that need no templates, for a load whose templates are broken: its
/// other problems are still reported in the same run.
pub fn without_templates(
    library: &Library,
    anchor_checks: &[(String, AnchorCheck)],
) -> Vec<Diagnostic> {
    anchors(library, anchor_checks)
}

fn anchors(library: &Library, checks: &[(String, AnchorCheck)]) -> Vec<Diagnostic> {
    checks
        .iter()
        .filter(|(from, _)| library.document(from).is_some())
        .filter_map(|(_, check)| anchor_problem(library, check))
        .collect()
}

/// The problem of a link into a heading of another page, if that heading is not there; the
/// page linking need not be in the library (the editor's preview).
pub fn anchor_problem(library: &Library, check: &AnchorCheck) -> Option<Diagnostic> {
    let target = library.document(&check.target_key)?;
    let known = target
        .rendered
        .as_ref()
        .is_some_and(|r| r.anchors.contains(&check.anchor));
    if known {
        return None;
    }
    let link = format!("@/{}#{}", check.target_key, check.anchor);
    Some(
        check
            .at
            .clone()
            .with_text("link.anchor.missing", crate::args!("link" => link)),
    )
}

/// Templates named in front matter must exist.
fn templates(library: &Library, templates: &Templates) -> Vec<Diagnostic> {
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
            .with_code("template.missing")
        })
        .collect()
}

/// Templates named by collections in config.yaml must exist.
fn collection_templates(
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
            ).with_code("template.missing"));
        }
    }
    problems
}
