//! `hospital-data validate <path>`: every problem of a dataset, one per line.

use crate::args::{wants_help, Failure, Spec};
use crate::{EXIT_INVALID, EXIT_OK};
use hospital_core::urls::is_web_url;
use hospital_core::validate::{self, Problem, Severity};
use serde_json::Value;
use std::path::Path;

pub const HELP: &str = "\
Usage: hospital-data validate <path>

Checks a dataset: JSON syntax (with line and column), field types, allowed values,
unique ids, references between records and possible timetables. Prints each error
and warning on a line of its own with its JSON path, then a summary.

Articles whose body is in a file of its own (\"body_src\", a path relative to the
dataset file) are checked too: the file must exist and must not be empty.
Remote bodies (http or https URLs) are not fetched.

Exit status: 0 valid (warnings allowed), 1 invalid, 2 bad usage or unreadable file.
";

const SPEC: Spec = Spec {
    command: "validate",
    positionals: &["path"],
    options: &[],
    flags: &[],
};

pub fn main(args: &[String]) -> Result<i32, Failure> {
    if wants_help(args) {
        print!("{HELP}");
        return Ok(EXIT_OK);
    }
    let parsed = SPEC.parse(args)?;
    let path = Path::new(&parsed.positionals[0]);
    let report = check_file(path)?;
    for p in &report.problems {
        println!("{}: {p}", path.display());
    }
    println!("{}: {}", path.display(), report.summary());
    Ok(if report.errors() == 0 {
        EXIT_OK
    } else {
        EXIT_INVALID
    })
}

/// What `validate` found in one dataset.
#[derive(Debug, Default)]
pub struct Report {
    /// Errors first, then warnings, each in the order found.
    pub problems: Vec<Problem>,
    /// Record counts when the dataset loaded.
    pub counts: Option<Counts>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub campuses: usize,
    pub categories: usize,
    pub departments: usize,
    pub doctors: usize,
    pub articles: usize,
}

impl Report {
    pub fn errors(&self) -> usize {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count()
    }

    pub fn warnings(&self) -> usize {
        self.problems.len() - self.errors()
    }

    pub fn summary(&self) -> String {
        let tally = format!(
            "{} error{}, {} warning{}",
            self.errors(),
            plural(self.errors()),
            self.warnings(),
            plural(self.warnings())
        );
        match (&self.counts, self.errors()) {
            (Some(c), 0) => format!(
                "valid: {} campuses, {} departments, {} doctors, {} categories, {} articles; {tally}",
                c.campuses, c.departments, c.doctors, c.categories, c.articles
            ),
            _ => format!("invalid: {tally}"),
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Reads and checks a dataset file, with its separately stored article bodies.
/// `Err` only when the file cannot be read at all.
pub fn check_file(path: &Path) -> Result<Report, Failure> {
    let bytes = std::fs::read(path)
        .map_err(|e| Failure::usage(format!("cannot read {}: {e}", path.display())))?;
    let Ok(text) = String::from_utf8(bytes) else {
        return Ok(Report {
            problems: vec![error(String::new(), "the file is not UTF-8 text".into())],
            counts: None,
        });
    };
    let base = path.parent().unwrap_or(Path::new(""));
    Ok(check_text(&text, base))
}

/// Checks dataset text; `base` is the folder that `body_src` paths are relative to.
pub fn check_text(text: &str, base: &Path) -> Report {
    // Parsed once here so that body files can be checked even when the dataset has
    // other errors; only a syntax error goes back through `load` for its message.
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(_) => {
            return Report {
                problems: validate::load(text).err().unwrap_or_default(),
                counts: None,
            }
        }
    };
    let (mut problems, counts) = match validate::load_value(&value) {
        Ok(loaded) => {
            let d = &loaded.dataset;
            let counts = Counts {
                campuses: d.hospital.campuses.len(),
                categories: d.categories.len(),
                departments: d.departments.len(),
                doctors: d.doctors.len(),
                articles: d.articles.len(),
            };
            (loaded.warnings, Some(counts))
        }
        Err(problems) => (problems, None),
    };
    problems.extend(check_bodies(&value, base));
    // Errors before warnings, as `load` reports them.
    problems.sort_by_key(|p| p.severity == Severity::Warning);
    Report { problems, counts }
}

fn error(path: String, message: String) -> Problem {
    Problem::new(Severity::Error, path, message)
}

/// Every local `body_src` must name a readable, non-empty file.
fn check_bodies(value: &Value, base: &Path) -> Vec<Problem> {
    let Some(articles) = value.get("articles").and_then(Value::as_array) else {
        return Vec::new();
    };
    let mut problems = Vec::new();
    for (i, article) in articles.iter().enumerate() {
        let Some(src) = article.get("body_src").and_then(Value::as_str) else {
            continue;
        };
        if src.trim().is_empty() || is_web_url(src) {
            continue;
        }
        let json_path = format!("articles[{i}].body_src");
        let file = base.join(src);
        match std::fs::read(&file) {
            Err(e) => problems.push(error(
                json_path,
                format!(
                    "cannot read the article body \"{src}\" ({}): {e}",
                    file.display()
                ),
            )),
            Ok(bytes) => match String::from_utf8(bytes) {
                Err(_) => problems.push(error(
                    json_path,
                    format!("the article body \"{src}\" is not UTF-8 text"),
                )),
                Ok(markdown) => {
                    if let Err(p) = validate::check_body(&json_path, &markdown) {
                        problems.push(p);
                    }
                }
            },
        }
    }
    problems
}
