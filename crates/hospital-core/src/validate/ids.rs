//! Ids for records that come without one, as staff lists do: an ASCII slug from the
//! pinyin (`lǐ xìng yǒng` → `li-xingyong`) or the English name (`Cardiology` →
//! `cardiology`), made unique by a number (`li-xingyong-2`). The loader and
//! `hospital-data prepare` (which writes them into the file, so that a doctor's
//! address stays the same when the list changes) use the same rules.

use crate::text::{Lang, Text};
use std::collections::HashSet;

/// The base of a doctor's made-up id: from the pinyin, else the English name.
pub fn doctor_id_base(pinyin: Option<&str>, name: &Text) -> Option<String> {
    pinyin
        .and_then(slug_from_pinyin)
        .or_else(|| slug_from_name(english(name)))
}

/// The base of a department's made-up id: from its English name.
pub fn department_id_base(name: &Text) -> Option<String> {
    slug_from_name(english(name))
}

/// The English (or plain) form of a name.
fn english(name: &Text) -> &str {
    name.exact(Lang::En).unwrap_or(name.get(Lang::En).text)
}

/// The id of the record at `i` of a list when it needs one made up (`doctor-3`).
pub fn fallback_id(kind: &str, i: usize) -> String {
    format!("{kind}-{}", i + 1)
}

/// The base letter of a pinyin vowel with a tone mark (`ǚ` → `v`, as pinyin is typed).
fn toneless(c: char) -> Option<char> {
    Some(match c {
        'ā' | 'á' | 'ǎ' | 'à' => 'a',
        'ē' | 'é' | 'ě' | 'è' => 'e',
        'ī' | 'í' | 'ǐ' | 'ì' => 'i',
        'ō' | 'ó' | 'ǒ' | 'ò' => 'o',
        'ū' | 'ú' | 'ǔ' | 'ù' => 'u',
        'ü' | 'ǖ' | 'ǘ' | 'ǚ' | 'ǜ' => 'v',
        c if c.is_ascii_alphanumeric() => c.to_ascii_lowercase(),
        _ => return None,
    })
}

/// Lower-case ASCII words of `s`: runs of letters and digits, accents dropped.
fn words(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    for c in s.chars() {
        match toneless(c) {
            Some(a) => word.push(a),
            None if !word.is_empty() => out.push(std::mem::take(&mut word)),
            None => {}
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// Ids stay short enough to read in a URL.
const MAX_SLUG: usize = 60;

fn capped(mut s: String) -> String {
    s.truncate(MAX_SLUG);
    s.trim_end_matches('-').to_string()
}

/// `lǐ xìng yǒng` → `li-xingyong`: the family name, then the given name in one word.
pub fn slug_from_pinyin(pinyin: &str) -> Option<String> {
    let w = words(pinyin);
    let (family, given) = w.split_first()?;
    let mut slug = family.clone();
    if !given.is_empty() {
        slug.push('-');
        slug.push_str(&given.concat());
    }
    Some(capped(slug))
}

/// `Wei Zhang` → `wei-zhang`, `Ear, Nose & Throat` → `ear-nose-throat`.
pub fn slug_from_name(name: &str) -> Option<String> {
    let w = words(name);
    (!w.is_empty()).then(|| capped(w.join("-")))
}

/// Hands out ids unique among the ids already written and those handed out before.
pub struct IdMaker {
    taken: HashSet<String>,
}

impl IdMaker {
    /// `written`: the ids the records that have one already use.
    pub fn new<'a>(written: impl IntoIterator<Item = &'a str>) -> IdMaker {
        IdMaker {
            taken: written.into_iter().map(str::to_string).collect(),
        }
    }

    /// A new id from `base` (or `fallback` when there is none), with `-2`, `-3`...
    /// when it is taken.
    pub fn make(&mut self, base: Option<String>, fallback: &str) -> String {
        let base = base
            .filter(|b| !b.is_empty())
            .unwrap_or_else(|| fallback.to_string());
        let mut id = base.clone();
        let mut n = 2;
        while self.taken.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.taken.insert(id.clone());
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_from_pinyin_and_names() {
        assert_eq!(
            slug_from_pinyin("lǐ xìng yǒng").as_deref(),
            Some("li-xingyong")
        );
        assert_eq!(slug_from_pinyin("zhang wei").as_deref(), Some("zhang-wei"));
        assert_eq!(slug_from_pinyin("lǚ").as_deref(), Some("lv"));
        assert_eq!(slug_from_pinyin(" "), None);
        assert_eq!(slug_from_name("Wei Zhang").as_deref(), Some("wei-zhang"));
        assert_eq!(
            slug_from_name("Ear, Nose & Throat").as_deref(),
            Some("ear-nose-throat")
        );
        assert_eq!(slug_from_name("心内科"), None);
        assert!(slug_from_name(&"a b ".repeat(100))
            .is_some_and(|s| s.len() <= MAX_SLUG && !s.ends_with('-')));
    }

    #[test]
    fn made_ids_are_unique_and_stable() {
        let mut ids = IdMaker::new(["li-na", "li-na-2"]);
        assert_eq!(ids.make(Some("li-na".into()), "doctor-1"), "li-na-3");
        assert_eq!(ids.make(Some("li-na".into()), "doctor-2"), "li-na-4");
        assert_eq!(ids.make(None, "doctor-3"), "doctor-3");
        assert_eq!(ids.make(Some(String::new()), "doctor-3"), "doctor-3-2");
        let again = |written: [&str; 1]| {
            let mut m = IdMaker::new(written);
            (m.make(Some("a".into()), "x"), m.make(Some("a".into()), "x"))
        };
        assert_eq!(again(["b"]), again(["b"]));
    }
}
