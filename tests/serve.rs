//! `lots serve` on a fixture site: files change on disk, and the served site follows within a
//! bounded wait. Each test starts its own server on a free port of 127.0.0.1.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use common::fixture;
use common::serve::{exchange, get, page_template, poll, start, wait_for, Server, WAIT};

#[test]
fn serves_the_site_with_the_reload_script() {
    let site = fixture("basic");
    let server = start(&site);
    let body = wait_for(&server, "/guider/forsta/", "the page", |s, b| {
        s == 200 && b.contains("Första guiden")
    });
    assert!(
        body.contains("/__lots/reload.js"),
        "reload script injected under serve"
    );
    let (status, script) = get(&server, "/__lots/reload.js");
    assert_eq!(status, 200);
    assert!(script.contains("EventSource"));
    let (status, css) = get(&server, "/style.css");
    assert_eq!(status, 200);
    assert!(css.contains('{'));
}

#[test]
fn a_page_edit_shows_up_and_so_do_lists() {
    let site = fixture("basic");
    let server = start(&site);
    wait_for(&server, "/guider/forsta/", "the page", |s, _| s == 200);
    let text = std::fs::read_to_string(site.path("content/guider/forsta.md")).expect("read");
    site.write(
        "content/guider/forsta.md",
        text.replace("Första guiden", "Omskriven guide"),
    );
    wait_for(&server, "/guider/forsta/", "the new title", |_, b| {
        b.contains("Omskriven guide")
    });
    wait_for(&server, "/guider/", "the section list", |_, b| {
        b.contains("Omskriven guide")
    });
    wait_for(&server, "/tags/rutin/", "the term page", |_, b| {
        b.contains("Omskriven guide")
    });
}

#[test]
fn new_and_deleted_pages() {
    let site = fixture("basic");
    let server = start(&site);
    wait_for(&server, "/guider/", "the section", |s, _| s == 200);
    site.write(
        "content/guider/ny-sida.md",
        "---\ntitle: \"Helt ny sida\"\n---\nText.\n",
    );
    wait_for(&server, "/guider/ny-sida/", "the new page", |s, b| {
        s == 200 && b.contains("Helt ny sida")
    });
    wait_for(&server, "/guider/", "the new page listed", |_, b| {
        b.contains("Helt ny sida")
    });
    site.remove("content/guider/ny-sida.md");
    wait_for(&server, "/guider/ny-sida/", "a 404", |s, _| s == 404);
    wait_for(
        &server,
        "/guider/",
        "the page gone from the list",
        |_, b| !b.contains("Helt ny sida"),
    );
}

#[test]
fn an_atomic_save_by_rename_is_seen() {
    let site = fixture("basic");
    let server = start(&site);
    wait_for(&server, "/guider/andra/", "the page", |s, _| s == 200);
    let text = std::fs::read_to_string(site.path("content/guider/andra.md")).expect("read");
    let temp = site.path("content/guider/.andra.md.tmp");
    let title = text
        .lines()
        .find(|l| l.starts_with("title:"))
        .expect("a title line");
    std::fs::write(&temp, text.replace(title, "title: \"Sparad atomiskt\"")).expect("write temp");
    std::fs::rename(&temp, site.path("content/guider/andra.md")).expect("rename");
    wait_for(&server, "/guider/andra/", "the saved title", |_, b| {
        b.contains("Sparad atomiskt")
    });
}

#[test]
fn a_template_edit_rerenders_pages() {
    let site = fixture("basic");
    site.write("templates/page.html", page_template("MALLEN FÖRST"));
    let server = start(&site);
    wait_for(&server, "/guider/forsta/", "the site's template", |_, b| {
        b.contains("MALLEN FÖRST")
    });
    // An edit of one template re-renders the pages that use it, and only those.
    site.write("templates/page.html", page_template("MALLEN ÄNDRAD"));
    wait_for(&server, "/guider/forsta/", "the new template", |_, b| {
        b.contains("MALLEN ÄNDRAD")
    });
    let (_, section) = get(&server, "/guider/");
    assert!(
        !section.contains("MALLEN"),
        "the section does not use page.html"
    );
}

#[test]
fn an_error_keeps_the_old_page_and_shows_an_overlay_until_fixed() {
    let site = fixture("basic");
    let server = start(&site);
    wait_for(&server, "/guider/forsta/", "the page", |s, _| s == 200);
    let good = std::fs::read_to_string(site.path("content/guider/forsta.md")).expect("read");
    site.write(
        "content/guider/forsta.md",
        "---\ntitle: [trasig\n---\nText\n",
    );
    let body = wait_for(&server, "/guider/forsta/", "the error overlay", |_, b| {
        b.contains("id=\"lots-error\"")
    });
    assert!(
        body.contains("Första guiden"),
        "the last good page is still served"
    );
    assert!(
        body.contains("<code>content/guider/forsta.md:2:8</code>"),
        "the overlay names file:line:col, relative to the site:\n{body}"
    );
    assert!(
        body.contains("Webbplatsen kunde inte byggas om: 1 problem"),
        "the overlay has a Swedish heading:\n{body}"
    );
    let root = site.root.display().to_string();
    assert!(
        !body.contains(&root),
        "no absolute path in the page:\n{body}"
    );
    let (status, css) = get(&server, "/__lots/overlay.css");
    assert!(
        status == 200 && css.contains("prefers-color-scheme: dark"),
        "the overlay's stylesheet is served: {status}"
    );
    site.write("content/guider/forsta.md", good);
    wait_for(&server, "/guider/forsta/", "the overlay gone", |s, b| {
        s == 200 && !b.contains("lots-error\"")
    });
}

#[test]
fn captions_and_other_text_files_are_served_as_utf8() {
    let site = fixture("basic");
    site.write(
        "content/guider/film/index.md",
        "---\ntitle: \"Film\"\n---\n\nText.\n",
    );
    let captions = "WEBVTT\n\n00:00.000 --> 00:02.000\nFöreläsningen börjar.\n";
    site.write("content/guider/film/textning.vtt", captions);
    site.write("content/guider/film/lista.csv", "namn;ort\nÅsa;Älvsjö\n");
    let server = start(&site);
    wait_for(&server, "/guider/film/", "the bundle", |s, _| s == 200);
    for (path, kind, text) in [
        ("/guider/film/textning.vtt", "text/vtt", "Föreläsningen"),
        ("/guider/film/lista.csv", "text/csv", "Älvsjö"),
    ] {
        let (status, head, body) = exchange(&server, "GET", path, &[], b"");
        assert_eq!(status, 200, "{path}: {head}");
        let wanted = format!("content-type: {kind}; charset=utf-8");
        assert!(
            head.to_ascii_lowercase().contains(&wanted),
            "{path} wants `{wanted}`:\n{head}"
        );
        assert!(body.contains(text), "{path}: {body}");
    }
}

#[test]
fn paths_outside_the_site_are_refused() {
    let site = fixture("basic");
    site.write("hemlig.txt", "HEMLIGT");
    let server = start(&site);
    wait_for(&server, "/", "the start page", |s, _| s == 200);
    for attempt in [
        "/../hemlig.txt",
        "/../../etc/passwd",
        "/%2e%2e/hemlig.txt",
        "/guider/%2e%2e/%2e%2e/hemlig.txt",
        "/guider/..%2f..%2fhemlig.txt",
        "/..%5c..%5chemlig.txt",
        "/%00",
        "/config.yaml",
        "/content/guider/forsta.md",
    ] {
        let (status, body) = get(&server, attempt);
        assert!(status == 400 || status == 404, "{attempt} gave {status}");
        assert!(
            !body.contains("HEMLIGT") && !body.contains("base_url"),
            "{attempt} leaked a file"
        );
    }
}

/// The JSON inside a served search index file (`lotsSearch.addShard({...});`).
fn search_json(server: &Server, path: &str) -> Option<serde_json::Value> {
    let (status, body) = get(server, path);
    let inner = body
        .strip_prefix("lotsSearch.addShard(")?
        .strip_suffix(");\n")?;
    (status == 200).then(|| serde_json::from_str(inner).expect("index JSON"))
}

/// The pages listed under `key`, looked up as the browser does: `meta.js` names the
/// vocabulary file, which names the postings file. `None` while no file has the key.
fn search_pages(server: &Server, key: &str) -> Option<Vec<u32>> {
    let meta = search_json(server, "/search/meta.js")?;
    let starts = meta["vocab"].as_array()?;
    let file = starts
        .iter()
        .rposition(|s| s.as_str().is_some_and(|s| s <= key))
        .unwrap_or(0);
    let vocab = search_json(server, &format!("/search/v/{file}.js"))?;
    let at = vocab["keys"].as_str()?.split(' ').position(|k| k == key)?;
    let numbers = lots::search::shards::read_numbers;
    let shard: u32 = numbers(vocab["shards"].as_str()?)[..=at].iter().sum();
    let postings = search_json(server, &format!("/search/p/{shard}.js"))?;
    let list = numbers(postings["lists"][key].as_str()?);
    let step = if vocab["variants"].get(at.to_string()).is_some() {
        3
    } else {
        2
    };
    let mut doc = 0;
    Some(
        list.iter()
            .step_by(step)
            .map(|gap| {
                doc += gap;
                doc
            })
            .collect(),
    )
}

/// The index's number for the page with this URL (relative to the site root).
fn search_doc(server: &Server, url: &str) -> Option<u32> {
    let meta = search_json(server, "/search/meta.js")?;
    let per_chunk = meta["chunk"].as_u64()? as u32;
    (0..)
        .map_while(|id| {
            let chunk = search_json(server, &format!("/search/d/{id}.js"))?;
            let at = chunk["docs"].as_array()?.iter().position(|d| d[1] == url);
            Some(at.map(|at| id * per_chunk + at as u32))
        })
        .flatten()
        .next()
}

/// Every index key of a word (a word may have two: its stem folded, its folded form stemmed).
fn search_keys(word: &str) -> Vec<String> {
    lots::search::pipeline::analyze(word, None)
        .into_iter()
        .map(|t| t.key)
        .collect()
}

/// Polls the served search index until `check` holds for `keys`.
fn wait_for_search(
    server: &Server,
    keys: &[String],
    what: &str,
    check: impl Fn(Option<Vec<u32>>) -> bool,
) {
    for key in keys {
        poll(&format!("{what} (search key {key})"), || {
            let pages = search_pages(server, key);
            match check(pages.clone()) {
                true => Ok(()),
                false => Err(format!("{pages:?}")),
            }
        });
    }
}

#[test]
fn a_page_edit_updates_its_search_entries() {
    let site = fixture("basic");
    let server = start(&site);
    wait_for(&server, "/guider/forsta/", "the page", |s, _| s == 200);
    let doc = search_doc(&server, "guider/forsta/index.html").expect("the page is indexed");
    let (citat, zebra) = (search_keys("citat"), search_keys("Zebrafinkmarkör"));
    let lists_page = |pages: Option<Vec<u32>>| pages.is_some_and(|p| p.contains(&doc));
    wait_for_search(&server, &citat, "the page's word", lists_page);
    wait_for_search(&server, &zebra, "no such word yet", |p| p.is_none());
    let version = search_json(&server, "/search/meta.js").expect("meta")["version"].clone();

    // The one page with `citat` loses it and gains a word no page had.
    let text = std::fs::read_to_string(site.path("content/guider/forsta.md")).expect("read");
    assert!(text.contains("\"citat\""));
    site.write(
        "content/guider/forsta.md",
        text.replace("\"citat\"", "Zebrafinkmarkör"),
    );
    wait_for_search(&server, &zebra, "the new word listing the page", lists_page);
    wait_for_search(&server, &citat, "the removed word gone", |p| p.is_none());
    let meta = search_json(&server, "/search/meta.js").expect("meta");
    assert_ne!(meta["version"], version, "a new index version");
    assert_eq!(search_doc(&server, "guider/forsta/index.html"), Some(doc));

    // A new page moves page numbers: the index is built whole, and still right.
    site.write(
        "content/guider/aaa-ny.md",
        "---\ntitle: \"Ny sida\"\n---\nKvastfening.\n",
    );
    let new_doc = || search_doc(&server, "guider/aaa-ny/index.html");
    let deadline = Instant::now() + WAIT;
    while new_doc().is_none() {
        assert!(
            Instant::now() < deadline,
            "the new page never reached the index"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let moved = search_doc(&server, "guider/forsta/index.html").expect("still indexed");
    assert_eq!(moved, doc + 1, "the new page comes first in key order");
    wait_for_search(&server, &zebra, "the word at the page's new number", |p| {
        p == Some(vec![moved])
    });
    let kvast = search_keys("Kvastfening");
    wait_for_search(&server, &kvast, "the new page's word", |p| {
        p == new_doc().map(|d| vec![d])
    });
}

#[test]
fn static_files_and_folders_made_while_serving() {
    let site = fixture("basic");
    assert!(!site.path("static").exists() && !site.path("templates").exists());
    let server = start(&site);
    wait_for(&server, "/guider/forsta/", "the page", |s, _| s == 200);
    let (_, theme_css) = get(&server, "/style.css");
    // A static folder made after the start is watched from then on.
    site.write("static/extra.css", "p { color: #111; }");
    wait_for(&server, "/extra.css", "the new static file", |s, b| {
        s == 200 && b.contains("#111")
    });
    site.write("static/extra.css", "p { color: #222; }");
    wait_for(&server, "/extra.css", "the edited static file", |_, b| {
        b.contains("#222")
    });
    // The site's own file overrides the theme's, and the theme's comes back when it goes.
    site.write("static/style.css", "body { margin: 0; } /* egen */");
    wait_for(&server, "/style.css", "the site's stylesheet", |_, b| {
        b.contains("/* egen */")
    });
    site.remove("static/style.css");
    wait_for(&server, "/style.css", "the theme's stylesheet", |_, b| {
        b == theme_css
    });
    site.remove("static/extra.css");
    wait_for(&server, "/extra.css", "a 404", |s, _| s == 404);
    // So is a templates folder, and a template edited in it afterwards.
    site.write("templates/page.html", page_template("NY MAPP"));
    wait_for(
        &server,
        "/guider/forsta/",
        "the new folder's template",
        |_, b| b.contains("NY MAPP"),
    );
    site.write("templates/page.html", page_template("ANDRA SPARNINGEN"));
    wait_for(&server, "/guider/forsta/", "the edited template", |_, b| {
        b.contains("ANDRA SPARNINGEN")
    });
    // A new section folder with a page.
    site.write("content/rutiner/_index.md", "---\ntitle: Rutiner\n---\n");
    site.write(
        "content/rutiner/vid-oro.md",
        "---\ntitle: Vid oro\n---\nRing.\n",
    );
    wait_for(
        &server,
        "/rutiner/vid-oro/",
        "the new section's page",
        |s, b| s == 200 && b.contains("ANDRA SPARNINGEN"),
    );
    wait_for(&server, "/rutiner/", "the new section", |_, b| {
        b.contains("Vid oro")
    });
}

/// Opens the event stream as the reload script does for the page at `page`.
fn open_events(server: &Server, page: &str) -> BufReader<TcpStream> {
    let mut stream = TcpStream::connect(&server.address).expect("connect");
    stream.set_read_timeout(Some(WAIT)).expect("timeout");
    let request = format!(
        "GET /__lots/events?page={page} HTTP/1.1\r\nHost: {}\r\nAccept: text/event-stream\r\n\r\n",
        server.address
    );
    stream.write_all(request.as_bytes()).expect("send");
    BufReader::new(stream)
}

/// The data of the next event named `name` on an event stream.
fn next_event(events: &mut BufReader<TcpStream>, name: &str) -> String {
    let mut current = String::new();
    loop {
        let mut line = String::new();
        let read = events
            .read_line(&mut line)
            .expect("an event before the timeout");
        assert!(read > 0, "the event stream ended");
        let line = line.trim_end();
        if let Some(event) = line.strip_prefix("event: ") {
            current = event.to_string();
        } else if let Some(data) = line.strip_prefix("data: ") {
            if current == name {
                return data.to_string();
            }
        }
    }
}

#[test]
fn a_template_edit_reloads_the_open_page_first() {
    let site = fixture("basic");
    site.write("templates/page.html", page_template("FÖRE"));
    let server = start(&site);
    wait_for(&server, "/guider/forsta/", "the page", |s, _| s == 200);
    let mut events = open_events(&server, "/guider/forsta/");
    // The server counts the page as shown once the stream is open; give it a moment.
    std::thread::sleep(Duration::from_millis(300));
    site.write("templates/page.html", page_template("EFTER"));
    let first = next_event(&mut events, "reload");
    assert_eq!(
        first, r#"["guider/forsta/index.html"]"#,
        "the open page comes alone, first"
    );
    // The pages no browser shows are rendered after, between changes: one asked for at once
    // is rendered first, and never served with the template before the edit.
    let (status, other) = get(&server, "/guider/andra/");
    assert_eq!(status, 200);
    assert!(
        other.contains("EFTER") && !other.contains("FÖRE"),
        "{other}"
    );
    let (_, body) = get(&server, "/guider/forsta/");
    assert!(body.contains("EFTER"));
    // And the others, in the background.
    wait_for(&server, "/guider/tredje/", "the last page", |s, b| {
        s == 200 && b.contains("EFTER")
    });
}

#[test]
fn a_burst_of_saves_a_renamed_page_and_a_symlink() {
    let site = fixture("basic");
    site.write("hemlig.txt", "HEMLIGT");
    let server = start(&site);
    wait_for(&server, "/guider/tredje/", "the page", |s, _| s == 200);
    let text = std::fs::read_to_string(site.path("content/guider/tredje.md")).expect("read");
    let title = text
        .lines()
        .find(|l| l.starts_with("title:"))
        .expect("a title line")
        .to_string();
    // An editor saving several times in a row: the last save is what is served.
    for n in 1..=5 {
        site.write(
            "content/guider/tredje.md",
            text.replace(&title, &format!("title: \"Sparning {n}\"")),
        );
    }
    wait_for(&server, "/guider/tredje/", "the last save", |_, b| {
        b.contains("Sparning 5")
    });
    // A renamed page: the old URL is gone, the new one is served and listed.
    std::fs::rename(
        site.path("content/guider/tredje.md"),
        site.path("content/guider/omdopt.md"),
    )
    .expect("rename");
    wait_for(&server, "/guider/omdopt/", "the new URL", |s, b| {
        s == 200 && b.contains("Sparning 5")
    });
    wait_for(
        &server,
        "/guider/tredje/",
        "a 404 at the old URL",
        |s, _| s == 404,
    );
    wait_for(&server, "/guider/", "the list with the new URL", |_, b| {
        b.contains("omdopt/index.html") && !b.contains("tredje/index.html")
    });
    // A symbolic link made while serving never serves what it points at.
    std::os::unix::fs::symlink(
        site.path("hemlig.txt"),
        site.path("content/guider/lank.txt"),
    )
    .expect("symlink");
    site.write(
        "content/guider/forsta.md",
        text.replace(&title, "title: \"Efter länken\""),
    );
    wait_for(&server, "/guider/forsta/", "a later edit", |_, b| {
        b.contains("Efter länken")
    });
    let (status, body) = get(&server, "/guider/lank.txt");
    assert_eq!(status, 404);
    assert!(!body.contains("HEMLIGT"));
}

#[test]
fn an_edited_stylesheet_is_named_so_browsers_swap_it() {
    let site = fixture("basic");
    site.write("static/extra.css", "p { color: #111; }");
    site.write("static/extra.js", "// 1");
    let server = start(&site);
    wait_for(&server, "/extra.css", "the stylesheet", |s, _| s == 200);
    let mut events = open_events(&server, "/guider/forsta/");
    std::thread::sleep(Duration::from_millis(300));
    site.write("static/extra.css", "p { color: #222; }");
    assert_eq!(next_event(&mut events, "reload"), r#"["extra.css"]"#);
    let (status, css) = get(&server, "/extra.css?lots=1");
    assert!(status == 200 && css.contains("#222"), "{status} {css}");
    // Any other static file reloads every page. On a loaded machine the stylesheet's write
    // (truncate, then write) may have come as two changes, the second telling the same.
    site.write("static/extra.js", "// 2");
    let mut event = next_event(&mut events, "reload");
    while event == r#"["extra.css"]"# {
        event = next_event(&mut events, "reload");
    }
    assert_eq!(event, "*");
}

#[test]
fn a_bundle_that_moves_takes_its_files_along() {
    let site = fixture("basic");
    let server = start(&site);
    wait_for(
        &server,
        "/guider/diagram/bilaga.txt",
        "the bundle's file",
        |s, _| s == 200,
    );
    let text = std::fs::read_to_string(site.path("content/guider/diagram/index.md")).expect("read");
    site.write(
        "content/guider/diagram/index.md",
        text.replacen("---\n", "---\nslug: flyttad\n", 1),
    );
    wait_for(&server, "/guider/flyttad/", "the moved page", |s, _| {
        s == 200
    });
    wait_for(
        &server,
        "/guider/flyttad/bilaga.txt",
        "its file, moved along",
        |s, _| s == 200,
    );
    wait_for(
        &server,
        "/guider/diagram/bilaga.txt",
        "a 404 at the old place",
        |s, _| s == 404,
    );
}

#[test]
fn an_image_shown_for_the_first_time_gets_its_copies() {
    let site = fixture("basic");
    let picture = image::RgbImage::from_fn(700, 20, |x, _| image::Rgb([(x % 256) as u8, 90, 30]));
    let mut png = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(picture)
        .write_to(&mut png, image::ImageFormat::Png)
        .expect("encode");
    site.write("content/guider/diagram/bred.png", png.into_inner());
    let server = start(&site);
    wait_for(&server, "/guider/diagram/", "the bundle page", |s, _| {
        s == 200
    });
    let text = std::fs::read_to_string(site.path("content/guider/diagram/index.md")).expect("read");
    site.write(
        "content/guider/diagram/index.md",
        format!("{text}\n![En bred bild](bred.png)\n"),
    );
    let body = wait_for(&server, "/guider/diagram/", "the new image", |_, b| {
        b.contains("En bred bild")
    });
    let tag = body
        .split("<img")
        .find(|t| t.contains("En bred bild"))
        .expect("the img tag");
    let srcset = tag
        .split("srcset=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("a srcset on a 700 px image");
    for candidate in srcset.split(", ") {
        let url = candidate.split(' ').next().expect("a URL");
        // Relative to guider/diagram/index.html.
        let mut parts = vec!["guider", "diagram"];
        for part in url.split('/') {
            match part {
                ".." => {
                    parts.pop();
                }
                _ => parts.push(part),
            }
        }
        let path = format!("/{}", parts.join("/"));
        // Copies are published right after the page is served.
        wait_for(&server, &path, "the copy in the srcset", |s, _| s == 200);
    }
}

/// Pages `in_search_index = false` leaves out (Zola's key, here in TOML) do not shift the
/// numbers an edit of another page is indexed at, and letting one in brings it into the index.
#[test]
fn pages_left_out_of_the_index_stay_out_and_edits_land_on_the_right_page() {
    let site = fixture("zola");
    let server = start(&site);
    wait_for(&server, "/blogg/forsta/", "the page", |s, _| s == 200);
    assert_eq!(
        search_doc(&server, "blogg/det-andra-inlagget/index.html"),
        None
    );
    let doc = search_doc(&server, "blogg/forsta/index.html").expect("the page is indexed");
    let word = search_keys("Zebrafinkmarkör");
    let text = std::fs::read_to_string(site.path("content/blogg/forsta.md")).expect("read");
    site.write(
        "content/blogg/forsta.md",
        text.replace("Resten av texten.", "Resten av texten om Zebrafinkmarkör."),
    );
    wait_for_search(&server, &word, "the new word listing the page", |p| {
        p == Some(vec![doc])
    });
    assert_eq!(search_doc(&server, "blogg/forsta/index.html"), Some(doc));

    let text = std::fs::read_to_string(site.path("content/blogg/andra.md")).expect("read");
    site.write(
        "content/blogg/andra.md",
        text.replace("in_search_index = false", "in_search_index = true"),
    );
    let deadline = Instant::now() + WAIT;
    while search_doc(&server, "blogg/det-andra-inlagget/index.html").is_none() {
        assert!(
            Instant::now() < deadline,
            "the page let in never reached the index"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let moved = search_doc(&server, "blogg/forsta/index.html").expect("still indexed");
    assert_eq!(
        moved,
        doc + 1,
        "the page let in comes before it in key order"
    );
    wait_for_search(&server, &word, "the word at the page's new number", |p| {
        p == Some(vec![moved])
    });
}
