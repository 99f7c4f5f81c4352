//! Phone numbers written in running text become `tel:` links, so a worried reader on a phone
//! can call 112 with one tap. The rule is strict on purpose: a year, a date, a diary number
//! (`KS 2019/123`) or a price must never turn into a link, so only the emergency numbers
//! (112, 114 14) and Swedish numbers with an area code and a hyphen (`08-508 000 00`,
//! `070-123 45 67`) or a written country code (`+46 8 508 000 00`) are recognised.

use std::ops::RangeInclusive;

/// A part of a text: as written, or a phone number with its `tel:` URL.
#[derive(Debug, PartialEq, Eq)]
pub enum Piece<'t> {
    Text(&'t str),
    Phone { shown: &'t str, href: String },
}

/// Splits `text` into plain text and phone numbers; `None` when it holds no number, so the
/// common case costs one scan and no allocation.
pub fn split(text: &str) -> Option<Vec<Piece<'_>>> {
    let bytes = text.as_bytes();
    let mut pieces = Vec::new();
    let mut plain_from = 0;
    let mut at = 0;
    while at < bytes.len() {
        let starts = (bytes[at].is_ascii_digit() || bytes[at] == b'+') && free_before(text, at);
        if let Some(end) = starts.then(|| number_at(text, at)).flatten() {
            if plain_from < at {
                pieces.push(Piece::Text(&text[plain_from..at]));
            }
            let shown = &text[at..end];
            pieces.push(Piece::Phone {
                shown,
                href: href_of(shown),
            });
            plain_from = end;
            at = end;
        } else {
            at += 1;
        }
    }
    if pieces.is_empty() {
        return None;
    }
    if plain_from < text.len() {
        pieces.push(Piece::Text(&text[plain_from..]));
    }
    Some(pieces)
}

/// `tel:` URL: the digits, with the `+` of a written country code.
fn href_of(shown: &str) -> String {
    let plus = if shown.starts_with('+') { "+" } else { "" };
    let digits: String = shown.chars().filter(char::is_ascii_digit).collect();
    format!("tel:{plus}{digits}")
}

/// Nothing that makes the number part of something else comes right before it: a letter or
/// digit, a diary number's slash, a range's or date's hyphen, a decimal point.
/// A digit before a space makes it a group of a larger number (`3 112`, `1 114 14`).
fn free_before(text: &str, at: usize) -> bool {
    let mut before = text[..at].chars().rev();
    match before.next() {
        None => true,
        Some(c) if c.is_alphanumeric() || "/-+.,:_§#".contains(c) => false,
        Some(c) if c.is_whitespace() && before.next().is_some_and(|d| d.is_ascii_digit()) => false,
        Some(_) => !after_reference_word(&text[..at]),
    }
}

/// `§ 112`, `nr 112`, `sidan 112`: a number that refers to something, not one to call.
fn after_reference_word(before: &str) -> bool {
    let word = before
        .trim_end()
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("");
    let word = word.to_lowercase();
    matches!(
        word.as_str(),
        "§" | "nr"
            | "nr."
            | "dnr"
            | "dnr."
            | "sidan"
            | "s."
            | "kap."
            | "punkt"
            | "rum"
            | "buss"
            | "linje"
    )
}

/// The same after it; a full stop or comma ending a sentence is fine, one before a digit is
/// not, nor a space before more digits (`112 000 kronor`, a number longer than the rule takes).
fn free_after(text: &str, end: usize) -> bool {
    let mut rest = text[end..].chars();
    match rest.next() {
        None => true,
        Some(c) if c.is_alphanumeric() || "/-+_%§".contains(c) => false,
        Some('.' | ',' | ':') => !rest.next().is_some_and(|c| c.is_ascii_digit() || c == '-'),
        Some(c) if c.is_whitespace() && rest.next().is_some_and(|d| d.is_ascii_digit()) => false,
        Some(_) => !is_price(&text[end..]) && !is_placeholder(&text[end..]),
    }
}

/// `08-123 456 xx`: a series of numbers with placeholder digits, not one to call.
fn is_placeholder(after: &str) -> bool {
    let Some(rest) = after.strip_prefix(' ') else {
        return false;
    };
    let word: String = rest.chars().take_while(|c| c.is_alphanumeric()).collect();
    !word.is_empty() && word.chars().all(|c| c == 'x' || c == 'X')
}

/// `112 kr`, `114 14 SEK`: an amount, not a number to call.
fn is_price(after: &str) -> bool {
    let word: String = after
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphabetic() || *c == ':')
        .collect::<String>()
        .to_lowercase();
    matches!(
        word.as_str(),
        "kr" | "kronor" | "sek" | "st" | "procent" | "kr:"
    )
}

/// End of a phone number starting at `at`, if one does.
fn number_at(text: &str, at: usize) -> Option<usize> {
    for emergency in ["114 14", "112"] {
        let end = at + emergency.len();
        if text[at..].starts_with(emergency) && free_after(text, end) {
            return Some(end);
        }
    }
    let rest = &text[at..];
    let end = if let Some(international) = rest.strip_prefix("+46") {
        groups(international, 1..=3, 7..=9, true).map(|len| 3 + len)
    } else if rest.starts_with('0') {
        national(rest)
    } else {
        None
    }?;
    free_after(text, at + end).then_some(at + end)
}

/// `08-508 000 00`, `070-123 45 67`, `0480-123 45`: a 0, an area code of one to three more
/// digits and a hyphen, then groups of digits; eight to ten digits in all.
fn national(rest: &str) -> Option<usize> {
    let area = rest.bytes().take_while(u8::is_ascii_digit).count();
    if !(2..=4).contains(&area) || rest.as_bytes().get(area) != Some(&b'-') {
        return None;
    }
    let subscriber = &rest[area + 1..];
    let len = groups(subscriber, 2..=8, (8 - area)..=(10 - area), false)?;
    Some(area + 1 + len)
}

/// Length of the longest run of digit groups separated by single spaces whose digit count is
/// in `total`: a first group of `first` digits, then groups of two to four. `lead_space`
/// allows a space before the first group (`+46 8 …`).
fn groups(
    text: &str,
    first: RangeInclusive<usize>,
    total: RangeInclusive<usize>,
    lead_space: bool,
) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut at = usize::from(lead_space && bytes.first() == Some(&b' '));
    let mut digits = 0;
    let mut best = None;
    let mut allowed = first;
    loop {
        let len = bytes[at..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if !allowed.contains(&len) || digits + len > *total.end() {
            break;
        }
        digits += len;
        at += len;
        if total.contains(&digits) {
            best = Some(at);
        }
        if bytes.get(at) != Some(&b' ') {
            break;
        }
        at += 1;
        allowed = 2..=4;
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn links(text: &str) -> Vec<(String, String)> {
        split(text)
            .unwrap_or_default()
            .into_iter()
            .filter_map(|p| match p {
                Piece::Phone { shown, href } => Some((shown.to_string(), href)),
                Piece::Text(_) => None,
            })
            .collect()
    }

    fn one(shown: &str, href: &str) -> Vec<(String, String)> {
        vec![(shown.to_string(), href.to_string())]
    }

    #[test]
    fn emergency_and_swedish_numbers_become_tel_links() {
        let cases = [
            ("Ring 112 direkt.", "112", "tel:112"),
            ("ringer du 114 14.", "114 14", "tel:11414"),
            ("**112**", "112", "tel:112"),
            ("(112)", "112", "tel:112"),
            ("Polisen, 114 14", "114 14", "tel:11414"),
            (
                "Växeln 08-508 000 00 dygnet runt",
                "08-508 000 00",
                "tel:0850800000",
            ),
            ("Mobil: 070-123 45 67.", "070-123 45 67", "tel:0701234567"),
            ("Ring 0480-123 45 i dag", "0480-123 45", "tel:048012345"),
            ("Ring 08-5080000, tack", "08-5080000", "tel:085080000"),
            (
                "Från utlandet +46 8 508 000 00",
                "+46 8 508 000 00",
                "tel:+46850800000",
            ),
            (
                "Mobil +46 70 123 45 67",
                "+46 70 123 45 67",
                "tel:+46701234567",
            ),
        ];
        for (text, shown, href) in cases {
            assert_eq!(links(text), one(shown, href), "{text}");
        }
    }

    #[test]
    fn years_dates_diary_numbers_and_prices_stay_text() {
        let cases = [
            "Lägesbilden 2020 visade",
            "den 2020-02-17",
            "dnr KS 2019/123",
            "KS 2019/112",
            "ärende 112/2020",
            "Det kostar 112 kr",
            "112 kronor per år",
            "1120 personer",
            "21120",
            "1.112",
            "3,112",
            "114 145 besökare",
            "klockan 08-17",
            "barn 0-18 år",
            "åren 2019-2020",
            "2019-06-15T08:00",
            "sidan 08-12",
            "0701234567",
            "08 508 000 00 utan bindestreck",
            "kod A112",
            "§ 112",
            "112%",
            "nr 112",
            "112 000 kronor",
            "112\u{a0}000 kr",
            "3 112 personer",
            "070-123 45 67 89",
            "08-508 000 00 12",
            "i serien 08-123 456 xx och",
            "i serien 08-123 456 XX.",
            "sidan 08-508 000 00",
        ];
        for text in cases {
            assert_eq!(links(text), vec![], "{text}");
        }
    }

    #[test]
    fn the_text_around_a_number_is_kept_as_written() {
        let pieces = split("Ring 112 eller 114 14.").expect("numbers");
        assert_eq!(
            pieces,
            vec![
                Piece::Text("Ring "),
                Piece::Phone {
                    shown: "112",
                    href: "tel:112".into()
                },
                Piece::Text(" eller "),
                Piece::Phone {
                    shown: "114 14",
                    href: "tel:11414".into()
                },
                Piece::Text("."),
            ]
        );
        assert_eq!(split("Ingen siffra här"), None);
    }

    proptest! {
        #[test]
        fn any_text_splits_without_panicking_and_loses_nothing(text in "[0-9 +/\\-.,a-zåäö€😀]{0,40}") {
            if let Some(pieces) = split(&text) {
                let joined: String = pieces
                    .iter()
                    .map(|p| match p {
                        Piece::Text(t) => *t,
                        Piece::Phone { shown, .. } => shown,
                    })
                    .collect();
                prop_assert_eq!(joined, text);
            }
        }

        #[test]
        fn any_unicode_text_splits_without_panicking(text in "\\PC{0,60}") {
            let _ = split(&text);
        }
    }
}
