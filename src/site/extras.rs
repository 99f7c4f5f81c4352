//! Everything besides rendered pages: static files, page assets, the highlight stylesheet,
//! the scripts' texts, alias redirects and the sitemap.

use std::fmt::Write;

use rayon::prelude::*;

use crate::content::paths::{resolve_root_marks, root_prefix, ROOT_MARK};
use crate::diagnostics::BuildError;
use crate::markdown::highlight;
use crate::templates::{script_texts, StaticSource};

use super::output::Sink;
use super::render::pager_path;
use super::Site;

fn io_error(what: &str) -> impl Fn(std::io::Error) -> BuildError + '_ {
    move |e| BuildError::Io(format!("cannot write {what}: {e}"))
}

/// Files that only change when a file in content/, static/ or the theme changes: static
/// files, images, other assets, the highlight stylesheet.
pub fn write_published_files(site: &Site, sink: &dyn Sink) -> Result<(), BuildError> {
    copy_static(site, sink)?;
    write_images(site, sink)?;
    copy_assets(site, sink)?;
    let texts = script_texts::script(&site.templates.strings);
    sink.put(script_texts::PATH, texts.as_bytes())
        .map_err(io_error(script_texts::PATH))?;
    sink.put("highlight.css", highlight::stylesheet().as_bytes())
        .map_err(io_error("highlight.css"))
}

/// Small files made from every page: alias redirects and the sitemap.
pub fn write_generated(site: &Site, sink: &dyn Sink) -> Result<(), BuildError> {
    write_aliases(site, sink).map_err(io_error("an alias page"))?;
    sink.put("sitemap.xml", sitemap(site).as_bytes())
        .map_err(io_error("sitemap.xml"))
}

/// The search index, the most expensive of the site-wide files, from the pages' tokens.
pub fn write_search(
    site: &Site,
    tokenized: crate::search::Tokenized,
    sink: &dyn Sink,
) -> Result<(), BuildError> {
    let mut timer = super::timing::Timer::new();
    let files = tokenized.write(&site.config);
    timer.lap("search");
    files.par_iter().try_for_each(|file| {
        sink.put(&file.path, &file.bytes)
            .map_err(io_error(&file.path))
    })
}

pub(super) fn copy_static(site: &Site, sink: &dyn Sink) -> Result<(), BuildError> {
    site.templates
        .static_files
        .par_iter()
        .try_for_each(|(name, source)| {
            let result = match source {
                StaticSource::Embedded(bytes) => sink.put(name, bytes),
                StaticSource::File(path) => sink.copy(name, path),
            };
            result.map_err(|e| BuildError::Io(format!("cannot copy static file {name}: {e}")))
        })
}

/// Makes the image copies templates asked for while rendering, then publishes every copy.
fn write_images(site: &Site, sink: &dyn Sink) -> Result<(), BuildError> {
    let (problems, _) = site.images.process(&site.library);
    let mut all = crate::diagnostics::Diagnostics::default();
    all.extend(problems);
    all.into_result()?;
    site.images
        .outputs()
        .par_iter()
        .try_for_each(|(path, from)| {
            sink.copy(path, from)
                .map_err(|e| BuildError::Io(format!("cannot write {path}: {e}")))
        })
}

/// Images are published without their metadata (see `images`), other files as they are.
fn copy_assets(site: &Site, sink: &dyn Sink) -> Result<(), BuildError> {
    let content = site.root.join("content");
    site.library.assets.par_iter().try_for_each(|(key, out)| {
        let from = site
            .images
            .published_file(key)
            .unwrap_or_else(|| content.join(key));
        sink.copy(&out.output, &from)
            .map_err(|e| BuildError::Io(format!("cannot copy content/{key}: {e}")))
    })
}

/// The theme's words for a page that has moved.
fn moved_text(site: &Site) -> &str {
    site.templates
        .strings
        .get("moved")
        .and_then(|v| v.as_str())
        .unwrap_or("Sidan har flyttat till")
}

/// Tiny pages at old addresses that send the reader on to the new one.
fn write_aliases(site: &Site, sink: &dyn Sink) -> std::io::Result<()> {
    let library = &site.library;
    let moved = moved_text(site);
    let targets = library
        .pages
        .values()
        .map(|p| (&p.doc, &p.meta.aliases, p.meta.title.as_str()))
        .chain(
            library
                .sections
                .values()
                .map(|s| (&s.doc, &s.meta.aliases, s.title.as_str())),
        );
    for (doc, aliases, title) in targets {
        for alias in aliases {
            let html = redirect_page(site, moved, title, &doc.output_path);
            sink.put(
                alias,
                &resolve_root_marks(html.as_bytes(), &root_prefix(alias)),
            )?;
        }
    }
    for section in library
        .sections
        .values()
        .filter(|s| s.meta.paginate_by.is_some())
    {
        // `page/1/` is the section itself; send it there.
        let first = pager_path(&section.doc.output_path, 1).replace("page/2/", "page/1/");
        let html = redirect_page(site, moved, &section.title, &section.doc.output_path);
        sink.put(
            &first,
            &resolve_root_marks(html.as_bytes(), &root_prefix(&first)),
        )?;
    }
    Ok(())
}

/// A page that sends the browser on to `target`, under the same policy as every page.
fn redirect_page(site: &Site, moved: &str, title: &str, target: &str) -> String {
    redirect_to(site, moved, title, &format!("{ROOT_MARK}{target}"))
}

/// The page of a section whose `redirect_to` sends the reader on: to `target`, an output path
/// inside the site or a web address.
pub(super) fn section_redirect(site: &Site, title: &str, target: &str) -> String {
    let moved = moved_text(site);
    let href = match target.contains("://") {
        true => highlight::escape(target),
        false => format!("{ROOT_MARK}{target}"),
    };
    redirect_to(site, moved, title, &href)
}

/// [`redirect_page`] to an address as written in the HTML (root-marked or absolute).
fn redirect_to(site: &Site, moved: &str, title: &str, href: &str) -> String {
    let title = highlight::escape(title);
    let language = &site.config.language;
    let csp = site.config.content_security_policy.meta();
    format!(
        "<!DOCTYPE html>\n<html lang=\"{language}\"><head><meta charset=\"utf-8\">{csp}<title>{title}</title>\
         <meta http-equiv=\"refresh\" content=\"0; url={href}\">\
         <link rel=\"canonical\" href=\"{href}\"></head>\
         <body><p>{moved} <a href=\"{href}\">{title}</a>.</p></body></html>\n"
    )
}

/// Absolute URLs of every page and section, for search engines and link checkers.
fn sitemap(site: &Site) -> String {
    let library = &site.library;
    let base = &site.config.base_url;
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    let mut entry = |path: &str, lastmod: Option<String>| {
        let location = path.strip_suffix("index.html").unwrap_or(path);
        let _ = write!(
            xml,
            "  <url><loc>{}</loc>",
            highlight::escape(&format!("{base}/{location}"))
        );
        if let Some(day) = lastmod {
            let _ = write!(xml, "<lastmod>{day}</lastmod>");
        }
        xml.push_str("</url>\n");
    };
    for section in library.sections.values() {
        entry(&section.doc.output_path, None);
    }
    for page in library.pages.values() {
        let lastmod = page
            .meta
            .updated
            .as_ref()
            .or(page.meta.date.as_ref())
            .map(|d| d.day());
        entry(&page.doc.output_path, lastmod);
    }
    xml.push_str("</urlset>\n");
    xml
}
