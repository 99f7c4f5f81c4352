//! Typed collections with the default theme's templates (`collections/*`): the fixture
//! `collections` has one page in each collection of the VBE site (and an unapproved action
//! plan), built with the real binary. Then the schema errors of collection pages: each with
//! file, line and column, every one of them in one run.

mod common;

use common::{count, fixture, Run, Site};

fn built() -> (Site, Run) {
    let site = fixture("collections");
    let run = site.build_ok(&[]);
    (site, run)
}

/// `needle` occurs in `text` before `later`.
fn assert_before(text: &str, needle: &str, later: &str) {
    let a = text
        .find(needle)
        .unwrap_or_else(|| panic!("no `{needle}` in:\n{text}"));
    let b = text
        .find(later)
        .unwrap_or_else(|| panic!("no `{later}` in:\n{text}"));
    assert!(a < b, "`{needle}` should come before `{later}`:\n{text}");
}

/// The directory is long on a phone: a jump list of plain anchors (no JavaScript needed) to
/// each type of administration and each administration, before the first group.
#[test]
fn directory_has_a_jump_list_to_each_type_and_administration() {
    let (_site, run) = built();
    let page = "samordnare/index.html";
    let html = run.read(page);
    let jump = r##"<li><a href="#lots-forvaltning-alvsjo-stadsdelsforvaltning">Älvsjö stadsdelsförvaltning</a></li>"##;
    run.assert_contains(
        page,
        "<nav class=\"jump-list\" aria-label=\"Hoppa till förvaltning\">\n<details>",
    );
    run.assert_contains(page, jump);
    run.assert_contains(page, r##"<a href="#lots-typ-1">"##);
    run.assert_contains(
        page,
        r#"id="lots-forvaltning-alvsjo-stadsdelsforvaltning">Älvsjö stadsdelsförvaltning</h3>"#,
    );
    assert_before(&html, jump, "<h2 id=\"lots-typ-1\"");
    assert_eq!(
        count(&html, "id=\"lots-forvaltning-"),
        count(&html, "href=\"#lots-forvaltning-")
    );
}

#[test]
fn symbol_gallery_has_thumbnails_and_filters_that_work_without_javascript() {
    let (_site, run) = built();
    let page = "symboler/index.html";
    // The thumbnail: the bundle's image, with its alt text and size.
    run.assert_contains(
        page,
        // The 120×80 drawing fitted into the 240×180 thumbnail box by the image pipeline.
        r#"<img src="../symboler/kod-88/kod-88.svg" alt="Siffrorna 88 i svart på vit botten" width="240" height="160""#,
    );
    // Filters: radio groups in fieldsets with legends, one per milieu and type in use.
    run.assert_contains(page, "<legend>Miljö</legend>");
    run.assert_contains(page, "<legend>Typ</legend>");
    run.assert_contains(
        page,
        r#"<input type="radio" name="filter-miljo" id="f-d1-1" class="f-d1-1" value="1""#,
    );
    run.assert_contains(page, r#"<label for="f-d1-1">Vit makt-miljön"#);
    run.assert_contains(page, r#"<label for="f-d2-1">Sifferkod"#);
    // Milieus without symbols are not offered.
    run.assert_not_contains(page, "Autonoma miljön");
    // Each card carries the numbered values the CSS (and filter.js) match on.
    run.assert_contains(page, r#"data-filter-item data-d1="1" data-d2="1""#);
    run.assert_contains(page, r#"aria-live="polite""#);
    run.assert_contains(page, r#"<script src="../filter.js" defer></script>"#);
    run.assert_file("filter.js");
    let css = run.read("style.css");
    assert!(
        css.contains(r#".filterable:has(.f-d1-1:checked) [data-d1]:not([data-d1~="1"])"#),
        "style.css lacks the :has() filter rules"
    );
}

#[test]
fn symbol_page_shows_labels_and_sets_harmless_uses_apart() {
    let (_site, run) = built();
    let page = "symboler/kod-88/index.html";
    run.assert_contains(
        page,
        r#"<img class="symbol__image" src="../../symboler/kod-88/kod-88.svg" alt="Siffrorna 88 i svart på vit botten" width="480" height="320" decoding="async">"#,
    );
    run.assert_contains(page, "<dd>Vit makt-miljön</dd>");
    run.assert_contains(page, "<dd>Sifferkod</dd>");
    run.assert_contains(page, "<li><code>HH</code></li>");
    run.assert_contains(page, "<dd>åttioåtta</dd>");
    run.assert_contains(page, r#"<section class="field-section harmless""#);
    run.assert_contains(page, "Harmlösa användningar – undvik falsklarm</h2>");
    run.assert_contains(page, "<p>Födelseår som 1988, tröjnummer och priser.</p>");
}

#[test]
fn directory_links_phone_mail_and_vcard_and_puts_the_central_coordinator_first() {
    let (_site, run) = built();
    let page = "samordnare/index.html";
    run.assert_contains(page, "Uppgifterna är exempeldata.");
    run.assert_contains(page, r#"<a href="tel:0850800000">08-508 000 00</a>"#);
    run.assert_contains(
        page,
        r#"<a href="mailto:vbe.central@example.stockholm.se">vbe.central@example.stockholm.se</a>"#,
    );
    run.assert_contains(
        page,
        r#"<a class="button button--secondary" href="../samordnare/central/kontakt.vcf" download>Ladda ned kontakt (vCard)</a>"#,
    );
    run.assert_contains(page, r#"href="../samordnare/alvsjo/kontakt.vcf""#);
    run.assert_contains(page, r#"<time datetime="2021-03-01">1 mars 2021</time>"#);
    let html = run.read(page);
    assert_before(&html, "Central samordnare</a>", "Samordnare i Älvsjö</a>");
    assert_before(
        &html,
        "<h2 id=\"lots-typ-1\"",
        "<h3 class=\"directory-group__title\" id=\"lots-forvaltning-stadsledningskontoret\">Stadsledningskontoret",
    );

    // The contact page has the same details and its own vCard beside it.
    let contact = "samordnare/central/index.html";
    run.assert_contains(contact, r#"href="tel:0850800000""#);
    run.assert_contains(
        contact,
        r#"href="../../samordnare/central/kontakt.vcf" download"#,
    );
}

#[test]
fn every_contact_has_a_vcard_with_crlf_lines() {
    let (_site, run) = built();
    let vcard = run.read("samordnare/central/kontakt.vcf");
    assert!(
        vcard.starts_with("BEGIN:VCARD\r\nVERSION:4.0\r\n"),
        "vCard:\n{vcard}"
    );
    for line in [
        "FN:Central samordnare\r\n",
        "ORG:Stockholms stad;Stadsledningskontoret\r\n",
        "TITLE:Central samordnare mot våldsbejakande extremism\r\n",
        "TEL;TYPE=work,voice:08-508 000 00\r\n",
        "EMAIL;TYPE=work:vbe.central@example.stockholm.se\r\n",
        "URL:https://intranat.example.se/vbe/samordnare/central/\r\n",
    ] {
        assert!(vcard.contains(line), "no `{line:?}` in vCard:\n{vcard:?}");
    }
    assert!(vcard.ends_with("END:VCARD\r\n"), "vCard:\n{vcard:?}");
    assert_eq!(
        count(&vcard, "\n"),
        count(&vcard, "\r\n"),
        "a line without CR:\n{vcard:?}"
    );
    // A comma in a value is escaped.
    let other = run.read("samordnare/alvsjo/kontakt.vcf");
    assert!(
        other.contains("TITLE:Lokal samordnare\\, Älvsjö\r\n"),
        "vCard:\n{other:?}"
    );
}

#[test]
fn activities_csv_has_a_header_and_one_row_per_published_activity() {
    let (_site, run) = built();
    let csv = run.read("handlingsplaner/aktiviteter.csv");
    let body = csv
        .strip_prefix('\u{feff}')
        .unwrap_or_else(|| panic!("no byte order mark for Excel:\n{csv:?}"));
    let lines: Vec<&str> = body.split_terminator("\r\n").collect();
    assert_eq!(
        lines.first().copied(),
        Some("nämnd;år;dnr;aktivitet;ansvarig;tidplan;uppföljning;åtgärdsområde;status;kommentar;period")
    );
    assert_eq!(lines.len(), 1 + 3, "csv:\n{csv}");
    assert_eq!(
        lines[1],
        "Älvsjö stadsdelsnämnd;2020;1.2.3-456/2020;\"Skolprogram i alla grundskolor; MVP som metod\";Samordnare för MVP;Pågående;VB;Allmänna insatser;;;"
    );
    assert!(
        lines[3].contains(";\"Säga \"\"nej\"\" till bidrag för odemokratiska föreningar\";"),
        "csv:\n{csv}"
    );
    assert!(
        !csv.contains("HEMLIG-UTKAST"),
        "the draft plan leaked:\n{csv}"
    );
}

#[test]
fn consolidated_view_lists_counts_filters_and_overdue_plans_but_no_unapproved_plan() {
    let (_site, run) = built();
    let page = "handlingsplaner/index.html";
    run.assert_contains(
        page,
        r#"href="../handlingsplaner/aktiviteter.csv" download"#,
    );
    run.assert_contains(page, r#"<th scope="col">Åtgärdsområde</th>"#);
    run.assert_contains(
        page,
        r#"<th scope="row">Skolprogram i alla grundskolor; MVP som metod</th>"#,
    );
    run.assert_contains(page, r#"<th scope="row">Hela staden</th>"#);
    run.assert_contains(
        page,
        r#"<option class="f-d1-1" value="1">Älvsjö stadsdelsnämnd</option>"#,
    );
    run.assert_contains(
        page,
        r#"<label for="f-d2-3">Individinriktade insatser</label>"#,
    );
    // Overdue for the yearly revision, said in words.
    run.assert_contains(page, "Revidering försenad</strong>");
    let html = run.read(page);
    assert_eq!(count(&html, "data-filter-item"), 3, "{html}");
    run.assert_not_contains(page, "HEMLIG-UTKAST");
    run.assert_not_contains(page, "Socialnämnden");
    run.assert_no_file("handlingsplaner/socialnamnden-2021/index.html");

    let plan = "handlingsplaner/alvsjo-2020/index.html";
    run.assert_contains(plan, "<caption id=\"lots-omrade-1\">Allmänna insatser");
    run.assert_contains(plan, r#"<th scope="col">Ansvarig</th>"#);
    run.assert_contains(plan, "<dd>Godkänd av kommunstyrelsen</dd>");
    run.assert_contains(plan, "<p>Låg kännedom hos polisen.</p>");
    run.assert_contains(plan, "Planen skulle ha reviderats senast 30 april 2021.");
}

#[test]
fn drafts_flag_publishes_the_unapproved_plan_everywhere() {
    let site = fixture("collections");
    let run = site.build_ok(&["--drafts"]);
    run.assert_contains("handlingsplaner/index.html", "HEMLIG-UTKAST-AKTIVITET");
    let csv = run.read("handlingsplaner/aktiviteter.csv");
    assert!(csv.contains("HEMLIG-UTKAST-AKTIVITET"), "csv:\n{csv}");
    assert_eq!(csv.split_terminator("\r\n").count(), 1 + 4, "csv:\n{csv}");
    run.assert_contains(
        "handlingsplaner/socialnamnden-2021/index.html",
        "Planen är inte godkänd av kommunstyrelsen",
    );
}

#[test]
fn lecture_has_a_captioned_video_and_a_link_to_it() {
    let (_site, run) = built();
    let page = "forelasningar/grundkurs/index.html";
    run.assert_contains(
        page,
        r#"<video controls preload="none" src="https://play.example.se/grundkurs.mp4">"#,
    );
    // The captions are in the page (a data: URL), since from file:// a browser refuses to load
    // a .vtt file beside it; the file stays published for download.
    let html = run.read(page);
    let track = html
        .split("<track ")
        .nth(1)
        .and_then(|t| t.split('>').next())
        .unwrap_or_else(|| panic!("no <track> in {page}:\n{html}"));
    assert!(
        track.starts_with(r#"kind="captions" src="data:text/vtt;charset=utf-8;base64,V0VCVlRU"#)
            && track.ends_with(r#"" srclang="sv" label="Svenska" default"#),
        "{track}"
    );
    run.assert_contains(
        page,
        r#"<p class="lecture__link"><a href="https://play.example.se/grundkurs.mp4">Öppna filmen</a></p>"#,
    );
    run.assert_contains(page, r#"<a href="../../forelasningar/grundkurs/bildspel.pdf">bildspel.pdf</a> <span class="file-meta">(PDF, 20 byte)</span>"#);
    run.assert_contains(page, "<dd>Radikalisering, Tidiga tecken</dd>");
    run.assert_file("forelasningar/grundkurs/textning.vtt");
    // Files shown with the video are not listed again as attachments.
    run.assert_not_contains(page, "lots-attachments");
}

/// A lecture page in the `collections` fixture with `fields` (YAML lines) in its front matter.
fn lecture(site: &Site, name: &str, fields: &str) {
    site.write(
        &format!("content/forelasningar/{name}/index.md"),
        format!(
            "---\ntitle: \"Film {name}\"\ntalare: \"Stadens samordnare\"\nlangd: \"55 minuter\"\n\
             amnen: [\"Propaganda\"]\ntextning: textning.vtt\n{fields}---\n\nKort text.\n"
        ),
    );
    site.write(
        &format!("content/forelasningar/{name}/textning.vtt"),
        "WEBVTT\n\n00:00.000 --> 00:02.000\nFöreläsningen börjar.\n",
    );
}

#[test]
fn a_lecture_on_the_video_service_gets_a_link_card_not_a_player() {
    let site = fixture("collections");
    lecture(
        &site,
        "tjanst",
        "video_url: \"https://intranat.example.se/play/vbe/propaganda\"\n",
    );
    // The field decides over the extension, both ways.
    lecture(
        &site,
        "sida",
        "video_url: \"https://play.example.se/visa.mp4\"\nvideo_type: sida\n",
    );
    lecture(
        &site,
        "fil",
        "video_url: \"https://play.example.se/strom\"\nvideo_type: fil\n",
    );
    lecture(
        &site,
        "webm",
        "video_url: \"https://play.example.se/film.WEBM?start=0#t=1\"\n",
    );
    let run = site.build_ok(&[]);
    let page = "forelasningar/tjanst/index.html";
    run.assert_not_contains(page, "<video");
    run.assert_contains(
        page,
        r#"<a class="lecture__open" href="https://intranat.example.se/play/vbe/propaganda">"#,
    );
    run.assert_contains(
        page,
        r#"<span class="lecture__open-label">Öppna filmen på intranätets filmtjänst</span>"#,
    );
    run.assert_contains(
        page,
        r#"<span class="lecture__open-title">Film tjanst</span>"#,
    );
    run.assert_contains(
        page,
        r#"<span class="lecture__open-length">Filmens längd: 55 minuter</span>"#,
    );
    run.assert_not_contains("forelasningar/sida/index.html", "<video");
    run.assert_contains("forelasningar/sida/index.html", "lecture__open");
    for player in ["fil", "webm"] {
        let page = format!("forelasningar/{player}/index.html");
        run.assert_contains(&page, "<video controls");
        run.assert_contains(&page, r#"<track kind="captions""#);
        run.assert_not_contains(&page, "lecture__open");
    }
}

#[test]
fn a_lecture_with_a_film_shows_its_length_not_a_reading_time() {
    let (_site, run) = built();
    let page = "forelasningar/grundkurs/index.html";
    run.assert_contains(
        page,
        r#"<span class="meta__item">Filmens längd: 45 min</span>"#,
    );
    run.assert_not_contains(page, "Lästid");
    // Other pages keep their reading time.
    run.assert_contains("vagledningar/riktlinjer/index.html", "Lästid cirka");
}

#[test]
fn guidance_flags_a_passed_review_date_in_text_and_lists_attachments() {
    let (_site, run) = built();
    let page = "vagledningar/riktlinjer/index.html";
    run.assert_contains(page, "<strong>Granskning försenad</strong>");
    run.assert_contains(
        page,
        "Innehållet skulle ha granskats senast 10 januari 2020.",
    );
    run.assert_contains(page, "<dd>Nämnder, Samordnare</dd>");
    run.assert_contains(page, r#"<nav class="toc""#);
    run.assert_contains(
        page,
        r#"<li><a href="../../vagledningar/riktlinjer/bilaga.pdf">bilaga.pdf</a> <span class="file-meta">(PDF, 22 byte)</span></li>"#,
    );
    run.assert_not_contains("rutiner/rutin-vid-oro/index.html", "Granskning försenad");
    // The generic list shows the simple fields of each page.
    run.assert_contains(
        "vagledningar/index.html",
        r#"<span class="meta__item">Ägare: Kommunstyrelsen</span>"#,
    );
}

#[test]
fn documents_and_tips_show_their_metadata() {
    let (_site, run) = built();
    let doc = "dokument/stadsrevisionen-2019/index.html";
    run.assert_contains(doc, "<dd>Rapport</dd>");
    run.assert_contains(doc, "<dd>Stadsrevisionen</dd>");
    run.assert_contains(doc, "<dd>3.1-0123/2019</dd>");
    run.assert_contains(doc, r#"<time datetime="2019-06-01">1 juni 2019</time>"#);
    let tip = "tips/en-bok/index.html";
    run.assert_contains(tip, "<dd>Bok</dd>");
    run.assert_contains(tip, "<dd>Författare Efternamn</dd>");
    run.assert_contains(tip, "<dd>2018</dd>");
    run.assert_contains(
        tip,
        r#"<a href="https://example.org/bok">Gå till källan</a>"#,
    );
}

#[test]
fn routine_is_one_click_away_and_first_on_the_start_page() {
    let (_site, run) = built();
    let quick = r#"class="quick-link" href="rutiner/rutin-vid-oro/index.html""#;
    run.assert_contains("index.html", quick);
    run.assert_contains(
        "symboler/kod-88/index.html",
        r#"class="quick-link" href="../../rutiner/rutin-vid-oro/index.html""#,
    );
    run.assert_contains(
        "rutiner/rutin-vid-oro/index.html",
        r#"href="../../rutiner/rutin-vid-oro/index.html" aria-current="page""#,
    );
    let start = run.read("index.html");
    assert_before(
        &start,
        "Vad gör jag vid oro?",
        "Välkommen till testwebbens startsida.",
    );
    assert_before(&start, "Välkommen till testwebbens startsida.", "Genvägar");
    let shortcuts = &start[start.find("Genvägar").expect("shortcuts")..];
    assert_before(
        shortcuts,
        r#"href="symboler/index.html">Symboler"#,
        r#"href="samordnare/index.html">Samordnare"#,
    );
    assert!(start.contains("Senast uppdaterat"), "{start}");
    assert!(
        start.contains(
            r#"<a href="rutiner/rutin-vid-oro/index.html">Rutin vid oro eller händelse</a>"#
        ),
        "the most recently updated page is not listed:\n{start}"
    );
}

#[test]
fn sites_without_collections_still_build_with_the_theme() {
    let site = fixture("basic");
    let run = site.build_ok(&[]);
    run.assert_not_contains("index.html", "quick-link");
    run.assert_not_contains("index.html", "Genvägar");
}

/// Front matter of a symbol bundle, with `replace` applied.
fn symbol(replace: (&str, &str)) -> String {
    let text = "---\ntitle: \"Test\"\nmiljo: vit-makt\ntyp: siffror\nbetydelse: \"B\"\nforekomst: \"F\"\nharmlos: \"H\"\nbild: bild.svg\nbild_alt: \"En bild\"\n---\n\nText.\n";
    assert!(text.contains(replace.0));
    text.replace(replace.0, replace.1)
}

#[test]
fn schema_errors_of_collection_pages_are_all_reported_with_positions() {
    let site = fixture("collections");
    let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"/>\n";
    // A missing required field.
    site.write(
        "content/symboler/utan-miljo/index.md",
        symbol(("miljo: vit-makt\n", "")),
    );
    site.write("content/symboler/utan-miljo/bild.svg", svg);
    // A value outside the enum.
    site.write(
        "content/symboler/fel-miljo/index.md",
        symbol(("miljo: vit-makt", "miljo: nazism")),
    );
    site.write("content/symboler/fel-miljo/bild.svg", svg);
    // An image that is not in the bundle.
    site.write(
        "content/symboler/utan-bild/index.md",
        symbol(("bild: bild.svg", "bild: saknas.svg")),
    );
    // A date that does not exist.
    site.write(
        "content/vagledningar/fel-datum.md",
        "---\ntitle: \"Fel datum\"\nagare: \"SLK\"\nmalgrupp: [Alla]\ngranskad: 2020-13-01\nnasta_granskning: 2099-01-01\n---\n\nText.\n",
    );
    // A field the collection does not have.
    site.write(
        "content/tips/okant-falt.md",
        "---\ntitle: \"Okänt fält\"\ntyp: bok\nupphov: \"Någon\"\nar: 2020\nfarg: röd\n---\n\nText.\n",
    );
    let run = site.build(&[]);
    run.assert_content_error();
    let c = |name: &str| site.shown(&format!("content/{name}"));
    run.assert_error_at(
        &c("symboler/utan-miljo/index.md"),
        2,
        1,
        "`miljo` måste fyllas i för sidor i symboler",
        "title: \"Test\"",
    );
    run.assert_error_at(
        &c("symboler/fel-miljo/index.md"),
        3,
        8,
        "`miljo: nazism` är inte ett av de tillåtna värdena: vit-makt, autonom, islamistisk, ovrigt",
        "miljo: nazism",
    );
    run.assert_error_at(
        &c("symboler/utan-bild/index.md"),
        8,
        7,
        "`saknas.svg` finns inte: det finns ingen fil content/symboler/utan-bild/saknas.svg",
        "bild: saknas.svg",
    );
    run.assert_error_at(
        &c("vagledningar/fel-datum.md"),
        5,
        11,
        "`granskad: 2020-13-01`: det finns ingen månad 13",
        "granskad: 2020-13-01",
    );
    run.assert_error_at(
        &c("tips/okant-falt.md"),
        6,
        1,
        "fältet `farg` finns inte",
        "farg: röd",
    );
    assert_eq!(
        run.error_summary(),
        "Bygget misslyckades: 5 fel.",
        "stderr:\n{}",
        run.stderr
    );
    assert!(!site.public().exists(), "a failed build wrote public/");
}
