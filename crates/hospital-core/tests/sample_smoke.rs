//! The bundled sample dataset loads, indexes and answers the app's first queries.

use hospital_core::model::{HalfDay, Weekday};
use hospital_core::news::NewsIndex;
use hospital_core::route::{DoctorQuery, NewsQuery, Slot};
use hospital_core::search::DoctorIndex;
use hospital_core::{markdown, validate};

const SAMPLE: &str = include_str!("../../../data/sample.json");

#[test]
fn the_sample_loads_indexes_and_answers() {
    let loaded = validate::load(SAMPLE).expect("the sample is valid");
    let ds = &loaded.dataset;
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    let doctors = DoctorIndex::build(ds);
    let news = NewsIndex::build(ds);
    let now = Slot {
        weekday: Weekday::Wed,
        half_day: HalfDay::Morning,
    };
    let all = doctors.search(
        ds,
        &DoctorQuery {
            page: 1,
            ..Default::default()
        },
        now,
    );
    assert_eq!(all.hits.len(), ds.doctors.len());
    let zw = doctors.search(
        ds,
        &DoctorQuery {
            q: "张伟".into(),
            page: 1,
            ..Default::default()
        },
        now,
    );
    assert!(zw
        .hits
        .iter()
        .any(|h| ds.doctors[h.doctor].pinyin.as_deref() == Some("zhāng wěi")));
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
        if let hospital_core::model::ArticleBody::Inline { body } = &a.body {
            for text in body.all() {
                assert!(
                    !markdown::parse(text).is_empty(),
                    "{} has an empty body",
                    a.slug
                );
            }
        }
        news.related(ds, &a.slug, 3);
        news.neighbours(&a.slug);
    }
}
