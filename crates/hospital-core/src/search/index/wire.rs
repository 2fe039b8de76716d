//! The text index in a compiled file, and the checks that make any file that passes
//! them safe to search: every offset within its array, every word on character
//! boundaries, every posting's doctor within the dataset.

use super::TextIndex;
use crate::compiled::{ensure, CompiledError, Reader, Writer};

/// Whether `ends` only ever grows and stops exactly at `total`.
fn ascending_to(ends: &[u32], total: usize) -> bool {
    ends.windows(2).all(|w| w[0] <= w[1]) && ends.last().map_or(0, |&e| e as usize) == total
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

    /// Reads what [`TextIndex::write`] wrote, for an index of `doctors` doctors.
    pub(in crate::search) fn read(
        r: &mut Reader,
        doctors: usize,
    ) -> Result<TextIndex, CompiledError> {
        let ix = TextIndex {
            arena: r.string("vocabulary")?,
            ends: r.ascending("word ends")?,
            post_ends: r.ascending("posting ends")?,
            post_mids: r.ascending("posting middles")?,
            postings: r.keyed("postings", 4)?,
            deletions: Vec::new(),
        };
        let hashes = r.ascending("typo table")?;
        let words = r.keyed("typo table", 0)?;
        ensure(hashes.len() == words.len(), || {
            "the typo table's hashes and words do not pair up".into()
        })?;
        let ix = TextIndex {
            deletions: hashes
                .iter()
                .zip(&words)
                .map(|(&h, &w)| u64::from(h) << 32 | u64::from(w))
                .collect(),
            ..ix
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
        ensure(ascending_to(&ix.post_ends, ix.postings.len()), || {
            "posting ends are out of order or do not end the postings".into()
        })?;
        let mut start = 0;
        for (&mid, &end) in ix.post_mids.iter().zip(&ix.post_ends) {
            ensure(start <= mid && mid <= end, || {
                "a posting middle is outside its word's postings".into()
            })?;
            start = end;
        }
        ensure(
            ix.postings.iter().all(|&p| ((p >> 4) as usize) < doctors),
            || format!("a posting names a doctor beyond the {doctors} indexed"),
        )?;
        ensure(
            ix.deletions
                .iter()
                .all(|&d| ((d & 0xFFFF_FFFF) as usize) < words),
            || "the typo table names a word beyond the vocabulary".into(),
        )?;
        Ok(ix)
    }
}
