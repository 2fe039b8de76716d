//! Folding text for search, shared by the doctor finder and news search.
//!
//! Folding makes what people type meet what the dataset says:
//! - case: `Zhang` → `zhang` (ASCII fast path, `char::to_lowercase` otherwise);
//! - accents in Latin-1 Supplement and Latin Extended-A: `é` → `e`, `ß` → `ss`,
//!   `æ` → `ae`, `ł` → `l`;
//! - pinyin tone marks, including the Latin Extended-B ones: `ā á ǎ à` → `a`,
//!   `ǖ ǘ ǚ ǜ ü` → `u`;
//! - full-width forms: `Ｚｈａｎｇ１` → `zhang1`, the ideographic space → a space;
//! - combining accents (U+0300–U+036F), zero-width and bidi-control characters,
//!   soft hyphens and variation selectors are dropped.
//!
//! - Traditional Chinese characters to Simplified: `張偉` → `张伟`, `神經內科` →
//!   `神经内科` (one character each, from the table in `normalize/t2s.rs`, which
//!   `crates/hospital-core/t2s-gen` writes from the zhconv crate; 3,287 pairs of
//!   the unified ideographs block, 13 KB in the wasm);
//!
//! Only these small tables are used, not Unicode normalization: its tables
//! would add about 65 KB gzipped to the wasm bundle.
//!
//! Tokens: a run of letters and digits (after folding) is one token; each Han or
//! kana character is a token of its own, because Chinese is written without spaces
//! and a query such as `张伟` must find `张伟` inside `主任医师张伟`.

use std::ops::Range;

mod t2s;

/// The Simplified form of a Chinese character; any other character as it is.
pub fn simplified(c: char) -> char {
    let u = c as u32;
    if !(0x4E00..=0x9FFF).contains(&u) {
        return c;
    }
    match t2s::T2S.binary_search_by_key(&(u as u16), |p| p.0) {
        Ok(i) => char::from_u32(t2s::T2S[i].1 as u32).unwrap_or(c),
        Err(_) => c,
    }
}

/// `text` with its Traditional Chinese characters made Simplified (borrowed when
/// there are none): the form CJK runs of the data are compared in.
pub fn simplify(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().all(|c| simplified(c) == c) {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(text.chars().map(simplified).collect())
    }
}

/// The folded tokens of `text` as one key: Chinese characters written together
/// stay together, other tokens are joined by one space. `"Liver  Cirrhosis"` →
/// `"liver cirrhosis"`, `"心血管 內科"` → `"心血管 内科"`. Whole fields and whole
/// queries are compared in this form.
pub fn phrase_key(text: &str) -> String {
    let mut out = String::new();
    let mut last: Option<(usize, bool)> = None;
    for_each_token(text, |t, range, cjk| {
        if let Some((end, was_cjk)) = last {
            if !(cjk && was_cjk && end == range.start) {
                out.push(' ');
            }
        }
        out.push_str(t);
        last = Some((range.end, cjk));
    });
    out
}

/// U+00C0..=U+00FF. `.` keeps the character (× and ÷), digits stand for
/// two-letter folds (see `push_code`).
const LATIN_1: &[u8; 64] = b"aaaaaa3ceeeeiiiidnooooo.ouuuuy45aaaaaa3ceeeeiiiidnooooo.ouuuuy4y";

/// U+0100..=U+017F, in code point order.
const LATIN_EXT_A: &[u8; 128] = b"aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii11jjkkkllllllllllnnnnnnnnnoooooo22rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

/// U+01CD..=U+01DC: the third-tone and ü forms that pinyin uses (ǎ ǐ ǒ ǔ ǖ ǘ ǚ ǜ).
const PINYIN_EXT_B: &[u8; 16] = b"aaiioouuuuuuuuuu";

/// True for characters that are tokens on their own: CJK ideographs and kana.
pub fn is_cjk(c: char) -> bool {
    matches!(
        c as u32,
        0x3040..=0x30FF          // hiragana, katakana
        | 0x3400..=0x4DBF        // extension A
        | 0x4E00..=0x9FFF        // unified ideographs
        | 0xF900..=0xFAFF        // compatibility ideographs
        | 0x20000..=0x3134F // extensions B–G
    )
}

/// Characters that never separate words and never show in a folded token.
fn is_ignorable(u: u32) -> bool {
    matches!(
        u,
        0xAD | 0x0300..=0x036F | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2064
            | 0xFE00..=0xFE0F | 0xFEFF
    )
}

fn push_code(code: u8, c: char, out: &mut String) {
    match code {
        b'1' => out.push_str("ij"),
        b'2' => out.push_str("oe"),
        b'3' => out.push_str("ae"),
        b'4' => out.push_str("th"),
        b'5' => out.push_str("ss"),
        b'.' => out.push(c),
        letter => out.push(letter as char),
    }
}

/// Appends the folded form of `c` to `out` (nothing for ignorable characters).
pub fn fold_char(c: char, out: &mut String) {
    let u = c as u32;
    let c = match u {
        0xFF01..=0xFF5E => char::from_u32(u - 0xFEE0).unwrap_or(c),
        0x3000 => ' ',
        _ => c,
    };
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    let u = c as u32;
    match u {
        0xC0..=0xFF => push_code(LATIN_1[(u - 0xC0) as usize], c, out),
        0x100..=0x17F => push_code(LATIN_EXT_A[(u - 0x100) as usize], c, out),
        0x1CD..=0x1DC => push_code(PINYIN_EXT_B[(u - 0x1CD) as usize], c, out),
        0x1F8 | 0x1F9 => out.push('n'),
        0x1E3E | 0x1E3F => out.push('m'),
        0x251 => out.push('a'),
        0x4E00..=0x9FFF => out.push(simplified(c)),
        _ if is_ignorable(u) => {}
        _ => out.extend(c.to_lowercase()),
    }
}

/// The folded form of a whole text; characters that are not letters stay as they are
/// (lowercased), so this is also usable for whole-string comparisons.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        fold_char(c, &mut out);
    }
    out
}

/// One word of a text: its folded form and where it is in the original text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub text: String,
    /// Byte range in the original text, on char boundaries.
    pub range: Range<usize>,
    /// A single CJK character.
    pub cjk: bool,
}

/// Calls `f(folded, range, cjk)` for every token of `text`, without allocating per
/// token: index building goes through millions of them.
pub fn for_each_token(text: &str, mut f: impl FnMut(&str, Range<usize>, bool)) {
    let mut word = String::new();
    let mut start = 0;
    let mut end = 0;
    let mut buf = String::new();
    for (i, c) in text.char_indices() {
        let next = i + c.len_utf8();
        // Most text in most datasets is ASCII: skip the general path for it.
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                if word.is_empty() {
                    start = i;
                }
                word.push(c.to_ascii_lowercase());
                end = next;
            } else if !word.is_empty() {
                f(&word, start..end, false);
                word.clear();
            }
            continue;
        }
        if is_cjk(c) {
            if !word.is_empty() {
                f(&word, start..end, false);
                word.clear();
            }
            buf.clear();
            buf.push(simplified(c));
            f(&buf, i..next, true);
            continue;
        }
        buf.clear();
        fold_char(c, &mut buf);
        if buf.is_empty() {
            // A zero-width joiner or combining accent inside a word stays inside it.
            if !word.is_empty() {
                end = next;
            }
        } else if buf.chars().all(char::is_alphanumeric) {
            if word.is_empty() {
                start = i;
            }
            word.push_str(&buf);
            end = next;
        } else if !word.is_empty() {
            f(&word, start..end, false);
            word.clear();
        }
    }
    if !word.is_empty() {
        f(&word, start..end, false);
    }
}

/// The tokens of `text`, in order.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    for_each_token(text, |t, range, cjk| {
        out.push(Token {
            text: t.to_string(),
            range,
            cjk,
        })
    });
    out
}

/// The folded tokens of `text`, in order: the terms a search for `text` looks for.
pub fn terms(text: &str) -> Vec<String> {
    tokenize(text).into_iter().map(|t| t.text).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_and_accents() {
        assert_eq!(fold("Émilie DUBOIS"), "emilie dubois");
        assert_eq!(fold("Straße Œuvre Łódź"), "strasse oeuvre lodz");
        assert_eq!(fold("ĳ Ÿ ſ Ž ő þ ×"), "ij y s z o th ×");
        // Combining acute accent, as macOS sometimes writes é.
        assert_eq!(fold("Cafe\u{301}"), "cafe");
        assert_eq!(fold("ΣΟΦΙΑ"), "σοφια");
    }

    #[test]
    fn pinyin_tones() {
        assert_eq!(fold("Zhāng Wěi"), "zhang wei");
        assert_eq!(
            fold("ā á ǎ à ē é ě è ī í ǐ ì ō ó ǒ ò ū ú ǔ ù"),
            fold("a a a a e e e e i i i i o o o o u u u u")
        );
        assert_eq!(fold("lǚ lǜ lǖ lǘ lü LÜ"), "lu lu lu lu lu lu");
        assert_eq!(fold("ǹ ḿ"), "n m");
    }

    #[test]
    fn full_width() {
        assert_eq!(fold("Ｚｈａｎｇ　Ｗｅｉ１２３"), "zhang wei123");
        assert_eq!(terms("Ｚｈａｎｇ，Ｗｅｉ"), vec!["zhang", "wei"]);
    }

    #[test]
    fn tokens_split_cjk_per_character() {
        let toks = tokenize("主任医师张伟 (Zhang Wei), 心内科");
        let texts: Vec<&str> = toks.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(
            texts,
            ["主", "任", "医", "师", "张", "伟", "zhang", "wei", "心", "内", "科"]
        );
        for t in &toks {
            assert_eq!(t.cjk, t.text.chars().all(is_cjk));
        }
        let s = "主任医师张伟 (Zhang Wei), 心内科";
        assert_eq!(&s[toks[6].range.clone()], "Zhang");
    }

    #[test]
    fn traditional_folds_to_simplified() {
        assert_eq!(
            fold("張偉 神經內科 高血壓 濕疹"),
            "张伟 神经内科 高血压 湿疹"
        );
        assert_eq!(terms("醫師"), ["医", "师"]);
        assert_eq!(simplify("心内科"), "心内科");
        assert_eq!(simplify("腎內科"), "肾内科");
        // Folding twice changes nothing: no simplified form is itself in the table.
        for &(_, s) in t2s::T2S {
            let c = char::from_u32(s as u32).unwrap_or(' ');
            assert_eq!(simplified(c), c, "{c}");
        }
        assert!(t2s::T2S.windows(2).all(|w| w[0].0 < w[1].0), "sorted");
    }

    #[test]
    fn phrase_keys() {
        assert_eq!(phrase_key("  Liver  Cirrhosis "), "liver cirrhosis");
        assert_eq!(phrase_key("心血管 內科"), "心血管 内科");
        assert_eq!(phrase_key("2型糖尿病"), "2 型糖尿病");
        assert_eq!(phrase_key("Dr. O'Connor"), "dr o connor");
        assert_eq!(phrase_key(""), "");
    }

    #[test]
    fn invisible_characters_do_not_split_words() {
        let toks = tokenize("car\u{200B}diology O'Brien");
        assert_eq!(toks[0].text, "cardiology");
        assert_eq!(toks[0].range, 0..13);
        assert_eq!(toks[1].text, "o");
        assert_eq!(toks[2].text, "brien");
        assert!(tokenize("🙂 \u{202E} \u{200D}").is_empty());
    }
}
