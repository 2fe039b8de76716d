//! `/doctors`: one search box, facets with live counts, sorting and paging.
//! The URL is the state: every change is a navigation (typing replaces the entry,
//! a filter adds one), so a search can be shared, reloaded and stepped back through.

use crate::clock::hospital_now;
use crate::components::{
    DoctorResults, FacetPanel, FilterChips, ProgressStatus, SearchBox, SortMenu,
};
use crate::data::use_data;
use crate::head::{set_head, Head};
use crate::nav::use_nav;
use crate::screenful::Screenful;
use crate::ui::use_ui;
use hospital_core::route::{DoctorQuery, Route};
use leptos::prelude::*;

/// The doctor search a visitor last left, for the profile's "Back to results" link.
/// Provided by the shell; written by the finder only.
#[derive(Clone, Copy)]
pub struct LastSearch(pub RwSignal<Option<DoctorQuery>>);

/// The finder, once the doctor index is built, or its browse part is there for a search
/// without text; until then (seconds, for a very large dataset) the page says how far
/// the index has come.
#[component]
pub fn DoctorFinder() -> impl IntoView {
    let ui = use_ui();
    let nav = use_nav();
    let data = use_data();
    Effect::new(move || {
        let t = ui.t();
        set_head(Head {
            title: t.doctors_title.to_string(),
            description: t.doctor_search_hint.to_string(),
            ..Head::default()
        });
    });
    let percent = {
        let data = data.clone();
        Signal::derive(move || data.doctor_index_percent())
    };
    // Once shown, the finder stays: a search typed before the words have arrived waits
    // in its results (`FinderReady`), not in place of the whole page.
    let ready = Memo::new(move |was: Option<&bool>| {
        was == Some(&true)
            || match nav.route() {
                Route::Doctors(q) => data.answers(&q),
                _ => data.browse_ready(),
            }
    });
    // A page written at build time shows the first page: the live finder takes its place
    // only once it can show the same.
    let hold = StoredValue::new(None);
    Effect::new(move || match ready.get() {
        true => hold.set_value(None),
        false if hold.with_value(Option::is_none) => hold.set_value(crate::take_over::hold()),
        false => {}
    });
    move || {
        if ready.get() {
            return view! { <FinderReady percent/> }.into_any();
        }
        view! {
            <section class="doctor-finder">
                <h1>{move || ui.t().doctors_title}</h1>
                <PreparingSearch percent/>
            </section>
        }
        .into_any()
    }
}

#[component]
fn FinderReady(
    /// How far the doctor index has come: a search with text waits for all of it.
    percent: Signal<u8>,
) -> impl IntoView {
    let ui = use_ui();
    let nav = use_nav();
    let data = use_data();
    // While the page is leaving, the route is already another page's: keep the last search.
    let query = Memo::new(move |last: Option<&DoctorQuery>| match nav.route() {
        Route::Doctors(q) => q,
        _ => last.cloned().unwrap_or_default(),
    });
    if let Some(LastSearch(last)) = use_context::<LastSearch>() {
        Effect::new(move || last.set(Some(query.get())));
    }
    let now = hospital_now(data.dataset.hospital.timezone());
    // Before the doctor index's words have arrived, only a search without text has its
    // answer; one with text waits, saying how far the index has come.
    let answers = {
        let data = data.clone();
        Memo::new(move |_| query.with(|q| data.answers(q)))
    };
    let result = Memo::new(move |_| {
        answers.track();
        data.search(&query.get(), now.slot())
    });
    // While typing, only the cards that fit the window are built (see `screenful`).
    let screenful = Screenful::new(crate::components::DOCTORS_PER_PAGE);
    let on_key = Callback::new(move |input: web_sys::Element| screenful.typed(&input));
    // The count is announced once typing rests: a screen reader would otherwise read a
    // count at every key.
    Effect::new(move || {
        if screenful.typing().get() || !answers.get() {
            return;
        }
        let n = result.with(|r| r.hits.len());
        ui.announce((ui.t().results_count)(n));
    });

    let refine = Callback::new(move |q: DoctorQuery| nav.change_in_place(Route::Doctors(q)));
    // A removed chip is gone from the page with its focus: that one is a navigation,
    // which puts focus on the heading.
    let remove_filter = Callback::new(move |q: DoctorQuery| nav.go(Route::Doctors(q), false));
    let search_for = Callback::new(move |text: String| {
        Route::Doctors(DoctorQuery {
            q: text,
            page: 1,
            ..query.get_untracked()
        })
    });
    // The filters keep their counts while a search is typed, and while it waits for the
    // index's words.
    let counts_held = Signal::derive(move || screenful.typing().get() || !answers.get());
    // A memo: the menu is rebuilt when the order changes, not at every key.
    let sort = Memo::new(move |_| query.with(|q| q.sort));
    let resort = Callback::new(move |sort| {
        refine.run(DoctorQuery {
            sort,
            page: 1,
            ..query.get_untracked()
        })
    });

    view! {
        <section class="doctor-finder">
            <h1>{move || ui.t().doctors_title}</h1>
            <noscript><p class="notice">{move || ui.t().finder_needs_script}</p></noscript>
            <div class="search-bar" role="search">
                <SearchBox
                    id="doctor-q"
                    label=Signal::derive(move || ui.t().doctor_search_label)
                    placeholder=Signal::derive(move || ui.t().doctor_search_placeholder)
                    hint=Signal::derive(move || ui.t().doctor_search_hint)
                    text=Signal::derive(move || query.with(|q| q.q.clone()))
                    route_for=search_for
                    on_key
                />
            </div>
            <div class="finder-layout">
                <FacetPanel query result counts_held on_change=refine/>
                <div class="results">
                    <div class="results-bar"><SortMenu current=sort on_change=resort/></div>
                    <FilterChips query on_change=remove_filter/>
                    {move || if answers.get() {
                        view! { <DoctorResults query result now limit=screenful.limit()/> }.into_any()
                    } else {
                        view! { <PreparingSearch percent/> }.into_any()
                    }}
                </div>
            </div>
        </section>
    }
}

/// "Preparing the doctor search…" with how far the doctor index has come: in place of the
/// whole finder, or of its results while a search with text waits for the index's words.
#[component]
fn PreparingSearch(percent: Signal<u8>) -> impl IntoView {
    let ui = use_ui();
    let label = Signal::derive(move || ui.t().preparing_search);
    view! { <ProgressStatus label percent/> }
}
