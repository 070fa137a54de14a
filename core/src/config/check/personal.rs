//! Checking what personalizes the config (spec §8): `segments` and the offers' lists of them,
//! a goal's `personal` rule, `experiments` (their variants' partial configs are checked laid
//! over the config, by [`crate::setup`]), `countdown_hours`, and the products' `related`.

use super::Checker;
use crate::config::model::{Experiment, Variant};
use crate::config::raw::*;
use crate::config::safety::is_country_code;
use crate::error::{suggestion, Code, Path};
use crate::sort::CollectVec;
use crate::visitor::{Personal, When};

/// The most hours a countdown may run for: a month.
const MAX_COUNTDOWN_HOURS: u32 = 24 * 31;

impl Checker {
    /// Checks `segments` and resolves each one's conditions.
    pub(super) fn segments(&mut self, path: &Path, raw: &[RawSegment]) -> Vec<(String, When)> {
        self.duplicate_ids(path, raw.iter().map(|s| s.id.as_str()), "segments");
        let mut out = Vec::with_capacity(raw.len());
        for (i, s) in raw.iter().enumerate() {
            let sp = path.index(i);
            if s.id.trim().is_empty() {
                self.errs
                    .push(Code::BadValue, &sp.key("id"), "a segment needs an id");
            }
            let wp = sp.key("when");
            let a = &s.when;
            let typical = |cx: &mut Checker, key: &str, lit: &Option<Literal>| {
                lit.as_ref().map(|l| cx.amount(&wp.key(key), l))
            };
            let when = When {
                returning: a.returning,
                orders_min: a.orders_min,
                orders_max: a.orders_max,
                typical_min: typical(self, "typical_min", &a.typical_min),
                typical_max: typical(self, "typical_max", &a.typical_max),
                viewed: self.known(&wp.key("viewed"), &a.viewed),
                bought: self.known(&wp.key("bought"), &a.bought),
                country: a.country.clone(),
                max_width: a.max_width,
                min_width: a.min_width,
                utm_source: a.utm_source.clone(),
                utm_campaign: a.utm_campaign.clone(),
            };
            for (j, c) in a.country.iter().enumerate() {
                if !is_country_code(c) {
                    self.errs.push(
                        Code::BadCountry,
                        &wp.key("country").index(j),
                        crate::msg!("\"{c}\" is not a country code; write it as two capital letters, like \"CA\" or \"DE\""),
                    );
                }
            }
            out.push((s.id.clone(), when));
        }
        self.segment_ids = out.iter().map(|(id, _)| id.clone()).collect_vec();
        out
    }

    /// An offer's `segments`, as indices; an id the config does not define is a problem.
    #[inline(never)]
    pub(super) fn segment_list(&mut self, path: &Path, ids: &[String]) -> Vec<usize> {
        if !crate::parts::PERSONAL {
            return Vec::new();
        }
        let mut out = Vec::with_capacity(ids.len());
        for (i, id) in ids.iter().enumerate() {
            match self.segment_ids.iter().position(|s| s == id) {
                Some(s) => out.push(s),
                None => self.errs.push(
                    Code::UnknownSegment,
                    &path.key("segments").index(i),
                    crate::msg!(
                        "no segment has the id \"{id}\"{}; define it in the config's \"segments\"",
                        suggestion(id, self.segment_ids.iter().map(String::as_str))
                    ),
                ),
            }
        }
        out
    }

    /// Product ids that must be in the catalog, kept as ids (a visitor record holds ids).
    fn known(&mut self, path: &Path, ids: &[String]) -> Vec<String> {
        for (i, id) in ids.iter().enumerate() {
            self.product(&path.index(i), id);
        }
        ids.to_vec()
    }

    /// A goal's `personal` rule.
    pub(super) fn personal(&mut self, path: &Path, raw: &RawPersonal) -> Personal {
        let above_typical = self.percent(
            &path.key("above_typical_percent"),
            &raw.above_typical_percent,
        );
        let mut amount =
            |key: &str, lit: &Option<Literal>| lit.as_ref().map(|l| self.amount(&path.key(key), l));
        let rule = Personal {
            above_typical,
            round_to: amount("round_to", &raw.round_to),
            min: amount("min", &raw.min),
            max: amount("max", &raw.max),
        };
        if rule.round_to.is_some_and(|r| r.is_zero()) {
            self.errs.push(
                Code::BadValue,
                &path.key("round_to"),
                "round to an amount above 0, like \"5.00\", or leave round_to out",
            );
        }
        if let (Some(lo), Some(hi)) = (rule.min, rule.max) {
            if lo.minor() > hi.minor() {
                self.errs.push(
                    Code::BadValue,
                    &path.key("min"),
                    crate::msg!(
                        "min ({}) is above max ({}), so no threshold fits",
                        lo.to_decimal_string(),
                        hi.to_decimal_string()
                    ),
                );
            }
        }
        rule
    }

    /// Checks `experiments`: ids, variants and weights (their partial configs are checked
    /// laid over the config, once it is valid).
    pub(super) fn experiments(&mut self, path: &Path, raw: &[RawExperiment]) -> Vec<Experiment> {
        self.duplicate_ids(path, raw.iter().map(|e| e.id.as_str()), "experiments");
        let mut out = Vec::with_capacity(raw.len());
        for (i, e) in raw.iter().enumerate() {
            let ep = path.index(i);
            if e.id.trim().is_empty() {
                self.errs
                    .push(Code::BadValue, &ep.key("id"), "an experiment needs an id");
            }
            let vp = ep.key("variants");
            if e.variants.len() < 2 {
                self.errs.push(
                    Code::BadValue,
                    &vp,
                    "an experiment needs at least two variants (a control and what it is tested against)",
                );
            }
            self.duplicate_ids(&vp, e.variants.iter().map(|v| v.id.as_str()), "variants");
            if !e.variants.is_empty() && e.variants.iter().all(|v| v.weight == 0) {
                self.errs.push(
                    Code::BadValue,
                    &vp,
                    "every weight is 0, so no shopper would be in the experiment; give each variant its share, like 50 and 50",
                );
            }
            if e.variants.iter().map(|v| u64::from(v.weight)).sum::<u64>() > 1_000_000 {
                self.errs.push(
                    Code::BadValue,
                    &vp,
                    "the weights add up to more than 1,000,000; use shares like 50 and 50",
                );
            }
            for (j, v) in e.variants.iter().enumerate() {
                if v.id.trim().is_empty() {
                    self.errs.push(
                        Code::BadValue,
                        &vp.index(j).key("id"),
                        "a variant needs an id",
                    );
                }
                if let Some(crate::json::Json::Obj(keys)) = &v.config {
                    for (key, _) in keys {
                        // The cart is checked against the catalog once for every variant, so
                        // the catalog, its currency and the experiments stay the config's.
                        if matches!(
                            key.as_str(),
                            "experiments" | "cart" | "currency" | "products"
                        ) {
                            self.errs.push(
                                Code::BadValue,
                                &vp.index(j).key("config").key(key),
                                crate::msg!("a variant cannot change \"{key}\": it stays the config's for every shopper (test prices with bundles, tiers or upsells)"),
                            );
                        }
                    }
                }
            }
            out.push(Experiment {
                id: e.id.clone(),
                variants: e
                    .variants
                    .iter()
                    .map(|v| Variant {
                        id: v.id.clone(),
                        weight: v.weight,
                        overlay: v.config.clone(),
                    })
                    .collect_vec(),
            });
        }
        out
    }

    /// `countdown_hours`, in seconds.
    pub(super) fn countdown(&mut self, path: &Path, hours: Option<u32>) -> i64 {
        let hours = hours.unwrap_or(24);
        if hours > MAX_COUNTDOWN_HOURS {
            self.errs.push(
                Code::BadValue,
                path,
                crate::msg!("a countdown of {hours} hours is no longer urgent; use {MAX_COUNTDOWN_HOURS} or fewer"),
            );
        }
        i64::from(hours.min(MAX_COUNTDOWN_HOURS)) * 3600
    }

    /// Each product's `related` list, as indices (itself left out).
    pub(super) fn related(&mut self, path: &Path, raw: &[RawProduct]) -> Vec<Vec<usize>> {
        raw.iter()
            .enumerate()
            .map(|(i, p)| {
                let rp = path.index(i).key("related");
                let mut out: Vec<usize> = Vec::new();
                for (j, id) in p.related.iter().enumerate() {
                    if let Some(r) = self.product(&rp.index(j), id) {
                        if *id == p.id {
                            self.errs.push(
                                Code::BadValue,
                                &rp.index(j),
                                "a product cannot be related to itself",
                            );
                        } else if !out.contains(&r) {
                            out.push(r);
                        }
                    }
                }
                out
            })
            .collect_vec()
    }
}
