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
    assert_eq!(li["academic_title"], "professor");
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
fn a_bulk_export_with_a_file_per_resource_type_joins_across_files() {
    // Synthea and EHR bulk exports write Practitioner.ndjson, PractitionerRole.ndjson...:
    // roles name practitioners of another file.
    let dir = scratch("import-fhir-bulk");
    let whole = dir.join("whole.json");
    let bulk = dir.join("bulk.json");
    let o = run(&[
        "import",
        arg(&fixture("directory.ndjson")),
        "--out",
        arg(&whole),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let mut args: Vec<String> = vec!["import".into()];
    // Roles first: the order of the files does not matter.
    for t in [
        "PractitionerRole",
        "Practitioner",
        "Location",
        "Organization",
    ] {
        args.push(arg(&fixture(&format!("fhir_bulk/{t}.ndjson"))).to_string());
    }
    args.extend(["--out".to_string(), arg(&bulk).to_string()]);
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = run(&refs);
    let text = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{text}");
    assert!(text.contains("3 row(s) read"), "{text}");
    assert_eq!(read_json(&bulk), read_json(&whole));
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
    // An unknown rank is kept as written; the validator's warning comes back to its cell.
    assert!(
        text.contains(&format!(
            "{file}, row 4, column B \"职称\" (李敏, li-min): warning: doctors[1].title: \"研究员\" is not a rank"
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

#[test]
fn excel_workbook_with_a_title_row_and_a_two_row_timetable_header() {
    let dir = scratch("import-xlsx");
    let out = dir.join("d.json");
    let o = run(&[
        "import",
        arg(&fixture("staff.xlsx")),
        "--hospital",
        "东溪医院",
        "--out",
        arg(&out),
    ]);
    let text = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{text}");
    assert!(
        text.contains("sheet \"医生名单\", row 1: warning"),
        "{text}"
    );
    valid(&out);
    let d = read_json(&out);
    let sun = doctor(&d, "d-2001");
    assert_eq!(sun["name"]["en"], "Lihua Sun");
    assert_eq!(sun["verified"], "2026-10-20");
    assert_eq!(sun["booking"]["phone"], "0931-4678301");
    // A number cell keeps its digits, without ".0".
    assert_eq!(doctor(&d, "d-2002")["booking"]["phone"], "4678302");
    // 周一 merged over 上午 and 下午; the grid sheet joins the list sheet by name.
    let sched = sun["schedule"].as_array().cloned().unwrap_or_default();
    let slots: Vec<(String, String, String)> = sched
        .iter()
        .map(|s| {
            (
                s["weekday"].as_str().unwrap_or("").to_string(),
                s["session"].as_str().unwrap_or("").to_string(),
                s["clinic"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    assert_eq!(
        slots,
        [
            ("mon".into(), "morning".into(), "expert".into()),
            ("wed".into(), "morning".into(), "expert".into()),
            ("fri".into(), "morning".into(), "special".into()),
        ]
    );
    let zhou = doctor(&d, "d-2002");
    assert!(zhou["schedule"].as_array().is_some_and(|s| s
        .iter()
        .any(|x| x["weekday"] == "fri" && x["cancelled"] == true)));
}

#[test]
fn reimport_updates_doctors_and_keeps_what_the_sheet_does_not_hold() {
    let dir = scratch("import-merge");
    let first = dir.join("d.json");
    let o = run(&[
        "import",
        arg(&fixture("staff_zh.csv")),
        arg(&fixture("timetable_grid.csv")),
        "--hospital",
        "东溪医院",
        "--out",
        arg(&first),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    // The web team adds a photo, a bio, a news article naming the doctor.
    let mut d = read_json(&first);
    let li = d["doctors"]
        .as_array_mut()
        .and_then(|l| l.iter_mut().find(|x| x["id"] == "li-xingyong"))
        .expect("li-xingyong");
    li["photo"] = serde_json::json!({ "src": "images/li.jpg", "alt": { "zh": "李兴勇医生" } });
    li["bio"] = serde_json::json!({ "zh": "李兴勇，心内科主任医师。" });
    d["categories"] = serde_json::json!([{ "id": "news", "name": "News" }]);
    d["articles"] = serde_json::json!([{
        "slug": "new-clinic", "title": "A new clinic", "date": "2026-11-01",
        "category": "news", "doctors": ["li-xingyong"], "body": "Text."
    }]);
    std::fs::write(&first, serde_json::to_string_pretty(&d).expect("JSON")).expect("write");
    // HR changes his rank and his phone, and adds a doctor.
    let csv = dir.join("staff.csv");
    std::fs::write(
        &csv,
        "姓名,职称,科室,电话\n李兴勇,副主任医师,心内科,0931-4678299\n刘洋,主治医师,皮肤科,\n",
    )
    .expect("write");
    let o = run(&[
        "import",
        arg(&csv),
        "--merge",
        arg(&first),
        "--out",
        arg(&first),
    ]);
    let text = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{text}");
    assert!(
        text.contains("1 new, 1 updated, 3 kept unchanged"),
        "{text}"
    );
    valid(&first);
    let after = read_json(&first);
    let li = doctor(&after, "li-xingyong");
    assert_eq!(li["title"], "associate_chief_physician");
    assert_eq!(li["booking"]["phone"], "0931-4678299");
    assert_eq!(li["photo"]["src"], "images/li.jpg");
    assert_eq!(li["bio"]["zh"], "李兴勇，心内科主任医师。");
    assert_eq!(
        li["schedule"].as_array().map(Vec::len),
        Some(4),
        "the timetable stays"
    );
    assert_eq!(li["specialties"].as_array().map(Vec::len), Some(3));
    assert_eq!(after["articles"][0]["doctors"][0], "li-xingyong");
    assert_eq!(
        doctor(&after, "liu-yang")["departments"],
        serde_json::json!(["pi-fu-ke"])
    );
}

#[test]
fn the_sample_survives_export_and_reimport_unchanged() {
    let dir = scratch("import-export-sample");
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/sample.json");
    let o = run(&["export", arg(&sample), "--out", arg(&dir)]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let out = dir.join("again.json");
    let o = run(&[
        "import",
        arg(&dir.join("staff.csv")),
        arg(&dir.join("timetable.csv")),
        "--merge",
        arg(&sample),
        "--out",
        arg(&out),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let (again, sample) = (read_json(&out), read_json(&sample));
    // Doctor by doctor, so that a failure shows one record rather than the dataset.
    for (a, b) in again["doctors"]
        .as_array()
        .into_iter()
        .flatten()
        .zip(sample["doctors"].as_array().into_iter().flatten())
    {
        assert_eq!(a, b);
    }
    assert!(again == sample, "the dataset differs outside its doctors");
}

#[test]
fn an_unclosed_quote_an_empty_file_and_a_missing_rank_are_said() {
    let dir = scratch("import-odd");
    let quote = dir.join("quote.csv");
    std::fs::write(
        &quote,
        "姓名,科室,职称\n\"张伟,心内科,主任医师\n李敏,心内科,主治医师\n",
    )
    .expect("write");
    let empty = dir.join("empty.csv");
    std::fs::write(&empty, "").expect("write");
    let out = dir.join("d.json");
    let o = run(&[
        "import",
        arg(&quote),
        arg(&empty),
        "--hospital",
        "H",
        "--out",
        arg(&out),
    ]);
    let text = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{text}");
    let q = quote.display().to_string();
    assert!(
        text.contains(&format!(
            "{q}, line 2: warning: a quoted cell here runs over several lines"
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "{}: warning: no rows with a doctor were read",
            empty.display()
        )),
        "{text}"
    );
    assert!(
        text.contains("add a 职称/title column, or default_title in a mapping file"),
        "{text}"
    );
}

#[test]
fn a_department_whose_name_holds_a_comma_stays_one_department() {
    let dir = scratch("import-comma");
    let csv = dir.join("staff.csv");
    std::fs::write(
        &csv,
        "Name,Title,Department (EN),Department (ZH)\n\
         Wei Zhang,Chief Physician,\"Ear, Nose and Throat\",耳鼻咽喉科\n\
         Min Li,Attending Physician,\"Ear, Nose and Throat; Stomatology\",耳鼻咽喉科；口腔科\n\
         Jun Wu,Attending Physician,\"Ear, Nose and Throat\",\n",
    )
    .expect("write");
    let out = dir.join("d.json");
    let o = run(&["import", arg(&csv), "--hospital", "H", "--out", arg(&out)]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let d = read_json(&out);
    let names: Vec<String> = d["departments"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|x| x["name"]["en"].as_str().unwrap_or("").to_string())
        .collect();
    assert_eq!(names, ["Ear, Nose and Throat", "Stomatology"], "{d:#}");
    // The third row names it alone: known by then, so not split on its comma.
    assert_eq!(
        doctor(&d, "jun-wu")["departments"].as_array().map(Vec::len),
        Some(1)
    );
}

#[test]
fn the_new_commands_have_help_and_are_listed() {
    for (command, options) in [
        (
            "import",
            &[
                "--out",
                "--merge",
                "--mapping",
                "--hospital",
                "--keep-going",
            ][..],
        ),
        ("export", &["--out"][..]),
        ("build", &["--out", "--assets"][..]),
    ] {
        let o = run(&[command, "--help"]);
        assert_eq!(o.status.code(), Some(0), "{command}");
        let text = stdout(&o);
        for option in options {
            assert!(text.contains(option), "{command} --help lacks {option}");
        }
    }
    let top = stdout(&run(&["--help"]));
    for command in ["import", "export", "build"] {
        assert!(top.contains(&format!("hospital-data {command}")), "{top}");
    }
}

#[test]
fn a_name_two_merged_doctors_share_needs_an_id() {
    let dir = scratch("import-homonyms");
    let base = dir.join("d.json");
    std::fs::write(
        &base,
        r#"{ "schema": 1, "hospital": { "name": "H" }, "categories": [], "articles": [],
            "departments": [{ "id": "cardiology", "name": "Cardiology" }, { "id": "er", "name": "Emergency" }],
            "doctors": [
              { "id": "zhang-wei", "name": { "zh": "张伟", "en": "Wei Zhang" }, "title": "chief_physician", "departments": ["cardiology"] },
              { "id": "zhang-wei-2", "name": { "zh": "张伟", "en": "Wei Zhang" }, "title": "attending_physician", "departments": ["er"] }
            ] }"#,
    )
    .expect("write");
    let csv = dir.join("staff.csv");
    std::fs::write(&csv, "姓名,职称\n张伟,副主任医师\n").expect("write");
    let out = dir.join("out.json");
    let o = run(&[
        "import",
        arg(&csv),
        "--merge",
        arg(&base),
        "--out",
        arg(&out),
    ]);
    let text = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{text}");
    assert!(
        text.contains("row 2 (张伟): error: the merged dataset has several doctors named"),
        "{text}"
    );
    // With an id, the row says which one.
    std::fs::write(&csv, "工号,姓名,职称\nzhang-wei-2,张伟,副主任医师\n").expect("write");
    let o = run(&[
        "import",
        arg(&csv),
        "--merge",
        arg(&base),
        "--out",
        arg(&out),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let d = read_json(&out);
    assert_eq!(doctor(&d, "zhang-wei")["title"], "chief_physician");
    assert_eq!(
        doctor(&d, "zhang-wei-2")["title"],
        "associate_chief_physician"
    );
}
