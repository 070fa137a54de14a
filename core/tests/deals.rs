//! Buy X get Y (`cartlift_core::deals`), held to an oracle that tries every way of taking a
//! small cart's units as bought, got or neither, and to the invariants a shopper relies on:
//! no unit counted twice, never more units discounted than the deal gives, the cheapest ones.

mod common;
use cartlift_core::deals::{apply, more_for_next, Deal};
use cartlift_core::money::Percent;
use cartlift_core::{Cart, Config};
use common::{cart, config};
use proptest::prelude::*;

/// Four products at generated prices, in dollars and cents.
fn shop(prices: &[i64; 4]) -> Config {
    let products: Vec<String> = prices
        .iter()
        .enumerate()
        .map(|(i, p)| {
            format!(
                r#"{{"id":"p{i}","title":"P{i}","price":"{}.{:02}"}}"#,
                p / 100,
                p % 100
            )
        })
        .collect();
    config(&format!(
        r#"{{"currency":"USD","products":[{}]}}"#,
        products.join(",")
    ))
}

/// A cart line: product, quantity, and the page's unit price in cents if it gives one.
type Item = (usize, u32, Option<i64>);

/// A cart of `items`.
fn lines(shop: &Config, lines: &[Item]) -> Cart {
    let items: Vec<String> = lines
        .iter()
        .map(|(p, q, price)| match price {
            Some(c) => format!(
                r#"{{"id":"p{p}","quantity":{q},"price":"{}.{:02}"}}"#,
                c / 100,
                c % 100
            ),
            None => format!(r#"{{"id":"p{p}","quantity":{q}}}"#),
        })
        .collect();
    cart(
        shop,
        &format!(r#"{{"currency":"USD","items":[{}]}}"#, items.join(",")),
    )
}

/// Every unit of the cart the deal could use: `(product, unit price in cents)`.
fn units(deal: &Deal, cart: &Cart) -> Vec<(usize, i64)> {
    cart.lines
        .iter()
        .filter_map(|l| Some((l.product?, l.unit_price.minor(), l.quantity)))
        .filter(|(p, _, _)| deal.buy.contains(p) || deal.get.contains(p))
        .flat_map(|(p, c, q)| std::iter::repeat_n((p, c), q as usize))
        .collect()
}

/// The oracle: over every way of marking each unit bought, got or neither (the same unit never
/// both), the most times the deal applies, and the least the got units cost at that many.
fn oracle(deal: &Deal, cart: &Cart) -> (u32, i64) {
    let units = units(deal, cart);
    let mut best: (u32, i64) = (0, 0);
    let ways = 3usize.pow(units.len() as u32);
    for way in 0..ways {
        let (mut bought, mut got, mut cost, mut w) = (0u32, 0u32, 0i64, way);
        let mut possible = true;
        for &(p, price) in &units {
            match w % 3 {
                1 if deal.buy.contains(&p) => bought += 1,
                2 if deal.get.contains(&p) => {
                    got += 1;
                    cost += price;
                }
                0 => {}
                _ => possible = false,
            }
            w /= 3;
        }
        if !possible || got % deal.get_quantity != 0 {
            continue;
        }
        let times = got / deal.get_quantity;
        if bought < times * deal.buy_quantity || deal.limit.is_some_and(|l| times > l) {
            continue;
        }
        if times > best.0 || (times == best.0 && cost < best.1) {
            best = (times, cost);
        }
    }
    best
}

fn a_deal() -> impl Strategy<Value = Deal> {
    (
        1u8..16,
        1u32..4,
        1u8..16,
        1u32..3,
        prop::sample::select(vec![100u32, 50, 15]),
        prop::option::of(1u32..3),
    )
        .prop_map(|(buy, bq, get, gq, percent, limit)| {
            let of = |mask: u8| (0..4).filter(|i| mask & (1 << i) != 0).collect();
            Deal {
                buy: of(buy),
                buy_quantity: bq,
                get: of(get),
                get_quantity: gq,
                percent_off: Percent::from_basis_points(percent * 100).expect("a percentage"),
                limit,
            }
        })
}

fn a_cart() -> impl Strategy<Value = ([i64; 4], Vec<Item>)> {
    (
        [1i64..5000, 1i64..5000, 1i64..5000, 1i64..5000],
        prop::collection::vec((0usize..4, 1u32..4, prop::option::of(1i64..5000)), 0..4),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn the_deal_applies_as_often_as_it_can_and_discounts_the_cheapest_units(
        deal in a_deal(), (prices, items) in a_cart(),
    ) {
        let shop = shop(&prices);
        let cart = lines(&shop, &items);
        // Small enough for the oracle's 3^n ways.
        prop_assume!(units(&deal, &cart).len() <= 8);
        let applied = apply(&deal, &cart);
        let (times, cheapest) = oracle(&deal, &cart);
        prop_assert_eq!(applied.times, times);
        let discounted: i64 = applied
            .lines
            .iter()
            .map(|d| cart.lines[d.line].unit_price.minor() * i64::from(d.units))
            .sum();
        prop_assert_eq!(discounted, cheapest);
    }

    #[test]
    fn never_more_units_are_discounted_than_the_deal_gives_and_the_saving_is_theirs(
        deal in a_deal(), (prices, items) in a_cart(),
    ) {
        let shop = shop(&prices);
        let cart = lines(&shop, &items);
        let applied = apply(&deal, &cart);
        let units: u32 = applied.lines.iter().map(|d| d.units).sum();
        prop_assert_eq!(units, applied.times * deal.get_quantity);
        prop_assert!(applied.times <= deal.limit.unwrap_or(u32::MAX));
        let qualifying = self::units(&deal, &cart).len() as u32;
        prop_assert!(applied.times * (deal.buy_quantity + deal.get_quantity) <= qualifying);
        let mut sum = 0;
        for d in &applied.lines {
            let line = &cart.lines[d.line];
            prop_assert!(d.units <= line.quantity);
            prop_assert!(line.product.is_some_and(|p| deal.get.contains(&p)));
            let one = line.unit_price.percent(deal.percent_off).minor();
            prop_assert_eq!(d.amount.minor(), one * i64::from(d.units));
            prop_assert!(d.amount.minor() <= line.unit_price.minor() * i64::from(d.units));
            sum += d.amount.minor();
        }
        prop_assert_eq!(applied.saving.minor(), sum);
    }

    #[test]
    fn more_of_a_product_never_undoes_the_deal_and_the_nudge_is_exactly_enough(
        deal in a_deal(), (prices, items) in a_cart(), product in 0usize..4,
    ) {
        let shop = shop(&prices);
        let base = lines(&shop, &items);
        let now = apply(&deal, &base).times;
        let with = |more: u32| {
            let mut extended = items.clone();
            if more > 0 {
                extended.push((product, more, None));
            }
            apply(&deal, &lines(&shop, &extended)).times
        };
        prop_assert!(with(1) >= now);
        match more_for_next(&deal, &base, product) {
            Some(more) => {
                prop_assert!(with(more) > now);
                prop_assert_eq!(with(more - 1), now);
            }
            None => prop_assert_eq!(with(deal.buy_quantity + deal.get_quantity), now),
        }
    }
}

#[test]
fn two_15_dollar_and_one_9_dollar_units_of_a_mixed_3_for_2_free_the_9_dollar_one() {
    let shop = shop(&[1500, 900, 2500, 100]);
    let cart = lines(&shop, &[(0, 2, None), (1, 1, None)]);
    let deal = Deal {
        buy: vec![0, 1],
        buy_quantity: 2,
        get: vec![0, 1],
        get_quantity: 1,
        percent_off: Percent::from_basis_points(10_000).expect("100%"),
        limit: None,
    };
    let applied = apply(&deal, &cart);
    assert_eq!(applied.saving.to_decimal_string(), "9.00");
    assert_eq!(oracle(&deal, &cart), (1, 900));
}
