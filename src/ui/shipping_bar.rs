//! `<cartlift-shipping-bar>`: "You're $10.00 away from free shipping", a bar that fills toward
//! the goals, and cart fillers that close the gap.

use super::format::{message, money, width};
use super::{locale, send, Kind};
use crate::bridge::events::Item;
use crate::bridge::store::Store;
use cartlift_core::Percent;
use leptos::prelude::*;

/// The free-shipping progress bar.
#[component]
pub fn ShippingBar(
    /// The element's id, for events.
    host: u32,
) -> impl IntoView {
    let store = Store::get();
    let bar = Memo::new(move |_| {
        store
            .quote
            .with(|q| q.as_ref().and_then(|q| q.shipping.clone()))
    });
    let locale = locale();
    // The live region's text: it changes (and is announced) only when the words change.
    let text = Memo::new(move |_| {
        bar.with(|b| {
            b.as_ref()
                .map(|b| message(&b.message, &locale.get()))
                .unwrap_or_default()
        })
    });
    let progress =
        Memo::new(move |_| bar.with(|b| b.as_ref().map_or(Percent::default(), |b| b.progress)));
    let achieved = Memo::new(move |_| bar.with(|b| b.as_ref().is_some_and(|b| b.next.is_none())));
    // Goal markers along the bar, at each threshold's share of the last one.
    let markers = Memo::new(move |_| {
        bar.with(|b| {
            let Some(b) = b else { return Vec::new() };
            let Some(last) = b.goals.last() else {
                return Vec::new();
            };
            b.goals
                .iter()
                .take(b.goals.len().saturating_sub(1))
                .map(|g| {
                    (
                        cartlift_core::shipping::progress(g.threshold, last.threshold),
                        g.unlocked,
                        g.reward.clone(),
                    )
                })
                .collect::<Vec<_>>()
        })
    });
    let filler_ids = Memo::new(move |_| {
        bar.with(|b| {
            b.iter()
                .flat_map(|b| &b.fillers)
                .map(|f| f.id.clone())
                .collect::<Vec<_>>()
        })
    });

    let shown = Memo::new(move |_| bar.with(Option::is_some));
    move || {
        shown.get().then(|| {
            view! {
                <div class="shipping" class:achieved=achieved>
                    <p part="message" class="message" aria-live="polite">{text}</p>
                    <div
                        part="bar"
                        class="bar"
                        role="progressbar"
                        aria-label="Progress toward your rewards"
                        aria-valuemin="0"
                        aria-valuemax="100"
                        aria-valuenow=move || (progress.get().basis_points() / 100).to_string()
                        aria-valuetext=text
                    >
                        <div part="fill" class="fill" style:width=move || width(progress.get())></div>
                        {move || markers.get().into_iter().map(|(at, unlocked, reward)| view! {
                            <span class="marker" class:reached=unlocked style:inset-inline-start=width(at) title=reward></span>
                        }).collect_view()}
                    </div>
                    <Show when=move || !filler_ids.with(Vec::is_empty)>
                        <ul class="fillers" aria-label="Suggestions to reach your reward">
                            <For each=move || filler_ids.get() key=|id| id.clone() let:id>
                                <Filler host=host id=id bar=bar locale=locale />
                            </For>
                        </ul>
                    </Show>
                </div>
            }
        })
    }
}

/// One cart-filler suggestion with its add button.
#[component]
fn Filler(
    host: u32,
    id: String,
    bar: Memo<Option<cartlift_core::shipping::ShippingQuote>>,
    locale: Memo<String>,
) -> impl IntoView {
    let key = id.clone();
    let filler = Memo::new(move |_| {
        bar.with(|b| {
            b.iter()
                .flat_map(|b| &b.fillers)
                .find(|f| f.id == key)
                .cloned()
        })
    });
    let title = move || filler.with(|f| f.as_ref().map(|f| f.title.clone()).unwrap_or_default());
    let price = move || {
        filler.with(|f| {
            f.as_ref()
                .map(|f| money(f.price, &locale.get()))
                .unwrap_or_default()
        })
    };
    let image = move || {
        filler.with(|f| {
            f.as_ref()
                .and_then(|f| f.image.clone())
                .filter(|u| cartlift_core::config::is_safe_url(u))
        })
    };
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
        );
    };
    view! {
        <li part="filler" class="filler">
            {move || image().map(|src| view! { <img src=src alt="" width="40" height="40" loading="lazy" /> })}
            <span class="filler-title">{title}</span>
            <span class="filler-price">{price}</span>
            <button type="button" part="filler-add" class="add small" on:click=add aria-label=move || format!("Add {} to cart", title())>"Add"</button>
        </li>
    }
}
