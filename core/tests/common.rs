//! Shared helpers for the core's integration tests.
#![allow(dead_code)]

use cartlift_core::{quote, Cart, Config, Context, Quote};

/// The spec's example store: laptop, mouse, keyboard, warranty, t-shirt, socks, cable, stand.
pub const ELECTRONICS: &str = include_str!("../../www/configs/electronics.json");

pub fn config(text: &str) -> Config {
    match Config::from_json(text) {
        Ok(c) => c,
        Err(errs) => panic!("config should be valid: {errs:#?}"),
    }
}

pub fn cart(config: &Config, text: &str) -> Cart {
    match Cart::from_json(text, config) {
        Ok(c) => c,
        Err(errs) => panic!("cart should be valid: {errs:#?}"),
    }
}

/// The quote for a cart of `(id, quantity)` lines in the config's currency.
pub fn quote_for(config: &Config, items: &[(&str, u32)]) -> Quote {
    let lines: Vec<String> = items
        .iter()
        .map(|(id, q)| format!(r#"{{"id":"{id}","quantity":{q}}}"#))
        .collect();
    let text = format!(
        r#"{{"currency":"{}","items":[{}]}}"#,
        config.currency,
        lines.join(",")
    );
    quote(config, &cart(config, &text), &Context::default())
}

/// Every error as `path: message` (without the line and column, which tests check apart).
pub fn errors(text: &str) -> Vec<String> {
    match Config::from_json(text) {
        Ok(_) => Vec::new(),
        Err(errs) => errs.iter().map(sentence).collect(),
    }
}

/// Where each of [`errors`]' errors is: its path alone.
pub fn paths_of(errors: &[String]) -> Vec<&str> {
    errors
        .iter()
        .map(|e| e.split(':').next().unwrap_or_default())
        .collect()
}

/// An error as `path: message`.
pub fn sentence(e: &cartlift_core::Error) -> String {
    format!("{}: {}", e.path(), e.message())
}

/// The message's text with amounts as plain decimals, for asserting on.
pub fn plain(segments: &[cartlift_core::template::Segment]) -> String {
    use cartlift_core::template::Segment;
    segments
        .iter()
        .map(|s| match s {
            Segment::Text(t) => t.clone(),
            Segment::Money(m) => format!("{} {}", m.to_decimal_string(), m.currency()),
            Segment::Percent(p) => format!("{}bp", p.basis_points()),
            Segment::Count(n) => n.to_string(),
        })
        .collect()
}
