use super::FacetGroup;
use crate::data::use_data;
use crate::i18n::format_count;
use crate::in_steps::built_in_steps;
use crate::ui::use_ui;
use hospital_core::labels::facet_label;
use hospital_core::route::{DoctorQuery, FacetKind};
use hospital_core::search::SearchResult;
use leptos::prelude::*;

/// The finder's filters: one group of checkboxes per facet, and "accepting new patients".
/// On a phone the panel is folded behind a button.
#[component]
pub fn FacetPanel(
    query: Memo<DoctorQuery>,
    /// The current search, whose facet counts the groups show.
    result: Memo<SearchResult>,
    /// While true (a search being typed) the counts stay as they are, and follow the
    /// search once it is false: each key's new counts changed hundreds of rows' text, and
    /// laying them out again was a large part of a keystroke's work at 10,000 doctors.
    #[prop(into)]
    counts_held: Signal<bool>,
    on_change: Callback<DoctorQuery>,
) -> impl IntoView {
    let ui = use_ui();
    let open = RwSignal::new(false);
    // What the rows show ticked: the query without its text. Typing changes only the
    // text; an effect passes on the rest when it changes, so that the rows of every
    // facet (hundreds of memos at a large hospital) do not hear of each key.
    let ticked = RwSignal::new(query.with_untracked(without_text));
    Effect::new(move || {
        let next = query.with(without_text);
        if ticked.with_untracked(|t| *t != next) {
            ticked.set(next);
        }
    });
    // The button's words for a panel open (or not).
    let label = move |opened: bool| {
        if opened {
            ui.t().hide_filters
        } else {
            ui.t().show_filters
        }
    };
    view! {
        <div class="filters-panel" class:open=move || open.get()>
            <button
                type="button"
                class="filters-toggle"
                aria-expanded=move || open.get().to_string()
                aria-controls="doctor-filters"
                // The words of the other state, for the shell's script that opens the
                // panel before the app is live (index.html).
                data-hs-other-label=move || label(!open.get())
                on:click=move |_| open.update(|o| *o = !*o)
            >
                {move || label(open.get())}
            </button>
            <div id="doctor-filters" class="filters-body">
                <h2 class="filters-title">{move || ui.t().filters}</h2>
                {move || {
                    let t = ui.t();
                    // One group in the first render, two per task after it (`in_steps`); `Show` builds each once.
                    let built = built_in_steps(8, 1, 2);
                    let from = move |k: usize| move || built.get() > k;
                    view! {
                        <Facet kind=FacetKind::Department legend=t.facet_department query ticked result counts_held on_change/>
                        <Show when=from(1)><Facet kind=FacetKind::Rank legend=t.facet_rank query ticked result counts_held on_change/></Show>
                        <Show when=from(2)><Facet kind=FacetKind::Clinic legend=t.facet_clinic query ticked result counts_held on_change/></Show>
                        <Show when=from(3)><Facet kind=FacetKind::Slot legend=t.facet_slot class="facet-slots" query ticked result counts_held on_change/></Show>
                        <Show when=from(4)><Facet kind=FacetKind::Campus legend=t.facet_campus query ticked result counts_held on_change/></Show>
                        <Show when=from(5)><Facet kind=FacetKind::Language legend=t.facet_language query ticked result counts_held on_change/></Show>
                        <Show when=from(6)><Facet kind=FacetKind::Gender legend=t.facet_gender query ticked result counts_held on_change/></Show>
                        <Show when=from(7)><AcceptingOnly query ticked result counts_held on_change/></Show>
                    }
                }}
            </div>
        </div>
    }
}

/// One facet: every option the dataset has, in the core's order, with its live count.
#[component]
fn Facet(
    kind: FacetKind,
    legend: &'static str,
    #[prop(optional)] class: &'static str,
    query: Memo<DoctorQuery>,
    ticked: RwSignal<DoctorQuery>,
    result: Memo<SearchResult>,
    counts_held: Signal<bool>,
    on_change: Callback<DoctorQuery>,
) -> impl IntoView {
    let ui = use_ui();
    let data = use_data();
    let lang = ui.lang.get_untracked();
    let options: Vec<(String, String)> = data
        .facet_options(kind)
        .into_iter()
        .map(|key| {
            let label = facet_label(&data.dataset, lang, kind, &key);
            (key, label)
        })
        .collect();
    // Memos, so a row updates only when its own number or checkbox changes.
    let counts = kept_while_held(counts_held, move || result.with(|r| r.facets.numbers(kind)));
    let selected = Memo::new(move |_| ticked.with(|q| q.selected(kind)));
    let on_toggle = Callback::new(move |key: String| {
        let mut next = query.get_untracked();
        next.toggle(kind, &key);
        on_change.run(next);
    });
    view! {
        <FacetGroup legend name=kind.param() options counts selected on_toggle class/>
    }
}

#[component]
fn AcceptingOnly(
    query: Memo<DoctorQuery>,
    ticked: RwSignal<DoctorQuery>,
    result: Memo<SearchResult>,
    counts_held: Signal<bool>,
    on_change: Callback<DoctorQuery>,
) -> impl IntoView {
    let ui = use_ui();
    let t = ui.t();
    let lang = ui.lang.get_untracked();
    let count = kept_while_held(counts_held, move || result.with(|r| r.facets.accepting));
    let checked = Memo::new(move |_| ticked.with(|q| q.accepting_only));
    view! {
        <div class="facet facet-single">
            <label class="check">
                <input
                    type="checkbox"
                    name="new"
                    prop:checked=move || checked.get()
                    disabled=move || count.get() == 0 && !checked.get()
                    on:change=move |_| {
                        let mut next = query.get_untracked();
                        next.accepting_only = !next.accepting_only;
                        next.page = 1;
                        on_change.run(next);
                    }
                />
                <span>{t.accepting_only} " " <span class="count">{move || format!("({})", format_count(lang, count.get()))}</span></span>
            </label>
        </div>
    }
}

/// `q` without its text.
fn without_text(q: &DoctorQuery) -> DoctorQuery {
    DoctorQuery {
        q: String::new(),
        ..q.clone()
    }
}

/// A memo of `value` that keeps its last value while `held` is true: it then hears only of
/// `held`, not of what `value` reads.
fn kept_while_held<T>(held: Signal<bool>, value: impl Fn() -> T + Send + Sync + 'static) -> Memo<T>
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    Memo::new(move |last: Option<&T>| match last {
        Some(last) if held.get() => last.clone(),
        _ => value(),
    })
}
