//! The platform mapping for the adapters (`src/platforms/*.js`), in the platform flavours of
//! the widget's wasm only (the `platform` feature): the core's [`cartlift_core::adapter`],
//! exported. One wasm on a platform page, where there were two (the mapping's own module
//! repeated the core's config reading). The adapter gives the config as the page does
//! (`configure`); the session parses it once, for the widgets and for the mapping, and keeps
//! what the mapping reads ([`platform_config`] hands it to the adapter) for every read of the
//! platform's cart; the shopper's currency ([`market`]) is the session's too, and converts the
//! config held for it ([`hold_for_market`]) without parsing it again. Without the sentences, as
//! the rest of this wasm: the adapter has a problem's words from the checker module, which
//! exports the same door with them.

use crate::bridge::{self, session};
use cartlift_core::adapter as door;
use wasm_bindgen::prelude::*;

/// What the platform's mapping read of the config last taken, for the adapter, once per
/// config: `{"pairs": [[variant id, product id], …], "errors": […]}` (see
/// [`cartlift_core::adapter::platform_read`]), or `""` when no config was taken since the last
/// answer. Read from the parse that gave the widgets the config: nothing is parsed here.
#[wasm_bindgen]
pub fn platform_config() -> String {
    session::with(|s| s.platform.borrow_mut().answer.take()).unwrap_or_default()
}

/// The §3 cart and the lines of a platform's cart payload, by the config last taken (see
/// [`cartlift_core::adapter::read_cart_with`]).
#[wasm_bindgen]
pub fn read_cart(platform: &str, payload: &str) -> String {
    session::with(|s| door::read_cart_by(reader(platform), &s.platform.borrow().variants, payload))
}

/// The cart reader of `platform`, of those this build carries: each platform's flavour has its
/// own only (WooCommerce's measured 0.2 to 0.4 KB brotli in Shopify's), and then reads every payload by it
/// (its adapter is the only caller).
fn reader(platform: &str) -> door::Reader {
    #[cfg(all(feature = "shopify", feature = "woocommerce"))]
    return door::reader(platform);
    #[cfg(not(all(feature = "shopify", feature = "woocommerce")))]
    {
        let _ = platform;
        #[cfg(feature = "shopify")]
        return cartlift_core::platform::shopify::cart;
        #[cfg(not(feature = "shopify"))]
        cartlift_core::platform::woocommerce::cart
    }
}

/// The adapter is about to read the shopper's cart, which says the currency they pay in: a
/// config taken meanwhile is parsed and its mapping kept, and the widgets draw it once
/// [`market`] is said (with the shopper's cart, in their currency).
#[wasm_bindgen]
pub fn hold_for_market() {
    bridge::store::hold();
}

/// The shopper's currency and the store's rate to it (`Shopify.currency.active` and `.rate`):
/// the widgets show every amount converted ([`cartlift_core::Setup::in_market`]), as checkout
/// charges it: the config held by [`hold_for_market`], drawn now, converted; a config already
/// shown, taken again in the new market; every config taken from now on. An empty `currency`
/// means the shopper pays in the config's own. Answers `""`, or `{"errors": […]}` (said in
/// full) when the currency or the rate is not one, and then the config's own currency is shown.
/// A build without Markets (WooCommerce's, whose stores never convert, and Shopify's for a
/// shopper shown the config's currency: `cartlift.js` loads the one with it otherwise) refuses
/// any currency but the config's, as a part it does not carry (`not_loaded`).
#[wasm_bindgen]
pub fn market(currency: &str, rate: &str) -> String {
    let (kept, answer) = match currency {
        "" => (None, String::new()),
        #[cfg(feature = "markets")]
        _ => match door::market(currency, rate) {
            Ok(market) => (Some(market), String::new()),
            Err(errors) => (None, door::errors_json(&errors)),
        },
        #[cfg(not(feature = "markets"))]
        _ => {
            let _ = rate;
            let problem = cartlift_core::Error::new(
                cartlift_core::error::Code::NotLoaded,
                "market",
                String::new(),
            );
            (None, door::errors_json(&[problem]))
        }
    };
    bridge::set_market(kept);
    answer
}
