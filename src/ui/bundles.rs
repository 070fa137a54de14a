//! `<cartlift-bundles product="laptop">`: the "frequently bought together" table with totals,
//! the bundle price, the saving, and an add button per bundle.

use super::format::{money, percent};
use super::node::{el, El};
use super::{derive, locale, send, Kind};
use crate::bridge::events::Item;
use crate::bridge::store::Store;
use cartlift_core::bundles::{BundleItem, BundleQuote};
use leptos::prelude::*;

/// Reads (tracked) the bundle `id` in the table for `product`, and whether it is the best
/// value shown.
fn with_row<R>(
    product: RwSignal<Option<String>>,
    id: &str,
    f: impl FnOnce(&BundleQuote, bool) -> R,
) -> Option<R> {
    product.with(|p| {
        Store::get().quote.with(|q| {
            let table = q.as_ref()?.bundle_table(p.as_deref());
            let i = table.rows.iter().position(|b| b.id == id)?;
            Some(f(table.rows[i], table.best == Some(i)))
        })
    })
}

/// The bundle table.
#[component]
pub fn Bundles(
    /// The element's id, for events.
    host: u32,
    /// The product whose bundles to show; without one, the bundles that build on the cart.
    product: RwSignal<Option<String>>,
) -> El {
    let ids = derive(move || {
        product.with(|p| {
            Store::get().quote.with(|q| {
                q.iter()
                    .flat_map(|q| q.bundle_table(p.as_deref()).rows)
                    .map(|b| b.id.clone())
                    .collect::<Vec<_>>()
            })
        })
    });
    let empty = derive(move || ids.with(Vec::is_empty));
    let locale = locale();
    let header = |text: &'static str| el("th").attr("scope", "col").text(text);
    el("table")
        .part("table")
        .class("bundles")
        .hidden(empty)
        .child(el("caption").text("Frequently bought together"))
        .child(
            el("thead").child(
                el("tr")
                    .child(header("Bundle"))
                    .child(header("Items total"))
                    .child(header("Bundle price"))
                    .child(header("You save"))
                    .child(
                        el("th")
                            .attr("scope", "col")
                            .child(el("span").class("visually-hidden").text("Add to cart")),
                    ),
            ),
        )
        .child(el("tbody").each(ids, move |id| bundle_row(host, id, product, locale)))
}

/// One bundle's row: its items, the figures, and its add button.
fn bundle_row(
    host: u32,
    id: String,
    product: RwSignal<Option<String>>,
    locale: Memo<String>,
) -> El {
    let field = |f: fn(&BundleQuote, bool, &str) -> String| {
        let id = id.clone();
        derive(move || {
            with_row(product, &id, |b, best| f(b, best, &locale.get())).unwrap_or_default()
        })
    };
    let title = field(|b, _, _| b.title.clone());
    let total = field(|b, _, l| money(b.individual_total, l));
    let price = field(|b, _, l| money(b.price, l));
    let saving =
        field(|b, _, l| format!("{} ({})", money(b.saving, l), percent(b.saving_percent, l)));
    let part = field(|_, best, _| if best { "row best-value" } else { "row" }.to_owned());
    let label = field(|b, _, _| format!("Add the {} bundle to cart", b.title));
    let flag = |f: fn(&BundleQuote, bool) -> bool| {
        let id = id.clone();
        derive(move || with_row(product, &id, f).unwrap_or(false))
    };
    let best = flag(|_, best| best);
    let not_best = flag(|_, best| !best);
    let url = untrack(|| with_row(product, &id, |b, _| b.url.clone()))
        .flatten()
        .filter(|u| cartlift_core::config::is_safe_url(u));
    // The list changes only when the number of items does; each item's title and whether it
    // is in the cart are its own memos, so a cart change touches only that item's note.
    let items = {
        let id = id.clone();
        derive(move || {
            with_row(product, &id, |b, _| (0..b.items.len()).collect()).unwrap_or_default()
        })
    };
    let item = {
        let id = id.clone();
        move |n: usize| {
            let text = |f: fn(&BundleItem) -> String| {
                let id = id.clone();
                derive(move || {
                    with_row(product, &id, |b, _| b.items.get(n).map(f))
                        .flatten()
                        .unwrap_or_default()
                })
            };
            let title = text(|i| i.title.clone());
            let note = text(|i| if i.in_cart { " (in your cart)" } else { "" }.to_owned());
            el("li").text(title).text(note)
        }
    };
    let add = move |_| {
        // Copied out first: the page's listener may set the cart (and read the quote) at once,
        // which it cannot while the quote is being read here.
        let Some((lines, offer)) = untrack(|| {
            with_row(product, &id, |b, _| {
                let lines: Vec<(String, String)> = b
                    .items
                    .iter()
                    .map(|i| (i.id.clone(), i.bundle_price.to_decimal_string()))
                    .collect();
                (lines, b.id.clone())
            })
        }) else {
            return;
        };
        let items = lines
            .iter()
            .map(|(id, price)| Item {
                id,
                quantity: 1,
                price: Some(price.clone()),
            })
            .collect();
        send(host, true, items, Kind::Bundles, &offer);
    };
    let cell = |label: &'static str| el("td").attr("data-label", label);
    el("tr")
        .part(part)
        .class("row")
        .class_when("best", best)
        .child(
            el("th")
                .attr("scope", "row")
                .class("bundle-name")
                .child(el("span").class("bundle-title").text(title))
                .text(" ")
                .child(
                    el("span")
                        .class("badge")
                        .hidden(not_best)
                        .text("Best value"),
                )
                .child(el("ul").class("items").each(items, item)),
        )
        .child(cell("Items total").child(el("s").class("was").text(total)))
        .child(cell("Bundle price").child(el("strong").class("price").text(price)))
        .child(cell("You save").class("saving").text(saving))
        .child(
            el("td").class("actions").child(
                el("div")
                    .child(
                        el("button")
                            .attr("type", "button")
                            .part("add")
                            .class("add")
                            .attr("aria-label", label)
                            .on("click", add)
                            .text("Add bundle"),
                    )
                    .child_if(url.map(|href| {
                        el("a")
                            .part("details")
                            .class("details")
                            .attr("href", href)
                            .text("Details")
                    })),
            ),
        )
}
