//! Oracles for what the core reads by hand, each against a maintained library (dev-dependencies
//! only, so none of them reaches the wasm): the JSON reader against serde_json, the RFC 3339
//! reader against jiff, the currency table against the `iso_currency` crate's ISO 4217 data.

use cartlift_core::json::{self, Json};
use cartlift_core::schedule::parse_rfc3339;
use cartlift_core::Currency;
use proptest::prelude::*;
use serde_json::Value;

// ---- JSON ------------------------------------------------------------------------------------

/// Our tree as serde_json's: numbers by their text (serde_json keeps it with
/// `arbitrary_precision`), a key given twice keeping its last value, as serde_json does.
fn as_value(j: &Json) -> Value {
    match j {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Bool(*b),
        Json::Num(n) => serde_json::from_str(n).expect("our number is serde_json's too"),
        Json::Str(s) => Value::String(s.clone()),
        Json::Arr(items) => Value::Array(items.iter().map(as_value).collect()),
        Json::Obj(entries) => {
            let mut map = serde_json::Map::new();
            for (k, v) in entries {
                map.insert(k.clone(), as_value(v));
            }
            Value::Object(map)
        }
    }
}

/// A JSON string literal for `s`, each character written plainly or as a `\u` escape (a pair
/// of them beyond the BMP), as `escape` says.
fn string_literal(s: &str, escape: &[bool]) -> String {
    let mut out = String::from("\"");
    for (i, c) in s.chars().enumerate() {
        let code = c as u32;
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            _ if code < 0x20 || escape.get(i).copied().unwrap_or(false) => {
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{:04X}", u));
                }
            }
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A JSON document's text, with varied whitespace, number spellings and escapes.
fn document() -> impl Strategy<Value = String> {
    let number = prop_oneof![
        any::<i64>().prop_map(|n| n.to_string()),
        (any::<u32>(), 0u32..1000, prop::bool::ANY)
            .prop_map(|(i, f, neg)| format!("{}{i}.{f:03}", if neg { "-" } else { "" })),
        (
            1u32..10,
            -400i32..400,
            prop::sample::select(vec!["e", "E", "e+", "E-"])
        )
            .prop_map(|(m, e, s)| format!("{m}{s}{}", e.unsigned_abs())),
        Just("0".to_owned()),
        Just("-0".to_owned()),
        Just("12345678901234567890123456789".to_owned()),
    ];
    let text = ("\\PC{0,12}", prop::collection::vec(any::<bool>(), 12))
        .prop_map(|(s, esc)| string_literal(&s, &esc));
    let space = prop::sample::select(vec!["", " ", "\n", "\t", "\r\n  "]);
    let leaf = prop_oneof![
        Just("null".to_owned()),
        Just("true".to_owned()),
        Just("false".to_owned()),
        number,
        text.clone(),
    ];
    leaf.prop_recursive(6, 64, 6, move |inner| {
        let space = space.clone();
        prop_oneof![
            (prop::collection::vec(inner.clone(), 0..6), space.clone())
                .prop_map(|(items, s)| format!("[{s}{}{s}]", items.join(&format!("{s},{s}")))),
            (
                prop::collection::btree_map("[a-z]{1,6}", inner, 0..6),
                space,
            )
                .prop_map(|(entries, s)| {
                    let body: Vec<String> = entries
                        .into_iter()
                        .map(|(k, v)| format!("{}{s}:{s}{v}", string_literal(&k, &[])))
                        .collect();
                    format!("{{{s}{}{s}}}", body.join(","))
                }),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn every_valid_document_reads_as_serde_json_reads_it(doc in document()) {
        let theirs: Value = serde_json::from_str(&doc).expect("the generator writes valid JSON");
        let ours = json::parse(&doc).map_err(|e| e.to_string());
        prop_assert_eq!(ours.map(|j| as_value(&j)), Ok(theirs));
    }

    #[test]
    fn a_mutated_document_is_refused_by_both_or_read_alike(
        doc in document(),
        at in any::<prop::sample::Index>(),
        op in 0u8..3,
        byte in prop::sample::select(b"{}[],:\"\\ 0123456789.eE+-tnfaxu".to_vec()),
    ) {
        let mut bytes = doc.into_bytes();
        let i = at.index(bytes.len() + 1);
        match op {
            0 if i < bytes.len() => { bytes.remove(i); }
            1 => bytes.insert(i, byte),
            _ if i < bytes.len() => bytes[i] = byte,
            _ => bytes.push(byte),
        }
        let Ok(text) = String::from_utf8(bytes) else { return Ok(()) };
        let theirs = serde_json::from_str::<Value>(&text);
        // The one difference on purpose: a lone surrogate is U+FFFD here, an error there.
        // serde_json words it "lone leading surrogate" or, when the next character is not a
        // `\u`, "unexpected end of hex escape".
        let surrogate_escape = text.to_ascii_lowercase().contains("\\ud");
        if theirs.as_ref().is_err_and(|e| {
            let e = e.to_string();
            e.contains("surrogate") || (surrogate_escape && e.contains("hex escape"))
        }) {
            return Ok(());
        }
        let ours = json::parse(&text);
        prop_assert_eq!(ours.is_ok(), theirs.is_ok(), "{:?}: ours {:?}, serde_json {:?}", text, ours.as_ref().err(), theirs.as_ref().err());
        if let (Ok(o), Ok(t)) = (ours, theirs) {
            prop_assert_eq!(as_value(&o), t);
        }
    }
}

#[test]
fn a_key_given_twice_keeps_both_entries_here_so_the_config_can_say_so() {
    let ours = json::parse(r#"{"a":1,"a":2}"#).expect("valid");
    assert_eq!(
        ours,
        Json::Obj(vec![
            ("a".into(), Json::Num("1".into())),
            ("a".into(), Json::Num("2".into()))
        ])
    );
    // Read as a map, both keep the last value.
    let theirs: Value = serde_json::from_str(r#"{"a":1,"a":2}"#).expect("valid");
    assert_eq!(as_value(&ours), theirs);
}

#[test]
fn a_lone_surrogate_is_the_documented_difference() {
    assert!(serde_json::from_str::<Value>(r#""\ud800\u0041""#).is_err());
    assert_eq!(
        json::parse(r#""\ud800\u0041""#),
        Ok(Json::Str("\u{FFFD}A".into()))
    );
}

// ---- RFC 3339 --------------------------------------------------------------------------------

fn jiff_seconds(text: &str) -> Option<i64> {
    let ts: jiff::Timestamp = text.parse().ok()?;
    // jiff rounds toward zero; cartlift drops the fraction of the second written, which is
    // rounding down.
    Some(ts.as_second() - i64::from(ts.subsec_nanosecond() < 0))
}

fn days_in(year: i32, month: u32) -> u32 {
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn timestamp() -> impl Strategy<Value = String> {
    (
        1i32..=9999,
        1u32..=12,
        1u32..=31,
        0u32..24,
        0u32..60,
        0u32..60,
    )
        .prop_flat_map(|(y, mo, d, h, mi, s)| {
            let d = d.min(days_in(y, mo));
            (
                Just(format!("{y:04}-{mo:02}-{d:02}")),
                prop::sample::select(vec!["T", "t", " "]),
                Just(format!("{h:02}:{mi:02}:{s:02}")),
                prop::option::of("[0-9]{1,9}"),
                prop_oneof![
                    Just("Z".to_owned()),
                    Just("z".to_owned()),
                    (prop::bool::ANY, 0u32..24, 0u32..60).prop_map(|(neg, h, m)| format!(
                        "{}{h:02}:{m:02}",
                        if neg { '-' } else { '+' }
                    )),
                ],
            )
        })
        .prop_map(|(date, t, time, frac, offset)| {
            let frac = frac.map(|f| format!(".{f}")).unwrap_or_default();
            format!("{date}{t}{time}{frac}{offset}")
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn every_rfc_3339_time_is_the_second_jiff_reads(text in timestamp()) {
        prop_assert_eq!(parse_rfc3339(&text).ok(), jiff_seconds(&text), "{}", text);
    }

    #[test]
    fn what_cartlift_accepts_jiff_reads_the_same(text in timestamp(), at in any::<prop::sample::Index>(), byte in prop::sample::select(b"0123456789-:+TZ .x".to_vec())) {
        let mut bytes = text.into_bytes();
        let i = at.index(bytes.len());
        bytes[i] = byte;
        let text = String::from_utf8(bytes).expect("ascii");
        if let Ok(ours) = parse_rfc3339(&text) {
            prop_assert_eq!(Some(ours), jiff_seconds(&text), "{}", text);
        }
    }
}

// ---- ISO 4217 --------------------------------------------------------------------------------

#[test]
fn every_active_currency_and_its_decimals_match_iso_4217() {
    let mut checked = 0;
    let mut differences = Vec::new();
    let letters = b'A'..=b'Z';
    for a in letters.clone() {
        for b in letters.clone() {
            for c in letters.clone() {
                let code = String::from_utf8(vec![a, b, c]).expect("ascii");
                let ours = Currency::from_code(&code).map(|c| u16::from(c.exponent()));
                // Withdrawn codes (HRK for EUR, SLL for SLE, …) are not for new prices.
                let iso = iso_currency::Currency::from_code(&code)
                    .filter(|c| c.is_superseded().is_none())
                    .and_then(|c| c.exponent());
                if ours != iso {
                    differences.push(format!("{code}: ours {ours:?}, ISO 4217 {iso:?}"));
                }
                checked += usize::from(ours.is_some());
            }
        }
    }
    // Where the crate's data lags ISO 4217 itself: VES is active alongside VED (ISO 4217
    // amendment 170 added VED without withdrawing VES); the crate marks it superseded.
    assert_eq!(differences, ["VES: ours Some(2), ISO 4217 None"]);
    assert!(checked > 150, "{checked}");
}

// ---- JSON written ----------------------------------------------------------------------------
//
// `json::write` writes each type by hand; its `#[derive(Serialize)]` is what the JSON must be,
// and serde_json writes that. Every result a page reads is held to it: the quote (`state()`)
// of every golden vector's cart and of every example store's carts, the visitor record,
// refusals and a platform's cart.

use cartlift_core::{quote, Cart, Config, Context};

/// Ours and serde_json's text for `value`, which must be the same.
fn same_json<T: json::ToJson + serde::Serialize + ?Sized>(value: &T, what: &str) {
    let ours = json::to_string(value);
    let theirs = serde_json::to_string(value).expect("serde_json writes it");
    assert_eq!(ours, theirs, "{what}");
}

/// The quotes of `config` for an empty cart, each product alone (one, then three) and every
/// product at once.
fn quotes_of(config_text: &str, what: &str) {
    let config = Config::from_json(config_text).unwrap_or_else(|e| panic!("{what}: {e:?}"));
    let ids: Vec<String> = config.products.iter().map(|p| p.id.clone()).collect();
    let mut carts: Vec<Vec<(String, u32)>> = vec![Vec::new()];
    for id in &ids {
        carts.push(vec![(id.clone(), 1)]);
        carts.push(vec![(id.clone(), 3)]);
    }
    carts.push(ids.iter().map(|id| (id.clone(), 1)).collect());
    for items in carts {
        let lines: Vec<String> = items
            .iter()
            .map(|(id, q)| format!(r#"{{"id":{},"quantity":{q}}}"#, serde_json::json!(id)))
            .collect();
        let text = format!(
            r#"{{"currency":"{}","items":[{}]}}"#,
            config.currency,
            lines.join(",")
        );
        let cart = Cart::from_json(&text, &config).unwrap_or_else(|e| panic!("{what}: {e:?}"));
        let q = quote(&config, &cart, &Context::default());
        same_json(&q, &format!("{what}, cart {text}"));
    }
}

#[test]
fn state_is_written_as_serde_json_writes_it_for_every_example_store() {
    for name in ["apparel", "arabic", "coffee", "electronics", "jpy"] {
        let path = format!("{}/../www/configs/{name}.json", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).expect("an example store");
        quotes_of(&text, name);
    }
}

#[test]
fn state_is_written_as_serde_json_writes_it_for_every_golden_vector() {
    let dir = format!("{}/tests/golden", env!("CARGO_MANIFEST_DIR"));
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).expect("the golden vectors") {
        let path = entry.expect("a vector").path();
        let case: Value =
            serde_json::from_str(&std::fs::read_to_string(&path).expect("text")).expect("JSON");
        let what = path.display().to_string();
        let config = Config::from_json(&case["config"].to_string())
            .unwrap_or_else(|e| panic!("{what}: {e:?}"));
        // A cart in another currency than the config's has no offers: the quote says so.
        if let Ok(cart) = Cart::from_json(&case["cart"].to_string(), &config) {
            let cx = Context {
                now: parse_rfc3339(case["now"].as_str().unwrap_or("2026-11-27T12:00:00Z"))
                    .expect("a time"),
                country: case["country"].as_str().map(str::to_owned),
                ..Context::default()
            };
            same_json(&quote(&config, &cart, &cx), &what);
            seen += 1;
        }
        quotes_of(&case["config"].to_string(), &what);
    }
    assert!(seen > 40, "only {seen} golden carts were written");
}

#[test]
fn the_visitor_record_refusals_and_a_platform_cart_are_written_as_serde_json_writes_them() {
    let mut visitor = cartlift_core::visitor::Visitor::new("v-1 \"quoted\"");
    visitor.viewed = vec!["mug".into(), "tee\n".into()];
    visitor.utm_source = Some("newsletter".into());
    visitor.orders.push(cartlift_core::visitor::PastOrder {
        at: 1_764_000_000,
        minor: 12_345,
        currency: "USD".into(),
        products: vec!["mug".into()],
        id: None,
    });
    same_json(&visitor, "a visitor");

    let errors = Config::from_json(r#"{"currency": "XYZ", "products": [{"id": 1}]}"#)
        .expect_err("a refused config");
    same_json(&errors, "a refused config's errors");

    let config = r#"{"currency": "USD", "products": [
        {"id": "mug", "title": "Mug", "price": "12.00", "variant_id": 1001}]}"#;
    let payload = r#"{"currency": "USD", "items": [{"key": "1001:ab", "variant_id": 1001,
        "quantity": 2, "price": 1200, "final_line_price": 2400, "title": "Mug",
        "properties": {"_cartlift_bundle": "b1"}}]}"#;
    let (variants, _) = cartlift_core::platform::read_config(config);
    let read = cartlift_core::platform::shopify::cart(payload, &variants);
    same_json(&read.expect("a Shopify cart"), "a Shopify cart");
}

proptest! {
    #[test]
    fn any_text_is_written_as_serde_json_writes_it(s in any::<String>(), t in any::<String>()) {
        let pairs = vec![(s.clone(), t.clone()), (t, s)];
        prop_assert_eq!(json::to_string(&pairs), serde_json::to_string(&pairs).expect("JSON"));
    }
}
