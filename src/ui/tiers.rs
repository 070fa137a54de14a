//! `<cartlift-tiers product="tshirt">`: volume tiers ("buy 3, save 20%"), the tier in force,
//! and the nudge to the next one, or with `"display": "selector"` the quantities to pick from
//! ([`super::selector`]); then the product's buy X get Y deals ([`super::deals`]).

use super::countdown::{announcer, ends_in};
use super::{
    derive, fill, label, locale, own, tier_figures, tier_texts, truth, with_labels, with_tiers,
    RowText,
};
use crate::render::{el, position_keys, El};
use cartlift_core::config::labels::Label;
use cartlift_core::quote::OfferKind;
use cartlift_core::template::Segment;
use leptos::prelude::*;

/// The volume tiers of one product.
#[component]
pub fn Tiers(
    /// The product whose tiers to show.
    product: super::Product,
) -> El {
    let locale = locale();
    let no_set = derive(own!(product => move || with_tiers(&product, |_| ()).is_none()));
    // A list unless the set says selector; with no set, neither is shown.
    let list = derive(
        own!(product => move || with_tiers(&product, |s| s.display != "selector").unwrap_or(true)),
    );
    let no_list = derive(own!(no_set, list => move || no_set.get() || !list.get()));
    let absent =
        derive(own!(no_set, product => move || no_set.get() && !super::deals::any(&product)));
    let nudge = derive(own!(locale, product => move || {
        with_tiers(&product, |s| {
            s.nudge
                .as_ref()
                .map(|n| crate::format::message(&n.message, &locale.get()))
        })
        .flatten()
        .unwrap_or_default()
    }));
    let name = derive(own!(locale, product => move || {
        let locale = locale.get();
        with_labels(|labels| {
            with_tiers(&product, |s| {
                fill(labels.get(Label::TiersLabel), &locale, None, &|_| {
                    Segment::Text(s.title.clone())
                })
            })
        })
        .unwrap_or_default()
    }));
    // The tier rows are fixed by the config; only which is active and the prices follow the cart.
    let rows = derive(own!(product => move || {
        position_keys(with_tiers(&product, |s| s.tiers.len()).unwrap_or(0))
    }));
    // What the rows show, once for the list's rows and the selector's options.
    let figures = tier_figures(&product);
    el("div")
        .class("tiers")
        .hidden(absent)
        .child(
            el("ul")
                .class("tier-list")
                .hidden(no_list)
                .attr("aria-label", name.clone())
                .each_position(
                    rows.clone(),
                    own!(locale, figures, product => move |i| {
                        tier_row(product.clone(), i, (locale.clone(), figures.clone()))
                    }),
                ),
        )
        .child(
            el("p")
                .part("nudge")
                .class("nudge")
                .hidden(no_set)
                .attr("aria-live", "polite")
                .text(nudge),
        )
        .child(super::selector::quantity_selector(
            &product,
            list,
            name,
            rows,
            (locale.clone(), figures),
        ))
        .child(super::deals::deal_list(&product, locale.clone()))
        .child(ends_in(
            OfferKind::Tier,
            product.get_untracked().unwrap_or_default(),
            locale.clone(),
        ))
        .child(announcer(OfferKind::Tier, locale))
}

/// One tier: "Buy 3+ · 20% off · $8.00 each", marked when it is the one in force.
fn tier_row(
    product: super::Product,
    index: usize,
    texts: (ArcMemo<String>, ArcMemo<String>),
) -> El {
    let active = derive(
        own!(product => move || with_tiers(&product, |s| s.active == Some(index)).unwrap_or(false)),
    );
    let part = derive(
        own!(active => move || if active.get() { "tier active" } else { "tier" }.to_owned()),
    );
    let current = derive(own!(active => move || truth(active.get())));
    let inactive = derive(own!(active => move || !active.get()));
    let row = el("li")
        .part(part)
        .class("tier")
        .class_when("active", active)
        .attr("aria-current", current);
    tier_texts(row, &product, index, texts, TIER_TEXTS)
        .text(" ")
        .child(
            el("span")
                .class("tag")
                .hidden(inactive)
                .text(label(Label::YourPrice)),
        )
}

/// A tier's texts: its quantity, its discount, its unit price.
const TIER_TEXTS: &[RowText] = &[
    ("span", "buy", Some(Label::TierQuantity), |s, i| {
        let n = s.tiers.get(i)?.min_quantity;
        Some((Segment::Count(n), Some(n)))
    }),
    ("strong", "off", Some(Label::TierDiscount), |s, i| {
        Some((Segment::Percent(s.tiers.get(i)?.percent_off), None))
    }),
    ("span", "each", Some(Label::TierUnitPrice), |s, i| {
        Some((Segment::Money(s.tiers.get(i)?.unit_price), None))
    }),
];
