//! Fenced code highlighted by syntect into CSS classes, so themes and dark mode style it.

use std::sync::OnceLock;

use syntect::highlighting::ThemeSet;
use syntect::html::{css_for_theme_with_class_style, ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// `<pre><code>` for a fenced block; highlighted when the language is known.
pub fn code_block(code: &str, language: &str) -> String {
    let language: String = language
        .chars()
        .take_while(|c| !c.is_whitespace() && *c != ',' && *c != '{')
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '#' | '_' | '.'))
        .collect();
    let highlighted = (!language.is_empty())
        .then(|| highlight(code, &language))
        .flatten();
    let body = highlighted.unwrap_or_else(|| escape(code));
    if language.is_empty() {
        format!("<pre class=\"code\"><code>{body}</code></pre>\n")
    } else {
        format!("<pre class=\"code\" data-lang=\"{language}\"><code class=\"language-{language}\">{body}</code></pre>\n")
    }
}

fn highlight(code: &str, language: &str) -> Option<String> {
    let set = syntaxes();
    let syntax = set.find_syntax_by_token(language)?;
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, set, CLASS_STYLE);
    for line in LinesWithEndings::from(code) {
        generator
            .parse_html_for_line_which_includes_newline(line)
            .ok()?;
    }
    Some(generator.finalize())
}

pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    pulldown_cmark_escape::escape_html(&mut out, text).ok();
    out
}

/// The stylesheet for highlighted code: a light theme, and a dark one for dark mode.
pub fn stylesheet() -> String {
    let themes = ThemeSet::load_defaults();
    let light = themes
        .themes
        .get("InspiredGitHub")
        .and_then(|t| css_for_theme_with_class_style(t, CLASS_STYLE).ok());
    let dark = themes
        .themes
        .get("base16-ocean.dark")
        .and_then(|t| css_for_theme_with_class_style(t, CLASS_STYLE).ok());
    let mut css = light.unwrap_or_default();
    if let Some(dark) = dark {
        css.push_str("\n@media (prefers-color-scheme: dark) {\n");
        css.push_str(&dark);
        css.push_str("\n}\n");
    }
    css
}
