use crate::clock::hospital_now;
use crate::data::use_data;
use crate::i18n::{clinic_name, half_day_name, weekday_name};
use crate::ui::{text_view, use_ui};
use hospital_core::model::{HalfDay, Session, Weekday};
use hospital_core::route::Slot;
use hospital_core::schedule::{date_label, Date, Now};
use hospital_core::search::slot_index;
use leptos::prelude::*;

/// A weekly outpatient timetable, twice: a real table (weekdays across, half-days down,
/// each cell naming the clinic type, campus and room, or that the session is cancelled)
/// inside its own labelled, focusable scroll region, and the same sessions as a list per
/// day. The stylesheet shows the list where the table would not fit (a container query
/// on `.timetable-block`, so a narrow widget gets it too) and hides the other one, so
/// assistive technology meets one of them at a time.
#[component]
pub fn Timetable(sessions: Vec<Session>, #[prop(into)] caption: String) -> impl IntoView {
    let ui = use_ui();
    let data = use_data();
    let lang = ui.lang.get_untracked();
    let t = ui.t();
    // Weekend and evening columns and rows only appear when someone works then.
    let days: Vec<Weekday> = Weekday::ALL
        .iter()
        .copied()
        .filter(|d| d.index() < 5 || sessions.iter().any(|s| s.weekday == *d))
        .collect();
    let halves: Vec<HalfDay> = HalfDay::ALL
        .iter()
        .copied()
        .filter(|h| *h != HalfDay::Evening || sessions.iter().any(|s| s.half_day == *h))
        .collect();
    let now = hospital_now(data.dataset.hospital.timezone());
    // What one session says, in the table's cell and in the list's line alike.
    let details = move |s: &Session| {
        let cancelled = s
            .cancelled
            .then(|| (t.cancelled_on)(&date_label(lang, called_off_for(s, now))));
        let campus = s
            .campus
            .as_deref()
            .and_then(|c| data.dataset.campus(c))
            .map(|c| text_view(&c.name, lang));
        view! {
            <span class=format!("clinic clinic-{}", s.clinic.key())>{clinic_name(lang, s.clinic)}</span>
            {cancelled.map(|c| view! { <strong class="cancelled-label">{c}</strong> })}
            {campus.map(|c| view! { <span class="where">{c}</span> })}
            {s.room.as_ref().map(|r| view! { <span class="where">{text_view(r, lang)}</span> })}
            {s.note.as_ref().map(|n| view! { <span class="note">{text_view(n, lang)}</span> })}
        }
    };
    let cell = |s: &Session| {
        view! { <div class="session" class:cancelled=s.cancelled>{details(s)}</div> }
    };
    let table = view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=caption.clone()>
            <table class="timetable">
                <caption>{caption.clone()}</caption>
                <thead>
                    <tr>
                        <td></td>
                        {days.iter().map(|d| view! {
                            <th scope="col">{weekday_name(lang, *d)}</th>
                        }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {halves.iter().map(|h| {
                        let h = *h;
                        view! {
                            <tr>
                                <th scope="row">{half_day_name(lang, h)}</th>
                                {days.iter().map(|d| {
                                    let here: Vec<&Session> = sessions.iter().filter(|s| s.weekday == *d && s.half_day == h).collect();
                                    view! { <td>{here.into_iter().map(&cell).collect_view()}</td> }
                                }).collect_view()}
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    };
    // Only the days with a session: an empty day in a list is noise.
    let by_day = days
        .iter()
        .filter_map(|d| {
            let mut here: Vec<&Session> = sessions.iter().filter(|s| s.weekday == *d).collect();
            hospital_core::sort::sort_by_key(&mut here, |s| {
                HalfDay::ALL.iter().position(|h| *h == s.half_day)
            });
            (!here.is_empty()).then(|| {
                view! {
                    <li>
                        <h3 class="timetable-day">{weekday_name(lang, *d)}</h3>
                        <ul>
                            {here.into_iter().map(|s| view! {
                                <li class="session" class:cancelled=s.cancelled>
                                    <span class="half-day">{half_day_name(lang, s.half_day)}</span>
                                    {details(s)}
                                </li>
                            }).collect_view()}
                        </ul>
                    </li>
                }
            })
        })
        .collect_view();
    view! {
        <div class="timetable-block">
            {table}
            <ul class="timetable-days" aria-label=caption.clone()>{by_day}</ul>
        </div>
    }
}

/// The date a session marked cancelled ("called off this week") is called off for:
/// its next occurrence from now, today's if it has not begun.
fn called_off_for(s: &Session, now: Now) -> Date {
    let today = now.date.weekday().index() as i64;
    let mut days = (s.weekday.index() as i64 - today).rem_euclid(7);
    let slot = Slot {
        weekday: s.weekday,
        half_day: s.half_day,
    };
    if days == 0 && slot_index(slot) < slot_index(now.slot()) {
        days = 7;
    }
    now.date.add_days(days)
}
