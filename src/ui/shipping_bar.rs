//! `<cartlift-shipping-bar>`: "You're $10.00 away from free shipping", a bar that fills toward
//! the goals, and cart fillers that close the gap.
//!
//! Text and attributes are `Memo<String>`s: each updates only when its words change (so the
//! live region speaks only then), and all share one render routine in the wasm.

use super::format::{message, money, width};
use super::fresh::Fresh;
use super::{derive, locale, send, Kind};
use crate::bridge::events::Item;
use crate::bridge::store::Store;
use cartlift_core::shipping::ShippingQuote;
use leptos::prelude::*;

/// The free-shipping progress bar.
#[component]
pub fn ShippingBar(
    /// The element's id, for events.
    host: u32,
) -> impl IntoView {
    let store = Store::get();
    let bar = derive(move || {
        store
            .quote
            .with(|q| q.as_ref().and_then(|q| q.shipping.clone()))
    });
    let locale = locale();
    let words = derive(move || {
        bar.with(|b| {
            b.as_ref()
                .map(|b| message(&b.message, &locale.get()))
                .unwrap_or_default()
        })
    });
    let now = derive(move || {
        bar.with(|b| {
            b.as_ref()
                .map(|b| (b.progress.basis_points() / 100).to_string())
                .unwrap_or_default()
        })
    });
    let fill =
        derive(move || bar.with(|b| b.as_ref().map(|b| width(b.progress)).unwrap_or_default()));
    let achieved = derive(move || bar.with(|b| b.as_ref().is_some_and(|b| b.next.is_none())));
    let absent = derive(move || bar.with(Option::is_none));
    let filler_ids = derive(move || {
        bar.with(|b| {
            b.iter()
                .flat_map(|b| &b.fillers)
                .map(|f| f.id.clone())
                .collect::<Vec<_>>()
        })
    });
    let no_fillers = derive(move || filler_ids.with(Vec::is_empty));
    // Goal markers along the bar, at each threshold's share of the last one. The list changes
    // only when the number of goals does; each marker follows its own place and state.
    let marker_count =
        derive(move || bar.with(|b| b.as_ref().map_or(0, |b| b.goals.len().saturating_sub(1))));
    let markers = move || {
        (0..marker_count.get())
            .map(|n| {
                let at = derive(move || {
                    bar.with(|b| {
                        b.as_ref()
                            .and_then(|b| Some((b.goals.get(n)?, b.goals.last()?)))
                            .map(|(g, last)| {
                                width(cartlift_core::shipping::progress(g.threshold, last.threshold))
                            })
                            .unwrap_or_default()
                    })
                });
                let reached = derive(move || {
                    bar.with(|b| b.as_ref().and_then(|b| b.goals.get(n)).is_some_and(|g| g.unlocked))
                });
                view! { class="cartlift", <span class="marker" class:reached=reached style:inset-inline-start=at></span> }
            })
            .collect::<Fresh<_>>()
    };
    view! { class="cartlift",
        <div class="shipping" class:achieved=achieved hidden=absent>
            <p part="message" class="message" aria-live="polite">{words}</p>
            <div
                part="bar"
                class="bar"
                role="progressbar"
                aria-label="Progress toward your rewards"
                aria-valuemin="0"
                aria-valuemax="100"
                aria-valuenow=now
                aria-valuetext=words
            >
                <div part="fill" class="fill" style:width=fill></div>
                {markers}
            </div>
            <ul class="fillers" aria-label="Suggestions to reach your reward" hidden=no_fillers>
                {move || filler_ids.get().into_iter().map(|id| view! { class="cartlift", <Filler host=host id=id bar=bar locale=locale /> }).collect::<Fresh<_>>()}
            </ul>
        </div>
    }
}

/// One cart-filler suggestion with its add button.
#[component]
fn Filler(
    host: u32,
    id: String,
    bar: Memo<Option<ShippingQuote>>,
    locale: Memo<String>,
) -> impl IntoView {
    let key = id.clone();
    let filler = derive(move || {
        bar.with(|b| {
            b.iter()
                .flat_map(|b| &b.fillers)
                .find(|f| f.id == key)
                .cloned()
        })
    });
    let title =
        derive(move || filler.with(|f| f.as_ref().map(|f| f.title.clone()).unwrap_or_default()));
    let price = derive(move || {
        filler.with(|f| {
            f.as_ref()
                .map(|f| money(f.price, &locale.get()))
                .unwrap_or_default()
        })
    });
    let label = derive(move || format!("Add {} to cart", title.get()));
    let image = filler.with_untracked(|f| {
        f.as_ref()
            .and_then(|f| f.image.clone())
            .filter(|u| cartlift_core::config::is_safe_url(u))
    });
    let add = move |_| {
        send(
            host,
            true,
            vec![Item {
                id: &id,
                quantity: 1,
                price: None,
            }],
            Kind::ShippingBar,
            &id,
        )
    };
    view! { class="cartlift",
        <li part="filler" class="filler">
            {image.map(|src| view! { class="cartlift", <img src=src alt="" width="40" height="40" loading="lazy" /> })}
            <span class="filler-title">{title}</span>" "
            <span class="filler-price">{price}</span>" "
            <button type="button" part="filler-add" class="add small" on:click=add aria-label=label>"Add"</button>
        </li>
    }
}
