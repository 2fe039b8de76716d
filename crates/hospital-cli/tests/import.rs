//! `hospital-data import` on fixtures shaped like real exports (tests/fixtures/import/):
//! an HR export with numbered columns, a Chinese staff list with a title row, timetable
//! grids and rows, an Excel workbook, a FHIR directory in Synthea's shape, a mapping file.

mod common;

use common::{arg, run, scratch, stdout};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

fn read_json(p: &Path) -> Value {
    let text = std::fs::read_to_string(p).expect("output written");
    serde_json::from_str(&text).expect("output is JSON")
}

fn doctor<'a>(d: &'a Value, id: &str) -> &'a Value {
    d["doctors"]
        .as_array()
        .and_then(|l| l.iter().find(|x| x["id"] == id))
        .unwrap_or_else(|| panic!("no doctor {id} in {d:#}"))
}

fn valid(path: &Path) {
    let o = run(&["validate", arg(path)]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn hr_export_with_numbered_columns_and_packed_lists() {
    let dir = scratch("import-hr");
    let out = dir.join("d.json");
    let o = run(&[
        "import",
        arg(&fixture("hr_export.csv")),
        "--hospital",
        "Eastbrook Hospital",
        "--out",
        arg(&out),
    ]);
    let text = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{text}");
    valid(&out);
    let d = read_json(&out);
    let maya = doctor(&d, "hr-0101");
    assert_eq!(maya["name"]["en"], "Maya Okafor");
    assert_eq!(maya["title"], "chief_physician");
    assert_eq!(maya["gender"], "female");
    // Spec1..Spec3, the empty third left out.
    assert_eq!(maya["specialties"].as_array().map(Vec::len), Some(2));
    assert_eq!(maya["languages"], serde_json::json!(["en", "fr"]));
    assert_eq!(maya["booking"]["phone"], "+1 555 0100 201");
    // "Dermatology, Allergy": two departments, both created.
    let priya = doctor(&d, "hr-0103");
    assert_eq!(
        priya["departments"],
        serde_json::json!(["dermatology", "allergy"])
    );
    assert_eq!(priya["specialties"].as_array().map(Vec::len), Some(3));
    // Columns that are not imported are said, once each, with their letter.
    assert!(text.contains("column L \"Hosp Aff1\""), "{text}");
    assert!(!text.contains("Hosp Aff2"), "{text}");
    assert!(text.contains("column N \"Email\""), "{text}");
    assert_eq!(
        doctor(&d, "hr-0104")["languages"],
        serde_json::json!(["en", "sv"])
    );
}

#[test]
fn chinese_staff_list_with_timetables_joined_by_name() {
    let dir = scratch("import-zh");
    let out = dir.join("d.json");
    let o = run(&[
        "import",
        arg(&fixture("staff_zh.csv")),
        arg(&fixture("timetable_grid.csv")),
        arg(&fixture("timetable_rows.tsv")),
        "--hospital",
        "东溪医院",
        "--out",
        arg(&out),
    ]);
    let text = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{text}");
    valid(&out);
    // The title row is reported, not silently skipped.
    assert!(
        text.contains("row 1: warning: 1 row(s) above the header"),
        "{text}"
    );
    let d = read_json(&out);
    assert_eq!(d["doctors"].as_array().map(Vec::len), Some(4), "{d:#}");
    let li = doctor(&d, "li-xingyong");
    assert_eq!(li["name"]["zh"], "李兴勇");
    assert_eq!(li["name"]["en"], "Xingyong Li");
    assert_eq!(li["pinyin"], "lǐ xīng yǒng");
    // 主任医师、教授: the rank, the academic title beside it.
    assert_eq!(li["title"], "chief_physician");
    assert_eq!(li["gender"], "male");
    // 冠心病、高血压，心力衰竭: three items split on both separators.
    assert_eq!(li["specialties"].as_array().map(Vec::len), Some(3));
    let sched = li["schedule"].as_array().cloned().unwrap_or_default();
    assert_eq!(sched.len(), 4, "{sched:?}");
    assert!(sched
        .iter()
        .any(|s| s["weekday"] == "mon" && s["clinic"] == "expert"));
    assert!(sched
        .iter()
        .any(|s| s["weekday"] == "thu" && s["clinic"] == "special"));
    assert!(sched
        .iter()
        .any(|s| s["weekday"] == "fri" && s["cancelled"] == true));
    // The row-per-session sheet: 周三、周五 gives two sessions, 08:00-12:00 a morning.
    let zhao = doctor(&d, "zhao-gang");
    let zs = zhao["schedule"].as_array().cloned().unwrap_or_default();
    assert_eq!(zs.len(), 4, "{zs:?}");
    assert!(zs
        .iter()
        .any(|s| s["weekday"] == "sat" && s["session"] == "morning"));
    assert_eq!(zs[0]["room"], "急诊楼 102");
    // Campuses named in the timetables exist.
    let campuses: Vec<&str> = d["hospital"]["campuses"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| c["id"].as_str())
        .collect();
    assert_eq!(campuses, ["zong-yuan", "dong-yuan"]);
}

#[test]
fn fhir_ndjson_and_bundle_give_the_same_dataset() {
    let dir = scratch("import-fhir");
    let a = dir.join("a.json");
    let b = dir.join("b.json");
    for (input, out) in [("directory.ndjson", &a), ("directory_bundle.json", &b)] {
        let o = run(&["import", arg(&fixture(input)), "--out", arg(out)]);
        assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
        valid(out);
    }
    let (a, b) = (read_json(&a), read_json(&b));
    assert_eq!(a, b);
    assert_eq!(a["hospital"]["name"]["zh"], "东溪医院");
    let maya = doctor(&a, "maya-okafor");
    assert_eq!(maya["departments"], serde_json::json!(["cardiology"]));
    // mon+wed mornings, and thursday all day.
    assert_eq!(maya["schedule"].as_array().map(Vec::len), Some(4));
    let li = doctor(&a, "li-xingyong");
    assert_eq!(li["name"]["zh"], "李兴勇");
    assert_eq!(li["title"], "chief_physician");
    // A role in no department organization: its specialty is the department.
    let ivana = doctor(&a, "ivana-novak");
    assert_eq!(ivana["departments"], serde_json::json!(["dermatology"]));
}

#[test]
fn mapping_file_names_other_headers_and_values() {
    let dir = scratch("import-map");
    let out = dir.join("d.json");
    let o = run(&[
        "import",
        arg(&fixture("custom.csv")),
        "--mapping",
        arg(&fixture("custom_map.toml")),
        "--hospital",
        "Northgate Trust",
        "--out",
        arg(&out),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let d = read_json(&out);
    let h = doctor(&d, "hannah-cole");
    assert_eq!(h["title"], "chief_physician");
    assert_eq!(h["gender"], "female");
    assert_eq!(h["departments"], serde_json::json!(["neurology"]));
    // Without the mapping, nothing identifies the doctors: the sheet is refused, loudly.
    let o = run(&[
        "import",
        arg(&fixture("custom.csv")),
        "--hospital",
        "N",
        "--out",
        arg(&out),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("no header row found"), "{}", stdout(&o));
}

#[test]
fn bad_rows_are_listed_with_file_row_and_column() {
    let dir = scratch("import-bad");
    let csv = dir.join("staff.csv");
    std::fs::write(
        &csv,
        "姓名,职称,科室,星期,时段\n张伟,主任医师,心内科,周一,上午\n,副主任医师,心内科,,\n李敏,研究员,心内科,周八,上午\n",
    )
    .expect("write");
    let out = dir.join("d.json");
    let o = run(&["import", arg(&csv), "--hospital", "H", "--out", arg(&out)]);
    let text = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{text}");
    assert!(
        !out.exists(),
        "nothing is written when rows could not be read"
    );
    let file = csv.display().to_string();
    assert!(
        text.contains(&format!(
            "{file}, row 3: error: the row has no name and no id"
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "{file}, row 4, column D \"星期\": error: \"周八\" is not a weekday"
        )),
        "{text}"
    );
    // An unknown rank is kept as written and named with the doctor.
    assert!(
        text.contains(&format!(
            "{file}, row 4, column B \"职称\" (李敏): warning: \"研究员\" is not a known rank"
        )),
        "{text}"
    );
}

#[test]
fn usage_mistakes_exit_2() {
    let o = run(&["import", "--out", "x.json"]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["import", arg(&fixture("hr_export.csv"))]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["import", "no-such-file.csv", "--out", "x.json"]);
    assert_eq!(o.status.code(), Some(2));
}
