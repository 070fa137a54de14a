//! The price arithmetic the quote and the checkout share: the price of one of a product for
//! this cart, and a price spread over lines to the exact cent. Every figure of a bundle, a tier
//! or an upsell starts here, and so does what a platform is asked to charge (the Shopify
//! Function and the cart adapters use the same functions, so the shop charges what the widget
//! showed). A bundle's own rule (fixed, percent off, amount off) is
//! [`crate::config::BundlePricing::price_for`], part of what the config says.

use crate::cart::Cart;
use crate::config::Config;
use crate::money::Money;
use crate::sort::CollectVec;
use crate::visitor::Shopper;

/// The price of one of a product: the cart's, when a line holds it (the shop's price is the
/// truth; on several lines, the first line's), else the catalog's, in the variant offered to
/// the shopper when it has variants ([`offered_price`]).
pub fn unit_price(config: &Config, cart: &Cart, shopper: &Shopper, product: usize) -> Money {
    cart.unit_price_of(product)
        .unwrap_or_else(|| offered_price(config, shopper, product))
}

/// The variant of `product` offered to `shopper` (spec §10): their pick, when they made one
/// and it is available, else the first available; `None` for a product without variants or
/// with none available (which is then offered nowhere: [`crate::config::Product::offerable`]).
#[inline(never)]
pub fn offered_variant(config: &Config, shopper: &Shopper, product: usize) -> Option<usize> {
    if !crate::parts::VARIANTS {
        return None;
    }
    let p = &config.products[product];
    shopper
        .picks
        .iter()
        .find(|&&(q, v)| q == product && p.variants.get(v).is_some_and(|v| v.available))
        .map(|&(_, v)| v)
        .or_else(|| p.first_available())
}

/// The price of one of `product` as offered to `shopper`: its offered variant's
/// ([`offered_variant`]), else the catalog's.
#[inline(never)]
pub fn offered_price(config: &Config, shopper: &Shopper, product: usize) -> Money {
    let p = &config.products[product];
    offered_variant(config, shopper, product).map_or(p.price, |v| p.variants[v].price)
}

/// Spreads `price` over items in proportion to `weights` (their prices on their own), by the
/// largest remainder method: each share is rounded down, and the cents left over go one each
/// to the items with the largest remainders (the earlier item on a tie). The shares always add
/// up exactly to `price`, so the shop can charge each line and the total still matches.
pub fn allocate(price: Money, weights: &[Money]) -> Vec<Money> {
    let currency = price.currency();
    if weights.is_empty() {
        return Vec::new();
    }
    let total: i128 = weights.iter().map(|w| i128::from(w.minor().max(0))).sum();
    let p = i128::from(price.minor());
    let (mut shares, remainders): (Vec<i128>, Vec<i128>) = if total == 0 {
        // Nothing to weigh by: spread evenly.
        let n = weights.len() as i128;
        let share = floor_div(p, n).0;
        weights.iter().map(|_| (share, 0)).unzip()
    } else {
        weights
            .iter()
            .map(|w| {
                let x = p * i128::from(w.minor().max(0));
                floor_div(x, total)
            })
            .unzip()
    };
    let mut left = p - shares.iter().sum::<i128>();
    // Largest remainder first; ties in item order.
    let order = crate::sort::by_key((0..weights.len()).collect_vec(), &|&i| {
        // Remainders are below the items' total, which fits an i64.
        -i64::try_from(remainders[i]).unwrap_or(i64::MAX)
    });
    for i in order.into_iter().cycle() {
        if left <= 0 {
            break;
        }
        shares[i] += 1;
        left -= 1;
    }
    shares
        .into_iter()
        .map(|s| Money::from_minor(s as i64, currency))
        .collect_vec()
}

/// `x` divided by a positive `d`, rounded down, with its remainder (from 0 to `d` − 1).
fn floor_div(x: i128, d: i128) -> (i128, i128) {
    let (q, r) = crate::integer::div_rem(x, d);
    if r < 0 {
        (q - 1, r + d)
    } else {
        (q, r)
    }
}
