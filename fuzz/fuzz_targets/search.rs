//! Any query text with any facet selection, against one fixed dataset (the sample):
//! normalizing, tokenizing, searching and highlighting never panic, and the answers
//! stay within the dataset and on character boundaries.
#![no_main]

use hospital_core::news::NewsIndex;
use hospital_core::normalize;
use hospital_core::route::{DoctorQuery, DoctorSort, NewsQuery, Slot};
use hospital_core::search::{highlight, DoctorIndex};
use hospital_core::{validate, ClinicType, Dataset, Gender, HalfDay, TitleRank, Weekday};
use libfuzzer_sys::arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use std::collections::HashSet;
use std::ops::Range;
use std::sync::OnceLock;

struct Fixture {
    ds: Dataset,
    doctors: DoctorIndex,
    news: NewsIndex,
    departments: Vec<String>,
    campuses: Vec<String>,
    languages: Vec<String>,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let loaded = match validate::load(include_str!("../../data/sample.json")) {
            Ok(l) => l,
            Err(problems) => panic!("the sample dataset no longer loads: {problems:?}"),
        };
        let ds = loaded.dataset;
        let mut languages: Vec<String> = ds
            .doctors
            .iter()
            .flat_map(|d| d.languages.iter().map(|l| l.to_string()))
            .collect();
        languages.sort();
        languages.dedup();
        Fixture {
            doctors: DoctorIndex::build(&ds),
            news: NewsIndex::build(&ds),
            departments: ds.departments.iter().map(|d| d.id.clone()).collect(),
            campuses: ds.hospital.campuses.iter().map(|c| c.id.clone()).collect(),
            languages,
            ds,
        }
    })
}

/// Mostly values the dataset knows, sometimes arbitrary text: both reach the search
/// from a hand-edited URL.
fn picks(u: &mut Unstructured, known: &[String]) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for _ in 0..u.int_in_range(0..=3u8)? {
        if u.ratio(1, 4)? || known.is_empty() {
            out.push(u.arbitrary::<String>()?);
        } else {
            out.push(u.choose(known)?.clone());
        }
    }
    Ok(out)
}

fn keys<T: Copy>(u: &mut Unstructured, all: &[T]) -> Result<Vec<T>> {
    let mut out = Vec::new();
    for _ in 0..u.int_in_range(0..=3u8)? {
        out.push(*u.choose(all)?);
    }
    Ok(out)
}

fn slot(u: &mut Unstructured) -> Result<Slot> {
    Ok(Slot {
        weekday: *u.choose(Weekday::ALL)?,
        half_day: *u.choose(HalfDay::ALL)?,
    })
}

fn query(mut u: Unstructured, f: &Fixture) -> Result<(DoctorQuery, Slot)> {
    let u = &mut u;
    let mut slots = Vec::new();
    for _ in 0..u.int_in_range(0..=3u8)? {
        slots.push(slot(u)?);
    }
    let q = DoctorQuery {
        departments: picks(u, &f.departments)?,
        ranks: keys(u, TitleRank::ALL)?,
        clinics: keys(u, ClinicType::ALL)?,
        slots,
        campuses: picks(u, &f.campuses)?,
        languages: picks(u, &f.languages)?,
        genders: keys(u, Gender::ALL)?,
        accepting_only: u.arbitrary()?,
        sort: *u.choose(&DoctorSort::ALL)?,
        page: u.int_in_range(0..=5)?,
        // Last, so that the rest of the input is the text: seeds stay readable.
        q: String::new(),
    };
    let now = slot(u)?;
    let text = std::mem::replace(u, Unstructured::new(&[])).take_rest();
    let q = DoctorQuery {
        q: String::from_utf8_lossy(text).into_owned(),
        ..q
    };
    Ok((q, now))
}

fn check_ranges(text: &str, ranges: &[Range<usize>]) {
    let mut last_end = 0;
    for r in ranges {
        assert!(r.start < r.end, "empty range {r:?} in {text:?}");
        assert!(r.start >= last_end, "unsorted or overlapping {ranges:?}");
        assert!(r.end <= text.len(), "{r:?} past the end of {text:?}");
        assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        last_end = r.end;
    }
}

fuzz_target!(|data: &[u8]| {
    let f = fixture();
    let Ok((q, now)) = query(Unstructured::new(data), f) else {
        return;
    };

    let folded = normalize::fold(&q.q);
    let _ = normalize::terms(&folded);
    for t in normalize::tokenize(&q.q) {
        assert!(q.q.is_char_boundary(t.range.start) && q.q.is_char_boundary(t.range.end));
        assert!(!t.text.is_empty());
    }

    let result = f.doctors.search(&f.ds, &q, now);
    let mut seen = HashSet::new();
    for hit in &result.hits {
        assert!(hit.doctor < f.ds.doctors.len());
        assert!(
            seen.insert(hit.doctor),
            "doctor {} listed twice",
            hit.doctor
        );
    }
    // Highlighting runs on every name shown; the query text itself is the worst case.
    check_ranges(&q.q, &highlight(&q.q, &result.terms));
    for hit in result.hits.iter().take(5) {
        for name in f.ds.doctors[hit.doctor].name.all() {
            check_ranges(name, &highlight(name, &result.terms));
        }
    }

    let news = f.news.query(
        &f.ds,
        &NewsQuery {
            q: q.q.clone(),
            page: q.page,
            ..Default::default()
        },
        10,
    );
    assert!(news.items.len() <= 10);
    assert!(news.items.iter().all(|&i| i < f.ds.articles.len()));
});
