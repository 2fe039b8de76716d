//! Pinyin of Chinese personal names, and their English rendering ("Wei Zhang").

use pinyin::ToPinyin;

/// Surnames whose reading differs from the character's most common one
/// (曾 is céng in a word but zēng as a surname). Applied to the first character only.
const SURNAME_READINGS: &[(char, &str)] = &[
    ('曾', "zēng"),
    ('单', "shàn"),
    ('解', "xiè"),
    ('区', "ōu"),
    ('仇', "qiú"),
    ('朴', "piáo"),
    ('查', "zhā"),
    ('乐', "yuè"),
    ('盖', "gě"),
    ('缪', "miào"),
    ('覃', "qín"),
    ('任', "rén"),
    ('华', "huà"),
    ('纪', "jǐ"),
    ('翟', "zhái"),
    ('宁', "nìng"),
    ('种', "chóng"),
    ('燕', "yān"),
    ('尉', "yù"),
    ('隗', "wěi"),
    ('贾', "jiǎ"),
    ('沈', "shěn"),
    ('万', "wàn"),
    ('石', "shí"),
    ('薄', "bó"),
    ('车', "chē"),
    ('肖', "xiāo"),
];

/// Characters whose first dictionary reading is wrong anywhere in a name
/// (子 is the toneless "zi" of 儿子 first, but zǐ in 王子健).
const NAME_READINGS: &[(char, &str)] = &[('子', "zǐ")];

/// Pinyin with tone marks for a Chinese name, one syllable per character,
/// separated by spaces: "张伟" gives "zhāng wěi". Letters and digits that are not
/// Chinese are kept as words of their own; `None` when nothing has a reading.
pub fn pinyin_of(name: &str) -> Option<String> {
    // A single character is a word, not a surname followed by a given name.
    syllables(name, name.trim().chars().count() > 1)
}

fn syllables(text: &str, first_is_surname: bool) -> Option<String> {
    let chars: Vec<char> = text.trim().chars().collect();
    let mut words: Vec<String> = Vec::new();
    let mut latin = String::new();
    let mut any_reading = false;
    for (i, &c) in chars.iter().enumerate() {
        let surname = if i == 0 && first_is_surname {
            lookup(SURNAME_READINGS, c)
        } else {
            None
        };
        let reading = surname
            .or_else(|| lookup(NAME_READINGS, c))
            .or_else(|| c.to_pinyin().map(|p| p.with_tone()));
        if let Some(reading) = reading {
            flush(&mut latin, &mut words);
            words.push(reading.to_string());
            any_reading = true;
        } else if c.is_alphanumeric() {
            latin.extend(c.to_lowercase());
        } else {
            flush(&mut latin, &mut words);
        }
    }
    flush(&mut latin, &mut words);
    any_reading.then(|| words.join(" "))
}

fn lookup(table: &[(char, &'static str)], c: char) -> Option<&'static str> {
    table.iter().find(|(k, _)| *k == c).map(|(_, r)| *r)
}

fn flush(word: &mut String, words: &mut Vec<String>) {
    if !word.is_empty() {
        words.push(std::mem::take(word));
    }
}

/// Pinyin without tone marks; ü stays ü.
pub fn strip_tones(pinyin: &str) -> String {
    pinyin
        .chars()
        .map(|c| match c {
            'ā' | 'á' | 'ǎ' | 'à' => 'a',
            'ē' | 'é' | 'ě' | 'è' | 'ế' | 'ề' => 'e',
            'ī' | 'í' | 'ǐ' | 'ì' => 'i',
            'ō' | 'ó' | 'ǒ' | 'ò' => 'o',
            'ū' | 'ú' | 'ǔ' | 'ù' => 'u',
            'ǖ' | 'ǘ' | 'ǚ' | 'ǜ' => 'ü',
            'ń' | 'ň' | 'ǹ' => 'n',
            'ḿ' => 'm',
            other => other,
        })
        .collect()
}

/// One part of a name (surname or given name) as written in English: the syllables
/// run together, capitalised, with ü spelt as on passports (吕 is "Lyu").
pub fn romanize(part: &str, is_surname: bool) -> String {
    let Some(pinyin) = syllables(part, is_surname) else {
        return part.to_string();
    };
    let plain = strip_tones(&pinyin).replace(' ', "");
    let plain = plain
        .replace("lü", "lyu")
        .replace("nü", "nyu")
        .replace('ü', "u");
    capitalised(&plain)
}

/// The text with its first letter in upper case.
pub fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// "Wei Zhang" for surname 张 and given name 伟: given name first, as in English.
pub fn english_name(surname: &str, given: &str) -> String {
    format!("{} {}", romanize(given, false), romanize(surname, true))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_names_with_tone_marks() {
        assert_eq!(pinyin_of("张伟").as_deref(), Some("zhāng wěi"));
        assert_eq!(pinyin_of("欧阳娜娜").as_deref(), Some("ōu yáng nà nà"));
        assert_eq!(pinyin_of("王子健").as_deref(), Some("wáng zǐ jiàn"));
    }

    #[test]
    fn uses_surname_readings() {
        assert_eq!(pinyin_of("曾敏").as_deref(), Some("zēng mǐn"));
        assert_eq!(pinyin_of("单磊").as_deref(), Some("shàn lěi"));
        assert_eq!(pinyin_of("肖一健").as_deref(), Some("xiāo yī jiàn"));
        // Not a surname when it stands alone.
        assert_eq!(pinyin_of("曾").as_deref(), Some("céng"));
    }

    #[test]
    fn keeps_latin_words_and_skips_punctuation() {
        assert_eq!(pinyin_of("李·Anna").as_deref(), Some("lǐ anna"));
        assert_eq!(pinyin_of("Dr Smith"), None);
        assert_eq!(pinyin_of(""), None);
    }

    #[test]
    fn renders_english_names() {
        assert_eq!(english_name("张", "伟"), "Wei Zhang");
        assert_eq!(english_name("王", "晓明"), "Xiaoming Wang");
        assert_eq!(english_name("吕", "丽"), "Li Lyu");
        assert_eq!(english_name("欧阳", "静"), "Jing Ouyang");
        assert_eq!(english_name("曾", "敏"), "Min Zeng");
        // A given name is never read as a surname.
        assert_eq!(english_name("王", "乐怡"), "Leyi Wang");
    }
}
