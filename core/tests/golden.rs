//! Golden vectors: for each config and cart below, every figure the widget shows (bundle prices
//! and their line shares, tier prices, upsell prices) and what checkout takes off each line, in
//! `core/tests/golden/*.json`. The Shopify Function's tests (`functions/discount/`) replay each
//! file as a Shopify input and hold checkout to these figures, so a change to the pricing that
//! reaches one side and not the other fails there.
//!
//! The files are written by `cargo xtask golden` (which runs this test with `CARTLIFT_BLESS=1`);
//! without it, this test fails when a file is stale, missing or left over.

use cartlift_core::checkout::{self, Clock, Mark};
use cartlift_core::{quote, Cart, Config, Context};
use serde_json::{json, Value};
use std::path::PathBuf;

/// The instant the widget quotes at, and the shop's local date checkout sees.
const NOW: &str = "2026-11-27T12:00:00Z";
const DATE: &str = "2026-11-27";

/// One vector: a config, a cart as the platform holds it (with cartlift's marks on its lines),
/// and claims: "these lines cost, at checkout, exactly this widget figure (or sum of figures)".
struct Case {
    name: &'static str,
    about: &'static str,
    country: &'static str,
    config: &'static str,
    cart: &'static str,
    /// Per line: `_cartlift_bundle`, `_cartlift_offer`.
    marks: &'static [(Option<&'static str>, Option<&'static str>)],
    /// Lines, and the figures they add up to: `bundles.ID.price`, `tiers.PRODUCT.line_price`,
    /// `upsells.ID.price`, `lines.I.total` (a line at its own price), `unit.I` (one of line I),
    /// `completion.ID.price.without.I.J…` (what "Complete the set" quoted for the rest of
    /// bundle ID, on this cart before lines I, J… were added).
    claims: &'static [(&'static [usize], &'static [&'static str])],
}

const OFFICE_USD: &str = r#"{
  "currency": "USD",
  "products": [
    { "id": "laptop", "title": "Laptop Pro 14", "price": "1000.00", "variant_id": 44000000000001 },
    { "id": "mouse", "title": "Wireless Mouse", "price": "50.00", "variant_id": 44000000000002 },
    { "id": "keyboard", "title": "Keyboard", "price": "150.00", "variant_id": 44000000000003 },
    { "id": "warranty", "title": "2-year warranty", "price": "12.00", "variant_id": 44000000000004 },
    { "id": "socks", "title": "Socks", "price": "9.00", "variant_id": 44000000000006 }
  ],
  "bundles": [
    { "id": "office-2", "title": "Laptop + Mouse", "items": ["laptop", "mouse"], "price": "950.00" },
    { "id": "desk-3", "title": "Desk set", "items": ["laptop", "mouse", "keyboard"], "percent_off": 15 },
    { "id": "gone", "title": "Last week's set", "items": ["mouse", "keyboard"], "price": "150.00", "ends_at": "2026-11-25T00:00:00Z" }
  ],
  "volume_tiers": [
    { "product": "socks", "tiers": [ { "min_quantity": 3, "percent_off": 10 }, { "min_quantity": 6, "percent_off": 15 } ] }
  ],
  "upsells": [
    { "id": "warranty-2y", "product": "warranty", "title": "Add a 2-year warranty", "percent_off": 10, "when": { "cart_contains": ["laptop"] } }
  ]
}"#;

const SHOP_JPY: &str = r#"{
  "currency": "JPY",
  "locale": "ja-JP",
  "products": [
    { "id": "teapot", "title": "急須", "price": "1000", "variant_id": 51000000000001 },
    { "id": "cups", "title": "湯呑み", "price": "333", "variant_id": 51000000000002 },
    { "id": "tea", "title": "煎茶", "price": "1234", "variant_id": 51000000000003 }
  ],
  "bundles": [ { "id": "tea-set", "title": "Tea set", "items": ["teapot", "cups"], "percent_off": 10 } ],
  "volume_tiers": [ { "product": "tea", "tiers": [ { "min_quantity": 5, "percent_off": 7.5 } ] } ]
}"#;

const SHOP_KWD: &str = r#"{
  "currency": "KWD",
  "locale": "ar-KW",
  "products": [
    { "id": "oud", "title": "Oud", "price": "12.345", "variant_id": 52000000000001 },
    { "id": "musk", "title": "Musk", "price": "7.005", "variant_id": 52000000000002 },
    { "id": "watch", "title": "Watch", "price": "120.500", "variant_id": 52000000000003 },
    { "id": "strap", "title": "Strap", "price": "35.000", "variant_id": 52000000000004 },
    { "id": "amber", "title": "Amber", "price": "3.333", "variant_id": 52000000000005 }
  ],
  "bundles": [ { "id": "scents", "title": "Oud and musk", "items": ["oud", "musk"], "amount_off": "1.000" } ],
  "volume_tiers": [ { "product": "amber", "tiers": [ { "min_quantity": 3, "percent_off": 12.5 } ] } ],
  "upsells": [
    { "id": "strap-deal", "product": "strap", "title": "A second strap", "percent_of": { "product": "watch", "percent": 25 }, "percent_off": 10, "when": { "cart_contains": ["watch"] } }
  ]
}"#;

const CASES: &[Case] = &[
    Case {
        name: "usd-bundle-fixed-price",
        about: "Laptop $1,000 + mouse $50 as the $950 bundle: the lines cost $904.76 and $45.24, $950.00 in all",
        country: "US",
        config: OFFICE_USD,
        cart: r#"{"currency":"USD","items":[{"id":"laptop","quantity":1,"price":"1000.00"},{"id":"mouse","quantity":1,"price":"50.00"}]}"#,
        marks: &[(Some("office-2"), None), (Some("office-2"), None)],
        claims: &[(&[0, 1], &["bundles.office-2.price"])],
    },
    Case {
        name: "usd-bundle-percent-off-three-items",
        about: "The desk set at 15% off $1,200: $1,020.00, its shares adding up to the cent",
        country: "US",
        config: OFFICE_USD,
        cart: r#"{"currency":"USD","items":[{"id":"laptop","quantity":1,"price":"1000.00"},{"id":"mouse","quantity":1,"price":"50.00"},{"id":"keyboard","quantity":1,"price":"150.00"}]}"#,
        marks: &[(Some("desk-3"), None), (Some("desk-3"), None), (Some("desk-3"), None)],
        claims: &[(&[0, 1, 2], &["bundles.desk-3.price"])],
    },
    Case {
        name: "usd-bundle-two-sets",
        about: "Two laptops and two mice marked for the $950 bundle: two sets, $1,900.00",
        country: "US",
        config: OFFICE_USD,
        cart: r#"{"currency":"USD","items":[{"id":"laptop","quantity":2,"price":"1000.00"},{"id":"mouse","quantity":2,"price":"50.00"}]}"#,
        marks: &[(Some("office-2"), None), (Some("office-2"), None)],
        claims: &[(&[0, 1], &["bundles.office-2.price", "bundles.office-2.price"])],
    },
    Case {
        name: "usd-bundle-edited-by-hand",
        about: "A second laptop added by hand after the bundle: one set at $950, the other laptop at $1,000",
        country: "US",
        config: OFFICE_USD,
        cart: r#"{"currency":"USD","items":[{"id":"laptop","quantity":2,"price":"1000.00"},{"id":"mouse","quantity":1,"price":"50.00"}]}"#,
        marks: &[(Some("office-2"), None), (Some("office-2"), None)],
        claims: &[(&[0, 1], &["bundles.office-2.price", "unit.0"])],
    },
    Case {
        name: "usd-bundle-incomplete",
        about: "The mouse removed after the bundle add: the laptop marked office-2 costs its own $1,000",
        country: "US",
        config: OFFICE_USD,
        cart: r#"{"currency":"USD","items":[{"id":"laptop","quantity":1,"price":"1000.00"}]}"#,
        marks: &[(Some("office-2"), None)],
        claims: &[(&[0], &["lines.0.total"])],
    },
    Case {
        name: "usd-bundle-expired",
        about: "Lines marked for a bundle that ended two days ago: no discount",
        country: "US",
        config: OFFICE_USD,
        cart: r#"{"currency":"USD","items":[{"id":"mouse","quantity":1,"price":"50.00"},{"id":"keyboard","quantity":1,"price":"150.00"}]}"#,
        marks: &[(Some("gone"), None), (Some("gone"), None)],
        claims: &[(&[0, 1], &["lines.0.total", "lines.1.total"])],
    },
    Case {
        name: "usd-bundle-not-in-config",
        about: "Lines marked for a bundle the config does not have: no discount",
        country: "US",
        config: OFFICE_USD,
        cart: r#"{"currency":"USD","items":[{"id":"laptop","quantity":1,"price":"1000.00"},{"id":"mouse","quantity":1,"price":"50.00"}]}"#,
        marks: &[(Some("made-up"), None), (Some("made-up"), None)],
        claims: &[(&[0, 1], &["lines.0.total", "lines.1.total"])],
    },
    Case {
        name: "usd-bundle-completed",
        about: "The laptop already in the cart, the mouse added by \"Complete the set\": the mouse costs its share of the $950 bundle, $45.24, the laptop its own $1,000",
        country: "US",
        config: OFFICE_USD,
        cart: r#"{"currency":"USD","items":[{"id":"laptop","quantity":1,"price":"1000.00"},{"id":"mouse","quantity":1,"price":"50.00"}]}"#,
        marks: &[(None, None), (Some("office-2"), None)],
        claims: &[(&[0], &["lines.0.total"]), (&[1], &["completion.office-2.price.without.1"])],
    },
    Case {
        name: "usd-bundle-completed-two-missing",
        about: "The laptop held, the mouse and keyboard added to complete the desk set: 15% off each, $42.50 + $127.50",
        country: "US",
        config: OFFICE_USD,
        cart: r#"{"currency":"USD","items":[{"id":"laptop","quantity":1,"price":"1000.00"},{"id":"mouse","quantity":1,"price":"50.00"},{"id":"keyboard","quantity":1,"price":"150.00"}]}"#,
        marks: &[(None, None), (Some("desk-3"), None), (Some("desk-3"), None)],
        claims: &[(&[0], &["lines.0.total"]), (&[1, 2], &["completion.desk-3.price.without.1.2"])],
    },
    Case {
        name: "usd-bundle-unmarked",
        about: "A laptop and a mouse added on their own, never through the bundle: each at its price",
        country: "US",
        config: OFFICE_USD,
        cart: r#"{"currency":"USD","items":[{"id":"laptop","quantity":1,"price":"1000.00"},{"id":"mouse","quantity":1,"price":"50.00"}]}"#,
        marks: &[(None, None), (None, None)],
        claims: &[(&[0, 1], &["lines.0.total", "lines.1.total"])],
    },
    Case {
        name: "usd-tier-seven-socks",
        about: "Seven $9 socks reach the 15% tier: $7.65 each, $53.55",
        country: "US",
        config: OFFICE_USD,
        cart: r#"{"currency":"USD","items":[{"id":"socks","quantity":7,"price":"9.00"}]}"#,
        marks: &[(None, None)],
        claims: &[(&[0], &["tiers.socks.line_price"])],
    },
    Case {
        name: "usd-upsell-percent-off",
        about: "The $12 warranty ticked with a laptop in the cart, 10% off: $10.80",
        country: "US",
        config: OFFICE_USD,
        cart: r#"{"currency":"USD","items":[{"id":"laptop","quantity":1,"price":"1000.00"},{"id":"warranty","quantity":1,"price":"12.00"}]}"#,
        marks: &[(None, None), (None, Some("warranty-2y"))],
        claims: &[(&[0], &["lines.0.total"]), (&[1], &["upsells.warranty-2y.price"])],
    },
    Case {
        name: "usd-bundle-upsell-and-tier-together",
        about: "A bundle, its warranty and four socks in one cart: $950, $10.80 and 4 × $8.10",
        country: "US",
        config: OFFICE_USD,
        cart: r#"{"currency":"USD","items":[{"id":"laptop","quantity":1,"price":"1000.00"},{"id":"mouse","quantity":1,"price":"50.00"},{"id":"warranty","quantity":1,"price":"12.00"},{"id":"socks","quantity":4,"price":"9.00"}]}"#,
        marks: &[(Some("office-2"), None), (Some("office-2"), None), (None, Some("warranty-2y")), (None, None)],
        claims: &[
            (&[0, 1], &["bundles.office-2.price"]),
            (&[2], &["upsells.warranty-2y.price"]),
            (&[3], &["tiers.socks.line_price"]),
        ],
    },
    Case {
        name: "jpy-bundle-percent-off",
        about: "A ¥1,000 teapot and ¥333 cups at 10% off: ¥1,200 (¥900 and ¥300), no fraction of a yen",
        country: "JP",
        config: SHOP_JPY,
        cart: r#"{"currency":"JPY","items":[{"id":"teapot","quantity":1,"price":"1000"},{"id":"cups","quantity":1,"price":"333"}]}"#,
        marks: &[(Some("tea-set"), None), (Some("tea-set"), None)],
        claims: &[(&[0, 1], &["bundles.tea-set.price"])],
    },
    Case {
        name: "jpy-tier-seven-and-a-half-percent",
        about: "Five ¥1,234 teas at 7.5% off: ¥1,141 each (¥92.55 rounds to ¥93), ¥5,705",
        country: "JP",
        config: SHOP_JPY,
        cart: r#"{"currency":"JPY","items":[{"id":"tea","quantity":5,"price":"1234"}]}"#,
        marks: &[(None, None)],
        claims: &[(&[0], &["tiers.tea.line_price"])],
    },
    Case {
        name: "kwd-bundle-amount-off",
        about: "Oud 12.345 KWD + musk 7.005 KWD, 1.000 KWD off: 18.350 KWD, to the fils",
        country: "KW",
        config: SHOP_KWD,
        cart: r#"{"currency":"KWD","items":[{"id":"oud","quantity":1,"price":"12.345"},{"id":"musk","quantity":1,"price":"7.005"}]}"#,
        marks: &[(Some("scents"), None), (Some("scents"), None)],
        claims: &[(&[0, 1], &["bundles.scents.price"])],
    },
    Case {
        name: "kwd-upsell-percent-of-a-line",
        about: "A strap at 25% of the 120.500 KWD watch, less 10%: 27.112 KWD (30.125 less 3.013)",
        country: "KW",
        config: SHOP_KWD,
        cart: r#"{"currency":"KWD","items":[{"id":"watch","quantity":1,"price":"120.500"},{"id":"strap","quantity":1,"price":"35.000"}]}"#,
        marks: &[(None, None), (None, Some("strap-deal"))],
        claims: &[(&[0], &["lines.0.total"]), (&[1], &["upsells.strap-deal.price"])],
    },
    Case {
        name: "kwd-tier-three-decimals",
        about: "Three 3.333 KWD ambers at 12.5% off: 2.916 each (0.416625 rounds to 0.417), 8.748 KWD",
        country: "KW",
        config: SHOP_KWD,
        cart: r#"{"currency":"KWD","items":[{"id":"amber","quantity":3,"price":"3.333"}]}"#,
        marks: &[(None, None)],
        claims: &[(&[0], &["tiers.amber.line_price"])],
    },
];

fn golden_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

fn now() -> i64 {
    cartlift_core::schedule::parse_rfc3339(NOW).expect("NOW is RFC 3339")
}

fn marks(case: &Case) -> Vec<Mark> {
    case.marks
        .iter()
        .map(|(b, o)| Mark {
            bundle: b.map(str::to_owned),
            offer: o.map(str::to_owned),
        })
        .collect()
}

/// The widget's figure named `figure` for this cart, in minor units.
fn figure(config: &Config, cart: &Cart, figure: &str) -> i64 {
    let q = quote(config, cart, &context(cart));
    let parts: Vec<&str> = figure.split('.').collect();
    match parts.as_slice() {
        ["bundles", id, "price"] => q
            .bundles
            .iter()
            .find(|b| b.id == *id)
            .map(|b| b.price.minor()),
        ["tiers", product, "line_price"] => q
            .tiers
            .iter()
            .find(|t| t.product == *product)
            .map(|t| t.line_price.minor()),
        ["upsells", id, "price"] => q
            .upsells
            .iter()
            .find(|u| u.id == *id)
            .map(|u| u.price.minor()),
        ["lines", i, "total"] => i.parse::<usize>().ok().map(|i| cart.lines[i].total.minor()),
        ["unit", i] => i
            .parse::<usize>()
            .ok()
            .map(|i| cart.lines[i].unit_price.minor()),
        ["completion", id, "price", "without", lines @ ..] => {
            let mut before = cart.clone();
            let gone: Vec<usize> = lines.iter().filter_map(|i| i.parse().ok()).collect();
            before.lines = (0..cart.lines.len())
                .filter(|i| !gone.contains(i))
                .map(|i| cart.lines[i].clone())
                .collect();
            quote(config, &before, &context(&before))
                .bundles
                .iter()
                .find(|b| b.id == *id)
                .and_then(|b| b.completion.as_ref())
                .map(|c| c.price.minor())
        }
        _ => None,
    }
    .unwrap_or_else(|| panic!("the widget shows no {figure}"))
}

fn context(cart: &Cart) -> Context {
    Context {
        now: now(),
        country: cart.country.clone(),
        ..Context::default()
    }
}

fn money(m: cartlift_core::Money) -> Value {
    json!(m.minor())
}

/// Everything the vector holds, computed by the core.
fn vector(case: &Case) -> Value {
    let config = Config::from_json(case.config).unwrap_or_else(|e| panic!("{}: {e:#?}", case.name));
    let mut cart =
        Cart::from_json(case.cart, &config).unwrap_or_else(|e| panic!("{}: {e:#?}", case.name));
    cart.country = Some(case.country.to_owned());
    let q = quote(&config, &cart, &context(&cart));
    let discounts = checkout::discounts(
        &config,
        &cart,
        &marks(case),
        Some(case.country),
        Clock::At(now()),
    );
    let charged: Vec<i64> = cart
        .lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            l.total.minor()
                - discounts
                    .iter()
                    .find(|d| d.line == i)
                    .map_or(0, |d| d.amount.minor())
        })
        .collect();
    let parse = |text: &str| -> Value {
        serde_json::from_str(text).unwrap_or_else(|e| panic!("{}: {e}", case.name))
    };
    json!({
        "name": case.name,
        "about": case.about,
        "now": NOW,
        "date": DATE,
        "country": case.country,
        "currency": config.currency.code(),
        "exponent": config.currency.exponent(),
        "config": parse(case.config),
        "cart": parse(case.cart),
        "marks": case.marks.iter().map(|(b, o)| json!({ "bundle": b, "offer": o })).collect::<Vec<_>>(),
        "widget": {
            "subtotal": money(q.subtotal),
            "bundles": q.bundles.iter().map(|b| json!({
                "id": b.id,
                "individual_total": money(b.individual_total),
                "price": money(b.price),
                "items": b.items.iter().map(|i| json!({ "id": i.id, "unit_price": money(i.unit_price), "bundle_price": money(i.bundle_price) })).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
            "tiers": q.tiers.iter().filter(|t| t.active.is_some()).map(|t| json!({
                "product": t.product, "quantity": t.quantity, "unit_price": money(t.unit_price), "line_price": money(t.line_price),
            })).collect::<Vec<_>>(),
            "upsells": q.upsells.iter().map(|u| json!({ "id": u.id, "price": money(u.price) })).collect::<Vec<_>>(),
        },
        "checkout": {
            "discounts": discounts.iter().map(|d| json!({ "line": d.line, "amount": money(d.amount) })).collect::<Vec<_>>(),
            "charged": charged,
        },
        "claims": case.claims.iter().map(|(lines, figures)| json!({
            "lines": lines,
            "figures": figures,
            "minor": figures.iter().map(|f| figure(&config, &cart, f)).sum::<i64>(),
        })).collect::<Vec<_>>(),
    })
}

/// `v` with every object's keys in sorted order, whatever order serde_json keeps (a crate
/// built alongside may turn on its `preserve_order`).
fn canonical(v: &Value) -> Value {
    match v {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            Value::Object(
                keys.into_iter()
                    .map(|k| (k.clone(), canonical(&map[k])))
                    .collect(),
            )
        }
        Value::Array(items) => Value::Array(items.iter().map(canonical).collect()),
        other => other.clone(),
    }
}

fn pretty(v: &Value) -> String {
    let mut text = serde_json::to_string_pretty(&canonical(v)).expect("a JSON value writes");
    text.push('\n');
    text
}

#[test]
fn golden_vectors_are_up_to_date() {
    let dir = golden_dir();
    let bless = std::env::var_os("CARTLIFT_BLESS").is_some();
    if bless {
        std::fs::create_dir_all(&dir).expect("the golden folder can be made");
    }
    let mut stale = Vec::new();
    for case in CASES {
        let path = dir.join(format!("{}.json", case.name));
        let want = pretty(&vector(case));
        if bless {
            std::fs::write(&path, &want).expect("a golden file can be written");
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(want.as_str()) {
            stale.push(case.name);
        }
    }
    let known: Vec<String> = CASES.iter().map(|c| format!("{}.json", c.name)).collect();
    let left_over: Vec<String> = std::fs::read_dir(&dir)
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| !known.contains(n))
                .collect()
        })
        .unwrap_or_default();
    if bless {
        for name in &left_over {
            std::fs::remove_file(dir.join(name)).expect("a left-over golden file can be removed");
        }
        return;
    }
    assert!(
        stale.is_empty(),
        "stale or missing golden vectors {stale:?}: run `cargo xtask golden`"
    );
    assert!(
        left_over.is_empty(),
        "golden files no case writes {left_over:?}: run `cargo xtask golden`"
    );
}

#[test]
fn checkout_charges_every_claimed_widget_figure_to_the_minor_unit() {
    for case in CASES {
        let v = vector(case);
        let charged: Vec<i64> = serde_json::from_value(v["checkout"]["charged"].clone())
            .expect("charged is a list of integers");
        for claim in v["claims"].as_array().expect("claims") {
            let lines: Vec<usize> = serde_json::from_value(claim["lines"].clone()).expect("lines");
            let sum: i64 = lines.iter().map(|&i| charged[i]).sum();
            assert_eq!(
                Some(sum),
                claim["minor"].as_i64(),
                "{}: lines {lines:?} should cost {}",
                case.name,
                claim["figures"]
            );
        }
    }
}

#[test]
fn checkout_at_the_shops_local_date_prices_as_at_the_widgets_instant() {
    let span = checkout::local_date_span(DATE).expect("DATE is a date");
    for case in CASES {
        let config = Config::from_json(case.config).expect("valid");
        let cart = Cart::from_json(case.cart, &config).expect("valid");
        assert_eq!(
            checkout::discounts(
                &config,
                &cart,
                &marks(case),
                Some(case.country),
                Clock::During(span.0, span.1)
            ),
            checkout::discounts(
                &config,
                &cart,
                &marks(case),
                Some(case.country),
                Clock::At(now())
            ),
            "{}",
            case.name
        );
    }
}

#[test]
fn the_compact_config_prices_checkout_exactly_as_the_full_one() {
    for case in CASES {
        let full = Config::from_json(case.config).expect("valid");
        let compact =
            checkout::compact(case.config).unwrap_or_else(|e| panic!("{}: {e:#?}", case.name));
        assert!(
            compact.len() < case.config.len(),
            "{}: compacting saves bytes",
            case.name
        );
        let small = Config::from_json(&compact).expect("the compact config is valid");
        let cart = Cart::from_json(case.cart, &full).expect("valid");
        assert_eq!(
            checkout::discounts(
                &small,
                &cart,
                &marks(case),
                Some(case.country),
                Clock::At(now())
            ),
            checkout::discounts(
                &full,
                &cart,
                &marks(case),
                Some(case.country),
                Clock::At(now())
            ),
            "{}",
            case.name
        );
    }
}
