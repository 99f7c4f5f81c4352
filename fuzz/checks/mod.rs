//! What must hold for any input to the parts of Lots that read what users write. One function
//! per fuzz target: each takes arbitrary bytes, calls the library's own entry points and panics
//! when a promise is broken. The fuzz targets (`fuzz/fuzz_targets/`) call these under
//! libFuzzer; `tests/properties/` calls them with generated inputs and with every saved input
//! under `fuzz/regressions/` on stable Rust, so a crash found once stays fixed.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use lots::config::Config;
use lots::content::kind::FileKind;
use lots::content::paths::{resolve_root_marks, ROOT_MARK};
use lots::content::{front_matter, Document, Library, LoadOptions};
use lots::diagnostics::{read_text, Diagnostic};
use lots::yaml;

/// `text` with its root marks resolved, as a page is written.
fn resolved(text: &str, prefix: &str) -> String {
    String::from_utf8(resolve_root_marks(text.as_bytes(), prefix))
        .expect("a mark is replaced by ASCII, so the text stays UTF-8")
}

mod html;
mod shortcodes;
mod svg;

pub use html::assert_safe_html;
use html::assert_safe_url;
pub use shortcodes::shortcodes;
pub use svg::assert_clean_svg;

/// The repository: the example site's `config.yaml` and `content/` give the checks a real
/// configuration (collections with schemas) and real pages and files to link to.
fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .find(|dir| dir.join("config.yaml").is_file() && dir.join("content").is_dir())
        .expect("the repository with config.yaml above the crate")
        .to_path_buf()
}

fn config() -> &'static Config {
    static CONFIG: OnceLock<Config> = OnceLock::new();
    CONFIG.get_or_init(|| Config::load(&repo()).expect("the example config loads"))
}

/// The example site's content, loaded once.
pub fn library() -> &'static Library {
    static LIBRARY: OnceLock<Library> = OnceLock::new();
    LIBRARY.get_or_init(|| {
        let options = LoadOptions {
            include_drafts: false,
            release_bodies: false,
        };
        let (library, _) = lots::content::load(&repo().join("content"), config(), &options)
            .expect("the example content loads");
        library
    })
}

/// A temporary `content/` folder to write files into, kept for the whole process.
fn scratch() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().expect("a temporary folder"))
        .path()
}

/// Panics unless `problem` points into `text`: line and column 1-based, the line at most one
/// past the last (the end of a file without a final newline).
pub fn assert_inside(problem: &Diagnostic, text: &str) {
    let lines = text.lines().count();
    assert!(
        problem.line >= 1 && problem.column >= 1 && problem.line <= lines + 1,
        "{}:{}: outside the file of {lines} lines: {} ({problem})",
        problem.line,
        problem.column,
        problem.message
    );
    // The column is on the line, or just past its end.
    let width = text
        .lines()
        .nth(problem.line - 1)
        .map_or(0, |l| l.chars().count());
    assert!(
        problem.column <= width + 1,
        "{}:{}: past the end of a line of {width} characters: {} ({problem})",
        problem.line,
        problem.column,
        problem.message
    );
}

/// Front matter splitting, YAML parsing and a whole page read as a file on disk (encoding,
/// splitting, typed front matter, the collection's schema): never a panic, every problem
/// with a position inside the file.
pub fn front_matter(data: &[u8]) {
    // As the build reads it: from a file, which may not be UTF-8 or may have CR line ends.
    let key = "vagledningar/prov.md";
    // Tests run on several threads at once: each writes a file of its own.
    let file = scratch().join(format!("{:?}.md", std::thread::current().id()));
    std::fs::write(&file, data).expect("write the page");
    let text = match read_text(&file) {
        Ok(text) => text,
        Err(problem) => {
            return assert_inside(&problem, &String::from_utf8_lossy(data));
        }
    };
    // Split and parsed on their own, then as a whole page of a collection.
    let path = file.as_path();
    match front_matter::Matter::read(path, &text) {
        Err(problem) => assert_inside(&problem, &text),
        Ok(matter) => {
            let body = matter.body_offset;
            assert!(text.is_char_boundary(body) && body <= text.len());
            if let Err(problem) = matter.parse::<front_matter::RawPage>() {
                assert_inside(&problem, &text);
            }
            if let Err(problem) = matter.parse::<yaml::Spanned<yaml::Node>>() {
                assert_inside(&problem, &text);
            }
        }
    }
    let problems = match library().detached_page(scratch(), config(), key, text.clone()) {
        Ok((page, problems)) => {
            assert_slug(&page.slug);
            problems
        }
        Err(problems) => {
            assert!(!problems.is_empty(), "a page refused without a reason");
            problems
        }
    };
    for problem in &problems {
        assert_inside(problem, &text);
    }
}

/// A slug is a safe URL path segment: lower-case ASCII letters, digits and single `-` between
/// them. Empty is allowed here; whoever uses a slug reports an empty one (see [`slug`]).
pub fn assert_slug(slug: &str) {
    assert!(
        slug.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !slug.starts_with('-')
            && !slug.ends_with('-')
            && !slug.contains("--"),
        "not a clean slug: {slug:?}"
    );
}

/// `slugify` of any text is a clean slug; a page whose `slug:` (or file name) gives an empty
/// one is refused with a reason, never published at its section's own address.
pub fn slug(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let slug = lots::content::slugs::slugify(&text);
    assert_slug(&slug);
    let (stem, _) = lots::content::slugs::strip_date_prefix(&text);
    assert!(text.ends_with(stem));
    let quoted = serde_json::to_string(&*text).expect("JSON text");
    let page = format!("---\ntitle: Prov\nslug: {quoted}\n---\nText.\n");
    let key = "vagledningar/prov.md";
    match library().detached_page(scratch(), config(), key, page.clone()) {
        Ok((page, problems)) if problems.is_empty() => {
            assert!(
                !page.slug.is_empty(),
                "an empty slug was accepted for {text:?}"
            );
            assert_slug(&page.slug);
            let expected = format!("vagledningar/{}/index.html", page.slug);
            assert_eq!(page.doc.output_path, expected);
        }
        Ok((_, problems)) | Err(problems) => {
            assert!(!problems.is_empty());
            for problem in &problems {
                assert_inside(problem, &page);
            }
        }
    }
    // The same text as the file's name, without `slug:` (`_index` names a section instead).
    let name = text.replace(['/', '\\', '\0'], "");
    if name.is_empty() || name.starts_with('_') {
        return;
    }
    let key = format!("vagledningar/{name}.md");
    let page = "---\ntitle: Prov\n---\nText.\n".to_string();
    match library().detached_page(scratch(), config(), &key, page) {
        Ok((page, problems)) if page.slug.is_empty() => {
            assert!(!problems.is_empty(), "{key:?} published without a slug");
        }
        Ok((page, _)) => assert_slug(&page.slug),
        Err(problems) => assert!(!problems.is_empty()),
    }
}

/// A page of the example site with `body` as its Markdown.
fn document(body: &str) -> Document {
    let source = format!("---\ntitle: \"Sida\"\n---\n{body}");
    Document {
        key: "vagledningar/prov.md".into(),
        kind: FileKind::Page,
        file: None,
        body_offset: source.len() - body.len(),
        source,
        output_path: "vagledningar/prov/index.html".into(),
        rendered: None,
        released_body: None,
    }
}

/// Markdown rendering publishes no script: no `<script>` or other active element, no event
/// attribute, no `href`/`src` with a scheme other than the allowed ones, wherever the page is
/// (the root prefix of a page at the top of the site is empty). Problems point into the file.
pub fn markdown(data: &[u8]) {
    let body = String::from_utf8_lossy(data);
    let doc = document(&body);
    let output = lots::markdown::render(library(), &doc);
    let html = output.rendered.html.expect("render writes HTML");
    for prefix in ["", "../"] {
        assert_safe_html(&resolved(&html, prefix));
    }
    for problem in output.problems.iter().chain(&output.warnings) {
        assert_inside(problem, &doc.source);
    }
}

/// The first line of `data` is the page the link is in (a key of the example site when it
/// names one), the rest the destination.
pub fn links(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let (from, dest) = text.split_once('\n').unwrap_or(("", &text));
    let from = if library().document(from).is_some() {
        from
    } else {
        "vagledningar/atervandare.md"
    };
    for is_image in [false, true] {
        assert_resolved_inside(from, dest, is_image);
    }
}

/// A destination resolves to a key of the library or a URL that stays inside the site, or to
/// an outside URL with an allowed scheme: never a key or a path above `content/`.
pub fn assert_resolved_inside(from: &str, dest: &str, is_image: bool) {
    use lots::markdown::links::{resolve, Resolved};
    let library = library();
    let url = match resolve(library, from, dest, is_image) {
        Err(_) => return,
        Ok(Resolved::OwnAnchor(_)) => return,
        Ok(Resolved::Document { url, key, .. }) => {
            assert!(
                library.document(&key).is_some(),
                "{dest:?} → unknown {key:?}"
            );
            url
        }
        Ok(Resolved::File { url, key }) => {
            assert!(library.linkable.contains_key(&key), "{dest:?} → {key:?}");
            url
        }
        Ok(Resolved::Url(url, _)) => url,
    };
    let Some(inside) = url.strip_prefix(ROOT_MARK) else {
        // Written as a full or protocol-relative address. A root mark the author typed into
        // it is replaced like any other, after its scheme or `//`: the address stays theirs.
        for prefix in ["", "../"] {
            assert_safe_url(&resolved(&url, prefix), is_image, dest);
        }
        return;
    };
    assert_below_root(inside, dest);
    // The URL as published at the top of the site and one folder down (the renderer escapes
    // it into the attribute, which `markdown` checks).
    for prefix in ["", "../"] {
        assert_safe_url(&resolved(&url, prefix), is_image, dest);
    }
}

/// Panics when a URL path relative to the site root climbs above it, read as a browser reads
/// it: `\` is `/`, `%2e` is `.`, and a leading `/` starts again at the top of the disk or host.
fn assert_below_root(path: &str, dest: &str) {
    let path = path.split(['?', '#']).next().unwrap_or("");
    let path = path.replace('\\', "/");
    assert!(!path.starts_with('/'), "{dest:?} leaves the site: {path:?}");
    let mut depth = 0usize;
    let segments: Vec<&str> = path.split('/').collect();
    for segment in &segments {
        let segment = segment.to_ascii_lowercase().replace("%2e", ".");
        match segment.as_str() {
            ".." => {
                depth = depth
                    .checked_sub(1)
                    .unwrap_or_else(|| panic!("{dest:?} climbs above the site root: {path:?}"))
            }
            "." | "" => {}
            _ => depth += 1,
        }
    }
}

/// Elements the SVG cleaner removes with all they hold, as `images/svg.rs` lists them.
const SVG_REMOVED: [&str; 8] = [
    "script",
    "handler",
    "listener",
    "foreignobject",
    "iframe",
    "embed",
    "object",
    "metadata",
];

/// The cleaned SVG, read by a real XML parser, has none of what the cleaner promises to take
/// out: code, embedded documents, event attributes, `javascript:`, references to other files
/// and editor data, whatever entities, CDATA sections or comments hid them.
pub fn svg(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let Ok(cleaned) = lots::images::svg::clean(&text) else {
        return;
    };
    for (offset, _) in &cleaned.removed {
        assert!(*offset <= text.len());
    }
    svg::assert_clean_svg(&cleaned.text);
}

/// The Rust search pipeline takes any text and gives lower-case tokens of at most 64
/// characters, none empty. (That the browser's pipeline gives the same tokens is checked by
/// `tests/properties/tokens.rs`, which runs it under node.)
pub fn tokens(data: &[u8]) {
    use lots::search::pipeline::{analyze, tokenize, Vocabulary, MAX_TOKEN_CHARS};
    let text = String::from_utf8_lossy(data);
    let tokens = tokenize(&text);
    for token in &tokens {
        assert!(!token.is_empty());
        // Counted as written: `İ` lowercases to two characters (i and U+0307), in both
        // pipelines alike, and U+0307 is never part of a token otherwise.
        let written = token.chars().filter(|c| *c != '\u{307}').count();
        assert!(written <= MAX_TOKEN_CHARS, "{token:?}");
        assert_eq!(&token.to_lowercase(), token, "a token not in lower case");
    }
    let vocabulary = Vocabulary::from_tokens(tokens.iter().map(String::as_str));
    analyze(&text, Some(&vocabulary));
    analyze(&text, None);
}
