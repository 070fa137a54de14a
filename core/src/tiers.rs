//! Volume tiers: the discount in force for the quantity in the cart, and the nudge to the next.

use crate::cart::Cart;
use crate::config::Config;
use crate::money::{Money, Percent};
use crate::pricing::unit_price;
use crate::sort::CollectVec;
use crate::template::{Plural, Segment};
use serde::Serialize;

/// One product's tiers, for this cart.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TierQuote {
    /// The product's id.
    pub product: String,
    /// The variant offered of a product with variants (spec §10): what an add names.
    pub variant: Option<String>,
    /// The product's title.
    pub title: String,
    /// How many the cart holds.
    pub quantity: u32,
    /// The price of one with no tier.
    pub full_unit_price: Money,
    /// Every tier with its unit price.
    pub tiers: Vec<TierRow>,
    /// The index in `tiers` of the tier in force, if any.
    pub active: Option<usize>,
    /// The price of one under the tier in force.
    pub unit_price: Money,
    /// `unit_price` × the units the tier prices: `quantity` less those a buy X get Y deal got
    /// (they cost what the deal says, as at checkout).
    pub line_price: Money,
    /// What the tier in force saves on those units: full price × them − `line_price`.
    pub saving: Money,
    /// The nudge toward the next tier, if there is one.
    pub nudge: Option<Nudge>,
    /// Seconds until the tiers end, for a countdown.
    pub ends_in_seconds: Option<i64>,
    /// The segment it is shown for (see [`crate::visitor::Shopper::segment`]).
    pub segment: Option<String>,
    /// How it is shown: `"list"` or `"selector"` (spec §12).
    pub display: &'static str,
}

crate::json_object!(TierQuote {
    product,
    variant,
    title,
    quantity,
    full_unit_price,
    tiers,
    active,
    unit_price,
    line_price,
    saving,
    nudge,
    ends_in_seconds,
    segment,
    display,
});

/// One tier.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TierRow {
    /// From this quantity on.
    pub min_quantity: u32,
    /// The discount on each unit.
    pub percent_off: Percent,
    /// The price of one under this tier, rounded half away from zero.
    pub unit_price: Money,
    /// `min_quantity` at `unit_price`: what the selector's option costs.
    pub total: Money,
    /// What those units save against their full price.
    pub saving: Money,
    /// The selector's words on this quantity ("Most popular").
    pub badge: Option<String>,
}

crate::json_object!(TierRow {
    min_quantity,
    percent_off,
    unit_price,
    total,
    saving,
    badge,
});

/// "Add 1 more to save 20%".
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Nudge {
    /// How many more reach the next tier.
    pub more: u32,
    /// The next tier's discount.
    pub percent_off: Percent,
    /// The message, with its placeholders filled.
    pub message: Vec<Segment>,
}

crate::json_object!(Nudge {
    more,
    percent_off,
    message
});

/// The tiers of every tier set live at `now`, for the quantities in the cart. `got` is the
/// units of each cart line a buy X get Y deal got ([`crate::deals::quote`]; empty: none): the
/// tier in force follows the whole quantity, but prices only the other units, as checkout
/// does. `plural` gives the plural form a count takes in the config's locale (the widget asks
/// the browser); without it, the `other` form.
pub fn quote(
    config: &Config,
    cart: &Cart,
    got: &[u32],
    now: i64,
    plural: Option<crate::template::PluralRule>,
    shopper: &crate::visitor::Shopper,
) -> Vec<TierQuote> {
    if cart.currency != config.currency {
        return Vec::new();
    }
    config
        .volume_tiers
        .iter()
        .filter(|set| shopper.admits(&set.segments))
        .filter_map(|set| {
            let live = set.window.live_at(now)?;
            let product = &config.products[set.product];
            let quantity = cart.quantity_of(set.product);
            // Sold out in every variant and not in the cart: nothing to offer.
            if quantity == 0 && !product.offerable() {
                return None;
            }
            let full = unit_price(config, cart, shopper, set.product);
            let tiers: Vec<TierRow> = set
                .tiers
                .iter()
                .map(|t| {
                    let unit_price = full.less_percent(t.percent_off);
                    // At most a million units under MAX_MINOR each (the checker's bounds).
                    let times = |m: Money| m.checked_mul(i64::from(t.min_quantity)).unwrap_or(m);
                    let total = times(unit_price);
                    TierRow {
                        min_quantity: t.min_quantity,
                        percent_off: t.percent_off,
                        unit_price,
                        total,
                        saving: times(full)
                            .checked_sub(total)
                            .unwrap_or_else(|| Money::zero(full.currency())),
                        badge: t.badge.clone(),
                    }
                })
                .collect_vec();
            let active = tiers.iter().rposition(|t| quantity >= t.min_quantity);
            let unit = active.map_or(full, |i| tiers[i].unit_price);
            let nudge = tiers
                .iter()
                .find(|t| t.min_quantity > quantity)
                .map(|next| {
                    let more = next.min_quantity - quantity;
                    Nudge {
                        more,
                        percent_off: next.percent_off,
                        message: set.nudge.fill_form(
                            plural.map_or(Plural::Other, |p| p(more, &config.locale)),
                            |name| match name {
                                "more" => Segment::Count(more),
                                "percent" => Segment::Percent(next.percent_off),
                                _ => Segment::Text(product.title.clone()),
                            },
                        ),
                    }
                });
            // A checked cart holds at most a million of a product under MAX_MINOR each.
            let dealt: u32 = (0..cart.lines.len())
                .filter(|&i| cart.lines[i].product == Some(set.product))
                .map(|i| got.get(i).copied().unwrap_or(0))
                .sum();
            let priced = i64::from(quantity.saturating_sub(dealt));
            let line_price = unit.checked_mul(priced).unwrap_or(unit);
            let full_line = full.checked_mul(priced).unwrap_or(full);
            let saving = full_line
                .checked_sub(line_price)
                .unwrap_or_else(|| Money::zero(full.currency()));
            Some(TierQuote {
                product: product.id.clone(),
                variant: crate::pricing::offered_variant(config, shopper, set.product)
                    .map(|v| product.variants[v].id.clone()),
                title: product.title.clone(),
                quantity,
                full_unit_price: full,
                line_price,
                saving,
                unit_price: unit,
                tiers,
                active,
                nudge,
                ends_in_seconds: live.ends_in_seconds,
                segment: shopper.segment(&set.segments, &config.segments),
                display: if set.selector { "selector" } else { "list" },
            })
        })
        .collect_vec()
}
