//! Checking `volume_tiers`: one set per product, quantities rising, discounts below 100%.

use super::Checker;
use crate::config::labels::{self, Label, Labels};
use crate::config::model::{Tier, TierSet};
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
            if let Some(product) = product {
                out.push(TierSet {
                    product,
                    tiers,
                    nudge,
                    window,
                    segments,
                });
            }
        }
        out
    }
}
