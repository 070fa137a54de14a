//! The page's session: the one owner of what cartlift knows on a page. The config, the cart and
//! the time are signals (the [`Store`]), and the texts they were read from are kept beside them;
//! the shopper (visitor record, consent, viewport) is one value behind one trigger; the
//! refusals on their way to the page, the events' emitter and the `cartlift:ready` gate, the
//! timers that follow the clock and the products the shopper is looking at are all fields of
//! the one [`Session`]. Everything else derives from these (the config a shopper sees, the
//! quote: memos), so no value is held twice and kept in step by hand.
//!
//! The modules beside this one are the behaviour: [`super::store`] takes configs and carts and
//! follows the time, [`super::visitor`] keeps the record in `localStorage`, [`super::refusal`]
//! explains what was refused, [`super::events`] tells the page. They reach the state only
//! through [`with`]; none of it is a global of its own.

use cartlift_core::config::Config;
use cartlift_core::setup::Chosen;
use cartlift_core::sort::CollectVec;
use cartlift_core::visitor::{Page, Visitor};
use cartlift_core::{quote, Cart, Context, Error, Quote, Setup};
use gloo_events::EventListener;
use gloo_timers::callback::Timeout;
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use std::sync::Arc;

/// The reactive half of the session, shared by every element on the page: the signals the
/// page's calls write, and the quote derived from them.
///
/// Reference-counted signals and memo, not arena ones: the session lives as long as the page,
/// so nothing is gained by the arena's ownership, and every read through the arena looks the
/// value up by a key, compiled once per value type and closure (docs/architecture.md says
/// what that measured). Readers hold `&'static Store` ([`Store::get`]).
pub struct Store {
    /// The checked config, with its sample cart; `None` until a valid one arrives.
    pub setup: ArcRwSignal<Option<Arc<Setup>>>,
    /// The page's cart; `None` until the page sends one (the config's sample cart stands in
    /// until then, for previews and demos). Set only when it changes.
    pub cart: ArcRwSignal<Option<Cart>>,
    /// Fires with every cart the page sends, even one equal to `cart` (the page refused a
    /// change the shopper asked for: what waited on it is settled).
    pub cart_came: ArcTrigger,
    /// Unix seconds, for scheduled offers: refreshed at every schedule boundary, and whenever
    /// the config or the cart changes.
    pub now: ArcRwSignal<i64>,
    /// Fires when an element comes or goes, whose `product` is one the shopper is looking at
    /// (the elements' signals are the session's `products`).
    pub elements_changed: ArcTrigger,
    /// Fires when what the page knows of the shopper changes: the session's `shopper` (a
    /// plain value: a signal of each of its fields measured more wasm than one trigger).
    pub shopper_changed: ArcTrigger,
    /// Every figure, derived from the signals above; read through [`Store::quote_now`] and
    /// [`Store::quote_untracked`] (see there why).
    pub quote: ArcMemo<Option<Arc<Quote>>>,
}

/// What the page knows of the shopper.
#[derive(Clone, Default)]
pub struct Shopper {
    /// What this browser did in the shop (see [`super::visitor`]).
    pub visitor: Arc<Visitor>,
    /// Whether they allow the record to be kept; without it, nothing is read or written and
    /// experiments show their first variant (nothing about the browser chooses).
    pub consent: bool,
    /// The viewport's width in CSS pixels, for segments by device.
    pub width: Option<u32>,
    /// The variant they picked of each product (spec §10), `(product, variant)` by id: what
    /// every offer of the product prices and adds. Picked in any element, it holds in every
    /// element of the page (behind the shopper's trigger: a signal of its own type measured
    /// ~1 KB more wasm).
    pub picks: Vec<(String, String)>,
}

/// What was refused.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Refused {
    /// A config.
    Config,
    /// A cart, checked against the config.
    Cart,
    /// A cart, before any config arrived (only its shape is judged).
    Shape,
}

/// A refusal not yet reported: what, its problems, the config generation it came in (a
/// config taken since makes a late explanation no longer the preview's list), and whether it
/// still waits for its sentences.
pub struct Waiting {
    /// What was refused.
    pub what: Refused,
    /// Its problems, as far as they are known.
    pub errs: Vec<Error>,
    /// The config generation it came in.
    pub generation: u32,
    /// Whether the checker module's sentences are still on their way.
    pub unexplained: bool,
}

/// When `cartlift:ready` may go: after the first valid config, and after the entry module has
/// mounted the elements that were on the page when the wasm arrived (it mounts one per task).
#[derive(Clone, Copy, Default)]
pub struct ReadyGate {
    /// It has gone.
    pub sent: bool,
    /// A valid config was taken.
    pub configured: bool,
    /// The entry module is mounting the page's first elements.
    pub mounting: bool,
}

/// A choice of config, with the setup and the visitor id it was made for.
type ChosenFor = (Arc<Setup>, Option<String>, Arc<Chosen>);

/// What the page has already heard about gifts (spec §11; said by [`super::gifts`]).
#[derive(Default)]
pub struct GiftsSaid {
    /// The gifts added without a click (never again on this page).
    pub added: Vec<String>,
    /// The gift lines reported for removal, while they stay to be removed.
    pub removing: Vec<String>,
}

/// Everything cartlift knows on this page (see the module's doc).
pub struct Session {
    /// The signals and the quote.
    pub store: Store,
    /// The text of the config in use, against which a refused cart is explained.
    pub config_text: RefCell<String>,
    /// The text of the last cart accepted, checked again when the config changes.
    pub cart_text: RefCell<Option<String>>,
    /// What the page knows of the shopper; changes notify the store's `shopper_changed`.
    pub shopper: RefCell<Shopper>,
    /// The config last chosen for a shopper: the setup and the id it was chosen from, and
    /// the choice (laying variants over a config decodes it again: done once, not per quote).
    chosen: RefCell<Option<ChosenFor>>,
    /// The variants the page's URL forces (`?cartlift_variant=t60`), read once.
    forced: Vec<String>,
    /// The `product` signal of each mounted element: the products the shopper is looking at.
    pub products: RefCell<Vec<ArcRwSignal<Option<String>>>>,
    /// The timer to the next schedule boundary, with the boundary (Unix seconds) it waits
    /// for; replacing it cancels the one before.
    pub boundary: RefCell<Option<(i64, Timeout)>>,
    /// The clock's next tick for a countdown (replacing it cancels the one before).
    pub tick: RefCell<Option<Timeout>>,
    /// The order given before a config could price it: `(cart text, order id)`.
    pub pending_order: RefCell<Option<(String, Option<String>)>>,
    /// What the page has heard about gifts (see [`super::gifts`]).
    pub gifts: RefCell<GiftsSaid>,
    /// The `storage` listener that follows other tabs, kept for the page's life.
    pub storage: RefCell<Option<EventListener>>,
    /// The entry module's function that fetches the checker module and explains.
    pub explain: RefCell<Option<js_sys::Function>>,
    /// Refusals not yet reported, oldest first: the page hears of them in this order.
    pub waiting: RefCell<Vec<Waiting>>,
    /// How many configs were taken (see [`Waiting::generation`]).
    pub generation: Cell<u32>,
    /// The problems of the last config refused since the last one taken (what an element with
    /// `preview` lists); changes notify `errors_changed` (a plain value behind a trigger, like
    /// the shopper: a signal of its own type measured more wasm).
    pub errors: RefCell<Vec<Error>>,
    /// Fires when `errors` changes.
    pub errors_changed: ArcTrigger,
    /// The entry module's emitter, `(target, name, detailJson) => void`.
    pub emit: RefCell<Option<js_sys::Function>>,
    /// The facts told the entry module last (`events::tell_facts`), as their text.
    pub facts_told: RefCell<String>,
    /// When `cartlift:ready` may go.
    pub ready: Cell<ReadyGate>,
    /// On a platform page, what the platform's mapping reads of the config last taken, and
    /// the shopper's market (see [`PlatformKept`]).
    #[cfg(feature = "platform")]
    pub platform: RefCell<PlatformKept>,
}

/// The shopper's currency and the store's rate to it, when they pay in another currency than
/// the config's (Shopify Markets).
#[cfg(feature = "platform")]
pub type Market = Option<(cartlift_core::Currency, cartlift_core::market::Rate)>;

/// What a platform page's session keeps of the config last taken, read from the one parse
/// that gave the widgets theirs (`cartlift_core::adapter::platform_setup`): the adapter never
/// hands the config to the wasm a second time.
#[cfg(feature = "platform")]
#[derive(Default)]
pub struct PlatformKept {
    /// The config taken while the adapter holds the widgets, checked, waiting for the market
    /// (converted then, not parsed again).
    pub waiting: Option<Setup>,
    /// The platform's items by the config's products (its `variant_id`s), for every read of
    /// the platform's cart.
    pub variants: cartlift_core::platform::Variants,
    /// The adapter's answer for this config (its pairs and the problems of what only a
    /// platform reads), until the adapter has taken it: each config's problems are said once.
    pub answer: Option<String>,
    /// The shopper's market, as the adapter said it last.
    pub market: Market,
    /// The adapter is reading the shopper's cart, which says their currency: until it says
    /// the market, a config taken waits (the widgets draw once, with the shopper's cart, in
    /// the currency they pay in).
    pub held: bool,
}

thread_local! {
    // Made once and kept for the page's life: a reference, so that one function reads it.
    static SESSION: &'static Session = Box::leak(Box::new(Session::new()));
}

/// The page's session; the first call makes it (see [`begin`]).
///
/// One function reads the thread-local: its `with` is compiled once per closure type, and a
/// copy per caller of [`with`] measured ~0.6 KB brotli of the wasm.
#[inline(never)]
fn session() -> &'static Session {
    SESSION.with(|s| *s)
}

/// Runs `f` with the page's session; the first call makes it (see [`begin`]).
pub fn with<R>(f: impl FnOnce(&Session) -> R) -> R {
    f(session())
}

/// Makes the session, where no element's owner is current: made first inside an element's
/// mount (a config that comes after the elements, as one in the page's language does), its
/// signals would be that element's, and gone when it is removed. `explain` is how a refusal
/// gets its sentences, `emit` how every event reaches the page.
pub fn begin(explain: js_sys::Function, emit: js_sys::Function) {
    with(|s| {
        *s.explain.borrow_mut() = Some(explain);
        *s.emit.borrow_mut() = Some(emit);
    });
}

impl Session {
    fn new() -> Session {
        Session {
            store: Store::new(),
            config_text: RefCell::new(String::new()),
            cart_text: RefCell::new(None),
            shopper: RefCell::new(Shopper {
                consent: true,
                ..Shopper::default()
            }),
            chosen: RefCell::new(None),
            forced: forced_variants(),
            products: RefCell::new(Vec::new()),
            boundary: RefCell::new(None),
            tick: RefCell::new(None),
            pending_order: RefCell::new(None),
            gifts: RefCell::default(),
            storage: RefCell::new(None),
            explain: RefCell::new(None),
            waiting: RefCell::new(Vec::new()),
            generation: Cell::new(0),
            errors: RefCell::new(Vec::new()),
            errors_changed: ArcTrigger::new(),
            emit: RefCell::new(None),
            facts_told: RefCell::new(String::new()),
            ready: Cell::new(ReadyGate::default()),
            #[cfg(feature = "platform")]
            platform: RefCell::default(),
        }
    }

    /// The config `shopper` sees under `setup` (their variants laid over it), from the cache
    /// when neither changed; `None` in a build without personalization, which has no
    /// experiments to choose in, and so none of the choice's code (the `None` still crosses
    /// the session's `with`, so such a build keeps the drop of an `Option<Arc<Chosen>>`).
    #[inline]
    pub fn chosen(&self, setup: &Arc<Setup>, shopper: &Shopper) -> Option<Arc<Chosen>> {
        match cartlift_core::parts::PERSONAL {
            true => Some(self.choose(setup, shopper)),
            false => None,
        }
    }

    /// [`Session::chosen`] in a build with personalization.
    fn choose(&self, setup: &Arc<Setup>, shopper: &Shopper) -> Arc<Chosen> {
        let id = shopper.consent.then(|| shopper.visitor.id.clone());
        let mut c = self.chosen.borrow_mut();
        match c.as_ref() {
            Some((s, i, chosen)) if Arc::ptr_eq(s, setup) && *i == id => chosen.clone(),
            _ => {
                let chosen = Arc::new(setup.for_visitor(id.as_deref(), &self.forced));
                *c = Some((setup.clone(), id, chosen.clone()));
                chosen
            }
        }
    }
}

impl Store {
    fn new() -> Store {
        let setup: ArcRwSignal<Option<Arc<Setup>>> = ArcRwSignal::new(None);
        let cart: ArcRwSignal<Option<Cart>> = ArcRwSignal::new(None);
        let now = ArcRwSignal::new(now_seconds());
        let elements_changed = ArcTrigger::new();
        let shopper_changed = ArcTrigger::new();
        let cart_came = ArcTrigger::new();
        // Not compared by value: a new quote is a new `Arc`, and a changed input is nearly
        // always a changed figure, while a deep comparison of every quote (the derived
        // `PartialEq` of every offer kind) measured 3.4 KB of the bar flavour's wasm and ran
        // on every cart. What the page re-sends unchanged (an equal cart, elements showing the
        // same products) is stopped before the quote instead; each widget's memo still
        // compares its own text, so the DOM is touched only where words change.
        let quote = ArcMemo::new_with_compare(
            {
                let (setup, cart, now) = (setup.clone(), cart.clone(), now.clone());
                let (shopper_changed, elements_changed) =
                    (shopper_changed.clone(), elements_changed.clone());
                move |_| {
                    let setup = setup.get()?;
                    shopper_changed.track();
                    elements_changed.track();
                    let (shopper, chosen, viewing) = with(|s| {
                        let shopper = s.shopper.borrow().clone();
                        let chosen = s.chosen(&setup, &shopper);
                        let viewing = s
                            .products
                            .borrow()
                            .iter()
                            .filter_map(|p| p.get())
                            .collect_vec();
                        (shopper, chosen, viewing)
                    });
                    let config = chosen
                        .as_ref()
                        .and_then(|c| c.config.as_ref())
                        .unwrap_or(&setup.config);
                    let cx = Context {
                        now: now.get(),
                        country: None,
                        viewing,
                        plural: Some(crate::format::plural),
                        page: Page {
                            country: None,
                            width: shopper.width,
                        },
                        visitor: shopper.visitor,
                        variants: chosen
                            .as_ref()
                            .map(|c| c.variants.clone())
                            .unwrap_or_default(),
                        picks: shopper.picks.iter().map(|(_, v)| v.clone()).collect_vec(),
                    };
                    Some(Arc::new(cart.with(
                        |c| match c.as_ref().or(setup.sample_cart.as_ref()) {
                            Some(c) => quote(config, c, &cx),
                            None => quote(config, &Cart::empty(config.currency), &cx),
                        },
                    )))
                }
            },
            new_quote,
        );
        Store {
            setup,
            cart,
            cart_came,
            now,
            elements_changed,
            shopper_changed,
            quote,
        }
    }

    /// The quote (tracked: what reads it re-runs when it changes), `None` before a valid
    /// config.
    ///
    /// Every reader goes through this one function, not the memo's `with` and a closure of
    /// its own: the graph's generic read is compiled once per closure type, and a copy per
    /// reader measured (with the untracked one below) ~1 KB brotli of the wasm.
    #[inline(never)]
    pub fn quote_now(&self) -> Option<Arc<Quote>> {
        self.quote.get()
    }

    /// The quote, untracked (for handlers and timers).
    #[inline(never)]
    pub fn quote_untracked(&self) -> Option<Arc<Quote>> {
        self.quote.get_untracked()
    }

    /// The page's store.
    pub fn get() -> &'static Store {
        &session().store
    }

    /// Reads (tracked) the config this shopper sees, `None` before a valid one.
    pub fn with_config<R>(&self, f: impl FnOnce(Option<&Config>) -> R) -> R {
        let Some(setup) = self.setup.get() else {
            return f(None);
        };
        self.shopper_changed.track();
        let chosen = with(|s| s.chosen(&setup, &s.shopper.borrow()));
        f(Some(
            chosen
                .as_ref()
                .and_then(|c| c.config.as_ref())
                .unwrap_or(&setup.config),
        ))
    }

    /// What the page knows of the shopper, as it stands.
    pub fn shopper() -> Shopper {
        with(|s| s.shopper.borrow().clone())
    }

    /// Changes what the page knows of the shopper; the figures follow.
    pub fn set_shopper(change: impl FnOnce(&mut Shopper)) {
        let s = session();
        change(&mut s.shopper.borrow_mut());
        s.store.shopper_changed.notify();
    }

    /// An element's `product` signal joins (`true`) or leaves the products the shopper is
    /// looking at. The figures follow only when the products looked at change: a page's
    /// elements mount one by one, and most show no product of their own.
    pub fn viewing(product: &ArcRwSignal<Option<String>>, mounted: bool) {
        let s = session();
        let changed = {
            let mut p = s.products.borrow_mut();
            let before = viewed_products(&p);
            p.retain(|s| s != product);
            if mounted {
                p.push(product.clone());
            }
            viewed_products(&p) != before
        };
        if changed {
            s.store.elements_changed.notify();
        }
    }

    /// The shopper picks `variant` of `product` (spec §10): every offer of it follows.
    pub fn pick(product: &str, variant: &str) {
        Store::set_shopper(|s| {
            s.picks.retain(|(q, _)| q != product);
            s.picks.push((product.to_owned(), variant.to_owned()));
        });
    }

    /// Whether the quote is of the config's sample cart (the page has sent none yet).
    pub fn sample_shown(&self) -> bool {
        self.cart.with_untracked(Option::is_none)
            && self
                .setup
                .with_untracked(|s| s.as_ref().is_some_and(|s| s.sample_cart.is_some()))
    }
}

/// Whether the quote memo's new value is news: always, unless it is the same `Arc` or there
/// is still no quote (see `Store::new`).
fn new_quote(old: Option<&Option<Arc<Quote>>>, new: Option<&Option<Arc<Quote>>>) -> bool {
    match (old, new) {
        (Some(Some(a)), Some(Some(b))) => !Arc::ptr_eq(a, b),
        (Some(None), Some(None)) => false,
        _ => true,
    }
}

/// The products the page's elements show, in their order, as the quote reads them (an element
/// without a product shows none).
fn viewed_products(products: &[ArcRwSignal<Option<String>>]) -> Vec<String> {
    products
        .iter()
        .filter_map(|p| p.get_untracked())
        .collect_vec()
}

/// Unix seconds now.
pub fn now_seconds() -> i64 {
    // Milliseconds since the epoch fit an i64 exactly; this is time, not money.
    (js_sys::Date::now() / 1000.0) as i64
}

/// The variants the page's URL forces (`?cartlift_variant=t60`, several with commas), for the
/// merchant to see each.
fn forced_variants() -> Vec<String> {
    // A build without personalization has no experiments to force a variant of.
    if !cartlift_core::parts::PERSONAL {
        return Vec::new();
    }
    super::param("cartlift_variant")
        .map(|v| v.split([',']).map(|s| s.trim().to_owned()).collect_vec())
        .unwrap_or_default()
}
