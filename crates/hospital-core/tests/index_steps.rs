//! The doctor index built in time slices is the index built in one call, however
//! short the slices: even when the clock says "out of time" at every look, each
//! step does some work, the build ends, progress only goes up, and every search
//! answers the same.

use hospital_cli::generate::{generate, Options};
use hospital_core::route::{DoctorQuery, DoctorSort, Slot};
use hospital_core::search::{DoctorIndex, DoctorIndexBuilder, SearchResult};
use hospital_core::{validate, Dataset, HalfDay, Lang, Weekday};

const SAMPLE: &str = include_str!("../../../data/sample.json");

const NOW: Slot = Slot {
    weekday: Weekday::Wed,
    half_day: HalfDay::Afternoon,
};

fn sample() -> Dataset {
    validate::load(SAMPLE).expect("the sample is valid").dataset
}

fn generated(doctors: usize) -> Dataset {
    let g = generate(&Options {
        doctors,
        articles: 0,
        seed: 7,
        split_bodies: false,
    });
    match validate::load(&g.json) {
        Ok(l) => l.dataset,
        Err(problems) => panic!("the generator's output is refused: {problems:?}"),
    }
}

/// Query texts of every kind: names, pinyin, specialties with and without a typo,
/// prefixes, Chinese runs, department ids, biography words, synonyms.
fn texts(ds: &Dataset) -> Vec<String> {
    let mut qs: Vec<String> = [
        "",
        "cardiology",
        "cardiolgy",
        "heart",
        "chest pain",
        "心内科",
        "张",
        "张伟",
        "zw",
        "lv",
        "fever child",
        "高血压",
        "severe chest pain",
        "neuro",
    ]
    .map(String::from)
    .to_vec();
    let n = ds.doctors.len();
    for d in ds.doctors.iter().step_by((n / 12).max(1)) {
        qs.push(d.name.get(Lang::En).text.to_string());
        qs.push(d.name.get(Lang::Zh).text.to_string());
        if let Some(p) = &d.pinyin {
            qs.push(p.chars().take(4).collect());
        }
        if let Some(s) = d.specialties.first() {
            let s = s.get(Lang::En).text;
            let mut typo: Vec<char> = s.chars().collect();
            if typo.len() > 6 {
                typo.remove(3);
            }
            qs.push(typo.into_iter().collect());
            qs.push(s.chars().take(3).collect());
        }
        if let Some(c) = d.conditions.first() {
            qs.push(c.get(Lang::Zh).text.to_string());
        }
        qs.extend(d.departments.first().map(|s| s.to_string()));
        qs.extend(
            d.bio
                .get(Lang::En)
                .text
                .split_whitespace()
                .nth(5)
                .map(String::from),
        );
    }
    qs
}

/// Every query text, alone and with filters of each facet, in every order.
fn searches(ix: &DoctorIndex, ds: &Dataset) -> Vec<SearchResult> {
    let f = ix.search(ds, &DoctorQuery::default(), NOW).facets;
    let mut filters = vec![DoctorQuery::default()];
    if let Some(d) = f.departments.get(1) {
        filters.push(DoctorQuery {
            departments: vec![d.0.clone()],
            ..Default::default()
        });
    }
    if let Some(r) = f.ranks.first() {
        filters.push(DoctorQuery {
            ranks: vec![r.0],
            accepting_only: true,
            ..Default::default()
        });
    }
    if let (Some(c), Some(l)) = (f.campuses.first(), f.languages.last()) {
        filters.push(DoctorQuery {
            campuses: vec![c.0.clone()],
            languages: vec![l.0.clone()],
            ..Default::default()
        });
    }
    if let (Some(s), Some(c), Some(g)) = (f.slots.get(2), f.clinics.first(), f.genders.first()) {
        filters.push(DoctorQuery {
            slots: vec![s.0],
            clinics: vec![c.0],
            genders: vec![g.0],
            ..Default::default()
        });
    }
    let mut out = Vec::new();
    for q in texts(ds) {
        for filter in &filters {
            for sort in [
                DoctorSort::Relevance,
                DoctorSort::Name,
                DoctorSort::Rank,
                DoctorSort::Soonest,
            ] {
                let query = DoctorQuery {
                    q: q.clone(),
                    sort,
                    ..filter.clone()
                };
                out.push(ix.search(ds, &query, NOW));
            }
        }
    }
    out
}

/// Builds in steps with a clock that says "out of time" at every look after the
/// first `grace` looks of each step; checks the steps end and progress rises.
fn build_in_steps(ds: &Dataset, grace: usize) -> (DoctorIndex, usize) {
    let mut b = DoctorIndexBuilder::new(ds);
    let mut last = b.progress();
    assert!(last.0 <= last.1);
    let limit = 10 * (ds.doctors.len() + 1000);
    let mut steps = 0;
    loop {
        let mut looks = 0;
        let done = b.step(ds, &mut || {
            looks += 1;
            looks > grace
        });
        steps += 1;
        let now = b.progress();
        assert_eq!(now.1, last.1, "the total changed");
        assert!(now.0 >= last.0, "progress went back: {last:?} then {now:?}");
        assert!(now.0 <= now.1);
        last = now;
        if done {
            break;
        }
        assert!(steps < limit, "{steps} steps and not done: no progress?");
    }
    assert_eq!(last.0, last.1, "done, but progress is not at the total");
    assert!(
        b.step(ds, &mut || true),
        "a finished builder stays finished"
    );
    (b.finish(ds), steps)
}

fn same_as_one_call(ds: &Dataset) {
    let whole = DoctorIndex::build(ds);
    let expected = searches(&whole, ds);
    assert!(expected.iter().any(|r| !r.hits.is_empty()));
    for grace in [0, 1, 3] {
        let (sliced, steps) = build_in_steps(ds, grace);
        assert!(steps > 1 || ds.doctors.is_empty());
        assert_eq!(sliced.len(), whole.len());
        let got = searches(&sliced, ds);
        assert_eq!(got.len(), expected.len());
        for (i, (g, e)) in got.iter().zip(&expected).enumerate() {
            assert_eq!(g, e, "search {i} differs (grace {grace})");
        }
    }
}

#[test]
fn the_sample_in_the_shortest_slices_is_the_same_index() {
    same_as_one_call(&sample());
}

#[test]
fn a_generated_dataset_in_the_shortest_slices_is_the_same_index() {
    same_as_one_call(&generated(3_000));
}

#[test]
fn finish_completes_a_build_left_halfway() {
    let ds = generated(500);
    let expected = searches(&DoctorIndex::build(&ds), &ds);
    for steps in [0, 1, 40, 400] {
        let mut b = DoctorIndexBuilder::new(&ds);
        for _ in 0..steps {
            if b.step(&ds, &mut || true) {
                break;
            }
        }
        assert_eq!(
            searches(&b.finish(&ds), &ds),
            expected,
            "after {steps} steps"
        );
    }
}

#[test]
fn an_empty_dataset_is_done_at_once() {
    let ds = Dataset::default();
    let mut b = DoctorIndexBuilder::new(&ds);
    assert!(b.step(&ds, &mut || true));
    assert_eq!(b.progress().0, b.progress().1);
    let ix = b.finish(&ds);
    assert!(ix.is_empty());
    assert!(ix.search(&ds, &DoctorQuery::default(), NOW).hits.is_empty());
}
