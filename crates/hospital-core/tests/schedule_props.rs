//! "Next clinics" against walking the calendar half-day by half-day.

use hospital_core::model::{ClinicType, Doctor, HalfDay, Session, Weekday};
use hospital_core::schedule::{cancellations, half_day_at, upcoming, Date, Now};
use hospital_core::search::next_session;
use proptest::prelude::*;
use proptest::sample::select;

fn session() -> impl Strategy<Value = Session> {
    (
        select(Weekday::ALL.to_vec()),
        select(HalfDay::ALL.to_vec()),
        select(ClinicType::ALL.to_vec()),
        prop::bool::weighted(0.25),
    )
        .prop_map(|(weekday, half_day, clinic, cancelled)| Session {
            weekday,
            half_day,
            clinic,
            campus: None,
            room: None,
            cancelled,
            note: None,
        })
}

fn now() -> impl Strategy<Value = Now> {
    (1990i32..2100, 1u32..=12, 1u32..=31, 0u32..24, 0u32..60)
        .prop_filter_map("a real date", |(y, m, d, h, min)| Now::new(y, m, d, h, min))
}

/// (date, index in the timetable) of the next `n` sessions that are not
/// cancelled, found by stepping through the half-days from `now` on.
fn walked(doctor: &Doctor, now: Now, n: usize) -> Vec<(Date, usize)> {
    let mut out = Vec::new();
    if doctor.schedule.iter().all(|s| s.cancelled) {
        return out;
    }
    let mut date = now.date;
    let mut half = HalfDay::ALL
        .iter()
        .position(|h| *h == half_day_at(now.hour()))
        .unwrap_or(0);
    while out.len() < n {
        for (i, s) in doctor.schedule.iter().enumerate() {
            if !s.cancelled
                && s.weekday == date.weekday()
                && s.half_day == HalfDay::ALL[half]
                && out.len() < n
            {
                out.push((date, i));
            }
        }
        half += 1;
        if half == HalfDay::ALL.len() {
            half = 0;
            date = date.add_days(1);
        }
    }
    out
}

fn index_of(doctor: &Doctor, s: &Session) -> usize {
    doctor
        .schedule
        .iter()
        .position(|x| std::ptr::eq(x, s))
        .unwrap_or(usize::MAX)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn upcoming_is_the_calendar_walked(
        schedule in prop::collection::vec(session(), 0..6),
        now in now(),
        n in 0usize..8,
    ) {
        let doctor = Doctor { schedule, ..Doctor::default() };
        let got: Vec<(Date, usize)> = upcoming(&doctor, now, n)
            .iter()
            .map(|o| (o.date, index_of(&doctor, o.session)))
            .collect();
        prop_assert_eq!(&got, &walked(&doctor, now, n));
        for o in upcoming(&doctor, now, n) {
            prop_assert_eq!(o.date.weekday(), o.weekday);
            prop_assert_eq!((o.weekday, o.half_day, o.clinic), (o.session.weekday, o.session.half_day, o.session.clinic));
        }
        // The soonest sort's session is the first upcoming one.
        let first = upcoming(&doctor, now, 1);
        prop_assert_eq!(
            first.first().map(|o| index_of(&doctor, o.session)),
            next_session(&doctor, now.slot()).map(|(_, s)| index_of(&doctor, s))
        );
    }

    #[test]
    fn a_cancelled_session_is_off_on_its_next_date(
        schedule in prop::collection::vec(session(), 0..6),
        now in now(),
    ) {
        let doctor = Doctor { schedule, ..Doctor::default() };
        let off = cancellations(&doctor, now);
        prop_assert_eq!(off.len(), doctor.schedule.iter().filter(|s| s.cancelled).count());
        for o in &off {
            // Within the coming week, on the session's weekday, and not in a
            // half-day of today that is already over.
            let days = o.date.days_since_1970() - now.date.days_since_1970();
            prop_assert!((0..7).contains(&days) || (days == 7 && o.weekday == now.date.weekday()));
            prop_assert_eq!(o.date.weekday(), o.session.weekday);
            prop_assert!(o.session.cancelled);
            if days == 0 {
                prop_assert!(o.half_day >= half_day_at(now.hour()));
            }
            if days == 7 {
                prop_assert!(o.half_day < half_day_at(now.hour()));
            }
        }
        prop_assert!(off.windows(2).all(|w| (w[0].date, w[0].half_day) <= (w[1].date, w[1].half_day)));
    }
}
