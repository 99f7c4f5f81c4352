//! Tera templates and static files of the theme, overridden file by file by the site.
//!
//! Layers, last wins: the default theme embedded in the binary (`themes/lots` of this repo),
//! the site's `themes/NAME/` when `theme: NAME` is set, the site's own `templates/` and
//! `static/`.

pub mod deps;
mod errors;
pub mod escape;
pub mod filters;
pub mod followup;
pub mod functions;
pub mod script_texts;
pub mod shortcodes;
pub mod views;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use include_dir::{include_dir, Dir};
use tera::{Context, Tera};

use crate::config::Config;
use crate::content::discover::walk_files;
use crate::content::Library;
use crate::diagnostics::{read_text, Diagnostic};

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/lots");
pub const DEFAULT_THEME_NAME: &str = "lots";
const STANDALONE_PREFIX: &str = "pages/";

/// Where a static file comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum StaticSource {
    Embedded(&'static [u8]),
    File(PathBuf),
}

/// The parsed templates, their sources (to point at lines in errors) and the theme's
/// interface strings.
pub struct Templates {
    tera: Tera,
    sources: HashMap<String, (String, PathBuf)>,
    pub strings: serde_json::Map<String, serde_json::Value>,
    /// Files to copy to the output root, by output path.
    pub static_files: BTreeMap<String, StaticSource>,
    /// The shortcode templates, for the Markdown renderer.
    shortcodes: Arc<shortcodes::Shortcodes>,
}

impl Templates {
    pub fn load(root: &Path, config: &Config) -> Result<Templates, Vec<Diagnostic>> {
        let mut problems = Vec::new();
        let layers = Layers::gather(root, config, &mut problems);
        let strings = layers.strings(&mut problems);
        let tera = errors::compile(&layers.templates, &mut problems);
        if !problems.is_empty() {
            return Err(problems);
        }
        let shortcodes = Arc::new(shortcodes::Shortcodes::new(
            &tera,
            &layers.templates,
            config,
        ));
        Ok(Templates {
            tera,
            shortcodes,
            sources: layers.templates,
            strings,
            static_files: layers.statics,
        })
    }

    /// Whether rendering `name` may use the template `changed`: itself, a template it
    /// extends, or one it imports macros from. A template that is included anywhere counts as
    /// used everywhere (includes are only known while rendering).
    pub fn uses(&self, name: &str, changed: &str) -> bool {
        if name == changed || self.is_included(changed) {
            return true;
        }
        let Ok(template) = self.tera.get_template(name) else {
            return true;
        };
        let chain = std::iter::once(name).chain(template.parents.iter().map(String::as_str));
        chain.into_iter().any(|t| {
            t == changed
                || self.tera.get_template(t).is_ok_and(|tpl| {
                    tpl.imported_macro_files
                        .iter()
                        .any(|(file, _)| file == changed)
                })
        })
    }

    fn is_included(&self, name: &str) -> bool {
        let quoted = [format!("include \"{name}\""), format!("include '{name}'")];
        self.sources
            .values()
            .any(|(text, _)| quoted.iter().any(|q| text.contains(q.as_str())))
    }

    /// The shortcode templates, as the Markdown renderer runs them.
    pub fn shortcodes(&self) -> &Arc<shortcodes::Shortcodes> {
        &self.shortcodes
    }

    pub fn exists(&self, name: &str) -> bool {
        self.sources.contains_key(name)
    }

    /// Templates under `pages/` are files of their own: `pages/a-o/index.html` is rendered
    /// to `a-o/index.html`, `pages/data/plans.csv` to `data/plans.csv`. Sorted by name.
    pub fn standalone_pages(&self) -> Vec<(&str, &str)> {
        let mut pages: Vec<(&str, &str)> = self
            .sources
            .keys()
            .filter_map(|name| {
                name.strip_prefix(STANDALONE_PREFIX)
                    .map(|out| (name.as_str(), out))
            })
            .filter(|(_, out)| !out.rsplit('/').next().unwrap_or("").starts_with('_'))
            .collect();
        pages.sort();
        pages
    }

    /// A Tera instance whose functions can see this build's pages.
    pub fn for_library(&self, library: Arc<Library>) -> Tera {
        let mut tera = self.tera.clone();
        // The A–Ö page (the way in without JavaScript) lists every page in Swedish order.
        tera.register_function(
            "get_pages_by_letter",
            crate::search::a_o::PagesByLetter(library.clone()),
        );
        tera.register_function("get_url", functions::GetUrl(library.clone()));
        tera.register_function(
            "get_taxonomy_url",
            functions::GetTaxonomyUrl(library.clone()),
        );
        tera.register_function("get_taxonomy", functions::GetTaxonomy(library.clone()));
        let shortcodes = Some(self.shortcodes.clone());
        tera.register_function(
            "get_page",
            functions::GetPage(library.clone(), None, shortcodes.clone()),
        );
        tera.register_function(
            "get_section",
            functions::GetSection(library.clone(), None, shortcodes),
        );
        tera.register_function("get_collection", functions::GetCollection(library.clone()));
        tera.register_function("get_recent_pages", functions::GetRecentPages(library));
        let chart_text = Arc::new(crate::charts::ChartText::from_strings(&self.strings));
        tera.register_function(
            "stacked_bar_chart",
            crate::charts::function::StackedBarChart(chart_text.clone()),
        );
        tera.register_function(
            "trend_chart",
            crate::charts::function::TrendChart(chart_text),
        );
        tera
    }

    /// [`Templates::for_library`] and `resize_image`, which queues work in the build's images.
    /// `review` is the day due dates are judged on, and what the "Att se över" page lists.
    pub fn for_site(
        &self,
        library: Arc<Library>,
        images: Arc<crate::images::Images>,
        review: functions::ReviewList,
    ) -> Tera {
        let mut tera = self.for_library(library.clone());
        tera.register_filter("days_until", filters::DaysUntil(review.rules.today));
        tera.register_function("get_review_list", review);
        let shortcodes = Some(self.shortcodes.clone());
        tera.register_function(
            "get_page",
            functions::GetPage(library.clone(), Some(images.clone()), shortcodes.clone()),
        );
        tera.register_function(
            "get_section",
            functions::GetSection(library.clone(), Some(images.clone()), shortcodes),
        );
        tera.register_function(
            "resize_image",
            crate::images::function::ResizeImage::new(images, library),
        );
        tera
    }

    /// Renders `name` into bytes; an error names the template file and, where it can be found,
    /// the line. Bytes, because they go to a file as they are: Tera's own `render` would only
    /// check again that its output is UTF-8 (2 % of a build).
    pub fn render(
        &self,
        tera: &Tera,
        name: &str,
        context: &Context,
    ) -> Result<Vec<u8>, Diagnostic> {
        let mut html = Vec::with_capacity(16 * 1024);
        escape::with_escaper(escape::Escaper::for_template(name), || {
            tera.render_to(name, context, &mut html)
        })
        .map_err(|err| errors::render_error(&self.sources, tera, name, &err))?;
        Ok(html)
    }
}

/// Templates and static files gathered from each layer, later ones replacing earlier ones.
#[derive(Default)]
struct Layers {
    templates: HashMap<String, (String, PathBuf)>,
    statics: BTreeMap<String, StaticSource>,
    strings_files: Vec<(String, PathBuf)>,
}

/// The static files the site publishes now, by output path, for `serve` to compare with
/// what it serves after a file in a `static/` folder appeared or disappeared.
pub fn static_files(
    root: &Path,
    config: &Config,
) -> Result<BTreeMap<String, StaticSource>, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let layers = Layers::gather(root, config, &mut problems);
    match problems.is_empty() {
        true => Ok(layers.statics),
        false => Err(problems),
    }
}

impl Layers {
    /// The default theme, the configured theme, then the site's own folders.
    fn gather(root: &Path, config: &Config, problems: &mut Vec<Diagnostic>) -> Layers {
        let mut layers = Layers::default();
        layers.add_embedded(&DEFAULT_THEME);
        if let Some(theme) = config.theme.as_deref() {
            let dir = root.join("themes").join(theme);
            if dir.is_dir() {
                layers.add_dir(&dir, problems);
            } else if theme != DEFAULT_THEME_NAME {
                problems.push(Diagnostic::file(
                    &root.join(crate::config::CONFIG_FILE),
                    format!("theme `{theme}` not found: there is no folder themes/{theme}"),
                ));
            }
        }
        layers.add_site(root, problems);
        layers
    }

    fn add_embedded(&mut self, dir: &'static Dir<'static>) {
        for file in embedded_files(dir) {
            let path = file.path().to_string_lossy().replace('\\', "/");
            let shown = PathBuf::from(format!("(default theme)/{path}"));
            if let Some(name) = path.strip_prefix("templates/") {
                let text = String::from_utf8_lossy(file.contents());
                let text = if name.ends_with(".html") {
                    without_indentation(&text)
                } else {
                    text.into_owned()
                };
                self.templates.insert(name.to_string(), (text, shown));
            } else if let Some(name) = path.strip_prefix("static/") {
                self.statics
                    .insert(name.to_string(), StaticSource::Embedded(file.contents()));
            } else if path == "strings.yaml" {
                self.strings_files
                    .push((String::from_utf8_lossy(file.contents()).into_owned(), shown));
            }
        }
    }

    fn add_dir(&mut self, theme_dir: &Path, problems: &mut Vec<Diagnostic>) {
        self.add_templates(&theme_dir.join("templates"), problems);
        self.add_statics(&theme_dir.join("static"), problems);
        let strings = theme_dir.join("strings.yaml");
        if strings.is_file() {
            match read_text(&strings) {
                Ok(text) => self.strings_files.push((text, strings)),
                Err(d) => problems.push(d),
            }
        }
    }

    fn add_site(&mut self, root: &Path, problems: &mut Vec<Diagnostic>) {
        self.add_templates(&root.join("templates"), problems);
        self.add_statics(&root.join("static"), problems);
    }

    fn add_templates(&mut self, dir: &Path, problems: &mut Vec<Diagnostic>) {
        if !dir.is_dir() {
            return;
        }
        for (name, path) in walk_files(dir, problems) {
            match read_text(&path) {
                Ok(text) => {
                    self.templates.insert(name, (text, path));
                }
                Err(d) => problems.push(d),
            }
        }
    }

    fn add_statics(&mut self, dir: &Path, problems: &mut Vec<Diagnostic>) {
        if !dir.is_dir() {
            return;
        }
        for (name, path) in walk_files(dir, problems) {
            self.statics.insert(name, StaticSource::File(path));
        }
    }

    /// Interface strings: every layer's `strings.yaml` merged, later keys winning.
    fn strings(
        &self,
        problems: &mut Vec<Diagnostic>,
    ) -> serde_json::Map<String, serde_json::Value> {
        let mut merged = serde_json::Map::new();
        for (text, path) in &self.strings_files {
            let block = crate::yaml::Block::new(path, text, 1);
            match crate::yaml::parse::<BTreeMap<String, String>>(block, text) {
                Ok(map) => merged.extend(
                    map.into_iter()
                        .map(|(k, v)| (k, serde_json::Value::String(v))),
                ),
                Err(d) => problems.push(d),
            }
        }
        merged
    }
}

/// The default theme's HTML template without the spaces that indent its lines. They make the
/// templates readable and are about 4 % of every page written (600 bytes of a 15 KB page,
/// 60 MB at 100,000 pages), which a browser collapses anyway: each line keeps its line break,
/// so words on two lines stay two words, and the theme has no `<pre>` or `<textarea>` whose
/// text would change (a test keeps it so). A site's own templates are left as written.
fn without_indentation(template: &str) -> String {
    let mut out = String::with_capacity(template.len());
    for line in template.split_inclusive('\n') {
        out.push_str(line.trim_start_matches([' ', '\t']));
    }
    out
}

fn embedded_files(dir: &'static Dir<'static>) -> Vec<&'static include_dir::File<'static>> {
    let mut files: Vec<_> = dir.files().collect();
    for sub in dir.dirs() {
        files.extend(embedded_files(sub));
    }
    files
}

pub fn escape_fn() -> fn(&str) -> String {
    escape::escape_current
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indentation_goes_and_every_line_break_stays() {
        let template = "<ul>\n  <li>{{ a }}</li>\n\t\t<li>b\n    c</li>\n   \n</ul>\n";
        assert_eq!(
            without_indentation(template),
            "<ul>\n<li>{{ a }}</li>\n<li>b\nc</li>\n\n</ul>\n"
        );
    }

    /// Taking a line's indentation away changes nothing a reader sees only while no template
    /// text is shown as written.
    #[test]
    fn the_default_themes_templates_show_no_text_as_written() {
        for file in embedded_files(&DEFAULT_THEME) {
            let path = file.path().to_string_lossy();
            if !(path.starts_with("templates/") && path.ends_with(".html")) {
                continue;
            }
            let text = String::from_utf8_lossy(file.contents()).to_lowercase();
            for tag in ["<pre", "<textarea", "white-space"] {
                assert!(!text.contains(tag), "{path} has {tag}");
            }
        }
    }
}
