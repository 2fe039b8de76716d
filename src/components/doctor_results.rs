use super::{DoctorCard, Pager};
use crate::data::use_data;
use crate::ui::use_ui;
use hospital_core::route::{DoctorQuery, Route};
use hospital_core::schedule::Now;
use hospital_core::search::SearchResult;
use leptos::prelude::*;

const PAGE_SIZE: usize = 20;

/// The count, one page of doctor cards and the pager. Cards are keyed by doctor, so a
/// doctor who stays in the results while the query grows keeps their card.
#[component]
pub fn DoctorResults(
    query: Memo<DoctorQuery>,
    result: Memo<SearchResult>,
    now: Now,
) -> impl IntoView {
    let ui = use_ui();
    let data = use_data();
    let total = Memo::new(move |_| result.with(|r| r.hits.len()));
    let pages = Memo::new(move |_| total.get().div_ceil(PAGE_SIZE).max(1));
    let page = Memo::new(move |_| query.with(|q| q.page).clamp(1, pages.get()));
    let shown = Memo::new(move |_| {
        let skip = (page.get() - 1) * PAGE_SIZE;
        result.with(|r| {
            r.hits
                .iter()
                .skip(skip)
                .take(PAGE_SIZE)
                .map(|h| h.doctor)
                .collect::<Vec<usize>>()
        })
    });
    let terms = Memo::new(move |_| result.with(|r| r.terms.clone()));
    move || {
        let lang = ui.lang.get();
        let t = ui.t();
        let data = data.clone();
        view! {
            <p class="result-count" id="doctor-count">{move || (t.results_count)(total.get())}</p>
            {move || (total.get() == 0).then(|| view! { <p class="empty">{t.no_doctors}</p> })}
            <ol class="doctor-list">
                <For
                    each=move || shown.get()
                    key=|i| *i
                    children=move |i| {
                        data.dataset.doctors.get(i).cloned().map(|doctor| view! { <DoctorCard doctor lang terms now/> })
                    }
                />
            </ol>
            {move || {
                let q = query.get();
                let route_for = Callback::new(move |n: usize| Route::Doctors(DoctorQuery { page: n, ..q.clone() }));
                view! { <Pager page=page.get() pages=pages.get() route_for/> }
            }}
        }
    }
}
