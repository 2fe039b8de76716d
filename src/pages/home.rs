//! `/`: the hospital's front door. What visitors come for comes first: finding a doctor,
//! the emergency department, the campuses; then the latest news.

use crate::components::{ArticlesStatus, NewsCard, PhoneLinks};
use crate::data::use_data;
use crate::head::{set_head, Head};
use crate::nav::{use_nav, Link};
use crate::ui::{tel_href, text_view, use_ui};
use hospital_core::route::{DoctorQuery, NewsQuery, Route};
use leptos::prelude::*;

/// How many of the newest articles the front page shows.
const LATEST: usize = 3;

#[component]
pub fn HomePage() -> impl IntoView {
    let ui = use_ui();
    let data = use_data();
    {
        let data = data.clone();
        Effect::new(move || {
            let lang = ui.lang.get();
            let h = &data.dataset.hospital;
            set_head(Head {
                title: h.name.get(lang).text.to_string(),
                description: h.description.get(lang).text.to_string(),
                ..Head::default()
            });
        });
    }
    move || {
        let t = ui.t();
        let lang = ui.lang.get();
        let h = &data.dataset.hospital;
        let cards = {
            let data = data.clone();
            // Changes once, when the articles arrive: a failed load, and Retry, stay
            // with the status shown meanwhile.
            let ready = {
                let data = data.clone();
                Memo::new(move |_| data.articles_ready())
            };
            move || {
                if !ready.get() {
                    return view! { <ArticlesStatus part=true/> }.into_any();
                }
                let lang = ui.lang.get();
                let latest = data.news_page(&NewsQuery::default(), LATEST, &expect_context());
                let cards = (latest.items.iter())
                    .filter_map(|&i| data.articles().get(i).cloned())
                    .map(|article| view! { <NewsCard article lang terms=Vec::new()/> })
                    .collect_view();
                view! { <ol class="news-list">{cards}</ol> }.into_any()
            }
        };
        view! {
            <div class="home">
                <h1>{text_view(&h.name, lang)}</h1>
                {(!h.description.is_blank()).then(|| view! { <p class="lede">{text_view(&h.description, lang)}</p> })}
                <DoctorSearchForm/>
                {h.emergency.clone().map(|e| {
                    // The campus line only where the hours do not already name it.
                    let hours = e.hours.get(lang).text.to_string();
                    let campus = e.campus.as_deref().and_then(|id| data.dataset.campus(id))
                        .filter(|c| !hours.contains(c.name.get(lang).text))
                        .map(|c| text_view(&c.name, lang));
                    view! {
                        <section class="home-emergency" aria-labelledby="home-emergency">
                            <h2 id="home-emergency">{t.emergency_title}</h2>
                            <p class="emergency-phone"><a href=tel_href(&e.phone) class="button button-urgent">{phone_label((t.emergency_call)(&e.phone), &e.phone)}</a></p>
                            {(!e.hours.is_blank()).then(|| view! { <p>{text_view(&e.hours, lang)}</p> })}
                            {campus.map(|c| view! { <p class="muted">{t.campus}{t.colon}{c}</p> })}
                        </section>
                    }
                })}
                <section class="home-contacts" aria-labelledby="home-campuses">
                    <h2 id="home-campuses">{t.campuses_title}</h2>
                    <ul class="campus-list">
                        {h.campuses.iter().map(|c| {
                            // Only an http(s) map link becomes a link.
                            let map = c.map_url.clone().filter(|u| hospital_core::urls::is_safe_link(u));
                            let map_label = (t.open_map)(c.name.get(lang).text);
                            view! {
                                <li class="campus-card">
                                    <h3>{text_view(&c.name, lang)}</h3>
                                    {(!c.address.is_blank()).then(|| view! { <p>{text_view(&c.address, lang)}</p> })}
                                    {c.phone.clone().map(|p| view! { <p>{t.phone}{t.colon}<PhoneLinks phone=p.clone()/></p> })}
                                    {map.map(|u| view! { <p><a href=u rel="noopener" target="_blank">{map_label}</a></p> })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    {h.phone.clone().map(|p| view! {
                        <p class="switchboard">{t.phone}{t.colon}<PhoneLinks phone=p.clone()/></p>
                    })}
                    <p><Link to=Route::Departments>{t.all_departments}</Link></p>
                </section>
                <section class="home-news" aria-labelledby="home-news">
                    <h2 id="home-news">{t.latest_news}</h2>
                    {cards.clone()}
                    <p><Link to=Route::News(NewsQuery::default()) class="button">{t.all_news}</Link></p>
                </section>
            </div>
        }
    }
}

/// A label with the phone number in it, the number kept on one line.
fn phone_label(label: String, phone: &str) -> impl IntoView {
    match label.find(phone) {
        Some(at) => {
            let (before, rest) = label.split_at(at);
            let after = &rest[phone.len()..];
            view! { {before.to_string()}<span class="nowrap">{phone.to_string()}</span>{after.to_string()} }.into_any()
        }
        None => label.into_any(),
    }
}

/// A search box that opens the finder with what was typed. A plain GET form, so it
/// also works as a link to `/doctors?q=…` where the app is not running.
#[component]
fn DoctorSearchForm() -> impl IntoView {
    let ui = use_ui();
    let nav = use_nav();
    let input = NodeRef::<leptos::html::Input>::new();
    let action = nav.href(&Route::Doctors(DoctorQuery::default()));
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let q = input.get_untracked().map(|i| i.value()).unwrap_or_default();
        nav.go(
            Route::Doctors(DoctorQuery {
                q,
                ..Default::default()
            }),
            false,
        );
    };
    view! {
        <section class="home-search" aria-labelledby="home-search-title">
            <h2 id="home-search-title">{move || ui.t().home_search_title}</h2>
            <form id="home-search" role="search" action=action method="get" on:submit=on_submit>
                <label for="home-q">{move || ui.t().doctor_search_label}</label>
                <div class="search-row">
                    <input id="home-q" name="q" type="search" autocomplete="off" spellcheck="false"
                        aria-describedby="home-q-hint"
                        placeholder=move || ui.t().doctor_search_placeholder node_ref=input/>
                    <button type="submit" class="button">{move || ui.t().search_button}</button>
                </div>
                <p id="home-q-hint" class="hint">{move || ui.t().doctor_search_hint}</p>
            </form>
        </section>
    }
}
