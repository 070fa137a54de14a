//! Countdowns: an offer whose `ends_at` is within the config's `countdown_hours` shows "Ends
//! in 2 h 14 min", changing each minute (each second in its last minute). The text is not a
//! live region, so screen readers are not told each minute: each widget has one polite
//! announcer that speaks when a countdown starts ("Laptop + Mouse ends in 2 h 14 min") and
//! when its offer ends ("Laptop + Mouse has ended"), and then the offer is gone.

use super::{derive, fill, with_labels};
use crate::bridge::store::Store;
use crate::render::{el, El};
use cartlift_core::config::labels::{Label, Labels};
use cartlift_core::quote::{Countdown, OfferKind};
use cartlift_core::sort::CollectVec;
use cartlift_core::template::Segment;
use leptos::prelude::*;
use std::sync::{Arc, RwLock};

/// "2 h 14 min", "14 min", "42 s", in the config's words.
pub fn duration(labels: &Labels, locale: &str, seconds: i64) -> String {
    let (h, m, s) = (seconds / 3600, seconds % 3600 / 60, seconds % 60);
    let l = if seconds >= 3600 {
        Label::DurationHours
    } else if seconds >= 60 {
        Label::DurationMinutes
    } else {
        Label::DurationSeconds
    };
    fill(labels.get(l), locale, None, &|name| {
        let n = match name {
            "hours" => h,
            "minutes" => m,
            _ => s,
        };
        Segment::Count(u32::try_from(n).unwrap_or(u32::MAX))
    })
}

/// "Ends in 2 h 14 min" for offer `id` of `kind`, while the quote shows its countdown; one
/// copy serves every widget.
#[inline(never)]
pub fn ends_in(kind: OfferKind, id: String, locale: ArcMemo<String>) -> El {
    let words = derive(move || {
        let seconds = Store::get()
            .quote_now()
            .and_then(|q| q.countdown(kind, &id));
        seconds.map_or_else(String::new, |s| {
            let locale = locale.get();
            with_labels(|labels| {
                let time = duration(labels, &locale, s);
                fill(labels.get(Label::EndsIn), &locale, None, &|_| {
                    Segment::Text(time.clone())
                })
            })
        })
    });
    let none = super::empty(&words);
    el("span")
        .part("countdown")
        .class("tag")
        .hidden(none)
        .text(words)
}

/// The widget's announcer for its offers of `kind`: says once when a countdown starts and
/// once when its offer ends.
#[inline(never)]
pub fn announcer(kind: OfferKind, locale: ArcMemo<String>) -> El {
    // The offers seen counting down last, with their seconds left, and the words said last:
    // they stay until there is something new to say (an unchanged text is not spoken again,
    // and emptying it could cut the announcement short).
    // An RwLock, as leptos already uses: a Mutex would bring its own code.
    let seen: Arc<RwLock<(Vec<Countdown>, String)>> = Arc::default();
    let words = derive(move || {
        let now: Vec<Countdown> = Store::get()
            .quote_now()
            .iter()
            .flat_map(|q| &q.countdowns)
            .filter(|c| c.offer == kind)
            .cloned()
            .collect_vec();
        let locale = locale.get();
        let Ok(mut seen) = seen.write() else {
            return String::new();
        };
        let (before, last) = &mut *seen;
        let said = with_labels(|labels| {
            let mut said: Vec<String> = Vec::new();
            for c in &now {
                if !before.iter().any(|b| b.id == c.id) {
                    let time = duration(labels, &locale, c.seconds);
                    said.push(fill(
                        labels.get(Label::CountdownStarted),
                        &locale,
                        None,
                        &|n| {
                            Segment::Text(if n == "offer" {
                                c.title.clone()
                            } else {
                                time.clone()
                            })
                        },
                    ));
                }
            }
            // Gone within its last minute: it ended (not the cart or config taking it away).
            for b in before.iter() {
                if b.seconds <= 61 && !now.iter().any(|c| c.id == b.id) {
                    said.push(fill(labels.get(Label::OfferEnded), &locale, None, &|_| {
                        Segment::Text(b.title.clone())
                    }));
                }
            }
            said
        });
        *before = now;
        if !said.is_empty() {
            *last = crate::format::joined(&said, " ");
        }
        last.clone()
    });
    el("span")
        .class("visually-hidden")
        .attr("role", "status")
        .text(words)
}
