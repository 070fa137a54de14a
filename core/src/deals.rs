//! Buy X get Y (spec §12): once `buy.quantity` units of the `buy` products are in the cart,
//! `get.quantity` units of the `get` products take `percent_off`, as many times as the cart
//! allows (up to `limit`). The units discounted are always the cheapest that can be, and no
//! unit is counted both as bought and as got.
//!
//! The rule alone, over a checked cart: what a deal does to it ([`apply`]) and how many more
//! of a product make it apply once more ([`more_for_next`]), and what each of the config's deals
//! does to a cart ([`quote`], `state().deals`). The checker reads `buy_x_get_y` into [`Deal`]s.
//! `<cartlift-tiers>` shows the deals that name its product (`src/ui/deals.rs`). Not yet:
//! checkout charging each [`LineDiscount`] (see `docs/architecture.md`, "Where the next pieces
//! go").
//!
//! Worked without looking at units one by one: a cart may hold a million of a product, so
//! lines are taken whole, cheapest first.

use crate::cart::Cart;
pub use crate::config::model::Deal;
use crate::config::Config;
use crate::money::{Money, Percent};
use crate::sort::CollectVec;
use serde::Serialize;

/// What a deal takes off one cart line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineDiscount {
    /// The line, by its index in the cart.
    pub line: usize,
    /// How many of its units are discounted.
    pub units: u32,
    /// What comes off the line: `units` × the discount on one of its units.
    pub amount: Money,
}

/// What a deal does to a cart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Applied {
    /// How many times it applies.
    pub times: u32,
    /// What comes off each line it discounts, in the cart's line order.
    pub lines: Vec<LineDiscount>,
    /// Everything it takes off.
    pub saving: Money,
}

/// What a deal does for one cart (in `state()`; the deal itself is the config's, by its id).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DealQuote {
    /// The merchant's id.
    pub id: String,
    /// How many times it applies to the cart.
    pub times: u32,
    /// What it takes off the cart.
    pub saving: Money,
    /// How many units each application takes as bought (`buy.quantity`).
    pub buy: u32,
    /// How many units each application discounts (`get.quantity`).
    pub get: u32,
    /// What each discounted unit takes off its price (100%: free).
    pub percent_off: Percent,
    /// Every product of the deal, bought then got, each once: a product's `<cartlift-tiers>`
    /// shows the deals that name it.
    pub products: Vec<String>,
    /// For each product of the deal (bought, then got, each once), how many more of it make
    /// the deal apply once more: "Add 1 more to get one free". A product none of which would
    /// (the limit is reached) is not listed.
    pub next: Vec<DealNext>,
}

crate::json_object!(DealQuote {
    id,
    times,
    saving,
    buy,
    get,
    percent_off,
    products,
    next
});

/// How many more of one product make a deal apply once more.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DealNext {
    /// The product's id.
    pub product: String,
    /// How many more units of it.
    pub more: u32,
}

crate::json_object!(DealNext { product, more });

/// Every deal of the config for `cart`, as checkout prices them: in the merchant's order, each
/// over the units the deals before it did not get (none when the cart is in another currency:
/// its prices are not the config's). With them, the units got of each line, which no tier
/// prices ([`crate::tiers::quote`]).
pub fn quote(config: &Config, cart: &Cart) -> (Vec<DealQuote>, Vec<u32>) {
    let mut got = vec![0u32; cart.lines.len()];
    if cart.currency != config.currency || config.deals.is_empty() {
        return (Vec::new(), got);
    }
    let id_of = |p: &usize| config.products[*p].id.clone();
    // The cart as the next deal sees it: the units got so far taken out.
    let mut rest = cart.clone();
    let quotes = config
        .deals
        .iter()
        .map(|(id, deal)| {
            let applied = apply(deal, &rest);
            let mut products: Vec<usize> = Vec::new();
            for &p in deal.buy.iter().chain(&deal.get) {
                if !products.contains(&p) {
                    products.push(p);
                }
            }
            let next = products
                .iter()
                .filter_map(|&p| {
                    more_for_next(deal, &rest, p).map(|more| DealNext {
                        product: id_of(&p),
                        more,
                    })
                })
                .collect_vec();
            for d in &applied.lines {
                got[d.line] += d.units;
                rest.lines[d.line].quantity -= d.units;
            }
            DealQuote {
                id: id.clone(),
                times: applied.times,
                saving: applied.saving,
                buy: deal.buy_quantity,
                get: deal.get_quantity,
                percent_off: deal.percent_off,
                products: products.iter().map(id_of).collect_vec(),
                next,
            }
        })
        .collect_vec();
    (quotes, got)
}

/// How many of the cart's units count on each side: bought only, got only, or either.
#[derive(Clone, Copy, Debug, Default)]
struct Counts {
    buy_only: u64,
    get_only: u64,
    either: u64,
}

impl Deal {
    fn buys(&self, product: usize) -> bool {
        self.buy.contains(&product)
    }

    fn gets(&self, product: usize) -> bool {
        self.get.contains(&product)
    }

    fn counts(&self, cart: &Cart) -> Counts {
        let mut c = Counts::default();
        for line in &cart.lines {
            let Some(p) = line.product else { continue };
            let n = u64::from(line.quantity);
            match (self.buys(p), self.gets(p)) {
                (true, true) => c.either += n,
                (true, false) => c.buy_only += n,
                (false, true) => c.get_only += n,
                (false, false) => {}
            }
        }
        c
    }

    /// How many times the deal applies to units counted as `c`: each time takes `buy_quantity`
    /// units that can be bought and `get_quantity` other units that can be got.
    fn times(&self, c: Counts) -> u32 {
        let (bq, gq) = (
            u64::from(self.buy_quantity.max(1)),
            u64::from(self.get_quantity.max(1)),
        );
        let all = c.buy_only + c.get_only + c.either;
        let times = (all / (bq + gq))
            .min((c.buy_only + c.either) / bq)
            .min((c.get_only + c.either) / gq)
            .min(self.limit.map_or(u64::MAX, u64::from));
        u32::try_from(times).unwrap_or(u32::MAX)
    }
}

/// What `deal` takes off `cart`: the cheapest units that can be got, `get_quantity` per time it
/// applies, each with `percent_off` of its unit price (rounded to the minor unit by
/// [`Money::percent`], the one rounding rule). A unit that could be either bought or got is
/// discounted only while enough units are left to be the ones bought.
///
/// ```
/// use cartlift_core::deals::{apply, Deal};
/// use cartlift_core::money::Percent;
/// use cartlift_core::{Cart, Config};
/// let config = Config::from_json(r#"{"currency": "USD",
///   "products": [{"id": "socks", "title": "Socks", "price": "9.00"}]}"#).unwrap();
/// let cart = Cart::from_json(r#"{"currency": "USD",
///   "items": [{"id": "socks", "quantity": 3}]}"#, &config).unwrap();
/// // "3 for 2": buy 2 socks, get 1 free.
/// let three_for_two = Deal { buy: vec![0], buy_quantity: 2, get: vec![0], get_quantity: 1,
///   percent_off: Percent::from_basis_points(10_000).unwrap(), limit: None };
/// assert_eq!(apply(&three_for_two, &cart).saving.to_decimal_string(), "9.00");
/// ```
pub fn apply(deal: &Deal, cart: &Cart) -> Applied {
    let counts = deal.counts(cart);
    let times = deal.times(counts);
    let mut wanted = u64::from(times) * u64::from(deal.get_quantity.max(1));
    // The units that could be either, got at most while the ones bought are still there.
    let mut either_left = (counts.buy_only + counts.either)
        .saturating_sub(u64::from(times) * u64::from(deal.buy_quantity.max(1)));
    // The lines that can be got, cheapest first; on a tie, a line that can only be got first
    // (it leaves the others to be bought), then the cart's order (the sort is stable). The
    // core's one sort, not the standard library's: each `sort_by_key` is its own copy of it
    // in the wasm (see crate::sort).
    let either = |i: usize| cart.lines[i].product.is_some_and(|p| deal.buys(p));
    let gettable: Vec<usize> = (0..cart.lines.len())
        .filter(|&i| cart.lines[i].product.is_some_and(|p| deal.gets(p)))
        .collect_vec();
    let key = |i: usize| (cart.lines[i].unit_price.minor(), either(i));
    let order =
        crate::sort::positions(gettable.len(), &|a, b| key(gettable[a]) <= key(gettable[b]));
    // Units got by line, so that the discounts come out in the cart's order.
    let mut got = vec![0u32; cart.lines.len()];
    for i in order.into_iter().map(|k| gettable[k]) {
        if wanted == 0 {
            break;
        }
        let mut units = wanted.min(u64::from(cart.lines[i].quantity));
        if either(i) {
            units = units.min(either_left);
            either_left -= units;
        }
        wanted -= units;
        // A checked line holds at most a million units.
        got[i] = u32::try_from(units).unwrap_or(u32::MAX);
    }
    let lines: Vec<LineDiscount> = got
        .into_iter()
        .enumerate()
        .filter(|&(_, units)| units > 0)
        .map(|(i, units)| {
            // At most a million units under MAX_MINOR each: the product fits.
            let off = cart.lines[i].unit_price.percent(deal.percent_off);
            LineDiscount {
                line: i,
                units,
                amount: off.checked_mul(i64::from(units)).unwrap_or(off),
            }
        })
        .collect_vec();
    let saving = lines.iter().fold(Money::zero(cart.currency), |sum, d| {
        sum.checked_add(d.amount).unwrap_or(sum)
    });
    Applied {
        times,
        lines,
        saving,
    }
}

/// How many more of `product` make `deal` apply once more to `cart` ("Add 1 more to get one
/// free"); `None` when more of it never would (it is on neither side, the other side lacks
/// units, or the deal is at its `limit`).
pub fn more_for_next(deal: &Deal, cart: &Cart, product: usize) -> Option<u32> {
    let (buys, gets) = (deal.buys(product), deal.gets(product));
    let counts = deal.counts(cart);
    let now = deal.times(counts);
    // One more application takes at most `buy_quantity + get_quantity` new units: if that many
    // of the product do not make it, no number of them does.
    let most = deal.buy_quantity.max(1) + deal.get_quantity.max(1);
    (1..=most).find(|&more| {
        let more = u64::from(more);
        let mut c = counts;
        match (buys, gets) {
            (true, true) => c.either += more,
            (true, false) => c.buy_only += more,
            (false, true) => c.get_only += more,
            (false, false) => return false,
        }
        deal.times(c) > now
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    const SHOP: &str = r#"{"currency": "USD", "products": [
        {"id": "socks", "title": "Socks", "price": "9.00"},
        {"id": "tee", "title": "T-shirt", "price": "25.00"},
        {"id": "hat", "title": "Hat", "price": "20.00"},
        {"id": "shoes", "title": "Shoes", "price": "80.00"}]}"#;
    const SOCKS: usize = 0;
    const TEE: usize = 1;
    const HAT: usize = 2;
    const SHOES: usize = 3;

    fn cart(items: &str) -> Cart {
        let config = Config::from_json(SHOP).expect("the shop's config");
        Cart::from_json(
            &format!(r#"{{"currency":"USD","items":[{items}]}}"#),
            &config,
        )
        .expect("a cart")
    }

    fn deal(buy: &[usize], bq: u32, get: &[usize], gq: u32, percent: u32) -> Deal {
        Deal {
            buy: buy.to_vec(),
            buy_quantity: bq,
            get: get.to_vec(),
            get_quantity: gq,
            percent_off: Percent::from_basis_points(percent * 100).expect("a percentage"),
            limit: None,
        }
    }

    fn saving(d: &Deal, items: &str) -> (u32, String) {
        let a = apply(d, &cart(items));
        (a.times, a.saving.to_decimal_string())
    }

    #[test]
    fn three_socks_at_9_dollars_on_a_3_for_2_save_9_dollars() {
        let d = deal(&[SOCKS], 2, &[SOCKS], 1, 100);
        assert_eq!(
            saving(&d, r#"{"id":"socks","quantity":3}"#),
            (1, "9.00".into())
        );
        assert_eq!(
            apply(&d, &cart(r#"{"id":"socks","quantity":3}"#)).lines,
            [LineDiscount {
                line: 0,
                units: 1,
                amount: Money::from_minor(900, crate::Currency::USD)
            }]
        );
    }

    #[test]
    fn five_socks_on_a_3_for_2_are_one_free_and_one_more_makes_two_free() {
        let d = deal(&[SOCKS], 2, &[SOCKS], 1, 100);
        assert_eq!(
            saving(&d, r#"{"id":"socks","quantity":5}"#),
            (1, "9.00".into())
        );
        assert_eq!(
            more_for_next(&d, &cart(r#"{"id":"socks","quantity":5}"#), SOCKS),
            Some(1)
        );
        assert_eq!(
            saving(&d, r#"{"id":"socks","quantity":6}"#),
            (2, "18.00".into())
        );
    }

    #[test]
    fn the_9_dollar_socks_are_free_not_a_25_dollar_tee_when_any_two_buy_a_third() {
        let d = deal(&[SOCKS, TEE], 2, &[SOCKS, TEE], 1, 100);
        assert_eq!(
            saving(
                &d,
                r#"{"id":"tee","quantity":2},{"id":"socks","quantity":1}"#
            ),
            (1, "9.00".into())
        );
    }

    #[test]
    fn the_hat_is_free_not_the_socks_when_the_socks_are_the_unit_bought() {
        // Buy 1 pair of socks, get socks or a hat free: the cheaper socks are what was bought.
        let d = deal(&[SOCKS], 1, &[SOCKS, HAT], 1, 100);
        let a = apply(
            &d,
            &cart(r#"{"id":"socks","quantity":1},{"id":"hat","quantity":1}"#),
        );
        assert_eq!((a.times, a.saving.to_decimal_string()), (1, "20.00".into()));
        assert_eq!(a.lines[0].line, 1);
    }

    #[test]
    fn shoes_bought_take_half_off_one_pair_of_socks_and_no_more() {
        let d = deal(&[SHOES], 1, &[SOCKS], 1, 50);
        assert_eq!(
            saving(
                &d,
                r#"{"id":"shoes","quantity":1},{"id":"socks","quantity":3}"#
            ),
            (1, "4.50".into())
        );
        // Without the shoes, nothing; and socks never make the deal apply again.
        assert_eq!(
            saving(&d, r#"{"id":"socks","quantity":3}"#),
            (0, "0.00".into())
        );
        let one = cart(r#"{"id":"shoes","quantity":1},{"id":"socks","quantity":3}"#);
        assert_eq!(more_for_next(&d, &one, SOCKS), None);
        assert_eq!(more_for_next(&d, &one, SHOES), Some(1));
        assert_eq!(more_for_next(&d, &one, TEE), None);
    }

    #[test]
    fn a_limit_of_one_frees_one_pair_of_socks_in_nine() {
        let mut d = deal(&[SOCKS], 2, &[SOCKS], 1, 100);
        d.limit = Some(1);
        assert_eq!(
            saving(&d, r#"{"id":"socks","quantity":9}"#),
            (1, "9.00".into())
        );
        assert_eq!(
            more_for_next(&d, &cart(r#"{"id":"socks","quantity":9}"#), SOCKS),
            None
        );
    }

    #[test]
    fn a_line_priced_by_the_page_is_discounted_at_its_own_price() {
        let d = deal(&[SOCKS], 2, &[SOCKS], 1, 100);
        assert_eq!(
            saving(&d, r#"{"id":"socks","quantity":3,"price":"7.50"}"#),
            (1, "7.50".into())
        );
    }

    #[test]
    fn half_off_a_155_yen_unit_takes_78_yen_rounded_half_away_from_zero() {
        let config = Config::from_json(
            r#"{"currency":"JPY","products":[{"id":"tea","title":"Tea","price":"155"}]}"#,
        )
        .expect("config");
        let cart = Cart::from_json(
            r#"{"currency":"JPY","items":[{"id":"tea","quantity":2}]}"#,
            &config,
        )
        .expect("cart");
        let a = apply(&deal(&[0], 1, &[0], 1, 50), &cart);
        assert_eq!(a.saving.to_decimal_string(), "78");
    }

    #[test]
    fn the_quote_of_a_3_for_2_on_3_socks_saves_9_dollars_and_3_more_socks_apply_it_again() {
        let config = Config::from_json(
            r#"{"currency": "USD", "products": [
                {"id": "socks", "title": "Socks", "price": "9.00"},
                {"id": "hat", "title": "Hat", "price": "20.00"}],
              "buy_x_get_y": [
                {"id": "socks-3for2", "buy": {"products": ["socks"], "quantity": 2},
                 "get": {"products": ["socks"], "quantity": 1, "percent_off": 100}},
                {"id": "hat-half", "buy": {"products": ["socks"], "quantity": 1},
                 "get": {"products": ["hat"], "quantity": 1, "percent_off": "50"}, "limit": 1}]}"#,
        )
        .expect("a config with deals");
        let cart = Cart::from_json(
            r#"{"currency":"USD","items":[{"id":"socks","quantity":3},{"id":"hat","quantity":1}]}"#,
            &config,
        )
        .expect("a cart");
        let q = crate::quote::quote(&config, &cart, &crate::quote::Context::default());
        let three_for_two = &q.deals[0];
        assert_eq!(
            (
                three_for_two.times,
                three_for_two.saving.to_decimal_string()
            ),
            (1, "9.00".to_owned())
        );
        assert_eq!(
            three_for_two.next,
            [DealNext {
                product: "socks".into(),
                more: 3
            }]
        );
        // The hat is half off once, and its limit leaves nothing more to add for it.
        let hat = &q.deals[1];
        assert_eq!(
            (hat.times, hat.saving.to_decimal_string(), hat.next.len()),
            (1, "10.00".to_owned(), 0)
        );
        let state = crate::json::to_string(&q);
        assert!(
            state.contains(
                r#""deals":[{"id":"socks-3for2","times":1,"saving":{"amount":"9.00","minor":900,"#
            ) && state.contains(
                r#""buy":2,"get":1,"percent_off":10000,"products":["socks"],"next":[{"product":"socks","more":3}]}"#
            ),
            "{state}"
        );
    }

    fn quoted(config: &str, items: &str) -> crate::quote::Quote {
        let config = Config::from_json(config).expect("a config with deals");
        let cart = Cart::from_json(
            &format!(r#"{{"currency":"USD","items":[{items}]}}"#),
            &config,
        )
        .expect("a cart");
        crate::quote::quote(&config, &cart, &crate::quote::Context::default())
    }

    #[test]
    fn a_second_deal_sees_only_the_socks_the_first_did_not_get() {
        // Three socks: the 3-for-2 gets one free; "buy 1, get 1 half off" then has two.
        let q = quoted(
            r#"{"currency": "USD", "products": [{"id": "socks", "title": "Socks", "price": "9.00"}],
              "buy_x_get_y": [
                {"id": "three-for-two", "buy": {"products": ["socks"], "quantity": 2},
                 "get": {"products": ["socks"], "quantity": 1, "percent_off": 100}},
                {"id": "second-half", "buy": {"products": ["socks"], "quantity": 1},
                 "get": {"products": ["socks"], "quantity": 1, "percent_off": 50}}]}"#,
            r#"{"id":"socks","quantity":3}"#,
        );
        let saved: Vec<(u32, String)> = q
            .deals
            .iter()
            .map(|d| (d.times, d.saving.to_decimal_string()))
            .collect();
        assert_eq!(saved, [(1, "9.00".into()), (1, "4.50".into())]);
    }

    #[test]
    fn three_socks_with_a_tier_cost_16_20_one_free_and_two_at_the_tier() {
        let q = quoted(
            r#"{"currency": "USD", "products": [{"id": "socks", "title": "Socks", "price": "9.00"}],
              "volume_tiers": [{"product": "socks", "tiers": [{"min_quantity": 3, "percent_off": 10}]}],
              "buy_x_get_y": [{"id": "three-for-two", "buy": {"products": ["socks"], "quantity": 2},
                "get": {"products": ["socks"], "quantity": 1, "percent_off": 100}}]}"#,
            r#"{"id":"socks","quantity":3}"#,
        );
        let tier = &q.tiers[0];
        // The tier follows all three socks, but prices the two the deal did not get.
        assert_eq!(tier.active, Some(0));
        assert_eq!(tier.line_price.to_decimal_string(), "16.20");
        assert_eq!(tier.saving.to_decimal_string(), "1.80");
        assert_eq!(q.deals[0].saving.to_decimal_string(), "9.00");
        // $27.00 less both savings: what checkout charges.
        let paid = q.subtotal.minor() - tier.saving.minor() - q.deals[0].saving.minor();
        assert_eq!(paid, 1620);
    }
}
