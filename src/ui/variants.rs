//! The shopper's choice of a product's variant (spec §10): one native `<select>` per option
//! (`part="variant"`, labelled with the option's name) wherever a product with variants is
//! offered. A value no available variant has is shown, disabled. A choice sets the session's
//! pick for the product, and every offer of it follows at once, in every element: its price,
//! the totals it is part of, what "Add" adds.
//!
//! Native selects, not a custom listbox: keyboard, screen readers and phones' own pickers come
//! with them, and they cost the wasm nothing but their options.
//!
//! Built for bytes: the config is read by two non-generic functions ([`read`] and [`switch`]),
//! every memo is of a type the widgets already use (text, a list of texts, positions, a
//! flag), and an option's `selected` and `disabled` follow memos of the picker, not the config.
//! A generic reader per closure and a memo of a type of its own measured about 2 KB more.

use super::{derive, own};
use crate::bridge::store::Store;
use crate::render::{el, position_keys, El};
use cartlift_core::sort::CollectVec;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// What [`read`] reads of a product's option.
#[derive(Clone, Copy)]
enum What {
    /// The names of every option.
    Names,
    /// The option's values, each once, in the merchant's order.
    Values,
    /// The offered variant's value of the option (one, or none).
    Chosen,
    /// The option's values that no available variant has.
    SoldOut,
}

/// Reads (tracked) `what` of option `index` of product `product` in the config this shopper
/// sees, `offered` being the variant its offer names; nothing for a product without variants.
#[inline(never)]
fn read(product: &str, index: usize, offered: &str, what: What) -> Vec<String> {
    Store::get().with_config(|c| {
        let Some(p) = c.and_then(|c| c.product(product)) else {
            return Vec::new();
        };
        let values = || p.values(index).into_iter();
        match what {
            What::Names => p.options.clone(),
            What::Values => values().map(str::to_owned).collect_vec(),
            What::Chosen => p
                .variants
                .iter()
                .find(|v| v.id == offered)
                .and_then(|v| v.options.get(index).cloned())
                .into_iter()
                .collect_vec(),
            What::SoldOut => values()
                .filter(|v| !p.value_available(index, v))
                .map(str::to_owned)
                .collect_vec(),
        }
    })
}

/// The variant the shopper gets by choosing `value` for option `index` of `product` while
/// `offered` is offered: the available one that keeps most of the rest.
#[inline(never)]
fn switch(product: &str, offered: &str, index: usize, value: &str) -> Option<String> {
    untrack(|| {
        Store::get().with_config(|c| {
            let p = c?.product(product)?;
            let from = p.variants.iter().position(|v| v.id == offered);
            let to = p.switch_to(from, index, value)?;
            Some(p.variants[to].id.clone())
        })
    })
}

/// The pickers of `product`'s options (the product an offer names, following the quote);
/// `offered` is the variant the offer names now (empty: none), which each picker shows chosen:
/// a text, not an option of one (a memo of a type of its own compiles its own copy of the
/// graph's code, measured ~1 KB). Nothing for a product without variants.
pub fn picker(product: ArcMemo<String>, offered: ArcMemo<String>) -> El {
    // A build without the part knows no product's options: the same empty element, and none
    // of the pickers' code in its wasm.
    if !cartlift_core::parts::VARIANTS {
        return el("span").class("variants");
    }
    let options = derive(own!(product => move || {
        position_keys(read(&product.get(), 0, "", What::Names).len())
    }));
    el("span")
        .class("variants")
        .each_position(options, move |i| {
            option(product.clone(), i, offered.clone())
        })
}

/// The picker of option `index`: its name, and a `<select>` of the values the variants have.
fn option(product: ArcMemo<String>, index: usize, offered: ArcMemo<String>) -> El {
    let list = |what: What| {
        derive(own!(product, offered => move || {
            read(&product.get(), index, &offered.get(), what)
        }))
    };
    let names = list(What::Names);
    let name = derive(move || names.with(|n| n.get(index).cloned().unwrap_or_default()));
    let (values, chosen, sold_out) = (list(What::Values), list(What::Chosen), list(What::SoldOut));
    let on_change = move |ev: web_sys::Event| {
        let Some(select) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
        else {
            return;
        };
        let product = product.get_untracked();
        if let Some(variant) = switch(&product, &offered.get_untracked(), index, &select.value()) {
            Store::pick(&product, &variant);
        }
    };
    // Whether `value` is in `among` (the chosen value, or those sold out).
    let flag = |among: &ArcMemo<Vec<String>>, value: &str| {
        let (among, value) = (among.clone(), value.to_owned());
        derive(move || among.with(|a| a.contains(&value)))
    };
    let choice = move |value: String| {
        el("option")
            .attr("value", value.clone())
            .selected(flag(&chosen, &value))
            .disabled(flag(&sold_out, &value))
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
