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
pub fn resolve_root_marks(html: &str, prefix: &str) -> String {
    html.replace(ROOT_MARK, prefix)
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
    fn prefixes() {
        assert_eq!(root_prefix("index.html"), "");
        assert_eq!(root_prefix("a/b/index.html"), "../../");
        assert_eq!(dir_of("a/b/index.html"), "a/b/");
    }
}
