//! `<cartlift-upsell>`: the order bump, a native checkbox "Add a 2-year warranty for $12.00".
//!
//! The checkbox follows the cart: ticked exactly when the product is in it. A click shows the
//! new state at once (optimistic, with `aria-busy`) and asks the page to change the cart; when
//! the cart changes the cart is the truth again, and if it does not change within
//! [`PENDING_MS`], the checkbox goes back.

use super::countdown::{announcer, ends_in};
use super::{derive, fill, locale, own, send, truth, with_labels, Kind};
use crate::bridge::events::Item;
use crate::bridge::store::Store;
use crate::format::list;
use crate::render::{el, El};
use cartlift_core::config::labels::Label;
use cartlift_core::quote::OfferKind;
use cartlift_core::sort::CollectVec;
use cartlift_core::template::Segment;
use cartlift_core::upsell::OfferQuote;
use gloo_timers::callback::Timeout;
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use wasm_bindgen::JsCast;

/// How long a tick waits for the cart to follow before it goes back.
pub const PENDING_MS: u32 = 4_000;

thread_local! {
    static WAIT_MS: Cell<u32> = const { Cell::new(PENDING_MS) };
    /// The wait of each offer's last click, by element and offer: a new click replaces (and
    /// so cancels) it, and it goes when the offer does. A list here rather than a stored
    /// value, whose local storage would bring std's thread machinery into the wasm.
    static WAITS: RefCell<Vec<((u32, String), Timeout)>> = const { RefCell::new(Vec::new()) };
}

/// Keeps `wait` as the one timer of `key`, cancelling the one before (none: just cancels).
fn wait_for(key: (u32, String), wait: Option<Timeout>) {
    WAITS.with(|w| {
        let mut w = w.borrow_mut();
        w.retain(|(k, _)| *k != key);
        w.extend(wait.map(|t| (key, t)));
    });
}

/// Changes how long a tick waits for the cart (tests use a short wait); [`PENDING_MS`] by
/// default.
pub fn set_pending_ms(ms: u32) {
    WAIT_MS.with(|w| w.set(ms));
}

/// Ticks waiting for the cart: offer id, the state asked for, and which click asked (a few
/// offers at most, so a list).
type Pending = ArcRwSignal<Vec<(String, bool, u32)>>;

/// The tick waiting for the offer `id`: the state asked for, and which click asked.
fn waiting(pending: &[(String, bool, u32)], id: &str) -> Option<(bool, u32)> {
    pending
        .iter()
        .find(|(offer, ..)| offer == id)
        .map(|&(_, want, click)| (want, click))
}

/// Reads (tracked) the offer `id`, if it shows.
fn with_offer<R>(id: &str, f: impl FnOnce(&OfferQuote) -> R) -> Option<R> {
    Store::get()
        .quote_now()?
        .upsells
        .iter()
        .find(|o| o.id == id)
        .map(f)
}

/// The upsell offers.
#[component]
pub fn Upsell(
    /// The element's id: what it waits for (a tick awaiting the cart) is keyed by it.
    host: u32,
) -> El {
    let store = Store::get();
    let ids = derive(move || {
        store
            .quote_now()
            .iter()
            .flat_map(|q| &q.upsells)
            .map(|o| o.id.clone())
            .collect_vec()
    });
    let empty = derive(own!(ids => move || ids.with(Vec::is_empty)));
    let pending: Pending = ArcRwSignal::new(Vec::new());
    let locale = locale();
    el("div")
        .child(announcer(OfferKind::Upsell, locale.clone()))
        .child(upsells(host, ids, empty, pending, locale))
}

/// The list of offers.
fn upsells(
    host: u32,
    ids: ArcMemo<Vec<String>>,
    empty: ArcMemo<bool>,
    pending: Pending,
    locale: ArcMemo<String>,
) -> El {
    let store = Store::get();
    el("div")
        .class("upsells")
        .hidden(empty)
        // A cart from the page is the truth, even one unchanged (it refused the change):
        // forget what was pending.
        .effect(own!(pending => move || {
            store.cart.track();
            store.cart_came.track();
            pending.update(Vec::clear);
        }))
        .each(ids, move |id| {
            offer(host, id, pending.clone(), locale.clone())
        })
}

/// One offer: its checkbox, labelled with the offer and its price.
fn offer(host: u32, id: String, pending: Pending, locale: ArcMemo<String>) -> El {
    let field = |f: fn(&OfferQuote, &str) -> String| {
        let id = id.clone();
        let locale = locale.clone();
        derive(move || with_offer(&id, |o| f(o, &locale.get())).unwrap_or_default())
    };
    let phrase =
        |label: Label, f: fn(&OfferQuote, &str, &cartlift_core::template::Template) -> String| {
            let id = id.clone();
            let locale = locale.clone();
            derive(move || {
                let locale = locale.get();
                with_labels(|labels| with_offer(&id, |o| f(o, &locale, labels.get(label))))
                    .unwrap_or_default()
            })
        };
    let label = phrase(Label::UpsellPrice, |o, l, t| {
        fill(t, l, None, &|name| match name {
            "title" => Segment::Text(o.title.clone()),
            _ => Segment::Money(o.price),
        })
    });
    let was = field(|o, l| {
        o.full_price
            .map(|p| crate::format::money(p, l))
            .unwrap_or_default()
    });
    let description = field(|o, _| o.description.clone().unwrap_or_default());
    let unlocks = phrase(Label::UpsellUnlocks, |o, l, t| {
        if o.unlocks.is_empty() {
            return String::new();
        }
        fill(t, l, None, &|_| Segment::Text(list(&o.unlocks, l)))
    });
    let no_was = super::empty(&was);
    let no_description = super::empty(&description);
    let no_unlocks = super::empty(&unlocks);
    let ticked_id = id.clone();
    let ticked = derive(move || with_offer(&ticked_id, |o| o.ticked).unwrap_or(false));
    let pending_id = id.clone();
    let checked = derive(own!(pending, ticked => move || {
        pending
            .with(|p| waiting(p, &pending_id).map(|(want, _)| want))
            .unwrap_or_else(|| ticked.get())
    }));
    let busy_id = id.clone();
    let busy =
        derive(own!(pending => move || truth(pending.with(|p| waiting(p, &busy_id).is_some()))));
    let input_id = "offer-".to_owned() + &id;
    let key = (host, id.clone());
    on_cleanup({
        let key = key.clone();
        move || wait_for(key, None)
    });
    let countdown = ends_in(OfferKind::Upsell, id.clone(), locale);
    // Of a product with variants, the shopper's choice until it is ticked (then the cart's
    // line is the one it names).
    let pickers = {
        let (a, b) = (id.clone(), id.clone());
        let product = derive(move || with_offer(&a, |o| o.product.clone()).unwrap_or_default());
        let offered = derive(move || {
            with_offer(&b, |o| o.variant.clone())
                .flatten()
                .unwrap_or_default()
        });
        super::variants::picker(product, offered).hidden(ticked.clone())
    };
    let offer = id.clone();
    let on_change = move |ev: web_sys::Event| {
        let want = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .is_some_and(|input| input.checked());
        // Copied out first: the page's listener may set the cart (and read the quote) at once,
        // which it cannot while the quote is being read here.
        let Some((product, variant, price, offer)) = untrack(|| {
            with_offer(&id, |o| {
                (
                    o.product.clone(),
                    o.variant.clone(),
                    o.price.to_decimal_string(),
                    o.id.clone(),
                )
            })
        }) else {
            return;
        };
        let click = pending.with_untracked(|p| waiting(p, &id).map_or(0, |(_, n)| n + 1));
        pending.update(|p| {
            p.retain(|(offer, ..)| *offer != id);
            p.push((id.clone(), want, click));
        });
        send(
            &ev,
            want,
            vec![Item {
                // A variant names itself and its product (spec §10).
                id: variant.as_deref().unwrap_or(&product),
                product: variant.as_ref().map(|_| product.as_str()),
                quantity: 1,
                price: Some(price),
                gift: None,
            }],
            Kind::Upsell,
            &offer,
        );
        // If the cart has not followed by then, go back to what the cart says.
        let id = id.clone();
        let wait = Timeout::new(
            WAIT_MS.with(Cell::get),
            own!(pending => move || {
                let stale = pending.with_untracked(|p| waiting(p, &id).is_some_and(|(_, n)| n == click));
                if stale {
                    pending.update(|p| p.retain(|(offer, ..)| *offer != id));
                }
            }),
        );
        wait_for(key.clone(), Some(wait));
    };
    el("div")
        .class("offer")
        // Which offer this is, for the entry module's impressions (spec §9).
        .attr("data-offer", offer)
        .class_when("ticked", checked.clone())
        .attr("aria-busy", busy)
        .child(
            el("input")
                .attr("type", "checkbox")
                .part("checkbox")
                .attr("id", input_id.clone())
                .checked(checked)
                .on("change", on_change),
        )
        .child(
            el("label")
                .attr("for", input_id)
                .class("offer-label")
                .child(el("span").text(label))
                .text(" ")
                .child(el("s").class("was").hidden(no_was).text(was)),
        )
        .child(
            el("p")
                .class("description")
                .hidden(no_description)
                .text(description),
        )
        .child(el("p").class("unlocks").hidden(no_unlocks).text(unlocks))
        .child(pickers)
        .child(el("p").class("description").child(countdown))
}
