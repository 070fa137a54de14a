//! The quantity selector of `<cartlift-tiers product="tshirt">` when its tier set says
//! `"display": "selector"` (spec §12): a radio group of quantities (one unit, then each tier's
//! `min_quantity`), each with its unit price, total, saving and badge (`part="option"`), and a
//! button that adds the chosen quantity (`part="add"`, "Add 3 to cart").
//!
//! A real radio group: a `<fieldset>` named by its `<legend>`, one native radio per quantity
//! inside its `<label>`, so arrow keys move the choice and screen readers say "2 of 3". The
//! figures are the core's (`state().tiers[…].tiers[…].total` and `saving`); the choice is the
//! element's own state, owned here and nowhere else.

use super::{derive, fill, send, tier_text, with_labels, with_tiers, Kind};
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

/// The option chosen (tracked): the shopper's pick, else the set's suggestion. A function, not a
/// memo: a memo of a new type compiles the reactive graph's code for it again.
#[inline(never)]
fn chosen(product: RwSignal<Option<String>>, picked: RwSignal<Option<usize>>) -> usize {
    with_tiers(product, |s| picked.get().unwrap_or_else(|| suggested(s))).unwrap_or(0)
}

/// How many the chosen option adds (tracked).
#[inline(never)]
fn adds(product: RwSignal<Option<String>>, picked: RwSignal<Option<usize>>) -> Option<u32> {
    let option = chosen(product, picked);
    with_tiers(product, |s| quantity(s, option)).flatten()
}

/// The selector, shown while `shown` (the product's tier set says `"display": "selector"`),
/// named `name` (the tier list's name).
pub fn quantity_selector(
    product: RwSignal<Option<String>>,
    shown: Memo<bool>,
    name: Memo<String>,
    locale: Memo<String>,
) -> El {
    // The shopper's choice, as an option's position; `None` until they pick.
    let picked = RwSignal::new(None::<usize>);
    let hidden = derive(move || !shown.get());
    let options = derive(move || {
        let n = shown
            .get()
            .then(|| with_tiers(product, |s| s.tiers.len()))
            .flatten();
        n.map_or_else(Vec::new, |n| (0..=n).collect())
    });
    let add_text = derive(move || {
        let locale = locale.get();
        let n = adds(product, picked).unwrap_or(1);
        with_labels(|labels| {
            fill(labels.get(Label::SelectorAdd), &locale, Some(n), |_| {
                Segment::Count(n)
            })
        })
    });
    let on_add = move |ev: web_sys::Event| {
        let (Some(id), Some(n)) = (product.get_untracked(), adds(product, picked)) else {
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
                .each(options, move |i| option(product, i, picked, locale)),
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
    picked: RwSignal<Option<usize>>,
    locale: Memo<String>,
) -> El {
    // Each text of the row, the option's quantity its plural forms follow; the badge and the
    // saving are empty (and not shown) where the option has none.
    let text = |label: Option<Label>, pick| tier_text(product, index, locale, label, pick);
    let buy = text(Some(Label::SelectorQuantity), |s, i| {
        let c = choice(s, i)?;
        Some((Segment::Count(c.quantity), Some(c.quantity)))
    });
    let each = text(Some(Label::TierUnitPrice), |s, i| {
        let c = choice(s, i)?;
        Some((Segment::Money(c.each), Some(c.quantity)))
    });
    let total = text(None, |s, i| {
        Some((Segment::Money(choice(s, i)?.total), None))
    });
    let saving = text(Some(Label::SelectorSaving), |s, i| {
        let c = choice(s, i)?;
        let saving = c.saving.filter(|m| m.minor() > 0)?;
        Some((Segment::Money(saving), Some(c.quantity)))
    });
    let badge = text(None, |s, i| {
        let badge = choice(s, i)?.badge;
        (!badge.is_empty()).then_some((Segment::Text(badge), None))
    });
    let checked = derive(move || chosen(product, picked) == index);
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
        .child(el("span").class("badge").text(badge))
        .text(" ")
        .child(el("span").class("each").text(each))
        .text(" ")
        .child(el("strong").class("total").text(total))
        .text(" ")
        .child(el("span").class("save").text(saving))
}
