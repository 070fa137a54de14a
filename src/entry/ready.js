// @ts-check
// Whether the page's widgets have rendered: `cartlift.ready`, and each element's custom state
// for themes: `:state(fallback)` until the first valid config has rendered, then
// `:state(rendered)` (a config refused later leaves the last good one shown); `:state(error)`
// while only refused configs have come, or for good when WebAssembly cannot start. An element
// not mounted (far below the fold, or removed) shows its fallback.

/** @typedef {'fallback' | 'rendered' | 'error'} PageState */
/** @typedef {HTMLElement & { _cartliftState(name: PageState): void }} StatedElement */

/** @type {PageState} */
let pageState = 'fallback';
let done = false;
/** @type {{ resolve: () => void, reject: (e: unknown) => void }} */
let settle = { resolve: () => {}, reject: () => {} };
/** Resolves with the first valid config's render; rejects (an AggregateError of the problems)
 * when the page's first config is refused or the wasm cannot start. Marked handled here, so a
 * page that never awaits it hears no unhandled rejection. */
export const ready = new Promise((resolve, reject) => { settle = { resolve: () => resolve(undefined), reject }; });
ready.catch(() => { /* handled: the page may never await it */ });

/** The mounted elements, which show the page's state. @type {Set<StatedElement>} */
export const mounted = new Set();

/** The page's state now. */
export const state = () => pageState;

const show = () => { for (const el of mounted) el._cartliftState(pageState); };

/** Rejects `ready` (once) with `errors`, saying `why`. @param {unknown[]} errors @param {string} why */
export const fail = (errors, why) => {
  if (done) return;
  done = true;
  settle.reject(new AggregateError(errors, `cartlift: ${why}`));
};

/** The widgets rendered a valid config. */
export const rendered = () => {
  done = true;
  pageState = 'rendered';
  show();
  settle.resolve();
};

/** A config was refused: the elements say so while no valid one has rendered. */
export const refused = () => {
  if (pageState === 'fallback') { pageState = 'error'; show(); }
};

/** WebAssembly cannot start: the fallback stays for good. @param {Iterable<StatedElement>} waiting */
export const broken = (waiting) => {
  pageState = 'error';
  for (const el of waiting) el._cartliftState('error');
};
