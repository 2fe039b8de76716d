//! Work done in time slices, so that building the index never holds the browser's
//! main thread for long: a sort that can stop and resume, and the bookkeeping of
//! when to ask the clock.
//!
//! The sort is a bottom-up merge sort: runs of `chunk` items are sorted whole (the
//! only step that cannot stop midway, so `chunk` bounds a step), then pairs of runs
//! are merged into a second buffer, a batch of items at a time, doubling the run
//! length each pass. With a total order, the result is the one any sort gives.

use std::cmp::Ordering;

/// Units of work between two looks at the clock: a unit is about the cost of
/// moving one item in a merge, a few nanoseconds natively.
pub const CHECK_EVERY: usize = 4096;
/// Items merged between two looks at the clock.
const MERGE_BATCH: usize = CHECK_EVERY;

/// Counts work and asks the clock only once enough has been done since the last
/// time: reading the clock is a call into the browser, and the units of work
/// differ in size (a word with ten postings, one with a hundred thousand).
pub struct Pacer<'a> {
    out_of_time: &'a mut dyn FnMut() -> bool,
    work: usize,
    every: usize,
}

impl<'a> Pacer<'a> {
    pub fn new(out_of_time: &'a mut dyn FnMut() -> bool, every: usize) -> Pacer<'a> {
        Pacer {
            out_of_time,
            work: 0,
            every: every.max(1),
        }
    }

    /// Records `work` units just done; true when the slice is over.
    pub fn spent(&mut self, work: usize) -> bool {
        self.work += work;
        if self.work < self.every {
            return false;
        }
        self.work = 0;
        (self.out_of_time)()
    }

    /// Asks the clock now, whatever was counted.
    pub fn check(&mut self) -> bool {
        self.work = 0;
        (self.out_of_time)()
    }
}

/// `weight` times the fraction `done / total`; all of it when there is nothing
/// to do.
pub fn share((done, total): (usize, usize), weight: usize) -> usize {
    (weight * done.min(total))
        .checked_div(total)
        .unwrap_or(weight)
}

pub struct SliceSort<T> {
    src: Vec<T>,
    dst: Vec<T>,
    chunk: usize,
    /// Length of the sorted runs in `src`; 0 until every chunk is sorted.
    run: usize,
    /// Chunk phase: the next chunk's start. Merge phase: the start of the pair of
    /// runs being merged.
    at: usize,
    /// Merge cursors into the left and right run of the pair at `at`.
    left: usize,
    right: usize,
    done: usize,
}

impl<T: Copy> SliceSort<T> {
    /// Sorts `items` in runs of `chunk` first: the longest uninterrupted piece.
    pub fn new(items: Vec<T>, chunk: usize) -> SliceSort<T> {
        SliceSort {
            dst: Vec::new(),
            chunk: chunk.max(2),
            run: 0,
            at: 0,
            left: 0,
            right: 0,
            done: 0,
            src: items,
        }
    }

    pub fn is_done(&self) -> bool {
        self.run >= self.src.len() && (self.run > 0 || self.src.is_empty())
    }

    /// Items moved so far, and in all: each pass over the items counts once.
    pub fn progress(&self) -> (usize, usize) {
        let n = self.src.len();
        let mut passes = 1;
        let mut run = self.chunk;
        while run < n {
            run *= 2;
            passes += 1;
        }
        let total = n * passes;
        if self.is_done() {
            (total, total)
        } else {
            (self.done.min(total), total)
        }
    }

    /// Sorts until `pacer` says stop or the items are sorted; true when sorted.
    /// Always does some work first, so that repeated calls finish.
    ///
    /// `cmp` is a `dyn`: a closure's own type stamped out a copy of the standard
    /// library's quicksort, with the comparison inlined, for each caller (four of the
    /// orders' builder at about 22 KB each in the app's wasm).
    pub fn step(&mut self, cmp: &dyn Fn(&T, &T) -> Ordering, pacer: &mut Pacer) -> bool {
        let n = self.src.len();
        while self.run == 0 && !self.src.is_empty() {
            let end = (self.at + self.chunk).min(n);
            self.src[self.at..end].sort_unstable_by(|a, b| cmp(a, b));
            self.done += end - self.at;
            self.at = end;
            if end == n {
                self.run = self.chunk;
                self.start_pass();
            }
            if pacer.check() {
                return self.is_done();
            }
        }
        while !self.is_done() {
            self.merge_batch(cmp);
            if self.at >= n {
                std::mem::swap(&mut self.src, &mut self.dst);
                self.run *= 2;
                self.start_pass();
            }
            if pacer.spent(MERGE_BATCH) {
                break;
            }
        }
        self.is_done()
    }

    fn start_pass(&mut self) {
        let n = self.src.len();
        self.at = 0;
        self.left = 0;
        self.right = self.run.min(n);
        self.dst.clear();
        self.dst.reserve_exact(n);
    }

    /// Merges up to `MERGE_BATCH` items into `dst`, pair of runs after pair of
    /// runs, stopping early at the end of the pass.
    fn merge_batch(&mut self, cmp: &dyn Fn(&T, &T) -> Ordering) {
        let n = self.src.len();
        let mut budget = MERGE_BATCH;
        while budget > 0 && self.at < n {
            let mid = (self.at + self.run).min(n);
            let end = (self.at + 2 * self.run).min(n);
            while budget > 0 && self.left < mid && self.right < end {
                let (l, r) = (self.src[self.left], self.src[self.right]);
                // Ties take the left item: stable, though no caller needs it.
                if cmp(&r, &l) == Ordering::Less {
                    self.dst.push(r);
                    self.right += 1;
                } else {
                    self.dst.push(l);
                    self.left += 1;
                }
                budget -= 1;
            }
            // One run is used up: the rest of the other is copied as it is.
            if self.left == mid {
                let take = (end - self.right).min(budget);
                self.dst
                    .extend_from_slice(&self.src[self.right..self.right + take]);
                self.right += take;
                budget -= take;
            } else if self.right == end {
                let take = (mid - self.left).min(budget);
                self.dst
                    .extend_from_slice(&self.src[self.left..self.left + take]);
                self.left += take;
                budget -= take;
            }
            if self.left == mid && self.right == end {
                self.at = end;
                self.left = end;
                self.right = (end + self.run).min(n);
            }
        }
        self.done += MERGE_BATCH - budget;
    }

    /// The sorted items; sorts what is left first if `step` has not finished.
    pub fn into_sorted(mut self, cmp: &dyn Fn(&T, &T) -> Ordering) -> Vec<T> {
        let mut never = || false;
        while !self.step(cmp, &mut Pacer::new(&mut never, usize::MAX)) {}
        self.src
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(n: usize, seed: u64) -> Vec<u64> {
        let mut x = seed;
        (0..n)
            .map(|_| {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                // Few distinct values, so that ties are common.
                (x >> 33) % (n as u64 / 3 + 1)
            })
            .collect()
    }

    #[test]
    fn sorts_in_the_shortest_slices() {
        for n in [0, 1, 2, 3, 5, 64, 1000, 4097, 9000, 20_001] {
            for chunk in [1, 2, 3, 7, 1024, 50_000] {
                let v = items(n, n as u64 * 31 + chunk as u64);
                let mut expected = v.clone();
                expected.sort();
                let mut s = SliceSort::new(v, chunk);
                let mut always = || true;
                let mut steps = 0;
                let mut last = s.progress();
                while !s.step(&u64::cmp, &mut Pacer::new(&mut always, 1)) {
                    steps += 1;
                    let now = s.progress();
                    assert!(now.0 > last.0, "no progress: n {n} chunk {chunk}");
                    assert_eq!(now.1, last.1);
                    last = now;
                    assert!(steps <= 2 * n + 10, "n {n} chunk {chunk}: endless");
                }
                assert_eq!(s.progress().0, s.progress().1);
                assert_eq!(s.into_sorted(&u64::cmp), expected, "n {n} chunk {chunk}");
            }
        }
    }

    #[test]
    fn into_sorted_finishes_a_sort_left_halfway() {
        let v = items(10_000, 5);
        let mut expected = v.clone();
        expected.sort();
        let mut s = SliceSort::new(v, 100);
        let mut always = || true;
        for _ in 0..30 {
            s.step(&u64::cmp, &mut Pacer::new(&mut always, 1));
        }
        assert_eq!(s.into_sorted(&u64::cmp), expected);
    }

    #[test]
    fn the_pacer_asks_the_clock_once_per_batch_of_work() {
        let mut looks = 0;
        let mut clock = || {
            looks += 1;
            false
        };
        {
            let mut p = Pacer::new(&mut clock, 10);
            for _ in 0..25 {
                assert!(!p.spent(1));
            }
        }
        assert_eq!(looks, 2);
    }
}
