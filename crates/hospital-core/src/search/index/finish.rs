//! The end of an index build, in slices: sort the vocabulary, lay out the
//! postings and the typo deletions word by word, and sort the deletions. Each word's buffers are freed as it is laid
//! out, so that no step pays for freeing them all at once.

use super::{
    for_each_variant, Postings, TextIndex, Vocabulary, NAME, SPECIALTY, TYPO_MAX_CHARS,
    TYPO_MIN_CHARS,
};
use crate::search::slices::{share, Pacer, SliceSort};

/// Items sorted in one uninterrupted piece: words compare as strings, slower
/// than the deletions' plain integers.
const WORD_CHUNK: usize = 2048;
const DELETION_CHUNK: usize = 8192;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Stage {
    SortWords,
    Assemble,
    SortDeletions,
    Done,
}

pub struct Finisher {
    stage: Stage,
    /// Each word is emptied as it is laid out.
    words: Vocabulary,
    vocabulary: SliceSort<u32>,
    /// Builder ids in word order, once sorted.
    order: Vec<u32>,
    laid_out: usize,
    arena: String,
    ends: Vec<u32>,
    postings: Postings,
    /// One word's postings with a name or specialty, and the rest.
    first: Vec<u32>,
    rest: Vec<u32>,
    deletions: Vec<u64>,
    deletion_sort: SliceSort<u64>,
    final_id: Vec<u32>,
    chars: Vec<char>,
    buf: String,
}

impl Finisher {
    pub(super) fn new(mut words: Vocabulary) -> Finisher {
        words.seal();
        let ids = (0..words.len() as u32).collect();
        Finisher {
            stage: Stage::SortWords,
            words,
            vocabulary: SliceSort::new(ids, WORD_CHUNK),
            order: Vec::new(),
            laid_out: 0,
            arena: String::new(),
            ends: Vec::new(),
            postings: Postings::default(),
            first: Vec::new(),
            rest: Vec::new(),
            deletions: Vec::new(),
            deletion_sort: SliceSort::new(Vec::new(), DELETION_CHUNK),
            final_id: Vec::new(),
            chars: Vec::new(),
            buf: String::new(),
        }
    }

    /// Works until `pacer` says stop; true when done.
    pub fn step(&mut self, pacer: &mut Pacer) -> bool {
        loop {
            let stop = match self.stage {
                Stage::SortWords => {
                    let words = &self.words;
                    let done = self.vocabulary.step(
                        &|&a, &b| words.word(a as usize).cmp(words.word(b as usize)),
                        pacer,
                    );
                    if done {
                        let sort = std::mem::replace(
                            &mut self.vocabulary,
                            SliceSort::new(Vec::new(), WORD_CHUNK),
                        );
                        self.order = sort.into_sorted(&u32::cmp);
                        self.start_layout();
                    }
                    !done
                }
                Stage::Assemble => self.lay_out(pacer),
                Stage::SortDeletions => {
                    let done = self.deletion_sort.step(&u64::cmp, pacer);
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

    /// Work done and in all, in thousandths of the whole.
    pub fn progress(&self) -> (usize, usize) {
        // Shares of the time each stage takes, measured at 100,000 doctors.
        let n = self.words.len();
        let done = match self.stage {
            Stage::SortWords => share(self.vocabulary.progress(), 200),
            Stage::Assemble => 200 + share((self.laid_out, n), 700),
            Stage::SortDeletions => 900 + share(self.deletion_sort.progress(), 100),
            Stage::Done => 1000,
        };
        (done, 1000)
    }

    fn start_layout(&mut self) {
        let n = self.order.len();
        self.arena = String::with_capacity(self.words.bytes);
        self.ends = Vec::with_capacity(n);
        self.postings = Postings::with_capacity(n, self.words.postings);
        self.final_id = vec![0; n];
        self.stage = Stage::Assemble;
    }

    fn lay_out(&mut self, pacer: &mut Pacer) -> bool {
        while let Some(&old) = self.order.get(self.laid_out) {
            let new_id = self.laid_out;
            let old = old as usize;
            let (word, mut list) = self.words.take(old);
            self.arena.push_str(&word);
            self.ends.push(self.arena.len() as u32);
            // Doctors are added in order; a caller that did not still gets lists
            // the postings' encoding can hold.
            if !list.is_sorted() {
                list.sort_unstable();
            }
            let (first, rest) = (&mut self.first, &mut self.rest);
            first.clear();
            rest.clear();
            for &p in &list {
                if p & (NAME | SPECIALTY) as u32 != 0 {
                    first.push(p);
                } else {
                    rest.push(p);
                }
            }
            self.postings.push_word(first, rest);
            self.add_deletions(&word, new_id);
            self.final_id[old] = new_id as u32;
            self.laid_out += 1;
            if pacer.spent(1 + list.len() / 8 + word.len()) {
                return true;
            }
        }
        let deletions = std::mem::take(&mut self.deletions);
        self.deletion_sort = SliceSort::new(deletions, DELETION_CHUNK);
        self.stage = Stage::SortDeletions;
        false
    }

    fn add_deletions(&mut self, word: &str, new_id: usize) {
        let chars = &mut self.chars;
        chars.clear();
        chars.extend(word.chars());
        if !super::is_marked(word)
            && chars.len() + 1 >= TYPO_MIN_CHARS
            && chars.len() <= TYPO_MAX_CHARS + 1
            && chars.iter().any(|c| c.is_alphabetic())
        {
            let deletions = &mut self.deletions;
            let first = deletions.len();
            for_each_variant(chars, &mut self.buf, |h| {
                deletions.push((h as u64) << 32 | new_id as u64)
            });
            // "hello" minus either 'l' is the same string: store it once.
            deletions[first..].sort_unstable();
            let mut w = first;
            for r in first..deletions.len() {
                if w == first || deletions[r] != deletions[w - 1] {
                    deletions[w] = deletions[r];
                    w += 1;
                }
            }
            deletions.truncate(w);
        }
    }

    /// The index, and each builder id's final word id; does the work `step` has
    /// not done yet.
    pub fn finish(mut self) -> (TextIndex, Vec<u32>) {
        let mut never = || false;
        while !self.step(&mut Pacer::new(&mut never, usize::MAX)) {}
        let mut deletions = self.deletion_sort.into_sorted(&u64::cmp);
        // Grown by doubling: without this, up to half of it is spare capacity.
        deletions.shrink_to_fit();
        self.postings.shrink_to_fit();
        let ix = TextIndex {
            arena: self.arena,
            ends: self.ends,
            postings: self.postings,
            deletions,
        };
        (ix, self.final_id)
    }
}
