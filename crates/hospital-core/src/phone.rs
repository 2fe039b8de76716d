//! Telephone numbers as hospitals write them: `(0931)4678260`, `（0931）4678260`,
//! `0931-8266957转123`, `+86 21 5550 0100 ext 12`, two numbers in one field separated
//! by `/`, `;`, `、`, `,` or a space. The field is kept and shown as written; each
//! number in it gets its own `tel:` link.

/// One number of a telephone field: the text as written, and its `tel:` link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhoneNumber<'a> {
    /// As written, without the separators around it.
    pub text: &'a str,
    /// `tel:09314678260`, `tel:+862155500100;ext=12` (RFC 3966).
    pub href: String,
}

/// Values that mean "no number" in staff lists.
const NONE: &[&str] = &[
    "无", "暂无", "没有", "n/a", "na", "none", "nil", "-", "--", "—", "/", "null",
];

/// Whether a phone field says there is no number (`无`, `N/A`, `-`).
pub fn means_none(field: &str) -> bool {
    let t = field.trim();
    NONE.iter().any(|n| t.eq_ignore_ascii_case(n))
}

/// Characters that separate two numbers in one field.
fn is_separator(c: char) -> bool {
    matches!(c, '/' | ';' | '；' | '、' | ',' | '，' | '|' | '\n')
}

/// Words that start an extension: `0931-8266957转123`, `ext 12`, `x12`.
const EXTENSION_MARKS: &[&str] = &["转", "分机", "ext.", "ext", "x", "X", "#"];

fn ascii_digit(c: char) -> Option<char> {
    match c {
        '0'..='9' => Some(c),
        // Full-width digits, as Chinese input methods type them.
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
        _ => None,
    }
}

fn digit_count(s: &str) -> usize {
    s.chars().filter_map(ascii_digit).count()
}

/// A number needs at least this many digits (`120` is China's ambulance line).
const MIN_DIGITS: usize = 3;
/// A run of digits this long starts a number of its own: `0931-8266957 0931-8266958`.
const FULL_NUMBER: usize = 7;

/// Whether `part` reads as one telephone number: digits with the punctuation people
/// put between them, and perhaps an extension.
fn is_number(part: &str) -> bool {
    let (main, ext) = split_extension(part);
    let main_ok = digit_count(main) >= MIN_DIGITS
        && main.chars().all(|c| {
            ascii_digit(c).is_some() || c.is_whitespace() || "+-–－().（）·.\u{3000}".contains(c)
        });
    let ext_ok = ext.is_none_or(|e| {
        !e.is_empty()
            && e.chars()
                .all(|c| ascii_digit(c).is_some() || c.is_whitespace())
    });
    main_ok && ext_ok
}

/// The main number and the extension digits after a mark (`转`, `ext`, `x`, `#`).
fn split_extension(part: &str) -> (&str, Option<&str>) {
    for mark in EXTENSION_MARKS {
        if let Some(i) = part.find(mark) {
            // "x" or "ext" inside a word is no mark; only after a digit or a space.
            let before = part[..i].trim_end();
            if before
                .chars()
                .last()
                .is_some_and(|c| ascii_digit(c).is_some() || c == ')' || c == '）')
            {
                let after = part[i + mark.len()..].trim_start_matches(['.', ':', '：', ' ']);
                return (before, Some(after.trim()));
            }
        }
    }
    (part, None)
}

/// The `tel:` link of one number: its digits (a leading `+` kept), and the
/// extension as `;ext=`.
pub fn tel_href(number: &str) -> String {
    let (main, ext) = split_extension(number);
    let mut href = String::from("tel:");
    if main.trim_start().starts_with('+') {
        href.push('+');
    }
    href.extend(main.chars().filter_map(ascii_digit));
    if let Some(ext) = ext {
        let digits: String = ext.chars().filter_map(ascii_digit).collect();
        if !digits.is_empty() {
            href.push_str(";ext=");
            href.push_str(&digits);
        }
    }
    href
}

/// The parts of a field between separators, and between spaces where the pieces on
/// both sides are whole numbers (`0931-8266957 0931-8266958`, but one number in
/// `+86 21 5550 0100`).
fn parts(field: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for chunk in field.split(is_separator) {
        let chunk = chunk.trim();
        if chunk.is_empty() {
            continue;
        }
        // Cut before a space-separated piece that is a whole number, once the
        // number being read is whole too.
        let mut start = 0;
        let mut offset = 0;
        for piece in chunk.split_whitespace() {
            let at = offset + chunk[offset..].find(piece).unwrap_or(0);
            offset = at + piece.len();
            let current = chunk[start..at].trim();
            if digit_count(current) >= FULL_NUMBER
                && digit_count(piece) >= FULL_NUMBER
                && split_extension(current).1.is_none_or(|e| !e.is_empty())
            {
                out.push(current);
                start = at;
            }
        }
        out.push(chunk[start..].trim());
    }
    out
}

/// Every number of a phone field with its link; empty when a part is not a number
/// (see [`check`]).
pub fn split(field: &str) -> Vec<PhoneNumber<'_>> {
    if means_none(field) {
        return Vec::new();
    }
    let parts = parts(field);
    if !parts.iter().all(|p| is_number(p)) {
        return Vec::new();
    }
    parts
        .into_iter()
        .map(|text| PhoneNumber {
            text,
            href: tel_href(text),
        })
        .collect()
}

/// What a phone field holds, for the loader.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Checked<'a> {
    /// One or more numbers.
    Numbers(usize),
    /// "None" written out (`无`, `N/A`, `-`).
    None,
    /// The first part that is not a telephone number.
    NotANumber(&'a str),
}

/// Reads a phone field as the loader does.
pub fn check(field: &str) -> Checked<'_> {
    if means_none(field) {
        return Checked::None;
    }
    let parts = parts(field);
    match parts.iter().find(|p| !is_number(p)) {
        Some(bad) => Checked::NotANumber(bad),
        None if parts.is_empty() => Checked::NotANumber(field.trim()),
        None => Checked::Numbers(parts.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hrefs(field: &str) -> Vec<(String, String)> {
        split(field)
            .into_iter()
            .map(|n| (n.text.to_string(), n.href))
            .collect()
    }

    fn one(text: &str, href: &str) -> Vec<(String, String)> {
        vec![(text.to_string(), href.to_string())]
    }

    #[test]
    fn numbers_as_hospitals_write_them() {
        assert_eq!(
            hrefs("(0931)4678260"),
            one("(0931)4678260", "tel:09314678260")
        );
        assert_eq!(
            hrefs("（0931）4678260"),
            one("（0931）4678260", "tel:09314678260")
        );
        assert_eq!(
            hrefs("+86 21 5550 0100"),
            one("+86 21 5550 0100", "tel:+862155500100")
        );
        assert_eq!(
            hrefs("0931-8266957转123"),
            one("0931-8266957转123", "tel:09318266957;ext=123")
        );
        assert_eq!(
            hrefs("(021) 5550-0100 ext 12"),
            one("(021) 5550-0100 ext 12", "tel:02155500100;ext=12")
        );
        assert_eq!(hrefs("120"), one("120", "tel:120"));
        assert_eq!(
            hrefs("０９３１－１２３４５６７"),
            one("０９３１－１２３４５６７", "tel:09311234567")
        );
    }

    #[test]
    fn two_numbers_in_one_field() {
        for field in [
            "0931-8266957/0931-8266958",
            "0931-8266957; 0931-8266958",
            "0931-8266957、0931-8266958",
            "0931-8266957 0931-8266958",
            "0931-8266957，0931-8266958",
        ] {
            let got = hrefs(field);
            assert_eq!(got.len(), 2, "{field}: {got:?}");
            assert_eq!(got[0].1, "tel:09318266957", "{field}");
            assert_eq!(got[1].1, "tel:09318266958", "{field}");
        }
        // A stray separator at the end is not a number.
        assert_eq!(
            hrefs("0931-8266957/"),
            one("0931-8266957", "tel:09318266957")
        );
        assert_eq!(
            hrefs("0931-8266957；"),
            one("0931-8266957", "tel:09318266957")
        );
    }

    #[test]
    fn none_and_not_a_number() {
        for none in ["无", "N/A", "n/a", "-", " 暂无 ", "none"] {
            assert!(means_none(none), "{none}");
            assert_eq!(check(none), Checked::None);
            assert!(split(none).is_empty());
        }
        assert_eq!(
            check("call reception"),
            Checked::NotANumber("call reception")
        );
        assert_eq!(
            check("0931-8266957 / ask at desk"),
            Checked::NotANumber("ask at desk")
        );
        assert_eq!(check("12"), Checked::NotANumber("12"));
        assert_eq!(check(""), Checked::NotANumber(""));
        assert_eq!(
            check("0931-8266957转"),
            Checked::NotANumber("0931-8266957转")
        );
        assert_eq!(check("0931-8266957/0931-8266958"), Checked::Numbers(2));
    }

    #[test]
    fn the_old_format_still_reads() {
        for field in [
            "+86 21 5550 0100",
            "(021) 5550-0100 ext 12",
            "021.5550.0100",
            "5550 0100 #12",
        ] {
            assert_eq!(check(field), Checked::Numbers(1), "{field}");
        }
    }
}
