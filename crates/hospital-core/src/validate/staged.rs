//! Loading a dataset a slice at a time, so that a browser can give the page back to
//! the user between slices: a 240 MB dataset of 100,000 doctors takes seconds to
//! read, and in one piece it would freeze the page for all that time.
//!
//! The stages: outline the text ([`super::outline`]); decode the small top-level
//! fields; decode the doctors, then the articles, one record at a time; run the
//! cross-record checks, doctor by doctor. The result, problems and their order
//! included, is what [`super::load_whole`] gives for the same text.

use super::checks::KnownIds;
use super::decode::Decoder;
use super::outline::{Outline, Scan, Scanner, Value as Part};
use super::problem::{at, idx, Loaded, Problem, ROOT};
use super::whole::load_whole_bytes;
use crate::model::Dataset;
use crate::shared::SharedStrs;
use serde_json::{Map, Value};
use std::ops::Range;

#[derive(Clone, Copy)]
enum List {
    Doctors,
    Articles,
}

enum Phase {
    Outline,
    Doctors,
    Articles,
    CheckIds,
    CheckDoctorIds,
    CheckMoreIds,
    CheckDoctors,
    CheckLinks,
    Done,
}

/// A dataset being loaded. Call [`Staged::step`] until it answers.
pub struct Staged<'t> {
    text: &'t [u8],
    phase: Phase,
    scanner: Scanner,
    decoder: Decoder,
    dataset: Dataset,
    /// The top-level fields other than the long lists' records.
    head: Map<String, Value>,
    /// The records of each long list, when it is an array.
    doctors: Option<Vec<Range<usize>>>,
    articles: Option<Vec<Range<usize>>>,
    /// The next record (or doctor to check) of the current phase.
    next: usize,
    /// Bytes of records decoded so far, for progress.
    decoded: usize,
    known: Option<KnownIds>,
    /// The texts the doctors decoded so far share (see [`SharedStrs`]).
    shared: SharedStrs,
}

/// What the stages weigh in the progress fraction: outlining is a quick scan,
/// decoding the records is most of the work.
const OUTLINE_SHARE: f64 = 0.2;
const DECODE_SHARE: f64 = 0.7;

/// Doctors checked across records between two looks at the clock.
const CHECKS_PER_LOOK: usize = 16;

impl<'t> Staged<'t> {
    pub fn new(text: &'t [u8]) -> Staged<'t> {
        Staged {
            text,
            phase: Phase::Outline,
            scanner: Scanner::default(),
            decoder: Decoder::default(),
            dataset: Dataset::default(),
            head: Map::new(),
            doctors: None,
            articles: None,
            next: 0,
            decoded: 0,
            known: None,
            shared: SharedStrs::new(),
        }
    }

    /// Only the checks across records, of a dataset read from elsewhere (a compiled
    /// file, whose framing its reader checked): the same answer as loading its JSON.
    pub fn checking(dataset: Dataset) -> Staged<'static> {
        Staged {
            phase: Phase::CheckIds,
            dataset,
            ..Staged::new(b"")
        }
    }

    /// Loads to the end in one go.
    pub fn run(mut self) -> Result<Loaded, Vec<Problem>> {
        loop {
            if let Some(result) = self.step(&mut || false) {
                return result;
            }
        }
    }

    /// How far the load has come, from 0 to 1.
    pub fn progress(&self) -> f64 {
        let len = self.text.len().max(1) as f64;
        let checked = |done: usize, of: usize| done as f64 / of.max(1) as f64;
        match self.phase {
            Phase::Outline => OUTLINE_SHARE * self.scanner.position() as f64 / len,
            Phase::Doctors | Phase::Articles => {
                OUTLINE_SHARE + DECODE_SHARE * (self.decoded as f64 / len).min(1.0)
            }
            Phase::CheckIds => OUTLINE_SHARE + DECODE_SHARE,
            Phase::CheckDoctorIds | Phase::CheckMoreIds | Phase::CheckDoctors => {
                // Two passes over the doctors: ids, then everything else.
                let rest = 1.0 - OUTLINE_SHARE - DECODE_SHARE;
                let n = self.dataset.doctors.len();
                let done = match self.phase {
                    Phase::CheckDoctorIds => self.next,
                    Phase::CheckMoreIds => n,
                    _ => n + self.next,
                };
                OUTLINE_SHARE + DECODE_SHARE + rest * checked(done, 2 * n)
            }
            Phase::CheckLinks | Phase::Done => 1.0,
        }
    }

    /// Works until `out_of_time` says so (it is asked after every record decoded, and
    /// every [`CHECKS_PER_LOOK`] doctors checked), always doing at least one record's work. `Some` is the answer; a call after that
    /// loads the text again, in one go.
    pub fn step(
        &mut self,
        out_of_time: &mut dyn FnMut() -> bool,
    ) -> Option<Result<Loaded, Vec<Problem>>> {
        match self.phase {
            Phase::Outline => match self.scanner.scan(self.text, out_of_time) {
                Scan::Working => None,
                Scan::Unsure => Some(self.whole()),
                Scan::Done(outline) => match self.head(outline) {
                    Some(()) => {
                        self.phase = Phase::Doctors;
                        None
                    }
                    None => Some(self.whole()),
                },
            },
            Phase::Doctors => {
                if self.decode_list(List::Doctors, out_of_time) {
                    self.next = 0;
                    self.phase = Phase::Articles;
                }
                None
            }
            Phase::Articles => {
                if self.decode_list(List::Articles, out_of_time) {
                    self.next = 0;
                    self.phase = Phase::CheckIds;
                }
                None
            }
            Phase::CheckIds => {
                self.decoder.fill_doctor_ids(&mut self.dataset);
                self.known = Some(self.decoder.check_ids(&self.dataset));
                self.phase = Phase::CheckDoctorIds;
                None
            }
            Phase::CheckDoctorIds | Phase::CheckDoctors => {
                let Some(known) = self.known.as_mut() else {
                    self.phase = Phase::CheckIds;
                    return None;
                };
                let ids = matches!(self.phase, Phase::CheckDoctorIds);
                while let Some(doctor) = self.dataset.doctors.get(self.next) {
                    if ids {
                        self.decoder.check_doctor_id(self.next, doctor, known);
                    } else {
                        self.decoder.check_doctor(self.next, doctor, known);
                    }
                    self.next += 1;
                    // A doctor's checks take about a microsecond: the clock, asked
                    // through JavaScript, cost as much as they did.
                    if self.next.is_multiple_of(CHECKS_PER_LOOK) && out_of_time() {
                        return None;
                    }
                }
                self.next = 0;
                self.phase = if ids {
                    Phase::CheckMoreIds
                } else {
                    Phase::CheckLinks
                };
                None
            }
            Phase::CheckMoreIds => {
                if let Some(known) = &self.known {
                    self.decoder.check_more_ids(&self.dataset, known);
                }
                self.phase = Phase::CheckDoctors;
                None
            }
            Phase::CheckLinks => {
                let Some(known) = self.known.take() else {
                    self.phase = Phase::CheckIds;
                    return None;
                };
                self.decoder.check_links(&self.dataset, &known);
                self.phase = Phase::Done;
                let decoder = std::mem::take(&mut self.decoder);
                let dataset = std::mem::take(&mut self.dataset);
                Some(decoder.finish(Some(dataset)))
            }
            Phase::Done => Some(self.whole()),
        }
    }

    /// Decodes records of `list` until out of time; true when all are done.
    fn decode_list(&mut self, list: List, out_of_time: &mut dyn FnMut() -> bool) -> bool {
        let (key, slot) = match list {
            List::Doctors => ("doctors", &mut self.doctors),
            List::Articles => ("articles", &mut self.articles),
        };
        let Some(records) = slot.take() else {
            // Missing, or not an array: the whole-text loader's words for it.
            let list = self.decoder.array(&self.head, &ROOT, key, true);
            debug_assert!(list.is_empty(), "arrays are cut into records");
            return true;
        };
        while let Some(range) = records.get(self.next).cloned() {
            let Some(value) = self.record(range) else {
                return false;
            };
            let list_path = at(&ROOT, key);
            let path = idx(&list_path, self.next);
            match list {
                List::Doctors => {
                    if let Some(mut doctor) = self.decoder.doctor(&value, &path) {
                        doctor.share_texts(&mut self.shared);
                        self.dataset.doctors.push(doctor);
                    }
                }
                List::Articles => {
                    if let Some(article) = self.decoder.article(&value, &path) {
                        self.dataset.articles.push(article);
                    }
                }
            }
            self.next += 1;
            if out_of_time() {
                match list {
                    List::Doctors => self.doctors = Some(records),
                    List::Articles => self.articles = Some(records),
                }
                return false;
            }
        }
        true
    }

    /// Parses one record; `None` (after answering with the whole-text load) when it
    /// is not valid JSON, so that the error gets its line and column.
    fn record(&mut self, range: Range<usize>) -> Option<Value> {
        self.decoded += range.len();
        match serde_json::from_slice(&self.text[range]) {
            Ok(value) => Some(value),
            Err(_) => {
                self.phase = Phase::Done;
                None
            }
        }
    }

    /// Decodes the top-level fields but the long lists' records (they come later),
    /// as the whole-text loader would.
    fn head(&mut self, outline: Outline) -> Option<()> {
        for (key, part) in outline.fields {
            match part {
                Part::Whole(range) => {
                    let value = serde_json::from_slice(&self.text[range]).ok()?;
                    self.head.insert(key, value);
                }
                Part::Items(items) if key == "doctors" => self.doctors = Some(items),
                Part::Items(items) => self.articles = Some(items),
            }
        }
        self.dataset = self.decoder.dataset_head(&self.head);
        Some(())
    }

    fn whole(&mut self) -> Result<Loaded, Vec<Problem>> {
        self.phase = Phase::Done;
        load_whole_bytes(self.text)
    }
}
