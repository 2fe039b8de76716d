//! Building a [`DoctorIndex`] in time slices, so that the page stays responsive
//! while a large dataset is indexed: the app calls [`DoctorIndexBuilder::step`]
//! until its deadline, lets the browser run, and calls it again.
//!
//! Every phase stops and resumes: tokenizing doctor by doctor, laying out the
//! vocabulary and sorting it (`index::Finisher`), the facets (`FacetsBuilder`),
//! the orders (`OrdersBuilder`) and the department word tables. The longest piece
//! that cannot stop is one doctor's texts, one word's postings, or the sort of a
//! chunk of a few thousand items.

use super::facets::{Facets, FacetsBuilder};
use super::index::{self, Finisher, TextIndex};
use super::order::OrdersBuilder;
use super::slices::{share, Pacer, CHECK_EVERY};
use super::{add_doctor, synonyms, whole_key, DoctorIndex, SYNONYMS};
use crate::model::Dataset;
use crate::normalize::{fold, for_each_token, is_cjk, simplify, terms};
use crate::text::Text;
use std::collections::HashMap;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Stage {
    Doctors,
    Text,
    Facets,
    Orders,
    Departments,
    Done,
}

/// Shares of the whole, out of `PROGRESS_TOTAL`, of each stage after the first,
/// as measured at 100,000 doctors; tokenizing the doctors takes the rest.
const TEXT_SHARE: usize = 650;
const FACETS_SHARE: usize = 500;
const ORDERS_SHARE: usize = 650;
const DEPARTMENTS_SHARE: usize = 10;
const PROGRESS_TOTAL: usize = 10_000;

/// A [`DoctorIndex`] being built; see the module docs of `search` for its use.
/// It borrows nothing: each call takes the dataset, which must be the same one
/// (unchanged) every time.
pub struct DoctorIndexBuilder {
    stage: Stage,
    doctors: usize,
    next: usize,
    words: Option<index::Builder>,
    finisher: Option<Finisher>,
    text: Option<(TextIndex, Vec<u32>)>,
    /// Builder word ids of each described department, by id.
    departments: HashMap<String, Vec<u32>>,
    department_lines: HashMap<String, String>,
    facets_builder: Option<FacetsBuilder>,
    facets: Option<Facets>,
    orders_builder: Option<OrdersBuilder>,
    orders: Option<super::order::Orders>,
    department_words: Vec<Vec<u32>>,
    department_texts: Vec<String>,
    /// Each described campus's number, by id.
    campus_index: HashMap<String, u16>,
    campus_words: Vec<(String, u16)>,
    ignored: Vec<String>,
}

/// The runs of Chinese characters in `s`, simplified.
fn cjk_runs(s: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut last_end = usize::MAX;
    for_each_token(s, |t, range, cjk| {
        if cjk {
            match out.last_mut() {
                Some(run) if range.start == last_end => run.push_str(t),
                _ => out.push(t.to_string()),
            }
            last_end = range.end;
        } else {
            last_end = usize::MAX;
        }
    });
    out
}

/// The words and runs that name each campus in a query, and those that mean the
/// whole hospital. A Latin word in every campus's name ("campus") names none.
/// Campus numbers by id, campus words with their numbers, ignored words.
type CampusLexicon = (HashMap<String, u16>, Vec<(String, u16)>, Vec<String>);

fn campus_lexicon(ds: &Dataset) -> CampusLexicon {
    let campuses = &ds.hospital.campuses;
    let mut index = HashMap::new();
    let mut latin: Vec<(String, u16)> = Vec::new();
    let mut words = Vec::new();
    for (i, c) in campuses.iter().enumerate().take(u16::MAX as usize) {
        let i = i as u16;
        index.insert(c.id.clone(), i);
        for s in c.name.all() {
            for w in terms(s) {
                if !w.starts_with(is_cjk) {
                    latin.push((w, i));
                }
            }
            for run in cjk_runs(s) {
                let chars: Vec<char> = run.chars().collect();
                if chars.len() >= 2 {
                    words.push((run.clone(), i));
                }
                for suffix in ["院区", "校区", "分院", "院"] {
                    if let Some(stem) = run.strip_suffix(suffix) {
                        if stem.chars().count() >= 2 {
                            words.push((stem.to_string(), i));
                        }
                    }
                }
            }
        }
        words.push((fold(&c.id), i));
    }
    let mut ignored = vec![
        "hospital".to_string(),
        "医院".to_string(),
        "院区".to_string(),
    ];
    crate::sort::sort(&mut latin);
    latin.dedup();
    for (w, _) in &latin {
        let everywhere =
            campuses.len() > 1 && latin.iter().filter(|(x, _)| x == w).count() == campuses.len();
        if everywhere {
            ignored.push(w.clone());
        }
    }
    words.extend(latin.into_iter().filter(|(w, _)| !ignored.contains(w)));
    for s in ds.hospital.name.all() {
        ignored.extend(cjk_runs(s).into_iter().filter(|r| r.chars().count() >= 2));
    }
    crate::sort::sort(&mut words);
    words.dedup();
    crate::sort::sort(&mut ignored);
    ignored.dedup();
    (index, words, ignored)
}

impl DoctorIndexBuilder {
    /// Tokenizes the departments: their words go to every doctor in them.
    pub fn new(ds: &Dataset) -> DoctorIndexBuilder {
        let mut b = index::Builder::default();
        let mut departments = HashMap::new();
        let mut department_lines = HashMap::new();
        for dept in &ds.departments {
            let mut words = Vec::new();
            let mut all = String::new();
            let texts = std::iter::once(&dept.name).chain(&dept.keywords);
            // Only the name is a whole field: a keyword ("头痛" of Neurology) is what
            // patients say, and a doctor listing 偏头痛 answers it better.
            for name in dept.name.all() {
                if let Some(k) = whole_key(name) {
                    words.push(b.id(&k));
                }
            }
            for kw in dept.keywords.iter().flat_map(Text::all) {
                let k = crate::normalize::phrase_key(kw);
                if !k.is_empty() {
                    words.push(b.id(&format!("{}{k}", index::KEYWORD)));
                }
            }
            for s in texts
                .flat_map(Text::all)
                .chain(std::iter::once(dept.id.as_str()))
            {
                for_each_token(s, |w, _, _| words.push(b.id(w)));
                all.push_str(&simplify(s));
                all.push('\n');
            }
            words.sort_unstable();
            words.dedup();
            departments.insert(dept.id.clone(), words);
            department_lines.insert(dept.id.clone(), all);
        }
        let (campus_index, campus_words, ignored) = campus_lexicon(ds);
        DoctorIndexBuilder {
            stage: Stage::Doctors,
            doctors: ds.doctors.len(),
            next: 0,
            words: Some(b),
            finisher: None,
            text: None,
            departments,
            department_lines,
            facets_builder: Some(FacetsBuilder::new(ds)),
            facets: None,
            orders_builder: Some(OrdersBuilder::new(ds)),
            orders: None,
            department_words: Vec::new(),
            department_texts: Vec::new(),
            campus_index,
            campus_words,
            ignored,
        }
    }

    /// Works until `out_of_time()` returns true, or until done; true when done.
    /// Always does some work before the first look at the clock, so that calling
    /// it again and again finishes whatever `out_of_time` says.
    pub fn step(&mut self, ds: &Dataset, out_of_time: &mut dyn FnMut() -> bool) -> bool {
        let mut pacer = Pacer::new(out_of_time, CHECK_EVERY);
        loop {
            let finished = match self.stage {
                Stage::Doctors => self.tokenize(ds, &mut pacer),
                Stage::Text => match self.finisher.as_mut() {
                    Some(f) => f.step(&mut pacer),
                    None => true,
                },
                Stage::Facets => match self.facets_builder.as_mut() {
                    Some(f) => f.step(ds, &mut pacer),
                    None => true,
                },
                Stage::Orders => match self.orders_builder.as_mut() {
                    Some(o) => o.step(ds, &mut pacer),
                    None => true,
                },
                Stage::Departments => self.department_tables(&mut pacer),
                Stage::Done => return true,
            };
            if !finished {
                return false;
            }
            self.next_stage(ds);
        }
    }

    /// Ends the current stage, whose work is done: what is left is a few moves
    /// and, for the facets, counting each option's doctors.
    fn next_stage(&mut self, ds: &Dataset) {
        self.stage = match self.stage {
            Stage::Doctors => {
                self.finisher = self.words.take().map(index::Builder::finisher);
                Stage::Text
            }
            Stage::Text => {
                self.text = self.finisher.take().map(Finisher::finish);
                Stage::Facets
            }
            Stage::Facets => {
                self.facets = self.facets_builder.take().map(|f| f.finish(ds));
                Stage::Orders
            }
            Stage::Orders => {
                self.orders = self.orders_builder.take().map(|o| o.finish(ds));
                self.next = 0;
                Stage::Departments
            }
            Stage::Departments | Stage::Done => Stage::Done,
        };
    }

    fn tokenize(&mut self, ds: &Dataset, pacer: &mut Pacer) -> bool {
        let Some(b) = self.words.as_mut() else {
            return true;
        };
        while let Some(d) = ds.doctors.get(self.next) {
            let campuses: Vec<u16> = super::doctor_campuses(ds, self.next)
                .iter()
                .filter_map(|c| self.campus_index.get(c).copied())
                .collect();
            add_doctor(b, d, &self.departments, &campuses);
            b.end_doctor(self.next);
            self.next += 1;
            if pacer.spent(CHECK_EVERY) {
                return false;
            }
        }
        true
    }

    /// Each department's final word ids and text, in facet order.
    fn department_tables(&mut self, pacer: &mut Pacer) -> bool {
        let (Some(facets), Some((_, final_id))) = (&self.facets, &self.text) else {
            return true;
        };
        let ids = facets.departments().0;
        while let Some(id) = ids.get(self.next) {
            let mut words: Vec<u32> = self
                .departments
                .get(id.as_str())
                .into_iter()
                .flatten()
                .filter_map(|&w| final_id.get(w as usize).copied())
                .collect();
            words.sort_unstable();
            let work = words.len();
            self.department_words.push(words);
            let text = self.department_lines.get(id.as_str());
            self.department_texts
                .push(text.cloned().unwrap_or_else(|| id.clone()));
            self.next += 1;
            if pacer.spent(1 + work) {
                return false;
            }
        }
        true
    }

    /// Work done and in all, for a progress bar; done never goes down, and
    /// equals the total once `step` has returned true.
    pub fn progress(&self) -> (usize, usize) {
        let doctors_share =
            PROGRESS_TOTAL - TEXT_SHARE - FACETS_SHARE - ORDERS_SHARE - DEPARTMENTS_SHARE;
        let after_doctors = doctors_share;
        let after_text = after_doctors + TEXT_SHARE;
        let after_facets = after_text + FACETS_SHARE;
        let after_orders = after_facets + ORDERS_SHARE;
        let done = match self.stage {
            Stage::Doctors => share((self.next, self.doctors), doctors_share),
            Stage::Text => {
                let p = self.finisher.as_ref().map_or((1, 1), Finisher::progress);
                after_doctors + share(p, TEXT_SHARE)
            }
            Stage::Facets => {
                let p = self
                    .facets_builder
                    .as_ref()
                    .map_or((1, 1), FacetsBuilder::progress);
                after_text + share(p, FACETS_SHARE)
            }
            Stage::Orders => {
                let p = self
                    .orders_builder
                    .as_ref()
                    .map_or((1, 1), OrdersBuilder::progress);
                after_facets + share(p, ORDERS_SHARE)
            }
            Stage::Departments => {
                let all = self.facets.as_ref().map_or(0, |f| f.departments().0.len());
                after_orders + share((self.next, all), DEPARTMENTS_SHARE)
            }
            Stage::Done => PROGRESS_TOTAL,
        };
        (done, PROGRESS_TOTAL)
    }

    /// The index; does in one go whatever work `step` has not done yet.
    pub fn finish(mut self, ds: &Dataset) -> DoctorIndex {
        while !self.step(ds, &mut || false) {}
        let (text, _) = self
            .text
            .unwrap_or_else(|| index::Builder::default().finisher().finish());
        let facets = match self.facets {
            Some(f) => f,
            None => FacetsBuilder::new(ds).finish(ds),
        };
        let orders = match self.orders {
            Some(o) => o,
            None => OrdersBuilder::new(ds).finish(ds),
        };
        DoctorIndex {
            doctors: self.doctors,
            text,
            synonyms: synonyms::Synonyms::new(SYNONYMS),
            facets: facets.into(),
            department_words: self.department_words,
            department_texts: self.department_texts,
            orders: orders.into(),
            campus_words: self.campus_words,
            ignored: self.ignored,
            browse_only: false,
        }
    }
}
