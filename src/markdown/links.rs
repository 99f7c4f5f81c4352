//! Link destinations in Markdown: `@/section/page.md#anchor` and relative paths to pages or
//! files become root-marked URLs; dangerous schemes are refused.

use crate::content::discover::parent_dir;
use crate::content::kind::FileKind;
use crate::content::paths::{join_relative, percent_decode, scheme_of, ROOT_MARK};
use crate::content::Library;

/// Why a destination is refused: a stable diagnostic code and what to do about it.
pub struct Refused {
    pub code: &'static str,
    pub message: String,
}

/// Codes of refused links: a target that is not there, and a scheme that is not allowed.
const MISSING: &str = "link.internal.missing";
const SCHEME: &str = "link.scheme";

fn refused(code: &'static str, message: String) -> Refused {
    Refused { code, message }
}

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
) -> Result<Resolved, Refused> {
    let dest = dest.trim();
    if let Some(internal) = dest.strip_prefix("@/") {
        return resolve_document(library, internal, dest);
    }
    if let Some(anchor) = dest.strip_prefix('#') {
        return Ok(Resolved::OwnAnchor(anchor.to_string()));
    }
    if let Some(scheme) = scheme_of(dest) {
        return check_scheme(&scheme, dest, is_image)
            .map(|()| Resolved::Url(dest.to_string(), None))
            .map_err(|message| refused(SCHEME, message));
    }
    if dest.starts_with("//") {
        return Ok(Resolved::Url(dest.to_string(), None));
    }
    if let Some(rooted) = dest.strip_prefix('/') {
        // At the top of the site the root prefix is empty: `/javascript:…` would become
        // `javascript:…`.
        if let Some(scheme) = scheme_of(rooted) {
            return Err(refused(SCHEME, rooted_scheme_error(dest, &scheme)));
        }
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
        return Err(refused(
            MISSING,
            format!("`{dest}` points outside the content folder"),
        ));
    };
    if FileKind::of(&key).is_document() {
        return resolve_document(library, &format!("{key}{rest}"), dest);
    }
    match library.linkable.get(&key) {
        Some(asset) => Ok(Resolved::File {
            url: format!("{ROOT_MARK}{}{rest}", asset.output),
            key,
        }),
        None => Err(refused(
            MISSING,
            format!("`{dest}` links to content/{key}, which does not exist"),
        )),
    }
}

/// Whether a destination is a web address (`http:` or `https:`), which `check --external`
/// checks.
pub fn is_web(dest: &str) -> bool {
    scheme_of(dest.trim()).is_some_and(|s| s == "http" || s == "https")
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

fn resolve_document(library: &Library, internal: &str, written: &str) -> Result<Resolved, Refused> {
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
            return Err(refused(MISSING, format!("`{written}` links to a draft, which is not published; remove the link or publish the page")));
        }
        return Err(refused(MISSING, format!("`{written}` links to content/{key}, which does not exist; internal links are written @/folder/file.md")));
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

/// For a path from the site root that starts like a URL with a scheme (`/javascript:…`).
fn rooted_scheme_error(written: &str, scheme: &str) -> String {
    format!(
        "`{written}` starts with `{scheme}:` after the `/`, which browsers would read as a `{scheme}:` link; such links are not allowed: write a web address (https://…) without the `/`, or an @/ link"
    )
}

/// `path?query#fragment` → (`path`, `?query#fragment`).
fn split_suffix(dest: &str) -> (&str, &str) {
    match dest.find(['?', '#']) {
        Some(index) => (&dest[..index], &dest[index..]),
        None => (dest, ""),
    }
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
        assert!(check_scheme("javascript", "javascript:x", false).is_err());
        assert!(check_scheme("mailto", "mailto:a@b.se", false).is_ok());
    }
}
