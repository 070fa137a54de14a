//! What the emulated stores take off each cart line: cartlift's own checkout pricing, as the
//! store runs it once the merchant has installed it (Shopify runs Discount Functions on the cart
//! as well as at checkout, so `/cart.js` carries their discounts; a WooCommerce store applies
//! coupons to its totals). The emulations price a cart exactly as the Shopify Function does:
//! the config in the form the function's metafield holds ([`cartlift_core::checkout::form`]),
//! in the cart's currency at the store's rate, with the experiment variants the browser claimed,
//! then [`cartlift_core::checkout::discounts`] and the reached goals' order discount
//! ([`cartlift_core::checkout::rewards`]).

use cartlift_core::cart::Line;
use cartlift_core::checkout::{self, Buyer, Claim, Clock, Mark};
use cartlift_core::market::Rate;
use cartlift_core::{Cart, Currency, Money};

/// One line of an emulated cart, as the pricing reads it.
pub struct PricedLine<'a> {
    /// The platform's id of the item (Shopify's variant id, WooCommerce's product id): what
    /// checkout knows a gift line by, since a goal may give one variant only (spec §10).
    pub platform: String,
    /// The config's product id, if the store's config names the item.
    pub product: Option<&'a str>,
    /// How many.
    pub quantity: u32,
    /// The price of one before any discount, in the cart's minor units.
    pub unit: i64,
    /// What cartlift marked on it when it added it.
    pub mark: Mark,
    /// Whether cartlift added it as a goal's gift (`_cartlift_gift`; the plugin's `gift` mark).
    pub gift: bool,
}

/// What one line has taken off, and what for (checkout's message).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Off {
    /// In the cart's minor units.
    pub minor: i64,
    /// What for, as checkout says it ("Laptop + Mouse").
    pub title: String,
}

/// A store's installed config: its text, as the merchant wrote it.
pub struct Installed {
    compact: Option<String>,
}

impl Installed {
    /// The store running `config` (the function's metafield holds its compact form); a config
    /// that cannot be compacted prices nothing, as the function would.
    pub fn new(config: &str) -> Installed {
        Installed {
            compact: checkout::compact(config).ok(),
        }
    }

    /// What each of `lines` takes off, and what the order takes off, in a cart in `currency`
    /// at `rate` to the store's own currency, for a shopper in `country` whose browser wrote
    /// `claim` (the `_cartlift` attribute) on the cart, at the Unix second `now`.
    pub fn discounts(
        &self,
        currency: Currency,
        rate: Rate,
        shopper: (Option<&str>, Option<&str>),
        lines: &[PricedLine],
        now: i64,
    ) -> Discounts {
        let (claim, country) = shopper;
        let mut out = Discounts {
            lines: vec![Off::default(); lines.len()],
            order: None,
        };
        let Some(compact) = &self.compact else {
            return out;
        };
        let claim = claim.map(Claim::parse).unwrap_or_default();
        let Ok(read) = checkout::form::read(compact, currency, Some(rate), &claim.variants) else {
            return out;
        };
        let (config, by_platform) = (read.config, read.variants);
        let mut cart = Cart::empty(currency);
        cart.country = country.map(str::to_owned);
        for l in lines {
            let unit = Money::from_minor(l.unit, currency);
            // As the Function finds a line's product: by its platform id (a variant's maps to
            // its product, spec §10), else by the config's id.
            let product = l
                .platform
                .parse::<u64>()
                .ok()
                .and_then(|v| by_platform.binary_search_by_key(&v, |&(k, _)| k).ok())
                .map(|at| by_platform[at].1)
                .or_else(|| l.product.and_then(|id| config.product_index(id)));
            cart.lines.push(Line {
                id: l.platform.clone(),
                product,
                quantity: l.quantity,
                unit_price: unit,
                total: unit
                    .checked_mul(i64::from(l.quantity))
                    .unwrap_or(Money::zero(currency)),
                gift: l.gift,
            });
        }
        let marks: Vec<Mark> = lines.iter().map(|l| l.mark.clone()).collect();
        let buyer = Buyer::new(&config, &claim, country);
        let found = checkout::discounts(&config, &cart, &marks, &buyer, Clock::At(now));
        for d in &found {
            let Some(slot) = out.lines.get_mut(d.line) else {
                continue;
            };
            slot.minor = d.amount.minor();
            slot.title = checkout::message(&d.because);
        }
        let rewards = checkout::rewards(&config, &cart, &found, &buyer, Clock::At(now));
        out.order = rewards.order.map(|(amount, title)| Off {
            minor: amount.minor(),
            title,
        });
        out
    }
}

/// What checkout takes off a cart.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Discounts {
    /// Off each line, in the order given.
    pub lines: Vec<Off>,
    /// Off the order, for the highest goal reached that grants it.
    pub order: Option<Off>,
}

/// The Unix second now, for the offers' schedules.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0))
}

/// An amount as a store's theme prints it (`$1,050.00`, `€966.00`, `¥149,500`), for the
/// sections the emulations render.
pub fn money(minor: i64, currency: Currency) -> String {
    let e = u32::from(currency.exponent());
    let scale = 10i64.pow(e);
    let (whole, frac) = (minor.abs() / scale, minor.abs() % scale);
    let grouped = crate::thousands(whole.unsigned_abs());
    let number = if e == 0 {
        grouped
    } else {
        format!("{grouped}.{frac:0width$}", width = e as usize)
    };
    let sign = if minor < 0 { "−" } else { "" };
    match currency.code() {
        "USD" => format!("{sign}${number}"),
        "EUR" => format!("{sign}€{number}"),
        "JPY" => format!("{sign}¥{number}"),
        code => format!("{sign}{number} {code}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORE: &str = include_str!("../../../www/stores/shopify.json");

    fn line<'a>(product: &'a str, unit: i64, bundle: Option<&str>) -> PricedLine<'a> {
        PricedLine {
            platform: String::new(),
            product: Some(product),
            quantity: 1,
            unit,
            mark: Mark {
                bundle: bundle.map(str::to_owned),
                offer: None,
            },
            gift: false,
        }
    }

    #[test]
    fn the_stand_added_as_the_gift_is_free_once_the_cart_reaches_75_and_charged_below() {
        let store = Installed::new(STORE);
        let at = |mice: u32| {
            let lines = [
                PricedLine {
                    quantity: mice,
                    ..line("mouse", 5000, None)
                },
                PricedLine {
                    gift: true,
                    ..line("stand", 4000, None)
                },
            ];
            store.discounts(Currency::USD, Rate::one(), (None, Some("US")), &lines, 0)
        };
        // Two $50 mice reach $75: the stand, the goal's gift, is free.
        assert_eq!(at(2).lines[1].minor, 4000);
        // One mouse and the stand: $90 in all, but a gift never counts: $50 is below $75,
        // so the stand is charged.
        assert_eq!(at(1).lines[1].minor, 0);
    }

    #[test]
    fn the_950_dollar_laptop_and_mouse_bundle_takes_95_24_and_4_76_off_its_lines() {
        let store = Installed::new(STORE);
        let off = store.discounts(
            Currency::USD,
            Rate::one(),
            (None, Some("US")),
            &[
                line("laptop", 100000, Some("office-2")),
                line("mouse", 5000, Some("office-2")),
                line("socks", 900, None),
            ],
            now(),
        );
        let minors: Vec<i64> = off.lines.iter().map(|o| o.minor).collect();
        assert_eq!(minors, [9524, 476, 0]);
        assert_eq!(off.lines[0].title, "Laptop + Mouse");
    }

    #[test]
    fn in_euros_at_0_92_the_bundle_costs_874_euros() {
        let eur = Currency::from_code("EUR").expect("EUR");
        let store = Installed::new(STORE);
        let off = store.discounts(
            eur,
            Rate::parse("0.92").expect("rate"),
            (None, Some("US")),
            &[
                line("laptop", 92000, Some("office-2")),
                line("mouse", 4600, Some("office-2")),
            ],
            now(),
        );
        // €920 + €46 = €966; the bundle's $950 is €874: €92 off.
        assert_eq!(off.lines.iter().map(|o| o.minor).sum::<i64>(), 9200);
    }

    #[test]
    fn amounts_are_printed_as_the_theme_would() {
        let jpy = Currency::from_code("JPY").expect("JPY");
        assert_eq!(money(105000, Currency::USD), "$1,050.00");
        assert_eq!(money(149500, jpy), "¥149,500");
        assert_eq!(money(-238, Currency::USD), "−$2.38");
    }
}
