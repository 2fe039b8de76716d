//! The pages `hospital-data site` writes are the app's own components rendered natively
//! (src/prerender.rs): the content itself, not a summary of it.

use hospital_core::route::{self, Location};
use hospital_core::schedule::Now;
use hospital_core::Lang;
use hospital_site::data::AppData;
use hospital_site::prerender;
use std::sync::Arc;

fn sample() -> Arc<AppData> {
    let json = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/sample.json"))
        .expect("the sample dataset");
    let loaded = hospital_core::validate::load(&json).expect("a valid sample");
    prerender::site_data(loaded, "/hospital-site/")
}

fn render(path: &str, lang: Lang) -> String {
    let now = Now::new(2026, 12, 7, 9, 0).expect("a date");
    let location: Location = route::parse(path, "");
    prerender::page(&sample(), location, lang, "/hospital-site/", now)
}

#[test]
fn an_article_page_holds_its_whole_body_rendered() {
    let data = sample();
    let article = &data.articles()[0];
    let html = render(&format!("/news/{}", article.slug), Lang::En);
    assert!(html.contains("<article class=\"article\""));
    let hospital_core::model::ArticleBody::Inline { body } = &article.body else {
        panic!("the sample's first article has its body inline");
    };
    // The last paragraph of the Markdown is in the page, as text.
    let last = body
        .get(Lang::En)
        .text
        .split("\n\n")
        .filter(|p| !p.trim().is_empty() && !p.starts_with(['#', '|', '-', '>', '!']))
        .last()
        .expect("a paragraph");
    let words: Vec<&str> = last.split_whitespace().take(4).collect();
    assert!(
        html.contains(&words.join(" ")),
        "{words:?} is not in the page"
    );
}

#[test]
fn a_profile_has_its_timetable_and_links_under_the_base_path() {
    let html = render("/doctors/zhang-wei", Lang::En);
    assert!(
        html.contains("<table class=\"timetable\""),
        "no timetable table"
    );
    assert!(html.contains("href=\"/hospital-site/doctors\""));
    assert!(html.contains("Wei Zhang"));
}

#[test]
fn the_finder_lists_its_first_page_of_doctors_with_facets() {
    let html = render("/doctors", Lang::En);
    let cards = html.matches("<li class=\"doctor-card\"").count();
    assert!(cards >= 10, "{cards} cards");
    assert!(html.contains("<fieldset class=\"facet"));
    assert!(
        html.contains("<noscript>"),
        "says that searching needs JavaScript"
    );
}

#[test]
fn a_chinese_page_is_chinese() {
    let html = render("/departments", Lang::Zh);
    assert!(html.starts_with("<div lang=\"zh\""));
    assert!(html.contains("心血管内科") || html.contains("心内科"));
}

#[test]
fn dataset_text_is_escaped_never_markup() {
    let json = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/sample.json"))
        .expect("the sample dataset");
    let hostile = json.replacen(
        "\"Willowmere General Hospital\"",
        "\"<img src=x onerror=alert(1)>Willowmere\"",
        1,
    );
    assert_ne!(hostile, json, "the sample names its hospital");
    let loaded = hospital_core::validate::load(&hostile).expect("still valid");
    let data = prerender::site_data(loaded, "/");
    let now = Now::new(2026, 12, 7, 9, 0).expect("a date");
    let html = prerender::page(&data, route::parse("/", ""), Lang::En, "/", now);
    assert!(!html.contains("<img src=x"));
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;Willowmere"));
}
