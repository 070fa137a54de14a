//! The buy X get Y deals of one product, inside `<cartlift-tiers product="socks">` (spec §12):
//! "Buy 2, get 1 free", what the deal saves once the cart holds it, and the nudge to its next
//! application ("Add 1 more to get 1 free"). One `part="deal"` per deal that names the product.

use super::{derive, fill, own, with_labels, Product};
use crate::bridge::store::Store;
use crate::render::{el, position_keys, El};
use cartlift_core::config::labels::Label;
use cartlift_core::deals::DealQuote;
use cartlift_core::quote::Quote;
use cartlift_core::sort::CollectVec;
use cartlift_core::template::Segment;
use leptos::prelude::*;
use std::sync::Arc;

/// The quote (tracked), the product's id and the indices in `deals` of those that name it.
/// Not generic: every reader below goes through this one body.
fn naming(product: &Product) -> Option<(Arc<Quote>, String, Vec<usize>)> {
    let p = product.get()?;
    let q = Store::get().quote_now()?;
    let found = (0..q.deals.len())
        .filter(|&i| q.deals[i].products.contains(&p))
        .collect_vec();
    Some((q, p, found))
}

/// How many of the quote's deals name `product` (tracked).
fn count(product: &Product) -> usize {
    naming(product).map_or(0, |(_, _, found)| found.len())
}

/// Reads (tracked) the `index`th deal that names `product`, with the product's id.
fn with_deal<R>(
    product: &Product,
    index: usize,
    f: impl FnOnce(&DealQuote, &str) -> Option<R>,
) -> Option<R> {
    let (q, p, found) = naming(product)?;
    f(&q.deals[*found.get(index)?], &p)
}

/// Whether `product` has a deal (tracked): `<cartlift-tiers>` shows for it even without tiers.
pub fn any(product: &Product) -> bool {
    count(product) > 0
}

/// The deals that name `product`, one `part="deal"` each.
pub fn deal_list(product: &Product, locale: ArcMemo<String>) -> El {
    let rows = derive(own!(product => move || position_keys(count(&product))));
    let none = derive(own!(product => move || count(&product) == 0));
    el("ul").class("deal-list").hidden(none).each_position(
        rows,
        own!(product => move |i| deal(product.clone(), i, locale.clone())),
    )
}

/// One deal: "Buy 2, get 1 free · You save $9.00 · Add 1 more to get 1 free".
fn deal(product: Product, index: usize, locale: ArcMemo<String>) -> El {
    // Each text is a label filled from the deal; `pick` says which label (none: no text) and
    // the count its plural form follows.
    let text = move |pick: fn(&DealQuote, &str) -> Option<(Label, u32)>| {
        let (locale, product) = (locale.clone(), product.clone());
        derive(move || {
            let locale = locale.get();
            with_labels(|labels| {
                with_deal(&product, index, |d, p| {
                    let (label, count) = pick(d, p)?;
                    let more = d.next.iter().find(|n| n.product == p).map_or(0, |n| n.more);
                    Some(fill(
                        labels.get(label),
                        &locale,
                        Some(count),
                        &|name| match name {
                            "buy" => Segment::Count(d.buy),
                            "get" => Segment::Count(d.get),
                            "more" => Segment::Count(more),
                            "amount" => Segment::Money(d.saving),
                            _ => Segment::Percent(d.percent_off),
                        },
                    ))
                })
            })
            .unwrap_or_default()
        })
    };
    let offer = text(|d, _| {
        let free = d.percent_off.basis_points() >= 10_000;
        Some((
            if free {
                Label::DealFree
            } else {
                Label::DealPercent
            },
            d.get,
        ))
    });
    let saving = text(|d, _| (d.times > 0).then_some((Label::DealSaving, d.times)));
    let nudge = text(|d, p| {
        let more = d.next.iter().find(|n| n.product == p)?.more;
        let free = d.percent_off.basis_points() >= 10_000;
        let label = if free {
            Label::DealNudgeFree
        } else {
            Label::DealNudgePercent
        };
        Some((label, more))
    });
    el("li")
        .part("deal")
        .class("deal")
        .child(el("strong").class("deal-offer").text(offer))
        .text(" ")
        // Empty (and not shown, by the stylesheet) until the cart holds the deal.
        .child(el("span").class("saved").text(saving))
        .text(" ")
        .child(
            el("span")
                .part("nudge")
                .class("nudge")
                .attr("aria-live", "polite")
                .text(nudge),
        )
}
