use super::{CardKeys, DoctorCard, Pager};
use crate::data::use_data;
use crate::in_steps::built_in_steps;
use crate::nav::Link;
use crate::ui::{text_view, use_ui};
use hospital_core::route::{DoctorQuery, Route};
use hospital_core::schedule::Now;
use hospital_core::search::{SearchResult, Suggestion};
use leptos::prelude::*;

/// Doctors per page of results.
pub const DOCTORS_PER_PAGE: usize = 20;

/// Cards built by the first render, and per task after it (`in_steps`).
const CARDS_PER_TASK: usize = 5;

/// The count, one page of doctor cards and the pager. A doctor who stays in the results
/// while the query grows keeps their card (see `card_keys`).
#[component]
pub fn DoctorResults(
    query: Memo<DoctorQuery>,
    result: Memo<SearchResult>,
    now: Now,
    /// How many of the page's cards to build now: fewer while typing (`Screenful`).
    #[prop(into)]
    limit: Signal<usize>,
) -> impl IntoView {
    let ui = use_ui();
    let data = use_data();
    let total = Memo::new(move |_| result.with(|r| r.hits.len()));
    let pages = Memo::new(move |_| total.get().div_ceil(DOCTORS_PER_PAGE).max(1));
    let page = Memo::new(move |_| query.with(|q| q.page).clamp(1, pages.get()));
    let built = built_in_steps(DOCTORS_PER_PAGE, CARDS_PER_TASK, CARDS_PER_TASK);
    let shown = Memo::new(move |_| {
        let skip = (page.get() - 1) * DOCTORS_PER_PAGE;
        let take = built.get().min(limit.get()).min(DOCTORS_PER_PAGE);
        result.with(|r| {
            r.hits
                .iter()
                .skip(skip)
                .take(take)
                .map(|h| h.doctor)
                .collect::<Vec<usize>>()
        })
    });
    // See `card_keys`: keys under which the cards never have to move.
    let keys = Memo::new(move |previous| CardKeys::next(previous, shown.get()));
    let terms = Memo::new(move |_| result.with(|r| r.terms.clone()));
    let typed = Memo::new(move |_| query.with(|q| q.q.clone()));
    let partial = Memo::new(move |_| result.with(|r| r.partial && !r.hits.is_empty()));
    let suggestions = Memo::new(move |_| result.with(|r| r.suggestions.clone()));
    // "Other doctors of the department" follow the last page of the hits; while typing,
    // only as many as the window has room for below them (none if the hits fill it).
    let related = Memo::new(move |_| {
        if page.get() < pages.get() {
            return Vec::new();
        }
        let room = match limit.get() {
            all if all >= DOCTORS_PER_PAGE => usize::MAX,
            screenful => screenful.saturating_sub(shown.with(Vec::len)),
        };
        result.with(|r| {
            r.related
                .iter()
                .take(room)
                .map(|h| h.doctor)
                .collect::<Vec<usize>>()
        })
    });
    let related_departments = Memo::new(move |_| result.with(|r| r.related_departments.clone()));
    let route_for = Callback::new(move |n: usize| {
        Route::Doctors(DoctorQuery {
            page: n,
            ..query.get()
        })
    });
    move || {
        let lang = ui.lang.get();
        let t = ui.t();
        let data = data.clone();
        view! {
            <p class="result-count" id="doctor-count">{move || (t.results_count)(total.get())}</p>
            {move || (total.get() == 0).then(|| view! { <p class="empty">{t.no_doctors}</p> })}
            <SpellingHints query suggestions/>
            {move || partial.get().then(|| view! {
                <div class="partial-match">
                    <p>{(t.no_full_match)(&query.with(|q| q.q.clone()))}</p>
                    <h2 class="closest">{t.closest_matches}</h2>
                </div>
            })}
            <ol class="doctor-list">
                <For
                    each=move || keys.with(CardKeys::keys)
                    key=|key| *key
                    children=move |(_, i)| {
                        data.dataset.doctors.get(i).cloned().map(|doctor| view! { <DoctorCard doctor lang terms now index=i query=typed/> })
                    }
                />
            </ol>
            <RelatedDoctors doctors=related departments=related_departments terms typed now/>
            <Pager page pages route_for/>
        }
    }
}

/// The colleagues of a condition's doctors who treat it without listing it, under a
/// heading that names their departments.
#[component]
fn RelatedDoctors(
    doctors: Memo<Vec<usize>>,
    departments: Memo<Vec<String>>,
    terms: Memo<Vec<String>>,
    typed: Memo<String>,
    now: Now,
) -> impl IntoView {
    let ui = use_ui();
    let data = use_data();
    move || {
        let list = doctors.get();
        (!list.is_empty()).then(|| {
            let lang = ui.lang.get();
            let t = ui.t();
            let separator = if lang == hospital_core::Lang::Zh {
                "、"
            } else {
                ", "
            };
            let names = departments
                .get()
                .iter()
                .filter_map(|id| data.department(id))
                .enumerate()
                .map(|(k, d)| view! { {(k > 0).then_some(separator)}{text_view(&d.name, lang)} })
                .collect_view();
            let cards = list
                .into_iter()
                .filter_map(|i| {
                    data.dataset
                        .doctors
                        .get(i)
                        .cloned()
                        .map(|doctor| (i, doctor))
                })
                .map(
                    |(i, doctor)| view! { <DoctorCard doctor lang terms now index=i query=typed in_section=true/> },
                )
                .collect_view();
            view! {
                <section class="related-doctors" aria-labelledby="related-heading">
                    <h2 id="related-heading">{t.related_before}{names}{t.related_after}</h2>
                    <p class="related-note">{move || (t.related_note)(&typed.get())}</p>
                    <ol class="doctor-list">{cards}</ol>
                </section>
            }
        })
    }
}

/// "Did you mean …": each likely spelling as a link to the search with the word replaced.
#[component]
fn SpellingHints(query: Memo<DoctorQuery>, suggestions: Memo<Vec<Suggestion>>) -> impl IntoView {
    let ui = use_ui();
    move || {
        let list = suggestions.get();
        (!list.is_empty()).then(|| {
            let t = ui.t();
            let q = query.get();
            let links = list
                .into_iter()
                .map(|s| {
                    let text = replace_word(&q.q, &s.word, &s.suggestion);
                    let route = Route::Doctors(DoctorQuery {
                        q: text,
                        page: 1,
                        ..q.clone()
                    });
                    view! { " " <Link to=route>{s.suggestion}</Link> }
                })
                .collect_view();
            view! { <p class="did-you-mean">{t.did_you_mean}{t.colon}{links}</p> }
        })
    }
}

/// `text` with the first word that folds to `word` replaced by `by`; where no word
/// folds to it (a run of Chinese joined to others), the run itself as written, or else
/// the suggestion alone.
fn replace_word(text: &str, word: &str, by: &str) -> String {
    let mut replaced = false;
    let words: Vec<String> = text
        .split_whitespace()
        .map(|w| {
            if !replaced && hospital_core::normalize::fold(w) == word {
                replaced = true;
                by.to_string()
            } else {
                w.to_string()
            }
        })
        .collect();
    if replaced {
        words.join(" ")
    } else if text.contains(word) {
        text.replacen(word, by, 1)
    } else {
        by.to_string()
    }
}
