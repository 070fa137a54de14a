//! The core's one sort. Every `sort_by` on a different element type compiles to its own copy
//! of the standard library's sorting code (3.5 to 4.5 KB of wasm each), so the core sorts only
//! positions, with the small merge sort here, and reorders by the result.

use crate::call::{Apply, Apply2};

/// `items` ordered by `key`, ties kept in their original order (a stable sort). The key is
/// handed on as a trait object, so that there is one copy of this per element type, not per
/// call.
pub(crate) fn by_key<T>(items: Vec<T>, key: &impl Fn(&T) -> i64) -> Vec<T> {
    by_key_of(items, key)
}

fn by_key_of<T>(items: Vec<T>, key: &dyn for<'a> Apply<&'a T, i64>) -> Vec<T> {
    let keys: Vec<i64> = items.iter().map(|t| key.apply(t)).collect_vec();
    let order = positions(keys.len(), &|a, b| keys[a] <= keys[b]);
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect_vec();
    order.iter().filter_map(|&i| slots[i].take()).collect_vec()
}

/// The positions `0..n` in order, where `in_order(a, b)` says whether `a` may come before `b`;
/// ties keep their original order. A bottom-up merge sort: O(n log n), a few hundred bytes of
/// wasm. Its body is not generic, so there is one copy for the whole core.
pub(crate) fn positions(n: usize, in_order: &impl Fn(usize, usize) -> bool) -> Vec<usize> {
    positions_by(n, in_order)
}

#[inline(never)]
fn positions_by(n: usize, in_order: &dyn Apply2<usize, usize, bool>) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect_vec();
    let mut buf = order.clone();
    let mut width = 1;
    while width < n {
        let mut start = 0;
        while start < n {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut i, mut j) = (start, mid);
            // Two runs already in order (a sorted list, as `cartlift export` writes the
            // products) are copied, not merged: O(n) for sorted input.
            if mid < end && in_order.apply2(order[mid - 1], order[mid]) {
                buf[start..end].copy_from_slice(&order[start..end]);
                start = end;
                continue;
            }
            for slot in buf.iter_mut().take(end).skip(start) {
                let take_left = j >= end || (i < mid && in_order.apply2(order[i], order[j]));
                if take_left {
                    *slot = order[i];
                    i += 1;
                } else {
                    *slot = order[j];
                    j += 1;
                }
            }
            start = end;
        }
        order.copy_from_slice(&buf);
        width *= 2;
    }
    order
}

/// `collect_vec()`: an iterator's items in a `Vec`, pushed one by one. In the shopper's wasm
/// each `collect()` into a `Vec` compiles the standard library's capacity-guessing path
/// (`SpecFromIterNested`, `extend_desugared`) once per iterator type, about twice this loop's
/// size: measured on the full flavour, −899 B brotli for the first 33 collects moved here.
/// Native builds lose nothing that matters: the loop grows the `Vec` by doubling as well.
pub trait CollectVec: Iterator + Sized {
    /// The items in a `Vec`, in order.
    #[inline]
    fn collect_vec(self) -> Vec<Self::Item> {
        let mut out = Vec::new();
        for item in self {
            out.push(item);
        }
        out
    }
}

impl<I: Iterator> CollectVec for I {}

#[cfg(test)]
mod tests {
    #[test]
    fn equal_keys_keep_their_order() {
        let sorted =
            super::by_key(
                vec![(3, 'a'), (1, 'b'), (3, 'c'), (0, 'd')],
                &|p: &(i64, char)| p.0,
            );
        assert_eq!(sorted, vec![(0, 'd'), (1, 'b'), (3, 'a'), (3, 'c')]);
    }

    proptest::proptest! {
        #[test]
        fn orders_like_the_standard_stable_sort(keys in proptest::collection::vec(-50i64..50, 0..300)) {
            let mut expected = keys.clone();
            expected.sort();
            let sorted = super::by_key(keys, &|&k| k);
            proptest::prop_assert_eq!(sorted, expected);
        }
    }
}
