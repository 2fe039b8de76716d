//! The words' postings, held as the compiled file carries them, so reading
//! `doctors.idx` copies them instead of decoding them, and a phone keeps a
//! byte or two a posting instead of four (the postings were 7.0 of the 9.4 MB an
//! index of 10,000 doctors held).
//!
//! Each word has two lists: the postings with a name or specialty, then the
//! rest. A list is empty (no bytes) or its number of postings, then each posting
//! as one varint: the doctor's gap after the list's previous doctor (the doctor
//! itself for the first), shifted past the four field bits. Doctors grow within a
//! list, so the gaps are small and never negative.

use crate::compiled::{damaged, push_varint, CompiledError};
use std::ops::Range;

/// The postings of every word, in word order.
#[derive(Default)]
pub struct Postings {
    bytes: Vec<u8>,
    /// Word `i`'s first list is `bytes[ends[i - 1]..mids[i]]`, its second
    /// `bytes[mids[i]..ends[i]]`.
    mids: Vec<u32>,
    ends: Vec<u32>,
}

/// One word's postings, each `doctor << 4 | field mask`, first list first.
#[derive(Clone, Copy, Debug, Default)]
pub struct PostingList<'a> {
    /// The lists' postings, without their counts.
    lists: [&'a [u8]; 2],
    len: usize,
}

impl<'a> PostingList<'a> {
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn iter(&self) -> PostingIter<'a> {
        PostingIter {
            list: self.lists[0],
            second: self.lists[1],
            next_doctor: 0,
        }
    }
}

impl<'a> IntoIterator for PostingList<'a> {
    type Item = u32;
    type IntoIter = PostingIter<'a>;

    fn into_iter(self) -> PostingIter<'a> {
        self.iter()
    }
}

pub struct PostingIter<'a> {
    /// What is left of the list being read, then the second list.
    list: &'a [u8],
    second: &'a [u8],
    /// The doctor a gap of 0 stands for.
    next_doctor: u32,
}

impl Iterator for PostingIter<'_> {
    type Item = u32;

    #[inline(always)]
    fn next(&mut self) -> Option<u32> {
        if self.list.is_empty() {
            self.list = std::mem::take(&mut self.second);
            self.next_doctor = 0;
        }
        // Most postings are one or two bytes: a doctor close to the last, with its fields.
        let (v, rest) = match *self.list {
            [a, ref rest @ ..] if a < 0x80 => (u32::from(a), rest),
            [a, b, ref rest @ ..] if b < 0x80 => (u32::from(a & 0x7F) | u32::from(b) << 7, rest),
            _ => varint(self.list)?,
        };
        self.list = rest;
        let doctor = self.next_doctor.wrapping_add(v >> 4);
        self.next_doctor = doctor.wrapping_add(1);
        Some(doctor << 4 | (v & 15))
    }
}

/// The varint at the start of `bytes` and the bytes after it; none when `bytes`
/// is empty or ends inside a number, or the number passes 32 bits.
#[inline]
fn varint(bytes: &[u8]) -> Option<(u32, &[u8])> {
    let mut v = 0u32;
    for (i, &b) in bytes.iter().enumerate().take(5) {
        let part = u32::from(b & 0x7F);
        if i == 4 && part > 0x0F {
            return None;
        }
        v |= part << (7 * i);
        if b & 0x80 == 0 {
            return Some((v, &bytes[i + 1..]));
        }
    }
    None
}

/// A list's postings without its count, and the count; an empty list for no bytes.
fn split_count(list: &[u8]) -> (&[u8], usize) {
    varint(list).map_or((&[], 0), |(n, rest)| (rest, n as usize))
}

impl Postings {
    /// Room for `words` words; `postings` is how many postings they hold in all.
    pub fn with_capacity(words: usize, postings: usize) -> Postings {
        Postings {
            // Most postings take one or two bytes.
            bytes: Vec::with_capacity(postings + postings / 2),
            mids: Vec::with_capacity(words),
            ends: Vec::with_capacity(words),
        }
    }

    /// Adds the next word's postings: `first` (those with a name or specialty) and
    /// `rest`, each `doctor << 4 | field mask` with doctors in ascending order.
    pub fn push_word(&mut self, first: &[u32], rest: &[u32]) {
        self.push_list(first);
        self.mids.push(self.bytes.len() as u32);
        self.push_list(rest);
        self.ends.push(self.bytes.len() as u32);
    }

    fn push_list(&mut self, list: &[u32]) {
        if list.is_empty() {
            return;
        }
        debug_assert!(
            list.windows(2).all(|w| w[0] >> 4 < w[1] >> 4),
            "each doctor once, in ascending order"
        );
        push_varint(&mut self.bytes, list.len() as u64);
        let mut next_doctor = 0;
        for &p in list {
            let doctor = p >> 4;
            push_varint(
                &mut self.bytes,
                u64::from((doctor - next_doctor) << 4 | (p & 15)),
            );
            next_doctor = doctor + 1;
        }
    }

    /// Gives back the room `with_capacity` guessed and was not used.
    pub fn shrink_to_fit(&mut self) {
        self.bytes.shrink_to_fit();
    }

    /// Word `id`'s postings: its first list only unless `both`.
    pub fn of(&self, id: usize, both: bool) -> PostingList<'_> {
        let start = match id.checked_sub(1) {
            Some(before) => self.ends[before] as usize,
            None => 0,
        };
        let (mid, end) = (self.mids[id] as usize, self.ends[id] as usize);
        let (first, n) = split_count(&self.bytes[start..mid]);
        let (second, m) = if both {
            split_count(&self.bytes[mid..end])
        } else {
            (&[][..], 0)
        };
        PostingList {
            lists: [first, second],
            len: n + m,
        }
    }

    pub fn mids(&self) -> &[u32] {
        &self.mids
    }

    pub fn ends(&self) -> &[u32] {
        &self.ends
    }

    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// Postings whose word offsets `mids` and `ends` have been checked (both as
    /// long as the vocabulary, each word's middle within it), and whose bytes follow
    /// with [`Postings::add_checked`].
    pub fn from_offsets(mids: Vec<u32>, ends: Vec<u32>) -> Postings {
        let total = ends.last().map_or(0, |&e| e as usize);
        Postings {
            bytes: Vec::with_capacity(total),
            mids,
            ends,
        }
    }

    /// Checks the postings of `words` (`bytes`, the lists of those words as their
    /// offsets place them, following the bytes added so far) and adds them. Every
    /// doctor must be under `doctors`, and each list must end exactly where its
    /// postings do.
    pub fn add_checked(
        &mut self,
        bytes: &[u8],
        words: Range<usize>,
        doctors: usize,
    ) -> Result<(), CompiledError> {
        let base = self.bytes.len();
        let mut start = base;
        for word in words {
            let (mid, end) = (self.mids[word] as usize, self.ends[word] as usize);
            for (from, to) in [(start, mid), (mid, end)] {
                check_list(&bytes[from - base..to - base], doctors)?;
            }
            start = end;
        }
        self.bytes.extend_from_slice(bytes);
        Ok(())
    }
}

/// Checks one list: its count, then exactly that many postings, the last doctor under
/// `doctors` (doctors only grow within a list).
fn check_list(list: &[u8], doctors: usize) -> Result<(), CompiledError> {
    if list.is_empty() {
        return Ok(());
    }
    let (n, rest) =
        varint(list).ok_or_else(|| damaged("postings: a list's count is cut off or too large"))?;
    if n == 0 {
        return Err(damaged("postings: a list of no postings has bytes"));
    }
    // One pass over the bytes: the gaps' sum, the number of postings, and no number
    // longer than the iterator reads (five bytes, 32 bits). A loop over `varint`
    // took twice as long (`compiled_read`, 10,000 doctors: 28 against 13 ms).
    let (mut gaps, mut count, mut value, mut shift) = (0u64, 0u64, 0u32, 0u32);
    for &b in rest {
        let part = u32::from(b & 0x7F);
        if shift == 28 && (part > 0x0F || b & 0x80 != 0) {
            return Err(damaged("postings: a number longer than 32 bits"));
        }
        value |= part << shift;
        if b & 0x80 == 0 {
            gaps += u64::from(value >> 4);
            count += 1;
            (value, shift) = (0, 0);
        } else {
            shift += 7;
        }
    }
    if shift != 0 || count != u64::from(n) {
        return Err(damaged(format!(
            "postings: a list of {n} postings holds {count} and {}",
            if shift != 0 { "a cut one" } else { "no more" }
        )));
    }
    // The list's last doctor: each posting after the first is one past the last plus its gap.
    let last = gaps + count - 1;
    if last >= doctors as u64 {
        return Err(damaged(format!(
            "postings: doctor {last} where the index has {doctors}"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(doctor: u32, mask: u32) -> u32 {
        doctor << 4 | mask
    }

    #[test]
    fn lists_read_back_as_written() {
        let mut p = Postings::with_capacity(3, 8);
        let first = [of(0, 8), of(1, 4), of(300_000, 12)];
        let rest = [of(2, 1), of(9, 3)];
        p.push_word(&first, &rest);
        p.push_word(&[], &[of(7, 2)]);
        p.push_word(&[], &[]);
        let all: Vec<u32> = p.of(0, true).iter().collect();
        assert_eq!(all, [&first[..], &rest[..]].concat());
        assert_eq!(p.of(0, true).len(), 5);
        assert_eq!(p.of(0, false).iter().collect::<Vec<_>>(), first);
        assert_eq!(p.of(1, true).iter().collect::<Vec<_>>(), [of(7, 2)]);
        assert!(p.of(1, false).is_empty());
        assert!(p.of(2, true).is_empty());
        assert_eq!(p.of(2, true).iter().count(), 0);
    }

    #[test]
    fn a_close_doctor_takes_one_byte() {
        let mut p = Postings::with_capacity(1, 4);
        let list: Vec<u32> = (0..100).map(|d| of(d * 2, 1)).collect();
        p.push_word(&list, &[]);
        // The count takes one byte; each gap of one doctor with its mask, another.
        assert_eq!(p.bytes().len(), 1 + 100);
    }

    #[test]
    fn checks_refuse_what_the_writer_never_writes() {
        let mut p = Postings::with_capacity(1, 2);
        p.push_word(&[of(3, 8), of(5, 8)], &[of(1, 1)]);
        let good = p.bytes().to_vec();
        let mid = p.mids()[0];
        // The same bytes, checked into postings that have the offsets.
        let add = |bytes: &[u8], mid: u32, doctors: usize| {
            let mut copy = Postings::from_offsets(vec![mid], vec![bytes.len() as u32]);
            copy.add_checked(bytes, 0..1, doctors).map(|()| copy)
        };
        let copy = add(&good, mid, 6).unwrap();
        assert_eq!(copy.bytes(), &good[..]);
        assert_eq!(
            copy.of(0, true).iter().collect::<Vec<_>>(),
            [of(3, 8), of(5, 8), of(1, 1)]
        );
        // A doctor beyond the index.
        assert!(add(&good, mid, 5).is_err());
        // A byte too many or too few in the first list.
        let longer = [&good[..mid as usize], &[0], &good[mid as usize..]].concat();
        assert!(add(&longer, mid + 1, 6).is_err());
        assert!(add(&good, mid - 1, 6).is_err());
        // A count of none, a number of six bytes, a number cut off.
        assert!(add(&[0], 1, 6).is_err());
        assert!(add(&[1, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F], 6, 6).is_err());
        assert!(add(&[1, 0x80], 2, 6).is_err());
    }
}
