// @ts-check
// ---- Shopify: the AJAX Cart API ---------------------------------------------------------
// Reads `{root}cart.js` (root from `Shopify.routes.root`, default `/`); adds with one
// `POST cart/add.js` of `items[]` carrying `_cartlift_bundle` / `_cartlift_offer`; removes an
// upsell by its line `key` through `cart/change.js`; an offer's `discount_code` goes to
// `cart/update.js`, as does the shopper's claim to segments and experiment variants (the
// `_cartlift` cart attribute, which cartlift's Discount Function reads). Follows the standard
// `shopify:cart:lines-update` and `shopify:cart:discount-update` events (awaiting their
// promise), Dawn's `cart-update` publications, Horizon 3's `cart:update` event, the page's own
// requests to cart/add|change|update|clear, and the tab becoming visible. The shopper's
// currency and its rate are `Shopify.currency.active` and `.rate` (Markets).
//
// Telling the theme, as each theme listens (`shopify-changes.js`, fetched at the first change):
// - Shopify's standard action `Shopify.actions.updateCart`, when the theme has configured it
//   (`isDefault()` is false: Horizon 4 configures its `eventTarget`, so Shopify's standard
//   events reach its cart and icon), or on a Horizon-style theme (`cart-items-component`), whose
//   cart Shopify's default action documents it refreshes in place. Adds, removes (by the AJAX
//   line key, which the action takes) and discount codes go through it, and the theme is told
//   nothing more.
// - Otherwise the AJAX API, asking Shopify to render the theme's cart sections with the change
//   (Horizon's `cart-items-component[data-section-id]`, Dawn's `cart-icon-bubble` and
//   `cart-drawer` or `cart-notification-button`; at most five), then drawing Dawn's as Dawn
//   does (its header count is redrawn only from the sections of a write, and a drawer that
//   addresses lines by their place must show Shopify's new order), publishing Dawn's
//   `cart-update` for its other subscribers (the cart page), and dispatching Horizon 3's
//   `cart:update`. Shopify's default action is not used on Dawn: on the Dawn-like page it
//   costs a write, a cart read and a separate section render where this costs one write
//   with its sections, and it would reload a theme it does not recognise (a renamed fork).

import { adapter } from './common.js';
import { textOf, timed } from './requests.js';

/**
 * Starts the Shopify adapter with what cartlift.js hands it.
 * @param {import('./common.js').Host} host
 */
export async function start(host) {
  const root = () => {
    const r = globalThis.Shopify?.routes?.root;
    return typeof r === 'string' && r.startsWith('/') ? (r.endsWith('/') ? r : `${r}/`) : '/';
  };
  const url = (/** @type {string} */ path) => `${root()}${path}`;
  // Dawn declares its pub/sub in classic scripts: `PUB_SUB_EVENTS` is a top-level `const`, a
  // global lexical binding that only a name (not `window`) reaches; `subscribe` and `publish`
  // are functions. A theme without the names but with the functions uses Dawn's event name.
  /* global PUB_SUB_EVENTS, subscribe, publish */
  const pubsub = () => {
    try {
      const on = typeof subscribe === 'function' ? subscribe : null;
      const say = typeof publish === 'function' ? publish : null;
      if (!on || !say) return null;
      /** @type {{ cartUpdate?: unknown } | null} */
      const events = typeof PUB_SUB_EVENTS === 'object' && PUB_SUB_EVENTS ? PUB_SUB_EVENTS : null;
      return { on, say, cartUpdate: typeof events?.cartUpdate === 'string' ? events.cartUpdate : 'cart-update' };
    } catch {
      return null;
    }
  };

  // A theme's own publication names its source, so cartlift's own does not make it re-read.
  const SOURCE = 'cartlift';

  return adapter(host, {
    name: 'shopify',
    // Markets: the shopper's currency and the shop's rate to it, as the store prints them.
    currency() {
      const active = globalThis.Shopify?.currency?.active;
      return typeof active === 'string' ? active : null;
    },
    rate(currency) {
      const c = globalThis.Shopify?.currency;
      const rate = c?.active === currency ? c.rate : null;
      return typeof rate === 'string' || typeof rate === 'number' ? String(rate) : null;
    },
    // The order status page, where `Shopify.checkout` describes the order just placed.
    confirmation() {
      const id = globalThis.Shopify?.checkout?.order_id;
      return id == null ? null : String(id);
    },
    // Its lines: `placed` in the writing part, fetched on that page only.
    placedOnPage: true,
    async read(fetchFn) {
      return textOf(await timed(fetchFn, url('cart.js'), { headers: { Accept: 'application/json' } }));
    },
    isCartWrite(href, method) {
      if (method !== 'POST') return false;
      const path = new URL(href, location.href).pathname;
      return /\/cart\/(add|change|update|clear)(\.js)?$/.test(path);
    },
    follow(reread) {
      // Shopify's standard events carry the change's `promise` on the event itself.
      for (const name of ['shopify:cart:lines-update', 'shopify:cart:discount-update']) {
        document.addEventListener(name, (e) => {
          const event = /** @type {Event & { promise?: Promise<unknown>, detail?: { promise?: Promise<unknown> } }} */ (e);
          const done = event.promise ?? event.detail?.promise;
          (done && typeof done.then === 'function' ? done : Promise.resolve()).then(reread, reread);
        });
      }
      document.addEventListener('cart:update', (e) => {
        if (/** @type {CustomEvent} */ (e).detail?.data?.source !== SOURCE) reread();
      });
      const dawn = pubsub();
      if (dawn) {
        try {
          dawn.on(dawn.cartUpdate, (/** @type {any} */ e) => { if (e?.source !== SOURCE) reread(); });
        } catch { /* a theme's pub/sub of another shape */ }
      }
    },
    // The `_cartlift` cart attribute (hidden at checkout, as every name starting with `_`).
    claimed(cartText) {
      try {
        const text = JSON.parse(cartText ?? 'null')?.attributes?._cartlift;
        return typeof text === 'string' && text ? JSON.parse(text) : null;
      } catch {
        return null;
      }
    },
    changes: (attempt) => import(new URL(`cartlift-shopify-changes-${CARTLIFT_CHANGES}.js${attempt ? `?${attempt}` : ''}`, import.meta.url).href)
      .then((/** @type {typeof import('./shopify-changes.js')} */ m) => m.changes(url, pubsub, SOURCE)),
  });
}
