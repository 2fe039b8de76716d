use crate::data::use_data;
use hospital_core::{Doctor, Lang};
use leptos::prelude::*;

/// The doctor's photo, or initials on a colour derived from the id when there is none.
#[component]
pub fn Avatar(doctor: Doctor, lang: Lang, #[prop(optional)] large: bool) -> impl IntoView {
    let data = use_data();
    let class = if large {
        "avatar avatar-large"
    } else {
        "avatar"
    };
    if let Some(src) = doctor.photo.as_ref().and_then(|p| data.resolve(&p.src)) {
        let alt = doctor
            .photo
            .as_ref()
            .map(|p| p.alt.get(lang).text.to_string())
            .unwrap_or_default();
        let size = if large { "160" } else { "72" };
        // The large photo heads a profile, in the first view: fetched first, not lazily.
        let (loading, priority) = if large {
            ("eager", "high")
        } else {
            ("lazy", "auto")
        };
        return view! { <img class=class src=src alt=alt width=size height=size loading=loading decoding="async" fetchpriority=priority/> }
            .into_any();
    }
    let hue = doctor
        .id
        .bytes()
        .fold(7u32, |h, b| h.wrapping_mul(31).wrapping_add(b as u32))
        % 360;
    view! {
        <span class=format!("{class} avatar-initials hue-{}", hue / 30) aria-hidden="true">
            {initials(&doctor, lang)}
        </span>
    }
    .into_any()
}

/// Chinese names show their family name character; others the first letters of two words.
fn initials(doctor: &Doctor, lang: Lang) -> String {
    let name = doctor.name.get(lang).text;
    let first = name.chars().next().unwrap_or('?');
    if !first.is_ascii() {
        return first.to_string();
    }
    name.split_whitespace()
        .filter_map(|w| w.chars().next())
        .take(2)
        .flat_map(char::to_uppercase)
        .collect()
}
