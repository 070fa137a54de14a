//! Finding things by id: the ids sorted once, then searched by halving. This replaces a hash
//! map, whose code (and its randomly keyed hasher) cost the widget 1.2 KB brotli; a lookup is
//! still O(log n), and the 10,000-product benchmark measures it.

use crate::sort;
use crate::sort::CollectVec;

/// The ids of a list (products, bundles, …), sorted for lookup.
#[derive(Clone, Debug, Default)]
pub struct IdIndex {
    /// Each distinct id with the position of its first occurrence, sorted by id.
    sorted: Vec<(String, usize)>,
}

impl IdIndex {
    /// Indexes `ids`, given in list order. Also returns, for each position, the earlier
    /// position holding the same id, if any (for "already used by products[0]").
    pub fn new<'a>(ids: impl IntoIterator<Item = &'a str>) -> (IdIndex, Vec<Option<usize>>) {
        IdIndex::of(ids.into_iter().collect_vec())
    }

    /// [`IdIndex::new`] once for every kind of list: the generic part is only the collect
    /// (each caller's iterator compiled its own copy of the whole, ~0.3 KB each).
    #[inline(never)]
    fn of(ids: Vec<&str>) -> (IdIndex, Vec<Option<usize>>) {
        let order = sort::positions(ids.len(), &|a, b| ids[a] <= ids[b]);
        let mut repeats = vec![None; ids.len()];
        let mut sorted: Vec<(String, usize)> = Vec::new();
        for i in order {
            match sorted.last() {
                // A stable sort puts an id's first occurrence first among its equals.
                Some((id, first)) if id == ids[i] => repeats[i] = Some(*first),
                _ => sorted.push((ids[i].to_owned(), i)),
            }
        }
        (IdIndex { sorted }, repeats)
    }

    /// The position of the first occurrence of `id`.
    pub fn get(&self, id: &str) -> Option<usize> {
        self.sorted
            .binary_search_by(|(k, _)| k.as_str().cmp(id))
            .ok()
            .map(|at| self.sorted[at].1)
    }
}

#[cfg(test)]
mod tests {
    use super::IdIndex;

    #[test]
    fn the_second_mug_repeats_products_0_and_lookups_find_the_first() {
        let (index, repeats) = IdIndex::new(["mug", "tee", "mug", "cap", "mug"]);
        assert_eq!(repeats, [None, None, Some(0), None, Some(0)]);
        assert_eq!(index.get("mug"), Some(0));
        assert_eq!(index.get("cap"), Some(3));
        assert_eq!(index.get("tee"), Some(1));
        assert_eq!(index.get("hat"), None);
        assert_eq!(index.get(""), None);
    }

    proptest::proptest! {
        #[test]
        fn finds_what_a_linear_search_finds(
            ids in proptest::collection::vec("[a-d]{0,3}", 0..60),
            probe in "[a-d]{0,3}",
        ) {
            let (index, repeats) = IdIndex::new(ids.iter().map(String::as_str));
            let first = |id: &str| ids.iter().position(|x| x == id);
            proptest::prop_assert_eq!(index.get(&probe), first(&probe));
            for (i, id) in ids.iter().enumerate() {
                let earlier = first(id).filter(|&f| f < i);
                proptest::prop_assert_eq!(repeats[i], earlier);
            }
        }
    }
}
