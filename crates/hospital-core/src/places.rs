//! Each record's place in its list, found by the record's id without a copy of the ids.

use hashbrown::hash_table::{Entry, HashTable};

/// The places of a list's records by their ids: 4 bytes a record. A
/// `HashMap<String, usize>` kept a copy of every id; at 100,000 doctors those were
/// 100,000 allocations and about 5 MB of wasm memory, for ids the list already holds.
/// The table keeps only places and asks the list (`id_of`) for the ids it compares.
#[derive(Default)]
pub struct PlacesById {
    table: HashTable<u32>,
}

fn hash(id: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(id.as_bytes())
}

impl PlacesById {
    pub fn with_capacity(records: usize) -> PlacesById {
        PlacesById {
            table: HashTable::with_capacity(records),
        }
    }

    /// Puts `place` under its id (`id_of(place)`). An id put in twice keeps its last
    /// place, as a map would.
    pub fn insert<'a>(&mut self, place: usize, id_of: impl Fn(usize) -> &'a str) {
        let Ok(place32) = u32::try_from(place) else {
            return;
        };
        let id = id_of(place);
        let same = |&p: &u32| id_of(p as usize) == id;
        match (self.table).entry(hash(id), same, |&p| hash(id_of(p as usize))) {
            Entry::Occupied(mut held) => *held.get_mut() = place32,
            Entry::Vacant(free) => {
                free.insert(place32);
            }
        }
    }

    /// The place of the record with this id.
    pub fn get<'a>(&self, id: &str, id_of: impl Fn(usize) -> &'a str) -> Option<usize> {
        (self.table)
            .find(hash(id), |&p| id_of(p as usize) == id)
            .map(|&p| p as usize)
    }

    pub fn len(&self) -> usize {
        self.table.len()
    }

    pub fn is_empty(&self) -> bool {
        self.table.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_record_by_its_id_and_nothing_else() {
        let ids: Vec<String> = (0..5_000).map(|i| format!("doctor-{i}")).collect();
        let id_of = |p: usize| ids[p].as_str();
        let mut places = PlacesById::default();
        for p in 0..ids.len() {
            places.insert(p, id_of);
        }
        assert_eq!(places.len(), ids.len());
        for (p, id) in ids.iter().enumerate() {
            assert_eq!(places.get(id, id_of), Some(p), "{id}");
        }
        assert_eq!(places.get("doctor-5000", id_of), None);
        assert_eq!(places.get("", id_of), None);
    }

    #[test]
    fn an_id_given_twice_keeps_its_last_place() {
        let ids = ["a", "b", "a"];
        let id_of = |p: usize| ids[p];
        let mut places = PlacesById::with_capacity(3);
        for p in 0..ids.len() {
            places.insert(p, id_of);
        }
        assert_eq!(places.get("a", id_of), Some(2));
        assert_eq!(places.get("b", id_of), Some(1));
        assert_eq!(places.len(), 2);
    }
}
