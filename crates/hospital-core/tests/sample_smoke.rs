//! The bundled sample dataset loads, indexes and answers the app's first queries.

use hospital_core::model::{HalfDay, Weekday};
use hospital_core::news::NewsIndex;
use hospital_core::route::{DoctorQuery, NewsQuery, Slot};
use hospital_core::search::{highlight, DoctorIndex};
use hospital_core::{markdown, validate, Lang};

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
    let all = doctors.search(ds, &DoctorQuery::default(), now);
    assert_eq!(all.hits.len(), ds.doctors.len());
    let zw = doctors.search(
        ds,
        &DoctorQuery {
            q: "张伟".into(),
            ..Default::default()
        },
        now,
    );
    assert!(zw
        .hits
        .iter()
        .any(|h| ds.doctors[h.doctor].pinyin.as_deref() == Some("zhāng wěi")));
    let page = news.query(ds, &NewsQuery::default(), 10);
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

/// What tests/e2e/finder.spec.mjs expects of the finder, checked on the engine: each
/// query shows Wei Zhang (doctor id zhang-wei) on the first page of 20.
#[test]
fn the_finder_queries_reach_zhang_wei_on_the_first_page() {
    let loaded = validate::load(SAMPLE).expect("the sample is valid");
    let ds = &loaded.dataset;
    let index = DoctorIndex::build(ds);
    let now = Slot {
        weekday: Weekday::Wed,
        half_day: HalfDay::Morning,
    };
    let search = |q: &str| {
        index.search(
            ds,
            &DoctorQuery {
                q: q.into(),
                ..Default::default()
            },
            now,
        )
    };
    for q in [
        "zhang wei",
        "zhangwei",
        "zw",
        "张伟",
        "Ｚｈａｎｇ Ｗｅｉ",
        "zhāng wěi",
        "ZHANG",
        "cardiolgy",
        "cardi",
        "angina",
        "chest pain",
        "心内科",
        "高血压",
        "胸痛",
    ] {
        let r = search(q);
        let first_page: Vec<&str> = r
            .hits
            .iter()
            .take(20)
            .map(|h| ds.doctors[h.doctor].id.as_str())
            .collect();
        assert!(first_page.contains(&"zhang-wei"), "{q}: {first_page:?}");
    }
    // A name match ranks first, and its name is highlighted.
    let r = search("zhang");
    let first = &ds.doctors[r.hits[0].doctor];
    assert_eq!(first.id, "zhang-wei");
    let name = first.name.get(Lang::En).text;
    let marks: Vec<&str> = highlight(name, &r.terms)
        .into_iter()
        .map(|m| &name[m])
        .collect();
    assert_eq!(marks, ["Zhang"]);
    // 心内科 is the cardiology department's name: only doctors of it, or whose texts
    // say 心内科 together, are found.
    for h in search("心内科").hits {
        let d = &ds.doctors[h.doctor];
        let says = [&d.bio]
            .into_iter()
            .chain(&d.specialties)
            .chain(&d.conditions)
            .chain(&d.education)
            .flat_map(|t| t.all())
            .any(|s| s.contains("心内科"));
        assert!(
            d.departments.iter().any(|x| x == "cardiology") || says,
            "{}",
            d.id
        );
    }
}
