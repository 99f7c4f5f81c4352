//! No two things may write the same output file: pages, sections and their pager pages,
//! taxonomy pages, aliases, static files, page files and templates under `pages/`.
//! Checked from the same list of jobs that rendering uses, so the two cannot disagree.

use std::collections::HashMap;

use crate::content::Document;
use crate::diagnostics::Diagnostic;

use super::render::{jobs, pager_path};
use super::{output, Site};

/// Files the build always writes besides rendered ones.
const FIXED_FILES: [&str; 6] = [
    "highlight.css",
    crate::templates::script_texts::PATH,
    "sitemap.xml",
    output::MARKER,
    crate::offline::SERVICE_WORKER,
    crate::offline::MANIFEST,
];

struct Claim<'a> {
    what: String,
    doc: Option<&'a Document>,
}

#[derive(Default)]
struct Claims<'a> {
    by_path: HashMap<String, Claim<'a>>,
    problems: Vec<Diagnostic>,
}

impl<'a> Claims<'a> {
    fn claim(&mut self, path: String, what: String, doc: Option<&'a Document>) {
        let Some(first) = self.by_path.get(&path) else {
            self.by_path.insert(path, Claim { what, doc });
            return;
        };
        let message = format!(
            "{what} and {} would both write {path}; rename one of them (a file name, `slug:` or alias)",
            first.what
        );
        let blamed = doc.or(first.doc);
        let problem = match blamed {
            Some(doc) => Diagnostic::file(&doc.file_path(), message),
            None => Diagnostic::file(std::path::Path::new("templates"), message),
        };
        self.problems.push(problem.with_code("output.collision"));
    }
}

pub fn check(site: &Site) -> Vec<Diagnostic> {
    claims(site).1
}

/// Every path the site writes besides the site-wide files, and the problems found.
pub fn claims(site: &Site) -> (std::collections::HashSet<String>, Vec<Diagnostic>) {
    let library = &site.library;
    let mut claims = Claims::default();
    for job in &jobs(site) {
        claims.claim(job.path(), job.describe(), job.document());
    }
    let documents = library
        .pages
        .values()
        .map(|p| (&p.doc, &p.meta.aliases))
        .chain(library.sections.values().map(|s| (&s.doc, &s.meta.aliases)));
    for (doc, aliases) in documents {
        for alias in aliases {
            claims.claim(
                alias.clone(),
                format!("an alias of content/{}", doc.key),
                Some(doc),
            );
        }
    }
    for section in library
        .sections
        .values()
        .filter(|s| s.meta.paginate_by.is_some())
    {
        let first_pager = pager_path(&section.doc.output_path, 1).replace("page/2/", "page/1/");
        claims.claim(
            first_pager,
            format!("the redirect page of content/{}", section.doc.key),
            Some(&section.doc),
        );
    }
    for name in site.templates.static_files.keys() {
        claims.claim(name.clone(), format!("static/{name}"), None);
    }
    for (key, asset) in &library.assets {
        claims.claim(asset.output.clone(), format!("content/{key}"), None);
    }
    for name in FIXED_FILES {
        claims.claim(name.to_string(), format!("lots' own {name}"), None);
    }
    (claims.by_path.into_keys().collect(), claims.problems)
}
