//! Test-only: property-test text made of the pieces a scanner reacts to, beside multi-byte
//! letters, emoji and any character at all, so a byte index that lands inside a character
//! shows up as a panic.

use proptest::prelude::*;

/// Strings of up to `most` pieces, each one of `pieces`, `ö`, `😀`, a short run matching
/// `plain` (a regex), or any single character.
pub fn made_of(
    pieces: &'static [&'static str],
    plain: &'static str,
    most: usize,
) -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        proptest::sample::select(pieces).prop_map(str::to_string),
        Just("ö".to_string()),
        Just("😀".to_string()),
        plain,
        any::<char>().prop_map(String::from),
    ];
    proptest::collection::vec(piece, 0..most).prop_map(|p| p.concat())
}
