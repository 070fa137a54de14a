//! Invariants that hold for every config and cart, checked with generated inputs. (Robustness
//! against any input at all is `fuzz.rs`.)

mod common;
use cartlift_core::money::{parse_amount, round_half_away_from_zero};
use cartlift_core::pricing::allocate;
use cartlift_core::{quote, Cart, Config, Context, Currency, Money};
use common::*;
use proptest::prelude::*;

fn usd(minor: i64) -> Money {
    Money::from_minor(minor, Currency::USD)
}

/// A small shop with generated prices, bundles, tiers and a goal.
fn shop(prices: &[i64], percent: u32, threshold: i64) -> String {
    let products: Vec<String> = prices
        .iter()
        .enumerate()
        .map(|(i, p)| {
            format!(
                r#"{{"id":"p{i}","title":"P{i}","price":"{}"}}"#,
                usd(*p).to_decimal_string()
            )
        })
        .collect();
    let items: Vec<String> = (0..prices.len()).map(|i| format!("\"p{i}\"")).collect();
    format!(
        r#"{{"currency":"USD","products":[{}],
            "shipping_bar":{{"goals":[{{"threshold":"{}","reward":"free shipping"}},{{"threshold":"{}","reward":"gift"}}],"fillers":3}},
            "bundles":[{{"id":"all","items":[{}],"percent_off":"{}.{:02}"}}],
            "volume_tiers":[{{"product":"p0","tiers":[{{"min_quantity":2,"percent_off":5}},{{"min_quantity":4,"percent_off":10}}]}}],
            "upsells":[{{"id":"u","product":"p1"}}]}}"#,
        products.join(","),
        usd(threshold).to_decimal_string(),
        usd(threshold * 2).to_decimal_string(),
        items.join(","),
        percent / 100,
        percent % 100
    )
}

fn cart_of(config: &Config, quantities: &[u32]) -> Cart {
    let lines: Vec<String> = quantities
        .iter()
        .enumerate()
        .map(|(i, q)| format!(r#"{{"id":"p{i}","quantity":{q}}}"#))
        .collect();
    cart(
        config,
        &format!(r#"{{"currency":"USD","items":[{}]}}"#, lines.join(",")),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn saving_is_individual_total_minus_bundle_price_and_lines_sum_to_the_price(
        prices in prop::collection::vec(1i64..10_000_000, 2..6),
        percent in 1u32..10_000,
        quantities in prop::collection::vec(0u32..4, 6),
    ) {
        let c = config(&shop(&prices, percent, 5_000));
        let q = quote(&c, &cart_of(&c, &quantities[..prices.len()]), &Context::default());
        for b in &q.bundles {
            prop_assert_eq!(b.saving.minor(), b.individual_total.minor() - b.price.minor());
            prop_assert_eq!(b.items.iter().map(|i| i.bundle_price.minor()).sum::<i64>(), b.price.minor());
            prop_assert!(b.items.iter().all(|i| i.bundle_price.minor() >= 0));
            prop_assert!(b.saving.minor() > 0);
        }
    }

    #[test]
    fn allocation_sums_exactly_and_each_share_is_within_a_cent_of_proportional(
        price in 0i64..1_000_000_000,
        weights in prop::collection::vec(0i64..1_000_000_000, 1..12),
    ) {
        let ws: Vec<Money> = weights.iter().map(|&w| usd(w)).collect();
        let shares = allocate(usd(price), &ws);
        prop_assert_eq!(shares.iter().map(Money::minor).sum::<i64>(), price);
        let total: i128 = weights.iter().map(|&w| i128::from(w)).sum();
        if total > 0 {
            for (s, w) in shares.iter().zip(&weights) {
                let exact = i128::from(price) * i128::from(*w);
                let share = i128::from(s.minor()) * total;
                prop_assert!((share - exact).abs() < total, "share {} weight {}", s.minor(), w);
            }
        }
    }

    #[test]
    fn remaining_is_never_negative_and_zero_exactly_when_unlocked(
        prices in prop::collection::vec(1i64..100_000, 2..6),
        quantities in prop::collection::vec(0u32..6, 6),
        threshold in 1i64..500_000,
    ) {
        let c = config(&shop(&prices, 1000, threshold));
        let q = quote(&c, &cart_of(&c, &quantities[..prices.len()]), &Context::default());
        let bar = q.shipping.expect("a goal applies");
        for g in &bar.goals {
            prop_assert!(g.remaining.minor() >= 0);
            prop_assert_eq!(g.remaining.is_zero(), g.unlocked);
            prop_assert_eq!(g.unlocked, bar.subtotal.minor() >= g.threshold.minor());
            prop_assert_eq!(g.progress.basis_points() == 10_000, g.unlocked);
        }
        prop_assert!(bar.remaining.minor() >= 0);
        for f in &bar.fillers {
            let in_cart = quantities[..prices.len()].iter().enumerate().any(|(i, q)| *q > 0 && f.id == format!("p{}", i));
            prop_assert!(!in_cart, "filler {} is already in the cart", f.id);
        }
    }

    #[test]
    fn progress_never_falls_as_the_subtotal_grows(
        prices in prop::collection::vec(1i64..100_000, 2..5),
        quantities in prop::collection::vec(0u32..5, 5),
        extra in 0usize..5,
        threshold in 1i64..300_000,
    ) {
        let c = config(&shop(&prices, 1000, threshold));
        let qs = &quantities[..prices.len()];
        let mut more = qs.to_vec();
        more[extra % prices.len()] += 1;
        let before = quote(&c, &cart_of(&c, qs), &Context::default()).shipping.expect("bar");
        let after = quote(&c, &cart_of(&c, &more), &Context::default()).shipping.expect("bar");
        prop_assert!(after.subtotal.minor() >= before.subtotal.minor());
        prop_assert!(after.progress >= before.progress);
        for (a, b) in after.goals.iter().zip(&before.goals) {
            prop_assert!(a.progress >= b.progress);
            prop_assert!(a.remaining.minor() <= b.remaining.minor());
        }
    }

    #[test]
    fn rounding_is_within_half_a_unit_and_symmetric(n in -1_000_000_000_000i128..1_000_000_000_000, d in 1i128..1_000_000) {
        let r = round_half_away_from_zero(n, d);
        prop_assert!((r * d - n).abs() * 2 <= d);
        prop_assert_eq!(round_half_away_from_zero(-n, d), -r);
    }

    #[test]
    fn written_amounts_round_trip_exactly(minor in 0i64..1_000_000_000_000_000) {
        let m = usd(minor);
        prop_assert_eq!(parse_amount(&m.to_decimal_string(), Currency::USD), Ok(m));
        prop_assert_eq!(parse_amount(&format!(" +{} ", m.to_decimal_string()), Currency::USD), Ok(m));
    }
}
