//! `hospital-data import FILE... --out dataset.json [--merge existing.json] [--mapping map.toml]`:
//! staff exports (CSV, TSV, Excel) and FHIR provider directories (NDJSON, Bundle) into
//! the dataset format, validated before it is written.
//!
//! The readers (`table` + `sheet`, `fhir`) turn files into people, departments and
//! campuses with the place of every value (`record`, `report`); `build` joins and merges
//! them into dataset JSON; the core's validator then checks the result, and its
//! messages are traced back to the file, row and column they came from.

pub mod build;
pub mod columns;
pub mod export;
pub mod fhir;
pub mod mapping;
pub mod record;
pub mod report;
pub mod sheet;
pub mod table;
pub mod values;

use crate::args::{wants_help, Failure, Spec};
use crate::json_out::to_pretty;
use crate::prepare::{fill_pinyin, write_atomically};
use crate::{EXIT_INVALID, EXIT_OK};
use build::{Built, Options, Stats};
use hospital_core::validate::{self, Severity};
use mapping::Mapping;
use record::Harvest;
use report::{Level, Loc, Problem, Problems};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub const HELP: &str = "\
Usage: hospital-data import FILE... --out <dataset.json> [--merge <existing.json>]
                            [--mapping <map.toml>] [--hospital NAME] [--keep-going]

Reads the files a hospital has into one dataset:
  .csv .tsv .txt   staff lists and timetables (UTF-8, UTF-16 or GB18030; , ; or tab)
  .xlsx .xls .ods  the same as workbooks, every sheet
  .ndjson .json    FHIR R4 Practitioner, PractitionerRole (with availableTime),
                   Location and Organization resources, one a line or in a Bundle

Columns are recognised by their headers in English or Chinese (name/姓名, first and
last name, title/职称/position, department/科室, sex/gender/性别, specialty/擅长,
languages/语言, phone/电话, bio/简介, education/学历, photo/照片, campus/院区, room/诊室,
...), also numbered (Spec1..Spec3) and with a language (Name (EN), 英文姓名, bio_zh).
Cells may hold lists separated by , ， 、 ; or ；. Timetables may be one row per
doctor, weekday and half-day (星期, 上午/下午 columns), a weekly grid with a column
per slot (周一上午, Mon AM, or 周一 over 上午 下午), or a grid whose rows are weekdays
and whose 上午/下午 cells list the doctors. Rows of one doctor are joined by id, else
by name. A mapping file names other headers and values (see docs/dataset.md).

  --out       where to write the dataset (may be the --merge file itself)
  --merge     an existing dataset: doctors are matched by id, else by name, and
              updated with what the files hold; everything else is kept
  --mapping   a TOML file: [columns], [titles], [genders], [clinics], header_row,
              default_title
  --hospital  the hospital's name, when no merged dataset or FHIR Organization has it
  --keep-going  write the dataset even when some rows or values could not be read
              (they are still listed); the validator's errors always stop it

Every problem is printed with its file, sheet, row and column and the doctor's name.
The result is checked with the same validator as `hospital-data validate` and written
only if it is valid.

Exit status: 0 written (warnings allowed), 1 problems (nothing written), 2 bad usage
or unreadable file.
";

const SPEC: Spec = Spec {
    command: "import",
    positionals: &["FILE"],
    options: &["out", "merge", "mapping", "hospital"],
    flags: &["keep-going"],
};

pub fn main(args: &[String]) -> Result<i32, Failure> {
    if wants_help(args) {
        print!("{HELP}");
        return Ok(EXIT_OK);
    }
    let parsed = SPEC.parse_many(args)?;
    let out = parsed.option("out").ok_or_else(|| {
        Failure::usage("import: --out <dataset.json> is required (see hospital-data import --help)")
    })?;
    let mapping = match parsed.option("mapping") {
        Some(path) => load_mapping(Path::new(path))?,
        None => Mapping::default(),
    };
    let files: Vec<PathBuf> = parsed.positionals.iter().map(PathBuf::from).collect();
    for f in &files {
        if !f.is_file() {
            return Err(Failure::usage(format!(
                "import: {} is not a file",
                f.display()
            )));
        }
    }
    let merge = match parsed.option("merge") {
        Some(path) => Some((path.to_string(), load_dataset_value(Path::new(path))?)),
        None => None,
    };
    let mut problems = Problems::default();
    let mut harvest = Harvest::default();
    for f in &files {
        read_file(f, &mapping, &mut harvest, &mut problems);
    }
    let outcome = finish(
        harvest,
        merge.as_ref().map(|(n, v)| (n.as_str(), v.clone())),
        &Options {
            hospital: parsed.option("hospital"),
            mapping: &mapping,
        },
        problems,
    );
    print_problems(&outcome.problems);
    let read_errors = outcome.read_errors;
    let blocked = outcome.valid_errors > 0 || (read_errors > 0 && !parsed.flag("keep-going"));
    let s = outcome.stats;
    let summary = format!(
        "import: {} row(s) read; {} doctor(s): {} new, {} updated, {} kept unchanged; {} new department(s), {} new campus(es), {} session(s); {} error(s), {} warning(s)",
        outcome.rows,
        s.doctors_new + s.doctors_updated + s.doctors_kept,
        s.doctors_new,
        s.doctors_updated,
        s.doctors_kept,
        s.departments_new,
        s.campuses_new,
        s.sessions,
        outcome.problems.iter().filter(|p| p.level == Level::Error).count(),
        outcome.problems.iter().filter(|p| p.level == Level::Warning).count(),
    );
    if blocked {
        println!("{summary}");
        println!(
            "import: nothing written: fix the errors above{}",
            if outcome.valid_errors == 0 {
                ", or pass --keep-going to write the rest"
            } else {
                ""
            }
        );
        return Ok(EXIT_INVALID);
    }
    write_atomically(Path::new(out), &to_pretty(&outcome.dataset))?;
    println!("{summary}");
    println!("import: wrote {out}");
    Ok(EXIT_OK)
}

pub fn load_mapping(path: &Path) -> Result<Mapping, Failure> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Failure::usage(format!("cannot read {}: {e}", path.display())))?;
    Mapping::parse(&text, &path.display().to_string())
        .map_err(|errors| Failure::usage(errors.join("\n")))
}

/// A dataset to merge into, as JSON (its own problems are reported after the build).
pub fn load_dataset_value(path: &Path) -> Result<Value, Failure> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Failure::usage(format!("cannot read {}: {e}", path.display())))?;
    serde_json::from_str(&text)
        .map_err(|e| Failure::invalid(format!("{} is not valid JSON: {e}", path.display())))
}

/// The kind of a file, by its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Csv,
    Workbook,
    Json,
}

pub fn kind_of(path: &Path) -> Option<Kind> {
    let ext = path.extension()?.to_string_lossy().to_lowercase();
    Some(match ext.as_str() {
        "csv" | "tsv" | "tab" | "txt" => Kind::Csv,
        "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => Kind::Workbook,
        "json" | "ndjson" | "jsonl" => Kind::Json,
        _ => return None,
    })
}

/// Reads one export into the harvest.
pub fn read_file(path: &Path, mapping: &Mapping, harvest: &mut Harvest, problems: &mut Problems) {
    let before = (harvest.rows, problems.list.len(), harvest.fhir.len());
    read_kind(path, mapping, harvest, problems);
    let nothing = harvest.rows == before.0 && harvest.fhir.len() == before.2;
    if nothing && problems.list.len() == before.1 {
        let name: Arc<str> = path.display().to_string().into();
        problems.warn(
            &Loc::file(&name),
            "no rows with a doctor were read from this file",
        );
    }
}

fn read_kind(path: &Path, mapping: &Mapping, harvest: &mut Harvest, problems: &mut Problems) {
    let name: Arc<str> = path.display().to_string().into();
    let loc = Loc::file(&name);
    match kind_of(path) {
        Some(Kind::Csv) => {
            if let Some(t) = table::read_csv(path, &name, problems) {
                sheet::read(&t, mapping, harvest, problems);
            }
        }
        Some(Kind::Workbook) => {
            for t in table::read_workbook(path, &name, problems) {
                sheet::read(&t, mapping, harvest, problems);
            }
        }
        Some(Kind::Json) => match std::fs::read(path) {
            Ok(bytes) => {
                let text = table::decode(&bytes, &loc, problems);
                if fhir::looks_like_fhir(&text) {
                    fhir::read(&text, &loc, harvest, problems);
                } else {
                    problems.error(
                        &loc,
                        "this JSON file has no FHIR resources (no \"resourceType\"); a dataset is merged with --merge",
                    );
                }
            }
            Err(e) => problems.error(&loc, format!("cannot read the file: {e}")),
        },
        None => problems.error(
            &loc,
            "not a file kind the importer reads (.csv, .tsv, .xlsx, .xls, .ods, .ndjson, .json)",
        ),
    }
}

/// What an import produced: the dataset (written only when valid) and every problem.
pub struct Outcome {
    pub dataset: Value,
    pub problems: Vec<Problem>,
    /// Errors of reading (rows or values not imported).
    pub read_errors: usize,
    /// Errors of the validator.
    pub valid_errors: usize,
    pub stats: Stats,
    pub rows: usize,
}

/// Builds, fills pinyin, and validates; validator messages traced to their source.
pub fn finish(
    harvest: Harvest,
    merge: Option<(&str, Value)>,
    opts: &Options<'_>,
    mut problems: Problems,
) -> Outcome {
    let mut harvest = harvest;
    fhir::settle(&mut harvest, &mut problems);
    let rows = harvest.rows;
    let (merge_name, base) = match merge {
        Some((n, v)) => (Some(n), v),
        None => (None, build::empty_dataset()),
    };
    let mut built = build::build(harvest, base, opts, &mut problems);
    fill_pinyin(&mut built.dataset);
    let read_errors = problems.errors();
    let mut valid_errors = 0;
    let found = match validate::load_value(&built.dataset) {
        Ok(l) => l.warnings,
        Err(list) => list,
    };
    for p in &found {
        if p.severity == Severity::Error {
            valid_errors += 1;
        }
        problems.push(trace(p, &built, merge_name));
    }
    Outcome {
        dataset: built.dataset,
        problems: problems.list,
        read_errors,
        valid_errors,
        stats: built.stats,
        rows,
    }
}

/// `doctors[12].schedule[3].weekday` → (12, "schedule", Some(3)).
fn split_path<'p>(path: &'p str, list: &str) -> Option<(usize, &'p str, Option<usize>)> {
    let rest = path.strip_prefix(list)?.strip_prefix('[')?;
    let (n, rest) = rest.split_once(']')?;
    let n: usize = n.parse().ok()?;
    let rest = rest.strip_prefix('.').unwrap_or(rest);
    let end = rest.find(['.', '[']).unwrap_or(rest.len());
    let field = &rest[..end];
    let sub = rest[end..]
        .strip_prefix('[')
        .and_then(|r| r.split_once(']'))
        .and_then(|(k, _)| k.parse().ok());
    Some((n, field, sub))
}

/// A validator problem, placed where its value came from.
pub fn trace(p: &validate::Problem, built: &Built, merge_name: Option<&str>) -> Problem {
    let level = match p.severity {
        Severity::Error => Level::Error,
        Severity::Warning => Level::Warning,
    };
    let mut message = if p.path.is_empty() {
        p.message.clone()
    } else {
        format!("{}: {}", p.path, p.message)
    };
    if let Some(sug) = &p.suggestion {
        message.push_str(&format!(" (did you mean \"{sug}\"?)"));
    }
    if p.path.starts_with("doctors[")
        && p.path.ends_with(".title")
        && p.severity == Severity::Warning
    {
        message.push_str(" (a mapping file's [titles] can name the rank it stands for)");
    }
    // What to do about a field the rows did not give.
    if p.path.starts_with("doctors[") && p.message.contains("required") {
        if p.path.ends_with(".title") {
            message.push_str(" (the rows have no rank: add a 职称/title column, or default_title in a mapping file)");
        } else if p.path.ends_with(".departments") {
            message.push_str(" (the rows have no department: add a 科室/department column)");
        }
    }
    let traced = split_path(&p.path, "doctors")
        .and_then(|(i, field, sub)| {
            let o = built.doctors.get(i)?.as_ref()?;
            let loc = match (field, sub) {
                ("schedule", Some(k)) => o.sessions.get(k).cloned(),
                _ => o.fields.get(field).cloned(),
            }
            .or_else(|| o.loc.clone());
            Some((loc, o.label.clone()))
        })
        .or_else(|| {
            let (i, _, _) = split_path(&p.path, "departments")?;
            let o = built.departments.get(i)?.as_ref()?;
            Some((o.loc.clone(), o.label.clone()))
        });
    match traced {
        Some((loc, label)) => Problem {
            level,
            loc,
            record: Some(label),
            message,
        },
        None => {
            let place = merge_name.unwrap_or("the dataset");
            Problem {
                level,
                loc: None,
                record: None,
                message: format!("{place}: {message}"),
            }
        }
    }
}

pub fn print_problems(problems: &[Problem]) {
    for p in problems {
        println!("{p}");
    }
}
