//! "Frequently bought together" bundles: totals, savings, the best value, and the bundle price
//! spread over its lines to the exact cent.

use crate::cart::Cart;
use crate::config::Config;
use crate::json::{Out, ToJson};
use crate::money::{round_half_away_from_zero, Money, Percent, MAX_MINOR};
use crate::pricing::{allocate, unit_price};
use crate::sort::CollectVec;
use crate::visitor::Shopper;
use serde::Serialize;

/// One bundle's figures for this cart.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BundleQuote {
    /// The merchant's id.
    pub id: String,
    /// The name shown to shoppers.
    pub title: String,
    /// A details page.
    pub url: Option<String>,
    /// The items, one entry per item of the bundle.
    pub items: Vec<BundleItem>,
    /// What the items cost on their own.
    pub individual_total: Money,
    /// What the bundle costs; for a set wholly in a cart that has priced it, what the cart
    /// charges for the set (a set completed around an item already held costs that item's own
    /// price and the others' shares).
    pub price: Money,
    /// `individual_total` − `price`.
    pub saving: Money,
    /// The saving as a share of `individual_total`, in basis points, rounded half away from zero.
    pub saving_percent: Percent,
    /// Whether every item is already in the cart: the table says so instead of offering it.
    pub complete_in_cart: bool,
    /// When some items are in the cart and some are not: what adding the rest costs ("Complete
    /// the set: add Keyboard for $X, save $Y").
    pub completion: Option<Completion>,
    /// Seconds until the bundle ends, for a countdown.
    pub ends_in_seconds: Option<i64>,
    /// The segment it is shown for (see [`crate::visitor::Shopper::segment`]).
    pub segment: Option<String>,
}

crate::json_object!(BundleQuote {
    id,
    title,
    url,
    items,
    individual_total,
    price,
    saving,
    saving_percent,
    complete_in_cart,
    completion,
    ends_in_seconds,
    segment
});

/// One item of a bundle.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BundleItem {
    /// The product's id.
    pub id: String,
    /// The variant offered of a product with variants (spec §10): the shopper's pick, else
    /// the first available; what an add names.
    pub variant: Option<String>,
    /// The product's title.
    pub title: String,
    /// Its image (the offered variant's).
    pub image: Option<String>,
    /// Its page.
    pub url: Option<String>,
    /// What it costs on its own.
    pub unit_price: Money,
    /// Its share of the bundle price: the shares add up exactly to the bundle price.
    pub bundle_price: Money,
    /// Whether the cart already holds it (a bundle of two shirts with one in the cart: the
    /// first shirt is held, the second is not).
    pub in_cart: bool,
}

crate::json_object!(BundleItem {
    id,
    variant,
    title,
    image,
    url,
    unit_price,
    bundle_price,
    in_cart
});

/// The rest of a bundle partly in the cart, priced exactly: each missing item at its share of
/// the bundle price, so the items added cost what they would in the whole bundle, and the items
/// held stay as the cart prices them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Completion {
    /// The missing items, as indices into the bundle's `items`.
    pub missing: Vec<usize>,
    /// What they cost added as the rest of the bundle: their shares of the bundle price.
    pub price: Money,
    /// What they would cost on their own, less `price`.
    pub saving: Money,
}

crate::json_object!(Completion {
    missing,
    price,
    saving
});

/// A configured bundle that is not offered to this cart, and why: the merchant's preview says
/// so rather than leaving it out silently.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LeftOut {
    /// The bundle's id.
    pub id: String,
    /// Why it is left out.
    pub reason: LeftOutReason,
}

crate::json_object!(LeftOut { id, reason });

/// Why a bundle is not offered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LeftOutReason {
    /// Before its `starts_at` or from its `ends_at` on.
    NotLive,
    /// At the cart's prices (a sale price, say), it would cost as much as its items or more.
    SavesNothing,
    /// At the cart's prices its items add up to more than cartlift computes with.
    TooLarge,
    /// It is for segments this shopper is not in.
    NotForShopper,
    /// An item it would add has no variant available (spec §10).
    SoldOut,
}

impl ToJson for LeftOutReason {
    fn write(&self, out: &mut Out) {
        out.text(match self {
            LeftOutReason::NotLive => "not_live",
            LeftOutReason::SavesNothing => "saves_nothing",
            LeftOutReason::TooLarge => "too_large",
            LeftOutReason::SoldOut => "sold_out",
            LeftOutReason::NotForShopper => "not_for_shopper",
        });
    }
}

/// The rows a bundle table shows, and which of them is the best value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BundleTable<'a> {
    /// The rows, in the merchant's order.
    pub rows: Vec<&'a BundleQuote>,
    /// The index in `rows` of the best value: the largest saving, then the largest percentage,
    /// then the first. `None` with fewer than two rows, where "best" would mean nothing.
    pub best: Option<usize>,
}

crate::json_object!(BundleTable<'_> { rows, best });

/// The figures of every bundle live at `now`, for this shopper, that saves something at the
/// cart's prices, in the merchant's order; and the others, with the reason each is left out.
pub fn quote(
    config: &Config,
    cart: &Cart,
    now: i64,
    shopper: &Shopper,
) -> (Vec<BundleQuote>, Vec<LeftOut>) {
    let mut left_out = Vec::new();
    if cart.currency != config.currency {
        return (Vec::new(), left_out);
    }
    // Whether any line costs less than its price (a checkout has priced the cart): only then
    // can a set in it cost other than the bundle price (checked once, not per bundle).
    let priced = cart
        .lines
        .iter()
        .any(|l| l.total.minor() < l.unit_price.minor().saturating_mul(i64::from(l.quantity)));
    let offered = config
        .bundles
        .iter()
        .filter_map(|b| {
            let mut leave = |reason| {
                left_out.push(LeftOut {
                    id: b.id.clone(),
                    reason,
                });
                None
            };
            let Some(live) = b.window.live_at(now) else {
                return leave(LeftOutReason::NotLive);
            };
            if !shopper.admits(&b.segments) {
                return leave(LeftOutReason::NotForShopper);
            }
            // The product's flag first: the cart is scanned only for one sold out (a Function
            // pays per instruction, and a catalog without variants never is).
            if b.items
                .iter()
                .any(|&i| !config.products[i].offerable() && !cart.contains(i))
            {
                return leave(LeftOutReason::SoldOut);
            }
            let prices: Vec<Money> = b
                .items
                .iter()
                .map(|&i| unit_price(config, cart, shopper, i))
                .collect_vec();
            // Each price is at most MAX_MINOR and a bundle has at most 50 items: no overflow.
            let sum: i64 = prices.iter().map(Money::minor).sum();
            // Held to MAX_MINOR like every figure cartlift gives, so that the page's
            // JavaScript holds each `minor` exactly (2^53 is nine times as much).
            if sum > MAX_MINOR {
                return leave(LeftOutReason::TooLarge);
            }
            let individual_total = Money::from_minor(sum, config.currency);
            let price = b.pricing.price_for(individual_total);
            // At the cart's (sale) prices a fixed-price bundle may no longer save anything.
            if price.minor() < 0 || price.minor() >= individual_total.minor() {
                return leave(LeftOutReason::SavesNothing);
            }
            let shares = allocate(price, &prices);
            let items: Vec<BundleItem> = b
                .items
                .iter()
                .zip(prices.iter().zip(shares))
                .enumerate()
                .map(|(n, (&i, (&unit_price, bundle_price)))| {
                    let p = &config.products[i];
                    // The cart's units of a product, taken one per item of the bundle.
                    let nth = b.items[..=n].iter().filter(|&&q| q == i).count();
                    let variant =
                        crate::pricing::offered_variant(config, shopper, i).map(|v| &p.variants[v]);
                    BundleItem {
                        id: p.id.clone(),
                        variant: variant.map(|v| v.id.clone()),
                        title: p.title.clone(),
                        image: variant.map_or(&p.image, |v| &v.image).clone(),
                        url: variant.map_or(&p.url, |v| &v.url).clone(),
                        unit_price,
                        bundle_price,
                        in_cart: cart.quantity_of(i) as usize >= nth,
                    }
                })
                .collect_vec();
            let missing: Vec<usize> = (0..items.len())
                .filter(|&n| !items[n].in_cart)
                .collect_vec();
            // A set wholly in a cart that has priced it (a platform whose checkout is
            // cartlift's: its lines show what they cost after it) says what the cart charges
            // for it, so a set completed around an item already held shows what the shopper
            // pays and saves, not the bundle price of a set bought together.
            let price = if priced && missing.is_empty() {
                charged(cart, &b.items, individual_total).unwrap_or(price)
            } else {
                price
            };
            let saving =
                Money::from_minor(individual_total.minor() - price.minor(), config.currency);
            let bp = round_half_away_from_zero(
                i128::from(saving.minor()) * 10_000,
                i128::from(individual_total.minor()),
            );
            let completion = (!missing.is_empty() && missing.len() < items.len()).then(|| {
                let sum = |f: fn(&BundleItem) -> Money| {
                    missing.iter().map(|&n| f(&items[n]).minor()).sum::<i64>()
                };
                let (alone, price) = (sum(|i| i.unit_price), sum(|i| i.bundle_price));
                Completion {
                    missing: missing.clone(),
                    price: Money::from_minor(price, config.currency),
                    saving: Money::from_minor(alone - price, config.currency),
                }
            });
            Some(BundleQuote {
                id: b.id.clone(),
                title: b.title.clone(),
                url: b.url.clone(),
                complete_in_cart: missing.is_empty(),
                completion,
                items,
                individual_total,
                price,
                saving,
                saving_percent: Percent::from_basis_points(bp as u32).unwrap_or_default(),
                ends_in_seconds: live.ends_in_seconds,
                segment: shopper.segment(&b.segments, &config.segments),
            })
        })
        .collect_vec();
    (offered, left_out)
}

/// What the cart charges for one set of `items`, whose prices on their own come to `total`,
/// when it has priced any of their lines below its price: each product's discount in the cart,
/// over the complete sets the cart holds (never more than its units' price). `None` for a cart
/// that charges them as they are priced (one no checkout has priced yet).
#[inline(never)]
fn charged(cart: &Cart, items: &[usize], total: Money) -> Option<Money> {
    let need = |p: usize| items.iter().filter(|&&q| q == p).count() as i64;
    let sets = items
        .iter()
        .map(|&p| i64::from(cart.quantity_of(p)) / need(p))
        .min()
        .filter(|&n| n > 0)?;
    let mut off = 0i64;
    for (i, &p) in items.iter().enumerate() {
        // Each product once, however many times the bundle holds it.
        if items[..i].contains(&p) {
            continue;
        }
        let lines = cart.lines.iter().filter(|l| l.product == Some(p));
        let discount: i64 = lines
            .map(|l| {
                (l.unit_price.minor().saturating_mul(i64::from(l.quantity)) - l.total.minor())
                    .max(0)
            })
            .sum();
        let unit = cart.unit_price_of(p).map_or(0, |m| m.minor());
        off += ((discount + sets / 2) / sets).min(unit * need(p));
    }
    (off > 0 && off <= total.minor()).then(|| Money::from_minor(total.minor() - off, cart.currency))
}

/// The rows for a table: the bundles holding `product`, or without one, the bundles with an
/// item in the cart (those that build on what the shopper chose).
pub fn table<'a>(bundles: &'a [BundleQuote], product: Option<&str>) -> BundleTable<'a> {
    let rows: Vec<&BundleQuote> = bundles
        .iter()
        .filter(|b| match product {
            Some(id) => b.items.iter().any(|i| i.id == id),
            None => b.items.iter().any(|i| i.in_cart),
        })
        .collect_vec();
    let best = (rows.len() >= 2)
        .then(|| {
            rows.iter()
                .enumerate()
                .max_by(|(ia, a), (ib, b)| {
                    a.saving
                        .minor()
                        .cmp(&b.saving.minor())
                        .then(a.saving_percent.cmp(&b.saving_percent))
                        .then(ib.cmp(ia))
                })
                .map(|(i, _)| i)
        })
        .flatten();
    BundleTable { rows, best }
}
