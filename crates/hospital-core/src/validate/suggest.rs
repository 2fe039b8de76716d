//! The nearest accepted value to a near miss ("chief_physican" → "chief_physician",
//! "主任医生" → "主任医师"), so that a message can say what was probably meant.

/// Compared without case, spaces, `-` or `_`.
fn folded(s: &str) -> Vec<char> {
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '_'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Edits between two words: characters inserted, deleted or replaced, and two
/// neighbours swapped ("teu" → "tue" is one edit), as typing slips are.
fn distance(a: &[char], b: &[char]) -> usize {
    let width = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * width];
    for (j, cell) in d.iter_mut().enumerate().take(width) {
        *cell = j;
    }
    for i in 1..=a.len() {
        d[i * width] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[(i - 1) * width + j] + 1)
                .min(d[i * width + j - 1] + 1)
                .min(d[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[(i - 2) * width + j - 2] + 1);
            }
            d[i * width + j] = best;
        }
    }
    d[a.len() * width + b.len()]
}

/// The strings of a hash set in order, so that a suggestion drawn from them does not
/// depend on the set's order.
pub fn sorted<'a>(set: impl IntoIterator<Item = &'a String>) -> Vec<&'a str> {
    let mut v: Vec<&str> = set.into_iter().map(String::as_str).collect();
    crate::sort::sort(&mut v);
    v
}

/// The candidate nearest to `written`, if it is near enough to be a slip: at most a
/// third of its characters differ (at least one may), and it is not what was written.
pub fn nearest<'a>(
    written: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let w = folded(written);
    // Long values are not slips of a keyword, and comparing them costs time.
    if w.is_empty() || w.len() > 64 {
        return None;
    }
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        let f = folded(c);
        let d = distance(&w, &f);
        let limit = (w.len().max(f.len()) / 3).max(1);
        if d == 0 || d > limit || d >= f.len() {
            continue;
        }
        // Ties go to the first candidate: keyword lists come in their documented
        // order, and callers holding a hash set sort it first ([`sorted`]).
        if best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_misses_find_their_value() {
        let ranks = [
            "chief_physician",
            "attending_physician",
            "主任医师",
            "主治医师",
        ];
        assert_eq!(nearest("chief_physican", ranks), Some("chief_physician"));
        assert_eq!(nearest("Chief-Physicain", ranks), Some("chief_physician"));
        assert_eq!(nearest("主任医生", ranks), Some("主任医师"));
        assert_eq!(nearest("attending", ranks), None);
        assert_eq!(nearest("规培医师", ranks), None);
        assert_eq!(nearest("", ranks), None);
        assert_eq!(
            nearest("mon", ["mon", "tue"]),
            None,
            "an exact match is no suggestion"
        );
        assert_eq!(nearest("teu", ["mon", "tue", "wed"]), Some("tue"));
        // Equally near: the same answer whatever the order.
        // Equally near ("thu" is one edit too): the first in the list.
        assert_eq!(nearest("teu", ["thu", "tue"]), Some("thu"));
        let ids = ["zhang-wei".to_string(), "hu-wei".to_string()];
        assert_eq!(nearest("zhawei", sorted(&ids)), Some("hu-wei"));
        assert_eq!(nearest("zhawei", sorted(ids.iter().rev())), Some("hu-wei"));
    }

    #[test]
    fn distance_counts_edits() {
        let d = |a: &str, b: &str| distance(&folded(a), &folded(b));
        assert_eq!(d("kitten", "sitting"), 3);
        assert_eq!(d("", "abc"), 3);
        assert_eq!(d("心内科", "心外科"), 1);
        assert_eq!(d("same", "same"), 0);
        assert_eq!(d("teu", "tue"), 1);
    }
}
