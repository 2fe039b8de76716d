//! `/departments/<id>`: description, contact, the week's clinics and the doctors.

use crate::data::use_data;
use crate::head::{set_head, Head};
use crate::i18n::{clinic_name, half_day_name, weekday_short};
use crate::nav::{link, Link};
use crate::ui::{text_view, use_ui};
use hospital_core::model::{HalfDay, Weekday};
use hospital_core::route::{DoctorQuery, Route};
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
        let doctors = data.department_doctors(&dep.id, lang);
        let days: Vec<Weekday> =
            Weekday::ALL.iter().copied().filter(|d| d.index() < 5 || doctors.iter().any(|doc| doc.schedule.iter().any(|s| s.weekday == *d))).collect();
        let halves: Vec<HalfDay> = HalfDay::ALL
            .iter()
            .copied()
            .filter(|h| *h != HalfDay::Evening || doctors.iter().any(|doc| doc.schedule.iter().any(|s| s.half_day == *h)))
            .collect();
        let overview = halves.iter().map(|h| {
            let h = *h;
            view! {
                <tr>
                    <th scope="row">{half_day_name(lang, h)}</th>
                    {days.iter().map(|w| {
                        let here: Vec<_> = doctors.iter().filter_map(|doc| {
                            doc.schedule.iter().find(|s| s.weekday == *w && s.half_day == h && !s.cancelled).map(|s| (doc, s))
                        }).collect();
                        view! {
                            <td>
                                <ul class="overview-cell">
                                    {here.into_iter().map(|(doc, s)| view! {
                                        <li>
                                            {link(Route::Doctor(doc.id.clone()), None, text_view(&doc.name, lang))}
                                            <span class=format!("clinic clinic-{}", s.clinic.key())>{clinic_name(lang, s.clinic)}</span>
                                        </li>
                                    }).collect_view()}
                                </ul>
                            </td>
                        }
                    }).collect_view()}
                </tr>
            }
        }).collect_view();
        let caption = format!("{} · {}", dep.name.get(lang).text, t.weekly_overview);
        let campuses: Vec<_> = dep.campuses.iter().filter_map(|c| ds.campus(c)).map(|c| text_view(&c.name, lang)).collect();
        view! {
            <article class="department">
                <h1>{text_view(&dep.name, lang)}</h1>
                {(!dep.description.is_blank()).then(|| view! { <p class="lede">{text_view(&dep.description, lang)}</p> })}
                <dl class="facts">
                    {dep.phone.clone().map(|p| view! {
                        <dt>{t.phone}</dt>
                        <dd><a href=crate::ui::tel_href(&p)>{p.clone()}</a></dd>
                    })}
                    {(!campuses.is_empty()).then(|| view! { <dt>{t.campus}</dt><dd>{campuses.into_iter().map(|c| view! { <span class="dept">{c}</span> }).collect_view()}</dd> })}
                    <dt>{t.doctors_in_department}</dt>
                    <dd>{(t.doctor_count)(doctors.len())}</dd>
                </dl>
                <h2>{t.weekly_overview}</h2>
                <div class="table-scroll" tabindex="0" role="region" aria-label=caption.clone()>
                    <table class="timetable overview">
                        <caption>{caption.clone()}</caption>
                        <thead><tr><td></td>{days.iter().map(|d| view! { <th scope="col">{weekday_short(lang, *d)}</th> }).collect_view()}</tr></thead>
                        <tbody>{overview}</tbody>
                    </table>
                </div>
                <h2>{t.doctors_in_department}</h2>
                <ul class="link-list columns">
                    {doctors.iter().map(|d| view! {
                        <li>{link(Route::Doctor(d.id.clone()), None, text_view(&d.name, lang))} " · " {t.rank(lang, d.title)}</li>
                    }).collect_view()}
                </ul>
                <p><Link to=Route::Doctors(DoctorQuery { departments: vec![dep.id.clone()], ..Default::default() }) class="button">{t.find_a_doctor}</Link></p>
            </article>
        }
    })
    .into_any()
}
