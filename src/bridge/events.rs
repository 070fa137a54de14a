//! The events of spec §4, dispatched with `bubbles` and `composed` so that a listener on
//! `document` hears them all, and the console messages that go with errors.

use cartlift_core::Error;
use serde::Serialize;
use std::cell::Cell;
use wasm_bindgen::JsValue;
use web_sys::{CustomEvent, CustomEventInit, EventTarget};

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
    /// `shipping-bar`, `bundles`, `upsell` or `tiers`.
    pub widget: &'a str,
    /// The bundle's, offer's or filler product's id.
    pub offer: &'a str,
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

/// A refused config: one console warning and one `cartlift:error` carrying the whole list.
pub fn config_rejected(errors: &[Error]) {
    warn(&format!(
        "cartlift: the config was not used; the widgets keep their fallback.\n{}",
        lines(errors)
    ));
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

/// A refused cart: one console error and one `cartlift:error`; the last good cart stays.
pub fn cart_rejected(errors: &[Error]) {
    error(&format!(
        "cartlift: setCart was refused; the last good cart stays shown.\n{}",
        lines(errors)
    ));
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

fn lines(errors: &[Error]) -> String {
    errors
        .iter()
        .map(|e| format!("  {e}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Dispatches a bubbling, composed `CustomEvent` whose `detail` is `detail` as plain JSON.
fn dispatch(target: &EventTarget, name: &str, detail: &impl Serialize) {
    let detail = super::to_js(detail);
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&detail);
    if let Ok(event) = CustomEvent::new_with_event_init_dict(name, &init) {
        // A listener that throws is reported by the browser; it must not stop cartlift.
        let _ = target.dispatch_event(&event);
    }
}

fn document() -> Option<web_sys::Document> {
    web_sys::window().and_then(|w| w.document())
}

fn warn(message: &str) {
    web_sys::console::warn_1(&JsValue::from_str(message));
}

fn error(message: &str) {
    web_sys::console::error_1(&JsValue::from_str(message));
}
