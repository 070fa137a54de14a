//! Experiments: the variant a visitor is in (sticky and weighted), and a variant's partial
//! config laid over the merchant's.

use crate::json::Json;
use crate::sort::CollectVec;
/// The variant of an experiment this visitor is in: sticky (the same id and experiment give
/// the same variant on every page and visit) and weighted (variant `i` for a share
/// `weights[i] / Σ weights` of ids). `None` when no weight is positive. The id is hashed with
/// the experiment's, so one visitor's variants in two experiments are independent.
pub fn variant(visitor_id: &str, experiment: &str, weights: &[u32]) -> Option<usize> {
    let total: u64 = weights.iter().map(|&w| u64::from(w)).sum();
    if total == 0 {
        return None;
    }
    // FNV-1a over "experiment\0id", then a 64-bit finalizer (splitmix64's) so that ids that
    // differ in their last character still spread over the whole range.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in experiment
        .bytes()
        .chain(std::iter::once(0))
        .chain(visitor_id.bytes())
    {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    h ^= h >> 30;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^= h >> 27;
    h = h.wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^= h >> 31;
    // Multiply-shift into 0..total: no modulo bias worth the name for weights this small.
    let mut point = ((u128::from(h) * u128::from(total)) >> 64) as u64;
    for (i, &w) in weights.iter().enumerate() {
        if point < u64::from(w) {
            return Some(i);
        }
        point -= u64::from(w);
    }
    None
}

/// A variant's partial config laid over the base config, as JSON trees: objects merge key by
/// key (the variant's value wins), anything else (arrays, strings, numbers, `null`) replaces
/// the base's whole. So `{"shipping_bar": {"goals": [...]}}` changes the goals and keeps the
/// bar's messages, and `{"upsells": []}` shows a variant no upsell at all.
pub fn overlay(base: &Json, partial: &Json) -> Json {
    match (base, partial) {
        (Json::Obj(b), Json::Obj(p)) => {
            let mut out: Vec<(String, Json)> = b
                .iter()
                .map(|(k, v)| match p.iter().find(|(pk, _)| pk == k) {
                    Some((_, pv)) => (k.clone(), overlay(v, pv)),
                    None => (k.clone(), v.clone()),
                })
                .collect_vec();
            out.extend(
                p.iter()
                    .filter(|(k, _)| !b.iter().any(|(bk, _)| bk == k))
                    .cloned(),
            );
            Json::Obj(out)
        }
        (_, p) => p.clone(),
    }
}
