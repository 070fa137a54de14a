//! A free gift at a threshold (spec §11 `grants.gift`): what the bar says of it, what checkout
//! takes off, and the rule a shopper relies on: a gift never counts toward a goal, its own
//! least of all.

mod common;
use cartlift_core::checkout::{compact, discounts, form, Because, Buyer, Claim, Clock};
use cartlift_core::money::Currency;
use cartlift_core::{quote, Cart, Config, Context};
use common::{cart, config, errors, paths_of};
use proptest::prelude::*;

/// A shop with a $200 goal that gives a $15 tote bag, and free shipping at $75.
const SHOP: &str = r#"{"currency":"USD",
  "products":[{"id":"lamp","title":"Lamp","price":"95.00"},
              {"id":"tote","title":"Tote bag","price":"15.00"}],
  "shipping_bar":{"goals":[
    {"threshold":"75.00","reward":"free shipping","grants":{"free_shipping":true}},
    {"threshold":"200.00","reward":"a free tote bag","grants":{"gift":"tote","auto":true}}]}}"#;

/// A cart of `(id, quantity, gift)` lines.
fn lines(c: &Config, items: &[(&str, u32, bool)]) -> Cart {
    let items: Vec<String> = items
        .iter()
        .map(|(id, q, gift)| format!(r#"{{"id":"{id}","quantity":{q},"gift":{gift}}}"#))
        .collect();
    cart(
        c,
        &format!(r#"{{"currency":"USD","items":[{}]}}"#, items.join(",")),
    )
}

/// What checkout takes off each line, in cents, in the cart's order.
fn charged_off(c: &Config, cart: &Cart) -> Vec<i64> {
    let buyer = Buyer::new(c, &Claim::default(), None);
    let off = discounts(c, cart, &[], &buyer, Clock::At(0));
    (0..cart.lines.len())
        .map(|i| {
            off.iter()
                .find(|d| d.line == i)
                .map_or(0, |d| d.amount.minor())
        })
        .collect()
}

#[test]
fn three_lamps_reach_the_200_goal_and_the_bar_offers_the_tote_not_yet_in_the_cart() {
    let c = config(SHOP);
    let q = quote(&c, &lines(&c, &[("lamp", 3, false)]), &Context::default());
    let bar = q.shipping.expect("the bar applies");
    let goal = &bar.goals[1];
    assert!(goal.unlocked && goal.holds);
    let gift = goal.gift.as_ref().expect("the goal gives a gift");
    assert_eq!(
        (gift.product.as_str(), gift.title.as_str(), gift.in_cart),
        ("tote", "Tote bag", false)
    );
    assert_eq!(goal.grants.gift.as_deref(), Some("tote"));
    assert!(goal.grants.auto);
    assert!(bar.stale_gifts.is_empty());
    // The $75 goal gives no gift.
    assert!(bar.goals[0].gift.is_none());
}

#[test]
fn the_tote_as_a_gift_is_free_at_checkout_with_285_of_lamps_and_a_second_tote_is_charged() {
    let c = config(SHOP);
    let held = lines(&c, &[("lamp", 3, false), ("tote", 2, true)]);
    let bar = quote(&c, &held, &Context::default()).shipping.expect("bar");
    // The totes count for nothing: $285 of lamps.
    assert_eq!(bar.subtotal.minor(), 28_500);
    assert!(bar.goals[1].gift.as_ref().is_some_and(|g| g.in_cart));
    // One unit of the gift line free; the second tote costs its $15.00.
    assert_eq!(charged_off(&c, &held), [0, 1500]);
    let buyer = Buyer::new(&c, &Claim::default(), None);
    let off = discounts(&c, &held, &[], &buyer, Clock::At(0));
    assert_eq!(
        off[0].because,
        [Because::Gift {
            product: "tote".into(),
            reward: "a free tote bag".into()
        }]
    );
}

#[test]
fn a_tote_gift_in_a_190_cart_is_charged_and_reported_for_removal_its_15_not_reaching_200() {
    let c = config(SHOP);
    // $190 of lamps and the gift: with the tote it would be $205, but a gift never counts.
    let fallen = lines(&c, &[("lamp", 2, false), ("tote", 1, true)]);
    let bar = quote(&c, &fallen, &Context::default())
        .shipping
        .expect("bar");
    assert_eq!(bar.subtotal.minor(), 19_000);
    assert!(!bar.goals[1].unlocked);
    assert_eq!(bar.stale_gifts, ["tote"]);
    assert_eq!(charged_off(&c, &fallen), [0, 0]);
}

#[test]
fn a_tote_bought_as_itself_counts_toward_the_goal_and_is_never_made_free() {
    let c = config(SHOP);
    // Two lamps and a tote the shopper chose: $205, the goal reached, but no gift line.
    let bought = lines(&c, &[("lamp", 2, false), ("tote", 1, false)]);
    let bar = quote(&c, &bought, &Context::default())
        .shipping
        .expect("bar");
    assert_eq!(bar.subtotal.minor(), 20_500);
    assert!(bar.goals[1].unlocked);
    assert!(bar.goals[1].gift.as_ref().is_some_and(|g| !g.in_cart));
    assert_eq!(charged_off(&c, &bought), [0, 0]);
}

#[test]
fn a_gift_naming_no_product_and_auto_without_a_gift_say_where() {
    let errs = errors(
        r#"{"currency":"USD","products":[{"id":"tote","title":"Tote","price":"15.00"}],
            "shipping_bar":{"goals":[
              {"threshold":"50.00","reward":"a tote","grants":{"gift":"totes"}},
              {"threshold":"90.00","reward":"free shipping","grants":{"free_shipping":true,"auto":true}}]}}"#,
    );
    let at = paths_of(&errs);
    assert_eq!(
        at,
        [
            "shipping_bar.goals[0].grants.gift",
            "shipping_bar.goals[1].grants.auto"
        ],
        "{errs:#?}"
    );
    assert!(errs[0].contains(r#"did you mean "tote""#), "{}", errs[0]);
}

#[test]
fn the_compact_form_checkout_reads_keeps_the_gift() {
    let text = compact(SHOP).expect("compacts");
    let read = form::read(&text, Currency::USD, None, &[]).expect("reads");
    let bar = read.config.shipping_bar.expect("the bar grants");
    assert_eq!(bar.goals[1].grants.gift.as_deref(), Some("tote"));
}

/// The tote in colours (spec §10): natural $15, black $18, red sold out; the $200 goal gives
/// the tote (the shopper's pick of colour), the $300 goal the black one only.
const COLOURS: &str = r#"{"currency":"USD",
  "products":[{"id":"lamp","title":"Lamp","price":"95.00"},
              {"id":"tote","title":"Tote bag","price":"15.00","options":["Colour"],"variants":[
                 {"id":"tote-natural","options":["Natural"]},
                 {"id":"tote-black","options":["Black"],"price":"18.00"},
                 {"id":"tote-red","options":["Red"],"available":false}]}],
  "shipping_bar":{"fillers":2,"goals":[
    {"threshold":"200.00","reward":"a free tote bag","grants":{"gift":"tote"}},
    {"threshold":"300.00","reward":"a black tote bag","grants":{"gift":"tote-black"}}]}}"#;

/// A goal's gift as the bar says it: `(variant, available, in_cart)`.
type Given = (Option<String>, bool, bool);

/// The bar's gifts for `items` with the shopper's `picks`, per goal; and the gift lines to
/// remove.
fn gifts_of(c: &Config, items: &[(&str, u32, bool)], picks: &[&str]) -> (Vec<Given>, Vec<String>) {
    let cx = Context {
        picks: picks.iter().map(|p| (*p).to_owned()).collect(),
        ..Context::default()
    };
    let bar = quote(c, &lines(c, items), &cx).shipping.expect("bar");
    let gifts = bar
        .goals
        .iter()
        .map(|g| {
            let gift = g.gift.as_ref().expect("each goal gives one");
            assert_eq!(
                (gift.product.as_str(), gift.title.as_str()),
                ("tote", "Tote bag")
            );
            (gift.variant.clone(), gift.available, gift.in_cart)
        })
        .collect();
    (gifts, bar.stale_gifts)
}

#[test]
fn the_tote_given_in_any_colour_is_the_natural_one_until_the_shopper_picks_black() {
    let c = config(COLOURS);
    let (gifts, _) = gifts_of(&c, &[("lamp", 3, false)], &[]);
    assert_eq!(gifts[0], (Some("tote-natural".to_owned()), true, false));
    // The $300 goal names the black one: always it.
    assert_eq!(gifts[1], (Some("tote-black".to_owned()), true, false));
    let (gifts, _) = gifts_of(&c, &[("lamp", 3, false)], &["tote-black"]);
    assert_eq!(gifts[0].0.as_deref(), Some("tote-black"));
    // A sold-out pick is never given: the first available instead.
    let (gifts, _) = gifts_of(&c, &[("lamp", 3, false)], &["tote-red"]);
    assert_eq!(gifts[0].0.as_deref(), Some("tote-natural"));
}

#[test]
fn a_black_tote_gift_line_is_the_200_goals_gift_and_at_300_also_the_black_goals() {
    let c = config(COLOURS);
    // $285: the $200 goal holds, its gift (any colour) is in the cart as black.
    let (gifts, stale) = gifts_of(&c, &[("lamp", 3, false), ("tote-black", 1, true)], &[]);
    assert!(gifts[0].2, "{gifts:?}");
    assert!(stale.is_empty(), "{stale:?}");
    // The natural tote is not the black one the $300 goal names.
    let (gifts, _) = gifts_of(&c, &[("lamp", 4, false), ("tote-natural", 1, true)], &[]);
    assert_eq!((gifts[0].2, gifts[1].2), (true, false));
    // At checkout: $380 of lamps, a natural and a black tote on gift lines: each goal makes
    // its own free, the natural by the first goal, the black by the second.
    let cart = lines(
        &c,
        &[
            ("lamp", 4, false),
            ("tote-natural", 1, true),
            ("tote-black", 1, true),
        ],
    );
    assert_eq!(charged_off(&c, &cart), [0, 1500, 1800]);
}

#[test]
fn with_only_the_200_goal_reached_the_natural_tote_gift_line_is_free_and_the_black_one_charged() {
    let c = config(COLOURS);
    let cart = lines(
        &c,
        &[
            ("lamp", 3, false),
            ("tote-natural", 1, true),
            ("tote-black", 1, true),
        ],
    );
    // The $200 goal gives one tote (the first gift line of it); the $300 goal is not reached.
    assert_eq!(charged_off(&c, &cart), [0, 1500, 0]);
    // $285 below $300: the black gift line beyond the first goal's is not reported, since
    // the $200 goal gives the tote in any colour.
    let (_, stale) = gifts_of(&c, &[("lamp", 3, false), ("tote-black", 1, true)], &[]);
    assert!(stale.is_empty(), "{stale:?}");
    // Below $200, the gift line is taken back.
    let (_, stale) = gifts_of(&c, &[("lamp", 2, false), ("tote-black", 1, true)], &[]);
    assert_eq!(stale, ["tote-black"]);
}

#[test]
fn a_tote_sold_out_in_every_colour_is_offered_by_no_goal_and_never_a_filler() {
    let c = config(
        &COLOURS
            .replace(
                r#""options":["Black"],"price":"18.00""#,
                r#""options":["Black"],"price":"18.00","available":false"#,
            )
            .replace(
                r#""options":["Natural"]"#,
                r#""options":["Natural"],"available":false"#,
            ),
    );
    let (gifts, _) = gifts_of(&c, &[("lamp", 3, false)], &[]);
    assert_eq!(gifts[0], (None, false, false));
    assert_eq!(gifts[1], (Some("tote-black".to_owned()), false, false));
    // A goal's gift is never offered to buy, in any colour.
    let c = config(COLOURS);
    let bar = quote(&c, &lines(&c, &[("lamp", 1, false)]), &Context::default())
        .shipping
        .expect("bar");
    assert!(
        bar.fillers.iter().all(|f| f.id != "tote"),
        "{:?}",
        bar.fillers
    );
}

#[test]
fn a_gift_may_name_a_variant_and_an_unknown_one_is_refused_at_its_path() {
    assert!(Config::from_json(COLOURS).is_ok());
    let errs = errors(&COLOURS.replace(r#""gift":"tote-black""#, r#""gift":"tote-blue""#));
    assert_eq!(
        paths_of(&errs),
        ["shipping_bar.goals[1].grants.gift"],
        "{errs:#?}"
    );
}

#[test]
fn the_form_names_a_variants_gift_by_its_product_and_the_variants_platform_id() {
    let with_ids = COLOURS
        .replace(
            r#""options":["Natural"]"#,
            r#""options":["Natural"],"variant_id":901"#,
        )
        .replace(
            r#""options":["Black"],"#,
            r#""options":["Black"],"variant_id":902,"#,
        )
        .replace(
            r#""options":["Red"],"#,
            r#""options":["Red"],"variant_id":903,"#,
        );
    let text = compact(&with_ids).expect("compacts");
    let read = form::read(&text, Currency::USD, None, &[]).expect("reads");
    let bar = read.config.shipping_bar.expect("the bar grants");
    let grants = |g: usize| {
        (
            bar.goals[g].grants.gift.as_deref(),
            bar.goals[g].grants.gift_line.as_deref(),
        )
    };
    assert_eq!(grants(0), (Some("tote"), None));
    assert_eq!(grants(1), (Some("tote"), Some("902")));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// A gift never makes the cart reach its own goal: whatever the gift lines hold, the goal
    /// holds exactly when the other lines reach it, and checkout then makes one unit of one gift
    /// line free (never more than its price), else nothing.
    #[test]
    fn a_gift_never_reaches_its_own_goal_and_is_free_for_one_unit_only_while_it_holds(
        lamps in 0u32..5,
        gifts in prop::collection::vec(0u32..4, 0..3),
        bought in 0u32..3,
    ) {
        let c = config(SHOP);
        let mut items = vec![("lamp", lamps, false), ("tote", bought, false)];
        items.extend(gifts.iter().map(|&q| ("tote", q, true)));
        let cart = lines(&c, &items);
        let bar = quote(&c, &cart, &Context::default()).shipping.expect("bar");
        let others = i64::from(lamps) * 9500 + i64::from(bought) * 1500;
        prop_assert_eq!(bar.subtotal.minor(), others);
        let holds = others >= 20_000;
        prop_assert_eq!(bar.goals[1].holds, holds);
        let off = charged_off(&c, &cart);
        let gift_off: i64 = off[2..].iter().sum();
        let any_gift = gifts.iter().any(|&q| q > 0);
        prop_assert_eq!(gift_off, if holds && any_gift { 1500 } else { 0 });
        // Nothing else is ever taken off: the lamps and a tote bought as itself pay in full.
        prop_assert_eq!(off[0] + off[1], 0);
        prop_assert_eq!(bar.stale_gifts.is_empty(), holds || !any_gift);
    }
}
