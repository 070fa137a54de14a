//! Order bumps: which offers show, at what price, and what ticking one does to the goals.

use crate::cart::Cart;
use crate::config::{Config, ShippingBar, Upsell, UpsellPrice};
use crate::money::Money;
use crate::pricing::unit_price;
use crate::shipping;
use crate::sort::CollectVec;
use crate::visitor::Shopper;
use serde::Serialize;

/// One offer, for this cart.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OfferQuote {
    /// The merchant's id for the offer.
    pub id: String,
    /// The product the checkbox adds.
    pub product: String,
    /// Of a product with variants (spec §10), the variant the checkbox adds (the shopper's
    /// pick, else the first available), or once ticked, the one the cart holds.
    pub variant: Option<String>,
    /// The checkbox's label.
    pub title: String,
    /// A line under the label.
    pub description: Option<String>,
    /// The product's image.
    pub image: Option<String>,
    /// What ticking it costs.
    pub price: Money,
    /// The price before `percent_off`, to show struck through.
    pub full_price: Option<Money>,
    /// Whether the product is in the cart: the checkbox is ticked exactly then.
    pub ticked: bool,
    /// The subtotal toward the goals once ticked.
    pub subtotal_after: Money,
    /// Rewards that ticking it unlocks ("this also unlocks free shipping").
    pub unlocks: Vec<String>,
    /// Seconds until the offer ends, for a countdown.
    pub ends_in_seconds: Option<i64>,
    /// The segment it is shown for (see [`crate::visitor::Shopper::segment`]).
    pub segment: Option<String>,
}

crate::json_object!(OfferQuote {
    id,
    product,
    variant,
    title,
    description,
    image,
    price,
    full_price,
    ticked,
    subtotal_after,
    unlocks,
    ends_in_seconds,
    segment
});

/// The offers that apply to this cart, at most `max_offers`, in the merchant's order.
pub fn quote(
    config: &Config,
    cart: &Cart,
    country: Option<&str>,
    now: i64,
    shopper: &Shopper,
) -> Vec<OfferQuote> {
    if cart.currency != config.currency {
        return Vec::new();
    }
    let goals = config.shipping_bar.as_ref().map(|bar| {
        (
            bar,
            shipping::goals_for(bar, config, cart, country, now, shopper),
        )
    });
    config
        .upsells
        .iter()
        .filter(|u| shopper.admits(&u.segments))
        .filter_map(|u| offer(u, config, cart, now, goals.as_ref(), shopper))
        .take(config.max_offers)
        .collect_vec()
}

fn offer(
    u: &Upsell,
    config: &Config,
    cart: &Cart,
    now: i64,
    goals: Option<&(&ShippingBar, Vec<shipping::Applied>)>,
    shopper: &Shopper,
) -> Option<OfferQuote> {
    let live = u.window.live_at(now)?;
    let ticked = cart.contains(u.product);
    let product = &config.products[u.product];
    // Sold out in every variant: offered no more (its line, if the cart has one, stays the
    // page's to remove).
    if !ticked && !product.offerable() {
        return None;
    }
    // The offer's own line never counts toward its conditions, so ticking it cannot hide it.
    // Lines count at their prices before the cart's discounts, as checkout prices the offer:
    // a bundle's discount landing on the cart changes neither the offer nor its price.
    let others = cart.before_discounts_where(|l| l.product != Some(u.product));
    let applies = (u.cart_contains.is_empty() || u.cart_contains.iter().any(|&p| cart.contains(p)))
        && u.cart_contains_all.iter().all(|&p| cart.contains(p))
        && u.min_subtotal.is_none_or(|m| others.minor() >= m.minor())
        && u.max_subtotal.is_none_or(|m| others.minor() <= m.minor());
    if !applies && !ticked {
        return None;
    }
    let full = match u.price {
        UpsellPrice::Catalog => unit_price(config, cart, shopper, u.product),
        UpsellPrice::Fixed(m) => m,
        UpsellPrice::PercentOfProduct(p, pct) => {
            let line = cart.before_discounts_where(|l| l.product == Some(p));
            if line.is_zero() && !ticked {
                return None;
            }
            line.percent(pct)
        }
        UpsellPrice::PercentOfSubtotal(pct) => others.percent(pct),
    };
    let price = u.percent_off.map_or(full, |p| full.less_percent(p));
    let (subtotal_after, unlocks) = match goals {
        Some((bar, goals)) => effect(
            bar,
            goals,
            cart,
            u.product,
            if ticked {
                Money::zero(price.currency())
            } else {
                price
            },
        ),
        None => (cart.total_where(|_| true), Vec::new()),
    };
    let held = cart
        .lines
        .iter()
        .find(|l| ticked && l.product == Some(u.product) && !l.gift && l.quantity > 0);
    let variant = match held {
        Some(l) => (l.id != product.id).then(|| l.id.clone()),
        None => crate::pricing::offered_variant(config, shopper, u.product)
            .map(|v| product.variants[v].id.clone()),
    };
    Some(OfferQuote {
        id: u.id.clone(),
        product: product.id.clone(),
        variant,
        title: u.title.clone(),
        description: u.description.clone(),
        image: product.image.clone(),
        price,
        full_price: u.percent_off.map(|_| full),
        ticked,
        subtotal_after,
        unlocks,
        ends_in_seconds: live.ends_in_seconds,
        segment: shopper.segment(&u.segments, &config.segments),
    })
}

/// The shipping subtotal once `adds` more of `product` is in the cart, and the rewards that
/// newly unlocks.
fn effect(
    bar: &ShippingBar,
    goals: &[shipping::Applied],
    cart: &Cart,
    product: usize,
    adds: Money,
) -> (Money, Vec<String>) {
    let before = shipping::basis(bar, cart);
    let counted = if bar.exclude.contains(&product) {
        0
    } else {
        adds.minor()
    };
    let after = Money::from_minor(before.minor() + counted, before.currency());
    let unlocks = goals
        .iter()
        .filter(|a| before.minor() < a.threshold.minor() && after.minor() >= a.threshold.minor())
        .map(|a| a.goal.reward.clone())
        .collect_vec();
    (after, unlocks)
}
