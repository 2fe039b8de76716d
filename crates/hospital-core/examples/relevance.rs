//! The relevance test: graded judgments (0-3) of data/relevance/judgments.json against
//! our engine, per dataset and query class, as nDCG@10, precision@10 and MRR; and
//! recall@20 of `make bench`'s query script against its exact oracle.
//!
//! ```text
//! cargo run --release -p hospital-core --example relevance            # the tables
//! cargo run --release -p hospital-core --example relevance -- -v       # and each query below 0.95
//! cargo run --release -p hospital-core --example relevance -- --json out.json
//! ```
//!
//! The `written` dataset is data/relevance/hospital.json; the `generated` one is made
//! here, as `hospital-data generate --doctors 1000 --articles 0 --seed 1` makes it.
//! - nDCG@10: the gain of grade g is 2^g − 1, discounted by log2(rank + 1), divided by
//!   the gain of the ideal order of every judged doctor;
//! - precision@10: the share of the first (up to) ten results with a grade of at least 1
//!   (0 when nothing is returned): noise is what a patient has to read past;
//! - MRR: 1 / the rank of the first result with a grade of at least 2, 0 if none.

use hospital_cli::generate::{generate, Options};
use hospital_core::model::{Dataset, HalfDay, Weekday};
use hospital_core::normalize::{fold, is_cjk};
use hospital_core::route::{DoctorQuery, Slot};
use hospital_core::search::DoctorIndex;
use hospital_core::text::Text;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

const NOW: Slot = Slot {
    weekday: Weekday::Tue,
    half_day: HalfDay::Morning,
};

fn load(json: &str, what: &str) -> Result<Dataset, String> {
    hospital_core::validate::load(json)
        .map(|l| l.dataset)
        .map_err(|p| format!("{what}: {} problems, first: {:?}", p.len(), p.first()))
}

#[derive(Default, Clone, Copy)]
struct Sums {
    n: usize,
    ndcg: f64,
    p10: f64,
    mrr: f64,
}

impl Sums {
    fn add(&mut self, m: (f64, f64, f64)) {
        self.n += 1;
        self.ndcg += m.0;
        self.p10 += m.1;
        self.mrr += m.2;
    }
    fn mean(&self) -> (f64, f64, f64) {
        let n = self.n.max(1) as f64;
        (self.ndcg / n, self.p10 / n, self.mrr / n)
    }
}

/// nDCG@10, precision@10 and MRR of one ranked list against its grades.
fn measure(ranked: &[&str], grades: &HashMap<String, u8>) -> (f64, f64, f64) {
    let gain = |g: u8| (1u32 << g) as f64 - 1.0;
    let disc = |i: usize| (i as f64 + 2.0).log2();
    let grade = |id: &str| grades.get(id).copied().unwrap_or(0);
    let dcg: f64 = ranked
        .iter()
        .take(10)
        .enumerate()
        .map(|(i, id)| gain(grade(id)) / disc(i))
        .sum();
    let mut ideal: Vec<u8> = grades.values().copied().collect();
    ideal.sort_unstable_by(|a, b| b.cmp(a));
    let idcg: f64 = ideal
        .iter()
        .take(10)
        .enumerate()
        .map(|(i, &g)| gain(g) / disc(i))
        .sum();
    let top = &ranked[..ranked.len().min(10)];
    let p10 = if top.is_empty() {
        0.0
    } else {
        top.iter().filter(|id| grade(id) >= 1).count() as f64 / top.len() as f64
    };
    let mrr = ranked
        .iter()
        .position(|id| grade(id) >= 2)
        .map_or(0.0, |i| 1.0 / (i as f64 + 1.0));
    (if idcg > 0.0 { dcg / idcg } else { 0.0 }, p10, mrr)
}

/// The query script of bench/www/shared.mjs (typed, intent) and its oracle, to check
/// that recall@20 stays where it is.
const BENCH_QUERIES: &[(&str, &str)] = &[
    ("Chen Ding", "Chen Ding"),
    ("Hongwen Bai", "Hongwen Bai"),
    ("Wang", "Wang"),
    ("ma yong ping", "ma yong ping"),
    ("lin si liang", "lin si liang"),
    ("baihongwen", "baihongwen"),
    ("jiangguoyu", "jiangguoyu"),
    ("cxy", "cxy"),
    ("lsl", "lsl"),
    ("lv bin", "lv bin"),
    ("丁晨", "丁晨"),
    ("王娜", "王娜"),
    ("张", "张"),
    ("心内科", "心内科"),
    ("高血压", "高血压"),
    ("cardi", "cardi"),
    ("neur", "neur"),
    ("derm", "derm"),
    ("cardiolgy", "cardiology"),
    ("hypertensoin", "hypertension"),
    ("diabtes", "diabetes"),
    ("zhnag", "zhang"),
    ("pediatircs", "pediatrics"),
    ("atrial fibrillation", "atrial fibrillation"),
    ("asthma", "asthma"),
    ("glaucoma", "glaucoma"),
    ("chronic kidney disease", "chronic kidney disease"),
    ("ophthalmology", "ophthalmology"),
    ("zhang cardiology", "zhang cardiology"),
    ("wang heart failure", "wang heart failure"),
    ("li 高血压", "li 高血压"),
    ("chen neurology epilepsy", "chen neurology epilepsy"),
];

/// Pinyin forms as the oracle sees them: syllables, joined, initials; ü also as v.
fn pinyin_tokens(p: &str, out: &mut Vec<String>) {
    let mut spellings = vec![p.to_string()];
    if p.chars().any(|c| "üǖǘǚǜÜ".contains(c)) {
        spellings.push(
            p.chars()
                .map(|c| if "üǖǘǚǜÜ".contains(c) { 'v' } else { c })
                .collect(),
        );
    }
    for s in spellings {
        let sylls: Vec<String> = s
            .split(|c: char| c.is_whitespace() || "'’-·".contains(c))
            .map(|r| fold(r).chars().filter(|c| c.is_alphabetic()).collect())
            .filter(|s: &String| !s.is_empty())
            .collect();
        out.extend(sylls.iter().cloned());
        if sylls.len() > 1 {
            out.push(sylls.concat());
            out.push(sylls.iter().filter_map(|s| s.chars().next()).collect());
        }
    }
}

fn oracle_expected(ds: &Dataset, query: &str) -> Vec<usize> {
    let dept_names: HashMap<&str, &Text> = ds
        .departments
        .iter()
        .map(|d| (d.id.as_str(), &d.name))
        .collect();
    // Query words: Latin words, and Chinese runs kept whole.
    let mut words: Vec<(String, bool)> = Vec::new();
    let mut cur = String::new();
    let mut cur_cjk = false;
    for c in fold(query).chars() {
        let cjk = is_cjk(c);
        if (!c.is_alphanumeric() || cjk != cur_cjk) && !cur.is_empty() {
            words.push((std::mem::take(&mut cur), cur_cjk));
        }
        if c.is_alphanumeric() {
            cur.push(c);
            cur_cjk = cjk;
        }
    }
    if !cur.is_empty() {
        words.push((cur, cur_cjk));
    }
    ds.doctors
        .iter()
        .enumerate()
        .filter(|(_, d)| {
            let mut texts: Vec<String> = Vec::new();
            let mut tokens: Vec<String> = Vec::new();
            let add = |t: &Text, texts: &mut Vec<String>| texts.extend(t.all().map(fold));
            add(&d.name, &mut texts);
            for t in d.specialties.iter().chain(&d.conditions) {
                add(t, &mut texts);
            }
            for id in &d.departments {
                match dept_names.get(id.as_str()) {
                    Some(n) => add(n, &mut texts),
                    None => texts.push(fold(id)),
                }
            }
            for t in &texts {
                tokens.extend(hospital_core::normalize::terms(t));
            }
            if let Some(p) = &d.pinyin {
                pinyin_tokens(p, &mut tokens);
            }
            words.iter().all(|(w, cjk)| {
                if *cjk {
                    texts.iter().any(|t| t.contains(w.as_str()))
                } else {
                    tokens.iter().any(|t| t.starts_with(w.as_str()))
                }
            })
        })
        .map(|(i, _)| i)
        .collect()
}

fn bench_recall(ds: &Dataset, index: &DoctorIndex) -> (f64, Vec<String>) {
    let mut sum = 0.0;
    let mut n = 0;
    let mut short = Vec::new();
    for (typed, intent) in BENCH_QUERIES {
        let expected = oracle_expected(ds, intent);
        if expected.is_empty() {
            continue;
        }
        let q = DoctorQuery {
            q: typed.to_string(),
            ..DoctorQuery::default()
        };
        let r = index.search(ds, &q, NOW);
        let top: Vec<usize> = r.hits.iter().take(20).map(|h| h.doctor).collect();
        let hit = top.iter().filter(|d| expected.contains(d)).count();
        let recall = hit as f64 / expected.len().min(20) as f64;
        if recall < 1.0 {
            short.push(format!("{typed}: {hit} of {}", expected.len().min(20)));
        }
        sum += recall;
        n += 1;
    }
    (sum / n.max(1) as f64, short)
}

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "-v");
    let json_out = args
        .iter()
        .position(|a| a == "--json")
        .and_then(|i| args.get(i + 1));
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let read = |p: &str| std::fs::read_to_string(root.join(p)).map_err(|e| format!("{p}: {e}"));
    let judgments: Value = serde_json::from_str(&read("data/relevance/judgments.json")?)
        .map_err(|e| format!("data/relevance/judgments.json: {e}"))?;
    let written = load(
        &read("data/relevance/hospital.json")?,
        "data/relevance/hospital.json",
    )?;
    let gen = |doctors| {
        generate(&Options {
            doctors,
            articles: 0,
            seed: 1,
            split_bodies: false,
        })
    };
    let generated = load(&gen(1000).json, "generated 1000")?;
    let mut sets: BTreeMap<&str, (Dataset, DoctorIndex)> = BTreeMap::new();
    for (name, ds) in [("written", written), ("generated", generated)] {
        let ix = DoctorIndex::build(&ds);
        sets.insert(name, (ds, ix));
    }

    let queries = judgments["queries"]
        .as_array()
        .ok_or("judgments.json: no \"queries\" array")?;
    let mut by_class: BTreeMap<(String, String), Sums> = BTreeMap::new();
    let mut class_all: BTreeMap<String, Sums> = BTreeMap::new();
    let mut all = Sums::default();
    let mut rows = Vec::new();
    for (k, q) in queries.iter().enumerate() {
        let field = |f: &str| {
            q[f].as_str()
                .ok_or(format!("judgments.json: queries[{k}].{f} is not a string"))
        };
        let (set, class, text) = (field("dataset")?, field("class")?, field("q")?);
        let (ds, ix) = sets.get(set).ok_or(format!(
            "judgments.json: queries[{k}]: unknown dataset {set:?}"
        ))?;
        let mut grades = HashMap::new();
        for (id, g) in q["grades"].as_object().into_iter().flatten() {
            if !ds.doctors.iter().any(|d| &d.id == id) {
                return Err(format!(
                    "judgments.json: queries[{k}] ({text:?}): no doctor {id:?} in {set}; regenerate the judgments (data/relevance/judge.py)"
                ));
            }
            grades.insert(id.clone(), g.as_u64().unwrap_or(0).min(3) as u8);
        }
        let r = ix.search(
            ds,
            &DoctorQuery {
                q: text.to_string(),
                ..DoctorQuery::default()
            },
            NOW,
        );
        // As the finder lists them: the hits, then "other doctors of the department".
        let ranked: Vec<&str> = r
            .hits
            .iter()
            .chain(&r.related)
            .filter_map(|h| ds.doctors.get(h.doctor).map(|d| d.id.as_str()))
            .collect();
        let m = measure(&ranked, &grades);
        by_class
            .entry((set.to_string(), class.to_string()))
            .or_default()
            .add(m);
        class_all.entry(class.to_string()).or_default().add(m);
        all.add(m);
        if verbose && (m.0 < 0.95 || m.1 < 0.9) {
            let top: Vec<String> = ranked
                .iter()
                .take(10)
                .map(|id| format!("{id}:{}", grades.get(*id).copied().unwrap_or(0)))
                .collect();
            println!(
                "{set:<9} {class:<11} {text:<24} nDCG {:.2} P {:.2} MRR {:.2}  found {}  top: {}",
                m.0,
                m.1,
                m.2,
                ranked.len(),
                top.join(" ")
            );
        }
        rows.push(serde_json::json!({
            "dataset": set, "class": class, "q": text,
            "ndcg10": m.0, "p10": m.1, "mrr": m.2, "found": ranked.len(),
        }));
    }

    println!(
        "\n{:<10} {:<12} {:>4} {:>8} {:>6} {:>6}",
        "dataset", "class", "n", "nDCG@10", "P@10", "MRR"
    );
    for ((set, class), s) in &by_class {
        let (a, b, c) = s.mean();
        println!(
            "{set:<10} {class:<12} {:>4} {a:>8.3} {b:>6.3} {c:>6.3}",
            s.n
        );
    }
    println!();
    for (class, s) in &class_all {
        let (a, b, c) = s.mean();
        println!(
            "{:<10} {class:<12} {:>4} {a:>8.3} {b:>6.3} {c:>6.3}",
            "both", s.n
        );
    }
    let (a, b, c) = all.mean();
    println!(
        "{:<10} {:<12} {:>4} {a:>8.3} {b:>6.3} {c:>6.3}",
        "both", "all", all.n
    );

    let big = load(&gen(10_000).json, "generated 10000")?;
    let big_ix = DoctorIndex::build(&big);
    let (recall, short) = bench_recall(&big, &big_ix);
    println!(
        "\nbench script (bench/www/shared.mjs), 10,000 generated doctors: recall@20 {:.1} %{}",
        recall * 100.0,
        if short.is_empty() {
            String::new()
        } else {
            format!(" (short: {})", short.join("; "))
        }
    );
    if let Some(path) = json_out {
        let out = serde_json::json!({ "queries": rows, "bench_recall20": recall });
        std::fs::write(path, serde_json::to_string_pretty(&out).unwrap_or_default())
            .map_err(|e| format!("{path}: {e}"))?;
    }
    Ok(())
}
