//! "Did you mean …?" for a value that is not one of a field's values: written with å/ä/ö
//! where the value has a/a/o, in another case, or with a letter or two wrong.

/// The allowed value closest to `written`, when it is close enough to be what was meant.
pub fn closest<'a>(written: &str, allowed: &'a [String]) -> Option<&'a str> {
    let folded = fold(written);
    let mut best: Option<(usize, &str)> = None;
    for value in allowed {
        let distance = edit_distance(&folded, &fold(value));
        if best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, value));
        }
    }
    let (distance, value) = best?;
    // A third of the letters may be wrong, at least one and at most three: more is a guess.
    let limit = (value.chars().count() / 3).clamp(1, 3);
    (distance <= limit).then_some(value)
}

/// Lower case without Swedish letters' dots and rings, as values are written in `config.yaml`.
pub fn fold(text: &str) -> String {
    text.trim()
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'å' | 'ä' | 'á' | 'à' => 'a',
            'ö' | 'ø' | 'ó' => 'o',
            'é' | 'è' => 'e',
            'ü' => 'u',
            '_' | ' ' => '-',
            other => other,
        })
        .collect()
}

/// Edit distance in characters, a swap of two neighbours counting as one edit
/// (optimal string alignment).
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let width = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * width];
    for i in 0..=a.len() {
        for j in 0..=b.len() {
            d[i * width + j] = if i == 0 || j == 0 {
                i + j
            } else {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                let mut best = (d[(i - 1) * width + j] + 1)
                    .min(d[i * width + j - 1] + 1)
                    .min(d[(i - 1) * width + j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    best = best.min(d[(i - 2) * width + j - 2] + 1);
                }
                best
            };
        }
    }
    d[a.len() * width + b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn swedish_letters_and_case_fold_to_the_value() {
        let allowed = values(&["stadsdelsforvaltning", "facknamnd", "bolag"]);
        assert_eq!(
            closest("Stadsdelsförvaltning", &allowed),
            Some("stadsdelsforvaltning")
        );
        assert_eq!(closest("facknämnd", &allowed), Some("facknamnd"));
        // Folded, not guessed: three Swedish letters in five are no edit at all.
        assert_eq!(fold("ÅLDRÖ Vård"), "aldro-vard");
        let short = vec!["aao".to_string()];
        assert_eq!(closest("ÅÄÖ", &short), Some("aao"));
    }

    #[test]
    fn a_near_miss_is_suggested_and_a_far_one_is_not() {
        let allowed = values(&["stadsdelsforvaltning", "facknamnd", "bolag"]);
        assert_eq!(closest("bolga", &allowed), Some("bolag"));
        assert_eq!(closest("skola", &allowed), None);
    }
}
