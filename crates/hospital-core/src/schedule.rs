//! Clinic times on the calendar: a doctor's weekly sessions as dated occurrences
//! ("Wed 3 Dec, afternoon, expert clinic"), counted from "now" in the hospital's
//! time zone.
//!
//! The core has no clock and no time-zone data: the app works out the hospital's
//! civil date and time (the browser's `Intl` can, given the zone's name) and passes
//! plain numbers ([`Now::new`]). Dates are proleptic Gregorian, years 1 to 9999.
//!
//! A session's half-day counts as upcoming while it is under way: at 11:30 a
//! morning session of today is still listed, as the finder's "soonest clinic" order
//! counts it ([`crate::search::next_session`]). A session marked `cancelled` is called off
//! for its next occurrence: it is left out of [`upcoming`], and [`cancellations`]
//! says which date it is called off for.

use crate::labels::Label;
use crate::model::{ClinicType, Doctor, HalfDay, Session, Weekday};
use crate::route::Slot;
use crate::search::{slot_index, SLOTS_PER_WEEK};
use crate::text::Lang;

/// A day of the calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn month_length(year: i32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days from 1 March of year 0 to the date: years are counted from March, so the
/// leap day is the last day of its year and the months before it have fixed offsets.
fn days_from_march_0(year: i32, month: u32, day: u32) -> i64 {
    let y = i64::from(if month <= 2 { year - 1 } else { year });
    // March is month 0 of the shifted year; (153 m + 2) / 5 is the day of the year
    // each month begins on (31, 30, 31, 30, 31, 31, 30, 31, 30, 31, 31, 29/28).
    let m = i64::from((month + 9) % 12);
    let day_of_year = (153 * m + 2) / 5 + i64::from(day) - 1;
    365 * y + y.div_euclid(4) - y.div_euclid(100) + y.div_euclid(400) + day_of_year
}

const FIRST_YEAR: i32 = 1;
const LAST_YEAR: i32 = 9999;

impl Date {
    /// The date, if it exists (`2026, 2, 29` does not).
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        let ok = (FIRST_YEAR..=LAST_YEAR).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= month_length(year, month);
        ok.then_some(Date {
            year,
            month: month as u8,
            day: day as u8,
        })
    }

    /// `YYYY-MM-DD`, as the dataset writes dates.
    pub fn parse_iso(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            let part = s.get(r)?;
            part.bytes()
                .all(|c| c.is_ascii_digit())
                .then(|| part.parse().ok())?
        };
        Date::new(num(0..4)? as i32, num(5..7)?, num(8..10)?)
    }

    pub fn year(self) -> i32 {
        self.year
    }

    /// 1 for January.
    pub fn month(self) -> u32 {
        u32::from(self.month)
    }

    pub fn day(self) -> u32 {
        u32::from(self.day)
    }

    /// Days since 1 January 1970 (negative before).
    pub fn days_since_1970(self) -> i64 {
        days_from_march_0(self.year, self.month(), self.day()) - days_from_march_0(1970, 1, 1)
    }

    fn from_days_since_1970(days: i64) -> Date {
        let z = days + days_from_march_0(1970, 1, 1);
        // The March-based year y runs from 1 March of y to the end of February;
        // a first guess from the mean year length, then corrected by a step or two.
        let march_1 = |y: i64| days_from_march_0(y as i32, 3, 1);
        let mut y = (z * 400).div_euclid(146_097);
        while march_1(y + 1) <= z {
            y += 1;
        }
        while march_1(y) > z {
            y -= 1;
        }
        let day_of_year = z - march_1(y);
        let m = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * m + 2) / 5 + 1;
        let month = if m < 10 { m + 3 } else { m - 9 };
        let year = if month <= 2 { y + 1 } else { y };
        Date {
            year: year as i32,
            month: month as u8,
            day: day as u8,
        }
    }

    /// The date `n` days later (earlier for negative `n`), kept within years
    /// 1 to 9999.
    pub fn add_days(self, n: i64) -> Date {
        let lo = days_from_march_0(FIRST_YEAR, 1, 1) - days_from_march_0(1970, 1, 1);
        let hi = days_from_march_0(LAST_YEAR, 12, 31) - days_from_march_0(1970, 1, 1);
        Date::from_days_since_1970(self.days_since_1970().saturating_add(n).clamp(lo, hi))
    }

    pub fn weekday(self) -> Weekday {
        // 1 January 1970 was a Thursday.
        let i = (self.days_since_1970() + 3).rem_euclid(7) as usize;
        Weekday::ALL[i]
    }

    /// `YYYY-MM-DD`.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// The month's names: "December" and "12月".
pub fn month_label(month: u32) -> Option<Label> {
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    const ZH: [&str; 12] = [
        "1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月",
    ];
    let i = (month as usize).checked_sub(1)?;
    Some(Label {
        en: EN.get(i)?,
        zh: ZH.get(i)?,
    })
}

/// A date as "next clinics" writes it: "Wed 3 Dec", "12月3日 周三".
pub fn date_label(lang: Lang, date: Date) -> String {
    let weekday = date.weekday().short_name(lang);
    let month = month_label(date.month()).unwrap_or(Label { en: "", zh: "" });
    match lang {
        Lang::En => format!(
            "{weekday} {} {}",
            date.day(),
            month.en.get(..3).unwrap_or("")
        ),
        Lang::Zh => format!("{}{}日 {weekday}", month.zh, date.day()),
    }
}

/// The half-day an hour of the day falls in: mornings until noon, afternoons until
/// six, evenings after.
pub fn half_day_at(hour: u32) -> HalfDay {
    match hour {
        0..=11 => HalfDay::Morning,
        12..=17 => HalfDay::Afternoon,
        _ => HalfDay::Evening,
    }
}

/// The civil date and time in the hospital's time zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Now {
    pub date: Date,
    hour: u8,
    minute: u8,
}

impl Now {
    /// `None` for a date that does not exist or a time outside 00:00–23:59.
    pub fn new(year: i32, month: u32, day: u32, hour: u32, minute: u32) -> Option<Now> {
        let date = Date::new(year, month, day)?;
        (hour < 24 && minute < 60).then_some(Now {
            date,
            hour: hour as u8,
            minute: minute as u8,
        })
    }

    pub fn hour(self) -> u32 {
        u32::from(self.hour)
    }

    pub fn minute(self) -> u32 {
        u32::from(self.minute)
    }

    /// The half-day of the week it is: what the "soonest clinic" order counts from.
    pub fn slot(self) -> Slot {
        Slot {
            weekday: self.date.weekday(),
            half_day: half_day_at(self.hour()),
        }
    }
}

/// The half-day after `s`, from Sunday evening on to Monday morning.
pub fn after(s: Slot) -> Slot {
    let next = (slot_index(s) + 1) % SLOTS_PER_WEEK;
    let per_day = HalfDay::ALL.len();
    Slot {
        weekday: Weekday::ALL[next / per_day],
        half_day: HalfDay::ALL[next % per_day],
    }
}

/// One dated occurrence of a weekly session.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Occurrence<'a> {
    pub date: Date,
    pub weekday: Weekday,
    pub half_day: HalfDay,
    pub clinic: ClinicType,
    /// The session's campus id, if it names one.
    pub campus: Option<&'a str>,
    /// The whole session: room, note.
    pub session: &'a Session,
}

fn session_slot(s: &Session) -> Slot {
    Slot {
        weekday: s.weekday,
        half_day: s.half_day,
    }
}

/// Half-days from `now` to the session's next occurrence, `now` itself being 0.
fn wait(now: Slot, s: &Session) -> usize {
    (slot_index(session_slot(s)) + SLOTS_PER_WEEK - slot_index(now)) % SLOTS_PER_WEEK
}

/// The occurrence `wait` half-days after `now`.
fn occurrence(now: Now, wait: usize, s: &Session) -> Occurrence<'_> {
    let per_day = HalfDay::ALL.len();
    let from = slot_index(now.slot());
    let days = (from + wait) / per_day - from / per_day;
    Occurrence {
        date: now.date.add_days(days as i64),
        weekday: s.weekday,
        half_day: s.half_day,
        clinic: s.clinic,
        campus: s.campus.as_deref(),
        session: s,
    }
}

/// The doctor's next `n` clinic sessions from `now` on, soonest first, each with
/// its date; sessions marked cancelled are left out. Two sessions in one half-day
/// come in the order the timetable lists them. The weekly timetable repeats, so a
/// doctor with any session has as many occurrences as asked for.
pub fn upcoming(doctor: &Doctor, now: Now, n: usize) -> Vec<Occurrence<'_>> {
    let slot = now.slot();
    let mut open: Vec<(usize, &Session)> = doctor
        .schedule
        .iter()
        .filter(|s| !s.cancelled)
        .map(|s| (wait(slot, s), s))
        .collect();
    // Stable: ties keep the timetable's order.
    crate::sort::sort_by_key(&mut open, |&(w, _)| w);
    if open.is_empty() {
        return Vec::new();
    }
    (0..n)
        .map(|k| {
            let (w, s) = open[k % open.len()];
            occurrence(now, w + SLOTS_PER_WEEK * (k / open.len()), s)
        })
        .collect()
}

/// Each session marked cancelled, with the date it is called off for (its next
/// occurrence from `now`), soonest first.
pub fn cancellations(doctor: &Doctor, now: Now) -> Vec<Occurrence<'_>> {
    let slot = now.slot();
    let mut off: Vec<(usize, &Session)> = doctor
        .schedule
        .iter()
        .filter(|s| s.cancelled)
        .map(|s| (wait(slot, s), s))
        .collect();
    crate::sort::sort_by_key(&mut off, |&(w, _)| w);
    off.into_iter()
        .map(|(w, s)| occurrence(now, w, s))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::next_session;

    fn date(y: i32, m: u32, d: u32) -> Date {
        Date::new(y, m, d).expect("a real date")
    }

    fn session(weekday: Weekday, half_day: HalfDay, clinic: ClinicType, campus: &str) -> Session {
        Session {
            weekday,
            half_day,
            clinic,
            campus: Some(campus.into()),
            room: None,
            cancelled: false,
            note: None,
        }
    }

    #[test]
    fn dates_exist_or_not() {
        assert!(Date::new(2024, 2, 29).is_some());
        assert!(Date::new(2026, 2, 29).is_none());
        assert!(Date::new(1900, 2, 29).is_none());
        assert!(Date::new(2000, 2, 29).is_some());
        assert!(Date::new(2026, 4, 31).is_none());
        assert!(Date::new(2026, 13, 1).is_none());
        assert!(Date::new(2026, 1, 0).is_none());
        assert!(Date::new(0, 1, 1).is_none());
        assert_eq!(Date::parse_iso("2026-12-03"), Some(date(2026, 12, 3)));
        for bad in [
            "2026-12-3",
            "2026/12/03",
            "2026-02-30",
            "+026-12-03",
            "２026-12-03",
            "",
        ] {
            assert_eq!(Date::parse_iso(bad), None, "{bad}");
        }
        assert_eq!(date(987, 6, 5).iso(), "0987-06-05");
    }

    #[test]
    fn known_weekdays() {
        assert_eq!(date(1970, 1, 1).weekday(), Weekday::Thu);
        assert_eq!(date(2026, 12, 2).weekday(), Weekday::Wed);
        assert_eq!(date(2000, 2, 29).weekday(), Weekday::Tue);
        assert_eq!(date(1, 1, 1).weekday(), Weekday::Mon);
        assert_eq!(date(9999, 12, 31).weekday(), Weekday::Fri);
        assert_eq!(date(1970, 1, 1).days_since_1970(), 0);
        assert_eq!(date(2026, 12, 2).days_since_1970(), 20_789);
    }

    /// Every day from 1600 to 2400, walked one at a time with the month lengths,
    /// against the arithmetic.
    #[test]
    fn day_arithmetic_agrees_with_walking_the_calendar() {
        let start = date(1600, 1, 1);
        let base = start.days_since_1970();
        let (mut y, mut m, mut d) = (1600, 1, 1);
        let mut weekday = start.weekday().index();
        for i in 0..292_194i64 {
            let walked = date(y, m, d);
            assert_eq!(start.add_days(i), walked, "day {i}");
            assert_eq!(walked.days_since_1970(), base + i);
            assert_eq!(walked.weekday().index(), weekday);
            assert_eq!(walked.add_days(-i), start);
            d += 1;
            if d > month_length(y, m) {
                d = 1;
                m += 1;
                if m > 12 {
                    m = 1;
                    y += 1;
                }
            }
            weekday = (weekday + 1) % 7;
        }
        assert_eq!((y, m, d), (2400, 1, 1));
        assert_eq!(date(1, 1, 1).add_days(-5), date(1, 1, 1), "kept in range");
        assert_eq!(date(9999, 12, 30).add_days(i64::MAX), date(9999, 12, 31));
    }

    #[test]
    fn now_and_its_half_day() {
        assert!(Now::new(2026, 12, 2, 24, 0).is_none());
        assert!(Now::new(2026, 12, 2, 23, 60).is_none());
        assert!(Now::new(2026, 2, 30, 9, 0).is_none());
        let at = |h| Now::new(2026, 12, 2, h, 59).map(|n| n.slot());
        let wed = |half_day| {
            Some(Slot {
                weekday: Weekday::Wed,
                half_day,
            })
        };
        assert_eq!(at(0), wed(HalfDay::Morning));
        assert_eq!(at(11), wed(HalfDay::Morning));
        assert_eq!(at(12), wed(HalfDay::Afternoon));
        assert_eq!(at(17), wed(HalfDay::Afternoon));
        assert_eq!(at(18), wed(HalfDay::Evening));
        assert_eq!(at(23), wed(HalfDay::Evening));
    }

    #[test]
    fn after_walks_the_week_round() {
        let mut s = Slot {
            weekday: Weekday::Mon,
            half_day: HalfDay::Morning,
        };
        let start = s;
        for i in 1..=SLOTS_PER_WEEK {
            let next = after(s);
            assert_eq!(slot_index(next), i % SLOTS_PER_WEEK);
            s = next;
        }
        assert_eq!(s, start);
        let sunday_evening = Slot {
            weekday: Weekday::Sun,
            half_day: HalfDay::Evening,
        };
        assert_eq!(after(sunday_evening), start);
    }

    #[test]
    fn upcoming_sessions_with_their_dates() {
        use ClinicType::*;
        use HalfDay::*;
        use Weekday::*;
        let doctor = Doctor {
            schedule: vec![
                session(Mon, Morning, Expert, "main"),
                Session {
                    cancelled: true,
                    ..session(Fri, Afternoon, Expert, "east")
                },
                session(Wed, Afternoon, General, "east"),
                session(Wed, Morning, Special, "main"),
            ],
            ..Doctor::default()
        };
        // Wednesday 2 December 2026, 10:15: this morning's session is under way.
        let now = Now::new(2026, 12, 2, 10, 15).expect("now");
        let next = upcoming(&doctor, now, 5);
        let seen: Vec<(String, HalfDay, ClinicType, Option<&str>)> = next
            .iter()
            .map(|o| (o.date.iso(), o.half_day, o.clinic, o.campus))
            .collect();
        assert_eq!(
            seen,
            [
                ("2026-12-02".to_string(), Morning, Special, Some("main")),
                ("2026-12-02".to_string(), Afternoon, General, Some("east")),
                ("2026-12-07".to_string(), Morning, Expert, Some("main")),
                ("2026-12-09".to_string(), Morning, Special, Some("main")),
                ("2026-12-09".to_string(), Afternoon, General, Some("east")),
            ],
            "Friday's session is cancelled"
        );
        assert!(next.iter().all(|o| o.date.weekday() == o.weekday));
        // In the afternoon, the morning is over.
        let later = Now::new(2026, 12, 2, 12, 0).expect("now");
        assert_eq!(upcoming(&doctor, later, 1)[0].half_day, Afternoon);
        // The cancelled session is called off for this Friday.
        let off = cancellations(&doctor, now);
        assert_eq!(off.len(), 1);
        assert_eq!(off[0].date, date(2026, 12, 4));
        assert_eq!((off[0].weekday, off[0].half_day), (Fri, Afternoon));
        assert!(off[0].session.cancelled);
        // From Saturday on, it is next week's Friday; the year turns over on the way.
        let sat = Now::new(2026, 12, 26, 9, 0).expect("now");
        assert_eq!(cancellations(&doctor, sat)[0].date, date(2027, 1, 1));
        assert_eq!(upcoming(&doctor, sat, 1)[0].date, date(2026, 12, 28));
        assert!(upcoming(&Doctor::default(), now, 3).is_empty());
        assert!(upcoming(&doctor, now, 0).is_empty());
    }

    #[test]
    fn the_first_upcoming_is_the_soonest_sorts_session() {
        use HalfDay::*;
        use Weekday::*;
        let doctor = Doctor {
            schedule: vec![
                session(Thu, Evening, ClinicType::General, "a"),
                session(Tue, Morning, ClinicType::Expert, "b"),
                session(Tue, Morning, ClinicType::Special, "c"),
                Session {
                    cancelled: true,
                    ..session(Mon, Afternoon, ClinicType::General, "d")
                },
            ],
            ..Doctor::default()
        };
        // Every half-day of a week, 30 November to 6 December 2026.
        for day in 0..7 {
            for hour in [8, 14, 20] {
                let d = date(2026, 11, 30).add_days(day);
                let now = Now::new(d.year(), d.month(), d.day(), hour, 0).expect("now");
                let first = upcoming(&doctor, now, 1);
                let soonest = next_session(&doctor, now.slot());
                assert_eq!(
                    first.first().map(|o| o.session as *const Session),
                    soonest.map(|(_, s)| s as *const Session),
                    "{now:?}"
                );
            }
        }
    }

    #[test]
    fn dates_as_next_clinics_writes_them() {
        assert_eq!(date_label(Lang::En, date(2026, 12, 3)), "Thu 3 Dec");
        assert_eq!(date_label(Lang::Zh, date(2026, 12, 3)), "12月3日 周四");
        assert_eq!(date_label(Lang::En, date(2027, 5, 31)), "Mon 31 May");
        for m in 1..=12 {
            let l = month_label(m).expect("a month");
            assert!(l.zh.starts_with(&m.to_string()) && l.zh.ends_with('月'));
            assert!(l.en.len() >= 3);
        }
        assert!(month_label(0).is_none() && month_label(13).is_none());
    }
}
