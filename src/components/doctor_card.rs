use super::{prefetch_profile, AcceptingBadge, Avatar, Highlighted, MatchReasons};
use crate::data::use_data;
use crate::i18n::{clinic_name, half_day_name, messages, spoken_language_name};
use crate::nav::Link;
use crate::ui::{tel_href, text_view};
use hospital_core::route::Route;
use hospital_core::schedule::{self, Now};
use hospital_core::{Doctor, Lang};
use leptos::prelude::*;

/// One doctor in a result list: name (both scripts), rank, departments, what they treat,
/// languages, next clinics and whether they take new patients. The search terms are a
/// signal, so a card that stays while the query grows is only re-highlighted.
#[component]
pub fn DoctorCard(
    doctor: Doctor,
    lang: Lang,
    terms: Memo<Vec<String>>,
    /// Where "next clinics" count from: the hospital's clock.
    now: Now,
    /// The doctor's place in the dataset, and the query text: for what matched.
    index: usize,
    #[prop(into)] query: Signal<String>,
    /// The card sits under a section's own `h2` ("Other doctors of …"): its name is an `h3`.
    #[prop(optional)]
    in_section: bool,
) -> impl IntoView {
    let t = messages(lang);
    let data = use_data();
    let name = doctor.name.get(lang);
    let other_name = doctor
        .name
        .exact(lang.other())
        .filter(|o| *o != name.text)
        .map(str::to_string);
    let name_lang = name.lang.filter(|l| *l != lang).map(Lang::code);
    let name_text = name.text.to_string();
    let departments = doctor
        .departments
        .iter()
        .filter_map(|id| data.department(id))
        .map(|dep| view! { <span class="dept">{text_view(&dep.name, lang)}</span> })
        .collect_view();
    let specialties: Vec<String> = doctor
        .specialties
        .iter()
        .take(3)
        .map(|s| s.get(lang).text.to_string())
        .collect();
    let upcoming = upcoming_clinics(&doctor, lang, now);
    let languages: Vec<String> = doctor
        .languages
        .iter()
        .map(|l| spoken_language_name(lang, l))
        .collect();
    let route = Route::Doctor(doctor.id.clone());
    let book = book_action(&doctor, lang);
    let name_parts = view! {
        <Link to=route><span lang=name_lang><Highlighted text=name_text terms=terms/></span></Link>
        {other_name.map(|o| view! { " " <span class="other-name" lang=lang.other().code()><Highlighted text=o terms=terms/></span> })}
    };
    // A large hospital's profile fetches what only it shows: begun when the pointer or
    // the focus reaches the name, the file is often there by the click.
    let soon = prefetch_profile(&data, Some(index));
    let (on_pointer, on_focus) = (soon.clone(), soon);
    let heading = if in_section {
        view! { <h3 class="doctor-name" on:pointerenter=move |_| on_pointer() on:focusin=move |_| on_focus()>{name_parts}</h3> }.into_any()
    } else {
        view! { <h2 class="doctor-name" on:pointerenter=move |_| on_pointer() on:focusin=move |_| on_focus()>{name_parts}</h2> }.into_any()
    };
    view! {
        <li class="doctor-card">
            <Avatar doctor=doctor.clone() lang=lang/>
            <div class="doctor-card-body">
                {heading}
                <p class="rank">{rank_line(&doctor, lang)} " · " {departments}</p>
                {(!specialties.is_empty()).then(|| view! {
                    <p class="specialties"><Highlighted text=specialties.join(" · ") terms=terms/></p>
                })}
                <MatchReasons doctor=index lang query/>
                {(!languages.is_empty()).then(|| view! { <p class="languages">{t.speaks}{t.colon}{languages.join(t.list_sep)}</p> })}
                <p class="next">
                    <span class="label">{t.next_clinics}{t.colon}</span>
                    {if upcoming.is_empty() { t.no_clinics.to_string() } else { upcoming.join(t.clause_sep) }}
                </p>
                <p class="card-actions">
                    <AcceptingBadge accepting=doctor.accepting_new_patients/>
                    {book}
                </p>
            </div>
        </li>
    }
}

/// The clinical rank, with the academic title beside it: "Chief Physician, Professor", "主任医师、教授".
pub fn rank_line(doctor: &Doctor, lang: Lang) -> String {
    let rank = doctor.title_name(lang);
    match doctor.academic_title {
        Some(a) => format!("{rank}{}{}", messages(lang).list_sep, a.name(lang)),
        None => rank.to_string(),
    }
}

/// "Book" where the doctor can be booked: online if the link is a web address, else by phone.
/// The doctor's name is in the accessible name, since every card has one.
fn book_action(doctor: &Doctor, lang: Lang) -> Option<impl IntoView> {
    let t = messages(lang);
    let booking = doctor.booking.as_ref()?;
    let name = doctor.name.get(lang).text;
    let label = (t.book_doctor)(name);
    if let Some(url) = booking
        .url
        .clone()
        .filter(|u| hospital_core::urls::is_web_url(u))
    {
        return Some(view! { <a class="button button-small book" href=url rel="noopener noreferrer" aria-label=label>{t.book}</a> }.into_any());
    }
    let phone = booking.phone.clone()?;
    Some(view! { <a class="button button-small book" href=tel_href(&phone) aria-label=label>{t.book}</a> }.into_any())
}

/// The doctor's next two clinics from `now`, with their dates: "Wed 3 Dec, afternoon · Expert clinic".
fn upcoming_clinics(doctor: &Doctor, lang: Lang, now: Now) -> Vec<String> {
    let t = messages(lang);
    schedule::upcoming(doctor, now, 2)
        .into_iter()
        .map(|o| {
            (t.clinic_when)(
                &schedule::date_label(lang, o.date),
                half_day_name(lang, o.half_day),
                clinic_name(lang, o.clinic),
            )
        })
        .collect()
}
