//! Dates and numbers written the way each language writes them.

use hospital_core::Lang;

/// The English month name (the core's, shared with "next clinics"), `None` outside 1-12.
fn month_en(m: u32) -> Option<&'static str> {
    hospital_core::schedule::month_label(m).map(|l| l.en)
}

/// `2026-07-04` → "4 July 2026" or "2026年7月4日". Unparseable input is shown as it is.
pub fn format_date(lang: Lang, iso: &str) -> String {
    let mut parts = iso.splitn(3, '-').map(|p| p.parse::<u32>().ok());
    let (Some(Some(y)), Some(Some(m)), Some(Some(d))) = (parts.next(), parts.next(), parts.next())
    else {
        return iso.to_string();
    };
    match (lang, month_en(m)) {
        (Lang::En, Some(month)) => format!("{d} {month} {y}"),
        (Lang::Zh, Some(_)) => format!("{y}年{m}月{d}日"),
        _ => iso.to_string(),
    }
}

/// `2026-07` → "July 2026" or "2026年7月"; `2026` stays as it is (with 年 in Chinese).
pub fn format_month(lang: Lang, key: &str) -> String {
    let (y, m) = match key.split_once('-') {
        Some((y, m)) => (y, m.parse::<u32>().ok()),
        None => (key, None),
    };
    match (lang, m) {
        (Lang::En, Some(m)) => format!("{} {y}", month_en(m).unwrap_or("")),
        (Lang::Zh, Some(m)) => format!("{y}年{m}月"),
        (Lang::En, None) => y.to_string(),
        (Lang::Zh, None) => format!("{y}年"),
    }
}

/// Thousands separators for English; Chinese UI conventionally writes plain digits.
pub fn format_count(lang: Lang, n: usize) -> String {
    let digits = n.to_string();
    if lang == Lang::Zh || digits.len() <= 3 {
        return digits;
    }
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_per_language() {
        assert_eq!(format_date(Lang::En, "2026-07-04"), "4 July 2026");
        assert_eq!(format_date(Lang::Zh, "2026-07-04"), "2026年7月4日");
        assert_eq!(format_date(Lang::En, "soon"), "soon");
        assert_eq!(format_month(Lang::Zh, "2025-11"), "2025年11月");
        assert_eq!(format_count(Lang::En, 10000), "10,000");
        assert_eq!(format_count(Lang::Zh, 10000), "10000");
    }
}
