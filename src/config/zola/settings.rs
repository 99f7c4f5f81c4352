//! The settings of Zola 0.22's `config.toml` (and a few older names still common) that Lots
//! does not read, each with what Lots does instead. A setting whose value already matches
//! what Lots does is accepted quietly: only a difference is worth a warning.

/// A Zola setting Lots does not read.
pub struct Ignored {
    /// The value (as written in TOML: `false`, `"none"`) for which Zola behaves as Lots always
    /// does, so nothing is lost; `None` when any value makes a difference.
    pub same: Option<&'static str>,
    /// The catalogue text saying what Lots does instead.
    pub instead: &'static str,
}

const fn ignored(same: Option<&'static str>, instead: &'static str) -> Option<Ignored> {
    Some(Ignored { same, instead })
}

/// The setting at `path` (`output_dir`, `markdown.smart_punctuation`, `taxonomies.feed`), or
/// `None` when Zola has no such setting (or Lots maps it, which the caller handles first).
pub fn lookup(path: &str) -> Option<Ignored> {
    let (section, key) = path.split_once('.').unwrap_or(("", path));
    match section {
        "" => top_level(key),
        "markdown" => markdown(key),
        "link_checker" => link_checker(key),
        "slugify" => match key {
            "paths" | "taxonomies" | "anchors" => ignored(Some("on"), "zola.instead.slugify"),
            "paths_keep_dates" => ignored(Some("false"), "zola.instead.slugify"),
            _ => None,
        },
        "search" => match key {
            "include_title" | "include_content" => ignored(Some("true"), "zola.instead.search"),
            "include_description" | "include_date" | "include_path" => {
                ignored(Some("false"), "zola.instead.search")
            }
            "truncate_content_length" => ignored(None, "zola.instead.search"),
            "index_format" => ignored(None, "zola.instead.index_format"),
            _ => None,
        },
        "taxonomies" => match key {
            "paginate_path" => ignored(None, "zola.instead.paginate_path"),
            "render" => ignored(Some("true"), "zola.instead.taxonomy_render"),
            "feed" => ignored(Some("false"), "zola.instead.feeds"),
            "lang" => ignored(None, "zola.instead.languages"),
            _ => None,
        },
        _ => None,
    }
}

fn top_level(key: &str) -> Option<Ignored> {
    match key {
        "theme" => ignored(None, "zola.instead.theme"),
        "output_dir" => ignored(Some("public"), "zola.instead.output_dir"),
        "preserve_dotfiles_in_output" => ignored(Some("false"), "zola.instead.output_replaced"),
        "compile_sass" => ignored(Some("false"), "zola.instead.sass"),
        "minify_html" => ignored(Some("false"), "zola.instead.minify"),
        "ignored_content" | "ignored_static" => ignored(None, "zola.instead.ignored_files"),
        "generate_feeds" | "generate_feed" => ignored(Some("false"), "zola.instead.feeds"),
        "feed_filenames" | "feed_filename" | "feed_limit" => ignored(None, "zola.instead.feeds"),
        "exclude_paginated_pages_in_sitemap" => ignored(None, "zola.instead.sitemap"),
        "generate_sitemap" => ignored(Some("true"), "zola.instead.sitemap"),
        "generate_robots_txt" => ignored(Some("false"), "zola.instead.robots"),
        "hard_link_static" => ignored(Some("false"), "zola.instead.static_copied"),
        "author" => ignored(None, "zola.instead.author"),
        "taxonomy_root" => ignored(None, "zola.instead.taxonomy_root"),
        "build_search_index" => ignored(Some("true"), "zola.instead.search_always"),
        "languages" => ignored(None, "zola.instead.languages"),
        "translations" => ignored(None, "zola.instead.translations"),
        _ => None,
    }
}

fn markdown(key: &str) -> Option<Ignored> {
    match key {
        "highlighting" | "highlight_theme" | "highlight_themes_css" | "extra_syntaxes" => {
            ignored(None, "zola.instead.highlighting")
        }
        "highlight_code" => ignored(Some("true"), "zola.instead.highlighting"),
        "render_emoji" => ignored(Some("false"), "zola.instead.emoji"),
        "external_links_class" => ignored(None, "zola.instead.external_links"),
        "external_links_target_blank"
        | "external_links_no_follow"
        | "external_links_no_referrer"
        | "external_links_external" => ignored(Some("false"), "zola.instead.external_links"),
        "smart_punctuation" => ignored(Some("true"), "zola.instead.smart_punctuation"),
        "definition_list" => ignored(Some("false"), "zola.instead.definition_list"),
        "bottom_footnotes" => ignored(Some("false"), "zola.instead.footnotes"),
        "lazy_async_image" => ignored(Some("true"), "zola.instead.lazy_images"),
        "insert_anchor_links" => ignored(Some("none"), "zola.instead.anchor_links"),
        "github_alerts" => ignored(Some("false"), "zola.instead.alerts"),
        _ => None,
    }
}

fn link_checker(key: &str) -> Option<Ignored> {
    match key {
        "skip_anchor_prefixes" | "ignored_files" => ignored(None, "zola.instead.link_checker"),
        "internal_level" => ignored(Some("error"), "zola.instead.internal_links"),
        "external_level" => ignored(None, "zola.instead.external_level"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_are_found_by_their_section() {
        assert!(lookup("output_dir").is_some());
        assert!(lookup("markdown.smart_punctuation").is_some_and(|s| s.same == Some("true")));
        assert!(lookup("taxonomies.feed").is_some());
        assert!(lookup("smart_punctuation").is_none());
        assert!(lookup("markdown.output_dir").is_none());
    }
}
