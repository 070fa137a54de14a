//! Products with variants (spec §10): each variant's values against the product's options,
//! its price, image and page inherited from the product unless it gives its own, and every
//! variant's id unique across the catalog (a cart line may name a product or a variant).

use super::Checker;
use crate::config::model::{Product, ProductVariant};
use crate::config::raw::RawProduct;
use crate::error::{Code, Path};
use crate::ids::IdIndex;
use crate::money::Money;
use crate::sort::CollectVec;

impl Checker {
    /// The variants of product `raw` (at `path`), whose own price is `price`.
    pub(super) fn variants(
        &mut self,
        path: &Path,
        raw: &RawProduct,
        price: Money,
    ) -> Vec<ProductVariant> {
        let Some(list) = &raw.variants else {
            if !raw.options.is_empty() {
                self.errs.push(
                    Code::MissingKey,
                    &path.key("variants"),
                    "the product has options but no variants: list its variants, each with its value of each option",
                );
            }
            return Vec::new();
        };
        let at = path.key("variants");
        if list.is_empty() {
            self.errs.push(
                Code::BadValue,
                &at,
                "the list of variants is empty: list at least one, or leave out \"variants\" and \"options\"",
            );
        } else if raw.options.is_empty() {
            self.errs.push(
                Code::MissingKey,
                &path.key("options"),
                "a product with variants needs the names of its options, like [\"Size\", \"Colour\"]",
            );
        }
        for (i, name) in raw.options.iter().enumerate() {
            let here = path.key("options").index(i);
            if name.trim().is_empty() {
                self.errs.push(
                    Code::BadValue,
                    &here,
                    "an option needs a name, like \"Size\"",
                );
            } else if raw.options[..i].contains(name) {
                self.errs.push(
                    Code::DuplicateId,
                    &here,
                    crate::msg!("the option \"{name}\" is named twice; each option once"),
                );
            }
        }
        let mut variants = Vec::with_capacity(list.len());
        for (i, v) in list.iter().enumerate() {
            let vp = at.index(i);
            if v.id.trim().is_empty() {
                self.errs
                    .push(Code::BadValue, &vp.key("id"), "a variant needs an id");
            }
            let wanted = raw.options.len();
            if wanted > 0 && v.options.len() != wanted {
                self.errs.push(
                    Code::BadValue,
                    &vp.key("options"),
                    crate::msg!(
                        "this variant gives {} option values but the product has {wanted} options ({}); give one value for each, in that order",
                        v.options.len(),
                        raw.options.join(", ")
                    ),
                );
            }
            for (j, value) in v.options.iter().enumerate() {
                if value.trim().is_empty() {
                    self.errs.push(
                        Code::BadValue,
                        &vp.key("options").index(j),
                        "an option's value can't be blank, like \"XL\" or \"Black\"",
                    );
                }
            }
            if let Some(k) = list[..i].iter().position(|w| w.options == v.options) {
                self.errs.push(
                    Code::DuplicateId,
                    &vp.key("options"),
                    crate::msg!(
                        "variants[{k}] has the same options ({}); each variant needs its own combination",
                        v.options.join(", ")
                    ),
                );
            }
            let price = match &v.price {
                Some(lit) => self.amount(&vp.key("price"), lit),
                None => price,
            };
            self.url(&vp.key("image"), v.image.as_deref());
            self.url(&vp.key("url"), v.url.as_deref());
            variants.push(ProductVariant {
                id: v.id.clone(),
                options: v.options.clone(),
                price,
                image: v.image.clone().or_else(|| raw.image.clone()),
                url: v.url.clone().or_else(|| raw.url.clone()),
                available: v.available != Some(false),
            });
        }
        variants
    }

    /// The catalog's variant ids, each to its `(product, variant)`; a variant id that a product
    /// or an earlier variant already uses is a problem (a cart line names one or the other).
    pub(super) fn variant_index(
        &mut self,
        path: &Path,
        products: &[Product],
    ) -> (IdIndex, Vec<(usize, usize)>) {
        let at = products
            .iter()
            .enumerate()
            .flat_map(|(p, product)| (0..product.variants.len()).map(move |v| (p, v)))
            .collect_vec();
        let ids = products
            .iter()
            .map(|p| p.id.as_str())
            .chain(at.iter().map(|&(p, v)| products[p].variants[v].id.as_str()));
        let (_, repeats) = IdIndex::new(ids);
        let n = products.len();
        let name = |i: usize| match i.checked_sub(n) {
            None => crate::msg!("products[{i}]"),
            Some(k) => crate::msg!("products[{}].variants[{}]", at[k].0, at[k].1),
        };
        for (k, &(p, v)) in at.iter().enumerate() {
            if let Some(first) = repeats[n + k] {
                let id = &products[p].variants[v].id;
                if !id.trim().is_empty() {
                    self.errs.push(
                        Code::DuplicateId,
                        &path.index(p).key("variants").index(v).key("id"),
                        crate::msg!(
                            "the id \"{id}\" is already used by {}; every product and variant needs its own id",
                            name(first)
                        ),
                    );
                }
            }
        }
        let (index, _) = IdIndex::new(at.iter().map(|&(p, v)| products[p].variants[v].id.as_str()));
        (index, at)
    }
}
