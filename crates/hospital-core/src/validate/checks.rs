//! The checks across records: unique ids, references that resolve, a timetable a
//! doctor can keep. [`super::Staged`] runs them in parts, doctor by doctor;
//! [`Decoder::check_meaning`] runs them in one go.

use super::decode::Decoder;
use super::problem::{at, clip, idx, ROOT};
use super::suggest::sorted;
use crate::model::{Article, Dataset, Doctor, HalfDay, Weekday};
use crate::text::Text;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// Ids the cross-record checks look up, gathered once.
pub(super) struct KnownIds {
    campuses: HashSet<String>,
    categories: HashSet<String>,
    departments: HashSet<String>,
    /// Each doctor id and where it first occurs, filled by `check_doctor_id`.
    doctors: HashMap<String, usize>,
    /// Departments at least one doctor works in, filled by `check_doctor`.
    staffed: HashSet<String>,
}

/// References are compared with at most this many ids for a "did you mean".
const MAX_SUGGESTION_CANDIDATES: usize = 5_000;

impl Decoder {
    /// Checks across records: unique ids, references that resolve, a possible timetable.
    pub(super) fn check_meaning(&mut self, ds: &Dataset) {
        let mut known = self.check_ids(ds);
        for (i, doc) in ds.doctors.iter().enumerate() {
            self.check_doctor_id(i, doc, &mut known);
        }
        self.check_more_ids(ds, &known);
        for (i, doc) in ds.doctors.iter().enumerate() {
            self.check_doctor(i, doc, &mut known);
        }
        self.check_links(ds, &known);
    }

    /// [`Decoder::check_meaning`]. Doctor ids follow one at a time
    /// ([`Decoder::check_doctor_id`]), then [`Decoder::check_more_ids`].
    pub(super) fn check_ids(&mut self, ds: &Dataset) -> KnownIds {
        let owned = |set: HashSet<&str>| set.into_iter().map(str::to_string).collect();
        let campuses: HashSet<String> = owned(
            self.unique(
                ds.hospital
                    .campuses
                    .iter()
                    .map(|c| (c.id.as_str(), &c.name)),
                "hospital.campuses",
                "id",
                "campus id",
            ),
        );
        let categories = owned(self.unique(
            ds.categories.iter().map(|c| (c.id.as_str(), &c.name)),
            "categories",
            "id",
            "category id",
        ));
        let departments = owned(self.unique(
            ds.departments.iter().map(|d| (d.id.as_str(), &d.name)),
            "departments",
            "id",
            "department id",
        ));
        KnownIds {
            campuses,
            categories,
            departments,
            doctors: HashMap::with_capacity_and_hasher(ds.doctors.len(), Default::default()),
            staffed: HashSet::default(),
        }
    }

    /// Whether the doctor at `i` in `ds.doctors` repeats an earlier doctor's id.
    pub(super) fn check_doctor_id(&mut self, i: usize, doc: &Doctor, known: &mut KnownIds) {
        if doc.id.is_empty() {
            return;
        }
        let mark = self.mark();
        match known.doctors.get(doc.id.as_str()) {
            Some(&first) => self.error(
                format!("doctors[{i}].id"),
                format!(
                    "duplicate doctor id \"{}\", first used by doctors[{first}]",
                    clip(&doc.id)
                ),
            ),
            None => {
                known.doctors.insert(doc.id.clone(), i);
            }
        }
        let list = at(&ROOT, "doctors");
        self.name_record(mark, idx(&list, i), &doc.id, &doc.name);
    }

    /// Unique article slugs, and the campuses departments name.
    pub(super) fn check_more_ids(&mut self, ds: &Dataset, known: &KnownIds) {
        self.check_slugs(&ds.articles);
        if let Some(c) = ds
            .hospital
            .emergency
            .as_ref()
            .and_then(|e| e.campus.as_ref())
        {
            if !known.campuses.contains(c) {
                self.error(
                    "hospital.emergency.campus",
                    format!("no campus has the id \"{}\"", clip(c)),
                );
            }
        }
        let list = at(&ROOT, "departments");
        for (i, d) in ds.departments.iter().enumerate() {
            let mark = self.mark();
            for (j, c) in d.campuses.iter().enumerate() {
                if !known.campuses.contains(c.as_str()) {
                    self.error(
                        format!("departments[{i}].campuses[{j}]"),
                        format!("no campus has the id \"{}\"", clip(c)),
                    );
                    self.suggest(c, sorted(&known.campuses));
                }
            }
            self.name_record(mark, idx(&list, i), &d.id, &d.name);
        }
    }

    /// One doctor's references and timetable: `i` is its place in `ds.doctors`.
    pub(super) fn check_doctor(&mut self, i: usize, doc: &Doctor, known: &mut KnownIds) {
        // Written out only if a problem names it.
        let list = at(&ROOT, "doctors");
        let p = idx(&list, i);
        let mark = self.mark();
        for (j, dep) in doc.departments.iter().enumerate() {
            if !known.staffed.contains(dep.as_str()) {
                known.staffed.insert(dep.to_string());
            }
            if !known.departments.contains(dep.as_str()) {
                self.error(
                    format!("{p}.departments[{j}]"),
                    format!("no department has the id \"{}\", nor that name", clip(dep)),
                );
                self.suggest(dep, sorted(&known.departments));
            }
        }
        if doc.schedule.is_empty() {
            self.warn(
                format!("{p}.schedule"),
                "this doctor has no outpatient sessions",
            );
        }
        // Each half-day of the week, and the session that holds it.
        const HALF_DAYS: usize = HalfDay::ALL.len();
        let mut slots = [None; Weekday::ALL.len() * HALF_DAYS];
        for (j, s) in doc.schedule.iter().enumerate() {
            if let Some(c) = &s.campus {
                if !known.campuses.contains(c.as_str()) {
                    self.error(
                        format!("{p}.schedule[{j}].campus"),
                        format!("no campus has the id \"{}\"", clip(c)),
                    );
                    self.suggest(c, sorted(&known.campuses));
                }
            }
            let slot = &mut slots[s.weekday.index() * HALF_DAYS + s.half_day as usize];
            if let Some(first) = slot.replace(j) {
                self.error(
                    format!("{p}.schedule[{j}]"),
                    format!(
                        "a doctor cannot hold two sessions at once: {} {} is already schedule[{first}]",
                        s.weekday.key(),
                        s.half_day.key()
                    ),
                );
            }
        }
        if doc.pinyin.is_none() && doc.name.exact(crate::text::Lang::Zh).is_some() {
            self.warn(
                format!("{p}.pinyin"),
                "no pinyin: run `hospital-data prepare` so patients can search by pinyin",
            );
        }
        self.name_record(mark, p, &doc.id, &doc.name);
    }

    fn check_slugs(&mut self, articles: &[Article]) {
        self.unique(
            articles.iter().map(|a| (a.slug.as_str(), &a.title)),
            "articles",
            "slug",
            "article slug",
        );
    }

    /// Articles read apart from the rest of their dataset `records` (which passed its
    /// own checks): unique slugs and references that resolve, as [`Decoder::check_meaning`]
    /// checks them in the whole dataset.
    pub(super) fn check_articles_of(&mut self, records: &Dataset, articles: &[Article]) {
        let mut known = self.check_ids(records);
        known.doctors = (records.doctors.iter().enumerate())
            .map(|(i, d)| (d.id.clone(), i))
            .collect();
        self.check_slugs(articles);
        self.check_references(articles, &known);
    }

    /// Departments nobody works in, and what articles refer to: the last part of
    /// [`Decoder::check_meaning`].
    pub(super) fn check_links(&mut self, ds: &Dataset, known: &KnownIds) {
        let departments = at(&ROOT, "departments");
        for (i, d) in ds.departments.iter().enumerate() {
            if !known.staffed.contains(d.id.as_str()) {
                let mark = self.mark();
                self.warn(
                    format!("departments[{i}]"),
                    format!("no doctor belongs to department \"{}\"", d.id),
                );
                self.name_record(mark, idx(&departments, i), &d.id, &d.name);
            }
        }
        self.check_references(&ds.articles, known);
    }

    /// The categories, departments and doctors articles name.
    fn check_references(&mut self, articles: &[Article], known: &KnownIds) {
        let list = at(&ROOT, "articles");
        for (i, a) in articles.iter().enumerate() {
            let p = idx(&list, i);
            let mark = self.mark();
            if !a.category.is_empty() && !known.categories.contains(a.category.as_str()) {
                self.error(
                    format!("{p}.category"),
                    format!("no category has the id \"{}\"", clip(&a.category)),
                );
                self.suggest(&a.category, sorted(&known.categories));
            }
            for (j, dep) in a.departments.iter().enumerate() {
                if !known.departments.contains(dep.as_str()) {
                    self.error(
                        format!("{p}.departments[{j}]"),
                        format!("no department has the id \"{}\", nor that name", clip(dep)),
                    );
                    self.suggest(dep, sorted(&known.departments));
                }
            }
            for (j, doc) in a.doctors.iter().enumerate() {
                if !known.doctors.contains_key(doc.as_str()) {
                    self.error(
                        format!("{p}.doctors[{j}]"),
                        format!("no doctor has the id \"{}\"", clip(doc)),
                    );
                    // Comparing with every id of a very large hospital costs too much.
                    if known.doctors.len() <= MAX_SUGGESTION_CANDIDATES {
                        self.suggest(doc, sorted(known.doctors.keys()));
                    }
                }
            }
            self.name_record(mark, p, &a.slug, &a.title);
        }
    }

    /// The ids of a list (each with its record's name, for messages), every repeat
    /// an error.
    pub(super) fn unique<'a>(
        &mut self,
        ids: impl Iterator<Item = (&'a str, &'a Text)>,
        list: &str,
        field: &str,
        what: &str,
    ) -> HashSet<&'a str> {
        let mut seen: HashMap<&str, usize> = HashMap::default();
        for (i, (id, name)) in ids.enumerate() {
            if id.is_empty() {
                continue;
            }
            if let Some(first) = seen.insert(id, i) {
                seen.insert(id, first);
                let mark = self.mark();
                self.error(
                    format!("{list}[{i}].{field}"),
                    format!(
                        "duplicate {what} \"{}\", first used by {list}[{first}]",
                        clip(id)
                    ),
                );
                self.name_record(mark, format!("{list}[{i}]"), id, name);
            }
        }
        seen.into_keys().collect()
    }
}
