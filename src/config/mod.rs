//! `config.yaml` at the site root: site title, base URL, language, theme, taxonomies and
//! typed collections. Unknown keys and wrong types are errors with line and column. A site
//! moving from Zola may have only Zola's `config.toml`, read instead ([`zola`]).

mod check;
mod collections;
mod csp;
mod images;
pub mod schema_doc;
mod search;
pub mod zola;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::diagnostics::{read_text, Diagnostic};
use crate::yaml::{self, Spanned};

pub use check::CheckConfig;
pub use collections::{
    Collection, FieldKind, FieldSpec, FieldSpecs, FollowUpOf, PageOutput, PublishIf,
};
pub use csp::Csp;
pub use images::{ImageOutputFormat, ImagesConfig, MAX_IMAGE_SIDE};
use search::RawSearchConfig;
pub use search::{SearchConfig, Synonym};
pub use zola::{config_file as zola_config_file, file_name, ZOLA_CONFIG_FILES};

pub const CONFIG_FILE: &str = "config.yaml";

/// The validated site configuration.
#[derive(Debug, Clone, Serialize)]
pub struct Config {
    pub title: String,
    pub description: Option<String>,
    /// Absolute URL the site is published under, without a trailing slash. Used only where
    /// a relative URL cannot work: the sitemap and the 404 page.
    pub base_url: String,
    pub language: String,
    pub theme: Option<String>,
    pub taxonomies: Vec<TaxonomyConfig>,
    pub collections: Vec<Collection>,
    pub search: SearchConfig,
    /// `check:`: freshness ages and external links for `lots check` and "Att se över".
    pub check: CheckConfig,
    /// `images:`: widths for `srcset`, quality and format of resized copies.
    pub images: ImagesConfig,
    pub extra: serde_json::Map<String, serde_json::Value>,
    /// `allow_active_files:` types of file in `content/` that a browser runs as code (`html`,
    /// `xml`, …), published anyway because the site trusts them; lower case, without the dot.
    pub allow_active_files: Vec<String>,
    /// `content_security_policy:` servers the site adds to the policy every page carries.
    pub content_security_policy: Csp,
    /// What loading the config noticed without refusing it (Zola settings Lots does not
    /// read), in the site's language; the build reports them with its own warnings.
    #[serde(skip)]
    pub warnings: Vec<Diagnostic>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaxonomyConfig {
    pub name: String,
    /// Terms with more pages than this are split over several pages.
    #[serde(default)]
    pub paginate_by: Option<usize>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: String,
    #[serde(default)]
    description: Option<String>,
    base_url: Spanned<String>,
    #[serde(default)]
    language: Option<Spanned<String>>,
    #[serde(default)]
    theme: Option<Spanned<String>>,
    #[serde(default)]
    taxonomies: Vec<Spanned<TaxonomyConfig>>,
    #[serde(default)]
    collections: Vec<Spanned<Collection>>,
    #[serde(default)]
    search: RawSearchConfig,
    #[serde(default)]
    check: CheckConfig,
    #[serde(default)]
    images: Option<Spanned<ImagesConfig>>,
    #[serde(default)]
    extra: yaml::Loose,
    #[serde(default)]
    allow_active_files: Vec<Spanned<String>>,
    #[serde(default)]
    content_security_policy: csp::RawCsp,
}

impl Config {
    /// Reads and validates `root/config.yaml` (or, without one, Zola's `root/zola.toml` or
    /// `root/config.toml`), reporting every problem found in it.
    pub fn load(root: &Path) -> Result<Config, Vec<Diagnostic>> {
        let path: PathBuf = root.join(CONFIG_FILE);
        let zola_path = zola_config_file(root);
        if !path.is_file() {
            if let Some(zola_path) = zola_path {
                return Self::load_zola(root, &zola_path);
            }
            return Err(vec![Diagnostic::file(
                &path,
                "no config.yaml (nor a Zola zola.toml or config.toml) found; create one with at least `title:` and `base_url:`, start a site with `lots init`, or pass --root",
            )]);
        }
        let text = read_text(&path).map_err(|d| vec![d])?;
        let mut config = Self::from_yaml(&path, &text)?;
        if let Some(zola_path) = zola_path {
            let args = crate::args!("file" => file_name(&zola_path));
            let both = Diagnostic::file(&zola_path, "").with_text("zola.both", args);
            config.warnings.push(both.warning());
        }
        crate::messages::localize(&mut config.warnings, &config.language);
        Ok(config)
    }

    /// The config in `text`, the YAML of the file at `path`.
    fn from_yaml(path: &Path, text: &str) -> Result<Config, Vec<Diagnostic>> {
        let block = yaml::Block::new(path, text, 1);
        let raw: RawConfig = yaml::parse(block, text).map_err(|d| vec![d])?;
        Self::validate(raw, block)
    }

    /// Zola's `config.toml` at `path`, taken as the `config.yaml` it means, each problem
    /// reported where it is in `config.toml`.
    fn load_zola(root: &Path, path: &Path) -> Result<Config, Vec<Diagnostic>> {
        let text = read_text(path).map_err(|d| vec![d])?;
        let (_, mut config) = Self::yaml_from_zola(path, &text, &folder_name(root))?;
        crate::messages::localize(&mut config.warnings, &config.language);
        Ok(config)
    }

    /// The settings of the Zola `config.toml` text at `path` as `config.yaml` text, and the
    /// config it makes, checked as Lots reads it, whose warnings (in English until localized)
    /// say what is not carried over. For `lots init --from-zola`.
    pub fn yaml_from_zola(
        path: &Path,
        text: &str,
        folder_name: &str,
    ) -> Result<(String, Config), Vec<Diagnostic>> {
        let converted = zola::convert(path, text, folder_name)?;
        let mut config = Self::from_yaml(path, &converted.yaml).map_err(|problems| {
            problems
                .into_iter()
                .map(|p| converted.remap(p, text))
                .collect::<Vec<_>>()
        })?;
        config.warnings = converted.warnings;
        Ok((converted.yaml, config))
    }

    fn validate(raw: RawConfig, block: yaml::Block<'_>) -> Result<Config, Vec<Diagnostic>> {
        let mut problems = Vec::new();
        if let Err(why) = check_base_url(&raw.base_url.value) {
            problems.push(block.at(&raw.base_url, why));
        }
        let base_url = raw.base_url.value.trim_end_matches('/').to_string();
        let language = match raw.language {
            Some(lang) => {
                let ok = !lang.value.is_empty()
                    && lang
                        .value
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-');
                if !ok {
                    problems
                        .push(block.at(&lang, "`language` must be a language code such as `sv`"));
                }
                lang.value
            }
            None => "sv".to_string(),
        };
        let theme = raw.theme.map(|theme| {
            if !is_plain_name(&theme.value) {
                problems.push(block.at(
                    &theme,
                    "`theme` must be the name of a folder in themes/ (letters, digits, - and _)",
                ));
            }
            theme.value
        });
        let mut taxonomies: Vec<TaxonomyConfig> = Vec::new();
        for taxonomy in raw.taxonomies {
            if !is_plain_name(&taxonomy.value.name) {
                problems.push(block.at(
                    &taxonomy,
                    "a taxonomy `name` may hold only letters, digits, - and _",
                ));
            } else if taxonomies.iter().any(|t| t.name == taxonomy.value.name) {
                problems.push(block.at(
                    &taxonomy,
                    format!("taxonomy `{}` is declared twice", taxonomy.value.name),
                ));
            }
            taxonomies.push(taxonomy.value);
        }
        let collections = check_collections(raw.collections, block, &mut problems);
        let images = ImagesConfig::checked(raw.images, block, &mut problems);
        let search = SearchConfig::checked(raw.search, block, &mut problems);
        let allow_active_files = raw
            .allow_active_files
            .iter()
            .map(|entry| {
                let ext = entry
                    .value
                    .trim()
                    .trim_start_matches('.')
                    .to_ascii_lowercase();
                if let Some(why) = crate::content::active::check_allowed(&ext) {
                    problems.push(block.at(entry, format!("`allow_active_files`: {why}")));
                }
                ext
            })
            .collect();
        let content_security_policy =
            Csp::checked(raw.content_security_policy, block, &mut problems);
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Config {
            title: raw.title,
            description: raw.description,
            base_url,
            language,
            theme,
            taxonomies,
            collections,
            search,
            check: raw.check,
            images,
            extra: raw.extra.0,
            allow_active_files,
            content_security_policy,
            warnings: Vec::new(),
        })
    }

    /// Replaces the base URL (from `--base-url`), checking it like the config value.
    pub fn set_base_url(&mut self, url: &str) -> Result<(), String> {
        check_base_url(url)?;
        self.base_url = url.trim_end_matches('/').to_string();
        Ok(())
    }

    /// The path part of the base URL with slashes around it (`/vbe/`), for files a web
    /// server shows at any address, such as the 404 page.
    pub fn base_path(&self) -> String {
        let after_scheme = self.base_url.split_once("://").map_or("", |(_, rest)| rest);
        let path = after_scheme
            .split_once('/')
            .map_or("", |(_, path)| path)
            .trim_matches('/');
        if path.is_empty() {
            "/".to_string()
        } else {
            format!("/{path}/")
        }
    }

    /// The collection the page with content key `key` belongs to.
    pub fn collection_for(&self, key: &str) -> Option<&Collection> {
        self.collections.iter().find(|c| c.contains(key))
    }

    pub fn collection(&self, name: &str) -> Option<&Collection> {
        self.collections.iter().find(|c| c.name == name)
    }

    pub fn taxonomy(&self, name: &str) -> Option<&TaxonomyConfig> {
        self.taxonomies.iter().find(|t| t.name == name)
    }
}

fn check_collections(
    raw: Vec<Spanned<Collection>>,
    block: yaml::Block<'_>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Collection> {
    let mut collections: Vec<Collection> = Vec::new();
    for collection in raw {
        let c = &collection.value;
        if !is_plain_name(&c.name) {
            problems.push(block.at(
                &collection,
                "a collection `name` may hold only letters, digits, - and _",
            ));
        }
        if collections.iter().any(|other| other.name == c.name) {
            problems.push(block.at(
                &collection,
                format!("collection `{}` is declared twice", c.name),
            ));
        }
        for dir in &c.sections {
            if let Some(other) = collections.iter().find(|o| o.sections.contains(dir)) {
                problems.push(block.at(
                    &collection,
                    format!(
                        "folder `{dir}` belongs to both `{}` and `{}`",
                        other.name, c.name
                    ),
                ));
            }
        }
        for output in c.page_outputs.iter().chain(&c.list_outputs) {
            if !output
                .file
                .chars()
                .all(|ch| ch.is_ascii_alphanumeric() || matches!(ch, '-' | '_' | '.'))
            {
                problems.push(block.at(
                    &collection,
                    format!("page output `{}` must be a plain file name", output.file),
                ));
            }
        }
        if let Some(rule) = &c.publish_if {
            if !c.fields.contains_key(&rule.field) {
                problems.push(block.at(
                    &collection,
                    format!(
                        "`publish_if` names `{}`, which is not one of the collection's fields",
                        rule.field
                    ),
                ));
            }
        }
        check_field_specs(&c.fields, &collection, block, problems);
        collections.push(collection.value);
    }
    collections
}

fn check_field_specs(
    fields: &crate::config::FieldSpecs,
    at: &Spanned<Collection>,
    block: yaml::Block<'_>,
    problems: &mut Vec<Diagnostic>,
) {
    for (name, spec) in fields {
        if spec.kind == FieldKind::Enum && spec.values.is_empty() {
            problems.push(block.at(
                at,
                format!("field `{name}` is an enum but lists no `values`"),
            ));
        }
        if spec.kind == FieldKind::Records && spec.fields.is_empty() {
            problems.push(block.at(
                at,
                format!("field `{name}` holds records but names no `fields`"),
            ));
        }
        if spec.review && spec.kind != FieldKind::Date {
            problems.push(block.at(
                at,
                format!("field `{name}` is marked `review: true` but is not a `date`; only a date can be due"),
            ));
        }
        check_field_specs(&spec.fields, at, block, problems);
    }
}

fn check_base_url(url: &str) -> Result<(), String> {
    let ok = (url.starts_with("http://") || url.starts_with("https://"))
        && !url.contains(char::is_whitespace)
        && !url.contains(['"', '<', '>', '\'']);
    if ok {
        Ok(())
    } else {
        Err(format!("`base_url` must be an absolute http(s) URL such as https://intranat.example.se/vbe, not `{url}`"))
    }
}

/// The name of the site's folder (`kunskapsbank`), the title of a Zola site that has none.
pub fn folder_name(root: &Path) -> String {
    root.canonicalize()
        .or_else(|_| std::path::absolute(root))
        .ok()
        .and_then(|p| {
            p.components().rev().find_map(|c| match c {
                std::path::Component::Normal(name) => Some(name.to_string_lossy().into_owned()),
                _ => None,
            })
        })
        .unwrap_or_else(|| "Lots".to_string())
}

/// A name safe to use as one path component.
pub fn is_plain_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}
