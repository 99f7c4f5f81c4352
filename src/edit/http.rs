//! The editor's routes under `/__lots/edit` (only under `lots serve --edit`): the editor's page
//! for a page or a new one, its script and styles, and the JSON API of `api.rs`. Plugged into
//! `serve` through its hooks; every write request passes `security::guard` first.

use std::path::PathBuf;
use std::sync::Arc;

use axum::extract::{DefaultBodyLimit, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::content::kind::FileKind;
use crate::serve::hooks::{Extension, Hooks, MakeExtension, SiteHandle};
use crate::site::preview::preview_page;
use crate::site::Site;

use super::form::{self, Field};
use super::front_matter;
use super::paths::ContentRoot;
use super::security::{self, Token};
use super::{api, nav};

const EDITOR_HTML: &str = include_str!("assets/editor.html");
/// The editor's ES modules, served as `/__lots/edit/NAME`; `editor.js` imports the others.
const EDITOR_SCRIPTS: [(&str, &str); 7] = [
    ("editor.js", include_str!("assets/editor.js")),
    ("editor-base.js", include_str!("assets/editor-base.js")),
    ("editor-fields.js", include_str!("assets/editor-fields.js")),
    ("editor-rows.js", include_str!("assets/editor-rows.js")),
    ("editor-body.js", include_str!("assets/editor-body.js")),
    (
        "editor-problems.js",
        include_str!("assets/editor-problems.js"),
    ),
    ("editor-save.js", include_str!("assets/editor-save.js")),
];
const EDITOR_CSS: &str = include_str!("assets/editor.css");

/// The largest upload, in bytes.
pub const UPLOAD_LIMIT: usize = 20 * 1024 * 1024;
/// The largest JSON request (a page's text and values).
const JSON_LIMIT: usize = 8 * 1024 * 1024;

/// What the editor's handlers share.
pub struct Editor {
    pub token: Token,
    /// The origins write requests may come from.
    pub origins: Vec<String>,
    pub content: ContentRoot,
    pub site: SiteHandle,
}

/// The editor, for `ServeOptions::extension`.
pub fn extension() -> MakeExtension {
    Box::new(|hooks: Hooks| {
        let content = ContentRoot::new(&hooks.root).map_err(|problem| problem.0)?;
        let editor = Arc::new(Editor {
            token: Token::new()?,
            origins: security::own_origins(hooks.address),
            content,
            site: hooks.site,
        });
        Ok(Extension {
            routes: routes(editor),
            decorate: Box::new(nav::decorate),
        })
    })
}

fn routes(editor: Arc<Editor>) -> Router {
    let writes = Router::new()
        .route("/__lots/edit/api/preview", post(api::preview))
        .route("/__lots/edit/api/save", post(api::save))
        .layer(DefaultBodyLimit::max(JSON_LIMIT))
        .route(
            "/__lots/edit/api/upload",
            post(api::upload).layer(DefaultBodyLimit::max(UPLOAD_LIMIT)),
        )
        .route_layer(middleware::from_fn_with_state(
            editor.clone(),
            security::guard,
        ));
    let mut pages = Router::new()
        .route("/__lots/edit/page", get(edit_page))
        .route("/__lots/edit/new", get(new_page))
        .route("/__lots/edit/editor.css", get(styles))
        .route(nav::STYLE_URL, get(nav_styles))
        .route("/__lots/edit/api/pages", get(api::pages));
    for (name, text) in EDITOR_SCRIPTS {
        // Modules are refused by browsers unless served as JavaScript.
        let script = move || async move { asset("text/javascript; charset=utf-8", text) };
        pages = pages.route(&format!("/__lots/edit/{name}"), get(script));
    }
    pages.merge(writes).with_state(editor)
}

/// A JSON answer.
pub fn json(status: StatusCode, value: &impl Serialize) -> Response {
    let body = serde_json::to_string(value).unwrap_or_else(|_| "{}".into());
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// `{"message": text}` with `status`.
pub fn message(status: StatusCode, text: &str) -> Response {
    json(status, &serde_json::json!({ "message": text }))
}

/// A refused request: its status and the message the editor shows.
#[derive(Debug)]
pub struct Refusal(pub StatusCode, pub String);

impl Refusal {
    pub fn new(status: StatusCode, text: &str) -> Refusal {
        Refusal(status, text.to_string())
    }
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        message(self.0, &self.1)
    }
}

/// A collection as the page data names it.
#[derive(Debug, Clone, Serialize)]
pub struct CollectionRef {
    pub name: String,
    pub title: String,
}

/// What the site says about a page being edited: its form and where it is served.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub fields: Vec<Field>,
    pub collection: Option<CollectionRef>,
    pub upload_extensions: Vec<String>,
    pub url: Option<String>,
    /// The section's title, `None` when the site has no such section.
    pub section_title: Option<String>,
}

/// The form of the page `key` in `section`, with the file's values (for long text).
pub fn prepare(site: &Site, key: &str, section: &str, values: &Map<String, Value>) -> Prepared {
    let collection = form::collection_of(&site.config, key);
    Prepared {
        fields: form::fields(&site.config, collection, values),
        collection: collection.map(|c| CollectionRef {
            name: c.name.clone(),
            title: c.title.clone().unwrap_or_else(|| c.name.clone()),
        }),
        upload_extensions: form::upload_extensions(collection),
        url: site
            .library
            .pages
            .get(key)
            .map(|page| url_of(&page.doc.output_path)),
        section_title: site.library.sections.get(section).map(|s| s.title.clone()),
    }
}

/// `a/b/index.html` → `/a/b/`.
pub fn url_of(output_path: &str) -> String {
    let path = output_path
        .strip_suffix("index.html")
        .unwrap_or(output_path);
    format!("/{path}")
}

/// The section a page key sits in: `a/b/index.md` and `a/b.md` → `a/_index.md`.
pub fn section_of(key: &str) -> String {
    let folder = match is_bundle_key(key) {
        true => key.rsplit_once('/').map_or("", |(folder, _)| folder),
        false => key,
    };
    match folder.rsplit_once('/') {
        Some((parent, _)) => format!("{parent}/_index.md"),
        None => "_index.md".into(),
    }
}

/// The editor's page data (the JSON in the page).
#[derive(Debug, Serialize)]
struct PageData {
    key: Option<String>,
    section: String,
    collection: Option<CollectionRef>,
    fields: Vec<Field>,
    values: Map<String, Value>,
    body: String,
    version: Option<String>,
    files: Vec<String>,
    bundle: bool,
    url: Option<String>,
    upload_extensions: Vec<String>,
}

/// The version the editor sends back on save: a hash of the file's bytes.
pub fn version_of(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex().to_string()
}

#[derive(Deserialize)]
struct KeyQuery {
    key: String,
}

/// Whether `key` names a page's file (not a section's).
pub fn is_page_key(key: &str) -> bool {
    matches!(FileKind::of(key), FileKind::Page | FileKind::BundlePage)
}

/// Whether `key` names the `index.md` of a page bundle.
pub fn is_bundle_key(key: &str) -> bool {
    FileKind::of(key) == FileKind::BundlePage
}

async fn edit_page(State(editor): State<Arc<Editor>>, Query(query): Query<KeyQuery>) -> Response {
    let key = query.key;
    if !is_page_key(&key) {
        return error_page(
            StatusCode::BAD_REQUEST,
            "Det här är inte en sida som kan redigeras.",
        );
    }
    let path = match editor.content.file_for_write(&key) {
        Ok(path) => path,
        Err(problem) => return error_page(StatusCode::BAD_REQUEST, &problem.0),
    };
    let Ok(bytes) = std::fs::read(&path) else {
        return error_page(
            StatusCode::NOT_FOUND,
            "Sidan finns inte (längre) i content/.",
        );
    };
    if front_matter::is_toml(&bytes) {
        let text = super::messages::TOML_FRONT_MATTER;
        return error_page(StatusCode::UNPROCESSABLE_ENTITY, text);
    }
    let file = match front_matter::read(&bytes) {
        Ok(file) => file,
        Err(why) => {
            let text = format!(
                "Sidans front matter kan inte läsas: {why}. Rätta filen i en textredigerare."
            );
            return error_page(StatusCode::UNPROCESSABLE_ENTITY, &text);
        }
    };
    let section = section_of(&key);
    let (job_key, job_section, file_values) = (key.clone(), section.clone(), file.values.clone());
    let text = api::as_lf_text(&bytes);
    let prepared = editor
        .site
        .run(move |site| {
            let mut prepared = prepare(site, &job_key, &job_section, &file_values);
            // A page saved a moment ago may not be loaded yet: the pipeline says where it
            // will be served. A draft left out of the site is served nowhere.
            if prepared.url.is_none() && !site.library.drafts.contains(&job_key) {
                prepared.url = preview_page(site, &job_key, &text).url;
            }
            prepared
        })
        .await;
    let prepared = match prepared {
        Ok(prepared) => prepared,
        Err(why) => return error_page(StatusCode::SERVICE_UNAVAILABLE, &why),
    };
    let title = file
        .values
        .get("title")
        .and_then(Value::as_str)
        .unwrap_or(&key);
    let bundle = is_bundle_key(&key);
    let data = PageData {
        values: form::form_values(&prepared.fields, &file.values),
        files: if bundle {
            bundle_files(&path)
        } else {
            Vec::new()
        },
        key: Some(key.clone()),
        section,
        collection: prepared.collection,
        fields: prepared.fields,
        body: file.body,
        version: Some(version_of(&bytes)),
        bundle,
        url: prepared.url,
        upload_extensions: prepared.upload_extensions,
    };
    shell(&editor, &format!("Redigera: {title}"), &data)
}

#[derive(Deserialize)]
struct SectionQuery {
    section: String,
}

async fn new_page(
    State(editor): State<Arc<Editor>>,
    Query(query): Query<SectionQuery>,
) -> Response {
    let section = query.section;
    // A key in the section's folder, to find its collection; the real one needs a title.
    let probe_key = format!(
        "{}ny-sida/index.md",
        section.strip_suffix("_index.md").unwrap_or("")
    );
    let (job_key, job_section) = (probe_key, section.clone());
    let prepared = editor
        .site
        .run(move |site| prepare(site, &job_key, &job_section, &Map::new()))
        .await;
    let prepared = match prepared {
        Ok(prepared) => prepared,
        Err(why) => return error_page(StatusCode::SERVICE_UNAVAILABLE, &why),
    };
    let Some(section_title) = prepared.section_title.clone() else {
        return error_page(
            StatusCode::NOT_FOUND,
            "Avsnittet finns inte på webbplatsen.",
        );
    };
    let bundle = match api::new_page_is_bundle(&editor, &section).await {
        Ok(bundle) => bundle,
        Err(why) => return error_page(StatusCode::SERVICE_UNAVAILABLE, &why),
    };
    let data = PageData {
        key: None,
        section,
        collection: prepared.collection,
        fields: prepared.fields,
        values: Map::new(),
        body: String::new(),
        version: None,
        files: Vec::new(),
        bundle,
        url: None,
        upload_extensions: prepared.upload_extensions,
    };
    shell(&editor, &format!("Ny sida i {section_title}"), &data)
}

/// The files of a page bundle a field may name or the body show: plain files beside
/// `index.md`, not Markdown, not hidden.
fn bundle_files(index: &std::path::Path) -> Vec<String> {
    let Some(folder) = index.parent() else {
        return Vec::new();
    };
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .flatten()
        .filter(|entry| entry.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|entry| entry.file_name().to_str().map(String::from))
        .filter(|name| !name.starts_with('.') && !name.ends_with(".md"))
        .collect();
    names.sort();
    names
}

/// The editor's HTML page with its title, token and data filled in.
fn shell(editor: &Editor, title: &str, data: &PageData) -> Response {
    let data = script_json(&serde_json::to_string(data).unwrap_or_else(|_| "{}".into()));
    let title = crate::markdown::highlight::escape(title);
    let html = fill(
        EDITOR_HTML,
        &[
            ("TITLE", &title),
            ("TOKEN", editor.token.as_str()),
            ("CSP", &editor_policy()),
            ("DATA", &data),
        ],
    );
    html_response(StatusCode::OK, html)
}

fn html_response(status: StatusCode, html: String) -> Response {
    let mut response = (status, html).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    // The page holds the token: no other site may frame it and have it clicked.
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("frame-ancestors 'none'"),
    );
    response
}

/// The editor's pages allow what a site page allows with no servers added: the editor's
/// own scripts and styles only. The preview (an `<iframe srcdoc>`) inherits it.
fn editor_policy() -> String {
    crate::config::Csp::default().policy()
}

/// A plain page saying what went wrong, with a way back.
fn error_page(status: StatusCode, text: &str) -> Response {
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"sv\"><head><meta charset=\"utf-8\">{}<title>Kan inte redigera</title>\
         <link rel=\"stylesheet\" href=\"/style.css\"></head><body><main><h1>Kan inte redigera</h1>\
         <p role=\"alert\">{}</p><p><a href=\"/\">Till startsidan</a></p></main></body></html>\n",
        crate::config::Csp::default().meta(),
        crate::markdown::highlight::escape(text)
    );
    html_response(status, html)
}

/// Replaces each `{{NAME}}` of `template` in one pass, so a value holding `{{…}}` stays as it is.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let named = after.find("}}").and_then(|end| {
            let value = values.iter().find(|(name, _)| *name == &after[..end])?.1;
            Some((value, end))
        });
        match named {
            Some((value, end)) => {
                out.push_str(value);
                rest = &after[end + 2..];
            }
            None => {
                out.push_str("{{");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// JSON safe inside `<script>`: no `</script>`, no `<!--`, no line separators a parser trips on.
pub fn script_json(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

async fn styles() -> Response {
    asset("text/css; charset=utf-8", EDITOR_CSS)
}

async fn nav_styles() -> Response {
    asset("text/css; charset=utf-8", nav::STYLE)
}

fn asset(content_type: &'static str, text: &'static str) -> Response {
    let mut response = text.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Where a page's file is written, or why not.
pub fn page_file(editor: &Editor, key: &str) -> Result<PathBuf, Refusal> {
    if !is_page_key(key) {
        return Err(Refusal::new(
            StatusCode::BAD_REQUEST,
            "Det här är inte en sida som kan redigeras.",
        ));
    }
    editor
        .content
        .file_for_write(key)
        .map_err(|problem| Refusal(StatusCode::BAD_REQUEST, problem.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_once() {
        let filled = fill(
            "<t>{{TITLE}}</t>{{DATA}}{{OTHER}}{{",
            &[("TITLE", "{{DATA}}"), ("DATA", "x")],
        );
        assert_eq!(filled, "<t>{{DATA}}</t>x{{OTHER}}{{");
    }

    #[test]
    fn json_in_a_script_cannot_close_it() {
        let json = serde_json::to_string(&"</script><!-- & \u{2028}").expect("json");
        let safe = script_json(&json);
        assert!(!safe.contains('<') && !safe.contains('>') && !safe.contains('&'));
        let back: String = serde_json::from_str(&safe).expect("still JSON");
        assert_eq!(back, "</script><!-- & \u{2028}");
    }

    #[test]
    fn sections_and_urls_of_keys() {
        assert_eq!(section_of("symboler/kod-88/index.md"), "symboler/_index.md");
        assert_eq!(section_of("a/b/c.md"), "a/b/_index.md");
        assert_eq!(section_of("om.md"), "_index.md");
        assert_eq!(url_of("symboler/kod-88/index.html"), "/symboler/kod-88/");
        assert_eq!(url_of("index.html"), "/");
        assert!(is_page_key("a/b.md") && !is_page_key("a/_index.md") && !is_page_key("a/b.svg"));
        assert!(is_bundle_key("a/b/index.md") && !is_bundle_key("a/b.md"));
    }
}
