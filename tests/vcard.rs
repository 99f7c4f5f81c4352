//! vCards keep every value on its own line: a line break of any kind a vCard reader honours
//! (CR, LF, CRLF, VT, FF, NEL, U+2028, U+2029) or another control character in a
//! coordinator's name, role, office, e-mail or the verification date cannot add a property,
//! whether the template escapes the value itself or forgets to.

mod common;

use common::{fixture, Site};

/// Each character that can end a line for some vCard reader, or is a control character.
const BREAKS: [(&str, &str); 9] = [
    ("cr", "\\r"),
    ("lf", "\\n"),
    ("crlf", "\\r\\n"),
    ("vt", "\\v"),
    ("ff", "\\f"),
    ("nel", "\\N"),
    ("ls", "\\L"),
    ("ps", "\\P"),
    ("esc", "\\e"),
];

/// A coordinator whose text fields each try to inject a TEL line with `brk` (a YAML escape).
fn injecting_coordinator(site: &Site, name: &str, brk: &str) {
    site.write(
        &format!("content/samordnare/{name}.md"),
        format!(
            "---\n\
             title: \"Falsk{brk}TEL:+46 70 666 66 01\"\n\
             roll: \"Samordnare{brk}TEL:+46 70 666 66 66\"\n\
             forvaltning: \"Kontoret{brk}EMAIL:ond@example.org\"\n\
             forvaltningstyp: facknamnd\n\
             telefon: \"08-508 000 01\"\n\
             epost: \"vbe.{name}@example.stockholm.se\"\n\
             verifierad: 2021-03-01\n\
             ---\n\nText.\n"
        ),
    );
}

/// The property lines of a vCard, checked to be well formed: CRLF after each, no other
/// line break or control character anywhere.
fn properties(vcard: &str) -> Vec<(String, String)> {
    assert!(vcard.ends_with("\r\n"), "{vcard:?}");
    vcard
        .strip_suffix("\r\n")
        .unwrap()
        .split("\r\n")
        .map(|line| {
            assert!(
                !line
                    .chars()
                    .any(|c| c.is_control() || matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}')),
                "a control character or line break inside {line:?} of\n{vcard:?}"
            );
            let (name, value) = line
                .split_once(':')
                .unwrap_or_else(|| panic!("no `:` in {line:?} of\n{vcard:?}"));
            (name.to_string(), value.to_string())
        })
        .collect()
}

fn names(props: &[(String, String)]) -> Vec<&str> {
    props.iter().map(|(n, _)| n.as_str()).collect()
}

const EXPECTED: [&str; 10] = [
    "BEGIN",
    "VERSION",
    "FN",
    "ORG",
    "TITLE",
    "TEL;TYPE=work,voice",
    "EMAIL;TYPE=work",
    "URL",
    "NOTE",
    "END",
];

fn value<'a>(props: &'a [(String, String)], name: &str) -> &'a str {
    &props.iter().find(|(n, _)| n == name).unwrap().1
}

#[test]
fn no_line_break_in_a_value_adds_a_vcard_property() {
    let site = fixture("collections");
    for (name, brk) in BREAKS {
        injecting_coordinator(&site, name, brk);
    }
    let run = site.build_ok(&[]);
    for (name, _) in BREAKS {
        let vcard = run.read(&format!("samordnare/{name}/kontakt.vcf"));
        let props = properties(&vcard);
        assert_eq!(names(&props), EXPECTED, "{name}: {vcard:?}");
        assert_eq!(value(&props, "TEL;TYPE=work,voice"), "08-508 000 01");
        let (title, org) = (value(&props, "TITLE"), value(&props, "ORG"));
        if name == "esc" {
            assert_eq!(title, "SamordnareTEL:+46 70 666 66 66");
            assert_eq!(org, "Stockholms stad;KontoretEMAIL:ond@example.org");
        } else {
            assert_eq!(title, "Samordnare\\nTEL:+46 70 666 66 66", "{name}");
            assert_eq!(value(&props, "FN"), "Falsk\\nTEL:+46 70 666 66 01");
            assert_eq!(org, "Stockholms stad;Kontoret\\nEMAIL:ond@example.org");
        }
    }
}

#[test]
fn a_vcf_template_that_forgets_the_filter_is_escaped_all_the_same() {
    let site = fixture("collections");
    injecting_coordinator(&site, "cr", "\\r");
    injecting_coordinator(&site, "ls", "\\L");
    // A site's own vCard template, with no filter on any value.
    site.write(
        "templates/collections/vcard.vcf",
        "{%- set nl = strings.crlf -%}\n\
         BEGIN:VCARD{{ nl | safe -}}\n\
         VERSION:4.0{{ nl | safe -}}\n\
         FN:{{ page.title }}{{ nl | safe -}}\n\
         TITLE:{{ page.fields.roll }}{{ nl | safe -}}\n\
         NOTE:{{ page.fields.forvaltning }}{{ nl | safe -}}\n\
         END:VCARD{{ nl | safe -}}\n",
    );
    let run = site.build_ok(&[]);
    for name in ["cr", "ls"] {
        let vcard = run.read(&format!("samordnare/{name}/kontakt.vcf"));
        let props = properties(&vcard);
        assert_eq!(
            names(&props),
            ["BEGIN", "VERSION", "FN", "TITLE", "NOTE", "END"],
            "{vcard:?}"
        );
        assert_eq!(value(&props, "TITLE"), "Samordnare\\nTEL:+46 70 666 66 66");
    }
    // Commas are escaped without the filter too.
    let alvsjo = run.read("samordnare/alvsjo/kontakt.vcf");
    assert!(
        alvsjo.contains("TITLE:Lokal samordnare\\, Älvsjö\r\n"),
        "{alvsjo:?}"
    );
}
