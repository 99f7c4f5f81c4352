//! The box `lots serve` shows over every page while the site cannot be built: the problems of
//! the last rebuild, each with its path relative to the site, position, message and source
//! line, under a Swedish heading. The same report goes out as data (for the reload script,
//! which draws the box in an open page) and as HTML (put into every page served meanwhile).

use std::path::Path;

use serde::Serialize;

use crate::diagnostics::BuildError;
use crate::markdown::highlight::escape;

/// The overlay's stylesheet, served at [`STYLE_URL`]; the box links it itself.
pub const STYLE: &str = include_str!("overlay.css");
pub const STYLE_URL: &str = "/__lots/overlay.css";

/// One problem as the overlay shows it. `path` is empty and `line` 0 when the problem has no
/// file (the disk, a crash); the message then says it all.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub source_line: Option<String>,
}

/// Why the last rebuild failed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Report {
    /// What the terminal shows, word for word what `lots build` prints.
    pub text: String,
    pub problems: Vec<Problem>,
}

impl Report {
    /// A failed build's problems, their paths made relative to the site folder `root`, and
    /// what `lots build` says of them in the site's language.
    pub fn from_error(error: &BuildError, root: &Path) -> Report {
        let problems = match error {
            BuildError::Content(items) => items
                .iter()
                .map(|item| Problem {
                    path: relative(&item.path, root),
                    line: item.line,
                    column: item.column,
                    message: item.message.clone(),
                    source_line: item.source_line.as_deref().map(str::to_string),
                })
                .collect(),
            BuildError::Io(message) => vec![Report::bare(message)],
        };
        Report {
            text: error.report(&crate::site::language_of(root)),
            problems,
        }
    }

    /// A problem known only as text (a crash while rebuilding).
    pub fn from_text(text: String) -> Report {
        Report {
            problems: vec![Report::bare(&text)],
            text,
        }
    }

    fn bare(message: &str) -> Problem {
        Problem {
            path: String::new(),
            line: 0,
            column: 0,
            message: message.to_string(),
            source_line: None,
        }
    }

    /// The report for the reload script.
    pub fn json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{\"problems\":[]}".to_string())
    }

    /// The box as HTML, the same the reload script draws from [`Report::json`].
    pub fn html(&self) -> String {
        let mut out = format!(
            "<div id=\"lots-error\" role=\"alert\" aria-labelledby=\"lots-error-title\">\
             <link rel=\"stylesheet\" href=\"{STYLE_URL}\">\
             <div class=\"lots-error__head\"><h2 id=\"lots-error-title\">{}</h2>\
             <button type=\"button\" class=\"lots-error__close\">Stäng</button></div>\
             <p class=\"lots-error__note\">{NOTE}</p><ol class=\"lots-error__list\">",
            heading(self.problems.len())
        );
        for problem in &self.problems {
            out.push_str("<li>");
            if !problem.path.is_empty() {
                out.push_str(&format!(
                    "<p class=\"lots-error__where\"><code>{}</code></p>",
                    escape(&place(problem))
                ));
            }
            out.push_str(&format!(
                "<p class=\"lots-error__message\">{}</p>",
                escape(&problem.message)
            ));
            if let Some(excerpt) = excerpt(problem) {
                out.push_str(&format!(
                    "<pre class=\"lots-error__source\">{}</pre>",
                    escape(&excerpt)
                ));
            }
            out.push_str("</li>");
        }
        out.push_str("</ol></div>");
        out
    }
}

/// Under the heading: what to do, and that nothing needs reloading by hand.
const NOTE: &str = "Rätta felet och spara: rutan försvinner av sig själv och sidan laddas om.";

fn heading(count: usize) -> String {
    // "problem" is both singular and plural in Swedish.
    format!("Webbplatsen kunde inte byggas om: {count} problem")
}

/// `content/a.md:3:7`, or the path alone when the position is unknown.
fn place(problem: &Problem) -> String {
    if problem.line == 0 {
        problem.path.clone()
    } else {
        format!("{}:{}:{}", problem.path, problem.line, problem.column)
    }
}

/// The source line with its number and a caret under the column, as the terminal shows it.
fn excerpt(problem: &Problem) -> Option<String> {
    let text = problem.source_line.as_deref()?;
    let gutter = problem.line.to_string();
    let pad: String = text
        .chars()
        .take(problem.column.saturating_sub(1))
        .map(|c| if c == '\t' { '\t' } else { ' ' })
        .collect();
    Some(format!(
        "{gutter} | {text}\n{} | {pad}^",
        " ".repeat(gutter.len())
    ))
}

/// `path` inside the site folder, with `/` between its parts; as given when it is elsewhere
/// (a theme's template outside the site).
fn relative(path: &Path, root: &Path) -> String {
    let canonical = std::fs::canonicalize(root).ok();
    let inside = path
        .strip_prefix(root)
        .ok()
        .or_else(|| canonical.as_deref().and_then(|c| path.strip_prefix(c).ok()));
    match inside {
        Some(rest) => rest
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/"),
        None => path.display().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Diagnostic;
    use std::path::PathBuf;

    fn diagnostic(path: &str) -> Diagnostic {
        let mut d = Diagnostic::file(Path::new(path), "a <b> message");
        d.line = 2;
        d.column = 8;
        d.source_line = Some("title: [trasig".into());
        d
    }

    #[test]
    fn paths_are_relative_to_the_site() {
        let root = PathBuf::from("/srv/sajt");
        let error = BuildError::Content(vec![diagnostic("/srv/sajt/content/guider/a.md")]);
        let report = Report::from_error(&error, &root);
        assert_eq!(report.problems[0].path, "content/guider/a.md");
        assert_eq!(report.text, error.to_string());
        let dot = BuildError::Content(vec![diagnostic("./content/a.md")]);
        assert_eq!(
            Report::from_error(&dot, Path::new(".")).problems[0].path,
            "content/a.md"
        );
        let elsewhere = BuildError::Content(vec![diagnostic("/usr/share/tema/page.html")]);
        assert_eq!(
            Report::from_error(&elsewhere, &root).problems[0].path,
            "/usr/share/tema/page.html"
        );
    }

    #[test]
    fn the_box_has_a_heading_the_place_the_message_and_a_caret() {
        let error = BuildError::Content(vec![
            diagnostic("/s/content/a.md"),
            diagnostic("/s/content/b.md"),
        ]);
        let html = Report::from_error(&error, Path::new("/s")).html();
        assert!(html.contains(
            "<h2 id=\"lots-error-title\">Webbplatsen kunde inte byggas om: 2 problem</h2>"
        ));
        assert!(html.contains("<code>content/a.md:2:8</code>"), "{html}");
        assert!(html.contains("a &lt;b&gt; message"), "{html}");
        assert!(
            html.contains("2 | title: [trasig\n  |        ^</pre>"),
            "{html}"
        );
        assert!(html.contains("<button type=\"button\" class=\"lots-error__close\">Stäng</button>"));
        assert!(!html.contains("/s/content"), "{html}");
    }

    /// The reload script draws the same box from the JSON; its words must not drift.
    #[test]
    fn the_reload_script_uses_the_same_words() {
        let script = include_str!("reload.js");
        assert!(script.contains(NOTE));
        assert!(script.contains(&heading(0).replace(" 0 problem", " \" + ")));
        assert!(script.contains("\"Stäng\""));
    }

    #[test]
    fn a_crash_is_one_problem_without_a_file() {
        let report = Report::from_text("lots crashed while rebuilding".to_string());
        let html = report.html();
        assert!(html.contains(": 1 problem</h2>"));
        assert!(html.contains("lots crashed while rebuilding"));
        assert!(!html.contains("<code>"));
        let json: serde_json::Value = serde_json::from_str(&report.json()).expect("JSON");
        assert_eq!(json["problems"][0]["line"], 0);
    }
}
