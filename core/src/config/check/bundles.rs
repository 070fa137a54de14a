//! Checking `bundles`: items, pricing, and a price that saves something at catalog prices.

use super::Checker;
use crate::config::model::{Bundle, BundlePricing, Product, MAX_BUNDLE_ITEMS};
use crate::config::raw::*;
use crate::error::{Code, Path};
use crate::money::{Money, MAX_MINOR};

impl Checker {
    /// Checks `bundles` and resolves each against the catalog.
    pub(super) fn bundles(
        &mut self,
        path: &Path,
        raw: &[RawBundle],
        products: &[Product],
    ) -> Vec<Bundle> {
        self.duplicate_ids(path, raw.iter().map(|b| b.id.as_str()), "bundles");
        let mut out = Vec::with_capacity(raw.len());
        for (i, b) in raw.iter().enumerate() {
            let bp = path.index(i);
            if b.items.len() > MAX_BUNDLE_ITEMS {
                self.errs.push(
                    Code::BadBundle,
                    &bp.key("items"),
                    crate::msg!(
                        "a bundle may hold at most {MAX_BUNDLE_ITEMS} items; this one has {}",
                        b.items.len()
                    ),
                );
            }
            if b.items.len() < 2 {
                self.errs.push(
                    Code::BadBundle,
                    &bp.key("items"),
                    crate::msg!(
                        "a bundle needs at least two items; this one has {}",
                        b.items.len()
                    ),
                );
            }
            let items = self.products(&bp.key("items"), &b.items);
            // `None` when the pricing is missing, doubled or refused: then nothing more is said
            // about it (a refused percentage is one problem, not also "saves nothing").
            let pricing = match (&b.price, &b.percent_off, &b.amount_off) {
                (Some(p), None, None) => self
                    .amount_or_none(&bp.key("price"), p)
                    .map(BundlePricing::Fixed),
                (None, Some(p), None) => self
                    .percent_or_none(&bp.key("percent_off"), p)
                    .map(BundlePricing::PercentOff),
                (None, None, Some(a)) => self
                    .amount_or_none(&bp.key("amount_off"), a)
                    .map(BundlePricing::AmountOff),
                (None, None, None) => {
                    self.errs.push(Code::BadPricing, &bp, "a bundle needs a price: give one of \"price\", \"percent_off\" or \"amount_off\"");
                    None
                }
                _ => {
                    self.errs.push(Code::BadPricing, &bp, "give only one of \"price\", \"percent_off\" or \"amount_off\"; this bundle has more than one");
                    None
                }
            };
            let window = self.window(&bp, b.starts_at.as_deref(), b.ends_at.as_deref());
            let segments = self.segment_list(&bp, &b.segments);
            self.url(&bp.key("url"), b.url.as_deref());
            let Some(pricing) = pricing else { continue };
            // Only judge the price when every item resolved, or the total would be wrong.
            if items.len() == b.items.len() && (2..=MAX_BUNDLE_ITEMS).contains(&items.len()) {
                let total: i64 = items.iter().map(|&i| products[i].price.minor()).sum();
                let total = Money::from_minor(total, self.currency);
                let price = pricing.price_for(total);
                let key = match pricing {
                    BundlePricing::Fixed(_) => "price",
                    BundlePricing::PercentOff(_) => "percent_off",
                    BundlePricing::AmountOff(_) => "amount_off",
                };
                if total.minor() > MAX_MINOR {
                    self.errs.push(
                        Code::TooLarge,
                        &bp.key("items"),
                        crate::msg!(
                            "the items cost {} together, more than cartlift computes with ({})",
                            total.to_decimal_string(),
                            Money::from_minor(MAX_MINOR, self.currency).to_decimal_string()
                        ),
                    );
                } else if price.minor() >= total.minor() {
                    self.errs.push(
                        Code::NoSaving, &bp.key(key),
                        crate::msg!(
                            "the bundle costs {} but its items cost {} on their own, so it saves nothing",
                            price.to_decimal_string(),
                            total.to_decimal_string()
                        ),
                    );
                } else if price.minor() < 0 {
                    self.errs.push(
                        Code::BadPricing,
                        &bp.key(key),
                        crate::msg!(
                            "{} off is more than the items cost ({})",
                            match pricing {
                                BundlePricing::AmountOff(a) => a.to_decimal_string(),
                                _ => String::new(),
                            },
                            total.to_decimal_string()
                        ),
                    );
                }
            }
            // A loop, not `join`: the widget's wasm then holds one copy of join's machinery
            // (format::list's), not two.
            let title = b.title.clone().unwrap_or_else(|| {
                let mut title = String::new();
                for (n, &i) in items.iter().enumerate() {
                    if n > 0 {
                        title.push_str(" + ");
                    }
                    title.push_str(&products[i].title);
                }
                title
            });
            out.push(Bundle {
                id: b.id.clone(),
                title,
                items,
                pricing,
                url: b.url.clone(),
                window,
                segments,
            });
        }
        out
    }
}
