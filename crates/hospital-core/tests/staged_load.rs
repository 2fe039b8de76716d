//! The staged loader (what the browser runs, a slice at a time) answers exactly as
//! the whole-text loader for any text: the same dataset, or the same problems in
//! the same order, however often it is interrupted.

use hospital_core::validate::{load_whole, Loaded, Problem, Staged};
use proptest::prelude::*;
use serde_json::{json, Value};

/// Loads `text` with the staged loader, out of time after every `every`-th record,
/// and checks that progress only grows.
fn staged(text: &str, every: usize) -> Result<Loaded, Vec<Problem>> {
    let mut load = Staged::new(text.as_bytes());
    let mut asked = 0usize;
    let mut last = 0.0;
    for _ in 0..10_000_000 {
        let answer = load.step(&mut || {
            asked += 1;
            asked.is_multiple_of(every)
        });
        let now = load.progress();
        assert!(
            (0.0..=1.0).contains(&now) && now >= last,
            "progress went {last} → {now}"
        );
        last = now;
        if let Some(answer) = answer {
            return answer;
        }
    }
    panic!("the staged loader never finished");
}

fn assert_same(text: &str) {
    let whole = load_whole(text);
    for every in [1, 3, usize::MAX] {
        assert_eq!(
            staged(text, every),
            whole,
            "interrupted every {every}: {text:.200}"
        );
    }
}

fn sample_text() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/sample.json");
    std::fs::read_to_string(path).expect("data/sample.json is readable")
}

fn sample_value() -> Value {
    serde_json::from_str(&sample_text()).expect("the sample is JSON")
}

#[test]
fn the_sample_loads_the_same_in_slices_as_whole() {
    let text = sample_text();
    assert!(load_whole(&text).is_ok());
    assert_same(&text);
    let compact = sample_value().to_string();
    assert_same(&compact);
}

#[test]
fn a_generated_dataset_loads_the_same_in_slices_as_whole() {
    let generated = hospital_cli::generate::generate(&hospital_cli::generate::Options {
        doctors: 300,
        articles: 40,
        seed: 7,
        split_bodies: false,
    });
    assert!(load_whole(&generated.json).is_ok());
    assert_same(&generated.json);
}

#[test]
fn broken_records_get_the_whole_text_error_with_its_line() {
    let text = sample_text();
    // A missing comma between two doctors, deep in the file.
    let cut = text.find("\"doctors\"").expect("doctors") + 200;
    let at = cut + text[cut..].find("},").expect("a record end");
    let broken = format!("{}}}{}", &text[..at], &text[at + 2..]);
    let answer = staged(&broken, 1);
    assert_eq!(answer, load_whole(&broken));
    let problems = answer.expect_err("refused");
    assert!(problems[0].line.is_some(), "{:?}", problems[0]);

    // Not UTF-8: refused with where the bad byte is.
    let mut bytes = text.clone().into_bytes();
    let name = text.find("张").expect("a Chinese name");
    bytes[name] = 0xff;
    let mut load = Staged::new(&bytes);
    let problems = loop {
        if let Some(answer) = load.step(&mut || true) {
            break answer.expect_err("refused");
        }
    };
    let line = text[..name].lines().count();
    assert_eq!(problems[0].line, Some(line), "{:?}", problems[0]);
    assert!(problems[0].message.contains("UTF-8"), "{:?}", problems[0]);
}

#[test]
fn odd_shapes_answer_as_the_whole_loader() {
    let doctor = json!({"id": "a", "name": "A", "title": "attending", "departments": ["x"]});
    for v in [
        json!([]),
        json!(null),
        json!({}),
        // Found by the property below: list errors keep their place among the records'.
        json!({"doctors": [null]}),
        json!({"schema": 1, "doctors": "many", "articles": null}),
        json!({"schema": 1, "doctors": [1, [], {}, doctor], "articles": [{}],
               "departments": [{"id": "x", "name": "X"}], "hospital": {"name": "H"}}),
        json!({"articles": [], "doctors": [doctor.clone(), doctor], "extra": [1, 2],
               "departments": [{"id": "x", "name": "X"}], "hospital": {"name": "H"}, "schema": 1}),
    ] {
        assert_same(&v.to_string());
        assert_same(&serde_json::to_string_pretty(&v).expect("printable"));
    }
    for text in [
        "",
        " ",
        "{",
        "{\"schema\": 1,}",
        "{\"doctors\": [1,]}",
        "{} {}",
    ] {
        assert_same(text);
    }
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i32>().prop_map(|n| json!(n)),
        "[a-z0-9 \u{4e00}-\u{4e20}\"\\\\]{0,8}".prop_map(Value::String),
    ]
}

fn json_value() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::vec(
                (
                    prop::sample::select(vec![
                        "schema", "doctors", "articles", "hospital", "id", "name", "title", "x"
                    ]),
                    inner
                ),
                0..5
            )
            .prop_map(|kv| Value::Object(
                kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
            )),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_json_loads_the_same_in_slices_as_whole(v in json_value(), pretty in any::<bool>()) {
        let text = if pretty {
            serde_json::to_string_pretty(&v).expect("printable")
        } else {
            v.to_string()
        };
        let whole = load_whole(&text);
        prop_assert_eq!(staged(&text, 1), whole.clone());
        prop_assert_eq!(staged(&text, usize::MAX), whole);
    }

    #[test]
    fn damaged_text_loads_the_same_in_slices_as_whole(
        cuts in prop::collection::vec((any::<prop::sample::Index>(), 0usize..4), 1..3)
    ) {
        // Byte-level damage to the sample: deleted bytes, so that records break.
        let mut text = sample_value().to_string().into_bytes();
        for (at, len) in cuts {
            let i = at.index(text.len());
            let end = (i + len).min(text.len());
            text.drain(i..end);
        }
        let whole = hospital_core::validate::load_whole_bytes(&text);
        let mut load = Staged::new(&text);
        let answer = loop {
            if let Some(answer) = load.step(&mut || true) {
                break answer;
            }
        };
        prop_assert_eq!(answer, whole);
    }
}

#[test]
fn the_checks_across_doctors_look_at_the_clock_once_per_sixteen_doctors() {
    let generated = hospital_cli::generate::generate(&hospital_cli::generate::Options {
        doctors: 320,
        articles: 10,
        seed: 3,
        split_bodies: false,
    });
    let Ok(loaded) = load_whole(&generated.json) else {
        panic!("the generated dataset loads");
    };
    let mut checks = Staged::checking(loaded.dataset.clone());
    let mut asked = 0usize;
    let answer = loop {
        if let Some(answer) = checks.step(&mut || {
            asked += 1;
            false
        }) {
            break answer;
        }
    };
    assert_eq!(answer.map(|l| l.dataset), Ok(loaded.dataset));
    // Two passes over the doctors (ids, then references and timetables): asked after
    // every doctor, that was 640 times; the clock goes through JavaScript in the app.
    assert!(asked <= 2 * 320 / 16, "asked {asked} times");
}
