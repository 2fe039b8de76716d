//! schema.org data for search engines, shared by the app (at run time) and the
//! build's pre-rendered pages (before any script runs), so both say the same.

use crate::model::{Article, Dataset, Doctor};
use crate::text::Lang;
use serde_json::{json, Value};

/// `NewsArticle` for an article page. `resolve` turns a dataset URL into an absolute one.
pub fn news_article(
    ds: &Dataset,
    a: &Article,
    lang: Lang,
    url: &str,
    resolve: impl Fn(&str) -> Option<String>,
) -> Value {
    let mut v = json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": a.title.get(lang).text,
        "description": a.summary.get(lang).text,
        "datePublished": a.date,
        "inLanguage": lang.code(),
        "mainEntityOfPage": url,
        "publisher": { "@type": "Hospital", "name": ds.hospital.name.get(lang).text },
    });
    if let Some(img) = a.cover.as_ref().and_then(|c| resolve(&c.src)) {
        v["image"] = json!([img]);
    }
    if let Some(author) = &a.author {
        v["author"] = json!({ "@type": "Organization", "name": author.get(lang).text });
    }
    if let Some(src) = &a.source_url {
        v["isBasedOn"] = json!(src);
    }
    v
}

/// `Physician` for a doctor's profile.
pub fn physician(ds: &Dataset, d: &Doctor, lang: Lang, url: &str) -> Value {
    let departments: Vec<&str> = d
        .departments
        .iter()
        .filter_map(|id| ds.department(id))
        .map(|dep| dep.name.get(lang).text)
        .collect();
    let specialties: Vec<&str> = d.specialties.iter().map(|s| s.get(lang).text).collect();
    let mut v = json!({
        "@context": "https://schema.org",
        "@type": "Physician",
        "name": d.name.get(lang).text,
        "url": url,
        "medicalSpecialty": specialties,
        "department": departments,
        "isAcceptingNewPatients": d.accepting_new_patients,
        "parentOrganization": { "@type": "Hospital", "name": ds.hospital.name.get(lang).text },
    });
    if let Some(other) = d.name.exact(lang.other()) {
        v["alternateName"] = json!(other);
    }
    if let Some(phone) = d.booking.as_ref().and_then(|b| b.phone.as_ref()) {
        v["telephone"] = json!(phone);
    }
    v
}

/// `Hospital` for the home page and department pages.
pub fn hospital(ds: &Dataset, lang: Lang, url: &str) -> Value {
    let h = &ds.hospital;
    let mut v = json!({
        "@context": "https://schema.org",
        "@type": "Hospital",
        "name": h.name.get(lang).text,
        "description": h.description.get(lang).text,
        "address": h.address.get(lang).text,
        "url": url,
    });
    if let Some(p) = &h.phone {
        v["telephone"] = json!(p);
    }
    v
}
