//! `lots init`: a new site that builds and serves at once (a commented `config.yaml`, a front
//! page, one section with one page, the default theme from the binary), or a site made from
//! a Zola site ([`from_zola`]). Nothing that exists is replaced, and a failed run removes
//! what it wrote.

mod files;
mod starter;
mod zola;

use std::path::Path;

use chrono::NaiveDate;

use crate::config::{CONFIG_FILE, ZOLA_CONFIG_FILES};
use crate::messages::{self, Args, Lang};

pub use starter::SECTION;
pub use zola::{from_zola, FromZolaError, Imported};

/// Why `lots init` wrote nothing: a catalogue text and its arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub code: &'static str,
    pub args: Args,
}

impl Problem {
    pub fn new(code: &'static str, args: Args) -> Problem {
        Problem { code, args }
    }

    /// The text in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        messages::say(lang, self.code, &self.args)
    }
}

/// What makes a folder a site already: `init` never starts one beside them.
const SITE_FILES: [&str; 4] = [
    CONFIG_FILE,
    ZOLA_CONFIG_FILES[0],
    ZOLA_CONFIG_FILES[1],
    "content",
];

/// Makes a new site in `dir` (made if missing), dated `today`.
pub fn new_site(dir: &Path, today: NaiveDate) -> Result<(), Problem> {
    refuse_a_site(dir, &SITE_FILES)?;
    let title = crate::config::folder_name(dir);
    let mut files = files::Files::new(dir)?;
    for (path, text) in starter::files(&title, today) {
        files.write(&path, &text)?;
    }
    files.keep();
    Ok(())
}

/// Refuses a folder that already holds one of `taken` (a site, or part of one).
fn refuse_a_site(dir: &Path, taken: &[&str]) -> Result<(), Problem> {
    let found: Vec<&str> = taken
        .iter()
        .copied()
        .filter(|name| dir.join(name).symlink_metadata().is_ok())
        .collect();
    if found.is_empty() {
        return Ok(());
    }
    Err(Problem::new(
        "init.not_empty",
        crate::args!("dir" => dir.display(), "found" => found.join(", ")),
    ))
}
