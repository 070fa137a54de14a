//! The one computation the widgets render: config + cart + now → [`Quote`].

use crate::bundles::{self, BundleQuote, BundleTable, LeftOut};
use crate::cart::Cart;
use crate::config::Config;
use crate::deals::{self, DealQuote};
use crate::money::{Currency, Money};
use crate::parts::{BUNDLES, PERSONAL, TIERS, UPSELLS};
use crate::recommend::{self, Recommendation};
use crate::shipping::{self, ShippingQuote};
use crate::sort::CollectVec;
use crate::tiers::{self, TierQuote};
use crate::upsell::{self, OfferQuote};
use crate::visitor::{Page, Shopper, Visitor};
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
    /// What this browser did in the shop (spec §8); a new visitor by default. Shared, as the
    /// widget keeps it between quotes.
    pub visitor: std::sync::Arc<Visitor>,
    /// What the page knows of the shopper: country, width, the landing URL's `utm_*`.
    pub page: Page,
    /// The variant of each experiment this shopper sees, `(experiment, variant)`, as the
    /// config was chosen for them (see [`crate::setup::Setup::for_visitor`]).
    pub variants: Vec<(String, String)>,
    /// The product variants the shopper picked (spec §10), by id: each prices and is what
    /// adds of its product name. An id that names no variant, or one not available, is
    /// passed over (its product offered in its first available variant).
    pub picks: Vec<String>,
}

/// The variant of one experiment a shopper sees.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Assignment {
    /// The experiment's id.
    pub experiment: String,
    /// The variant's id.
    pub variant: String,
}

crate::json_object!(Assignment {
    experiment,
    variant
});

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
    /// Every buy X get Y deal, in the merchant's order, with what it does to the cart.
    pub deals: Vec<DealQuote>,
    /// The upsell offers to show, at most `max_offers`.
    pub upsells: Vec<OfferQuote>,
    /// "Recommended for you": products related to the cart and to what was viewed.
    pub recommendations: Vec<Recommendation>,
    /// The variant of each experiment this shopper sees.
    pub experiments: Vec<Assignment>,
    /// How long before an offer's end its countdown shows, in seconds (0: never): an offer
    /// whose `ends_in_seconds` is at most this shows "Ends in …".
    pub countdown_seconds: i64,
    /// The offers showing a countdown now (not in `state()`: each offer's `ends_in_seconds`
    /// and `countdown_seconds` say it).
    #[serde(skip)]
    pub countdowns: Vec<Countdown>,
}

crate::json_object!(Quote {
    currency,
    locale,
    subtotal,
    item_count,
    shipping,
    bundles,
    bundles_left_out,
    tiers,
    deals,
    upsells,
    recommendations,
    experiments,
    countdown_seconds
});

/// Which kind of offer a countdown is of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OfferKind {
    /// A goal of the shipping bar (its id is its reward).
    Goal,
    /// A bundle.
    Bundle,
    /// A tier set (its id is its product's).
    Tier,
    /// An upsell.
    Upsell,
}

/// An offer within its countdown: "Ends in 2 h 14 min".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Countdown {
    /// Its kind.
    pub offer: OfferKind,
    /// The bundle's or upsell's id, the tier set's product, the goal's reward.
    pub id: String,
    /// What the shopper knows it by.
    pub title: String,
    /// Seconds left, from 1 to `countdown_seconds`.
    pub seconds: i64,
}

impl Quote {
    /// Every offer's end to come: `(kind, id, title, seconds left)`.
    fn ends(&self) -> Vec<(OfferKind, &str, &str, i64)> {
        let mut out: Vec<(OfferKind, &str, &str, Option<i64>)> = Vec::new();
        for g in self.shipping.iter().flat_map(|s| &s.goals) {
            out.push((OfferKind::Goal, &g.reward, &g.reward, g.ends_in_seconds));
        }
        // Only the parts the build carries: the others' lists are always empty, and their
        // loops were code the build need not carry.
        if BUNDLES {
            for b in &self.bundles {
                out.push((OfferKind::Bundle, &b.id, &b.title, b.ends_in_seconds));
            }
        }
        if TIERS {
            for t in &self.tiers {
                out.push((OfferKind::Tier, &t.product, &t.title, t.ends_in_seconds));
            }
        }
        if UPSELLS {
            for u in &self.upsells {
                out.push((OfferKind::Upsell, &u.id, &u.title, u.ends_in_seconds));
            }
        }
        out.into_iter()
            .filter_map(|(k, id, title, e)| Some((k, id, title, e.filter(|&e| e > 0)?)))
            .collect_vec()
    }

    /// Seconds until what the countdowns say changes, or one starts: each minute, each second
    /// in an offer's last minute. `None` when no countdown shows or starts.
    pub fn next_tick(&self) -> Option<i64> {
        let window = self.countdown_seconds;
        if window == 0 {
            return None;
        }
        self.ends()
            .into_iter()
            .map(|(_, _, _, e)| {
                if e > window {
                    e - window
                } else if e <= 61 {
                    1
                } else {
                    e % 60 + 1
                }
            })
            .min()
    }

    /// The countdown of offer `id` of `kind`, if it shows one; with an empty id, the soonest
    /// of that kind (the shipping bar shows the soonest goal's).
    pub fn countdown(&self, kind: OfferKind, id: &str) -> Option<i64> {
        self.countdowns
            .iter()
            .filter(|c| c.offer == kind && (id.is_empty() || c.id == id))
            .map(|c| c.seconds)
            .min()
    }

    /// The rows of a bundle table for `product` (or, without one, for the cart).
    pub fn bundle_table(&self, product: Option<&str>) -> BundleTable<'_> {
        bundles::table(&self.bundles, product)
    }

    /// The tiers of `product`.
    pub fn tiers_for(&self, product: &str) -> Option<&TierQuote> {
        self.tiers.iter().find(|t| t.product == product)
    }
}

/// Computes every figure for `cart` under `config` at `cx.now`, for the shopper `cx` describes.
pub fn quote(config: &Config, cart: &Cart, cx: &Context) -> Quote {
    let country = cx.country.as_deref().or(cart.country.as_deref());
    let page = Page {
        country: cx.page.country.clone().or(country.map(str::to_owned)),
        ..cx.page.clone()
    };
    let mut shopper = Shopper::new(&cx.visitor, &page, &config.segments);
    if crate::parts::VARIANTS {
        shopper.picks = cx
            .picks
            .iter()
            .filter_map(|id| match config.item_index(id)? {
                (p, Some(v)) => Some((p, v)),
                _ => None,
            })
            .collect_vec();
    }
    let now = cx.now;
    let viewing: Vec<usize> = cx
        .viewing
        .iter()
        .filter_map(|id| config.product_index(id))
        .collect_vec();
    // What a build leaves out (crate::parts) is never computed: its config holds none of it.
    let (bundles, bundles_left_out) = if BUNDLES {
        let (bundles, left_out) = bundles::quote(config, cart, now, &shopper);
        // Most relevant first: those building on the cart, then those holding a product
        // viewed, then the rest, each in the merchant's order.
        let rank = crate::sort::by_key((0..bundles.len()).collect_vec(), &|&n| {
            let b: &bundles::BundleQuote = &bundles[n];
            let viewed = |id: &str| cx.visitor.viewed.iter().any(|v| v == id);
            if b.items.iter().any(|i| i.in_cart) {
                0
            } else if b.items.iter().any(|i| viewed(&i.id)) {
                1
            } else {
                2
            }
        });
        let mut slots: Vec<Option<bundles::BundleQuote>> =
            bundles.into_iter().map(Some).collect_vec();
        let ranked = rank
            .into_iter()
            .filter_map(|n| slots[n].take())
            .collect_vec();
        (ranked, left_out)
    } else {
        (Vec::new(), Vec::new())
    };
    let recommendations = if PERSONAL {
        recommend::recommend(
            config,
            cart,
            &cx.visitor.viewed,
            &viewing,
            &bundles,
            &shopper,
        )
    } else {
        Vec::new()
    };
    // The deals first: the units they get are theirs, not a tier's (as at checkout).
    let (deals, got) = if TIERS {
        deals::quote(config, cart)
    } else {
        (Vec::new(), Vec::new())
    };
    let mut q = Quote {
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
            .and_then(|bar| shipping::quote(bar, config, cart, country, now, &viewing, &shopper)),
        bundles,
        bundles_left_out,
        tiers: if TIERS {
            tiers::quote(config, cart, &got, now, cx.plural, &shopper)
        } else {
            Vec::new()
        },
        deals,
        upsells: if UPSELLS {
            upsell::quote(config, cart, country, now, &shopper)
        } else {
            Vec::new()
        },
        recommendations,
        experiments: match PERSONAL {
            true => cx
                .variants
                .iter()
                .map(|(e, v)| Assignment {
                    experiment: e.clone(),
                    variant: v.clone(),
                })
                .collect_vec(),
            false => Vec::new(),
        },
        countdown_seconds: config.countdown_seconds,
        countdowns: Vec::new(),
    };
    q.countdowns = q
        .ends()
        .into_iter()
        .filter(|&(_, _, _, e)| e <= q.countdown_seconds)
        .map(|(offer, id, title, seconds)| Countdown {
            offer,
            id: id.to_owned(),
            title: title.to_owned(),
            seconds,
        })
        .collect_vec();
    q
}
