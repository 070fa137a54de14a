//! What cartlift remembers of a browser and what it means: stored records never trusted, the
//! caps, visits, the typical order, the personal threshold, segments and experiment variants.

use cartlift_core::money::parse_amount;
use cartlift_core::visitor::{
    self, personal_threshold, variant, Landing, Page, Personal, Shopper, Visitor, When,
};
use cartlift_core::{Currency, Money, Percent};
use proptest::prelude::*;

fn usd(text: &str) -> Money {
    parse_amount(text, Currency::USD).expect("an amount")
}

fn with_orders(values: &[&str]) -> Visitor {
    let mut v = Visitor::new("abc");
    v.visit(1_000, &Landing::default());
    for (i, value) in values.iter().enumerate() {
        v.order(usd(value), vec![format!("p{i}")], 2_000 + i as i64, None);
    }
    v
}

#[test]
fn a_record_round_trips_through_its_stored_text() {
    let mut v = with_orders(&["42.00", "38.50"]);
    v.view("kettle");
    let again = Visitor::from_stored(Some(&v.to_stored()), "fresh");
    assert_eq!(again, v);
}

#[test]
fn a_corrupt_foreign_or_oversized_record_is_dropped_for_a_new_visitor() {
    let fresh = Visitor::new("fresh");
    for stored in [
        "not json",
        "{\"v\": 9, \"id\": \"x\", \"first\": 1, \"last\": 2, \"visits\": 1}",
        "{\"v\": 1, \"id\": \"x\", \"first\": 5, \"last\": 2, \"visits\": 1}",
        "{\"v\": 1, \"id\": \"x\", \"first\": 1, \"last\": 2, \"visits\": -1}",
        "{\"v\": 1, \"id\": \"x\", \"first\": 1, \"last\": 2, \"visits\": 1, \"orders\": [{\"at\": 1, \"minor\": 100, \"currency\": \"XXX1\", \"products\": []}]}",
        "{\"v\": 1, \"id\": \"x\", \"first\": 1, \"last\": 2, \"visits\": 1, \"viewed\": [1, 2]}",
        "[]",
        "{\"someone\": \"else's key\"}",
    ] {
        assert_eq!(Visitor::from_stored(Some(stored), "fresh"), fresh, "{stored}");
    }
    let long = format!(
        "{{\"v\": 1, \"id\": \"{}\"}}",
        "x".repeat(visitor::MAX_STORED_BYTES)
    );
    assert_eq!(Visitor::from_stored(Some(&long), "fresh"), fresh);
    assert_eq!(Visitor::from_stored(None, "fresh"), fresh);
}

#[test]
fn a_version_0_record_is_migrated() {
    let v0 = "{\"id\": \"old\", \"first\": 10, \"last\": 20, \"visits\": 3, \"viewed\": [\"mug\"]}";
    let v = Visitor::from_stored(Some(v0), "fresh");
    assert_eq!(
        (v.v, v.id.as_str(), v.visits, v.viewed.clone()),
        (1, "old", 3, vec!["mug".to_owned()])
    );
}

#[test]
fn a_second_visit_counts_after_30_minutes_away_and_not_before() {
    let mut v = Visitor::new("a");
    v.visit(0, &Landing::default());
    v.visit(29 * 60, &Landing::default());
    assert_eq!(v.visits, 1);
    assert!(!v.returning());
    v.visit(29 * 60 + 30 * 60, &Landing::default());
    assert_eq!(v.visits, 2);
    assert!(v.returning());
}

#[test]
fn views_keep_the_latest_50_each_once_and_orders_the_latest_20() {
    let mut v = Visitor::new("a");
    for i in 0..60 {
        v.view(&format!("p{i}"));
    }
    v.view("p30");
    assert_eq!(v.viewed.len(), visitor::MAX_VIEWED);
    assert_eq!(v.viewed.last().map(String::as_str), Some("p30"));
    assert_eq!(v.viewed.first().map(String::as_str), Some("p10"));
    for i in 0..25 {
        v.order(usd("10.00"), vec![], i, None);
    }
    assert_eq!(v.orders.len(), visitor::MAX_ORDERS);
    assert_eq!(v.orders[0].at, 5);
}

#[test]
fn the_typical_order_of_42_and_38_50_and_90_is_42() {
    assert_eq!(
        with_orders(&["42.00", "38.50", "90.00"]).typical_order(Currency::USD),
        Some(usd("42.00"))
    );
    // An even count: the middle two averaged, half a cent rounded away from zero.
    assert_eq!(
        with_orders(&["10.00", "10.01"]).typical_order(Currency::USD),
        Some(usd("10.01"))
    );
    assert_eq!(
        with_orders(&["10.00"]).typical_order(Currency::from_code("EUR").expect("EUR")),
        None
    );
}

fn rule() -> Personal {
    Personal {
        above_typical: Percent::from_basis_points(2000).expect("20%"),
        round_to: Some(usd("5.00")),
        min: Some(usd("40.00")),
        max: Some(usd("75.00")),
    }
}

#[test]
fn a_shopper_who_typically_spends_42_gets_a_goal_of_55_add_just_8_more_from_47() {
    // $42 + 20% = $50.40, rounded up to $55.00.
    assert_eq!(
        personal_threshold(usd("75.00"), rule(), &with_orders(&["42.00"])),
        usd("55.00")
    );
    // Clamped: $20 + 20% = $24 → $25, but never below $40; $90 + 20% → $110, never above $75.
    assert_eq!(
        personal_threshold(usd("75.00"), rule(), &with_orders(&["20.00"])),
        usd("40.00")
    );
    assert_eq!(
        personal_threshold(usd("75.00"), rule(), &with_orders(&["90.00"])),
        usd("75.00")
    );
    // No history: the goal's own threshold.
    assert_eq!(
        personal_threshold(usd("75.00"), rule(), &Visitor::new("new")),
        usd("75.00")
    );
}

#[test]
fn segments_hold_on_history_and_on_the_page() {
    let vip = When {
        orders_min: Some(3),
        ..When::default()
    };
    let mobile = When {
        max_width: Some(600),
        ..When::default()
    };
    let newcomer = When {
        returning: Some(false),
        ..When::default()
    };
    let campaign = When {
        utm_campaign: Some("black-friday".into()),
        country: vec!["US".into(), "CA".into()],
        ..When::default()
    };
    let big_spender = When {
        typical_min: Some(usd("100.00")),
        ..When::default()
    };
    let fan = When {
        viewed: vec!["kettle".into()],
        bought: vec!["p0".into()],
        ..When::default()
    };
    let three = with_orders(&["120.00", "110.00", "130.00"]);
    let mut looker = Visitor::new("l");
    looker.visit(
        0,
        &Landing {
            utm_source: None,
            utm_campaign: Some("Black-Friday".into()),
        },
    );
    looker.view("kettle");
    let phone = Page {
        width: Some(390),
        country: Some("us".into()),
    };
    let desk = Page {
        width: Some(1280),
        ..Page::default()
    };
    assert!(vip.holds(&three, &desk) && !vip.holds(&looker, &desk));
    assert!(
        mobile.holds(&looker, &phone)
            && !mobile.holds(&looker, &desk)
            && !mobile.holds(&looker, &Page::default())
    );
    assert!(newcomer.holds(&looker, &desk) && !newcomer.holds(&three, &desk));
    // The campaign the visit landed from, in a listed country (the desk page names none).
    assert!(campaign.holds(&looker, &phone) && !campaign.holds(&looker, &desk));
    assert!(big_spender.holds(&three, &desk) && !big_spender.holds(&looker, &desk));
    // Viewed the kettle, but bought nothing: both lists must hold.
    assert!(!fan.holds(&looker, &desk));
    assert!(When::default().holds(&looker, &desk));
}

#[test]
fn a_variant_is_sticky_for_an_id_and_independent_across_experiments() {
    let a = variant("visitor-1", "threshold-test", &[50, 50]);
    for _ in 0..10 {
        assert_eq!(variant("visitor-1", "threshold-test", &[50, 50]), a);
    }
    // Over many ids, the same visitor's variants in two experiments agree about half the time.
    let agree = (0..10_000)
        .filter(|i| {
            let id = format!("v{i}");
            variant(&id, "one", &[50, 50]) == variant(&id, "two", &[50, 50])
        })
        .count();
    assert!((4_700..=5_300).contains(&agree), "{agree}");
    assert_eq!(variant("x", "e", &[0, 0]), None);
}

#[test]
fn weights_are_honoured_within_sampling_error_over_100000_ids() {
    let weights = [50, 30, 20];
    let mut seen = [0u32; 3];
    for i in 0..100_000u32 {
        // Ids as the page makes them: random hex.
        let id = format!(
            "{:016x}",
            (u64::from(i)).wrapping_mul(0x9e37_79b9_7f4a_7c15)
        );
        seen[variant(&id, "threshold-test", &weights).expect("a variant")] += 1;
    }
    for (k, &w) in weights.iter().enumerate() {
        let expected = 100_000.0 * f64::from(w) / 100.0;
        let sd = (100_000.0 * (f64::from(w) / 100.0) * (1.0 - f64::from(w) / 100.0)).sqrt();
        // Four standard deviations: a failure here is a bias, not bad luck.
        assert!(
            (f64::from(seen[k]) - expected).abs() < 4.0 * sd,
            "variant {k}: {} of 100000 for a weight of {w}%",
            seen[k]
        );
    }
}

proptest! {
    /// Whatever text is stored, reading it gives a record that writes and reads back as itself.
    #[test]
    fn any_stored_text_reads_as_a_record_that_round_trips(text in ".{0,300}") {
        let v = Visitor::from_stored(Some(&text), "fresh");
        prop_assert_eq!(Visitor::from_stored(Some(&v.to_stored()), "other"), v);
    }

    /// The personal threshold stays within its min and max, and on a multiple of round_to.
    #[test]
    fn the_personal_threshold_is_clamped_and_rounded(cents in 1i64..1_000_000) {
        let mut v = Visitor::new("p");
        v.order(Money::from_minor(cents, Currency::USD), vec![], 1, None);
        let t = personal_threshold(usd("75.00"), rule(), &v);
        prop_assert!(t.minor() >= 4000 && t.minor() <= 7500);
        prop_assert_eq!(t.minor() % 500, 0);
    }
}

#[test]
fn an_offer_for_vips_shows_to_a_shopper_with_three_orders_and_not_to_a_newcomer() {
    let defined = vec![(
        "vip".to_owned(),
        When {
            orders_min: Some(3),
            ..When::default()
        },
    )];
    let page = Page::default();
    let vip = with_orders(&["10.00", "20.00", "30.00"]);
    let newcomer = Visitor::new("n");
    let index = defined
        .iter()
        .position(|(id, _)| id == "vip")
        .expect("defined");
    let vip = Shopper::new(&vip, &page, &defined);
    let newcomer = Shopper::new(&newcomer, &page, &defined);
    assert!(vip.admits(&[index]));
    assert_eq!(vip.segment(&[index], &defined).as_deref(), Some("vip"));
    assert!(!newcomer.admits(&[index]));
    assert_eq!(newcomer.segment(&[index], &defined), None);
    // No segments: everyone; an index past the definitions: no one.
    assert!(newcomer.admits(&[]));
    assert!(!vip.admits(&[defined.len()]));
    // Checkout knows no shopper: every offer stands.
    assert!(Shopper::anyone().admits(&[index]));
}

#[test]
fn a_variant_changes_the_goal_keeps_the_bars_messages_and_can_hide_the_upsells() {
    use cartlift_core::json::{parse, tree_to_string};
    let base = parse(r#"{"currency":"USD","shipping_bar":{"goals":[{"threshold":"50.00","reward":"free shipping"}],"messages":{"achieved":"Yay"}},"upsells":[{"id":"w","product":"p"}]}"#).expect("JSON");
    let t60 = parse(r#"{"shipping_bar":{"goals":[{"threshold":"60.00","reward":"free shipping"}]},"upsells":[]}"#).expect("JSON");
    assert_eq!(
        tree_to_string(&visitor::overlay(&base, &t60)),
        r#"{"currency":"USD","shipping_bar":{"goals":[{"threshold":"60.00","reward":"free shipping"}],"messages":{"achieved":"Yay"}},"upsells":[]}"#
    );
    // An empty partial is the control: the base as it is.
    assert_eq!(visitor::overlay(&base, &parse("{}").expect("JSON")), base);
}

#[test]
fn an_order_confirmation_shown_twice_is_one_order() {
    let mut v = Visitor::new("a");
    assert!(v.order(usd("42.00"), vec!["mug".into()], 10, Some("#1001".into())));
    assert!(!v.order(usd("42.00"), vec!["mug".into()], 20, Some("#1001".into())));
    assert!(v.order(usd("42.00"), vec!["mug".into()], 30, None));
    assert_eq!(v.orders.len(), 2);
    // The id survives storage, and a record whose order id is not text is not trusted.
    let back = Visitor::from_stored(Some(&v.to_stored()), "fresh");
    assert_eq!(back, v);
    let bad = v.to_stored().replace(r##""id":"#1001""##, r#""id":7"#);
    assert_eq!(Visitor::from_stored(Some(&bad), "fresh").id, "fresh");
}

#[test]
fn a_visit_lands_from_its_first_page_s_campaign_and_the_next_visit_from_its_own() {
    let newsletter = Landing {
        utm_source: Some("newsletter".into()),
        utm_campaign: None,
    };
    let mut v = Visitor::new("a");
    v.visit(0, &newsletter);
    // A later page of the same visit has no utm_*: the visit still came from the newsletter.
    v.visit(60, &Landing::default());
    assert_eq!(v.utm_source.as_deref(), Some("newsletter"));
    // An hour away: a new visit, landing without a campaign.
    v.visit(60 + 3_600, &Landing::default());
    assert_eq!(v.utm_source, None);
}
