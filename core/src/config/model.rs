//! The checked config: what the widgets compute from. Every id is resolved to an index into
//! the catalog, every amount is exact in its currency, every window is read; nothing here can
//! be wrong, because the checker (`check/`) builds it only from a config with no problem.

use super::labels::{Label, Labels};
use crate::ids::IdIndex;
use crate::json::{Out, ToJson};
use crate::money::{Currency, Money, Percent};
use crate::schedule::Window;
use crate::template::Template;
use crate::visitor::{Personal, When};

/// The most items a bundle may hold (which also keeps every bundle total far from overflow).
pub const MAX_BUNDLE_ITEMS: usize = 50;

/// A checked config: every id resolved, every amount exact, every window read.
#[derive(Clone, Debug)]
pub struct Config {
    /// The currency every catalog price is in.
    pub currency: Currency,
    /// The BCP 47 tag the browser formats for.
    pub locale: String,
    /// Whether the merchant named `locale` (the widgets' words are then in its language),
    /// rather than leaving it to the default.
    pub locale_given: bool,
    /// The catalog, in the merchant's order.
    pub products: Vec<Product>,
    pub(crate) index: IdIndex,
    /// Every variant's id (spec §10), each to its `(product, variant)` in [`Config::variant_at`].
    pub(crate) variant_index: IdIndex,
    /// Each variant of the catalog as `(product, variant)`, in the catalog's order.
    pub(crate) variant_at: Vec<(usize, usize)>,
    /// The free-shipping bar, if configured.
    pub shipping_bar: Option<ShippingBar>,
    /// Bundles, in the merchant's order.
    pub bundles: Vec<Bundle>,
    /// Volume tier sets, in the merchant's order.
    pub volume_tiers: Vec<TierSet>,
    /// Buy X get Y deals, in the merchant's order, by their ids.
    pub deals: Vec<(String, Deal)>,
    /// Upsell offers, in the merchant's order.
    pub upsells: Vec<Upsell>,
    /// How many upsell offers show at once.
    pub max_offers: usize,
    /// The theme's values by key (`accent`, `radius`, …); the widget names the CSS property.
    pub theme: Vec<(&'static str, String)>,
    /// Whether what the theme does not give is sampled from the page's primary button
    /// (`"auto"`, the default), or left to cartlift's own (`"none"`).
    pub theme_sampled: bool,
    /// Every word the widgets show, the merchant's or the English default.
    pub labels: Labels,
    /// The groups of shoppers offers may be limited to, by id, in the merchant's order.
    pub segments: Vec<(String, When)>,
    /// The A/B tests, in the merchant's order.
    pub experiments: Vec<Experiment>,
    /// How long before an offer's end its countdown shows, in seconds (0: never).
    pub countdown_seconds: i64,
}

/// A checked buy-x-get-y deal (spec §12), products by their index in the catalog; the rule
/// over a cart is [`crate::deals`]'s.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deal {
    /// The products whose units count as bought.
    pub buy: Vec<usize>,
    /// How many bought units each application takes: at least 1.
    pub buy_quantity: u32,
    /// The products whose units may be got.
    pub get: Vec<usize>,
    /// How many units each application discounts: at least 1.
    pub get_quantity: u32,
    /// What each got unit takes off its own price (100%: free).
    pub percent_off: Percent,
    /// The most applications per cart; `None`: as many as the cart allows.
    pub limit: Option<u32>,
}

/// An A/B test (spec §8).
#[derive(Clone, Debug)]
pub struct Experiment {
    /// The merchant's id.
    pub id: String,
    /// Its arms, at least two, with a positive total weight.
    pub variants: Vec<Variant>,
}

/// One arm of an experiment.
#[derive(Clone, Debug)]
pub struct Variant {
    /// The merchant's id.
    pub id: String,
    /// Its share, relative to the other arms'.
    pub weight: u32,
    /// The partial config laid over the config for its shoppers (none: the config as it is).
    /// Checked laid over the config, so it always makes a valid config by itself.
    pub overlay: Option<crate::json::Json>,
}

/// A product of the catalog.
#[derive(Clone, Debug)]
pub struct Product {
    /// The merchant's id.
    pub id: String,
    /// The name shown to shoppers.
    pub title: String,
    /// The price of one.
    pub price: Money,
    /// An http(s) or relative image URL.
    pub image: Option<String>,
    /// An http(s) or relative product page URL.
    pub url: Option<String>,
    /// Products to recommend with it, as indices, most related first.
    pub related: Vec<usize>,
    /// The names of its options, when it comes in variants ("Size", "Colour").
    pub options: Vec<String>,
    /// Its variants (spec §10), in the merchant's order; none: the product is itself the item.
    pub variants: Vec<ProductVariant>,
}

/// A variant of a product (spec §10): what a shopper actually buys of a product with options.
#[derive(Clone, Debug)]
pub struct ProductVariant {
    /// The merchant's id, unique across products and variants.
    pub id: String,
    /// Its value of each of the product's options, in their order.
    pub options: Vec<String>,
    /// The price of one: its own, else the product's.
    pub price: Money,
    /// Its image, else the product's.
    pub image: Option<String>,
    /// Its page, else the product's.
    pub url: Option<String>,
    /// Whether it may be added (`available: false`: shown, never added).
    pub available: bool,
}

impl Product {
    /// The variant offered when the shopper has picked none: the first available. `None` for a
    /// product without variants, and for one whose variants are all unavailable.
    pub fn first_available(&self) -> Option<usize> {
        // A build without variants has none (crate::parts): its code is left out.
        if !crate::parts::VARIANTS {
            return None;
        }
        self.variants.iter().position(|v| v.available)
    }

    /// The values of option `option` its variants have, each once, in the merchant's order:
    /// the choices of that option's picker.
    pub fn values(&self, option: usize) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for v in &self.variants {
            if let Some(value) = v.options.get(option) {
                if !out.contains(&value.as_str()) {
                    out.push(value);
                }
            }
        }
        out
    }

    /// Whether some available variant has `value` for option `option` (a choice no available
    /// variant has is shown, disabled).
    pub fn value_available(&self, option: usize, value: &str) -> bool {
        self.variants
            .iter()
            .any(|v| v.available && v.options.get(option).is_some_and(|o| o == value))
    }

    /// The variant the shopper gets by choosing `value` for option `option` while `from` is
    /// chosen: the available one with that value that keeps most of `from`'s other values
    /// (the first on a tie), so that picking a colour keeps the size where it can. `None`
    /// when no available variant has that value.
    pub fn switch_to(&self, from: Option<usize>, option: usize, value: &str) -> Option<usize> {
        let kept = |v: &ProductVariant| {
            from.and_then(|f| self.variants.get(f)).map_or(0, |f| {
                v.options
                    .iter()
                    .zip(&f.options)
                    .filter(|(a, b)| a == b)
                    .count()
            })
        };
        let mut best: Option<(usize, usize)> = None;
        for (i, v) in self.variants.iter().enumerate() {
            if v.available && v.options.get(option).is_some_and(|o| o == value) {
                let k = kept(v);
                if best.is_none_or(|(_, b)| k > b) {
                    best = Some((i, k));
                }
            }
        }
        best.map(|(i, _)| i)
    }

    /// Whether it may be offered: it has no variants, or one of them is available.
    pub fn offerable(&self) -> bool {
        !crate::parts::VARIANTS || self.variants.is_empty() || self.first_available().is_some()
    }
}

/// The free-shipping bar.
#[derive(Clone, Debug)]
pub struct ShippingBar {
    /// Goals by increasing threshold.
    pub goals: Vec<Goal>,
    /// Shown while the cart is empty.
    pub empty: Template,
    /// Shown on the way to a goal.
    pub progress: Template,
    /// Shown when every goal is reached.
    pub achieved: Template,
    /// Products (by index) that do not count toward the goals: a few, so a list.
    pub exclude: Vec<usize>,
    /// How many cart fillers to suggest.
    pub fillers: usize,
    /// Whether the goals count the items at their prices, before the cart's discounts
    /// (`"subtotal": "before_discounts"`), rather than what the shopper will pay for them.
    pub before_discounts: bool,
}

/// A goal of the shipping bar.
#[derive(Clone, Debug)]
pub struct Goal {
    /// The threshold in the config's currency.
    pub threshold: Money,
    /// Thresholds for carts in other currencies (each currency once; a few, so a list).
    pub by_currency: Vec<(Currency, Money)>,
    /// Thresholds for shoppers in given countries (each country once).
    pub by_country: Vec<(String, Money)>,
    /// What the shopper unlocks.
    pub reward: String,
    /// When the goal applies.
    pub window: Window,
    /// The segments it applies to, as indices into [`Config::segments`] (empty: everyone).
    pub segments: Vec<usize>,
    /// A threshold from the shopper's own orders, in the config's currency.
    pub personal: Option<Personal>,
    /// What checkout gives once it is reached.
    pub grants: Grants,
}

/// What checkout gives for a reached goal (spec §11).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Grants {
    /// Free shipping: `cheapest` (the cheapest option of each delivery group) or `all`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub free_shipping: Option<FreeShipping>,
    /// A percentage off the order's subtotal.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub percent_off: Option<Percent>,
    /// An amount off the order's subtotal.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount_off: Option<Money>,
    /// What is given free, one unit while the goal holds: a product's id (any variant of it,
    /// the shopper's pick) or one variant's (that variant only, spec §10).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gift: Option<String>,
    /// At checkout, when `gift` names one variant: the platform id of that variant, the one
    /// line id that is the gift (the form names the gift by its product, see
    /// [`crate::checkout::form`]). `None` in the widget, which knows the variant by its id.
    #[serde(skip)]
    pub gift_line: Option<String>,
    /// Whether the gift is added without a click once the goal is reached.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub auto: bool,
}

impl crate::json::ToJson for Grants {
    fn write(&self, out: &mut crate::json::Out) {
        out.open();
        if let Some(f) = &self.free_shipping {
            out.key("free_shipping");
            f.write(out);
        }
        if let Some(p) = &self.percent_off {
            out.key("percent_off");
            p.write(out);
        }
        if let Some(m) = &self.amount_off {
            out.key("amount_off");
            m.write(out);
        }
        if let Some(g) = &self.gift {
            out.key("gift");
            g.write(out);
        }
        // Written only when true, as serde's `skip_serializing_if` says.
        if self.auto {
            out.key("auto");
            true.write(out);
        }
        out.close();
    }
}

impl Grants {
    /// Whether it gives anything.
    pub fn is_empty(&self) -> bool {
        self.free_shipping.is_none()
            && self.percent_off.is_none()
            && self.amount_off.is_none()
            && self.gift.is_none()
    }
}

/// Which delivery options free shipping takes 100% off.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FreeShipping {
    /// The cheapest option of each delivery group.
    Cheapest,
    /// Every option.
    All,
}

impl ToJson for FreeShipping {
    fn write(&self, out: &mut Out) {
        out.text(match self {
            FreeShipping::Cheapest => "cheapest",
            FreeShipping::All => "all",
        });
    }
}

impl Goal {
    /// The threshold for carts in `currency`, if the goal has one.
    pub fn currency_threshold(&self, currency: Currency) -> Option<Money> {
        self.by_currency
            .iter()
            .find(|(c, _)| *c == currency)
            .map(|&(_, m)| m)
    }

    /// The threshold for shoppers in `country`, if the goal has one.
    pub fn country_threshold(&self, country: &str) -> Option<Money> {
        self.by_country
            .iter()
            .find(|(c, _)| c == country)
            .map(|&(_, m)| m)
    }
}

/// How a bundle is priced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BundlePricing {
    /// A fixed price for the whole bundle.
    Fixed(Money),
    /// A percentage off the items' total.
    PercentOff(Percent),
    /// An amount off the items' total.
    AmountOff(Money),
}

impl BundlePricing {
    /// What the bundle costs when its items cost `total` on their own. May be negative for an
    /// `amount_off` larger than the total (the checker refuses that at catalog prices, and the
    /// quote leaves such a bundle out at the cart's).
    pub fn price_for(self, total: Money) -> Money {
        match self {
            BundlePricing::Fixed(price) => price,
            BundlePricing::PercentOff(p) => total.less_percent(p),
            BundlePricing::AmountOff(off) => {
                Money::from_minor(total.minor() - off.minor(), total.currency())
            }
        }
    }
}

/// A "frequently bought together" bundle.
#[derive(Clone, Debug)]
pub struct Bundle {
    /// The merchant's id.
    pub id: String,
    /// The name shown to shoppers.
    pub title: String,
    /// The items, as product indices; an index may repeat.
    pub items: Vec<usize>,
    /// How the bundle is priced.
    pub pricing: BundlePricing,
    /// A details page.
    pub url: Option<String>,
    /// When the bundle is offered.
    pub window: Window,
    /// The segments it is for, as indices into [`Config::segments`] (empty: everyone).
    pub segments: Vec<usize>,
}

/// Volume tiers of one product.
#[derive(Clone, Debug)]
pub struct TierSet {
    /// The product, as an index.
    pub product: usize,
    /// Tiers by increasing quantity.
    pub tiers: Vec<Tier>,
    /// The nudge toward the next tier.
    pub nudge: Template,
    /// When the tiers apply.
    pub window: Window,
    /// The segments it is for, as indices into [`Config::segments`] (empty: everyone).
    pub segments: Vec<usize>,
    /// Shown as a radio group of quantities the shopper picks from (`"display": "selector"`).
    pub selector: bool,
}

/// One volume tier.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tier {
    /// The quantity from which it applies.
    pub min_quantity: u32,
    /// The discount on each unit.
    pub percent_off: Percent,
    /// The selector's words on this quantity ("Most popular").
    pub badge: Option<String>,
}

/// How an upsell is priced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UpsellPrice {
    /// The product's catalog price (or the cart's price for it).
    Catalog,
    /// A fixed price.
    Fixed(Money),
    /// A percentage of a cart line (by product index).
    PercentOfProduct(usize, Percent),
    /// A percentage of the cart subtotal.
    PercentOfSubtotal(Percent),
}

/// An order bump.
#[derive(Clone, Debug)]
pub struct Upsell {
    /// The merchant's id.
    pub id: String,
    /// The product it adds, as an index.
    pub product: usize,
    /// The checkbox's label.
    pub title: String,
    /// A line under the label.
    pub description: Option<String>,
    /// How the price is found.
    pub price: UpsellPrice,
    /// A discount shown against the full price.
    pub percent_off: Option<Percent>,
    /// Shows when the cart holds any of these (empty: no such condition).
    pub cart_contains: Vec<usize>,
    /// Shows when the cart holds all of these.
    pub cart_contains_all: Vec<usize>,
    /// Shows from this subtotal.
    pub min_subtotal: Option<Money>,
    /// Shows up to this subtotal.
    pub max_subtotal: Option<Money>,
    /// When the offer runs.
    pub window: Window,
    /// The segments it is for, as indices into [`Config::segments`] (empty: everyone).
    pub segments: Vec<usize>,
}

impl Config {
    /// The template of a label.
    pub fn label(&self, label: Label) -> &Template {
        self.labels.get(label)
    }

    /// The first `starts_at` or `ends_at` of any goal, bundle, tier set or upsell that comes
    /// after `now` (Unix seconds): when the figures change by themselves next.
    pub fn next_boundary(&self, now: i64) -> Option<i64> {
        let mut windows: Vec<Window> = Vec::new();
        if let Some(bar) = &self.shipping_bar {
            windows.extend(bar.goals.iter().map(|g| g.window));
        }
        // Only the parts the build carries: the others' lists are always empty.
        if crate::parts::BUNDLES {
            windows.extend(self.bundles.iter().map(|b| b.window));
        }
        if crate::parts::TIERS {
            windows.extend(self.volume_tiers.iter().map(|t| t.window));
        }
        if crate::parts::UPSELLS {
            windows.extend(self.upsells.iter().map(|u| u.window));
        }
        let mut next: Option<i64> = None;
        for w in windows {
            for t in [w.starts_at, w.ends_at].into_iter().flatten() {
                if t > now && next.is_none_or(|n| t < n) {
                    next = Some(t);
                }
            }
        }
        next
    }

    /// The index of the product with this id.
    pub fn product_index(&self, id: &str) -> Option<usize> {
        self.index.get(id)
    }

    /// What a cart line's id names: a product `(index, None)`, or a variant `(its product,
    /// Some(its index among the product's variants))` (spec §10).
    pub fn item_index(&self, id: &str) -> Option<(usize, Option<usize>)> {
        match self.index.get(id) {
            Some(p) => Some((p, None)),
            None if !crate::parts::VARIANTS => None,
            None => self
                .variant_index
                .get(id)
                .map(|at| self.variant_at[at])
                .map(|(p, v)| (p, Some(v))),
        }
    }

    /// The product with this id.
    pub fn product(&self, id: &str) -> Option<&Product> {
        self.product_index(id).map(|i| &self.products[i])
    }

    /// Zero in the config's currency.
    pub fn zero(&self) -> Money {
        Money::zero(self.currency)
    }
}
