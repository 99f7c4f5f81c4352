//! What a file in `content/` is: a section, a page, a page bundle's page or a plain file.
//!
//! The kind comes from the file's whole name, in this one place: discovery sorts files by it,
//! and the library, `serve`'s reload and watcher, and link resolution ask it again rather than
//! testing a name's ending themselves, so they can never disagree about a file. Only the last
//! path component counts, compared exactly: `_index.md` is a section, `index.md` a bundle's
//! page, any other `*.md` a page (`myindex.md`, `my_index.md` and `index.md.md` included),
//! everything else a file. Lots reads Markdown only from `.md` in lower case; a name that
//! differs from one of these by case alone, or ends in `.markdown`, is [`FileKind::Misnamed`]
//! and refused, because on a share that ignores case its author meant the other kind, and
//! publishing it as a plain file would put its text (a draft's too) on the site.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// `_index.md`: the section of its folder.
    Section,
    /// Any other Markdown file: a page of its folder's section.
    Page,
    /// `index.md`: the page of a bundle; the other files of its folder travel with it.
    BundlePage,
    /// Anything else: published as it is.
    Asset,
    /// Markdown under a name Lots does not read (`Index.md`, `rutin.MD`, `rutin.markdown`).
    Misnamed,
}

impl FileKind {
    /// The kind of the file with content key `key` (`a/b/index.md`).
    pub fn of(key: &str) -> FileKind {
        let name = file_name(key);
        if proper_name(name).is_some() {
            return FileKind::Misnamed;
        }
        match name {
            "_index.md" => FileKind::Section,
            "index.md" => FileKind::BundlePage,
            _ if name.ends_with(".md") => FileKind::Page,
            _ => FileKind::Asset,
        }
    }

    /// Whether the file is a page or a section: Markdown the library loads.
    pub fn is_document(self) -> bool {
        matches!(
            self,
            FileKind::Section | FileKind::Page | FileKind::BundlePage
        )
    }
}

/// The folder (`a/b/`) whose bundle the file with key `key` heads, when it is a bundle's page.
pub fn bundle_folder(key: &str) -> Option<&str> {
    (FileKind::of(key) == FileKind::BundlePage).then(|| &key[..key.len() - file_name(key).len()])
}

/// The name a page's slug is made from: its file name without the one `.md` ending.
pub fn page_stem(key: &str) -> &str {
    let name = file_name(key);
    name.strip_suffix(".md").unwrap_or(name)
}

/// The name a misnamed Markdown file should have (`Index.md` → `index.md`, `a.markdown` →
/// `a.md`), or `None` when the name is fine or not Markdown at all.
pub fn proper_name(name: &str) -> Option<String> {
    let stem = strip_suffix_ignoring_case(name, ".md")
        .or_else(|| strip_suffix_ignoring_case(name, ".markdown"))?;
    let stem = if ["index", "_index"]
        .iter()
        .any(|s| stem.eq_ignore_ascii_case(s))
    {
        stem.to_ascii_lowercase()
    } else {
        stem.to_string()
    };
    let proper = format!("{stem}.md");
    (proper != name).then_some(proper)
}

fn file_name(key: &str) -> &str {
    key.rsplit('/').next().unwrap_or(key)
}

/// `name` without `suffix` (ASCII), whatever the case of its letters.
fn strip_suffix_ignoring_case<'a>(name: &'a str, suffix: &str) -> Option<&'a str> {
    let start = name.len().checked_sub(suffix.len())?;
    // The suffix is ASCII, so a match starts on a character boundary; `get` checks it anyway.
    name.get(start..)
        .filter(|end| end.eq_ignore_ascii_case(suffix))
        .map(|_| &name[..start])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_come_from_the_whole_file_name() {
        use FileKind::*;
        for (key, kind) in [
            ("_index.md", Section),
            ("a/_index.md", Section),
            ("a/b/_index.md", Section),
            ("index.md", BundlePage),
            ("a/b/index.md", BundlePage),
            ("a/sida.md", Page),
            ("a/b/myindex.md", Page),
            ("a/b/xindex.md", Page),
            ("a/b/my_index.md", Page),
            ("a/x_index.md", Page),
            ("a/notindex.md", Page),
            ("a/index.md.md", Page),
            ("a/_index.md.md", Page),
            ("a/index.md/sida.md", Page),
            ("a/_index.md/bild.png", Asset),
            ("a/_index.md.bak", Asset),
            ("a/index.md.txt", Asset),
            ("a/index", Asset),
            ("a/bild.png", Asset),
            ("a/md", Asset),
            ("a/Index.md", Misnamed),
            ("a/INDEX.MD", Misnamed),
            ("a/_Index.md", Misnamed),
            ("a/index.MD", Misnamed),
            ("a/sida.MD", Misnamed),
            ("a/sida.Md", Misnamed),
            ("a/sida.markdown", Misnamed),
            ("a/Sida.MARKDOWN", Misnamed),
            ("a/Återvändare.MD", Misnamed),
        ] {
            assert_eq!(FileKind::of(key), kind, "{key}");
        }
    }

    #[test]
    fn misnamed_files_are_told_their_name() {
        for (name, proper) in [
            ("Index.md", Some("index.md")),
            ("INDEX.MD", Some("index.md")),
            ("_INDEX.md", Some("_index.md")),
            ("Rutin.MD", Some("Rutin.md")),
            ("rutin.markdown", Some("rutin.md")),
            ("Återvändare.Md", Some("Återvändare.md")),
            ("Rutin.md", None),
            ("index.md", None),
            ("bild.png", None),
            ("å", None),
        ] {
            assert_eq!(proper_name(name).as_deref(), proper, "{name}");
        }
    }

    #[test]
    fn bundles_and_stems() {
        assert_eq!(bundle_folder("a/b/index.md"), Some("a/b/"));
        assert_eq!(bundle_folder("index.md"), Some(""));
        assert_eq!(bundle_folder("a/b/myindex.md"), None);
        assert_eq!(bundle_folder("a/_index.md"), None);
        assert_eq!(page_stem("a/sida.md.md"), "sida.md");
        assert_eq!(page_stem("a/myindex.md"), "myindex");
    }
}
