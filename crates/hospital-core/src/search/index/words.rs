//! The builder's vocabulary: each word once, with an id in the order words were
//! met and the postings collected for it.
//!
//! Two things would otherwise stall one step of a sliced build for long: a hash
//! table that grows rehashes everything at once (13 ms at 60,000 words), and a
//! vector that grows copies everything at once. So the tables are 64 shards,
//! each growing on its own, and keep only each word's hash (a table of numbers
//! is also freed in one go, without visiting its words); the words and their
//! postings live in blocks that never move.

use super::WordHasher;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

const SHARDS: usize = 64;
const BLOCK: usize = 4096;

/// Passes on a hash computed already.
#[derive(Default)]
pub struct Prehashed(u64);

impl Hasher for Prehashed {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ b as u64;
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type Table = HashMap<u64, u32, BuildHasherDefault<Prehashed>>;

/// The word hash, mixed (MurmurHash3's finalizer) so that every bit counts: the
/// shard comes from some bits, a table's slot and tag from others.
fn hash(word: &str) -> u64 {
    let mut h = WordHasher::default();
    h.write(word.as_bytes());
    let mut x = h.finish() ^ word.len() as u64;
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^ (x >> 33)
}

pub struct Vocabulary {
    tables: Vec<Table>,
    /// Words whose hash an earlier word has: looked at only after a table's
    /// hit turns out to be another word, so practically never.
    collisions: HashMap<Box<str>, u32>,
    blocks: Vec<Vec<(Box<str>, Vec<u32>)>>,
    len: usize,
    /// Bytes of all words, and postings of all words: the sizes of the index.
    pub bytes: usize,
    pub postings: usize,
}

impl Default for Vocabulary {
    fn default() -> Vocabulary {
        Vocabulary {
            tables: (0..SHARDS).map(|_| Table::default()).collect(),
            collisions: HashMap::new(),
            blocks: Vec::new(),
            len: 0,
            bytes: 0,
            postings: 0,
        }
    }
}

impl Vocabulary {
    pub fn len(&self) -> usize {
        self.len
    }

    /// The id of `word`, new if it is new.
    pub fn id(&mut self, word: &str) -> u32 {
        let h = hash(word);
        let new = self.len as u32;
        let Some(table) = self.tables.get_mut((h >> 32) as usize % SHARDS) else {
            return new;
        };
        let found = *table.entry(h).or_insert(new);
        if found != new {
            if self.word(found as usize) == word {
                return found;
            }
            if let Some(&id) = self.collisions.get(word) {
                return id;
            }
            self.collisions.insert(word.into(), new);
        }
        self.push(word);
        new
    }

    fn push(&mut self, word: &str) {
        if self.len.is_multiple_of(BLOCK) {
            self.blocks.push(Vec::with_capacity(BLOCK));
        }
        if let Some(block) = self.blocks.last_mut() {
            block.push((word.into(), Vec::new()));
            self.len += 1;
            self.bytes += word.len();
        }
    }

    fn entry(&self, id: usize) -> Option<&(Box<str>, Vec<u32>)> {
        self.blocks.get(id / BLOCK)?.get(id % BLOCK)
    }

    /// The word of `id`; empty once taken.
    pub fn word(&self, id: usize) -> &str {
        self.entry(id).map_or("", |e| &e.0)
    }

    pub fn add_posting(&mut self, id: usize, posting: u32) {
        if let Some(e) = self
            .blocks
            .get_mut(id / BLOCK)
            .and_then(|b| b.get_mut(id % BLOCK))
        {
            e.1.push(posting);
            self.postings += 1;
        }
    }

    /// The word and postings of `id`, leaving them empty.
    pub fn take(&mut self, id: usize) -> (Box<str>, Vec<u32>) {
        self.blocks
            .get_mut(id / BLOCK)
            .and_then(|b| b.get_mut(id % BLOCK))
            .map(std::mem::take)
            .unwrap_or_default()
    }

    /// Frees the lookup tables, once no word will be added.
    pub fn seal(&mut self) {
        self.tables = Vec::new();
        self.collisions = HashMap::new();
    }
}
