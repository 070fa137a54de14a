//! `<cartlift-bundles product="laptop">`: the "frequently bought together" table with totals,
//! the bundle price, the saving, and an add button per bundle.

use super::format::{money, percent};
use super::fresh::Fresh;
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
) -> impl IntoView {
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
    view! { class="cartlift",
        <table part="table" class="bundles" hidden=empty>
            <caption>"Frequently bought together"</caption>
            <thead>
                <tr>
                    <th scope="col">"Bundle"</th>
                    <th scope="col">"Items total"</th>
                    <th scope="col">"Bundle price"</th>
                    <th scope="col">"You save"</th>
                    <th scope="col"><span class="visually-hidden">"Add to cart"</span></th>
                </tr>
            </thead>
            <tbody>
                {move || ids.get().into_iter().map(|id| view! { class="cartlift", <BundleRow host=host id=id rows=rows locale=locale /> }).collect::<Fresh<_>>()}
            </tbody>
        </table>
    }
}

#[component]
fn BundleRow(host: u32, id: String, rows: Memo<Vec<Row>>, locale: Memo<String>) -> impl IntoView {
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
    let titles = derive(move || {
        row.with(|r| {
            r.iter()
                .flat_map(|r| &r.bundle.items)
                .map(|i| i.title.clone())
                .collect::<Vec<_>>()
        })
    });
    let items = move || {
        titles
            .get()
            .into_iter()
            .enumerate()
            .map(|(n, title)| {
                let note = derive(move || {
                    let in_cart = row.with(|r| {
                        r.as_ref()
                            .and_then(|r| r.bundle.items.get(n))
                            .is_some_and(|i| i.in_cart)
                    });
                    if in_cart { " (in your cart)" } else { "" }.to_owned()
                });
                view! { class="cartlift", <li>{title}{note}</li> }
            })
            .collect::<Fresh<_>>()
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
    view! { class="cartlift",
        <tr part=part class="row" class:best=best>
            <th scope="row" class="bundle-name">
                <span class="bundle-title">{title}</span>" "
                <span class="badge" hidden=not_best>"Best value"</span>
                <ul class="items">{items}</ul>
            </th>
            <td data-label="Items total"><s class="was">{total}</s></td>
            <td data-label="Bundle price"><strong class="price">{price}</strong></td>
            <td data-label="You save" class="saving">{saving}</td>
            <td class="actions"><div>
                <button type="button" part="add" class="add" on:click=add aria-label=label>"Add bundle"</button>
                {url.map(|href| view! { class="cartlift", <a part="details" class="details" href=href>"Details"</a> })}
            </div></td>
        </tr>
    }
}
