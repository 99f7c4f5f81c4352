//! "Did you mean …?" for a value that is not one of a field's values: written with å/ä/ö
//! where the value has a/a/o, in another case, or with a letter or two wrong. Its edit
//! distance also serves the search's "menade du" (`search::query`).

/// The allowed value closest to `written`, when it is close enough to be what was meant.
pub fn closest<'a>(written: &str, allowed: &'a [String]) -> Option<&'a str> {
    let folded = fold(written);
    let mut best: Option<(usize, &str)> = None;
    for value in allowed {
        // No value may be more than three edits off (see `limit` below): nearer ones are exact.
        let off = distance(&folded, &fold(value), 3);
        if best.is_none_or(|(d, _)| off < d) {
            best = Some((off, value));
        }
    }
    let (off, value) = best?;
    // A third of the letters may be wrong, at least one and at most three: more is a guess.
    let limit = (value.chars().count() / 3).clamp(1, 3);
    (off <= limit).then_some(value)
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

/// Optimal string alignment distance (a swap of two neighbours is one edit, the commonest
/// typo), or `limit + 1` once it is certain to exceed `limit`: callers only care about near
/// words, and stopping early keeps a scan of a whole vocabulary file cheap.
pub fn distance(a: &str, b: &str, limit: usize) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > limit {
        return limit + 1;
    }
    let mut rows: Vec<Vec<usize>> = Vec::with_capacity(a.len() + 1);
    rows.push((0..=b.len()).collect());
    for i in 1..=a.len() {
        let mut row = Vec::with_capacity(b.len() + 1);
        row.push(i);
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (rows[i - 1][j] + 1)
                .min(row[j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[i - 2][j - 2] + 1);
            }
            row.push(d);
        }
        if row.iter().min().is_some_and(|&m| m > limit) {
            return limit + 1;
        }
        rows.push(row);
    }
    rows[a.len()][b.len()].min(limit + 1)
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
