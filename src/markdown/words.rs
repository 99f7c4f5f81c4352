//! Words: where the plain text's words end, and how many a page has (for reading times),
//! counted as `str::split_whitespace().count()` counts them but without its per-character
//! iterator, which took a tenth of a build's time (every text event of every page is
//! counted), and without decoding the letters that cannot be white space (å, ä, ö).

use pulldown_cmark::{Event, TagEnd};

/// The number of words in `text`, as `text.split_whitespace().count()` counts them. Eight
/// bytes are looked at together while none of them may start a white space character beyond
/// ASCII (Swedish letters never do): at 100,000 pages this counted a gigabyte of text at
/// 1.6 ns a byte, one at a time.
pub fn count(text: &str) -> usize {
    let bytes = text.as_bytes();
    let (mut words, mut in_word, mut at) = (0, false, 0);
    while at < bytes.len() {
        let chunk = bytes
            .get(at..at + 8)
            .and_then(|b| <[u8; 8]>::try_from(b).ok());
        if let Some(spaces) = chunk.and_then(|b| ascii_spaces(u64::from_le_bytes(b))) {
            // A byte starts a word when it is not white space and the one before it is.
            let before = (spaces << 8) | (u64::from(!in_word) << 7);
            words += (!spaces & before & HIGH_BITS).count_ones() as usize;
            in_word = spaces >> 63 == 0;
            at += 8;
            continue;
        }
        let end = (at + 8).min(bytes.len());
        while at < end {
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
    }
    words
}

const LOW_BITS: u64 = 0x0101_0101_0101_0101;
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `x` that is zero.
fn zero_bytes(x: u64) -> u64 {
    // Per byte, no carry into the next: 0x7f + 0x7f is 0xfe.
    !(((x & !HIGH_BITS) + !HIGH_BITS) | x) & HIGH_BITS
}

/// The high bit of each byte of `x` that is ASCII white space (0x09–0x0d, 0x20), when no byte
/// may start a white space character beyond ASCII ([`may_start_space`], also 0xe0); `None`
/// when one may. Any other byte at or above 0x80 is part of a character that is not white
/// space.
fn ascii_spaces(x: u64) -> Option<u64> {
    let leads =
        zero_bytes(x ^ (0xc2 * LOW_BITS)) | zero_bytes((x & (0xfc * LOW_BITS)) ^ (0xe0 * LOW_BITS));
    if leads != 0 {
        return None;
    }
    let (low, ascii) = (x & !HIGH_BITS, !x & HIGH_BITS);
    // A low seven bits' value plus 0x77 reaches 0x80 from 9 on, plus 0x72 from 14 on.
    let controls = (low + 0x77 * LOW_BITS) & !(low + 0x72 * LOW_BITS) & ascii;
    Some(zero_bytes(x ^ (0x20 * LOW_BITS)) | controls)
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

        /// Long runs of words as pages have them, so that many eight-byte steps are taken,
        /// and broken by the characters that send a step back to one byte at a time.
        #[test]
        fn prose_counts_as_split_whitespace_does(text in "([a-zåäöA-Z0-9.,–”«»§]{1,14}[ \\t\\n\\r\\x0b\\x0c\u{a0}\u{2003}]{1,3}){0,50}") {
            prop_assert_eq!(super::count(&text), text.split_whitespace().count());
        }
    }
}
