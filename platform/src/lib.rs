//! cartlift's platform module: a small wasm that the platform adapters
//! (`src/platforms/*.js`) load, on pages with `data-platform` only, to read the platform's
//! cart into cartlift's. The mapping is the core's ([`cartlift_core::platform`]); this is its
//! door, in JSON text both ways, as the widget's own exports are.

use cartlift_core::platform::{shopify, woocommerce, PlatformCart, Variants};
use cartlift_core::Error;
use wasm_bindgen::prelude::*;

/// The §3 cart and the lines of a platform's cart payload, read against the config's text:
/// `{"cart": …, "lines": […]}`, or `{"errors": […]}` when the payload is not a cart.
/// `platform` is `shopify` or `woocommerce`.
#[wasm_bindgen]
pub fn read_cart(platform: &str, config: &str, payload: &str) -> String {
    answer(read(platform, config, payload))
}

/// The problems of what only a platform reads in the config (`variant_id`, `discount_code`),
/// as the JSON list `cartlift:error` carries.
#[wasm_bindgen]
pub fn check_config(config: &str) -> String {
    cartlift_core::json::to_string(&cartlift_core::platform::check_config(config))
        .unwrap_or_else(|| "[]".into())
}

/// The config's `(variant id, product id)` pairs as JSON, each id as text: exact, where a
/// JavaScript number would round an id beyond 2^53.
#[wasm_bindgen]
pub fn variant_pairs(config: &str) -> String {
    cartlift_core::json::to_string(Variants::from_config_json(config).pairs())
        .unwrap_or_else(|| "[]".into())
}

/// [`read_cart`], as a value.
pub fn read(platform: &str, config: &str, payload: &str) -> Result<PlatformCart, Vec<Error>> {
    let variants = Variants::from_config_json(config);
    match platform {
        "woocommerce" => woocommerce::cart(payload, &variants),
        _ => shopify::cart(payload, &variants),
    }
}

fn answer(result: Result<PlatformCart, Vec<Error>>) -> String {
    match result {
        Ok(cart) => cart.to_json(),
        Err(errors) => format!(
            "{{\"errors\":{}}}",
            cartlift_core::json::to_string(&errors).unwrap_or_else(|| "[]".into())
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shopify_cart_comes_back_as_a_cart_and_a_bad_one_as_errors_with_paths() {
        let config = r#"{"products":[{"id":"kettle","variant_id":7}]}"#;
        let text = read_cart(
            "shopify",
            config,
            r#"{"currency":"USD","items":[{"variant_id":7,"key":"7:a","quantity":2,"price":1250,"line_price":2500}]}"#,
        );
        assert_eq!(
            text,
            r#"{"cart":{"currency":"USD","items":[{"id":"kettle","quantity":2,"price":"12.50","line_price":"25.00"}]},"lines":[{"key":"7:a","item":"7"}]}"#
        );
        let text = read_cart("shopify", config, r#"{"items":[]}"#);
        assert!(
            text.starts_with(r#"{"errors":[{"code":"platform","path":"currency""#),
            "{text}"
        );
    }
}
