//! The Content-Security-Policy every page carries in a `<meta http-equiv>`: scripts and
//! styles only from the site itself, never inline, so an injected `<script>` or `style=""`
//! does nothing. A meta policy (not a header) because the site is also opened from a USB
//! stick, where no server sends headers.
//!
//! `content_security_policy:` in config.yaml may add web servers to the directives that
//! load media and the like (an internal video service), never to `script-src` or
//! `style-src`, and never a keyword such as `'unsafe-inline'`.

use indexmap::IndexMap;
use serde::Serialize;

use crate::args;
use crate::diagnostics::Diagnostic;
use crate::yaml::{self, Node, Spanned};

/// The policy of a site that adds nothing. In Chromium `'self'` in a `file:` page matches the
/// other `file:` files (the browser tests open the site both ways), so one policy serves
/// http(s) and `file://` and needs no `file:` source, which would allow any local file.
/// `media-src` allows `data:` because captions are inlined as `data:` URLs (see
/// `offline::captions`: a `.vtt` beside the page is refused under `file://`).
/// `frame-ancestors` is left out: browsers ignore it in a meta policy.
const BASE: &[(&str, &str)] = &[
    ("default-src", "'self'"),
    ("script-src", "'self'"),
    ("style-src", "'self'"),
    ("img-src", "'self'"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("media-src", "'self' data:"),
    ("frame-src", "'self'"),
    ("worker-src", "'self'"),
    ("manifest-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
];

/// The directives a site may add servers to: what a page shows or loads, not what it runs.
const EXTENDABLE: &[&str] = &[
    "img-src",
    "media-src",
    "font-src",
    "connect-src",
    "frame-src",
];

/// `content_security_policy:` as written: directive to the servers it adds.
pub type RawCsp = Option<Spanned<Node>>;

/// The site's policy, checked: the base policy with the servers the site added.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Csp {
    extra: IndexMap<String, Vec<String>>,
}

impl Csp {
    /// The policy `raw` asks for; each wrong directive or server is a problem at its place.
    pub fn checked(raw: RawCsp, block: yaml::Block<'_>, problems: &mut Vec<Diagnostic>) -> Csp {
        let mut extra = IndexMap::new();
        let Some(raw) = raw.filter(|raw| !raw.value.is_nothing()) else {
            return Csp { extra };
        };
        let Node::Map(directives) = &raw.value else {
            problems.push(
                block
                    .at(&raw, "")
                    .with_text("config.csp.shape", args!["kind" => raw.value.kind()]),
            );
            return Csp { extra };
        };
        for (directive, sources) in directives {
            if !EXTENDABLE.contains(&directive.value.as_str()) {
                problems.push(block.at(directive, "").with_text(
                    "config.csp.directive",
                    args!["directive" => directive.value, "allowed" => EXTENDABLE.join(", ")],
                ));
                continue;
            }
            let items = match &sources.value {
                Node::Seq(items) => items.as_slice(),
                _ => std::slice::from_ref(sources),
            };
            let mut checked = Vec::new();
            for source in items {
                match source.value.text() {
                    Some(text) if is_server(text.trim()) => {
                        checked.push(text.trim().trim_end_matches('/').to_string());
                    }
                    text => problems.push(block.at(source, "").with_text(
                        "config.csp.source",
                        args!["source" => text.unwrap_or_else(|| source.value.kind())],
                    )),
                }
            }
            extra.insert(directive.value.clone(), checked);
        }
        Csp { extra }
    }

    /// The policy, as the `content` of the meta element. Its characters need no escaping
    /// in a double-quoted attribute: added sources are checked by [`is_server`].
    pub fn policy(&self) -> String {
        BASE.iter()
            .map(|(directive, sources)| match self.extra.get(*directive) {
                Some(added) if !added.is_empty() => {
                    format!("{directive} {sources} {}", added.join(" "))
                }
                _ => format!("{directive} {sources}"),
            })
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// The meta element, for HTML that lots writes itself (redirects).
    pub fn meta(&self) -> String {
        format!(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">",
            self.policy()
        )
    }
}

/// An http(s) server, optionally with a port or path: `https://video.example.se`,
/// `https://*.example.se:8443/media/`. Keywords (quoted), bare schemes and anything that
/// could end the attribute or the directive are refused.
fn is_server(source: &str) -> bool {
    let Some(rest) = source
        .strip_prefix("https://")
        .or_else(|| source.strip_prefix("http://"))
    else {
        return false;
    };
    let host = rest.split(['/', ':']).next().unwrap_or("");
    let host = host.strip_prefix("*.").unwrap_or(host);
    !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.'))
        && rest.chars().all(|c| {
            c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '~' | '/' | ':' | '*' | '%')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_base_policy_allows_nothing_inline() {
        let policy = Csp::default().policy();
        assert!(policy.starts_with("default-src 'self'; script-src 'self'; style-src 'self';"));
        assert!(!policy.contains("unsafe"), "{policy}");
        assert!(policy.contains("object-src 'none'"), "{policy}");
        assert!(!policy.contains("frame-ancestors"), "{policy}");
    }

    #[test]
    fn added_servers_follow_their_directive() {
        let mut extra = IndexMap::new();
        extra.insert(
            "media-src".to_string(),
            vec!["https://video.example.se".to_string()],
        );
        let policy = Csp { extra }.policy();
        assert!(
            policy.contains("; media-src 'self' data: https://video.example.se; "),
            "{policy}"
        );
    }

    #[test]
    fn only_servers_may_be_added() {
        for ok in [
            "https://video.example.se",
            "http://localhost:8080",
            "https://*.example.se/media/",
        ] {
            assert!(is_server(ok), "{ok}");
        }
        for bad in [
            "'unsafe-inline'",
            "*",
            "https:",
            "data:",
            "https://",
            "https://a.se; script-src *",
            "https://a.se\" onload=\"x",
            "https://a.se <x>",
            "video.example.se",
        ] {
            assert!(!is_server(bad), "{bad}");
        }
    }
}
