//! Words: where the plain text's words end, and how many a page has (for reading times),
//! counted as `str::split_whitespace().count()` counts them but without its per-character
//! iterator, which took a tenth of a build's time (every text event of every page is
//! counted), and without decoding the letters that cannot be white space (å, ä, ö).

use pulldown_cmark::{Event, TagEnd};

/// The number of words in `text`, as `text.split_whitespace().count()` counts them.
pub fn count(text: &str) -> usize {
    let bytes = text.as_bytes();
    let (mut words, mut in_word, mut at) = (0, false, 0);
    while at < bytes.len() {
        let byte = bytes[at];
        let space = if byte.is_ascii() {
            // `char::is_whitespace` on ASCII: space, \t, \n, \x0b, \x0c, \r.
            byte.is_ascii_whitespace() || byte == 0x0b
        } else if may_start_space(byte) {
            let c = text[at..].chars().next().unwrap_or(' ');
            // The rest of the character is stepped over with it.
            at += c.len_utf8() - 1;
            c.is_whitespace()
        } else {
            // Å, ä, ö, any other letter's bytes: never white space, and a byte after the
            // first of a character is in the word the character is in.
            false
        };
        words += usize::from(!space && !in_word);
        in_word = !space;
        at += 1;
    }
    words
}

/// Whether a character starting with this byte may be Unicode white space: U+0085 and U+00A0
/// start with 0xC2, U+1680 with 0xE1, U+2000–U+205F with 0xE2, U+3000 with 0xE3.
fn may_start_space(lead: u8) -> bool {
    matches!(lead, 0xC2 | 0xE1 | 0xE2 | 0xE3)
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

    #[test]
    fn every_white_space_character_starts_with_a_byte_that_is_looked_at() {
        for c in (0x80..=0x10_FFFF).filter_map(char::from_u32) {
            let mut utf8 = [0; 4];
            let lead = c.encode_utf8(&mut utf8).as_bytes()[0];
            if c.is_whitespace() {
                assert!(super::may_start_space(lead), "{c:?}");
            }
        }
    }

    proptest! {
        #[test]
        fn any_text_counts_as_split_whitespace_does(text in "(\\PC|\\s|[åäöÅÄÖé€😀\u{a0}\u{85}\u{1680}\u{2000}-\u{200b}\u{2028}\u{2029}\u{202f}\u{205f}\u{3000}\x0b\x0c]){0,60}") {
            prop_assert_eq!(super::count(&text), text.split_whitespace().count());
        }
    }
}
