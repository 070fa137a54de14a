//! What checkout charges: for a cart as the platform holds it, the amount off each line so that
//! every bundle costs exactly its bundle price, every volume tier and upsell exactly what the
//! widget said, to the minor unit. The figures are the widget's own (the quotes of
//! [`crate::bundles`], [`crate::tiers`] and [`crate::upsell`]); this only decides which units of
//! which lines they apply to. The Shopify Discount Function (`functions/discount/`) is a thin
//! door onto [`discounts`].
//!
//! Bundles are recognised from the cart, not trusted from the lines' marks alone: a bundle is
//! priced only for the complete sets that its marked lines (`_cartlift_bundle`) hold, while it is
//! live, in the config and in the cart's currency; a cart edited by hand is priced by what it
//! holds. Each unit takes one discount at most, in this order: a bundle set, then an upsell
//! (one unit of a line marked `_cartlift_offer` whose offer applies to the cart), then the buy X
//! get Y deals in the merchant's order (each over the units still undiscounted: the units it
//! gets take its discount; the units it counts as bought stay free for a later offer, as they
//! are not discounted), then the volume tier its product's whole quantity reaches. No line is
//! ever asked to cost more than it does.

use crate::sort::CollectVec;
pub mod form;

use crate::bundles;
use crate::cart::Cart;
use crate::config::{Config, FreeShipping};
use crate::deals;
use crate::json::Json;
use crate::money::{Money, Percent};
use crate::schedule::Window;
use crate::tiers;
use crate::upsell;
use crate::visitor::Shopper;

/// The cart attribute a shopper's browser writes its [`Claim`] in (hidden at checkout, as every
/// attribute whose name starts with `_`).
pub const CLAIM_ATTRIBUTE: &str = "_cartlift";

/// What the shopper's browser wrote on the cart about them: the segments it showed them offers
/// for, and the variant of each experiment they are in. Checkout cannot verify it: a shopper who
/// edits the cart attribute can claim any segment or variant, and so get any price one of them
/// is offered (the README says so, and the golden vectors show it).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Claim {
    /// Segment ids.
    pub segments: Vec<String>,
    /// `(experiment, variant)` ids.
    pub variants: Vec<(String, String)>,
}

impl Claim {
    /// Reads the attribute's value, `{"s": ["vip"], "x": {"threshold-test": "t60"}}`. Anything
    /// else (no attribute, text that is not such an object, members of other types) claims
    /// nothing of what it cannot read.
    pub fn parse(text: &str) -> Claim {
        let Ok(tree) = crate::json::parse(text) else {
            return Claim::default();
        };
        let segments = match crate::json::field(&tree, "s") {
            Some(Json::Arr(items)) => items
                .iter()
                .filter_map(|s| match s {
                    Json::Str(s) => Some(s.clone()),
                    _ => None,
                })
                .collect_vec(),
            _ => Vec::new(),
        };
        let variants = match crate::json::field(&tree, "x") {
            Some(Json::Obj(members)) => members
                .iter()
                .filter_map(|(e, v)| match v {
                    Json::Str(v) => Some((e.clone(), v.clone())),
                    _ => None,
                })
                .collect_vec(),
            _ => Vec::new(),
        };
        Claim { segments, variants }
    }

    /// As the attribute's value.
    pub fn to_text(&self) -> String {
        let segments: Vec<Json> = self.segments.iter().cloned().map(Json::Str).collect_vec();
        let variants: Vec<(String, Json)> = self
            .variants
            .iter()
            .map(|(e, v)| (e.clone(), Json::Str(v.clone())))
            .collect_vec();
        crate::json::tree_to_string(&Json::Obj(vec![
            ("s".into(), Json::Arr(segments)),
            ("x".into(), Json::Obj(variants)),
        ]))
    }
}

/// Who checkout prices for: the cart's country (checkout's own) and the shopper that the
/// browser's claim and that country make ([`Shopper::at_checkout`]).
#[derive(Clone, Debug)]
pub struct Buyer<'a> {
    /// The cart's country.
    pub country: Option<&'a str>,
    /// Their segments, as checkout can tell them.
    pub shopper: Shopper<'static>,
}

impl<'a> Buyer<'a> {
    /// The buyer of a cart in `country` whose browser claimed `claim`, against `config`'s
    /// segments.
    pub fn new(config: &Config, claim: &Claim, country: Option<&'a str>) -> Buyer<'a> {
        Buyer {
            country,
            shopper: Shopper::at_checkout(&config.segments, &claim.segments, country),
        }
    }
}

/// What cartlift marked on a cart line when it added it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Mark {
    /// The bundle id of `_cartlift_bundle`.
    pub bundle: Option<String>,
    /// The upsell id of `_cartlift_offer`.
    pub offer: Option<String>,
}

/// When checkout happens: an instant, or, for a host without a clock (Shopify Functions see only
/// the shop's local date), a span; an offer live at any moment of the span is honoured.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Clock {
    /// Unix seconds.
    At(i64),
    /// From the first second up to, not including, the second.
    During(i64, i64),
}

/// Why a line is discounted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Because {
    /// Complete sets of a bundle, by its id.
    Bundle {
        /// The bundle's id.
        id: String,
        /// The bundle's name, for checkout's message.
        title: String,
        /// How many of the line's units are in sets.
        units: u32,
    },
    /// An upsell's price, by its id.
    Upsell {
        /// The upsell's id.
        id: String,
        /// Its checkbox label, for checkout's message.
        title: String,
    },
    /// A buy X get Y deal: units of the line got at its discount.
    Deal {
        /// The deal's id.
        id: String,
        /// How many units each application takes as bought.
        buy: u32,
        /// How many units each application discounts.
        get: u32,
        /// The discount on each unit got.
        percent_off: Percent,
        /// How many of the line's units it discounts.
        units: u32,
    },
    /// A goal's gift: one unit of the line free while the goal holds.
    Gift {
        /// The product given.
        product: String,
        /// The goal's reward, for checkout's message.
        reward: String,
    },
    /// The volume tier the product's quantity reached.
    Tier {
        /// The product's id.
        product: String,
        /// The tier's discount on each unit.
        percent_off: Percent,
        /// How many of the line's units it applies to.
        units: u32,
    },
}

/// The amount off one cart line, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineDiscount {
    /// The line, as its index in the cart.
    pub line: usize,
    /// The total off the line (never more than the line costs).
    pub amount: Money,
    /// What it is made of.
    pub because: Vec<Because>,
}

/// The discounts that make checkout charge what the widget showed `buyer` for `cart`, whose
/// lines carry `marks` (one per line, in order; missing marks are none). Lines with nothing off
/// are left out.
pub fn discounts(
    config: &Config,
    cart: &Cart,
    marks: &[Mark],
    buyer: &Buyer,
    clock: Clock,
) -> Vec<LineDiscount> {
    let (mut config, now) = settle(config.clone(), clock);
    discounts_in(&mut config, now, cart, marks, buyer)
}

/// What checkout takes off each line and gives for the goals reached: [`discounts`] and
/// [`rewards`] from one settling of the config at `clock` (a function pays for every copy).
pub fn price(
    config: Config,
    cart: &Cart,
    marks: &[Mark],
    buyer: &Buyer,
    clock: Clock,
) -> (Vec<LineDiscount>, Rewards) {
    let (mut config, now) = settle(config, clock);
    let off = discounts_in(&mut config, now, cart, marks, buyer);
    let rewards = rewards_in(&config, now, cart, &off, buyer);
    (off, rewards)
}

/// [`discounts`] on a settled config, which it trims to what prices the lines (every offer
/// priced, only the marked bundles).
fn discounts_in(
    config: &mut Config,
    now: i64,
    cart: &Cart,
    marks: &[Mark],
    buyer: &Buyer,
) -> Vec<LineDiscount> {
    // An upsell the shopper ticked keeps its price whatever else the offer list does: at
    // checkout every offer that applies is priced, not only the first `max_offers` shown.
    config.max_offers = usize::MAX;
    let country = buyer.country;
    // Only the bundles some line is marked for can be priced: the others are not quoted at all
    // (a function pays for every instruction). Upsells all stay: which of them the widget
    // showed depends on `max_offers` over the whole list.
    config.bundles.retain(|b| {
        marks
            .iter()
            .any(|m| m.bundle.as_deref() == Some(b.id.as_str()))
    });
    let config = &*config;
    let n = cart.lines.len();
    let mark = |i: usize| marks.get(i);
    // Each product's lines, and each bundle's marked lines, found in one pass: the loops below
    // visit only those (a function pays for every instruction, and a 200-line cart would
    // otherwise be walked once per bundle, offer and tier).
    let mut by_product: Vec<Vec<usize>> = vec![Vec::new(); config.products.len()];
    let mut marked_of: Vec<Vec<usize>> = vec![Vec::new(); config.bundles.len()];
    for (i, line) in cart.lines.iter().enumerate() {
        if let Some(list) = line.product.and_then(|p| by_product.get_mut(p)) {
            list.push(i);
        }
        let bundle = mark(i)
            .and_then(|m| m.bundle.as_deref())
            .and_then(|id| config.bundles.iter().position(|b| b.id == id));
        if let Some(list) = bundle.and_then(|b| marked_of.get_mut(b)) {
            list.push(i);
        }
    }
    let no_lines: &[usize] = &[];
    let lines_of = |p: usize| by_product.get(p).map_or(no_lines, Vec::as_slice);
    // The units of each line not yet discounted, and what each line has taken off so far.
    // A gift line takes no offer: only its goal's gift, below.
    let mut left: Vec<u32> = cart
        .lines
        .iter()
        .map(|l| if l.gift { 0 } else { l.quantity })
        .collect_vec();
    let mut off: Vec<i64> = vec![0; n];
    let mut because: Vec<Vec<Because>> = vec![Vec::new(); n];
    // The units of unmarked lines that completed a set ("Complete the set" added the rest):
    // they are charged as the cart prices them, and complete one set each.
    let mut lent: Vec<u32> = vec![0; n];
    // One unit of `line` to cost `price`: what it takes off, never below zero.
    let take =
        |line: usize, price: Money| (cart.lines[line].unit_price.minor() - price.minor()).max(0);

    // The units each line gives the bundle being priced (back to zero after each).
    let mut units: Vec<u32> = vec![0; n];
    let shopper = &buyer.shopper;
    let (offered, _) = bundles::quote(config, cart, now, shopper);
    for quote in &offered {
        let Some(at) = config.bundles.iter().position(|b| b.id == quote.id) else {
            continue;
        };
        let bundle = &config.bundles[at];
        let marked = &marked_of[at];
        // Complete sets: for each product, its units on marked lines over how often the
        // bundle holds it.
        let sets = bundle
            .items
            .iter()
            .map(|&p| {
                let need = bundle.items.iter().filter(|&&q| q == p).count() as u32;
                let have: u32 = marked
                    .iter()
                    .filter(|&&i| cart.lines[i].product == Some(p))
                    .map(|&i| left[i])
                    .sum();
                have / need
            })
            .min()
            .unwrap_or(0);
        for (&p, item) in bundle.items.iter().zip(&quote.items) {
            for _ in 0..sets {
                // The next marked line of this product with a unit left.
                let Some(&line) = marked
                    .iter()
                    .find(|&&i| cart.lines[i].product == Some(p) && left[i] > 0)
                else {
                    break;
                };
                left[line] -= 1;
                units[line] += 1;
                off[line] += take(line, item.bundle_price);
            }
        }
        complete_held(
            bundle,
            quote,
            cart,
            marked,
            marks,
            &by_product,
            &mut left,
            &mut lent,
            &mut units,
            &mut off,
            &take,
        );
        // Every line this bundle took units from holds one of its products.
        for &p in &bundle.items {
            for &line in lines_of(p) {
                let u = std::mem::take(&mut units[line]);
                if u > 0 {
                    because[line].push(Because::Bundle {
                        id: bundle.id.clone(),
                        title: bundle.title.clone(),
                        units: u,
                    });
                }
            }
        }
    }

    for offer in upsell::quote(config, cart, country, now, shopper) {
        let lines = config
            .product_index(&offer.product)
            .map_or(no_lines, lines_of);
        let Some(&line) = lines.iter().find(|&&i| {
            left[i] > 0 && mark(i).and_then(|m| m.offer.as_deref()) == Some(offer.id.as_str())
        }) else {
            continue;
        };
        left[line] -= 1;
        off[line] += take(line, offer.price);
        because[line].push(Because::Upsell {
            id: offer.id.clone(),
            title: offer.title.clone(),
        });
    }

    // Each deal over the units the offers above left undiscounted: a copy of the cart holding
    // only those (a deal has no schedule and no segments: it always applies).
    if !config.deals.is_empty() {
        let mut rest = cart.clone();
        for (id, deal) in &config.deals {
            for (line, l) in rest.lines.iter_mut().enumerate() {
                l.quantity = left[line];
            }
            for got in deals::apply(deal, &rest).lines {
                left[got.line] -= got.units;
                off[got.line] += got.amount.minor();
                because[got.line].push(Because::Deal {
                    id: id.clone(),
                    buy: deal.buy_quantity,
                    get: deal.get_quantity,
                    percent_off: deal.percent_off,
                    units: got.units,
                });
            }
        }
    }

    // The tier each product's whole quantity reaches; the units left above are what it prices.
    for quote in tiers::quote(config, cart, &[], now, None, shopper) {
        let Some(percent_off) = quote.active.map(|a| quote.tiers[a].percent_off) else {
            continue;
        };
        let lines = config
            .product_index(&quote.product)
            .map_or(no_lines, lines_of);
        for &line in lines {
            let l = &cart.lines[line];
            let units = left[line];
            if units == 0 {
                continue;
            }
            left[line] = 0;
            off[line] += i64::from(units) * take(line, l.unit_price.less_percent(percent_off));
            because[line].push(Because::Tier {
                product: quote.product.clone(),
                percent_off,
                units,
            });
        }
    }

    // Each goal reached that gives a gift: one unit of a gift line of that product free. The
    // goals are judged on the lines that count, after what the offers above took off (gift
    // lines never count, so a gift cannot reach its own goal).
    if let Some(bar) = config.shipping_bar.as_ref().filter(|b| {
        cart.currency == config.currency && b.goals.iter().any(|g| g.grants.gift.is_some())
    }) {
        let basis = bar_basis(bar, cart, &off);
        for goal in reached(bar, config, now, cart, buyer, basis) {
            let Some(gift) = goal.goal.grants.gift.as_deref() else {
                continue;
            };
            let Some((product, variant)) = config.item_index(gift) else {
                continue;
            };
            // A gift naming one variant (spec §10) is a line of that variant only: by its id
            // on the page, by its platform id at checkout (the form's `gift_line`).
            let only = goal.goal.grants.gift_line.as_deref();
            let only = only.or(variant.map(|_| gift));
            let Some(line) = (0..n).find(|&i| {
                let l = &cart.lines[i];
                l.gift
                    && l.quantity > 0
                    && off[i] == 0
                    && l.product == Some(product)
                    && only.is_none_or(|id| l.id == id)
            }) else {
                continue;
            };
            off[line] += cart.lines[line].unit_price.minor();
            because[line].push(Because::Gift {
                product: config.products[product].id.clone(),
                reward: goal.goal.reward.clone(),
            });
        }
    }

    (0..n)
        .filter(|&i| off[i] > 0)
        .map(|i| LineDiscount {
            line: i,
            amount: Money::from_minor(off[i].min(cart.lines[i].total.minor()), cart.currency),
            because: std::mem::take(&mut because[i]),
        })
        .collect_vec()
}

/// What checkout says a line's discount is for: the bundle's or offer's name (its id when it has
/// none), or the tier ("15% off for quantity"), joined by " · ". The Shopify Function's message,
/// and the emulated stores' discount titles.
pub fn message(because: &[Because]) -> String {
    let named = |id: &str, title: &str| if title.is_empty() { id } else { title }.to_owned();
    let parts: Vec<String> = because
        .iter()
        .map(|b| match b {
            Because::Bundle { id, title, .. } | Because::Upsell { id, title } => named(id, title),
            Because::Gift { product, reward } => named(product, reward),
            Because::Tier { percent_off, .. } => {
                format!("{} off for quantity", percent_text(*percent_off))
            }
            Because::Deal {
                buy,
                get,
                percent_off,
                ..
            } if percent_off.basis_points() >= 10_000 => format!("Buy {buy}, get {get} free"),
            Because::Deal {
                buy,
                get,
                percent_off,
                ..
            } => format!("Buy {buy}, get {get} at {} off", percent_text(*percent_off)),
        })
        .collect_vec();
    parts.join(" · ")
}

/// `15%`, `7.5%`, `12.25%`.
pub fn percent_text(p: Percent) -> String {
    let bp = p.basis_points();
    let (whole, frac) = (bp / 100, bp % 100);
    match frac {
        0 => format!("{whole}%"),
        f if f % 10 == 0 => format!("{whole}.{}%", f / 10),
        f => format!("{whole}.{f:02}%"),
    }
}

/// What the shipping bar's reached goals give at checkout (spec §11).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rewards {
    /// Off the order's subtotal, exactly, and what for (the goal's `reward`).
    pub order: Option<(Money, String)>,
    /// Free shipping, and what for.
    pub free_shipping: Option<(FreeShipping, String)>,
    /// The lines (by index) that do not count toward the goals (`exclude`): the order
    /// discount's subtotal leaves them out.
    pub excluded: Vec<usize>,
}

/// What `buyer`'s cart gets for the goals it reaches, `off` being what [`discounts`] takes off
/// its lines: the subtotal is the bar's (its excluded products left out; after cartlift's own
/// line discounts unless `"subtotal": "before_discounts"`), the goals and their thresholds the
/// bar's for this buyer (cart currency, `by_country`, segments, schedules). Free shipping from
/// any goal reached (`all` over `cheapest`); the order discount of the highest goal reached that
/// gives one: its `percent_off` of the subtotal (rounded half away from zero), or its
/// `amount_off`, never more than the subtotal.
pub fn rewards(
    config: &Config,
    cart: &Cart,
    off: &[LineDiscount],
    buyer: &Buyer,
    clock: Clock,
) -> Rewards {
    rewards_owned(config.clone(), cart, off, buyer, clock)
}

/// [`rewards`] of a config the caller no longer needs: no copy of it is made (the Shopify
/// Function's delivery run, which pays for a copy in instructions and its code in size).
pub fn rewards_owned(
    config: Config,
    cart: &Cart,
    off: &[LineDiscount],
    buyer: &Buyer,
    clock: Clock,
) -> Rewards {
    let (settled, now) = settle(config, clock);
    rewards_in(&settled, now, cart, off, buyer)
}

/// [`rewards`] on a settled config. Not inlined: [`price`] and [`rewards`] both call it, and
/// the Shopify Function pays for each copy in its size.
#[inline(never)]
fn rewards_in(
    settled: &Config,
    now: i64,
    cart: &Cart,
    off: &[LineDiscount],
    buyer: &Buyer,
) -> Rewards {
    // Every amount of a goal is in the config's currency: a cart in another is priced only once
    // the config is in its currency (`crate::market`).
    let Some(bar) = settled
        .shipping_bar
        .as_ref()
        .filter(|_| cart.currency == settled.currency)
    else {
        return Rewards::default();
    };
    let mut taken = vec![0i64; cart.lines.len()];
    for d in off {
        if let Some(t) = taken.get_mut(d.line) {
            *t += d.amount.minor();
        }
    }
    let excluded: Vec<usize> = (0..cart.lines.len())
        .filter(|&i| !crate::shipping::counts(bar, &cart.lines[i]))
        .collect_vec();
    let basis = bar_basis(bar, cart, &taken);
    let reached = reached(bar, settled, now, cart, buyer, basis);
    let free_shipping = reached
        .iter()
        .filter_map(|a| {
            a.goal
                .grants
                .free_shipping
                .map(|f| (f, a.goal.reward.clone()))
        })
        .max_by_key(|(f, _)| *f);
    let order = reached.iter().rev().find_map(|a| {
        let g = &a.goal.grants;
        let amount = match (g.percent_off, g.amount_off) {
            (Some(p), _) => basis.percent(p),
            (None, Some(m)) => Money::from_minor(m.minor().min(basis.minor()), basis.currency()),
            (None, None) => return None,
        };
        (amount.minor() > 0).then(|| (amount, a.goal.reward.clone()))
    });
    Rewards {
        order,
        free_shipping,
        excluded,
    }
}

/// What counts toward the goals at checkout: the lines that count ([`crate::shipping::counts`]:
/// no excluded product, no gift), at what the shopper pays for them once `taken` (per line) is
/// off, or with `"subtotal": "before_discounts"` at their prices before any discount. Not
/// inlined, nor is [`reached`]: both run for the line discounts' gifts and for the rewards, and
/// the Shopify Function pays for each copy in its size.
#[inline(never)]
fn bar_basis(bar: &crate::config::ShippingBar, cart: &Cart, taken: &[i64]) -> Money {
    let basis: i64 = cart
        .lines
        .iter()
        .enumerate()
        .filter(|(_, l)| crate::shipping::counts(bar, l))
        .map(|(i, l)| {
            if bar.before_discounts {
                l.amount(true)
            } else {
                l.total.minor() - taken.get(i).copied().unwrap_or(0)
            }
        })
        .sum();
    Money::from_minor(basis, cart.currency)
}

/// The goals `buyer`'s cart reaches with `basis`, by increasing threshold.
#[inline(never)]
fn reached<'a>(
    bar: &'a crate::config::ShippingBar,
    settled: &Config,
    now: i64,
    cart: &Cart,
    buyer: &Buyer,
    basis: Money,
) -> Vec<crate::shipping::Applied<'a>> {
    crate::shipping::goals_for(bar, settled, cart, buyer.country, now, &buyer.shopper)
        .into_iter()
        .filter(|a| a.threshold.minor() <= basis.minor())
        .collect_vec()
}

/// The config as it stands at `clock`, and the instant to quote it at: for a span, every
/// offer live at some moment of it is made always live, and every other never.
fn settle(mut config: Config, clock: Clock) -> (Config, i64) {
    let (start, end) = match clock {
        Clock::At(now) => return (config, now),
        Clock::During(start, end) => (start, end),
    };
    let live_or_never = |w: &mut Window| {
        let live = w.starts_at.is_none_or(|s| s < end) && w.ends_at.is_none_or(|e| e > start);
        *w = if live {
            Window::default()
        } else {
            Window {
                starts_at: Some(i64::MAX),
                ends_at: None,
            }
        };
    };
    if let Some(bar) = config.shipping_bar.as_mut() {
        bar.goals
            .iter_mut()
            .for_each(|g| live_or_never(&mut g.window));
    }
    config
        .bundles
        .iter_mut()
        .for_each(|b| live_or_never(&mut b.window));
    config
        .volume_tiers
        .iter_mut()
        .for_each(|t| live_or_never(&mut t.window));
    config
        .upsells
        .iter_mut()
        .for_each(|u| live_or_never(&mut u.window));
    (config, start)
}

/// The span of Unix seconds that a shop-local calendar date (`2026-11-27`) can cover in any
/// time zone (UTC−12 to UTC+14): what a host that knows only the local date can say of "now".
pub fn local_date_span(date: &str) -> Option<(i64, i64)> {
    let midnight = crate::schedule::parse_rfc3339(&format!("{date}T00:00:00Z")).ok()?;
    Some((midnight - 14 * 3600, midnight + 36 * 3600))
}

/// The most a Shopify discount's metafield holds, in bytes: Shopify drops a larger value before
/// the function can read it, so the export refuses one.
pub const METAFIELD_LIMIT: usize = 10_000;

/// The metafield the function reads (its input query names it): the app's own namespace
/// (`$app`, which only the app that owns the function can write) and key.
pub const METAFIELD: (&str, &str) = ("$app", "cartlift");

/// The classes of cartlift's one automatic discount: its lines' bundle, tier and upsell prices
/// (PRODUCT), a reached goal's order discount (ORDER) and free shipping (SHIPPING).
pub const DISCOUNT_CLASSES: [&str; 3] = ["PRODUCT", "ORDER", "SHIPPING"];

/// How it combines with the shop's other discounts (Shopify's `combinesWith`): with order
/// discounts, so a shopper's code does not take away the bundle price the widget showed; with
/// shipping discounts, so the store's own free-shipping rules still apply; never with other
/// product discounts, so no line is discounted twice. Where two discounts do not combine,
/// Shopify applies the better one for the shopper: checkout never charges more than was shown.
pub const COMBINES_WITH: [(&str, bool); 3] = [
    ("productDiscounts", false),
    ("orderDiscounts", true),
    ("shippingDiscounts", true),
];

/// What `cartlift export shopify-function` writes into the discount's metafield: the config as
/// checkout reads it ([`form`]), refused when it is over [`METAFIELD_LIMIT`] (Shopify drops a
/// larger value before the function could read it).
pub fn compact(text: &str) -> Result<String, Vec<crate::error::Error>> {
    let out = form::write(text)?;
    if out.len() > METAFIELD_LIMIT {
        return Err(vec![crate::error::Error::new(
            crate::error::Code::TooLarge,
            ".",
            crate::msg!(
                "The config checkout reads is {} bytes once written for checkout, and a Shopify discount's metafield holds at most {METAFIELD_LIMIT}: leave out some bundles, tiers, upsells or experiments, or shorten their ids and titles.",
                out.len()
            ),
        )]);
    }
    Ok(out)
}

/// Sets completed by "Complete the set": after the bundle's whole marked sets, a set whose
/// missing items the shopper added through the widget (marked lines) and whose other items
/// were already in the cart (unmarked lines). Only the marked units are discounted, each to
/// its share of the bundle price, as the widget quoted the rest of the set; the held units
/// cost what the cart says, and each completes one set at most.
#[allow(clippy::too_many_arguments)]
fn complete_held(
    bundle: &crate::config::Bundle,
    quote: &bundles::BundleQuote,
    cart: &Cart,
    marked: &[usize],
    marks: &[Mark],
    by_product: &[Vec<usize>],
    left: &mut [u32],
    lent: &mut [u32],
    units: &mut [u32],
    off: &mut [i64],
    take: &dyn Fn(usize, Money) -> i64,
) {
    let unmarked = |i: usize| {
        marks
            .get(i)
            .is_none_or(|m| m.bundle.is_none() && m.offer.is_none())
    };
    loop {
        // One set: each item from a marked unit if one is left, else from a held unit.
        let mut plan: Vec<(usize, bool)> = Vec::with_capacity(bundle.items.len());
        for &p in &bundle.items {
            let is_p = |i: usize| cart.lines[i].product == Some(p);
            let planned = |i: usize, m: bool| {
                plan.iter().filter(|&&(l, pm)| l == i && pm == m).count() as u32
            };
            let from_marked = marked
                .iter()
                .copied()
                .find(|&i| is_p(i) && left[i] > planned(i, true));
            let chosen = from_marked.map(|i| (i, true)).or_else(|| {
                by_product
                    .get(p)
                    .into_iter()
                    .flatten()
                    .copied()
                    .find(|&i| unmarked(i) && cart.lines[i].quantity > lent[i] + planned(i, false))
                    .map(|i| (i, false))
            });
            match chosen {
                Some(c) => plan.push(c),
                None => return,
            }
        }
        if !plan.iter().any(|&(_, m)| m) {
            return;
        }
        for (&(line, is_marked), item) in plan.iter().zip(&quote.items) {
            if is_marked {
                left[line] -= 1;
                units[line] += 1;
                off[line] += take(line, item.bundle_price);
            } else {
                lent[line] += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_socks_pay_16_20_one_free_by_the_deal_and_two_at_the_10_percent_tier() {
        let config = Config::from_json(
            r#"{"currency": "USD",
              "products": [{"id": "socks", "title": "Socks", "price": "9.00"}],
              "volume_tiers": [{"product": "socks", "tiers": [{"min_quantity": 3, "percent_off": 10}]}],
              "buy_x_get_y": [{"id": "socks-3for2", "buy": {"products": ["socks"], "quantity": 2},
                "get": {"products": ["socks"], "quantity": 1, "percent_off": 100}}]}"#,
        )
        .expect("a valid config");
        let cart = Cart::from_json(
            r#"{"currency": "USD", "items": [{"id": "socks", "quantity": 3}]}"#,
            &config,
        )
        .expect("a valid cart");
        let buyer = Buyer::new(&config, &Claim::default(), None);
        let off = discounts(&config, &cart, &[], &buyer, Clock::At(0));
        // $27.00 less $9.00 (one free) less 2 × $0.90 (the tier on the two bought).
        assert_eq!(off.len(), 1);
        assert_eq!(off[0].amount.minor(), 900 + 180);
        assert_eq!(
            message(&off[0].because),
            "Buy 2, get 1 free · 10% off for quantity"
        );
    }

    #[test]
    fn a_deal_under_100_percent_says_its_percentage() {
        let because = [Because::Deal {
            id: "tea".into(),
            buy: 1,
            get: 1,
            percent_off: Percent::from_basis_points(1250).expect("12.5%"),
            units: 1,
        }];
        assert_eq!(message(&because), "Buy 1, get 1 at 12.5% off");
    }
}
