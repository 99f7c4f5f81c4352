//! A site moving from Zola with only its `config.toml`: the settings Lots has take effect,
//! every other Zola setting is a warning at its `config.toml:line:col`, errors in the TOML
//! are reported where they are, and a `config.yaml` beside it wins.

mod common;

use common::fixture;

/// The Zola fixture without the Zola templates (which `lots init --from-zola` leaves behind,
/// and which would replace the theme's pages here).
fn zola_site() -> common::Site {
    let site = fixture("zola_site");
    site.remove("templates/index.html");
    site.remove("templates/partials/nav.html");
    site
}

#[test]
fn the_settings_of_config_toml_take_effect() {
    let site = zola_site();
    let run = site.build_ok(&[]);
    let front = run.read("index.html");
    assert!(front.contains("<title>Kunskapsbank från Zola"), "{front}");
    assert!(front.contains("<html lang=\"sv\">"), "{front}");
    // `[extra]`: the theme's quick link, from `extra.quick_link`.
    assert!(front.contains("Orolig? Så gör du"), "{front}");
    assert!(front.contains("href=\"rutiner/oro/index.html\""), "{front}");
    let sitemap = run.read("sitemap.xml");
    assert!(
        sitemap.contains("https://intranat.example.se/zola/rutiner/oro/"),
        "{sitemap}"
    );
    // `taxonomies`: three pages tagged `rutin`, two to a page.
    run.assert_file("tags/rutin/index.html");
    run.assert_file("tags/rutin/page/2/index.html");
    run.assert_no_file("tags/rutin/page/3/index.html");
}

#[test]
fn each_zola_setting_lots_does_not_use_is_a_warning_at_its_place() {
    let site = zola_site();
    let run = site.build_ok(&[]);
    let config = site.shown("config.toml");
    let warnings: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("warning: "))
        .collect();
    let zola = "är en inställning i Zola som lots inte använder";
    let expected = [
        format!("warning: {config}:6:1: `compile_sass` {zola}: lots kompilerar inte Sass; lägg färdiga CSS-filer i static/"),
        format!("warning: {config}:9:1: `generate_feeds` {zola}: lots gör inga Atom- eller RSS-flöden"),
        format!("warning: {config}:13:38: `taxonomies.feed` {zola}: lots gör inga Atom- eller RSS-flöden"),
        format!("warning: {config}:18:1: `markdown.insert_anchor_links` {zola}: lots ger varje rubrik ett id att länka till men lägger ingen ankarlänk bredvid den"),
        format!("warning: {config}:20:11: `markdown.highlighting` {zola}: lots färgar kodblock själv, med sitt temas färger"),
        format!("warning: {config}:25:1: `link_checker.internal_level` {zola}: lots vägrar alltid bygga med en trasig intern länk"),
        format!("warning: {config}:29:1: `search.index_format` {zola}: lots skriver sitt eget sökindex som JavaScript-filer som också laddas från file://"),
    ];
    assert_eq!(warnings, expected, "stderr:\n{}", run.stderr);
    // Each is shown with its line.
    assert!(
        run.stderr.contains(" 6 | compile_sass = true\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_setting_that_is_not_zolas_is_named_as_such() {
    let site = fixture("minimal");
    site.remove("config.yaml");
    site.write(
        "config.toml",
        "base_url = \"https://example.org\"\ntitle = \"T\"\nmy_setting = 1\n",
    );
    let run = site.build_ok(&[]);
    let config = site.shown("config.toml");
    assert!(
        run.stderr.contains(&format!("warning: {config}:3:1: `my_setting` is not a setting of Zola or of lots, so it is not read; put your own data under `[extra]`")),
        "{}",
        run.stderr
    );
}

#[test]
fn errors_in_config_toml_are_at_their_place() {
    let site = fixture("minimal");
    site.remove("config.yaml");
    let config = site.shown("config.toml");

    site.write(
        "config.toml",
        "title = \"T\"\nbase_url = \"https://example.org\nx = 1\n",
    );
    let run = site.build(&[]);
    run.assert_content_error();
    run.assert_error_at(
        &config,
        2,
        32,
        "this is not valid TOML",
        "base_url = \"https://example.org",
    );

    site.write(
        "config.toml",
        "base_url = \"https://example.org\"\ntitle = 5\ntaxonomies = [{name = \"tags\", paginate_by = \"två\"}]\n",
    );
    let run = site.build(&[]);
    run.assert_content_error();
    run.assert_error_at(
        &config,
        2,
        9,
        "`title` must be text, not a whole number",
        "title = 5",
    );
    run.assert_error_at(
        &config,
        3,
        45,
        "`taxonomies.paginate_by` must be a whole number above 0, not text",
        "taxonomies = [{name = \"tags\", paginate_by = \"två\"}]",
    );
    assert!(
        run.stderr.contains("Build failed: 2 errors."),
        "{}",
        run.stderr
    );

    // A value Zola takes but Lots cannot use is refused where it is written in config.toml.
    site.write("config.toml", "title = \"T\"\nbase_url = \"/\"\n");
    let run = site.build(&[]);
    run.assert_content_error();
    run.assert_error_at(
        &config,
        2,
        1,
        "`base_url` must be an absolute http(s) URL",
        "base_url = \"/\"",
    );
}

#[test]
fn config_yaml_wins_over_config_toml_with_a_warning() {
    let site = fixture("minimal");
    site.write(
        "config.toml",
        "base_url = \"https://example.org/zola\"\ntitle = \"Från Zola\"\n",
    );
    let run = site.build_ok(&[]);
    assert!(run.read("index.html").contains("<title>Minimal"));
    let config = site.shown("config.toml");
    assert!(
        run.stderr.contains(&format!("warning: {config}: både config.yaml och config.toml finns här: lots läser config.yaml och lämnar config.toml oläst")),
        "{}",
        run.stderr
    );
}

/// Zola 0.22 reads `zola.toml`, and `config.toml` only without one: Lots reads the same file,
/// and names it in what it says.
#[test]
fn zola_toml_is_read_before_config_toml() {
    let site = zola_site();
    let toml = std::fs::read_to_string(site.path("config.toml")).expect("config.toml");
    site.write(
        "zola.toml",
        toml.replace("Kunskapsbank från Zola", "Kunskapsbank i zola.toml"),
    );
    let run = site.build_ok(&[]);
    let front = run.read("index.html");
    assert!(front.contains("<title>Kunskapsbank i zola.toml"), "{front}");
    let zola = site.shown("zola.toml");
    assert!(
        run.stderr
            .contains(&format!("warning: {zola}:6:1: `compile_sass`")),
        "warnings point into the file read:\n{}",
        run.stderr
    );

    site.remove("config.toml");
    let untitled: Vec<&str> = toml
        .lines()
        .filter(|line| !line.starts_with("title = "))
        .collect();
    site.write("zola.toml", untitled.join("\n"));
    let run = site.build_ok(&[]);
    assert!(
        run.stderr
            .contains(&format!("warning: {zola}: zola.toml saknar `title`")),
        "{}",
        run.stderr
    );
    site.write(
        "config.yaml",
        "title: Egen\nbase_url: https://example.org\ntaxonomies:\n  - name: tags\n",
    );
    let run = site.build_ok(&[]);
    assert!(run.read("index.html").contains("<title>Egen"));
    assert!(
        run.stderr.contains(&format!("warning: {zola}: både config.yaml och zola.toml finns här: lots läser config.yaml och lämnar zola.toml oläst")),
        "{}",
        run.stderr
    );
}

#[test]
fn serve_reads_config_toml_and_follows_its_edits() {
    use common::serve::{start, wait_for};
    let site = zola_site();
    let server = start(&site);
    wait_for(
        &server,
        "/",
        "the title from config.toml",
        |status, body| status == 200 && body.contains("<title>Kunskapsbank från Zola"),
    );
    assert!(
        server.stderr().contains("`compile_sass`"),
        "{}",
        server.stderr()
    );
    let config = std::fs::read_to_string(site.path("config.toml")).expect("config.toml");
    site.write(
        "config.toml",
        config.replace("\"Kunskapsbank från Zola\"", "\"Ny titel\""),
    );
    wait_for(&server, "/", "the edited title", |status, body| {
        status == 200 && body.contains("<title>Ny titel")
    });
}
