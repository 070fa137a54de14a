//! Checking `volume_tiers` (one set per product, quantities rising, discounts below 100%) and
//! `buy_x_get_y`, which the same element shows.

use super::Checker;
use crate::config::labels::{self, Label, Labels};
use crate::config::model::{Deal, Tier, TierSet};
use crate::config::raw::*;
use crate::error::{Code, Path};
use crate::ids::IdIndex;

impl Checker {
    /// Checks `volume_tiers`: one set per product.
    pub(super) fn tier_sets(
        &mut self,
        path: &Path,
        raw: &[RawTierSet],
        labels: &Labels,
    ) -> Vec<TierSet> {
        let (_, repeats) = IdIndex::new(raw.iter().map(|set| set.product.as_str()));
        let mut out = Vec::new();
        for (i, set) in raw.iter().enumerate() {
            let sp = path.index(i);
            if let Some(first) = repeats[i] {
                self.errs.push(Code::DuplicateId, &sp.key("product"), crate::msg!("\"{}\" already has tiers in volume_tiers[{first}]; put all its tiers in one set", set.product));
            }
            let product = self.product(&sp.key("product"), &set.product);
            if set.tiers.is_empty() {
                self.errs.push(
                    Code::BadValue,
                    &sp.key("tiers"),
                    "a tier set needs at least one tier",
                );
            }
            let mut tiers: Vec<Tier> = Vec::new();
            for (j, t) in set.tiers.iter().enumerate() {
                let tp = sp.key("tiers").index(j);
                let percent_off = self.percent(&tp.key("percent_off"), &t.percent_off);
                if t.min_quantity == 0 {
                    self.errs.push(
                        Code::BadValue,
                        &tp.key("min_quantity"),
                        "min_quantity must be at least 1",
                    );
                } else if t.min_quantity > crate::money::MAX_QUANTITY {
                    self.errs.push(
                        Code::TooLarge,
                        &tp.key("min_quantity"),
                        crate::msg!(
                            "a cart line holds at most {}, so this tier could never apply",
                            crate::money::MAX_QUANTITY
                        ),
                    );
                }
                if let Some(prev) = tiers.last() {
                    if t.min_quantity <= prev.min_quantity {
                        self.errs.push(
                            Code::NotIncreasing,
                            &tp.key("min_quantity"),
                            crate::msg!(
                                "tiers must go up: {} is not more than the tier before it ({})",
                                t.min_quantity,
                                prev.min_quantity
                            ),
                        );
                    }
                    if percent_off <= prev.percent_off {
                        self.errs.push(
                            Code::NotIncreasing,
                            &tp.key("percent_off"),
                            "tiers must go up: buying more must save more than the tier before it",
                        );
                    }
                }
                tiers.push(Tier {
                    min_quantity: t.min_quantity,
                    percent_off,
                    badge: t.badge.clone(),
                });
            }
            let nudge = self.template(
                &sp.key("nudge"),
                set.nudge.as_ref(),
                labels.get(Label::Nudge),
                labels::NUDGE,
            );
            let window = self.window(&sp, set.starts_at.as_deref(), set.ends_at.as_deref());
            let segments = self.segment_list(&sp, &set.segments);
            let selector = match set.display.as_deref() {
                None | Some("list") => false,
                Some("selector") => true,
                Some(other) => {
                    self.errs.push(
                        Code::BadValue,
                        &sp.key("display"),
                        crate::msg!("\"{other}\" is not a way to show tiers: write \"list\" (the default) or \"selector\" (quantities to pick from)"),
                    );
                    false
                }
            };
            if !selector {
                if let Some(j) = set.tiers.iter().position(|t| t.badge.is_some()) {
                    self.errs.push(
                        Code::BadValue,
                        &sp.key("tiers").index(j).key("badge"),
                        "a badge is shown only by the selector: add \"display\": \"selector\" to this tier set, or remove the badge",
                    );
                }
            }
            if let Some(product) = product {
                out.push(TierSet {
                    product,
                    tiers,
                    nudge,
                    window,
                    segments,
                    selector,
                });
            }
        }
        out
    }
}

impl Checker {
    /// Checks `buy_x_get_y`: known products on both sides, whole quantities of at least one,
    /// a discount that takes something off, a limit of at least one, ids unique.
    pub(super) fn deals(&mut self, path: &Path, raw: &[RawDeal]) -> Vec<(String, Deal)> {
        self.duplicate_ids(path, raw.iter().map(|d| d.id.as_str()), "buy_x_get_y");
        let mut out = Vec::new();
        for (i, d) in raw.iter().enumerate() {
            let dp = path.index(i);
            let (bp, gp) = (dp.key("buy"), dp.key("get"));
            let buy = self.side(&bp, &d.buy.products, d.buy.quantity);
            let get = self.side(&gp, &d.get.products, d.get.quantity);
            let percent_off = self.percent(&gp.key("percent_off"), &d.get.percent_off);
            if percent_off.basis_points() == 0 {
                self.errs.push(
                    Code::BadValue,
                    &gp.key("percent_off"),
                    "a deal must take something off: percent_off more than 0 (100 is free)",
                );
            }
            if d.limit == Some(0) {
                self.errs.push(
                    Code::BadValue,
                    &dp.key("limit"),
                    "limit must be at least 1 (leave it out for no limit)",
                );
            }
            out.push((
                d.id.clone(),
                Deal {
                    buy,
                    buy_quantity: d.buy.quantity,
                    get,
                    get_quantity: d.get.quantity,
                    percent_off,
                    limit: d.limit,
                },
            ));
        }
        out
    }

    /// One side of a deal: its products (at least one) and its quantity (at least one).
    fn side(&mut self, path: &Path, products: &[String], quantity: u32) -> Vec<usize> {
        if products.is_empty() {
            self.errs.push(
                Code::BadValue,
                &path.key("products"),
                "a deal's side needs at least one product",
            );
        }
        if quantity == 0 {
            self.errs.push(
                Code::BadQuantity,
                &path.key("quantity"),
                "quantity must be at least 1",
            );
        }
        self.products(&path.key("products"), products)
    }
}
