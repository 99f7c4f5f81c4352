//! Hostile and broken inputs a person can put in a site, each answered with a sentence about
//! their file: what is wrong, where (`path:line:col`) and how to fix it, in the site's
//! language, never a library's own text (`budget breached: Nodes { nodes: 250001 }`, `Format
//! error decoding Jpeg: I/O errors Not enough bytes`). The inputs are made here, so that the
//! repository holds no alias bomb and no broken image.

mod common;

use common::{fixture, Site};

/// A page of the (Swedish) basic fixture with `yaml` as its front matter.
fn page_with(site: &Site, name: &str, yaml: &str) {
    site.write(
        &format!("content/guider/{name}.md"),
        format!("---\ntitle: \"Fientlig\"\n{yaml}---\n\nText.\n"),
    );
}

/// The one error line about `file` in stderr, for its exact message.
fn error_line(run: &common::Run, file: &str) -> String {
    let found: Vec<&str> = run.stderr.lines().filter(|l| l.starts_with(file)).collect();
    assert_eq!(found.len(), 1, "errors about {file}:\n{}", run.stderr);
    found[0].to_string()
}

#[test]
fn yaml_beyond_the_parsers_limits_is_told_as_what_to_change() {
    let site = fixture("basic");
    // An alias bomb: each line repeats the one above ten times.
    let mut bomb = String::from("extra:\n  a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for level in 1..9 {
        let previous = format!("*a{}", level - 1);
        let items = [previous.as_str(); 10].join(", ");
        bomb.push_str(&format!("  a{level}: &a{level} [{items}]\n"));
    }
    page_with(&site, "bomb", &bomb);
    // More values than the parser reads in one block.
    let many = format!("extra:\n  lista: [{}]\n", vec!["1"; 250_001].join(", "));
    page_with(&site, "manga", &many);
    // Lists inside lists, 70 deep.
    let deep = format!("extra:\n  djup: {}{}\n", "[".repeat(70), "]".repeat(70));
    page_with(&site, "djup", &deep);

    let run = site.build(&[]);
    run.assert_content_error();
    let said = [
        ("bomb", "YAML-blocket upprepar sina ankare (`&namn`) och alias (`*namn`) så mycket att det skulle bli enormt när det läses; skriv ut värdena i stället för att använda alias"),
        ("manga", "YAML-blocket är för stort: lots läser högst 250 000 värden i ett block; dela upp det, eller flytta ut långa listor ur det"),
        ("djup", "YAML-blocket är för djupt kapslat: lots läser högst 32 nivåer av listor och fält i varandra; skriv det plattare"),
    ];
    for (name, message) in said {
        let line = error_line(&run, &site.shown(&format!("content/guider/{name}.md")));
        assert!(line.ends_with(message), "{name}: `{line}`");
        assert!(!line.contains("budget") && !line.contains("{"), "{line}");
    }
}

/// A JPEG of a gradient, as a camera would save it.
fn jpeg() -> Vec<u8> {
    use image::{DynamicImage, ImageFormat, RgbImage};
    let image = DynamicImage::ImageRgb8(RgbImage::from_fn(400, 300, |x, y| {
        image::Rgb([(x % 251) as u8, (y % 241) as u8, 90])
    }));
    let mut bytes = std::io::Cursor::new(Vec::new());
    image
        .write_to(&mut bytes, ImageFormat::Jpeg)
        .expect("encode");
    bytes.into_inner()
}

#[test]
fn broken_images_are_told_as_what_happened_to_the_file() {
    let site = fixture("basic");
    let whole = jpeg();
    site.write("content/bilder/avklippt.jpg", &whole[..whole.len() / 2]);
    let mut garbage = common::png(40, 30);
    let middle = garbage.len() / 2;
    garbage[40..middle].fill(0x55);
    site.write("content/bilder/skadad.png", &garbage);
    site.write(
        "content/bilder/index.md",
        "---\ntitle: \"Bilder\"\n---\n\n![Avklippt](avklippt.jpg)\n\n![Skadad](skadad.png)\n",
    );
    let run = site.build(&[]);
    run.assert_content_error();
    let page = site.shown("content/bilder/index.md");
    run.assert_error_at(
        &page,
        5,
        1,
        "bilden content/bilder/avklippt.jpg kan inte användas: JPEG-filen är avklippt (ofullständig) eller skadad, som efter en avbruten nedladdning eller kopiering; spara eller kopiera den igen från originalet",
        "![Avklippt](avklippt.jpg)",
    );
    run.assert_error_at(
        &page,
        7,
        1,
        "bilden content/bilder/skadad.png kan inte användas: PNG-filen är skadad: innehållet följer inte formatet PNG; spara den igen från originalet",
        "![Skadad](skadad.png)",
    );
    assert!(
        !run.stderr.contains("Format error") && !run.stderr.contains("I/O error"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_page_that_is_not_utf8_is_told_in_the_sites_language() {
    let site = fixture("basic");
    site.write(
        "content/guider/latin1.md",
        b"---\ntitle: \"R\xe4ksm\xf6rg\xe5s\"\n---\n".as_slice(),
    );
    let run = site.build(&[]);
    run.assert_content_error();
    let line = error_line(&run, &site.shown("content/guider/latin1.md"));
    assert_eq!(
        line,
        format!(
            "{}:2:10: filen är inte sparad som UTF-8; spara den som UTF-8 i din textredigerare",
            site.shown("content/guider/latin1.md")
        )
    );
}

#[cfg(unix)]
#[test]
fn an_unreadable_folder_fails_the_build_instead_of_losing_its_pages() {
    use std::os::unix::fs::PermissionsExt;
    let site = fixture("basic");
    let news = site.path("content/nyheter");
    let mode = |bits| std::fs::set_permissions(&news, std::fs::Permissions::from_mode(bits));
    mode(0o000).expect("chmod 000");
    if std::fs::read_dir(&news).is_ok() {
        mode(0o755).expect("chmod back");
        eprintln!("skipped: this user (root?) reads a folder without permissions, so it cannot be made unreadable");
        return;
    }
    let run = site.build(&[]);
    mode(0o755).expect("chmod back");
    run.assert_content_error();
    assert_eq!(
        error_line(&run, &site.shown("content/nyheter")),
        format!(
            "{}: den går inte att läsa, så inget i den publiceras: åtkomst nekad: ditt konto får \
             inte öppna den; kontrollera rättigheter och ägare (ls -l)",
            site.shown("content/nyheter")
        )
    );
}

#[test]
fn yaml_the_parser_refuses_is_told_in_the_sites_language() {
    let site = fixture("basic");
    let cases = [
        ("dubbel", "title: \"B\"\n", 3, 1, "`title` står två gånger; behåll en av dem (YAML tillåter varje fält en gång)", "title: \"B\""),
        ("alias", "extra:\n  x: *saknas\n", 4, 6, "`*saknas` hänvisar till ett ankare `&saknas` som inte finns ovanför; skriv ankaret först, eller skriv ut värdet", "  x: *saknas"),
        ("tal", "weight: 99999999999999999999999\n", 3, 9, "talet är för stort eller för litet för att sparas; skriv ett mindre tal, eller sätt det inom citattecken om det är text", "weight: 99999999999999999999999"),
        ("kod", "description: \"trasig \\uD800 kod\"\n", 3, 14, "texten inom citattecken har en trasig kod efter ett omvänt snedstreck (som `\\uD800`); skriv tecknet självt, eller `\\\\` för ett omvänt snedstreck, eller använd enkla citattecken", "description: \"trasig \\uD800 kod\""),
        ("merge", "extra:\n  <<: [1, 2]\n", 4, 8, "`<<:` slår ihop fält med de här: det behöver fält, eller ett alias för fält (`<<: *namn`), inte en lista med värden", "  <<: [1, 2]"),
    ];
    for (name, yaml, ..) in &cases {
        page_with(&site, name, yaml);
    }
    let run = site.build(&[]);
    run.assert_content_error();
    for (name, _, line, column, message, source) in cases {
        let path = site.shown(&format!("content/guider/{name}.md"));
        run.assert_error_at(&path, line, column, message, source);
    }
}

#[test]
fn an_output_folder_lots_did_not_make_is_refused_in_the_sites_language() {
    let site = fixture("basic");
    let foreign = site.beside("dokument");
    std::fs::create_dir_all(&foreign).expect("create the folder");
    std::fs::write(foreign.join("rapport.txt"), "spara mig").expect("write");
    let run = site.build(&["--output", foreign.to_str().expect("UTF-8 path")]);
    run.assert_content_error();
    let expected = format!(
        "Bygget misslyckades: {} finns redan och är inte skapad av lots, så den ersätts inte. Ta bort \
         den eller välj en annan --output",
        foreign.display()
    );
    assert!(run.stderr.contains(&expected), "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(foreign.join("rapport.txt")).expect("read"),
        "spara mig"
    );
}
