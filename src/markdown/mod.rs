//! Markdown to HTML with pulldown-cmark: heading ids and a table of contents, internal links
//! resolved to root-marked URLs, Swedish quotation marks, highlighted code, raw HTML shown as
//! text (never published as markup), Zola's shortcodes run from the site's templates.

pub mod highlight;
pub mod links;
mod phone;
mod quotes;
mod raw_html;
mod shortcode_events;
pub mod shortcodes;
mod table;
mod tasks;
#[cfg(test)]
pub(crate) mod text_tests;
mod toc;
mod words;

use std::borrow::Cow;
use std::collections::HashSet;
use std::path::PathBuf;

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

use quotes::{has_opening_quote, swedish_quotes};

use crate::content::{slugs::slugify, Document, ExternalRef, Library, Rendered};
use crate::diagnostics::Diagnostic;
use crate::images::{Handling, ImageUse, Images};

pub use links::AnchorCheck;

/// What rendering one document produced, problems included.
pub struct Output {
    pub rendered: Rendered,
    pub problems: Vec<Diagnostic>,
    pub warnings: Vec<Diagnostic>,
    /// Links into other pages' headings, to check once every page is rendered.
    pub anchor_checks: Vec<AnchorCheck>,
}

pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION
}

/// What rendering may use besides the library: the image pipeline, and the site's shortcode
/// templates. Without them, images stay plain `<img>` and shortcodes stay text.
#[derive(Clone, Copy, Default)]
pub struct Tools<'a> {
    pub images: Option<&'a Images>,
    pub shortcodes: Option<&'a dyn shortcodes::Runner>,
}

pub fn render(library: &Library, doc: &Document) -> Output {
    render_with_images(library, doc, Tools::default())
}

/// Renders with the image pipeline: local images become `<img>` with `srcset`, `sizes`,
/// `width`, `height` and lazy loading, and their resized copies are queued in `images`.
pub fn render_with_images(library: &Library, doc: &Document, tools: Tools<'_>) -> Output {
    run(library, doc, tools, Mode::Both)
}

/// [`render_with_images`] without the HTML (`rendered.html` is `None`): everything else a
/// build needs to check the site, list the page and index it. The HTML is made when the page
/// is written ([`body_html`]), so that a build never holds the whole site's HTML.
pub fn analyze_with_images(library: &Library, doc: &Document, tools: Tools<'_>) -> Output {
    run(library, doc, tools, Mode::Analyze)
}

/// What one reading of a body makes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Everything but the HTML: what a build checks, lists and indexes.
    Analyze,
    /// Everything.
    Both,
    /// The HTML alone, when a page is written after it was analysed: its words, plain text,
    /// summary and problems are known already, and counting them again was a fifth of
    /// writing a page.
    Html,
}

impl Mode {
    fn html(self) -> bool {
        self != Mode::Analyze
    }

    fn analysis(self) -> bool {
        self != Mode::Html
    }

    /// The words of a piece of text, for the reading time; none when only HTML is made.
    fn words_in(self, text: &str) -> usize {
        match self.analysis() {
            true => words::count(text),
            false => 0,
        }
    }
}

/// The body of `doc` as HTML: kept from rendering, or rendered again from its file.
pub fn body_html<'d>(
    library: &Library,
    doc: &'d Document,
    tools: Tools<'_>,
) -> Result<Cow<'d, str>, Diagnostic> {
    let Some(rendered) = &doc.rendered else {
        return Ok(Cow::Borrowed(""));
    };
    if let Some(html) = &rendered.html {
        return Ok(Cow::Borrowed(html));
    }
    let whole = doc.with_body()?;
    let html = run(library, &whole, tools, Mode::Html).rendered.html;
    Ok(Cow::Owned(html.unwrap_or_default()))
}

fn run(library: &Library, doc: &Document, tools: Tools<'_>, mode: Mode) -> Output {
    let expanded = shortcodes::expand(doc.body(), tools.shortcodes, library, doc);
    let mut renderer = Renderer {
        mode,
        // Code before `<!-- more -->` is highlighted for the summary even when no HTML is kept.
        may_have_summary: mode.analysis() && expanded.text.contains("<!-- more -->"),
        library,
        images: tools.images,
        shortcode_html: &expanded.html,
        shortcode_at: None,
        picture: None,
        doc,
        path: doc.file_path(),
        events: Vec::new(),
        headings: Vec::new(),
        ids: HashSet::new(),
        heading: None,
        code: None,
        html_block: None,
        image: None,
        link_depth: 0,
        summary_at: None,
        words: 0,
        text: String::new(),
        own_anchors: Vec::new(),
        table: table::Table::default(),
        task_label: false,
        output: Output {
            rendered: Rendered::default(),
            problems: Vec::new(),
            warnings: Vec::new(),
            anchor_checks: Vec::new(),
        },
    };
    renderer.shortcode_problems(&expanded.problems);
    // Positions in the expanded body are mapped back to the file's.
    for (event, range) in Parser::new_ext(&expanded.text, options()).into_offset_iter() {
        renderer.event(event, doc.body_offset + expanded.original(range.start));
    }
    renderer.finish()
}

struct OpenHeading {
    index: usize,
    level: HeadingLevel,
    id: Option<String>,
    classes: Vec<String>,
    text: String,
}

/// A Markdown image of a local file, read until its end: its alt text is collected to go
/// into the `<img>` the image pipeline writes.
struct Picture {
    key: String,
    url: String,
    title: String,
    offset: usize,
    alt: String,
    /// Images nested in the alt text (`![a ![b](c.png)](d.png)`) end before this one.
    depth: usize,
}

struct Renderer<'a> {
    /// What is made ([`analyze_with_images`] says why not always everything).
    mode: Mode,
    may_have_summary: bool,
    library: &'a Library,
    images: Option<&'a Images>,
    /// The output of each `.html` shortcode, by its placeholder's number.
    shortcode_html: &'a [String],
    /// Where the last `.html` shortcode's output is in `events`: alone in a paragraph, it
    /// replaces the paragraph.
    shortcode_at: Option<usize>,
    picture: Option<Picture>,
    doc: &'a Document,
    path: PathBuf,
    events: Vec<Event<'a>>,
    headings: Vec<(u32, String, String)>,
    ids: HashSet<String>,
    heading: Option<OpenHeading>,
    code: Option<(String, String)>,
    html_block: Option<(String, usize)>,
    /// Offset of an image being read, and whether it has alt text yet.
    image: Option<(usize, bool)>,
    /// Links open around the current text: a phone number inside one stays as written.
    link_depth: usize,
    summary_at: Option<usize>,
    words: usize,
    /// The body as plain text for the search index, taken from the events: no HTML is
    /// scanned for it afterwards.
    text: String,
    own_anchors: Vec<(String, usize)>,
    /// The table being written: its cells' alignments become classes.
    table: table::Table,
    /// A task's label is open: its box and the item's line of text go inside.
    task_label: bool,
    output: Output,
}

impl<'a> Renderer<'a> {
    fn event(&mut self, event: Event<'a>, offset: usize) {
        if let Some((_, code)) = &mut self.code {
            match event {
                Event::Text(text) => code.push_str(&text),
                Event::End(TagEnd::CodeBlock) => {
                    let (language, code) = self.code.take().expect("inside a code block");
                    self.plain(&code);
                    self.gap();
                    if self.mode.html() || (self.may_have_summary && self.summary_at.is_none()) {
                        self.events
                            .push(Event::Html(highlight::code_block(&code, &language).into()));
                    }
                }
                _ => {}
            }
            return;
        }
        if let Some((html, _)) = &mut self.html_block {
            match event {
                Event::Html(text) | Event::Text(text) => html.push_str(&text),
                Event::End(TagEnd::HtmlBlock) => self.close_html_block(),
                _ => {}
            }
            return;
        }
        if self.picture.is_some() {
            self.picture_event(event);
            return;
        }
        self.close_task_label(&event);
        match event {
            Event::Start(Tag::Heading {
                level, id, classes, ..
            }) => {
                self.gap();
                self.heading = Some(OpenHeading {
                    index: self.events.len(),
                    level,
                    id: id.map(|i| i.to_string()),
                    classes: classes.iter().map(|c| c.to_string()).collect(),
                    text: String::new(),
                });
                self.events.push(Event::Start(Tag::Paragraph)); // replaced when the heading ends
            }
            Event::End(TagEnd::Heading(level)) => self.close_heading(level),
            Event::Start(Tag::CodeBlock(kind)) => {
                let language = match kind {
                    pulldown_cmark::CodeBlockKind::Fenced(info) => info.to_string(),
                    pulldown_cmark::CodeBlockKind::Indented => String::new(),
                };
                self.code = Some((language, String::new()));
            }
            Event::Start(Tag::HtmlBlock) => self.html_block = Some((String::new(), offset)),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                // An autolink `<namn@stad.se>` is an address, not a file: it gets its scheme
                // here, and from then on is an ordinary link.
                let (link_type, dest_url) = match link_type {
                    LinkType::Email => (LinkType::Inline, format!("mailto:{dest_url}").into()),
                    other => (other, dest_url),
                };
                let dest_url = self.link(&dest_url, offset, false);
                self.link_depth += 1;
                self.events.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let local = self
                    .images
                    .and_then(|_| links::asset_key(self.library, &self.doc.key, &dest_url))
                    .filter(|key| crate::images::handling(key) != Handling::Other);
                let dest_url = self.link(&dest_url, offset, true);
                if let Some(key) = local {
                    self.picture = Some(Picture {
                        key,
                        url: dest_url.to_string(),
                        title: title.to_string(),
                        offset,
                        alt: String::new(),
                        depth: 0,
                    });
                    return;
                }
                self.image = Some((offset, false));
                self.events.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::End(TagEnd::Image) => {
                if let Some((at, false)) = self.image.take() {
                    self.warn(at, "markdown.warning/alt_missing");
                }
                self.events.push(Event::End(TagEnd::Image));
            }
            Event::Text(text) => self.text_or_outputs(text),
            Event::End(TagEnd::Paragraph) if self.unwrap_shortcode() => {}
            Event::End(TagEnd::Link) => {
                self.link_depth = self.link_depth.saturating_sub(1);
                self.events.push(Event::End(TagEnd::Link));
            }
            Event::Code(code) => {
                if let Some(heading) = &mut self.heading {
                    heading.text.push_str(&code);
                }
                self.plain(&code);
                self.events.push(Event::Code(code));
            }
            Event::InlineHtml(html) => self.inline_html(html, offset),
            Event::TaskListMarker(checked) => self.task_marker(checked),
            other => {
                if words::separates(&other) {
                    self.gap();
                }
                self.table_or(other);
            }
        }
    }

    /// Adds to the plain text.
    fn plain(&mut self, text: &str) {
        if self.mode.analysis() {
            self.text.push_str(text);
        }
    }

    /// Ends a word in the plain text (a block ends, a line breaks).
    fn gap(&mut self) {
        if self.mode.analysis()
            && !self.text.is_empty()
            && !self.text.ends_with(char::is_whitespace)
        {
            self.text.push(' ');
        }
    }

    /// An event inside a local image: its text is the alt text; its end writes the `<img>`.
    fn picture_event(&mut self, event: Event<'a>) {
        let picture = self.picture.as_mut().expect("inside a picture");
        match event {
            Event::Text(text) | Event::Code(text) => {
                self.words += self.mode.words_in(&text);
                picture.alt.push_str(&swedish_quotes(&text));
            }
            Event::SoftBreak | Event::HardBreak => picture.alt.push(' '),
            Event::Start(Tag::Image { .. }) => picture.depth += 1,
            Event::End(TagEnd::Image) if picture.depth > 0 => picture.depth -= 1,
            Event::End(TagEnd::Image) => self.close_picture(),
            _ => {}
        }
    }

    fn close_picture(&mut self) {
        let (Some(picture), Some(images)) = (self.picture.take(), self.images) else {
            return;
        };
        if picture.alt.trim().is_empty() {
            self.warn(picture.offset, "markdown.warning/alt_missing");
        }
        let image = ImageUse {
            key: &picture.key,
            src: &picture.url,
            alt: picture.alt.trim(),
            title: &picture.title,
            page: &self.doc.key,
            at: self.at(picture.offset),
        };
        match images.markdown_img(&image) {
            Ok(html) => self.events.push(Event::InlineHtml(html.into())),
            Err(why) => {
                let problem = crate::images::unusable(image.at, &picture.key, &why);
                self.output.problems.push(problem);
            }
        }
    }

    fn text(&mut self, text: CowStr<'a>) {
        self.words += self.mode.words_in(&text);
        if let Some(heading) = &mut self.heading {
            heading.text.push_str(&text);
        }
        match &mut self.image {
            Some((_, has_alt)) => *has_alt |= !text.trim().is_empty(),
            // An image's alt text is no text of the page (it was never indexed).
            None => self.plain(&text),
        }
        if self.heading.is_none() && self.image.is_none() && self.link_depth == 0 {
            if let Some(pieces) = phone::split(&text) {
                self.phone_links(pieces);
                return;
            }
        }
        if has_opening_quote(&text) {
            self.events.push(Event::Text(swedish_quotes(&text).into()));
        } else {
            self.events.push(Event::Text(text));
        }
    }

    /// Text holding phone numbers: each number a `tel:` link, the rest as written.
    fn phone_links(&mut self, pieces: Vec<phone::Piece<'_>>) {
        for piece in pieces {
            let html = match piece {
                phone::Piece::Text(text) => highlight::escape(&swedish_quotes(text)),
                phone::Piece::Phone { shown, href } => format!(
                    "<a class=\"tel\" href=\"{href}\">{}</a>",
                    highlight::escape(shown)
                ),
            };
            self.events.push(Event::InlineHtml(html.into()));
        }
    }

    fn close_heading(&mut self, level: HeadingLevel) {
        let Some(open) = self.heading.take() else {
            return;
        };
        let base = open.id.clone().unwrap_or_else(|| slugify(&open.text));
        let base = if base.is_empty() {
            "rubrik".to_string()
        } else {
            base
        };
        let mut id = base.clone();
        let mut counter = 1;
        while !self.ids.insert(id.clone()) {
            id = format!("{base}-{counter}");
            counter += 1;
        }
        self.gap();
        self.headings
            .push((level as u32, id.clone(), open.text.trim().to_string()));
        // Custom attributes are dropped: `{onclick=…}` must never reach the output.
        self.events[open.index] = Event::Start(Tag::Heading {
            level: open.level,
            id: Some(id.into()),
            classes: open.classes.into_iter().map(CowStr::from).collect(),
            attrs: Vec::new(),
        });
        self.events.push(Event::End(TagEnd::Heading(level)));
    }

    /// A problem's place at byte `offset` of the file, its text still to come.
    fn at(&self, offset: usize) -> Diagnostic {
        Diagnostic::at_offset(&self.path, &self.doc.source, offset, "")
    }

    fn link(&mut self, dest: &str, offset: usize, is_image: bool) -> CowStr<'a> {
        match links::resolve(self.library, &self.doc.key, dest, is_image) {
            Ok(links::Resolved::Document { url, key, anchor }) => {
                if !self.output.rendered.links.contains(&key) {
                    self.output.rendered.links.push(key.clone());
                }
                if let Some(anchor) = anchor {
                    let at = self.at(offset);
                    self.output.anchor_checks.push(AnchorCheck {
                        target_key: key,
                        anchor,
                        at,
                    });
                }
                url.into()
            }
            Ok(links::Resolved::Url(url, anchor)) => {
                if links::is_web(dest) {
                    self.output.rendered.external.push(ExternalRef {
                        url: dest.trim().to_string(),
                        offset,
                    });
                }
                if let Some((target_key, anchor)) = anchor {
                    let at = self.at(offset);
                    self.output.anchor_checks.push(AnchorCheck {
                        target_key,
                        anchor,
                        at,
                    });
                }
                url.into()
            }
            Ok(links::Resolved::File { url, key }) => {
                if !self.output.rendered.files.contains(&key) {
                    self.output.rendered.files.push(key);
                }
                url.into()
            }
            Ok(links::Resolved::OwnAnchor(anchor)) => {
                self.own_anchors.push((anchor.clone(), offset));
                format!("#{anchor}").into()
            }
            Err(refused) => {
                self.output.problems.push(
                    Diagnostic::at_offset(&self.path, &self.doc.source, offset, "").with_text_as(
                        refused.code,
                        refused.text,
                        refused.args,
                    ),
                );
                CowStr::from("#")
            }
        }
    }

    /// A warning at `offset`: the catalogue's text `key` (`markdown.warning/...`).
    fn warn(&mut self, offset: usize, key: &'static str) {
        let warning = self
            .at(offset)
            .with_text_as("markdown.warning", key, Vec::new());
        self.output.warnings.push(warning.warning());
    }

    fn finish(mut self) -> Output {
        let anchors: Vec<String> = self.headings.iter().map(|(_, id, _)| id.clone()).collect();
        for (anchor, offset) in std::mem::take(&mut self.own_anchors) {
            if !anchors.contains(&anchor) && !is_footnote_anchor(&anchor) {
                let args = crate::args!("link" => format!("#{anchor}"));
                self.output.problems.push(
                    Diagnostic::at_offset(&self.path, &self.doc.source, offset, "").with_text_as(
                        "link.anchor.missing",
                        "link.anchor.missing/own",
                        args,
                    ),
                );
            }
        }
        let summary = self.summary_at.filter(|_| self.mode.analysis()).map(|at| {
            let mut html = String::new();
            pulldown_cmark::html::push_html(&mut html, self.events[..at].iter().cloned());
            html
        });
        let html = self.mode.html().then(|| {
            let mut html = String::with_capacity(self.doc.body().len() * 3 / 2);
            pulldown_cmark::html::push_html(&mut html, self.events.into_iter());
            html
        });
        let links = std::mem::take(&mut self.output.rendered.links);
        let files = std::mem::take(&mut self.output.rendered.files);
        let external = std::mem::take(&mut self.output.rendered.external);
        self.output.rendered = Rendered {
            links,
            files,
            external,
            html,
            summary,
            toc: toc::build(&self.headings),
            word_count: self.words,
            text: self.text.trim_end().to_string(),
            anchors,
        };
        self.output
    }
}

fn is_footnote_anchor(anchor: &str) -> bool {
    anchor.starts_with("fn-") || anchor.starts_with("fnref")
}
