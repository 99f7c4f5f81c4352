//! `lots init` and `lots init --from-zola`, run as a user would: the new site builds and
//! serves at once, a folder that holds a site is refused with nothing written, and a Zola
//! site's content is carried over with a report of what was not.

mod common;

use std::path::Path;

use common::serve::{get, start, wait_for};
use common::{empty, fixture, list_files, run_lots, Run};

fn lots(cwd: &Path, args: &[&str]) -> Run {
    let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    run_lots(&args, cwd, cwd.join("public"))
}

/// `lots init DIR` from the folder above it.
fn init(site: &common::Site, extra: &[&str]) -> Run {
    let parent = site.root.parent().expect("a parent");
    let mut args = vec!["init"];
    args.extend(extra);
    args.push("site");
    lots(parent, &args)
}

#[test]
fn a_new_site_builds_at_once() {
    let site = empty();
    let run = init(&site, &[]);
    run.assert_success();
    assert_eq!(
        run.stdout,
        "En ny webbplats finns nu i site: config.yaml, content/_index.md och content/vagledningar/ med en sida\n\
         Se den med `lots serve --root site`, eller bygg den med `lots build --root site`\n"
    );
    assert_eq!(
        list_files(&site.root),
        [
            "config.yaml",
            "content/_index.md",
            "content/vagledningar/_index.md",
            "content/vagledningar/kom-igang.md"
        ]
    );
    let config = std::fs::read_to_string(site.path("config.yaml")).expect("config.yaml");
    assert!(config.contains("\ntitle: \"site\"\n"), "{config}");
    assert!(config.contains("\nlanguage: sv\n"), "{config}");
    assert!(
        config.contains("\n# Adressen där webbplatsen ska publiceras."),
        "{config}"
    );
    let built = site.build_ok(&[]);
    assert!(built.stderr.is_empty(), "no warnings: {}", built.stderr);
    assert!(built.read("index.html").contains("Välkommen!"));
    let page = built.read("vagledningar/kom-igang/index.html");
    assert!(page.contains("Kom igång</h1>"), "{page}");
    // The front page's link to the first page was resolved.
    assert!(built
        .read("index.html")
        .contains("href=\"vagledningar/kom-igang/index.html\""));
}

#[test]
fn a_new_site_serves_at_once() {
    let site = empty();
    init(&site, &[]).assert_success();
    let server = start(&site);
    wait_for(&server, "/", "the front page", |status, body| {
        status == 200 && body.contains("Välkommen!")
    });
    let (status, body) = get(&server, "/vagledningar/kom-igang/");
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("Kom igång"));
}

#[test]
fn init_without_a_folder_makes_the_site_in_the_current_one() {
    let site = empty();
    std::fs::create_dir_all(&site.root).expect("folder");
    site.write("README.md", "Våra anteckningar.\n");
    let run = lots(&site.root, &["init"]);
    run.assert_success();
    assert!(
        run.stdout
            .contains("`lots serve`, eller bygg den med `lots build`"),
        "{}",
        run.stdout
    );
    assert_eq!(
        std::fs::read_to_string(site.path("README.md")).expect("kept"),
        "Våra anteckningar.\n"
    );
    site.build_ok(&[]);
}

#[test]
fn a_folder_that_holds_a_site_is_refused_and_left_as_it_was() {
    let site = fixture("minimal");
    let before = common::snapshot(&site.root);
    let run = init(&site, &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "site innehåller redan en webbplats (config.yaml, content); lots init startar bara en webbplats i en tom mapp och ersätter aldrig en fil: välj en annan mapp\n"
    );
    assert_eq!(common::snapshot(&site.root), before);

    // Only content/ is enough to refuse: its pages are someone's work.
    let site = empty();
    site.write("content/sida.md", "---\ntitle: Sida\n---\n");
    let run = init(&site, &[]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("(content)"), "{}", run.stderr);
    assert!(!site.path("config.yaml").exists());
}

/// The Zola fixture copied beside an empty folder for the new site.
fn zola_and_new() -> (common::Site, std::path::PathBuf) {
    let zola = fixture("zola_site");
    let new = zola.beside("ny");
    (zola, new)
}

#[test]
fn a_zola_site_is_carried_over_and_builds() {
    let (zola, new) = zola_and_new();
    let parent = zola.root.parent().expect("parent");
    let run = lots(parent, &["init", "--from-zola", "site", "ny"]);
    run.assert_success();
    assert_eq!(
        list_files(&new),
        [
            "config.yaml",
            "content/_index.md",
            "content/rutiner/_index.md",
            "content/rutiner/fritid.md",
            "content/rutiner/oro.md",
            "content/rutiner/skola.md",
            "static/robots.txt",
            "templates/shortcodes/fet.html",
        ]
    );
    // Pages are copied byte for byte (their front matter is not rewritten).
    assert_eq!(
        std::fs::read(new.join("content/rutiner/oro.md")).expect("copied"),
        std::fs::read(zola.path("content/rutiner/oro.md")).expect("source")
    );
    let config = std::fs::read_to_string(new.join("config.yaml")).expect("config.yaml");
    assert_eq!(
        config,
        "# Skriven av `lots init --from-zola` från site/config.toml; vad lots gör med varje inställning i Zola står i README för lots, \"Coming from Zola\".\n\
         title: \"Kunskapsbank från Zola\"\n\
         base_url: \"https://intranat.example.se/zola\"\n\
         description: \"En webbplats som flyttar från Zola.\"\n\
         language: \"sv\"\n\
         taxonomies:\n  - name: \"tags\"\n    paginate_by: 2\n\
         check:\n  skip_external: [\"http://intern.example.se/\"]\n\
         extra:\n  kontakt: \"samordnare@example.se\"\n  quick_link:\n    path: \"@/rutiner/oro.md\"\n    title: \"Orolig? Så gör du\"\n"
    );
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines[0],
        "En webbplats finns nu i ny, gjord av Zola-webbplatsen i site: content/, static/, templates/shortcodes/ kopierades, och config.yaml skrevs från config.toml"
    );
    assert_eq!(lines[1], "Fördes inte över:");
    assert!(
        lines.contains(&"site/config.toml:6:1: `compile_sass` är en inställning i Zola som lots inte använder: lots kompilerar inte Sass; lägg färdiga CSS-filer i static/"),
        "{}",
        run.stdout
    );
    for left in [
        "  site/templates/index.html: Zolas mallar används inte; lots eget tema visar sidorna (templates/shortcodes/ kopieras)",
        "  site/templates/partials: Zolas mallar används inte; lots eget tema visar sidorna (templates/shortcodes/ kopieras)",
        "  site/sass: lots kompilerar inte Sass; lägg den kompilerade CSS:en i static/",
    ] {
        assert!(lines.contains(&left), "no `{left}` in:\n{}", run.stdout);
    }
    assert_eq!(
        lines.last().copied(),
        Some("Se den med `lots serve --root ny`, eller bygg den med `lots build --root ny`")
    );
    let built = lots(&new, &["build"]);
    built.assert_success();
    assert!(
        built.stderr.is_empty(),
        "config.yaml needs no warning: {}",
        built.stderr
    );
    assert!(built
        .read("index.html")
        .contains("<title>Kunskapsbank från Zola"));
    built.assert_file("tags/rutin/page/2/index.html");
    built.assert_file("robots.txt");
    // The pages keep their TOML front matter, and their shortcodes run.
    assert!(built
        .read("rutiner/oro/index.html")
        .contains("<strong>Viktigt</strong>"));
}

#[test]
fn from_zola_refuses_a_folder_inside_what_it_copies() {
    let (zola, _) = zola_and_new();
    let parent = zola.root.parent().expect("parent");
    let before = common::snapshot(&zola.root);
    let run = lots(parent, &["init", "--from-zola", "site", "site/content/ny"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert_eq!(
        run.stderr,
        "site/content/ny ligger i site/content, som lots init kopierar från; välj en mapp utanför Zola-webbplatsens content/, static/ och templates/\n"
    );
    assert_eq!(common::snapshot(&zola.root), before);
}

#[test]
fn from_zola_needs_a_config_toml_and_reports_its_errors_writing_nothing() {
    let (zola, new) = zola_and_new();
    let parent = zola.root.parent().expect("parent");
    zola.remove("config.toml");
    let run = lots(parent, &["init", "--from-zola", "site", "ny"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.starts_with(
            "site har varken zola.toml eller config.toml, så det är ingen Zola-webbplats"
        ),
        "{}",
        run.stderr
    );

    zola.write(
        "config.toml",
        "base_url = \"https://example.org\"\ntitle = [1]\n",
    );
    let run = lots(parent, &["init", "--from-zola", "site", "ny"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.starts_with(
            "site/config.toml:2:9: `title` ska vara text, inte en lista\n 2 | title = [1]\n"
        ),
        "{}",
        run.stderr
    );
    assert!(!new.exists(), "nothing written");
}

#[test]
fn from_zola_reads_zola_toml_as_zola_does() {
    let (zola, new) = zola_and_new();
    let parent = zola.root.parent().expect("parent");
    let toml = std::fs::read_to_string(zola.path("config.toml")).expect("config.toml");
    zola.remove("config.toml");
    zola.write("zola.toml", toml);
    let run = lots(parent, &["init", "--from-zola", "site", "ny"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("och config.yaml skrevs från zola.toml"),
        "{}",
        run.stdout
    );
    let config = std::fs::read_to_string(new.join("config.yaml")).expect("config.yaml");
    assert!(config.contains("från site/zola.toml"), "{config}");
}
