//! A fixed-size set of doctor indexes: facet filters are unions and
//! intersections of these, a word at a time.

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Bits {
    words: Vec<u64>,
}

impl Bits {
    pub fn empty(n: usize) -> Bits {
        Bits {
            words: vec![0; n.div_ceil(64)],
        }
    }

    pub fn full(n: usize) -> Bits {
        let mut words = vec![u64::MAX; n.div_ceil(64)];
        let tail = n & 63;
        if tail != 0 {
            if let Some(last) = words.last_mut() {
                // Bits past `n` stay clear so that counts are exact.
                *last = (1u64 << tail) - 1;
            }
        }
        Bits { words }
    }

    /// A set of `n` doctors from its words, as [`Bits::words`] gives them; `None` when
    /// the number of words is not `n`'s or a bit past `n` is set (a compiled file's
    /// bits, checked before use).
    pub fn from_words(words: Vec<u64>, n: usize) -> Option<Bits> {
        if words.len() != n.div_ceil(64) {
            return None;
        }
        let tail = n & 63;
        let clean = tail == 0 || words.last().is_none_or(|w| w >> tail == 0);
        clean.then_some(Bits { words })
    }

    pub fn words(&self) -> &[u64] {
        &self.words
    }

    pub fn set(&mut self, i: usize) {
        if let Some(w) = self.words.get_mut(i / 64) {
            *w |= 1 << (i % 64);
        }
    }

    pub fn contains(&self, i: usize) -> bool {
        self.words
            .get(i / 64)
            .is_some_and(|w| w & (1 << (i % 64)) != 0)
    }

    pub fn count(&self) -> usize {
        self.words.iter().map(|w| w.count_ones() as usize).sum()
    }

    /// Indexes of the non-zero words when they are few, to count sparse sets fast.
    pub fn sparse_words(&self) -> Option<Vec<u32>> {
        let nz: Vec<u32> = (0..self.words.len() as u32)
            .filter(|&i| self.words[i as usize] != 0)
            .collect();
        (nz.len() * 4 < self.words.len()).then_some(nz)
    }

    pub fn and_with(&mut self, other: &Bits) {
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a &= b;
        }
    }

    /// Removes every member of `other`.
    pub fn and_not(&mut self, other: &Bits) {
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a &= !b;
        }
    }

    pub fn or_with(&mut self, other: &Bits) {
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a |= b;
        }
    }

    /// `|self ∩ option|`, without building the intersection. `sparse` is
    /// `self.sparse_words()`.
    pub fn count_and(&self, sparse: Option<&[u32]>, option: &Bits) -> usize {
        if let Some(at) = sparse {
            return at
                .iter()
                .map(|&i| {
                    let i = i as usize;
                    let word = |b: &Bits| b.words.get(i).copied().unwrap_or(0);
                    (word(self) & word(option)).count_ones() as usize
                })
                .sum();
        }
        self.words
            .iter()
            .zip(&option.words)
            .map(|(a, o)| (a & o).count_ones() as usize)
            .sum()
    }

    /// The members, in increasing order.
    pub fn ones(&self) -> Ones<'_> {
        Ones {
            words: &self.words,
            i: 0,
            w: self.words.first().copied().unwrap_or(0),
        }
    }
}

/// A hand-written iterator rather than adapters: the size-optimised build does not
/// inline adapter closures, and this runs once per result.
pub struct Ones<'a> {
    words: &'a [u64],
    i: usize,
    w: u64,
}

impl Iterator for Ones<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        while self.w == 0 {
            self.i += 1;
            self.w = *self.words.get(self.i)?;
        }
        let b = self.w.trailing_zeros() as usize;
        self.w &= self.w - 1;
        Some(self.i * 64 + b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_algebra() {
        let mut a = Bits::empty(130);
        for i in [0, 63, 64, 129, 500] {
            a.set(i);
        }
        assert_eq!(a.ones().collect::<Vec<_>>(), vec![0, 63, 64, 129]);
        let full = Bits::full(130);
        assert_eq!(full.count(), 130);
        let mut b = Bits::empty(130);
        b.set(1);
        b.set(64);
        assert_eq!(full.count_and(None, &b), 2);
        assert_eq!(a.count_and(None, &b), 1);
        let mut sparse = Bits::empty(1000);
        sparse.set(3);
        sparse.set(700);
        let at = sparse.sparse_words().expect("sparse");
        assert_eq!(at, [0, 10]);
        let mut o = Bits::empty(1000);
        o.set(700);
        o.set(5);
        assert_eq!(sparse.count_and(Some(&at), &o), 1);
        assert_eq!(sparse.count_and(Some(&at), &sparse), 2);
        assert_eq!(sparse.count_and(Some(&at), &Bits::empty(1000)), 0);
        assert!(Bits::full(1000).sparse_words().is_none());
        let mut c = a.clone();
        c.and_with(&b);
        assert_eq!(c.ones().collect::<Vec<_>>(), vec![64]);
        c.or_with(&a);
        assert_eq!(c, a);
        assert!(a.contains(129) && !a.contains(1) && !a.contains(9999));
    }
}
