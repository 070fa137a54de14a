//! `<cartlift-recommendations limit="4">`: "Recommended for you", products related to what is in
//! the cart and what this shopper viewed (the catalog's `related` lists), never what the cart
//! holds. Drawn by the shared table ([`super::table`]: item, its price, its price added now, the saving, an add
//! button and a details link; stacked cards on a phone), each recommendation a one-product row:
//! one table component for both measured 0.5 KB brotli less than a second one. An item that
//! alone completes a bundle costs its share of it, and is added as that bundle's.

use super::table::{table_of, Table, TableMemo};
use super::{derive, send, Kind};
use crate::bridge::events::Item;
use crate::bridge::store::Store;
use crate::render::El;
use cartlift_core::bundles::{BundleItem, BundleQuote};
use cartlift_core::recommend::MAX_RECOMMENDATIONS;
use cartlift_core::sort::CollectVec;
use leptos::prelude::*;

/// How many show without a `limit`.
const DEFAULT_LIMIT: usize = 4;

/// The recommendations table.
#[component]
pub fn Recommendations(
    /// The `limit` attribute: how many to show (1 to 8; default 4).
    limit: ArcRwSignal<Option<String>>,
) -> El {
    let store = Store::get();
    let table = derive(move || {
        let n = limit
            .with(|l| l.as_deref().and_then(|l| l.trim().parse::<usize>().ok()))
            .unwrap_or(DEFAULT_LIMIT)
            .clamp(1, MAX_RECOMMENDATIONS);
        let q = store.quote_now();
        Table {
            rows: q
                .iter()
                .flat_map(|q| &q.recommendations)
                .take(n)
                .map(|r| BundleQuote {
                    id: r.id.clone(),
                    title: r.title.clone(),
                    url: r.url.clone(),
                    // The row is the product itself: its one item carries only what its
                    // variant pickers read (spec §10).
                    items: vec![BundleItem {
                        id: r.id.clone(),
                        variant: r.variant.clone(),
                        title: String::new(),
                        image: None,
                        url: None,
                        unit_price: r.price,
                        bundle_price: r.bundle_price,
                        in_cart: false,
                    }],
                    individual_total: r.price,
                    price: r.bundle_price,
                    saving: r.saving,
                    saving_percent: r.saving_percent,
                    complete_in_cart: false,
                    completion: None,
                    ends_in_seconds: None,
                    segment: None,
                })
                .collect_vec(),
            best: None,
            countdown: 0,
        }
    });
    table_of(Kind::Recommendations, table, add)
}

/// The shopper adds recommended product `id`: at its share of the bundle it completes (and as
/// that bundle's offer), or as itself.
fn add(ev: &web_sys::Event, _table: &TableMemo, id: &str) {
    // Copied out first: the page's listener may set the cart (and read the quote) at once.
    let found = untrack(|| {
        let q = Store::get().quote_untracked()?;
        let r = q.recommendations.iter().find(|r| r.id == id)?;
        Some((
            r.bundle.clone(),
            r.bundle_price.to_decimal_string(),
            r.variant.clone(),
        ))
    });
    let Some((bundle, price, variant)) = found else {
        return;
    };
    let price = bundle.as_ref().map(|_| price);
    let offer = bundle.unwrap_or_else(|| id.to_owned());
    send(
        ev,
        true,
        vec![Item {
            id: variant.as_deref().unwrap_or(id),
            product: variant.as_ref().map(|_| id),
            quantity: 1,
            price,
            gift: None,
        }],
        Kind::Recommendations,
        &offer,
    );
}
