//! `/doctors`: one search box, facets with live counts, sorting and paging.
//! The URL is the state: every change is a navigation (typing replaces the entry,
//! a filter adds one), so a search can be shared, reloaded and stepped back through.

use crate::components::{AcceptingBadge, Avatar, FacetGroup, Highlighted, Pager, ProgressStatus};
use crate::data::use_data;
use crate::head::{set_head, Head};
use crate::i18n::{
    clinic_name, format_count, gender_name, half_day_name, sort_name, spoken_language_name,
    weekday_short, Messages,
};
use crate::nav::{use_nav, Link};
use crate::ui::{text_view, use_ui};
use hospital_core::model::{HalfDay, Weekday};
use hospital_core::route::{DoctorQuery, DoctorSort, FacetKind, Route, Slot};
use hospital_core::search::{next_session, FacetCounts};
use hospital_core::{Doctor, Lang};
use leptos::prelude::*;

const PAGE_SIZE: usize = 20;

/// The half-day it is now, in the browser's time zone: where "soonest clinic" counts from.
pub fn now_slot() -> Slot {
    let d = js_sys::Date::new_0();
    let weekday = Weekday::ALL[((d.get_day() + 6) % 7) as usize];
    let half_day = match d.get_hours() {
        0..=11 => HalfDay::Morning,
        12..=17 => HalfDay::Afternoon,
        _ => HalfDay::Evening,
    };
    Slot { weekday, half_day }
}

/// The finder, once the doctor index is built; until then (seconds, for a very
/// large dataset) the page says how far the build has come.
#[component]
pub fn DoctorFinder() -> impl IntoView {
    let ui = use_ui();
    let data = use_data();
    Effect::new(move || {
        let t = ui.t();
        set_head(Head {
            title: t.doctors_title.to_string(),
            description: t.doctor_search_hint.to_string(),
            ..Head::default()
        });
    });
    let percent = Signal::derive(move || data.doctor_index_percent());
    let ready = Memo::new(move |_| percent.get() == 100);
    move || {
        if ready.get() {
            return view! { <FinderReady/> }.into_any();
        }
        let label = Signal::derive(move || ui.t().preparing_search);
        view! {
            <section class="doctor-finder">
                <h1>{move || ui.t().doctors_title}</h1>
                <ProgressStatus label=label percent=percent/>
            </section>
        }
        .into_any()
    }
}

#[component]
fn FinderReady() -> impl IntoView {
    let ui = use_ui();
    let nav = use_nav();
    let data = use_data();
    let query = Memo::new(move |_| match nav.route() {
        Route::Doctors(q) => q,
        _ => DoctorQuery {
            page: 1,
            ..Default::default()
        },
    });
    let now = now_slot();
    let result = {
        let data = data.clone();
        Memo::new(move |_| data.doctors().search(&data.dataset, &query.get(), now))
    };
    let typed = RwSignal::new(query.get_untracked().q);
    Effect::new(move || {
        let q = query.get().q;
        if q != typed.get_untracked() {
            typed.set(q);
        }
    });
    let set_query = move |q: DoctorQuery, replace: bool| nav.go(Route::Doctors(q), replace);
    let on_input = move |ev| {
        let text = event_target_value(&ev);
        typed.set(text.clone());
        set_query(
            DoctorQuery {
                q: text,
                page: 1,
                ..query.get_untracked()
            },
            true,
        );
    };
    let filters_open = RwSignal::new(false);

    Effect::new(move || {
        let n = result.with(|r| r.hits.len());
        ui.announce((ui.t().results_count)(n));
    });

    // Counts and choices per facet, as memos: a facet row updates only when its own
    // number or checkbox changes, not on every keystroke.
    let counts_of =
        move |kind: FacetKind| Memo::new(move |_| result.with(|r| facet_counts(&r.facets, kind)));
    let selected_of = move |kind: FacetKind| Memo::new(move |_| query.with(|q| q.selected(kind)));
    let on_toggle = move |kind: FacetKind| {
        Callback::new(move |key: String| {
            let mut next = query.get_untracked();
            next.toggle(kind, &key);
            set_query(next, false);
        })
    };
    let accepting = Memo::new(move |_| result.with(|r| r.facets.accepting));
    let accepting_only = Memo::new(move |_| query.with(|q| q.accepting_only));
    // The options themselves: every one the dataset has, in the order the core gives.
    let all_options = {
        let data = data.clone();
        data.doctors()
            .search(
                &data.dataset,
                &DoctorQuery {
                    page: 1,
                    ..Default::default()
                },
                now,
            )
            .facets
    };
    let facets = {
        let data = data.clone();
        move || {
            let t = ui.t();
            let lang = ui.lang.get();
            let ds = &data.dataset;
            let group = |kind: FacetKind, legend: &'static str, class: &'static str| {
                let options: Vec<(String, String)> = facet_counts(&all_options, kind)
                    .into_iter()
                    .map(|(key, _)| {
                        let label = facet_label(ds, lang, t, kind, &key);
                        (key, label)
                    })
                    .collect();
                view! {
                    <FacetGroup legend=legend name=kind.param() options=options counts=counts_of(kind)
                        selected=selected_of(kind) on_toggle=on_toggle(kind) class=class/>
                }
            };
            view! {
                {group(FacetKind::Department, t.facet_department, "")}
                {group(FacetKind::Rank, t.facet_rank, "")}
                {group(FacetKind::Clinic, t.facet_clinic, "")}
                {group(FacetKind::Slot, t.facet_slot, "facet-slots")}
                {group(FacetKind::Campus, t.facet_campus, "")}
                {group(FacetKind::Language, t.facet_language, "")}
                {group(FacetKind::Gender, t.facet_gender, "")}
                <div class="facet facet-single">
                    <label class="check">
                        <input
                            type="checkbox"
                            name="new"
                            prop:checked=move || accepting_only.get()
                            disabled=move || accepting.get() == 0 && !accepting_only.get()
                            on:change=move |_| {
                                let mut next = DoctorQuery { page: 1, ..query.get_untracked() };
                                next.accepting_only = !next.accepting_only;
                                set_query(next, false);
                            }
                        />
                        <span>{t.accepting_only} " " <span class="count">{move || format!("({})", format_count(lang, accepting.get()))}</span></span>
                    </label>
                </div>
            }
        }
    };

    // The filters without the typed text: chips need not be rebuilt on every keystroke.
    let filters = Memo::new(move |_| DoctorQuery {
        q: String::new(),
        page: 1,
        ..query.get()
    });
    let chips = {
        let data = data.clone();
        move || {
            let t = ui.t();
            let lang = ui.lang.get();
            let q = filters.get();
            let ds = &data.dataset;
            let mut chips: Vec<(String, DoctorQuery)> = Vec::new();
            for kind in FacetKind::ALL {
                for key in q.selected(kind) {
                    let mut next = q.clone();
                    next.toggle(kind, &key);
                    chips.push((facet_label(ds, lang, t, kind, &key), next));
                }
            }
            if q.accepting_only {
                chips.push((
                    t.accepting_only.to_string(),
                    DoctorQuery {
                        accepting_only: false,
                        page: 1,
                        ..q.clone()
                    },
                ));
            }
            (!chips.is_empty()).then(|| {
                let cleared = q.cleared();
                view! {
                    <ul class="chips active-filters">
                        {chips.into_iter().map(|(label, next)| {
                            let aria = (t.remove_filter)(&label);
                            view! {
                                <li>
                                    <button type="button" class="chip chip-remove" aria-label=aria on:click=move |_| {
                                        let text = query.with_untracked(|q| q.q.clone());
                                        set_query(DoctorQuery { q: text, ..next.clone() }, false)
                                    }>
                                        {label} <span aria-hidden="true">" ×"</span>
                                    </button>
                                </li>
                            }
                        }).collect_view()}
                        <li>
                            <button type="button" class="chip chip-clear" on:click=move |_| {
                                typed.set(String::new());
                                set_query(cleared.clone(), false)
                            }>{t.clear_all}</button>
                        </li>
                    </ul>
                }
            })
        }
    };

    let total = Memo::new(move |_| result.with(|r| r.hits.len()));
    let pages = Memo::new(move |_| total.get().div_ceil(PAGE_SIZE).max(1));
    let page = Memo::new(move |_| query.with(|q| q.page).clamp(1, pages.get()));
    // The doctors on this page, by index: cards are keyed by doctor, so a doctor who stays
    // in the results while the query grows keeps their card and only its highlights change.
    let shown = Memo::new(move |_| {
        let p = page.get();
        result.with(|r| {
            r.hits
                .iter()
                .skip((p - 1) * PAGE_SIZE)
                .take(PAGE_SIZE)
                .map(|h| h.doctor)
                .collect::<Vec<usize>>()
        })
    });
    let terms = Memo::new(move |_| result.with(|r| r.terms.clone()));
    let results = {
        let data = data.clone();
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
                            data.dataset.doctors.get(i).cloned().map(|d| doctor_card(d, lang, terms, now, &data))
                        }
                    />
                </ol>
                {move || {
                    let q = query.get();
                    let route_for = Callback::new(move |n: usize| Route::Doctors(DoctorQuery { page: n, ..q.clone() }));
                    view! { <Pager page=page.get() pages=pages.get() route_for=route_for/> }
                }}
            }
        }
    };

    let sort = Memo::new(move |_| query.with(|q| q.sort));
    let sort_select = move || {
        let t = ui.t();
        let lang = ui.lang.get();
        let current = sort.get();
        view! {
            <div class="field field-inline">
                <label for="doctor-sort">{t.sort_by}</label>
                <select id="doctor-sort" on:change=move |ev| {
                    let sort = DoctorSort::from_key(&event_target_value(&ev)).unwrap_or_default();
                    set_query(DoctorQuery { sort, page: 1, ..query.get_untracked() }, false);
                }>
                    {DoctorSort::ALL.iter().map(|s| view! {
                        <option value=s.key() selected=*s == current>{sort_name(lang, *s)}</option>
                    }).collect_view()}
                </select>
            </div>
        }
    };

    view! {
        <section class="doctor-finder">
            <h1>{move || ui.t().doctors_title}</h1>
            <div class="search-bar" role="search">
                <label for="doctor-q">{move || ui.t().doctor_search_label}</label>
                <input
                    id="doctor-q"
                    type="search"
                    autocomplete="off"
                    spellcheck="false"
                    aria-describedby="doctor-q-hint"
                    placeholder=move || ui.t().doctor_search_placeholder
                    prop:value=move || typed.get()
                    on:input=on_input
                />
                <p id="doctor-q-hint" class="hint">{move || ui.t().doctor_search_hint}</p>
            </div>
            <div class="finder-layout">
                <div class="filters-panel" class:open=move || filters_open.get()>
                    <button
                        type="button"
                        class="filters-toggle"
                        aria-expanded=move || filters_open.get().to_string()
                        aria-controls="doctor-filters"
                        on:click=move |_| filters_open.update(|o| *o = !*o)
                    >
                        {move || if filters_open.get() { ui.t().hide_filters } else { ui.t().show_filters }}
                    </button>
                    <div id="doctor-filters" class="filters-body">
                        <h2 class="filters-title">{move || ui.t().filters}</h2>
                        {facets}
                    </div>
                </div>
                <div class="results">
                    <div class="results-bar">{sort_select}</div>
                    {chips}
                    {results}
                </div>
            </div>
        </section>
    }
}

/// A facet's live counts keyed by their URL keys.
fn facet_counts(f: &FacetCounts, kind: FacetKind) -> Vec<(String, usize)> {
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

/// What a facet option is called in the UI language.
fn facet_label(
    ds: &hospital_core::Dataset,
    lang: Lang,
    t: &'static Messages,
    kind: FacetKind,
    key: &str,
) -> String {
    use hospital_core::model::{ClinicType, Gender, TitleRank};
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
            .map(|r| t.rank(lang, r).to_string())
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

fn doctor_card(
    d: Doctor,
    lang: Lang,
    terms: Memo<Vec<String>>,
    now: Slot,
    data: &crate::data::AppData,
) -> impl IntoView {
    let t = crate::i18n::messages(lang);
    let ds = &data.dataset;
    let name = d.name.get(lang);
    let other_name = d
        .name
        .exact(lang.other())
        .filter(|o| *o != name.text)
        .map(str::to_string);
    let name_lang = name.lang.filter(|l| *l != lang).map(Lang::code);
    let name_text = name.text.to_string();
    let departments: Vec<_> = d
        .departments
        .iter()
        .filter_map(|id| ds.department(id))
        .map(|dep| text_view(&dep.name, lang))
        .collect();
    let specialties: Vec<String> = d
        .specialties
        .iter()
        .take(3)
        .map(|s| s.get(lang).text.to_string())
        .collect();
    let upcoming: Vec<String> = (0..2)
        .scan(now, |from, _| {
            let (_, s) = next_session(&d, *from)?;
            let label = format!(
                "{} {} · {}",
                weekday_short(lang, s.weekday),
                half_day_name(lang, s.half_day),
                clinic_name(lang, s.clinic)
            );
            // Look for the one after this session.
            *from = after(Slot {
                weekday: s.weekday,
                half_day: s.half_day,
            });
            Some(label)
        })
        .collect();
    let languages: Vec<String> = d
        .languages
        .iter()
        .map(|l| spoken_language_name(lang, l))
        .collect();
    let route = Route::Doctor(d.id.clone());
    view! {
        <li class="doctor-card">
            <Avatar doctor=d.clone() lang=lang/>
            <div class="doctor-card-body">
                <h2 class="doctor-name">
                    <Link to=route.clone()><span lang=name_lang><Highlighted text=name_text terms=terms/></span></Link>
                    {other_name.map(|o| view! { " " <span class="other-name" lang=lang.other().code()><Highlighted text=o terms=terms/></span> })}
                </h2>
                <p class="rank">{t.rank(lang, d.title)} " · " {departments.into_iter().map(|dv| view! { <span class="dept">{dv}</span> }).collect_view()}</p>
                {(!specialties.is_empty()).then(|| view! {
                    <p class="specialties"><Highlighted text=specialties.join(" · ") terms=terms/></p>
                })}
                {(!languages.is_empty()).then(|| view! { <p class="languages">{t.speaks} ": " {languages.join(", ")}</p> })}
                <p class="next">
                    <span class="label">{t.next_clinics} ": "</span>
                    {if upcoming.is_empty() { t.no_clinics.to_string() } else { upcoming.join("; ") }}
                </p>
                <p>
                    <AcceptingBadge accepting=d.accepting_new_patients/>
                </p>
            </div>
        </li>
    }
}

/// The half-day after `s`, wrapping from Sunday evening to Monday morning.
fn after(s: Slot) -> Slot {
    let h = HalfDay::ALL
        .iter()
        .position(|h| *h == s.half_day)
        .unwrap_or(0);
    if h + 1 < HalfDay::ALL.len() {
        Slot {
            weekday: s.weekday,
            half_day: HalfDay::ALL[h + 1],
        }
    } else {
        Slot {
            weekday: Weekday::ALL[(s.weekday.index() + 1) % 7],
            half_day: HalfDay::Morning,
        }
    }
}
