//! `/doctors/<id>`: everything the dataset says about one doctor.

use crate::components::{prefetch_profile, AcceptingBadge, Avatar, InlineProblem, Timetable};
use crate::data::{use_data, DoctorDetails};
use crate::head::{set_head, Head};
use crate::i18n::{format_date, gender_name, spoken_language_name};
use crate::nav::{link, Link};
use crate::ui::{lang_attr, text_view, use_ui};
use hospital_core::route::{DoctorQuery, Route};
use hospital_core::seo;
use leptos::prelude::*;

#[component]
pub fn DoctorProfile(id: String) -> impl IntoView {
    let ui = use_ui();
    let data = use_data();
    let back =
        use_context::<super::LastSearch>().and_then(|super::LastSearch(last)| last.get_untracked());
    let (Some(doctor), Some(place)) = (data.doctor(&id).cloned(), data.doctor_place(&id)) else {
        return view! { <super::NotFound path=format!("/doctors/{id}")/> }.into_any();
    };
    // A large hospital's biographies, education and timetable rooms are in files of their own.
    data.want_details(place);
    let with_details = {
        let data = data.clone();
        move || {
            let mut d = doctor.clone();
            let details = data.doctor_details(place);
            if let DoctorDetails::Here(here) = &details {
                here.clone().fill(&mut d);
            }
            (d, details)
        }
    };
    {
        let data = data.clone();
        let with_details = with_details.clone();
        Effect::new(move || {
            let (doctor, _) = with_details();
            let lang = ui.lang.get();
            let url = web_sys::window()
                .and_then(|w| w.location().href().ok())
                .unwrap_or_default();
            let name = doctor.name.get(lang).text.to_string();
            set_head(Head {
                description: format!(
                    "{name}, {}. {}",
                    doctor.title_name(lang),
                    doctor.bio.get(lang).text
                ),
                title: name,
                json_ld: Some(seo::physician(&data.dataset, &doctor, lang, &url)),
                og_type: Some("profile"),
                ..Head::default()
            });
        });
    }
    (move || {
        let lang = ui.lang.get();
        let t = ui.t();
        let ds = &data.dataset;
        // What the details' file brings is rendered apart, so that its arrival changes
        // those parts only: the heading that navigation focused stays in the page.
        let d = untrack(&with_details).0;
        let about = {
            let with_details = with_details.clone();
            let data = data.clone();
            move || {
                let (d, details) = with_details();
                // The biography's place while its file is on its way, or why it is not.
                let status = match details {
                    DoctorDetails::Here(_) => None,
                    DoctorDetails::Loading => Some(view! {
                        <div class="loading" role="status">
                            <span class="spinner" aria-hidden="true"></span>
                            {t.loading_biography}
                        </div>
                    }.into_any()),
                    DoctorDetails::Failed(_) => {
                        let data = data.clone();
                        let retry = Callback::new(move |_| data.retry_details(place));
                        let message = Signal::derive(move || ui.t().biography_failed);
                        Some(view! { <InlineProblem message retry/> }.into_any())
                    }
                };
                let bio = (!d.bio.is_blank()).then(|| view! { <section><h2>{t.biography}</h2><p>{text_view(&d.bio, lang)}</p></section> });
                view! { {status} {bio} }
            }
        };
        let name = d.name.get(lang).text.to_string();
        let other = d.name.exact(lang.other()).filter(|o| *o != name).map(str::to_string);
        let departments: Vec<_> = d.departments.iter().filter_map(|id| data.department(id)).collect();
        let colleagues: Vec<_> = ds
            .doctors
            .iter()
            .filter(|o| o.id != d.id && o.departments.iter().any(|x| d.departments.contains(x)))
            .take(6)
            .collect();
        // The compiled records carry the titles: the articles' file is not fetched.
        let news = data.news_naming(&d.id);
        let in_the_news = (!news.is_empty()).then(|| view! {
            <section>
                <h2>{t.in_the_news}</h2>
                <ul class="link-list">{news.iter().map(|&(slug, title)| view! {
                    <li>{link(Route::Article(slug.to_string()), None, text_view(title, lang))}</li>
                }).collect_view()}</ul>
            </section>
        });
        let list = move |items: &[hospital_core::Text]| {
            items.iter().map(|s| view! { <li lang=lang_attr(s, lang)>{s.get(lang).text.to_string()}</li> }).collect_view()
        };
        let timetable = {
            let with_details = with_details.clone();
            let name = name.clone();
            move || {
                let d = with_details().0;
                if d.schedule.is_empty() {
                    view! { <p>{t.no_clinics}</p> }.into_any()
                } else {
                    view! { <Timetable sessions=d.schedule.clone() caption=(t.timetable_caption)(&name)/> }.into_any()
                }
            }
        };
        let education = {
            let with_details = with_details.clone();
            move || {
                let d = with_details().0;
                (!d.education.is_empty()).then(|| view! { <section><h2>{t.education}</h2><ul>{list(&d.education)}</ul></section> })
            }
        };
        let booking = d.booking.clone();
        let back = back.clone().map(|q| view! { <p class="back-link"><Link to=Route::Doctors(q)>"← " {t.back_to_results}</Link></p> });
        // How to book, shown right under the name: on a phone it is on the first screen,
        // not after the biography and the timetable.
        let book_url = booking
            .as_ref()
            .and_then(|b| b.url.clone())
            .filter(|u| hospital_core::urls::is_web_url(u));
        let book_phone = booking.as_ref().and_then(|b| b.phone.clone());
        let booking = (book_url.is_some() || book_phone.is_some()).then(|| view! {
            <section class="booking" aria-labelledby="booking-title">
                <h2 id="booking-title">{t.how_to_book}</h2>
                {book_url.map(|u| view! {
                    <p><a class="button" href=u rel="noopener noreferrer">{t.book_online}</a></p>
                })}
                {book_phone.map(|p| view! {
                    <p>{t.call}{t.colon}<crate::components::PhoneLinks phone=p.clone()/></p>
                })}
            </section>
        });
        view! {
            {back}
            <article class="profile">
                <div class="profile-top">
                    <header class="profile-header">
                        <Avatar doctor=d.clone() lang=lang large=true/>
                        <div class="profile-id">
                            <h1>{text_view(&d.name, lang)} {other.map(|o| view! { " " <span class="other-name" lang=lang.other().code()>{o}</span> })}</h1>
                            <p class="rank">{crate::components::rank_line(&d, lang)}</p>
                            <p class="departments">
                                {departments.iter().map(|dep| view! {
                                    {link(Route::Department(dep.id.clone()), Some("chip"), text_view(&dep.name, lang))}
                                }).collect_view()}
                            </p>
                            <p>
                                <AcceptingBadge accepting=d.accepting_new_patients/>
                            </p>
                        </div>
                    </header>
                    {booking}
                </div>
                <div class="profile-grid">
                    <div class="profile-main">
                        {about}
                        {(!d.specialties.is_empty()).then(|| view! { <section><h2>{t.specialties}</h2><ul class="tag-list">{list(&d.specialties)}</ul></section> })}
                        {(!d.conditions.is_empty()).then(|| view! { <section><h2>{t.conditions}</h2><ul class="tag-list">{list(&d.conditions)}</ul></section> })}
                    </div>
                    <aside class="profile-side">
                        {(!d.languages.is_empty()).then(|| view! {
                            <p><strong>{t.speaks}{t.colon}</strong>{d.languages.iter().map(|l| spoken_language_name(lang, l)).collect::<Vec<_>>().join(t.list_sep)}</p>
                        })}
                        {d.gender.map(|g| view! { <p><strong>{t.facet_gender}{t.colon}</strong>{gender_name(lang, g)}</p> })}
                        {d.verified.clone().map(|v| view! {
                            <p class="muted">{t.last_verified}{t.colon}<time datetime=v.to_string()>{format_date(lang, &v)}</time></p>
                        })}
                    </aside>
                </div>
                // The timetable spans the page's width: beside the sidebar it had to scroll.
                <section class="profile-timetable">
                    <h2>{t.timetable}</h2>
                    {timetable}
                </section>
                {education}
                {in_the_news}
                {(!colleagues.is_empty()).then(|| {
                    let first_dept = d.departments.first().cloned().unwrap_or_default();
                    view! {
                        <section>
                            <h2>{t.colleagues}</h2>
                            <ul class="link-list columns">{colleagues.iter().map(|c| {
                                let soon = prefetch_profile(&data, data.doctor_place(&c.id));
                                let (on_pointer, on_focus) = (soon.clone(), soon);
                                view! {
                                    <li on:pointerenter=move |_| on_pointer() on:focusin=move |_| on_focus()>
                                        {link(Route::Doctor(c.id.clone()), None, text_view(&c.name, lang))} " · " {crate::components::rank_line(c, lang)}
                                    </li>
                                }
                            }).collect_view()}</ul>
                            <p><Link to=Route::Doctors(DoctorQuery { departments: vec![first_dept.to_string()], ..Default::default() })>{t.find_a_doctor}</Link></p>
                        </section>
                    }
                })}
            </article>
        }
    })
    .into_any()
}
