//! What the dataset's keywords are called in each language: title ranks, clinic
//! types, genders, weekdays, half-days, spoken-language codes and the finder's sort
//! orders. One table per kind, shared by the app, the pre-rendered pages and the
//! generator, so that a rank has one Chinese name everywhere.
//!
//! Each table is a `match` over the enum, so a new variant without its names does
//! not compile; the tests check that every name is there and tells its variant apart.

use crate::model::{ClinicType, Gender, HalfDay, TitleRank, Weekday};
use crate::route::DoctorSort;
use crate::text::Lang;

/// A name in English and in Chinese.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Label {
    pub en: &'static str,
    pub zh: &'static str,
}

impl Label {
    const fn new(en: &'static str, zh: &'static str) -> Label {
        Label { en, zh }
    }

    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Zh => self.zh,
        }
    }
}

impl TitleRank {
    pub fn label(self) -> Label {
        match self {
            TitleRank::ChiefPhysician => Label::new("Chief Physician", "主任医师"),
            TitleRank::AssociateChiefPhysician => {
                Label::new("Associate Chief Physician", "副主任医师")
            }
            TitleRank::AttendingPhysician => Label::new("Attending Physician", "主治医师"),
            TitleRank::ResidentPhysician => Label::new("Resident Physician", "住院医师"),
            TitleRank::ChiefNurse => Label::new("Chief Nurse", "主任护师"),
            TitleRank::NursePractitioner => Label::new("Nurse Practitioner", "专科护士"),
            TitleRank::ChiefTechnician => Label::new("Chief Technician", "主任技师"),
            TitleRank::Technician => Label::new("Technician", "技师"),
        }
    }

    pub fn name(self, lang: Lang) -> &'static str {
        self.label().get(lang)
    }
}

impl ClinicType {
    pub fn label(self) -> Label {
        match self {
            ClinicType::General => Label::new("General clinic", "普通门诊"),
            ClinicType::Expert => Label::new("Expert clinic", "专家门诊"),
            ClinicType::Special => Label::new("Special-needs clinic", "特需门诊"),
        }
    }

    pub fn name(self, lang: Lang) -> &'static str {
        self.label().get(lang)
    }
}

impl Gender {
    pub fn label(self) -> Label {
        match self {
            Gender::Female => Label::new("Female", "女"),
            Gender::Male => Label::new("Male", "男"),
            Gender::Other => Label::new("Other", "其他"),
        }
    }

    pub fn name(self, lang: Lang) -> &'static str {
        self.label().get(lang)
    }
}

impl Weekday {
    /// The full name: "Monday", "星期一".
    pub fn label(self) -> Label {
        match self {
            Weekday::Mon => Label::new("Monday", "星期一"),
            Weekday::Tue => Label::new("Tuesday", "星期二"),
            Weekday::Wed => Label::new("Wednesday", "星期三"),
            Weekday::Thu => Label::new("Thursday", "星期四"),
            Weekday::Fri => Label::new("Friday", "星期五"),
            Weekday::Sat => Label::new("Saturday", "星期六"),
            Weekday::Sun => Label::new("Sunday", "星期日"),
        }
    }

    /// The short name of headings and lists: "Mon", "周一".
    pub fn short_label(self) -> Label {
        match self {
            Weekday::Mon => Label::new("Mon", "周一"),
            Weekday::Tue => Label::new("Tue", "周二"),
            Weekday::Wed => Label::new("Wed", "周三"),
            Weekday::Thu => Label::new("Thu", "周四"),
            Weekday::Fri => Label::new("Fri", "周五"),
            Weekday::Sat => Label::new("Sat", "周六"),
            Weekday::Sun => Label::new("Sun", "周日"),
        }
    }

    pub fn name(self, lang: Lang) -> &'static str {
        self.label().get(lang)
    }

    pub fn short_name(self, lang: Lang) -> &'static str {
        self.short_label().get(lang)
    }
}

impl HalfDay {
    pub fn label(self) -> Label {
        match self {
            HalfDay::Morning => Label::new("Morning", "上午"),
            HalfDay::Afternoon => Label::new("Afternoon", "下午"),
            HalfDay::Evening => Label::new("Evening", "晚间"),
        }
    }

    pub fn name(self, lang: Lang) -> &'static str {
        self.label().get(lang)
    }
}

impl DoctorSort {
    pub fn label(self) -> Label {
        match self {
            DoctorSort::Relevance => Label::new("Best match", "最相关"),
            DoctorSort::Name => Label::new("Name", "姓名"),
            DoctorSort::Rank => Label::new("Title rank", "职称"),
            DoctorSort::Soonest => Label::new("Soonest clinic", "最近出诊"),
        }
    }

    pub fn name(self, lang: Lang) -> &'static str {
        self.label().get(lang)
    }
}

/// The spoken languages the UI can name, by the code the dataset uses.
pub const SPOKEN_LANGUAGES: &[(&str, Label)] = &[
    ("en", Label::new("English", "英语")),
    ("zh", Label::new("Mandarin", "普通话")),
    ("yue", Label::new("Cantonese", "粤语")),
    ("wuu", Label::new("Shanghainese", "上海话")),
    ("ja", Label::new("Japanese", "日语")),
    ("ko", Label::new("Korean", "韩语")),
    ("fr", Label::new("French", "法语")),
    ("de", Label::new("German", "德语")),
    ("es", Label::new("Spanish", "西班牙语")),
    ("ru", Label::new("Russian", "俄语")),
];

/// The names of a spoken-language code; `None` for a code the table does not know.
pub fn spoken_language(code: &str) -> Option<Label> {
    SPOKEN_LANGUAGES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, l)| *l)
}

/// A spoken-language code named in `lang`; a code the table does not know is
/// shown as it is.
pub fn spoken_language_name(lang: Lang, code: &str) -> &str {
    spoken_language(code).map_or(code, |l| l.get(lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_cjk(c: char) -> bool {
        ('\u{4e00}'..='\u{9fff}').contains(&c)
    }

    /// Both names present, English in Latin letters, Chinese in Chinese characters,
    /// and no two variants of one kind with the same name in either language.
    fn check(kind: &str, labels: &[Label]) {
        for l in labels {
            assert!(
                !l.en.trim().is_empty() && l.en.chars().all(|c| !is_cjk(c)),
                "{kind}: English name {:?}",
                l.en
            );
            assert!(
                !l.zh.trim().is_empty() && l.zh.chars().all(is_cjk),
                "{kind}: Chinese name {:?}",
                l.zh
            );
        }
        for (i, a) in labels.iter().enumerate() {
            for b in &labels[i + 1..] {
                assert_ne!(a.en, b.en, "{kind}: two variants called {:?}", a.en);
                assert_ne!(a.zh, b.zh, "{kind}: two variants called {:?}", a.zh);
            }
        }
    }

    #[test]
    fn every_variant_has_both_names() {
        check(
            "rank",
            &TitleRank::ALL.iter().map(|r| r.label()).collect::<Vec<_>>(),
        );
        check(
            "clinic",
            &ClinicType::ALL
                .iter()
                .map(|c| c.label())
                .collect::<Vec<_>>(),
        );
        check(
            "gender",
            &Gender::ALL.iter().map(|g| g.label()).collect::<Vec<_>>(),
        );
        check(
            "weekday",
            &Weekday::ALL.iter().map(|w| w.label()).collect::<Vec<_>>(),
        );
        check(
            "weekday (short)",
            &Weekday::ALL
                .iter()
                .map(|w| w.short_label())
                .collect::<Vec<_>>(),
        );
        check(
            "half-day",
            &HalfDay::ALL.iter().map(|h| h.label()).collect::<Vec<_>>(),
        );
        check(
            "sort",
            &DoctorSort::ALL
                .iter()
                .map(|s| s.label())
                .collect::<Vec<_>>(),
        );
        check(
            "spoken language",
            &SPOKEN_LANGUAGES.iter().map(|(_, l)| *l).collect::<Vec<_>>(),
        );
    }

    #[test]
    fn short_weekdays_abbreviate_the_long_ones() {
        for w in Weekday::ALL {
            let (short, long) = (w.short_label(), w.label());
            assert!(long.en.starts_with(short.en), "{w:?}");
            assert_eq!(
                short.zh.chars().last(),
                long.zh.chars().last(),
                "{w:?}: 周X and 星期X name the same day"
            );
        }
    }

    #[test]
    fn names_in_the_language_asked() {
        assert_eq!(TitleRank::ChiefPhysician.name(Lang::Zh), "主任医师");
        assert_eq!(TitleRank::ChiefPhysician.name(Lang::En), "Chief Physician");
        assert_eq!(Weekday::Wed.short_name(Lang::En), "Wed");
        assert_eq!(HalfDay::Afternoon.name(Lang::Zh), "下午");
        assert_eq!(spoken_language_name(Lang::Zh, "yue"), "粤语");
        assert_eq!(spoken_language_name(Lang::En, "xx-unknown"), "xx-unknown");
    }

    #[test]
    fn spoken_language_codes_are_unique() {
        for (i, (a, _)) in SPOKEN_LANGUAGES.iter().enumerate() {
            assert!(SPOKEN_LANGUAGES[i + 1..].iter().all(|(b, _)| a != b), "{a}");
            assert_eq!(
                spoken_language(a).map(|l| l.en),
                Some(SPOKEN_LANGUAGES[i].1.en)
            );
        }
    }
}
