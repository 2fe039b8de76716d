//! The text index in a compiled file, and the checks that make any file that passes
//! them safe to search: every offset within its array, every word on character
//! boundaries, every posting's doctor within the dataset. The postings, most of the
//! file, are read a part at a time ([`TextIndexRead`]).

use super::TextIndex;
use crate::compiled::{ensure, CompiledError, Keyed, Reader, Writer};

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
    postings: Keyed,
}

impl TextIndex {
    pub(in crate::search) fn write(&self, w: &mut Writer) {
        w.str(&self.arena);
        w.ascending(&self.ends);
        w.ascending(&self.post_ends);
        w.ascending(&self.post_mids);
        // A posting is `doctor << 4 | fields`: doctors grow within a word's lists.
        w.keyed(&self.postings, 4);
        // `hash << 32 | word`, sorted: the hashes as steps, then the words.
        let hashes: Vec<u32> = self.deletions.iter().map(|&d| (d >> 32) as u32).collect();
        let words: Vec<u32> = self.deletions.iter().map(|&d| d as u32).collect();
        w.ascending(&hashes);
        w.keyed(&words, 0);
    }

    /// Reads and checks the vocabulary and the offsets of what [`TextIndex::write`]
    /// wrote, for an index of `doctors` doctors, and starts on the postings.
    pub(in crate::search) fn read_start(
        r: &mut Reader,
        doctors: usize,
    ) -> Result<TextIndexRead, CompiledError> {
        let ix = TextIndex {
            arena: r.string("vocabulary")?,
            ends: r.ascending("word ends")?,
            post_ends: r.ascending("posting ends")?,
            post_mids: r.ascending("posting middles")?,
            postings: Vec::new(),
            deletions: Vec::new(),
        };
        let words = ix.ends.len();
        ensure(ascending_to(&ix.ends, ix.arena.len()), || {
            "word ends are out of order or do not end the vocabulary".into()
        })?;
        ensure(
            ix.ends
                .iter()
                .all(|&e| ix.arena.is_char_boundary(e as usize)),
            || "a word ends inside a character".into(),
        )?;
        ensure((1..words).all(|i| ix.word(i - 1) < ix.word(i)), || {
            "the vocabulary is not sorted".into()
        })?;
        ensure(
            ix.post_ends.len() == words && ix.post_mids.len() == words,
            || format!("{words} words but {} posting ends", ix.post_ends.len()),
        )?;
        let mut start = 0;
        for (&mid, &end) in ix.post_mids.iter().zip(&ix.post_ends) {
            ensure(start <= mid && mid <= end, || {
                "a posting middle is outside its word's postings".into()
            })?;
            start = end;
        }
        // Every posting's doctor is within the index: checked as each is read.
        let postings = r.keyed_start("postings", 4, last_id(doctors))?;
        let total = ix.post_ends.last().map_or(0, |&e| e as usize);
        ensure(
            postings.remaining() == total && (doctors > 0 || total == 0),
            || {
                format!(
                    "{} postings where the words' offsets need {total}",
                    postings.remaining()
                )
            },
        )?;
        Ok(TextIndexRead { ix, postings })
    }

    /// Reads up to `budget` more postings; true when all are read.
    pub(in crate::search) fn read_more(
        r: &mut Reader,
        part: &mut TextIndexRead,
        budget: usize,
    ) -> Result<bool, CompiledError> {
        r.keyed_more(&mut part.postings, budget)
    }

    /// Reads the typo table and returns the whole index.
    pub(in crate::search) fn read_finish(
        r: &mut Reader,
        part: TextIndexRead,
    ) -> Result<TextIndex, CompiledError> {
        let words = part.ix.ends.len();
        let hashes = r.ascending("typo table")?;
        let ids = r.keyed("typo table", 0, last_id(words))?;
        ensure(
            hashes.len() == ids.len() && (words > 0 || ids.is_empty()),
            || "the typo table's hashes and words do not pair up".into(),
        )?;
        Ok(TextIndex {
            postings: part.postings.into_values(),
            deletions: hashes
                .iter()
                .zip(&ids)
                .map(|(&h, &w)| u64::from(h) << 32 | u64::from(w))
                .collect(),
            ..part.ix
        })
    }
}
