//! The events of spec §4 and §9. The wasm writes each one's `detail` as JSON text and hands
//! it to the entry module's emitter, which dispatches it (with `bubbles` and `composed`, so a
//! listener on `document` hears them all), adds the segment and variant to its `source`, says
//! a refusal on the console, and queues the event for `data-collect`. One call across the
//! boundary per event: building a `CustomEvent` from here measured more wasm than the emitter.

use cartlift_core::{money::Money, Error};
use serde::Serialize;
use std::cell::{Cell, RefCell};
use wasm_bindgen::JsValue;
use web_sys::EventTarget;

/// One line of an add- or remove-from-cart event.
#[derive(Serialize)]
pub struct Item<'a> {
    /// The product id.
    pub id: &'a str,
    /// How many.
    pub quantity: u32,
    /// What the shop should charge for one, as exact decimal text, when cartlift priced it
    /// (a bundle's share, an upsell's percentage price). An extension of the contract.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub price: Option<String>,
}

/// Which widget and which offer an event came from.
#[derive(Serialize)]
pub struct Source<'a> {
    /// `shipping-bar`, `bundles`, `upsell`, `tiers`, `recommendations`, or `order`.
    pub widget: &'a str,
    /// The bundle's, offer's or filler product's id (an order's: its id, or empty).
    pub offer: &'a str,
}

/// What `cartlift:order` says of an order (spec §9).
#[derive(Serialize)]
struct Order<'a> {
    /// The platform's order id, when the page gave one.
    id: Option<&'a str>,
    /// The whole cart's value, as the widget prices it.
    value: Money,
}

#[derive(Serialize)]
struct Placed<'a> {
    order: Order<'a>,
    source: Source<'a>,
}

/// `cartlift:order`, on the document: an order of `value` was placed (`cartlift.ordered`, or
/// a platform's confirmation page), once per order id. The entry module adds its lines, as
/// the page gave them.
pub fn order(value: Money, id: Option<&str>) {
    if let Some(d) = document() {
        let placed = Placed {
            order: Order { id, value },
            source: Source {
                widget: "order",
                offer: id.unwrap_or_default(),
            },
        };
        dispatch(&d.into(), "cartlift:order", &placed);
    }
}

#[derive(Serialize)]
struct CartChange<'a> {
    items: Vec<Item<'a>>,
    source: Source<'a>,
}

/// Tells the page the shopper wants `items` added (`add` true) or removed.
pub fn cart_change(target: &EventTarget, add: bool, items: Vec<Item<'_>>, source: Source<'_>) {
    let name = if add {
        "cartlift:add-to-cart"
    } else {
        "cartlift:remove-from-cart"
    };
    dispatch(target, name, &CartChange { items, source });
}

/// A refused config: one `cartlift:error` carrying the whole list (and the emitter's console
/// warning).
pub fn config_rejected(errors: &[Error]) {
    let target = document()
        .and_then(|d| d.get_element_by_id("cartlift-config"))
        .map(JsValue::from)
        .or_else(|| document().map(JsValue::from));
    if let Some(t) = target {
        dispatch(
            &t.into(),
            "cartlift:error",
            &Errors {
                errors,
                kind: "config",
            },
        );
    }
}

/// A refused cart: one `cartlift:error` (and the emitter's console error); the last good
/// cart stays.
pub fn cart_rejected(errors: &[Error]) {
    if let Some(d) = document() {
        dispatch(
            &d.into(),
            "cartlift:error",
            &Errors {
                errors,
                kind: "cart",
            },
        );
    }
}

#[derive(Serialize)]
struct Errors<'a> {
    errors: &'a [Error],
    /// `config` or `cart`: what was refused. An extension of the contract.
    kind: &'a str,
}

#[derive(Serialize)]
struct Ready {
    version: &'static str,
}

/// When `cartlift:ready` may go: after the first valid config, and after the entry module has
/// mounted the elements that were on the page when the wasm arrived (it mounts one per task).
#[derive(Clone, Copy)]
struct ReadyGate {
    sent: bool,
    configured: bool,
    mounting: bool,
}

thread_local! {
    static READY: Cell<ReadyGate> = const { Cell::new(ReadyGate { sent: false, configured: false, mounting: false }) };
}

fn update_ready(change: impl FnOnce(&mut ReadyGate)) {
    let mut gate = READY.with(Cell::get);
    change(&mut gate);
    let due = !gate.sent && gate.configured && !gate.mounting;
    gate.sent |= due;
    READY.with(|r| r.set(gate));
    if !due {
        return;
    }
    // Leptos renders in microtasks queued by the change that led here; this one runs after
    // them (a timer would also wait behind everything else the page has queued).
    wasm_bindgen_futures::spawn_local(async {
        if let Some(d) = document() {
            dispatch(
                &d.into(),
                "cartlift:ready",
                &Ready {
                    version: env!("CARGO_PKG_VERSION"),
                },
            );
        }
    });
}

/// `cartlift:ready`, once per page, after the elements have rendered the first valid config.
pub fn ready_soon() {
    update_ready(|g| g.configured = true);
}

/// The entry module is mounting the page's elements across tasks: `cartlift:ready` waits.
pub fn hold_ready() {
    update_ready(|g| g.mounting = true);
}

/// The page's first elements are mounted: `cartlift:ready` may go once the config is valid.
pub fn release_ready() {
    update_ready(|g| g.mounting = false);
}

thread_local! {
    /// The entry module's emitter, `(target, name, detailJson) => void`.
    static EMIT: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
}

/// Takes the entry module's emitter (see the module's doc); events before it are dropped.
pub fn set_emitter(emit: js_sys::Function) {
    EMIT.with(|e| *e.borrow_mut() = Some(emit));
}

/// Hands the event `name`, whose `detail` is `detail` as JSON, to the emitter.
fn dispatch(target: &EventTarget, name: &str, detail: &impl Serialize) {
    let Some(text) = cartlift_core::json::to_string(detail) else {
        return;
    };
    EMIT.with(|e| {
        if let Some(emit) = e.borrow().as_ref() {
            // The emitter catches what a page's listener throws; it must not stop cartlift.
            let _ = emit.call3(&JsValue::NULL, target, &name.into(), &text.into());
        }
    });
}

fn document() -> Option<web_sys::Document> {
    web_sys::window().and_then(|w| w.document())
}
