//! Words: where the plain text's words end, and how many a page has (for reading times),
//! counted as `str::split_whitespace().count()` counts them but without its per-character
//! iterator, which took a tenth of a build's time (every text event of every page is
//! counted, twice in a build).

use pulldown_cmark::{Event, TagEnd};

/// The number of words in `text`, as `text.split_whitespace().count()` counts them.
pub fn count(text: &str) -> usize {
    let bytes = text.as_bytes();
    let (mut words, mut in_word, mut at) = (0, false, 0);
    while at < bytes.len() {
        let byte = bytes[at];
        let (space, len) = if byte.is_ascii() {
            // `char::is_whitespace` on ASCII: space, \t, \n, \x0b, \x0c, \r.
            (byte.is_ascii_whitespace() || byte == 0x0b, 1)
        } else {
            let c = text[at..].chars().next().unwrap_or(' ');
            (c.is_whitespace(), c.len_utf8())
        };
        words += usize::from(!space && !in_word);
        in_word = !space;
        at += len;
    }
    words
}

/// Whether an event ends a word in the plain text: a block starts or ends, a line breaks.
/// Emphasis, links and the like sit inside words (`**Här**nösand`).
pub(super) fn separates(event: &Event<'_>) -> bool {
    let inline = |end: TagEnd| {
        matches!(
            end,
            TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Superscript
                | TagEnd::Subscript
                | TagEnd::Link
                | TagEnd::Image
        )
    };
    match event {
        Event::Start(tag) => !inline(tag.to_end()),
        Event::End(end) => !inline(*end),
        Event::SoftBreak | Event::HardBreak | Event::Rule | Event::TaskListMarker(_) => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    #[test]
    fn counts_as_split_whitespace_does() {
        for text in [
            "",
            " ",
            "ett",
            " två  ord ",
            "a\u{a0}b\u{2003}c\u{3000}d",
            "\x0bx\x0cy\u{85}z",
        ] {
            assert_eq!(
                super::count(text),
                text.split_whitespace().count(),
                "{text:?}"
            );
        }
    }

    proptest! {
        #[test]
        fn any_text_counts_as_split_whitespace_does(text in "(\\PC|\\s|[\u{a0}\u{85}\u{2000}-\u{200b}\u{2028}\u{202f}\u{3000}\x0b\x0c]){0,60}") {
            prop_assert_eq!(super::count(&text), text.split_whitespace().count());
        }
    }
}
