//! Charts drawn at build time as inline SVG: no JavaScript, no chart library.
//!
//! Each chart comes out as one `<figure>`: a caption, a visible summary sentence with the key
//! numbers, the SVG (`role="img"`, labelled by the caption and the summary) and the same
//! numbers as an HTML table in a `<details>`, so a screen reader, a printout and a reader who
//! cannot tell the colours apart all get every number. Colours and patterns are CSS classes
//! (`chart-s0`…) whose values live in the theme's style.css, so dark mode and print follow the
//! theme. Templates reach the charts through the functions in [`function`].

pub mod function;
mod stacked;
mod text;
mod trend;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod trend_tests;

pub use stacked::{Scale, StackedBars};
pub use text::ChartText;
pub use trend::Trend;

use std::fmt::Write;

/// Width of every chart's viewBox. Small, so that text stays legible when the SVG shrinks to a
/// 320 px screen; style.css caps how wide it grows on a large one.
pub const WIDTH: f64 = 320.0;
/// Font size of chart text in viewBox units.
const FONT: f64 = 13.0;
/// How many series have their own colour and pattern before they repeat.
const PALETTE: usize = 6;

/// A chart that cannot be drawn from what it was given, said so that the template's author can
/// fix the call.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartError(pub String);

impl std::fmt::Display for ChartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn fail<T>(message: impl Into<String>) -> Result<T, ChartError> {
    Err(ChartError(message.into()))
}

/// Text for SVG and HTML: escaped, and without the control characters XML does not allow.
pub(crate) fn esc(input: &str) -> String {
    let clean: String = input
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    crate::templates::escape::escape_html(&clean)
}

/// A number the Swedish way: whole numbers as they are, others with one decimal and a comma.
pub fn format_number(value: f64) -> String {
    if (value - value.round()).abs() < 1e-9 {
        format!("{}", value.round() as i64)
    } else {
        format!("{value:.1}").replace('.', ",")
    }
}

/// A share as a whole percentage, with the no-break space Swedish puts before `%`.
pub fn format_percent(part: f64, whole: f64) -> String {
    let percent = if whole > 0.0 {
        part / whole * 100.0
    } else {
        0.0
    };
    format!("{}\u{a0}%", percent.round() as i64)
}

/// Replaces `{name}` placeholders in an interface string in one pass, so a value that itself
/// holds `{…}` (a committee's name is content) is never filled in again.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let found = after.find('}').and_then(|close| {
            let name = &after[..close];
            values
                .iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| (close, *value))
        });
        match found {
            Some((close, value)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A value with its unit: `52 %`, `3 st`, or the bare number.
fn with_unit(value: f64, unit: Option<&str>) -> String {
    match unit {
        Some(unit) if !unit.is_empty() => format!("{}\u{a0}{unit}", format_number(value)),
        _ => format_number(value),
    }
}

/// A coordinate with at most two decimals, so the SVG stays short and diffs stay readable.
fn n(value: f64) -> String {
    let rounded = (value * 100.0).round() / 100.0;
    let text = format!("{rounded:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".into()
    } else {
        text.into()
    }
}

/// Estimated width of `text` at `size`: system fonts average a little over half an em per
/// character, so this errs on the wide side and a label judged to fit does fit.
fn text_width(text: &str, size: f64) -> f64 {
    text.chars().count() as f64 * size * 0.6
}

/// Splits `text` at spaces into lines no wider than `width` (a single long word gets a line
/// of its own rather than being cut).
fn wrap(text: &str, width: f64, size: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if text_width(&format!("{line} {word}"), size) <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// An id for the chart's elements: the author's, or one derived from what the chart shows, so
/// that a rebuild gives the same page.
fn chart_id(given: Option<&str>, kind: &str, content: &str) -> Result<String, ChartError> {
    match given {
        Some(id) => {
            let ok = id.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                && id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            if !ok {
                return fail(format!(
                    "`id` must start with a letter and hold only letters, digits, `-` and `_`, not `{id}`"
                ));
            }
            Ok(id.to_string())
        }
        None => {
            let hash = blake3::hash(format!("{kind}\n{content}").as_bytes());
            Ok(format!("chart-{}", &hash.to_hex()[..10]))
        }
    }
}

/// The pattern that tells series apart without colour: solid, stripes, dots, cross-hatching…
fn pattern_defs(id: &str, count: usize) -> String {
    let mut out = String::from("<defs>");
    for series in 0..count.min(PALETTE) {
        let class = format!("chart-fill chart-s{series}");
        let marks = match series % PALETTE {
            0 => String::new(),
            1 => r#"<path class="chart-hatch" d="M0 0V6"/>"#.into(),
            2 => r#"<circle class="chart-dot" cx="3" cy="3" r="1.2"/>"#.into(),
            3 => r#"<path class="chart-hatch" d="M0 0V6M0 3H6"/>"#.into(),
            4 => r#"<path class="chart-hatch" d="M0 3H6"/>"#.into(),
            _ => r#"<path class="chart-hatch" d="M0 0L6 6M6 0L0 6"/>"#.into(),
        };
        let rotate = if series % PALETTE == 1 || series % PALETTE == 3 {
            r#" patternTransform="rotate(45)""#
        } else {
            ""
        };
        let _ = write!(
            out,
            r#"<pattern id="{id}-p{series}" patternUnits="userSpaceOnUse" width="6" height="6"{rotate}><rect class="{class}" width="6" height="6"/>{marks}</pattern>"#
        );
    }
    out.push_str("</defs>");
    out
}

/// The fill of series `series`: its pattern.
fn fill_of(id: &str, series: usize) -> String {
    format!("url(#{id}-p{})", series % PALETTE)
}

/// The legend across the top: a swatch and a name per series, wrapped onto as many lines as
/// needed. Returns the SVG and the height it takes.
fn legend(series: &[String], marker: impl Fn(usize, f64, f64) -> String) -> (String, f64) {
    let mut out = String::from(r#"<g class="chart-legend">"#);
    let (mut x, mut y) = (0.0, 0.0);
    let line = FONT + 7.0;
    for (index, name) in series.iter().enumerate() {
        let width = 18.0 + text_width(name, FONT) + 12.0;
        if x > 0.0 && x + width > WIDTH {
            x = 0.0;
            y += line;
        }
        out.push_str(&marker(index, x, y));
        let _ = write!(
            out,
            r#"<text class="chart-text" x="{}" y="{}">{}</text>"#,
            n(x + 18.0),
            n(y + FONT - 1.0),
            esc(name)
        );
        x += width;
    }
    out.push_str("</g>");
    (out, y + line + 6.0)
}

/// What every chart puts around its SVG: caption, summary, and the numbers as a table.
struct Figure<'a> {
    id: &'a str,
    class: &'a str,
    title: &'a str,
    summary: &'a str,
    svg: String,
    table: String,
    text: &'a ChartText,
}

impl Figure<'_> {
    fn html(self) -> String {
        let Figure {
            id,
            class,
            title,
            summary,
            svg,
            table,
            text,
        } = self;
        format!(
            r#"<figure class="chart {class}" id="{id}"><figcaption class="chart-title" id="{id}-title">{title}</figcaption><p class="chart-summary" id="{id}-summary">{summary}</p>{svg}<details class="chart-details"><summary>{show}</summary><div class="table-scroll" role="region" aria-labelledby="{id}-caption" tabindex="0"><table class="data-table chart-table"><caption id="{id}-caption">{title}</caption>{table}</table></div></details></figure>"#,
            title = esc(title),
            summary = esc(summary),
            show = esc(&text.show_table),
        )
    }
}

/// The `<svg>` element's opening tag, tied to the figure's caption and summary.
fn svg_open(id: &str, height: f64) -> String {
    format!(
        r#"<svg class="chart-svg" viewBox="0 0 {} {}" width="{}" height="{}" role="img" aria-labelledby="{id}-title {id}-summary" focusable="false" xmlns="http://www.w3.org/2000/svg">"#,
        n(WIDTH),
        n(height),
        n(WIDTH),
        n(height)
    )
}

/// Checks a number the template gave: finite and not negative.
fn check_value(value: f64, place: impl FnOnce() -> String) -> Result<f64, ChartError> {
    if !value.is_finite() {
        return fail(format!("{} is not a number", place()));
    }
    if value < 0.0 {
        return fail(format!(
            "{} is negative ({}); a chart counts or measures, it cannot be below 0",
            place(),
            format_number(value)
        ));
    }
    Ok(value)
}
