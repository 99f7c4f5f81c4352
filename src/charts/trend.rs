//! The trend chart: one line per series over the reporting periods (T1 2020, T2 2020, VB
//! 2020…), with a marker of its own shape and dash at every value, so lines are told apart
//! without colour.

use std::fmt::Write;

use super::{
    chart_id, check_value, esc, fail, fill, format_number, legend, n, svg_open, with_unit, wrap,
    ChartError, ChartText, Figure, FONT, WIDTH,
};

/// The numbers of a trend chart: `values[series][period]`; `None` where a period has no value
/// (no report), which breaks the line there.
#[derive(Debug, Clone, PartialEq)]
pub struct Trend {
    pub title: String,
    pub periods: Vec<String>,
    pub series: Vec<String>,
    pub values: Vec<Vec<Option<f64>>>,
    /// Written after every value (`%`); a `%` chart runs from 0 to 100 unless `y_max` is given.
    pub unit: Option<String>,
    pub y_max: Option<f64>,
    /// What the vertical axis measures, written above it.
    pub y_label: Option<String>,
    pub summary: Option<String>,
    pub id: Option<String>,
}

const LEFT: f64 = 32.0;
const RIGHT: f64 = 48.0;
const PLOT_HEIGHT: f64 = 150.0;
const INSET: f64 = 14.0;
const LINE: f64 = FONT + 3.0;

/// The plot's geometry: where a period and a value are drawn.
struct Frame {
    top: f64,
    periods: usize,
    max: f64,
}

impl Frame {
    fn x(&self, period: usize) -> f64 {
        let inner = WIDTH - LEFT - RIGHT - 2.0 * INSET;
        if self.periods <= 1 {
            return LEFT + INSET + inner / 2.0;
        }
        LEFT + INSET + inner * period as f64 / (self.periods - 1) as f64
    }

    fn y(&self, value: f64) -> f64 {
        self.top + PLOT_HEIGHT * (1.0 - value / self.max)
    }

    fn bottom(&self) -> f64 {
        self.top + PLOT_HEIGHT
    }
}

impl Trend {
    /// The `<figure>` with caption, summary, SVG and table.
    pub fn render(&self, text: &ChartText) -> Result<String, ChartError> {
        let max = self.check()?;
        let id = chart_id(self.id.as_deref(), "trend", &format!("{self:?}"))?;
        let summary = match &self.summary {
            Some(summary) => summary.clone(),
            None => self.summary_text(text),
        };
        Ok(Figure {
            id: &id,
            class: "chart--trend",
            title: &self.title,
            summary: &summary,
            svg: self.svg(&id, max),
            table: self.table(text),
            text,
        }
        .html())
    }

    /// Checks the numbers and returns the top of the vertical axis.
    fn check(&self) -> Result<f64, ChartError> {
        if self.periods.is_empty() {
            return fail("`periods` is empty: a trend chart needs at least one period");
        }
        if self.series.is_empty() {
            return fail("`series` is empty: a trend chart needs at least one series");
        }
        if self.values.len() != self.series.len() {
            return fail(format!(
                "`values` has {} lists but `series` names {}: give one list of numbers per series",
                self.values.len(),
                self.series.len()
            ));
        }
        let mut largest: f64 = 0.0;
        for (at, values) in self.values.iter().enumerate() {
            if values.len() != self.periods.len() {
                return fail(format!(
                    "`values` for `{}` has {} numbers but `periods` names {}: give one number (or none) per period",
                    self.series[at],
                    values.len(),
                    self.periods.len()
                ));
            }
            for (period, value) in values.iter().enumerate() {
                if let Some(value) = value {
                    let place = || {
                        format!(
                            "`values` for `{}`, `{}`",
                            self.series[at], self.periods[period]
                        )
                    };
                    largest = largest.max(check_value(*value, place)?);
                }
            }
        }
        let max = match self.y_max {
            Some(max) if !max.is_finite() || max <= 0.0 => {
                return fail("`y_max` must be a number above 0")
            }
            Some(max) => max,
            None if self.unit.as_deref() == Some("%") => 100.0_f64.max(nice_ceiling(largest)),
            None => nice_ceiling(largest),
        };
        if largest > max {
            return fail(format!(
                "a value ({}) is above `y_max` ({}); raise `y_max` or leave it out",
                format_number(largest),
                format_number(max)
            ));
        }
        Ok(max)
    }

    fn svg(&self, id: &str, max: f64) -> String {
        let (legend_svg, mut top) = legend(&self.series, |series, x, y| {
            format!(
                r#"<path class="chart-line chart-s{c} chart-dash{d}" d="M{} {}h14"/>{}"#,
                n(x),
                n(y + 7.0),
                marker(series, x + 7.0, y + 7.0),
                c = series % super::PALETTE,
                d = series % 4,
            )
        });
        let mut out = String::new();
        if let Some(label) = &self.y_label {
            for line in wrap(label, WIDTH, FONT) {
                top += LINE;
                let _ = write!(
                    out,
                    r#"<text class="chart-text chart-axis-label" x="0" y="{}">{}</text>"#,
                    n(top - 3.0),
                    esc(&line)
                );
            }
        }
        let frame = Frame {
            top: top + 8.0,
            periods: self.periods.len(),
            max,
        };
        self.axes(&mut out, &frame);
        let label_lines = self.period_labels(&mut out, &frame);
        for series in 0..self.series.len() {
            self.line(&mut out, series, &frame);
        }
        self.end_labels(&mut out, &frame);
        let height = frame.bottom() + 6.0 + LINE * label_lines as f64 + 4.0;
        format!("{}{legend_svg}{out}</svg>", svg_open(id, height))
    }

    /// Grid lines with their values on the left, and the base line.
    fn axes(&self, out: &mut String, frame: &Frame) {
        let step = nice_step(frame.max / 4.0);
        let mut tick = 0.0;
        out.push_str(r#"<g class="chart-axis">"#);
        while tick <= frame.max * (1.0 + 1e-9) {
            let y = frame.y(tick);
            let class = if tick == 0.0 {
                "chart-base"
            } else {
                "chart-grid"
            };
            let _ = write!(
                out,
                r#"<path class="{class}" d="M{} {}H{}"/><text class="chart-text chart-tick" x="{}" y="{}" text-anchor="end" data-tick="{}">{}</text>"#,
                n(LEFT),
                n(y),
                n(WIDTH - RIGHT),
                n(LEFT - 4.0),
                n(y + FONT * 0.35),
                format_number(tick),
                format_number(tick)
            );
            tick += step;
        }
        out.push_str("</g>");
    }

    /// The periods under the axis, wrapped at spaces ("T1" over "2020") when they do not fit
    /// side by side. Returns how many lines the tallest took.
    fn period_labels(&self, out: &mut String, frame: &Frame) -> usize {
        let room = if self.periods.len() > 1 {
            frame.x(1) - frame.x(0)
        } else {
            WIDTH
        };
        let mut most = 1;
        out.push_str(r#"<g class="chart-periods">"#);
        for (at, period) in self.periods.iter().enumerate() {
            let lines = wrap(period, room - 4.0, FONT);
            most = most.max(lines.len());
            for (line_at, line) in lines.iter().enumerate() {
                let _ = write!(
                    out,
                    r#"<text class="chart-text" x="{}" y="{}" text-anchor="middle">{}</text>"#,
                    n(frame.x(at)),
                    n(frame.bottom() + 6.0 + LINE * (line_at + 1) as f64 - 3.0),
                    esc(line)
                );
            }
        }
        out.push_str("</g>");
        most
    }

    /// One series: its line, broken where a period has no value, and a marker at every value.
    fn line(&self, out: &mut String, series: usize, frame: &Frame) {
        let class = format!(
            "chart-s{} chart-dash{}",
            series % super::PALETTE,
            series % 4
        );
        let points: Vec<Option<(f64, f64, f64)>> = self.values[series]
            .iter()
            .enumerate()
            .map(|(at, v)| v.map(|v| (frame.x(at), frame.y(v), v)))
            .collect();
        let _ = write!(out, r#"<g class="chart-series" data-series="{series}">"#);
        for run in points.split(Option::is_none) {
            let run: Vec<_> = run.iter().flatten().collect();
            if run.len() > 1 {
                let d: Vec<String> = run
                    .iter()
                    .map(|(x, y, _)| format!("{} {}", n(*x), n(*y)))
                    .collect();
                let _ = write!(
                    out,
                    r#"<path class="chart-line {class}" d="M{}"/>"#,
                    d.join("L")
                );
            }
        }
        for (period, point) in points.iter().enumerate() {
            if let Some((x, y, value)) = point {
                let _ = write!(
                    out,
                    r#"<g class="chart-point" data-period="{period}" data-value="{}" data-x="{}" data-y="{}">{}</g>"#,
                    format_number(*value),
                    n(*x),
                    n(*y),
                    marker(series, *x, *y)
                );
            }
        }
        out.push_str("</g>");
    }

    /// Each series' last value written beside its last marker. Labels at the same period are
    /// pushed apart so that lines ending close together do not print over each other.
    fn end_labels(&self, out: &mut String, frame: &Frame) {
        let mut labels: Vec<(usize, f64, f64, f64)> = self
            .values
            .iter()
            .enumerate()
            .filter_map(|(series, values)| {
                let (period, value) = values
                    .iter()
                    .enumerate()
                    .rev()
                    .find_map(|(at, v)| v.map(|v| (at, v)))?;
                Some((series, frame.x(period), frame.y(value) + FONT * 0.35, value))
            })
            .collect();
        labels.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.2.total_cmp(&b.2)));
        for at in 1..labels.len() {
            let (previous, current) = (labels[at - 1], labels[at]);
            if previous.1 == current.1 && current.2 < previous.2 + FONT {
                labels[at].2 = previous.2 + FONT;
            }
        }
        labels.sort_by_key(|label| label.0);
        for (series, x, y, value) in labels {
            let _ = write!(
                out,
                r#"<text class="chart-text chart-end-value" data-series="{series}" x="{}" y="{}">{}</text>"#,
                n(x + 7.0),
                n(y),
                esc(&with_unit(value, self.unit.as_deref()))
            );
        }
    }

    fn table(&self, text: &ChartText) -> String {
        let mut out = format!(
            r#"<thead><tr><th scope="col">{}</th>"#,
            esc(&text.period_heading)
        );
        for series in &self.series {
            let _ = write!(out, r#"<th scope="col" class="num">{}</th>"#, esc(series));
        }
        out.push_str("</tr></thead><tbody>");
        for (at, period) in self.periods.iter().enumerate() {
            let _ = write!(out, r#"<tr><th scope="row">{}</th>"#, esc(period));
            for values in &self.values {
                let cell = match values[at] {
                    Some(value) => with_unit(value, self.unit.as_deref()),
                    None => text.missing.clone(),
                };
                let _ = write!(out, r#"<td class="num">{}</td>"#, esc(&cell));
            }
            out.push_str("</tr>");
        }
        out.push_str("</tbody>");
        out
    }

    /// Each series from its first value to its last: "Genomförda: 30 % (T1 2020) till 52 %
    /// (T2 2020)".
    fn summary_text(&self, text: &ChartText) -> String {
        let unit = self.unit.as_deref();
        let parts: Vec<String> = self
            .series
            .iter()
            .zip(&self.values)
            .map(|(series, values)| {
                let known: Vec<(usize, f64)> = values
                    .iter()
                    .enumerate()
                    .filter_map(|(at, v)| v.map(|v| (at, v)))
                    .collect();
                match (known.first(), known.last()) {
                    (Some(first), Some(last)) if first.0 != last.0 => fill(
                        &text.trend_change,
                        &[
                            ("series", series),
                            ("first", &with_unit(first.1, unit)),
                            ("first_period", &self.periods[first.0]),
                            ("last", &with_unit(last.1, unit)),
                            ("last_period", &self.periods[last.0]),
                        ],
                    ),
                    (Some(only), _) => fill(
                        &text.trend_single,
                        &[
                            ("series", series),
                            ("value", &with_unit(only.1, unit)),
                            ("period", &self.periods[only.0]),
                        ],
                    ),
                    _ => fill(&text.trend_empty, &[("series", series)]),
                }
            })
            .collect();
        format!("{}.", parts.join("; "))
    }
}

/// A marker whose shape tells the series apart: circle, square, triangle, diamond.
fn marker(series: usize, x: f64, y: f64) -> String {
    let class = format!("chart-marker chart-fill chart-s{}", series % super::PALETTE);
    match series % 4 {
        0 => format!(
            r#"<circle class="{class}" cx="{}" cy="{}" r="4"/>"#,
            n(x),
            n(y)
        ),
        1 => format!(
            r#"<rect class="{class}" x="{}" y="{}" width="8" height="8"/>"#,
            n(x - 4.0),
            n(y - 4.0)
        ),
        2 => format!(
            r#"<path class="{class}" d="M{} {}l5 9h-10z"/>"#,
            n(x),
            n(y - 5.0)
        ),
        _ => format!(
            r#"<path class="{class}" d="M{} {}l5 5l-5 5l-5 -5z"/>"#,
            n(x),
            n(y - 5.0)
        ),
    }
}

/// The smallest 1, 2, 2.5 or 5 times a power of ten at or above `value` (1 for nothing).
fn nice_step(value: f64) -> f64 {
    if value <= 0.0 || !value.is_finite() {
        return 1.0;
    }
    let power = 10f64.powf(value.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * power)
        .find(|step| *step >= value * (1.0 - 1e-9))
        .unwrap_or(10.0 * power)
}

/// The top of an axis that holds `value`: a whole number of nice steps.
fn nice_ceiling(value: f64) -> f64 {
    if value <= 0.0 {
        return 1.0;
    }
    let step = nice_step(value / 4.0);
    (value / step).ceil() * step
}
