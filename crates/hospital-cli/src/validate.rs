//! `hospital-data validate <path>`: every problem of a dataset, one per line.

use crate::args::{wants_help, Failure, Spec};
use crate::{EXIT_INVALID, EXIT_OK};
use hospital_core::urls::is_web_url;
use hospital_core::validate::{self, Problem, Severity};
use serde_json::Value;
use std::path::Path;

mod zh;

pub const HELP: &str = "\
Usage: hospital-data validate <path> [--lang en|zh] [--format text|json]

Checks a dataset: JSON syntax (with line and column), field types, allowed values,
unique ids, references between records and possible timetables. Prints each error
and warning on a line of its own with its JSON path, then a summary.

Articles whose body is in a file of its own (\"body_src\", a path relative to the
dataset file) are checked too: the file must exist and must not be empty.
Remote bodies (http or https URLs) are not fetched.

Each message names the record it is about by its id and name, as in
doctors[23] (李兴勇, li-xingyong).title, and says \"did you mean\" when a value
is a near miss of an accepted one.

Options:
  --lang zh      print the messages in Chinese (default: en)
  --format json  print one JSON document instead of lines, for CI: the file, whether
                 it is valid, the counts, and each problem with its severity, path,
                 line and column, record (path, id, name), message and suggestion

Exit status: 0 valid (warnings allowed), 1 invalid, 2 bad usage or unreadable file.
";

const SPEC: Spec = Spec {
    command: "validate",
    positionals: &["path"],
    options: &["lang", "format"],
    flags: &[],
};

/// The language of the messages.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Lang {
    En,
    Zh,
}

pub fn main(args: &[String]) -> Result<i32, Failure> {
    if wants_help(args) {
        print!("{HELP}");
        return Ok(EXIT_OK);
    }
    let parsed = SPEC.parse(args)?;
    let lang = match parsed.option("lang") {
        None | Some("en") => Lang::En,
        Some("zh") => Lang::Zh,
        Some(other) => {
            return Err(Failure::usage(format!(
                "--lang {other}: the languages are en and zh (see hospital-data validate --help)"
            )))
        }
    };
    let json = match parsed.option("format") {
        None | Some("text") => false,
        Some("json") => true,
        Some(other) => {
            return Err(Failure::usage(format!(
            "--format {other}: the formats are text and json (see hospital-data validate --help)"
        )))
        }
    };
    let path = Path::new(&parsed.positionals[0]);
    let report = check_file(path)?;
    if json {
        print!(
            "{}",
            report.to_json(&path.display().to_string(), lang == Lang::Zh)
        );
    } else {
        for p in &report.problems {
            match lang {
                Lang::En => println!("{}: {p}", path.display()),
                Lang::Zh => println!("{}: {}", path.display(), zh::line(p)),
            }
        }
        let summary = match lang {
            Lang::En => report.summary(),
            Lang::Zh => report.summary_zh(),
        };
        println!("{}: {summary}", path.display());
    }
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

impl Report {
    /// As [`Report::summary`], in Chinese.
    pub fn summary_zh(&self) -> String {
        let tally = format!("{} 个错误，{} 个警告", self.errors(), self.warnings());
        match (&self.counts, self.errors()) {
            (Some(c), 0) => format!(
                "有效：{} 个院区，{} 个科室，{} 位医生，{} 个栏目，{} 篇文章；{tally}",
                c.campuses, c.departments, c.doctors, c.categories, c.articles
            ),
            _ => format!("无效：{tally}"),
        }
    }

    /// The report as one JSON document (`--format json`), messages in Chinese when
    /// `zh` (then `message_en` keeps the English).
    pub fn to_json(&self, file: &str, zh: bool) -> String {
        let problems: Vec<Value> = self
            .problems
            .iter()
            .map(|p| {
                let message = if zh {
                    zh::message(&p.message).unwrap_or_else(|| p.message.clone())
                } else {
                    p.message.clone()
                };
                let mut o = serde_json::json!({
                    "severity": match p.severity {
                        Severity::Error => "error",
                        Severity::Warning => "warning",
                    },
                    "path": p.path,
                    "line": p.line,
                    "column": p.column,
                    "record": p.record.as_ref().map(|r| serde_json::json!({
                        "path": r.path, "id": r.id, "name": r.name,
                    })),
                    "message": message,
                    "suggestion": p.suggestion,
                });
                if zh {
                    o["message_en"] = Value::from(p.message.clone());
                }
                o
            })
            .collect();
        let doc = serde_json::json!({
            "file": file,
            "valid": self.errors() == 0,
            "errors": self.errors(),
            "warnings": self.warnings(),
            "counts": self.counts.map(|c| serde_json::json!({
                "campuses": c.campuses,
                "categories": c.categories,
                "departments": c.departments,
                "doctors": c.doctors,
                "articles": c.articles,
            })),
            "problems": problems,
        });
        // Serialising a Value cannot fail; the fallback keeps this total.
        let mut text = serde_json::to_string_pretty(&doc).unwrap_or_else(|_| "{}".into());
        text.push('\n');
        text
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
