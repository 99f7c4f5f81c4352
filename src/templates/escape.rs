//! Escaping of template values by the kind of file being written: HTML text for `.html`,
//! `.xml` and `.svg`, vCard text (RFC 6350) for `.vcf`. Every `{{ value }}` goes through it,
//! so a template that forgets a filter cannot let a value break out of its line or tag.
//!
//! Tera takes one escape function for every template, so the escaper of the file being
//! rendered is kept per thread: each render runs on one thread from start to end.

use std::cell::Cell;

thread_local! {
    static CURRENT: Cell<Escaper> = const { Cell::new(Escaper::Html) };
}

/// How values are escaped in the file being rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Escaper {
    Html,
    Vcard,
}

impl Escaper {
    /// The escaper for a template, by its name's ending (`collections/vcard.vcf`).
    pub fn for_template(name: &str) -> Escaper {
        if name.to_ascii_lowercase().ends_with(".vcf") {
            Escaper::Vcard
        } else {
            Escaper::Html
        }
    }

    /// The escaper of the file this thread is rendering.
    pub fn current() -> Escaper {
        CURRENT.with(Cell::get)
    }
}

/// Runs `render` with `escaper` as this thread's escaper, then puts the previous one back,
/// also when `render` panics: a thread that goes on rendering HTML must not keep the vCard one.
pub fn with_escaper<T>(escaper: Escaper, render: impl FnOnce() -> T) -> T {
    struct Restore(Escaper);
    impl Drop for Restore {
        fn drop(&mut self) {
            CURRENT.with(|c| c.set(self.0));
        }
    }
    let _restore = Restore(CURRENT.with(|c| c.replace(escaper)));
    render()
}

/// The escape function given to Tera.
pub fn escape_current(input: &str) -> String {
    match Escaper::current() {
        Escaper::Html => escape_html(input),
        Escaper::Vcard => escape_vcard(input),
    }
}

/// Only `&`, `<`, `>`, `"` and `'` need escaping in HTML text and quoted attributes;
/// Tera's default also escapes `/`, which makes every URL unreadable.
pub fn escape_html(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + 8);
    let mut start = 0;
    // Most values have nothing to escape: copy runs between special bytes in one go.
    for (index, byte) in input.bytes().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&input[start..index]);
        out.push_str(entity);
        start = index + 1;
    }
    out.push_str(&input[start..]);
    out
}

/// A vCard text value (RFC 6350, 3.4): `\`, `,` and `;` escaped with a backslash, and every
/// line break a reader may honour (CRLF, CR, LF, VT, FF, NEL, U+2028, U+2029) written as
/// `\n`, so that no value can start a property of its own. Other control characters are
/// dropped and a tab becomes a space: they have no place in a contact card.
pub fn escape_vcard(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + 8);
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            '\n' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}' => out.push_str("\\n"),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vcard_values_stay_on_their_line() {
        for (input, expected) in [
            ("a\rTEL:1", "a\\nTEL:1"),
            ("a\r\nTEL:1", "a\\nTEL:1"),
            (
                "a\nb\u{0B}c\u{0C}d\u{85}e\u{2028}f\u{2029}g",
                "a\\nb\\nc\\nd\\ne\\nf\\ng",
            ),
            ("a\u{0}b\u{1B}c\u{7F}d\u{9F}e\tf", "abcde f"),
            (
                "Lokal samordnare, Älvsjö; 2\\3",
                "Lokal samordnare\\, Älvsjö\\; 2\\\\3",
            ),
        ] {
            assert_eq!(escape_vcard(input), expected, "{input:?}");
        }
    }

    #[test]
    fn the_escaper_follows_the_template() {
        assert_eq!(
            Escaper::for_template("collections/vcard.vcf"),
            Escaper::Vcard
        );
        assert_eq!(Escaper::for_template("page.html"), Escaper::Html);
        let inside = with_escaper(Escaper::Vcard, || escape_current("a<b;c"));
        assert_eq!(inside, "a<b\\;c");
        assert_eq!(escape_current("a<b;c"), "a&lt;b;c");
        let panicked = std::panic::catch_unwind(|| with_escaper(Escaper::Vcard, || panic!()));
        assert!(panicked.is_err());
        assert_eq!(Escaper::current(), Escaper::Html);
    }
}
