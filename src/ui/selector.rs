//! The quantity selector of `<cartlift-tiers product="tshirt">` when its tier set says
//! `"display": "selector"` (spec §12): a radio group of quantities (one unit, then each tier's
//! `min_quantity`), each with its unit price, total, saving and badge (`part="option"`), and a
//! button that adds the chosen quantity (`part="add"`, "Add 3 to cart").
//!
//! A real radio group: a `<fieldset>` named by its `<legend>`, one native radio per quantity
//! inside its `<label>`, so arrow keys move the choice and screen readers say "2 of 3". The
//! figures are the core's (`state().tiers[…].tiers[…].total` and `saving`); the choice is the
//! element's own state, owned here and nowhere else.
//!
//! Built for bytes: every read of the set goes through the non-generic [`super::tier_set`] and
//! [`super::tier_text`], the options reuse the tier list's keys, and the choice is an `i64`
//! signal, a type the page's clock already compiled the reactive code for (a signal of a new
//! type brings that code again: about 1 KB of wasm measured for `Option<usize>`).

use super::{derive, fill, own, send, tier_set, tier_texts, with_labels, Kind, Product, RowText};
use crate::bridge::events::Item;
use crate::render::{el, El};
use cartlift_core::config::labels::Label;
use cartlift_core::money::Money;
use cartlift_core::template::Segment;
use cartlift_core::tiers::TierQuote;
use leptos::prelude::*;

/// The shopper's choice: an option's position, or −1 before they pick.
type Picked = ArcRwSignal<i64>;

/// What one option of the selector offers.
struct Choice<'a> {
    /// How many it adds.
    quantity: u32,
    /// The price of one.
    each: Money,
    /// The price of them all.
    total: Money,
    /// What they save against the full price (nothing for one unit).
    saving: Money,
    /// The merchant's words on it.
    badge: Option<&'a str>,
}

/// Option 0 is one unit at the full price, option `i` the set's `i`th tier.
fn option_of(s: &TierQuote, option: usize) -> Option<Choice<'_>> {
    let p = s.full_unit_price;
    if option == 0 {
        return Some(Choice {
            quantity: 1,
            each: p,
            total: p,
            saving: Money::zero(p.currency()),
            badge: None,
        });
    }
    let t = s.tiers.get(option - 1)?;
    Some(Choice {
        quantity: t.min_quantity,
        each: t.unit_price,
        total: t.total,
        saving: t.saving,
        badge: t.badge.as_deref(),
    })
}

/// The option chosen and the quantity it adds (tracked): the shopper's pick, else the first
/// tier with a badge (the merchant's), else the first tier.
#[inline(never)]
fn chosen(product: &Product, picked: &Picked) -> (usize, u32) {
    let Some((q, i)) = tier_set(product) else {
        return (0, 1);
    };
    let s = &q.tiers[i];
    let option = usize::try_from(picked.get())
        .unwrap_or_else(|_| s.tiers.iter().position(|t| t.badge.is_some()).unwrap_or(0) + 1);
    (option, option_of(s, option).map_or(1, |o| o.quantity))
}

/// The variant the tier set's product is offered in (tracked), when it has variants.
fn tier_variant(product: &Product) -> Option<String> {
    let (q, i) = tier_set(product)?;
    q.tiers[i].variant.clone()
}

/// The selector, hidden while `hidden` (the product's set is a list, or there is none), named
/// `name` (the tier list's name), one option for one unit and one per tier of `rows`.
pub fn quantity_selector(
    product: &Product,
    hidden: ArcMemo<bool>,
    name: ArcMemo<String>,
    rows: ArcMemo<Vec<String>>,
    (locale, figures): (ArcMemo<String>, ArcMemo<String>),
) -> El {
    let picked: Picked = ArcRwSignal::new(-1);
    let add_text = derive(own!(locale, product, picked => move || {
        let locale = locale.get();
        let n = chosen(&product, &picked).1;
        with_labels(|labels| {
            fill(labels.get(Label::SelectorAdd), &locale, Some(n), &|_| {
                Segment::Count(n)
            })
        })
    }));
    // Of a product with variants, which one the quantities add: the shopper's choice.
    let pickers = super::variants::picker(
        derive(own!(product => move || product.get().unwrap_or_default())),
        derive(own!(product => move || tier_variant(&product).unwrap_or_default())),
    );
    let on_add = own!(product, picked => move |ev: web_sys::Event| {
        let Some(id) = product.get_untracked() else {
            return;
        };
        let quantity = untrack(|| chosen(&product, &picked).1);
        let variant = untrack(|| tier_variant(&product));
        let items = vec![Item {
            // A variant names itself and its product (spec §10).
            id: variant.as_deref().unwrap_or(&id),
            product: variant.as_ref().map(|_| id.as_str()),
            quantity,
            price: None,
            gift: None,
        }];
        send(&ev, true, items, Kind::Tiers, &id);
    });
    el("fieldset")
        .part("selector")
        .class("selector")
        .hidden(hidden)
        .child(el("legend").text(name))
        .child(
            el("div")
                .class("options")
                .child(option(
                    product.clone(),
                    0,
                    picked.clone(),
                    (locale.clone(), figures.clone()),
                ))
                .each_position(
                    rows,
                    own!(product => move |i| {
                        let texts = (locale.clone(), figures.clone());
                        option(product.clone(), i + 1, picked.clone(), texts)
                    }),
                ),
        )
        .child(pickers)
        .child(
            el("button")
                .attr("type", "button")
                .part("add")
                .class("add")
                .text(add_text)
                .on("click", on_add),
        )
}

/// One quantity: "Buy 3 · Most popular · $20.00 each · $60.00 · Save $15.00".
fn option(
    product: Product,
    index: usize,
    picked: Picked,
    texts: (ArcMemo<String>, ArcMemo<String>),
) -> El {
    let checked = derive(own!(product, picked => move || chosen(&product, &picked).0 == index));
    let row = el("label").part("option").class("option").child(
        el("input")
            .attr("type", "radio")
            .attr("name", "quantity")
            .checked(checked)
            .on("change", move |_| picked.set(index as i64)),
    );
    tier_texts(row, &product, index, texts, OPTION_TEXTS)
}

/// An option's texts, its quantity their plural forms follow; the badge and the saving are
/// empty (and not shown) where the option has none.
const OPTION_TEXTS: &[RowText] = &[
    ("span", "qty", Some(Label::SelectorQuantity), |s, i| {
        let n = option_of(s, i)?.quantity;
        Some((Segment::Count(n), Some(n)))
    }),
    ("span", "badge", None, |s, i| {
        Some((Segment::Text(option_of(s, i)?.badge?.to_owned()), None))
    }),
    ("span", "each", Some(Label::TierUnitPrice), |s, i| {
        let o = option_of(s, i)?;
        Some((Segment::Money(o.each), Some(o.quantity)))
    }),
    ("strong", "total", None, |s, i| {
        Some((Segment::Money(option_of(s, i)?.total), None))
    }),
    ("strong", "save", Some(Label::SelectorSaving), |s, i| {
        let o = option_of(s, i).filter(|o| o.saving.minor() > 0)?;
        Some((Segment::Money(o.saving), Some(o.quantity)))
    }),
];
