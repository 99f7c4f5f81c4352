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
    fill(lang, template, args, WORDS_IN_WORDS, &mut out);
    Some(out)
}

/// How deep words may hold words ([`because`]: a reason that names a kind of file); a
/// catalogue text that names itself stops there instead of looping.
const WORDS_IN_WORDS: usize = 3;

/// Appends `template` to `out` with its `{name}` placeholders filled from `args`. A word
/// argument is its catalogue text, whose own placeholders are filled from the same `args`.
fn fill(
    lang: Lang,
    template: &str,
    args: &[(&'static str, String)],
    depth: usize,
    out: &mut String,
) {
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push('{');
            rest = after;
            continue;
        };
        let name = &after[..close];
        match args.iter().find(|(n, _)| *n == name) {
            Some((_, value)) => match value.strip_prefix(WORD) {
                Some(key) => match catalogue(lang).get(key) {
                    Some(word) if depth > 0 => fill(lang, word, args, depth - 1, out),
                    Some(word) => out.push_str(word),
                    None => out.push_str(key),
                },
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
    out.push_str(rest);
}

/// Marks an argument that is itself a catalogue text (a word such as `kind.list`), rendered
/// in the message's language.
const WORD: char = '\u{1}';

/// An argument that is the catalogue's text `key` (`kind.text`: "text", "text").
pub fn word(key: &str) -> String {
    format!("{WORD}{key}")
}

/// A catalogue text with its arguments, not rendered yet: a diagnostic's message, or why
/// something failed before the message that gives it (`image.invalid`: "cannot use the image
/// {image}: {why}") is made. Nothing is rendered until the message is, so a reason is told in
/// the site's language too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    pub key: &'static str,
    pub args: Args,
}

impl Reason {
    pub fn new(key: &'static str, args: Args) -> Self {
        Reason { key, args }
    }

    /// The reason in English, for a caller outside the catalogue (a template function's error).
    pub fn in_english(&self) -> String {
        english(self.key, &self.args)
    }
}

/// The arguments of a message whose argument `name` is `reason`: its key as a word and its
/// own arguments beside (their names must differ from the message's own).
pub fn because(name: &'static str, reason: &Reason) -> Args {
    let mut args = vec![(name, word(reason.key))];
    args.extend(reason.args.iter().cloned());
    args
}

/// The text of `code` in `lang`, for what a command says itself. A code missing from the
/// catalogue shows itself, which a test forbids.
pub fn say(lang: Lang, code: &str, args: &[(&'static str, String)]) -> String {
    text(lang, code, args).unwrap_or_else(|| code.to_string())
}

/// `value` with `places` decimals and the decimal sign of `lang` (Swedish writes 2,56).
pub fn decimal(lang: Lang, value: f64, places: usize) -> String {
    let written = format!("{value:.places$}");
    match lang {
        Lang::Sv => written.replace('.', ","),
        Lang::En => written,
    }
}

/// The English text of `code`, for a diagnostic being made (the site's language is applied
/// by [`localize`]). A code missing from the catalogue shows itself, which a test forbids.
pub fn english(code: &str, args: &[(&'static str, String)]) -> String {
    say(Lang::En, code, args)
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
