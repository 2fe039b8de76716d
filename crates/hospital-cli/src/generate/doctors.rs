//! Generated doctors: rank, departments, what they treat, and a weekly timetable.

use super::departments::{Bi, DEPARTMENTS};
use super::hospital::{bi, department_campuses, department_phone};
use super::people::Person;
use super::rng::Rng;
use hospital_core::model::TitleRank;
use serde_json::{json, Map, Value};

struct Rank {
    /// Named by `hospital_core::labels`, the one table of rank names.
    rank: TitleRank,
    weight: usize,
    /// Years in practice.
    years: (usize, usize),
    /// Weights of general, expert and special clinics.
    clinics: [usize; 3],
}

const RANKS: &[Rank] = &[
    Rank {
        rank: TitleRank::ChiefPhysician,
        weight: 16,
        years: (20, 36),
        clinics: [0, 70, 30],
    },
    Rank {
        rank: TitleRank::AssociateChiefPhysician,
        weight: 26,
        years: (12, 22),
        clinics: [20, 80, 0],
    },
    Rank {
        rank: TitleRank::AttendingPhysician,
        weight: 34,
        years: (6, 14),
        clinics: [100, 0, 0],
    },
    Rank {
        rank: TitleRank::ResidentPhysician,
        weight: 10,
        years: (1, 5),
        clinics: [100, 0, 0],
    },
    Rank {
        rank: TitleRank::ChiefNurse,
        weight: 3,
        years: (18, 32),
        clinics: [60, 40, 0],
    },
    Rank {
        rank: TitleRank::NursePractitioner,
        weight: 5,
        years: (5, 20),
        clinics: [100, 0, 0],
    },
    Rank {
        rank: TitleRank::ChiefTechnician,
        weight: 2,
        years: (18, 30),
        clinics: [60, 40, 0],
    },
    Rank {
        rank: TitleRank::Technician,
        weight: 4,
        years: (2, 15),
        clinics: [100, 0, 0],
    },
];

const CLINICS: [&str; 3] = ["general", "expert", "special"];

const UNIVERSITIES: &[Bi] = &[
    ("Eastbrook Medical University", "东溪医科大学"),
    ("Lakeshore University School of Medicine", "湖岸大学医学院"),
    ("Northgate Medical College", "北门医学院"),
    ("Pinecrest University", "松岭大学"),
    ("Westfield Institute of Medicine", "西原医学院"),
    ("Harbour City University", "港城大学"),
];

const ABROAD: &[Bi] = &[
    ("Maple Valley Medical Center", "枫谷医学中心"),
    ("Old Bridge University Hospital", "老桥大学医院"),
    ("Stonehaven Clinic", "石港诊所"),
];

/// Closing sentences of a biography; `{she}` and `{her}` become pronouns.
const BIO_ENDINGS: &[Bi] = &[
    (
        "{She} also teaches medical students and gives a monthly talk for patients.",
        "同时承担医学生带教工作，每月为患者举办一次健康讲座。",
    ),
    (
        "{She} has led several clinical studies and explains every option in plain words.",
        "曾主持多项临床研究，坚持用通俗易懂的语言向患者解释每一种方案。",
    ),
    (
        "Patients value {her} patient listening and careful follow-up.",
        "患者评价其耐心倾听、随访细致。",
    ),
    (
        "{She} trained further abroad before returning to the hospital.",
        "曾赴海外进修，学成后回到本院工作。",
    ),
    (
        "{She} coordinates the department's work with community clinics.",
        "负责科室与社区卫生服务中心的协作工作。",
    ),
];

const NOTES: &[Bi] = &[
    ("Follow-up patients only", "仅限复诊患者"),
    ("Appointments only, no walk-ins", "仅接受预约就诊"),
];

const CANCEL_NOTES: &[Bi] = &[
    (
        "Cancelled this week: the doctor is at a medical conference",
        "本周停诊：医生外出参加学术会议",
    ),
    ("Cancelled this week; back next week", "本周停诊，下周恢复"),
    ("Cancelled: the doctor is on leave", "停诊：医生休假"),
];

const WEEKDAYS: [&str; 6] = ["mon", "tue", "wed", "thu", "fri", "sat"];
const HALF_DAYS: [&str; 2] = ["morning", "afternoon"];

/// "a", "a and b", "a, b and c" / "a", "a和b", "a、b和c".
pub fn join(items: &[Bi]) -> (String, String) {
    let (mut en, mut zh) = (String::new(), String::new());
    for (i, (e, z)) in items.iter().enumerate() {
        if i > 0 {
            let last = i + 1 == items.len();
            en.push_str(if last { " and " } else { ", " });
            zh.push_str(if last { "和" } else { "、" });
        }
        en.push_str(e);
        zh.push_str(z);
    }
    (en, zh)
}

/// Departments that share patients, so that one doctor may work in both.
const RELATED: &[(&str, &str)] = &[
    ("cardiology", "cardiac-surgery"),
    ("cardiology", "geriatrics"),
    ("neurology", "neurosurgery"),
    ("neurology", "rehabilitation"),
    ("gastroenterology", "general-surgery"),
    ("gastroenterology", "nutrition"),
    ("respiratory", "thoracic-surgery"),
    ("respiratory", "infectious-diseases"),
    ("oncology", "hematology"),
    ("oncology", "thoracic-surgery"),
    ("endocrinology", "nutrition"),
    ("nephrology", "endocrinology"),
    ("nephrology", "urology"),
    ("orthopedics", "rehabilitation"),
    ("rheumatology", "orthopedics"),
    ("pediatrics", "neurology"),
    ("psychiatry", "neurology"),
    ("emergency", "general-practice"),
    ("geriatrics", "general-practice"),
    ("anesthesiology", "rehabilitation"),
    ("ent", "stomatology"),
    ("traditional-chinese-medicine", "rehabilitation"),
];

fn index_of(id: &str) -> Option<usize> {
    DEPARTMENTS.iter().position(|d| d.id == id)
}

/// Departments of a doctor: a primary one and, for some, a related second one.
pub fn departments(rng: &mut Rng, primary: usize) -> Vec<usize> {
    let mut out = vec![primary];
    if rng.chance(15) {
        let id = DEPARTMENTS[primary].id;
        let partners: Vec<usize> = RELATED
            .iter()
            .filter_map(|&(a, b)| match (a == id, b == id) {
                (true, _) => index_of(b),
                (_, true) => index_of(a),
                _ => None,
            })
            .collect();
        if !partners.is_empty() {
            out.push(*rng.pick(&partners));
        }
    }
    out
}

pub fn doctor(rng: &mut Rng, id: &str, who: &Person, depts: &[usize]) -> Value {
    let dept = &DEPARTMENTS[depts[0]];
    let rank = &RANKS[rng.weighted(&RANKS.iter().map(|r| r.weight).collect::<Vec<_>>())];
    let years = rng.range(rank.years.0, rank.years.1);

    let wanted = rng.range(1, 3);
    let specialties: Vec<Bi> = rng
        .distinct(dept.specialties.len(), wanted)
        .into_iter()
        .map(|i| dept.specialties[i])
        .collect();
    let wanted = rng.range(2, 4);
    let conditions: Vec<Bi> = rng
        .distinct(dept.conditions.len(), wanted)
        .into_iter()
        .map(|i| dept.conditions[i])
        .collect();

    let mut languages = vec!["zh"];
    if rng.chance(if years > 12 { 65 } else { 45 }) {
        languages.push("en");
    }
    if rng.chance(15) {
        languages.push("wuu");
    } else if rng.chance(5) {
        languages.push("yue");
    }

    let mut d = Map::new();
    d.insert("id".into(), json!(id));
    d.insert("name".into(), json!({ "en": who.en, "zh": who.zh }));
    d.insert("pinyin".into(), json!(who.pinyin));
    d.insert("title".into(), json!(rank.rank.key()));
    d.insert(
        "departments".into(),
        json!(depts.iter().map(|&i| DEPARTMENTS[i].id).collect::<Vec<_>>()),
    );
    d.insert(
        "specialties".into(),
        specialties.iter().map(|s| bi(*s)).collect(),
    );
    d.insert(
        "conditions".into(),
        conditions.iter().map(|s| bi(*s)).collect(),
    );
    d.insert("languages".into(), json!(languages));
    d.insert(
        "gender".into(),
        json!(if who.female { "female" } else { "male" }),
    );
    d.insert(
        "bio".into(),
        bio(rng, who, rank, dept.name, years, &specialties),
    );
    d.insert("education".into(), education(rng, years));
    d.insert("schedule".into(), schedule(rng, rank, depts[0]));
    if rng.chance(5) {
        d.insert("accepting_new_patients".into(), json!(false));
    }
    d.insert(
        "booking".into(),
        json!({
            "url": format!("https://booking.example.org/doctors/{id}"),
            "phone": department_phone(depts[0]),
        }),
    );
    d.insert(
        "verified".into(),
        json!(format!(
            "2026-{:02}-{:02}",
            rng.range(1, 10),
            rng.range(1, 28)
        )),
    );
    Value::Object(d)
}

fn bio(rng: &mut Rng, who: &Person, rank: &Rank, dept: Bi, years: usize, focus: &[Bi]) -> Value {
    let (focus_en, focus_zh) = join(focus);
    let name = rank.rank.label();
    // Mid-sentence in English: "a chief physician".
    let rank_en = name.en.to_lowercase();
    let (she, her) = if who.female {
        ("She", "her")
    } else {
        ("He", "his")
    };
    let ending = rng.pick(BIO_ENDINGS);
    let en = format!(
        "{} is {} {} in {} with {years} year{} of clinical experience, focusing on {focus_en}. {}",
        who.en,
        article_for(&rank_en),
        rank_en,
        dept.0,
        if years == 1 { "" } else { "s" },
        ending.0.replace("{She}", she).replace("{her}", her)
    );
    let zh = format!(
        "{}，{}{}，从事临床工作{years}年，擅长{focus_zh}。{}",
        who.zh, dept.1, name.zh, ending.1
    );
    json!({ "en": en, "zh": zh })
}

fn article_for(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

fn education(rng: &mut Rng, years: usize) -> Value {
    let graduated = 2026 - years;
    let first = rng.pick(UNIVERSITIES);
    let mut out = vec![json!({
        "en": format!("Bachelor of Medicine, {} ({})", first.0, graduated.saturating_sub(3)),
        "zh": format!("{} 临床医学学士（{}年）", first.1, graduated.saturating_sub(3)),
    })];
    if years > 5 && rng.chance(70) {
        let uni = rng.pick(UNIVERSITIES);
        let (degree_en, degree_zh) = if rng.chance(50) {
            ("Doctor of Medicine", "医学博士")
        } else {
            ("Master of Medicine", "医学硕士")
        };
        out.push(json!({
            "en": format!("{degree_en}, {} ({graduated})", uni.0),
            "zh": format!("{} {degree_zh}（{graduated}年）", uni.1),
        }));
    }
    if years > 10 && rng.chance(35) {
        let place = rng.pick(ABROAD);
        let year = graduated + rng.range(3, years.min(12));
        out.push(json!({
            "en": format!("Visiting fellow, {} ({year})", place.0),
            "zh": format!("{} 访问学者（{year}年）", place.1),
        }));
    }
    Value::Array(out)
}

fn schedule(rng: &mut Rng, rank: &Rank, dept: usize) -> Value {
    // Weekday half-days, plus Saturday morning for some: no two sessions share a slot.
    let mut slots: Vec<(usize, usize)> = (0..5).flat_map(|d| (0..2).map(move |h| (d, h))).collect();
    if rng.chance(12) {
        slots.push((5, 0));
    }
    let count = rng.range(2, 6);
    let mut chosen: Vec<(usize, usize)> = rng
        .distinct(slots.len(), count)
        .into_iter()
        .map(|i| slots[i])
        .collect();
    chosen.sort_unstable();
    let campuses = department_campuses(dept);
    // A department keeps to one building; the room changes per doctor.
    let building = 1 + dept % 6;
    let floor = 1 + dept % 4;
    chosen
        .into_iter()
        .map(|(day, half)| {
            let mut s = Map::new();
            s.insert("weekday".into(), json!(WEEKDAYS[day]));
            s.insert("session".into(), json!(HALF_DAYS[half]));
            s.insert("clinic".into(), json!(CLINICS[rng.weighted(&rank.clinics)]));
            s.insert("campus".into(), json!(rng.pick(&campuses)));
            s.insert(
                "room".into(),
                json!(format!(
                    "Building {building}, Room {floor}{:02}",
                    rng.range(1, 30)
                )),
            );
            if rng.chance(5) {
                s.insert("cancelled".into(), json!(true));
                s.insert("note".into(), bi(*rng.pick(CANCEL_NOTES)));
            } else if rng.chance(3) {
                s.insert("note".into(), bi(*rng.pick(NOTES)));
            }
            Value::Object(s)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn related_departments_exist() {
        for (a, b) in RELATED {
            assert!(index_of(a).is_some() && index_of(b).is_some(), "{a} {b}");
        }
    }

    #[test]
    fn joins_lists_in_both_languages() {
        let (en, zh) = join(&[("a", "甲"), ("b", "乙"), ("c", "丙")]);
        assert_eq!((en.as_str(), zh.as_str()), ("a, b and c", "甲、乙和丙"));
        assert_eq!(join(&[("a", "甲")]).0, "a");
    }
}
