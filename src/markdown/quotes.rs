//! Swedish quotation marks: a quotation opens and closes with the same mark, ”…” and ’…’, so
//! the English opening marks that smart punctuation writes are turned around.

/// Whether `text` has a “ or a ‘ (E2 80 9C, E2 80 98 in UTF-8), in one pass over the bytes
/// that start such marks.
pub(super) fn has_opening_quote(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr_iter(0xE2, bytes).any(|at| {
        bytes.get(at + 1) == Some(&0x80) && matches!(bytes.get(at + 2), Some(0x9C | 0x98))
    })
}

/// Swedish typography closes and opens a quotation with the same mark: ”…” and ’…’.
pub(super) fn swedish_quotes(text: &str) -> String {
    text.replace('\u{201c}', "\u{201d}")
        .replace('\u{2018}', "\u{2019}")
}
