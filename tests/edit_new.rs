//! `lots new SECTION "Title"`: the page it writes has every required field of its collection
//! waiting to be filled in, the build refuses it at each placeholder until it is, and then
//! publishes it (a draft only with `--drafts`). Bad sections, paths and taken names are
//! refused with exit 1 and nothing written.

mod common;

use common::{fixture, run_lots, snapshot, Run, Site};

/// `lots new --root ROOT --today 2026-12-02 ARGS...`
fn lots_new(site: &Site, args: &[&str]) -> Run {
    let mut full: Vec<String> = ["new", "--root", &site.root.display().to_string()]
        .map(String::from)
        .to_vec();
    full.extend(["--today", "2026-12-02"].map(String::from));
    full.extend(args.iter().map(|a| a.to_string()));
    run_lots(&full, &site.root, site.public())
}

fn read(site: &Site, relative: &str) -> String {
    std::fs::read_to_string(site.path(relative))
        .unwrap_or_else(|e| panic!("cannot read {relative}: {e}"))
}

/// The lines the new coordinator page holds its placeholders on, and what fills them in.
const COORDINATOR: [(usize, &str, &str, &str); 6] = [
    (5, "roll", "FYLL I  # text", "\"Förvaltningens samordnare\""),
    (6, "forvaltning", "FYLL I  # text", "\"Nya förvaltningen\""),
    (
        7,
        "forvaltningstyp",
        "FYLL I  # ett av: stadsledningskontoret, stadsdelsforvaltning, facknamnd",
        "facknamnd",
    ),
    (8, "telefon", "FYLL I  # telefonnummer", "\"08-123 456 99\""),
    (
        9,
        "epost",
        "FYLL I  # e-postadress",
        "vbe.ny@example.stockholm.se",
    ),
    (
        10,
        "verifierad",
        "FYLL I  # när uppgifterna senast kontrollerades; datum, ÅÅÅÅ-MM-DD",
        "2026-12-01",
    ),
];

/// Replaces each placeholder of the coordinator page at `relative` with its value.
fn fill_in_coordinator(site: &Site, relative: &str) {
    let mut text = read(site, relative);
    for (_, field, placeholder, value) in COORDINATOR {
        let line = format!("\n{field}: {placeholder}\n");
        assert!(text.contains(&line), "no `{line}` in:\n{text}");
        text = text.replace(&line, &format!("\n{field}: {value}\n"));
    }
    site.write(relative, text);
}

#[test]
fn a_new_coordinator_is_refused_at_each_placeholder_until_filled_in_then_published() {
    let site = fixture("collections");
    let run = lots_new(&site, &["samordnare", "Ny Samordnare"]);
    run.assert_success();
    let file = site.shown("content/samordnare/ny-samordnare.md");
    assert!(
        run.stdout.contains(&format!("Skapade {file}.")) && run.stdout.contains("FYLL I"),
        "stdout names the file and the placeholders:\n{}",
        run.stdout
    );
    let text = read(&site, "content/samordnare/ny-samordnare.md");
    assert!(
        text.starts_with("---\ntitle: \"Ny Samordnare\"\n")
            && text.contains("\ndate: 2026-12-02\n"),
        "{text}"
    );

    let build = site.build(&[]);
    build.assert_content_error();
    for (line, field, placeholder, _) in COORDINATOR {
        build.assert_error_at(
            &file,
            line,
            field.len() + 3,
            &format!("`{field}` innehåller fortfarande platshållaren `FYLL I`; skriv"),
            &format!("{field}: {placeholder}"),
        );
    }
    assert_eq!(build.error_summary(), "Bygget misslyckades: 6 fel.");

    fill_in_coordinator(&site, "content/samordnare/ny-samordnare.md");
    let built = site.build_ok(&[]);
    built.assert_contains("samordnare/ny-samordnare/index.html", "Ny Samordnare");
    built.assert_contains("samordnare/ny-samordnare/index.html", "Nya förvaltningen");
    built.assert_contains("samordnare/index.html", "Ny Samordnare");
    built.assert_contains("samordnare/ny-samordnare/kontakt.vcf", "TEL");
    built.assert_contains("samordnare/ny-samordnare/kontakt.vcf", "08-123 456 99");
    built.assert_contains(
        "samordnare/ny-samordnare/kontakt.vcf",
        "vbe.ny@example.stockholm.se",
    );
}

#[test]
fn a_new_draft_stays_out_of_the_site() {
    let site = fixture("collections");
    lots_new(&site, &["--draft", "samordnare", "Utkast Samordnare"]).assert_success();
    let text = read(&site, "content/samordnare/utkast-samordnare.md");
    assert!(text.contains("\ndate: 2026-12-02\ndraft: true\n"), "{text}");
    fill_in_coordinator(&site, "content/samordnare/utkast-samordnare.md");
    let built = site.build_ok(&[]);
    built.assert_no_file("samordnare/utkast-samordnare/index.html");
    built.assert_not_contains("samordnare/index.html", "Utkast Samordnare");
    let with_drafts = site.build_ok(&["--drafts"]);
    with_drafts.assert_file("samordnare/utkast-samordnare/index.html");
}

#[test]
fn every_collections_new_page_parses_and_fails_only_at_its_placeholders() {
    let site = fixture("collections");
    let sections = [
        ("vagledningar", "vagledningar/ny-sida/index.md", 4),
        ("rutiner", "rutiner/ny-sida.md", 4),
        ("symboler", "symboler/ny-sida/index.md", 7),
        ("samordnare", "samordnare/ny-sida.md", 6),
        ("handlingsplaner", "handlingsplaner/ny-sida.md", 10),
        ("forelasningar", "forelasningar/ny-sida/index.md", 3),
        ("dokument", "dokument/ny-sida.md", 3),
        ("tips", "tips/ny-sida.md", 3),
    ];
    let mut total = 0;
    for (section, key, placeholders) in sections {
        let run = lots_new(&site, &[section, "Ny sida"]);
        run.assert_success();
        assert!(
            run.stdout.contains(&format!("content/{key}"))
                && run.stdout.contains(&format!("de {placeholders} fält")),
            "{section}: {}",
            run.stdout
        );
        total += placeholders;
    }
    // A page outside every collection has nothing to fill in and builds at once.
    site.write("content/om/_index.md", "---\ntitle: Om\n---\n");
    let run = lots_new(&site, &["om", "Om oss"]);
    run.assert_success();
    assert!(run.stdout.contains("Skapade"), "{}", run.stdout);

    let build = site.build(&[]);
    build.assert_content_error();
    let errors: Vec<&str> = build
        .stderr
        .lines()
        .filter(|l| l.contains(": ") && l.contains("/content/"))
        .collect();
    assert_eq!(errors.len(), total, "{}", build.stderr);
    assert!(
        errors
            .iter()
            .all(|l| l.contains("innehåller fortfarande platshållaren `FYLL I`")),
        "{}",
        build.stderr
    );
    assert_eq!(
        build.error_summary(),
        format!("Bygget misslyckades: {total} fel.")
    );
}

#[test]
fn a_title_whose_page_exists_is_refused_and_nothing_changes() {
    let site = fixture("collections");
    let before = snapshot(&site.root);
    for (section, title, existing) in [
        ("samordnare", "Älvsjö", "content/samordnare/alvsjo.md"),
        ("symboler", "Kod 88", "content/symboler/kod-88/"),
    ] {
        let run = lots_new(&site, &[section, title]);
        run.assert_content_error();
        assert!(
            run.stderr.contains(existing) && run.stderr.contains("Välj en annan titel"),
            "{}",
            run.stderr
        );
    }
    assert!(
        snapshot(&site.root) == before,
        "a refused page changed the site"
    );
}

#[test]
fn an_unknown_section_is_refused_listing_the_known_ones() {
    let site = fixture("collections");
    let before = snapshot(&site.root);
    let run = lots_new(&site, &["symbolr", "Ny symbol"]);
    run.assert_content_error();
    assert!(
        run.stderr.contains("\"symbolr\"")
            && run
                .stderr
                .contains("samordnare, symboler, tips, vagledningar"),
        "{}",
        run.stderr
    );
    assert!(snapshot(&site.root) == before);
}

#[test]
fn sections_outside_content_are_refused() {
    let site = fixture("collections");
    let parent = site.beside("");
    let before = snapshot(&parent);
    for (section, why) in [
        ("../x", "\"..\""),
        ("symboler/../..", "\"..\""),
        ("/tmp", "börjar vid roten"),
        ("symboler\\..\\..", "omvänt snedstreck"),
    ] {
        let run = lots_new(&site, &[section, "T"]);
        run.assert_content_error();
        assert!(run.stderr.contains(why), "{section}: {}", run.stderr);
    }
    assert!(snapshot(&parent) == before, "a refused page wrote a file");
}

#[test]
fn a_section_named_as_the_shell_completes_it_or_as_dot_is_found() {
    let site = fixture("collections");
    lots_new(&site, &["content/samordnare/", "Bo Ek"]).assert_success();
    assert!(site.path("content/samordnare/bo-ek.md").is_file());
    // `.` is content/ itself, the front page's section.
    lots_new(&site, &[".", "  Om oss "]).assert_success();
    let text = read(&site, "content/om-oss.md");
    assert!(text.starts_with("---\ntitle: \"Om oss\"\n"), "{text}");
}

#[test]
fn a_title_without_letters_is_refused() {
    let site = fixture("collections");
    let run = lots_new(&site, &["samordnare", "– ! –"]);
    run.assert_content_error();
    assert!(run.stderr.contains("inga bokstäver"), "{}", run.stderr);
}
