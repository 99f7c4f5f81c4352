//! Files in `content/` that a browser (or the web server) runs as code: HTML, XML, a Flash
//! movie, a server script. Published as they are, they would run on the site's own address
//! with its cookies and its service worker, so they are refused unless `config.yaml` allows
//! the type by name (`allow_active_files`). A compressed SVG is always refused: lots cleans
//! every SVG of scripts, and cannot clean one it cannot read.

use std::path::Path;

use crate::diagnostics::Diagnostic;

/// Extensions (lower case) that run as active content, and what they are, for the message.
pub const ACTIVE_TYPES: [(&str, &str); 24] = [
    ("html", "an HTML page"),
    ("htm", "an HTML page"),
    ("xhtml", "an XHTML page"),
    ("xht", "an XHTML page"),
    ("shtml", "an HTML page with server-side includes"),
    ("shtm", "an HTML page with server-side includes"),
    ("stm", "an HTML page with server-side includes"),
    ("mht", "a saved web page (MHTML)"),
    ("mhtml", "a saved web page (MHTML)"),
    ("hta", "an HTML application"),
    ("xml", "an XML document"),
    ("xsl", "an XSL style sheet"),
    ("xslt", "an XSLT style sheet"),
    ("rss", "an RSS feed"),
    ("atom", "an Atom feed"),
    ("rdf", "an RDF document"),
    ("svgz", "a compressed SVG"),
    ("swf", "a Flash movie"),
    ("php", "a PHP script"),
    ("phtml", "a PHP script"),
    ("asp", "an ASP script"),
    ("aspx", "an ASP.NET page"),
    ("jsp", "a Java server page"),
    ("cgi", "a CGI script"),
];

/// Types that no setting allows: they would skip a cleaning every file of their kind gets.
pub const NEVER_ALLOWED: [&str; 1] = ["svgz"];

/// The extension of a content key, lower case (`A/Sida.HTML` → `html`).
fn extension(key: &str) -> String {
    let name = key.rsplit('/').next().unwrap_or(key);
    name.rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .unwrap_or_default()
}

/// One error for each file in `assets` (content keys) of an active type the site does not
/// allow; `allowed` holds lower-case extensions without the dot.
pub fn refuse_active(content_dir: &Path, assets: &[String], allowed: &[String]) -> Vec<Diagnostic> {
    assets
        .iter()
        .filter_map(|key| {
            let ext = extension(key);
            let (_, what) = ACTIVE_TYPES.iter().find(|(e, _)| *e == ext)?;
            if allowed.contains(&ext) && !NEVER_ALLOWED.contains(&ext.as_str()) {
                return None;
            }
            let name = key.rsplit('/').next().unwrap_or(key);
            Some(Diagnostic::file(
                &content_dir.join(key),
                message(name, &ext, what),
            ))
        })
        .collect()
}

fn message(name: &str, ext: &str, what: &str) -> String {
    if NEVER_ALLOWED.contains(&ext) {
        let stem = &name[..name.len() - ext.len() - 1];
        return format!(
            "the file is {what}, which lots cannot clean of scripts as it cleans an .svg, so it is not published; unpack it to .svg (`gunzip -c {name} > {stem}.svg`) and link to that"
        );
    }
    format!(
        "the file is {what}, which a browser or web server may run as code on the site's own address, so it is not published; write the page in Markdown, put the file in a .zip, or, if the site trusts such files, allow the type in config.yaml with `allow_active_files: [{ext}]`"
    )
}

/// Why an entry of `allow_active_files` is wrong, if it is.
pub fn check_allowed(ext: &str) -> Option<String> {
    let known = || {
        ACTIVE_TYPES
            .iter()
            .map(|(e, _)| *e)
            .filter(|e| !NEVER_ALLOWED.contains(e))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if NEVER_ALLOWED.contains(&ext) {
        Some(format!("`{ext}` cannot be allowed: a compressed SVG cannot be cleaned of scripts; unpack it to .svg"))
    } else if !ACTIVE_TYPES.iter().any(|(e, _)| *e == ext) {
        Some(format!(
            "`{ext}` is not a type lots refuses, so it needs no allowing; the types are {}",
            known()
        ))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refused_by_extension_in_any_case() {
        let keys: Vec<String> = [
            "a/Sida.HTML",
            "b.Svgz",
            "c.xml",
            "d.pdf",
            "html",
            "e.md.htm",
        ]
        .map(String::from)
        .to_vec();
        let refused = refuse_active(Path::new("content"), &keys, &[]);
        let paths: Vec<String> = refused
            .iter()
            .map(|d| d.path.display().to_string())
            .collect();
        assert_eq!(
            paths,
            [
                "content/a/Sida.HTML",
                "content/b.Svgz",
                "content/c.xml",
                "content/e.md.htm"
            ]
        );
        let allowed = ["xml".to_string(), "html".to_string(), "svgz".to_string()];
        let refused = refuse_active(Path::new("content"), &keys, &allowed);
        assert_eq!(refused.len(), 2, "{refused:?}");
    }

    #[test]
    fn only_known_types_can_be_allowed() {
        assert!(check_allowed("html").is_none());
        assert!(check_allowed("pdf").is_some());
        assert!(check_allowed("svgz").is_some());
    }
}
