//! Link destinations in Markdown: `@/section/page.md#anchor` and relative paths to pages or
//! files become root-marked URLs; dangerous schemes are refused.

use crate::content::discover::parent_dir;
use crate::content::paths::{join_relative, percent_decode, ROOT_MARK};
use crate::content::Library;

/// A link to another page's heading, checked once every page is rendered.
#[derive(Debug, Clone)]
pub struct AnchorCheck {
    pub target_key: String,
    pub anchor: String,
    /// Byte offset of the link in the source file.
    pub offset: usize,
}

pub enum Resolved {
    /// Use this URL; maybe check an anchor in another page later.
    Url(String, Option<(String, String)>),
    /// A page or section of the site, by content key, maybe with an anchor to check.
    Document {
        url: String,
        key: String,
        anchor: Option<String>,
    },
    /// A non-Markdown file of the site, by content key: linking to it publishes it.
    File { url: String, key: String },
    /// A link to a heading of the page itself.
    OwnAnchor(String),
}

const ALLOWED_SCHEMES: [&str; 6] = ["http", "https", "mailto", "tel", "sms", "ftp"];

/// Resolves a destination written in the page with key `from`.
pub fn resolve(
    library: &Library,
    from: &str,
    dest: &str,
    is_image: bool,
) -> Result<Resolved, String> {
    let dest = dest.trim();
    if let Some(internal) = dest.strip_prefix("@/") {
        return resolve_document(library, internal, dest);
    }
    if let Some(anchor) = dest.strip_prefix('#') {
        return Ok(Resolved::OwnAnchor(anchor.to_string()));
    }
    if let Some(scheme) = scheme_of(dest) {
        return check_scheme(&scheme, dest, is_image)
            .map(|()| Resolved::Url(dest.to_string(), None));
    }
    if dest.starts_with("//") {
        return Ok(Resolved::Url(dest.to_string(), None));
    }
    if let Some(rooted) = dest.strip_prefix('/') {
        let (path, rest) = split_suffix(rooted);
        let file = if path.is_empty() || path.ends_with('/') {
            format!("{path}index.html")
        } else {
            path.to_string()
        };
        let url = format!("{ROOT_MARK}{file}{rest}");
        // A link by output path to a file of content/ publishes that file too.
        return Ok(match library.file_at_output(&percent_decode(&file)) {
            Some(key) => Resolved::File { url, key },
            None => Resolved::Url(url, None),
        });
    }
    let (path, rest) = split_suffix(dest);
    let Some(key) = join_relative(parent_dir(from), &percent_decode(path)) else {
        return Err(format!("`{dest}` points outside the content folder"));
    };
    if key.ends_with(".md") {
        return resolve_document(library, &format!("{key}{rest}"), dest);
    }
    match library.linkable.get(&key) {
        Some(asset) => Ok(Resolved::File {
            url: format!("{ROOT_MARK}{}{rest}", asset.output),
            key,
        }),
        None => Err(format!(
            "`{dest}` links to content/{key}, which does not exist"
        )),
    }
}

/// The content key of the file a relative destination names (`bild.png` in
/// `a/b/sida.md` → `a/b/bild.png`), for the image pipeline; `None` for anything else.
pub fn asset_key(library: &Library, from: &str, dest: &str) -> Option<String> {
    let dest = dest.trim();
    if dest.starts_with(['@', '#', '/']) || scheme_of(dest).is_some() {
        return None;
    }
    let (path, _) = split_suffix(dest);
    let key = join_relative(parent_dir(from), &percent_decode(path))?;
    library.linkable.contains_key(&key).then_some(key)
}

fn resolve_document(library: &Library, internal: &str, written: &str) -> Result<Resolved, String> {
    let (key, anchor) = match internal.split_once('#') {
        Some((key, anchor)) => (key, Some(anchor)),
        None => (internal, None),
    };
    let key = percent_decode(key);
    let Some(output) = library.output_path(&key) else {
        if library.failed.contains(&key) {
            return Ok(Resolved::Url(String::new(), None));
        }
        if library.drafts.contains(&key) {
            return Err(format!("`{written}` links to a draft, which is not published; remove the link or publish the page"));
        }
        return Err(format!("`{written}` links to content/{key}, which does not exist; internal links are written @/folder/file.md"));
    };
    let url = match anchor {
        Some(anchor) => format!("{ROOT_MARK}{output}#{anchor}"),
        None => format!("{ROOT_MARK}{output}"),
    };
    Ok(Resolved::Document {
        url,
        key,
        anchor: anchor.map(str::to_string),
    })
}

/// `path?query#fragment` → (`path`, `?query#fragment`).
fn split_suffix(dest: &str) -> (&str, &str) {
    match dest.find(['?', '#']) {
        Some(index) => (&dest[..index], &dest[index..]),
        None => (dest, ""),
    }
}

/// The scheme of an absolute URL (`https` in `https://…`), lower case. Control characters
/// and spaces that browsers ignore are dropped first, so `java\tscript:` is caught too.
fn scheme_of(dest: &str) -> Option<String> {
    let compact: String = dest
        .chars()
        .filter(|c| !c.is_control() && !c.is_whitespace())
        .collect();
    let colon = compact.find(':')?;
    let scheme = &compact[..colon];
    let looks_like_scheme = !scheme.is_empty()
        && scheme
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    let before_path = !compact[..colon].contains(['/', '?', '#']);
    (looks_like_scheme && before_path).then(|| scheme.to_ascii_lowercase())
}

fn check_scheme(scheme: &str, dest: &str, is_image: bool) -> Result<(), String> {
    if ALLOWED_SCHEMES.contains(&scheme) {
        return Ok(());
    }
    let raster_data = [
        "data:image/png",
        "data:image/jpeg",
        "data:image/gif",
        "data:image/webp",
    ];
    if is_image
        && scheme == "data"
        && raster_data
            .iter()
            .any(|p| dest.to_ascii_lowercase().starts_with(p))
    {
        return Ok(());
    }
    Err(format!(
        "links with `{scheme}:` are not allowed (only {}); write a web address or an @/ link",
        ALLOWED_SCHEMES.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes() {
        assert_eq!(scheme_of("https://a.se").as_deref(), Some("https"));
        assert_eq!(
            scheme_of("JavaScript:alert(1)").as_deref(),
            Some("javascript")
        );
        assert_eq!(
            scheme_of("java\tscript:alert(1)").as_deref(),
            Some("javascript")
        );
        assert_eq!(scheme_of("bilder/a:b.png"), None);
        assert!(check_scheme("javascript", "javascript:x", false).is_err());
        assert!(check_scheme("mailto", "mailto:a@b.se", false).is_ok());
    }
}
