//! `<cartlift-bundles product="laptop">`: the "frequently bought together" table with totals,
//! the bundle price, the saving, and an add button per bundle. A bundle partly in the cart
//! offers the rest of the set at exactly its share of the bundle price ("Complete the set: add
//! Keyboard for $135.00, save $15.00"); one wholly in the cart says so instead of offering
//! itself again; a bundle ending soon counts down. Drawn by the shared table
//! ([`super::table`]); what its "Add" does is this module's.

use super::table::{table_of, with_row, Table, TableMemo};
use super::{derive, send, Kind};
use crate::bridge::events::Item;
use crate::bridge::store::Store;
use crate::render::El;
use cartlift_core::sort::CollectVec;
use leptos::prelude::*;

/// The bundle table.
#[component]
pub fn Bundles(
    /// The product whose bundles to show; without one, the bundles that build on the cart.
    product: super::Product,
) -> El {
    let store = Store::get();
    let table: TableMemo = derive(move || {
        // `get` (a clone of the id) rather than `with`: one reader of the product signal for
        // every element, not one compiled per closure.
        let p = product.get();
        store.quote_now().map_or_else(Table::default, |q| {
            let t = q.bundle_table(p.as_deref());
            Table {
                rows: t.rows.into_iter().cloned().collect_vec(),
                best: t.best,
                countdown: q.countdown_seconds,
            }
        })
    });
    table_of(Kind::Bundles, table, add)
}

/// The shopper adds bundle `id` of `table`: the whole set, or only the rest of it when part is
/// in the cart, each item at its share of the bundle price.
fn add(ev: &web_sys::Event, table: &TableMemo, id: &str) {
    // Copied out first: the page's listener may set the cart (and read the quote) at once,
    // which it cannot while the quote is being read here.
    let Some((lines, offer)) = untrack(|| {
        with_row(table, id, |b, _| {
            // Partly in the cart: only the rest of the set, each at its share.
            let lines: Vec<(String, Option<String>, String)> = b
                .items
                .iter()
                .enumerate()
                .filter(|(n, _)| b.completion.as_ref().is_none_or(|c| c.missing.contains(n)))
                .map(|(_, i)| {
                    (
                        i.id.clone(),
                        i.variant.clone(),
                        i.bundle_price.to_decimal_string(),
                    )
                })
                .collect_vec();
            (lines, b.id.clone())
        })
    }) else {
        return;
    };
    let items = lines
        .iter()
        .map(|(product, variant, price)| Item {
            // A variant names itself and its product (spec §10).
            id: variant.as_deref().unwrap_or(product),
            product: variant.as_ref().map(|_| product.as_str()),
            quantity: 1,
            price: Some(price.clone()),
            gift: None,
        })
        .collect_vec();
    send(ev, true, items, Kind::Bundles, &offer);
}
