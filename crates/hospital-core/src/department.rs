//! What the department pages show, worked out from the dataset: a department's
//! doctors and its week of clinics (`/departments/<id>`), and the departments of
//! each campus with their doctors there (`/departments`).
//!
//! Where a doctor works: the campuses their sessions name; when a session names
//! none, or the doctor has no sessions, the department's own campuses. (The
//! finder's campus facet does the same over all of a doctor's departments; here
//! only the department in question counts.)

use crate::model::{Campus, Dataset, Department, Doctor, HalfDay, Session, Weekday};
use crate::text::Lang;

/// One doctor's session in a cell of the week overview.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Entry<'a> {
    pub doctor: &'a Doctor,
    pub session: &'a Session,
    /// The session's campus id; the department's when the session names none and
    /// the department has exactly one.
    pub campus: Option<&'a str>,
}

/// A department's doctors and its week at a glance.
#[derive(Clone, Debug, PartialEq)]
pub struct Overview<'a> {
    /// The department's doctors, most senior title first, then by name in the
    /// language asked.
    pub doctors: Vec<&'a Doctor>,
    /// The columns: Monday to Friday, and Saturday and Sunday when a doctor of the
    /// department has a session on them.
    pub days: Vec<Weekday>,
    /// The rows: morning and afternoon, and evening when a doctor has a session then.
    pub half_days: Vec<HalfDay>,
    /// The cells, row after row (`half_days`), a cell per day (`days`) in each.
    cells: Vec<Vec<Entry<'a>>>,
}

impl<'a> Overview<'a> {
    /// The sessions held on that half-day, in the order of `doctors`: each doctor
    /// once, with their first session there that is not cancelled. Empty for a
    /// day or half-day the overview does not show.
    pub fn cell(&self, weekday: Weekday, half_day: HalfDay) -> &[Entry<'a>] {
        let row = self.half_days.iter().position(|h| *h == half_day);
        let col = self.days.iter().position(|d| *d == weekday);
        match (row, col) {
            (Some(r), Some(c)) => self
                .cells
                .get(r * self.days.len() + c)
                .map_or(&[], Vec::as_slice),
            _ => &[],
        }
    }
}

fn members<'a>(ds: &'a Dataset, id: &'a str) -> impl Iterator<Item = &'a Doctor> + 'a {
    ds.doctors
        .iter()
        .filter(move |d| d.departments.iter().any(|x| x == id))
}

/// The overview of the department `id` (an id no record describes gets its
/// doctors all the same, and no campus to fall back on).
pub fn overview<'a>(ds: &'a Dataset, id: &'a str, lang: Lang) -> Overview<'a> {
    let mut doctors: Vec<&Doctor> = members(ds, id).collect();
    crate::sort::sort_by(&mut doctors, |a, b| {
        a.title
            .cmp(&b.title)
            .then_with(|| a.name.get(lang).text.cmp(b.name.get(lang).text))
    });
    let sessions = || doctors.iter().flat_map(|d| &d.schedule);
    let days: Vec<Weekday> = Weekday::ALL
        .iter()
        .copied()
        .filter(|w| w.index() < 5 || sessions().any(|s| s.weekday == *w))
        .collect();
    let half_days: Vec<HalfDay> = HalfDay::ALL
        .iter()
        .copied()
        .filter(|h| *h != HalfDay::Evening || sessions().any(|s| s.half_day == *h))
        .collect();
    let only_campus = match ds.department(id).map(|d| d.campuses.as_slice()) {
        Some([one]) => Some(one.as_str()),
        _ => None,
    };
    let mut cells = Vec::with_capacity(days.len() * half_days.len());
    for h in &half_days {
        for w in &days {
            let here = doctors
                .iter()
                .filter_map(|&doctor| {
                    let session = doctor
                        .schedule
                        .iter()
                        .find(|s| s.weekday == *w && s.half_day == *h && !s.cancelled)?;
                    Some(Entry {
                        doctor,
                        session,
                        campus: session.campus.as_deref().or(only_campus),
                    })
                })
                .collect();
            cells.push(here);
        }
    }
    Overview {
        doctors,
        days,
        half_days,
        cells,
    }
}

/// Whether the doctor works at `campus` for the department `dept` (see the module
/// comment); `None` asks whether they work at no campus at all.
fn works_at(doctor: &Doctor, dept: Option<&Department>, campus: Option<&str>) -> bool {
    let declared = dept.map_or(&[][..], |d| d.campuses.as_slice());
    let falls_back =
        doctor.schedule.is_empty() || doctor.schedule.iter().any(|s| s.campus.is_none());
    let mut at = doctor
        .schedule
        .iter()
        .filter_map(|s| s.campus.as_deref())
        .chain(declared.iter().map(String::as_str).filter(|_| falls_back));
    match campus {
        Some(c) => at.any(|x| x == c),
        None => at.next().is_none(),
    }
}

/// A campus and its departments, each with the number of its doctors working
/// there.
#[derive(Clone, Debug, PartialEq)]
pub struct CampusDepartments<'a> {
    /// `None` for the departments and doctors at no campus.
    pub campus: Option<&'a Campus>,
    pub departments: Vec<(&'a Department, usize)>,
}

/// The departments list, campus by campus in the dataset's order, each with its
/// departments in the dataset's order. A department is listed under each campus it
/// names or one of its doctors works at, with the number of its doctors working
/// there, so a doctor at two campuses counts at both. Last, a group without a
/// campus: departments listed nowhere else and those with doctors at no campus.
/// Campuses with no department are left out.
pub fn by_campus(ds: &Dataset) -> Vec<CampusDepartments<'_>> {
    let mut groups: Vec<CampusDepartments> = Vec::new();
    let mut placed = vec![false; ds.departments.len()];
    for campus in &ds.hospital.campuses {
        let c = campus.id.as_str();
        let mut departments = Vec::new();
        for (i, dept) in ds.departments.iter().enumerate() {
            let n = members(ds, &dept.id)
                .filter(|d| works_at(d, Some(dept), Some(c)))
                .count();
            if n > 0 || dept.campuses.iter().any(|x| x == c) {
                departments.push((dept, n));
                placed[i] = true;
            }
        }
        if !departments.is_empty() {
            groups.push(CampusDepartments {
                campus: Some(campus),
                departments,
            });
        }
    }
    let nowhere: Vec<(&Department, usize)> = ds
        .departments
        .iter()
        .zip(&placed)
        .filter_map(|(dept, &placed)| {
            let n = members(ds, &dept.id)
                .filter(|d| works_at(d, Some(dept), None))
                .count();
            (n > 0 || !placed).then_some((dept, n))
        })
        .collect();
    if !nowhere.is_empty() {
        groups.push(CampusDepartments {
            campus: None,
            departments: nowhere,
        });
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ClinicType, Hospital, TitleRank};
    use crate::shared::SharedStr;
    use crate::text::Text;
    use HalfDay::*;
    use Weekday::*;

    fn session(weekday: Weekday, half_day: HalfDay, campus: Option<&str>) -> Session {
        Session {
            weekday,
            half_day,
            clinic: ClinicType::General,
            campus: campus.map(SharedStr::from),
            room: None,
            cancelled: false,
            note: None,
        }
    }

    fn doctor(
        id: &str,
        name: &str,
        title: TitleRank,
        depts: &[&str],
        schedule: Vec<Session>,
    ) -> Doctor {
        Doctor {
            id: id.into(),
            name: Text::bilingual(name, format!("医生{name}")),
            title,
            departments: depts.iter().map(|&d| d.into()).collect(),
            schedule,
            ..Doctor::default()
        }
    }

    fn dept(id: &str, campuses: &[&str]) -> Department {
        Department {
            id: id.into(),
            name: Text::plain(id),
            campuses: campuses.iter().map(|c| c.to_string()).collect(),
            ..Department::default()
        }
    }

    fn dataset() -> Dataset {
        use TitleRank::*;
        let campus = |id: &str| Campus {
            id: id.into(),
            name: Text::plain(id),
            ..Campus::default()
        };
        Dataset {
            hospital: Hospital {
                campuses: vec![campus("main"), campus("east"), campus("empty")],
                ..Hospital::default()
            },
            departments: vec![
                dept("cardio", &["main"]),
                dept("neuro", &["main", "east"]),
                dept("lab", &[]),
            ],
            doctors: vec![
                doctor(
                    "d1",
                    "Yu",
                    AttendingPhysician,
                    &["cardio"],
                    vec![session(Mon, Morning, None)],
                ),
                doctor(
                    "d2",
                    "Bo",
                    ChiefPhysician,
                    &["cardio", "neuro"],
                    vec![
                        session(Mon, Morning, Some("east")),
                        Session {
                            cancelled: true,
                            ..session(Sat, Morning, Some("main"))
                        },
                        session(Tue, Evening, Some("east")),
                    ],
                ),
                doctor("d3", "Al", AttendingPhysician, &["cardio"], vec![]),
                doctor(
                    "d4",
                    "Cy",
                    ResidentPhysician,
                    &["neuro"],
                    vec![session(Wed, Afternoon, None)],
                ),
                doctor("d5", "Di", ChiefTechnician, &["lab"], vec![]),
            ],
            ..Dataset::default()
        }
    }

    fn ids(v: &[&Doctor]) -> Vec<String> {
        v.iter().map(|d| d.id.clone()).collect()
    }

    #[test]
    fn doctors_by_rank_then_name_and_the_weeks_shape() {
        let ds = dataset();
        let o = overview(&ds, "cardio", Lang::En);
        // Bo is chief; Al before Yu by name.
        assert_eq!(ids(&o.doctors), ["d2", "d3", "d1"]);
        // Saturday: only a cancelled session, which still opens the column (as
        // today); Tuesday evening opens the evening row.
        assert_eq!(o.days, [Mon, Tue, Wed, Thu, Fri, Sat]);
        assert_eq!(o.half_days, [Morning, Afternoon, Evening]);
        assert!(o.cell(Sat, Morning).is_empty(), "cancelled");
        assert!(o.cell(Sun, Morning).is_empty(), "not shown");
        let monday: Vec<(&str, Option<&str>)> = o
            .cell(Mon, Morning)
            .iter()
            .map(|e| (e.doctor.id.as_str(), e.campus))
            .collect();
        // d1's session names no campus: cardiology has only "main".
        assert_eq!(monday, [("d2", Some("east")), ("d1", Some("main"))]);
        assert_eq!(o.cell(Tue, Evening).len(), 1);

        let o = overview(&ds, "neuro", Lang::En);
        assert_eq!(ids(&o.doctors), ["d2", "d4"]);
        assert_eq!(o.days, [Mon, Tue, Wed, Thu, Fri, Sat]);
        // Neurology has two campuses: a session without one stays without.
        assert_eq!(o.cell(Wed, Afternoon)[0].campus, None);

        let o = overview(&ds, "lab", Lang::Zh);
        assert_eq!(ids(&o.doctors), ["d5"]);
        assert_eq!(o.days, [Mon, Tue, Wed, Thu, Fri]);
        assert_eq!(o.half_days, [Morning, Afternoon]);
        assert!(overview(&ds, "nothing", Lang::En).doctors.is_empty());
    }

    #[test]
    fn names_sort_in_the_language_asked() {
        let mut ds = dataset();
        // By the text as written (code points, for Chinese), as the page did.
        ds.doctors[0].name = Text::bilingual("Zz", "乙");
        ds.doctors[2].name = Text::bilingual("Aa", "甲");
        let en = overview(&ds, "cardio", Lang::En);
        let zh = overview(&ds, "cardio", Lang::Zh);
        assert_eq!(ids(&en.doctors), ["d2", "d3", "d1"]);
        assert_eq!(ids(&zh.doctors), ["d2", "d1", "d3"]);
    }

    #[test]
    fn departments_count_their_doctors_per_campus() {
        let ds = dataset();
        type Group<'a> = (Option<&'a str>, Vec<(&'a str, usize)>);
        let groups: Vec<Group> = by_campus(&ds)
            .iter()
            .map(|g| {
                (
                    g.campus.map(|c| c.id.as_str()),
                    g.departments
                        .iter()
                        .map(|(d, n)| (d.id.as_str(), *n))
                        .collect(),
                )
            })
            .collect();
        assert_eq!(
            groups,
            [
                // d1 (no campus on the session: cardiology's), d3 (no sessions) in
                // cardiology at main; d2's sessions are at east and main (cancelled
                // or not, the session is theirs); d4 at neurology's two campuses.
                (Some("main"), vec![("cardio", 3), ("neuro", 2)]),
                // d2 at east for both departments; d4 at neurology's east too.
                (Some("east"), vec![("cardio", 1), ("neuro", 2)]),
                // The lab has no campus and neither has its doctor.
                (None, vec![("lab", 1)]),
            ]
        );
    }

    #[test]
    fn a_doctor_at_no_campus_is_counted_in_the_last_group() {
        let mut ds = dataset();
        ds.doctors.push(doctor(
            "d6",
            "Ed",
            TitleRank::ChiefNurse,
            &["lab", "cardio"],
            vec![],
        ));
        ds.departments.push(dept("empty", &[]));
        let groups = by_campus(&ds);
        let last = groups.last().expect("a last group");
        assert_eq!(last.campus, None);
        let counts: Vec<(&str, usize)> = last
            .departments
            .iter()
            .map(|(d, n)| (d.id.as_str(), *n))
            .collect();
        // d6 has no sessions: at cardiology they are at its campus, at the lab at none.
        assert_eq!(counts, [("lab", 2), ("empty", 0)]);
        assert!(groups
            .iter()
            .all(|g| g.campus.is_none_or(|c| c.id != "empty")));
    }

    #[test]
    fn the_samples_departments_count_each_doctor_somewhere() {
        let loaded = crate::validate::load(include_str!("../../../data/sample.json"))
            .expect("the sample is valid");
        let ds = &loaded.dataset;
        let groups = by_campus(ds);
        let mut split = false;
        for dept in &ds.departments {
            let total = members(ds, &dept.id).count();
            let counts: Vec<usize> = groups
                .iter()
                .flat_map(|g| &g.departments)
                .filter(|(d, _)| d.id == dept.id)
                .map(|(_, n)| *n)
                .collect();
            assert!(!counts.is_empty(), "{} is listed", dept.id);
            assert!(counts.iter().all(|n| *n <= total), "{}", dept.id);
            assert!(
                counts.iter().sum::<usize>() >= total,
                "{}: every doctor counted",
                dept.id
            );
            split |= counts.iter().any(|n| *n < total);
            let o = overview(ds, &dept.id, Lang::Zh);
            assert_eq!(o.doctors.len(), total);
            for h in &o.half_days {
                for w in &o.days {
                    for e in o.cell(*w, *h) {
                        assert!(
                            e.campus.is_some(),
                            "{}: the sample names every campus",
                            dept.id
                        );
                        assert!(!e.session.cancelled);
                    }
                }
            }
        }
        assert!(
            split,
            "some department has doctors at only some of its campuses"
        );
    }
}
