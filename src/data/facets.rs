//! Facet options by their URL keys, and what each is called in a language.

use crate::i18n::{
    clinic_name, gender_name, half_day_name, messages, spoken_language_name, weekday_short,
};
use hospital_core::model::{ClinicType, Gender, TitleRank};
use hospital_core::route::{FacetKind, Slot};
use hospital_core::search::FacetCounts;
use hospital_core::{Dataset, Lang};

/// A facet's counts keyed by their URL keys.
pub fn facet_counts(f: &FacetCounts, kind: FacetKind) -> Vec<(String, usize)> {
    fn keyed<K>(items: &[(K, usize)], key: impl Fn(&K) -> String) -> Vec<(String, usize)> {
        items.iter().map(|(k, n)| (key(k), *n)).collect()
    }
    match kind {
        FacetKind::Department => f.departments.clone(),
        FacetKind::Rank => keyed(&f.ranks, |r| r.key().to_string()),
        FacetKind::Clinic => keyed(&f.clinics, |c| c.key().to_string()),
        FacetKind::Slot => keyed(&f.slots, |s| s.key()),
        FacetKind::Campus => f.campuses.clone(),
        FacetKind::Language => f.languages.clone(),
        FacetKind::Gender => keyed(&f.genders, |g| g.key().to_string()),
    }
}

/// What a facet option is called in `lang`; an unknown key is shown as it is.
pub fn facet_label(ds: &Dataset, lang: Lang, kind: FacetKind, key: &str) -> String {
    let fallback = || key.to_string();
    match kind {
        FacetKind::Department => ds
            .department(key)
            .map(|d| d.name.get(lang).text.to_string())
            .unwrap_or_else(fallback),
        FacetKind::Campus => ds
            .campus(key)
            .map(|c| c.name.get(lang).text.to_string())
            .unwrap_or_else(fallback),
        FacetKind::Language => spoken_language_name(lang, key),
        FacetKind::Rank => TitleRank::from_key(key)
            .map(|r| messages(lang).rank(lang, r).to_string())
            .unwrap_or_else(fallback),
        FacetKind::Clinic => ClinicType::from_key(key)
            .map(|c| clinic_name(lang, c).to_string())
            .unwrap_or_else(fallback),
        FacetKind::Gender => Gender::from_key(key)
            .map(|g| gender_name(lang, g).to_string())
            .unwrap_or_else(fallback),
        FacetKind::Slot => Slot::from_key(key)
            .map(|s| {
                format!(
                    "{} {}",
                    weekday_short(lang, s.weekday),
                    half_day_name(lang, s.half_day)
                )
            })
            .unwrap_or_else(fallback),
    }
}
