//! What the shopper sees: one component per element, each reading the page's quote through
//! memos of just the part it draws, so a cart change touches only the text that changed.
//! Components describe their DOM as [`crate::render::El`] (see there why not `view!`); no subtree is
//! ever built from HTML text, which a page that requires Trusted Types would refuse.

pub mod bundles;
pub mod countdown;
pub mod deals;
pub mod recommendations;
pub mod selector;
pub mod shipping_bar;
pub mod table;
pub mod tiers;
pub mod upsell;
pub mod variants;

use crate::bridge::events::{self, Item, Source};
use crate::bridge::refusal::with_errors;
use crate::bridge::store::Store;
use crate::format;
use crate::render::{el, position_keys, El};
use cartlift_core::call::Apply;
use cartlift_core::config::labels::{Label, Labels};
use cartlift_core::template::{Plural, Segment, Template};
use cartlift_core::tiers::TierQuote;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The four elements of spec §1, and `<cartlift-recommendations>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `<cartlift-shipping-bar>`
    ShippingBar,
    /// `<cartlift-bundles>`
    Bundles,
    /// `<cartlift-upsell>`
    Upsell,
    /// `<cartlift-tiers>`
    Tiers,
    /// `<cartlift-recommendations>`
    Recommendations,
    /// A goal's gift, claimed in `<cartlift-shipping-bar>` or added and removed with the goal
    /// (not an element of its own).
    Gift,
}

impl Kind {
    /// The kind for an element's tag name (any case).
    pub fn from_tag(tag: &str) -> Option<Kind> {
        match tag.to_ascii_lowercase().as_str() {
            "cartlift-shipping-bar" => Some(Kind::ShippingBar),
            "cartlift-bundles" => Some(Kind::Bundles),
            "cartlift-upsell" => Some(Kind::Upsell),
            "cartlift-tiers" => Some(Kind::Tiers),
            "cartlift-recommendations" => Some(Kind::Recommendations),
            _ => None,
        }
    }

    /// The `widget` its events name in `source.widget` (spec §4).
    pub fn event_name(self) -> &'static str {
        match self {
            Kind::ShippingBar => "shipping-bar",
            Kind::Bundles => "bundles",
            Kind::Upsell => "upsell",
            Kind::Tiers => "tiers",
            Kind::Recommendations => "recommendations",
            Kind::Gift => "gift",
        }
    }
}

/// A closure with its own handles to the memos it reads (a memo's handle is a reference
/// count): `own!(a, b => move || a.get() + &b.get())`.
macro_rules! own {
    ($($m:ident),* => $f:expr) => {{
        $(let $m = $m.clone();)*
        $f
    }};
}
pub(crate) use own;

/// What every element shows around its widget: the merchant's fallback (a `<slot>` showing the
/// element's light DOM) until a valid config arrives, and with `preview`, the config's
/// problems.
#[component]
pub fn Frame(
    /// Whether the `preview` attribute is present.
    preview: ArcRwSignal<bool>,
) -> (El, El) {
    let store = Store::get();
    let ready = derive(move || store.quote_now().is_some());
    let no_errors = derive(move || !preview.get() || with_errors(<[_]>::is_empty));
    // Keyed by position, each item following its problem: a new list updates in place.
    let problems = derive(|| position_keys(with_errors(<[_]>::len)));
    let problem = move |i: usize| {
        let part = |f: fn(&cartlift_core::Error) -> &str| {
            derive(move || with_errors(|e| e.get(i).map(|e| f(e).to_owned()).unwrap_or_default()))
        };
        el("li")
            .child(el("code").text(part(cartlift_core::Error::path)))
            .text(": ")
            .text(part(cartlift_core::Error::message))
    };
    (
        el("slot").hidden(ready),
        el("div")
            .part("errors")
            .class("errors")
            .attr("role", "alert")
            .hidden(no_errors)
            .child(el("p").child(el("strong").text(label(Label::ConfigProblems))))
            .child(el("ul").each_position(problems, problem)),
    )
}

pub use crate::bridge::store::derive;

/// An element's `product` attribute: what its offers are about. Reference-counted: each
/// closure that reads it holds a handle (`own!`), and the element's record holds one more.
pub type Product = ArcRwSignal<Option<String>>;

/// Whether `text` is empty, as a memo.
pub fn empty(text: &ArcMemo<String>) -> ArcMemo<bool> {
    let text = text.clone();
    derive(move || text.with(String::is_empty))
}

/// The text of an ARIA true/false attribute (`aria-busy`, `aria-current`), without the
/// formatter `bool::to_string` brings.
pub fn truth(b: bool) -> String {
    if b { "true" } else { "false" }.to_owned()
}

thread_local! {
    /// The English labels, for what shows before any valid config (a refused config's list).
    static DEFAULT_LABELS: Labels = Labels::default();
}

/// Reads (tracked) the config's labels, or the English defaults before a valid config.
pub fn with_labels<R>(f: impl FnOnce(&Labels) -> R) -> R {
    Store::get().with_config(|c| match c {
        Some(c) => f(&c.labels),
        None => DEFAULT_LABELS.with(|l| f(l)),
    })
}

/// The quote (tracked) and the position in its `tiers` of `product`'s set. Not generic: every
/// reader of a tier set goes through this one body, where a generic reader was compiled once
/// per closure (about 0.5 KB each, measured).
#[inline(never)]
fn tier_set(product: &Product) -> Option<(std::sync::Arc<cartlift_core::Quote>, usize)> {
    let p = product.get()?;
    let q = Store::get().quote_now()?;
    let i = q.tiers.iter().position(|t| t.product == p)?;
    Some((q, i))
}

/// Reads (tracked) the tiers of `product`, if it has any: for the list and the selector of
/// `<cartlift-tiers>`.
pub fn with_tiers<R>(product: &Product, f: impl FnOnce(&TierQuote) -> R) -> Option<R> {
    tier_set(product).map(|(q, i)| f(&q.tiers[i]))
}

/// What a text of a tier set's row shows: the segment at row `index` of the set, and the count
/// its label's plural form follows; none for no text.
pub type TierPick = fn(&TierQuote, usize) -> Option<(Segment, Option<u32>)>;

/// What the rows of `product`'s tier set show, as text (tracked): each tier's figures and the
/// price of one without a tier, with their currency. A cart change moves the tier in force and
/// the nudge, seldom the rows: the rows' texts follow this instead of the whole quote, so that
/// such a change re-runs none of them (each ran again, and formatted its amount again, on
/// every cart). Text, so that no memo of a new type is compiled for it. One per element, which
/// its rows and options share.
#[inline(never)]
pub fn tier_figures(product: &Product) -> ArcMemo<String> {
    let product = product.clone();
    derive(move || {
        with_tiers(&product, |s| {
            let mut figures = cartlift_core::json::to_string(&s.tiers);
            figures.push_str(&cartlift_core::json::to_string(&s.full_unit_price));
            figures + s.full_unit_price.currency().code()
        })
        .unwrap_or_default()
    })
}

/// The words for a tier set's row `index`: what `pick` takes from the set (none: no text),
/// in `label` when there is one (its plural form following the count `pick` gives), else the
/// segment alone, following the rows' `figures` ([`tier_figures`]), the labels and the
/// locale. Not generic: one body for every text of the tier list and the quantity selector.
#[inline(never)]
fn tier_text(
    product: Product,
    figures: ArcMemo<String>,
    index: usize,
    locale: ArcMemo<String>,
    label: Option<Label>,
    pick: TierPick,
) -> ArcMemo<String> {
    derive(move || {
        figures.track();
        let locale = locale.get();
        with_labels(|labels| {
            // The set as `figures` last saw it: what `pick` reads of it is in them.
            untrack(|| {
                with_tiers(&product, |s| {
                    let (segment, count) = pick(s, index)?;
                    Some(match label {
                        Some(l) => fill(labels.get(l), &locale, count, &|_| segment.clone()),
                        None => format::message(&[segment], &locale),
                    })
                })
            })
        })
        .flatten()
        .unwrap_or_default()
    })
}

/// One text of a tier set's row: the element that holds it, its class, its label (none: the
/// segment alone) and what it shows.
pub type RowText = (&'static str, &'static str, Option<Label>, TierPick);

/// Appends to `row` each of `texts` for row `index` of `product`'s set, a space between them,
/// following the element's `figures` ([`tier_figures`]). One loop over a table for the tier
/// list's rows and the selector's options, where a chain of calls per text was compiled into
/// each.
#[inline(never)]
pub fn tier_texts(
    mut row: El,
    product: &Product,
    index: usize,
    (locale, figures): (ArcMemo<String>, ArcMemo<String>),
    texts: &[RowText],
) -> El {
    for (n, &(tag, class, label, pick)) in texts.iter().enumerate() {
        if n > 0 {
            row = row.text(" ");
        }
        row = row.child(el(tag).class(class).text(tier_text(
            product.clone(),
            figures.clone(),
            index,
            locale.clone(),
            label,
            pick,
        )));
    }
    row
}

/// A label without placeholders, following the config.
pub fn label(l: Label) -> ArcMemo<String> {
    derive(move || with_labels(|labels| fill(labels.get(l), "", None, &|_| Segment::Count(0))))
}

/// A template as the text the shopper reads: the plural form `count` takes in `locale` (when
/// the template has forms), with its placeholders filled by `value`.
pub fn fill(
    template: &Template,
    locale: &str,
    count: Option<u32>,
    value: &impl Fn(&str) -> Segment,
) -> String {
    fill_by_name(template, locale, count, value)
}

/// [`fill`], not generic: one body for every text, where a copy per closure was compiled
/// before.
#[inline(never)]
fn fill_by_name(
    template: &Template,
    locale: &str,
    count: Option<u32>,
    value: &dyn for<'a> Apply<&'a str, Segment>,
) -> String {
    let form = match count {
        Some(n) if template.is_plural() => format::plural(n, locale),
        _ => Plural::Other,
    };
    format::message(&template.fill_form(form, |name| value.apply(name)), locale)
}

/// The locale the figures are written in: the config's, as the quote has it. Read from the
/// config, not the quote, so that a cart change does not mark it, and through it every text
/// that reads it a second time (the reactive graph marks a node once per path to it).
pub fn locale() -> ArcMemo<String> {
    derive(|| Store::get().with_config(|c| c.map(|c| c.locale.clone()).unwrap_or_default()))
}

/// Dispatches an add- or remove-from-cart event on the element whose widget `ev` happened in
/// (the host of the shadow root its target is in): a component needs no handle on its element.
pub fn send(ev: &web_sys::Event, add: bool, items: Vec<Item<'_>>, widget: Kind, offer: &str) {
    // The listener is on a node of the widget's own shadow root (the renderer's), so the
    // target is a node, and its root node that shadow root.
    let host = ev.current_target().map(|t| {
        t.unchecked_into::<web_sys::Node>()
            .get_root_node()
            .unchecked_into::<web_sys::ShadowRoot>()
            .host()
    });
    if let Some(el) = host {
        events::cart_change(
            &el,
            add,
            items,
            Source {
                widget: widget.event_name(),
                offer,
            },
        );
    }
}
