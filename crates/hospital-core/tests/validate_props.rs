//! The loader on anything: arbitrary JSON values and random damage to the sample
//! dataset never make it panic, a refusal always carries an error, and whatever it
//! accepts can be indexed and searched.

use hospital_core::news::NewsIndex;
use hospital_core::route::{DoctorQuery, NewsQuery, Slot};
use hospital_core::search::DoctorIndex;
use hospital_core::validate::{load, load_value, Problem, Severity};
use hospital_core::{HalfDay, Weekday};
use proptest::prelude::*;
use serde_json::{Map, Number, Value};
use std::sync::OnceLock;

/// Keys the loader looks for, so that random objects reach past the first check.
const KEYS: &[&str] = &[
    "schema",
    "sample",
    "hospital",
    "categories",
    "departments",
    "doctors",
    "articles",
    "name",
    "en",
    "zh",
    "id",
    "title",
    "slug",
    "date",
    "category",
    "body",
    "body_src",
    "campuses",
    "schedule",
    "weekday",
    "session",
    "clinic",
    "campus",
    "photo",
    "src",
    "alt",
    "cover",
    "tags",
    "booking",
    "url",
    "phone",
    "website",
    "verified",
    "pinyin",
    "languages",
    "gender",
    "specialties",
    "keywords",
    "accepting_new_patients",
];

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| Value::Number(n.into())),
        any::<u64>().prop_map(|n| Value::Number(n.into())),
        any::<f64>().prop_map(|f| Number::from_f64(f).map_or(Value::Null, Value::Number)),
        Just(Value::Number(1.into())),
        any::<String>().prop_map(Value::String),
        prop_oneof![
            Just("mon"),
            Just("morning"),
            Just("expert"),
            Just("chief_physician"),
            Just("2026-02-29"),
            Just("javascript:alert(1)"),
            Just("https://x.org"),
            Just(""),
            Just(" "),
            Just("cardiology"),
            Just("zhang-wei"),
            Just("\u{202e}"),
        ]
        .prop_map(|s| Value::String(s.to_string())),
    ]
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => proptest::sample::select(KEYS).prop_map(str::to_string),
        1 => any::<String>(),
    ]
}

/// Any JSON value up to about six levels deep.
fn json() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(6, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..6)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

fn sample() -> &'static Value {
    static SAMPLE: OnceLock<Value> = OnceLock::new();
    SAMPLE.get_or_init(|| {
        let text = include_str!("../../../data/sample.json");
        serde_json::from_str(text).unwrap_or_else(|e| panic!("data/sample.json: {e}"))
    })
}

/// Walks down `steps` (each picks a child by position) and replaces the node it
/// stops at, which may be the whole document.
fn replace_at(node: &mut Value, steps: &[usize], with: Value) {
    if let Some((&step, rest)) = steps.split_first() {
        let child = match node {
            Value::Object(m) if !m.is_empty() => {
                let n = m.len();
                m.values_mut().nth(step % n)
            }
            Value::Array(a) if !a.is_empty() => {
                let n = a.len();
                a.get_mut(step % n)
            }
            _ => None,
        };
        if let Some(child) = child {
            return replace_at(child, rest, with);
        }
    }
    *node = with;
}

/// What the app does with a dataset that loads: both indexes and a first page.
fn use_dataset(result: &Result<hospital_core::validate::Loaded, Vec<Problem>>) {
    match result {
        Err(problems) => {
            assert!(
                problems.iter().any(|p| p.severity == Severity::Error),
                "refused without an error: {problems:?}"
            );
            for p in problems {
                assert!(
                    !p.message.trim().is_empty(),
                    "a problem without words: {p:?}"
                );
                let _ = p.to_string();
            }
        }
        Ok(loaded) => {
            let ds = &loaded.dataset;
            let now = Slot {
                weekday: Weekday::Wed,
                half_day: HalfDay::Afternoon,
            };
            let all = DoctorQuery::default();
            let found = DoctorIndex::build(ds).search(ds, &all, now);
            assert_eq!(found.hits.len(), ds.doctors.len());
            let first = NewsQuery::default();
            let page = NewsIndex::build(ds).query(ds, &first, 10);
            assert_eq!(page.total, ds.articles.len());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn any_json_value_is_answered(v in json()) {
        use_dataset(&load_value(&v));
        // The same value as text takes the path the app takes.
        use_dataset(&load(&v.to_string()));
    }

    #[test]
    fn any_value_under_the_top_level_keys_is_answered(
        fields in prop::collection::vec(
            (proptest::sample::select(&KEYS[..7]), json()), 0..8)
    ) {
        let v = Value::Object(fields.into_iter().map(|(k, v)| (k.to_string(), v)).collect());
        use_dataset(&load_value(&v));
    }
}

proptest! {
    // Each case validates the whole sample (65 doctors, 18 articles) once or more.
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn damaged_samples_are_answered(
        damage in prop::collection::vec(
            (prop::collection::vec(any::<usize>(), 0..7), json()), 1..4)
    ) {
        let mut v = sample().clone();
        for (steps, with) in damage {
            replace_at(&mut v, &steps, with);
        }
        let result = load_value(&v);
        use_dataset(&result);
        if let Err(problems) = &result {
            // A path names a place in the document the web team can find: a key
            // it has, or a required one it lacks.
            let keys: Vec<&str> = match &v {
                Value::Object(m) => m.keys().map(String::as_str).collect(),
                _ => Vec::new(),
            };
            for p in problems.iter().filter(|p| !p.path.is_empty()) {
                // A key that is not a plain name is quoted: `["a.b"]`.
                let names = |k: &&str| {
                    p.path.starts_with(k) || p.path.starts_with(&format!("[{}]", Value::from(*k)))
                };
                prop_assert!(
                    keys.iter().chain(&KEYS[..7]).any(names),
                    "{} names no part of the document", p
                );
            }
        }
    }
}

#[test]
fn the_undamaged_sample_loads() {
    use_dataset(&load_value(sample()));
    assert!(load_value(sample()).is_ok());
}
