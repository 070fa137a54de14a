//! `<cartlift-shipping-bar>`: "You're $10.00 away from free shipping", a bar that fills toward
//! the goals, and cart fillers that close the gap.
//!
//! Text and attributes are `ArcMemo<String>`s read from the page's quote: each updates only when
//! its words change (so the live region speaks only then).

use super::countdown::{announcer, ends_in};
use super::{derive, fill, label, locale, own, send, with_labels, Kind};
use crate::bridge::events::Item;
use crate::bridge::store::Store;
use crate::format::{message, money, width};
use crate::render::{el, position_keys, El};
use cartlift_core::config::labels::Label;
use cartlift_core::integer::decimal_text;
use cartlift_core::quote::OfferKind;
use cartlift_core::shipping::{Filler, GiftState, ShippingQuote};
use cartlift_core::sort::CollectVec;
use cartlift_core::template::Segment;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Reads the quote's shipping bar (tracked), if the config has one.
fn with_bar<R>(f: impl FnOnce(&ShippingQuote) -> R) -> Option<R> {
    Store::get().quote_now()?.shipping.as_ref().map(f)
}

/// The gift the shopper may claim now: that of the first goal reached whose gift is not in the
/// cart yet and can be given (spec §11); with whether the shopper picks its variant (the goal
/// names a product with variants, not one of them, spec §10).
fn claimable(b: &ShippingQuote) -> Option<(&GiftState, bool)> {
    b.goals.iter().filter(|g| g.unlocked).find_map(|g| {
        let gift = g.gift.as_ref().filter(|gift| !gift.in_cart)?;
        let named = g.grants.gift.as_deref() == Some(gift.product.as_str());
        gift.available.then_some((gift, named))
    })
}

/// The button that adds a reached goal's gift: "Add your free Tote bag" (`part="gift"`),
/// shown while there is one to claim; before it, the pickers of a gift with variants.
fn gift_claim(shown: El, locale: ArcMemo<String>) -> El {
    // What it adds: the product, and of one with variants, the variant given.
    let read = |what: fn(&GiftState, bool) -> String| {
        derive(move || {
            with_bar(|b| claimable(b).map(|(g, n)| what(g, n)))
                .flatten()
                .unwrap_or_default()
        })
    };
    let gift = read(|g, _| g.product.clone());
    let variant = read(|g, _| g.variant.clone().unwrap_or_default());
    let none = super::empty(&gift);
    let words = derive(move || {
        let locale = locale.get();
        with_labels(|labels| {
            with_bar(|b| {
                let title = claimable(b)?.0.title.clone();
                Some(fill(labels.get(Label::GiftClaim), &locale, None, &|_| {
                    Segment::Text(title.clone())
                }))
            })
        })
        .flatten()
        .unwrap_or_default()
    });
    let shown = match cartlift_core::parts::VARIANTS {
        // The shopper picks the variant of a product the goal gives, not of one it names.
        true => shown.child(super::variants::picker(
            read(|g, named| {
                if named {
                    g.product.clone()
                } else {
                    String::new()
                }
            }),
            variant.clone(),
        )),
        false => shown,
    };
    let claim = move |ev: web_sys::Event| {
        let (product, variant) = (gift.get_untracked(), variant.get_untracked());
        if product.is_empty() {
            return;
        }
        let item = Item {
            id: if variant.is_empty() {
                &product
            } else {
                &variant
            },
            product: (!variant.is_empty()).then_some(product.as_str()),
            quantity: 1,
            price: None,
            gift: Some(true),
        };
        send(&ev, true, vec![item], Kind::Gift, &product);
    };
    shown.child(
        el("button")
            .attr("type", "button")
            .part("gift")
            .class("add gift")
            .hidden(none)
            .text(words)
            .on("click", claim),
    )
}

/// The free-shipping progress bar.
#[component]
pub fn ShippingBar() -> El {
    let locale = locale();
    let words = derive(own!(locale => move || {
        with_bar(|b| message(&b.message, &locale.get())).unwrap_or_default()
    }));
    let now = derive(move || {
        with_bar(|b| decimal_text((b.progress.basis_points() / 100).into(), 0)).unwrap_or_default()
    });
    let fill = derive(move || with_bar(|b| width(b.progress)).unwrap_or_default());
    let achieved = derive(move || with_bar(|b| b.next.is_none()).unwrap_or(false));
    let absent = derive(move || with_bar(|_| ()).is_none());
    let filler_ids = derive(move || {
        with_bar(|b| b.fillers.iter().map(|f| f.id.clone()).collect_vec()).unwrap_or_default()
    });
    let no_fillers = derive(own!(filler_ids => move || filler_ids.with(Vec::is_empty)));
    // Goal markers along the bar, at each threshold's share of the last one. The list changes
    // only when the number of goals does; each marker follows its own place and state.
    let markers =
        derive(move || position_keys(with_bar(|b| b.goals.len().saturating_sub(1)).unwrap_or(0)));
    let marker = move |n: usize| {
        let at = derive(move || {
            with_bar(|b| Some((b.goals.get(n)?.threshold, b.goals.last()?.threshold)))
                .flatten()
                .map(|(at, last)| width(cartlift_core::shipping::progress(at, last)))
                .unwrap_or_default()
        });
        let reached = derive(move || {
            with_bar(|b| b.goals.get(n).is_some_and(|g| g.unlocked)).unwrap_or(false)
        });
        el("span")
            .class("marker")
            .class_when("reached", reached)
            .style("inset-inline-start", at)
    };
    let shown = el("div")
        .class("shipping")
        .class_when("achieved", achieved)
        .hidden(absent)
        .child(
            el("p")
                .part("message")
                .class("message")
                .attr("aria-live", "polite")
                // Focusable from script only: where focus goes when the last filler is added.
                .attr("tabindex", "-1")
                .text(words.clone()),
        )
        .child(ends_in(OfferKind::Goal, String::new(), locale.clone()))
        .child(announcer(OfferKind::Goal, locale.clone()))
        .child(
            el("div")
                .part("bar")
                .class("bar")
                .attr("role", "progressbar")
                .attr("aria-label", label(Label::ProgressLabel))
                .attr("aria-valuemin", "0")
                .attr("aria-valuemax", "100")
                .attr("aria-valuenow", now)
                .attr("aria-valuetext", words.clone())
                .child(el("div").part("fill").class("fill").style("width", fill))
                .each_position(markers, marker),
        );
    // Only a build with the gift carries its button (a page whose config has no gift loads
    // one without it).
    let shown = match cartlift_core::parts::GIFTS {
        true => gift_claim(shown, locale.clone()),
        false => shown,
    };
    shown.child(
        el("ul")
            .class("fillers")
            .attr("aria-label", label(Label::FillersLabel))
            .hidden(no_fillers)
            .each(filler_ids, move |id| filler(id, locale.clone()))
            .focus_fallback("[part=message]"),
    )
}

/// One cart-filler suggestion with its add button.
fn filler(id: String, locale: ArcMemo<String>) -> El {
    let field = |f: fn(&Filler, &str) -> String| {
        let id = id.clone();
        let locale = locale.clone();
        derive(move || {
            with_bar(|b| {
                b.fillers
                    .iter()
                    .find(|f| f.id == id)
                    .map(|x| f(x, &locale.get()))
            })
            .flatten()
            .unwrap_or_default()
        })
    };
    let title = field(|f, _| f.title.clone());
    let price = field(|f, l| money(f.price, l));
    let add_label = label(Label::AddFiller);
    // The accessible name starts with the visible word (WCAG 2.5.3): "Add: USB-C Cable".
    let name = derive(own!(add_label, title => move || add_label.get() + ": " + &title.get()));
    // Live, like the text: a new config may give the same product another image.
    let image = field(|f, _| {
        f.image
            .clone()
            .filter(|u| cartlift_core::config::is_safe_url(u))
            .unwrap_or_default()
    });
    let no_image = super::empty(&image);
    let offer = id.clone();
    // Of a product with variants, the one offered: the shopper's choice (spec §10).
    let variant =
        |id: &str| with_bar(|b| b.fillers.iter().find(|f| f.id == id)?.variant.clone()).flatten();
    let pickers = {
        let (a, b) = (id.clone(), id.clone());
        super::variants::picker(
            derive(move || a.clone()),
            derive(move || variant(&b).unwrap_or_default()),
        )
    };
    let add = move |ev: web_sys::Event| {
        let chosen = untrack(|| variant(&id));
        send(
            &ev,
            true,
            vec![Item {
                id: chosen.as_deref().unwrap_or(&id),
                product: chosen.as_ref().map(|_| id.as_str()),
                quantity: 1,
                price: None,
                gift: None,
            }],
            Kind::ShippingBar,
            &id,
        )
    };
    el("li")
        .attr("data-offer", offer)
        .part("filler")
        .class("filler")
        .child(
            el("img")
                .attr("src", image)
                .hidden(no_image)
                .attr("alt", "")
                .attr("width", "40")
                .attr("height", "40")
                .attr("loading", "lazy")
                // A missing image leaves nothing, not an empty box.
                .on("error", |e: web_sys::Event| {
                    if let Some(img) = e
                        .target()
                        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    {
                        let _ = img.set_attribute("hidden", "");
                    }
                }),
        )
        .child(el("span").class("filler-title").text(title))
        .text(" ")
        .child(el("span").class("filler-price").text(price))
        .text(" ")
        .child(pickers)
        .text(" ")
        .child(
            el("button")
                .attr("type", "button")
                .part("filler-add")
                .class("add small")
                .attr("aria-label", name)
                .on("click", add)
                .text(add_label),
        )
}
