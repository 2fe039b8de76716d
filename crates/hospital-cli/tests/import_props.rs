//! The property of issue 16: import -> validate -> export -> import is stable.
//! Random staff lists (Chinese and English names, ranks, sex and departments written
//! as hospitals write them, packed specialty lists, a timetable grid) are imported;
//! the result must validate, and exporting it and importing the export, with or
//! without merging into the first result, must give the same dataset back.

use hospital_cli::import::build::Options;
use hospital_cli::import::mapping::Mapping;
use hospital_cli::import::record::Harvest;
use hospital_cli::import::report::Problems;
use hospital_cli::import::{export, finish, read_file};
use hospital_core::validate;
use proptest::prelude::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

const SURNAMES: &[(&str, &str)] = &[
    ("张", "Zhang"),
    ("李", "Li"),
    ("王", "Wang"),
    ("陈", "Chen"),
    ("欧阳", "Ouyang"),
];
const GIVEN: &[(&str, &str)] = &[
    ("伟", "Wei"),
    ("静", "Jing"),
    ("秀英", "Xiuying"),
    ("强", "Qiang"),
    ("丽", "Li"),
    ("建国", "Jianguo"),
];
const TITLES: &[&str] = &[
    "主任医师",
    "Chief Physician",
    "副主任医师",
    "attending_physician",
    "主治医师、讲师",
    "住院医师",
    "Technician",
];
const SEX: &[&str] = &["男", "女", "M", "F", "female", ""];
const DEPARTMENTS: &[&str] = &[
    "心内科",
    "Cardiology",
    "皮肤科",
    "急诊科",
    "Pediatrics",
    "心内科, 急诊科",
];
const SPECIALTIES: &[&str] = &["冠心病", "高血压", "心力衰竭", "湿疹", "哮喘", "PCI"];
const CELLS: &[&str] = &["", "", "专家", "普通门诊", "√", "特需", "停诊"];
const SLOTS: &[&str] = &["周一上午", "周一下午", "周三上午", "周五下午", "Sat AM"];

#[derive(Debug, Clone)]
struct Row {
    surname: usize,
    given: usize,
    english: bool,
    title: usize,
    sex: usize,
    department: usize,
    specialties: Vec<usize>,
    slots: Vec<usize>,
}

fn row() -> impl Strategy<Value = Row> {
    (
        0..SURNAMES.len(),
        0..GIVEN.len(),
        any::<bool>(),
        0..TITLES.len(),
        0..SEX.len(),
        0..DEPARTMENTS.len(),
        prop::collection::vec(0..SPECIALTIES.len(), 0..4),
        prop::collection::vec(0..CELLS.len(), SLOTS.len()),
    )
        .prop_map(
            |(surname, given, english, title, sex, department, specialties, slots)| Row {
                surname,
                given,
                english,
                title,
                sex,
                department,
                specialties,
                slots,
            },
        )
}

fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

fn csv_text(rows: &[Row]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["姓名", "英文姓名", "职称", "性别", "科室", "擅长"];
    header.extend(SLOTS);
    w.write_record(&header).expect("in memory");
    let mut seen = std::collections::HashSet::new();
    for r in rows {
        let zh = format!("{}{}", SURNAMES[r.surname].0, GIVEN[r.given].0);
        if !seen.insert(zh.clone()) {
            continue; // one row per doctor: names are how the sheet tells them apart
        }
        let en = if r.english {
            format!("{} {}", GIVEN[r.given].1, SURNAMES[r.surname].1)
        } else {
            String::new()
        };
        let specs: Vec<&str> = r.specialties.iter().map(|&s| SPECIALTIES[s]).collect();
        let mut record = vec![
            zh,
            en,
            TITLES[r.title].to_string(),
            SEX[r.sex].to_string(),
            DEPARTMENTS[r.department].to_string(),
            specs.join("、"),
        ];
        record.extend(r.slots.iter().map(|&c| CELLS[c].to_string()));
        w.write_record(&record).expect("in memory");
    }
    String::from_utf8(w.into_inner().expect("in memory")).expect("UTF-8")
}

fn import(files: &[&Path], merge: Option<Value>) -> (Value, Problems) {
    let mapping = Mapping::default();
    let mut harvest = Harvest::default();
    let mut problems = Problems::default();
    for f in files {
        read_file(f, &mapping, &mut harvest, &mut problems);
    }
    let opts = Options {
        hospital: merge.is_none().then_some("东溪医院"),
        mapping: &mapping,
    };
    let out = finish(harvest, merge.map(|m| ("first.json", m)), &opts, problems);
    let mut problems = Problems::default();
    for p in out.problems {
        problems.push(p);
    }
    (out.dataset, problems)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn import_validate_export_import_is_stable(rows in prop::collection::vec(row(), 1..12)) {
        let dir = scratch("import-props");
        let sheet = dir.join("staff.csv");
        std::fs::write(&sheet, csv_text(&rows)).expect("write");
        let (first, problems) = import(&[&sheet], None);
        prop_assert_eq!(problems.errors(), 0, "{:?}", problems.list);
        let text = serde_json::to_string(&first).expect("JSON");
        let loaded = validate::load(&text);
        prop_assert!(loaded.is_ok(), "{:?}", loaded.err());
        let dataset = loaded.map(|l| l.dataset).unwrap_or_default();
        let (staff, timetable) = export::sheets(&dataset);
        let staff_path = dir.join("export-staff.csv");
        let timetable_path = dir.join("export-timetable.csv");
        std::fs::write(&staff_path, staff).expect("write");
        std::fs::write(&timetable_path, timetable).expect("write");
        // Imported afresh, the export gives the same dataset...
        let (again, problems) = import(&[&staff_path, &timetable_path], None);
        prop_assert_eq!(problems.errors(), 0, "{:?}", problems.list);
        prop_assert_eq!(&again, &first);
        // ...and merged into the first import, it changes nothing.
        let (merged, problems) = import(&[&staff_path, &timetable_path], Some(first.clone()));
        prop_assert_eq!(problems.errors(), 0, "{:?}", problems.list);
        prop_assert_eq!(&merged, &first);
        // Importing the original sheet again into its own result changes nothing either.
        let (re, _) = import(&[&sheet], Some(first.clone()));
        prop_assert_eq!(&re, &first);
    }
}

const HEADERS: &[&str] = &[
    "姓名",
    "Name",
    "职称",
    "科室",
    "星期",
    "时段",
    "周一上午",
    "Spec1",
    "备注",
    "Colour",
    "",
    "性别",
];
const CELLS_ANY: &[&str] = &[
    "",
    "张伟",
    "主任医师",
    "心内科",
    "周一",
    "上午",
    "专家",
    "√",
    "周八",
    "?",
    "a,b",
    "（",
    "停诊",
    "研究员",
    "男",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Whatever a sheet holds, reading it never panics, and every row with content is
    /// either read as a doctor or named by a problem: nothing is dropped silently.
    #[test]
    fn no_row_is_dropped_silently(
        header in prop::collection::vec(0..HEADERS.len(), 1..7),
        rows in prop::collection::vec(prop::collection::vec(
            prop_oneof![
                (0..CELLS_ANY.len()).prop_map(|i| CELLS_ANY[i].to_string()),
                "\\PC{0,6}",
            ],
            0..8,
        ), 0..8),
    ) {
        use hospital_cli::import::report::Loc;
        use hospital_cli::import::{sheet, table::Table};
        use std::sync::Arc;
        let file: Arc<str> = "sheet.csv".into();
        let mut all = vec![header.iter().map(|&h| HEADERS[h].to_string()).collect::<Vec<_>>()];
        all.extend(rows.iter().cloned());
        let table = Table { loc: Loc::file(&file), rows: all.clone() };
        let mut harvest = Harvest::default();
        let mut problems = Problems::default();
        sheet::read(&table, &Mapping::default(), &mut harvest, &mut problems);
        // The one message for the whole sheet: no header row was found.
        let sheet_refused = problems.list.iter().any(|p| {
            p.loc.as_ref().is_some_and(|l| l.row == 0 && l.column.is_none())
                && p.message.contains("no header row")
        });
        for (i, row) in all.iter().enumerate().skip(1) {
            if row.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            let n = i + 1;
            let header = harvest.headers.iter().any(|l| l.row == n);
            let read = harvest.people.iter().any(|p| {
                p.loc.as_ref().is_some_and(|l| l.row == n)
                    || p.entries.iter().any(|e| e.loc.row == n)
            });
            let named = problems.list.iter().any(|p| p.loc.as_ref().is_some_and(|l| l.row == n));
            prop_assert!(
                header || read || named || sheet_refused,
                "row {n} {row:?} was neither read nor reported: {:?}", problems.list
            );
        }
    }
}
