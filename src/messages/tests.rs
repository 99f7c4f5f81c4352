use super::*;

/// Literals that look like codes but are not texts: codes that name a kind of problem but
/// have no text of their own, Zola's file name and settings of the `markdown` group.
const NOT_TEXTS: [&str; 8] = [
    "schema.invalid",
    "front_matter.invalid",
    "output.collision",
    "zola.toml",
    "image.warning",
    "markdown.warning",
    "markdown.output_dir",
    "markdown.smart_punctuation",
];

/// Every string literal in the non-test Rust sources that looks like a catalogue code
/// (`"schema.enum"`, `"kind.list"`), so that a code without a text in either language fails
/// here, not in front of a coordinator.
fn codes_used_in_sources() -> Vec<String> {
    let prefixes = [
        "schema.",
        "yaml.",
        "front_matter.",
        "kind.",
        "expect.",
        "dash.",
        "link.",
        "file.",
        "output.",
        "io.",
        "zola.",
        "init.",
        "shortcode.",
        "build.",
        "image.",
        "markdown.",
        "svg.",
        "bundle.",
        "check.",
        "serve.",
    ];
    let mut found = Vec::new();
    let mut stack = vec![std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/src"
    ))];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            if path.is_dir() {
                stack.push(path);
            } else if name.ends_with(".rs") && !name.ends_with("tests.rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                for literal in text.split('"').skip(1).step_by(2) {
                    let is_code = prefixes.iter().any(|p| literal.starts_with(p))
                        && literal
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || "._/".contains(c));
                    if is_code && !NOT_TEXTS.contains(&literal) {
                        found.push(literal.to_string());
                    }
                }
            }
        }
    }
    found.sort();
    found.dedup();
    found
}

#[test]
fn both_languages_have_the_same_codes() {
    let en = catalogue(Lang::En);
    let sv = catalogue(Lang::Sv);
    let mut only_en: Vec<_> = en.keys().filter(|k| !sv.contains_key(*k)).collect();
    let mut only_sv: Vec<_> = sv.keys().filter(|k| !en.contains_key(*k)).collect();
    only_en.sort();
    only_sv.sort();
    assert!(only_en.is_empty(), "missing in sv.ftl: {only_en:?}");
    assert!(only_sv.is_empty(), "missing in en.ftl: {only_sv:?}");
}

#[test]
fn every_code_the_sources_use_has_a_text_in_both_languages() {
    let used = codes_used_in_sources();
    assert!(used.len() > 20, "the scan found too few codes: {used:?}");
    for code in used {
        for lang in [Lang::En, Lang::Sv] {
            assert!(
                catalogue(lang).contains_key(code.as_str()),
                "{code} has no text in {lang:?}"
            );
        }
    }
}

#[test]
fn both_languages_use_the_same_arguments() {
    let names = |text: &str| {
        let mut names: Vec<String> = text
            .split('{')
            .skip(1)
            .filter_map(|part| part.split_once('}').map(|(n, _)| n.to_string()))
            .collect();
        names.sort();
        names.dedup();
        names
    };
    for (code, text) in catalogue(Lang::En) {
        let sv = catalogue(Lang::Sv).get(code).copied().unwrap_or_default();
        assert_eq!(names(text), names(sv), "{code}");
    }
}

#[test]
fn arguments_and_words_are_filled_in_in_the_language() {
    let args = vec![("field", "antal".to_string()), ("kind", word("kind.list"))];
    assert_eq!(
        text(Lang::Sv, "schema.number", &args).unwrap(),
        "`antal` ska vara ett tal, inte en lista"
    );
    assert_eq!(
        text(Lang::En, "schema.number", &args).unwrap(),
        "`antal` must be a number, not a list"
    );
}

#[test]
fn the_site_language_chooses_the_catalogue() {
    assert_eq!(Lang::of("sv"), Lang::Sv);
    assert_eq!(Lang::of("sv-SE"), Lang::Sv);
    assert_eq!(Lang::of("en"), Lang::En);
    assert_eq!(Lang::of("fi"), Lang::En);
}

#[test]
fn a_reason_is_told_in_the_language_of_the_message_that_gives_it() {
    let cut_off = Reason::new("image.why.cut_off", crate::args!("format" => "JPEG"));
    let mut args = because("why", &cut_off);
    args.push(("image", "content/bild.jpg".to_string()));
    assert_eq!(
        text(Lang::Sv, "image.invalid", &args).unwrap(),
        "bilden content/bild.jpg kan inte användas: JPEG-filen är avklippt (ofullständig), som \
         efter en avbruten nedladdning eller kopiering; spara eller kopiera den igen från originalet"
    );
    assert!(english("image.invalid", &args)
        .starts_with("cannot use the image content/bild.jpg: the JPEG file is cut off"));
    // A reason that holds a word of its own (the system's reason for a failed read).
    let gone = std::io::Error::from(std::io::ErrorKind::NotFound);
    let unreadable = Reason::new(
        "image.why.unreadable",
        crate::args!("reason" => io::reason(&gone)),
    );
    let said = text(Lang::Sv, "image.invalid/file", &because("why", &unreadable)).unwrap();
    assert_eq!(
        said,
        "den går inte att läsa: den finns inte (den kan ha flyttats eller tagits bort under tiden)"
    );
}

#[test]
fn a_text_that_names_itself_stops_instead_of_looping() {
    let args = vec![("why", word("image.invalid/file"))];
    let said = text(Lang::En, "image.invalid/file", &args).unwrap();
    assert!(said.len() < 100, "{said}");
}
