//! `hospital-data generate`: a synthetic dataset of any size, the same bytes for
//! the same options, for tests and benchmarks.

mod articles;
mod calendar;
mod departments;
mod doctors;
mod hospital;
mod people;
mod rng;

use crate::args::{wants_help, Failure, Spec};
use crate::json_out::to_pretty;
use crate::EXIT_OK;
use articles::DoctorRef;
use departments::DEPARTMENTS;
use hospital_core::model::SCHEMA_VERSION;
use rng::Rng;
use serde_json::{json, Value};
use std::collections::{HashMap, HashSet};
use std::path::Path;

pub const HELP: &str = "\
Usage: hospital-data generate [--doctors N] [--articles M] [--seed S] --out DIR [--split-bodies]

Writes a synthetic dataset to DIR/hospital.json: a bilingual hospital with 3 campuses
and 31 departments, N doctors with Chinese names, pinyin and weekly timetables, and
M news articles with Markdown bodies. Everything in it is invented and it is marked
\"sample\": true. The same options always give byte-identical files.

Options:
  --doctors N       number of doctors (default 200)
  --articles M      number of articles (default 50)
  --seed S          seed of the pseudo-random choices (default 1)
  --out DIR         folder to write into; created if missing
  --split-bodies    write each article body to DIR/articles/<slug>.md and refer to
                    it with \"body_src\", so the app fetches a body only when an
                    article opens. A body file holds the English text, a rule (---)
                    and the Chinese text.

Exit status: 0 written, 2 bad usage or a file that could not be written.
";

const SPEC: Spec = Spec {
    command: "generate",
    positionals: &[],
    options: &["doctors", "articles", "seed", "out"],
    flags: &["split-bodies"],
};

const MAX_RECORDS: usize = 1_000_000;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    pub doctors: usize,
    pub articles: usize,
    pub seed: u64,
    pub split_bodies: bool,
}

/// A generated dataset: the JSON text and, with split bodies, the body files
/// (paths relative to the output folder).
pub struct Generated {
    pub json: String,
    pub bodies: Vec<(String, String)>,
}

pub fn main(args: &[String]) -> Result<i32, Failure> {
    if wants_help(args) {
        print!("{HELP}");
        return Ok(EXIT_OK);
    }
    let parsed = SPEC.parse(args)?;
    let options = Options {
        doctors: parsed.number("doctors", 200, MAX_RECORDS)?,
        articles: parsed.number("articles", 50, MAX_RECORDS)?,
        seed: parsed.number("seed", 1, u64::MAX)?,
        split_bodies: parsed.flag("split-bodies"),
    };
    let out = parsed.option("out").ok_or_else(|| {
        Failure::usage("generate: --out DIR is required (see hospital-data generate --help)")
    })?;
    let generated = generate(&options);
    write(Path::new(out), &generated)?;
    eprintln!(
        "generate: wrote {} doctors and {} articles to {}",
        options.doctors,
        options.articles,
        Path::new(out).join("hospital.json").display()
    );
    Ok(EXIT_OK)
}

pub fn generate(options: &Options) -> Generated {
    let mut rng = Rng::fork(options.seed, "doctors");
    let mut ids = Ids::default();
    let mut doctor_values = Vec::with_capacity(options.doctors);
    let mut refs = Vec::with_capacity(options.doctors);
    let mut by_dept: Vec<Vec<usize>> = vec![Vec::new(); DEPARTMENTS.len()];
    for i in 0..options.doctors {
        let who = people::person(&mut rng);
        let id = ids.claim(&who.slug);
        // Every department gets a doctor before any gets a second one.
        let primary = if i < DEPARTMENTS.len() {
            i
        } else {
            rng.below(DEPARTMENTS.len())
        };
        let depts = doctors::departments(&mut rng, primary);
        doctor_values.push(doctors::doctor(&mut rng, &id, &who, &depts));
        by_dept[primary].push(i);
        refs.push(DoctorRef {
            id,
            name: (who.en, who.zh),
        });
    }

    let mut rng = Rng::fork(options.seed, "articles");
    let mut drafts: Vec<articles::Draft> = (0..options.articles)
        .map(|_| articles::article(&mut rng, &refs, &by_dept))
        .collect();
    // Newest first, as a news feed reads; ties keep their generated order.
    drafts.sort_by(|a, b| b.date.cmp(&a.date));
    let mut slugs = Ids::default();
    let mut bodies = Vec::new();
    let article_values: Vec<Value> = drafts
        .into_iter()
        .map(|draft| {
            let slug = slugs.claim(&draft.slug);
            let mut record = draft.record;
            record.insert("slug".into(), json!(slug));
            if options.split_bodies {
                let path = format!("articles/{slug}.md");
                bodies.push((
                    path.clone(),
                    format!("{}\n---\n\n{}", draft.body.0, draft.body.1),
                ));
                record.insert("body_src".into(), json!(path));
            } else {
                record.insert(
                    "body".into(),
                    json!({ "en": draft.body.0, "zh": draft.body.1 }),
                );
            }
            Value::Object(record)
        })
        .collect();

    let dataset = json!({
        "schema": SCHEMA_VERSION,
        "sample": true,
        "hospital": hospital::hospital(),
        "categories": hospital::categories(),
        "departments": hospital::departments(),
        "doctors": doctor_values,
        "articles": article_values,
    });
    Generated {
        json: to_pretty(&dataset),
        bodies,
    }
}

/// Ids and slugs handed out so far: a repeated base gets `-2`, `-3`...
#[derive(Default)]
struct Ids {
    taken: HashSet<String>,
    next: HashMap<String, usize>,
}

impl Ids {
    fn claim(&mut self, base: &str) -> String {
        if self.taken.insert(base.to_string()) {
            return base.to_string();
        }
        // The counter per base keeps this linear when one name is very common.
        let n = self.next.entry(base.to_string()).or_insert(2);
        loop {
            let candidate = format!("{base}-{n}");
            *n += 1;
            if self.taken.insert(candidate.clone()) {
                return candidate;
            }
        }
    }
}

/// Writes `hospital.json` and the body files into `dir`.
pub fn write(dir: &Path, generated: &Generated) -> Result<(), Failure> {
    let fail =
        |p: &Path, e: std::io::Error| Failure::usage(format!("cannot write {}: {e}", p.display()));
    std::fs::create_dir_all(dir).map_err(|e| fail(dir, e))?;
    if !generated.bodies.is_empty() {
        let folder = dir.join("articles");
        std::fs::create_dir_all(&folder).map_err(|e| fail(&folder, e))?;
    }
    for (path, text) in &generated.bodies {
        let file = dir.join(path);
        std::fs::write(&file, text).map_err(|e| fail(&file, e))?;
    }
    let file = dir.join("hospital.json");
    std::fs::write(&file, &generated.json).map_err(|e| fail(&file, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_ids_never_collide() {
        let mut ids = Ids::default();
        let got: Vec<String> = ["a", "a", "a-2", "a", "a-3"]
            .iter()
            .map(|b| ids.claim(b))
            .collect();
        assert_eq!(got, ["a", "a-2", "a-2-2", "a-3", "a-3-2"]);
    }
}
