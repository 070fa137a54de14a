//! Refusals: a config or a cart the store would not take, reported to the page with every
//! problem's sentence.
//!
//! The widget's wasm finds every problem, with its code and path, but carries none of the
//! sentences: the core is built without its `messages` feature, which keeps their text and
//! formatting out of every shopper's download. When something is refused, the entry module
//! fetches cartlift's checker module (`checker/`: the same core with the sentences), which
//! checks the same text again and hands back every problem in full; then the page hears of it
//! (one console message, one `cartlift:error`), a few milliseconds later than the refusal
//! itself. Explanations are reported in the order of the refusals.

use super::events;
use cartlift_core::json::errors_from_json;
use cartlift_core::Error;
use leptos::prelude::{RwSignal, Set};
use std::cell::{Cell, RefCell};
use wasm_bindgen::JsValue;

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

impl Refused {
    fn name(self) -> &'static str {
        match self {
            Refused::Config => "config",
            Refused::Cart => "cart",
            Refused::Shape => "shape",
        }
    }
}

/// A refusal not yet reported: what, its problems, the config generation it came in (a
/// config taken since makes a late explanation no longer the preview's list), and whether it
/// still waits for its sentences.
struct Waiting {
    what: Refused,
    errs: Vec<Error>,
    generation: u32,
    unexplained: bool,
}

thread_local! {
    /// The entry module's function that fetches the checker module and explains.
    static EXPLAIN: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
    /// Refusals not yet reported, oldest first: the page hears of them in this order.
    static WAITING: RefCell<Vec<Waiting>> = const { RefCell::new(Vec::new()) };
    static GENERATION: Cell<u32> = const { Cell::new(0) };
    /// The problems of the last config refused since the last one taken (what an element with
    /// `preview` lists); owned here, where refusals are reported.
    static ERRORS: RwSignal<Vec<Error>> = RwSignal::new(Vec::new());
}

/// The problems of the last config refused since one was taken, for the elements to list.
pub fn errors() -> RwSignal<Vec<Error>> {
    ERRORS.with(|e| *e)
}

/// Takes the entry module's explaining function, `(kind, text, config) => void`, which calls
/// [`crate::explained`] when it has the sentences (or has given up).
pub fn set_explainer(explain: js_sys::Function) {
    EXPLAIN.with(|e| *e.borrow_mut() = Some(explain));
}

/// A config was taken: explanations still on their way are of older ones, and the problems
/// listed are gone.
pub fn config_taken() {
    GENERATION.with(|g| g.set(g.get().wrapping_add(1)));
    errors().set(Vec::new());
}

/// Reports that `text` was refused with `errs`: at once when they have their sentences (and
/// nothing is waiting before them), else once the checker module has written them. `config` is
/// the config text a cart was checked against.
pub fn refuse(what: Refused, errs: Vec<Error>, text: &str, config: &str) {
    let explain = EXPLAIN
        .with(|e| e.borrow().clone())
        .filter(|_| errs.iter().any(|e| e.message().is_empty()));
    let generation = GENERATION.with(Cell::get);
    let queued = WAITING.with(|w| !w.borrow().is_empty());
    if explain.is_none() && !queued {
        return report(what, errs, generation);
    }
    WAITING.with(|w| {
        w.borrow_mut().push(Waiting {
            what,
            errs,
            generation,
            unexplained: explain.is_some(),
        })
    });
    if let Some(explain) = explain {
        let args = [what.name(), text, config].map(JsValue::from_str);
        if explain
            .call3(&JsValue::NULL, &args[0], &args[1], &args[2])
            .is_err()
        {
            explained(None);
        }
    }
}

/// The checker module's answer to the oldest refusal still unexplained: its problems as JSON,
/// or `None` when the module could not be had (each problem is then said by its code). Then
/// every refusal ready in turn is reported.
pub fn explained(json: Option<String>) {
    let full = json
        .as_deref()
        .and_then(errors_from_json)
        .filter(|e| !e.is_empty());
    WAITING.with(|w| {
        if let Some(next) = w.borrow_mut().iter_mut().find(|r| r.unexplained) {
            next.unexplained = false;
            // What this wasm said in full (a part its build does not carry, which the checker,
            // carrying every part, cannot find) stays, before the checker's problems; without
            // them, each other problem is said by its code.
            for e in std::mem::take(&mut next.errs) {
                if !e.message().is_empty() {
                    next.errs.push(e);
                } else if full.is_none() {
                    next.errs
                        .push(Error::new(e.code(), e.path(), e.code().as_str()));
                }
            }
            next.errs.extend(full.into_iter().flatten());
        }
    });
    loop {
        let ready = WAITING.with(|w| {
            let mut w = w.borrow_mut();
            (w.first().is_some_and(|r| !r.unexplained)).then(|| w.remove(0))
        });
        match ready {
            Some(r) => report(r.what, r.errs, r.generation),
            None => break,
        }
    }
}

fn report(what: Refused, errs: Vec<Error>, generation: u32) {
    match what {
        Refused::Config => {
            if generation == GENERATION.with(Cell::get) {
                errors().set(errs.clone());
            }
            events::config_rejected(&errs);
        }
        Refused::Cart | Refused::Shape => events::cart_rejected(&errs),
    }
}
