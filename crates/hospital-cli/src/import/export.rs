//! `hospital-data export <dataset.json> --out DIR`: the doctors as the two sheets the
//! importer reads back, `staff.csv` (one row per doctor) and `timetable.csv` (one row
//! per session), so that a web team can edit the list in a spreadsheet and re-import
//! it with `--merge` (photos, bios and the rest stay in the dataset).

use crate::args::{wants_help, Failure, Spec};
use crate::EXIT_OK;
use hospital_core::model::{Dataset, Doctor};
use hospital_core::text::Text;
use std::path::Path;

pub const HELP: &str = "\
Usage: hospital-data export <dataset.json> --out DIR

Writes DIR/staff.csv (id, names in English and Chinese, title, departments, gender,
specialties, conditions, languages, booking phone and URL) and DIR/timetable.csv
(id, name, weekday, session, clinic, campus, room, cancelled, notes in English
and Chinese), UTF-8 with a
byte-order mark so that Excel opens them as such. `hospital-data import
DIR/staff.csv DIR/timetable.csv --merge <dataset.json> --out <dataset.json>` reads
them back.

Exit status: 0 written, 1 the dataset is invalid, 2 bad usage or unwritable files.
";

const SPEC: Spec = Spec {
    command: "export",
    positionals: &["dataset.json"],
    options: &["out"],
    flags: &[],
};

pub fn main(args: &[String]) -> Result<i32, Failure> {
    if wants_help(args) {
        print!("{HELP}");
        return Ok(EXIT_OK);
    }
    let parsed = SPEC.parse(args)?;
    let input = Path::new(&parsed.positionals[0]);
    let out = parsed
        .option("out")
        .ok_or_else(|| Failure::usage("export: --out DIR is required"))?;
    let text = std::fs::read_to_string(input)
        .map_err(|e| Failure::usage(format!("cannot read {}: {e}", input.display())))?;
    let dataset = crate::load_valid(&text, &input.display().to_string())?.dataset;
    let (staff, timetable) = sheets(&dataset);
    let dir = Path::new(out);
    std::fs::create_dir_all(dir)
        .map_err(|e| Failure::usage(format!("cannot create {}: {e}", dir.display())))?;
    for (name, body) in [("staff.csv", staff), ("timetable.csv", timetable)] {
        let path = dir.join(name);
        std::fs::write(&path, format!("\u{feff}{body}"))
            .map_err(|e| Failure::usage(format!("cannot write {}: {e}", path.display())))?;
    }
    println!(
        "export: {} doctors to {}/staff.csv and {}/timetable.csv",
        dataset.doctors.len(),
        dir.display(),
        dir.display()
    );
    Ok(EXIT_OK)
}

fn exact(t: &Text, lang: &str) -> String {
    match t {
        Text::Plain(s) => {
            // A plain text belongs to both columns' language only if it is in one;
            // the importer reads it back by its script.
            let cjk = crate::import::values::has_cjk(s);
            if (lang == "zh") == cjk {
                s.to_string()
            } else {
                String::new()
            }
        }
        Text::Localized(m) => m.get(lang).map(str::to_string).unwrap_or_default(),
    }
}

fn bilingual(t: &Text) -> bool {
    !exact(t, "en").is_empty() && !exact(t, "zh").is_empty()
}

/// The bilingual items of a list in one language: the importer pairs the English
/// and Chinese columns item by item.
fn list(items: &[Text], lang: &str) -> String {
    let parts: Vec<String> = items
        .iter()
        .filter(|t| bilingual(t))
        .map(|t| exact(t, lang))
        .collect();
    parts.join(if lang == "zh" { "；" } else { "; " })
}

/// The items in one language only, in a column without a language: the importer
/// reads each item's language from its script.
fn single(items: &[Text]) -> String {
    let parts: Vec<String> = items
        .iter()
        .filter(|t| !bilingual(t))
        .map(|t| t.get(hospital_core::Lang::Zh).text.to_string())
        .filter(|s| !s.is_empty())
        .collect();
    parts.join("；")
}

/// A doctor's departments by name in one language ("" where a department has none).
fn departments(ds: &Dataset, d: &Doctor, lang: &str) -> String {
    let names: Vec<String> = d
        .departments
        .iter()
        .map(|id| {
            ds.department(id)
                .map(|x| exact(&x.name, lang))
                .unwrap_or_default()
        })
        .collect();
    if names.iter().all(String::is_empty) {
        return String::new();
    }
    names.join(if lang == "zh" { "；" } else { "; " })
}

fn staff_row(ds: &Dataset, d: &Doctor) -> Vec<String> {
    vec![
        d.id.clone(),
        exact(&d.name, "en"),
        exact(&d.name, "zh"),
        d.pinyin.clone().unwrap_or_default(),
        match (&d.title, &d.title_as_written) {
            (hospital_core::model::TitleRank::Other, Some(written)) => written.clone(),
            (t, _) => t.key().to_string(),
        },
        d.academic_title
            .map(|a| a.key().to_string())
            .unwrap_or_default(),
        departments(ds, d, "en"),
        departments(ds, d, "zh"),
        d.gender.map(|g| g.key().to_string()).unwrap_or_default(),
        list(&d.specialties, "en"),
        list(&d.specialties, "zh"),
        single(&d.specialties),
        list(&d.conditions, "en"),
        list(&d.conditions, "zh"),
        single(&d.conditions),
        d.languages.join(", "),
        d.booking
            .as_ref()
            .and_then(|b| b.phone.clone())
            .unwrap_or_default()
            .to_string(),
        d.booking
            .as_ref()
            .and_then(|b| b.url.clone())
            .unwrap_or_default(),
    ]
}

/// The two sheets as CSV text.
pub fn sheets(ds: &Dataset) -> (String, String) {
    let mut staff = csv::Writer::from_writer(Vec::new());
    let mut timetable = csv::Writer::from_writer(Vec::new());
    // Writing to memory cannot fail; errors are ignored rather than unwrapped.
    let _ = staff.write_record([
        "id",
        "Name (EN)",
        "Name (ZH)",
        "Pinyin",
        "Title",
        "Academic title",
        "Department (EN)",
        "Department (ZH)",
        "Gender",
        "Specialty (EN)",
        "Specialty (ZH)",
        "Specialties",
        "Conditions (EN)",
        "Conditions (ZH)",
        "Conditions",
        "Languages",
        "Phone",
        "Booking URL",
    ]);
    let _ = timetable.write_record([
        "id",
        "Name",
        "Weekday",
        "Session",
        "Clinic",
        "Campus",
        "Room",
        "Room (EN)",
        "Room (ZH)",
        "Cancelled",
        "Note (EN)",
        "Note (ZH)",
    ]);
    for d in &ds.doctors {
        let _ = staff.write_record(staff_row(ds, d));
        for s in &d.schedule {
            let room = |lang: &str| match &s.room {
                Some(Text::Localized(m)) => m.get(lang).map(str::to_string).unwrap_or_default(),
                Some(Text::Plain(p)) if lang.is_empty() => p.to_string(),
                _ => String::new(),
            };
            let note = |lang: &str| s.note.as_ref().map(|n| exact(n, lang)).unwrap_or_default();
            let _ = timetable.write_record([
                d.id.clone(),
                d.name.get(hospital_core::Lang::Zh).text.to_string(),
                s.weekday.key().to_string(),
                s.half_day.key().to_string(),
                s.clinic.key().to_string(),
                s.campus.clone().unwrap_or_default().to_string(),
                room(""),
                room("en"),
                room("zh"),
                if s.cancelled { "yes" } else { "" }.to_string(),
                note("en"),
                note("zh"),
            ]);
        }
    }
    let text = |w: csv::Writer<Vec<u8>>| {
        w.into_inner()
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_default()
    };
    (text(staff), text(timetable))
}
