//! `<cartlift-recommendations limit="4">`: "Recommended for you", products related to what is in
//! the cart and what this shopper viewed (the catalog's `related` lists), never what the cart
//! holds; as a table (item, its price, its price added now, the saving, an add button and a
//! details link), or stacked cards on a phone, like the bundle table. An item that alone
//! completes a bundle costs its share of it, and is added as that bundle's.

use super::{derive, fill, label, locale, send, with_labels, Kind};
use crate::bridge::events::Item;
use crate::bridge::store::Store;
use crate::format::money;
use crate::render::{el, El};
use cartlift_core::config::labels::Label;
use cartlift_core::recommend::{Recommendation, MAX_RECOMMENDATIONS};
use cartlift_core::template::Segment;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// How many show without a `limit`.
const DEFAULT_LIMIT: usize = 4;

/// Reads (tracked) the recommendation of product `id`.
fn with_rec<R>(id: &str, f: impl FnOnce(&Recommendation) -> R) -> Option<R> {
    Store::get().quote.with(|q| {
        q.as_ref()?
            .recommendations
            .iter()
            .find(|r| r.id == id)
            .map(f)
    })
}

/// The recommendations table.
#[component]
pub fn Recommendations(
    /// The `limit` attribute: how many to show (1 to 8; default 4).
    limit: RwSignal<Option<String>>,
) -> El {
    let store = Store::get();
    let ids = derive(move || {
        let n = limit
            .with(|l| l.as_deref().and_then(|l| l.trim().parse::<usize>().ok()))
            .unwrap_or(DEFAULT_LIMIT)
            .clamp(1, MAX_RECOMMENDATIONS);
        store.quote.with(|q| {
            q.iter()
                .flat_map(|q| &q.recommendations)
                .take(n)
                .map(|r| r.id.clone())
                .collect::<Vec<_>>()
        })
    });
    let empty = derive(move || ids.with(Vec::is_empty));
    let locale = locale();
    let header = |text: Label| el("th").attr("scope", "col").text(label(text));
    el("table")
        .part("table")
        .class("recs")
        .hidden(empty)
        .child(el("caption").text(label(Label::RecommendationsCaption)))
        .child(
            el("thead").child(
                el("tr")
                    .child(header(Label::ColumnItem))
                    .child(header(Label::ColumnPrice))
                    .child(header(Label::ColumnBundlePrice))
                    .child(header(Label::ColumnYouSave))
                    .child(
                        el("th").attr("scope", "col").child(
                            el("span")
                                .class("visually-hidden")
                                .text(label(Label::ColumnAdd)),
                        ),
                    ),
            ),
        )
        .child(el("tbody").each(ids, move |id| row(id, locale)))
}

/// One recommended product.
fn row(id: String, locale: Memo<String>) -> El {
    let field = |f: fn(&Recommendation, &str) -> String| {
        let id = id.clone();
        derive(move || with_rec(&id, |r| f(r, &locale.get())).unwrap_or_default())
    };
    let title = field(|r, _| r.title.clone());
    let price = field(|r, l| money(r.price, l));
    let now = field(|r, l| money(r.bundle_price, l));
    let saving = {
        let id = id.clone();
        derive(move || {
            let locale = locale.get();
            with_labels(|labels| {
                with_rec(&id, |r| {
                    if r.saving.is_zero() {
                        // Nothing off: a dash, not "$0.00 (0%)".
                        return "–".to_owned();
                    }
                    fill(labels.get(Label::Saving), &locale, None, |name| match name {
                        "amount" => Segment::Money(r.saving),
                        _ => Segment::Percent(r.saving_percent),
                    })
                })
            })
            .unwrap_or_default()
        })
    };
    let image = field(|r, _| {
        r.image
            .clone()
            .filter(|u| cartlift_core::config::is_safe_url(u))
            .unwrap_or_default()
    });
    let no_image = derive(move || image.with(String::is_empty));
    let url = field(|r, _| {
        r.url
            .clone()
            .filter(|u| cartlift_core::config::is_safe_url(u))
            .unwrap_or_default()
    });
    let no_url = derive(move || url.with(String::is_empty));
    let add_label = label(Label::AddFiller);
    // The accessible name starts with the visible word (WCAG 2.5.3): "Add: Mouse pad".
    let name = derive(move || format!("{}: {}", add_label.get(), title.get()));
    let add = move |ev: web_sys::Event| {
        // Copied out first: the page's listener may set the cart (and read the quote) at once.
        let Some((bundle, price)) = untrack(|| {
            with_rec(&id, |r| {
                (
                    r.bundle.clone(),
                    r.bundle.as_ref().map(|_| r.bundle_price.to_decimal_string()),
                )
            })
        }) else {
            return;
        };
        let offer = bundle.unwrap_or_else(|| id.clone());
        send(
            &ev,
            true,
            vec![Item {
                id: &id,
                quantity: 1,
                price,
            }],
            Kind::Recommendations,
            &offer,
        );
    };
    let cell = |l: Label| el("td").attr("data-label", label(l));
    el("tr")
        .part("row")
        .class("row")
        .child(
            el("th")
                .attr("scope", "row")
                .class("bundle-name")
                .child(
                    el("img")
                        .attr("src", image)
                        .hidden(no_image)
                        .attr("alt", "")
                        .attr("width", "40")
                        .attr("height", "40")
                        .attr("loading", "lazy")
                        .on("error", |e: web_sys::Event| {
                            if let Some(img) = e
                                .target()
                                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                            {
                                let _ = img.set_attribute("hidden", "");
                            }
                        }),
                )
                .text(" ")
                .child(el("span").class("bundle-title").text(title)),
        )
        .child(cell(Label::ColumnPrice).text(price))
        .child(cell(Label::ColumnBundlePrice).child(el("strong").class("price").text(now)))
        .child(cell(Label::ColumnYouSave).class("saving").text(saving))
        .child(
            el("td").class("actions").child(
                el("div")
                    .child(
                        el("button")
                            .attr("type", "button")
                            .part("add")
                            .class("add")
                            .attr("aria-label", name)
                            .on("click", add)
                            .text(add_label),
                    )
                    .child(
                        el("a")
                            .part("details")
                            .class("details")
                            .attr("href", url)
                            .hidden(no_url)
                            .text(label(Label::Details)),
                    ),
            ),
        )
}
