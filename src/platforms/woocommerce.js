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
// is there, without needing it), `wp.data`'s `wc/store/cart` store, and the tab's return.

import { adapter, isBundle, itemsOf, linesToRemove, refusal, timed, unreachable } from './common.js';

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
  // WooCommerce's messages are written for shoppers ("You cannot add that amount of …"),
  // except a stale nonce's, which cartlift mends itself.
  const shopperSentence = (/** @type {number} */ status, /** @type {any} */ body) => (status >= 400 && status < 500 && !/nonce/.test(body?.code ?? '') ? body?.message : '');
  const get = async (/** @type {typeof fetch} */ fetchFn) => {
    let res;
    try { res = await timed(fetchFn, `${root()}cart`, { headers: { Accept: 'application/json', ...(cartToken ? { 'Cart-Token': cartToken } : {}) } }); } catch (e) { throw unreachable(e); }
    keep(res);
    const fault = await refusal(res, shopperSentence);
    if (fault) throw fault;
    return res.text();
  };
  // The fresh cart of a 409, taken as the platform gave it.
  /** @type {string | null} */
  let conflict = null;
  /**
   * @param {typeof fetch} fetchFn @param {string} path @param {unknown} body @param {boolean} [retried]
   * @returns {Promise<void>}
   */
  const post = async (fetchFn, path, body, retried = false) => {
    let res;
    try { res = await timed(fetchFn, `${root()}${path}`, { method: 'POST', headers: headers(), body: JSON.stringify(body) }); } catch (e) { throw unreachable(e); }
    keep(res);
    if (res.status === 401 || res.status === 403) {
      let code = '';
      try { code = (await res.clone().json())?.code ?? ''; } catch { /* not JSON */ }
      if (!retried && /nonce/.test(code)) {
        await get(fetchFn); // a fresh nonce comes with any response
        return post(fetchFn, path, body, true);
      }
    }
    if (res.status === 409) {
      try { conflict = JSON.stringify((await res.clone().json())?.data?.cart ?? null); } catch { conflict = null; }
    }
    const fault = await refusal(res, shopperSentence);
    if (fault) throw fault;
  };
  // Events cartlift itself sends the theme are not news to it.
  let telling = false;

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
    async add(fetchFn, items, source) {
      // The offer a line is added for, which cartlift's plugin keeps on the line for checkout
      // (a store without it ignores the member).
      const offer = source?.offer;
      const mark = typeof offer === 'string' && offer ? { cartlift: isBundle(host, source) ? { bundle: offer } : { offer } } : {};
      for (const { variant, quantity, gift, product } of itemsOf(items)) {
        // A goal's gift: the plugin keeps `{gift}` (its product, spec §10) on its own line and
        // makes one unit free while the goal holds.
        const marked = gift ? { cartlift: { gift: product } } : mark;
        await post(fetchFn, 'cart/add-item', { id: Number.isSafeInteger(+variant) ? +variant : variant, quantity, ...marked });
      }
    },
    async remove(fetchFn, items, source, lines) {
      for (const line of linesToRemove(itemsOf(items), source, lines)) {
        await post(fetchFn, 'cart/remove-item', { key: line.key });
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
    async claim(fetchFn, text) {
      await post(fetchFn, 'cart/extensions', { namespace: 'cartlift', data: { claim: text } });
    },
    async discount(fetchFn, code) {
      try {
        await post(fetchFn, 'cart/apply-coupon', { code });
      } catch (e) {
        // A coupon the cart already has is what was wanted.
        if (!/already (been )?applied/i.test(/** @type {{ detail?: string }} */ (e)?.detail ?? '')) throw e;
      }
    },
    told() {
      telling = true;
      try {
        document.body?.dispatchEvent(new Event('wc-blocks_added_to_cart', { bubbles: true }));
        globalThis.jQuery?.(document.body).trigger('wc_fragment_refresh');
        globalThis.wp?.data?.dispatch?.('wc/store/cart')?.invalidateResolutionForStore?.();
      } finally {
        telling = false;
      }
    },
  });
}
