//! The inverted index: a sorted vocabulary of folded tokens, the doctors each
//! token occurs in (and in which fields), and a deletion index for typos.
//!
//! Prefix lookups are two binary searches over the sorted vocabulary. Typo lookups
//! use the "symmetric deletion" idea: two words are within one edit (insertion,
//! deletion, substitution or adjacent transposition) only if deleting at most one
//! character from each makes them equal, so the index stores the hash of every word
//! and of each of its one-character deletions, and a query looks up its own. That
//! costs a few binary searches instead of a scan of the vocabulary.

use std::hash::Hasher;
use std::ops::Range;

mod finish;
mod postings;
mod wire;
mod words;
pub use finish::Finisher;
pub use postings::PostingList;
use postings::Postings;
pub use wire::TextIndexRead;
use words::Vocabulary;

/// Field classes, as bits of a posting's field mask. Higher ranks higher.
pub const BIO: u8 = 1;
pub const DEPARTMENT: u8 = 2;
pub const SPECIALTY: u8 = 4;
pub const NAME: u8 = 8;
pub const ALL_FIELDS: u8 = 15;

/// Marks of the words that are not words of a text: a whole field's phrase key
/// (`\u{1}liver cirrhosis`, `\u{1}心血管内科`), the key from a later word of a
/// specialty or condition on (`\u{2}cirrhosis` for "liver cirrhosis"), and a
/// campus a doctor holds clinics at (`\u{3}` and its number), and a department
/// keyword (`\u{4}`). Query words are
/// folded letters and digits, so they never meet these by prefix or typo.
pub const WHOLE: char = '\u{1}';
pub const INSIDE: char = '\u{2}';
pub const CAMPUS: char = '\u{3}';
/// A department keyword as a whole (`\u{4}rash`): weaker than a whole field, as
/// strong as the start of one.
pub const KEYWORD: char = '\u{4}';

/// Whether `word` is one of the marked words above.
pub fn is_marked(word: &str) -> bool {
    word.starts_with([WHOLE, INSIDE, CAMPUS, KEYWORD])
}

/// How a vocabulary word matched a query word; higher is better.
pub const TYPO: u8 = 0;
pub const PREFIX: u8 = 1;
pub const EXACT: u8 = 2;

/// Score of one query word in one doctor: the field dominates, then the match kind.
/// Always in 1..=15, so that 0 can mean "no match".
pub fn score(fields: u8, kind: u8) -> u8 {
    let class = 7 - (fields & ALL_FIELDS).max(1).leading_zeros() as u8;
    class * 4 + kind + 1
}

/// Words shorter than this (in characters) get no typo tolerance: with four letters
/// one edit turns most words into other real words.
pub const TYPO_MIN_CHARS: usize = 5;
/// Longer words are not looked up for typos: nothing in the vocabulary is that long,
/// and deletions of a pasted paragraph would cost time for nothing.
const TYPO_MAX_CHARS: usize = 40;

pub struct TextIndex {
    /// All vocabulary words, concatenated in sorted order.
    arena: String,
    /// `arena[ends[i - 1]..ends[i]]` is word `i`.
    ends: Vec<u32>,
    /// Each word's postings (`doctor << 4 | field mask`). Those with a name or
    /// specialty come first: synonym expansions look only at those, and skip the
    /// long lists of biography words.
    postings: Postings,
    /// `hash << 32 | word`, sorted: the word and its one-character deletions.
    deletions: Vec<u64>,
}

/// A multiply-rotate hash for the builder's word tables: building looks words up
/// millions of times, SipHash's protection against crafted keys is not needed for
/// the site's own dataset, and it made up a fifth of the build time.
#[derive(Default)]
pub struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut b = [0u8; 8];
            b[..chunk.len()].copy_from_slice(chunk);
            self.0 =
                (self.0.rotate_left(5) ^ u64::from_le_bytes(b)).wrapping_mul(0x517c_c1b7_2722_0a95);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Collects tokens doctor by doctor; `finish` sorts the vocabulary.
#[derive(Default)]
pub struct Builder {
    words: Vocabulary,
    current: Vec<(u32, u8)>,
}

impl Builder {
    /// The builder's id of a word, for callers that add the same words to many
    /// doctors (a department's words go to all its doctors).
    pub fn id(&mut self, word: &str) -> u32 {
        self.words.id(word)
    }

    pub fn add(&mut self, word: &str, field: u8) {
        let id = self.id(word);
        self.current.push((id, field));
    }

    pub fn add_id(&mut self, id: u32, field: u8) {
        self.current.push((id, field));
    }

    /// Ends the doctor whose words were added since the last call: one posting per
    /// word, with the fields it occurs in. Doctor indexes must fit in 28 bits.
    pub fn end_doctor(&mut self, doctor: usize) {
        self.current.sort_unstable();
        let mut i = 0;
        while i < self.current.len() {
            let (id, mut mask) = self.current[i];
            i += 1;
            while i < self.current.len() && self.current[i].0 == id {
                mask |= self.current[i].1;
                i += 1;
            }
            self.words
                .add_posting(id as usize, (doctor as u32) << 4 | mask as u32);
        }
        self.current.clear();
    }

    /// The index, and each builder id's final word id, in one go.
    #[cfg(test)]
    pub fn finish(self) -> (TextIndex, Vec<u32>) {
        self.finisher().finish()
    }

    /// The work of `finish`, to do in slices.
    pub fn finisher(self) -> Finisher {
        Finisher::new(self.words)
    }
}

fn fnv(s: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in s.bytes() {
        h = (h ^ b as u32).wrapping_mul(0x0100_0193);
    }
    h
}

/// Calls `f` with the hash of the word and of each of its one-character deletions.
fn for_each_variant(chars: &[char], buf: &mut String, mut f: impl FnMut(u32)) {
    buf.clear();
    buf.extend(chars);
    f(fnv(buf));
    for skip in 0..chars.len() {
        buf.clear();
        buf.extend(&chars[..skip]);
        buf.extend(&chars[skip + 1..]);
        f(fnv(buf));
    }
}

/// Optimal string alignment distance of at most one.
fn within_one_edit(a: &[char], b: &[char]) -> bool {
    if a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let p = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    if p == a.len() && p == b.len() {
        return true;
    }
    match a.len().cmp(&b.len()) {
        std::cmp::Ordering::Equal => {
            a[p + 1..] == b[p + 1..]
                || (p + 1 < a.len()
                    && a[p] == b[p + 1]
                    && a[p + 1] == b[p]
                    && a[p + 2..] == b[p + 2..])
        }
        std::cmp::Ordering::Less => a[p..] == b[p + 1..],
        std::cmp::Ordering::Greater => a[p + 1..] == b[p..],
    }
}

impl TextIndex {
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn word(&self, id: usize) -> &str {
        let start = if id == 0 {
            0
        } else {
            self.ends[id - 1] as usize
        };
        &self.arena[start..self.ends[id] as usize]
    }

    /// The postings of word `id` that can have one of `fields`, and maybe others.
    pub fn postings(&self, id: usize, fields: u8) -> PostingList<'_> {
        self.postings.of(id, fields & (DEPARTMENT | BIO) != 0)
    }

    /// Ids of the words that start with `prefix` (the word itself first, if present).
    pub fn prefix_range(&self, prefix: &str) -> Range<usize> {
        let lo = partition(0..self.len(), |i| self.word(i) < prefix);
        let hi = partition(lo..self.len(), |i| self.word(i).starts_with(prefix));
        lo..hi
    }

    pub fn exact(&self, word: &str) -> Option<usize> {
        let r = self.prefix_range(word);
        (!r.is_empty() && self.word(r.start) == word).then_some(r.start)
    }

    /// Words one edit away from `word` that do not start with it (those are prefix
    /// matches already). Empty for words shorter than `TYPO_MIN_CHARS`.
    pub fn typo_matches(&self, word: &str) -> Vec<usize> {
        if word.chars().count() < TYPO_MIN_CHARS {
            return Vec::new();
        }
        self.near_words(word)
    }

    /// Words one edit away from `word` that do not start with it, whatever its
    /// length (only words of four letters or more have their deletions indexed):
    /// spelling suggestions.
    pub fn near_words(&self, word: &str) -> Vec<usize> {
        let chars: Vec<char> = word.chars().collect();
        let mut out = Vec::new();
        if chars.len() > TYPO_MAX_CHARS {
            return out;
        }
        let mut buf = String::new();
        let mut other = Vec::new();
        for_each_variant(&chars, &mut buf, |h| {
            let h = h as u64;
            let lo = self.deletions.partition_point(|&e| e >> 32 < h);
            for &e in self.deletions[lo..].iter().take_while(|&&e| e >> 32 == h) {
                let id = (e & 0xFFFF_FFFF) as usize;
                if out.contains(&id) {
                    continue;
                }
                let cand = self.word(id);
                if cand.starts_with(word) {
                    continue;
                }
                other.clear();
                other.extend(cand.chars());
                if within_one_edit(&chars, &other) {
                    out.push(id);
                }
            }
        });
        out
    }
}

/// The first index in `range` for which `pred` is false, `pred` being true then false.
fn partition(range: Range<usize>, pred: impl Fn(usize) -> bool) -> usize {
    let (mut lo, mut hi) = (range.start, range.end);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if pred(mid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn edit_distance_one() {
        let yes = [
            ("cardiology", "cardiology"),
            ("cardiolgy", "cardiology"),
            ("cardiollogy", "cardiology"),
            ("kardiology", "cardiology"),
            ("cardoilogy", "cardiology"),
            ("acrdiology", "cardiology"),
            ("cardiologi", "cardiology"),
            ("cardiolgoy", "cardiology"),
        ];
        for (a, b) in yes {
            assert!(within_one_edit(&chars(a), &chars(b)), "{a} {b}");
            assert!(within_one_edit(&chars(b), &chars(a)), "{b} {a}");
        }
        for (a, b) in [
            ("cardiolxgz", "cardiology"),
            ("cadriolgy", "cardiology"),
            ("abc", "a"),
        ] {
            assert!(!within_one_edit(&chars(a), &chars(b)), "{a} {b}");
        }
    }

    #[test]
    fn lookups() {
        let mut b = Builder::default();
        for (doc, words) in [["cardiology", "heart"], ["cardiac", "hearing"]]
            .iter()
            .enumerate()
        {
            for w in words {
                b.add(w, SPECIALTY);
            }
            b.add("heart", NAME);
            b.add("hearing", BIO);
            b.end_doctor(doc);
        }
        let (ix, _) = b.finish();
        let words: Vec<&str> = (0..ix.len()).map(|i| ix.word(i)).collect();
        assert_eq!(words, ["cardiac", "cardiology", "hearing", "heart"]);
        assert_eq!(ix.prefix_range("card"), 0..2);
        assert_eq!(ix.prefix_range("hear"), 2..4);
        assert_eq!(ix.prefix_range("x"), 4..4);
        assert_eq!(ix.exact("heart"), Some(3));
        assert_eq!(ix.exact("hear"), None);
        assert_eq!(
            ix.postings(3, ALL_FIELDS).iter().collect::<Vec<_>>(),
            [(NAME | SPECIALTY) as u32, 1 << 4 | NAME as u32]
        );
        // Doctor 0 has "hearing" in the biography only: not among specialties.
        assert_eq!(
            ix.postings(2, SPECIALTY).iter().collect::<Vec<_>>(),
            [1 << 4 | (SPECIALTY | BIO) as u32]
        );
        assert_eq!(ix.postings(2, BIO).len(), 2);
        assert_eq!(ix.typo_matches("cardiolgy"), vec![1]);
        assert_eq!(ix.typo_matches("heartt"), vec![3]);
        assert!(ix.typo_matches("haert").contains(&3));
        assert!(ix.typo_matches("hert").is_empty(), "four letters: no typos");
    }

    #[test]
    fn scores_order_fields_then_kinds() {
        assert_eq!(score(NAME, EXACT), 15);
        assert_eq!(score(NAME | BIO, TYPO), 13);
        assert_eq!(score(SPECIALTY, EXACT), 11);
        assert_eq!(score(DEPARTMENT, PREFIX), 6);
        assert_eq!(score(BIO, TYPO), 1);
    }
}
