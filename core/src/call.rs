//! Closures called through a reference or a box, behind traits of one method each.
//!
//! A `dyn Fn` trait object's table also holds `call_once` and `call_mut`, and every closure
//! type used as one compiles a shim for each (the `call_once` one with the closure's drop in
//! it), though cartlift only ever calls it by reference. These traits hold the one method
//! called, so such a closure costs its body and its drop, nothing more: on the largest page,
//! 1.2 KB brotli of the widget's wasm (`docs/architecture.md`, "Flavours"). Any closure of
//! the right shape is one, by the blanket impls; a box of one that leptos keeps adds
//! `+ Send + Sync`.

/// A computation of no arguments: a memo's value, an effect's run, a list's keys.
pub trait Compute<T> {
    /// Runs it.
    fn compute(&self) -> T;
}

impl<T, F: Fn() -> T> Compute<T> for F {
    fn compute(&self) -> T {
        self()
    }
}

/// A computation of one argument: an event's handler, a list's item, a template's
/// placeholder by its name, a sort's key.
pub trait Apply<A, T> {
    /// Runs it on `a`.
    fn apply(&self, a: A) -> T;
}

impl<A, T, F: Fn(A) -> T> Apply<A, T> for F {
    fn apply(&self, a: A) -> T {
        self(a)
    }
}

/// A computation of two arguments: a list's writer of item `i` into its output, a sort's
/// order of two positions.
pub trait Apply2<A, B, T> {
    /// Runs it on `a` and `b`.
    fn apply2(&self, a: A, b: B) -> T;
}

impl<A, B, T, F: Fn(A, B) -> T> Apply2<A, B, T> for F {
    fn apply2(&self, a: A, b: B) -> T {
        self(a, b)
    }
}
