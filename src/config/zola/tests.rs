use super::*;

fn convert_ok(text: &str) -> Converted {
    convert(Path::new("config.toml"), text, "mapp").expect("converts")
}

#[test]
fn the_settings_lots_has_are_written_as_config_yaml() {
    let converted = convert_ok(
        "base_url = \"https://example.org/kb\"\ntitle = \"Kb\"\ndefault_language = \"sv\"\n\n[[taxonomies]]\nname = \"tags\"\npaginate_by = 5\nfeed = true\n\n[link_checker]\nskip_prefixes = [\"http://intern\"]\n\n[extra]\nwhen = 2024-01-31\nmenu = [{name = \"a\", url = \"/\"}]\n",
    );
    assert_eq!(
        converted.yaml,
        "title: \"Kb\"\nbase_url: \"https://example.org/kb\"\nlanguage: \"sv\"\ntaxonomies:\n  - name: \"tags\"\n    paginate_by: 5\ncheck:\n  skip_external: [\"http://intern\"]\nextra:\n  menu:\n    - name: \"a\"\n      url: \"/\"\n  when: \"2024-01-31\"\n"
    );
    let texts: Vec<String> = converted
        .warnings
        .iter()
        .map(|w| format!("{}:{}: {}", w.line, w.column, w.message))
        .collect();
    assert_eq!(texts, ["8:1: `taxonomies.feed` is a Zola setting lots does not use: lots makes no Atom or RSS feeds"]);
}

#[test]
fn values_lots_matches_anyway_are_quiet_and_others_warn() {
    let converted = convert_ok(
        "base_url = \"https://e.org\"\ntitle = \"T\"\ncompile_sass = false\nminify_html = true\nignored_content = []\nfoo = 1\n[markdown]\nsmart_punctuation = true\ninsert_anchor_links = \"left\"\n",
    );
    let keys: Vec<_> = converted
        .warnings
        .iter()
        .map(|w| (w.line, w.code))
        .collect();
    assert_eq!(
        keys,
        [
            (4, "zola.ignored"),
            (6, "zola.unknown"),
            (9, "zola.ignored")
        ]
    );
}

#[test]
fn wrong_types_are_errors_at_the_value() {
    let errors = convert(Path::new("config.toml"), "base_url = 3\ntitle = \"T\"\ntaxonomies = [{paginate_by = 0, name = \"x\"}, {render = false}]\n", "m").unwrap_err();
    let found: Vec<_> = errors
        .iter()
        .map(|e| (e.line, e.column, e.message.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (1, 12, "`base_url` must be text, not a whole number"),
            (
                3,
                30,
                "`taxonomies.paginate_by` must be a whole number above 0, not a whole number"
            ),
            (
                3,
                46,
                "each taxonomy needs a `name`, as in `{name = \"tags\"}`"
            ),
        ]
    );
}

#[test]
fn a_syntax_error_is_at_its_place() {
    let errors = convert(
        Path::new("config.toml"),
        "title = \"T\"\nbase_url = \"https://e.org\n",
        "m",
    )
    .unwrap_err();
    assert_eq!((errors[0].line, errors[0].code), (2, "zola.syntax"));
}

#[test]
fn a_missing_title_is_the_folder_name_and_english_is_zolas_language() {
    let converted = convert_ok("base_url = \"https://e.org\"\n");
    assert_eq!(
        converted.yaml,
        "title: \"mapp\"\nbase_url: \"https://e.org\"\nlanguage: \"en\"\n"
    );
    assert_eq!(converted.warnings[0].code, "zola.no_title");
}

#[test]
fn a_problem_in_the_yaml_is_moved_to_its_place_in_config_toml() {
    let toml = "title = \"T\"\nbase_url = \"/\"\n";
    let converted = convert_ok(toml);
    let at_yaml = |line| Diagnostic::at(Path::new("config.toml"), &converted.yaml, line, 3, "x");
    let moved = converted.remap(at_yaml(2), toml);
    assert_eq!((moved.line, moved.column), (2, 1));
    assert_eq!(moved.source_line.as_deref(), Some("base_url = \"/\""));
    // The language line was written by Lots (Zola's default): about the file, no line shown.
    let moved = converted.remap(at_yaml(3), toml);
    assert_eq!((moved.line, moved.source_line), (0, None));
}
