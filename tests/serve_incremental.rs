//! After a run of edits under `lots serve`, every file the server shows must be the file a
//! server started afresh on the same content shows: the files re-rendered for each edit are
//! all the files that edit changed. The search index is left out: between full loads `serve`
//! patches it, and scores of other pages may drift until the next one, by design.

mod common;

use common::serve::{get, poll, start, wait_for, Server};
use common::{fixture, Site};

/// Replaces the first `from` in a content file with `to`.
fn edit(site: &Site, path: &str, from: &str, to: &str) {
    let file = format!("content/{path}");
    let text = std::fs::read_to_string(site.path(&file)).expect("read");
    assert!(text.contains(from), "{file} should contain {from}");
    site.write(&file, text.replacen(from, to, 1));
}

/// Every file a build of the site writes, but the search index.
fn site_files(site: &Site) -> Vec<String> {
    let out = site.beside("jamforelse");
    let run = site.build_ok(&["--output", out.to_str().expect("a UTF-8 path")]);
    run.files()
        .into_iter()
        .filter(|f| !f.starts_with("search/"))
        .collect()
}

/// The first file the two servers show differently, with both versions.
fn first_difference(edited: &Server, fresh: &Server, files: &[String]) -> Option<String> {
    files.iter().find_map(|file| {
        let (status, body) = get(edited, &format!("/{file}"));
        let body = body.replace(&edited.address, &fresh.address);
        let (fresh_status, fresh_body) = get(fresh, &format!("/{file}"));
        (status != fresh_status || body != fresh_body).then(|| {
            format!(
                "{file}: after the edits {status}:\n{body}\n\nfresh {fresh_status}:\n{fresh_body}"
            )
        })
    })
}

#[test]
fn after_edits_the_served_site_equals_a_fresh_one() {
    let site = fixture("collections");
    let server = start(&site);
    let shows = |path: &str, text: &str| {
        wait_for(&server, path, text, |s, b| s == 200 && b.contains(text));
    };
    shows("/handlingsplaner/", "Handlingsplaner");

    // A plan's title: its page, the plans list, the CSV of activities, the start page.
    edit(
        &site,
        "handlingsplaner/alvsjo-2020.md",
        "title: \"",
        "title: \"Omdöpt ",
    );
    shows("/handlingsplaner/alvsjo-2020/", "Omdöpt ");
    // An unapproved plan approved: a page appears in the lists and the CSV.
    edit(
        &site,
        "handlingsplaner/socialnamnden-2021.md",
        "status: utkast",
        "status: godkand",
    );
    shows(
        "/handlingsplaner/socialnamnden-2021/",
        "HEMLIG-UTKAST-AKTIVITET",
    );
    // A coordinator's name: the page, the list, the vCard.
    edit(&site, "samordnare/alvsjo.md", "title: \"", "title: \"Ny ");
    shows("/samordnare/alvsjo/", "Ny ");
    // A tip gets a newer date and a tag: the order of its section and a new term page.
    edit(
        &site,
        "tips/en-bok.md",
        "date: 2020-01-01",
        "date: 2024-06-01\ntaxonomies:\n  tags: [Återvändare]",
    );
    shows("/tags/atervandare/", "En bok om extremism");
    // A new tip with the same tag spelled another way, then the first one deleted.
    let tip = std::fs::read_to_string(site.path("content/tips/en-bok.md")).expect("read");
    site.write(
        "content/tips/en-podd.md",
        tip.replace("En bok om extremism", "En podd om återvändare")
            .replace("[Återvändare]", "[återvändare]"),
    );
    shows("/tips/en-podd/", "En podd om återvändare");
    site.remove("content/tips/en-bok.md");
    wait_for(&server, "/tips/en-bok/", "a 404", |s, _| s == 404);
    // A coordinator's page renamed.
    std::fs::rename(
        site.path("content/samordnare/central.md"),
        site.path("content/samordnare/centralt.md"),
    )
    .expect("rename");
    wait_for(&server, "/samordnare/centralt/", "the new URL", |s, _| {
        s == 200
    });

    let files = site_files(&site);
    assert!(files.contains(&"handlingsplaner/aktiviteter.csv".to_string()));
    assert!(files.contains(&"samordnare/alvsjo/kontakt.vcf".to_string()));
    let fresh = start(&site);
    poll(
        "the edited site to equal a fresh one",
        || match first_difference(&server, &fresh, &files) {
            None => Ok(()),
            Some(difference) => Err(difference),
        },
    );
}

/// Follow-up reports: a report's edit re-renders its plan's page, the consolidated page and
/// the CSV files; a plan approved while serving brings its report in, one unapproved takes its
/// reports out.
#[test]
fn after_follow_up_edits_the_served_site_equals_a_fresh_one() {
    let site = fixture("followup");
    let server = start(&site);
    let shows = |path: &str, text: &str| {
        wait_for(&server, path, text, |s, b| s == 200 && b.contains(text));
    };
    shows(
        "/handlingsplaner/norr-2020/",
        "2 av 4 aktiviteter genomförda",
    );
    edit(
        &site,
        "uppfoljningar/norr-2020-t2.md",
        "status: genomford\n    kommentar",
        "status: pagar\n    kommentar",
    );
    shows(
        "/handlingsplaner/norr-2020/",
        "1 av 4 aktiviteter genomförda",
    );
    edit(
        &site,
        "handlingsplaner/utkast-2020.md",
        "status: utkast",
        "status: godkand",
    );
    shows("/uppfoljningar/utkast-2020-t1/", "zqxrapportx");
    edit(
        &site,
        "handlingsplaner/norr-2020.md",
        "status: godkand",
        "status: beslutad",
    );
    wait_for(&server, "/uppfoljningar/norr-2020-t2/", "a 404", |s, _| {
        s == 404
    });

    let files = site_files(&site);
    assert!(files.contains(&"handlingsplaner/uppfoljning.csv".to_string()));
    let fresh = start(&site);
    poll(
        "the edited site to equal a fresh one",
        || match first_difference(&server, &fresh, &files) {
            None => Ok(()),
            Some(difference) => Err(difference),
        },
    );
}

/// Pages with TOML front matter (Zola's `+++`) are read again like YAML ones, and a Zola key
/// that only warns (`render = false`) does not stop the server from showing the edit.
#[test]
fn after_toml_edits_the_served_site_equals_a_fresh_one() {
    let site = fixture("zola");
    let server = start(&site);
    let shows = |path: &str, text: &str| {
        wait_for(&server, path, text, |s, b| s == 200 && b.contains(text));
    };
    shows("/blogg/forsta/", "Det första inlägget");
    edit(
        &site,
        "blogg/forsta.md",
        "title = \"Det första inlägget\"",
        "title = \"Det omdöpta inlägget\"",
    );
    shows("/blogg/forsta/", "Det omdöpta inlägget");
    edit(
        &site,
        "ordlista/apa.md",
        "title = \"apa\"",
        "title = \"bäver\"\nrender = false",
    );
    shows("/ordlista/apa/", "bäver");
    site.write(
        "content/personer/cesar.md",
        "+++\ntitle = \"C. Cesar\"\nslug = \"aaa-cesar\"\ndate = 2024-01-05\n+++\nCesar.\n",
    );
    shows("/personer/aaa-cesar/", "C. Cesar");
    // A page's `path` moves it; the blog's lists link the new address.
    edit(
        &site,
        "blogg/tredje.md",
        "path = \"egen/adress\"",
        "path = \"ny/adress\"",
    );
    shows("/ny/adress/", "Det tredje inlägget");
    wait_for(&server, "/egen/adress/", "the old address gone", |s, _| {
        s == 404
    });

    let files = site_files(&site);
    let fresh = start(&site);
    poll(
        "the edited site to equal a fresh one",
        || match first_difference(&server, &fresh, &files) {
            None => Ok(()),
            Some(difference) => Err(difference),
        },
    );
}
