//! HTTP for the editor's server tests: raw requests (so a test sets any header, or none), the
//! editor's page data and token, and JSON posts as the editor's page sends them.

use crate::common::serve::{exchange, get, start_with_args, Server};
use crate::common::Site;
use serde_json::{json, Value};

pub fn start_editing(site: &Site) -> Server {
    start_with_args(site, &["--edit"])
}

/// One HTTP/1.1 request with `headers` and `body`: the status and the body.
pub fn request(
    server: &Server,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> (u16, String) {
    let (status, _, body) = exchange(server, method, path, headers, body);
    (status, body)
}

/// The editor's page of `key`: its token and page data.
pub fn open_editor(server: &Server, key: &str) -> (String, Value) {
    let (status, html) = get(server, &format!("/__lots/edit/page?key={key}"));
    assert_eq!(status, 200, "{html}");
    let token = between(&html, "<meta name=\"lots-edit-token\" content=\"", "\"");
    let data = between(
        &html,
        "<script type=\"application/json\" id=\"lots-edit-data\">",
        "</script>",
    );
    let data = serde_json::from_str(&data).unwrap_or_else(|e| panic!("{e}: {data}"));
    (token, data)
}

pub fn between(text: &str, start: &str, end: &str) -> String {
    let from = text
        .find(start)
        .unwrap_or_else(|| panic!("no {start} in\n{text}"))
        + start.len();
    let to = text[from..].find(end).expect("end") + from;
    text[from..to].to_string()
}

pub fn origin(server: &Server) -> String {
    format!("http://{}", server.address)
}

/// A POST of JSON as the editor's page sends it.
pub fn post_json(server: &Server, path: &str, token: &str, body: &Value) -> (u16, Value) {
    let origin = origin(server);
    let headers = [
        ("X-Lots-Token", token),
        ("Origin", origin.as_str()),
        ("Content-Type", "application/json"),
    ];
    let (status, text) = request(server, "POST", path, &headers, body.to_string().as_bytes());
    let value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {status} {text}"));
    (status, value)
}

/// The save request of the page data with `changes` made to its values.
pub fn save_body(data: &Value, changes: Value) -> Value {
    let mut values = data["values"].clone();
    for (name, value) in changes.as_object().expect("changes") {
        values[name] = value.clone();
    }
    json!({
        "key": data["key"], "section": data["section"], "values": values,
        "body": data["body"], "version": data["version"],
    })
}
