//! Result order, and the next clinic session of a doctor.
//!
//! Every sort ends with the same tie-breaks (title rank, most senior first, then
//! name), so the doctors are ranked once when the index is built and each sort only
//! needs a coarse bucket (score, or half-days to wait) plus that position.

use super::bits::Bits;
use super::{Hit, MatchField};
use crate::model::{Doctor, HalfDay, Session};
use crate::normalize::fold;
use crate::route::{DoctorSort, Slot};
use crate::text::Lang;

mod build;
mod wire;
pub use build::OrdersBuilder;

/// Half-days in a week: the length of the cycle that "soonest" wraps around.
pub const SLOTS_PER_WEEK: usize = 7 * 3;

/// 0 for Monday morning, up to 20 for Sunday evening.
pub fn slot_index(s: Slot) -> usize {
    s.weekday.index() * HalfDay::ALL.len() + s.half_day as usize
}

fn session_slot(s: &Session) -> Slot {
    Slot {
        weekday: s.weekday,
        half_day: s.half_day,
    }
}

/// The doctor's next session that is not cancelled, from the half-day `now` on
/// (`now` itself included), wrapping around the week: the number of half-days to
/// wait and the session. Of two sessions in the same half-day, the first listed.
pub fn next_session(doctor: &Doctor, now: Slot) -> Option<(usize, &Session)> {
    let now = slot_index(now);
    doctor
        .schedule
        .iter()
        .filter(|s| !s.cancelled)
        .map(|s| {
            (
                (slot_index(session_slot(s)) + SLOTS_PER_WEEK - now) % SLOTS_PER_WEEK,
                s,
            )
        })
        .min_by_key(|&(wait, _)| wait)
}

/// The name to sort by: the English name, else the pinyin, else any name.
/// The pinyin puts the family name first, as a Chinese hospital's list does, where the
/// English rendering ("Wei Zhang") puts it last; names without pinyin sort as written.
fn sort_name(d: &Doctor) -> String {
    let name = d
        .pinyin
        .as_deref()
        .or(d.name.exact(Lang::En))
        .unwrap_or(d.name.get(Lang::En).text);
    fold(name.trim())
}

pub struct Orders {
    /// Doctors by title rank, then name.
    by_rank: Vec<u32>,
    rank_pos: Vec<u32>,
    /// Doctors by name, then title rank.
    by_name: Vec<u32>,
    name_pos: Vec<u32>,
    /// Bit `slot_index` set for each half-day with a session that is not cancelled.
    open: Vec<u32>,
}

fn positions(order: &[u32]) -> Vec<u32> {
    let mut pos = vec![0; order.len()];
    for (p, &d) in order.iter().enumerate() {
        pos[d as usize] = p as u32;
    }
    pos
}

impl Orders {
    /// Half-days from `now` to the doctor's next session; a week for none.
    fn wait(&self, doctor: usize, now: usize) -> u32 {
        let m = self.open.get(doctor).copied().unwrap_or(0);
        if m == 0 {
            return SLOTS_PER_WEEK as u32;
        }
        let week = (1u32 << SLOTS_PER_WEEK) - 1;
        let rotated = ((m >> now) | (m << (SLOTS_PER_WEEK - now))) & week;
        rotated.trailing_zeros()
    }

    /// The hits in `results`, in `sort` order. `scores` holds the query's scores
    /// per doctor, when the query has words: the rank key (higher first) in bits
    /// 8..24 and the best single score in bits 0..8 (see `query::Matches`).
    pub fn hits(
        &self,
        results: &Bits,
        scores: Option<&[u32]>,
        sort: DoctorSort,
        now: Slot,
    ) -> Vec<Hit> {
        let now = slot_index(now) % SLOTS_PER_WEEK;
        let packed = scores.unwrap_or(&[]);
        let total_at = |d: u32| (packed.get(d as usize).copied().unwrap_or(0) >> 8) as u16;
        let best_at = |d: u32| packed.get(d as usize).copied().unwrap_or(0) as u8;
        let (order, pos) = match sort {
            DoctorSort::Name => (&self.by_name, &self.name_pos),
            _ => (&self.by_rank, &self.rank_pos),
        };
        // Only a coarse bucket differs between sorts; the position breaks ties.
        let bucket = |d: u32| -> u16 {
            match sort {
                DoctorSort::Relevance => u16::MAX - total_at(d),
                DoctorSort::Soonest => self.wait(d as usize, now) as u16,
                DoctorSort::Name | DoctorSort::Rank => 0,
            }
        };
        let count = results.count();
        let docs: Vec<u32> = if count * 8 < order.len() {
            let mut keys: Vec<u64> = results
                .ones()
                .map(|d| (bucket(d as u32) as u64) << 32 | pos.get(d).copied().unwrap_or(0) as u64)
                .collect();
            keys.sort_unstable();
            keys.iter()
                .filter_map(|&k| order.get((k & 0xFFFF_FFFF) as usize).copied())
                .collect()
        } else {
            // Many hits: walk the precomputed order, then a stable counting sort by
            // bucket, O(doctors) in all.
            let mut in_order = Vec::with_capacity(count);
            for &d in order {
                if results.contains(d as usize) {
                    in_order.push(d);
                }
            }
            let uniform = match sort {
                DoctorSort::Name | DoctorSort::Rank => true,
                DoctorSort::Relevance => scores.is_none(),
                DoctorSort::Soonest => false,
            };
            if uniform {
                in_order
            } else {
                let buckets: Vec<u16> = in_order.iter().map(|&d| bucket(d)).collect();
                counting_sort(&in_order, &buckets)
            }
        };
        docs.into_iter()
            .map(|d| Hit {
                doctor: d as usize,
                score: total_at(d) as u32,
                matched: MatchField::from_score(best_at(d)),
            })
            .collect()
    }
}

/// `items` stably sorted by their `buckets`, in time linear in their number: one
/// counting pass when the buckets span at most 256 values, as they nearly always
/// do, else a radix sort by the low then the high byte.
fn counting_sort(items: &[u32], buckets: &[u16]) -> Vec<u32> {
    let lo = buckets.iter().copied().min().unwrap_or(0);
    let hi = buckets.iter().copied().max().unwrap_or(0);
    if hi - lo <= 255 {
        let digits: Vec<u8> = buckets.iter().map(|&b| (b - lo) as u8).collect();
        return counting_pass(items, &digits);
    }
    let low: Vec<u8> = buckets.iter().map(|&b| b as u8).collect();
    let mut keyed: Vec<u32> = (0..items.len() as u32).collect();
    keyed = counting_pass(&keyed, &low);
    let high: Vec<u8> = keyed
        .iter()
        .map(|&i| (buckets[i as usize] >> 8) as u8)
        .collect();
    keyed = counting_pass(&keyed, &high);
    keyed.iter().map(|&i| items[i as usize]).collect()
}

/// `items` stably sorted by one byte each.
fn counting_pass(items: &[u32], digits: &[u8]) -> Vec<u32> {
    let mut start = [0usize; 257];
    for &b in digits {
        start[b as usize + 1] += 1;
    }
    for i in 1..start.len() {
        start[i] += start[i - 1];
    }
    let mut sorted = vec![0u32; items.len()];
    for (&d, &b) in items.iter().zip(digits) {
        sorted[start[b as usize]] = d;
        start[b as usize] += 1;
    }
    sorted
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ClinicType, Dataset, Weekday};

    fn session(weekday: Weekday, half_day: HalfDay, cancelled: bool) -> Session {
        Session {
            weekday,
            half_day,
            clinic: ClinicType::General,
            campus: None,
            room: None,
            cancelled,
            note: None,
        }
    }

    #[test]
    fn next_session_wraps_the_week() {
        let d = Doctor {
            schedule: vec![
                session(Weekday::Mon, HalfDay::Morning, false),
                session(Weekday::Wed, HalfDay::Afternoon, true),
                session(Weekday::Thu, HalfDay::Evening, false),
            ],
            ..Doctor::default()
        };
        let at = |weekday, half_day| Slot { weekday, half_day };
        let (wait, s) = next_session(&d, at(Weekday::Tue, HalfDay::Morning)).expect("a session");
        assert_eq!(
            (wait, s.weekday),
            (8, Weekday::Thu),
            "Wednesday is cancelled"
        );
        let (wait, s) = next_session(&d, at(Weekday::Fri, HalfDay::Morning)).expect("a session");
        assert_eq!((wait, s.weekday), (9, Weekday::Mon));
        assert_eq!(
            next_session(&d, at(Weekday::Mon, HalfDay::Morning)).map(|x| x.0),
            Some(0)
        );
        assert!(next_session(&Doctor::default(), at(Weekday::Mon, HalfDay::Morning)).is_none());

        let ds = Dataset {
            doctors: vec![d.clone()],
            ..Dataset::default()
        };
        let orders = OrdersBuilder::new(&ds).finish(&ds);
        for slot in 0..SLOTS_PER_WEEK {
            let now = at(Weekday::ALL[slot / 3], HalfDay::ALL[slot % 3]);
            let expect = next_session(&d, now).map_or(21, |x| x.0 as u32);
            assert_eq!(orders.wait(0, slot), expect);
        }
    }
}
