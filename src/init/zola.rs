//! `lots init --from-zola ZOLADIR [DIR]`: a Lots site made from a Zola site. Its `content/`,
//! `static/` and `templates/shortcodes/` are copied as they are (Lots reads Zola's TOML front
//! matter and runs its shortcodes), `config.yaml` is written from its `config.toml`, and what
//! could not be carried over is reported: the settings Lots does not read, Zola's other
//! templates, `sass/` and `themes/`.

use std::fs;
use std::path::{Path, PathBuf};

use super::files::{read_problem, Files};
use super::{refuse_a_site, Problem, SITE_FILES};
use crate::args;
use crate::config::{folder_name, zola_config_file, Config, CONFIG_FILE};
use crate::diagnostics::{read_text, Diagnostic};

/// The folders copied, as they are, from the Zola site.
const COPIED: [&str; 3] = ["content", "static", "templates/shortcodes"];

/// What `from_zola` made.
#[derive(Debug)]
pub struct Imported {
    /// The new site's config, whose `warnings` are the settings not carried over.
    pub config: Config,
    /// The folders copied (`content/`, `static/`).
    pub copied: Vec<String>,
    /// What else of the Zola site is left behind, each with why.
    pub not_carried: Vec<Problem>,
    /// The name of the Zola configuration file read (`zola.toml` or `config.toml`).
    pub config_file: String,
}

/// Why `from_zola` wrote nothing.
#[derive(Debug)]
pub enum FromZolaError {
    /// The folders given cannot be used, or a file could not be written.
    Problem(Problem),
    /// `config.toml` has errors, each at its place.
    Config(Vec<Diagnostic>),
}

impl From<Problem> for FromZolaError {
    fn from(problem: Problem) -> Self {
        FromZolaError::Problem(problem)
    }
}

/// Makes a Lots site in `dir` from the Zola site in `zola`.
pub fn from_zola(zola: &Path, dir: &Path) -> Result<Imported, FromZolaError> {
    let Some(config_path) = zola_config_file(zola) else {
        let args = args!("dir" => zola.display());
        return Err(Problem::new("init.not_zola", args).into());
    };
    refuse_a_site(dir, &[&SITE_FILES[..], &["static", "templates"]].concat())?;
    refuse_a_loop(zola, dir)?;
    let text = read_text(&config_path).map_err(|d| FromZolaError::Config(vec![d]))?;
    let (yaml, config) = Config::yaml_from_zola(&config_path, &text, &folder_name(zola))
        .map_err(FromZolaError::Config)?;
    let mut files = Files::new(dir)?;
    let header_args = args!("zola" => config_path.display());
    let lang = crate::messages::Lang::of(&config.language);
    let header = crate::messages::text(lang, "init.yaml_header", &header_args).unwrap_or_default();
    files.write(CONFIG_FILE, &format!("# {header}\n{yaml}"))?;
    let mut copied = Vec::new();
    let mut not_carried = Vec::new();
    for folder in COPIED {
        let from = zola.join(folder);
        if from.is_dir() {
            copy_tree(&from, Path::new(folder), &mut files, &mut not_carried)?;
            copied.push(format!("{folder}/"));
        }
    }
    files.keep();
    not_carried.extend(left_behind(zola));
    Ok(Imported {
        config,
        copied,
        not_carried,
        config_file: crate::config::file_name(&config_path),
    })
}

/// Refuses a `dir` inside a folder it would be copied from: the copy would copy itself.
fn refuse_a_loop(zola: &Path, dir: &Path) -> Result<(), Problem> {
    let Ok(zola_real) = zola.canonicalize() else {
        return Ok(());
    };
    let dir_real = real_path(dir);
    for folder in COPIED {
        let source = zola_real.join(folder);
        if dir_real.starts_with(&source) {
            return Err(Problem::new(
                "init.loop",
                args!("dir" => dir.display(), "inside" => zola.join(folder).display()),
            ));
        }
    }
    Ok(())
}

/// `path` with its existing part resolved (links, `..`) and the missing rest appended.
fn real_path(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = existing.canonicalize() {
            return rest
                .iter()
                .rev()
                .fold(real, |p: PathBuf, part| p.join(part));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => return absolute,
        }
    }
}

/// Copies the folder `from` to `to` in the new site. Symbolic links are left behind (they
/// may point anywhere, or at their own folder), each reported.
fn copy_tree(
    from: &Path,
    to: &Path,
    files: &mut Files,
    not_carried: &mut Vec<Problem>,
) -> Result<(), Problem> {
    files.folder(to)?;
    let mut entries: Vec<_> = fs::read_dir(from)
        .map_err(|err| read_problem(from, &err))?
        .collect::<Result<_, _>>()
        .map_err(|err| read_problem(from, &err))?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let target = to.join(entry.file_name());
        let kind = entry.file_type().map_err(|err| read_problem(&path, &err))?;
        if kind.is_symlink() {
            not_carried.push(Problem::new(
                "init.zola_link",
                args!("path" => path.display()),
            ));
        } else if kind.is_dir() {
            copy_tree(&path, &target, files, not_carried)?;
        } else {
            files.copy(&path, &target)?;
        }
    }
    Ok(())
}

/// The parts of a Zola site Lots does not use: its templates (but shortcodes), Sass, themes.
fn left_behind(zola: &Path) -> Vec<Problem> {
    let mut left = Vec::new();
    let templates = zola.join("templates");
    if let Ok(entries) = fs::read_dir(&templates) {
        let mut names: Vec<_> = entries
            .flatten()
            .map(|e| e.file_name())
            .filter(|name| name != "shortcodes")
            .collect();
        names.sort();
        for name in names {
            let path = templates.join(name);
            left.push(Problem::new(
                "init.zola_templates",
                args!("path" => path.display()),
            ));
        }
    }
    for (folder, code) in [("sass", "init.zola_sass"), ("themes", "init.zola_themes")] {
        let path = zola.join(folder);
        if path.is_dir() {
            left.push(Problem::new(code, args!("path" => path.display())));
        }
    }
    left
}
