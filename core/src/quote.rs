//! The one computation the widgets render: config + cart + now → [`Quote`].

use crate::bundles::{self, BundleQuote, BundleTable, LeftOut};
use crate::cart::Cart;
use crate::config::Config;
use crate::money::{Currency, Money};
use crate::shipping::{self, ShippingQuote};
use crate::tiers::{self, TierQuote};
use crate::upsell::{self, OfferQuote};
use serde::Serialize;

/// What the quote depends on besides the config and the cart.
#[derive(Clone, Debug, Default)]
pub struct Context {
    /// The time, in Unix seconds, for scheduled offers and countdowns.
    pub now: i64,
    /// The shopper's country, when the page knows it better than the cart does.
    pub country: Option<String>,
    /// The products the shopper is looking at (the `product` of the page's elements): never
    /// suggested to them as a cart filler.
    pub viewing: Vec<String>,
    /// The plural form a count takes in a locale, for messages with plural forms (the widget
    /// asks the browser's `Intl.PluralRules`); without it, the `other` form.
    pub plural: Option<PluralRule>,
}

pub use crate::template::PluralRule;

/// Every figure cartlift shows, for one config and one cart. Plain data: amounts stay typed
/// money, and formatting is the browser's job.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Quote {
    /// The cart's currency.
    pub currency: Currency,
    /// The locale to format for.
    pub locale: String,
    /// Every line of the cart added up.
    pub subtotal: Money,
    /// How many items the cart holds.
    pub item_count: u32,
    /// The free-shipping bar, when one is configured and a goal applies.
    pub shipping: Option<ShippingQuote>,
    /// Every live bundle that saves something, in the merchant's order.
    pub bundles: Vec<BundleQuote>,
    /// The bundles left out of `bundles`, and why (for the merchant's preview).
    pub bundles_left_out: Vec<LeftOut>,
    /// Every live tier set.
    pub tiers: Vec<TierQuote>,
    /// The upsell offers to show, at most `max_offers`.
    pub upsells: Vec<OfferQuote>,
}

impl Quote {
    /// The rows of a bundle table for `product` (or, without one, for the cart).
    pub fn bundle_table(&self, product: Option<&str>) -> BundleTable<'_> {
        bundles::table(&self.bundles, product)
    }

    /// The tiers of `product`.
    pub fn tiers_for(&self, product: &str) -> Option<&TierQuote> {
        self.tiers.iter().find(|t| t.product == product)
    }
}

/// Computes every figure for `cart` under `config` at `cx.now`.
pub fn quote(config: &Config, cart: &Cart, cx: &Context) -> Quote {
    let country = cx.country.as_deref().or(cart.country.as_deref());
    let now = cx.now;
    let viewing: Vec<usize> = cx
        .viewing
        .iter()
        .filter_map(|id| config.product_index(id))
        .collect();
    let (bundles, bundles_left_out) = bundles::quote(config, cart, now);
    Quote {
        currency: cart.currency,
        locale: config.locale.clone(),
        subtotal: cart.total_where(|_| true),
        item_count: cart
            .lines
            .iter()
            .map(|l| l.quantity)
            .fold(0, u32::saturating_add),
        shipping: config
            .shipping_bar
            .as_ref()
            .and_then(|bar| shipping::quote(bar, config, cart, country, now, &viewing)),
        bundles,
        bundles_left_out,
        tiers: tiers::quote(config, cart, now, cx.plural),
        upsells: upsell::quote(config, cart, country, now),
    }
}
