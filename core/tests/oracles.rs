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
