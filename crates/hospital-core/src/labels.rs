//! What the dataset's keywords are called in each language: title ranks, clinic
//! types, genders, weekdays, half-days, spoken-language codes and the finder's sort
//! orders. One table per kind, shared by the app, the pre-rendered pages and the
//! generator, so that a rank has one Chinese name everywhere.
//!
//! Each table is a `match` over the enum, so a new variant without its names does
//! not compile; the tests check that every name is there and tells its variant apart.

use crate::model::{AcademicTitle, ClinicType, Doctor, Gender, HalfDay, TitleRank, Weekday};
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
    /// The one table of rank names, used by the app, the pre-rendered pages, the
    /// generator and the loader (which accepts either name wherever a key is).
    pub fn label(self) -> Label {
        match self {
            TitleRank::ChiefPhysician => Label::new("Chief Physician", "主任医师"),
            TitleRank::AssociateChiefPhysician => {
                Label::new("Associate Chief Physician", "副主任医师")
            }
            TitleRank::AttendingPhysician => Label::new("Attending Physician", "主治医师"),
            TitleRank::ResidentPhysician => Label::new("Resident Physician", "住院医师"),
            TitleRank::Physician => Label::new("Physician", "医师"),
            TitleRank::AssistantPhysician => Label::new("Assistant Physician", "医士"),
            TitleRank::ChiefPharmacist => Label::new("Chief Pharmacist", "主任药师"),
            TitleRank::AssociateChiefPharmacist => {
                Label::new("Associate Chief Pharmacist", "副主任药师")
            }
            TitleRank::SupervisingPharmacist => Label::new("Supervising Pharmacist", "主管药师"),
            TitleRank::Pharmacist => Label::new("Pharmacist", "药师"),
            TitleRank::AssistantPharmacist => Label::new("Assistant Pharmacist", "药士"),
            TitleRank::ChiefNurse => Label::new("Chief Nurse", "主任护师"),
            TitleRank::AssociateChiefNurse => Label::new("Associate Chief Nurse", "副主任护师"),
            TitleRank::SupervisingNurse => Label::new("Supervising Nurse", "主管护师"),
            TitleRank::NursePractitioner => Label::new("Nurse Practitioner", "专科护士"),
            TitleRank::SeniorNurse => Label::new("Senior Nurse", "护师"),
            TitleRank::Nurse => Label::new("Nurse", "护士"),
            TitleRank::ChiefTechnician => Label::new("Chief Technician", "主任技师"),
            TitleRank::AssociateChiefTechnician => {
                Label::new("Associate Chief Technician", "副主任技师")
            }
            TitleRank::SupervisingTechnician => Label::new("Supervising Technician", "主管技师"),
            TitleRank::Technician => Label::new("Technician", "技师"),
            TitleRank::AssistantTechnician => Label::new("Assistant Technician", "技士"),
            TitleRank::Other => Label::new("Other", "其他"),
        }
    }

    pub fn name(self, lang: Lang) -> &'static str {
        self.label().get(lang)
    }

    /// The rank a dataset's `title` names: its key (`chief_physician`) or its name in
    /// either language (`主任医师`, `Chief Physician`, any case and spacing).
    pub fn from_label(written: &str) -> Option<TitleRank> {
        find_by_label(TitleRank::ALL, written, |r| r.key(), |r| r.label())
    }
}

impl AcademicTitle {
    pub fn label(self) -> Label {
        match self {
            AcademicTitle::Professor => Label::new("Professor", "教授"),
            AcademicTitle::AssociateProfessor => Label::new("Associate Professor", "副教授"),
        }
    }

    pub fn name(self, lang: Lang) -> &'static str {
        self.label().get(lang)
    }

    /// As [`TitleRank::from_label`].
    pub fn from_label(written: &str) -> Option<AcademicTitle> {
        find_by_label(AcademicTitle::ALL, written, |a| a.key(), |a| a.label())
    }
}

impl Doctor {
    /// The doctor's rank as the site shows it: the table's name, or the position as
    /// the dataset wrote it when it matched no rank.
    pub fn title_name(&self, lang: Lang) -> &str {
        match (&self.title, &self.title_as_written) {
            (TitleRank::Other, Some(written)) => written,
            (rank, _) => rank.name(lang),
        }
    }
}

/// A label as the loader compares it: no spaces, `-` or `_`, lower case, so that
/// `Chief Physician`, `chief-physician` and ` 主任 医师 ` match their entries.
fn folded(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '_' | '.' | '\u{3000}'))
        .flat_map(char::to_lowercase)
        .collect()
}

fn find_by_label<T: Copy>(
    all: &[T],
    written: &str,
    key: impl Fn(T) -> &'static str,
    label: impl Fn(T) -> Label,
) -> Option<T> {
    let want = folded(written);
    if want.is_empty() {
        return None;
    }
    all.iter().copied().find(|&v| {
        let l = label(v);
        folded(key(v)) == want || folded(l.en) == want || folded(l.zh) == want
    })
}

/// Every way of writing a rank the loader accepts, for messages and suggestions:
/// the keys, then the English and Chinese names.
pub fn rank_spellings() -> Vec<&'static str> {
    spellings(TitleRank::ALL, |r| r.key(), |r| r.label())
}

/// As [`rank_spellings`], for academic titles.
pub fn academic_spellings() -> Vec<&'static str> {
    spellings(AcademicTitle::ALL, |a| a.key(), |a| a.label())
}

/// As [`rank_spellings`], for sexes: the keys, the names, and M / F.
pub fn gender_spellings() -> Vec<&'static str> {
    let mut all = spellings(Gender::ALL, |g| g.key(), |g| g.label());
    all.extend(["M", "F"]);
    all
}

fn spellings<T: Copy>(
    all: &[T],
    key: impl Fn(T) -> &'static str,
    label: impl Fn(T) -> Label,
) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = all.iter().map(|&v| key(v)).collect();
    out.extend(all.iter().map(|&v| label(v).en));
    out.extend(all.iter().map(|&v| label(v).zh));
    out
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

    /// The sex a dataset names: its key, its name in either language (`男`, `Female`),
    /// or `M` / `F`.
    pub fn from_label(written: &str) -> Option<Gender> {
        match folded(written).as_str() {
            "m" => Some(Gender::Male),
            "f" => Some(Gender::Female),
            _ => find_by_label(Gender::ALL, written, |g| g.key(), |g| g.label()),
        }
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
            "academic title",
            &AcademicTitle::ALL
                .iter()
                .map(|a| a.label())
                .collect::<Vec<_>>(),
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
    fn ranks_are_found_by_key_and_by_either_name() {
        for &r in TitleRank::ALL {
            let l = r.label();
            assert_eq!(TitleRank::from_label(r.key()), Some(r));
            assert_eq!(TitleRank::from_label(l.en), Some(r), "{}", l.en);
            assert_eq!(TitleRank::from_label(l.zh), Some(r), "{}", l.zh);
            assert_eq!(TitleRank::from_label(&l.en.to_uppercase()), Some(r));
            assert_eq!(TitleRank::from_label(&format!(" {} ", l.zh)), Some(r));
        }
        assert_eq!(
            TitleRank::from_label("chief-physician"),
            Some(TitleRank::ChiefPhysician)
        );
        assert_eq!(
            TitleRank::from_label("主任 医师"),
            Some(TitleRank::ChiefPhysician)
        );
        assert_eq!(TitleRank::from_label("主任医生"), None);
        assert_eq!(TitleRank::from_label(""), None);
        assert_eq!(
            AcademicTitle::from_label("副教授"),
            Some(AcademicTitle::AssociateProfessor)
        );
        assert_eq!(
            AcademicTitle::from_label("professor"),
            Some(AcademicTitle::Professor)
        );
    }

    #[test]
    fn no_spelling_names_two_ranks() {
        for &a in TitleRank::ALL {
            for &b in TitleRank::ALL.iter().filter(|&&b| b != a) {
                for sa in [a.key(), a.label().en, a.label().zh] {
                    for sb in [b.key(), b.label().en, b.label().zh] {
                        assert_ne!(folded(sa), folded(sb), "{a:?} and {b:?}");
                    }
                }
            }
        }
        assert_eq!(rank_spellings().len(), 3 * TitleRank::ALL.len());
    }

    #[test]
    fn sexes_as_hospitals_write_them() {
        for (written, want) in [
            ("男", Gender::Male),
            ("女", Gender::Female),
            ("M", Gender::Male),
            ("f", Gender::Female),
            ("Male", Gender::Male),
            ("female", Gender::Female),
            ("other", Gender::Other),
        ] {
            assert_eq!(Gender::from_label(written), Some(want), "{written}");
        }
        assert_eq!(Gender::from_label("x"), None);
        assert_eq!(Gender::from_label("男性"), None);
    }

    #[test]
    fn a_position_the_table_does_not_know_is_shown_as_written() {
        let mut d = Doctor {
            title: TitleRank::Other,
            title_as_written: Some("规培医师".into()),
            ..Doctor::default()
        };
        assert_eq!(d.title_name(Lang::En), "规培医师");
        d.title = TitleRank::ChiefNurse;
        assert_eq!(d.title_name(Lang::Zh), "主任护师");
        assert!(TitleRank::ALL.iter().all(|&r| r <= TitleRank::Other));
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
