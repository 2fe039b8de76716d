use super::{AcceptingBadge, Avatar, Highlighted};
use crate::data::use_data;
use crate::i18n::{clinic_name, half_day_name, messages, spoken_language_name, weekday_short};
use crate::nav::Link;
use crate::ui::text_view;
use hospital_core::model::{HalfDay, Weekday};
use hospital_core::route::{Route, Slot};
use hospital_core::search::next_session;
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
    /// Where "next clinics" count from.
    now: Slot,
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
    view! {
        <li class="doctor-card">
            <Avatar doctor=doctor.clone() lang=lang/>
            <div class="doctor-card-body">
                <h2 class="doctor-name">
                    <Link to=route><span lang=name_lang><Highlighted text=name_text terms=terms/></span></Link>
                    {other_name.map(|o| view! { " " <span class="other-name" lang=lang.other().code()><Highlighted text=o terms=terms/></span> })}
                </h2>
                <p class="rank">{t.rank(lang, doctor.title)} " · " {departments}</p>
                {(!specialties.is_empty()).then(|| view! {
                    <p class="specialties"><Highlighted text=specialties.join(" · ") terms=terms/></p>
                })}
                {(!languages.is_empty()).then(|| view! { <p class="languages">{t.speaks} ": " {languages.join(", ")}</p> })}
                <p class="next">
                    <span class="label">{t.next_clinics} ": "</span>
                    {if upcoming.is_empty() { t.no_clinics.to_string() } else { upcoming.join("; ") }}
                </p>
                <p>
                    <AcceptingBadge accepting=doctor.accepting_new_patients/>
                </p>
            </div>
        </li>
    }
}

/// The doctor's next two sessions from `now`, as "Tue Afternoon · Expert clinic".
fn upcoming_clinics(doctor: &Doctor, lang: Lang, now: Slot) -> Vec<String> {
    (0..2)
        .scan(now, |from, _| {
            let (_, s) = next_session(doctor, *from)?;
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
        .collect()
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
