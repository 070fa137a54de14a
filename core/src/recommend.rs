//! "Recommended for you" (`<cartlift-recommendations>`): products related to what is in the
//! cart and what this shopper viewed, from the catalog's `related` lists (which `cartlift
//! mine-bundles` writes from the shop's orders), never what the cart already holds.

use crate::bundles::BundleQuote;
use crate::cart::Cart;
use crate::config::Config;
use crate::money::{Money, Percent};
use crate::pricing::unit_price;
use crate::sort::CollectVec;
use serde::Serialize;

/// The most recommendations a quote holds; an element shows its `limit` of them.
pub const MAX_RECOMMENDATIONS: usize = 8;

/// One recommended product.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Recommendation {
    /// The product's id.
    pub id: String,
    /// The variant offered of a product with variants (spec §10): what an add names.
    pub variant: Option<String>,
    /// Its title.
    pub title: String,
    /// Its image.
    pub image: Option<String>,
    /// Its page (the details link).
    pub url: Option<String>,
    /// What it costs on its own, at the cart's price for it.
    pub price: Money,
    /// What it costs added now: its share of a bundle that it alone completes, else `price`.
    pub bundle_price: Money,
    /// `price` − `bundle_price`.
    pub saving: Money,
    /// The saving as a share of `price`, in basis points.
    pub saving_percent: Percent,
    /// The bundle that adding it completes, when there is one.
    pub bundle: Option<String>,
}

crate::json_object!(Recommendation {
    id,
    variant,
    title,
    image,
    url,
    price,
    bundle_price,
    saving,
    saving_percent,
    bundle
});

/// Up to [`MAX_RECOMMENDATIONS`] products related to the cart's products (each relation
/// counts 2) and to the products viewed (`viewed`, oldest first, and `viewing`, the ones on
/// the page; each counts 1), most related first, ties in the order they were met: the cart's
/// lines in order, then the latest viewed first. Products in the cart, the products on the
/// page (`viewing`: the shopper is looking at them already), or without a price, are never
/// recommended. `bundles` are the quote's: a recommendation that alone completes
/// one of them is priced at its share of it.
pub fn recommend(
    config: &Config,
    cart: &Cart,
    viewed: &[String],
    viewing: &[usize],
    bundles: &[BundleQuote],
    shopper: &crate::visitor::Shopper,
) -> Vec<Recommendation> {
    if cart.currency != config.currency {
        return Vec::new();
    }
    // (product, score), in the order first met.
    let mut scores: Vec<(usize, i64)> = Vec::new();
    let mut credit = |from: usize, weight: i64| {
        for &r in &config.products[from].related {
            match scores.iter_mut().find(|(p, _)| *p == r) {
                Some(entry) => entry.1 += weight,
                None => scores.push((r, weight)),
            }
        }
    };
    for line in &cart.lines {
        if let Some(p) = line.product.filter(|_| line.quantity > 0) {
            credit(p, 2);
        }
    }
    let latest_first = viewing.iter().copied().chain(
        viewed
            .iter()
            .rev()
            .filter_map(|id| config.product_index(id)),
    );
    let mut seen: Vec<usize> = Vec::new();
    for p in latest_first {
        if !seen.contains(&p) {
            seen.push(p);
            credit(p, 1);
        }
    }
    scores.retain(|&(p, _)| {
        let product = &config.products[p];
        !cart.contains(p)
            && !viewing.contains(&p)
            && !product.price.is_zero()
            && product.offerable()
    });
    crate::sort::by_key((0..scores.len()).collect_vec(), &|&n| -scores[n].1)
        .into_iter()
        .take(MAX_RECOMMENDATIONS)
        .map(|n| {
            let (p, _) = scores[n];
            let product = &config.products[p];
            let price = unit_price(config, cart, shopper, p);
            let variant =
                crate::pricing::offered_variant(config, shopper, p).map(|v| &product.variants[v]);
            let completes = bundles.iter().find_map(|b| {
                let rest = b.completion.as_ref()?;
                match rest.missing.as_slice() {
                    [only]
                        if b.items[*only].id == product.id
                            && rest.price.minor() < price.minor() =>
                    {
                        Some((b.id.clone(), rest.price))
                    }
                    _ => None,
                }
            });
            let bundle_price = completes.as_ref().map_or(price, |(_, p)| *p);
            let saving = Money::from_minor(price.minor() - bundle_price.minor(), price.currency());
            let bp = if price.minor() > 0 {
                crate::money::round_half_away_from_zero(
                    i128::from(saving.minor()) * 10_000,
                    i128::from(price.minor()),
                )
            } else {
                0
            };
            Recommendation {
                id: product.id.clone(),
                title: product.title.clone(),
                image: variant.map_or(&product.image, |v| &v.image).clone(),
                url: variant.map_or(&product.url, |v| &v.url).clone(),
                variant: variant.map(|v| v.id.clone()),
                price,
                bundle_price,
                saving,
                saving_percent: Percent::from_basis_points(bp as u32).unwrap_or_default(),
                bundle: completes.map(|(id, _)| id),
            }
        })
        .collect_vec()
}
