//! Strings that many records share: one allocation for every copy of a text.
//!
//! A large hospital's records repeat the same few hundred texts (specialties, conditions,
//! campuses, languages, department ids, booking lines) across all their doctors. Read as
//! `String`s, each copy was an allocation of its own: at 100,000 generated doctors about
//! 1.5 million allocations for 130 specialties, 150 conditions, 3 campuses and 4
//! languages, which wasm memory keeps for the page's life. A [`SharedStr`] is a
//! reference-counted string, and [`SharedStrs`] hands out one copy of each text, so that
//! every record naming it points at the same bytes.

use hashbrown::HashTable;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Borrow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::sync::Arc;

/// An immutable string whose clones share one allocation. The empty string holds none
/// (a record without a biography costs nothing).
#[derive(Clone, Default)]
pub struct SharedStr(Option<Arc<str>>);

impl SharedStr {
    pub fn as_str(&self) -> &str {
        self.0.as_deref().unwrap_or("")
    }

    /// Whether `self` and `other` are the same allocation (not merely equal texts).
    pub fn shares_with(&self, other: &SharedStr) -> bool {
        match (&self.0, &other.0) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        }
    }
}

impl Deref for SharedStr {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for SharedStr {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for SharedStr {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl From<&str> for SharedStr {
    fn from(s: &str) -> SharedStr {
        SharedStr((!s.is_empty()).then(|| Arc::from(s)))
    }
}

impl From<String> for SharedStr {
    fn from(s: String) -> SharedStr {
        SharedStr((!s.is_empty()).then(|| Arc::from(s)))
    }
}

impl From<&String> for SharedStr {
    fn from(s: &String) -> SharedStr {
        SharedStr::from(s.as_str())
    }
}

impl From<SharedStr> for String {
    fn from(s: SharedStr) -> String {
        s.as_str().to_string()
    }
}

impl PartialEq for SharedStr {
    fn eq(&self, other: &SharedStr) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for SharedStr {}

impl PartialEq<str> for SharedStr {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for SharedStr {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for SharedStr {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialEq<SharedStr> for str {
    fn eq(&self, other: &SharedStr) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<SharedStr> for &str {
    fn eq(&self, other: &SharedStr) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<SharedStr> for String {
    fn eq(&self, other: &SharedStr) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialOrd for SharedStr {
    fn partial_cmp(&self, other: &SharedStr) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for SharedStr {
    fn cmp(&self, other: &SharedStr) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

/// As a `str` hashes, so that a set of them is looked up by `&str`.
impl Hash for SharedStr {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state)
    }
}

impl fmt::Debug for SharedStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for SharedStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for SharedStr {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for SharedStr {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<SharedStr, D::Error> {
        String::deserialize(deserializer).map(SharedStr::from)
    }
}

/// One copy of each text seen: [`SharedStrs::share`] swaps a string for the copy
/// already held, if any, and [`SharedStrs::get`] finds a text before making a copy, so a
/// reader allocates only the texts it meets first. Kept while a JSON dataset is read,
/// then dropped: the texts live on in the records that share them. (Compiled records
/// name their repeated texts by place instead: `compiled/repeats.rs`.)
#[derive(Default)]
pub struct SharedStrs {
    /// By xxh3, already in the wasm for the files' checksums; SipHash, the standard
    /// set's, made reading 100,000 doctors' records a quarter slower natively.
    seen: HashTable<SharedStr>,
}

fn hash(text: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(text.as_bytes())
}

impl SharedStrs {
    pub fn new() -> SharedStrs {
        SharedStrs::default()
    }

    /// Makes `s` the held copy of its text (and holds it, if it is the first).
    pub fn share(&mut self, s: &mut SharedStr) {
        let held = self.held(s.as_str(), || s.clone());
        *s = held;
    }

    /// The held copy of `text`, made on first sight.
    pub fn get(&mut self, text: &str) -> SharedStr {
        self.held(text, || SharedStr::from(text))
    }

    /// The held copy of `text`; on first sight, `make`'s, which is then held.
    fn held(&mut self, text: &str, make: impl FnOnce() -> SharedStr) -> SharedStr {
        if text.is_empty() {
            return SharedStr::default();
        }
        let h = hash(text);
        if let Some(held) = self.seen.find(h, |held| held.as_str() == text) {
            return held.clone();
        }
        let s = make();
        self.seen.insert_unique(h, s.clone(), |held| hash(held));
        s
    }

    /// How many different texts are held.
    pub fn len(&self) -> usize {
        self.seen.len()
    }

    pub fn is_empty(&self) -> bool {
        self.seen.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_texts_end_up_in_one_allocation() {
        let mut held = SharedStrs::new();
        let mut a = SharedStr::from("Cardiology");
        let mut b = SharedStr::from(String::from("Cardiology"));
        assert!(!a.shares_with(&b));
        held.share(&mut a);
        held.share(&mut b);
        assert!(a.shares_with(&b));
        assert_eq!(held.get("Cardiology").as_str(), "Cardiology");
        assert!(held.get("Cardiology").shares_with(&a));
        assert_eq!(held.len(), 1);
        let other = held.get("Neurology");
        assert!(!other.shares_with(&a));
        assert_eq!(held.len(), 2);
    }

    #[test]
    fn the_empty_string_holds_nothing_and_is_never_held() {
        let mut held = SharedStrs::new();
        let mut empty = SharedStr::from("");
        held.share(&mut empty);
        assert!(held.is_empty());
        assert_eq!(empty, SharedStr::default());
        assert_eq!(empty.as_str(), "");
    }

    #[test]
    fn compares_hashes_and_serializes_as_its_text() {
        let s = SharedStr::from("main");
        assert_eq!(s, "main");
        assert_eq!("main", s);
        assert_eq!(String::from("main"), s);
        let (a, b) = (SharedStr::from("a"), SharedStr::from("b"));
        assert!(a < b);
        let set: std::collections::HashSet<SharedStr> = [s.clone()].into();
        assert!(set.contains("main"));
        assert_eq!(serde_json::to_string(&s).ok().as_deref(), Some("\"main\""));
        let back: Result<SharedStr, _> = serde_json::from_str("\"main\"");
        assert_eq!(back.ok(), Some(s));
    }
}
