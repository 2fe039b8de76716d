//! Any bytes as a dataset file: loading never panics, a rejection always names an
//! error, and a dataset that loads is usable by everything the app does with it.
#![no_main]

use hospital_core::markdown;
use hospital_core::news::NewsIndex;
use hospital_core::route::{DoctorQuery, NewsQuery, Slot};
use hospital_core::search::DoctorIndex;
use hospital_core::validate::{self, Severity};
use hospital_core::{ArticleBody, HalfDay, Lang, Weekday};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The app reads the file as text first; bytes that are not UTF-8 never reach `load`.
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match validate::load(text) {
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
