//! The platform mapping for the adapters (`src/platforms/*.js`), in the platform flavours of
//! the widget's wasm only (the `platform` feature): the core's [`cartlift_core::adapter`],
//! exported. One wasm on a platform page, where there were two (the mapping's own module
//! repeated the core's config reading). The config the adapter holds is read once, when it is
//! given ([`platform_config`]); each read of the platform's cart then uses what the session
//! kept of it; the shopper's currency ([`market`]) is the session's too, and converts every
//! config it takes. Without the sentences, as the rest of this wasm: the adapter has a problem's
//! words from the checker module, which exports the same door with them.

use crate::bridge::session;
use cartlift_core::adapter as door;
use wasm_bindgen::prelude::*;

/// Reads the config the adapter holds, once per config: the session keeps its variants for
/// [`read_cart`], and the adapter gets `{"pairs": [[variant id, product id], …], "errors": […]}`
/// (see [`cartlift_core::adapter::platform_config`]).
#[wasm_bindgen]
pub fn platform_config(config: &str) -> String {
    let (variants, answer) = door::platform_config(config);
    session::with(|s| *s.variants.borrow_mut() = variants);
    answer
}

/// The §3 cart and the lines of a platform's cart payload, by the config last given to
/// [`platform_config`] (see [`cartlift_core::adapter::read_cart_with`]).
#[wasm_bindgen]
pub fn read_cart(platform: &str, payload: &str) -> String {
    session::with(|s| door::read_cart_with(platform, &s.variants.borrow(), payload))
}

/// The shopper's currency and the store's rate to it (`Shopify.currency.active` and `.rate`),
/// kept by the session for every config it takes from now on: the widgets show each amount
/// converted ([`cartlift_core::Setup::in_market`]), as checkout charges it. An empty
/// `currency` means the shopper pays in the config's own. Answers `""`, or `{"errors": […]}`
/// (said in full) when the currency or the rate is not one, and then none is kept. The
/// adapter gives the config again after it, so that the config shown follows.
#[wasm_bindgen]
pub fn market(currency: &str, rate: &str) -> String {
    let (kept, answer) = match currency {
        "" => (None, String::new()),
        _ => match door::market(currency, rate) {
            Ok(market) => (Some(market), String::new()),
            Err(errors) => (None, door::errors_json(&errors)),
        },
    };
    session::with(|s| s.market.set(kept));
    answer
}
