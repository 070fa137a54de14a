//! The table a bundle table and the recommendations share: one row per offer (its items, their
//! total, its price, the saving, an add button, a details link; stacked cards on a phone), the
//! same parts, layout and accessibility for both. What "Add" does is the widget's own, given to
//! [`table_of`], so the table needs neither widget.
//!
//! One memo holds the table an element shows (its rows and the best value); each row is keyed
//! by its offer's id, so keyboard focus stays on the same offer's button. What a row says of
//! the cart (held, the rest to add) reads that memo; its figures read a second memo of the same
//! table without what follows the cart ([`figures_of`]), so a cart change that moves only what
//! is held re-runs none of them.

use super::countdown::{announcer, ends_in};
use super::{derive, fill, label, locale, own, with_labels, Kind};
use crate::format::money;
use crate::render::{el, position_keys, El};
use cartlift_core::bundles::{BundleItem, BundleQuote};
use cartlift_core::config::labels::Label;
use cartlift_core::quote::OfferKind;
use cartlift_core::sort::CollectVec;
use cartlift_core::template::Segment;
use leptos::prelude::*;

/// The rows this element shows, the index of the best value among them, and how long before
/// an end a countdown shows.
#[derive(Clone, PartialEq, Default)]
pub struct Table {
    /// The rows, in order.
    pub rows: Vec<BundleQuote>,
    /// The best value's index in `rows`.
    pub best: Option<usize>,
    /// The quote's `countdown_seconds`.
    pub countdown: i64,
}

/// The rows of one table element.
pub type TableMemo = ArcMemo<Table>;

/// Reads (tracked) the row of bundle `id`, and whether it is the best value shown.
pub fn with_row<R>(
    table: &TableMemo,
    id: &str,
    f: impl FnOnce(&BundleQuote, bool) -> R,
) -> Option<R> {
    table.with(|t| {
        let i = t.rows.iter().position(|b| b.id == id)?;
        Some(f(&t.rows[i], t.best == Some(i)))
    })
}

/// `table` as its rows' figures see it: without what follows the cart (whether the items are
/// held, the rest to add, the countdown). A cart change seldom changes the figures (a title,
/// the amounts, a page, the items offered), so the memo of this stays as it was, and the
/// figures that follow it are not run again (each ran, and formatted its amount, whenever the
/// table changed). Of the table's own type: no memo of a new type is compiled for it.
#[inline(never)]
fn figures_of(table: &Table) -> Table {
    let mut shown = table.clone();
    shown.countdown = 0;
    for b in &mut shown.rows {
        b.complete_in_cart = false;
        b.completion = None;
        b.ends_in_seconds = None;
        for item in &mut b.items {
            item.in_cart = false;
        }
    }
    shown
}

/// What a row's "Add" does: the event, the table and the row's offer id.
pub type Adder = fn(&web_sys::Event, &TableMemo, &str);

/// The table of `kind` (bundles, or recommendations as one-item rows) for `table`'s rows: the
/// same parts, layout and accessibility for both.
pub fn table_of(kind: Kind, table: TableMemo, add: Adder) -> El {
    let recs = kind == Kind::Recommendations;
    let words = |bundles: Label, recommendations: Label| {
        if recs {
            recommendations
        } else {
            bundles
        }
    };
    let ids = derive(
        own!(table => move || table.with(|t| t.rows.iter().map(|b| b.id.clone()).collect_vec())),
    );
    let empty = derive(own!(ids => move || ids.with(Vec::is_empty)));
    let locale = locale();
    let header = |text: Label| el("th").attr("scope", "col").text(label(text));
    let rows = table;
    let figures = derive(own!(rows => move || rows.with(figures_of)));
    let table = el("table")
        .part("table")
        .class("bundles")
        .hidden(empty)
        .child(el("caption").text(label(words(
            Label::BundlesCaption,
            Label::RecommendationsCaption,
        ))))
        .child(
            el("thead").child(
                el("tr")
                    .child(header(words(Label::ColumnBundle, Label::ColumnItem)))
                    .child(header(words(Label::ColumnItemsTotal, Label::ColumnPrice)))
                    // A recommendation's price cell says what adding it saves, when it does.
                    .children(if recs {
                        Vec::new()
                    } else {
                        vec![
                            header(Label::ColumnBundlePrice),
                            header(Label::ColumnYouSave),
                        ]
                    })
                    .child(
                        el("th").attr("scope", "col").child(
                            el("span")
                                .class("visually-hidden")
                                .text(label(Label::ColumnAdd)),
                        ),
                    ),
            ),
        )
        .child(
            el("tbody")
                .each(
                    ids,
                    own!(locale => move |id| {
                        row(kind, id, rows.clone(), figures.clone(), locale.clone(), add)
                    }),
                )
                // A row that goes with focus in it (a recommendation added) hands it on.
                .focus_fallback("[part~=add]:not([hidden]), [part~=all-in-cart]:not([hidden])"),
        );
    el("div")
        .child(table)
        .child(announcer(OfferKind::Bundle, locale))
}

/// One bundle's row (or one recommendation's): its items, the figures, and its add button.
/// What it says of the cart reads `table`; its figures, `figures` ([`figures_of`]).
fn row(
    kind: Kind,
    id: String,
    table: TableMemo,
    figures: TableMemo,
    locale: ArcMemo<String>,
    add: Adder,
) -> El {
    let field = |f: fn(&BundleQuote, bool, &str) -> String| {
        let id = id.clone();
        derive(own!(figures, locale => move || {
            with_row(&figures, &id, |b, best| f(b, best, &locale.get())).unwrap_or_default()
        }))
    };
    let title = field(|b, _, _| b.title.clone());
    let total = field(|b, _, l| money(b.individual_total, l));
    let price = field(|b, _, l| money(b.price, l));
    let saving = {
        let id = id.clone();
        derive(own!(figures, locale => move || {
            let locale = locale.get();
            with_labels(|labels| {
                with_row(&figures, &id, |b, _| {
                    if b.saving.is_zero() {
                        // A recommendation at its own price: a dash, not "$0.00 (0%)".
                        return "–".to_owned();
                    }
                    fill(
                        labels.get(Label::Saving),
                        &locale,
                        None,
                        &|name| match name {
                            "amount" => Segment::Money(b.saving),
                            _ => Segment::Percent(b.saving_percent),
                        },
                    )
                })
            })
            .unwrap_or_default()
        }))
    };
    let part = field(|_, best, _| if best { "row best-value" } else { "row" }.to_owned());
    // "Complete the set: add Keyboard for $135.00, save $15.00" when some items are held.
    let rest = {
        let id = id.clone();
        derive(own!(table, locale => move || {
            let locale = locale.get();
            with_labels(|labels| {
                with_row(&table, &id, |b, _| {
                    let c = b.completion.as_ref()?;
                    let names: Vec<String> = c
                        .missing
                        .iter()
                        .map(|&n| b.items[n].title.clone())
                        .collect_vec();
                    let items = crate::format::list(&names, &locale);
                    Some(fill(
                        labels.get(Label::CompleteSet),
                        &locale,
                        None,
                        &|name| match name {
                            "items" => Segment::Text(items.clone()),
                            "price" => Segment::Money(c.price),
                            _ => Segment::Money(c.saving),
                        },
                    ))
                })
            })
            .flatten()
            .unwrap_or_default()
        }))
    };
    let whole = super::empty(&rest);
    let add_bundle = label(if kind == Kind::Recommendations {
        Label::AddFiller
    } else {
        Label::AddBundle
    });
    let add_rest = label(Label::AddRest);
    let completing = derive(own!(whole => move || !whole.get()));
    let add_words = derive(move || {
        if completing.get() {
            add_rest.get()
        } else {
            add_bundle.get()
        }
    });
    // The accessible name starts with the visible words (WCAG 2.5.3): "Add bundle: Laptop + Mouse".
    let name = derive(own!(add_words, title => move || add_words.get() + ": " + &title.get()));
    // Whether the set is held follows the cart; the rest, the figures.
    let flag = |from: &TableMemo, f: fn(&BundleQuote, bool) -> bool| {
        let (id, from) = (id.clone(), from.clone());
        derive(move || with_row(&from, &id, f).unwrap_or(false))
    };
    let best = flag(&figures, |_, best| best);
    let not_best = flag(&figures, |_, best| !best);
    let held = flag(&table, |b, _| b.complete_in_cart);
    let no_saving = flag(&figures, |b, _| b.saving.is_zero());
    let not_held = flag(&table, |b, _| !b.complete_in_cart);
    // Live, like the figures: a new config may give the bundle another page, or none.
    let url = field(|b, _, _| {
        b.url
            .clone()
            .filter(|u| cartlift_core::config::is_safe_url(u))
            .unwrap_or_default()
    });
    let no_url = super::empty(&url);
    // The items are keyed by position; each item's title and whether it is in the cart are
    // its own memos, so a cart change touches only that item's note.
    let items = {
        let id = id.clone();
        derive(own!(figures => move || {
            position_keys(with_row(&figures, &id, |b, _| b.items.len()).unwrap_or(0))
        }))
    };
    let in_your_cart = label(Label::InYourCart);
    let recs = kind == Kind::Recommendations;
    // A recommendation's one item is the product itself: only its variant pickers show.
    let no_pickers = {
        let id = id.clone();
        derive(own!(figures => move || {
            recs && with_row(&figures, &id, |b, _| b.items.iter().all(|i| i.variant.is_none()))
                .unwrap_or(true)
        }))
    };
    let item = {
        let id = id.clone();
        let table = table.clone();
        move |n: usize| {
            let text = |f: fn(&BundleItem) -> String| {
                let id = id.clone();
                derive(own!(figures => move || {
                    with_row(&figures, &id, |b, _| b.items.get(n).map(f))
                        .flatten()
                        .unwrap_or_default()
                }))
            };
            let title = text(|i| i.title.clone());
            let held = {
                let id = id.clone();
                derive(own!(table, in_your_cart => move || {
                    let held =
                        with_row(&table, &id, |b, _| b.items.get(n).is_some_and(|i| i.in_cart));
                    if held == Some(true) {
                        " ".to_owned() + &in_your_cart.get()
                    } else {
                        String::new()
                    }
                }))
            };
            // Of a product with variants not in the cart, the shopper's choice (spec §10).
            let product = text(|i| i.id.clone());
            let offered = text(|i| i.variant.clone().unwrap_or_default());
            let in_cart = {
                let id = id.clone();
                derive(own!(table => move || {
                    with_row(&table, &id, |b, _| b.items.get(n).is_some_and(|i| i.in_cart))
                        .unwrap_or(false)
                }))
            };
            let pickers = super::variants::picker(product, offered).hidden(in_cart);
            if recs {
                el("li").child(pickers)
            } else {
                el("li").text(title).text(held).text(" ").child(pickers)
            }
        }
    };
    let countdown = ends_in(OfferKind::Bundle, id.clone(), locale);
    let offer_id = id.clone();
    let add = move |ev: web_sys::Event| add(&ev, &table, &id);
    let cell = |l: Label| el("td").attr("data-label", label(l));
    el("tr")
        // Which offer this is, for the entry module's impressions (spec §9).
        .attr("data-offer", offer_id)
        .part(part)
        .class("row")
        .class_when("best", best)
        .child(
            el("th")
                .attr("scope", "row")
                .class("bundle-name")
                .child(el("span").class("bundle-title").text(title))
                .text(" ")
                .child(
                    el("span")
                        .class("badge")
                        .hidden(not_best)
                        .text(label(Label::BestValue)),
                )
                .child(
                    el("ul")
                        .class("items")
                        .hidden(no_pickers)
                        .each_position(items, item),
                )
                .child(
                    el("p")
                        .part("complete")
                        .class("nudge")
                        .hidden(whole)
                        .text(rest),
                )
                .child(countdown),
        )
        .children(if recs {
            // A recommendation: its price, and where adding it completes a bundle, its own
            // price struck through and what it saves.
            vec![cell(Label::ColumnPrice)
                .child(el("s").class("was").hidden(no_saving.clone()).text(total))
                .text(" ")
                .child(el("strong").class("price").text(price))
                .child(
                    el("span")
                        .class("saving")
                        .hidden(no_saving)
                        .text(" ")
                        .text(label(Label::ColumnYouSave))
                        .text(" ")
                        .text(saving),
                )]
        } else {
            vec![
                cell(Label::ColumnItemsTotal).child(el("s").class("was").text(total)),
                cell(Label::ColumnBundlePrice).child(el("strong").class("price").text(price)),
                cell(Label::ColumnYouSave).class("saving").text(saving),
            ]
        })
        .child(
            el("td").class("actions").child(
                el("div")
                    .child(
                        el("button")
                            .attr("type", "button")
                            .part("add")
                            .class("add")
                            .attr("aria-label", name)
                            .hidden(held)
                            .on("click", add)
                            .text(add_words),
                    )
                    .child(
                        el("span")
                            .part("all-in-cart")
                            .class("tag")
                            // Where focus goes from the add button it replaces.
                            .attr("tabindex", "-1")
                            .hidden(not_held)
                            .text(label(Label::AllInCart)),
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
