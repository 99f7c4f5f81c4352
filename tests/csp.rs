//! Every HTML file a build writes carries one Content-Security-Policy that allows scripts and
//! styles only from the site itself, and nothing in the HTML needs more: no inline script,
//! no `<style>`, no `style=""` (the browser tests check the same in Chromium).

mod common;

use common::{fixture, Run};

const META: &str = "<meta http-equiv=\"Content-Security-Policy\" content=\"";

/// The policy of an HTML file, checked to be its only one.
fn policy_of(name: &str, html: &str) -> String {
    assert_eq!(html.matches(META).count(), 1, "{name}: one CSP meta");
    let at = html.find(META).map(|at| at + META.len()).unwrap_or(0);
    let head_end = html.find("</head>").unwrap_or(0);
    assert!(at < head_end, "{name}: the CSP meta is in the head");
    let end = html[at..].find('"').map(|end| at + end).unwrap_or(at);
    html[at..end].to_string()
}

fn html_files(run: &Run) -> Vec<String> {
    run.files()
        .into_iter()
        .filter(|f| f.ends_with(".html"))
        .collect()
}

/// What a policy without `'unsafe-inline'` would refuse, were it in the page.
fn assert_nothing_inline(name: &str, html: &str) {
    assert!(!html.contains(" style=\""), "{name}: a style attribute");
    assert!(!html.contains("<style"), "{name}: a <style> element");
    for (at, _) in html.match_indices("<script") {
        let tag = &html[at..at + html[at..].find('>').unwrap_or(0)];
        assert!(tag.contains(" src=\""), "{name}: an inline script: {tag}");
    }
    let lower = html.to_ascii_lowercase();
    for handler in [
        " onclick=",
        " onload=",
        " onerror=",
        " onchange=",
        " onsubmit=",
    ] {
        assert!(
            !lower.contains(handler),
            "{name}: an event handler attribute"
        );
    }
    assert!(!lower.contains("javascript:"), "{name}: a javascript: URL");
}

fn check_every_page(run: &Run) -> String {
    let files = html_files(run);
    assert!(files.len() > 5, "HTML files: {files:?}");
    let mut policies: Vec<String> = files
        .iter()
        .map(|name| {
            let html = run.read(name);
            assert_nothing_inline(name, &html);
            policy_of(name, &html)
        })
        .collect();
    policies.dedup();
    assert_eq!(
        policies.len(),
        1,
        "one policy for the whole site: {policies:?}"
    );
    let policy = policies.remove(0);
    assert!(!policy.contains("unsafe-inline"), "{policy}");
    assert!(!policy.contains("unsafe-eval"), "{policy}");
    for directive in [
        "script-src 'self';",
        "style-src 'self';",
        "object-src 'none';",
    ] {
        assert!(policy.contains(directive), "{directive} in {policy}");
    }
    policy
}

#[test]
fn every_page_redirect_and_error_page_has_the_policy() {
    let site = fixture("basic");
    site.write(
        "content/guider/tabell.md",
        "---\ntitle: \"Tabell\"\n---\n| Namn | Antal | Mitt |\n|:--|--:|:-:|\n| a | 1 | x |\n",
    );
    let run = site.build_ok(&[]);
    check_every_page(&run);
    // Redirects (an alias, the first page of a paginated section) and the 404 page are
    // among them; named so that a change in the fixture cannot drop them silently.
    for name in [
        "gamla/sidan/index.html",
        "nyheter/page/1/index.html",
        "404.html",
    ] {
        policy_of(name, &run.read(name));
    }
    let table = run.read("guider/tabell/index.html");
    assert!(
        table.contains("<td class=\"align-right\">1</td>"),
        "{table}"
    );
}

#[test]
fn collections_and_charts_need_nothing_inline() {
    for name in ["collections", "charts"] {
        check_every_page(&fixture(name).build_ok(&[]));
    }
}

#[test]
fn a_site_may_add_servers_for_media_but_no_keywords() {
    let site = fixture("basic");
    let config = std::fs::read_to_string(site.path("config.yaml")).expect("config");
    site.write(
        "config.yaml",
        format!("{config}content_security_policy:\n  media-src: [\"https://video.example.se/\"]\n"),
    );
    let policy = check_every_page(&site.build_ok(&[]));
    assert!(
        policy.contains("media-src 'self' data: https://video.example.se;"),
        "{policy}"
    );

    site.write(
        "config.yaml",
        format!("{config}content_security_policy:\n  media-src: [\"'unsafe-inline'\"]\n  script-src: [\"https://cdn.example.se\"]\n"),
    );
    let run = site.build(&[]);
    assert_ne!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("`'unsafe-inline'`"), "{}", run.stderr);
    assert!(run.stderr.contains("`script-src`"), "{}", run.stderr);
}
