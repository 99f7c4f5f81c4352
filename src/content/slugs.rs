//! URL slugs: lower case ASCII, words joined by `-`, å/ä/ö folded to a/a/o.

/// `Återvändare och barn` → `atervandare-och-barn`.
pub fn slugify(text: &str) -> String {
    slug::slugify(text)
}

/// A date prefix in a file name (`2020-05-01-rapport`) is not part of the slug.
pub fn strip_date_prefix(stem: &str) -> (&str, Option<&str>) {
    let bytes = stem.as_bytes();
    let is_date = bytes.len() > 11
        && bytes[..10].iter().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
        && (bytes[10] == b'-' || bytes[10] == b'_');
    if is_date {
        (&stem[11..], Some(&stem[..10]))
    } else {
        (stem, None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_swedish_letters() {
        assert_eq!(slugify("Återvändare"), "atervandare");
        assert_eq!(
            slugify("Rutin vid oro – händelse!"),
            "rutin-vid-oro-handelse"
        );
        assert_eq!(slugify("Öppna förskolan"), "oppna-forskolan");
    }

    #[test]
    fn date_prefix() {
        assert_eq!(
            strip_date_prefix("2020-05-01-rapport"),
            ("rapport", Some("2020-05-01"))
        );
        assert_eq!(strip_date_prefix("rapport"), ("rapport", None));
    }
}
