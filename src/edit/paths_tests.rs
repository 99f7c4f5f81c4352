//! Every way a key could leave `content/` or reach a file it must not, refused; new pages'
//! names slugged and checked for collisions; uploads named and typed; writes atomic.

use super::*;

/// A site root with `content/` holding `files` (key, text), in a temporary folder.
fn site(files: &[(&str, &str)]) -> (tempfile::TempDir, ContentRoot) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let content = tmp.path().join("site/content");
    fs::create_dir_all(&content).expect("content");
    for (key, text) in files {
        let path = content.join(key);
        fs::create_dir_all(path.parent().expect("parent")).expect("folders");
        fs::write(&path, text).expect("write");
    }
    let root = ContentRoot::new(&tmp.path().join("site")).expect("content root");
    (tmp, root)
}

const SECTIONS: [(&str, &str); 6] = [
    ("_index.md", "---\ntitle: Start\n---\n"),
    ("symboler/_index.md", "---\ntitle: Symboler\n---\n"),
    ("symboler/kod-88/index.md", "---\ntitle: Kod 88\n---\n"),
    ("symboler/kod-88/bild.svg", "<svg/>"),
    ("samordnare/_index.md", "---\ntitle: Samordnare\n---\n"),
    ("samordnare/anna.md", "---\ntitle: Anna\n---\n"),
];

fn refused(result: Result<impl std::fmt::Debug, PathProblem>, needle: &str) -> String {
    match result {
        Ok(value) => panic!("expected a refusal mentioning {needle:?}, got {value:?}"),
        Err(PathProblem(message)) => {
            assert!(
                message.contains(needle),
                "{message:?} does not mention {needle:?}"
            );
            message
        }
    }
}

#[test]
fn existing_and_new_pages_resolve_inside_content() {
    let (_tmp, root) = site(&SECTIONS);
    for key in [
        "symboler/kod-88/index.md",
        "samordnare/anna.md",
        "samordnare/ny.md",
        "symboler/ny/index.md",
        "symboler/_index.md",
    ] {
        let path = root.file_for_write(key).expect(key);
        assert_eq!(path, root.dir.join(key), "{key}");
    }
}

#[test]
fn parent_and_current_folder_components_are_refused() {
    let (_tmp, root) = site(&SECTIONS);
    for (key, part) in [
        ("../config.md", "delen \"..\""),
        ("symboler/../../x.md", "delen \"..\""),
        ("symboler/..", "delen \"..\""),
        ("./samordnare/anna.md", "delen \".\""),
        ("samordnare/./anna.md", "delen \".\""),
    ] {
        refused(root.file_for_write(key), part);
    }
}

#[test]
fn absolute_paths_are_refused() {
    let (_tmp, root) = site(&SECTIONS);
    for key in ["/etc/passwd.md", "/tmp/x.md", "C:/Users/x.md", "c:x.md"] {
        refused(root.file_for_write(key), "börjar vid roten");
    }
    let inside = root.dir.join("samordnare/anna.md");
    refused(
        root.file_for_write(&inside.display().to_string()),
        "börjar vid roten",
    );
}

#[test]
fn backslashes_nul_and_empty_components_are_refused() {
    let (_tmp, root) = site(&SECTIONS);
    refused(
        root.file_for_write("samordnare\\anna.md"),
        "omvänt snedstreck",
    );
    refused(root.file_for_write("..\\..\\x.md"), "omvänt snedstreck");
    refused(
        root.file_for_write("samordnare/an\0na.md"),
        "ett NUL-tecken",
    );
    refused(root.file_for_write("samordnare//anna.md"), "tom del");
    refused(root.file_for_write("samordnare/"), "tom del");
    refused(root.file_for_write(""), "tom");
}

#[test]
fn only_markdown_pages_and_names_the_site_reads_are_pages() {
    let (_tmp, root) = site(&SECTIONS);
    for key in [
        "symboler/kod-88/bild.svg",
        "samordnare/anna.txt",
        "samordnare/Anna.MD",
        "samordnare/Index.md",
        "samordnare",
    ] {
        refused(root.file_for_write(key), "ingen sida");
    }
    for key in [
        ".git/config.md",
        "samordnare/.anna.md",
        "samordnare/anna.md~",
    ] {
        refused(root.file_for_write(key), "hoppar över");
    }
}

#[cfg(unix)]
#[test]
fn a_symlinked_folder_is_refused_even_inside_content() {
    let (tmp, root) = site(&SECTIONS);
    let outside = tmp.path().join("outside");
    fs::create_dir_all(&outside).expect("outside");
    std::os::unix::fs::symlink(&outside, root.dir.join("ut")).expect("link out");
    std::os::unix::fs::symlink(root.dir.join("samordnare"), root.dir.join("in")).expect("link in");
    refused(root.file_for_write("ut/x.md"), "symbolisk länk");
    refused(root.file_for_write("ut/ny/index.md"), "symbolisk länk");
    refused(root.file_for_write("in/anna.md"), "symbolisk länk");
    refused(
        root.new_page_key("ut/_index.md", "X", false),
        "symbolisk länk",
    );
    assert!(fs::read_dir(&outside).expect("outside").next().is_none());
}

#[cfg(unix)]
#[test]
fn a_symlinked_file_is_refused_and_never_written_through() {
    let (tmp, root) = site(&SECTIONS);
    let secret = tmp.path().join("hemlig.md");
    fs::write(&secret, "hemligt").expect("secret");
    let link = root.dir.join("samordnare/lank.md");
    std::os::unix::fs::symlink(&secret, &link).expect("link");
    refused(root.file_for_write("samordnare/lank.md"), "symbolisk länk");
    assert!(write_atomically(&link, b"overwritten").is_err());
    assert_eq!(fs::read_to_string(&secret).expect("secret"), "hemligt");
    assert!(fs::symlink_metadata(&link)
        .expect("link")
        .file_type()
        .is_symlink());
}

#[cfg(unix)]
#[test]
fn a_content_folder_that_is_itself_a_link_is_followed_once() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let real = tmp.path().join("real-content");
    fs::create_dir_all(real.join("samordnare")).expect("real");
    fs::create_dir_all(tmp.path().join("site")).expect("site");
    std::os::unix::fs::symlink(&real, tmp.path().join("site/content")).expect("link");
    let root = ContentRoot::new(&tmp.path().join("site")).expect("root");
    let path = root.file_for_write("samordnare/ny.md").expect("inside");
    assert!(path.starts_with(real.canonicalize().expect("canonical")));
}

#[test]
fn missing_folders_are_refused_but_a_new_bundles_own() {
    let (_tmp, root) = site(&SECTIONS);
    refused(root.file_for_write("saknas/ny.md"), "finns inte");
    refused(root.file_for_write("saknas/ny/index.md"), "finns inte");
    refused(root.file_for_write("samordnare/ny/sida.md"), "finns inte");
    refused(
        root.file_for_write("samordnare/anna.md/x.md"),
        "inte en mapp",
    );
    refused(root.file_for_write("symboler/kod-88"), "ingen sida");
    assert!(root.file_for_write("samordnare/ny/index.md").is_ok());
}

#[test]
fn new_page_names_are_slugged_from_the_title() {
    let (_tmp, root) = site(&SECTIONS);
    assert_eq!(
        root.new_page_key("samordnare/_index.md", "Åsa Öberg – VBE!", false),
        Ok("samordnare/asa-oberg-vbe.md".to_string())
    );
    assert_eq!(
        root.new_page_key("symboler/_index.md", "Vit makt-symbol", true),
        Ok("symboler/vit-makt-symbol/index.md".to_string())
    );
    assert_eq!(
        root.new_page_key("_index.md", "Om oss", false),
        Ok("om-oss.md".to_string())
    );
    refused(
        root.new_page_key("samordnare/_index.md", "!!! – ?", false),
        "inga bokstäver",
    );
    refused(
        root.new_page_key("samordnare/_index.md", "Index", false),
        "använder till annat",
    );
}

#[test]
fn new_pages_that_would_collide_are_refused_naming_the_page() {
    let (_tmp, root) = site(&[
        SECTIONS[0],
        SECTIONS[1],
        SECTIONS[2],
        SECTIONS[4],
        SECTIONS[5],
        ("samordnare/2020-05-01-rapport.md", "---\ntitle: R\n---\n"),
        ("samordnare/Bo Ek.md", "---\ntitle: Bo\n---\n"),
        ("samordnare/tom/bild.png", "x"),
    ]);
    let cases = [
        ("symboler/_index.md", "Kod 88", true, "symboler/kod-88/"),
        ("symboler/_index.md", "KOD-88", false, "symboler/kod-88/"),
        ("samordnare/_index.md", "Anna", false, "samordnare/anna.md"),
        ("samordnare/_index.md", "Anna", true, "samordnare/anna.md"),
        (
            "samordnare/_index.md",
            "Rapport",
            false,
            "2020-05-01-rapport.md",
        ),
        (
            "samordnare/_index.md",
            "Bo Ek",
            false,
            "samordnare/Bo Ek.md",
        ),
        ("samordnare/_index.md", "Tom", true, "samordnare/tom/"),
    ];
    for (section, title, bundle, existing) in cases {
        let message = refused(root.new_page_key(section, title, bundle), existing);
        assert!(message.contains("Välj en annan titel"), "{message}");
    }
}

#[test]
fn new_pages_need_an_existing_section() {
    let (_tmp, root) = site(&SECTIONS);
    refused(
        root.new_page_key("samordnare/anna.md", "X", false),
        "ingen sektion",
    );
    refused(
        root.new_page_key("saknas/_index.md", "X", false),
        "finns inte",
    );
    refused(
        root.new_page_key("symboler/kod-88/_index.md", "X", false),
        "ingen sektion",
    );
    refused(
        root.section_of_folder("symboler/kod-88"),
        "samordnare, symboler",
    );
    refused(root.new_page_key("../_index.md", "X", false), "innehåller");
    refused(root.section_of_folder("saknas"), "samordnare, symboler");
    refused(root.section_of_folder("../samordnare"), "innehåller");
    assert_eq!(
        root.section_of_folder("samordnare/"),
        Ok("samordnare/_index.md".to_string())
    );
    assert_eq!(root.section_of_folder("."), Ok("_index.md".to_string()));
    assert_eq!(root.section_of_folder(""), Ok("_index.md".to_string()));
}

#[test]
fn uploads_are_slugged_and_typed() {
    let (_tmp, root) = site(&SECTIONS);
    let allowed = ["svg", "png"];
    let (name, path) = root
        .upload_target("symboler/kod-88/index.md", "Åsa Öberg – VBE!.PNG", &allowed)
        .expect("upload");
    assert_eq!(name, "asa-oberg-vbe.png");
    assert_eq!(path, root.dir.join("symboler/kod-88/asa-oberg-vbe.png"));
    let (name, _) = root
        .upload_target(
            "symboler/kod-88/index.md",
            "C:\\Bilder\\../Logo.svg",
            &allowed,
        )
        .expect("a browser's full path");
    assert_eq!(name, "logo.svg");
    let page = "symboler/kod-88/index.md";
    refused(
        root.upload_target(page, "skript.js", &allowed),
        ".svg, .png",
    );
    refused(
        root.upload_target(page, "bild", &allowed),
        "ingen filändelse",
    );
    refused(
        root.upload_target(page, "!!!.png", &allowed),
        "inga bokstäver",
    );
    refused(
        root.upload_target(page, "index.md", &["md"]),
        "Markdown-sida",
    );
    refused(
        root.upload_target(page, "Sida.MD", &["md"]),
        "Markdown-sida",
    );
    refused(
        root.upload_target("samordnare/anna.md", "a.png", &allowed),
        "ingen egen mapp",
    );
    refused(
        root.upload_target("symboler/ny/index.md", "a.png", &allowed),
        "finns inte",
    );
    refused(
        root.upload_target("../kod-88/index.md", "a.png", &allowed),
        "innehåller",
    );
}

#[test]
fn writes_replace_the_whole_file_and_leave_nothing_behind() {
    let (_tmp, root) = site(&SECTIONS);
    let page = root.file_for_write("samordnare/anna.md").expect("page");
    write_atomically(&page, b"---\ntitle: Anna A\n---\n").expect("write");
    assert_eq!(fs::read(&page).expect("read"), b"---\ntitle: Anna A\n---\n");
    let bundle = root.file_for_write("symboler/ny/index.md").expect("bundle");
    write_atomically(&bundle, b"---\ntitle: Ny\n---\n").expect("new bundle");
    assert!(bundle.is_file());
    let mut names: Vec<String> = fs::read_dir(root.dir.join("samordnare"))
        .expect("folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["_index.md", "anna.md"],
        "temporary files left behind"
    );
}

#[test]
fn writes_create_one_missing_folder_at_most() {
    let (_tmp, root) = site(&SECTIONS);
    let deep = root.dir.join("saknas/ny/index.md");
    assert!(write_atomically(&deep, b"x").is_err());
    assert!(!root.dir.join("saknas").exists());
}

#[cfg(unix)]
#[test]
fn writes_keep_a_files_permissions_and_make_new_ones_readable() {
    use std::os::unix::fs::PermissionsExt;
    let (_tmp, root) = site(&SECTIONS);
    let page = root.dir.join("samordnare/anna.md");
    fs::set_permissions(&page, fs::Permissions::from_mode(0o640)).expect("chmod");
    write_atomically(&page, b"x").expect("write");
    let mode = |p: &Path| fs::metadata(p).expect("meta").permissions().mode() & 0o777;
    assert_eq!(mode(&page), 0o640);
    let new = root.dir.join("samordnare/ny.md");
    write_atomically(&new, b"x").expect("write");
    assert_eq!(mode(&new), 0o644);
}

#[test]
fn a_new_page_is_a_bundle_when_files_need_a_folder_or_its_neighbours_are_bundles() {
    let (tmp, root) = site(&[
        SECTIONS[0],
        SECTIONS[1],
        SECTIONS[2],
        SECTIONS[4],
        SECTIONS[5],
        ("vagledningar/_index.md", "---\ntitle: V\n---\n"),
        ("vagledningar/a.md", "---\ntitle: A\n---\n"),
        ("vagledningar/b/index.md", "---\ntitle: B\n---\n"),
        ("vagledningar/c/index.md", "---\ntitle: C\n---\n"),
    ]);
    let site_root = tmp.path().join("site");
    fs::write(
        site_root.join("config.yaml"),
        "title: T\nbase_url: https://example.org/\ncollections:\n  - name: bilder\n    sections: [samordnare]\n    fields:\n      rader:\n        type: records\n        fields:\n          bild: {type: file}\n",
    )
    .expect("config");
    let config = Config::load(&site_root).expect("config loads");
    assert!(new_page_is_bundle(&config, &root, "samordnare/_index.md"));
    assert!(new_page_is_bundle(&config, &root, "vagledningar/_index.md"));
    assert!(new_page_is_bundle(&config, &root, "symboler/_index.md"));
    fs::write(root.dir.join("symboler/x.md"), "").expect("flat page");
    assert!(!new_page_is_bundle(&config, &root, "symboler/_index.md"));
    assert!(!new_page_is_bundle(&config, &root, "_index.md"));
}
