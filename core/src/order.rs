//! The core's one sort. Every `sort_by` on a different element type compiles to its own copy
//! of the standard library's sorting code (3.5 to 4.5 KB of wasm each), so the core sorts only
//! `(key, index)` pairs, with the small merge sort here, and reorders by the result.

/// `items` ordered by `key`, ties kept in their original order (a stable sort).
pub(crate) fn by_key<T>(items: Vec<T>, key: impl Fn(&T) -> i64) -> Vec<T> {
    let mut keys: Vec<(i64, usize)> = items.iter().map(&key).zip(0..).collect();
    sort_pairs(&mut keys);
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    keys.iter().filter_map(|&(_, i)| slots[i].take()).collect()
}

/// A bottom-up merge sort: O(n log n), a few hundred bytes of wasm. Not generic on purpose,
/// so there is one copy for the whole core; the index breaks ties.
#[inline(never)]
fn sort_pairs(pairs: &mut [(i64, usize)]) {
    let n = pairs.len();
    let mut buf = pairs.to_vec();
    let mut width = 1;
    while width < n {
        let mut start = 0;
        while start < n {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut i, mut j) = (start, mid);
            for slot in &mut buf[start..end] {
                let take_left = j >= end || (i < mid && pairs[i] <= pairs[j]);
                if take_left {
                    *slot = pairs[i];
                    i += 1;
                } else {
                    *slot = pairs[j];
                    j += 1;
                }
            }
            start = end;
        }
        pairs.copy_from_slice(&buf);
        width *= 2;
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn equal_keys_keep_their_order() {
        let sorted = super::by_key(vec![(3, 'a'), (1, 'b'), (3, 'c'), (0, 'd')], |p| p.0);
        assert_eq!(sorted, vec![(0, 'd'), (1, 'b'), (3, 'a'), (3, 'c')]);
    }

    proptest::proptest! {
        #[test]
        fn orders_like_the_standard_stable_sort(keys in proptest::collection::vec(-50i64..50, 0..300)) {
            let mut expected = keys.clone();
            expected.sort();
            let sorted = super::by_key(keys, |&k| k);
            proptest::prop_assert_eq!(sorted, expected);
        }
    }
}
