//! Doctor search benchmark on a synthetic dataset.
//!
//! ```text
//! cargo run --release -p hospital-core --example search_bench -- 10000
//! ```
//!
//! `cargo run --release -p hospital-core --example search_bench -- 100000 5` (rounds).
//!
//! Builds N doctors (default 10,000; the same ones every run), times the index
//! build, then types each query one key at a time, as the search box does, and
//! reports the median and 95th percentile time of a search, in microseconds.

use hospital_core::route::{DoctorQuery, DoctorSort, Slot};
use hospital_core::search::DoctorIndex;
use hospital_core::*;
use std::time::{Duration, Instant};

#[path = "../tests/support/names.rs"]
mod names;
use names::{GIVEN, SURNAMES};

/// Id, English name, Chinese name, keywords.
type DepartmentRow = (
    &'static str,
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
);

const DEPARTMENTS: &[DepartmentRow] = &[
    (
        "cardiology",
        "Cardiology",
        "心内科",
        &[("heart", "心脏"), ("chest pain", "胸痛")],
    ),
    (
        "cardiac-surgery",
        "Cardiac Surgery",
        "心脏外科",
        &[("bypass", "搭桥")],
    ),
    (
        "neurology",
        "Neurology",
        "神经内科",
        &[("headache", "头痛"), ("stroke", "中风")],
    ),
    (
        "neurosurgery",
        "Neurosurgery",
        "神经外科",
        &[("brain tumor", "脑肿瘤")],
    ),
    (
        "dermatology",
        "Dermatology",
        "皮肤科",
        &[("skin", "皮肤"), ("rash", "皮疹")],
    ),
    ("pediatrics", "Pediatrics", "儿科", &[("child", "儿童")]),
    (
        "orthopedics",
        "Orthopedics",
        "骨科",
        &[("bone", "骨头"), ("fracture", "骨折")],
    ),
    (
        "respiratory",
        "Respiratory Medicine",
        "呼吸内科",
        &[("cough", "咳嗽")],
    ),
    (
        "gastroenterology",
        "Gastroenterology",
        "消化内科",
        &[("stomach", "胃")],
    ),
    (
        "endocrinology",
        "Endocrinology",
        "内分泌科",
        &[("diabetes", "糖尿病")],
    ),
    ("nephrology", "Nephrology", "肾内科", &[("kidney", "肾")]),
    ("oncology", "Oncology", "肿瘤科", &[("cancer", "癌症")]),
    ("ophthalmology", "Ophthalmology", "眼科", &[("eye", "眼睛")]),
    (
        "ent",
        "Otolaryngology (ENT)",
        "耳鼻喉科",
        &[("ear", "耳朵")],
    ),
    ("stomatology", "Stomatology", "口腔科", &[("tooth", "牙齿")]),
    ("psychiatry", "Psychiatry", "精神科", &[("anxiety", "焦虑")]),
    (
        "obstetrics",
        "Obstetrics and Gynecology",
        "妇产科",
        &[("pregnancy", "怀孕")],
    ),
    ("urology", "Urology", "泌尿外科", &[("bladder", "膀胱")]),
    ("hematology", "Hematology", "血液科", &[("blood", "血液")]),
    (
        "rheumatology",
        "Rheumatology",
        "风湿免疫科",
        &[("arthritis", "关节炎")],
    ),
    (
        "infectious",
        "Infectious Diseases",
        "感染科",
        &[("fever", "发热")],
    ),
    (
        "general-surgery",
        "General Surgery",
        "普通外科",
        &[("hernia", "疝气")],
    ),
    (
        "rehabilitation",
        "Rehabilitation",
        "康复医学科",
        &[("physiotherapy", "理疗")],
    ),
    (
        "emergency",
        "Emergency Medicine",
        "急诊科",
        &[("injury", "外伤")],
    ),
    (
        "geriatrics",
        "Geriatrics",
        "老年医学科",
        &[("elderly", "老年")],
    ),
    (
        "tcm",
        "Traditional Chinese Medicine",
        "中医科",
        &[("acupuncture", "针灸")],
    ),
    ("radiology", "Radiology", "放射科", &[("imaging", "影像")]),
    (
        "anesthesiology",
        "Anesthesiology",
        "麻醉科",
        &[("pain clinic", "疼痛门诊")],
    ),
    (
        "nutrition",
        "Clinical Nutrition",
        "临床营养科",
        &[("diet", "饮食")],
    ),
    (
        "plastic-surgery",
        "Plastic Surgery",
        "整形外科",
        &[("scar", "疤痕")],
    ),
];
const CONDITIONS: &[(&str, &str)] = &[
    ("Hypertension", "高血压"),
    ("Coronary heart disease", "冠心病"),
    ("Arrhythmia", "心律失常"),
    ("Heart failure", "心力衰竭"),
    ("Migraine", "偏头痛"),
    ("Epilepsy", "癫痫"),
    ("Parkinson's disease", "帕金森病"),
    ("Eczema", "湿疹"),
    ("Psoriasis", "银屑病"),
    ("Acne", "痤疮"),
    ("Asthma", "哮喘"),
    ("Pneumonia", "肺炎"),
    ("COPD", "慢阻肺"),
    ("Gastritis", "胃炎"),
    ("Hepatitis", "肝炎"),
    ("Diabetes", "糖尿病"),
    ("Thyroid nodules", "甲状腺结节"),
    ("Chronic kidney disease", "慢性肾病"),
    ("Lung cancer", "肺癌"),
    ("Breast cancer", "乳腺癌"),
    ("Cataract", "白内障"),
    ("Glaucoma", "青光眼"),
    ("Sinusitis", "鼻窦炎"),
    ("Hearing loss", "听力下降"),
    ("Dental caries", "龋齿"),
    ("Depression", "抑郁症"),
    ("Anxiety disorders", "焦虑症"),
    ("Osteoporosis", "骨质疏松"),
    ("Knee osteoarthritis", "膝骨关节炎"),
    ("Lumbar disc herniation", "腰椎间盘突出"),
    ("Kidney stones", "肾结石"),
    ("Anemia", "贫血"),
    ("Rheumatoid arthritis", "类风湿关节炎"),
    ("Gout", "痛风"),
    ("Influenza", "流感"),
    ("Childhood asthma", "儿童哮喘"),
    ("Stroke rehabilitation", "卒中康复"),
    ("Sports injuries", "运动损伤"),
    ("Insomnia", "失眠"),
    ("Obesity", "肥胖"),
];
const SPECIALTIES: &[(&str, &str)] = &[
    ("Interventional cardiology", "介入心脏病学"),
    ("Echocardiography", "超声心动图"),
    ("Minimally invasive surgery", "微创手术"),
    ("Endoscopy", "内镜"),
    ("Joint replacement", "关节置换"),
    ("Spine surgery", "脊柱外科"),
    ("Neonatal care", "新生儿护理"),
    ("Cosmetic dermatology", "美容皮肤科"),
    ("Sleep medicine", "睡眠医学"),
    ("Pain management", "疼痛管理"),
    ("Clinical trials", "临床试验"),
    ("Chemotherapy", "化疗"),
    ("Radiotherapy", "放疗"),
    ("Dialysis", "透析"),
    ("Cataract surgery", "白内障手术"),
    ("Orthodontics", "正畸"),
    ("Prenatal care", "产前检查"),
    ("Sports medicine", "运动医学"),
    ("Acupuncture", "针灸"),
    ("Geriatric care", "老年护理"),
];
const SYLLABLES: &[&str] = &[
    "ka", "ro", "mi", "ten", "sul", "vo", "dre", "pan", "li", "sto", "ga", "ne", "thor", "ex",
    "qui", "bra", "lo", "cen", "du", "fa", "mor", "pi", "sen", "tri", "ul", "ven", "za", "ho",
    "ric", "ast",
];
const CAMPUSES: &[&str] = &["main", "east", "west", "north"];
const LANGUAGES: &[&str] = &["zh", "en", "yue", "wuu", "fr", "ja"];

/// A deterministic pseudo-random stream (64-bit LCG).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n.max(1) as u64) as usize
    }
    /// Skewed towards small values, as word frequencies are.
    fn zipf(&mut self, n: usize) -> usize {
        let a = self.next(n);
        let b = self.next(n);
        a.min(b).min(self.next(n))
    }
}

/// Made-up words from syllables: biographies with a realistic vocabulary size.
fn bio_vocabulary(r: &mut Lcg) -> Vec<String> {
    (0..6000)
        .map(|_| {
            (0..2 + r.next(3))
                .map(|_| SYLLABLES[r.next(SYLLABLES.len())])
                .collect()
        })
        .collect()
}

fn pick<'a, T>(r: &mut Lcg, v: &'a [T]) -> &'a T {
    &v[r.next(v.len())]
}

fn synthetic(n: usize) -> Dataset {
    let mut r = Lcg(2024);
    let vocab = bio_vocabulary(&mut r);
    let departments: Vec<Department> = DEPARTMENTS
        .iter()
        .enumerate()
        .map(|(i, (id, en, zh, kw))| Department {
            id: id.to_string(),
            name: Text::bilingual(*en, *zh),
            keywords: kw.iter().map(|(e, z)| Text::bilingual(*e, *z)).collect(),
            campuses: vec![CAMPUSES[i % CAMPUSES.len()].to_string()],
            ..Department::default()
        })
        .collect();
    let doctors = (0..n)
        .map(|i| {
            let (sz, sp, se) = *pick(&mut r, SURNAMES);
            let given: Vec<&(&str, &str, &str)> =
                (0..1 + r.next(2)).map(|_| pick(&mut r, GIVEN)).collect();
            let gz: String = given.iter().map(|g| g.0).collect();
            let gp: Vec<&str> = given.iter().map(|g| g.1).collect();
            let ge: String = given.iter().map(|g| g.2.to_lowercase()).collect::<String>();
            let ge = format!("{}{}", ge[..1].to_uppercase(), &ge[1..]);
            let mut depts = vec![DEPARTMENTS[r.zipf(DEPARTMENTS.len())].0.to_string()];
            if r.next(5) == 0 {
                let other = DEPARTMENTS[r.next(DEPARTMENTS.len())].0.to_string();
                if other != depts[0] {
                    depts.push(other);
                }
            }
            let cond: Vec<Text> = (0..1 + r.next(3))
                .map(|_| {
                    let (e, z) = pick(&mut r, CONDITIONS);
                    Text::bilingual(*e, *z)
                })
                .collect();
            let spec: Vec<Text> = (0..1 + r.next(2))
                .map(|_| {
                    let (e, z) = pick(&mut r, SPECIALTIES);
                    Text::bilingual(*e, *z)
                })
                .collect();
            let bio_en: Vec<&str> = (0..20 + r.next(20))
                .map(|_| vocab[r.zipf(vocab.len())].as_str())
                .collect();
            let bio_zh: String = (0..30 + r.next(30))
                .filter_map(|_| char::from_u32(0x4E00 + r.zipf(3000) as u32))
                .collect();
            let schedule = (0..r.next(5))
                .map(|_| Session {
                    weekday: Weekday::ALL[r.next(6)],
                    half_day: HalfDay::ALL[r.next(2)],
                    clinic: ClinicType::ALL[r.next(3)],
                    campus: (r.next(4) > 0).then(|| (*pick(&mut r, CAMPUSES)).into()),
                    room: None,
                    cancelled: r.next(10) == 0,
                    note: None,
                })
                .collect();
            Doctor {
                id: format!("d{i}"),
                name: Text::bilingual(format!("{se} {ge}"), format!("{sz}{gz}")),
                pinyin: Some(format!("{sp} {}", gp.join(" "))),
                title: TitleRank::ALL[r.zipf(4)],
                departments: depts.into_iter().map(SharedStr::from).collect(),
                specialties: spec,
                conditions: cond,
                languages: LANGUAGES
                    .iter()
                    .filter(|_| r.next(3) == 0)
                    .map(|&l| l.into())
                    .collect(),
                gender: [Some(Gender::Female), Some(Gender::Male), None][r.next(3)],
                bio: Text::bilingual(bio_en.join(" "), bio_zh),
                education: vec![Text::plain(format!("{} University", pick(&mut r, &vocab)))],
                schedule,
                accepting_new_patients: r.next(4) > 0,
                ..Doctor::default()
            }
        })
        .collect();
    Dataset {
        schema: SCHEMA_VERSION,
        departments,
        doctors,
        ..Dataset::default()
    }
}

fn micros(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10_000);
    let t = Instant::now();
    let ds = synthetic(n);
    println!(
        "dataset: {n} doctors generated in {:.0} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
    let t = Instant::now();
    let index = DoctorIndex::build(&ds);
    println!(
        "index build: {:.0} ms  ({index:?})",
        t.elapsed().as_secs_f64() * 1e3
    );

    let now = Slot {
        weekday: Weekday::Tue,
        half_day: HalfDay::Afternoon,
    };
    let cardiology = DoctorQuery {
        departments: vec!["cardiology".into()],
        accepting_only: true,
        sort: DoctorSort::Soonest,
        ..DoctorQuery::default()
    };
    let queries: Vec<(&str, DoctorQuery)> = [
        "zhang wei",
        "Wang Fang",
        "zhangwei",
        "zw",
        "张伟",
        "陈明",
        "cardi",
        "neur",
        "cardiolgy",
        "dermatolgy",
        "hypertension",
        "diabetes",
        "chest pain",
        "胸痛",
        "zhang cardiology",
        "headache li",
        "lu xin",
    ]
    .iter()
    .map(|q| {
        (
            *q,
            DoctorQuery {
                q: q.to_string(),
                ..DoctorQuery::default()
            },
        )
    })
    .chain([("(empty, all doctors)", DoctorQuery::default())])
    .chain([(
        "heart + 2 filters, soonest",
        DoctorQuery {
            q: "heart".into(),
            ..cardiology.clone()
        },
    )])
    .collect();

    let rounds = std::env::args()
        .nth(2)
        .and_then(|a| a.parse().ok())
        .unwrap_or(if n > 50_000 { 5 } else { 20 });
    println!(
        "\n{:<28} {:>6} {:>8} {:>10} {:>10}",
        "query (typed key by key)", "keys", "hits", "median µs", "p95 µs"
    );
    let mut all = Vec::new();
    let only = std::env::var("ONLY").ok();
    for (label, q) in &queries {
        if only.as_deref().is_some_and(|o| o != *label) {
            continue;
        }
        let chars: Vec<(usize, char)> = q.q.char_indices().collect();
        let prefixes: Vec<DoctorQuery> = if chars.is_empty() {
            vec![q.clone()]
        } else {
            chars
                .iter()
                .map(|&(i, c)| DoctorQuery {
                    q: q.q[..i + c.len_utf8()].to_string(),
                    ..q.clone()
                })
                .collect()
        };
        let mut times = Vec::new();
        let mut hits = 0;
        for _ in 0..rounds {
            for p in &prefixes {
                let t = Instant::now();
                let r = index.search(&ds, p, now);
                times.push(t.elapsed());
                hits = r.hits.len();
                std::hint::black_box(r);
            }
        }
        times.sort();
        all.extend(times.iter().copied());
        let median = micros(times[times.len() / 2]);
        let p95 = micros(times[(times.len() * 95 / 100).min(times.len() - 1)]);
        println!(
            "{label:<28} {:>6} {hits:>8} {median:>10.1} {p95:>10.1}",
            prefixes.len()
        );
    }
    all.sort();
    if all.is_empty() {
        return;
    }
    println!(
        "\nall keystrokes: median {:.1} µs, p95 {:.1} µs, max {:.1} µs",
        micros(all[all.len() / 2]),
        micros(all[all.len() * 95 / 100]),
        micros(all[all.len() - 1])
    );
}
