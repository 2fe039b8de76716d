//! `/departments`: every department, grouped by campus, with the number of its doctors
//! working at each campus.

use crate::data::use_data;
use crate::head::{set_head, Head};
use crate::nav::link;
use crate::ui::{text_view, use_ui};
use hospital_core::route::Route;
use leptos::prelude::*;

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
        let groups = data
            .departments_by_campus()
            .into_iter()
            .map(|group| {
                let heading = group
                    .campus
                    .map(|c| text_view(&c.name, lang))
                    .unwrap_or_else(|| t.other_campuses.into_any());
                let cards = group
                    .departments
                    .into_iter()
                    .map(|(d, n)| view! {
                        <li class="department-card">
                            <h3>{link(Route::Department(d.id.clone()), None, text_view(&d.name, lang))}</h3>
                            <p class="muted">{(t.doctor_count)(n)}</p>
                        </li>
                    })
                    .collect_view();
                view! {
                    <section class="campus-group">
                        <h2>{heading}</h2>
                        <ul class="department-grid">{cards}</ul>
                    </section>
                }
            })
            .collect_view();
        view! {
            <section class="departments">
                <h1>{t.departments_title}</h1>
                {groups}
            </section>
        }
    }
}
