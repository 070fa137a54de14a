//! `<cartlift-bundles product="laptop">`: the "frequently bought together" table with totals,
//! the bundle price, the saving, and an add button per bundle.

use super::format::{money, percent};
use super::node::{el, El};
use super::{derive, locale, send, Kind};
use crate::bridge::events::Item;
use crate::bridge::store::Store;
use cartlift_core::bundles::BundleQuote;
use leptos::prelude::*;

/// A row of the table: a bundle and whether it is the best value shown.
#[derive(Clone, PartialEq)]
struct Row {
    bundle: BundleQuote,
    best: bool,
}

/// The bundle table.
#[component]
pub fn Bundles(
    /// The element's id, for events.
    host: u32,
    /// The product whose bundles to show; without one, the bundles that build on the cart.
    product: RwSignal<Option<String>>,
) -> El {
    let store = Store::get();
    let rows = derive(move || {
        let product = product.get();
        store.quote.with(|q| {
            let Some(q) = q else { return Vec::new() };
            let table = q.bundle_table(product.as_deref());
            table
                .rows
                .iter()
                .enumerate()
                .map(|(i, b)| Row {
                    bundle: (*b).clone(),
                    best: table.best == Some(i),
                })
                .collect::<Vec<_>>()
        })
    });
    let ids =
        derive(move || rows.with(|r| r.iter().map(|r| r.bundle.id.clone()).collect::<Vec<_>>()));
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
        .child(el("tbody").each(ids, move |id| bundle_row(host, id, rows, locale)))
}

/// One bundle's row: its items, the figures, and its add button.
fn bundle_row(host: u32, id: String, rows: Memo<Vec<Row>>, locale: Memo<String>) -> El {
    let key = id.clone();
    let row = derive(move || rows.with(|r| r.iter().find(|r| r.bundle.id == key).cloned()));
    let field = move |f: fn(&Row, &str) -> String| {
        derive(move || row.with(|r| r.as_ref().map(|r| f(r, &locale.get())).unwrap_or_default()))
    };
    let title = field(|r, _| r.bundle.title.clone());
    let total = field(|r, l| money(r.bundle.individual_total, l));
    let price = field(|r, l| money(r.bundle.price, l));
    let saving = field(|r, l| {
        format!(
            "{} ({})",
            money(r.bundle.saving, l),
            percent(r.bundle.saving_percent, l)
        )
    });
    let part = field(|r, _| if r.best { "row best-value" } else { "row" }.to_owned());
    let label = field(|r, _| format!("Add the {} bundle to cart", r.bundle.title));
    let best = derive(move || row.with(|r| r.as_ref().is_some_and(|r| r.best)));
    let not_best = derive(move || !best.get());
    let url = row.with_untracked(|r| {
        r.as_ref()
            .and_then(|r| r.bundle.url.clone())
            .filter(|u| cartlift_core::config::is_safe_url(u))
    });
    // The list changes only when the bundle's items do; whether each is in the cart is its own
    // memo, so a cart change touches only that item's note.
    let item_numbers = derive(move || {
        row.with(|r| (0..r.as_ref().map_or(0, |r| r.bundle.items.len())).collect::<Vec<_>>())
    });
    let item = move |n: usize| {
        let title = derive(move || {
            row.with(|r| {
                r.as_ref()
                    .and_then(|r| r.bundle.items.get(n))
                    .map(|i| i.title.clone())
                    .unwrap_or_default()
            })
        });
        let note = derive(move || {
            let in_cart = row.with(|r| {
                r.as_ref()
                    .and_then(|r| r.bundle.items.get(n))
                    .is_some_and(|i| i.in_cart)
            });
            if in_cart { " (in your cart)" } else { "" }.to_owned()
        });
        el("li").text(title).text(note)
    };
    let add = move |_| {
        row.with_untracked(|r| {
            let Some(r) = r else { return };
            let items = r
                .bundle
                .items
                .iter()
                .map(|i| Item {
                    id: &i.id,
                    quantity: 1,
                    price: Some(i.bundle_price.to_decimal_string()),
                })
                .collect();
            send(host, true, items, Kind::Bundles, &r.bundle.id);
        });
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
                .child(el("ul").class("items").each(item_numbers, item)),
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
