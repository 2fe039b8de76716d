//! The bundled sample: what the site's demo relies on.

use hospital_core::validate::load;
use hospital_core::{ArticleBody, Dataset, Lang};
use std::collections::HashSet;
use std::path::PathBuf;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn sample() -> Dataset {
    let text = std::fs::read_to_string(repo().join("data/sample.json")).expect("sample exists");
    load(&text).expect("sample loads").dataset
}

#[test]
fn sample_is_marked_and_sized() {
    let ds = sample();
    assert!(ds.sample);
    assert!((2..=3).contains(&ds.hospital.campuses.len()));
    assert!(ds.departments.len() >= 12);
    assert!(ds.doctors.len() >= 60);
    assert!(ds.articles.len() >= 15);
    for d in &ds.departments {
        assert!(
            d.phone.is_some() && !d.campuses.is_empty() && !d.keywords.is_empty(),
            "{}",
            d.id
        );
        assert!(
            d.name.exact(Lang::En).is_some() && d.name.exact(Lang::Zh).is_some(),
            "{}",
            d.id
        );
    }
}

#[test]
fn zhang_wei_is_a_cardiologist() {
    let ds = sample();
    let d = ds.doctor("zhang-wei").expect("张伟 is in the sample");
    assert_eq!(d.name.exact(Lang::Zh), Some("张伟"));
    assert_eq!(d.name.exact(Lang::En), Some("Wei Zhang"));
    assert_eq!(d.pinyin.as_deref(), Some("zhāng wěi"));
    assert_eq!(d.departments[0], "cardiology");
}

#[test]
fn doctors_are_complete() {
    let ds = sample();
    let mut cancelled = 0;
    for d in &ds.doctors {
        assert!(
            d.pinyin.is_some() && d.gender.is_some() && !d.bio.is_blank(),
            "{}",
            d.id
        );
        assert!(!d.specialties.is_empty() && !d.conditions.is_empty() && !d.education.is_empty());
        assert!(d.booking.is_some(), "{}", d.id);
        assert!(
            d.verified
                .as_deref()
                .is_some_and(|v| v.starts_with("2026-")),
            "{}",
            d.id
        );
        cancelled += d.schedule.iter().filter(|s| s.cancelled).count();
    }
    assert!(cancelled >= 3, "a few cancelled sessions");
}

#[test]
fn articles_cover_categories_years_and_markdown() {
    let ds = sample();
    let categories: HashSet<&str> = ds.articles.iter().map(|a| a.category.as_str()).collect();
    assert!(categories.len() >= 5);
    let years: HashSet<&str> = ds.articles.iter().map(|a| &a.date[..4]).collect();
    for y in ["2024", "2025", "2026"] {
        assert!(years.contains(y), "no article in {y}");
    }
    let bodies: Vec<String> = ds
        .articles
        .iter()
        .map(|a| match &a.body {
            ArticleBody::Inline { body } => {
                assert!(
                    body.exact(Lang::En).is_some() && body.exact(Lang::Zh).is_some(),
                    "{}",
                    a.slug
                );
                body.all().collect::<Vec<_>>().join("\n")
            }
            ArticleBody::External { .. } | ArticleBody::Parsed { .. } => {
                panic!("{}: the sample keeps bodies inline, as Markdown", a.slug)
            }
        })
        .collect();
    let any = |needle: &str| bodies.iter().any(|b| b.contains(needle));
    assert!(any("\n## ") && any("\n- ") && any("\n> ") && any("|---|") && any("]("));
    assert!(
        any("![") && any("\"Ambulance crews"),
        "an image with a caption"
    );
}

#[test]
fn the_retold_item_keeps_its_source() {
    let ds = sample();
    let a = ds
        .article("general-hospital-signs-cooperation-agreement-with-university")
        .expect("the retold article");
    assert_eq!(
        a.source_url.as_deref(),
        Some("https://mp.weixin.qq.com/s/6ZmvafflXcZ_YffawXbJPg")
    );
    // Only this item is real: no other article claims a source.
    assert_eq!(
        ds.articles
            .iter()
            .filter(|a| a.source_url.is_some())
            .count(),
        1
    );
}

#[test]
fn cover_images_are_small_local_svgs_without_text() {
    let ds = sample();
    let mut srcs: Vec<String> = ds
        .articles
        .iter()
        .filter_map(|a| a.cover.as_ref().map(|c| c.src.clone()))
        .collect();
    assert!(srcs.len() >= 15, "nearly every article has a cover");
    srcs.sort();
    srcs.dedup();
    for src in srcs {
        assert!(src.starts_with("images/") && src.ends_with(".svg"), "{src}");
        let file = repo().join("public").join(&src);
        let svg = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{src}: {e}"));
        assert!(svg.len() < 2048, "{src} is {} bytes", svg.len());
        assert!(
            svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""),
            "{src}"
        );
        for banned in ["<text", "<script", "<image", "href="] {
            assert!(!svg.contains(banned), "{src} contains {banned}");
        }
    }
    for a in &ds.articles {
        if let Some(c) = &a.cover {
            assert!(
                !c.alt.is_blank(),
                "{}: covers here are not decorative",
                a.slug
            );
        }
    }
}

#[test]
fn sample_has_a_front_door() {
    let ds = sample();
    let h = &ds.hospital;
    assert_eq!(h.timezone.as_deref(), Some("Asia/Shanghai"));
    let e = h.emergency.as_ref().expect("an emergency department");
    assert!(e.hours.exact(Lang::En).is_some() && e.hours.exact(Lang::Zh).is_some());
    assert!(e.campus.as_deref().is_some_and(|c| ds.campus(c).is_some()));
    for c in &h.campuses {
        assert!(c.phone.is_some(), "{}", c.id);
        assert!(
            c.map_url
                .as_deref()
                .is_some_and(|u| u.starts_with("https://")),
            "{}",
            c.id
        );
    }
    let bilingual_rooms = ds
        .doctors
        .iter()
        .flat_map(|d| &d.schedule)
        .filter_map(|s| s.room.as_ref())
        .filter(|r| r.exact(Lang::Zh).is_some())
        .count();
    assert!(bilingual_rooms >= 5, "{bilingual_rooms}");
}
