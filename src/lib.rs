//! cartlift's widget: the four `cartlift-*` custom elements, rendered with leptos into shadow
//! roots from the pricing core's figures, and `window.cartlift` for the page.
//!
//! The layout follows the data: [`bridge`] takes the config and cart from the page into one
//! store, `cartlift_core` computes the quote, [`ui`] draws it, [`elements`] ties each element's
//! life to a view. `src/entry.js` defines the element classes and `window.cartlift`, queueing
//! calls made before the wasm arrives, and calls the exports below, none of which throws.

pub mod alloc;
pub mod bridge;
pub mod elements;
pub mod format;
#[cfg(feature = "platform")]
pub mod platform;
pub mod render;
pub mod ui;

use bridge::store::Store;

/// The wasm's allocator (see [`alloc`] for why not Rust's default).
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: alloc::SizeClasses = alloc::SizeClasses::new();
use wasm_bindgen::prelude::*;

/// Starts cartlift on the page. Called once, by the entry module, which then gives the config
/// element's config (see [`bridge::configure`]), mounts the page's elements one per task and
/// calls [`settled`]. `explain` is how
/// a refusal gets its sentences (see [`bridge::refusal`]), `emit` how every event reaches the
/// page (see [`bridge::events`]).
#[wasm_bindgen]
pub fn start(explain: js_sys::Function, emit: js_sys::Function) {
    // First: the session's signals are made here, where no element's owner is current.
    bridge::session::begin(explain, emit);
    render::for_the_page(Box::new(bridge::events::tell_facts));
    bridge::events::hold_ready();
    bridge::visitor::start();
}

/// `cartlift.viewed(id)`: the shopper looked at a product (elements' `product` count by
/// themselves). Remembered in this browser only (spec §8).
#[wasm_bindgen]
pub fn viewed(id: String) {
    bridge::visitor::viewed(&id);
}

/// `cartlift.ordered(cart, orderId?)`: an order was placed (on the order confirmation page),
/// remembered in this browser only; with the platform's order id, once however often the page
/// shows. `false` when `cart` is not a cart.
#[wasm_bindgen]
pub fn ordered(cart: JsValue, id: Option<String>) -> bool {
    match bridge::json_text(&cart, false) {
        Ok(text) => bridge::visitor::ordered(text, id),
        Err(_) => false,
    }
}

/// `cartlift.forget()`: erases what this browser's record holds; the page goes on as for a new
/// visitor.
#[wasm_bindgen]
pub fn forget() {
    bridge::visitor::forget();
}

/// `cartlift.consent(allowed)`: `false` erases the record and keeps nothing more; `true`
/// keeps it from now on.
#[wasm_bindgen]
pub fn consent(allowed: bool) {
    bridge::visitor::consent(allowed);
}

/// `cartlift.visitor()`: the record this browser holds, as JSON text.
#[wasm_bindgen]
pub fn visitor() -> String {
    bridge::visitor::record()
}

/// The checker module's problems for the oldest refusal, as JSON (`null` when it could not be
/// had): the page now hears of the refusal, sentences and all.
#[wasm_bindgen]
pub fn explained(errors: Option<String>) {
    bridge::refusal::explained(errors);
}

/// The elements on the page at start are mounted: `cartlift:ready` may now be dispatched.
#[wasm_bindgen]
pub fn settled() {
    bridge::events::release_ready();
}

/// Renders a `cartlift-*` element; returns its id, or `null` when it cannot be rendered.
#[wasm_bindgen]
pub fn mount(host: web_sys::HtmlElement) -> JsValue {
    elements::id_value(elements::mount(host))
}

/// Releases a disconnected element.
#[wasm_bindgen]
pub fn unmount(id: u32) {
    elements::unmount(id);
}

/// Follows an observed attribute's change.
#[wasm_bindgen]
pub fn attribute_changed(id: u32, name: String, value: Option<String>) {
    elements::attribute_changed(id, &name, value);
}

/// `cartlift.setCart(cart)`: `true` when the cart was taken; otherwise a console error, a
/// `cartlift:error` event, the last good cart kept, and `false`. Never throws.
#[wasm_bindgen(js_name = setCart)]
pub fn set_cart(cart: JsValue) -> bool {
    match bridge::json_text(&cart, false) {
        Ok(text) => Store::set_cart(text).is_ok(),
        Err(errs) => {
            bridge::refusal::refuse(bridge::refusal::Refused::Cart, errs, "", "");
            false
        }
    }
}

/// `cartlift.configure(config)`: takes a config object, or its JSON text (which keeps every
/// digit exact). `true` when taken; otherwise the last good config stays. Never throws.
#[wasm_bindgen]
pub fn configure(config: JsValue) -> bool {
    match bridge::json_text(&config, true) {
        Ok(text) => {
            let taken = bridge::configure(&text).is_ok();
            if taken {
                elements::warn_of_sample();
            }
            taken
        }
        Err(errs) => {
            bridge::refusal::refuse(bridge::refusal::Refused::Config, errs, "", "");
            false
        }
    }
}

/// The entry module could not fetch the `data-src` config: `message` says why, to the console
/// and in a `cartlift:error`; the elements keep their fallback.
#[wasm_bindgen]
pub fn config_unavailable(message: String) {
    let problem =
        cartlift_core::Error::new(cartlift_core::error::Code::Unavailable, "data-src", message);
    bridge::refusal::refuse(bridge::refusal::Refused::Config, vec![problem], "", "");
}

/// `cartlift.state()`: every computed figure as plain JSON, or `null` before a valid config.
#[wasm_bindgen]
pub fn state() -> JsValue {
    bridge::to_js(&Store::get().quote_untracked().as_deref())
}

/// How many elements hold a mounted view (for the browser tests of release on removal: a
/// Rust function, not an export, so pages do not carry it).
pub fn mounted_count() -> usize {
    elements::mounted_count()
}
