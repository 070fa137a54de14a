//! `<cartlift-shipping-bar>`: "You're $10.00 away from free shipping", a bar that fills toward
//! the goals, and cart fillers that close the gap.
//!
//! Text and attributes are `Memo<String>`s: each updates only when its words change (so the
//! live region speaks only then), and all share one render routine in the wasm.

use super::format::{message, money, width};
use super::node::{el, El};
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
) -> El {
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
    let markers = derive(move || {
        bar.with(|b| {
            (0..b.as_ref().map_or(0, |b| b.goals.len().saturating_sub(1))).collect::<Vec<_>>()
        })
    });
    let marker = move |n: usize| {
        let at = derive(move || {
            bar.with(|b| {
                b.as_ref()
                    .and_then(|b| Some((b.goals.get(n)?, b.goals.last()?)))
                    .map(|(g, last)| {
                        width(cartlift_core::shipping::progress(
                            g.threshold,
                            last.threshold,
                        ))
                    })
                    .unwrap_or_default()
            })
        });
        let reached = derive(move || {
            bar.with(|b| {
                b.as_ref()
                    .and_then(|b| b.goals.get(n))
                    .is_some_and(|g| g.unlocked)
            })
        });
        el("span")
            .class("marker")
            .class_when("reached", reached)
            .style("inset-inline-start", at)
    };
    el("div")
        .class("shipping")
        .class_when("achieved", achieved)
        .hidden(absent)
        .child(
            el("p")
                .part("message")
                .class("message")
                .attr("aria-live", "polite")
                .text(words),
        )
        .child(
            el("div")
                .part("bar")
                .class("bar")
                .attr("role", "progressbar")
                .attr("aria-label", "Progress toward your rewards")
                .attr("aria-valuemin", "0")
                .attr("aria-valuemax", "100")
                .attr("aria-valuenow", now)
                .attr("aria-valuetext", words)
                .child(el("div").part("fill").class("fill").style("width", fill))
                .each(markers, marker),
        )
        .child(
            el("ul")
                .class("fillers")
                .attr("aria-label", "Suggestions to reach your reward")
                .hidden(no_fillers)
                .each(filler_ids, move |id| filler(host, id, bar, locale)),
        )
}

/// One cart-filler suggestion with its add button.
fn filler(host: u32, id: String, bar: Memo<Option<ShippingQuote>>, locale: Memo<String>) -> El {
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
    el("li")
        .part("filler")
        .class("filler")
        .child_if(image.map(|src| {
            el("img")
                .attr("src", src)
                .attr("alt", "")
                .attr("width", "40")
                .attr("height", "40")
                .attr("loading", "lazy")
        }))
        .child(el("span").class("filler-title").text(title))
        .text(" ")
        .child(el("span").class("filler-price").text(price))
        .text(" ")
        .child(
            el("button")
                .attr("type", "button")
                .part("filler-add")
                .class("add small")
                .attr("aria-label", label)
                .on("click", add)
                .text("Add"),
        )
}
