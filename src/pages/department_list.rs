//! `/departments`: every department, grouped by campus, with doctor counts.

use crate::data::use_data;
use crate::head::{set_head, Head};
use crate::nav::link;
use crate::ui::{text_view, use_ui};
use hospital_core::route::Route;
use hospital_core::Department;
use leptos::prelude::*;
use std::collections::HashMap;

#[component]
pub fn DepartmentList() -> impl IntoView {
    let ui = use_ui();
    let data = use_data();
    Effect::new(move || {
        set_head(Head {
            title: ui.t().departments_title.to_string(),
            ..Head::default()
        })
    });
    move || {
        let lang = ui.lang.get();
        let t = ui.t();
        let ds = &data.dataset;
        // One pass over the doctors, not one per department (and per campus it appears on).
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for doc in &ds.doctors {
            for (i, dep) in doc.departments.iter().enumerate() {
                // A department listed twice for one doctor still counts that doctor once.
                if !doc.departments[..i].contains(dep) {
                    *counts.entry(dep.as_str()).or_default() += 1;
                }
            }
        }
        let card = |d: &Department| {
            let n = counts.get(d.id.as_str()).copied().unwrap_or(0);
            view! {
                <li class="department-card">
                    <h3>{link(Route::Department(d.id.clone()), None, text_view(&d.name, lang))}</h3>
                    <p class="muted">{(t.doctor_count)(n)}</p>
                </li>
            }
        };
        // A department on several campuses is listed under each; one with none under "other".
        let mut groups: Vec<_> = ds
            .hospital
            .campuses
            .iter()
            .map(|c| {
                let deps: Vec<_> = ds
                    .departments
                    .iter()
                    .filter(|d| d.campuses.contains(&c.id))
                    .collect();
                (Some(text_view(&c.name, lang)), deps)
            })
            .collect();
        let unplaced: Vec<_> = ds
            .departments
            .iter()
            .filter(|d| d.campuses.is_empty())
            .collect();
        if !unplaced.is_empty() {
            groups.push((None, unplaced));
        }
        view! {
            <section class="departments">
                <h1>{t.departments_title}</h1>
                {groups.into_iter().filter(|(_, deps)| !deps.is_empty()).map(|(name, deps)| view! {
                    <section class="campus-group">
                        <h2>{name.unwrap_or_else(|| t.other_campuses.into_any())}</h2>
                        <ul class="department-grid">{deps.into_iter().map(card).collect_view()}</ul>
                    </section>
                }).collect_view()}
            </section>
        }
    }
}
