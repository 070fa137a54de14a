//! How the page's config, cart and time reach the session's signals ([`super::session`]):
//! the config this shopper sees (their experiment variants laid over it) and the quote are
//! memos over them, and every element renders from the quote.
//!
//! Two rules keep a preview's sample cart away from shoppers: the config's `cart` stands in
//! only until the page sends a cart of its own, and once it has, a cart that a new config
//! refuses becomes an empty cart, never the sample again. The time follows the config's
//! schedules by itself: one timer, to the next `starts_at` or `ends_at` to come.

use super::events;
use super::refusal;
use super::session::{self, now_seconds, Refused};
pub use super::session::{Shopper, Store};
use cartlift_core::call::Compute;
use cartlift_core::{Cart, Error, Setup};
use gloo_timers::callback::Timeout;
use leptos::prelude::*;
use std::sync::Arc;

/// A value derived from signals, as a memo: it updates, and what shows it re-renders, only
/// when the value changes (so a live region speaks only when its words change).
///
/// The closure is boxed on purpose: a memo's machinery is compiled once per closure type, so
/// this way each type of value (not each closure) has one copy of it in the wasm. A
/// reference-counted memo, not an arena one: reads skip the arena's lookup, whose code is
/// compiled per value type and closure (docs/architecture.md says what that measured); what
/// reads it holds a handle (`ui::own!`), and the last handle dropped with its element frees it.
pub fn derive<T: PartialEq + Send + Sync + 'static>(
    f: impl Fn() -> T + Send + Sync + 'static,
) -> ArcMemo<T> {
    erased_memo(Box::new(f))
}

#[inline(never)]
fn erased_memo<T: PartialEq + Send + Sync + 'static>(
    f: Box<dyn Compute<T> + Send + Sync>,
) -> ArcMemo<T> {
    ArcMemo::new(move |_| f.compute())
}

impl Store {
    /// Takes a config's JSON text: on success it replaces the config (and the cart is checked
    /// against it again); on failure the last good config stays, and the page hears why.
    pub fn configure(text: &str) -> Result<(), Vec<Error>> {
        #[cfg(not(feature = "platform"))]
        let setup = Setup::from_json(text).map(Arc::new);
        #[cfg(feature = "platform")]
        let setup = platform_configure(text);
        let setup = match setup {
            Ok(s) => s,
            Err(errs) => {
                refusal::refuse(Refused::Config, errs.clone(), text, "");
                return Err(errs);
            }
        };
        refusal::config_taken();
        // Held for the shopper's market on a platform page: kept, shown once it is said.
        #[cfg(feature = "platform")]
        let Some(setup) = setup
        else {
            session::with(|s| *s.config_text.borrow_mut() = text.to_owned());
            return Ok(());
        };
        show(setup, text);
        Ok(())
    }

    /// Takes a cart's JSON text: on success it becomes the cart; on failure the last good cart
    /// stays shown, and the page hears why. Before a config arrives the cart waits for it.
    pub fn set_cart(text: String) -> Result<(), Vec<Error>> {
        let store = Store::get();
        let Some(setup) = store.setup.get_untracked() else {
            // Ids and prices wait for the config; the shape can be judged now.
            if let Err(errs) = Cart::check_shape(&text) {
                refusal::refuse(Refused::Shape, errs.clone(), &text, "");
                return Err(errs);
            }
            keep_cart_text(text);
            return Ok(());
        };
        match Cart::from_json(&text, &setup.config) {
            Ok(cart) => {
                keep_cart_text(text);
                store.cart_came.notify();
                // The cart the figures are of already: no figure follows (the quote is not
                // compared by value, see `Store::new`). Pages send the same cart again often:
                // a theme's cart drawer, a platform adapter reading after each request.
                if store.cart.with_untracked(|c| c.as_ref() == Some(&cart)) {
                    return Ok(());
                }
                // Set only when the second has moved on: every set walks the graph below the
                // quote, and a burst of carts comes within one second.
                let now = now_seconds();
                if store.now.get_untracked() != now {
                    store.now.set(now);
                }
                store.cart.set(Some(cart));
                follow_schedule();
                Ok(())
            }
            Err(errs) => {
                let config = session::with(|s| s.config_text.borrow().clone());
                refusal::refuse(Refused::Cart, errs.clone(), &text, &config);
                Err(errs)
            }
        }
    }
}

/// Shows `setup`, the config taken (its text `text`): the page's cart is checked against it
/// again, and the figures follow it.
fn show(setup: Arc<Setup>, text: &str) {
    let store = Store::get();
    let cart_text = session::with(|s| {
        *s.config_text.borrow_mut() = text.to_owned();
        s.cart_text.borrow().clone()
    });
    let recheck = cart_text
        .as_deref()
        .map(|t| Cart::from_json(t, &setup.config));
    store.now.set(now_seconds());
    match recheck {
        Some(Ok(cart)) => store.cart.set(Some(cart)),
        Some(Err(errs)) => {
            // The page has a cart of its own: never fall back to the sample.
            store.cart.set(Some(Cart::empty(setup.config.currency)));
            let cart = cart_text.unwrap_or_default();
            refusal::refuse(Refused::Cart, errs, &cart, text);
        }
        None => {}
    }
    store.setup.set(Some(setup));
    follow_schedule();
    events::ready_soon();
}

/// A platform page's config, from one parse of its text (`adapter::platform_setup`): the
/// session keeps the parse with what the platform's mapping reads of it, and the widgets get
/// the config in the shopper's currency (`None` while the adapter reads the cart that says
/// which: [`hold`]). An amount too large once converted refuses it, said in full: no other
/// module knows the market.
#[cfg(feature = "platform")]
fn platform_configure(text: &str) -> Result<Option<Arc<Setup>>, Vec<Error>> {
    let read = cartlift_core::adapter::platform_setup(text)?;
    let (market, held) = session::with(|s| {
        let kept = s.platform.borrow();
        (kept.market, kept.held)
    });
    let (shown, waiting) = match held {
        true => (None, Some(read.setup)),
        false => (
            Some(in_market(read.setup, market).map_err(|e| vec![e])?),
            None,
        ),
    };
    session::with(|s| {
        let mut kept = s.platform.borrow_mut();
        kept.waiting = waiting;
        kept.variants = read.variants;
        kept.answer = Some(read.answer);
    });
    Ok(shown)
}

/// `setup` in the shopper's market.
#[cfg(feature = "platform")]
fn in_market(setup: Setup, market: session::Market) -> Result<Arc<Setup>, Error> {
    // One `Arc::new` for both ways: the setup is large, and each one moved it.
    let setup = match market {
        #[cfg(feature = "markets")]
        Some((to, rate)) => setup.in_market(to, rate)?,
        // `Some` is never said in a build without Markets (see `platform::market`).
        _ => setup,
    };
    Ok(Arc::new(setup))
}

/// The adapter is reading the shopper's cart, which says their currency: a config taken waits
/// for [`set_market`].
#[cfg(feature = "platform")]
pub fn hold() {
    session::with(|s| s.platform.borrow_mut().held = true);
}

/// The shopper's market, as the adapter says it: the config held for it is shown in it,
/// converted (not parsed again). When the market moves after that (a cart in another currency
/// than the page said, which a shopper's change of currency brings), the config taken is
/// taken again in it: parsed again, as keeping a copy of its setup to convert would bring the
/// clone of every type of the config into the wasm (+2.7 KB brotli, measured). An amount too
/// large once converted refuses it, and what is shown stays.
#[cfg(feature = "platform")]
pub fn set_market(market: session::Market) {
    let (waiting, text) = session::with(|s| {
        let mut kept = s.platform.borrow_mut();
        kept.market = market;
        kept.held = false;
        (kept.waiting.take(), s.config_text.borrow().clone())
    });
    match waiting.map(|setup| in_market(setup, market)) {
        Some(Ok(setup)) => show(setup, &text),
        Some(Err(e)) => refusal::refuse(Refused::Config, vec![e], &text, ""),
        None if !text.is_empty() => {
            // Its refusal in this market, if any, is reported by `configure`.
            let _ = Store::configure(&text);
        }
        None => {}
    }
}

/// The cart's text, kept to be checked again against the next config.
fn keep_cart_text(text: String) {
    session::with(|s| *s.cart_text.borrow_mut() = Some(text));
}

/// Sets the one timer to the config's next `starts_at` / `ends_at`, when `now` moves on and
/// the figures change by themselves (a goal that starts at midnight, a bundle that ends).
fn follow_schedule() {
    let store = Store::get();
    let next = store.setup.with_untracked(|s| {
        s.as_ref()
            .and_then(|s| s.config.next_boundary(store.now.get_untracked()))
    });
    // The timer armed for the same boundary stays: a cart changes no boundary.
    let armed = session::with(|s| s.boundary.borrow().as_ref().map(|(at, _)| *at));
    if next != armed {
        let timer = next.map(|at| {
            // Milliseconds to the boundary, plus one so that it has passed when the timer
            // fires; at most the ~24.8 days a browser timer can wait (it is then set again).
            let wait = (at as f64 * 1000.0 - js_sys::Date::now()).clamp(0.0, 2_147_483_646.0);
            (at, Timeout::new(wait as u32 + 1, follow_now))
        });
        session::with(|s| *s.boundary.borrow_mut() = timer);
    }
    // In a task of its own, after the widgets have drawn: the quote is then computed already,
    // and a burst of carts (a page may send a hundred in a frame) is followed once, after
    // its last cart, not once per cart with a quote each.
    let tick = Timeout::new(0, follow_countdowns);
    session::with(|s| *s.tick.borrow_mut() = Some(tick));
}

/// Sets the one timer to the next moment a countdown's words change (or one starts), when
/// there is one to show: then `now` moves on, and the timer is set again.
fn follow_countdowns() {
    let quote = Store::get().quote_untracked();
    // The gifts follow the same settled quote, once per burst of carts.
    if let (true, Some(q)) = (cartlift_core::parts::GIFTS, &quote) {
        super::gifts::follow(q);
    }
    let next = quote.and_then(|q| q.next_tick());
    let timer = next.map(|s| {
        Timeout::new((s.clamp(1, 86_400) * 1000) as u32, || {
            Store::get().now.set(now_seconds());
            follow_countdowns();
        })
    });
    session::with(|s| *s.tick.borrow_mut() = timer);
}

/// The boundary has come: the figures follow the time, and the next boundary is awaited.
fn follow_now() {
    // This timer has fired: the next one is set even for the same boundary (a wait the
    // browser capped at ~24.8 days ends before its boundary).
    session::with(|s| s.boundary.take());
    Store::get().now.set(now_seconds());
    follow_schedule();
}
