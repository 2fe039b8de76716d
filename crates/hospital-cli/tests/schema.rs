//! schema/dataset.schema.json describes every field the sample uses, and its
//! keyword lists agree with the model.

use hospital_core::fields;
use hospital_core::model::{AcademicTitle, ClinicType, Gender, HalfDay, TitleRank, Weekday};
use serde_json::Value;
use std::path::PathBuf;

fn repo_file(path: &str) -> Value {
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(path);
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
}

/// Follows a local `$ref` ("#/$defs/doctor") to the schema it names.
fn resolve<'a>(root: &'a Value, node: &'a Value) -> &'a Value {
    match node.get("$ref").and_then(Value::as_str) {
        Some(r) => {
            let pointer = r.strip_prefix('#').unwrap_or(r);
            let target = root
                .pointer(pointer)
                .unwrap_or_else(|| panic!("dangling $ref {r}"));
            resolve(root, target)
        }
        None => node,
    }
}

fn property_names(schema: &Value) -> Vec<&str> {
    schema
        .get("properties")
        .and_then(Value::as_object)
        .map(|p| p.keys().map(String::as_str).collect())
        .unwrap_or_default()
}

/// Every object key of `value` must be a property of the schema describing it.
fn assert_described(root: &Value, schema: &Value, value: &Value, path: &str) {
    let schema = resolve(root, schema);
    match value {
        Value::Object(map) => {
            // Text maps (language → string) are described by a pattern, not properties.
            let Some(props) = schema.get("properties") else {
                return;
            };
            for (key, child) in map {
                let sub = props
                    .get(key)
                    .unwrap_or_else(|| panic!("{path}.{key} is not described in the schema"));
                assert_described(root, sub, child, &format!("{path}.{key}"));
            }
        }
        Value::Array(items) => {
            if let Some(item_schema) = schema.get("items") {
                for (i, item) in items.iter().enumerate() {
                    assert_described(root, item_schema, item, &format!("{path}[{i}]"));
                }
            }
        }
        _ => {}
    }
}

#[test]
fn sample_top_level_and_doctor_keys_are_in_the_schema() {
    let schema = repo_file("schema/dataset.schema.json");
    let sample = repo_file("data/sample.json");
    let top = property_names(&schema);
    for key in sample.as_object().expect("an object").keys() {
        assert!(
            top.contains(&key.as_str()),
            "top-level {key} is not in the schema"
        );
    }
    let doctor = resolve(&schema, &schema["$defs"]["doctor"]);
    let doctor_keys = property_names(doctor);
    for (i, d) in sample["doctors"]
        .as_array()
        .expect("doctors")
        .iter()
        .enumerate()
    {
        for key in d.as_object().expect("an object").keys() {
            assert!(
                doctor_keys.contains(&key.as_str()),
                "doctors[{i}].{key} is not in the schema"
            );
        }
    }
}

#[test]
fn every_field_of_the_sample_is_in_the_schema() {
    let schema = repo_file("schema/dataset.schema.json");
    let sample = repo_file("data/sample.json");
    assert_described(&schema, &schema, &sample, "");
}

#[test]
fn schema_lists_the_fields_the_loader_reads() {
    // Each object the loader reads, with the fields it knows (validate.rs's lists).
    let schema = repo_file("schema/dataset.schema.json");
    let expect: &[(&str, &[&str])] = &[
        ("", fields::DATASET),
        ("hospital", fields::HOSPITAL),
        ("emergency", fields::EMERGENCY),
        ("campus", fields::CAMPUS),
        ("category", fields::CATEGORY),
        ("department", fields::DEPARTMENT),
        ("doctor", fields::DOCTOR),
        ("session", fields::SESSION),
        ("image", fields::IMAGE),
        ("article", fields::ARTICLE),
    ];
    for (def, known) in expect {
        let node = if def.is_empty() {
            &schema
        } else {
            resolve(&schema, &schema["$defs"][*def])
        };
        let mut got = property_names(node);
        let mut want = known.to_vec();
        got.sort_unstable();
        want.sort_unstable();
        assert_eq!(got, want, "fields of {def:?}");
    }
}

/// The keywords a field lists: its `enum`, or the first `enum` of its `anyOf` (a
/// field that also takes names lists its keys first).
fn enum_of(schema: &Value, def: &str, field: &str) -> Vec<String> {
    let node = resolve(schema, &schema["$defs"][def]["properties"][field]);
    let node = node.get("anyOf").and_then(|a| a.get(0)).unwrap_or(node);
    node["enum"]
        .as_array()
        .unwrap_or_else(|| panic!("{def}.{field} has no enum"))
        .iter()
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect()
}

#[test]
fn keyword_lists_match_the_model() {
    let schema = repo_file("schema/dataset.schema.json");
    let keys = |all: &str| all.split(", ").map(str::to_owned).collect::<Vec<_>>();
    assert_eq!(
        enum_of(&schema, "doctor", "title"),
        keys(&TitleRank::keys())
    );
    assert_eq!(enum_of(&schema, "doctor", "gender"), keys(&Gender::keys()));
    assert_eq!(
        enum_of(&schema, "doctor", "academic_title"),
        keys(&AcademicTitle::keys())
    );
    // The names the schema lists beside the keys are the labels' table.
    let title = &schema["$defs"]["doctor"]["properties"]["title"]["anyOf"];
    let names = |i: usize| title[i]["enum"].as_array().cloned().unwrap_or_default();
    let zh: Vec<&str> = TitleRank::ALL.iter().map(|r| r.label().zh).collect();
    let en: Vec<&str> = TitleRank::ALL.iter().map(|r| r.label().en).collect();
    assert_eq!(
        names(1),
        zh.iter().map(|s| Value::from(*s)).collect::<Vec<_>>()
    );
    assert_eq!(
        names(2),
        en.iter().map(|s| Value::from(*s)).collect::<Vec<_>>()
    );
    assert_eq!(
        enum_of(&schema, "session", "weekday"),
        keys(&Weekday::keys())
    );
    assert_eq!(
        enum_of(&schema, "session", "session"),
        keys(&HalfDay::keys())
    );
    assert_eq!(
        enum_of(&schema, "session", "clinic"),
        keys(&ClinicType::keys())
    );
}

#[test]
fn sample_is_clean() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/sample.json");
    let report = hospital_cli::validate::check_file(&path).expect("readable");
    assert!(report.problems.is_empty(), "{:#?}", report.problems);
    let counts = report.counts.expect("loads");
    assert!(counts.departments >= 12 && counts.doctors >= 60 && counts.articles >= 15);
}

#[test]
fn the_rank_table_of_the_docs_is_the_labels_table() {
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/dataset.md");
    let docs = std::fs::read_to_string(&file).expect("docs/dataset.md");
    // Rows such as "| `chief_physician` | Chief Physician | 主任医师 |", in order.
    let rows: Vec<(String, String, String)> = docs
        .lines()
        .filter_map(|l| {
            let cells: Vec<&str> = l
                .trim()
                .trim_matches('|')
                .split('|')
                .map(str::trim)
                .collect();
            let key = cells.first()?.strip_prefix('`')?.strip_suffix('`')?;
            (cells.len() == 3 && TitleRank::from_key(key).is_some())
                .then(|| (key.to_string(), cells[1].to_string(), cells[2].to_string()))
        })
        .collect();
    let want: Vec<(String, String, String)> = TitleRank::ALL
        .iter()
        .map(|r| {
            let l = r.label();
            (r.key().to_string(), l.en.to_string(), l.zh.to_string())
        })
        .collect();
    assert_eq!(rows, want);
}
