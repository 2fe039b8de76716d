//! One sort for the whole app. Every `sort`/`sort_by`/`sort_by_key` on a new element type
//! or closure stamps out its own copy of the standard library's sort (several KB each in the
//! wasm); these helpers sort a list of indices with one non-generic function instead and
//! then move the elements into that order. The result is exactly a stable sort's: ties keep
//! their order. Hot paths over large lists (the search index's postings) keep their own sorts.

use std::cmp::Ordering;

/// The positions `0..n` in the order a stable sort by `cmp` puts them.
#[inline(never)]
fn stable_order(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

/// Sorts `v` by `cmp`, stably (as `slice::sort_by`).
pub fn sort_by<T>(v: &mut Vec<T>, mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let order = {
        let items: &[T] = v;
        stable_order(items.len(), &mut |a, b| cmp(&items[a], &items[b]))
    };
    let mut slots: Vec<Option<T>> = std::mem::take(v).into_iter().map(Some).collect();
    v.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

/// Sorts `v` by the key `f` gives each element, stably (as `slice::sort_by_key`).
pub fn sort_by_key<T, K: Ord>(v: &mut Vec<T>, mut f: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| f(a).cmp(&f(b)));
}

/// Sorts `v` in ascending order (as `slice::sort`).
pub fn sort<T: Ord>(v: &mut Vec<T>) {
    sort_by(v, T::cmp);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_order_as_the_standard_stable_sort() {
        // Pairs compared by their first half only, so that ties show stability.
        let mut seed = 7u32;
        for len in 0..60 {
            let v: Vec<(u8, u32)> = (0..len)
                .map(|i| {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    (((seed >> 16) % 5) as u8, i)
                })
                .collect();
            let mut ours = v.clone();
            sort_by_key(&mut ours, |p| p.0);
            let mut std_sorted = v.clone();
            std_sorted.sort_by_key(|p| p.0);
            assert_eq!(ours, std_sorted);
            let mut ours = v.clone();
            sort(&mut ours);
            let mut std_sorted = v;
            std_sorted.sort();
            assert_eq!(ours, std_sorted);
        }
    }
}
