//! The editor's JSON API: a preview of the form's page by the real pipeline, a save that
//! writes only a page without errors and only over the version the editor read, uploads into
//! a page's bundle, and the list of pages for the link picker.

use std::path::PathBuf;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Query, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use crate::content::kind::FileKind;
use crate::diagnostics::{Diagnostic, Severity};
use crate::site::preview::preview_page;

use super::form;
use super::front_matter;
use super::http::{
    json, message, page_file, prepare, section_of, url_of, version_of, Editor, Refusal,
    UPLOAD_LIMIT,
};
use super::paths::{self, create_atomically, write_atomically, ContentRoot};

/// The form as the editor sends it to `preview` and `save`.
#[derive(Debug, Deserialize)]
pub struct EditRequest {
    pub key: Option<String>,
    pub section: String,
    #[serde(default)]
    pub values: Map<String, Value>,
    #[serde(default)]
    pub body: String,
    /// The version of the file the editor read (`save` only; `None` for a new page).
    #[serde(default)]
    pub version: Option<String>,
}

/// A problem as the editor shows it: at a field, at a line of the body, or in the summary.
#[derive(Debug, Serialize, PartialEq)]
pub struct Problem {
    pub severity: &'static str,
    pub code: &'static str,
    pub message: String,
    pub line: usize,
    pub column: usize,
    pub field: Option<String>,
    pub body_line: Option<usize>,
}

/// A file the form was applied to.
struct Draft {
    key: String,
    /// Where it is written; `None` for a preview of a new page.
    path: Option<PathBuf>,
    /// The bytes on disk (`---\n---\n` for a new page).
    original: Vec<u8>,
}

/// What checking the form's file gave.
struct Checked {
    /// The file to write, as `front_matter::update` made it (the file's line ends).
    bytes: Vec<u8>,
    html: Option<String>,
    /// Where the page is served.
    url: Option<String>,
    problems: Vec<Problem>,
}

/// A new page's file before it has a title.
const EMPTY_FILE: &[u8] = b"---\n---\n";

/// Reads a JSON body; only `application/json` is taken.
fn parse_json(headers: &HeaderMap, body: &Bytes) -> Result<EditRequest, Refusal> {
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/json"));
    if !is_json {
        let text = "Redigeraren skickar JSON (Content-Type: application/json).";
        return Err(Refusal::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, text));
    }
    serde_json::from_slice(body)
        .map_err(|e| Refusal::new(StatusCode::BAD_REQUEST, &format!("Ogiltig begäran: {e}")))
}

/// The page the form is for: its file on disk, or a new page's key in the section.
async fn draft(editor: &Editor, request: &EditRequest, saving: bool) -> Result<Draft, Refusal> {
    if let Some(key) = &request.key {
        let path = page_file(editor, key)?;
        let original = std::fs::read(&path).map_err(|_| {
            Refusal::new(
                StatusCode::NOT_FOUND,
                "Sidan finns inte (längre) i content/.",
            )
        })?;
        if front_matter::is_toml(&original) {
            let text = super::messages::TOML_FRONT_MATTER;
            return Err(Refusal::new(StatusCode::UNPROCESSABLE_ENTITY, text));
        }
        return Ok(Draft {
            key: key.clone(),
            path: Some(path),
            original,
        });
    }
    if FileKind::of(&request.section) != FileKind::Section {
        return Err(Refusal::new(
            StatusCode::BAD_REQUEST,
            "Okänt avsnitt för den nya sidan.",
        ));
    }
    let title = request
        .values
        .get("title")
        .and_then(Value::as_str)
        .unwrap_or("");
    let bundle = new_page_is_bundle(editor, &request.section)
        .await
        .map_err(|why| Refusal::new(StatusCode::SERVICE_UNAVAILABLE, &why))?;
    let key = editor.content.new_page_key(&request.section, title, bundle);
    let key = match (key, saving) {
        (Ok(key), _) => key,
        (Err(problem), true) => return Err(Refusal::new(StatusCode::BAD_REQUEST, &problem.0)),
        // A preview before the title is typed (or while it collides) still shows the page.
        (Err(_), false) => {
            let folder = request.section.strip_suffix("_index.md").unwrap_or("");
            match bundle {
                true => format!("{folder}ny-sida/index.md"),
                false => format!("{folder}ny-sida.md"),
            }
        }
    };
    let path = match saving {
        true => Some(page_file(editor, &key)?),
        false => None,
    };
    Ok(Draft {
        key,
        path,
        original: EMPTY_FILE.to_vec(),
    })
}

/// Whether a new page of `section` gets a folder of its own (so files can be uploaded beside
/// it), as `lots new` decides.
pub async fn new_page_is_bundle(editor: &Editor, section: &str) -> Result<bool, String> {
    let content = ContentRoot {
        dir: editor.content.dir.clone(),
    };
    let section = section.to_string();
    editor
        .site
        .run(move |site| paths::new_page_is_bundle(&site.config, &content, &section))
        .await
}

/// Applies the form to the file and runs the page through the pipeline on the engine thread.
async fn check(editor: &Editor, draft: &Draft, request: EditRequest) -> Result<Checked, Refusal> {
    let original = draft.original.clone();
    let file = front_matter::read(&original).map_err(|why| {
        let text =
            format!("Sidans front matter kan inte läsas: {why}. Rätta filen i en textredigerare.");
        Refusal::new(StatusCode::UNPROCESSABLE_ENTITY, &text)
    })?;
    let key = draft.key.clone();
    let checked = editor.site.run(move |site| {
        let prepared = prepare(site, &key, &section_of(&key), &file.values);
        let (values, shown) = form::file_values(&prepared.fields, &request.values, &file.values);
        let shown: Vec<&str> = shown.iter().map(String::as_str).collect();
        let body = request.body.replace("\r\n", "\n");
        let bytes = front_matter::update(&original, &values, &shown, &body)?;
        let text = as_lf_text(&bytes);
        let preview = preview_page(site, &key, &text);
        let problems = preview.problems.iter().map(|d| problem(d, &text)).collect();
        Ok::<_, String>(Checked {
            bytes,
            html: preview.html,
            url: preview.url,
            problems,
        })
    });
    match checked.await {
        Ok(Ok(checked)) => Ok(checked),
        Ok(Err(why)) => Err(Refusal::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            &format!("Formuläret kunde inte skrivas in i filen: {why}"),
        )),
        Err(why) => Err(Refusal::new(StatusCode::SERVICE_UNAVAILABLE, &why)),
    }
}

/// The file's text as the pipeline reads it: UTF-8, no byte-order mark, LF line ends. A lone
/// CR is a line end too, as in [`crate::diagnostics::read_text`]: kept, the YAML parser counted
/// lines the preview did not, and placed problems past the end of the file.
pub fn as_lf_text(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// A diagnostic placed at its field or body line of `text`, the file it was found in.
pub fn problem(diagnostic: &Diagnostic, text: &str) -> Problem {
    let line = diagnostic.line;
    let body_start = front_matter::body_first_line(text);
    let in_body = line > 0 && body_start.is_some_and(|start| line >= start);
    let at_line = match line > 0 && !in_body {
        true => front_matter::field_at_line(text, line),
        false => None,
    };
    let field = diagnostic.field.as_deref().map(String::from).or(at_line);
    Problem {
        severity: match diagnostic.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        },
        code: diagnostic.code,
        message: diagnostic.message.clone(),
        line,
        column: diagnostic.column,
        field,
        body_line: match (in_body, body_start) {
            (true, Some(start)) => Some(line - start + 1),
            _ => None,
        },
    }
}

pub async fn preview(
    State(editor): State<Arc<Editor>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let request = match parse_json(&headers, &body) {
        Ok(request) => request,
        Err(refusal) => return refusal.into_response(),
    };
    let checked = match draft(&editor, &request, false).await {
        Ok(draft) => check(&editor, &draft, request).await,
        Err(refusal) => return refusal.into_response(),
    };
    match checked {
        Ok(checked) => json(
            StatusCode::OK,
            &json!({"html": checked.html, "problems": checked.problems}),
        ),
        Err(refusal) => refusal.into_response(),
    }
}

pub async fn save(State(editor): State<Arc<Editor>>, headers: HeaderMap, body: Bytes) -> Response {
    let request = match parse_json(&headers, &body) {
        Ok(request) => request,
        Err(refusal) => return refusal.into_response(),
    };
    let draft = match draft(&editor, &request, true).await {
        Ok(draft) => draft,
        Err(refusal) => return refusal.into_response(),
    };
    let expected = request.version.clone();
    if request.key.is_some() && expected.is_none() {
        let text = "Begäran saknar sidans version; ladda om redigeringssidan.";
        return message(StatusCode::BAD_REQUEST, text);
    }
    if request.key.is_some() {
        if let Some(conflict) = conflict(&editor, &draft, expected.as_deref()).await {
            return conflict;
        }
    }
    let checked = match check(&editor, &draft, request).await {
        Ok(checked) => checked,
        Err(refusal) => return refusal.into_response(),
    };
    if checked.problems.iter().any(|p| p.severity == "error") {
        return json(
            StatusCode::UNPROCESSABLE_ENTITY,
            &json!({"problems": checked.problems}),
        );
    }
    let url = checked.url.clone();
    write(&editor, &draft, expected.as_deref(), &checked.bytes, url).await
}

/// Writes the checked file, unless it changed on disk meanwhile (an existing page) or was
/// created meanwhile (a new one).
async fn write(
    editor: &Editor,
    draft: &Draft,
    expected: Option<&str>,
    bytes: &[u8],
    url: Option<String>,
) -> Response {
    let Some(path) = &draft.path else {
        return message(StatusCode::INTERNAL_SERVER_ERROR, "Ingen fil att skriva.");
    };
    let written = match expected {
        Some(_) => {
            if let Some(conflict) = conflict(editor, draft, expected).await {
                return conflict;
            }
            write_atomically(path, bytes)
        }
        // A new page: never over a file that appeared since its name was chosen.
        None => create_atomically(path, bytes),
    };
    match written {
        Ok(()) => {}
        Err(why) if why.kind() == std::io::ErrorKind::AlreadyExists => {
            let text = "En sida med det namnet finns redan; ge sidan en annan titel.";
            return message(StatusCode::BAD_REQUEST, text);
        }
        Err(why) => {
            let text = format!("Sidan kunde inte sparas: {why}");
            return message(StatusCode::INTERNAL_SERVER_ERROR, &text);
        }
    }
    let url = url.unwrap_or_else(|| {
        let output = draft.key.replace("index.md", "index.html");
        url_of(&output.replace(".md", "/"))
    });
    // The next save of the same editor page names this version: no reload between saves.
    let version = version_of(bytes);
    json(
        StatusCode::OK,
        &json!({"key": draft.key, "url": url, "version": version}),
    )
}

/// A 409 answer when the file on disk is not the version the editor read.
async fn conflict(editor: &Editor, draft: &Draft, expected: Option<&str>) -> Option<Response> {
    let path = draft.path.as_ref()?;
    let disk = std::fs::read(path).unwrap_or_default();
    let version = version_of(&disk);
    if expected == Some(version.as_str()) {
        return None;
    }
    let file = front_matter::read(&disk).ok();
    let (file_values, body) = file.map(|f| (f.values, f.body)).unwrap_or_default();
    let key = draft.key.clone();
    let job_values = file_values.clone();
    let fields = editor
        .site
        .run(move |site| prepare(site, &key, &section_of(&key), &job_values).fields)
        .await
        .unwrap_or_default();
    let answer = json!({
        "message": "Filen har ändrats på disken sedan du öppnade den (av någon annan eller av en git pull). \
                    Jämför din version med den på disken innan du sparar.",
        "disk": {
            "values": form::form_values(&fields, &file_values),
            "body": body,
            "text": String::from_utf8_lossy(&disk),
        },
        "version": version,
    });
    Some(json(StatusCode::CONFLICT, &answer))
}

#[derive(Deserialize)]
pub struct UploadQuery {
    key: String,
    name: String,
}

pub async fn upload(
    State(editor): State<Arc<Editor>>,
    Query(query): Query<UploadQuery>,
    request: Request,
) -> Response {
    let too_large = || {
        let text = format!(
            "Filen är för stor; största tillåtna storlek är {} MB.",
            UPLOAD_LIMIT / (1024 * 1024)
        );
        message(StatusCode::PAYLOAD_TOO_LARGE, &text)
    };
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|length| length > UPLOAD_LIMIT) {
        return too_large();
    }
    if let Err(refusal) = page_file(&editor, &query.key) {
        return refusal.into_response();
    }
    let key = query.key.clone();
    let extensions = editor
        .site
        .run(move |site| prepare(site, &key, &section_of(&key), &Map::new()).upload_extensions)
        .await;
    let extensions = match extensions {
        Ok(extensions) => extensions,
        Err(why) => return message(StatusCode::SERVICE_UNAVAILABLE, &why),
    };
    let extension = query
        .name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    if !extensions.contains(&extension) {
        let text = format!(
            "Filtypen är inte tillåten här. Tillåtna: {}.",
            extensions.join(", ")
        );
        return message(StatusCode::UNSUPPORTED_MEDIA_TYPE, &text);
    }
    let allowed: Vec<&str> = extensions.iter().map(String::as_str).collect();
    let (name, path) = match editor
        .content
        .upload_target(&query.key, &query.name, &allowed)
    {
        Ok(target) => target,
        Err(problem) => return message(StatusCode::BAD_REQUEST, &problem.0),
    };
    let Ok(bytes) = axum::body::to_bytes(request.into_body(), UPLOAD_LIMIT).await else {
        return too_large();
    };
    match write_atomically(&path, &bytes) {
        Ok(()) => json(StatusCode::OK, &json!({ "file": name })),
        Err(why) => message(
            StatusCode::INTERNAL_SERVER_ERROR,
            &format!("Filen kunde inte sparas: {why}"),
        ),
    }
}

/// A page for the link picker.
#[derive(Serialize)]
struct PageLink {
    key: String,
    title: String,
    url: String,
    link: String,
}

pub async fn pages(State(editor): State<Arc<Editor>>) -> Response {
    let listed = editor.site.run(|site| {
        let mut pages: Vec<PageLink> = site
            .library
            .pages
            .iter()
            .map(|(key, page)| PageLink {
                key: key.clone(),
                title: page.meta.title.clone(),
                url: url_of(&page.doc.output_path),
                link: format!("@/{key}"),
            })
            .collect();
        pages.sort_by_key(|page| page.title.to_lowercase());
        pages
    });
    match listed.await {
        Ok(pages) => json(StatusCode::OK, &pages),
        Err(why) => message(StatusCode::SERVICE_UNAVAILABLE, &why),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by the `front_matter` fuzz target: `taxonomies:` followed by lone CRs.
    #[test]
    fn the_preview_reads_line_ends_as_the_build_does() {
        let bytes = b"\xef\xbb\xbf---\r\ntitle: x\rtags:\r\r  - a\r\n---\rtext";
        let file = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(file.path(), bytes).unwrap();
        let built = crate::diagnostics::read_text(file.path()).unwrap();
        assert_eq!(as_lf_text(bytes), built);
        assert_eq!(built, "---\ntitle: x\ntags:\n\n  - a\n---\ntext");
    }

    #[test]
    fn a_problem_is_placed_at_the_field_it_names_else_at_its_line() {
        let text = "---\ntitle: x\nmiljo: okand\n---\n\nett\ntva\n";
        let path = std::path::Path::new("a.md");
        let missing =
            Diagnostic::at(path, text, 2, 1, "`bild_alt` is required").with_field("/bild_alt");
        let at_value = Diagnostic::at(path, text, 3, 8, "`miljo: okand` is not one of");
        let in_body = Diagnostic::at(path, text, 7, 1, "link");
        let placed: Vec<(Option<String>, Option<usize>)> = [missing, at_value, in_body]
            .iter()
            .map(|d| problem(d, text))
            .map(|p| (p.field, p.body_line))
            .collect();
        assert_eq!(
            placed,
            vec![
                (Some("bild_alt".into()), None),
                (Some("miljo".into()), None),
                (None, Some(3)),
            ]
        );
    }
}
