// @ts-check
// ---- WooCommerce: the Store API -----------------------------------------------------------
// Reads `{root}wc/store/v1/cart` (root from `wpApiSettings.root`, else `/wp-json/`); adds with
// `cart/add-item` (one per item, with `cartlift: {bundle}` or `{offer}` for cartlift's plugin to
// keep on the line), removes with `cart/remove-item` by line key, applies an offer's
// `discount_code` with `cart/apply-coupon`, and writes the shopper's claim (segments,
// experiment variants) with `cart/extensions`. Every write carries the `Nonce` the Store
// API asks for (from `wcBlocksMiddlewareConfig.storeApiNonce`, then from every response) and
// the `Cart-Token` when the store gives one; a refused nonce is
// fetched again once, transparently. A 409 carries the fresh cart in `data.cart`: it is taken
// as it is, not re-read. Follows `wc-blocks_added_to_cart` / `wc-blocks_removed_from_cart`,
// the jQuery `added_to_cart` / `removed_from_cart` / `updated_cart_totals` family (when jQuery
// is there, without needing it), `wp.data`'s `wc/store/cart` store, and the tab's return. The
// writes are `woocommerce-changes.js`, fetched at the first change.

import { adapter } from './common.js';
import { textOf, timed } from './requests.js';

/**
 * Starts the WooCommerce adapter with what cartlift.js hands it.
 * @param {import('./common.js').Host} host
 */
export async function start(host) {
  const root = () => {
    const r = globalThis.wpApiSettings?.root;
    const base = typeof r === 'string' && r ? (r.endsWith('/') ? r : `${r}/`) : '/wp-json/';
    return `${base}wc/store/v1/`;
  };
  let nonce = globalThis.wcBlocksMiddlewareConfig?.storeApiNonce ?? globalThis.wcSettings?.storeApiNonce ?? '';
  let cartToken = '';
  const keep = (/** @type {Response} */ res) => {
    nonce = res.headers.get('Nonce') ?? nonce;
    cartToken = res.headers.get('Cart-Token') ?? cartToken;
  };
  const headers = () => ({
    'Content-Type': 'application/json',
    Accept: 'application/json',
    ...(nonce ? { Nonce: nonce } : {}),
    ...(cartToken ? { 'Cart-Token': cartToken } : {}),
  });
  const get = async (/** @type {typeof fetch} */ fetchFn) => {
    const res = await timed(fetchFn, `${root()}cart`, { headers: { Accept: 'application/json', ...(cartToken ? { 'Cart-Token': cartToken } : {}) } });
    keep(res);
    return textOf(res);
  };
  // The fresh cart of a 409 (a write's answer), taken as the platform gave it.
  /** @type {string | null} */
  let conflict = null;
  // Events cartlift itself sends the theme are not news to it.
  let telling = false;
  /** What the writing part shares with this one: the Store API's session and the theme's news. */
  const session = {
    root,
    get,
    keep,
    headers,
    conflicted: (/** @type {string | null} */ cart) => { conflict = cart; },
    telling: (/** @type {boolean} */ now) => { telling = now; },
  };

  return adapter(host, {
    name: 'woocommerce',
    // The order-received page: `/checkout/order-received/123/`, or `?order-received=123`
    // without pretty permalinks.
    confirmation() {
      return location.pathname.match(/\/order-received\/(\d+)/)?.[1] ?? new URLSearchParams(location.search).get('order-received');
    },
    async read(fetchFn) {
      if (conflict && conflict !== 'null') {
        const text = conflict;
        conflict = null;
        return text;
      }
      conflict = null;
      return get(fetchFn);
    },
    isCartWrite(href, method) {
      if (method === 'GET') return false;
      const path = new URL(href, location.href).pathname;
      return /\/wc\/store(\/v1)?\/(cart\/|batch)/.test(path) || /[?&]wc-ajax=(add_to_cart|remove_from_cart)/.test(href);
    },
    follow(reread) {
      const news = () => { if (!telling) reread(); };
      for (const name of ['wc-blocks_added_to_cart', 'wc-blocks_removed_from_cart']) {
        document.body?.addEventListener(name, news);
        document.addEventListener(name, news);
      }
      // jQuery's events reach only jQuery's own handlers, so they are heard through it, once it is there.
      let heard = false;
      const viaJquery = () => {
        const $ = globalThis.jQuery;
        if (heard || typeof $ !== 'function') return;
        heard = true;
        try { $(document.body).on('added_to_cart removed_from_cart updated_cart_totals wc_cart_emptied', news); } catch { /* another $ */ }
      };
      viaJquery();
      globalThis.addEventListener('load', viaJquery, { once: true });
      // The blocks' cart store: a change of what it holds (not of its loading flags) is news.
      const store = globalThis.wp?.data;
      if (typeof store?.subscribe === 'function') {
        /** @type {string | null} */
        let last = null;
        try {
          store.subscribe(() => {
            const cart = store.select('wc/store/cart')?.getCartData?.();
            const now = cart ? JSON.stringify([cart.items?.map((/** @type {any} */ i) => [i.key, i.quantity]), cart.totals?.total_items]) : null;
            if (now !== last) { const first = last === null; last = now; if (!first) news(); }
          });
        } catch { /* a store of another shape */ }
      }
    },
    // The claim cartlift's plugin keeps in WooCommerce's session (`extensions.cartlift.claim`
    // of the cart), written through the Store API's `cart/extensions`.
    claimed(cartText) {
      try {
        const text = JSON.parse(cartText ?? 'null')?.extensions?.cartlift?.claim;
        return typeof text === 'string' && text ? JSON.parse(text) : null;
      } catch {
        return null;
      }
    },
    changes: (attempt) => import(new URL(`cartlift-woocommerce-changes-${CARTLIFT_CHANGES}.js${attempt ? `?${attempt}` : ''}`, import.meta.url).href)
      .then((/** @type {typeof import('./woocommerce-changes.js')} */ m) => m.changes(session)),
  });
}
