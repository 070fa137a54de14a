//! The page's one store: the config, the page's cart, the time and the visitor are signals;
//! the config this shopper sees (their experiment variants laid over it) and the quote are
//! memos over them, and every element renders from the quote.
//!
//! Two rules keep a preview's sample cart away from shoppers: the config's `cart` stands in
//! only until the page sends a cart of its own, and once it has, a cart that a new config
//! refuses becomes an empty cart, never the sample again. The time follows the config's
//! schedules by itself: one timer, to the next `starts_at` or `ends_at` to come.

use super::events;
use super::refusal::{self, Refused};
use cartlift_core::config::Config;
use cartlift_core::setup::Chosen;
use cartlift_core::visitor::{Page, Visitor};
use cartlift_core::{quote, Cart, Context, Error, Quote, Setup};
use gloo_timers::callback::Timeout;
use leptos::prelude::*;
use std::cell::RefCell;
use std::sync::Arc;

/// Reactive state shared by every element on the page.
#[derive(Clone, Copy)]
pub struct Store {
    /// The checked config, with its sample cart; `None` until a valid one arrives.
    pub setup: RwSignal<Option<Arc<Setup>>>,
    /// The page's cart; `None` until the page sends one (the config's sample cart stands in
    /// until then, for previews and demos).
    pub cart: RwSignal<Option<Cart>>,
    /// Unix seconds, for scheduled offers: refreshed at every schedule boundary, and whenever
    /// the config or the cart changes.
    pub now: RwSignal<i64>,
    /// Fires when an element comes or goes, whose `product` is one the shopper is looking at
    /// (the elements' signals are in [`PRODUCTS`]).
    pub elements_changed: Trigger,
    /// Fires when what the page knows of the shopper changes: the visitor record, their
    /// consent, the viewport's width (all in [`SHOPPER`], plain cells: a signal of each type
    /// measured more wasm than one trigger).
    pub shopper_changed: Trigger,
    /// Every figure, derived from the signals above.
    pub quote: Memo<Option<Quote>>,
}

/// What the page knows of the shopper.
#[derive(Clone, Default)]
pub struct Shopper {
    /// What this browser did in the shop (see [`super::visitor`]).
    pub visitor: Arc<Visitor>,
    /// Whether they allow the record to be kept; without it, experiments show their first
    /// variant (nothing about the browser chooses).
    pub consent: bool,
    /// The viewport's width in CSS pixels, for segments by device.
    pub width: Option<u32>,
}

thread_local! {
    static STORE: Store = Store::new();
    /// The text of the last cart accepted, checked again when the config changes.
    static CART_TEXT: RefCell<Option<String>> = const { RefCell::new(None) };
    /// The `product` signal of each mounted element: the products the shopper is looking at.
    static PRODUCTS: RefCell<Vec<RwSignal<Option<String>>>> = const { RefCell::new(Vec::new()) };
    /// The text of the config in use, against which a refused cart is explained.
    static CONFIG_TEXT: RefCell<String> = const { RefCell::new(String::new()) };
    /// The timer to the next schedule boundary; replacing it cancels the one before.
    static BOUNDARY: RefCell<Option<Timeout>> = const { RefCell::new(None) };
    /// The clock's next tick for a countdown (replacing it cancels the one before).
    static TICK: RefCell<Option<Timeout>> = const { RefCell::new(None) };
    /// What the page knows of the shopper; changes notify `shopper_changed`.
    static SHOPPER: RefCell<Shopper> = RefCell::new(Shopper { consent: true, ..Shopper::default() });
    /// The config last chosen for a shopper: the setup and the id it was chosen from, and
    /// the choice (laying variants over a config decodes it again: done once, not per quote).
    static CHOSEN: RefCell<Option<ChosenFor>> = const { RefCell::new(None) };
    /// The variants the page's URL forces, read once.
    static FORCED: Vec<String> = forced_variants();
}

/// A choice of config, with the setup and the visitor id it was made for.
type ChosenFor = (Arc<Setup>, Option<String>, Arc<Chosen>);

/// A value derived from signals, as a memo: it updates, and what shows it re-renders, only
/// when the value changes (so a live region speaks only when its words change).
///
/// The closure is boxed on purpose: a memo's machinery is compiled once per closure type, so
/// this way each type of value (not each closure) has one copy of it in the wasm.
pub fn derive<T: PartialEq + Send + Sync + 'static>(
    f: impl Fn() -> T + Send + Sync + 'static,
) -> Memo<T> {
    erased_memo(Box::new(f))
}

type Derive<T> = Box<dyn Fn() -> T + Send + Sync>;

#[inline(never)]
fn erased_memo<T: PartialEq + Send + Sync + 'static>(f: Derive<T>) -> Memo<T> {
    Memo::new(move |_| f())
}

impl Store {
    fn new() -> Store {
        let setup: RwSignal<Option<Arc<Setup>>> = RwSignal::new(None);
        let cart: RwSignal<Option<Cart>> = RwSignal::new(None);
        let now = RwSignal::new(now_seconds());
        let elements_changed = Trigger::new();
        let shopper_changed = Trigger::new();
        let quote = Memo::new(move |_| {
            let setup = setup.get()?;
            shopper_changed.track();
            let shopper = SHOPPER.with(|s| s.borrow().clone());
            let chosen = chosen(&setup, &shopper);
            let config = chosen.config.as_ref().unwrap_or(&setup.config);
            let cx = Context {
                now: now.get(),
                country: None,
                viewing: {
                    elements_changed.track();
                    PRODUCTS.with(|p| p.borrow().iter().filter_map(|p| p.get()).collect())
                },
                plural: Some(crate::format::plural),
                page: Page {
                    country: None,
                    width: shopper.width,
                },
                visitor: shopper.visitor,
                variants: chosen.variants.clone(),
            };
            Some(
                cart.with(|c| match c.as_ref().or(setup.sample_cart.as_ref()) {
                    Some(c) => quote(config, c, &cx),
                    None => quote(config, &Cart::empty(config.currency), &cx),
                }),
            )
        });
        Store {
            setup,
            cart,
            now,
            elements_changed,
            shopper_changed,
            quote,
        }
    }

    /// Reads (tracked) the config this shopper sees, `None` before a valid one.
    pub fn with_config<R>(&self, f: impl FnOnce(Option<&Config>) -> R) -> R {
        let Some(setup) = self.setup.get() else {
            return f(None);
        };
        self.shopper_changed.track();
        let chosen = SHOPPER.with(|s| chosen(&setup, &s.borrow()));
        f(Some(chosen.config.as_ref().unwrap_or(&setup.config)))
    }

    /// What the page knows of the shopper, as it stands.
    pub fn shopper() -> Shopper {
        SHOPPER.with(|s| s.borrow().clone())
    }

    /// Changes what the page knows of the shopper; the figures follow.
    pub fn set_shopper(change: impl FnOnce(&mut Shopper)) {
        SHOPPER.with(|s| change(&mut s.borrow_mut()));
        Store::get().shopper_changed.notify();
    }

    /// An element's `product` signal joins (`true`) or leaves the products the shopper is
    /// looking at.
    pub fn viewing(product: RwSignal<Option<String>>, mounted: bool) {
        PRODUCTS.with(|p| {
            let mut p = p.borrow_mut();
            p.retain(|s| *s != product);
            if mounted {
                p.push(product);
            }
        });
        Store::get().elements_changed.notify();
    }

    /// Whether the quote is of the config's sample cart (the page has sent none yet).
    pub fn sample_shown(&self) -> bool {
        self.cart.with_untracked(Option::is_none)
            && self
                .setup
                .with_untracked(|s| s.as_ref().is_some_and(|s| s.sample_cart.is_some()))
    }

    /// The page's store.
    pub fn get() -> Store {
        STORE.with(|s| *s)
    }

    /// Takes a config's JSON text: on success it replaces the config (and the cart is checked
    /// against it again); on failure the last good config stays, and the page hears why.
    pub fn configure(text: &str) -> Result<(), Vec<Error>> {
        let store = Store::get();
        let setup = match Setup::from_json(text) {
            Ok(s) => Arc::new(s),
            Err(errs) => {
                refusal::refuse(Refused::Config, errs.clone(), text, "");
                return Err(errs);
            }
        };
        refusal::config_taken();
        CONFIG_TEXT.with(|c| *c.borrow_mut() = text.to_owned());
        let recheck = CART_TEXT
            .with(|t| t.borrow().clone())
            .map(|t| Cart::from_json(&t, &setup.config));
        store.now.set(now_seconds());
        match recheck {
            Some(Ok(cart)) => store.cart.set(Some(cart)),
            Some(Err(errs)) => {
                // The page has a cart of its own: never fall back to the sample.
                store.cart.set(Some(Cart::empty(setup.config.currency)));
                let cart = CART_TEXT.with(|t| t.borrow().clone()).unwrap_or_default();
                refusal::refuse(Refused::Cart, errs, &cart, text);
            }
            None => {}
        }
        store.setup.set(Some(setup));
        follow_schedule();
        events::ready_soon();
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
            CART_TEXT.with(|t| *t.borrow_mut() = Some(text));
            return Ok(());
        };
        match Cart::from_json(&text, &setup.config) {
            Ok(cart) => {
                CART_TEXT.with(|t| *t.borrow_mut() = Some(text));
                store.now.set(now_seconds());
                store.cart.set(Some(cart));
                follow_schedule();
                Ok(())
            }
            Err(errs) => {
                CONFIG_TEXT
                    .with(|c| refusal::refuse(Refused::Cart, errs.clone(), &text, &c.borrow()));
                Err(errs)
            }
        }
    }
}

/// The config `shopper` sees under `setup` (their variants laid over it), from the cache when
/// neither changed.
fn chosen(setup: &Arc<Setup>, shopper: &Shopper) -> Arc<Chosen> {
    let id = shopper.consent.then(|| shopper.visitor.id.clone());
    CHOSEN.with(|c| {
        let mut c = c.borrow_mut();
        match c.as_ref() {
            Some((s, i, chosen)) if Arc::ptr_eq(s, setup) && *i == id => chosen.clone(),
            _ => {
                let chosen = Arc::new(FORCED.with(|f| setup.for_visitor(id.as_deref(), f)));
                *c = Some((setup.clone(), id, chosen.clone()));
                chosen
            }
        }
    })
}

/// Sets the one timer to the config's next `starts_at` / `ends_at`, when `now` moves on and
/// the figures change by themselves (a goal that starts at midnight, a bundle that ends).
fn follow_schedule() {
    let store = Store::get();
    let next = store.setup.with_untracked(|s| {
        s.as_ref()
            .and_then(|s| s.config.next_boundary(store.now.get_untracked()))
    });
    let timer = next.map(|at| {
        // Milliseconds to the boundary, plus one so that it has passed when the timer fires;
        // at most the ~24.8 days a browser timer can wait (it is then set again).
        let wait = (at as f64 * 1000.0 - js_sys::Date::now()).clamp(0.0, 2_147_483_646.0);
        Timeout::new(wait as u32 + 1, follow_now)
    });
    BOUNDARY.with(|b| *b.borrow_mut() = timer);
    // In a task of its own, after the widgets have drawn: the quote is then computed already,
    // and a burst of carts (a page may send a hundred in a frame) is followed once, not once
    // per cart with a quote each.
    TICK.with(|t| *t.borrow_mut() = Some(Timeout::new(0, follow_countdowns)));
}

/// Sets the one timer to the next moment a countdown's words change (or one starts), when
/// there is one to show: then `now` moves on, and the timer is set again.
fn follow_countdowns() {
    let next = Store::get()
        .quote
        .with_untracked(|q| q.as_ref().and_then(Quote::next_tick));
    let timer = next.map(|s| {
        Timeout::new((s.clamp(1, 86_400) * 1000) as u32, || {
            Store::get().now.set(now_seconds());
            follow_countdowns();
        })
    });
    TICK.with(|t| *t.borrow_mut() = timer);
}

/// The boundary has come: the figures follow the time, and the next boundary is awaited.
fn follow_now() {
    Store::get().now.set(now_seconds());
    follow_schedule();
}

fn now_seconds() -> i64 {
    // Milliseconds since the epoch fit an i64 exactly; this is time, not money.
    (js_sys::Date::now() / 1000.0) as i64
}

/// The variants the page's URL forces (`?cartlift_variant=t60`, several with commas), for the
/// merchant to see each.
fn forced_variants() -> Vec<String> {
    super::param("cartlift_variant")
        .map(|v| v.split([',']).map(|s| s.trim().to_owned()).collect())
        .unwrap_or_default()
}
