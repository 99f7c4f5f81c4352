//! Captions that work from `file://`: a browser loads a `<track>` only from the page's own
//! origin, and under `file://` every file is an origin of its own, so a `.vtt` file beside the
//! page is refused. Each `<track src="….vtt">` that names a caption file of the build gets
//! that file as a `data:` URL instead, which loads everywhere; the file itself stays
//! published, for download.

use std::path::Path;

use crate::content::paths::{dir_of, join_relative, percent_decode};

/// Caption files larger than this stay links (a page should not grow by megabytes).
const MAX_INLINE: u64 = 512 * 1024;

/// The page `name` (its bytes `html`) with its caption tracks inlined, or `None` when it has
/// none to inline.
pub fn inline(out_dir: &Path, name: &str, html: &[u8]) -> Option<Vec<u8>> {
    let text = std::str::from_utf8(html).ok()?;
    if !text.contains("<track") {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut changed = false;
    while let Some(start) = rest.find("<track") {
        let Some(length) = rest[start..].find('>') else {
            break;
        };
        let tag = &rest[start..start + length];
        out.push_str(&rest[..start]);
        match src_value(tag).and_then(|(from, to)| {
            data_url(out_dir, name, &tag[from..to]).map(|url| (from, to, url))
        }) {
            Some((from, to, url)) => {
                out.push_str(&tag[..from]);
                out.push_str(&url);
                out.push_str(&tag[to..]);
                changed = true;
            }
            None => out.push_str(tag),
        }
        rest = &rest[start + length..];
    }
    out.push_str(rest);
    changed.then(|| out.into_bytes())
}

/// Where the value of the tag's `src="…"` attribute starts and ends.
fn src_value(tag: &str) -> Option<(usize, usize)> {
    let at = tag.find(" src=\"")? + " src=\"".len();
    let end = at + tag[at..].find('"')?;
    Some((at, end))
}

/// The caption file a relative `src` names, as a `data:` URL.
fn data_url(out_dir: &Path, page: &str, src: &str) -> Option<String> {
    let src = src.replace("&amp;", "&");
    if src.contains(':') || src.starts_with('/') {
        return None;
    }
    let path = src.split(['?', '#']).next()?;
    let relative = percent_decode(&join_relative(dir_of(page), path)?);
    if !relative.to_ascii_lowercase().ends_with(".vtt") || relative.split('/').any(|p| p == "..") {
        return None;
    }
    let file = out_dir.join(&relative);
    let size = std::fs::metadata(&file).ok()?.len();
    if size > MAX_INLINE {
        return None;
    }
    let bytes = std::fs::read(&file).ok()?;
    Some(format!(
        "data:text/vtt;charset=utf-8;base64,{}",
        base64(&bytes)
    ))
}

fn base64(bytes: &[u8]) -> String {
    const TABLE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(TABLE[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_pads() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64("WEBVTT\nå".as_bytes()), "V0VCVlRUCsOl");
    }

    #[test]
    fn tracks_of_the_build_are_inlined_and_others_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("f/a")).unwrap();
        std::fs::write(dir.path().join("f/a/text ning.vtt"), "WEBVTT\n").unwrap();
        let html = concat!(
            "<video><track kind=\"captions\" src=\"../../f/a/text%20ning.vtt\" default>",
            "<track src=\"https://example.se/x.vtt\"><track src=\"saknas.vtt\"></video>"
        );
        let out = inline(dir.path(), "f/a/index.html", html.as_bytes()).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(
            out.contains("<track kind=\"captions\" src=\"data:text/vtt;charset=utf-8;base64,V0VCVlRUCg==\" default>"),
            "{out}"
        );
        assert!(out.contains("src=\"https://example.se/x.vtt\""));
        assert!(out.contains("src=\"saknas.vtt\""));
        assert!(inline(dir.path(), "index.html", b"<p>no tracks</p>").is_none());
    }
}

#[cfg(test)]
mod proptests {
    use super::*;
    use proptest::prelude::*;

    /// Page HTML with track tags, quotes and `>` cut anywhere, beside multi-byte letters.
    fn page_html() -> impl Strategy<Value = String> {
        crate::test_text::made_of(
            &["<track", " src=\"", "\"", ">", "textning.vtt", "&amp;"],
            "[a-z./ ]{0,3}",
            30,
        )
    }

    proptest! {
        #[test]
        fn any_page_html_is_scanned_without_panic(html in page_html()) {
            let dir = std::env::temp_dir();
            inline(&dir, "sida/index.html", html.as_bytes());
        }
    }
}
