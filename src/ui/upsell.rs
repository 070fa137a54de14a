//! `<cartlift-upsell>`: the order bump, a native checkbox "Add a 2-year warranty for $12.00".
//!
//! The checkbox follows the cart: ticked exactly when the product is in it. A click shows the
//! new state at once (optimistic) and asks the page to change the cart; when the cart changes
//! the cart is the truth again, and if it does not change within [`PENDING_MS`], the checkbox
//! goes back.

use super::format::money;
use super::{locale, send, Kind};
use crate::bridge::events::Item;
use crate::bridge::store::Store;
use cartlift_core::upsell::OfferQuote;
use leptos::prelude::*;
use std::collections::HashMap;

/// How long a tick waits for the cart to follow before it goes back.
pub const PENDING_MS: u32 = 4_000;

/// The upsell offers.
#[component]
pub fn Upsell(
    /// The element's id, for events.
    host: u32,
) -> impl IntoView {
    let store = Store::get();
    let offers = Memo::new(move |_| {
        store
            .quote
            .with(|q| q.as_ref().map(|q| q.upsells.clone()).unwrap_or_default())
    });
    let ids =
        Memo::new(move |_| offers.with(|o| o.iter().map(|o| o.id.clone()).collect::<Vec<_>>()));
    // Ticks waiting for the cart: offer id → the state asked for, and which click asked.
    let pending: RwSignal<HashMap<String, (bool, u32)>> = RwSignal::new(HashMap::new());
    // A new cart is the truth: forget what was pending.
    Effect::new(move |_| {
        store.cart.track();
        pending.update(HashMap::clear);
    });
    let locale = locale();
    move || {
        (!ids.with(Vec::is_empty)).then(|| {
            view! {
                <div class="upsells">
                    <For each=move || ids.get() key=|id| id.clone() let:id>
                        <Offer host=host id=id offers=offers pending=pending locale=locale />
                    </For>
                </div>
            }
        })
    }
}

#[component]
fn Offer(
    host: u32,
    id: String,
    offers: Memo<Vec<OfferQuote>>,
    pending: RwSignal<HashMap<String, (bool, u32)>>,
    locale: Memo<String>,
) -> impl IntoView {
    let key = id.clone();
    let offer = Memo::new(move |_| offers.with(|o| o.iter().find(|o| o.id == key).cloned()));
    let text = move |f: fn(&OfferQuote, &str) -> String| {
        move || offer.with(|o| o.as_ref().map(|o| f(o, &locale.get())).unwrap_or_default())
    };
    let label = text(|o, l| format!("{} for {}", o.title, money(o.price, l)));
    let was = Memo::new(move |_| {
        offer.with(|o| {
            o.as_ref()
                .and_then(|o| o.full_price.map(|p| money(p, &locale.get())))
        })
    });
    let description =
        Memo::new(move |_| offer.with(|o| o.as_ref().and_then(|o| o.description.clone())));
    let unlocks = Memo::new(move |_| {
        offer.with(|o| o.as_ref().map(|o| o.unlocks.clone()).unwrap_or_default())
    });
    let ticked = Memo::new(move |_| offer.with(|o| o.as_ref().is_some_and(|o| o.ticked)));
    let pending_id = id.clone();
    let checked = Memo::new(move |_| {
        pending
            .with(|p| p.get(&pending_id).map(|(want, _)| *want))
            .unwrap_or_else(|| ticked.get())
    });
    let busy_id = id.clone();
    let busy = move || pending.with(|p| p.contains_key(&busy_id));
    let click_id = id.clone();
    let input_id = format!("offer-{id}");
    let on_change = move |ev: leptos::ev::Event| {
        let want = event_target_checked(&ev);
        let Some(o) = offer.get_untracked() else {
            return;
        };
        let click = pending.with_untracked(|p| p.get(&click_id).map_or(0, |(_, n)| n + 1));
        pending.update(|p| {
            p.insert(click_id.clone(), (want, click));
        });
        let price = Some(o.price.to_decimal_string());
        send(
            host,
            want,
            vec![Item {
                id: &o.product,
                quantity: 1,
                price,
            }],
            Kind::Upsell,
            &o.id,
        );
        // If the cart has not followed by then, go back to what the cart says.
        let id = click_id.clone();
        gloo_timers::callback::Timeout::new(PENDING_MS, move || {
            let stale = pending
                .try_with_untracked(|p| p.get(&id).is_some_and(|(_, n)| *n == click))
                .unwrap_or(false);
            if stale {
                pending.update(|p| {
                    p.remove(&id);
                });
            }
        })
        .forget();
    };
    view! {
        <div class="offer" class:ticked=checked aria-busy=move || busy().to_string()>
            <input type="checkbox" part="checkbox" id=input_id.clone() prop:checked=checked on:change=on_change />
            <label for=input_id class="offer-label">
                <span>{label}</span>
                {move || was.get().map(|w| view! { <s class="was">{w}</s> })}
            </label>
            {move || description.get().map(|d| view! { <p class="description">{d}</p> })}
            {move || (!unlocks.with(Vec::is_empty)).then(|| view! {
                <p class="unlocks">{move || format!("This also unlocks {}", unlocks.get().join(" and "))}</p>
            })}
        </div>
    }
}
