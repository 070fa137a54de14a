//! Products with variants (spec §10): a variant counts as its product, prices the offers it is
//! picked in, and a product with no variant available is offered nowhere.

mod common;
use cartlift_core::bundles::LeftOutReason;
use cartlift_core::{quote, Context, Currency, Money};
use common::*;
use proptest::prelude::*;

fn usd(minor: i64) -> Money {
    Money::from_minor(minor, Currency::USD)
}

/// The spec's T-shirt (XL at $27.00, white S sold out) and a $15 cap, a 20%-off bundle of
/// the two, an upsell of the tee, 3+ tees at 10% off, and a $100 goal with fillers.
const OUTFIT: &str = r#"{"currency":"USD","products":[
  {"id":"tee","title":"Organic T-shirt","price":"25.00","options":["Size","Colour"],
   "variants":[
     {"id":"tee-s-black","options":["S","Black"],"variant_id":44001},
     {"id":"tee-m-black","options":["M","Black"],"variant_id":44002},
     {"id":"tee-xl-black","options":["XL","Black"],"variant_id":44003,"price":"27.00","image":"/xl.png"},
     {"id":"tee-s-white","options":["S","White"],"variant_id":44004,"available":false}]},
  {"id":"cap","title":"Cap","price":"15.00"},
  {"id":"scarf","title":"Scarf","price":"30.00","options":["Colour"],
   "variants":[{"id":"scarf-red","options":["Red"],"available":false}]}],
 "bundles":[{"id":"outfit","title":"The outfit","items":["tee","cap"],"percent_off":20},
            {"id":"winter","title":"Winter","items":["scarf","cap"],"percent_off":10}],
 "upsells":[{"id":"tee-too","product":"tee","title":"Add a tee"},
            {"id":"scarf-too","product":"scarf","title":"Add a scarf"}],
 "volume_tiers":[{"product":"tee","tiers":[{"min_quantity":3,"percent_off":10}]}],
 "shipping_bar":{"goals":[{"threshold":"100.00","reward":"free shipping"}],"fillers":3}}"#;

fn picked(
    config: &cartlift_core::Config,
    items: &[(&str, u32)],
    picks: &[&str],
) -> cartlift_core::Quote {
    let lines: Vec<String> = items
        .iter()
        .map(|(id, q)| format!(r#"{{"id":"{id}","quantity":{q}}}"#))
        .collect();
    let text = format!(r#"{{"currency":"USD","items":[{}]}}"#, lines.join(","));
    let cx = Context {
        picks: picks.iter().map(|p| (*p).to_owned()).collect(),
        ..Context::default()
    };
    quote(config, &cart(config, &text), &cx)
}

#[test]
fn the_outfit_costs_32_in_the_first_size_and_33_60_once_the_shopper_picks_xl() {
    let c = config(OUTFIT);
    // S black ($25) + cap ($15) = $40, 20% off: $32.00.
    let first = picked(&c, &[], &[]);
    let outfit = &first.bundles[0];
    assert_eq!(outfit.id, "outfit");
    assert_eq!(outfit.items[0].variant.as_deref(), Some("tee-s-black"));
    assert_eq!(outfit.individual_total, usd(4000));
    assert_eq!(outfit.price, usd(3200));
    // XL ($27) + cap ($15) = $42, 20% off: $33.60, its share of it on the tee.
    let xl = picked(&c, &[], &["tee-xl-black"]);
    let outfit = &xl.bundles[0];
    assert_eq!(outfit.items[0].variant.as_deref(), Some("tee-xl-black"));
    assert_eq!(outfit.items[0].unit_price, usd(2700));
    assert_eq!(outfit.items[0].image.as_deref(), Some("/xl.png"));
    assert_eq!(outfit.individual_total, usd(4200));
    assert_eq!(outfit.price, usd(3360));
    let shares: i64 = outfit.items.iter().map(|i| i.bundle_price.minor()).sum();
    assert_eq!(shares, 3360);
}

#[test]
fn a_sold_out_pick_is_passed_over_for_the_first_available_size() {
    let c = config(OUTFIT);
    let q = picked(&c, &[], &["tee-s-white", "cap", "nothing"]);
    assert_eq!(
        q.bundles[0].items[0].variant.as_deref(),
        Some("tee-s-black")
    );
}

#[test]
fn a_medium_black_tee_in_the_cart_completes_the_outfit_with_any_size_mixed() {
    let c = config(OUTFIT);
    let q = picked(&c, &[("tee-m-black", 1), ("cap", 1)], &[]);
    let outfit = q
        .bundles
        .iter()
        .find(|b| b.id == "outfit")
        .expect("offered");
    assert!(outfit.complete_in_cart);
    assert!(outfit.items.iter().all(|i| i.in_cart));
}

#[test]
fn a_line_naming_the_xl_costs_27_and_counts_as_a_tee_toward_its_tiers() {
    let c = config(OUTFIT);
    let line = cart(
        &c,
        r#"{"currency":"USD","items":[{"id":"tee-xl-black","quantity":2},{"id":"tee-s-black","quantity":1}]}"#,
    );
    assert_eq!(line.lines[0].unit_price, usd(2700));
    assert_eq!(line.lines[0].product, Some(0));
    assert_eq!(line.quantity_of(0), 3);
    let q = quote(&c, &line, &Context::default());
    let tees = &q.tiers[0];
    assert_eq!(tees.quantity, 3);
    assert_eq!(tees.active, Some(0));
}

#[test]
fn a_scarf_sold_out_in_every_colour_is_offered_nowhere() {
    let c = config(OUTFIT);
    // $15 in the cart: $85 short of the goal, and the $30 scarf would be a filler.
    let q = picked(&c, &[("cap", 1)], &[]);
    assert!(q.bundles.iter().all(|b| b.id != "winter"));
    assert!(q
        .bundles_left_out
        .iter()
        .any(|l| l.id == "winter" && l.reason == LeftOutReason::SoldOut));
    assert!(q.upsells.iter().all(|u| u.product != "scarf"));
    let fillers = &q.shipping.expect("bar").fillers;
    assert!(fillers.iter().all(|f| f.id != "scarf"));
    assert!(fillers
        .iter()
        .any(|f| f.id == "tee" && f.variant.as_deref() == Some("tee-s-black")));
}

#[test]
fn the_tee_upsell_adds_the_picked_xl_at_27_and_once_ticked_names_the_size_in_the_cart() {
    let c = config(OUTFIT);
    let q = picked(&c, &[("cap", 1)], &["tee-xl-black"]);
    let offer = q
        .upsells
        .iter()
        .find(|u| u.id == "tee-too")
        .expect("offered");
    assert_eq!(offer.variant.as_deref(), Some("tee-xl-black"));
    assert_eq!(offer.price, usd(2700));
    let ticked = picked(&c, &[("cap", 1), ("tee-m-black", 1)], &["tee-xl-black"]);
    let offer = ticked
        .upsells
        .iter()
        .find(|u| u.id == "tee-too")
        .expect("offered");
    assert!(offer.ticked);
    assert_eq!(offer.variant.as_deref(), Some("tee-m-black"));
}

#[test]
fn the_checker_names_every_variant_problem_with_its_path() {
    let errs = errors(
        r#"{"currency":"USD","products":[
          {"id":"tee","title":"Tee","price":"25.00","options":["Size","Colour"],
           "variants":[{"id":"tee-s","options":["S"]},
                       {"id":"cap","options":["M","Black"]},
                       {"id":"tee-m","options":["M","Black"]},
                       {"id":"tee-l","options":["L",""]}]},
          {"id":"cap","title":"Cap","price":"15.00","options":["Colour"],"variants":[]},
          {"id":"mug","title":"Mug","price":"9.00","options":["Size","Size"],
           "variants":[{"id":"tee-m","options":["S","S"]}]},
          {"id":"hat","title":"Hat","price":"9.00","options":["Colour"]},
          {"id":"bag","title":"Bag","price":"9.00","variants":[{"id":"bag-1","options":["Red"]}]}]}"#,
    );
    let paths = paths_of(&errs);
    for expected in [
        "products[0].variants[0].options",
        "products[0].variants[1].id",
        "products[0].variants[2].options",
        "products[0].variants[3].options[1]",
        "products[1].variants",
        "products[2].options[1]",
        "products[2].variants[0].id",
        "products[3].variants",
        "products[4].options",
    ] {
        assert!(paths.contains(&expected), "{expected} in {errs:#?}");
    }
    let mismatch = errs
        .iter()
        .find(|e| e.starts_with("products[0].variants[0].options"))
        .expect("said");
    assert!(
        mismatch.contains("gives 1 option values but the product has 2 options (Size, Colour)"),
        "{mismatch}"
    );
    let taken = errs
        .iter()
        .find(|e| e.starts_with("products[0].variants[1].id"))
        .expect("said");
    assert!(taken.contains("already used by products[1]"), "{taken}");
    let again = errs
        .iter()
        .find(|e| e.starts_with("products[2].variants[0].id"))
        .expect("said");
    assert!(
        again.contains("already used by products[0].variants[2]"),
        "{again}"
    );
}

#[test]
fn picking_white_keeps_nothing_sold_out_and_picking_m_keeps_black() {
    let c = config(OUTFIT);
    let tee = &c.products[0];
    assert_eq!(tee.values(0), ["S", "M", "XL"]);
    assert_eq!(tee.values(1), ["Black", "White"]);
    // The only white tee (S) is sold out: White is shown, disabled.
    assert!(!tee.value_available(1, "White"));
    assert!(tee.value_available(0, "XL"));
    // From S black, M keeps black: tee-m-black.
    assert_eq!(tee.switch_to(Some(0), 0, "M"), Some(1));
    // From XL black, S keeps black (the white S is sold out anyway).
    assert_eq!(tee.switch_to(Some(2), 0, "S"), Some(0));
    assert_eq!(tee.switch_to(Some(0), 1, "White"), None);
}

proptest! {
    /// Whatever the variants cost and whichever is picked, the bundle's items cost the picked
    /// variant's price, their total is their sum, and the shares add up to the bundle price.
    #[test]
    fn picked_variant_prices_flow_into_bundle_totals_exactly(
        prices in proptest::collection::vec(1i64..100_000, 1..6),
        cap in 1i64..100_000,
        pick in 0usize..6,
        percent in 1u32..90,
    ) {
        let variants: Vec<String> = prices
            .iter()
            .enumerate()
            .map(|(i, p)| format!(r#"{{"id":"v{i}","options":["{i}"],"price":"{}.{:02}"}}"#, p / 100, p % 100))
            .collect();
        let text = format!(
            r#"{{"currency":"USD","products":[
              {{"id":"tee","title":"Tee","price":"1.00","options":["Size"],"variants":[{}]}},
              {{"id":"cap","title":"Cap","price":"{}.{:02}"}}],
             "bundles":[{{"id":"b","title":"B","items":["tee","cap"],"percent_off":{percent}}}]}}"#,
            variants.join(","), cap / 100, cap % 100
        );
        let c = config(&text);
        let pick = pick % prices.len();
        let q = picked(&c, &[], &[&format!("v{pick}")]);
        if let Some(b) = q.bundles.first() {
            prop_assert_eq!(b.items[0].unit_price, usd(prices[pick]));
            prop_assert_eq!(b.individual_total, usd(prices[pick] + cap));
            let shares: i64 = b.items.iter().map(|i| i.bundle_price.minor()).sum();
            prop_assert_eq!(shares, b.price.minor());
        } else {
            // Left out only when 1 cent at this percentage saves nothing.
            prop_assert!(q.bundles_left_out.iter().any(|l| l.reason == LeftOutReason::SavesNothing));
        }
    }
}
