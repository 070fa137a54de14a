//! What personalization does to the figures (spec §8): offers for segments, a goal within the
//! shopper's reach, bundles that adapt to the cart, recommendations, countdowns, and the
//! config each experiment variant shows; and the merchant's mistakes in each, with paths.

mod common;
use cartlift_core::money::parse_amount;
use cartlift_core::visitor::{Landing, Page, Visitor};
use cartlift_core::{quote, Context, Currency, Money, Quote, Setup};
use common::*;

fn usd(text: &str) -> Money {
    parse_amount(text, Currency::USD).expect("an amount")
}

/// A browser that placed orders worth `values` (USD), the last an hour ago.
fn ordered(values: &[&str]) -> Visitor {
    let mut v = Visitor::new("v-1");
    v.visit(1_000, &Landing::default());
    for value in values {
        v.order(usd(value), vec!["mug".into()], 2_000, None);
    }
    v
}

const STORE: &str = r#"{
  "currency": "USD",
  "products": [
    { "id": "laptop", "title": "Laptop", "price": "1000.00", "related": ["mouse", "keyboard"] },
    { "id": "mouse", "title": "Mouse", "price": "50.00", "related": ["pad"] },
    { "id": "keyboard", "title": "Keyboard", "price": "150.00", "related": ["mouse"] },
    { "id": "pad", "title": "Mouse pad", "price": "10.00" },
    { "id": "mug", "title": "Mug", "price": "42.00", "related": ["pad", "laptop"] },
    { "id": "card", "title": "Gift card", "price": "0" }
  ],
  "segments": [
    { "id": "vip", "when": { "orders_min": 3 } },
    { "id": "returning", "when": { "returning": true } },
    { "id": "mobile", "when": { "max_width": 600 } },
    { "id": "newsletter", "when": { "utm_source": "newsletter" } }
  ],
  "shipping_bar": { "goals": [
    { "threshold": "75.00", "reward": "free shipping",
      "personal": { "above_typical_percent": 15, "round_to": "5.00", "min": "40.00", "max": "75.00" } }
  ] },
  "bundles": [
    { "id": "desk", "items": ["laptop", "mouse", "keyboard"], "percent_off": 10 },
    { "id": "pair", "items": ["mouse", "pad"], "price": "55.00" },
    { "id": "phone-only", "items": ["mouse", "pad"], "amount_off": "1.00", "segments": ["mobile"] }
  ],
  "upsells": [
    { "id": "vip-pad", "product": "pad", "title": "VIP mouse pad", "price": "5.00", "segments": ["vip"] },
    { "id": "pad", "product": "pad", "title": "Mouse pad" }
  ]
}"#;

fn with(visitor: Visitor, page: Page, items: &[(&str, u32)]) -> Quote {
    let config = config(STORE);
    let lines: Vec<String> = items
        .iter()
        .map(|(id, q)| format!(r#"{{"id":"{id}","quantity":{q}}}"#))
        .collect();
    let cart = cart(
        &config,
        &format!(r#"{{"currency":"USD","items":[{}]}}"#, lines.join(",")),
    );
    quote(
        &config,
        &cart,
        &Context {
            visitor: visitor.into(),
            page,
            ..Context::default()
        },
    )
}

#[test]
fn the_vip_upsell_shows_to_a_shopper_with_three_orders_and_the_plain_one_to_a_newcomer() {
    let vip = with(
        ordered(&["40.00", "42.00", "44.00"]),
        Page::default(),
        &[("mouse", 1)],
    );
    assert_eq!(vip.upsells[0].id, "vip-pad");
    assert_eq!(vip.upsells[0].price, usd("5.00"));
    let newcomer = with(Visitor::new("n"), Page::default(), &[("mouse", 1)]);
    assert_eq!(newcomer.upsells[0].id, "pad");
}

#[test]
fn the_vip_upsell_names_the_vip_segment_for_its_events_and_offers_for_everyone_name_none() {
    let vip = with(
        ordered(&["40.00", "42.00", "44.00"]),
        Page::default(),
        &[("mouse", 1)],
    );
    assert_eq!(vip.upsells[0].segment.as_deref(), Some("vip"));
    let plain = with(Visitor::new("n"), Page::default(), &[("mouse", 1)]);
    assert_eq!(plain.upsells[0].segment, None);
    assert!(plain.bundles.iter().all(|b| b.segment.is_none()));
    let goal = &plain.shipping.as_ref().expect("a bar").goals[0];
    assert_eq!(goal.segment, None);
    // On a phone, the phone-only bundle is shown for "mobile".
    let phone = with(
        Visitor::new("a"),
        Page {
            width: Some(375),
            ..Page::default()
        },
        &[],
    );
    let bundle = phone.bundles.iter().find(|b| b.id == "phone-only");
    assert_eq!(bundle.and_then(|b| b.segment.as_deref()), Some("mobile"));
}

#[test]
fn the_phone_only_bundle_shows_at_375_px_and_not_at_1280() {
    let phone = Page {
        width: Some(375),
        ..Page::default()
    };
    let desktop = Page {
        width: Some(1280),
        ..Page::default()
    };
    let ids = |q: &Quote| q.bundles.iter().map(|b| b.id.clone()).collect::<Vec<_>>();
    assert!(ids(&with(Visitor::new("a"), phone, &[])).contains(&"phone-only".to_owned()));
    let wide = with(Visitor::new("a"), desktop, &[]);
    assert!(!ids(&wide).contains(&"phone-only".to_owned()));
    assert!(wide.bundles_left_out.iter().any(|l| l.id == "phone-only"
        && l.reason == cartlift_core::bundles::LeftOutReason::NotForShopper));
}

#[test]
fn a_shopper_who_typically_spends_42_is_8_dollars_from_a_50_dollar_goal() {
    // 42 × 1.15 = 48.30, rounded up to a multiple of 5: 50.00.
    let q = with(ordered(&["42.00"]), Page::default(), &[("mug", 1)]);
    let bar = q.shipping.expect("a goal");
    assert_eq!(bar.goals[0].threshold, usd("50.00"));
    assert_eq!(bar.goals[0].typical, Some(usd("42.00")));
    assert_eq!(bar.remaining, usd("8.00"));
}

#[test]
fn the_personal_goal_is_held_to_its_max_and_a_newcomer_gets_the_global_75() {
    let big = with(
        ordered(&["300.00", "310.00"]),
        Page::default(),
        &[("mug", 1)],
    );
    assert_eq!(
        big.shipping.expect("a goal").goals[0].threshold,
        usd("75.00")
    );
    let small = with(ordered(&["10.00"]), Page::default(), &[("mug", 1)]);
    assert_eq!(
        small.shipping.expect("a goal").goals[0].threshold,
        usd("40.00")
    );
    let newcomer = with(Visitor::new("n"), Page::default(), &[("mug", 1)]);
    let bar = newcomer.shipping.expect("a goal");
    assert_eq!(bar.goals[0].threshold, usd("75.00"));
    assert_eq!(bar.goals[0].typical, None);
}

#[test]
fn a_euro_cart_keeps_the_goal_s_by_currency_threshold_never_a_personal_one() {
    let config = config(&STORE.replace(
        r#""threshold": "75.00", "reward""#,
        r#""threshold": "75.00", "by_currency": {"EUR": "70.00"}, "reward""#,
    ));
    let cart = cart(&config, r#"{"currency":"EUR","items":[]}"#);
    let q = quote(
        &config,
        &cart,
        &Context {
            visitor: ordered(&["42.00"]).into(),
            ..Context::default()
        },
    );
    assert_eq!(
        q.shipping.expect("a goal").goals[0].threshold,
        parse_amount("70.00", Currency::from_code("EUR").expect("EUR")).expect("an amount")
    );
}

#[test]
fn with_the_laptop_in_the_cart_the_desk_set_is_completed_by_mouse_and_keyboard_at_10_percent_off() {
    let q = with(Visitor::new("a"), Page::default(), &[("laptop", 1)]);
    let desk = q.bundles.iter().find(|b| b.id == "desk").expect("offered");
    let rest = desk.completion.as_ref().expect("partly in the cart");
    assert_eq!(rest.missing, [1, 2]);
    // The mouse and the keyboard at their shares of the bundle price: 45.00 + 135.00.
    assert_eq!(rest.price, usd("180.00"));
    assert_eq!(rest.saving, usd("20.00"));
    assert!(!desk.complete_in_cart);
}

#[test]
fn a_bundle_wholly_in_the_cart_says_so_and_offers_no_completion() {
    let q = with(
        Visitor::new("a"),
        Page::default(),
        &[("mouse", 1), ("pad", 1)],
    );
    let pair = q.bundles.iter().find(|b| b.id == "pair").expect("offered");
    assert!(pair.complete_in_cart);
    assert_eq!(pair.completion, None);
}

#[test]
fn a_bundle_of_two_mice_with_one_in_the_cart_is_completed_by_the_second() {
    let config = config(&STORE.replace(
        r#""items": ["mouse", "pad"], "price": "55.00""#,
        r#""items": ["mouse", "mouse"], "price": "90.00""#,
    ));
    let c = cart(
        &config,
        r#"{"currency":"USD","items":[{"id":"mouse","quantity":1}]}"#,
    );
    let q = quote(&config, &c, &Context::default());
    let pair = q.bundles.iter().find(|b| b.id == "pair").expect("offered");
    assert_eq!(pair.completion.as_ref().expect("one held").missing, [1]);
    assert_eq!(
        pair.completion.as_ref().expect("one held").price,
        usd("45.00")
    );
}

#[test]
fn bundles_come_in_cart_first_then_viewed_then_in_the_merchant_s_order() {
    let mut viewer = Visitor::new("a");
    viewer.view("keyboard");
    // Nothing in the cart: the viewed keyboard's desk set comes before the pair.
    let q = with(viewer.clone(), Page::default(), &[]);
    assert_eq!(q.bundles[0].id, "desk");
    // The pad in the cart: the pair builds on it and comes first.
    let q = with(viewer, Page::default(), &[("pad", 1)]);
    assert_eq!(q.bundles[0].id, "pair");
    assert_eq!(q.bundles[1].id, "desk");
}

#[test]
fn recommendations_follow_the_cart_then_what_was_viewed_and_never_what_the_cart_holds() {
    let mut viewer = Visitor::new("a");
    viewer.view("mug");
    let q = with(viewer, Page::default(), &[("laptop", 1), ("mouse", 1)]);
    let ids: Vec<&str> = q.recommendations.iter().map(|r| r.id.as_str()).collect();
    // The laptop's keyboard (2), the mouse's pad (2) + the mug's pad (1) = 3 first; the mug's
    // laptop is in the cart; the mouse is in the cart.
    assert_eq!(ids, ["pad", "keyboard"]);
}

#[test]
fn on_the_mouses_page_the_mouse_is_never_recommended_though_the_keyboard_in_the_cart_relates_to_it()
{
    let config = config(STORE);
    let c = cart(
        &config,
        r#"{"currency":"USD","items":[{"id":"keyboard","quantity":1}]}"#,
    );
    let q = quote(
        &config,
        &c,
        &Context {
            viewing: vec!["mouse".into()],
            ..Context::default()
        },
    );
    let ids: Vec<&str> = q.recommendations.iter().map(|r| r.id.as_str()).collect();
    // The keyboard relates to the mouse (2) and the mouse to the pad (1): only the pad.
    assert_eq!(ids, ["pad"]);
}

#[test]
fn a_recommended_pad_that_completes_the_pair_costs_its_share_of_the_bundle() {
    let q = with(Visitor::new("a"), Page::default(), &[("mouse", 1)]);
    let pad = q
        .recommendations
        .iter()
        .find(|r| r.id == "pad")
        .expect("recommended");
    // Pair 55.00 for 60.00 of items: the pad's share is 9.17, so it saves 0.83.
    assert_eq!(pad.bundle.as_deref(), Some("pair"));
    assert_eq!(pad.price, usd("10.00"));
    assert_eq!(pad.bundle_price, usd("9.17"));
    assert_eq!(pad.saving, usd("0.83"));
}

#[test]
fn nothing_viewed_and_an_empty_cart_recommend_nothing_and_free_products_never() {
    let q = with(Visitor::new("a"), Page::default(), &[]);
    assert!(q.recommendations.is_empty());
    let config =
        config(&STORE.replace(r#""related": ["pad", "laptop"]"#, r#""related": ["card"]"#));
    let c = cart(
        &config,
        r#"{"currency":"USD","items":[{"id":"mug","quantity":1}]}"#,
    );
    assert!(quote(&config, &c, &Context::default())
        .recommendations
        .is_empty());
}

#[test]
fn countdowns_show_from_24_hours_by_default_and_never_with_0() {
    let q = quote_for(&config(STORE), &[]);
    assert_eq!(q.countdown_seconds, 24 * 3600);
    let none = config(&STORE.replacen(
        "{\n  \"currency\": \"USD\",",
        "{\n  \"currency\": \"USD\", \"countdown_hours\": 0,",
        1,
    ));
    assert_eq!(quote_for(&none, &[]).countdown_seconds, 0);
}

const EXPERIMENT: &str = r#""experiments": [{ "id": "threshold-test", "variants": [
    { "id": "control", "weight": 50 },
    { "id": "t60", "weight": 50, "config": { "shipping_bar": { "goals": [{ "threshold": "60.00", "reward": "free shipping" }] }, "upsells": [] } }
  ] }],"#;

fn experimenting() -> Setup {
    Setup::from_json(&STORE.replacen("\"segments\":", &format!("{EXPERIMENT} \"segments\":"), 1))
        .expect("valid")
}

#[test]
fn the_t60_variant_shows_a_60_dollar_goal_and_no_upsell_and_the_control_the_config() {
    let setup = experimenting();
    let t60 = setup.for_visitor(Some("anyone"), &["t60".into()]);
    assert_eq!(
        t60.variants,
        [("threshold-test".to_owned(), "t60".to_owned())]
    );
    let config = t60.config.expect("the variant changes the config");
    let q = quote(
        &config,
        &cart(&config, r#"{"currency":"USD","items":[]}"#),
        &Context::default(),
    );
    assert_eq!(q.shipping.expect("a goal").goals[0].threshold, usd("60.00"));
    assert!(q.upsells.is_empty());
    let control = setup.for_visitor(Some("anyone"), &["control".into()]);
    assert!(control.config.is_none());
    assert_eq!(control.variants[0].1, "control");
    // A shopper who declined to be remembered sees the first variant, whatever the weights.
    assert_eq!(setup.for_visitor(None, &[]).variants[0].1, "control");
}

#[test]
fn a_visitor_s_variant_is_the_same_on_every_page_and_about_half_see_each() {
    let setup = experimenting();
    let mut t60 = 0;
    for i in 0..2_000 {
        let id = format!("visitor-{i}");
        let first = setup.for_visitor(Some(&id), &[]).variants;
        assert_eq!(first, setup.for_visitor(Some(&id), &[]).variants, "sticky");
        t60 += usize::from(first[0].1 == "t60");
    }
    // 1,000 expected; 4 standard deviations of a binomial(2000, 0.5) is about 89.
    assert!((911..=1089).contains(&t60), "{t60}");
}

#[test]
fn a_variant_whose_change_breaks_the_config_is_refused_with_its_path() {
    let broken = STORE.replacen(
        "\"segments\":",
        r#""experiments": [{ "id": "e", "variants": [
            { "id": "control", "weight": 1 },
            { "id": "b", "weight": 1, "config": { "bundles": [{ "id": "x", "items": ["mouse", "mous"], "price": "1.00" }] } }
        ] }], "segments":"#,
        1,
    );
    let errs = errors(&broken);
    assert_eq!(
        errs,
        [
            r#"experiments[0].variants[1].config: bundles[0].items[1]: no product has the id "mous" (did you mean "mouse"?)"#
        ]
    );
}

#[test]
fn the_merchant_hears_of_an_undefined_segment_a_lone_variant_and_an_impossible_rule() {
    let text = STORE
        .replace(r#""segments": ["vip"]"#, r#""segments": ["vipp"]"#)
        .replace(r#""min": "40.00", "max": "75.00""#, r#""min": "80.00", "max": "75.00""#)
        .replacen(
            "\"segments\":",
            r#""experiments": [{ "id": "e", "variants": [{ "id": "only", "weight": 0, "config": { "currency": "EUR" } }] }], "countdown_hours": 10000, "segments":"#,
            1,
        );
    let errs = errors(&text);
    for wanted in [
        r#"upsells[0].segments[0]: no segment has the id "vipp" (did you mean "vip"?); define it in the config's "segments""#,
        "shipping_bar.goals[0].personal.min: min (80.00) is above max (75.00), so no threshold fits",
        "experiments[0].variants: an experiment needs at least two variants (a control and what it is tested against)",
        "experiments[0].variants: every weight is 0, so no shopper would be in the experiment; give each variant its share, like 50 and 50",
        r#"experiments[0].variants[0].config.currency: a variant cannot change "currency": it stays the config's for every shopper (test prices with bundles, tiers or upsells)"#,
        "countdown_hours: a countdown of 10000 hours is no longer urgent; use 744 or fewer",
    ] {
        assert!(errs.iter().any(|e| e == wanted), "{wanted:?} not in {errs:#?}");
    }
}

#[test]
fn segments_name_known_products_and_countries_and_a_product_is_not_related_to_itself() {
    let text = STORE
        .replace(
            r#""orders_min": 3"#,
            r#""orders_min": 3, "viewed": ["lapto"], "country": ["usa"]"#,
        )
        .replace(r#""related": ["pad"]"#, r#""related": ["mouse"]"#);
    let errs = errors(&text);
    for wanted in [
        r#"segments[0].when.viewed[0]: no product has the id "lapto" (did you mean "laptop"?)"#,
        r#"segments[0].when.country[0]: "usa" is not a country code; write it as two capital letters, like "CA" or "DE""#,
        "products[1].related[0]: a product cannot be related to itself",
    ] {
        assert!(
            errs.iter().any(|e| e == wanted),
            "{wanted:?} not in {errs:#?}"
        );
    }
}

#[test]
fn a_mistake_in_the_config_itself_is_reported_once_not_again_for_each_variant() {
    let text = r#"{"currency":"USD","products":[{"id":"a","title":"A","price":"10.00"}],
        "bundles":[{"id":"b","items":["a","z"],"percent_off":10}],
        "experiments":[{"id":"x","variants":[{"id":"control","weight":1},
            {"id":"t","weight":1,"config":{"shipping_bar":{"goals":[{"threshold":"5.00","reward":"free shipping"}]}}}]}]}"#;
    let Err(errors) = Setup::from_json(text) else {
        panic!("the config is refused");
    };
    let at: Vec<&str> = errors.iter().map(|e| e.path()).collect();
    assert_eq!(at, ["bundles[0].items[1]"]);
}
