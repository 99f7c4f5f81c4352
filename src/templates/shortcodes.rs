//! The site's shortcode templates (`templates/shortcodes/NAME.html` or `NAME.md`, from the
//! default theme, a theme or the site, like any template), run for the Markdown renderer.
//!
//! A shortcode gets what Zola gives it: its arguments, `nth`, `lang`, `config`, `page` or
//! `section` (the document as lists show it: rendering happens before any page has its
//! HTML), and `body`. The templates are a copy of the site's, without the functions that look
//! at other pages: those are not loaded yet when the Markdown is read.

use std::collections::HashMap;
use std::path::PathBuf;

use tera::{Context, Tera};

use crate::config::Config;
use crate::markdown::shortcodes::{Failure, Invocation, Kind, Runner};

use super::escape;
use super::views::{PageListItem, SubsectionView};

const FOLDER: &str = "shortcodes/";

/// Context names a shortcode's arguments cannot replace.
const RESERVED: [&str; 3] = ["page", "section", "config"];

pub struct Shortcodes {
    tera: Tera,
    /// Template name and kind of each shortcode, by its name.
    names: HashMap<String, (String, Kind)>,
    config: serde_json::Value,
    lang: String,
}

impl Shortcodes {
    /// The shortcodes among the loaded templates. A shortcode with both an `.html` and an
    /// `.md` template is the `.html` one.
    pub(super) fn new(
        tera: &Tera,
        sources: &HashMap<String, (String, PathBuf)>,
        config: &Config,
    ) -> Shortcodes {
        let mut names = HashMap::new();
        for template in sources.keys() {
            let Some(file) = template.strip_prefix(FOLDER) else {
                continue;
            };
            let (name, kind) = match file.rsplit_once('.') {
                Some((name, "html")) => (name, Kind::Html),
                Some((name, "md")) => (name, Kind::Markdown),
                _ => continue,
            };
            let taken = names.get(name).is_some_and(|(_, k)| *k == Kind::Html);
            if !taken {
                names.insert(name.to_string(), (template.clone(), kind));
            }
        }
        Shortcodes {
            tera: tera.clone(),
            names,
            config: serde_json::to_value(config).unwrap_or_default(),
            lang: config.language.clone(),
        }
    }

    fn context(&self, call: &Invocation<'_>) -> Context {
        let mut context = Context::new();
        context.insert("nth", &call.nth);
        context.insert("lang", &self.lang);
        // Zola lets arguments replace `nth` and `lang`, but not the document and config.
        for (name, value) in call.args {
            if !RESERVED.contains(&name.as_str()) {
                context.insert(name.as_str(), value);
            }
        }
        context.insert("config", &self.config);
        let key = &call.doc.key;
        if let Some(page) = call.library.pages.get(key) {
            context.insert("page", &PageListItem::new(page));
        } else if let Some(section) = call.library.sections.get(key) {
            context.insert("section", &SubsectionView::new(section));
        }
        if let Some(body) = call.body {
            context.insert("body", body);
        }
        context
    }
}

impl Runner for Shortcodes {
    fn kind(&self, name: &str) -> Option<Kind> {
        self.names.get(name).map(|(_, kind)| *kind)
    }

    fn render(&self, call: &Invocation<'_>) -> Result<String, Failure> {
        let Some((template, _)) = self.names.get(call.name) else {
            return Err(Failure {
                template: format!("templates/{FOLDER}{}.html", call.name),
                error: String::new(),
            });
        };
        let context = self.context(call);
        // Values are escaped as HTML in `.html` shortcodes; a `.md` one writes Markdown,
        // in which raw HTML is shown as text anyway.
        escape::with_escaper(escape::Escaper::Html, || {
            self.tera.render(template, &context)
        })
        .map_err(|err| Failure {
            template: format!("templates/{template}"),
            error: super::errors::chain(&err),
        })
    }
}
