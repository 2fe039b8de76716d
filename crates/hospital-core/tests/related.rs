//! "Other doctors of this department" after a condition's hits, and symptoms that
//! rank the doctors listing their usual causes first, on the written hospital of
//! data/relevance/.

use hospital_core::route::{DoctorQuery, Slot};
use hospital_core::search::{DoctorIndex, SearchResult, RELATED_MAX};
use hospital_core::{Dataset, HalfDay, Weekday};
use std::path::Path;
use std::sync::OnceLock;

fn fixture() -> &'static (Dataset, DoctorIndex) {
    static F: OnceLock<(Dataset, DoctorIndex)> = OnceLock::new();
    F.get_or_init(|| {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/relevance/hospital.json");
        let json = std::fs::read_to_string(&path).expect("the written hospital");
        let ds = hospital_core::validate::load(&json)
            .expect("a valid dataset")
            .dataset;
        let ix = DoctorIndex::build(&ds);
        (ds, ix)
    })
}

fn search(q: &str) -> SearchResult {
    let (ds, ix) = fixture();
    let now = Slot {
        weekday: Weekday::Mon,
        half_day: HalfDay::Morning,
    };
    let query = DoctorQuery {
        q: q.to_string(),
        ..DoctorQuery::default()
    };
    ix.search(ds, &query, now)
}

fn departments_of(doctor: usize) -> &'static [hospital_core::SharedStr] {
    &fixture().0.doctors[doctor].departments
}

#[test]
fn a_condition_few_list_brings_the_rest_of_their_department_after_them() {
    let r = search("膝关节骨关节炎");
    assert!(!r.hits.is_empty(), "somebody lists it");
    assert_eq!(r.related_departments, ["orthopaedics"]);
    assert!(!r.related.is_empty());
    assert!(r.related.len() <= RELATED_MAX);
    for h in &r.related {
        assert!(departments_of(h.doctor).iter().any(|d| d == "orthopaedics"));
        assert!(
            r.hits.iter().all(|x| x.doctor != h.doctor),
            "a hit is never repeated in the tail"
        );
    }
    // The tail is not part of the result: neither counted nor in the facets.
    let ortho = r
        .facets
        .departments
        .iter()
        .find(|(id, _)| id == "orthopaedics")
        .map(|(_, n)| *n);
    assert_eq!(ortho, Some(r.hits.len()));
}

#[test]
fn names_departments_and_symptoms_get_no_tail() {
    for q in ["张伟", "骨科", "Orthopaedics", "headache", "头痛"] {
        let r = search(q);
        assert!(!r.hits.is_empty(), "{q}");
        assert!(r.related.is_empty(), "{q}: {:?}", r.related_departments);
    }
}

#[test]
fn the_tail_passes_the_same_facet_filters() {
    let (ds, ix) = fixture();
    let now = Slot {
        weekday: Weekday::Mon,
        half_day: HalfDay::Morning,
    };
    let query = DoctorQuery {
        q: "膝关节骨关节炎".to_string(),
        accepting_only: true,
        ..DoctorQuery::default()
    };
    let r = ix.search(ds, &query, now);
    for h in r.hits.iter().chain(&r.related) {
        assert!(
            ds.doctors[h.doctor].accepting_new_patients,
            "{}",
            ds.doctors[h.doctor].id
        );
    }
}

#[test]
fn a_symptom_lists_the_doctors_with_its_usual_causes_first() {
    let (ds, _) = fixture();
    let r = search("headache");
    let lists_migraine = |d: usize| {
        ds.doctors[d]
            .conditions
            .iter()
            .chain(&ds.doctors[d].specialties)
            .flat_map(|t| t.all())
            .any(|s| s.to_lowercase().contains("migraine") || s.contains("偏头痛"))
    };
    let flags: Vec<bool> = r.hits.iter().map(|h| lists_migraine(h.doctor)).collect();
    assert!(
        flags.iter().any(|&f| f) && flags.iter().any(|&f| !f),
        "{flags:?}"
    );
    // Among the doctors reached the same way, those listing migraine come first:
    // once one that does not list it appears, no later one lists it, except
    // doctors matching the word itself, who come before everyone.
    let literal = |d: usize| {
        ds.doctors[d]
            .conditions
            .iter()
            .chain(&ds.doctors[d].specialties)
            .flat_map(|t| t.all())
            .any(|s| s.to_lowercase().contains("headache"))
    };
    let rest: Vec<bool> = r
        .hits
        .iter()
        .filter(|h| !literal(h.doctor))
        .map(|h| lists_migraine(h.doctor))
        .collect();
    let first_without = rest.iter().position(|&f| !f).unwrap_or(rest.len());
    assert!(rest[first_without..].iter().all(|&f| !f), "{rest:?}");
}
