//! `/doctors`: one search box, facets with live counts, sorting and paging.
//! The URL is the state: every change is a navigation (typing replaces the entry,
//! a filter adds one), so a search can be shared, reloaded and stepped back through.

use crate::components::{Avatar, Highlighted, Pager};
use crate::data::use_data;
use crate::head::{set_head, Head};
use crate::i18n::{
    clinic_name, format_count, gender_name, half_day_name, sort_name, spoken_language_name,
    weekday_short, Messages,
};
use crate::nav::{use_nav, Link};
use crate::ui::{text_view, use_ui};
use hospital_core::model::{ClinicType, Gender, HalfDay, TitleRank, Weekday};
use hospital_core::route::{DoctorQuery, DoctorSort, Route, Slot};
use hospital_core::search::{next_session, SearchResult};
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

#[component]
pub fn DoctorFinder() -> impl IntoView {
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
        Memo::new(move |_| data.doctors.search(&data.dataset, &query.get(), now))
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
    Effect::new(move || {
        let t = ui.t();
        set_head(Head {
            title: t.doctors_title.to_string(),
            description: t.doctor_search_hint.to_string(),
            ..Head::default()
        });
    });

    let facets = {
        let data = data.clone();
        move || {
            let t = ui.t();
            let lang = ui.lang.get();
            let q = query.get();
            let r = result.get();
            let ds = &data.dataset;
            let f = &r.facets;
            let toggle = move |edit: fn(&mut DoctorQuery, &str), value: String| {
                move |_| {
                    let mut next = DoctorQuery {
                        page: 1,
                        ..query.get_untracked()
                    };
                    edit(&mut next, &value);
                    set_query(next, false);
                }
            };
            let dept_name = |id: &str| {
                ds.department(id)
                    .map(|d| d.name.get(lang).text.to_string())
                    .unwrap_or_else(|| id.to_string())
            };
            let campus_name = |id: &str| {
                ds.campus(id)
                    .map(|c| c.name.get(lang).text.to_string())
                    .unwrap_or_else(|| id.to_string())
            };
            view! {
                <FacetGroup legend=t.facet_department name="dept" options=f.departments.iter().map(|(id, n)| {
                    (id.clone(), dept_name(id), *n, q.departments.contains(id))
                }).collect() on_toggle=Callback::new(move |v: String| toggle(|q, v| flip(&mut q.departments, v.to_string()), v)(()))/>
                <FacetGroup legend=t.facet_rank name="rank" options=f.ranks.iter().map(|(r, n)| {
                    (r.key().to_string(), t.rank(lang, *r).to_string(), *n, q.ranks.contains(r))
                }).collect() on_toggle=Callback::new(move |v: String| toggle(|q, v| if let Some(r) = TitleRank::from_key(v) { flip(&mut q.ranks, r) }, v)(()))/>
                <FacetGroup legend=t.facet_clinic name="clinic" options=f.clinics.iter().map(|(c, n)| {
                    (c.key().to_string(), clinic_name(lang, *c).to_string(), *n, q.clinics.contains(c))
                }).collect() on_toggle=Callback::new(move |v: String| toggle(|q, v| if let Some(c) = ClinicType::from_key(v) { flip(&mut q.clinics, c) }, v)(()))/>
                <SlotGrid counts=f.slots.clone() selected=q.slots.clone() lang=lang t=t
                    on_toggle=Callback::new(move |v: String| toggle(|q, v| if let Some(s) = Slot::from_key(v) { flip(&mut q.slots, s) }, v)(()))/>
                <FacetGroup legend=t.facet_campus name="campus" options=f.campuses.iter().map(|(id, n)| {
                    (id.clone(), campus_name(id), *n, q.campuses.contains(id))
                }).collect() on_toggle=Callback::new(move |v: String| toggle(|q, v| flip(&mut q.campuses, v.to_string()), v)(()))/>
                <FacetGroup legend=t.facet_language name="speaks" options=f.languages.iter().map(|(code, n)| {
                    (code.clone(), spoken_language_name(lang, code), *n, q.languages.contains(code))
                }).collect() on_toggle=Callback::new(move |v: String| toggle(|q, v| flip(&mut q.languages, v.to_string()), v)(()))/>
                <FacetGroup legend=t.facet_gender name="gender" options=f.genders.iter().map(|(g, n)| {
                    (g.key().to_string(), gender_name(lang, *g).to_string(), *n, q.genders.contains(g))
                }).collect() on_toggle=Callback::new(move |v: String| toggle(|q, v| if let Some(g) = Gender::from_key(v) { flip(&mut q.genders, g) }, v)(()))/>
                <div class="facet facet-single">
                    <label class="check">
                        <input
                            type="checkbox"
                            name="new"
                            prop:checked=q.accepting_only
                            disabled=f.accepting == 0 && !q.accepting_only
                            on:change=move |_| {
                                let mut next = DoctorQuery { page: 1, ..query.get_untracked() };
                                next.accepting_only = !next.accepting_only;
                                set_query(next, false);
                            }
                        />
                        <span>{t.accepting_only} <span class="count">{format!("({})", format_count(lang, f.accepting))}</span></span>
                    </label>
                </div>
            }
        }
    };

    let chips = {
        let data = data.clone();
        move || {
            let t = ui.t();
            let lang = ui.lang.get();
            let q = query.get();
            let ds = &data.dataset;
            let mut chips: Vec<(String, DoctorQuery)> = Vec::new();
            let base = DoctorQuery {
                page: 1,
                ..q.clone()
            };
            for d in &q.departments {
                let label = ds
                    .department(d)
                    .map(|x| x.name.get(lang).text.to_string())
                    .unwrap_or_else(|| d.clone());
                let mut n = base.clone();
                n.departments.retain(|x| x != d);
                chips.push((label, n));
            }
            for r in &q.ranks {
                let mut n = base.clone();
                n.ranks.retain(|x| x != r);
                chips.push((t.rank(lang, *r).to_string(), n));
            }
            for c in &q.clinics {
                let mut n = base.clone();
                n.clinics.retain(|x| x != c);
                chips.push((clinic_name(lang, *c).to_string(), n));
            }
            for s in &q.slots {
                let mut n = base.clone();
                n.slots.retain(|x| x != s);
                chips.push((
                    format!(
                        "{} {}",
                        weekday_short(lang, s.weekday),
                        half_day_name(lang, s.half_day)
                    ),
                    n,
                ));
            }
            for c in &q.campuses {
                let label = ds
                    .campus(c)
                    .map(|x| x.name.get(lang).text.to_string())
                    .unwrap_or_else(|| c.clone());
                let mut n = base.clone();
                n.campuses.retain(|x| x != c);
                chips.push((label, n));
            }
            for l in &q.languages {
                let mut n = base.clone();
                n.languages.retain(|x| x != l);
                chips.push((spoken_language_name(lang, l), n));
            }
            for g in &q.genders {
                let mut n = base.clone();
                n.genders.retain(|x| x != g);
                chips.push((gender_name(lang, *g).to_string(), n));
            }
            if q.accepting_only {
                chips.push((
                    t.accepting_only.to_string(),
                    DoctorQuery {
                        accepting_only: false,
                        ..base.clone()
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
                                    <button type="button" class="chip chip-remove" aria-label=aria on:click=move |_| set_query(next.clone(), false)>
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

    let results = {
        let data = data.clone();
        move || {
            let t = ui.t();
            let lang = ui.lang.get();
            let q = query.get();
            let r: SearchResult = result.get();
            let ds = &data.dataset;
            let total = r.hits.len();
            let pages = total.div_ceil(PAGE_SIZE).max(1);
            let page = q.page.clamp(1, pages);
            let cards = r
                .hits
                .iter()
                .skip((page - 1) * PAGE_SIZE)
                .take(PAGE_SIZE)
                .filter_map(|h| ds.doctors.get(h.doctor))
                .map(|d| doctor_card(d.clone(), lang, r.terms.clone(), now, &data))
                .collect_view();
            let route_for = Callback::new(move |n: usize| {
                Route::Doctors(DoctorQuery {
                    page: n,
                    ..q.clone()
                })
            });
            view! {
                <p class="result-count" id="doctor-count">{(t.results_count)(total)}</p>
                {(total == 0).then(|| view! { <p class="empty">{t.no_doctors}</p> })}
                <ol class="doctor-list">{cards}</ol>
                <Pager page=page pages=pages route_for=route_for/>
            }
        }
    };

    let sort_select = move || {
        let t = ui.t();
        let lang = ui.lang.get();
        let current = query.get().sort;
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

fn flip<T: PartialEq>(list: &mut Vec<T>, item: T) {
    if let Some(i) = list.iter().position(|x| *x == item) {
        list.remove(i);
    } else {
        list.push(item);
    }
}

/// A group of checkboxes: (value, label, count, checked). Options with no results
/// stay visible but disabled, so people see what exists.
#[component]
fn FacetGroup(
    legend: &'static str,
    name: &'static str,
    options: Vec<(String, String, usize, bool)>,
    on_toggle: Callback<String>,
) -> impl IntoView {
    let lang = use_ui().lang.get_untracked();
    (!options.is_empty()).then(|| {
        view! {
            <fieldset class="facet">
                <legend>{legend}</legend>
                <ul>
                    {options.into_iter().map(|(value, label, count, checked)| {
                        let v = value.clone();
                        view! {
                            <li>
                                <label class="check" class:disabled=count == 0 && !checked>
                                    <input
                                        type="checkbox"
                                        name=name
                                        value=value
                                        prop:checked=checked
                                        disabled=count == 0 && !checked
                                        on:change=move |_| on_toggle.run(v.clone())
                                    />
                                    <span>{label} " " <span class="count">{format!("({})", format_count(lang, count))}</span></span>
                                </label>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </fieldset>
        }
    })
}

/// Availability as a weekday × half-day grid of toggle checkboxes.
#[component]
fn SlotGrid(
    counts: Vec<(Slot, usize)>,
    selected: Vec<Slot>,
    lang: Lang,
    t: &'static Messages,
    on_toggle: Callback<String>,
) -> impl IntoView {
    let halves: Vec<HalfDay> = HalfDay::ALL
        .iter()
        .copied()
        .filter(|h| {
            counts.iter().any(|(s, n)| s.half_day == *h && *n > 0) || *h != HalfDay::Evening
        })
        .collect();
    let days: Vec<Weekday> = Weekday::ALL
        .iter()
        .copied()
        .filter(|d| d.index() < 5 || counts.iter().any(|(s, n)| s.weekday == *d && *n > 0))
        .collect();
    let count_of = move |s: Slot| {
        counts
            .iter()
            .find(|(x, _)| *x == s)
            .map(|(_, n)| *n)
            .unwrap_or(0)
    };
    view! {
        <fieldset class="facet facet-slots">
            <legend>{t.facet_slot}</legend>
            <ul class="slot-grid">
                {days.iter().flat_map(|d| halves.iter().map(move |h| Slot { weekday: *d, half_day: *h })).map(|s| {
                    let n = count_of(s);
                    let checked = selected.contains(&s);
                    let key = s.key();
                    let label = format!("{} {}", weekday_short(lang, s.weekday), half_day_name(lang, s.half_day));
                    view! {
                        <li>
                            <label class="check" class:disabled=n == 0 && !checked>
                                <input type="checkbox" name="slot" value=key.clone() prop:checked=checked disabled=n == 0 && !checked
                                    on:change=move |_| on_toggle.run(key.clone())/>
                                <span>{label} " " <span class="count">{format!("({n})")}</span></span>
                            </label>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </fieldset>
    }
}

fn doctor_card(
    d: Doctor,
    lang: Lang,
    terms: Vec<String>,
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
                    {
                        let terms = terms.clone();
                        view! { <Link to=route.clone()><span lang=name_lang><Highlighted text=name_text terms=terms/></span></Link> }
                    }
                    {other_name.map(|o| view! { " " <span class="other-name" lang=lang.other().code()><Highlighted text=o terms=terms.clone()/></span> })}
                </h2>
                <p class="rank">{t.rank(lang, d.title)} " · " {departments.into_iter().map(|dv| view! { <span class="dept">{dv}</span> }).collect_view()}</p>
                {(!specialties.is_empty()).then(|| view! {
                    <p class="specialties"><Highlighted text=specialties.join(" · ") terms=terms.clone()/></p>
                })}
                {(!languages.is_empty()).then(|| view! { <p class="languages">{t.speaks} ": " {languages.join(", ")}</p> })}
                <p class="next">
                    <span class="label">{t.next_clinics} ": "</span>
                    {if upcoming.is_empty() { t.no_clinics.to_string() } else { upcoming.join("; ") }}
                </p>
                <p>
                    {if d.accepting_new_patients {
                        view! { <span class="badge badge-ok">{t.accepting_badge}</span> }.into_any()
                    } else {
                        view! { <span class="badge badge-muted">{t.not_accepting_badge}</span> }.into_any()
                    }}
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
