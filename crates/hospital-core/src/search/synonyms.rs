//! Plain-language words for departments: "chest pain" finds cardiologists.
//!
//! The table maps what patients type to what departments and specialties are called,
//! and never to department ids, so it works with any dataset.

use crate::normalize::{tokenize, Token};

/// One group of the built-in synonym table.
pub struct SynonymGroup {
    /// What patients type: one word, two words, or a run of Chinese characters.
    /// Matching is on folded text (case, accents and full width do not matter);
    /// an English word also matches with a plural `s` or `es`.
    pub triggers: &'static [&'static str],
    /// What the matching departments and specialties are called. A query word that
    /// is a trigger matches a doctor if the doctor matches the word itself OR one of
    /// these in a department name or keyword, a specialty or a condition (never in a
    /// name or biography). Words must match whole, except that a trailing `*` makes
    /// the word a prefix; a Chinese expansion must occur as written, its characters
    /// contiguous, in one of those texts.
    pub expands: &'static [&'static str],
}

/// The built-in synonym table.
///
/// | Patients say | Expands to |
/// |---|---|
/// | heart, chest (pain), palpitations, blood (pressure), hypertension, 心脏, 胸痛, 心悸, 高血压 | cardiology, cardiac, cardiovascular, 心内科, 心血管 |
/// | cough, asthma, lung, chest, breathing, 咳嗽, 哮喘, 肺, 呼吸 | respiratory, pulmonology, 呼吸, 肺 |
/// | skin (rash), rash, acne, eczema, itch, 皮肤, 皮疹, 湿疹, 痤疮 | dermatology, skin, 皮肤 |
/// | headache, migraine, stroke, dizziness, seizure, 头痛, 中风, 头晕, 癫痫 | neurology, 神经内科, 神经科 (not 神经外科: surgery is not where a headache starts) |
/// | stomach (ache), heartburn, reflux, diarrhea, liver, 胃痛, 腹痛, 反酸, 腹泻, 肝 | gastroenterology, digestive, hepatology, 消化, 胃肠 |
/// | bone, fracture, knee, joint, back (pain), spine, 骨折, 膝盖, 关节, 腰痛 | orthopedics, spine, 骨科 |
/// | pregnancy, pregnant, prenatal, menstrual, infertility, 怀孕, 产检, 月经 | obstetrics, gynecology, maternity, 妇产, 产科, 妇科 |
/// | child, kid, baby, infant, newborn, 儿童, 小孩, 宝宝, 婴儿 | pediatrics, paediatrics, 儿科, 小儿 |
/// | fever, flu, infection, 发烧, 发热, 感冒 | infectious, fever, pediatrics, 感染, 发热, 儿科 |
/// | eye, vision, cataract, glaucoma, myopia, 眼睛, 视力, 白内障, 近视 | ophthalmology, eye, 眼科 |
/// | tooth, teeth, toothache, dentist, gum, 牙, 牙齿, 牙痛, 口腔 | dentistry, dental, stomatology, oral, 口腔, 牙 |
/// | anxiety, depression, insomnia, stress, panic, 焦虑, 抑郁, 失眠, 心理 | psychiatry, psychology, mental, 精神, 心理 |
/// | cancer, tumor, lump, chemotherapy, 癌, 癌症, 肿瘤, 化疗 | oncology, cancer, tumor, 肿瘤 |
/// | kidney, renal, dialysis, 肾, 肾炎, 透析 | nephrology, kidney, renal, 肾 |
/// | diabetes, thyroid, hormone, obesity, 糖尿病, 甲状腺, 血糖 | endocrinology, diabetes, thyroid, 内分泌, 糖尿病 |
/// | urine, bladder, prostate, 尿, 前列腺, 泌尿 | urology, 泌尿 |
/// | ear, nose, throat, hearing, sinus, 耳朵, 鼻子, 喉咙, 鼻炎 | otolaryngology, ENT, 耳鼻, 咽喉 |
/// | blood, anemia, leukemia, 贫血, 白血病, 血液 | hematology, haematology, 血液 |
///
/// Rules that keep "adding a query word never adds results" true (checked by tests):
/// - a two-word trigger's first word is a trigger of the same group, so typing
///   "chest" already shows every cardiologist that "chest pain" will;
/// - a trigger has at most two words; a Chinese trigger has no spaces.
///
/// Fever lists pediatrics because most fevers seen in clinics are children's: with
/// every query word required to match, "child fever" needs both words to reach
/// pediatricians.
#[rustfmt::skip]
pub const SYNONYMS: &[SynonymGroup] = &[
    SynonymGroup {
        triggers: &[
            "heart", "cardiac", "chest", "chest pain", "chest tightness", "palpitation",
            "arrhythmia", "hypertension", "angina", "blood", "blood pressure", "心脏", "心脏病", "胸痛",
            "胸闷", "心悸", "心慌", "高血压", "心律不齐", "冠心病",
        ],
        expands: &["cardiolog*", "cardiac", "cardiovascular", "heart", "心内科", "心血管", "心脏"],
    },
    SynonymGroup {
        triggers: &[
            "cough", "asthma", "lung", "chest", "breath", "breathing", "breathless", "wheeze",
            "wheezing", "pneumonia", "bronchitis", "咳嗽", "哮喘", "肺", "气喘", "气短", "呼吸", "肺炎", "支气管炎",
        ],
        expands: &["respirator*", "pulmon*", "lung", "呼吸", "肺"],
    },
    SynonymGroup {
        triggers: &[
            "skin", "skin rash", "rash", "acne", "eczema", "itch", "itchy", "itching", "mole",
            "psoriasis", "hives", "皮肤", "皮疹", "湿疹", "痤疮", "青春痘", "瘙痒", "痒", "荨麻疹",
        ],
        expands: &["dermatolog*", "skin", "皮肤"],
    },
    SynonymGroup {
        triggers: &[
            "headache", "migraine", "stroke", "dizzy", "dizziness", "vertigo", "seizure",
            "epilepsy", "numbness", "tremor", "parkinson", "dementia", "头痛", "偏头痛", "头疼", "中风",
            "脑卒中", "头晕", "眩晕", "癫痫", "帕金森", "痴呆", "麻木",
        ],
        expands: &["neurolog*", "神经内科", "神经科"],
    },
    SynonymGroup {
        triggers: &[
            "stomach", "stomach ache", "stomach pain", "stomachache", "heartburn", "reflux",
            "abdominal", "abdominal pain", "abdomen", "belly", "diarrhea", "diarrhoea",
            "constipation", "nausea", "vomiting", "liver", "hepatitis", "gastritis", "ulcer", "胃",
            "胃痛", "胃疼", "肚子痛", "肚子疼", "腹痛", "反酸", "烧心", "腹泻", "拉肚子", "便秘", "恶心", "呕吐", "肝", "肝炎",
            "胃炎", "胃溃疡",
        ],
        expands: &["gastro*", "digestive", "hepatolog*", "消化", "胃肠"],
    },
    SynonymGroup {
        triggers: &[
            "bone", "fracture", "knee", "joint", "back", "back pain", "spine", "hip", "shoulder",
            "sprain", "ligament", "osteoporosis", "骨", "骨折", "膝", "膝盖", "关节", "腰痛", "腰疼", "颈椎",
            "腰椎", "骨质疏松", "扭伤",
        ],
        expands: &["orthop*", "spine", "骨科"],
    },
    SynonymGroup {
        triggers: &[
            "pregnancy", "pregnant", "prenatal", "antenatal", "childbirth", "menstrual",
            "menstruation", "infertility", "fertility", "怀孕", "孕", "孕妇", "产检", "妊娠", "分娩", "月经",
            "痛经", "不孕",
        ],
        expands: &["obstet*", "gyn*", "gynaecolog*", "maternity", "妇产", "产科", "妇科"],
    },
    SynonymGroup {
        triggers: &[
            "child", "children", "kid", "baby", "babies", "infant", "toddler", "newborn", "儿童",
            "小孩", "孩子", "宝宝", "婴儿", "新生儿", "小儿",
        ],
        expands: &["pediatr*", "paediatr*", "儿科", "小儿"],
    },
    SynonymGroup {
        triggers: &[
            "fever", "flu", "influenza", "infection", "发烧", "发热", "感冒", "流感", "感染",
        ],
        expands: &["infectious", "infection", "fever", "pediatr*", "paediatr*", "感染", "发热", "儿科"],
    },
    SynonymGroup {
        triggers: &[
            "eye", "vision", "sight", "cataract", "glaucoma", "myopia", "blurred", "眼", "眼睛", "视力",
            "白内障", "青光眼", "近视",
        ],
        expands: &["ophthalm*", "eye", "眼科"],
    },
    SynonymGroup {
        triggers: &[
            "tooth", "teeth", "toothache", "dental", "dentist", "gum", "cavity", "牙", "牙齿", "牙痛",
            "牙疼", "蛀牙", "口腔", "智齿",
        ],
        expands: &["dent*", "stomatolog*", "oral", "口腔", "牙"],
    },
    SynonymGroup {
        triggers: &[
            "anxiety", "anxious", "depression", "depressed", "insomnia", "stress", "panic",
            "mental", "焦虑", "抑郁", "失眠", "心理", "精神", "压力",
        ],
        expands: &["psychiatr*", "psycholog*", "mental", "精神", "心理"],
    },
    SynonymGroup {
        triggers: &[
            "cancer", "tumor", "tumour", "lump", "chemotherapy", "chemo", "癌", "癌症", "肿瘤", "化疗",
            "肿块",
        ],
        expands: &["oncolog*", "cancer", "tumor", "tumour", "肿瘤"],
    },
    SynonymGroup {
        triggers: &[
            "kidney", "renal", "dialysis", "肾", "肾脏", "肾炎", "透析",
        ],
        expands: &["nephrolog*", "kidney", "renal", "肾"],
    },
    SynonymGroup {
        triggers: &[
            "diabetes", "diabetic", "thyroid", "hormone", "obesity", "糖尿病", "甲状腺", "内分泌", "血糖",
            "肥胖",
        ],
        expands: &["endocrin*", "diabet*", "thyroid", "内分泌", "糖尿病"],
    },
    SynonymGroup {
        triggers: &[
            "urine", "urinary", "bladder", "prostate", "尿", "尿频", "前列腺", "泌尿",
        ],
        expands: &["urolog*", "泌尿"],
    },
    SynonymGroup {
        triggers: &[
            "ear", "nose", "throat", "hearing", "sinus", "sinusitis", "tonsil", "tonsillitis", "耳",
            "鼻", "喉", "耳朵", "鼻子", "喉咙", "嗓子", "听力", "鼻炎", "咽炎",
        ],
        expands: &["otolaryngolog*", "otorhinolaryngolog*", "ent", "耳鼻", "咽喉"],
    },
    SynonymGroup {
        triggers: &[
            "blood", "anemia", "anaemia", "leukemia", "bleeding", "贫血", "白血病", "血液",
        ],
        expands: &["hematolog*", "haematolog*", "血液"],
    },
];

/// One expansion, folded: its words (all whole, but the last is a prefix when
/// `prefix`; adjacent CJK characters make one word, matched as a contiguous run),
/// and the term to highlight.
pub struct Expansion {
    pub words: Vec<String>,
    pub prefix: bool,
    pub label: String,
}

/// The table folded and sorted for lookups, built once with the index.
pub struct Synonyms {
    single: Vec<(String, u16)>,
    pairs: Vec<((String, String), u16)>,
    cjk: Vec<(String, u16)>,
    max_cjk: usize,
    pub groups: Vec<Vec<Expansion>>,
}

fn groups_of<'a>(table: &'a [(String, u16)], key: &str) -> impl Iterator<Item = u16> + 'a {
    let lo = table.partition_point(|(k, _)| k.as_str() < key);
    let hi = table.partition_point(|(k, _)| k.as_str() <= key);
    table[lo..hi].iter().map(|&(_, g)| g)
}

/// The word and its singular guesses: "knees" → "knee", "rashes" → "rash".
fn singulars(w: &str) -> impl Iterator<Item = &str> {
    let s = w.strip_suffix('s').filter(|s| s.len() >= 3);
    let es = w.strip_suffix("es").filter(|s| s.len() >= 3);
    std::iter::once(w).chain(s).chain(es)
}

impl Synonyms {
    pub fn new(table: &[SynonymGroup]) -> Synonyms {
        let mut s = Synonyms {
            single: Vec::new(),
            pairs: Vec::new(),
            cjk: Vec::new(),
            max_cjk: 0,
            groups: Vec::new(),
        };
        for (g, group) in table.iter().enumerate() {
            let g = g as u16;
            for t in group.triggers {
                let toks = tokenize(t);
                if !toks.is_empty() && toks.iter().all(|t| t.cjk) {
                    let run: String = toks.iter().map(|t| t.text.as_str()).collect();
                    s.max_cjk = s.max_cjk.max(toks.len());
                    s.cjk.push((run, g));
                } else if let [a] = toks.as_slice() {
                    s.single.push((a.text.clone(), g));
                } else if let [a, b] = toks.as_slice() {
                    s.pairs.push(((a.text.clone(), b.text.clone()), g));
                }
            }
            let expansions = group
                .expands
                .iter()
                .map(|e| {
                    let prefix = e.ends_with('*');
                    let label = e.trim_end_matches('*');
                    let mut words: Vec<String> = Vec::new();
                    let mut last: Option<Token> = None;
                    for t in tokenize(label) {
                        match (&last, words.last_mut()) {
                            (Some(l), Some(w))
                                if l.cjk && t.cjk && l.range.end == t.range.start =>
                            {
                                w.push_str(&t.text)
                            }
                            _ => words.push(t.text.clone()),
                        }
                        last = Some(t);
                    }
                    Expansion {
                        words,
                        prefix,
                        label: label.to_string(),
                    }
                })
                .filter(|e| !e.words.is_empty())
                .collect();
            s.groups.push(expansions);
        }
        crate::sort::sort(&mut s.single);
        crate::sort::sort(&mut s.pairs);
        crate::sort::sort(&mut s.cjk);
        s
    }

    /// Groups that the single folded word `w` triggers.
    pub fn word(&self, w: &str) -> Vec<u16> {
        let mut out: Vec<u16> = singulars(w)
            .flat_map(|w| groups_of(&self.single, w))
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Groups that the two folded words `a b` trigger together.
    pub fn pair(&self, a: &str, b: &str) -> Vec<u16> {
        let mut out = Vec::new();
        for b in singulars(b) {
            let lo = self
                .pairs
                .partition_point(|((x, y), _)| (x.as_str(), y.as_str()) < (a, b));
            for ((x, y), g) in &self.pairs[lo..] {
                if x != a || y != b {
                    break;
                }
                out.push(*g);
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Splits a run of CJK characters into the triggers it contains, longest first
    /// from the left: `(start, end)` in characters, and their groups.
    pub fn cjk(&self, run: &[String]) -> Vec<(usize, usize, Vec<u16>)> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < run.len() {
            let longest = self.max_cjk.min(run.len() - i);
            let found = (1..=longest).rev().find_map(|len| {
                let key: String = run[i..i + len].concat();
                let groups: Vec<u16> = groups_of(&self.cjk, &key).collect();
                (!groups.is_empty()).then_some((len, groups))
            });
            match found {
                Some((len, groups)) => {
                    out.push((i, i + len, groups));
                    i += len;
                }
                None => i += 1,
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_keeps_queries_monotonic() {
        let syn = Synonyms::new(SYNONYMS);
        for group in SYNONYMS {
            for t in group.triggers {
                let toks = tokenize(t);
                assert!(!toks.is_empty(), "{t}");
                let cjk = toks.iter().filter(|t| t.cjk).count();
                assert!(cjk == 0 || (cjk == toks.len() && !t.contains(' ')), "{t}");
                assert!(cjk > 0 || toks.len() <= 2, "{t}: at most two words");
            }
        }
        for ((a, b), g) in &syn.pairs {
            assert!(
                syn.word(a).contains(g),
                "'{a} {b}': '{a}' must trigger the same group"
            );
        }
        for group in SYNONYMS {
            assert!(!group.expands.is_empty());
        }
    }

    #[test]
    fn lookups() {
        let syn = Synonyms::new(SYNONYMS);
        let cardio = syn.word("heart");
        assert_eq!(cardio.len(), 1);
        assert_eq!(syn.pair("chest", "pain"), cardio);
        assert_eq!(syn.word("Palpitations".to_lowercase().as_str()), cardio);
        assert_eq!(syn.word("chest").len(), 2, "chest: heart and lungs");
        assert!(syn.word("zhang").is_empty());
        let run: Vec<String> = "严重胸痛".chars().map(String::from).collect();
        assert_eq!(syn.cjk(&run), vec![(2, 4, cardio.clone())]);
        let run: Vec<String> = "偏头痛".chars().map(String::from).collect();
        assert_eq!(syn.cjk(&run)[0].0..syn.cjk(&run)[0].1, 0..3);
    }
}
