//! `/departments/<id>`: description, contact, the week's clinics and the doctors.

use crate::components::{prefetch_profile, rank_line, PhoneLinks};
use crate::data::use_data;
use crate::head::{set_head, Head};
use crate::i18n::{clinic_name, half_day_name, weekday_short};
use crate::nav::{link, Link};
use crate::ui::{text_view, use_ui};
use hospital_core::department::Overview;
use hospital_core::route::{DoctorQuery, Route};
use hospital_core::{Dataset, Lang};
use leptos::prelude::*;

#[component]
pub fn DepartmentPage(id: String) -> impl IntoView {
    let ui = use_ui();
    let data = use_data();
    let Some(dep) = data.department(&id).cloned() else {
        return view! { <super::NotFound path=format!("/departments/{id}")/> }.into_any();
    };
    {
        let dep = dep.clone();
        Effect::new(move || {
            let lang = ui.lang.get();
            set_head(Head {
                title: dep.name.get(lang).text.to_string(),
                description: dep.description.get(lang).text.to_string(),
                ..Head::default()
            })
        });
    }
    (move || {
        let lang = ui.lang.get();
        let t = ui.t();
        let ds = &data.dataset;
        let week = data.department_overview(&dep.id, lang);
        let caption = format!("{} · {}", dep.name.get(lang).text, t.weekly_overview);
        let campuses: Vec<_> = dep.campuses.iter().filter_map(|c| ds.campus(c)).map(|c| text_view(&c.name, lang)).collect();
        view! {
            <article class="department">
                <h1>{text_view(&dep.name, lang)}</h1>
                {(!dep.description.is_blank()).then(|| view! { <p class="lede">{text_view(&dep.description, lang)}</p> })}
                <dl class="facts">
                    {dep.phone.clone().map(|p| view! {
                        <dt>{t.phone}</dt>
                        <dd><PhoneLinks phone=p.clone()/></dd>
                    })}
                    {(!campuses.is_empty()).then(|| view! { <dt>{t.campus}</dt><dd>{campuses.into_iter().map(|c| view! { <span class="dept">{c}</span> }).collect_view()}</dd> })}
                    <dt>{t.doctors_in_department}</dt>
                    <dd>{(t.doctor_count)(week.doctors.len())}</dd>
                </dl>
                <h2>{t.weekly_overview}</h2>
                <div class="table-scroll" tabindex="0" role="region" aria-label=caption.clone()>
                    <table class="timetable overview">
                        <caption>{caption.clone()}</caption>
                        <thead><tr><td></td>{week.days.iter().map(|d| view! { <th scope="col">{weekday_short(lang, *d)}</th> }).collect_view()}</tr></thead>
                        <tbody>{week_rows(ds, &week, lang)}</tbody>
                    </table>
                </div>
                <h2>{t.doctors_in_department}</h2>
                <ul class="link-list columns">
                    {week.doctors.iter().map(|d| {
                        let soon = prefetch_profile(&data, data.doctor_place(&d.id));
                        let (on_pointer, on_focus) = (soon.clone(), soon);
                        view! {
                            <li on:pointerenter=move |_| on_pointer() on:focusin=move |_| on_focus()>
                                {link(Route::Doctor(d.id.clone()), None, text_view(&d.name, lang))} " · " {rank_line(d, lang)}
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <p><Link to=Route::Doctors(DoctorQuery { departments: vec![dep.id.clone()], ..Default::default() }) class="button">{t.find_a_doctor}</Link></p>
            </article>
        }
    })
    .into_any()
}

/// One row per half-day; each cell lists who holds a clinic then, its type and campus.
fn week_rows(ds: &Dataset, week: &Overview<'_>, lang: Lang) -> impl IntoView {
    // The campus is worth naming only where the week spans more than one.
    let mut campuses: Vec<&str> = week
        .days
        .iter()
        .flat_map(|w| week.half_days.iter().flat_map(move |h| week.cell(*w, *h)))
        .filter_map(|e| e.campus)
        .collect();
    hospital_core::sort::sort(&mut campuses);
    campuses.dedup();
    let several_campuses = campuses.len() > 1;
    week.half_days
        .iter()
        .map(|h| {
            let cells = week
                .days
                .iter()
                .map(|w| {
                    let entries = week
                        .cell(*w, *h)
                        .iter()
                        .map(|e| {
                            let campus = e
                                .campus
                                .filter(|_| several_campuses)
                                .and_then(|c| ds.campus(c))
                                .map(|c| view! { <span class="campus-name">{text_view(&c.name, lang)}</span> });
                            view! {
                                <li>
                                    {link(Route::Doctor(e.doctor.id.clone()), None, text_view(&e.doctor.name, lang))}
                                    <span class=format!("clinic clinic-{}", e.session.clinic.key())>{clinic_name(lang, e.session.clinic)}</span>
                                    {campus}
                                </li>
                            }
                        })
                        .collect_view();
                    view! { <td><ul class="overview-cell">{entries}</ul></td> }
                })
                .collect_view();
            view! { <tr><th scope="row">{half_day_name(lang, *h)}</th>{cells}</tr> }
        })
        .collect_view()
}
