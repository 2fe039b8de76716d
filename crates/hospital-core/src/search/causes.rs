//! What usually lies behind a symptom: `headache` reaches every neurologist through
//! the symptom table, but the neurologist who lists migraine is the one a front desk
//! would name first. Each entry pairs symptoms, as patients type them, with the
//! conditions that most often cause them; a doctor matching a symptom who lists one
//! of its conditions (as a specialty or condition) ranks above the doctor's
//! colleagues who match it as well (see `query::rank_key`). It never adds or removes
//! a result: it only orders what the query's words already found.

use super::bits::Bits;
use super::index::{TextIndex, SPECIALTY};
use crate::normalize::{fold, for_each_token};

/// One symptom and its usual causes, folded (lower case, Simplified Chinese).
struct Causes {
    symptoms: &'static [&'static str],
    conditions: &'static [&'static str],
}

#[rustfmt::skip]
const CAUSES: &[Causes] = &[
    Causes {
        symptoms: &["headache", "头痛", "头疼"],
        conditions: &["migraine", "tension headache", "cluster headache", "偏头痛", "紧张性头痛"],
    },
    Causes {
        symptoms: &["chest pain", "chest tightness", "胸痛", "胸闷"],
        conditions: &["angina", "coronary heart disease", "coronary artery disease",
                      "myocardial infarction", "心绞痛", "冠心病", "心肌梗死"],
    },
    Causes {
        symptoms: &["palpitation", "palpitations", "心悸", "心慌"],
        conditions: &["arrhythmia", "atrial fibrillation", "心律失常", "房颤"],
    },
    Causes {
        symptoms: &["cough", "咳嗽"],
        conditions: &["chronic cough", "bronchitis", "asthma", "慢性咳嗽", "支气管炎", "哮喘"],
    },
    Causes {
        symptoms: &["toothache", "牙痛", "牙疼"],
        conditions: &["tooth decay", "dental caries", "pulpitis", "wisdom tooth", "龋齿",
                      "牙髓炎", "智齿"],
    },
    Causes {
        symptoms: &["rash", "skin rash", "皮疹"],
        conditions: &["eczema", "urticaria", "hives", "dermatitis", "湿疹", "荨麻疹", "皮炎"],
    },
    Causes {
        symptoms: &["back pain", "腰痛", "腰疼"],
        conditions: &["lumbar disc herniation", "sciatica", "腰椎间盘突出", "坐骨神经痛"],
    },
    Causes {
        symptoms: &["diarrhea", "diarrhoea", "拉肚子", "腹泻"],
        conditions: &["diarrhea", "diarrhoea", "gastroenteritis", "腹泻", "肠炎"],
    },
    Causes {
        symptoms: &["stomach ache", "stomach pain", "stomachache", "胃痛", "胃疼", "肚子痛",
                    "肚子疼", "腹痛"],
        conditions: &["gastritis", "peptic ulcer", "dyspepsia", "胃炎", "胃溃疡", "消化不良"],
    },
    Causes {
        symptoms: &["dizziness", "dizzy", "头晕"],
        conditions: &["vertigo", "眩晕"],
    },
    Causes {
        symptoms: &["insomnia", "失眠"],
        conditions: &["insomnia", "sleep disorder", "失眠", "睡眠障碍"],
    },
];

/// The doctors among `candidates` (of `n` doctors in all) who list a usual cause of
/// one of the query's `words` (folded clause words, `chest pain` as one), or `None`
/// when no word is a symptom of the table.
pub fn doctors_listing_causes(
    ix: &TextIndex,
    words: &[&str],
    candidates: &Bits,
    n: usize,
) -> Option<Bits> {
    let mut found: Option<Bits> = None;
    for entry in CAUSES {
        if !words.iter().any(|w| entry.symptoms.contains(w)) {
            continue;
        }
        let all = found.get_or_insert_with(|| Bits::empty(n));
        for condition in entry.conditions {
            all.or_with(&listing(ix, condition, candidates, n));
        }
    }
    found
}

/// The candidates with every word of `condition` (and every pair of adjacent Chinese
/// characters, as the index keeps them) in a specialty or condition.
fn listing(ix: &TextIndex, condition: &str, candidates: &Bits, n: usize) -> Bits {
    let mut keys: Vec<String> = Vec::new();
    let mut last: Option<(String, usize)> = None;
    for_each_token(&fold(condition), |w, range, cjk| {
        keys.push(w.to_string());
        if let (Some((prev, end)), true) = (&last, cjk) {
            if *end == range.start {
                keys.push(format!("{prev}{w}"));
            }
        }
        last = cjk.then(|| (w.to_string(), range.end));
    });
    let mut out = candidates.clone();
    for key in &keys {
        let mut with = Bits::empty(n);
        if let Some(id) = ix.exact(key) {
            for p in ix.postings(id, SPECIALTY) {
                if p & SPECIALTY as u32 != 0 {
                    with.set((p >> 4) as usize);
                }
            }
        }
        out.and_with(&with);
    }
    out
}
