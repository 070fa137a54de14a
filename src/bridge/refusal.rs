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
use super::session;
pub use super::session::Refused;
use super::session::Waiting;
use cartlift_core::json::errors_from_json;
use cartlift_core::Error;
use leptos::prelude::{Notify, Track};
use wasm_bindgen::JsValue;

fn name(what: Refused) -> &'static str {
    match what {
        Refused::Config => "config",
        Refused::Cart => "cart",
        Refused::Shape => "shape",
    }
}

/// Reads (tracked) the problems of the last config refused since one was taken, for the
/// elements to list.
pub fn with_errors<R>(f: impl FnOnce(&[Error]) -> R) -> R {
    session::with(|s| {
        s.errors_changed.track();
        f(&s.errors.borrow())
    })
}

/// Replaces the problems listed, and tells their readers.
fn set_errors(errs: Vec<Error>) {
    session::with(|s| {
        *s.errors.borrow_mut() = errs;
        s.errors_changed.notify();
    });
}

/// A config was taken: explanations still on their way are of older ones, and the problems
/// listed are gone.
pub fn config_taken() {
    session::with(|s| s.generation.set(s.generation.get().wrapping_add(1)));
    set_errors(Vec::new());
}

/// Reports that `text` was refused with `errs`: at once when they have their sentences (and
/// nothing is waiting before them), else once the checker module has written them. `config` is
/// the config text a cart was checked against.
pub fn refuse(what: Refused, errs: Vec<Error>, text: &str, config: &str) {
    let (explain, generation, queued) = session::with(|s| {
        (
            s.explain.borrow().clone(),
            s.generation.get(),
            !s.waiting.borrow().is_empty(),
        )
    });
    let explain = explain.filter(|_| errs.iter().any(|e| e.message().is_empty()));
    if explain.is_none() && !queued {
        return report(what, errs, generation);
    }
    session::with(|s| {
        s.waiting.borrow_mut().push(Waiting {
            what,
            errs,
            generation,
            unexplained: explain.is_some(),
        })
    });
    if let Some(explain) = explain {
        let args = [name(what), text, config].map(JsValue::from_str);
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
    session::with(|s| {
        if let Some(next) = s.waiting.borrow_mut().iter_mut().find(|r| r.unexplained) {
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
        let ready = session::with(|s| {
            let mut w = s.waiting.borrow_mut();
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
            if generation == session::with(|s| s.generation.get()) {
                set_errors(errs.clone());
            }
            events::config_rejected(&errs);
        }
        Refused::Cart | Refused::Shape => events::cart_rejected(&errs),
    }
}
