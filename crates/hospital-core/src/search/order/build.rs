//! Ranking the doctors in slices: each one's sort name and open half-days, then
//! the two sorts of all doctors, each a sort that stops and resumes.

use super::{positions, session_slot, slot_index, sort_name, Orders};
use crate::model::Dataset;
use crate::search::slices::{Pacer, SliceSort};
use std::cmp::Ordering;

/// A doctor's sort name costs about as much as merging this many sorted items.
const DOCTOR_WORK: usize = 16;
/// Doctors sorted in one uninterrupted piece: names compare as strings.
const CHUNK: usize = 2048;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Stage {
    Names,
    ByRank,
    ByName,
    Done,
}

pub struct OrdersBuilder {
    n: usize,
    stage: Stage,
    names: Vec<String>,
    open: Vec<u32>,
    by_rank: SliceSort<u32>,
    by_name: SliceSort<u32>,
}

fn by_rank(ds: &Dataset, names: &[String], a: u32, b: u32) -> Ordering {
    let rank = |d: u32| ds.doctors.get(d as usize).map(|d| d.title);
    let name = |d: u32| names.get(d as usize);
    rank(a)
        .cmp(&rank(b))
        .then_with(|| name(a).cmp(&name(b)))
        .then(a.cmp(&b))
}

fn by_name(ds: &Dataset, names: &[String], a: u32, b: u32) -> Ordering {
    let rank = |d: u32| ds.doctors.get(d as usize).map(|d| d.title);
    let name = |d: u32| names.get(d as usize);
    name(a)
        .cmp(&name(b))
        .then_with(|| rank(a).cmp(&rank(b)))
        .then(a.cmp(&b))
}

impl OrdersBuilder {
    pub fn new(ds: &Dataset) -> OrdersBuilder {
        let n = ds.doctors.len();
        let all: Vec<u32> = (0..n as u32).collect();
        OrdersBuilder {
            n,
            stage: Stage::Names,
            names: Vec::with_capacity(n),
            open: Vec::with_capacity(n),
            by_rank: SliceSort::new(all.clone(), CHUNK),
            by_name: SliceSort::new(all, CHUNK),
        }
    }

    /// Work done and in all: doctors named, then items moved by the sorts.
    pub fn progress(&self) -> (usize, usize) {
        let n = self.n;
        let (r, rt) = self.by_rank.progress();
        let (m, mt) = self.by_name.progress();
        // Naming a doctor takes about as long as a pass of a sort over eight.
        let named = 8 * self.names.len();
        (named + r + m, 8 * n + rt + mt)
    }

    /// Works until `pacer` says stop; true when done. `ds` must not change
    /// between calls.
    pub fn step(&mut self, ds: &Dataset, pacer: &mut Pacer) -> bool {
        loop {
            let names = &self.names;
            let stop = match self.stage {
                Stage::Names => {
                    while let Some(d) = ds.doctors.get(self.names.len()) {
                        self.names.push(sort_name(d));
                        let open = d.schedule.iter().filter(|s| !s.cancelled);
                        self.open
                            .push(open.fold(0, |m, s| m | 1 << slot_index(session_slot(s))));
                        if pacer.spent(DOCTOR_WORK) {
                            return false;
                        }
                    }
                    self.stage = Stage::ByRank;
                    false
                }
                Stage::ByRank => {
                    let done = self.by_rank.step(&|&a, &b| by_rank(ds, names, a, b), pacer);
                    if done {
                        self.stage = Stage::ByName;
                    }
                    !done
                }
                Stage::ByName => {
                    let done = self.by_name.step(&|&a, &b| by_name(ds, names, a, b), pacer);
                    if done {
                        self.stage = Stage::Done;
                    }
                    !done
                }
                Stage::Done => return true,
            };
            if stop {
                return false;
            }
        }
    }

    /// The orders; does the work `step` has not done yet.
    pub fn finish(mut self, ds: &Dataset) -> Orders {
        let mut never = || false;
        while !self.step(ds, &mut Pacer::new(&mut never, usize::MAX)) {}
        let names = &self.names;
        let by_rank = self.by_rank.into_sorted(&|&a, &b| by_rank(ds, names, a, b));
        let by_name = self.by_name.into_sorted(&|&a, &b| by_name(ds, names, a, b));
        Orders {
            rank_pos: positions(&by_rank),
            name_pos: positions(&by_name),
            by_rank,
            by_name,
            open: self.open,
        }
    }
}
