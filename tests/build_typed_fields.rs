//! Front-matter values are read by the type of their field, not by YAML's guess: a phone
//! number, a code or a diary number written without quotes is published exactly as written,
//! on the page, in the vCard and in the search index.

mod common;

use common::{fixture, Run, Site};

/// The text of every search index file.
fn search_index(run: &Run) -> String {
    let mut text = String::new();
    for dir in ["v", "p", "d"] {
        let folder = run.out.join("search").join(dir);
        for entry in std::fs::read_dir(&folder).expect("search folder") {
            text.push_str(&std::fs::read_to_string(entry.expect("entry").path()).expect("text"));
        }
    }
    text
}

fn read(site: &Site, relative: &str) -> String {
    std::fs::read_to_string(site.path(relative)).expect("fixture file")
}

/// The `collections` fixture with unquoted values that YAML reads as numbers or booleans.
fn site_with_unquoted_values() -> Site {
    let site = fixture("collections");
    let coordinator = |name: &str, phone: &str| {
        format!(
            "---\ntitle: \"Samordnare i {name}\"\nroll: Lokal samordnare\nforvaltning: \"{name} stadsdelsförvaltning\"\nforvaltningstyp: stadsdelsforvaltning\ntelefon: {phone}\nepost: vbe.{name}@example.stockholm.se\nverifierad: 2021-02-15\n---\n\nKontakt.\n"
        )
    };
    site.write(
        "content/samordnare/farsta.md",
        coordinator("Farsta", "0812345630"),
    );
    site.write(
        "content/samordnare/skarholmen.md",
        coordinator("Skarholmen", "+46812345630"),
    );
    let symbol = read(&site, "content/symboler/kod-88/index.md");
    site.write(
        "content/symboler/kod-88/index.md",
        symbol.replace("koder: [\"88\", \"HH\"]", "koder: [88, 1488, 0088]"),
    );
    site.write(
        "content/om-koder.md",
        "---\ntitle: \"Om sifferkoder\"\nextra:\n  koder: [14, 0014]\n---\n\nText.\n",
    );
    site.write(
        "content/dokument/remissvar.md",
        "---\ntitle: \"Remissvar\"\nutgivare: no\ndokumenttyp: remissvar\ndiarienummer: 0123\npublicerad: 2020-01-01\n---\n\nText.\n",
    );
    site
}

#[test]
fn unquoted_phone_numbers_keep_their_leading_zero_and_plus() {
    let site = site_with_unquoted_values();
    let run = site.build_ok(&[]);
    for (page, number) in [("farsta", "0812345630"), ("skarholmen", "+46812345630")] {
        let html = format!("samordnare/{page}/index.html");
        run.assert_contains(&html, &format!(r#"<a href="tel:{number}">{number}</a>"#));
        let vcard = run.read(&format!("samordnare/{page}/kontakt.vcf"));
        assert!(
            vcard.contains(&format!("TEL;TYPE=work,voice:{number}\r\n")),
            "vCard:\n{vcard:?}"
        );
    }
    run.assert_contains(
        "samordnare/index.html",
        r#"<a href="tel:+46812345630">+46812345630</a>"#,
    );
}

#[test]
fn unquoted_codes_are_searchable_as_written() {
    let site = site_with_unquoted_values();
    let run = site.build_ok(&[]);
    let index = search_index(&run);
    for term in ["\"88\":", "\"1488\":", "\"0088\":", "\"14\":", "\"0014\":"] {
        assert!(index.contains(term), "no term {term} in the search index");
    }
    for wrong in ["\"88.0\"", "\"14.0\""] {
        assert!(!index.contains(wrong), "{wrong} in the search index");
    }
}

#[test]
fn unquoted_text_fields_keep_no_and_leading_zeros() {
    let site = site_with_unquoted_values();
    let run = site.build_ok(&[]);
    let page = "dokument/remissvar/index.html";
    let html = run.read(page);
    assert!(html.contains("<dd>no</dd>"), "utgivare `no`:\n{html}");
    assert!(
        html.contains("<dd>0123</dd>"),
        "diarienummer `0123`:\n{html}"
    );
}

#[test]
fn a_phone_number_with_letters_or_a_second_plus_is_refused_at_its_position() {
    let site = fixture("collections");
    for (page, written) in [("alvsjo", "08-508 ABC"), ("central", "+46+8 508 000 00")] {
        let path = format!("content/samordnare/{page}.md");
        let text = read(&site, &path);
        let start = text.find("telefon: ").expect("a phone line");
        let end = start + text[start..].find('\n').expect("end of line");
        site.write(
            &path,
            format!("{}telefon: {written}{}", &text[..start], &text[end..]),
        );
    }
    let run = site.build(&[]);
    run.assert_content_error();
    for (page, written) in [("alvsjo", "08-508 ABC"), ("central", "+46+8 508 000 00")] {
        run.assert_error_at(
            &site.shown(&format!("content/samordnare/{page}.md")),
            6,
            10,
            &format!("`telefon: {written}` är inte ett telefonnummer"),
            &format!("telefon: {written}"),
        );
    }
}
