//! No URL the site publishes runs script: a link written from the site root (`/javascript:…`)
//! is refused like `javascript:…`, and a URL made from a root mark at the top of the site (where
//! the `../` prefix is empty) never reads as a scheme, whether it came from a Markdown link, a
//! file name or a template's `get_url`.

mod common;

use common::{fixture, list_files, Run};

const ROOT: &str = "content/_index.md";
const NESTED: &str = "content/guide/sida.md";

/// Rooted destinations that a browser would read as a script or document scheme once the
/// leading `/` is replaced by the empty root prefix.
const ROOTED_SCHEMES: [&str; 10] = [
    "[a](/javascript:alert(document.domain))",
    "[b](/JavaScript:alert(1))",
    "[c](/vbscript:msgbox(1))",
    "[d](/data:text/html,<script>alert(1)</script>)",
    "![e](/data:text/html;base64,PHNjcmlwdD4=)",
    "[f](</ javascript:alert(1)>)",
    "[g](/java&#x09;script:alert(1))",
    "[h](/javascript&#58;alert(1))",
    "[i](/https://example.org)",
    "[j][ref]",
];

fn page_with(title: &str, lines: &[&str], tail: &str) -> String {
    let mut body = format!("---\ntitle: \"{title}\"\n---\n");
    for line in lines {
        body.push('\n');
        body.push_str(line);
        body.push('\n');
    }
    body.push_str(tail);
    body
}

#[test]
fn rooted_links_that_read_as_a_scheme_are_errors_at_the_top_and_below() {
    let site = fixture("minimal");
    let tail = "\n[ref]: /javascript:alert(1)\n";
    site.write(ROOT, page_with("Start", &ROOTED_SCHEMES, tail));
    site.write("content/guide/_index.md", "---\ntitle: \"Guide\"\n---\n");
    site.write(NESTED, page_with("Sida", &ROOTED_SCHEMES, tail));
    let run = site.build(&[]);
    run.assert_content_error();
    for file in [ROOT, NESTED] {
        for (i, line) in ROOTED_SCHEMES.iter().enumerate() {
            run.assert_error_at(&site.shown(file), 5 + 2 * i, 1, "är inte tillåtna", line);
        }
    }
    assert!(!site.public().exists());
}

#[test]
fn no_published_url_reads_as_a_script_scheme() {
    let site = fixture("minimal");
    // A file whose name reads as a scheme is a legitimate (if odd) attachment; so are
    // destinations a browser does not read as a scheme.
    site.write("content/javascript:alert(1).txt", "bilaga");
    site.write(
        ROOT,
        page_with(
            "Start",
            &[
                "[a](./javascript:alert(1).txt)",
                "[b](javascript:alert(1).txt \"relativ\")",
                "[c](/java%09script:alert(1))",
                "[d](//javascript:alert(1))",
                "[e](@/guide/sida.md)",
            ],
            "",
        ),
    );
    site.write("content/guide/_index.md", "---\ntitle: \"Guide\"\n---\n");
    site.write(
        NESTED,
        page_with(
            "Sida",
            &[
                "[a](../javascript:alert(1).txt)",
                "[b](/java%09script:alert(1))",
            ],
            "",
        ),
    );
    let run = site.build(&[]);
    // `[b]` is read as a scheme and refused; without it the page builds.
    run.assert_content_error();
    run.assert_error_at(
        &site.shown(ROOT),
        7,
        1,
        "är inte tillåtna",
        "[b](javascript:alert(1).txt \"relativ\")",
    );
    let text = std::fs::read_to_string(site.path(ROOT)).unwrap();
    site.write(
        ROOT,
        text.replace("[b](javascript:alert(1).txt \"relativ\")\n", ""),
    );
    let run = site.build_ok(&[]);
    assert_no_script_urls(&run);
    run.assert_file("javascript:alert(1).txt");
    run.assert_contains("index.html", r#"href="./javascript:alert(1).txt""#);
    run.assert_contains(
        "guide/sida/index.html",
        r#"href="../../javascript:alert(1).txt""#,
    );
}

#[test]
fn get_url_refuses_a_path_that_reads_as_a_scheme() {
    let site = fixture("minimal");
    site.write(ROOT, "---\ntitle: \"Start\"\n---\n");
    for (name, path) in [
        ("a", "/javascript:alert(1)"),
        ("b", "vbscript:msgbox(1)"),
        ("c", "/ data:text/html,x"),
    ] {
        site.write(
            &format!("templates/pages/{name}.html"),
            format!("<a href=\"{{{{ get_url(path=\"{path}\") }}}}\">x</a>\n"),
        );
    }
    let run = site.build(&[]);
    run.assert_content_error();
    for (name, path) in [
        ("a", "/javascript:alert(1)"),
        ("b", "vbscript:msgbox(1)"),
        ("c", "/ data:text/html,x"),
    ] {
        assert!(
            run.stderr
                .lines()
                .any(|l| l.contains(&format!("{name}.html"))
                    && l.contains(&format!("`{path}` must be a path inside the site"))),
            "no error for get_url(path=\"{path}\"):\n{}",
            run.stderr
        );
    }
    assert!(!site.public().exists());
}

/// Every URL attribute of every HTML file, decoded and parsed as a browser would, has no
/// `javascript:`, `vbscript:` or `data:` scheme (a raster `data:image/…` in `src` excepted).
fn assert_no_script_urls(run: &Run) {
    let files = list_files(&run.out);
    let html: Vec<&String> = files.iter().filter(|f| f.ends_with(".html")).collect();
    assert!(!html.is_empty(), "no HTML written");
    for file in html {
        let text = run.read(file);
        for (attribute, value) in url_attributes(&text) {
            let url = browser_url(&value);
            let scheme = scheme(&url);
            let raster = attribute == "src"
                && ["png", "jpeg", "gif", "webp"].iter().any(|t| {
                    url.to_ascii_lowercase()
                        .starts_with(&format!("data:image/{t}"))
                });
            assert!(
                !matches!(scheme.as_deref(), Some("javascript" | "vbscript" | "data")) || raster,
                "{file}: {attribute}=\"{value}\" is a `{scheme:?}` URL"
            );
        }
    }
}

/// `(attribute, raw value)` of every double-quoted URL attribute.
fn url_attributes(html: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for attribute in [
        "href",
        "src",
        "action",
        "formaction",
        "poster",
        "data",
        "content",
    ] {
        let needle = format!(" {attribute}=\"");
        let mut rest = html;
        while let Some(at) = rest.find(&needle) {
            rest = &rest[at + needle.len()..];
            let end = rest.find('"').unwrap_or(rest.len());
            let value = &rest[..end];
            // `<meta http-equiv="refresh" content="0; url=…">`
            let value = match attribute {
                "content" => match value.to_ascii_lowercase().find("url=") {
                    Some(i) => value[i + 4..].to_string(),
                    None => continue,
                },
                _ => value.to_string(),
            };
            found.push((attribute.to_string(), value));
        }
    }
    found
}

/// The URL a browser parses from an attribute value: entities decoded, leading and trailing
/// C0 controls and spaces stripped, tabs and line breaks removed.
fn browser_url(value: &str) -> String {
    let mut decoded = String::new();
    let mut rest = value;
    while let Some(at) = rest.find('&') {
        decoded.push_str(&rest[..at]);
        rest = &rest[at..];
        let Some(end) = rest.find(';') else { break };
        let entity = &rest[1..end];
        let character = match entity {
            "amp" => Some('&'),
            "quot" => Some('"'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "colon" => Some(':'),
            "Tab" => Some('\t'),
            "NewLine" => Some('\n'),
            _ => entity.strip_prefix('#').and_then(|n| {
                let code = match n.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => n.parse().ok(),
                };
                code.and_then(char::from_u32)
            }),
        };
        match character {
            Some(c) => {
                decoded.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                decoded.push('&');
                rest = &rest[1..];
            }
        }
    }
    decoded.push_str(rest);
    decoded
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect()
}

fn scheme(url: &str) -> Option<String> {
    let colon = url.find(':')?;
    let scheme = &url[..colon];
    let valid = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then(|| scheme.to_ascii_lowercase())
}

#[test]
fn the_checker_sees_script_urls() {
    for (value, expected) in [
        ("javascript:alert(1)", Some("javascript")),
        ("  JavaScript:x", Some("javascript")),
        ("java&#x09;script:x", Some("javascript")),
        ("javascript&colon;x", Some("javascript")),
        ("./javascript:x", None),
        ("../a/index.html", None),
        ("https://a.se/", Some("https")),
    ] {
        assert_eq!(scheme(&browser_url(value)).as_deref(), expected, "{value}");
    }
}
