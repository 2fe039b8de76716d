//! Building the facets in slices of doctors: a first pass finds the options that
//! occur (and in what order they are shown), a second puts each doctor in its
//! options.

use super::{doctor_campuses, push_new, Facet, Facets};
use crate::model::{ClinicType, Dataset, Gender, TitleRank};
use crate::route::Slot;
use crate::search::slices::Pacer;
use std::collections::HashMap;

/// A doctor's facets cost about as much as merging this many sorted items.
const DOCTOR_WORK: usize = 64;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Stage {
    Scan,
    Mark,
    Done,
}

/// The options met so far, in the order they were met.
#[derive(Default)]
struct Seen {
    departments: Vec<String>,
    ranks: Vec<TitleRank>,
    clinics: Vec<ClinicType>,
    slots: Vec<Slot>,
    campuses: Vec<String>,
    languages: HashMap<String, usize>,
    genders: Vec<Gender>,
}

pub struct FacetsBuilder {
    n: usize,
    stage: Stage,
    next: usize,
    seen: Seen,
    /// Each doctor's campuses, from the scan until marked.
    per_doctor: Vec<Vec<String>>,
    facets: Option<Facets>,
}

fn add_new<K: PartialEq + Copy>(v: &mut Vec<K>, k: K) {
    if !v.contains(&k) {
        v.push(k);
    }
}

/// Options that occur, in the order of `all`.
fn present<K: PartialEq + Copy>(all: &[K], seen: &[K]) -> Vec<K> {
    all.iter().copied().filter(|k| seen.contains(k)).collect()
}

fn open_slots(d: &crate::model::Doctor) -> impl Iterator<Item = Slot> + '_ {
    d.schedule.iter().filter(|s| !s.cancelled).map(|s| Slot {
        weekday: s.weekday,
        half_day: s.half_day,
    })
}

impl FacetsBuilder {
    pub fn new(ds: &Dataset) -> FacetsBuilder {
        FacetsBuilder {
            n: ds.doctors.len(),
            stage: Stage::Scan,
            next: 0,
            seen: Seen {
                departments: ds.departments.iter().map(|d| d.id.clone()).collect(),
                ..Seen::default()
            },
            per_doctor: Vec::with_capacity(ds.doctors.len()),
            facets: None,
        }
    }

    /// Doctors done in both passes, and in all.
    pub fn progress(&self) -> (usize, usize) {
        let done = match self.stage {
            Stage::Scan => self.next,
            Stage::Mark => self.n + self.next,
            Stage::Done => 2 * self.n,
        };
        (done, 2 * self.n)
    }

    /// Works until `pacer` says stop; true when done. `ds` must not change
    /// between calls.
    pub fn step(&mut self, ds: &Dataset, pacer: &mut Pacer) -> bool {
        loop {
            match self.stage {
                Stage::Scan => {
                    while let Some(d) = ds.doctors.get(self.next) {
                        let seen = &mut self.seen;
                        for id in &d.departments {
                            push_new(&mut seen.departments, id);
                        }
                        add_new(&mut seen.ranks, d.title);
                        d.schedule
                            .iter()
                            .for_each(|s| add_new(&mut seen.clinics, s.clinic));
                        open_slots(d).for_each(|s| add_new(&mut seen.slots, s));
                        let campuses = doctor_campuses(ds, self.next);
                        for c in &campuses {
                            push_new(&mut seen.campuses, c);
                        }
                        self.per_doctor.push(campuses);
                        for l in &d.languages {
                            match seen.languages.get_mut(l.as_str()) {
                                Some(count) => *count += 1,
                                None => {
                                    seen.languages.insert(l.to_string(), 1);
                                }
                            }
                        }
                        if let Some(g) = d.gender {
                            add_new(&mut seen.genders, g);
                        }
                        self.next += 1;
                        if pacer.spent(DOCTOR_WORK) {
                            return false;
                        }
                    }
                    self.facets = Some(self.options(ds));
                    self.next = 0;
                    self.stage = Stage::Mark;
                }
                Stage::Mark => {
                    let Some(f) = self.facets.as_mut() else {
                        self.stage = Stage::Done;
                        continue;
                    };
                    while let Some(d) = ds.doctors.get(self.next) {
                        let i = self.next;
                        d.departments.iter().for_each(|k| f.departments.mark(i, k));
                        f.ranks.mark(i, &d.title);
                        d.schedule.iter().for_each(|s| f.clinics.mark(i, &s.clinic));
                        open_slots(d).for_each(|s| f.slots.mark(i, &s));
                        if let Some(campuses) = self.per_doctor.get_mut(i) {
                            std::mem::take(campuses)
                                .iter()
                                .for_each(|k| f.campuses.mark(i, k));
                        }
                        d.languages.iter().for_each(|k| f.languages.mark(i, k));
                        if let Some(g) = &d.gender {
                            f.genders.mark(i, g);
                        }
                        f.accepting.mark(i, &d.accepting_new_patients);
                        self.next += 1;
                        if pacer.spent(DOCTOR_WORK) {
                            return false;
                        }
                    }
                    self.stage = Stage::Done;
                }
                Stage::Done => return true,
            }
        }
    }

    /// Every facet's options in display order, with nobody in them yet.
    fn options(&mut self, ds: &Dataset) -> Facets {
        let n = self.n;
        let seen = std::mem::take(&mut self.seen);
        let mut slots = seen.slots;
        crate::sort::sort(&mut slots);
        let mut campuses: Vec<String> = Vec::new();
        for c in &ds.hospital.campuses {
            if seen.campuses.contains(&c.id) {
                push_new(&mut campuses, &c.id);
            }
        }
        let mut others: Vec<String> = seen
            .campuses
            .into_iter()
            .filter(|c| !campuses.contains(c))
            .collect();
        crate::sort::sort(&mut others);
        campuses.extend(others);
        let mut languages: Vec<(String, usize)> = seen.languages.into_iter().collect();
        crate::sort::sort_by(&mut languages, |a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        Facets {
            n,
            departments: Facet::empty(n, seen.departments),
            ranks: Facet::empty(n, present(TitleRank::ALL, &seen.ranks)),
            clinics: Facet::empty(n, present(ClinicType::ALL, &seen.clinics)),
            slots: Facet::empty(n, slots),
            campuses: Facet::empty(n, campuses),
            languages: Facet::empty(n, languages.into_iter().map(|l| l.0).collect()),
            genders: Facet::empty(n, present(Gender::ALL, &seen.genders)),
            accepting: Facet::empty(n, vec![true]),
        }
    }

    /// The facets; does the work `step` has not done yet.
    pub fn finish(mut self, ds: &Dataset) -> Facets {
        let mut never = || false;
        while !self.step(ds, &mut Pacer::new(&mut never, usize::MAX)) {}
        match self.facets.take() {
            Some(f) => f,
            None => self.options(ds),
        }
    }
}
