//! Golden vectors: for each config and cart below, every figure the widget shows (bundle prices
//! and their line shares, tier prices, upsell prices) and what checkout takes off each line, in
//! `core/tests/golden/*.json`. The Shopify Function's tests (`functions/discount/`) replay each
//! file as a Shopify input and hold checkout to these figures, so a change to the pricing that
//! reaches one side and not the other fails there.
//!
//! The files are written by `cargo xtask golden` (which runs this test with `CARTLIFT_BLESS=1`);
//! without it, this test fails when a file is stale, missing or left over.

use cartlift_core::checkout::{self, Buyer, Claim, Clock, Mark};
use cartlift_core::market::Rate;
use cartlift_core::visitor::Page;
use cartlift_core::{quote, Cart, Config, Context, Currency, Setup};
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
    /// bundle ID, on this cart before lines I, J… were added), `deals.ID.off` (what the deal
    /// saves, as a negative figure: the lines cost their total less it).
    claims: &'static [(&'static [usize], &'static [&'static str])],
    /// The cart attribute `_cartlift`: what the shopper's browser claims of them (segments,
    /// experiment variants).
    claim: Option<&'static str>,
    /// The shopper's viewport width (the widget's side of a segment on width).
    width: Option<u32>,
    /// Shopify's presentment rate, for a cart in another currency than the config's.
    rate: Option<&'static str>,
}

/// A case's fields that most cases leave out.
const PLAIN: Case = Case {
    name: "",
    about: "",
    country: "US",
    config: "",
    cart: "",
    marks: &[],
    claims: &[],
    claim: None,
    width: None,
    rate: None,
};

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

/// A store whose goals grant free shipping at $75 and 10% off at $150, the warranty excluded.
const GOALS_USD: &str = r#"{
  "currency": "USD",
  "products": [
    { "id": "laptop", "title": "Laptop Pro 14", "price": "1000.00", "variant_id": 44000000000001 },
    { "id": "mouse", "title": "Wireless Mouse", "price": "50.00", "variant_id": 44000000000002 },
    { "id": "shirt", "title": "Organic T-shirt", "price": "25.00", "variant_id": 44000000000005 },
    { "id": "cap", "title": "Cap", "price": "24.99", "variant_id": 44000000000009 },
    { "id": "warranty", "title": "2-year warranty", "price": "12.00", "variant_id": 44000000000004 }
  ],
  "shipping_bar": {
    "goals": [
      { "threshold": "75.00", "reward": "free shipping", "grants": { "free_shipping": true } },
      { "threshold": "150.00", "reward": "10% off", "grants": { "percent_off": 10 } },
      { "threshold": "1000.00", "reward": "$50 off and free express", "grants": { "amount_off": "50.00", "free_shipping": "all" } }
    ],
    "exclude": ["warranty"]
  },
  "bundles": [ { "id": "office-2", "title": "Laptop + Mouse", "items": ["laptop", "mouse"], "price": "950.00" } ]
}"#;

/// The same goals in yen: free shipping at ¥5,000, ¥500 off at ¥10,000.
const GOALS_JPY: &str = r#"{
  "currency": "JPY",
  "products": [
    { "id": "tea", "title": "煎茶", "price": "1234", "variant_id": 51000000000003 },
    { "id": "pot", "title": "急須", "price": "3830", "variant_id": 51000000000001 }
  ],
  "shipping_bar": { "goals": [
    { "threshold": "5000", "reward": "送料無料", "grants": { "free_shipping": true } },
    { "threshold": "10000", "reward": "¥500引き", "grants": { "amount_off": "500" } }
  ] }
}"#;

/// And in dinars: 12.5% off from 20.000 KWD.
const GOALS_KWD: &str = r#"{
  "currency": "KWD",
  "products": [
    { "id": "oud", "title": "Oud", "price": "12.345", "variant_id": 52000000000001 },
    { "id": "musk", "title": "Musk", "price": "7.655", "variant_id": 52000000000002 }
  ],
  "shipping_bar": { "goals": [ { "threshold": "20.000", "reward": "12.5% off", "grants": { "percent_off": 12.5 } } ] }
}"#;

/// A free gift at a threshold (spec §11): a $15 tote bag from $200, beside free shipping.
const GIFTS_USD: &str = r#"{
  "currency": "USD",
  "products": [
    { "id": "lamp", "title": "Lamp", "price": "95.00", "variant_id": 44000000000021 },
    { "id": "tote", "title": "Tote bag", "price": "15.00", "variant_id": 44000000000022 }
  ],
  "shipping_bar": { "goals": [
    { "threshold": "75.00", "reward": "free shipping", "grants": { "free_shipping": true } },
    { "threshold": "200.00", "reward": "a free tote bag", "grants": { "gift": "tote" } }
  ] }
}"#;

/// In yen: a ¥1,200 furoshiki from ¥10,000.
const GIFTS_JPY: &str = r#"{
  "currency": "JPY",
  "products": [
    { "id": "tea", "title": "煎茶", "price": "1234", "variant_id": 51000000000003 },
    { "id": "furoshiki", "title": "風呂敷", "price": "1200", "variant_id": 51000000000004 }
  ],
  "shipping_bar": { "goals": [ { "threshold": "10000", "reward": "風呂敷プレゼント", "grants": { "gift": "furoshiki", "auto": true } } ] }
}"#;

/// In dinars: 5.250 KWD of incense from 30.000 KWD.
const GIFTS_KWD: &str = r#"{
  "currency": "KWD",
  "products": [
    { "id": "oud", "title": "Oud", "price": "14.999", "variant_id": 52000000000001 },
    { "id": "incense", "title": "Incense", "price": "5.250", "variant_id": 52000000000003 }
  ],
  "shipping_bar": { "goals": [ { "threshold": "30.000", "reward": "free incense", "grants": { "gift": "incense" } } ] }
}"#;

/// A tote bag in two colours, the black one dearer (spec §10), given from $200 as the product
/// (any colour, the shopper's pick) or as its natural colour only: the goal's reward and gift.
macro_rules! tote_in_colours {
    ($reward:literal, $gift:literal) => {
        concat!(
            r#"{
  "currency": "USD",
  "products": [
    { "id": "lamp", "title": "Lamp", "price": "95.00", "variant_id": 44000000000021 },
    { "id": "tote", "title": "Tote bag", "price": "15.00", "options": ["Colour"], "variants": [
      { "id": "tote-natural", "options": ["Natural"], "variant_id": 44000000000023 },
      { "id": "tote-black", "options": ["Black"], "variant_id": 44000000000024, "price": "18.00" } ] }
  ],
  "shipping_bar": { "goals": [ { "threshold": "200.00", "reward": ""#,
            $reward,
            r#"", "grants": { "gift": ""#,
            $gift,
            r#"" } } ] }
}"#
        )
    };
}

const GIFT_VARIANTS_USD: &str = tote_in_colours!("a free tote bag", "tote");

const GIFT_ONE_VARIANT_USD: &str = tote_in_colours!("a natural tote bag", "tote-natural");

/// In yen: the indigo furoshiki only, of two patterns, from ¥10,000.
const GIFT_ONE_VARIANT_JPY: &str = r#"{
  "currency": "JPY",
  "products": [
    { "id": "tea", "title": "煎茶", "price": "1234", "variant_id": 51000000000003 },
    { "id": "furoshiki", "title": "風呂敷", "price": "1200", "options": ["柄"], "variants": [
      { "id": "furoshiki-ai", "options": ["藍"], "variant_id": 51000000000005, "price": "1333" },
      { "id": "furoshiki-sakura", "options": ["桜"], "variant_id": 51000000000006 } ] }
  ],
  "shipping_bar": { "goals": [ { "threshold": "10000", "reward": "藍の風呂敷プレゼント", "grants": { "gift": "furoshiki-ai" } } ] }
}"#;

/// Offers for some shoppers only: a tier set and an upsell for phone shoppers (a width the
/// browser sees, checkout does not), a goal for Canadians (a country checkout sees), and an
/// experiment whose variant prices the bundle lower.
const PERSONAL_USD: &str = r#"{
  "currency": "USD",
  "products": [
    { "id": "laptop", "title": "Laptop Pro 14", "price": "1000.00", "variant_id": 44000000000001 },
    { "id": "mouse", "title": "Wireless Mouse", "price": "50.00", "variant_id": 44000000000002 },
    { "id": "socks", "title": "Socks", "price": "9.00", "variant_id": 44000000000006 },
    { "id": "warranty", "title": "2-year warranty", "price": "12.00", "variant_id": 44000000000004 }
  ],
  "segments": [ { "id": "mobile", "when": { "max_width": 600 } }, { "id": "canada", "when": { "country": ["CA"] } } ],
  "shipping_bar": { "goals": [ { "threshold": "60.00", "reward": "free shipping to Canada", "segments": ["canada"], "grants": { "free_shipping": true } } ] },
  "bundles": [ { "id": "office-2", "title": "Laptop + Mouse", "items": ["laptop", "mouse"], "price": "950.00" } ],
  "volume_tiers": [ { "product": "socks", "segments": ["mobile"], "tiers": [ { "min_quantity": 3, "percent_off": 20 } ] } ],
  "upsells": [
    { "id": "phone-warranty", "product": "warranty", "title": "A warranty, for phones only", "price": "6.00", "segments": ["mobile"] },
    { "id": "first", "product": "socks", "title": "Socks to start with", "percent_off": 50 }
  ],
  "experiments": [ { "id": "bundle-price", "variants": [
    { "id": "control", "weight": 1 },
    { "id": "cheaper", "weight": 1, "config": { "bundles": [ { "id": "office-2", "title": "Laptop + Mouse", "items": ["laptop", "mouse"], "price": "900.00" } ] } }
  ] } ]
}"#;

/// Buy X get Y: a 3-for-2 over two kinds of socks at different prices, and a hat half off
/// once with a tee.
const DEALS_USD: &str = r#"{
  "currency": "USD",
  "products": [
    { "id": "socks", "title": "Socks", "price": "9.00", "variant_id": 53000000000001 },
    { "id": "silk-socks", "title": "Silk socks", "price": "12.00", "variant_id": 53000000000002 },
    { "id": "tee", "title": "T-shirt", "price": "25.00", "variant_id": 53000000000003 },
    { "id": "hat", "title": "Hat", "price": "20.00", "variant_id": 53000000000004 }
  ],
  "buy_x_get_y": [
    { "id": "socks-3for2", "buy": { "products": ["socks", "silk-socks"], "quantity": 2 },
      "get": { "products": ["socks", "silk-socks"], "quantity": 1, "percent_off": 100 } },
    { "id": "hat-half", "buy": { "products": ["tee"], "quantity": 1 },
      "get": { "products": ["hat"], "quantity": 1, "percent_off": 50 }, "limit": 1 }
  ]
}"#;

/// A 3-for-2 on socks beside a 10% tier from 3: each unit takes one discount, the deal's first.
const DEALS_AND_TIER_USD: &str = r#"{
  "currency": "USD",
  "products": [ { "id": "socks", "title": "Socks", "price": "9.00", "variant_id": 53000000000001 } ],
  "volume_tiers": [ { "product": "socks", "tiers": [ { "min_quantity": 3, "percent_off": 10 } ] } ],
  "buy_x_get_y": [
    { "id": "socks-3for2", "buy": { "products": ["socks"], "quantity": 2 },
      "get": { "products": ["socks"], "quantity": 1, "percent_off": 100 } }
  ]
}"#;

/// Buy one tea, the second half off: half of ¥155 is ¥77.5, ¥78 off.
const DEALS_JPY: &str = r#"{
  "currency": "JPY",
  "products": [ { "id": "tea", "title": "Sencha", "price": "155", "variant_id": 54000000000001 } ],
  "buy_x_get_y": [
    { "id": "tea-bogo-half", "buy": { "products": ["tea"], "quantity": 1 },
      "get": { "products": ["tea"], "quantity": 1, "percent_off": 50 } }
  ]
}"#;

/// Three amber jars, the third 25% off: a quarter of KWD 1.250 is 0.3125, 0.313 off.
const DEALS_KWD: &str = r#"{
  "currency": "KWD",
  "products": [ { "id": "amber", "title": "Amber", "price": "1.250", "variant_id": 55000000000001 } ],
  "buy_x_get_y": [
    { "id": "amber-third", "buy": { "products": ["amber"], "quantity": 2 },
      "get": { "products": ["amber"], "quantity": 1, "percent_off": 25 } }
  ]
}"#;

/// A 3-for-2 over two teas at different prices, in yen, and over two oils, in dinars: the
/// cheapest unit is the free one.
const DEALS_MIXED_JPY: &str = r#"{
  "currency": "JPY",
  "products": [
    { "id": "sencha", "title": "煎茶", "price": "1234", "variant_id": 54100000000001 },
    { "id": "gyokuro", "title": "玉露", "price": "2777", "variant_id": 54100000000002 }
  ],
  "buy_x_get_y": [
    { "id": "tea-3for2", "buy": { "products": ["sencha", "gyokuro"], "quantity": 2 },
      "get": { "products": ["sencha", "gyokuro"], "quantity": 1, "percent_off": 100 } }
  ]
}"#;

const DEALS_MIXED_KWD: &str = r#"{
  "currency": "KWD",
  "products": [
    { "id": "rose-oil", "title": "Rose oil", "price": "4.125", "variant_id": 55100000000001 },
    { "id": "oud-oil", "title": "Oud oil", "price": "9.999", "variant_id": 55100000000002 }
  ],
  "buy_x_get_y": [
    { "id": "oils-3for2", "buy": { "products": ["rose-oil", "oud-oil"], "quantity": 2 },
      "get": { "products": ["rose-oil", "oud-oil"], "quantity": 1, "percent_off": 100 } }
  ]
}"#;

/// Quantity breaks the shopper picks (spec §12, `"display": "selector"`): 2 at 10% off, 3 at
/// 15%, in dollars, yen and dinars.
const SELECTOR_USD: &str = r#"{
  "currency": "USD",
  "products": [ { "id": "tee", "title": "Organic T-shirt", "price": "24.99", "variant_id": 44200000000001 } ],
  "volume_tiers": [ { "product": "tee", "display": "selector", "tiers": [
    { "min_quantity": 2, "percent_off": 10 }, { "min_quantity": 3, "percent_off": 15, "badge": "Most popular" } ] } ]
}"#;

const SELECTOR_JPY: &str = r#"{
  "currency": "JPY",
  "products": [ { "id": "matcha", "title": "抹茶", "price": "1999", "variant_id": 54200000000001 } ],
  "volume_tiers": [ { "product": "matcha", "display": "selector", "tiers": [
    { "min_quantity": 2, "percent_off": 10 }, { "min_quantity": 3, "percent_off": 15, "badge": "人気" } ] } ]
}"#;

const SELECTOR_KWD: &str = r#"{
  "currency": "KWD",
  "products": [ { "id": "bakhoor", "title": "Bakhoor", "price": "3.333", "variant_id": 55200000000001 } ],
  "volume_tiers": [ { "product": "bakhoor", "display": "selector", "tiers": [
    { "min_quantity": 2, "percent_off": 10 }, { "min_quantity": 3, "percent_off": 15 } ] } ]
}"#;

/// Stores whose first product comes in variants (spec §10), the dearer one priced apart, and a
/// bundle of it with a second product: in dollars, yen and dinars.
const OUTFIT_USD: &str = r#"{
  "currency": "USD",
  "products": [
    { "id": "tee", "title": "Organic T-shirt", "price": "25.00", "options": ["Size"], "variants": [
      { "id": "tee-s", "options": ["S"], "variant_id": 44100000000001 },
      { "id": "tee-xl", "options": ["XL"], "variant_id": 44100000000002, "price": "27.00" } ] },
    { "id": "cap", "title": "Cap", "price": "15.00", "variant_id": 44100000000003 }
  ],
  "bundles": [ { "id": "outfit", "title": "Tee + Cap", "items": ["tee", "cap"], "percent_off": 20 } ]
}"#;

const OUTFIT_JPY: &str = r#"{
  "currency": "JPY",
  "locale": "ja-JP",
  "products": [
    { "id": "yukata", "title": "浴衣", "price": "4999", "options": ["柄"], "variants": [
      { "id": "yukata-ai", "options": ["藍"], "variant_id": 51100000000001 },
      { "id": "yukata-sakura", "options": ["桜"], "variant_id": 51100000000002, "price": "5333" } ] },
    { "id": "obi", "title": "帯", "price": "1777", "variant_id": 51100000000003 }
  ],
  "bundles": [ { "id": "set", "title": "浴衣と帯", "items": ["yukata", "obi"], "percent_off": 15 } ]
}"#;

const OUTFIT_KWD: &str = r#"{
  "currency": "KWD",
  "locale": "ar-KW",
  "products": [
    { "id": "dishdasha", "title": "Dishdasha", "price": "18.500", "options": ["Size"], "variants": [
      { "id": "dishdasha-56", "options": ["56"], "variant_id": 52100000000001 },
      { "id": "dishdasha-60", "options": ["60"], "variant_id": 52100000000002, "price": "19.755" } ] },
    { "id": "ghutra", "title": "Ghutra", "price": "6.333", "variant_id": 52100000000003 }
  ],
  "bundles": [ { "id": "eid", "title": "Dishdasha and ghutra", "items": ["dishdasha", "ghutra"], "amount_off": "2.005" } ]
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
        ..PLAIN
    },
    Case {
        name: "usd-bundle-percent-off-three-items",
        about: "The desk set at 15% off $1,200: $1,020.00, its shares adding up to the cent",
        country: "US",
        config: OFFICE_USD,
        cart: r#"{"currency":"USD","items":[{"id":"laptop","quantity":1,"price":"1000.00"},{"id":"mouse","quantity":1,"price":"50.00"},{"id":"keyboard","quantity":1,"price":"150.00"}]}"#,
        marks: &[(Some("desk-3"), None), (Some("desk-3"), None), (Some("desk-3"), None)],
        claims: &[(&[0, 1, 2], &["bundles.desk-3.price"])],
        ..PLAIN
    },
    Case {
        name: "usd-bundle-two-sets",
        about: "Two laptops and two mice marked for the $950 bundle: two sets, $1,900.00",
        country: "US",
        config: OFFICE_USD,
        cart: r#"{"currency":"USD","items":[{"id":"laptop","quantity":2,"price":"1000.00"},{"id":"mouse","quantity":2,"price":"50.00"}]}"#,
        marks: &[(Some("office-2"), None), (Some("office-2"), None)],
        claims: &[(&[0, 1], &["bundles.office-2.price", "bundles.office-2.price"])],
        ..PLAIN
    },
    Case {
        name: "usd-bundle-edited-by-hand",
        about: "A second laptop added by hand after the bundle: one set at $950, the other laptop at $1,000",
        country: "US",
        config: OFFICE_USD,
        cart: r#"{"currency":"USD","items":[{"id":"laptop","quantity":2,"price":"1000.00"},{"id":"mouse","quantity":1,"price":"50.00"}]}"#,
        marks: &[(Some("office-2"), None), (Some("office-2"), None)],
        claims: &[(&[0, 1], &["bundles.office-2.price", "unit.0"])],
        ..PLAIN
    },
    Case {
        name: "usd-bundle-incomplete",
        about: "The mouse removed after the bundle add: the laptop marked office-2 costs its own $1,000",
        country: "US",
        config: OFFICE_USD,
        cart: r#"{"currency":"USD","items":[{"id":"laptop","quantity":1,"price":"1000.00"}]}"#,
        marks: &[(Some("office-2"), None)],
        claims: &[(&[0], &["lines.0.total"])],
        ..PLAIN
    },
    Case {
        name: "usd-bundle-expired",
        about: "Lines marked for a bundle that ended two days ago: no discount",
        country: "US",
        config: OFFICE_USD,
        cart: r#"{"currency":"USD","items":[{"id":"mouse","quantity":1,"price":"50.00"},{"id":"keyboard","quantity":1,"price":"150.00"}]}"#,
        marks: &[(Some("gone"), None), (Some("gone"), None)],
        claims: &[(&[0, 1], &["lines.0.total", "lines.1.total"])],
        ..PLAIN
    },
    Case {
        name: "usd-bundle-not-in-config",
        about: "Lines marked for a bundle the config does not have: no discount",
        country: "US",
        config: OFFICE_USD,
        cart: r#"{"currency":"USD","items":[{"id":"laptop","quantity":1,"price":"1000.00"},{"id":"mouse","quantity":1,"price":"50.00"}]}"#,
        marks: &[(Some("made-up"), None), (Some("made-up"), None)],
        claims: &[(&[0, 1], &["lines.0.total", "lines.1.total"])],
        ..PLAIN
    },
    Case {
        name: "usd-bundle-completed",
        about: "The laptop already in the cart, the mouse added by \"Complete the set\": the mouse costs its share of the $950 bundle, $45.24, the laptop its own $1,000",
        country: "US",
        config: OFFICE_USD,
        cart: r#"{"currency":"USD","items":[{"id":"laptop","quantity":1,"price":"1000.00"},{"id":"mouse","quantity":1,"price":"50.00"}]}"#,
        marks: &[(None, None), (Some("office-2"), None)],
        // Once completed, the row says what the shopper pays for the set: $1,045.24, not $950.
        claims: &[
            (&[0], &["lines.0.total"]),
            (&[1], &["completion.office-2.price.without.1"]),
            (&[0, 1], &["bundles.office-2.price"]),
        ],
        ..PLAIN
    },
    Case {
        name: "usd-bundle-completed-two-missing",
        about: "The laptop held, the mouse and keyboard added to complete the desk set: 15% off each, $42.50 + $127.50",
        country: "US",
        config: OFFICE_USD,
        cart: r#"{"currency":"USD","items":[{"id":"laptop","quantity":1,"price":"1000.00"},{"id":"mouse","quantity":1,"price":"50.00"},{"id":"keyboard","quantity":1,"price":"150.00"}]}"#,
        marks: &[(None, None), (Some("desk-3"), None), (Some("desk-3"), None)],
        claims: &[(&[0], &["lines.0.total"]), (&[1, 2], &["completion.desk-3.price.without.1.2"])],
        ..PLAIN
    },
    Case {
        name: "usd-bundle-unmarked",
        about: "A laptop and a mouse added on their own, never through the bundle: each at its price",
        country: "US",
        config: OFFICE_USD,
        cart: r#"{"currency":"USD","items":[{"id":"laptop","quantity":1,"price":"1000.00"},{"id":"mouse","quantity":1,"price":"50.00"}]}"#,
        marks: &[(None, None), (None, None)],
        claims: &[(&[0, 1], &["lines.0.total", "lines.1.total"])],
        ..PLAIN
    },
    Case {
        name: "usd-tier-seven-socks",
        about: "Seven $9 socks reach the 15% tier: $7.65 each, $53.55",
        country: "US",
        config: OFFICE_USD,
        cart: r#"{"currency":"USD","items":[{"id":"socks","quantity":7,"price":"9.00"}]}"#,
        marks: &[(None, None)],
        claims: &[(&[0], &["tiers.socks.line_price"])],
        ..PLAIN
    },
    Case {
        name: "usd-upsell-percent-off",
        about: "The $12 warranty ticked with a laptop in the cart, 10% off: $10.80",
        country: "US",
        config: OFFICE_USD,
        cart: r#"{"currency":"USD","items":[{"id":"laptop","quantity":1,"price":"1000.00"},{"id":"warranty","quantity":1,"price":"12.00"}]}"#,
        marks: &[(None, None), (None, Some("warranty-2y"))],
        claims: &[(&[0], &["lines.0.total"]), (&[1], &["upsells.warranty-2y.price"])],
        ..PLAIN
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
        ..PLAIN
    },
    Case {
        name: "usd-variant-priced-bundle",
        about: "An XL tee at its own $27.00 and a $15 cap, 20% off: $33.60 ($21.60 and $12.00), the S's $25 nowhere",
        country: "US",
        config: OUTFIT_USD,
        cart: r#"{"currency":"USD","items":[{"id":"tee-xl","quantity":1,"price":"27.00"},{"id":"cap","quantity":1,"price":"15.00"}]}"#,
        marks: &[(Some("outfit"), None), (Some("outfit"), None)],
        claims: &[(&[0, 1], &["bundles.outfit.price"])],
        ..PLAIN
    },
    Case {
        name: "jpy-variant-priced-bundle",
        about: "A ¥5,333 sakura yukata and a ¥1,777 obi at 15% off: ¥6,043 (¥7,110 less ¥1,066.5 off, rounded half away to ¥1,067), ¥4,533 and ¥1,510",
        country: "JP",
        config: OUTFIT_JPY,
        cart: r#"{"currency":"JPY","items":[{"id":"yukata-sakura","quantity":1,"price":"5333"},{"id":"obi","quantity":1,"price":"1777"}]}"#,
        marks: &[(Some("set"), None), (Some("set"), None)],
        claims: &[(&[0, 1], &["bundles.set.price"])],
        ..PLAIN
    },
    Case {
        name: "kwd-variant-priced-bundle",
        about: "A 19.755 KWD size-60 dishdasha and a 6.333 KWD ghutra, 2.005 KWD off: 24.083 KWD, to the fils",
        country: "KW",
        config: OUTFIT_KWD,
        cart: r#"{"currency":"KWD","items":[{"id":"dishdasha-60","quantity":1,"price":"19.755"},{"id":"ghutra","quantity":1,"price":"6.333"}]}"#,
        marks: &[(Some("eid"), None), (Some("eid"), None)],
        claims: &[(&[0, 1], &["bundles.eid.price"])],
        ..PLAIN
    },
    Case {
        name: "jpy-bundle-percent-off",
        about: "A ¥1,000 teapot and ¥333 cups at 10% off: ¥1,200 (¥900 and ¥300), no fraction of a yen",
        country: "JP",
        config: SHOP_JPY,
        cart: r#"{"currency":"JPY","items":[{"id":"teapot","quantity":1,"price":"1000"},{"id":"cups","quantity":1,"price":"333"}]}"#,
        marks: &[(Some("tea-set"), None), (Some("tea-set"), None)],
        claims: &[(&[0, 1], &["bundles.tea-set.price"])],
        ..PLAIN
    },
    Case {
        name: "jpy-tier-seven-and-a-half-percent",
        about: "Five ¥1,234 teas at 7.5% off: ¥1,141 each (¥92.55 rounds to ¥93), ¥5,705",
        country: "JP",
        config: SHOP_JPY,
        cart: r#"{"currency":"JPY","items":[{"id":"tea","quantity":5,"price":"1234"}]}"#,
        marks: &[(None, None)],
        claims: &[(&[0], &["tiers.tea.line_price"])],
        ..PLAIN
    },
    Case {
        name: "kwd-bundle-amount-off",
        about: "Oud 12.345 KWD + musk 7.005 KWD, 1.000 KWD off: 18.350 KWD, to the fils",
        country: "KW",
        config: SHOP_KWD,
        cart: r#"{"currency":"KWD","items":[{"id":"oud","quantity":1,"price":"12.345"},{"id":"musk","quantity":1,"price":"7.005"}]}"#,
        marks: &[(Some("scents"), None), (Some("scents"), None)],
        claims: &[(&[0, 1], &["bundles.scents.price"])],
        ..PLAIN
    },
    Case {
        name: "kwd-upsell-percent-of-a-line",
        about: "A strap at 25% of the 120.500 KWD watch, less 10%: 27.112 KWD (30.125 less 3.013)",
        country: "KW",
        config: SHOP_KWD,
        cart: r#"{"currency":"KWD","items":[{"id":"watch","quantity":1,"price":"120.500"},{"id":"strap","quantity":1,"price":"35.000"}]}"#,
        marks: &[(None, None), (None, Some("strap-deal"))],
        claims: &[(&[0], &["lines.0.total"]), (&[1], &["upsells.strap-deal.price"])],
        ..PLAIN
    },
    Case {
        name: "kwd-tier-three-decimals",
        about: "Three 3.333 KWD ambers at 12.5% off: 2.916 each (0.416625 rounds to 0.417), 8.748 KWD",
        country: "KW",
        config: SHOP_KWD,
        cart: r#"{"currency":"KWD","items":[{"id":"amber","quantity":3,"price":"3.333"}]}"#,
        marks: &[(None, None)],
        claims: &[(&[0], &["tiers.amber.line_price"])],
        ..PLAIN
    },
    Case {
        name: "usd-goal-just-under",
        about: "$74.99 of items: $0.01 short of free shipping, so checkout grants nothing",
        config: GOALS_USD,
        cart: r#"{"currency":"USD","items":[{"id":"shirt","quantity":2,"price":"25.00"},{"id":"cap","quantity":1,"price":"24.99"}]}"#,
        marks: &[(None, None), (None, None)],
        claims: &[(&[0, 1], &["lines.0.total", "lines.1.total"])],
        ..PLAIN
    },
    Case {
        name: "usd-goal-at-threshold",
        about: "$75.00 of items: free shipping, on the cheapest option of each delivery group",
        config: GOALS_USD,
        cart: r#"{"currency":"USD","items":[{"id":"shirt","quantity":3,"price":"25.00"}]}"#,
        marks: &[(None, None)],
        claims: &[(&[0], &["lines.0.total"])],
        ..PLAIN
    },
    Case {
        name: "usd-goal-just-over-with-excluded-warranty",
        about: "$150.01 of items and a $12 warranty that does not count: free shipping, and 10% off the $150.01, $15.00",
        config: GOALS_USD,
        cart: r#"{"currency":"USD","items":[{"id":"shirt","quantity":5,"price":"25.00"},{"id":"cap","quantity":1,"price":"25.01"},{"id":"warranty","quantity":1,"price":"12.00"}]}"#,
        marks: &[(None, None), (None, None), (None, None)],
        claims: &[(&[0, 1, 2], &["lines.0.total", "lines.1.total", "lines.2.total"])],
        ..PLAIN
    },
    Case {
        name: "usd-goal-top-frees-every-option",
        about: "The $950 bundle, three shirts and a warranty that does not count: $1,025 toward the goals, past $1,000, so $50 off the order (the highest goal's) and every delivery option free",
        config: GOALS_USD,
        cart: r#"{"currency":"USD","items":[{"id":"laptop","quantity":1,"price":"1000.00"},{"id":"mouse","quantity":1,"price":"50.00"},{"id":"shirt","quantity":3,"price":"25.00"},{"id":"warranty","quantity":1,"price":"12.00"}]}"#,
        marks: &[(Some("office-2"), None), (Some("office-2"), None), (None, None), (None, None)],
        claims: &[(&[0, 1], &["bundles.office-2.price"])],
        ..PLAIN
    },
    Case {
        name: "usd-goal-after-the-bundle-discount",
        about: "Laptop + mouse at the $950 bundle price: after it the items come to $950, short of the $1,000 goal, so 10% off (not $50) and free shipping on the cheapest option",
        config: GOALS_USD,
        cart: r#"{"currency":"USD","items":[{"id":"laptop","quantity":1,"price":"1000.00"},{"id":"mouse","quantity":1,"price":"50.00"}]}"#,
        marks: &[(Some("office-2"), None), (Some("office-2"), None)],
        claims: &[(&[0, 1], &["bundles.office-2.price"])],
        ..PLAIN
    },
    Case {
        name: "usd-gift-held",
        about: "$285 of lamps reach $200: the tote bag marked as the gift is free, one unit",
        config: GIFTS_USD,
        cart: r#"{"currency":"USD","items":[{"id":"lamp","quantity":3,"price":"95.00"},{"id":"tote","quantity":1,"price":"15.00","gift":true}]}"#,
        marks: &[(None, None), (None, None)],
        claims: &[(&[0], &["lines.0.total"]), (&[1], &["gifts.tote.price"])],
        ..PLAIN
    },
    Case {
        name: "usd-gift-in-the-colour-picked-held",
        about: "$285 of lamps reach $200, whose goal gives the tote bag in any colour: the black one the shopper picked ($18.00) is free, one unit",
        config: GIFT_VARIANTS_USD,
        cart: r#"{"currency":"USD","items":[{"id":"lamp","quantity":3,"price":"95.00"},{"id":"tote-black","quantity":1,"price":"18.00","gift":true}]}"#,
        marks: &[(None, None), (None, None)],
        claims: &[(&[0], &["lines.0.total"]), (&[1], &["gifts.tote.price"])],
        ..PLAIN
    },
    Case {
        name: "usd-gift-of-one-variant-held",
        about: "The goal gives the natural tote only: $285 of lamps, the natural tote on the gift line is free",
        config: GIFT_ONE_VARIANT_USD,
        cart: r#"{"currency":"USD","items":[{"id":"lamp","quantity":3,"price":"95.00"},{"id":"tote-natural","quantity":1,"price":"15.00","gift":true}]}"#,
        marks: &[(None, None), (None, None)],
        claims: &[(&[0], &["lines.0.total"]), (&[1], &["gifts.tote.price"])],
        ..PLAIN
    },
    Case {
        name: "usd-gift-of-one-variant-another-charged",
        about: "The goal gives the natural tote only: a black tote marked as the gift is not it, and costs its $18.00",
        config: GIFT_ONE_VARIANT_USD,
        cart: r#"{"currency":"USD","items":[{"id":"lamp","quantity":3,"price":"95.00"},{"id":"tote-black","quantity":1,"price":"18.00","gift":true}]}"#,
        marks: &[(None, None), (None, None)],
        claims: &[(&[0, 1], &["lines.0.total", "lines.1.total"])],
        ..PLAIN
    },
    Case {
        name: "jpy-gift-of-one-variant-held",
        about: "¥11,106 of tea reaches ¥10,000, whose goal gives the indigo furoshiki (¥1,333): free, whole yen",
        config: GIFT_ONE_VARIANT_JPY,
        cart: r#"{"currency":"JPY","items":[{"id":"tea","quantity":9,"price":"1234"},{"id":"furoshiki-ai","quantity":1,"price":"1333","gift":true}]}"#,
        marks: &[(None, None), (None, None)],
        claims: &[(&[0], &["lines.0.total"]), (&[1], &["gifts.furoshiki.price"])],
        ..PLAIN
    },
    Case {
        name: "usd-gift-lost-it-never-counts",
        about: "$190 of lamps and the $15 tote marked as the gift: $205 in all, but a gift never counts toward a goal, so $200 is not reached and the tote is charged",
        config: GIFTS_USD,
        cart: r#"{"currency":"USD","items":[{"id":"lamp","quantity":2,"price":"95.00"},{"id":"tote","quantity":1,"price":"15.00","gift":true}]}"#,
        marks: &[(None, None), (None, None)],
        claims: &[(&[0, 1], &["lines.0.total", "lines.1.total"])],
        ..PLAIN
    },
    Case {
        name: "usd-gift-held-a-second-charged",
        about: "Three lamps and two totes on the gift line: one tote free, the other $15.00",
        config: GIFTS_USD,
        cart: r#"{"currency":"USD","items":[{"id":"lamp","quantity":3,"price":"95.00"},{"id":"tote","quantity":2,"price":"15.00","gift":true}]}"#,
        marks: &[(None, None), (None, None)],
        claims: &[(&[0], &["lines.0.total"]), (&[1], &["gifts.tote.price", "unit.1"])],
        ..PLAIN
    },
    Case {
        name: "jpy-gift-held",
        about: "¥11,106 of tea reaches ¥10,000: the furoshiki is free, whole yen",
        country: "JP",
        config: GIFTS_JPY,
        cart: r#"{"currency":"JPY","items":[{"id":"tea","quantity":9,"price":"1234"},{"id":"furoshiki","quantity":1,"price":"1200","gift":true}]}"#,
        marks: &[(None, None), (None, None)],
        claims: &[(&[0], &["lines.0.total"]), (&[1], &["gifts.furoshiki.price"])],
        ..PLAIN
    },
    Case {
        name: "kwd-gift-held-exactly",
        about: "Two oud at 14.999 and a fils over: 30.000 KWD exactly reaches 30.000, the incense is free",
        country: "KW",
        config: GIFTS_KWD,
        cart: r#"{"currency":"KWD","items":[{"id":"oud","quantity":2,"price":"15.000"},{"id":"incense","quantity":1,"price":"5.250","gift":true}]}"#,
        marks: &[(None, None), (None, None)],
        claims: &[(&[0], &["lines.0.total"]), (&[1], &["gifts.incense.price"])],
        ..PLAIN
    },
    Case {
        name: "jpy-gift-lost",
        about: "¥9,872 of tea, ¥128 short of ¥10,000: the furoshiki marked as the gift costs its ¥1,200",
        country: "JP",
        config: GIFTS_JPY,
        cart: r#"{"currency":"JPY","items":[{"id":"tea","quantity":8,"price":"1234"},{"id":"furoshiki","quantity":1,"price":"1200","gift":true}]}"#,
        marks: &[(None, None), (None, None)],
        claims: &[(&[0, 1], &["lines.0.total", "lines.1.total"])],
        ..PLAIN
    },
    Case {
        name: "kwd-gift-lost",
        about: "29.998 KWD of oud, two fils short of 30.000: the incense marked as the gift costs its 5.250 KWD",
        country: "KW",
        config: GIFTS_KWD,
        cart: r#"{"currency":"KWD","items":[{"id":"oud","quantity":2,"price":"14.999"},{"id":"incense","quantity":1,"price":"5.250","gift":true}]}"#,
        marks: &[(None, None), (None, None)],
        claims: &[(&[0, 1], &["lines.0.total", "lines.1.total"])],
        ..PLAIN
    },
    Case {
        name: "jpy-goal-amount-off",
        about: "¥10,000 of tea and a pot: free shipping and ¥500 off, whole yen",
        country: "JP",
        config: GOALS_JPY,
        cart: r#"{"currency":"JPY","items":[{"id":"tea","quantity":5,"price":"1234"},{"id":"pot","quantity":1,"price":"3830"}]}"#,
        marks: &[(None, None), (None, None)],
        claims: &[(&[0, 1], &["lines.0.total", "lines.1.total"])],
        ..PLAIN
    },
    Case {
        name: "jpy-goal-just-under",
        about: "¥4,936 of tea: short of ¥5,000, nothing granted",
        country: "JP",
        config: GOALS_JPY,
        cart: r#"{"currency":"JPY","items":[{"id":"tea","quantity":4,"price":"1234"}]}"#,
        marks: &[(None, None)],
        claims: &[(&[0], &["lines.0.total"])],
        ..PLAIN
    },
    Case {
        name: "jpy-goal-just-over",
        about: "¥5,064 of tea and a pot: just past ¥5,000, free shipping; short of ¥10,000, no ¥500 off",
        country: "JP",
        config: GOALS_JPY,
        cart: r#"{"currency":"JPY","items":[{"id":"tea","quantity":1,"price":"1234"},{"id":"pot","quantity":1,"price":"3830"}]}"#,
        marks: &[(None, None), (None, None)],
        claims: &[(&[0, 1], &["lines.0.total", "lines.1.total"])],
        ..PLAIN
    },
    Case {
        name: "kwd-goal-just-under",
        about: "19.999 KWD: one fils short of 20.000, nothing off",
        country: "KW",
        config: GOALS_KWD,
        cart: r#"{"currency":"KWD","items":[{"id":"oud","quantity":1,"price":"12.344"},{"id":"musk","quantity":1,"price":"7.655"}]}"#,
        marks: &[(None, None), (None, None)],
        claims: &[(&[0, 1], &["lines.0.total", "lines.1.total"])],
        ..PLAIN
    },
    Case {
        name: "kwd-goal-just-over",
        about: "20.001 KWD: 12.5% off is 2.500125, so 2.500 KWD, rounded to the fils",
        country: "KW",
        config: GOALS_KWD,
        cart: r#"{"currency":"KWD","items":[{"id":"oud","quantity":1,"price":"12.346"},{"id":"musk","quantity":1,"price":"7.655"}]}"#,
        marks: &[(None, None), (None, None)],
        claims: &[(&[0, 1], &["lines.0.total", "lines.1.total"])],
        ..PLAIN
    },
    Case {
        name: "kwd-goal-percent-off",
        about: "20.000 KWD of oud and musk: 12.5% off, 2.500 KWD, to the fils",
        country: "KW",
        config: GOALS_KWD,
        cart: r#"{"currency":"KWD","items":[{"id":"oud","quantity":1,"price":"12.345"},{"id":"musk","quantity":1,"price":"7.655"}]}"#,
        marks: &[(None, None), (None, None)],
        claims: &[(&[0, 1], &["lines.0.total", "lines.1.total"])],
        ..PLAIN
    },
    Case {
        name: "usd-segmented-tier-for-phones",
        about: "Three socks for a phone shopper (the browser says so on the cart): the phones-only 20% tier, $21.60",
        config: PERSONAL_USD,
        cart: r#"{"currency":"USD","items":[{"id":"socks","quantity":3,"price":"9.00"}]}"#,
        marks: &[(None, None)],
        claims: &[(&[0], &["tiers.socks.line_price"])],
        claim: Some(r#"{"s":["mobile"],"x":{}}"#),
        width: Some(375),
        ..PLAIN
    },
    Case {
        name: "usd-segmented-tier-not-claimed",
        about: "The same three socks for a desktop shopper: no tier was shown, none is charged, $27.00",
        config: PERSONAL_USD,
        cart: r#"{"currency":"USD","items":[{"id":"socks","quantity":3,"price":"9.00"}]}"#,
        marks: &[(None, None)],
        claims: &[(&[0], &["lines.0.total"])],
        width: Some(1280),
        ..PLAIN
    },
    Case {
        name: "usd-segmented-upsell-ticked",
        about: "The phones-only $6 warranty ticked beside the $4.50 first-socks offer (max_offers 1 shows one; both are charged as shown)",
        config: PERSONAL_USD,
        cart: r#"{"currency":"USD","items":[{"id":"laptop","quantity":1,"price":"1000.00"},{"id":"warranty","quantity":1,"price":"12.00"}]}"#,
        marks: &[(None, None), (None, Some("phone-warranty"))],
        claims: &[(&[0], &["lines.0.total"]), (&[1], &["upsells.phone-warranty.price"])],
        claim: Some(r#"{"s":["mobile"],"x":{}}"#),
        width: Some(375),
        ..PLAIN
    },
    Case {
        name: "usd-forged-claim",
        about: "A desktop browser whose cart says \"mobile\" (forged): it gets the phones-only tier, as any phone shopper would; no more than the config offers someone",
        config: PERSONAL_USD,
        cart: r#"{"currency":"USD","items":[{"id":"socks","quantity":3,"price":"9.00"}]}"#,
        marks: &[(None, None)],
        claims: &[(&[0], &["tiers.socks.line_price"])],
        claim: Some(r#"{"s":["mobile","canada"],"x":{}}"#),
        width: Some(375),
        ..PLAIN
    },
    Case {
        name: "usd-country-segment-checked-at-checkout",
        about: "$60 of socks from a US cart that claims \"canada\": checkout sees the cart is in the US, so no free shipping",
        config: PERSONAL_USD,
        cart: r#"{"currency":"USD","items":[{"id":"socks","quantity":7,"price":"9.00"}]}"#,
        marks: &[(None, None)],
        claims: &[(&[0], &["lines.0.total"])],
        claim: Some(r#"{"s":["canada"],"x":{}}"#),
        ..PLAIN
    },
    Case {
        name: "usd-country-segment-in-canada",
        about: "The same socks from Canada: free shipping, whatever the browser claims",
        country: "CA",
        config: PERSONAL_USD,
        cart: r#"{"currency":"USD","items":[{"id":"socks","quantity":7,"price":"9.00"}]}"#,
        marks: &[(None, None)],
        claims: &[(&[0], &["lines.0.total"])],
        ..PLAIN
    },
    Case {
        name: "usd-experiment-variant-prices-the-bundle",
        about: "A shopper in the \"cheaper\" variant saw the bundle at $900: checkout charges $900",
        config: PERSONAL_USD,
        cart: r#"{"currency":"USD","items":[{"id":"laptop","quantity":1,"price":"1000.00"},{"id":"mouse","quantity":1,"price":"50.00"}]}"#,
        marks: &[(Some("office-2"), None), (Some("office-2"), None)],
        claims: &[(&[0, 1], &["bundles.office-2.price"])],
        claim: Some(r#"{"s":[],"x":{"bundle-price":"cheaper"}}"#),
        ..PLAIN
    },
    Case {
        name: "usd-experiment-control",
        about: "A shopper in the control (or whose browser says nothing) saw $950: checkout charges $950",
        config: PERSONAL_USD,
        cart: r#"{"currency":"USD","items":[{"id":"laptop","quantity":1,"price":"1000.00"},{"id":"mouse","quantity":1,"price":"50.00"}]}"#,
        marks: &[(Some("office-2"), None), (Some("office-2"), None)],
        claims: &[(&[0, 1], &["bundles.office-2.price"])],
        ..PLAIN
    },
    Case {
        name: "eur-bundle-on-a-dollar-store",
        about: "Markets: a shopper paying in euros at 0.92: the $950 bundle is €874.00 (€920 + €46 less €92)",
        country: "FR",
        config: OFFICE_USD,
        cart: r#"{"currency":"EUR","items":[{"id":"laptop","quantity":1,"price":"920.00"},{"id":"mouse","quantity":1,"price":"46.00"}]}"#,
        marks: &[(Some("office-2"), None), (Some("office-2"), None)],
        claims: &[(&[0, 1], &["bundles.office-2.price"])],
        rate: Some("0.92"),
        ..PLAIN
    },
    Case {
        name: "eur-goal-converted",
        about: "Markets: $75 free shipping at 0.92 is €69.00: €69.00 of shirts reach it",
        country: "FR",
        config: GOALS_USD,
        cart: r#"{"currency":"EUR","items":[{"id":"shirt","quantity":3,"price":"23.00"}]}"#,
        marks: &[(None, None)],
        claims: &[(&[0], &["lines.0.total"])],
        rate: Some("0.92"),
        ..PLAIN
    },
    Case {
        name: "jpy-bundle-on-a-dollar-store",
        about: "Markets: yen at 149.5: the $950 bundle is ¥142,025, whole yen (¥149,500 + ¥7,475 less ¥14,950)",
        country: "JP",
        config: OFFICE_USD,
        cart: r#"{"currency":"JPY","items":[{"id":"laptop","quantity":1,"price":"149500"},{"id":"mouse","quantity":1,"price":"7475"}]}"#,
        marks: &[(Some("office-2"), None), (Some("office-2"), None)],
        claims: &[(&[0, 1], &["bundles.office-2.price"])],
        rate: Some("149.5"),
        ..PLAIN
    },
    Case {
        name: "usd-upsell-ticked-keeps-its-price",
        about: "A desktop shopper ticked the $4.50 first-socks offer (the phones-only one was not theirs): checkout charges $4.50 whatever max_offers would cut",
        config: PERSONAL_USD,
        cart: r#"{"currency":"USD","items":[{"id":"laptop","quantity":1,"price":"1000.00"},{"id":"socks","quantity":1,"price":"9.00"}]}"#,
        marks: &[(None, None), (None, Some("first"))],
        claims: &[(&[0], &["lines.0.total"]), (&[1], &["upsells.first.price"])],
        width: Some(1280),
        ..PLAIN
    },
    Case {
        name: "usd-deal-three-for-two-mixed-prices",
        about: "3-for-2 over socks at $9.00 and silk socks at $12.00: two silk and one plain, the cheapest ($9.00) is the free one",
        config: DEALS_USD,
        cart: r#"{"currency":"USD","items":[{"id":"silk-socks","quantity":2,"price":"12.00"},{"id":"socks","quantity":1,"price":"9.00"}]}"#,
        marks: &[(None, None), (None, None)],
        claims: &[(&[0, 1], &["lines.0.total", "lines.1.total", "deals.socks-3for2.off"])],
        ..PLAIN
    },
    Case {
        name: "usd-deal-twice-and-a-half-off-hat-once",
        about: "Six socks: the 3-for-2 twice ($18.00 off); two tees and two hats: one hat half off ($10.00), its limit",
        config: DEALS_USD,
        cart: r#"{"currency":"USD","items":[{"id":"socks","quantity":6,"price":"9.00"},{"id":"tee","quantity":2,"price":"25.00"},{"id":"hat","quantity":2,"price":"20.00"}]}"#,
        marks: &[(None, None), (None, None), (None, None)],
        claims: &[
            (&[0], &["lines.0.total", "deals.socks-3for2.off"]),
            (&[1, 2], &["lines.1.total", "lines.2.total", "deals.hat-half.off"]),
        ],
        ..PLAIN
    },
    Case {
        name: "usd-deal-not-yet",
        about: "Two socks: the 3-for-2 does not apply yet, nothing off (the widget nudges: 1 more)",
        config: DEALS_USD,
        cart: r#"{"currency":"USD","items":[{"id":"socks","quantity":2,"price":"9.00"}]}"#,
        marks: &[(None, None)],
        claims: &[(&[0], &["lines.0.total"])],
        ..PLAIN
    },
    Case {
        name: "usd-deal-then-tier-one-discount-per-unit",
        about: "Three socks, a 3-for-2 and a 10% tier at 3: one sock free, the two bought at the tier's $8.10 each: the tier's line price ($16.20, the units the deal did not get) plus a sock at $9.00 less the deal's $9.00",
        config: DEALS_AND_TIER_USD,
        cart: r#"{"currency":"USD","items":[{"id":"socks","quantity":3,"price":"9.00"}]}"#,
        marks: &[(None, None)],
        claims: &[(&[0], &["tiers.socks.line_price", "unit.0", "deals.socks-3for2.off"])],
        ..PLAIN
    },
    Case {
        name: "jpy-deal-three-for-two-mixed-prices",
        about: "3-for-2 over sencha at ¥1,234 and gyokuro at ¥2,777: two gyokuro and one sencha, the sencha (¥1,234) free",
        country: "JP",
        config: DEALS_MIXED_JPY,
        cart: r#"{"currency":"JPY","items":[{"id":"gyokuro","quantity":2,"price":"2777"},{"id":"sencha","quantity":1,"price":"1234"}]}"#,
        marks: &[(None, None), (None, None)],
        claims: &[(&[0, 1], &["lines.0.total", "lines.1.total", "deals.tea-3for2.off"])],
        ..PLAIN
    },
    Case {
        name: "kwd-deal-three-for-two-mixed-prices",
        about: "3-for-2 over rose oil at 4.125 KWD and oud oil at 9.999 KWD: two oud, one rose, the rose (4.125) free, to the fils",
        country: "KW",
        config: DEALS_MIXED_KWD,
        cart: r#"{"currency":"KWD","items":[{"id":"oud-oil","quantity":2,"price":"9.999"},{"id":"rose-oil","quantity":1,"price":"4.125"}]}"#,
        marks: &[(None, None), (None, None)],
        claims: &[(&[0, 1], &["lines.0.total", "lines.1.total", "deals.oils-3for2.off"])],
        ..PLAIN
    },
    Case {
        name: "usd-selector-tiers",
        about: "The selector's 3 tees at 15% off $24.99: $21.24 each ($3.7485 off rounds to $3.75), $63.72, what the selector showed",
        config: SELECTOR_USD,
        cart: r#"{"currency":"USD","items":[{"id":"tee","quantity":3,"price":"24.99"}]}"#,
        marks: &[(None, None)],
        claims: &[(&[0], &["tiers.tee.line_price"])],
        ..PLAIN
    },
    Case {
        name: "jpy-selector-tiers",
        about: "The selector's 2 matcha at 10% off ¥1,999: ¥1,799 each (¥199.9 off rounds to ¥200), ¥3,598",
        country: "JP",
        config: SELECTOR_JPY,
        cart: r#"{"currency":"JPY","items":[{"id":"matcha","quantity":2,"price":"1999"}]}"#,
        marks: &[(None, None)],
        claims: &[(&[0], &["tiers.matcha.line_price"])],
        ..PLAIN
    },
    Case {
        name: "kwd-selector-tiers",
        about: "The selector's 3 bakhoor at 15% off 3.333 KWD: 2.833 each (0.49995 off rounds to 0.500), 8.499 KWD, to the fils",
        country: "KW",
        config: SELECTOR_KWD,
        cart: r#"{"currency":"KWD","items":[{"id":"bakhoor","quantity":3,"price":"3.333"}]}"#,
        marks: &[(None, None)],
        claims: &[(&[0], &["tiers.bakhoor.line_price"])],
        ..PLAIN
    },
    Case {
        name: "jpy-deal-second-half-off",
        about: "Two teas at ¥155, the second half off: ¥77.5 rounds away from zero to ¥78 off, whole yen",
        country: "JP",
        config: DEALS_JPY,
        cart: r#"{"currency":"JPY","items":[{"id":"tea","quantity":2,"price":"155"}]}"#,
        marks: &[(None, None)],
        claims: &[(&[0], &["lines.0.total", "deals.tea-bogo-half.off"])],
        ..PLAIN
    },
    Case {
        name: "kwd-deal-third-quarter-off",
        about: "Three amber jars at KWD 1.250, the third 25% off: 0.3125 rounds to 0.313 off, three decimals",
        country: "KW",
        config: DEALS_KWD,
        cart: r#"{"currency":"KWD","items":[{"id":"amber","quantity":3,"price":"1.250"}]}"#,
        marks: &[(None, None)],
        claims: &[(&[0], &["lines.0.total", "deals.amber-third.off"])],
        ..PLAIN
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
/// A figure the widget shows, by name: the widget's own from the cart as the platform shows
/// it (`shown`: its lines after checkout's discounts), a line's price from the cart as held.
fn figure(config: &Config, cart: &Cart, shown: &Cart, case: &Case, figure: &str) -> i64 {
    let q = quote(config, shown, &context(shown, case));
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
        // What a deal takes off the lines it discounts, as a negative figure.
        ["deals", id, "off"] => q
            .deals
            .iter()
            .find(|d| d.id == *id)
            .map(|d| -d.saving.minor()),
        // A gift the bar says its goal gives this cart, and the cart holds: free.
        ["gifts", product, "price"] => q
            .shipping
            .iter()
            .flat_map(|b| &b.goals)
            .find(|g| {
                g.holds
                    && g.gift
                        .as_ref()
                        .is_some_and(|gift| gift.product == *product && gift.in_cart)
            })
            .map(|_| 0),
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
            quote(config, &before, &context(&before, case))
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

/// What the widget quotes with for this case's shopper: the cart's country, their viewport.
fn context(cart: &Cart, case: &Case) -> Context {
    Context {
        now: now(),
        country: cart.country.clone(),
        page: Page {
            country: cart.country.clone(),
            width: case.width,
        },
        ..Context::default()
    }
}

/// The case's config as checkout prices it and the widget shows it to this shopper: in the
/// cart's currency (converted at the case's rate when it differs, as on a Markets page and at
/// checkout), with the experiment variants the claim names; its cart, and its buyer's claim.
fn priced(case: &Case) -> (Config, Cart, Claim) {
    let wanted: serde_json::Value =
        serde_json::from_str(case.cart).unwrap_or_else(|e| panic!("{}: {e:#?}", case.name));
    let currency =
        Currency::from_code(wanted["currency"].as_str().unwrap_or("")).expect("a cart currency");
    let mut setup =
        Setup::from_json(case.config).unwrap_or_else(|e| panic!("{}: {e:#?}", case.name));
    if setup.config.currency != currency {
        let rate =
            Rate::parse(case.rate.expect("a rate for a cart in another currency")).expect("a rate");
        setup = setup
            .in_market(currency, rate)
            .unwrap_or_else(|e| panic!("{}: {e:#?}", case.name));
    }
    let claim = case.claim.map(Claim::parse).unwrap_or_default();
    let config = setup
        .for_variants(&claim.variants)
        .config
        .unwrap_or(setup.config);
    let mut cart =
        Cart::from_json(case.cart, &config).unwrap_or_else(|e| panic!("{}: {e:#?}", case.name));
    cart.country = Some(case.country.to_owned());
    (config, cart, claim)
}

/// The `_cartlift_gift` of line `i`: the threshold of the goal that gives its product, as the
/// widget writes it, when the line is a gift.
fn gift_mark(config: &Config, cart: &Cart, i: usize) -> Option<String> {
    let line = cart.lines.get(i).filter(|l| l.gift)?;
    let goal = config
        .shipping_bar
        .as_ref()?
        .goals
        .iter()
        // A line of the gift's product carries it (of any variant: checkout then tells whether
        // it is the one variant a goal gives).
        .find(|g| {
            g.grants
                .gift
                .as_deref()
                .and_then(|gift| config.item_index(gift))
                .is_some_and(|(p, _)| line.product == Some(p))
        })?;
    Some(goal.threshold.to_decimal_string())
}

fn money(m: cartlift_core::Money) -> Value {
    json!(m.minor())
}

/// Everything the vector holds, computed by the core.
fn vector(case: &Case) -> Value {
    let (config, cart, claim) = priced(case);
    let buyer = Buyer::new(&config, &claim, Some(case.country));
    let discounts = checkout::discounts(&config, &cart, &marks(case), &buyer, Clock::At(now()));
    let rewards = checkout::rewards(&config, &cart, &discounts, &buyer, Clock::At(now()));
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
    // The widget reads the cart as the platform shows it once checkout's discounts apply to its
    // lines (Shopify runs the function on the cart too): each line's unit price before them,
    // its total after.
    let mut shown = cart.clone();
    for (line, charged) in shown.lines.iter_mut().zip(&charged) {
        line.total = cartlift_core::Money::from_minor(*charged, cart.currency);
    }
    let q = quote(&config, &shown, &context(&shown, case));
    let parse = |text: &str| -> Value {
        serde_json::from_str(text).unwrap_or_else(|e| panic!("{}: {e}", case.name))
    };
    let mut vector = json!({
        "name": case.name,
        "about": case.about,
        "now": NOW,
        "date": DATE,
        "country": case.country,
        "currency": cart.currency.code(),
        "exponent": cart.currency.exponent(),
        "rate": case.rate,
        "claim": case.claim,
        "config": parse(case.config),
        // The config as checkout reads it (`checkout::form`): the Shopify Function finds it in
        // its metafield, the WooCommerce plugin in its option; both price these vectors from it.
        "form": parse(&checkout::compact(case.config).unwrap_or_else(|e| panic!("{}: {e:#?}", case.name))),
        "cart": parse(case.cart),
        // The gift line's `_cartlift_gift` holds the threshold of the goal that gives it.
        "marks": case.marks.iter().enumerate().map(|(i, (b, o))| match gift_mark(&config, &cart, i) {
            Some(g) => json!({ "bundle": b, "offer": o, "gift": g }),
            None => json!({ "bundle": b, "offer": o }),
        }).collect::<Vec<_>>(),
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
            "deals": q.deals.iter().map(|d| json!({ "id": d.id, "times": d.times, "saving": money(d.saving) })).collect::<Vec<_>>(),
            "goals": q.shipping.iter().flat_map(|b| &b.goals).map(|g| json!({
                "reward": g.reward, "threshold": money(g.threshold), "holds": g.holds, "grants": g.grants,
            })).collect::<Vec<_>>(),
            "bar_subtotal": q.shipping.as_ref().map(|b| money(b.subtotal)),
        },
        "checkout": {
            "discounts": discounts.iter().map(|d| json!({ "line": d.line, "amount": money(d.amount) })).collect::<Vec<_>>(),
            "charged": charged,
            "order": rewards.order.as_ref().map(|(m, why)| json!({ "amount": money(*m), "message": why })),
            "free_shipping": rewards.free_shipping.as_ref().map(|(f, why)| json!({ "options": f, "message": why })),
            "excluded": rewards.excluded,
        },
        "claims": case.claims.iter().map(|(lines, figures)| json!({
            "lines": lines,
            "figures": figures,
            "minor": figures.iter().map(|f| figure(&config, &cart, &shown, case, f)).sum::<i64>(),
        })).collect::<Vec<_>>(),
    });
    // The gift lines no goal reached gives, where a goal gives one (the other vectors stay as
    // they were).
    if let Some(bar) = q
        .shipping
        .as_ref()
        .filter(|b| b.goals.iter().any(|g| g.gift.is_some()))
    {
        vector["widget"]["stale_gifts"] = json!(bar.stale_gifts);
    }
    vector
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
fn checkout_grants_exactly_the_goals_the_bar_says_hold() {
    // From the widget's figures alone (its subtotal toward the goals, each goal's grants and
    // whether it holds), what checkout must give; then what checkout gives.
    for case in CASES {
        let v = vector(case);
        let held: Vec<&Value> = v["widget"]["goals"]
            .as_array()
            .expect("goals")
            .iter()
            .filter(|g| g["holds"] == true)
            .collect();
        let subtotal = v["widget"]["bar_subtotal"].as_i64().unwrap_or(0);
        let rank = |f: &Value| match f.as_str() {
            Some("all") => 2,
            Some("cheapest") => 1,
            _ => 0,
        };
        let shipping = held
            .iter()
            .map(|g| &g["grants"]["free_shipping"])
            .max_by_key(|f| rank(f))
            .filter(|f| rank(f) > 0);
        let order = held.iter().rev().find_map(|g| {
            let grants = &g["grants"];
            let amount = if let Some(bp) = grants["percent_off"].as_i64() {
                // Half away from zero, on basis points: subtotal × bp / 10,000.
                (i128::from(subtotal) * i128::from(bp) * 2 + 10_000) / 20_000
            } else {
                i128::from(grants["amount_off"]["minor"].as_i64()?.min(subtotal))
            };
            (amount > 0).then(|| json!({ "amount": amount as i64, "message": g["reward"] }))
        });
        assert_eq!(
            v["checkout"]["free_shipping"]["options"],
            shipping.cloned().unwrap_or(Value::Null),
            "{}: free shipping",
            case.name
        );
        assert_eq!(
            v["checkout"]["order"],
            order.unwrap_or(Value::Null),
            "{}: the order discount",
            case.name
        );
    }
}

#[test]
fn checkout_at_the_shops_local_date_prices_as_at_the_widgets_instant() {
    let span = checkout::local_date_span(DATE).expect("DATE is a date");
    for case in CASES {
        let (config, cart, claim) = priced(case);
        let buyer = Buyer::new(&config, &claim, Some(case.country));
        let during = Clock::During(span.0, span.1);
        let at = Clock::At(now());
        let (a, b) = (
            checkout::discounts(&config, &cart, &marks(case), &buyer, during),
            checkout::discounts(&config, &cart, &marks(case), &buyer, at),
        );
        assert_eq!(a, b, "{}", case.name);
        assert_eq!(
            checkout::rewards(&config, &cart, &a, &buyer, during),
            checkout::rewards(&config, &cart, &b, &buyer, at),
            "{}",
            case.name
        );
    }
}

/// The `variant_id` of a product or variant of config `tree`, as text (empty without one).
fn platform_id(tree: &Value, id: &str) -> String {
    let products = tree["products"].as_array().into_iter().flatten();
    products
        .flat_map(|p| std::iter::once(p).chain(p["variants"].as_array().into_iter().flatten()))
        .find(|item| item["id"] == id)
        .map(|item| item["variant_id"].to_string())
        .unwrap_or_default()
}

#[test]
fn the_form_in_the_metafield_prices_checkout_exactly_as_the_full_config() {
    for case in CASES {
        let (full, cart, claim) = priced(case);
        let form =
            checkout::compact(case.config).unwrap_or_else(|e| panic!("{}: {e:#?}", case.name));
        assert!(
            form.len() < case.config.len(),
            "{}: the form is smaller than the config",
            case.name
        );
        let rate = case.rate.map(|r| Rate::parse(r).expect("a rate"));
        let small = checkout::form::read(&form, full.currency, rate, &claim.variants)
            .unwrap_or_else(|e| panic!("{}: {e:#?}", case.name))
            .config;
        // The cart as checkout reads it against the form: a product it left out is a line of
        // its own price. Checkout knows a variant's line by its platform id, as a line of its
        // product (the form lists each product's ids): so does this cart.
        let mut as_products = case.cart.to_owned();
        for p in &full.products {
            for v in &p.variants {
                as_products = as_products.replace(
                    &format!(r#""id":"{}""#, v.id),
                    &format!(r#""id":"{}""#, p.id),
                );
            }
        }
        let mut small_cart = Cart::from_json(&as_products, &small).expect("valid");
        small_cart.country = cart.country.clone();
        // The Function knows a gift line by its platform id too (a goal may give one variant).
        let tree: Value = serde_json::from_str(case.config).expect("a config");
        for (small, line) in small_cart.lines.iter_mut().zip(&cart.lines) {
            if small.gift {
                small.id = platform_id(&tree, &line.id);
            }
        }
        let buyer = |c: &Config| Buyer::new(c, &claim, Some(case.country));
        let at = Clock::At(now());
        let (a, b) = (
            checkout::discounts(&small, &small_cart, &marks(case), &buyer(&small), at),
            checkout::discounts(&full, &cart, &marks(case), &buyer(&full), at),
        );
        assert_eq!(a, b, "{}", case.name);
        assert_eq!(
            checkout::rewards(&small, &small_cart, &a, &buyer(&small), at),
            checkout::rewards(&full, &cart, &b, &buyer(&full), at),
            "{}",
            case.name
        );
    }
}
