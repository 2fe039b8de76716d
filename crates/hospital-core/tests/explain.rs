//! `DoctorIndex::explain`: what matched, on the relevance test's written hospital.

use hospital_core::route::{DoctorQuery, Slot};
use hospital_core::search::{DoctorIndex, Reason, ReasonField};
use hospital_core::{Dataset, HalfDay, Weekday};
use std::path::Path;
use std::sync::OnceLock;

fn fixture() -> &'static (Dataset, DoctorIndex) {
    static F: OnceLock<(Dataset, DoctorIndex)> = OnceLock::new();
    F.get_or_init(|| {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/relevance/hospital.json");
        let json = std::fs::read_to_string(path).expect("the written hospital");
        let ds = hospital_core::validate::load(&json).expect("valid").dataset;
        let ix = DoctorIndex::build(&ds);
        (ds, ix)
    })
}

const NOW: Slot = Slot {
    weekday: Weekday::Mon,
    half_day: HalfDay::Morning,
};

/// The reasons of the first `n` hits of `q`.
fn reasons(q: &str, n: usize) -> Vec<(String, Vec<Reason>)> {
    let (ds, ix) = fixture();
    let r = ix.search(
        ds,
        &DoctorQuery {
            q: q.into(),
            ..DoctorQuery::default()
        },
        NOW,
    );
    r.hits
        .iter()
        .take(n)
        .map(|h| (ds.doctors[h.doctor].id.clone(), ix.explain(ds, q, h.doctor)))
        .collect()
}

fn marked(r: &Reason) -> Vec<&str> {
    r.marks.iter().map(|m| &r.text[m.clone()]).collect()
}

#[test]
fn a_department_query_says_the_department() {
    for (id, rs) in reasons("心血管内科", 5) {
        assert_eq!(rs.len(), 1, "{id}: {rs:?}");
        assert_eq!(rs[0].field, ReasonField::Department, "{id}");
        assert_eq!(rs[0].text, "心血管内科");
        assert_eq!(marked(&rs[0]), ["心血管内科"]);
        assert!(rs[0].via.is_empty());
    }
}

#[test]
fn a_symptom_says_what_it_led_to() {
    let (ds, _) = fixture();
    let found = reasons("headache", 20);
    assert!(!found.is_empty());
    for (id, rs) in &found {
        let d = ds.doctors.iter().find(|d| &d.id == id).expect("a doctor");
        assert_eq!(rs.len(), 1, "{id}: {rs:?}");
        let r = &rs[0];
        assert_eq!(r.word, "headache");
        // No doctor of this hospital says "headache": every hit is a synonym's.
        assert!(!r.via.is_empty(), "{id}: {r:?}");
        assert!(
            r.via
                .iter()
                .any(|v| v.starts_with("neurolog") || v.contains("神经")),
            "{r:?}"
        );
        if r.field == ReasonField::Department {
            assert!(d.departments.iter().any(|x| x == "neurology"), "{id}");
            assert!(r.text == "Neurology" || r.text == "神经内科", "{r:?}");
        }
    }
}

#[test]
fn names_conditions_campuses_and_traditional_characters() {
    let (ds, ix) = fixture();
    let doc = |id: &str| ds.doctors.iter().position(|d| d.id == id).expect(id);
    let rs = ix.explain(ds, "张伟 主任医师", doc("zhang-wei"));
    assert_eq!(rs.len(), 1, "the title gives no reason: {rs:?}");
    assert_eq!(
        (rs[0].field, rs[0].text.as_str()),
        (ReasonField::Name, "张伟")
    );
    let rs = ix.explain(ds, "張偉", doc("zhang-wei"));
    assert_eq!(
        marked(&rs[0]),
        ["张伟"],
        "Traditional folds to the data's Simplified"
    );
    let rs = ix.explain(ds, "zhang wei", doc("zhang-wei"));
    assert!(rs.iter().all(|r| r.field == ReasonField::Name), "{rs:?}");
    let rs = ix.explain(ds, "肝硬化", doc("zhang-weiming"));
    assert_eq!(
        (rs[0].field, marked(&rs[0])),
        (ReasonField::Condition, vec!["肝硬化"])
    );
    let east = reasons("东院 心血管内科", 3);
    for (id, rs) in east {
        let fields: Vec<ReasonField> = rs.iter().map(|r| r.field).collect();
        assert_eq!(
            fields,
            [ReasonField::Department, ReasonField::Campus],
            "{id}: {rs:?}"
        );
        assert_eq!(rs[1].text, "东院");
    }
    assert!(
        ix.explain(ds, "cardiology", usize::MAX).is_empty(),
        "no such doctor"
    );
}

#[test]
fn a_department_keyword_names_the_department_it_belongs_to() {
    let (ds, ix) = fixture();
    let mut checked = 0;
    for dept in &ds.departments {
        let keywords = dept.keywords.iter().flat_map(|k| k.all()).filter(|k| {
            k.is_ascii()
                && !dept
                    .name
                    .all()
                    .any(|n| n.to_lowercase().contains(&k.to_lowercase()))
        });
        for keyword in keywords {
            for (i, _) in ds
                .doctors
                .iter()
                .enumerate()
                .filter(|(_, d)| d.departments == [dept.id.clone()])
            {
                for r in ix.explain(ds, keyword, i) {
                    if r.leads_to.is_some() {
                        assert_eq!(r.field, ReasonField::Department);
                        assert_eq!(r.text, keyword, "the keyword is what is marked: {r:?}");
                        assert_eq!(
                            r.leads_to.as_deref(),
                            Some(dept.id.as_str()),
                            "{keyword}: {r:?}"
                        );
                        checked += 1;
                    }
                }
            }
        }
    }
    assert!(checked > 10, "only {checked} keyword reasons seen");
}

/// A large hospital's finder holds no biography or education (they come with a
/// profile): searched and explained without them, over the index built with them,
/// the answers are the same, and a word found in a biography still says so.
#[test]
fn without_the_biographies_in_memory_searches_answer_the_same() {
    let (ds, ix) = fixture();
    let mut apart = ds.clone();
    for d in &mut apart.doctors {
        d.bio = Default::default();
        d.education.clear();
    }
    let queries = [
        "进修",
        "从事临床",
        "骨科进修一年",
        "practice",
        "trained orthopaedics",
        "qingzhou",
        "医科大学",
        "心血管内科",
        "张伟 冠脉",
        "headache",
    ];
    let mut biography_reasons = 0;
    for q in queries {
        let query = DoctorQuery {
            q: q.into(),
            ..DoctorQuery::default()
        };
        let with = ix.search(ds, &query, NOW);
        let without = ix.search(&apart, &query, NOW);
        assert_eq!(with, without, "{q}");
        for h in with.hits.iter().take(20) {
            let full = ix.explain(ds, q, h.doctor);
            let bare = ix.explain(&apart, q, h.doctor);
            let fields = |rs: &[Reason]| rs.iter().map(|r| r.field).collect::<Vec<_>>();
            assert_eq!(
                fields(&full),
                fields(&bare),
                "{q}: {}",
                ds.doctors[h.doctor].id
            );
            for r in bare.iter().filter(|r| r.field == ReasonField::Biography) {
                biography_reasons += 1;
                assert_eq!(marked(r), [r.word.as_str()], "{q}: the word itself");
            }
        }
    }
    assert!(
        biography_reasons > 10,
        "{biography_reasons} biography reasons"
    );
}
