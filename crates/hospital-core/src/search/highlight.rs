//! Where search terms occur in a text, for `<mark>`.

use crate::normalize::{fold_char, tokenize, Token};
use std::ops::Range;

/// Byte ranges of `text` that match `terms`, sorted, merged, on char boundaries.
///
/// Terms are folded and split like any text, so raw query text works too. A Latin
/// term marks the start of each word it is a prefix of (`cardi` marks `Cardi` in
/// `Cardiology`); a CJK character marks that character. A term of several tokens
/// (`internal medicine`, `心内科`) marks them only where they occur in sequence,
/// and Chinese characters of such a term only where they are adjacent.
pub fn highlight(text: &str, terms: &[String]) -> Vec<Range<usize>> {
    let toks = tokenize(text);
    let patterns: Vec<Vec<Token>> = terms
        .iter()
        .map(|t| tokenize(t))
        .filter(|p| !p.is_empty())
        .collect();
    let mut out = Vec::new();
    for i in 0..toks.len() {
        for pat in &patterns {
            match_at(text, &toks[i..], pat, &mut out);
        }
    }
    crate::sort::sort_by_key(&mut out, |r| (r.start, r.end));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(out.len());
    for r in out {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

fn match_at(text: &str, toks: &[Token], pat: &[Token], out: &mut Vec<Range<usize>>) {
    if toks.len() < pat.len() {
        return;
    }
    for (j, (t, p)) in toks.iter().zip(pat).enumerate() {
        let last = j + 1 == pat.len();
        let ok = if p.cjk || !last {
            t.text == p.text
        } else {
            !t.cjk && t.text.starts_with(&p.text)
        };
        let apart = j > 0 && p.cjk && pat[j - 1].cjk && toks[j - 1].range.end != t.range.start;
        if !ok || apart {
            return;
        }
    }
    for (j, (t, p)) in toks.iter().zip(pat).enumerate() {
        if j + 1 == pat.len() && !p.cjk {
            out.push(t.range.start..prefix_end(text, t, p.text.len()));
        } else {
            out.push(t.range.clone());
        }
    }
}

/// The end in `text` of the part of `tok` whose folded form is `folded_len` bytes
/// long, rounded up to a whole character and taking trailing invisible ones along
/// (a combining accent stays with its letter).
fn prefix_end(text: &str, tok: &Token, folded_len: usize) -> usize {
    let mut acc = 0;
    let mut buf = String::new();
    for (i, c) in text[tok.range.clone()].char_indices() {
        buf.clear();
        fold_char(c, &mut buf);
        if acc >= folded_len && !buf.is_empty() {
            return tok.range.start + i;
        }
        acc += buf.len();
    }
    tok.range.end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(text: &str, terms: &[&str]) -> Vec<String> {
        let terms: Vec<String> = terms.iter().map(|t| t.to_string()).collect();
        highlight(text, &terms)
            .into_iter()
            .map(|r| text[r].to_string())
            .collect()
    }

    #[test]
    fn mixed_chinese_and_english() {
        let text = "张伟 Zhang Wei，心内科主任 (Cardiology)";
        assert_eq!(marked(text, &["张", "伟"]), ["张伟"]);
        assert_eq!(marked(text, &["zhang", "cardi"]), ["Zhang", "Cardi"]);
        assert_eq!(marked(text, &["心内科"]), ["心内科"]);
        assert_eq!(marked(text, &["内科主"]), ["内科主"]);
        assert_eq!(
            marked(text, &["科内"]),
            Vec::<String>::new(),
            "a sequence, not a set"
        );
        assert_eq!(marked(text, &["w", "主"]), ["W", "主"]);
        let r = highlight(text, &["zhang".to_string()]);
        assert_eq!(r, vec![7..12]);
    }

    #[test]
    fn folded_prefixes_map_back_to_the_original() {
        assert_eq!(marked("Émilie Dubois", &["emi"]), ["Émi"]);
        assert_eq!(marked("Ｚｈａｎｇ Wei", &["zh"]), ["Ｚｈ"]);
        assert_eq!(marked("Cafe\u{301}s", &["cafe"]), ["Cafe\u{301}"]);
        assert_eq!(
            marked("Æsop", &["a"]),
            ["Æ"],
            "half a ligature marks all of it"
        );
        assert_eq!(
            marked("internal medicine, medical", &["internal medic"]),
            ["internal", "medic"]
        );
        assert_eq!(
            marked("medicine internal", &["internal medic"]),
            Vec::<String>::new()
        );
    }

    #[test]
    fn overlapping_terms_merge() {
        assert_eq!(marked("cardiology", &["car", "cardio"]), ["cardio"]);
        assert!(highlight("", &["x".to_string()]).is_empty());
        assert!(highlight("text", &[]).is_empty());
        assert!(highlight("text", &["".to_string(), "🙂".to_string()]).is_empty());
    }
}
