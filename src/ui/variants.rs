//! The shopper's choice of a product's variant (spec §10): one native `<select>` per option
//! (`part="variant"`, labelled with the option's name) wherever a product with variants is
//! offered. A value no available variant has is shown, disabled. A choice sets the session's
//! pick for the product, and every offer of it follows at once, in every element: its price,
//! the totals it is part of, what "Add" adds.
//!
//! Native selects, not a custom listbox: keyboard, screen readers and phones' own pickers come
//! with them, and they cost the wasm nothing but their options.

use super::{derive, own};
use crate::bridge::store::Store;
use crate::render::{el, El};
use cartlift_core::config::Product;
use cartlift_core::sort::CollectVec;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Reads (tracked) product `id` of the config this shopper sees, when it has variants.
fn with_product<R>(id: &str, f: impl FnOnce(&Product) -> R) -> Option<R> {
    Store::get().with_config(|c| {
        c.and_then(|c| c.product(id))
            .filter(|p| !p.variants.is_empty())
            .map(f)
    })
}

/// The pickers of `product`'s options (the product an offer names, following the quote);
/// `offered` is the variant the offer names now (empty: none), which each picker shows chosen:
/// a text, not an option of one (a memo of a type of its own compiles its own copy of the
/// graph's code, measured ~1 KB). Nothing for a product without variants.
pub fn picker(product: ArcMemo<String>, offered: ArcMemo<String>) -> El {
    let options = derive(own!(product => move || {
        with_product(&product.get(), |p| (0..p.options.len()).collect_vec()).unwrap_or_default()
    }));
    el("span").class("variants").each(options, move |i| {
        option(product.clone(), i, offered.clone())
    })
}

/// The picker of option `index`: its name, and a `<select>` of the values the variants have.
fn option(product: ArcMemo<String>, index: usize, offered: ArcMemo<String>) -> El {
    let name = derive(own!(product => move || {
        with_product(&product.get(), |p| p.options.get(index).cloned())
            .flatten()
            .unwrap_or_default()
    }));
    let values = derive(own!(product => move || {
        with_product(&product.get(), |p| {
            p.values(index).into_iter().map(str::to_owned).collect_vec()
        })
        .unwrap_or_default()
    }));
    // The value of the variant offered, for this option.
    let chosen = derive(own!(product, offered => move || {
        let id = offered.get();
        with_product(&product.get(), |p| {
            p.variants
                .iter()
                .find(|v| v.id == id)
                .and_then(|v| v.options.get(index).cloned())
        })
        .flatten()
        .unwrap_or_default()
    }));
    let on_change = own!(product, offered => move |ev: web_sys::Event| {
        let Some(value) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
            .map(|s| s.value())
        else {
            return;
        };
        let from = offered.get_untracked();
        let product = product.get_untracked();
        let to = untrack(|| {
            with_product(&product, |p| {
                let from = p.variants.iter().position(|v| v.id == from);
                p.switch_to(from, index, &value).map(|v| p.variants[v].id.clone())
            })
        })
        .flatten();
        if let Some(variant) = to {
            Store::pick(&product, &variant);
        }
    });
    let choice = move |value: String| {
        let selected = derive(own!(chosen, value => move || chosen.with(|c| *c == value)));
        let sold_out = derive(own!(product, value => move || {
            !with_product(&product.get(), |p| p.value_available(index, &value)).unwrap_or(false)
        }));
        el("option")
            .attr("value", value.clone())
            .selected(selected)
            .disabled(sold_out)
            .text(value)
    };
    el("label")
        .class("variant")
        .child(el("span").class("variant-name").text(name))
        .text(" ")
        .child(
            el("select")
                .part("variant")
                .on("change", on_change)
                .each(values, choice),
        )
}
