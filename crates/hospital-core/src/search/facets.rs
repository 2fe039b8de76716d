//! Facet filters and their live counts, on bitsets precomputed per option.
//!
//! Within a facet the selected options are alternatives (OR); facets combine with
//! AND. Counts are disjunctive, as search engines count facets: an option's count
//! is the number of doctors with that option among those matching the query text
//! and every *other* facet's selection. A facet's own selection does not change its
//! counts, so ticking Gastroenterology leaves the count beside Cardiology as it was:
//! it always reads "this many doctors are cardiologists" (for this query and these
//! other filters), never "this many results if you also tick it". The "accepting new
//! patients" toggle counts the same way, with every other selection applied.
//! The results themselves are the doctors matching the text and every facet.

use super::bits::Bits;
use super::DoctorIndex;
use crate::model::{ClinicType, Dataset, Gender, TitleRank};
use crate::route::{DoctorQuery, FacetKind, Slot};

mod build;
mod wire;
pub use build::FacetsBuilder;

/// Live counts for every facet option the dataset knows, zero counts included.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FacetCounts {
    /// Department ids, in dataset order.
    pub departments: Vec<(String, usize)>,
    /// Most senior first.
    pub ranks: Vec<(TitleRank, usize)>,
    pub clinics: Vec<(ClinicType, usize)>,
    /// Monday morning first; only slots with a session that is not cancelled.
    pub slots: Vec<(Slot, usize)>,
    /// Campus ids: the hospital's campuses in dataset order, then any others by id.
    pub campuses: Vec<(String, usize)>,
    /// Language codes, most doctors first.
    pub languages: Vec<(String, usize)>,
    pub genders: Vec<(Gender, usize)>,
    /// The doctors accepting new patients, with every other selection applied
    /// (whether or not the toggle is on).
    pub accepting: usize,
}

/// Options and counts keyed by their URL keys.
fn keyed<K>(items: &[(K, usize)], key: impl Fn(&K) -> String) -> Vec<(String, usize)> {
    items.iter().map(|(k, n)| (key(k), *n)).collect()
}

impl FacetCounts {
    /// One facet's counts, keyed by the options' URL keys, in display order.
    pub fn of(&self, kind: FacetKind) -> Vec<(String, usize)> {
        match kind {
            FacetKind::Department => self.departments.clone(),
            FacetKind::Rank => keyed(&self.ranks, |r| r.key().to_string()),
            FacetKind::Clinic => keyed(&self.clinics, |c| c.key().to_string()),
            FacetKind::Slot => keyed(&self.slots, |s| s.key()),
            FacetKind::Campus => self.campuses.clone(),
            FacetKind::Language => self.languages.clone(),
            FacetKind::Gender => keyed(&self.genders, |g| g.key().to_string()),
        }
    }

    /// One facet's counts alone, in display order: the order of
    /// [`DoctorIndex::facet_options`], so a list of options built once can follow a search's
    /// counts by position, without a key to copy or look up per option and key typed.
    pub fn numbers(&self, kind: FacetKind) -> Vec<usize> {
        fn counts<K>(items: &[(K, usize)]) -> Vec<usize> {
            items.iter().map(|(_, n)| *n).collect()
        }
        match kind {
            FacetKind::Department => counts(&self.departments),
            FacetKind::Rank => counts(&self.ranks),
            FacetKind::Clinic => counts(&self.clinics),
            FacetKind::Slot => counts(&self.slots),
            FacetKind::Campus => counts(&self.campuses),
            FacetKind::Language => counts(&self.languages),
            FacetKind::Gender => counts(&self.genders),
        }
    }
}

impl DoctorIndex {
    /// The options of one facet, as URL keys in display order: every one the
    /// dataset has (the same list, in the same order, as the counts of any search).
    /// Departments: the dataset's, then ids that doctors use without a record.
    pub fn facet_options(&self, kind: FacetKind) -> Vec<String> {
        let f = &self.facets;
        let keys = |v: &[String]| v.to_vec();
        match kind {
            FacetKind::Department => keys(&f.departments.options),
            FacetKind::Rank => f.ranks.options.iter().map(|r| r.key().into()).collect(),
            FacetKind::Clinic => f.clinics.options.iter().map(|c| c.key().into()).collect(),
            FacetKind::Slot => f.slots.options.iter().map(|s| s.key()).collect(),
            FacetKind::Campus => keys(&f.campuses.options),
            FacetKind::Language => keys(&f.languages.options),
            FacetKind::Gender => f.genders.options.iter().map(|g| g.key().into()).collect(),
        }
    }
}

/// One facet: its options, in display order, who has each, and how many.
struct Facet<K> {
    options: Vec<K>,
    bits: Vec<Bits>,
    /// The counts with no query at all: the first page of the finder.
    totals: Vec<usize>,
}

impl<K: PartialEq + Clone> Facet<K> {
    /// A facet with `options` and nobody in them yet: `mark` fills it in.
    fn empty(n: usize, options: Vec<K>) -> Facet<K> {
        Facet {
            bits: vec![Bits::empty(n); options.len()],
            totals: vec![0; options.len()],
            options,
        }
    }

    /// Puts `doctor` in option `k`, if the facet has it. Counts as it goes: a
    /// count of every option at the end would be one long step.
    fn mark<Q: ?Sized>(&mut self, doctor: usize, k: &Q)
    where
        K: PartialEq<Q>,
    {
        let Some(i) = self.options.iter().position(|o| o == k) else {
            return;
        };
        if let (Some(bits), Some(total)) = (self.bits.get_mut(i), self.totals.get_mut(i)) {
            if !bits.contains(doctor) {
                bits.set(doctor);
                *total += 1;
            }
        }
    }

    /// The union of the selected options; `None` when nothing is selected. A
    /// selected option the dataset does not know matches nobody.
    fn mask<Q>(&self, n: usize, selected: &[Q]) -> Option<Bits>
    where
        K: PartialEq<Q>,
    {
        if selected.is_empty() {
            return None;
        }
        let mut m = Bits::empty(n);
        for (o, b) in self.options.iter().zip(&self.bits) {
            if selected.iter().any(|s| o == s) {
                m.or_with(b);
            }
        }
        Some(m)
    }

    /// Each option's doctors within `base`; `None` is everyone (the totals).
    fn counts(&self, base: Option<&Bits>) -> Vec<(K, usize)> {
        let Some(base) = base else {
            return self
                .options
                .iter()
                .cloned()
                .zip(self.totals.iter().copied())
                .collect();
        };
        let sparse = base.sparse_words();
        self.options
            .iter()
            .zip(&self.bits)
            .map(|(o, b)| (o.clone(), base.count_and(sparse.as_deref(), b)))
            .collect()
    }
}

pub struct Facets {
    n: usize,
    departments: Facet<String>,
    ranks: Facet<TitleRank>,
    clinics: Facet<ClinicType>,
    slots: Facet<Slot>,
    campuses: Facet<String>,
    languages: Facet<String>,
    genders: Facet<Gender>,
    accepting: Facet<bool>,
}

fn push_new(v: &mut Vec<String>, s: &str) {
    if !v.iter().any(|x| x == s) {
        v.push(s.to_string());
    }
}

/// The campuses a doctor works at: those of the sessions, and the departments'
/// campuses when a session names none or there are no sessions.
pub fn doctor_campuses(ds: &Dataset, doctor: usize) -> Vec<String> {
    let mut out = Vec::new();
    let Some(d) = ds.doctors.get(doctor) else {
        return out;
    };
    let mut fallback = d.schedule.is_empty();
    for s in &d.schedule {
        match &s.campus {
            Some(c) => push_new(&mut out, c),
            None => fallback = true,
        }
    }
    if fallback {
        for dept in d.departments.iter().filter_map(|id| ds.department(id)) {
            for c in &dept.campuses {
                push_new(&mut out, c);
            }
        }
    }
    out
}

impl Facets {
    /// The query's selection in each facet, `None` where it selects nothing.
    fn masks(&self, q: &DoctorQuery) -> [Option<Bits>; 8] {
        let n = self.n;
        [
            self.departments.mask(n, &q.departments),
            self.ranks.mask(n, &q.ranks),
            self.clinics.mask(n, &q.clinics),
            self.slots.mask(n, &q.slots),
            self.campuses.mask(n, &q.campuses),
            self.languages.mask(n, &q.languages),
            self.genders.mask(n, &q.genders),
            self.accepting
                .mask(n, if q.accepting_only { &[true][..] } else { &[] }),
        ]
    }

    /// `doctors` narrowed by the query's facets, without counting anything.
    pub fn filter(&self, mut doctors: Bits, q: &DoctorQuery) -> Bits {
        for m in self.masks(q).iter().flatten() {
            doctors.and_with(m);
        }
        doctors
    }

    /// Department ids, in facet order, and their doctors.
    pub fn departments(&self) -> (&[String], &[Bits]) {
        (&self.departments.options, &self.departments.bits)
    }

    /// Filters `text` (the doctors matching the query text) by the query's facets,
    /// and counts every option. Returns the results and the counts.
    /// `text` is `None` when the query has no words.
    pub fn apply(&self, text: Option<&Bits>, q: &DoctorQuery) -> (Bits, FacetCounts) {
        let n = self.n;
        let masks = self.masks(q);
        let everyone = Bits::full(n);
        let text_or_all = text.unwrap_or(&everyone);
        let mut results = text_or_all.clone();
        for m in masks.iter().flatten() {
            results.and_with(m);
        }
        let unfiltered = text.is_none() && masks.iter().all(Option::is_none);
        // A facet's counts ignore its own selection: all other facets still apply.
        // A facet without a selection counts within the results themselves.
        let own: Vec<Option<Bits>> = (0..masks.len())
            .map(|f| {
                masks[f].as_ref().map(|_| {
                    let mut b = text_or_all.clone();
                    for (g, m) in masks.iter().enumerate() {
                        if let (true, Some(m)) = (g != f, m) {
                            b.and_with(m);
                        }
                    }
                    b
                })
            })
            .collect();
        let base = |f: usize| -> Option<&Bits> {
            (!unfiltered).then(|| own[f].as_ref().unwrap_or(&results))
        };
        let counts = FacetCounts {
            departments: self.departments.counts(base(0)),
            ranks: self.ranks.counts(base(1)),
            clinics: self.clinics.counts(base(2)),
            slots: self.slots.counts(base(3)),
            campuses: self.campuses.counts(base(4)),
            languages: self.languages.counts(base(5)),
            genders: self.genders.counts(base(6)),
            accepting: self.accepting.counts(base(7)).first().map_or(0, |c| c.1),
        };
        (results, counts)
    }
}
