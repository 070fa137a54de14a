//! Where the visitor record lives (spec §8): one versioned key in the shop's own
//! `localStorage`, and nowhere else. What the record means is the core's
//! ([`cartlift_core::visitor`]); this module only reads and writes its text, follows other
//! tabs, and keeps to the shopper's choice:
//!
//! - `data-consent="false"` on the config element, or `cartlift.consent(false)`: nothing is
//!   read or written, what was stored is erased, and the page works as for a new visitor
//!   (each experiment shows its first variant, so nothing about the browser is used).
//! - `cartlift.forget()`: the stored record is erased and a new one begins, with a new id.
//! - Storage that throws (Safari's private mode, a full quota, blocked cookies) or holds a
//!   record cartlift cannot trust: the page works as for a new visitor, in memory.
//!
//! Nothing here makes a request: the record never leaves the browser.

use super::session::{self, now_seconds, Store};
use cartlift_core::visitor::{Landing, Visitor};
use gloo_events::EventListener;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The one key cartlift stores under. The record inside carries its own version.
pub const KEY: &str = "cartlift:visitor";

/// Whether the shopper allows the record to be kept (the session's shopper holds it).
fn consented() -> bool {
    session::with(|s| s.shopper.borrow().consent)
}

fn storage() -> Option<web_sys::Storage> {
    // `localStorage` itself throws where cookies are blocked.
    web_sys::window()?.local_storage().ok().flatten()
}

/// 16 random bytes from the browser's CSPRNG, as hex: an id of this browser for experiments,
/// which says nothing about the person.
fn fresh_id() -> String {
    let mut bytes = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        // Every browser that runs WebAssembly has Web Crypto; should it fail, the time in
        // milliseconds still splits shoppers between variants, which is all the id is for.
        let seed = js_sys::Date::now() as u64;
        bytes[..8].copy_from_slice(&seed.to_le_bytes());
    }
    // Hex by hand: `format!("{:02x}")` brings in the formatter's hex code.
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut id = String::with_capacity(32);
    for b in bytes {
        id.push(char::from(HEX[usize::from(b >> 4)]));
        id.push(char::from(HEX[usize::from(b & 15)]));
    }
    id
}

/// The viewport's width in CSS pixels.
fn width() -> Option<u32> {
    let w = web_sys::window()?.inner_width().ok()?.as_f64()?;
    // A width, not money: a float from the browser, held as whole pixels.
    (w.is_finite() && w >= 0.0).then_some(w as u32)
}

/// Reads the record at start (unless the config element says `data-consent="false"`), counts
/// this page view, reads the viewport's width (a device's: once), and follows other tabs.
pub fn start() {
    let refused = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("cartlift-config"))
        .and_then(|e| e.get_attribute("data-consent"))
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("false"));
    let stored = if refused { None } else { read() };
    let mut visitor = Visitor::from_stored(stored.as_deref(), &fresh_id());
    visitor.visit(now_seconds(), &landing());
    Store::set_shopper(|s| {
        s.visitor = visitor.into();
        s.consent = !refused;
        s.width = width();
    });
    save();
    let Some(window) = web_sys::window() else {
        return;
    };
    let on_storage = EventListener::new(&window, "storage", |e| {
        // Only a `storage` event is ever heard here.
        let e: &web_sys::StorageEvent = e.unchecked_ref();
        // `key` is null when another tab cleared the whole storage.
        if e.key().is_none_or(|k| k == KEY) && consented() {
            let text = e.new_value();
            let id = Store::shopper().visitor.id.clone();
            // Another tab's record, as it stands; if it forgot, a new visitor here too.
            let v = match text {
                Some(t) => Visitor::from_stored(Some(&t), &id),
                None => anew(),
            };
            Store::set_shopper(|s| s.visitor = v.into());
        }
    });
    session::with(|s| *s.storage.borrow_mut() = Some(on_storage));
}

fn landing() -> Landing {
    Landing {
        utm_source: super::param("utm_source"),
        utm_campaign: super::param("utm_campaign"),
    }
}

fn read() -> Option<String> {
    storage()?.get_item(KEY).ok().flatten()
}

/// The record, changed: the page's from now on, and stored.
fn remember(v: Visitor) {
    Store::set_shopper(|s| s.visitor = v.into());
    save();
}

/// Writes the record, when the shopper allows it; a storage that refuses (full, blocked)
/// leaves the record in memory only.
fn save() {
    if !consented() {
        return;
    }
    let text = Store::shopper().visitor.to_stored();
    if let Some(s) = storage() {
        let _ = s.set_item(KEY, &text);
    }
}

fn erase() {
    if let Some(s) = storage() {
        let _ = s.remove_item(KEY);
    }
}

/// A product viewed (an element's `product`, or `cartlift.viewed(id)`).
pub fn viewed(product: &str) {
    if product.is_empty() || product.len() > 200 {
        return;
    }
    let mut v = Visitor::clone(&Store::shopper().visitor);
    if v.viewed.last().map(String::as_str) != Some(product) {
        v.view(product);
        remember(v);
    }
}

/// An order placed: its cart (spec §3's shape) and, when the platform gives one, its id, so
/// that a confirmation page shown twice is one order. `false` when the cart is not one.
pub fn ordered(cart: String, id: Option<String>) -> bool {
    if cartlift_core::Cart::check_shape(&cart).is_err() {
        return false;
    }
    // A page confirms one order: the last one given waits for a config.
    session::with(|s| *s.pending_order.borrow_mut() = Some((cart, id)));
    record_pending();
    true
}

/// Records the order waiting for a config (called again when one is taken).
pub fn record_pending() {
    let Some(setup) = Store::get().setup.get_untracked() else {
        return;
    };
    let Some((text, id)) = session::with(|s| s.pending_order.borrow_mut().take()) else {
        return;
    };
    let Ok(cart) = cartlift_core::Cart::from_json(&text, &setup.config) else {
        return;
    };
    // The products bought, each once: a variant's line is its product's (spec §10), what
    // a `bought` condition names.
    let mut products: Vec<String> = Vec::new();
    for l in cart.lines.iter().filter(|l| l.quantity > 0) {
        let id = l
            .product
            .map_or(&l.id, |p| &setup.config.products[p].id)
            .clone();
        if !products.contains(&id) {
            products.push(id);
        }
    }
    let mut v = Visitor::clone(&Store::shopper().visitor);
    let value = cart.total_where(|_| true);
    if v.order(value, products, now_seconds(), id.clone()) {
        remember(v);
        super::events::order(value, id.as_deref());
    }
}

/// `cartlift.forget()`: the stored record is erased, and this page goes on as a new visitor.
pub fn forget() {
    erase();
    Store::set_shopper(|s| s.visitor = anew().into());
}

/// A new visitor, this page view counted.
fn anew() -> Visitor {
    let mut v = Visitor::new(&fresh_id());
    v.visit(now_seconds(), &landing());
    v
}

/// `cartlift.consent(allowed)`: with `false`, the record is erased and nothing more is kept;
/// with `true`, this page's record is kept from now on.
pub fn consent(allowed: bool) {
    if !allowed {
        erase();
    }
    Store::set_shopper(|s| {
        s.consent = allowed;
        if !allowed {
            s.visitor = anew().into();
        }
    });
    save();
}

/// The record as the page may read it (`cartlift.visitor()`): the shopper's own data, in
/// their own browser; `null` without consent, when cartlift remembers nothing (and so
/// `data-collect` has no visitor to send events for).
pub fn record() -> String {
    if !consented() {
        return "null".into();
    }
    Store::shopper().visitor.to_stored()
}
