//! The page's one store: the config and the cart are signals, the quote is a memo over them,
//! and every element renders from that memo.

use super::events;
use cartlift_core::{quote, Cart, Config, Context, Error, Quote};
use leptos::prelude::*;
use std::cell::RefCell;
use std::sync::Arc;

/// Reactive state shared by every element on the page.
#[derive(Clone, Copy)]
pub struct Store {
    /// The checked config; `None` until a valid one arrives.
    pub config: RwSignal<Option<Arc<Config>>>,
    /// The problems of the last config that was refused, for elements with `preview`.
    pub errors: RwSignal<Vec<Error>>,
    /// The page's cart; `None` until `setCart` (the config's sample cart stands in).
    pub cart: RwSignal<Option<Cart>>,
    /// Unix seconds, for scheduled offers; refreshed whenever the config or cart changes.
    pub now: RwSignal<i64>,
    /// Every figure, derived from the three above.
    pub quote: Memo<Option<Quote>>,
}

thread_local! {
    static STORE: Store = Store::new();
    /// The text of the last cart accepted, checked again when the config changes.
    static CART_TEXT: RefCell<Option<String>> = const { RefCell::new(None) };
}

impl Store {
    fn new() -> Store {
        let config: RwSignal<Option<Arc<Config>>> = RwSignal::new(None);
        let cart: RwSignal<Option<Cart>> = RwSignal::new(None);
        let now = RwSignal::new(now_seconds());
        let quote = Memo::new(move |_| {
            let config = config.get()?;
            let cx = Context {
                now: now.get(),
                country: None,
            };
            Some(cart.with(|c| match c.as_ref().or(config.cart.as_ref()) {
                Some(c) => quote(&config, c, &cx),
                None => quote(&config, &Cart::empty(config.currency), &cx),
            }))
        });
        Store {
            config,
            errors: RwSignal::new(Vec::new()),
            cart,
            now,
            quote,
        }
    }

    /// The page's store.
    pub fn get() -> Store {
        STORE.with(|s| *s)
    }

    /// Takes a config's JSON text: on success it replaces the config (and the cart is checked
    /// against it again); on failure the last good config stays, and the page hears why.
    pub fn configure(text: &str) -> Result<(), Vec<Error>> {
        let store = Store::get();
        let config = match Config::from_json(text) {
            Ok(c) => Arc::new(c),
            Err(errs) => {
                store.errors.set(errs.clone());
                events::config_rejected(&errs);
                return Err(errs);
            }
        };
        let recheck = CART_TEXT
            .with(|t| t.borrow().clone())
            .map(|t| Cart::from_json(&t, &config));
        store.errors.set(Vec::new());
        store.now.set(now_seconds());
        match recheck {
            Some(Ok(cart)) => store.cart.set(Some(cart)),
            Some(Err(errs)) => {
                store.cart.set(None);
                events::cart_rejected(&errs);
            }
            None => {}
        }
        store.config.set(Some(config));
        events::ready_soon();
        Ok(())
    }

    /// Takes a cart's JSON text: on success it becomes the cart; on failure the last good cart
    /// stays shown, and the page hears why. Before a config arrives the cart waits for it.
    pub fn set_cart(text: String) -> Result<(), Vec<Error>> {
        let store = Store::get();
        let Some(config) = store.config.get_untracked() else {
            // Ids and prices wait for the config; the shape can be judged now.
            if let Err(errs) = Cart::check_shape(&text) {
                events::cart_rejected(&errs);
                return Err(errs);
            }
            CART_TEXT.with(|t| *t.borrow_mut() = Some(text));
            return Ok(());
        };
        match Cart::from_json(&text, &config) {
            Ok(cart) => {
                CART_TEXT.with(|t| *t.borrow_mut() = Some(text));
                store.now.set(now_seconds());
                store.cart.set(Some(cart));
                Ok(())
            }
            Err(errs) => {
                events::cart_rejected(&errs);
                Err(errs)
            }
        }
    }
}

fn now_seconds() -> i64 {
    // Milliseconds since the epoch fit an i64 exactly; this is time, not money.
    (js_sys::Date::now() / 1000.0) as i64
}
