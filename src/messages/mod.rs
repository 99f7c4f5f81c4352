//! The message catalogue: the text of every diagnostic a coordinator can cause, one file per
//! language (`en.ftl`, `sv.ftl`), keyed by the diagnostic's code, with named arguments
//! (`{field}`, `{value}`). The site's `language` chooses the file: `sv` is Swedish, anything
//! else English.
//!
//! A diagnostic is made with its code and arguments and an English text; the pipeline
//! renders it again in the site's language ([`localize`]) where its diagnostics leave it, so
//! that the terminal, `check --format json`, the `serve` overlay and the editor all show one
//! text. This is done at the pipeline's exits rather than where each diagnostic is made
//! because pages are read on rayon threads: a per-thread language would not reach them, and a
//! process-wide one would outlive the build.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::diagnostics::Diagnostic;

pub mod io;
pub mod suggest;
pub mod yaml;

/// A catalogue language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Sv,
}

impl Lang {
    /// The language of a site's `language` setting (`sv`, `sv-SE`; anything else is English).
    pub fn of(code: &str) -> Lang {
        let primary = code.split(['-', '_']).next().unwrap_or("");
        if primary.eq_ignore_ascii_case("sv") {
            Lang::Sv
        } else {
            Lang::En
        }
    }
}

/// Named arguments of a message, in the order they were given.
pub type Args = Vec<(&'static str, String)>;

const EN: &str = include_str!("en.ftl");
const SV: &str = include_str!("sv.ftl");

/// The catalogue of `lang`, read once from the file built into the binary (it never changes).
fn catalogue(lang: Lang) -> &'static HashMap<&'static str, &'static str> {
    static EN_MAP: OnceLock<HashMap<&str, &str>> = OnceLock::new();
    static SV_MAP: OnceLock<HashMap<&str, &str>> = OnceLock::new();
    match lang {
        Lang::En => EN_MAP.get_or_init(|| parse(EN)),
        Lang::Sv => SV_MAP.get_or_init(|| parse(SV)),
    }
}

/// `code = text` lines; `#` starts a comment line.
fn parse(file: &'static str) -> HashMap<&'static str, &'static str> {
    file.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .filter_map(|line| line.split_once(" = "))
        .map(|(key, text)| (key.trim(), text.trim()))
        .collect()
}

/// The text of `code` in `lang` with its arguments filled in; `None` when the catalogue has
/// no such code.
pub fn text(lang: Lang, code: &str, args: &[(&'static str, String)]) -> Option<String> {
    let template = catalogue(lang).get(code)?;
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = *template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match args.iter().find(|(n, _)| *n == name) {
                    Some((_, value)) => match value.strip_prefix(WORD) {
                        Some(key) => out.push_str(catalogue(lang).get(key).unwrap_or(&key)),
                        None => out.push_str(value),
                    },
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Some(out)
}

/// Marks an argument that is itself a catalogue text (a word such as `kind.list`), rendered
/// in the message's language.
const WORD: char = '\u{1}';

/// An argument that is the catalogue's text `key` (`kind.text`: "text", "text").
pub fn word(key: &str) -> String {
    format!("{WORD}{key}")
}

/// The English text of `code`, for a diagnostic being made (the site's language is applied
/// by [`localize`]). A code missing from the catalogue shows itself, which a test forbids.
pub fn english(code: &str, args: &[(&'static str, String)]) -> String {
    text(Lang::En, code, args).unwrap_or_else(|| code.to_string())
}

/// Renders every catalogue diagnostic of `items` in the site's `language`.
pub fn localize(items: &mut [Diagnostic], language: &str) {
    let lang = Lang::of(language);
    for item in items {
        item.localize(lang);
    }
}

/// Arguments from `name => value` pairs.
#[macro_export]
macro_rules! args {
    ($($name:literal => $value:expr),* $(,)?) => {
        vec![$(($name, $value.to_string())),*]
    };
}

#[cfg(test)]
mod tests;
