//! `lots serve --edit` over HTTP, the real binary on a copy of the collections fixture: the
//! editor exists only with the flag and only on loopback, every write needs the token and the
//! server's own origin and stays inside content/, and a save changes only what was edited,
//! refuses errors and never overwrites a file that changed on disk.

mod common;
mod edit_http;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::os::unix::fs::symlink;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::fixture;
use common::serve::{exchange, get, start, wait_for};
use edit_http::{between, open_editor, origin, post_json, request, save_body, start_editing};
use serde_json::{json, Value};

const SYMBOL: &str = "symboler/kod-88/index.md";
const SYMBOL_FILE: &str = "content/symboler/kod-88/index.md";

#[test]
fn without_edit_there_is_no_editor_and_no_link() {
    let site = fixture("collections");
    let server = start(&site);
    let page = wait_for(&server, "/symboler/kod-88/", "the page", |s, _| s == 200);
    assert!(!page.contains("Redigera sidan"), "{page}");
    assert!(!page.contains("lots-edit"), "{page}");
    let (_, list) = get(&server, "/symboler/");
    assert!(!list.contains("Ny sida"), "{list}");
    for path in [
        "/__lots/edit/page?key=symboler/kod-88/index.md",
        "/__lots/edit/new?section=symboler/_index.md",
        "/__lots/edit/editor.js",
        "/__lots/edit/api/pages",
    ] {
        assert_eq!(get(&server, path).0, 404, "{path}");
    }
    let headers = [
        ("Origin", "http://127.0.0.1"),
        ("Content-Type", "application/json"),
    ];
    let (status, _) = request(&server, "POST", "/__lots/edit/api/save", &headers, b"{}");
    assert_eq!(status, 404);
}

#[test]
fn with_edit_pages_link_to_their_editor_and_sections_to_a_new_page() {
    let site = fixture("collections");
    let server = start_editing(&site);
    let page = wait_for(&server, "/symboler/kod-88/", "the page", |s, _| s == 200);
    assert!(
        page.contains("<nav id=\"lots-edit-nav\" aria-label=\"Redigering\"><a href=\"/__lots/edit/page?key=symboler/kod-88/index.md\">Redigera sidan</a></nav>"),
        "{page}"
    );
    let (_, list) = get(&server, "/symboler/");
    assert!(
        list.contains("<a href=\"/__lots/edit/new?section=symboler/_index.md\">Ny sida</a>"),
        "{list}"
    );
    let (token, data) = open_editor(&server, SYMBOL);
    assert_eq!(token.len(), 64, "{token}");
    assert_eq!(data["key"], SYMBOL);
    assert_eq!(data["section"], "symboler/_index.md");
    assert_eq!(data["collection"]["name"], "symboler");
    let names = field_names(&data);
    assert_eq!(
        &names[..7],
        [
            "title",
            "description",
            "date",
            "updated",
            "draft",
            "tags",
            "alias"
        ]
    );
    assert_eq!(data["values"]["miljo"], "vit-makt");
    assert_eq!(data["files"], json!(["kod-88.svg"]));
    // The editor's modules, from editor.js through its imports: browsers run a module only
    // when it is served as JavaScript.
    let mut modules = vec!["editor.js".to_string()];
    let mut next = 0;
    while let Some(name) = modules.get(next).cloned() {
        let path = format!("/__lots/edit/{name}");
        let (status, head, script) = exchange(&server, "GET", &path, &[], b"");
        assert_eq!(status, 200, "{path}: {script}");
        let head = head.to_ascii_lowercase();
        assert!(
            head.contains("content-type: text/javascript"),
            "{path}: {head}"
        );
        for import in script.split(" from './").skip(1) {
            let import = import.split('\'').next().unwrap_or_default().to_string();
            if !modules.contains(&import) {
                modules.push(import);
            }
        }
        next += 1;
    }
    assert!(modules.len() > 3, "{modules:?}");
}

#[test]
fn edit_with_a_bind_that_is_not_loopback_is_refused() {
    let site = fixture("collections");
    let mut child = Command::new(env!("CARGO_BIN_EXE_lots"))
        .args([
            "serve", "--edit", "--bind", "0.0.0.0", "--port", "0", "--root",
        ])
        .arg(&site.root)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start lots serve");
    let deadline = Instant::now() + Duration::from_secs(10);
    while child.try_wait().expect("wait").is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("lots serve --edit --bind 0.0.0.0 started instead of refusing");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = child.wait_with_output().expect("output");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("--bind 0.0.0.0"), "{stderr}");
    // The fixture is a Swedish site: the refusal is said in Swedish.
    assert!(
        stderr.contains("lyssnar bara på den här datorn"),
        "{stderr}"
    );
    assert!(!String::from_utf8_lossy(&output.stdout).contains("Serving"));
}

#[test]
fn writes_without_the_token_or_from_another_origin_are_refused() {
    let site = fixture("collections");
    let server = start_editing(&site);
    let before = std::fs::read(site.path(SYMBOL_FILE)).expect("read");
    let (token, data) = open_editor(&server, SYMBOL);
    let body = save_body(&data, json!({"betydelse": "Ändrad"})).to_string();
    let own = origin(&server);
    let other_port = format!("http://127.0.0.1:{}", common::serve::free_port());
    let wrong = "0".repeat(64);
    let json_type = ("Content-Type", "application/json");
    let refused: [(&str, Vec<(&str, &str)>); 6] = [
        ("no token", vec![("Origin", &own), json_type]),
        (
            "a wrong token",
            vec![("X-Lots-Token", &wrong), ("Origin", &own), json_type],
        ),
        (
            "a short token",
            vec![("X-Lots-Token", &token[..10]), ("Origin", &own), json_type],
        ),
        (
            "another site",
            vec![
                ("X-Lots-Token", &token),
                ("Origin", "http://evil.example"),
                json_type,
            ],
        ),
        (
            "another port",
            vec![("X-Lots-Token", &token), ("Origin", &other_port), json_type],
        ),
        ("no Origin", vec![("X-Lots-Token", &token), json_type]),
    ];
    for path in ["/__lots/edit/api/save", "/__lots/edit/api/preview"] {
        for (what, headers) in &refused {
            let (status, text) = request(&server, "POST", path, headers, body.as_bytes());
            assert_eq!(status, 403, "{what} at {path}: {text}");
            assert!(text.contains("\"message\""), "{text}");
        }
    }
    let upload = "/__lots/edit/api/upload?key=symboler/kod-88/index.md&name=bild.png";
    let (status, _) = request(&server, "POST", upload, &refused[0].1, b"png");
    assert_eq!(status, 403);
    let text_type = [
        ("X-Lots-Token", token.as_str()),
        ("Origin", &own),
        ("Content-Type", "text/plain"),
    ];
    let (status, _) = request(
        &server,
        "POST",
        "/__lots/edit/api/save",
        &text_type,
        body.as_bytes(),
    );
    assert_eq!(status, 415, "only JSON is taken");
    assert_eq!(std::fs::read(site.path(SYMBOL_FILE)).expect("read"), before);
    assert!(!site.path("content/symboler/kod-88/bild.png").exists());
    // A page that DNS rebinding pointed here names its own host: it never sees the token.
    let mut stream = TcpStream::connect(&server.address).expect("connect");
    let rebound = format!(
        "GET /__lots/edit/page?key={SYMBOL} HTTP/1.1\r\nHost: evil.example:{}\r\nConnection: close\r\n\r\n",
        server.address.rsplit(':').next().expect("port")
    );
    stream.write_all(rebound.as_bytes()).expect("send");
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    assert!(answer.starts_with("HTTP/1.1 421"), "{answer}");
    assert!(!answer.contains(&token), "{answer}");
}

#[test]
fn keys_that_leave_content_are_refused() {
    let site = fixture("collections");
    let outside = site.beside("utanfor");
    std::fs::create_dir_all(&outside).expect("outside folder");
    let secret = "---\ntitle: Hemlig\n---\nHEMLIGT\n";
    std::fs::write(outside.join("sida.md"), secret).expect("write");
    symlink(outside.join("sida.md"), site.path("content/lank.md")).expect("link");
    symlink(&outside, site.path("content/lankmapp")).expect("link");
    let server = start_editing(&site);
    let (token, data) = open_editor(&server, SYMBOL);
    let outside_key = format!("{}/sida.md", outside.display());
    let keys = [
        "../utanfor/sida.md",
        "../../utanfor/sida.md",
        "symboler/../../utanfor/sida.md",
        outside_key.as_str(),
        "/etc/passwd.md",
        "lank.md",
        "lankmapp/sida.md",
        "symboler/kod-88/../../../utanfor/sida.md",
    ];
    for key in keys {
        let mut body = save_body(&data, json!({"title": "Skriven"}));
        body["key"] = json!(key);
        let (status, answer) = post_json(&server, "/__lots/edit/api/save", &token, &body);
        assert_eq!(status, 400, "save of {key}: {answer}");
        let (status, answer) = post_json(&server, "/__lots/edit/api/preview", &token, &body);
        assert_eq!(status, 400, "preview of {key}: {answer}");
        let (status, page) = get(&server, &format!("/__lots/edit/page?key={key}"));
        assert_eq!(status, 400, "editor of {key}");
        assert!(!page.contains("HEMLIGT"), "{page}");
        let upload = format!("/__lots/edit/api/upload?key={key}&name=bild.png");
        let origin = origin(&server);
        let headers = [
            ("X-Lots-Token", token.as_str()),
            ("Origin", origin.as_str()),
        ];
        let (status, answer) = request(&server, "POST", &upload, &headers, b"png");
        assert_eq!(status, 400, "upload beside {key}: {answer}");
    }
    assert_eq!(
        std::fs::read_to_string(outside.join("sida.md")).expect("read"),
        secret
    );
    assert_eq!(std::fs::read_dir(&outside).expect("list").count(), 1);
}

#[test]
fn uploads_are_limited_in_size_and_type() {
    let site = fixture("collections");
    let server = start_editing(&site);
    let (token, _) = open_editor(&server, SYMBOL);
    let origin = origin(&server);
    let headers = [
        ("X-Lots-Token", token.as_str()),
        ("Origin", origin.as_str()),
        ("Content-Type", "application/octet-stream"),
    ];
    let upload = |name: &str, bytes: &[u8]| {
        let path = format!("/__lots/edit/api/upload?key={SYMBOL}&name={name}");
        request(&server, "POST", &path, &headers, bytes)
    };
    let too_large = vec![0u8; 20 * 1024 * 1024 + 1];
    let (status, answer) = upload("stor.png", &too_large);
    assert_eq!(status, 413, "{answer}");
    for name in ["skript.exe", "sida.html", "utan-typ", "bild.png.sh"] {
        let (status, answer) = upload(name, b"data");
        assert_eq!(status, 415, "{name}: {answer}");
    }
    let folder = site.path("content/symboler/kod-88");
    let names = |folder: &std::path::Path| {
        let mut names: Vec<String> = std::fs::read_dir(folder)
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    assert_eq!(names(&folder), ["index.md", "kod-88.svg"]);
    let (status, answer) = upload("Ny%20Bild.PNG", b"\x89PNG");
    assert_eq!(status, 200, "{answer}");
    let saved: Value = serde_json::from_str(&answer).expect("json");
    let name = saved["file"].as_str().expect("a file name");
    assert_eq!(name, "ny-bild.png", "the name is slugged");
    assert_eq!(
        std::fs::read(folder.join(name)).expect("uploaded"),
        b"\x89PNG"
    );
}

#[test]
fn a_save_changes_only_the_edited_line_and_the_served_page() {
    let site = fixture("collections");
    let server = start_editing(&site);
    wait_for(&server, "/symboler/kod-88/", "the page", |s, _| s == 200);
    let before = std::fs::read_to_string(site.path(SYMBOL_FILE)).expect("read");
    let (token, data) = open_editor(&server, SYMBOL);
    let body = save_body(&data, json!({"betydelse": "Sparad från redigeraren."}));
    let (status, answer) = post_json(&server, "/__lots/edit/api/preview", &token, &body);
    assert_eq!(status, 200, "{answer}");
    let html = answer["html"].as_str().expect("html");
    assert!(html.contains("Sparad från redigeraren."), "{html}");
    assert_eq!(
        std::fs::read_to_string(site.path(SYMBOL_FILE)).expect("read"),
        before
    );
    let (status, answer) = post_json(&server, "/__lots/edit/api/save", &token, &body);
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["key"], SYMBOL);
    assert_eq!(answer["url"], "/symboler/kod-88/");
    let after = std::fs::read_to_string(site.path(SYMBOL_FILE)).expect("read");
    let changed: Vec<(&str, &str)> = before
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(changed.len(), 1, "{after}");
    assert!(
        changed[0].0.starts_with("betydelse: \"Heil Hitler"),
        "{after}"
    );
    let line = changed[0].1;
    assert!(
        line.starts_with("betydelse: ") && line.contains("Sparad från redigeraren."),
        "{after}"
    );
    assert_eq!(before.lines().count(), after.lines().count(), "{after}");
    wait_for(&server, "/symboler/kod-88/", "the saved text", |s, b| {
        s == 200 && b.contains("Sparad från redigeraren.")
    });
}

#[test]
fn a_save_answers_the_new_version_so_the_next_save_needs_no_reload() {
    let site = fixture("collections");
    let server = start_editing(&site);
    let (token, data) = open_editor(&server, SYMBOL);
    let mut version = data["version"].clone();
    for text in ["Första sparningen.", "Andra sparningen."] {
        let mut body = save_body(&data, json!({ "betydelse": text }));
        body["version"] = version;
        let (status, answer) = post_json(&server, "/__lots/edit/api/save", &token, &body);
        assert_eq!(status, 200, "{text}: {answer}");
        let disk = std::fs::read(site.path(SYMBOL_FILE)).expect("read");
        assert!(String::from_utf8_lossy(&disk).contains(text));
        assert_eq!(answer["version"], blake3::hash(&disk).to_hex().as_str());
        version = answer["version"].clone();
    }
}

#[test]
fn a_save_with_a_schema_error_is_refused_at_its_field() {
    let site = fixture("collections");
    let server = start_editing(&site);
    let before = std::fs::read(site.path(SYMBOL_FILE)).expect("read");
    let (token, data) = open_editor(&server, SYMBOL);
    let body = save_body(&data, json!({"miljo": "okand-miljo"}));
    let (status, answer) = post_json(&server, "/__lots/edit/api/save", &token, &body);
    assert_eq!(status, 422, "{answer}");
    let problems = answer["problems"].as_array().expect("problems");
    let at_field = problems
        .iter()
        .find(|p| p["field"] == "miljo")
        .unwrap_or_else(|| panic!("no problem at miljo: {answer}"));
    assert_eq!(at_field["severity"], "error");
    assert!(
        at_field["message"]
            .as_str()
            .expect("message")
            .contains("miljo"),
        "{answer}"
    );
    assert_eq!(std::fs::read(site.path(SYMBOL_FILE)).expect("read"), before);
    // A required field left empty has no line in the file: the problem names it all the same.
    let body = save_body(&data, json!({"bild_alt": ""}));
    let (status, answer) = post_json(&server, "/__lots/edit/api/save", &token, &body);
    assert_eq!(status, 422, "{answer}");
    assert!(
        answer["problems"]
            .as_array()
            .expect("problems")
            .iter()
            .any(|p| p["field"] == "bild_alt"),
        "{answer}"
    );
    // A broken link in the body is placed at its line of the body.
    let mut body = save_body(&data, json!({}));
    body["body"] = json!("Första raden.\n\nSe [saknad](@/finns-inte.md).\n");
    let (status, answer) = post_json(&server, "/__lots/edit/api/save", &token, &body);
    assert_eq!(status, 422, "{answer}");
    let in_body = &answer["problems"][0];
    assert_eq!(in_body["body_line"], 3, "{answer}");
    assert_eq!(in_body["field"], Value::Null, "{answer}");
    assert_eq!(std::fs::read(site.path(SYMBOL_FILE)).expect("read"), before);
}

#[test]
fn a_save_over_a_file_changed_on_disk_is_refused_with_the_disk_version() {
    let site = fixture("collections");
    let server = start_editing(&site);
    let (token, data) = open_editor(&server, SYMBOL);
    let theirs = std::fs::read_to_string(site.path(SYMBOL_FILE))
        .expect("read")
        .replace("Klotter, klistermärken", "Ändrat av en git pull");
    site.write(SYMBOL_FILE, &theirs);
    let body = save_body(&data, json!({"betydelse": "Min ändring."}));
    let (status, answer) = post_json(&server, "/__lots/edit/api/save", &token, &body);
    assert_eq!(status, 409, "{answer}");
    assert_eq!(answer["disk"]["text"], theirs.as_str());
    assert_eq!(
        answer["disk"]["values"]["forekomst"],
        "Ändrat av en git pull och användarnamn."
    );
    assert!(answer["disk"]["body"]
        .as_str()
        .expect("body")
        .contains("Var uppmärksam"));
    assert_eq!(
        answer["version"],
        blake3::hash(theirs.as_bytes()).to_hex().as_str()
    );
    assert!(answer["message"]
        .as_str()
        .expect("message")
        .contains("ändrats"));
    assert_eq!(
        std::fs::read_to_string(site.path(SYMBOL_FILE)).expect("read"),
        theirs
    );
}

#[test]
fn a_new_page_is_written_in_its_section_and_a_taken_name_is_refused() {
    let site = fixture("collections");
    let server = start_editing(&site);
    let (status, html) = get(&server, "/__lots/edit/new?section=samordnare/_index.md");
    assert_eq!(status, 200, "{html}");
    let token = between(&html, "<meta name=\"lots-edit-token\" content=\"", "\"");
    assert!(html.contains("\"key\":null"), "{html}");
    // The coordinators are single files; a symbol gets a folder for its picture.
    assert!(html.contains("\"bundle\":false"), "{html}");
    let (_, symbol) = get(&server, "/__lots/edit/new?section=symboler/_index.md");
    assert!(symbol.contains("\"bundle\":true"), "{symbol}");
    let values = json!({
        "title": "Samordnare i Skarpnäck", "roll": "Lokal samordnare",
        "forvaltning": "Skarpnäcks stadsdelsförvaltning", "forvaltningstyp": "stadsdelsforvaltning",
        "telefon": "08-508 222 33", "epost": "vbe.skarpnack@example.stockholm.se",
        "verifierad": "2026-11-30", "draft": false,
    });
    let body = json!({"key": null, "section": "samordnare/_index.md", "values": values, "body": "Kontakt.\n"});
    let (status, answer) = post_json(&server, "/__lots/edit/api/save", &token, &body);
    assert_eq!(status, 200, "{answer}");
    let key = answer["key"].as_str().expect("the new key");
    assert_eq!(key, "samordnare/samordnare-i-skarpnack.md");
    let text = std::fs::read_to_string(site.path(&format!("content/{key}"))).expect("written");
    assert!(
        text.contains("forvaltningstyp: stadsdelsforvaltning"),
        "{text}"
    );
    assert!(
        !text.contains("draft"),
        "an unticked box is not written: {text}"
    );
    assert_eq!(
        answer["version"],
        blake3::hash(text.as_bytes()).to_hex().as_str()
    );
    let url = answer["url"].as_str().expect("url").to_string();
    // Opened at once, before the rebuild has loaded it, the editor knows where it is served.
    let (_, data) = open_editor(&server, key);
    assert_eq!(data["url"], url.as_str());
    wait_for(&server, &url, "the new page", |s, b| {
        s == 200 && b.contains("Skarpnäck")
    });
    let (status, answer) = post_json(&server, "/__lots/edit/api/save", &token, &body);
    assert_eq!(status, 400, "the same title again: {answer}");
    // A section that does not exist has no editor.
    let (status, _) = get(&server, "/__lots/edit/new?section=finns-inte/_index.md");
    assert_eq!(status, 404);
}

#[test]
fn a_section_s_further_pages_and_pages_outside_collections_get_their_links() {
    let site = fixture("basic");
    let server = start_editing(&site);
    let second = wait_for(&server, "/nyheter/page/2/", "the second page", |s, _| {
        s == 200
    });
    assert!(
        second.contains("<a href=\"/__lots/edit/new?section=nyheter/_index.md\">Ny sida</a>"),
        "{second}"
    );
    let (status, page) = get(&server, "/nyheter/nyhet-1/");
    assert_eq!(status, 200, "{page}");
    assert!(
        page.contains("/__lots/edit/page?key=nyheter/nyhet-1.md\">Redigera sidan</a>"),
        "{page}"
    );
    let (_, data) = open_editor(&server, "nyheter/nyhet-1.md");
    assert_eq!(data["collection"], Value::Null);
    let names = field_names(&data);
    assert_eq!(&names[..3], ["title", "description", "date"]);
    assert!(!names.contains(&"draft"), "{names:?}");
    let (_, missing) = get(&server, "/finns-inte/");
    assert!(
        !missing.contains("lots-edit-nav"),
        "the 404 page has no source"
    );
}

#[test]
fn a_save_keeps_a_crlf_file_crlf() {
    let site = fixture("collections");
    let lf = std::fs::read_to_string(site.path(SYMBOL_FILE)).expect("read");
    site.write(SYMBOL_FILE, lf.replace('\n', "\r\n"));
    let server = start_editing(&site);
    let (token, data) = open_editor(&server, SYMBOL);
    assert!(
        !data["body"].as_str().expect("body").contains('\r'),
        "{data}"
    );
    let mut body = save_body(&data, json!({"bild_alt": "Siffrorna 88"}));
    body["body"] = json!(format!("{}Ny rad.\n", data["body"].as_str().expect("body")));
    let (status, answer) = post_json(&server, "/__lots/edit/api/save", &token, &body);
    assert_eq!(status, 200, "{answer}");
    let after = std::fs::read_to_string(site.path(SYMBOL_FILE)).expect("read");
    assert_eq!(
        after.matches('\n').count(),
        after.matches("\r\n").count(),
        "{after:?}"
    );
    assert!(
        after.contains("bild_alt: \"Siffrorna 88\"\r\n")
            || after.contains("bild_alt: Siffrorna 88\r\n"),
        "{after:?}"
    );
    assert!(after.ends_with("Ny rad.\r\n"), "{after:?}");
}

/// Whatever `build` and `bundle` write of the example site: files by path, and zip entries.
fn built_and_bundled() -> Vec<(String, Vec<u8>)> {
    let (tmp, run) = common::build_example_site(&[]);
    let mut texts = common::snapshot(&run.out);
    let zip = tmp.path().join("kunskapsbank.zip");
    let args = ["bundle", "--root", env!("CARGO_MANIFEST_DIR"), "--output"];
    let mut args: Vec<String> = args.map(String::from).to_vec();
    args.push(zip.display().to_string());
    common::run_lots(&args, tmp.path(), zip.clone()).assert_success();
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&zip).unwrap()).expect("a zip");
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        let name = entry.name().map(|n| n.to_string()).unwrap_or_default();
        texts.push((format!("zip:{name}"), bytes));
    }
    texts
}

#[test]
fn the_built_and_bundled_site_has_no_editor_link_script_or_route() {
    let texts = built_and_bundled();
    assert!(texts.len() > 100, "the example site was written");
    assert!(
        texts.iter().any(|(name, _)| name.starts_with("zip:")),
        "the bundle was read"
    );
    for marker in [
        "__lots",
        "Redigera sidan",
        "lots-edit",
        "Ny sida",
        "editor.js",
    ] {
        let found: Vec<&str> = texts
            .iter()
            .filter(|(_, bytes)| String::from_utf8_lossy(bytes).contains(marker))
            .map(|(name, _)| name.as_str())
            .collect();
        assert!(found.is_empty(), "`{marker}` in {found:?}");
    }
}

/// The names of the editor's fields in the page data, in the order the form shows them.
fn field_names(data: &Value) -> Vec<&str> {
    data["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .filter_map(|f| f["name"].as_str())
        .collect()
}

/// A page whose front matter is TOML (Zola's `+++`) is refused by the editor, in Swedish, and
/// never rewritten: the editor writes YAML only.
#[test]
fn a_toml_page_is_refused_and_left_as_it_is() {
    let site = fixture("zola");
    site.write(
        "content/blogg/yaml.md",
        "---\ntitle: \"I YAML\"\n---\nText.\n",
    );
    let toml_file = "content/blogg/forsta.md";
    let before = std::fs::read(site.path(toml_file)).expect("read");
    let server = start_editing(&site);
    wait_for(&server, "/blogg/yaml/", "the page", |s, _| s == 200);
    let (status, html) = get(&server, "/__lots/edit/page?key=blogg/forsta.md");
    assert_eq!(status, 422, "{html}");
    assert!(
        html.contains("Sidans sidhuvud är skrivet i TOML (mellan rader +++), och redigeraren kan bara skriva YAML"),
        "{html}"
    );
    let (token, data) = open_editor(&server, "blogg/yaml.md");
    let mut body = save_body(&data, json!({"title": "Skrivet över"}));
    body["key"] = json!("blogg/forsta.md");
    for api in ["/__lots/edit/api/preview", "/__lots/edit/api/save"] {
        let (status, answer) = post_json(&server, api, &token, &body);
        assert_eq!(status, 422, "{api}: {answer}");
        assert!(
            answer
                .to_string()
                .contains("redigeraren kan bara skriva YAML"),
            "{answer}"
        );
    }
    assert_eq!(std::fs::read(site.path(toml_file)).expect("read"), before);
}
