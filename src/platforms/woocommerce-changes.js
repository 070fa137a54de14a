// @ts-check
// ---- WooCommerce: writing to the cart ------------------------------------------------------
// The WooCommerce adapter's writing part (see `woocommerce.js` for the whole adapter), fetched
// at the shopper's first change: `cart/add-item` (one per item, with `cartlift: {bundle}` or
// `{offer}` for cartlift's plugin to keep on the line), `cart/remove-item` by line key,
// `cart/apply-coupon` for an offer's `discount_code`, `cart/extensions` for the shopper's
// claim; every write with the `Nonce` and `Cart-Token` the reading part keeps, a refused nonce
// fetched again once, and a 409's fresh cart handed back to it.

import { change, isBundle, itemsOf, linesToRemove, refusal, timed, unreachable } from './changes.js';

/**
 * What the reading part shares: the Store API's root, a read of the cart (which refreshes the
 * nonce), the nonce and token kept from each response, the headers a write sends, where a
 * 409's cart goes, and whether cartlift is telling the theme (its own news, not the page's).
 * @typedef {{
 *   root: () => string,
 *   get: (fetchFn: typeof fetch) => Promise<string>,
 *   keep: (res: Response) => void,
 *   headers: () => Record<string, string>,
 *   conflicted: (cart: string | null) => void,
 *   telling: (now: boolean) => void,
 * }} Session
 */

/**
 * The WooCommerce adapter's writes, over the reading part's `session`.
 * @param {Session} session
 * @returns {import('./common.js').Changes}
 */
export const changes = (session) => {
  // WooCommerce's messages are written for shoppers ("You cannot add that amount of …"),
  // except a stale nonce's, which cartlift mends itself.
  const shopperSentence = (/** @type {number} */ status, /** @type {any} */ body) => (status >= 400 && status < 500 && !/nonce/.test(body?.code ?? '') ? body?.message : '');
  /**
   * @param {typeof fetch} fetchFn @param {string} path @param {unknown} body @param {boolean} [retried]
   * @returns {Promise<void>}
   */
  const post = async (fetchFn, path, body, retried = false) => {
    let res;
    try { res = await timed(fetchFn, `${session.root()}${path}`, { method: 'POST', headers: session.headers(), body: JSON.stringify(body) }); } catch (e) { throw unreachable(e); }
    session.keep(res);
    if (res.status === 401 || res.status === 403) {
      let code = '';
      try { code = (await res.clone().json())?.code ?? ''; } catch { /* not JSON */ }
      if (!retried && /nonce/.test(code)) {
        await session.get(fetchFn); // a fresh nonce comes with any response
        return post(fetchFn, path, body, true);
      }
    }
    if (res.status === 409) {
      let cart = null;
      try { cart = JSON.stringify((await res.clone().json())?.data?.cart ?? null); } catch { cart = null; }
      session.conflicted(cart);
    }
    const fault = await refusal(res, shopperSentence);
    if (fault) throw fault;
  };
  /** @type {import('./changes.js').Writes} */
  const writes = {
    async add(context, items, source) {
      // The offer a line is added for, which cartlift's plugin keeps on the line for checkout
      // (a store without it ignores the member).
      const offer = source?.offer;
      const mark = typeof offer === 'string' && offer ? { cartlift: isBundle(context, source) ? { bundle: offer } : { offer } } : {};
      for (const { variant, quantity, gift, product } of itemsOf(context, items)) {
        // A goal's gift: the plugin keeps `{gift}` (its product, spec §10) on its own line and
        // makes one unit free while the goal holds.
        const marked = gift ? { cartlift: { gift: product } } : mark;
        await post(context.fetchFn, 'cart/add-item', { id: Number.isSafeInteger(+variant) ? +variant : variant, quantity, ...marked });
      }
    },
    async remove(context, items, source) {
      for (const line of linesToRemove(itemsOf(context, items), source, context.lines())) {
        await post(context.fetchFn, 'cart/remove-item', { key: line.key });
      }
    },
    async discount(context, code) {
      try {
        await post(context.fetchFn, 'cart/apply-coupon', { code });
      } catch (e) {
        // A coupon the cart already has is what was wanted.
        if (!/already (been )?applied/i.test(/** @type {{ detail?: string }} */ (e)?.detail ?? '')) throw e;
      }
    },
    told() {
      session.telling(true);
      try {
        document.body?.dispatchEvent(new Event('wc-blocks_added_to_cart', { bubbles: true }));
        globalThis.jQuery?.(document.body).trigger('wc_fragment_refresh');
        globalThis.wp?.data?.dispatch?.('wc/store/cart')?.invalidateResolutionForStore?.();
      } finally {
        session.telling(false);
      }
    },
  };
  return {
    take: (context, event) => change(context, writes, event),
    async claim(fetchFn, text) {
      await post(fetchFn, 'cart/extensions', { namespace: 'cartlift', data: { claim: text } });
    },
    told: writes.told,
  };
};
