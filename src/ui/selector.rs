//! The quantity selector of `<cartlift-tiers product="tshirt">` when its tier set says
//! `"display": "selector"` (spec §12): a radio group of quantities (one unit, then each tier's
//! `min_quantity`), each with its unit price, total, saving and badge (`part="option"`), and a
//! button that adds the chosen quantity (`part="add"`, "Add 3 to cart").
//!
//! A real radio group: a `<fieldset>` named by its `<legend>`, one native radio per quantity
//! inside its `<label>`, so arrow keys move the choice and screen readers say "2 of 3". The
//! figures are the core's (`state().tiers[…].tiers[…].total` and `saving`); the choice is the
//! element's own state, owned here and nowhere else.

use super::{derive, fill, send, with_labels, with_tiers, Kind};
use crate::bridge::events::Item;
use crate::render::{el, El};
use cartlift_core::config::labels::Label;
use cartlift_core::money::Money;
use cartlift_core::template::Segment;
use cartlift_core::tiers::TierQuote;
use leptos::prelude::*;

/// The quantity the `option`th choice adds: one unit first, then each tier's.
fn quantity(s: &TierQuote, option: usize) -> Option<u32> {
    match option {
        0 => Some(1),
        i => s.tiers.get(i - 1).map(|t| t.min_quantity),
    }
}

/// What the set offers when nothing is chosen yet: the first tier with a badge (the merchant's
/// pick), else the first tier.
fn suggested(s: &TierQuote) -> usize {
    s.tiers.iter().position(|t| t.badge.is_some()).unwrap_or(0) + 1
}

/// The selector, hidden unless the product's tier set is shown as one.
pub fn quantity_selector(product: RwSignal<Option<String>>, locale: Memo<String>) -> El {
    // The shopper's choice, as an option's position; `None` until they pick.
    let picked = RwSignal::new(None::<usize>);
    let chosen = derive(move || {
        with_tiers(product, |s| picked.get().unwrap_or_else(|| suggested(s))).unwrap_or(0)
    });
    let shown = move |s: &TierQuote| s.display == "selector";
    let hidden = derive(move || !with_tiers(product, shown).unwrap_or(false));
    let options = derive(move || {
        with_tiers(product, |s| {
            if shown(s) {
                (0..=s.tiers.len()).collect()
            } else {
                Vec::new()
            }
        })
        .unwrap_or_default()
    });
    let name = derive(move || {
        let locale = locale.get();
        with_labels(|labels| {
            with_tiers(product, |s| {
                fill(labels.get(Label::TiersLabel), &locale, None, |_| {
                    Segment::Text(s.title.clone())
                })
            })
        })
        .unwrap_or_default()
    });
    let adds = derive(move || with_tiers(product, |s| quantity(s, chosen.get())).flatten());
    let add_text = derive(move || {
        let locale = locale.get();
        let n = adds.get().unwrap_or(1);
        with_labels(|labels| {
            fill(labels.get(Label::SelectorAdd), &locale, Some(n), |_| {
                Segment::Count(n)
            })
        })
    });
    let on_add = move |ev: web_sys::Event| {
        let (Some(id), Some(n)) = (product.get_untracked(), adds.get_untracked()) else {
            return;
        };
        let items = vec![Item {
            id: &id,
            quantity: n,
            price: None,
        }];
        send(&ev, true, items, Kind::Tiers, &id);
    };
    el("fieldset")
        .part("selector")
        .class("selector")
        .hidden(hidden)
        .child(el("legend").text(name))
        .child(
            el("div")
                .class("options")
                .each(options, move |i| option(product, i, chosen, picked, locale)),
        )
        .child(
            el("button")
                .attr("type", "button")
                .part("add")
                .class("add")
                .text(add_text)
                .on("click", on_add),
        )
}

/// One option's figures, as its row shows them.
struct Choice {
    quantity: u32,
    each: Money,
    total: Money,
    /// Against the full price; none for one unit.
    saving: Option<Money>,
    /// The merchant's words on it, or nothing.
    badge: String,
}

/// The `index`th option of the set: one unit at the full price first, then each tier.
fn choice(s: &TierQuote, index: usize) -> Option<Choice> {
    let quantity = quantity(s, index)?;
    Some(match index {
        0 => Choice {
            quantity,
            each: s.full_unit_price,
            total: s.full_unit_price,
            saving: None,
            badge: String::new(),
        },
        i => {
            let t = &s.tiers[i - 1];
            Choice {
                quantity,
                each: t.unit_price,
                total: t.total,
                saving: Some(t.saving),
                badge: t.badge.clone().unwrap_or_default(),
            }
        }
    })
}

/// One quantity: "Buy 3 · Most popular · $20.00 each · $60.00 · Save $15.00".
fn option(
    product: RwSignal<Option<String>>,
    index: usize,
    chosen: Memo<usize>,
    picked: RwSignal<Option<usize>>,
    locale: Memo<String>,
) -> El {
    // Each text of the row: a label (none: the amount alone) filled with what `pick` takes
    // from the option, whose plural form follows its quantity; empty when `pick` has nothing.
    let text = move |label: Option<Label>, pick: fn(&Choice) -> Option<Segment>| {
        derive(move || {
            let locale = locale.get();
            with_labels(|labels| {
                with_tiers(product, |s| {
                    let c = choice(s, index)?;
                    let segment = pick(&c)?;
                    Some(match label {
                        Some(l) => fill(labels.get(l), &locale, Some(c.quantity), |_| {
                            segment.clone()
                        }),
                        None => crate::format::message(&[segment], &locale),
                    })
                })
            })
            .flatten()
            .unwrap_or_default()
        })
    };
    let buy = text(Some(Label::SelectorQuantity), |c| {
        Some(Segment::Count(c.quantity))
    });
    let each = text(Some(Label::TierUnitPrice), |c| Some(Segment::Money(c.each)));
    let total = text(None, |c| Some(Segment::Money(c.total)));
    let saving = text(Some(Label::SelectorSaving), |c| {
        c.saving.filter(|m| m.minor() > 0).map(Segment::Money)
    });
    let badge = derive(move || {
        with_tiers(product, |s| choice(s, index).map(|c| c.badge))
            .flatten()
            .unwrap_or_default()
    });
    let no_badge = derive(move || badge.with(String::is_empty));
    let no_saving = derive(move || saving.with(String::is_empty));
    let checked = derive(move || chosen.get() == index);
    el("label")
        .part("option")
        .class("option")
        .child(
            el("input")
                .attr("type", "radio")
                .attr("name", "quantity")
                .checked(checked)
                .on("change", move |_| picked.set(Some(index))),
        )
        .child(el("span").class("qty").text(buy))
        .text(" ")
        .child(el("span").class("badge").hidden(no_badge).text(badge))
        .text(" ")
        .child(el("span").class("each").text(each))
        .text(" ")
        .child(el("strong").class("total").text(total))
        .text(" ")
        .child(el("span").class("save").hidden(no_saving).text(saving))
}
