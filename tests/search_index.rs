//! The search index files a build writes: scripts that register with `lotsSearch`, relative
//! page URLs, no whole documents, a consistent split into shards, no drafts; and the A–Ö page.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_json::Value;

use lots::search::shards::{self, read_numbers, Targets};
use lots::search::IndexFile;

/// The JSON inside `lotsSearch.addShard(...);`.
fn shard_json(path: &str, bytes: &[u8]) -> Value {
    let text = std::str::from_utf8(bytes).expect("UTF-8 index file");
    let inner = text
        .strip_prefix("lotsSearch.addShard(")
        .and_then(|t| t.strip_suffix(");\n"))
        .unwrap_or_else(|| panic!("{path} is not a lotsSearch.addShard(...) script"));
    serde_json::from_str(inner).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn read_output(out: &Path) -> Vec<IndexFile> {
    let mut files = Vec::new();
    let search = out.join("search");
    for dir in ["", "v", "p", "d"] {
        for entry in std::fs::read_dir(search.join(dir)).expect("search folder") {
            let path = entry.expect("entry").path();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            let known = if dir.is_empty() {
                name == "meta.js"
            } else {
                name.ends_with(".js")
            };
            if path.is_file() && known {
                let relative = if dir.is_empty() {
                    name
                } else {
                    format!("{dir}/{name}")
                };
                files.push(IndexFile {
                    path: format!("search/{relative}"),
                    bytes: std::fs::read(&path).expect("readable"),
                });
            }
        }
    }
    files
}

/// Parsed index: meta, vocabulary (key → df, postings file), postings files, page rows.
struct Parsed {
    meta: Value,
    vocab: BTreeMap<String, (u32, u32)>,
    vocab_files: BTreeMap<u32, Vec<String>>,
    postings: BTreeMap<u32, serde_json::Map<String, Value>>,
    docs: BTreeMap<u32, Vec<Value>>,
}

fn parse(files: &[IndexFile]) -> Parsed {
    let mut parsed = Parsed {
        meta: Value::Null,
        vocab: BTreeMap::new(),
        vocab_files: BTreeMap::new(),
        postings: BTreeMap::new(),
        docs: BTreeMap::new(),
    };
    for file in files {
        let json = shard_json(&file.path, &file.bytes);
        let id = json["id"].as_u64().unwrap_or(0) as u32;
        assert_eq!(
            file.path,
            match json["type"].as_str().unwrap() {
                "meta" => "search/meta.js".to_string(),
                "vocab" => format!("search/v/{id}.js"),
                "postings" => format!("search/p/{id}.js"),
                "docs" => format!("search/d/{id}.js"),
                other => panic!("unknown shard type {other}"),
            }
        );
        match json["type"].as_str().unwrap() {
            "meta" => parsed.meta = json,
            "vocab" => {
                let keys: Vec<String> = json["keys"]
                    .as_str()
                    .unwrap()
                    .split(' ')
                    .map(String::from)
                    .collect();
                let df = read_numbers(json["df"].as_str().unwrap());
                let gaps = read_numbers(json["shards"].as_str().unwrap());
                assert_eq!(
                    (keys.len(), df.len(), gaps.len()),
                    (keys.len(), keys.len(), keys.len())
                );
                let mut shard = 0;
                for (i, key) in keys.iter().enumerate() {
                    shard += gaps[i];
                    let old = parsed.vocab.insert(key.clone(), (df[i], shard));
                    assert!(old.is_none(), "{key} is in two vocabulary files");
                }
                parsed.vocab_files.insert(id, keys);
            }
            "postings" => {
                parsed
                    .postings
                    .insert(id, json["lists"].as_object().unwrap().clone());
            }
            _ => {
                parsed
                    .docs
                    .insert(id, json["docs"].as_array().unwrap().clone());
            }
        }
    }
    parsed
}

/// Every key sits in exactly one vocabulary file and one postings file, the one its
/// vocabulary entry names; files hold sorted ranges; the meta file knows where each starts.
fn check_consistent(parsed: &Parsed) {
    let starts: Vec<&str> = parsed.meta["vocab"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let firsts: Vec<&str> = parsed.vocab_files.values().map(|k| k[0].as_str()).collect();
    assert_eq!(starts, firsts, "meta's vocabulary starts");
    let all: Vec<&String> = parsed.vocab_files.values().flatten().collect();
    assert!(
        all.windows(2).all(|w| w[0] < w[1]),
        "keys sorted across files"
    );
    let mut in_postings = BTreeSet::new();
    for (id, lists) in &parsed.postings {
        for (key, list) in lists {
            let (df, shard) = parsed.vocab[key];
            assert_eq!(
                shard, *id,
                "{key} is in postings file {id}, vocabulary says {shard}"
            );
            let numbers = read_numbers(list.as_str().unwrap());
            assert!(
                numbers.len() as u32 >= 2 * df,
                "{key}: list shorter than its df"
            );
            assert!(
                in_postings.insert(key.clone()),
                "{key} in two postings files"
            );
        }
    }
    assert_eq!(
        in_postings.len(),
        parsed.vocab.len(),
        "every key has a list"
    );
    let pages: usize = parsed.docs.values().map(Vec::len).sum();
    assert_eq!(pages as u64, parsed.meta["docs"].as_u64().unwrap());
    let chunk = parsed.meta["chunk"].as_u64().unwrap() as usize;
    for (id, rows) in &parsed.docs {
        assert!(
            rows.len() <= chunk,
            "docs file {id} has {} rows",
            rows.len()
        );
    }
}

fn fixture_output() -> (common::Site, std::path::PathBuf) {
    let site = common::fixture("search");
    let out = site.beside("out");
    site.build_ok(&["--output", out.to_str().unwrap()]);
    (site, out)
}

#[test]
fn index_files_are_scripts_with_relative_urls_and_short_texts() {
    let (_site, out) = fixture_output();
    let parsed = parse(&read_output(&out));
    check_consistent(&parsed);
    // Nine pages, then the start page and the three sections' own pages.
    assert_eq!(parsed.meta["docs"], 13);
    let collections = parsed.meta["collections"].as_array().unwrap();
    assert_eq!(collections, &["Söktest", "Ord", "Symboler", "Test"]);
    for rows in parsed.docs.values() {
        for row in rows {
            let url = row[1].as_str().unwrap();
            assert!(
                !url.starts_with('/') && !url.contains("://") && url.ends_with("index.html"),
                "{url} is not relative to the site root"
            );
            assert!(out.join(url).is_file(), "{url} does not exist");
            let snippet = row[2].as_str().unwrap();
            assert!(
                snippet.chars().count() <= 281,
                "a whole text is stored: {snippet}"
            );
        }
    }
    // Numbers and codes are keys; stop words too, under their folded form.
    for key in [
        "2001:453", "2001", "453", "sk", "17", "for", "vald", "hat", "symbol",
    ] {
        assert!(parsed.vocab.contains_key(key), "no key {key}");
    }
    // The static part of the search is there too, with its licences.
    for file in [
        "search.js",
        "pipeline.js",
        "engine.js",
        "lunr-shim.js",
        "search.css",
        "vendor/elasticlunr.min.js",
        "vendor/lunr.stemmer.support.js",
        "vendor/lunr.sv.js",
        "vendor/LICENSE-elasticlunr.txt",
        "vendor/LICENSE-lunr-languages.txt",
    ] {
        assert!(out.join("search").join(file).is_file(), "no search/{file}");
    }
    let page = std::fs::read_to_string(out.join("ord/hat/index.html")).unwrap();
    assert!(
        page.contains("src=\"../../search/search.js\""),
        "search.js is linked relatively"
    );
    assert!(page.contains("data-search-root=\"../../search/index.html\""));
    assert!(page.contains("role=\"combobox\""));
}

#[test]
fn small_targets_split_into_many_consistent_shards() {
    let site = common::fixture("search");
    let loaded = lots::site::Site::load(&site.root, false, None)
        .unwrap_or_else(|_| panic!("the search fixture loads"));
    let (collections, docs) = lots::search::documents(&loaded.library, &loaded.config);
    let index = lots::search::index::build(&docs);
    let tiny = Targets {
        vocab_bytes: 60,
        postings_bytes: 40,
        doc_chunk_bytes: 200,
        head_postings: usize::MAX,
    };
    let files = shards::write(&index, &docs, &collections, &tiny);
    let parsed = parse(&files);
    check_consistent(&parsed);
    assert!(
        parsed.vocab_files.len() > 10,
        "{}",
        parsed.vocab_files.len()
    );
    assert!(parsed.postings.len() > 10, "{}", parsed.postings.len());
    assert!(parsed.docs.len() > 2, "{}", parsed.docs.len());
    // The same index in one file each gives the same lists.
    let huge = Targets {
        vocab_bytes: 1 << 30,
        postings_bytes: 1 << 30,
        doc_chunk_bytes: 1 << 30,
        head_postings: usize::MAX,
    };
    let whole = parse(&shards::write(&index, &docs, &collections, &huge));
    assert_eq!(whole.postings.len(), 1);
    let lists = |p: &Parsed| -> BTreeMap<String, Value> {
        p.postings
            .values()
            .flatten()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    };
    assert_eq!(lists(&parsed), lists(&whole));
}

#[test]
fn drafts_stay_out_of_the_index_and_the_a_o_page() {
    let site = common::fixture("search");
    site.write(
        "content/ord/utkast.md",
        "---\ntitle: \"Hemligt utkast\"\ndraft: true\n---\n\nOrdet zyxhemlis finns bara här.\n",
    );
    let out = site.beside("out");
    site.build_ok(&["--output", out.to_str().unwrap()]);
    let parsed = parse(&read_output(&out));
    assert!(!parsed.vocab.keys().any(|k| k.contains("zyxhemlis")));
    let a_o = std::fs::read_to_string(out.join("a-o/index.html")).unwrap();
    assert!(!a_o.contains("Hemligt utkast"));
}

#[test]
fn a_o_lists_every_page_in_swedish_order() {
    let (_site, out) = fixture_output();
    let html = std::fs::read_to_string(out.join("a-o/index.html")).expect("a-o/index.html");
    let headings: Vec<&str> = html
        .split("<h2 id=\"bokstav-")
        .skip(1)
        .map(|part| part.split_once('>').unwrap().1.split('<').next().unwrap())
        .collect();
    assert_eq!(headings, ["H", "I", "N", "O", "R", "S", "Ä"]);
    let titles: Vec<&str> = html
        .split("<ul class=\"a-o__list\">")
        .skip(1)
        .flat_map(|list| {
            let list = list.split("</ul>").next().unwrap();
            list.split("<li><a href=\"").skip(1).map(|item| {
                item.split_once("\">")
                    .unwrap()
                    .1
                    .split("</a>")
                    .next()
                    .unwrap()
            })
        })
        .collect();
    assert_eq!(
        titles,
        [
            "Hat och hot på nätet",
            "Hatsymboler i skolmiljön",
            "&lt;img src=x onerror=alert(1)&gt;",
            "Nämndernas arbete",
            "Ofta",
            "Omröstningen",
            "Resan",
            "Skydd mot hot",
            "Ärende om skadegörelse",
        ]
    );
    assert!(
        html.contains("href=\"../ord/hat/index.html\""),
        "relative page links"
    );
}

#[test]
fn configured_keyword_keys_rank_like_titles() {
    let site = common::fixture("search");
    let config = std::fs::read_to_string(site.path("config.yaml")).unwrap();
    site.write(
        "config.yaml",
        format!("{config}search:\n  keywords: [kodnamn]\n"),
    );
    site.write(
        "content/ord/kodnamn.md",
        "---\ntitle: \"Kodnamn\"\nextra:\n  kodnamn: \"Zyxvals\"\n  nyckelord: \"qwertyord\"\n---\n\nText.\n",
    );
    let out = site.beside("out");
    site.build_ok(&["--output", out.to_str().unwrap()]);
    let parsed = parse(&read_output(&out));
    let list = |key: &str| -> Vec<u32> {
        let (_, shard) = parsed.vocab[key];
        read_numbers(parsed.postings[&shard][key].as_str().unwrap())
    };
    let keyword = lots::search::index::FLAG_KEYWORD;
    let zyx = list("zyxval");
    assert_eq!(zyx.len(), 2, "one page");
    assert_ne!(zyx[1] & keyword, 0, "a configured keyword key is a keyword");
    // The configured list replaces the default one: `nyckelord` is no longer read.
    assert!(!parsed.vocab.contains_key("qwertyord"));

    site.write(
        "config.yaml",
        format!("{config}search:\n  nyckelord: [x]\n"),
    );
    let run = site.build(&["--output", out.to_str().unwrap()]);
    run.assert_content_error();
    assert!(run.stderr.contains("nyckelord"), "{}", run.stderr);
}

/// An `&` followed closely by a multi-byte letter (`&amp; Härnösand` in the HTML) once cut the
/// entity decoder inside the `ö` and panicked the build.
#[test]
fn ampersands_beside_multibyte_letters_build_and_are_searchable() {
    let site = common::fixture("search");
    let lines = [
        "Sundsvall & Härnösand.",
        "Bokstaven &ö står ensam, zyxettan.",
        "Tecknen &#åäö och &#x😀 följer, zyxtvåan.",
        "Okänt &öööööö; namn, zyxtrean.",
        "Sist står zyxfyran &",
    ];
    site.write(
        "content/ord/orter.md",
        format!("---\ntitle: \"Orter\"\n---\n\n{}\n", lines.join("\n\n")),
    );
    let out = site.beside("out");
    let run = site.build(&["--output", out.to_str().unwrap()]);
    run.assert_success();
    let page = std::fs::read_to_string(out.join("ord/orter/index.html")).expect("the page");
    for published in [
        "Sundsvall &amp; Härnösand.",
        "Bokstaven &amp;ö står",
        "Tecknen &amp;#åäö och &amp;#x😀 följer",
        "Okänt &amp;öööööö; namn",
        "zyxfyran &amp;</p>",
    ] {
        assert!(page.contains(published), "`{published}` not in the page");
    }
    let parsed = parse(&read_output(&out));
    for key in [
        "harnosand",
        "sundsvall",
        "zyxettan",
        "zyxtvaan",
        "zyxtrean",
        "zyxfyran",
    ] {
        assert!(parsed.vocab.contains_key(key), "no search key {key}");
    }
    let snippet = parsed
        .docs
        .values()
        .flatten()
        .find(|row| row[1] == "ord/orter/index.html")
        .and_then(|row| row[2].as_str().map(String::from))
        .expect("the page's row");
    assert!(
        snippet.starts_with("Sundsvall & Härnösand. Bokstaven &ö står ensam"),
        "{snippet}"
    );
}
