//! What the shopper sees: one component per element, each reading the page's quote through
//! memos of just the part it draws, so a cart change touches only the text that changed.
//! Components describe their DOM as [`node::El`] (see there why not `view!`); no subtree is
//! ever built from HTML text, which a page that requires Trusted Types would refuse.

pub mod bundles;
pub mod format;
pub mod node;
pub mod shipping_bar;
pub mod tiers;
pub mod upsell;

use crate::bridge::events::{self, Item, Source};
use crate::bridge::store::Store;
use leptos::prelude::*;
use node::{el, El};

/// The four elements of spec §1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `<cartlift-shipping-bar>`
    ShippingBar,
    /// `<cartlift-bundles>`
    Bundles,
    /// `<cartlift-upsell>`
    Upsell,
    /// `<cartlift-tiers>`
    Tiers,
}

impl Kind {
    /// The kind for an element's tag name (any case).
    pub fn from_tag(tag: &str) -> Option<Kind> {
        match tag.to_ascii_lowercase().as_str() {
            "cartlift-shipping-bar" => Some(Kind::ShippingBar),
            "cartlift-bundles" => Some(Kind::Bundles),
            "cartlift-upsell" => Some(Kind::Upsell),
            "cartlift-tiers" => Some(Kind::Tiers),
            _ => None,
        }
    }

    /// The `widget` named in events.
    pub fn name(self) -> &'static str {
        match self {
            Kind::ShippingBar => "shipping-bar",
            Kind::Bundles => "bundles",
            Kind::Upsell => "upsell",
            Kind::Tiers => "tiers",
        }
    }
}

/// What every element shows around its widget: the merchant's fallback (a `<slot>` showing the
/// element's light DOM) until a valid config arrives, and with `preview`, the config's
/// problems.
#[component]
pub fn Frame(
    /// Whether the `preview` attribute is present.
    preview: RwSignal<bool>,
) -> (El, El) {
    let store = Store::get();
    let ready = derive(move || store.quote.with(Option::is_some));
    let no_errors = derive(move || !preview.get() || store.errors.with(Vec::is_empty));
    let problems = derive(move || store.errors.get());
    (
        el("slot").hidden(ready),
        el("div")
            .part("errors")
            .class("errors")
            .attr("role", "alert")
            .hidden(no_errors)
            .child(el("p").child(el("strong").text("cartlift could not use this config:")))
            .child(el("ul").each(problems, |e| {
                el("li")
                    .child(el("code").text(e.path))
                    .text(": ")
                    .text(e.message)
            })),
    )
}

/// A value derived from the store, as a memo: it updates, and what shows it re-renders, only
/// when the value changes (so a live region speaks only when its words change).
///
/// The closure is boxed on purpose: a memo's machinery is compiled once per closure type, so
/// this way each type of value (not each closure) has one copy of it in the wasm.
pub fn derive<T: PartialEq + Send + Sync + 'static>(
    f: impl Fn() -> T + Send + Sync + 'static,
) -> Memo<T> {
    erased_memo(Box::new(f))
}

type Derive<T> = Box<dyn Fn() -> T + Send + Sync>;

#[inline(never)]
fn erased_memo<T: PartialEq + Send + Sync + 'static>(f: Derive<T>) -> Memo<T> {
    Memo::new(move |_| f())
}

/// The locale of the current quote.
pub fn locale() -> Memo<String> {
    let store = Store::get();
    derive(move || {
        store
            .quote
            .with(|q| q.as_ref().map(|q| q.locale.clone()).unwrap_or_default())
    })
}

/// Dispatches an add- or remove-from-cart event on the element `host`.
pub fn send(host: u32, add: bool, items: Vec<Item<'_>>, widget: Kind, offer: &str) {
    if let Some(el) = crate::elements::host(host) {
        events::cart_change(
            &el,
            add,
            items,
            Source {
                widget: widget.name(),
                offer,
            },
        );
    }
}
