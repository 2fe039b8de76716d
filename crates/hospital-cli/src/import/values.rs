//! Reading the values hospitals write into the dataset's keywords: ranks, sex,
//! weekdays, half-days, clinic types, languages, yes/no, dates; splitting packed
//! lists; and making URL-safe ids from names.

use crate::names::{pinyin_of, strip_tones};
use hospital_core::model::{AcademicTitle, ClinicType, Gender, HalfDay, TitleRank, Weekday};
use hospital_core::normalize::is_cjk;

/// Lower case, without spaces, `_`, `-`, `.` and full-width spaces: the form labels
/// are compared in ("Chief Physician", "chief_physician" and "CHIEF-PHYSICIAN" agree).
pub fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '_' | '-' | '.' | '\u{3000}'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// True when the text has a Chinese character.
pub fn has_cjk(s: &str) -> bool {
    s.chars().any(is_cjk)
}

/// Separators that never occur inside one item: `，` `、` `;` `；` `|` and line breaks.
const STRONG: [char; 7] = ['，', '、', ';', '；', '|', '\n', '\r'];

/// Splits a packed cell. A cell with a strong separator is split on those only, so
/// that "Ear, Nose and Throat; Stomatology" keeps its first item whole; a cell with
/// none is split on ASCII commas too ("English, French").
pub fn split_list(s: &str) -> Vec<String> {
    let parts: Vec<&str> = if s.contains(STRONG) {
        s.split(STRONG).collect()
    } else {
        s.split(',').collect()
    };
    parts
        .into_iter()
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

/// Splits on the strong separators only, never on an ASCII comma.
pub fn split_strong(s: &str) -> Vec<String> {
    s.split(STRONG)
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

/// Ranks as written in English and Chinese, and the keywords themselves: the core's
/// table of every rank, then a few short forms exports use ("Attending", "Chief").
pub fn title_rank(s: &str) -> Option<TitleRank> {
    if let Some(t) = TitleRank::from_label(s).filter(|t| *t != TitleRank::Other) {
        return Some(t);
    }
    let key = squash(s);
    if let Some(t) = TitleRank::from_key(&s.trim().to_lowercase().replace([' ', '-'], "_")) {
        return Some(t);
    }
    let t = match key.as_str() {
        "主任医师" | "chiefphysician" | "chief" => TitleRank::ChiefPhysician,
        "副主任医师" | "associatechiefphysician" | "deputychiefphysician" | "associatechief" => {
            TitleRank::AssociateChiefPhysician
        }
        "主治医师" | "attendingphysician" | "attending" => TitleRank::AttendingPhysician,
        "住院医师" | "residentphysician" | "resident" => TitleRank::ResidentPhysician,
        "主任护师" | "chiefnurse" => TitleRank::ChiefNurse,
        "专科护士" | "nursepractitioner" => TitleRank::NursePractitioner,
        "主任技师" | "chieftechnician" => TitleRank::ChiefTechnician,
        "技师" | "technician" => TitleRank::Technician,
        _ => return None,
    };
    Some(t)
}

/// A position cell often holds a rank and an academic title ("主任医师、教授",
/// "Chief Physician / Professor"): the first part that is a rank wins.
pub fn title_in(s: &str) -> Option<TitleRank> {
    title_rank(s).or_else(|| title_parts(s).0)
}

/// The rank and the academic title a position cell names, each the first of its kind.
pub fn title_parts(s: &str) -> (Option<TitleRank>, Option<AcademicTitle>) {
    if let Some(t) = title_rank(s) {
        return (Some(t), None);
    }
    let parts = s.split([
        ',', '，', '、', ';', '；', '/', '／', '(', ')', '（', '）', '|', '+',
    ]);
    let mut rank = None;
    let mut academic = None;
    for part in parts.map(str::trim).filter(|p| !p.is_empty()) {
        if rank.is_none() {
            rank = title_rank(part);
            if rank.is_some() {
                continue;
            }
        }
        if academic.is_none() {
            academic = AcademicTitle::from_label(part);
        }
    }
    (rank, academic)
}

pub fn gender(s: &str) -> Option<Gender> {
    Some(match squash(s).as_str() {
        "男" | "m" | "male" | "man" | "男性" => Gender::Male,
        "女" | "f" | "female" | "woman" | "女性" => Gender::Female,
        "other" | "其他" | "x" => Gender::Other,
        _ => return None,
    })
}

/// "unknown", "未知", "N/A" and similar: the sheet says it does not know.
pub fn is_none_word(s: &str) -> bool {
    matches!(
        squash(s).as_str(),
        "unknown" | "未知" | "n/a" | "na" | "none" | "无" | "不详" | "—" | "/" | "null"
    )
}

pub fn weekday(s: &str) -> Option<Weekday> {
    let k = squash(s);
    let k = k
        .trim_start_matches("星期")
        .trim_start_matches("礼拜")
        .trim_start_matches('周');
    Some(match k {
        "mon" | "monday" | "一" | "1" => Weekday::Mon,
        "tue" | "tues" | "tuesday" | "二" | "2" => Weekday::Tue,
        "wed" | "wednesday" | "三" | "3" => Weekday::Wed,
        "thu" | "thur" | "thurs" | "thursday" | "四" | "4" => Weekday::Thu,
        "fri" | "friday" | "五" | "5" => Weekday::Fri,
        "sat" | "saturday" | "六" | "6" => Weekday::Sat,
        "sun" | "sunday" | "日" | "天" | "7" => Weekday::Sun,
        _ => return None,
    })
}

/// Half-days: words, or a time range such as `08:00-12:00` (by its start).
/// "全天"/"all day" is the morning and the afternoon.
pub fn half_days(s: &str) -> Option<Vec<HalfDay>> {
    let k = squash(s);
    let one = match k.as_str() {
        "am" | "morning" | "上午" | "早上" | "上" | "morn" => HalfDay::Morning,
        "pm" | "afternoon" | "下午" | "下" | "午后" => HalfDay::Afternoon,
        "evening" | "night" | "晚上" | "夜间" | "晚" | "夜诊" => HalfDay::Evening,
        "allday" | "全天" | "full" | "fullday" | "全日" => {
            return Some(vec![HalfDay::Morning, HalfDay::Afternoon])
        }
        _ => return time_of_day(s).map(|h| vec![h]),
    };
    Some(vec![one])
}

/// The half-day a clock time starts in: `08:00`, `8:30-11:30`, `14:00:00`.
pub fn time_of_day(s: &str) -> Option<HalfDay> {
    let t = s.trim();
    let hour: String = t.chars().take_while(char::is_ascii_digit).collect();
    let rest = &t[hour.len()..];
    if hour.is_empty() || !(rest.starts_with(':') || rest.starts_with('：')) {
        return None;
    }
    let h: u32 = hour.parse().ok()?;
    Some(match h {
        0..=11 => HalfDay::Morning,
        12..=17 => HalfDay::Afternoon,
        18..=23 => HalfDay::Evening,
        _ => return None,
    })
}

/// A weekday and half-day in one label: `周一上午`, `Mon AM`, `Monday morning`.
pub fn slot(s: &str) -> Option<(Weekday, HalfDay)> {
    let k = squash(s);
    // Try every split point: the weekday first, then the half-day, or the reverse.
    let chars: Vec<(usize, char)> = k.char_indices().collect();
    for &(i, _) in chars.iter().skip(1) {
        let (a, b) = k.split_at(i);
        for (day, half) in [(a, b), (b, a)] {
            if let (Some(d), Some(h)) = (weekday(day), half_days(half)) {
                if h.len() == 1 {
                    return Some((d, h[0]));
                }
            }
        }
    }
    None
}

/// Clinic types as written: 专家门诊, 普通门诊, 特需门诊, expert, general, special.
pub fn clinic(s: &str) -> Option<ClinicType> {
    let k = squash(s);
    if let Some(c) = ClinicType::from_key(&k) {
        return Some(c);
    }
    if k.contains("特需") || k.contains("vip") || k.starts_with("special") {
        return Some(ClinicType::Special);
    }
    if k.contains("专家") || k.contains("名医") || k.contains("知名") || k.starts_with("expert")
    {
        return Some(ClinicType::Expert);
    }
    if k.contains("普通") || k.starts_with("general") || k == "普" || k == "regular" {
        return Some(ClinicType::General);
    }
    None
}

/// A mark in a timetable grid that only says "a session": ✓, √, x, 1, yes, 出诊, 门诊.
pub fn is_tick(s: &str) -> bool {
    matches!(
        squash(s).as_str(),
        "✓" | "✔"
            | "√"
            | "x"
            | "×"
            | "1"
            | "y"
            | "yes"
            | "true"
            | "出诊"
            | "门诊"
            | "●"
            | "○"
            | "o"
    )
}

pub fn is_cancel_word(s: &str) -> bool {
    let k = squash(s);
    k.contains("停诊") || k == "cancelled" || k == "canceled" || k == "off"
}

pub fn yes_no(s: &str) -> Option<bool> {
    match squash(s).as_str() {
        "yes" | "y" | "true" | "1" | "是" | "接受" | "√" | "✓" | "x" => Some(true),
        "no" | "n" | "false" | "0" | "否" | "不接受" | "停止" => Some(false),
        _ => None,
    }
}

/// Languages by code or by name, in English or Chinese.
pub fn language(s: &str) -> Option<String> {
    let k = squash(s);
    let code = match k.as_str() {
        "english" | "英语" | "英文" => "en",
        "chinese" | "mandarin" | "普通话" | "中文" | "汉语" | "国语" | "putonghua" => "zh",
        "cantonese" | "粤语" | "广东话" | "白话" => "yue",
        "shanghainese" | "wu" | "上海话" | "沪语" | "吴语" => "wuu",
        "hokkien" | "minnan" | "闽南话" | "闽南语" => "nan",
        "hakka" | "客家话" => "hak",
        "japanese" | "日语" => "ja",
        "korean" | "韩语" | "朝鲜语" => "ko",
        "french" | "法语" => "fr",
        "german" | "德语" => "de",
        "spanish" | "西班牙语" => "es",
        "russian" | "俄语" => "ru",
        "arabic" | "阿拉伯语" => "ar",
        "portuguese" | "葡萄牙语" => "pt",
        "italian" | "意大利语" => "it",
        "swedish" | "瑞典语" => "sv",
        "dutch" | "荷兰语" => "nl",
        "polish" | "波兰语" => "pl",
        "hindi" | "印地语" => "hi",
        "thai" | "泰语" => "th",
        "vietnamese" | "越南语" => "vi",
        "malay" | "马来语" => "ms",
        "tagalog" | "filipino" => "tl",
        "sign" | "signlanguage" | "手语" => "sgn",
        _ => {
            // A language tag as it stands: `en`, `zh-CN`, `yue`.
            let t = s.trim();
            let ok = (2..=12).contains(&t.len())
                && t.split(['-', '_']).all(|p| {
                    !p.is_empty() && p.len() <= 8 && p.chars().all(|c| c.is_ascii_alphanumeric())
                })
                && t.split(['-', '_']).next().is_some_and(|p| {
                    (2..=3).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphabetic())
                });
            return ok.then(|| t.replace('_', "-").to_lowercase());
        }
    };
    Some(code.to_string())
}

/// `YYYY-MM-DD` from the ways a date is written: `2026/3/5`, `2026.03.05`,
/// `2026年3月5日`, `2026-03-05T10:00:00`.
pub fn date(s: &str) -> Option<String> {
    let t = s.trim();
    let t = t.split(['T', ' ']).next().unwrap_or(t);
    let parts: Vec<&str> = t
        .split(['-', '/', '.', '年', '月', '日'])
        .filter(|p| !p.is_empty())
        .collect();
    let [y, m, d] = parts.as_slice() else {
        return None;
    };
    let (y, m, d): (u32, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    let out = format!("{y:04}-{m:02}-{d:02}");
    hospital_core::validate::is_valid_date(&out).then_some(out)
}

/// True when the text may be used as an id as it stands.
pub fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 128
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// An ASCII slug from a name: Latin letters and digits kept (accents dropped),
/// Chinese by its toneless pinyin. `person` joins the given name's syllables after
/// the surname: 李兴勇 is `li-xingyong`, Wei Zhang is `wei-zhang`.
pub fn slug(name: &str, person: bool) -> String {
    let name = name.trim();
    let words: Vec<String> = if has_cjk(name) {
        let reading = pinyin_of(name).map(|p| strip_tones(&p)).unwrap_or_default();
        let syllables: Vec<String> = reading
            .split_whitespace()
            .map(|s| s.replace('ü', "v"))
            .collect();
        if person && syllables.len() > 1 {
            vec![syllables[0].clone(), syllables[1..].concat()]
        } else {
            syllables
        }
    } else {
        hospital_core::normalize::fold(name)
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let mut out = words.join("-");
    out.truncate(100);
    out.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_in_both_languages_and_with_academic_titles() {
        assert_eq!(title_in("主任医师"), Some(TitleRank::ChiefPhysician));
        assert_eq!(title_in("Chief Physician"), Some(TitleRank::ChiefPhysician));
        assert_eq!(
            title_in("associate_chief_physician"),
            Some(TitleRank::AssociateChiefPhysician)
        );
        assert_eq!(title_in("主任医师、教授"), Some(TitleRank::ChiefPhysician));
        assert_eq!(
            title_in("教授 / 副主任医师"),
            Some(TitleRank::AssociateChiefPhysician)
        );
        assert_eq!(title_in("研究员"), None);
        assert_eq!(title_in("主管药师"), Some(TitleRank::SupervisingPharmacist));
        assert_eq!(
            title_parts("主任医师、教授"),
            (
                Some(TitleRank::ChiefPhysician),
                Some(AcademicTitle::Professor)
            )
        );
        assert_eq!(
            title_parts("副教授"),
            (None, Some(AcademicTitle::AssociateProfessor))
        );
    }

    #[test]
    fn slots_weekdays_and_times() {
        assert_eq!(slot("周一上午"), Some((Weekday::Mon, HalfDay::Morning)));
        assert_eq!(
            slot("星期五 下午"),
            Some((Weekday::Fri, HalfDay::Afternoon))
        );
        assert_eq!(slot("Tue PM"), Some((Weekday::Tue, HalfDay::Afternoon)));
        assert_eq!(slot("morning Sat"), Some((Weekday::Sat, HalfDay::Morning)));
        assert_eq!(slot("科室"), None);
        assert_eq!(half_days("08:00-12:00"), Some(vec![HalfDay::Morning]));
        assert_eq!(half_days("14:00:00"), Some(vec![HalfDay::Afternoon]));
        assert_eq!(half_days("全天").map(|v| v.len()), Some(2));
        assert_eq!(weekday("礼拜日"), Some(Weekday::Sun));
    }

    #[test]
    fn lists_languages_dates_and_slugs() {
        assert_eq!(
            split_list("冠心病、高血压，心衰; PCI"),
            ["冠心病", "高血压", "心衰", "PCI"]
        );
        assert_eq!(
            split_list("Ear, Nose and Throat; Stomatology"),
            ["Ear, Nose and Throat", "Stomatology"]
        );
        assert_eq!(split_list("English, French"), ["English", "French"]);
        assert_eq!(language("普通话").as_deref(), Some("zh"));
        assert_eq!(language("en-US").as_deref(), Some("en-us"));
        assert_eq!(language("Klingon speech"), None);
        assert_eq!(date("2026年3月5日").as_deref(), Some("2026-03-05"));
        assert_eq!(date("2025/2/29"), None);
        assert_eq!(slug("李兴勇", true), "li-xingyong");
        assert_eq!(slug("Wei Zhang", true), "wei-zhang");
        assert_eq!(slug("心内科", false), "xin-nei-ke");
        assert_eq!(slug("José Núñez", true), "jose-nunez");
        assert_eq!(gender(" 男 "), Some(Gender::Male));
        assert_eq!(clinic("知名专家门诊"), Some(ClinicType::Expert));
    }
}
