//! Checking `upsells`: the product offered, its price, and when it shows.

use super::Checker;
use crate::config::model::{Product, Upsell, UpsellPrice};
use crate::config::raw::*;
use crate::error::{Code, Path};

impl Checker {
    /// Checks `upsells` and resolves each against the catalog.
    pub(super) fn upsells(
        &mut self,
        path: &Path,
        raw: &[RawUpsell],
        products: &[Product],
    ) -> Vec<Upsell> {
        self.duplicate_ids(path, raw.iter().map(|u| u.id.as_str()), "upsells");
        let mut out = Vec::new();
        for (i, u) in raw.iter().enumerate() {
            let up = path.index(i);
            let product = self.product(&up.key("product"), &u.product);
            let fixed = u.price.as_ref().map(|p| self.amount(&up.key("price"), p));
            let percent_of = u.percent_of.as_ref().and_then(|po| {
                let pp = up.key("percent_of");
                let percent = self.percent(&pp.key("percent"), &po.percent);
                match (&po.product, po.subtotal) {
                    (Some(id), None | Some(false)) => self.product(&pp.key("product"), id).map(|p| UpsellPrice::PercentOfProduct(p, percent)),
                    (None, Some(true)) => Some(UpsellPrice::PercentOfSubtotal(percent)),
                    _ => {
                        self.errs.push(Code::BadPricing, &pp, "give either \"product\" or \"subtotal\": true, to say what the percentage is of");
                        None
                    }
                }
            });
            if fixed.is_some() && u.percent_of.is_some() {
                self.errs.push(
                    Code::BadPricing,
                    &up,
                    "give only one of \"price\" and \"percent_of\"",
                );
            }
            let price = match (fixed, percent_of) {
                (Some(m), _) => UpsellPrice::Fixed(m),
                (None, Some(p)) => p,
                (None, None) => UpsellPrice::Catalog,
            };
            let percent_off = u
                .percent_off
                .as_ref()
                .map(|p| self.percent(&up.key("percent_off"), p));
            let wp = up.key("when");
            let (mut any, mut all, mut min, mut max) = (Vec::new(), Vec::new(), None, None);
            if let Some(w) = &u.when {
                any = self.products(&wp.key("cart_contains"), &w.cart_contains);
                all = self.products(&wp.key("cart_contains_all"), &w.cart_contains_all);
                min = w
                    .min_subtotal
                    .as_ref()
                    .map(|m| self.amount(&wp.key("min_subtotal"), m));
                max = w
                    .max_subtotal
                    .as_ref()
                    .map(|m| self.amount(&wp.key("max_subtotal"), m));
                if let (Some(lo), Some(hi)) = (min, max) {
                    if lo.minor() > hi.minor() {
                        self.errs.push(Code::BadValue, &wp.key("min_subtotal"), "min_subtotal is more than max_subtotal, so this offer would never show");
                    }
                }
            }
            let window = self.window(&up, u.starts_at.as_deref(), u.ends_at.as_deref());
            let segments = self.segment_list(&up, &u.segments);
            let Some(product) = product else { continue };
            out.push(Upsell {
                id: u.id.clone(),
                product,
                title: u
                    .title
                    .clone()
                    .unwrap_or_else(|| products[product].title.clone()),
                description: u.description.clone(),
                price,
                percent_off,
                cart_contains: any,
                cart_contains_all: all,
                min_subtotal: min,
                max_subtotal: max,
                window,
                segments,
            });
        }
        out
    }
}
