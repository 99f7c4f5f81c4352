//! The development server: serves the in-memory site, injects the reload script into HTML,
//! streams rebuild events, and refuses any path that could leave the site and any request
//! naming a host it does not serve.

use std::collections::HashMap;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Query, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use futures_util::stream::{self, Stream, StreamExt};

use super::disk;
use super::engine::{Event, Shared};
use super::hooks::{Decorator, Extension};
use super::host::Hosts;
use super::memory::Entry;
use super::overlay;

const RELOAD_JS: &str = include_str!("reload.js");
const RELOAD_TAG: &str = "<script src=\"/__lots/reload.js\"></script>";

/// What the handlers read: the site in memory, its root on disk (canonical), and the hosts
/// requests may name.
pub struct Server {
    pub shared: Arc<Shared>,
    pub root: PathBuf,
    hosts: Hosts,
    decorate: Option<Decorator>,
}

/// Every route, the event stream and an extension's included, answers only requests naming
/// an allowed host.
pub fn router(
    shared: Arc<Shared>,
    root: &Path,
    bound: SocketAddr,
    extension: Option<Extension>,
) -> Router {
    let (routes, decorate) = match extension {
        Some(extension) => (Some(extension.routes), Some(extension.decorate)),
        None => (None, None),
    };
    let server = Arc::new(Server {
        shared,
        root: std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf()),
        hosts: Hosts::new(bound),
        decorate,
    });
    let mut router = Router::new()
        .route("/__lots/reload.js", get(reload_js))
        .route(overlay::STYLE_URL, get(overlay_css))
        .route("/__lots/events", get(events))
        .fallback(file)
        .with_state(server.clone());
    if let Some(routes) = routes {
        router = router.merge(routes);
    }
    router.layer(middleware::from_fn_with_state(server, check_host))
}

/// Refuses a request whose `Host` (and absolute URL, if any) names another host: a page that
/// DNS rebinding sent here could otherwise read the site and its event stream.
async fn check_host(State(server): State<Arc<Server>>, request: Request, next: Next) -> Response {
    let headers = request.headers().get_all(header::HOST);
    // A value that is not ASCII names no host this server has.
    let mut named: Vec<&str> = headers
        .iter()
        .map(|value| value.to_str().unwrap_or("\0"))
        .collect();
    named.extend(request.uri().authority().map(|a| a.as_str()));
    if !named.is_empty() && named.iter().all(|host| server.hosts.allows(host)) {
        return next.run(request).await;
    }
    let text = format!(
        "lots serve svarar bara på localhost och IP-adresser (skydd mot DNS-rebinding). Öppna {}\n",
        server.hosts.url()
    );
    (StatusCode::MISDIRECTED_REQUEST, text).into_response()
}

async fn reload_js() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        RELOAD_JS,
    )
}

async fn overlay_css() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
        overlay::STYLE,
    )
}

/// A browser showing a page, for as long as its event stream is open.
struct Showing {
    shared: Arc<Shared>,
    path: String,
}

impl Showing {
    fn new(shared: &Arc<Shared>, page: &str) -> Option<Showing> {
        let path = site_path(page)?;
        shared.showing(&path, true);
        Some(Showing {
            shared: shared.clone(),
            path,
        })
    }
}

impl Drop for Showing {
    fn drop(&mut self) {
        self.shared.showing(&self.path, false);
    }
}

/// Rebuild events; `?page=/a/b/` says which page the browser shows.
async fn events(
    State(server): State<Arc<Server>>,
    Query(query): Query<HashMap<String, String>>,
) -> Sse<impl Stream<Item = Result<SseEvent, Infallible>>> {
    let shared = &server.shared;
    let showing = query
        .get("page")
        .and_then(|page| Showing::new(shared, page));
    let receiver = shared.events.subscribe();
    let initial = shared
        .error
        .read()
        .ok()
        .and_then(|e| e.clone())
        .map(Event::Error);
    // The stream owns `showing`: the page counts as shown until the browser disconnects.
    let updates = stream::unfold((receiver, showing), |(mut receiver, showing)| async move {
        loop {
            match receiver.recv().await {
                Ok(event) => return Some((event, (receiver, showing))),
                Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => continue,
                Err(_) => return None,
            }
        }
    });
    // An error goes out twice: as the text the terminal shows (`build-error`), and as the
    // problems the overlay draws (`build-problems`, JSON).
    let all = stream::iter(initial)
        .chain(updates)
        .flat_map(|event| {
            stream::iter(match event {
                Event::Reload(paths) => {
                    let data = if paths.is_empty() {
                        "*".to_string()
                    } else {
                        serde_json::to_string(&paths).unwrap_or_else(|_| "*".to_string())
                    };
                    vec![SseEvent::default().event("reload").data(data)]
                }
                Event::Error(report) => vec![
                    SseEvent::default()
                        .event("build-error")
                        .data(report.text.as_str()),
                    SseEvent::default()
                        .event("build-problems")
                        .data(report.json()),
                ],
            })
        })
        .map(Ok);
    Sse::new(all).keep_alive(KeepAlive::default())
}

/// `/a/b/` → `a/b/index.html`; `None` for anything that could leave the site: `..`, encoded
/// slashes or dots, backslashes, NUL.
pub fn site_path(raw: &str) -> Option<String> {
    let decoded = percent_decode_strict(raw)?;
    if decoded.contains(['\\', '\0']) {
        return None;
    }
    let mut parts = Vec::new();
    for part in decoded.split('/') {
        match part {
            "" | "." => {}
            ".." => return None,
            other => parts.push(other),
        }
    }
    let joined = parts.join("/");
    if joined.is_empty() || decoded.ends_with('/') {
        let sep = if joined.is_empty() { "" } else { "/" };
        return Some(format!("{joined}{sep}index.html"));
    }
    Some(joined)
}

/// Decodes `%XX`; refuses invalid escapes and non-UTF-8 results.
fn percent_decode_strict(raw: &str) -> Option<String> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = raw.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

async fn file(State(server): State<Arc<Server>>, request: Request) -> Response {
    let shared = &server.shared;
    let Some(path) = site_path(request.uri().path()) else {
        return (StatusCode::BAD_REQUEST, "Ogiltig sökväg").into_response();
    };
    // `/a/b` without a slash is the folder's index page.
    let index = format!("{path}/index.html");
    shared.pending.wait_for(&[&path, &index]).await;
    let entry = {
        let files = shared.files.read().ok();
        let lookup = |p: &str| files.as_ref().and_then(|f| f.get(p).cloned());
        lookup(&path)
            .map(|e| (path.clone(), e))
            .or_else(|| lookup(&index).map(|e| (index, e)))
    };
    match entry {
        Some((found, Entry::Bytes(bytes))) => {
            bytes_response(&server, &found, &bytes, StatusCode::OK)
        }
        Some((found, Entry::Disk(from))) => {
            let range = request.headers().get(header::RANGE);
            match disk::response(&server.root, &from, content_type(&found), range).await {
                Some(response) => response,
                None => not_found(&server),
            }
        }
        None => not_found(&server),
    }
}

const NO_PAGE: &str = "<!DOCTYPE html>\n<html lang=\"sv\"><head><meta charset=\"utf-8\"><title>Sidan finns inte</title></head><body><p>Sidan finns inte</p></body></html>\n";

fn not_found(server: &Server) -> Response {
    let page = server
        .shared
        .files
        .read()
        .ok()
        .and_then(|f| f.get("404.html").cloned());
    match page {
        Some(Entry::Bytes(bytes)) => {
            bytes_response(server, "404.html", &bytes, StatusCode::NOT_FOUND)
        }
        // No site yet (it failed to load): a bare page still carries the error overlay and
        // the reload script, so the browser shows the problem and follows the fix.
        _ => bytes_response(
            server,
            "404.html",
            NO_PAGE.as_bytes(),
            StatusCode::NOT_FOUND,
        ),
    }
}

/// The `Content-Type` of an output path; text is always UTF-8, so captions and CSV files in
/// Swedish read as written (a browser guesses Latin-1 for text without a charset).
fn content_type(path: &str) -> String {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    // mime_guess still says text/x-vcard; RFC 6350 registered text/vcard.
    let essence = match mime.essence_str() {
        "text/x-vcard" => "text/vcard",
        other => other,
    };
    if mime.type_() == "text" || essence == "application/javascript" {
        format!("{essence}; charset=utf-8")
    } else {
        essence.to_string()
    }
}

fn bytes_response(server: &Server, path: &str, bytes: &[u8], status: StatusCode) -> Response {
    let content_type = content_type(path);
    let is_html = content_type.starts_with("text/html");
    let body = if is_html {
        Body::from(inject(server, path, bytes))
    } else {
        Body::from(bytes.to_vec())
    };
    let mut response = Response::new(body);
    *response.status_mut() = status;
    if let Ok(value) = HeaderValue::from_str(&content_type) {
        response.headers_mut().insert(header::CONTENT_TYPE, value);
    }
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Adds the reload script, what an extension adds, and the current build error as a box the
/// page shows even without JavaScript.
fn inject(server: &Server, path: &str, bytes: &[u8]) -> Vec<u8> {
    let html = String::from_utf8_lossy(bytes);
    let error = server.shared.error.read().ok().and_then(|e| e.clone());
    let mut extra = String::from(RELOAD_TAG);
    if let Some(decorate) = &server.decorate {
        let sources = server.shared.sources.read().ok();
        let source = sources.as_ref().and_then(|s| s.get(path));
        extra.push_str(&decorate(path, source));
    }
    if let Some(report) = error {
        extra.push_str(&report.html());
    }
    match html.rfind("</body>") {
        Some(at) => format!("{}{extra}{}", &html[..at], &html[at..]).into_bytes(),
        None => format!("{html}{extra}").into_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_inside() {
        assert_eq!(site_path("/").as_deref(), Some("index.html"));
        assert_eq!(site_path("/a/b/").as_deref(), Some("a/b/index.html"));
        assert_eq!(site_path("/style.css").as_deref(), Some("style.css"));
        assert_eq!(site_path("/%C3%A5.txt").as_deref(), Some("å.txt"));
        assert_eq!(site_path("/../etc/passwd"), None);
        assert_eq!(site_path("/a/%2e%2e/%2e%2e/etc/passwd"), None);
        assert_eq!(site_path("/a/..%2fb"), None);
        assert_eq!(site_path("/a%5c..%5cb"), None);
        assert_eq!(site_path("/%00"), None);
        assert_eq!(site_path("/%zz"), None);
    }

    #[test]
    fn text_files_are_served_as_utf8() {
        for (path, expected) in [
            ("a/textning.vtt", "text/vtt; charset=utf-8"),
            ("a.txt", "text/plain; charset=utf-8"),
            ("a.csv", "text/csv; charset=utf-8"),
            ("kontakt.vcf", "text/vcard; charset=utf-8"),
            ("a.js", "text/javascript; charset=utf-8"),
            ("a.mjs", "application/javascript; charset=utf-8"),
            ("style.css", "text/css; charset=utf-8"),
            ("a/index.html", "text/html; charset=utf-8"),
            ("bild.png", "image/png"),
            ("film.mp4", "video/mp4"),
        ] {
            assert_eq!(content_type(path), expected, "{path}");
        }
    }
}
