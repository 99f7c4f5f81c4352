//! Output paths: every page is `section/slug/index.html`, and nothing may point outside the
//! output folder.

/// Turns an alias such as `/gamla/rutin/` or `gamla/rutin.html` into an output file path,
/// or `None` when it could escape the output folder or is not a plain path.
pub fn alias_output_path(alias: &str) -> Option<String> {
    let trimmed = alias.trim().trim_start_matches('/');
    if trimmed.is_empty()
        || trimmed.contains("://")
        || trimmed.contains(['\\', '\0', '?', '#', ':'])
        || trimmed.split('/').any(|part| part == ".." || part == ".")
    {
        return None;
    }
    let parts: Vec<&str> = trimmed.split('/').filter(|p| !p.is_empty()).collect();
    if parts.is_empty() {
        return None;
    }
    let joined = parts.join("/");
    if joined.ends_with(".html") || joined.ends_with(".htm") {
        Some(joined)
    } else {
        Some(format!("{joined}/index.html"))
    }
}

/// The folder part of an output file path, with a trailing slash (empty for the root).
pub fn dir_of(output_path: &str) -> &str {
    match output_path.rfind('/') {
        Some(index) => &output_path[..=index],
        None => "",
    }
}

/// The relative prefix that leads from the folder of `output_path` back to the site root.
pub fn root_prefix(output_path: &str) -> String {
    "../".repeat(output_path.matches('/').count())
}

/// Marks a URL as relative to the site root while rendering. Each output file replaces it with
/// the `../` prefix that leads from its own folder to the root, so one rendered fragment
/// (a page's body, a list item) is correct wherever it is shown, and the site works from any
/// folder and from `file://`.
pub const ROOT_MARK: &str = "@@lots-root@@/";

/// Replaces every [`ROOT_MARK`] in `html` with `prefix`.
///
/// At the top of the output the prefix is empty, so whatever follows the mark becomes the
/// start of the URL: a published file or link target named `javascript:…` would become a
/// link that runs script. There the mark becomes `./` whenever the first part of the URL
/// could be read as a scheme, which keeps every such URL relative, whichever way it was made.
pub fn resolve_root_marks(html: &[u8], prefix: &str) -> Vec<u8> {
    static FINDER: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(ROOT_MARK));
    let mut out = Vec::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = FINDER.find(rest) {
        out.extend_from_slice(&rest[..at]);
        rest = &rest[at + ROOT_MARK.len()..];
        if prefix.is_empty() && may_read_as_scheme(rest) {
            out.extend_from_slice(b"./");
        } else {
            out.extend_from_slice(prefix.as_bytes());
        }
    }
    out.extend_from_slice(rest);
    out
}

/// Whether a URL starting with `rest` may be read as having a scheme: a `:` before the first
/// `/`, `?`, `#` or the end of the attribute. A `&` counts too, as an HTML entity may decode
/// to `:`; an extra `./` before an ordinary path is harmless. (Every byte looked for is ASCII,
/// so reading bytes finds what reading characters would.)
fn may_read_as_scheme(rest: &[u8]) -> bool {
    rest.iter()
        .take_while(|b| !matches!(b, b'/' | b'?' | b'#' | b'\\' | b'"' | b'\'' | b'<' | b'>'))
        .any(|b| *b == b':' || *b == b'&')
}

/// The scheme of an absolute URL (`https` in `https://…`), lower case, as a browser reads it:
/// control characters and spaces, which browsers drop or ignore, are dropped first, so
/// `java\tscript:` and ` javascript:` are caught too.
pub fn scheme_of(dest: &str) -> Option<String> {
    let compact: String = dest
        .chars()
        .filter(|c| !c.is_control() && !c.is_whitespace())
        .collect();
    let colon = compact.find(':')?;
    let scheme = &compact[..colon];
    let looks_like_scheme = scheme
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    looks_like_scheme.then(|| scheme.to_ascii_lowercase())
}

/// Joins a relative `target` onto a content folder (`a/b/`), resolving `.` and `..`.
/// `None` when the result would leave the content folder.
pub fn join_relative(dir: &str, target: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for part in target.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

/// Decodes `%XX` escapes in a link written by hand (`min%20fil.pdf`).
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_stay_inside() {
        assert_eq!(
            alias_output_path("/gamla/rutin/").as_deref(),
            Some("gamla/rutin/index.html")
        );
        assert_eq!(alias_output_path("old.html").as_deref(), Some("old.html"));
        assert_eq!(alias_output_path("/../etc/passwd"), None);
        assert_eq!(alias_output_path("https://x.se/a"), None);
        assert_eq!(alias_output_path("/"), None);
    }

    #[test]
    fn no_root_mark_resolves_to_a_scheme() {
        let marked = |url: &str| format!("<a href=\"{ROOT_MARK}{url}\">");
        for (url, expected) in [
            ("javascript:alert(1)", "./javascript:alert(1)"),
            ("JavaScript:alert(1)", "./JavaScript:alert(1)"),
            (" javascript:alert(1)", "./ javascript:alert(1)"),
            ("java\tscript:alert(1)", "./java\tscript:alert(1)"),
            ("javascript&#58;alert(1)", "./javascript&#58;alert(1)"),
            ("data:text/html,x", "./data:text/html,x"),
            (
                "vbscript:msgbox(1)/index.html",
                "./vbscript:msgbox(1)/index.html",
            ),
            ("sida/index.html", "sida/index.html"),
            ("index.html", "index.html"),
            ("a/b:c.pdf", "a/b:c.pdf"),
        ] {
            assert_eq!(
                resolve_root_marks(marked(url).as_bytes(), ""),
                format!("<a href=\"{expected}\">").as_bytes(),
                "{url:?}"
            );
        }
        assert_eq!(
            resolve_root_marks(marked("javascript:x").as_bytes(), "../"),
            b"<a href=\"../javascript:x\">"
        );
        assert_eq!(
            resolve_root_marks(
                format!("{ROOT_MARK}a {ROOT_MARK}b:c {ROOT_MARK}").as_bytes(),
                ""
            ),
            b"a ./b:c ",
            "every mark, the last one too"
        );
    }

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
        assert_eq!(scheme_of(" javascript:x").as_deref(), Some("javascript"));
        assert_eq!(scheme_of("bilder/a:b.png"), None);
        assert_eq!(scheme_of("java%09script:x"), None);
    }

    #[test]
    fn prefixes() {
        assert_eq!(root_prefix("index.html"), "");
        assert_eq!(root_prefix("a/b/index.html"), "../../");
        assert_eq!(dir_of("a/b/index.html"), "a/b/");
    }
}
