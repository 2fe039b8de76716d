//! The text index in a compiled file, and the checks that make any file that passes
//! them safe to search: every offset within its array, every word on character
//! boundaries, every posting's doctor within the dataset. The postings, most of the
//! file, are the bytes the index holds ([`Postings`]): read a few words at a time
//! ([`TextIndexRead`]), each word's lists checked and copied.

use super::{Postings, TextIndex};
use crate::compiled::{ensure, CompiledError, Reader, Writer};

/// Whether `ends` only ever grows and stops exactly at `total`.
fn ascending_to(ends: &[u32], total: usize) -> bool {
    ends.windows(2).all(|w| w[0] <= w[1]) && ends.last().map_or(0, |&e| e as usize) == total
}

/// The largest id a `keyed` array may hold for `n` things (and none when there are none:
/// the caller checks that the array is then empty).
fn last_id(n: usize) -> u32 {
    u32::try_from(n.saturating_sub(1)).unwrap_or(u32::MAX)
}

/// A text index whose vocabulary and offsets are read and checked, and whose postings
/// are being read.
pub struct TextIndexRead {
    ix: TextIndex,
    doctors: usize,
    /// Words whose postings are read.
    words_read: usize,
}

impl TextIndex {
    pub(in crate::search) fn write(&self, w: &mut Writer) {
        w.str(&self.arena);
        w.ascending(&self.ends);
        w.ascending(self.postings.ends());
        w.ascending(self.postings.mids());
        w.count(self.postings.bytes().len());
        w.raw(self.postings.bytes());
        // `hash << 32 | word`, sorted: the hashes as steps, then the words.
        let hashes: Vec<u32> = self.deletions.iter().map(|&d| (d >> 32) as u32).collect();
        let words: Vec<u32> = self.deletions.iter().map(|&d| d as u32).collect();
        w.ascending(&hashes);
        w.keyed(&words, 0);
    }

    /// Reads and checks the vocabulary of what [`TextIndex::write`] wrote, for an
    /// index of `doctors` doctors: a step of its own, the index's longest.
    pub(in crate::search) fn read_start(
        r: &mut Reader,
        doctors: usize,
    ) -> Result<TextIndexRead, CompiledError> {
        let arena = r.string("vocabulary")?;
        let ends = r.ascending("word ends")?;
        ensure(ascending_to(&ends, arena.len()), || {
            "word ends are out of order or do not end the vocabulary".into()
        })?;
        ensure(
            ends.iter().all(|&e| arena.is_char_boundary(e as usize)),
            || "a word ends inside a character".into(),
        )?;
        let ix = TextIndex {
            arena,
            ends,
            postings: Postings::default(),
            deletions: Vec::new(),
        };
        ensure((1..ix.len()).all(|i| ix.word(i - 1) < ix.word(i)), || {
            "the vocabulary is not sorted".into()
        })?;
        Ok(TextIndexRead {
            ix,
            doctors,
            words_read: 0,
        })
    }

    /// Reads and checks where each word's postings lie, and starts on the postings.
    pub(in crate::search) fn read_offsets(
        r: &mut Reader,
        part: &mut TextIndexRead,
    ) -> Result<(), CompiledError> {
        let post_ends = r.ascending("posting ends")?;
        let post_mids = r.ascending("posting middles")?;
        let words = part.ix.len();
        ensure(post_ends.len() == words && post_mids.len() == words, || {
            format!("{words} words but {} posting ends", post_ends.len())
        })?;
        let mut start = 0;
        for (&mid, &end) in post_mids.iter().zip(&post_ends) {
            ensure(start <= mid && mid <= end, || {
                "a posting middle is outside its word's postings".into()
            })?;
            start = end;
        }
        let total = post_ends.last().map_or(0, |&e| e as usize);
        let bytes = r.count(1, "postings")?;
        ensure(bytes == total, || {
            format!("{bytes} bytes of postings where the words' offsets need {total}")
        })?;
        part.ix.postings = Postings::from_offsets(post_mids, post_ends);
        Ok(())
    }

    /// Reads the postings of more words: those that end within `budget` bytes, and at
    /// least one; true when all are read.
    pub(in crate::search) fn read_more(
        r: &mut Reader,
        part: &mut TextIndexRead,
        budget: usize,
    ) -> Result<bool, CompiledError> {
        let postings = &mut part.ix.postings;
        let ends = postings.ends();
        let words = ends.len();
        let Some(&first_end) = ends.get(part.words_read) else {
            return Ok(true);
        };
        let start = postings.bytes().len();
        let limit = start.saturating_add(budget).max(first_end as usize);
        let last =
            part.words_read + ends[part.words_read..].partition_point(|&e| e as usize <= limit);
        let end = ends[last - 1] as usize;
        let bytes = r.take(end - start, "postings")?;
        postings.add_checked(bytes, part.words_read..last, part.doctors)?;
        part.words_read = last;
        Ok(last == words)
    }

    /// Reads the typo table and returns the whole index.
    pub(in crate::search) fn read_finish(
        r: &mut Reader,
        part: TextIndexRead,
    ) -> Result<TextIndex, CompiledError> {
        let words = part.ix.ends.len();
        // Straight into their pairs: two lists of a million numbers each at 100,000
        // doctors, then a third made of them, grew the page's memory for good.
        let n = r.count(1, "typo table")?;
        let mut deletions: Vec<u64> = Vec::with_capacity(n);
        r.ascending_values("typo table", n, |hash| {
            deletions.push(u64::from(hash) << 32)
        })?;
        let pairs = r.count(1, "typo table")?;
        ensure(pairs == n && (words > 0 || n == 0), || {
            "the typo table's hashes and words do not pair up".into()
        })?;
        let mut next = deletions.iter_mut();
        r.keyed_values("typo table", n, 0, last_id(words), |word| {
            if let Some(d) = next.next() {
                *d |= u64::from(word);
            }
        })?;
        Ok(TextIndex {
            deletions,
            ..part.ix
        })
    }
}
