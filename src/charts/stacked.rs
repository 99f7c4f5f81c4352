//! The horizontal stacked bar chart: one bar per row (a committee, an action area), one
//! segment per series (a status), each segment as long as its value.

use std::fmt::Write;

use super::{
    chart_id, check_value, esc, fail, fill, fill_of, format_number, format_percent, legend, n,
    pattern_defs, svg_open, text_width, wrap, ChartError, ChartText, Figure, FONT, WIDTH,
};

/// How long a bar is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    /// Every bar is the full width: segments are shares of the row's total.
    Share,
    /// Bars share one scale: the row with the largest total is the full width.
    Count,
}

/// The numbers of a stacked bar chart: `values[row][series]`.
#[derive(Debug, Clone, PartialEq)]
pub struct StackedBars {
    pub title: String,
    pub rows: Vec<String>,
    pub series: Vec<String>,
    pub values: Vec<Vec<f64>>,
    pub scale: Scale,
    /// The sentence under the title; made from the totals when the template gives none.
    pub summary: Option<String>,
    /// The heading over the row names in the table.
    pub rows_heading: Option<String>,
    pub id: Option<String>,
}

const BAR: f64 = 22.0;
const LINE: f64 = FONT + 3.0;
const GAP: f64 = 12.0;

impl StackedBars {
    /// The `<figure>` with caption, summary, SVG and table.
    pub fn render(&self, text: &ChartText) -> Result<String, ChartError> {
        self.check()?;
        let id = chart_id(self.id.as_deref(), "stacked", &format!("{self:?}"))?;
        let summary = match &self.summary {
            Some(summary) => summary.clone(),
            None => self.summary_text(text),
        };
        Ok(Figure {
            id: &id,
            class: "chart--stacked",
            title: &self.title,
            summary: &summary,
            svg: self.svg(&id, text),
            table: self.table(text),
            text,
        }
        .html())
    }

    fn check(&self) -> Result<(), ChartError> {
        if self.rows.is_empty() {
            return fail("`rows` is empty: a bar chart needs at least one row");
        }
        if self.series.is_empty() {
            return fail("`series` is empty: a bar chart needs at least one series");
        }
        if self.values.len() != self.rows.len() {
            return fail(format!(
                "`values` has {} lists but `rows` names {}: give one list of numbers per row",
                self.values.len(),
                self.rows.len()
            ));
        }
        for (at, row) in self.values.iter().enumerate() {
            if row.len() != self.series.len() {
                return fail(format!(
                    "`values` row {} (`{}`) has {} numbers but `series` names {}: give one number per series",
                    at + 1,
                    self.rows[at],
                    row.len(),
                    self.series.len()
                ));
            }
            for (series, value) in row.iter().enumerate() {
                check_value(*value, || {
                    format!(
                        "`values` row {} (`{}`), series `{}`",
                        at + 1,
                        self.rows[at],
                        self.series[series]
                    )
                })?;
            }
        }
        Ok(())
    }

    fn total(&self, row: usize) -> f64 {
        self.values[row].iter().sum()
    }

    fn svg(&self, id: &str, text: &ChartText) -> String {
        let (legend_svg, mut y) = legend(&self.series, |series, x, y| {
            format!(
                r#"<rect class="chart-swatch" x="{}" y="{}" width="13" height="13" fill="{}"/>"#,
                n(x),
                n(y),
                fill_of(id, series)
            )
        });
        let widest = (0..self.rows.len())
            .map(|row| self.total(row))
            .fold(0.0, f64::max);
        let mut body = String::new();
        for row in 0..self.rows.len() {
            let denominator = match self.scale {
                Scale::Share => self.total(row),
                Scale::Count => widest,
            };
            y = self.row(&mut body, row, y, denominator, id, text);
        }
        let height = y - GAP + 2.0;
        format!(
            "{}{}{legend_svg}{body}</svg>",
            svg_open(id, height),
            pattern_defs(id, self.series.len())
        )
    }

    /// Draws one row (its name over its bar) from `top`; returns where the next row starts.
    fn row(
        &self,
        out: &mut String,
        row: usize,
        top: f64,
        denominator: f64,
        id: &str,
        text: &ChartText,
    ) -> f64 {
        let total = self.total(row);
        let label = format!("{} ({})", self.rows[row], format_number(total));
        let mut y = top;
        let _ = write!(out, r#"<g class="chart-row" data-row="{row}">"#);
        for line in wrap(&label, WIDTH, FONT) {
            y += LINE;
            let _ = write!(
                out,
                r#"<text class="chart-text chart-label" x="0" y="{}">{}</text>"#,
                n(y - 3.0),
                esc(&line)
            );
        }
        y += 3.0;
        if total <= 0.0 {
            let _ = write!(
                out,
                r#"<text class="chart-text chart-muted" x="0" y="{}">{}</text>"#,
                n(y + BAR / 2.0 + 4.0),
                esc(&text.no_values)
            );
        }
        let mut x = 0.0;
        for (series, value) in self.values[row].iter().enumerate() {
            if *value <= 0.0 || denominator <= 0.0 {
                continue;
            }
            let width = value / denominator * WIDTH;
            let _ = write!(
                out,
                r#"<rect class="chart-seg" data-series="{series}" data-value="{}" x="{}" y="{}" width="{}" height="{}" fill="{}"/>"#,
                format_number(*value),
                n(x),
                n(y),
                n(width),
                n(BAR),
                fill_of(id, series)
            );
            let shown = format_number(*value);
            if text_width(&shown, FONT) + 6.0 <= width {
                let _ = write!(
                    out,
                    r#"<text class="chart-value chart-s{}" x="{}" y="{}" text-anchor="middle">{shown}</text>"#,
                    series % super::PALETTE,
                    n(x + width / 2.0),
                    n(y + BAR / 2.0 + FONT * 0.35),
                );
            }
            x += width;
        }
        out.push_str("</g>");
        y + BAR + GAP
    }

    fn table(&self, text: &ChartText) -> String {
        let heading = self.rows_heading.as_deref().unwrap_or(&text.rows_heading);
        let mut out = format!(r#"<thead><tr><th scope="col">{}</th>"#, esc(heading));
        for series in &self.series {
            let _ = write!(out, r#"<th scope="col" class="num">{}</th>"#, esc(series));
        }
        let _ = write!(
            out,
            r#"<th scope="col" class="num">{}</th></tr></thead><tbody>"#,
            esc(&text.total)
        );
        for (row, values) in self.values.iter().enumerate() {
            let _ = write!(out, r#"<tr><th scope="row">{}</th>"#, esc(&self.rows[row]));
            for value in values.iter().chain([self.total(row)].iter()) {
                let _ = write!(out, r#"<td class="num">{}</td>"#, format_number(*value));
            }
            out.push_str("</tr>");
        }
        let _ = write!(
            out,
            r#"</tbody><tfoot><tr><th scope="row">{}</th>"#,
            esc(&text.total)
        );
        let sums = self.series_totals();
        for value in sums.iter().chain([sums.iter().sum::<f64>()].iter()) {
            let _ = write!(out, r#"<td class="num">{}</td>"#, format_number(*value));
        }
        out.push_str("</tr></tfoot>");
        out
    }

    fn series_totals(&self) -> Vec<f64> {
        (0..self.series.len())
            .map(|series| self.values.iter().map(|row| row[series]).sum())
            .collect()
    }

    /// "Totalt 23: genomförd 12 (52 %), pågår 6 (26 %), …".
    fn summary_text(&self, text: &ChartText) -> String {
        let sums = self.series_totals();
        let total: f64 = sums.iter().sum();
        let parts: Vec<String> = self
            .series
            .iter()
            .zip(&sums)
            .map(|(series, value)| {
                fill(
                    &text.stacked_part,
                    &[
                        ("series", series),
                        ("value", &format_number(*value)),
                        ("share", &format_percent(*value, total)),
                    ],
                )
            })
            .collect();
        fill(
            &text.stacked_summary,
            &[
                ("total", &format_number(total)),
                ("parts", &parts.join(", ")),
            ],
        )
    }
}
