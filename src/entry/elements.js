// @ts-check
// The `cartlift-*` custom elements: defined once per page, each mounted by the wasm when it is
// near the view (or at once with `eager`), one per task, and released when removed.

import { call, started } from './bindings.js';
import { mounted, state } from './ready.js';
import { adoptTheme } from './theme.js';

/** Every element cartlift defines. */
export const TAGS = ['cartlift-shipping-bar', 'cartlift-bundles', 'cartlift-upsell', 'cartlift-tiers', 'cartlift-recommendations'];

/**
 * A cartlift element as this module keeps it.
 * @typedef {HTMLElement & {
 *   _cartlift: number | null | undefined,
 *   _cartliftRoot: Element | null | undefined,
 *   _internals: ElementInternals | undefined,
 *   _cartliftState(name: import('./ready.js').PageState): void,
 *   _cartliftMount(): void,
 * }} CartliftElement
 */

/** The elements whose widget is a table, or cards when narrow (see `judge`): the bundles', the
 * recommendations', and the tiers' quantity selector. */
const TABLES = ['cartlift-bundles', 'cartlift-recommendations', 'cartlift-tiers'];

/** Elements connected and not yet mounted, judged together. @type {Set<CartliftElement>} */
export const connected = new Set();

/** cartlift's own main-thread work, as `cartlift:work` measures the benchmark adds up. @param {() => void} fn */
export const timed = (fn) => {
  const t = performance.now();
  fn();
  try { performance.measure('cartlift:work', { start: t }); } catch { /* no User Timing L3 */ }
};

// Elements far below the fold render when the shopper scrolls near them, so their cost is not
// paid during the page's load; those in view (or with `eager`) render at once.
const NEAR = 400;
/** @param {Element} el */
const nearView = (el) => {
  const r = el.getBoundingClientRect();
  const h = globalThis.innerHeight || 0;
  const w = globalThis.innerWidth || 0;
  // An empty element not yet rendered has no size but a place; a hidden one has no box.
  return el.getClientRects().length > 0 && r.bottom >= -NEAR && r.top <= h + NEAR && r.right >= -NEAR && r.left <= w + NEAR;
};
/** @type {IntersectionObserver | null} */
let lazy = null;

// Table or cards: the bundle table stacks into cards when the widget is narrow (see `judge`),
// judged from the width of its wrapper in the shadow root (a size container would give it no width in a parent
// that sizes to its content, and it would collapse there; the element itself may be made
// inline by a theme's reset, and an inline box's width is its text's).
/** @type {ResizeObserver | null} */
let sizes = null;
/** Cards under 480 px, and wherever the table would squeeze its first column under 6em (a
 * narrow column of the page, a long button): the width at which that happened is kept, and the
 * table comes back only above it, so the two never take turns. @param {Element} root */
const judge = (root) => {
  const box = /** @type {HTMLElement} */ (root);
  const width = box.getBoundingClientRect().width;
  let narrow = width < Number(box.dataset.cards ?? 480);
  if (!narrow && box.classList.contains('narrow')) box.classList.remove('narrow');
  const name = narrow ? null : box.querySelector('th.bundle-name');
  if (name && name.getBoundingClientRect().width < 6 * parseFloat(getComputedStyle(name).fontSize)) {
    box.dataset.cards = String(Math.ceil(width) + 1);
    narrow = true;
  }
  box.classList.toggle('narrow', narrow);
};

/** A fresh task, so the page's input and its own scripts run between cartlift's steps. */
const nextTask = () => (/** @type {any} */ (globalThis).scheduler?.yield
  ? /** @type {any} */ (globalThis).scheduler.yield()
  : new Promise((r) => { setTimeout(r, 0); }));

// Elements connected in one go (the page's HTML, or a script adding several) are judged
// together, before any of them renders: a widget that grows as it renders does not push the
// ones after it out of the first render, whether they came before the wasm or after it. Then
// one element per task: several widgets never make one long task.
/** @type {Promise<void> | null} */
let draining = null;
/** Mounts the connected elements; resolves when none is left. @returns {Promise<void>} */
export const drain = () => draining || (draining = (async () => {
  await null; // let the script that is adding elements finish adding them
  while (connected.size) {
    const batch = [...connected].map((el) => /** @type {const} */ ([el, !lazy || el.hasAttribute('eager') || nearView(el)]));
    connected.clear();
    for (const [el, now] of batch) {
      if (!el.isConnected || el._cartlift != null) continue;
      if (!now) { lazy?.observe(el); continue; }
      await nextTask();
      if (el.isConnected) timed(() => el._cartliftMount());
    }
  }
  draining = null;
})());

/**
 * Defines the elements (those not defined yet). `watch` follows a mounted widget's offers for
 * impressions.
 * @param {(shadow: ShadowRoot) => void} watch
 */
export const defineElements = (watch) => {
  lazy = globalThis.IntersectionObserver
    ? new IntersectionObserver((entries) => {
      for (const e of entries) {
        if (e.isIntersecting) { lazy?.unobserve(e.target); /** @type {CartliftElement} */ (e.target)._cartliftMount(); }
      }
    }, { rootMargin: `${NEAR}px` })
    : null;
  sizes = globalThis.ResizeObserver
    ? new ResizeObserver((entries) => {
      for (const e of entries) judge(e.target);
    })
    : null;
  const Base = globalThis.HTMLElement || class {};
  for (const tag of TAGS) {
    if (!globalThis.customElements || customElements.get(tag)) continue;
    customElements.define(tag, class extends Base {
      static get observedAttributes() { return ['product', 'preview', 'limit']; }
      /** The wasm's id of this element's view, while mounted. @type {number | null | undefined} */
      _cartlift;
      /** Its shadow root's wrapper, while mounted. @type {Element | null | undefined} */
      _cartliftRoot;
      /** @type {ElementInternals | undefined} */
      _internals;
      constructor() {
        super();
        try { this._internals = this.attachInternals(); } catch { /* no ElementInternals */ }
        this._cartliftState('fallback');
      }

      /** Older Chromium only takes the `--name` spelling of a custom state. @param {string} name */
      _cartliftState(name) {
        const states = this._internals?.states;
        if (!states) return;
        for (const n of ['fallback', 'rendered', 'error']) {
          try { states.delete(n); states.delete(`--${n}`); } catch { /* not a valid name here */ }
        }
        try { states.add(name); } catch {
          try { states.add(`--${name}`); } catch { /* no custom states */ }
        }
      }

      connectedCallback() {
        if (this._cartlift != null) return;
        if (state() === 'error') this._cartliftState('error');
        connected.add(/** @type {CartliftElement} */ (/** @type {unknown} */ (this)));
        if (started()) drain();
      }

      _cartliftMount() {
        if (this.isConnected && this._cartlift == null) this._cartlift = call('mount', [this], null);
        if (this._cartlift == null) return;
        mounted.add(/** @type {CartliftElement} */ (/** @type {unknown} */ (this)));
        this._cartliftState(state());
        const shadow = this.shadowRoot;
        const root = shadow?.firstElementChild;
        if (!shadow || !root) return;
        // Only a table turns into cards (the bundles', the recommendations', the selector's): judged at once
        // (the observer's first word comes a frame late, and the switch would then shift the
        // page), and followed from then on. The other widgets force no layout here.
        if (TABLES.includes(this.localName)) {
          judge(root);
          sizes?.observe(root);
        }
        this._cartliftRoot = root;
        watch(shadow);
        adoptTheme(shadow, TAGS.join());
      }

      disconnectedCallback() {
        const self = /** @type {CartliftElement} */ (/** @type {unknown} */ (this));
        connected.delete(self);
        lazy?.unobserve(this);
        if (this._cartlift != null) { call('unmount', [this._cartlift]); this._cartlift = null; }
        mounted.delete(self);
        if (this._cartliftRoot) sizes?.unobserve(this._cartliftRoot);
        this._cartliftRoot = null;
        this._cartliftState('fallback');
      }

      /** @param {string} name @param {string | null} _old @param {string | null} value */
      attributeChangedCallback(name, _old, value) {
        if (this._cartlift != null) call('attribute_changed', [this._cartlift, name, value]);
      }
    });
  }
};
