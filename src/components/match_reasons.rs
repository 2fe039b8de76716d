use super::Marked;
use crate::data::use_data;
use crate::i18n::messages;
use crate::ui::text_view;
use hospital_core::search::{Reason, ReasonField};
use hospital_core::Lang;
use leptos::prelude::*;

/// Why this doctor is in the results: what each word of the query matched, beyond the
/// name (already marked in the card's heading). A word matched through the symptom table
/// says what it led to ("headache → Neurology"), so a card never seems to match by chance.
#[component]
pub fn MatchReasons(
    doctor: usize,
    lang: Lang,
    #[prop(into)] query: Signal<String>,
) -> impl IntoView {
    let data = use_data();
    let names = data.clone();
    let reasons = Memo::new(move |_| {
        query.with(|q| {
            if q.trim().is_empty() {
                return Vec::new();
            }
            let mut reasons: Vec<Reason> = data
                .explain(q, doctor)
                .into_iter()
                .filter(|r| r.field != ReasonField::Name || !r.via.is_empty())
                .collect();
            reasons.dedup_by(|a, b| a.text == b.text);
            reasons
        })
    });
    move || {
        let t = messages(lang);
        let list = reasons.get();
        (!list.is_empty()).then(|| {
            let items = list
                .into_iter()
                .map(|r| {
                    let lead = if r.via.is_empty() {
                        format!("{}{}", field_name(lang, r.field), t.colon)
                    } else {
                        format!("{} → ", r.word)
                    };
                    let department = r
                        .leads_to
                        .as_deref()
                        .and_then(|id| names.department(id))
                        .map(|d| text_view(&d.name, lang));
                    let matched = view! { <Marked text=r.text marks=r.marks/> };
                    // A department's keyword: where it led, then what was typed.
                    let body = match department {
                        Some(department) => view! { {department} " (" {matched} ")" }.into_any(),
                        None => matched.into_any(),
                    };
                    view! { <li><span class="why-lead">{lead}</span>{body}</li> }
                })
                .collect_view();
            view! { <ul class="why" aria-label=t.why_this_doctor>{items}</ul> }
        })
    }
}

fn field_name(lang: Lang, field: ReasonField) -> &'static str {
    let t = messages(lang);
    match field {
        ReasonField::Name => t.name_label,
        ReasonField::Specialty => t.specialties,
        ReasonField::Condition => t.conditions,
        ReasonField::Department => t.facet_department,
        ReasonField::Campus => t.campus,
        ReasonField::Biography => t.biography,
    }
}
