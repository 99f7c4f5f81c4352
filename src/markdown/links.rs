//! Link destinations in Markdown: `@/section/page.md#anchor` and relative paths to pages or
//! files become root-marked URLs; dangerous schemes are refused.

use crate::args;
use crate::content::discover::parent_dir;
use crate::content::kind::FileKind;
use crate::content::paths::{join_relative, percent_decode, scheme_of, ROOT_MARK};
use crate::content::Library;
use crate::messages::Args;

/// Why a destination is refused: a stable diagnostic code, the catalogue text that says what
/// to do about it (`code` or `code/variant`), and its arguments.
pub struct Refused {
    pub code: &'static str,
    pub text: &'static str,
    pub args: Args,
}

/// Codes of refused links: a target that is not there, and a scheme that is not allowed.
const MISSING: &str = "link.internal.missing";
const SCHEME: &str = "link.scheme";

fn refused(code: &'static str, text: &'static str, args: Args) -> Refused {
    Refused { code, text, args }
}

/// A link to another page's heading, checked once every page is rendered.
#[derive(Debug, Clone)]
pub struct AnchorCheck {
    pub target_key: String,
    pub anchor: String,
    /// Where the link is, as a problem without its text yet: placed while the file's text is
    /// at hand, which a build lets go of before the check.
    pub at: crate::diagnostics::Diagnostic,
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
            .map_err(|()| {
                let allowed = ALLOWED_SCHEMES.join(", ");
                let args = args!("scheme" => scheme, "allowed" => allowed);
                refused(SCHEME, SCHEME, args)
            });
    }
    if dest.starts_with("//") {
        return Ok(Resolved::Url(dest.to_string(), None));
    }
    if let Some(rooted) = dest.strip_prefix('/') {
        // At the top of the site the root prefix is empty: `/javascript:…` would become
        // `javascript:…`.
        if let Some(scheme) = scheme_of(rooted) {
            let args = args!("link" => dest, "scheme" => scheme);
            return Err(refused(SCHEME, "link.scheme/rooted", args));
        }
        let (path, rest) = split_suffix(rooted);
        if climbs_above_root(path) {
            let args = args!("link" => dest);
            return Err(refused(MISSING, "link.internal.missing/above_root", args));
        }
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
            "link.internal.missing/outside",
            args!("link" => dest),
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
            "link.internal.missing/file",
            args!("link" => dest, "path" => key),
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
            let args = args!("link" => written);
            return Err(refused(MISSING, "link.internal.missing/draft", args));
        }
        let args = args!("link" => written, "path" => key);
        return Err(refused(MISSING, MISSING, args));
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

/// Whether a path from the site's root leaves it, read as a browser reads it: `\\` is `/`,
/// `%2e` is `.`, and a second leading `/` starts at the top of the disk (or names a host).
/// From a page deep in the site the root prefix is `../../`, so `/../x` would climb out.
fn climbs_above_root(path: &str) -> bool {
    let path = path.replace('\\', "/");
    if path.starts_with('/') {
        return true;
    }
    let mut depth = 0usize;
    for segment in path.split('/') {
        match segment.to_ascii_lowercase().replace("%2e", ".").as_str() {
            ".." => match depth.checked_sub(1) {
                Some(up) => depth = up,
                None => return true,
            },
            "." | "" => {}
            _ => depth += 1,
        }
    }
    false
}

/// `path?query#fragment` → (`path`, `?query#fragment`).
fn split_suffix(dest: &str) -> (&str, &str) {
    match dest.find(['?', '#']) {
        Some(index) => (&dest[..index], &dest[index..]),
        None => (dest, ""),
    }
}

fn check_scheme(scheme: &str, dest: &str, is_image: bool) -> Result<(), ()> {
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
    Err(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by `tests/properties/links.rs`: `/../x` became `../../../x` two folders down.
    #[test]
    fn rooted_links_that_climb_out_of_the_site_are_refused() {
        for path in [
            "..",
            "../x",
            "a/../../x",
            "%2e%2e/x",
            "a/%2E%2e/../x",
            "\\x",
            "/x",
            "a\\..\\..\\x",
        ] {
            assert!(climbs_above_root(path), "{path}");
        }
        for path in ["", "x", "a/../x", "a/b/../../x", "a/./b", "..x/y", "a..b"] {
            assert!(!climbs_above_root(path), "{path}");
        }
    }

    #[test]
    fn schemes() {
        assert!(check_scheme("javascript", "javascript:x", false).is_err());
        assert!(check_scheme("mailto", "mailto:a@b.se", false).is_ok());
    }
}
