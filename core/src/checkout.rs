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
//! (one unit of a line marked `_cartlift_offer` whose offer applies to the cart), then the volume
//! tier its product's whole quantity reaches. No line is ever asked to cost more than it does.

use crate::bundles;
use crate::cart::Cart;
use crate::config::Config;
use crate::money::{Money, Percent};
use crate::schedule::Window;
use crate::tiers;
use crate::upsell;

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

/// The discounts that make checkout charge what the widget showed for `cart`, whose lines carry
/// `marks` (one per line, in order; missing marks are none). Lines with nothing off are left out.
pub fn discounts(
    config: &Config,
    cart: &Cart,
    marks: &[Mark],
    country: Option<&str>,
    clock: Clock,
) -> Vec<LineDiscount> {
    let (mut config, now) = at(config, clock);
    // Only the bundles some line is marked for can be priced: the others are not quoted at all
    // (a function pays for every instruction). Upsells all stay: which of them the widget
    // showed depends on `max_offers` over the whole list.
    config.bundles.retain(|b| {
        marks
            .iter()
            .any(|m| m.bundle.as_deref() == Some(b.id.as_str()))
    });
    let config = &config;
    let n = cart.lines.len();
    let mark = |i: usize| marks.get(i);
    // The units of each line not yet discounted, and what each line has taken off so far.
    let mut left: Vec<u32> = cart.lines.iter().map(|l| l.quantity).collect();
    let mut off: Vec<i64> = vec![0; n];
    let mut because: Vec<Vec<Because>> = vec![Vec::new(); n];
    // The units of unmarked lines that completed a set ("Complete the set" added the rest):
    // they are charged as the cart prices them, and complete one set each.
    let mut lent: Vec<u32> = vec![0; n];
    // One unit of `line` to cost `price`: what it takes off, never below zero.
    let take =
        |line: usize, price: Money| (cart.lines[line].unit_price.minor() - price.minor()).max(0);

    // The platform cannot say who the shopper is: what the widget offered them stands.
    let anyone = crate::visitor::Shopper::anyone();
    let (offered, _) = bundles::quote(config, cart, now, &anyone);
    for quote in &offered {
        let Some(bundle) = config.bundles.iter().find(|b| b.id == quote.id) else {
            continue;
        };
        let marked: Vec<usize> = (0..n)
            .filter(|&i| mark(i).and_then(|m| m.bundle.as_deref()) == Some(bundle.id.as_str()))
            .collect();
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
        let mut units = vec![0u32; n];
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
            bundle, quote, cart, &marked, marks, &mut left, &mut lent, &mut units, &mut off, &take,
        );
        for (line, &u) in units.iter().enumerate().filter(|(_, &u)| u > 0) {
            because[line].push(Because::Bundle {
                id: bundle.id.clone(),
                title: bundle.title.clone(),
                units: u,
            });
        }
    }

    for offer in upsell::quote(config, cart, country, now, &anyone) {
        let Some(line) = (0..n).find(|&i| {
            mark(i).and_then(|m| m.offer.as_deref()) == Some(offer.id.as_str())
                && cart.lines[i]
                    .product
                    .is_some_and(|p| config.products[p].id == offer.product)
                && left[i] > 0
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

    for quote in tiers::quote(config, cart, now, None, &anyone) {
        let Some(percent_off) = quote.active.map(|a| quote.tiers[a].percent_off) else {
            continue;
        };
        for line in 0..n {
            let l = &cart.lines[line];
            let units = left[line];
            if units == 0
                || l.product
                    .is_none_or(|p| config.products[p].id != quote.product)
            {
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

    (0..n)
        .filter(|&i| off[i] > 0)
        .map(|i| LineDiscount {
            line: i,
            amount: Money::from_minor(off[i].min(cart.lines[i].total.minor()), cart.currency),
            because: std::mem::take(&mut because[i]),
        })
        .collect()
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
            Because::Tier { percent_off, .. } => {
                format!("{} off for quantity", percent_text(*percent_off))
            }
        })
        .collect();
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

/// The config as it stands at `clock`, and the instant to quote it at: for a span, every
/// offer live at some moment of it is made always live, and every other never.
fn at(config: &Config, clock: Clock) -> (Config, i64) {
    let (start, end) = match clock {
        Clock::At(now) => return (config.clone(), now),
        Clock::During(start, end) => (start, end),
    };
    let settle = |w: &mut Window| {
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
    let mut config = config.clone();
    config
        .bundles
        .iter_mut()
        .for_each(|b| settle(&mut b.window));
    config
        .volume_tiers
        .iter_mut()
        .for_each(|t| settle(&mut t.window));
    config
        .upsells
        .iter_mut()
        .for_each(|u| settle(&mut u.window));
    (config, start)
}

/// A config as checkout reads it, from one parse of its text: the config and the platform's
/// variant ids of its products.
pub fn read_config(
    text: &str,
) -> Result<(Config, crate::platform::Variants), Vec<crate::error::Error>> {
    let tree = crate::json::parse(text).map_err(|e| vec![e])?;
    let config = crate::setup::Setup::from_tree(text, &tree)?.config;
    Ok((config, crate::platform::Variants::check_tree(&tree).0))
}

/// The span of Unix seconds that a shop-local calendar date (`2026-11-27`) can cover in any
/// time zone (UTC−12 to UTC+14): what a host that knows only the local date can say of "now".
pub fn local_date_span(date: &str) -> Option<(i64, i64)> {
    let midnight = crate::schedule::parse_rfc3339(&format!("{date}T00:00:00Z")).ok()?;
    Some((midnight - 14 * 3600, midnight + 36 * 3600))
}

/// The most a Shopify discount's metafield holds, in bytes: the compact config must fit.
pub const METAFIELD_LIMIT: usize = 10_000;

/// What checkout reads of each part of a config; everything else (words shown only on the page,
/// images, links, the shipping bar, labels, theme, the sample cart) is left out.
const KEPT: &[(&str, &[&str])] = &[
    (
        "",
        &[
            "currency",
            "products",
            "bundles",
            "volume_tiers",
            "upsells",
            "max_offers",
        ],
    ),
    ("products", &["id", "title", "price", "variant_id"]),
    (
        "bundles",
        &[
            "id",
            "title",
            "items",
            "price",
            "percent_off",
            "amount_off",
            "starts_at",
            "ends_at",
        ],
    ),
    (
        "volume_tiers",
        &["product", "tiers", "starts_at", "ends_at"],
    ),
    (
        "upsells",
        &[
            "id",
            "product",
            "title",
            "price",
            "percent_of",
            "percent_off",
            "when",
            "starts_at",
            "ends_at",
        ],
    ),
];

/// The config as the Shopify Function reads it from its metafield: only what prices checkout,
/// minified. Products that no bundle, tier set or upsell names are left out (their lines are
/// priced by the platform as they are), product titles are emptied, and each bundle and upsell
/// carries its resolved title, so checkout's messages still name them. Refused with the
/// config's own errors when it is not valid, and with
/// [`Code::TooLarge`](crate::error::Code::TooLarge) when it does not fit [`METAFIELD_LIMIT`].
pub fn compact(text: &str) -> Result<String, Vec<crate::error::Error>> {
    use crate::config::model::UpsellPrice;
    use crate::json::Json;
    let config = Config::from_json(text)?;
    let mut named: Vec<usize> = Vec::new();
    for b in &config.bundles {
        named.extend(&b.items);
    }
    named.extend(config.volume_tiers.iter().map(|t| t.product));
    for u in &config.upsells {
        named.push(u.product);
        named.extend(&u.cart_contains);
        named.extend(&u.cart_contains_all);
        if let UpsellPrice::PercentOfProduct(p, _) = u.price {
            named.push(p);
        }
    }
    let named = |id: &str| named.iter().any(|&p| config.products[p].id == id);
    let tree = crate::json::parse(text).map_err(|e| vec![e])?;
    let Json::Obj(top) = tree else {
        return Err(vec![crate::error::Error::new(
            crate::error::Code::WrongType,
            ".",
            crate::msg!("The config is not a JSON object."),
        )]);
    };
    let kept = |part: &str| {
        KEPT.iter()
            .find(|(p, _)| *p == part)
            .map_or(&[][..], |(_, k)| k)
    };
    // An item of `part` with only the keys checkout reads; its title, for bundles and upsells,
    // as the config resolved it.
    let item = |part: &str, i: usize, members: Vec<(String, Json)>| -> Json {
        let mut members: Vec<(String, Json)> = members
            .into_iter()
            .filter(|(k, _)| kept(part).contains(&k.as_str()))
            .map(|(k, v)| {
                if part == "products" && k == "title" {
                    (k, Json::Str(String::new()))
                } else {
                    (k, v)
                }
            })
            .collect();
        let title = match part {
            "bundles" => config.bundles.get(i).map(|b| b.title.clone()),
            "upsells" => config.upsells.get(i).map(|u| u.title.clone()),
            _ => None,
        };
        if let Some(title) = title {
            members.retain(|(k, _)| k != "title");
            members.push(("title".into(), Json::Str(title)));
        }
        Json::Obj(members)
    };
    let top: Vec<(String, Json)> = top
        .into_iter()
        .filter(|(k, _)| kept("").contains(&k.as_str()))
        .map(|(k, v)| match v {
            Json::Arr(items) => {
                let items = items
                    .into_iter()
                    .filter(|it| k != "products" || matches!(it, Json::Obj(m) if m.iter().any(|(key, v)| key == "id" && matches!(v, Json::Str(id) if named(id)))))
                    .enumerate()
                    .map(|(i, it)| match it {
                        Json::Obj(members) => item(&k, i, members),
                        other => other,
                    })
                    .collect();
                (k, Json::Arr(items))
            }
            v => (k, v),
        })
        .collect();
    let out = crate::json::tree_to_string(&Json::Obj(top));
    if out.len() > METAFIELD_LIMIT {
        return Err(vec![crate::error::Error::new(
            crate::error::Code::TooLarge,
            ".",
            crate::msg!(
                "The config checkout reads is {} bytes once compacted, and a Shopify discount's metafield holds at most {METAFIELD_LIMIT}: leave out some bundles, tiers or upsells, or shorten their ids and titles.",
                out.len()
            ),
        )]);
    }
    Config::from_json(&out)?;
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
                (0..cart.lines.len())
                    .find(|&i| {
                        is_p(i)
                            && unmarked(i)
                            && cart.lines[i].quantity > lent[i] + planned(i, false)
                    })
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
