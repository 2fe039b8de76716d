//! Any bytes as a dataset file: loading never panics, a rejection always names an
//! error, the app's staged loader (interrupted after every record) answers exactly as
//! the whole-text loader, and a dataset that loads is usable by everything the app
//! does with it, with an index built in slices equal to one built in one go.
#![no_main]

use hospital_core::markdown;
use hospital_core::news::NewsIndex;
use hospital_core::route::{DoctorQuery, NewsQuery, Slot};
use hospital_core::search::{DoctorIndex, DoctorIndexBuilder};
use hospital_core::validate::{self, Severity, Staged};
use hospital_core::{ArticleBody, HalfDay, Lang, Weekday};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The app hands the fetched bytes to `Staged`, out of time after every record here.
    let mut staged = Staged::new(data);
    let answer = loop {
        if let Some(answer) = staged.step(&mut || true) {
            break answer;
        }
    };
    assert_eq!(answer, validate::load_whole_bytes(data));
    match answer {
        Err(problems) => {
            // A silent rejection would leave a web team with nothing to fix.
            assert!(
                problems.iter().any(|p| p.severity == Severity::Error),
                "rejected without an error: {problems:?}"
            );
            for p in &problems {
                let _ = p.to_string();
            }
        }
        Ok(loaded) => {
            assert!(loaded
                .warnings
                .iter()
                .all(|p| p.severity == Severity::Warning));
            let ds = &loaded.dataset;
            let doctors = DoctorIndex::build(ds);
            let mut builder = DoctorIndexBuilder::new(ds);
            while !builder.step(ds, &mut || true) {}
            let sliced = builder.finish(ds);
            let now = Slot {
                weekday: Weekday::Mon,
                half_day: HalfDay::Morning,
            };
            let everyone = doctors.search(
                ds,
                &DoctorQuery {
                    page: 1,
                    ..Default::default()
                },
                now,
            );
            assert_eq!(everyone.hits.len(), ds.doctors.len());
            for q in ["a", "zhang", "心", "cardiology heart", "zw"] {
                let query = DoctorQuery {
                    q: q.to_string(),
                    page: 1,
                    ..Default::default()
                };
                let one = doctors.search(ds, &query, now).hits;
                let two = sliced.search(ds, &query, now).hits;
                let ids = |hits: &[hospital_core::search::Hit]| {
                    hits.iter().map(|h| h.doctor).collect::<Vec<_>>()
                };
                assert_eq!(ids(&one), ids(&two), "{q}");
            }
            let news = NewsIndex::build(ds);
            let page = news.query(
                ds,
                &NewsQuery {
                    page: 1,
                    ..Default::default()
                },
                10,
            );
            assert_eq!(page.total, ds.articles.len());
            for a in &ds.articles {
                let _ = news.related(ds, &a.slug, 3);
                let _ = news.neighbours(&a.slug);
                if let ArticleBody::Inline { body } = &a.body {
                    for lang in [Lang::En, Lang::Zh] {
                        let blocks = markdown::parse(body.get(lang).text);
                        let _ = markdown::reading_minutes(&blocks);
                    }
                }
            }
        }
    }
});
