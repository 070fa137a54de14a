//! Buy X get Y (spec §12): once `buy.quantity` units of the `buy` products are in the cart,
//! `get.quantity` units of the `get` products take `percent_off`, as many times as the cart
//! allows (up to `limit`). The units discounted are always the cheapest that can be, and no
//! unit is counted both as bought and as got.
//!
//! The rule alone, over a checked cart: what a deal does to it ([`apply`]) and how many more
//! of a product make it apply once more ([`more_for_next`]). The config's `buy_x_get_y` is read
//! into a [`Deal`] by the checker, the quote shows it in `<cartlift-tiers>`, and checkout
//! charges each [`LineDiscount`]: the room-to-grow work makes the bytes those need (see
//! `docs/architecture.md`, "Where the next pieces go").
//!
//! Worked without looking at units one by one: a cart may hold a million of a product, so
//! lines are taken whole, cheapest first.

use crate::cart::Cart;
use crate::money::{Money, Percent};

/// A checked buy-x-get-y deal: products by their index in the catalog.
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
    // (it leaves the others to be bought), then the cart's order.
    let mut gettable: Vec<usize> = (0..cart.lines.len())
        .filter(|&i| cart.lines[i].product.is_some_and(|p| deal.gets(p)))
        .collect();
    let either = |i: usize| cart.lines[i].product.is_some_and(|p| deal.buys(p));
    gettable.sort_by_key(|&i| (cart.lines[i].unit_price.minor(), either(i), i));
    let mut lines = Vec::new();
    for i in gettable {
        if wanted == 0 {
            break;
        }
        let line = &cart.lines[i];
        let mut units = wanted.min(u64::from(line.quantity));
        if either(i) {
            units = units.min(either_left);
            either_left -= units;
        }
        if units == 0 {
            continue;
        }
        wanted -= units;
        // A checked line holds at most a million units under MAX_MINOR each.
        let units = u32::try_from(units).unwrap_or(u32::MAX);
        let off = line.unit_price.percent(deal.percent_off);
        lines.push(LineDiscount {
            line: i,
            units,
            amount: off.checked_mul(i64::from(units)).unwrap_or(off),
        });
    }
    lines.sort_by_key(|d| d.line);
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
}
