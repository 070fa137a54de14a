//! The platform mapping for the adapters (`src/platforms/*.js`), in the platform flavours of
//! the widget's wasm only (the `platform` feature): the core's [`cartlift_core::adapter`], exported. One wasm on
//! a platform page, where there were two (the mapping's own module repeated the core's config
//! reading). Without the sentences, as the rest of this wasm: the adapter has a problem's
//! words from the checker module, which exports the three that can find one, with them.

use cartlift_core::adapter as door;
use wasm_bindgen::prelude::*;

/// The §3 cart and the lines of a platform's cart payload (see [`cartlift_core::adapter::read_cart`]).
#[wasm_bindgen]
pub fn read_cart(platform: &str, config: &str, payload: &str) -> String {
    door::read_cart(platform, config, payload)
}

/// The problems of what only a platform reads in the config (see [`cartlift_core::adapter::check_config`]).
#[wasm_bindgen]
pub fn check_config(config: &str) -> String {
    door::check_config(config)
}

/// The config's `(variant id, product id)` pairs (see [`cartlift_core::adapter::variant_pairs`]).
#[wasm_bindgen]
pub fn variant_pairs(config: &str) -> String {
    door::variant_pairs(config)
}

/// The config in the shopper's currency (see [`cartlift_core::adapter::market_config`]).
#[wasm_bindgen]
pub fn market_config(config: &str, currency: &str, rate: &str) -> String {
    door::market_config(config, currency, rate)
}
