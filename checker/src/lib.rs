//! cartlift's checker module: a small wasm the widget loads only when it refuses a config or a
//! cart, to tell the merchant why.
//!
//! The widget's own wasm checks everything (it must refuse a bad config whole, on every page)
//! but is built without the sentences (the core's `messages` feature): every problem's code and
//! path, none of the words, which saves the shopper's download their text and formatting
//! (4.2 KB brotli when this module was made). This module is the same core with the words; it
//! checks the same text again and answers with every problem in full, as JSON.

use cartlift_core::{Cart, Config, Error};
use wasm_bindgen::prelude::*;

/// The problems of `text`, as the JSON list `cartlift:error` carries: `kind` is `config` (a
/// config's text), `cart` (a cart's JSON text, checked against the config text `config`) or
/// `shape` (a cart's text before any config arrived). An empty list when nothing is wrong.
#[wasm_bindgen]
pub fn check(kind: &str, text: &str, config: &str) -> String {
    let errors = problems(kind, text, config);
    cartlift_core::json::to_string(&errors)
}

/// The problems `check` reports, as values.
pub fn problems(kind: &str, text: &str, config: &str) -> Vec<Error> {
    match kind {
        "config" => Config::from_json(text).err(),
        "cart" => match Config::from_json(config) {
            Ok(c) => Cart::from_json(text, &c).err(),
            Err(errs) => Some(errs),
        },
        _ => Cart::check_shape(text).err(),
    }
    .unwrap_or_default()
}

/// The platform mapping's answers with their sentences, for an adapter to explain a problem
/// the widget's wasm found without them (see `cartlift_core::adapter`).
#[wasm_bindgen]
pub fn read_cart(platform: &str, config: &str, payload: &str) -> String {
    cartlift_core::adapter::read_cart(platform, config, payload)
}

/// What only a platform reads in the config, with the sentences.
#[wasm_bindgen]
pub fn check_config(config: &str) -> String {
    cartlift_core::adapter::check_config(config)
}

/// The config as checkout reads it (the core's `checkout::form`), for the WooCommerce plugin's
/// settings page to store beside the config: `{"form": "<text>"}`, or `{"problems": [...]}` with
/// every problem as [`check`] lists them. The plugin's PHP prices checkout from the form, so
/// that a config is checked by this core once, when it is saved, never by a second checker.
#[wasm_bindgen]
pub fn checkout_form(config: &str) -> String {
    use cartlift_core::json::Json;
    let out = match cartlift_core::checkout::form::write(config) {
        Ok(form) => Json::Obj(vec![("form".into(), Json::Str(form))]),
        Err(errors) => {
            let listed = cartlift_core::json::to_string(&errors);
            match cartlift_core::json::parse(&listed) {
                Ok(list) => Json::Obj(vec![("problems".into(), list)]),
                Err(_) => Json::Obj(vec![("problems".into(), Json::Arr(Vec::new()))]),
            }
        }
    };
    cartlift_core::json::tree_to_string(&out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHOP: &str = include_str!("../../www/configs/electronics.json");

    #[test]
    fn a_misspelt_product_in_a_bundle_is_explained_with_its_sentence_and_position() {
        let bad = SHOP.replacen(
            r#""items": ["laptop", "mouse"]"#,
            r#""items": ["laptop", "mous"]"#,
            1,
        );
        let json = check("config", &bad, "");
        assert!(
            json.contains(r#""code":"unknown_product","path":"bundles[0].items[1]","message":"no product has the id \"mous\" (did you mean \"mouse\"?)","line":"#),
            "{json}"
        );
    }

    #[test]
    fn a_cart_is_explained_against_its_config_and_a_good_one_has_nothing_to_say() {
        let json = check(
            "cart",
            r#"{"currency":"USD","items":[{"id":"mous","quantity":1}]}"#,
            SHOP,
        );
        assert!(json.contains(r#""path":"items[0].id""#), "{json}");
        assert_eq!(
            check("cart", r#"{"currency":"USD","items":[]}"#, SHOP),
            "[]"
        );
        assert!(check("shape", r#"{"currency":"ZZZ","items":[]}"#, "").contains("unknown_currency"));
    }

    #[test]
    fn a_good_config_gives_checkout_its_form_and_a_bad_one_its_problems() {
        let good = checkout_form(SHOP);
        assert!(good.starts_with(r#"{"form":"{\"form\":1,"#), "{good}");
        let bad = checkout_form(&SHOP.replacen(r#""currency": "USD""#, r#""currency": "ABC""#, 1));
        assert!(
            bad.starts_with(r#"{"problems":[{"code":"unknown_currency","path":"currency""#),
            "{bad}"
        );
    }
}
