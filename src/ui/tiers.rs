//! `<cartlift-tiers product="tshirt">`: volume tiers ("buy 3, save 20%"), the tier in force,
//! and the nudge to the next one.

use super::format::{count, message, money, percent};
use super::locale;
use crate::bridge::store::Store;
use leptos::prelude::*;

/// The volume tiers of one product.
#[component]
pub fn Tiers(
    /// The product whose tiers to show.
    product: RwSignal<Option<String>>,
) -> impl IntoView {
    let store = Store::get();
    let set = Memo::new(move |_| {
        let product = product.get();
        store.quote.with(|q| {
            q.as_ref()
                .zip(product.as_deref())
                .and_then(|(q, p)| q.tiers_for(p).cloned())
        })
    });
    let locale = locale();
    let rows = Memo::new(move |_| {
        let l = locale.get();
        set.with(|s| {
            s.iter()
                .flat_map(|s| {
                    s.tiers
                        .iter()
                        .enumerate()
                        .map(move |(i, t)| (i, s.active == Some(i), t))
                })
                .map(|(i, active, t)| {
                    (
                        i,
                        active,
                        format!("Buy {}+", count(t.min_quantity, &l)),
                        format!("{} off", percent(t.percent_off, &l)),
                        format!("{} each", money(t.unit_price, &l)),
                    )
                })
                .collect::<Vec<_>>()
        })
    });
    let nudge = Memo::new(move |_| {
        set.with(|s| {
            s.as_ref()
                .and_then(|s| s.nudge.as_ref().map(|n| message(&n.message, &locale.get())))
        })
    });
    let title =
        Memo::new(move |_| set.with(|s| s.as_ref().map(|s| s.title.clone()).unwrap_or_default()));
    move || {
        set.with(Option::is_some).then(|| {
            view! {
                <div class="tiers">
                    <ul class="tier-list" aria-label=move || format!("Quantity discounts on {}", title.get())>
                        {move || rows.get().into_iter().map(|(_, active, buy, off, each)| view! {
                            <li part=if active { "tier active" } else { "tier" } class="tier" class:active=active aria-current=active.then_some("true")>
                                <span class="buy">{buy}</span>
                                <strong class="off">{off}</strong>
                                <span class="each">{each}</span>
                                {active.then(|| view! { <span class="tag">"Your price"</span> })}
                            </li>
                        }).collect_view()}
                    </ul>
                    <p part="nudge" class="nudge" aria-live="polite">{move || nudge.get().unwrap_or_default()}</p>
                </div>
            }
        })
    }
}
