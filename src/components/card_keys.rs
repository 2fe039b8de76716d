//! Keys for the finder's list of doctor cards under `<For>`.
//!
//! Leptos 0.8's keyed diff (tachys 0.2.19) can leave items that changed their order out of
//! order in the DOM: from the first 20 doctors to four of them in another order, it put the
//! third first. It is right when the items both lists share keep their relative order (only
//! additions and removals around them). So a card's key is its doctor plus a generation that
//! changes whenever the shared doctors change their order: then every card is new, and no card
//! ever has to move. Typing that narrows a search keeps the cards that stay.

/// The cards' keys now: the generation and the doctors in order.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct CardKeys {
    generation: u32,
    doctors: Vec<usize>,
}

impl CardKeys {
    /// The keys for `doctors`, following `previous` (the keys shown until now).
    pub fn next(previous: Option<&CardKeys>, doctors: Vec<usize>) -> CardKeys {
        let generation = match previous {
            Some(p) if same_relative_order(&p.doctors, &doctors) => p.generation,
            Some(p) => p.generation.wrapping_add(1),
            None => 0,
        };
        CardKeys {
            generation,
            doctors,
        }
    }

    /// One key per card, in order.
    pub fn keys(&self) -> Vec<(u32, usize)> {
        self.doctors.iter().map(|&d| (self.generation, d)).collect()
    }
}

/// Whether the doctors in both lists appear in the same order in each.
fn same_relative_order(before: &[usize], after: &[usize]) -> bool {
    let place: std::collections::HashMap<usize, usize> =
        before.iter().enumerate().map(|(i, &d)| (d, i)).collect();
    let mut last = None;
    for d in after {
        if let Some(&at) = place.get(d) {
            if last.is_some_and(|l| at < l) {
                return false;
            }
            last = Some(at);
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_narrowing_search_keeps_its_keys() {
        let first = CardKeys::next(None, vec![1, 2, 3, 4, 5]);
        let narrowed = CardKeys::next(Some(&first), vec![2, 4, 9]);
        assert_eq!(narrowed.keys(), vec![(0, 2), (0, 4), (0, 9)]);
    }

    #[test]
    fn a_change_of_order_gives_every_card_a_new_key() {
        let first = CardKeys::next(None, vec![1, 2, 3, 4]);
        let reordered = CardKeys::next(Some(&first), vec![4, 2, 3]);
        assert_eq!(reordered.keys(), vec![(1, 4), (1, 2), (1, 3)]);
        // And from there, order kept again: the new generation stays.
        let again = CardKeys::next(Some(&reordered), vec![4, 3, 7]);
        assert_eq!(again.keys(), vec![(1, 4), (1, 3), (1, 7)]);
    }
}
