//! One compiled sort for the whole app.
//!
//! Every `slice::sort_by` with its own element type and comparator makes the compiler build its own copy of the
//! standard library's stable sort: about 3.5 KB of wasm each, 57 KB for the 17 sorts the release build had
//! (issue 10, measured with `e2e/bench/wasm-attribution.py`). Here the standard sort is built once, for
//! positions compared through a `dyn` comparator; a call site adds only the small generic code that moves its
//! elements into that order. Stable, like `sort_by`. (`clippy.toml` turns the standard sorts away.)

use std::cmp::Ordering;

/// The positions `0..len`, sorted stably by `cmp` (which compares two positions).
#[allow(clippy::disallowed_methods)]
pub fn sorted_positions(len: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

/// Sorts `items` stably by `cmp`, like `slice::sort_by`.
pub fn sort_by<T>(items: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    let order = sorted_positions(items.len(), &|a, b| match (items.get(a), items.get(b)) {
        (Some(x), Some(y)) => cmp(x, y),
        _ => Ordering::Equal,
    });
    permute(items, order);
}

/// Sorts `items` stably by `key`, like `slice::sort_by_key`.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` stably in their natural order, like `slice::sort`.
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

/// Rearranges `items` so that position `i` holds what was at `order[i]`, by following each cycle of the
/// permutation with swaps (no copy of the elements). `order` must be a permutation of `0..items.len()`, as
/// `sorted_positions` makes it; anything else leaves `items` partly rearranged, never out of bounds.
fn permute<T>(items: &mut [T], mut order: Vec<usize>) {
    for start in 0..order.len() {
        let mut at = start;
        while let Some(slot) = order.get_mut(at) {
            let from = std::mem::replace(slot, at);
            if from == at || from == start || from >= items.len() {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_the_standard_stable_sort() {
        // Pairs sorted by their first element only: equal keys must keep their order.
        let mut seed = 7u32;
        let mut items: Vec<(u8, u32)> = (0..500)
            .map(|i| {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                ((seed >> 16) as u8 % 13, i)
            })
            .collect();
        let mut expected = items.clone();
        #[allow(clippy::disallowed_methods)]
        expected.sort_by_key(|p| p.0);
        sort_by_key(&mut items, |p| p.0);
        assert_eq!(items, expected);
    }

    #[test]
    fn sorts_reversed_empty_and_single_lists() {
        let mut v: Vec<i32> = (0..50).rev().collect();
        sort(&mut v);
        assert_eq!(v, (0..50).collect::<Vec<_>>());
        let mut empty: Vec<i32> = Vec::new();
        sort(&mut empty);
        assert!(empty.is_empty());
        let mut one = vec!["x".to_string()];
        sort(&mut one);
        assert_eq!(one, ["x"]);
    }

    #[test]
    fn sorts_in_descending_order_by_a_comparator() {
        let mut v = vec![3.5, -1.0, 2.0, 10.0];
        sort_by(&mut v, |a: &f64, b: &f64| b.total_cmp(a));
        assert_eq!(v, [10.0, 3.5, 2.0, -1.0]);
    }

    #[test]
    fn permute_applies_every_cycle() {
        let mut items = vec!['a', 'b', 'c', 'd', 'e', 'f'];
        // Two cycles (0 2 4) and (1 5), and 3 in place.
        permute(&mut items, vec![2, 5, 4, 3, 0, 1]);
        assert_eq!(items, ['c', 'f', 'e', 'd', 'a', 'b']);
    }
}
