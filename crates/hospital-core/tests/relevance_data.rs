//! The relevance test's own data (data/relevance/) is consistent: the written hospital
//! loads without errors or warnings, and every judged doctor exists in it.
//! `cargo run --release -p hospital-core --example relevance` measures the engine.

use serde_json::Value;
use std::path::Path;

fn read(p: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(p);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn the_written_hospital_is_valid_and_judged_doctors_exist() {
    let loaded = hospital_core::validate::load(&read("data/relevance/hospital.json"))
        .unwrap_or_else(|p| panic!("data/relevance/hospital.json: {p:?}"));
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    let ds = loaded.dataset;
    assert!(ds.doctors.len() >= 150, "about 150 doctors");
    let judgments: Value =
        serde_json::from_str(&read("data/relevance/judgments.json")).expect("judgments are JSON");
    let queries = judgments["queries"].as_array().expect("a queries array");
    assert!(queries.len() >= 150, "at least 150 judged queries");
    for q in queries {
        let grades = q["grades"].as_object().expect("grades");
        assert!(
            grades.values().any(|g| g.as_u64().is_some_and(|g| g >= 2)),
            "{q}: no relevant doctor"
        );
        if q["dataset"] == "written" {
            for id in grades.keys() {
                assert!(
                    ds.doctors.iter().any(|d| &d.id == id),
                    "{}: judged doctor {id} is not in the dataset",
                    q["q"]
                );
            }
        }
    }
}
