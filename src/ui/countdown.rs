//! Countdowns: an offer whose `ends_at` is within the config's `countdown_hours` shows "Ends
//! in 2 h 14 min", changing each minute (each second in its last minute). The text is not a
//! live region, so screen readers are not told each minute: each widget has one polite
//! announcer that speaks when a countdown starts ("Laptop + Mouse ends in 2 h 14 min") and
//! when its offer ends ("Laptop + Mouse has ended"), and then the offer is gone.

use super::{derive, fill, with_labels};
use crate::render::{el, El};
use cartlift_core::config::labels::{Label, Labels};
use cartlift_core::template::Segment;
use leptos::prelude::*;
use std::sync::{Arc, Mutex};

/// Seconds left, if the offer is within its countdown: `ends_in_seconds` at most the quote's
/// `countdown_seconds`, and still to come.
pub fn shown(ends_in: Option<i64>, window: i64) -> Option<i64> {
    ends_in.filter(|&e| e > 0 && e <= window)
}

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
    fill(labels.get(l), locale, None, |name| {
        let n = match name {
            "hours" => h,
            "minutes" => m,
            _ => s,
        };
        Segment::Count(u32::try_from(n).unwrap_or(u32::MAX))
    })
}

/// The seconds left of an offer's countdown, read (tracked) from the quote.
pub type Seconds = Box<dyn Fn() -> Option<i64> + Send + Sync>;

/// A widget's offers with a countdown now, `(id, title, seconds)`, read (tracked).
pub type Ending = Box<dyn Fn() -> Vec<(String, String, i64)> + Send + Sync>;

/// "Ends in 2 h 14 min" for the seconds `seconds` gives (none: no countdown). Boxed closures,
/// not memos of their own: the words are the memo, and one copy of this serves every widget
/// (a generic one measured 4.5 KB brotli for the four).
#[inline(never)]
pub fn ends_in(seconds: Seconds, locale: Memo<String>) -> El {
    let words = derive(move || {
        seconds().map_or_else(String::new, |s| {
            let locale = locale.get();
            with_labels(|labels| {
                let time = duration(labels, &locale, s);
                fill(labels.get(Label::EndsIn), &locale, None, |_| {
                    Segment::Text(time.clone())
                })
            })
        })
    });
    let none = derive(move || words.with(String::is_empty));
    el("span")
        .part("countdown")
        .class("countdown")
        .hidden(none)
        .text(words)
}

/// The widget's announcer: given its offers with a countdown now (`(id, title, seconds)`),
/// says once when one starts and once when one ends.
#[inline(never)]
pub fn announcer(offers: Ending, locale: Memo<String>) -> El {
    // The offers seen last, with their seconds left.
    let seen: Arc<Mutex<Vec<(String, String, i64)>>> = Arc::new(Mutex::new(Vec::new()));
    let words = derive(move || {
        let now = offers();
        let locale = locale.get();
        let Ok(mut before) = seen.lock() else {
            return String::new();
        };
        let said = with_labels(|labels| {
            let mut said: Vec<String> = Vec::new();
            for (id, title, s) in &now {
                if !before.iter().any(|(b, _, _)| b == id) {
                    let time = duration(labels, &locale, *s);
                    said.push(fill(labels.get(Label::CountdownStarted), &locale, None, |n| {
                        Segment::Text(if n == "offer" { title.clone() } else { time.clone() })
                    }));
                }
            }
            // Gone within its last minute: it ended (not the cart or config taking it away).
            for (id, title, s) in before.iter() {
                if *s <= 61 && !now.iter().any(|(n, _, _)| n == id) {
                    said.push(fill(labels.get(Label::OfferEnded), &locale, None, |_| {
                        Segment::Text(title.clone())
                    }));
                }
            }
            said
        });
        *before = now;
        said.join(" ")
    });
    el("span")
        .class("visually-hidden")
        .attr("role", "status")
        .text(words)
}
