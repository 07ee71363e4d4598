//! "Did you mean": the profile names closest to a mistyped one.

/// The known name closest to NAME, if it is close enough to be a typo: the
/// same name in another case, or a few edits away (about one per 3 letters).
pub fn closest<'a>(name: &str, known: &[&'a str]) -> Option<&'a str> {
    if let Some(same) = known.iter().find(|k| k.eq_ignore_ascii_case(name)) {
        return Some(same);
    }
    let limit = (name.chars().count() / 3).max(1);
    known
        .iter()
        .map(|k| (distance(name, k), *k))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// Edit distance by characters, a swap of neighbours counting as one edit
/// (`prdo` is one typo of `prod`): optimal string alignment.
fn distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_find_their_profile_and_strangers_find_none() {
        let known = ["prod", "staging", "dev-admin", "Default"];
        assert_eq!(closest("prdo", &known), Some("prod"));
        assert_eq!(closest("stagin", &known), Some("staging"));
        assert_eq!(closest("dev_admin", &known), Some("dev-admin"));
        assert_eq!(closest("default", &known), Some("Default"));
        assert_eq!(closest("billing", &known), None);
        assert_eq!(closest("x", &[]), None);
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("prdo", "prod"), 1);
    }
}
