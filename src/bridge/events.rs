//! The events of spec §4 and §9. The wasm writes each one's `detail` as JSON text and hands
//! it to the entry module's emitter, which dispatches it (with `bubbles` and `composed`, so a
//! listener on `document` hears them all), adds the segment and variant to its `source`, says
//! a refusal on the console, and queues the event for `data-collect`. One call across the
//! boundary per event: building a `CustomEvent` from here measured more wasm than the emitter.

use super::session::{self, ReadyGate};
use cartlift_core::json::ToJson;
use cartlift_core::quote::Assignment;
use cartlift_core::sort::CollectVec;
use cartlift_core::{money::Money, parts, Error};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::EventTarget;

/// One line of an add- or remove-from-cart event.
pub struct Item<'a> {
    /// The product's id, or the variant's of a product with variants (spec §10).
    pub id: &'a str,
    /// Of a variant, its product's id (spec §10: `{"id": "tee-m-black", "product": "tee"}`).
    pub product: Option<&'a str>,
    /// How many.
    pub quantity: u32,
    /// What the shop should charge for one, as exact decimal text, when cartlift priced it
    /// (a bundle's share, an upsell's percentage price). An extension of the contract.
    pub price: Option<String>,
    /// `Some(true)` for a goal's gift (spec §11): the page marks the line `"gift": true` in the
    /// cart it gives back, as the platform adapters mark it `_cartlift_gift`.
    pub gift: Option<bool>,
}

cartlift_core::json_object!(Item<'_> { id, product?, quantity, price?, gift? });

/// Which widget and which offer an event came from.
pub struct Source<'a> {
    /// `shipping-bar`, `bundles`, `upsell`, `tiers`, `recommendations`, or `order`.
    pub widget: &'a str,
    /// The bundle's, offer's or filler product's id (an order's: its id, or empty).
    pub offer: &'a str,
}

cartlift_core::json_object!(Source<'_> { widget, offer });

/// What `cartlift:order` says of an order (spec §9).
struct Order<'a> {
    /// The platform's order id, when the page gave one.
    id: Option<&'a str>,
    /// The whole cart's value, as the widget prices it.
    value: Money,
}

cartlift_core::json_object!(Order<'_> { id, value });

struct Placed<'a> {
    order: Order<'a>,
    source: Source<'a>,
}

cartlift_core::json_object!(Placed<'_> { order, source });

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

struct CartChange<'a> {
    items: Vec<Item<'a>>,
    source: Source<'a>,
}

cartlift_core::json_object!(CartChange<'_> { items, source });

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

struct Errors<'a> {
    errors: &'a [Error],
    /// `config` or `cart`: what was refused. An extension of the contract.
    kind: &'a str,
}

cartlift_core::json_object!(Errors<'_> { errors, kind });

struct Ready {
    version: &'static str,
}

cartlift_core::json_object!(Ready { version });

fn update_ready(change: impl FnOnce(&mut ReadyGate)) {
    let due = session::with(|s| {
        let mut gate = s.ready.get();
        change(&mut gate);
        let due = !gate.sent && gate.configured && !gate.mounting;
        gate.sent |= due;
        s.ready.set(gate);
        due
    });
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

/// What the entry module keeps of the figures to complete each event's `source` (spec §9: the
/// offer's segment, the shopper's variant) and to see a goal reached, told again whenever they
/// change ([`tell_facts`]): so that neither a click, an impression nor a cart asks for the
/// whole quote.
struct Facts<'a> {
    /// The bar's goals for this cart, by increasing threshold.
    goals: Vec<GoalFact<'a>>,
    /// The goal the bar shows next (`None` when all are reached).
    next: Option<usize>,
    /// Each offer shown for a segment, as three strings in a row: its widget, its id and the
    /// segment (one flat list of strings: the wasm already writes those, not triples).
    segments: Vec<&'a str>,
    /// The shopper's variant of each experiment.
    experiments: &'a Vec<Assignment>,
}

cartlift_core::json_object!(Facts<'_> { goals, next, segments, experiments });

/// What the entry module reads of a goal: what `cartlift:goal-reached` says of it, and the
/// segment an event's source names. Not its amounts to go, so that the facts change with the
/// cart only when a goal is reached or lost, or another is next.
struct GoalFact<'a> {
    /// What reaching it gives.
    reward: &'a str,
    /// The amount that reaches it.
    threshold: Money,
    /// The segment it is shown for.
    segment: Option<&'a str>,
    /// Whether the cart reaches it.
    unlocked: bool,
}

cartlift_core::json_object!(GoalFact<'_> { reward, threshold, segment?, unlocked });

/// The emitter's name for [`Facts`]: not an event, kept by the entry module.
const FACTS: &str = "facts";

/// Tells the entry module the figures' [`Facts`] when they changed; the session runs it again
/// whenever the quote changes (a burst of carts in one task is told once).
pub fn tell_facts() {
    let quote = session::with(|s| s.store.quote_now());
    let Some(q) = quote.as_deref() else {
        return;
    };
    let (goals, next) = q.shipping.as_ref().map_or((Vec::new(), None), |s| {
        let goals = s.goals.iter().map(|g| GoalFact {
            reward: &g.reward,
            threshold: g.threshold,
            segment: g.segment.as_deref(),
            unlocked: g.unlocked,
        });
        (goals.collect_vec(), s.next)
    });
    let mut segments = Vec::new();
    // Only the parts the build carries: the others' lists are always empty.
    if parts::BUNDLES {
        for b in &q.bundles {
            if let Some(s) = &b.segment {
                segments.extend(["bundles", b.id.as_str(), s.as_str()]);
            }
        }
    }
    if parts::TIERS {
        for t in &q.tiers {
            if let Some(s) = &t.segment {
                segments.extend(["tiers", t.product.as_str(), s.as_str()]);
            }
        }
    }
    if parts::UPSELLS {
        for u in &q.upsells {
            if let Some(s) = &u.segment {
                segments.extend(["upsell", u.id.as_str(), s.as_str()]);
            }
        }
    }
    let facts = Facts {
        goals,
        next,
        segments,
        experiments: &q.experiments,
    };
    let text = cartlift_core::json::to_string(&facts);
    // Most carts move only the goals' amounts, which the entry does not read: nothing crosses.
    let told = session::with(|s| s.facts_told.replace(text.clone()));
    if told != text {
        emit(JsValue::NULL.unchecked_ref(), FACTS, text);
    }
}

/// Takes an emitter (see the module's doc) in place of the entry module's: the browser tests
/// mount elements without the entry. Events before one is taken are dropped.
pub fn set_emitter(emit: js_sys::Function) {
    session::with(|s| {
        *s.emit.borrow_mut() = Some(emit);
        // A new emitter has heard no facts yet.
        s.facts_told.take();
    });
}

/// Hands the event `name`, whose `detail` is `detail` as JSON, to the emitter.
fn dispatch(target: &EventTarget, name: &str, detail: &dyn ToJson) {
    emit(target, name, cartlift_core::json::to_string(detail));
}

/// Hands the entry module's emitter `name` with its detail's JSON `text`.
fn emit(target: &EventTarget, name: &str, text: String) {
    session::with(|s| {
        // A shared borrow: a page's listener that calls cartlift again may emit again.
        if let Some(emit) = s.emit.borrow().as_ref() {
            // The emitter catches what a page's listener throws; it must not stop cartlift.
            let _ = emit.call3(&JsValue::NULL, target, &name.into(), &text.into());
        }
    });
}

fn document() -> Option<web_sys::Document> {
    web_sys::window().and_then(|w| w.document())
}
