// @ts-check
// ---- Shopify: writing to the cart ----------------------------------------------------------
// The Shopify adapter's writing part (see `shopify.js` for the whole adapter), fetched at the
// shopper's first change: adds with one `POST cart/add.js` of `items[]` carrying
// `_cartlift_bundle` / `_cartlift_offer` (or Shopify's standard action), removes by the line's
// `key`, sends an offer's `discount_code` and the shopper's claim to `cart/update.js`, and
// tells the theme, as `shopify.js` says.

import { PlatformError, change, giftThreshold, isBundle, itemsOf, linesToRemove, plainText, refusal, timed, unreachable } from './changes.js';

/**
 * The Shopify adapter's writes, with the store's URL for a path (`url`), Dawn's pub/sub when
 * the theme has it (`pubsub`), and the source cartlift's publications name (`SOURCE`, which
 * the reading part skips when it hears them), as its reading part has them.
 * @param {(path: string) => string} url
 * @param {() => { on: Function, say: Function, cartUpdate: string } | null} pubsub
 * @param {string} SOURCE
 * @returns {import('./common.js').Changes}
 */
export const changes = (url, pubsub, SOURCE) => {
  const json = (/** @type {unknown} */ body) => ({
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
  });
  const horizon = () => document.querySelector('cart-items-component') != null;
  // The theme's cart sections, rendered by Shopify with each change: Horizon's, then Dawn's.
  const sectionIds = () => {
    const ids = [...document.querySelectorAll('cart-items-component[data-section-id]')].map((el) => /** @type {HTMLElement} */ (el).dataset.sectionId);
    if (document.getElementById('cart-icon-bubble')) ids.push('cart-icon-bubble');
    if (document.querySelector('cart-drawer')) ids.push('cart-drawer');
    if (document.getElementById('cart-notification-button')) ids.push('cart-notification-button');
    return [...new Set(ids.filter(Boolean))].slice(0, 5);
  };
  /** The theme's sections as Shopify last rendered them, by id. @type {Record<string, unknown> | null} */
  let sections = null;
  /** @param {typeof fetch} fetchFn @param {string} path @param {Record<string, unknown>} body */
  const send = async (fetchFn, path, body) => {
    const ids = sectionIds();
    let res;
    try { res = await timed(fetchFn, url(path), json(ids.length ? { ...body, sections: ids } : body)); } catch (e) { throw unreachable(e); }
    const fault = await refusal(res, shopperSentence);
    if (fault) throw fault;
    try { sections = (await res.json())?.sections ?? sections; } catch { /* an answer without sections */ }
  };
  // Shopify writes a sentence for the shopper only with a 422 ("You can't add more …"); its
  // 400s and 404s are for developers.
  const shopperSentence = (/** @type {number} */ status, /** @type {any} */ body) => (status === 422 ? body?.description : '');
  // Shopify's standard action, where it refreshes the theme (see above).
  const action = () => {
    try {
      const update = globalThis.Shopify?.actions?.updateCart;
      if (typeof update !== 'function' || typeof update.isDefault !== 'function') return null;
      return !update.isDefault() || horizon() ? update : null;
    } catch {
      return null;
    }
  };
  // Whether the last change went through the action (which then refreshed the theme).
  let viaAction = false;
  /** @param {(payload: unknown) => Promise<any>} update @param {unknown} payload */
  const act = async (update, payload) => {
    let out;
    try { out = await update.call(globalThis.Shopify.actions, payload); } catch (e) { throw unreachable(e); }
    const refused = Array.isArray(out?.userErrors) ? out.userErrors.find((/** @type {any} */ e) => e?.message) : null;
    if (refused) {
      const said = plainText(String(refused.message));
      throw new PlatformError(/sold out|out of stock|not enough stock|can't add more/i.test(said) ? 'platform_sold_out' : 'platform_refused', said, 0, said);
    }
    viaAction = true;
  };
  // Dawn's sections drawn as Dawn draws them: the header's count, the drawer's items and
  // footer (and whether it is empty), the notification's button.
  /** @param {{ item_count?: number } | null} cart */
  const drawDawn = (cart) => {
    const drawn = sections;
    if (!drawn) return;
    const parse = (/** @type {string} */ html) => new DOMParser().parseFromString(html, 'text/html');
    const inner = (/** @type {string} */ id) => parse(String(drawn[id])).querySelector('.shopify-section')?.innerHTML;
    for (const id of ['cart-icon-bubble', 'cart-notification-button']) {
      const target = document.getElementById(id);
      const html = typeof drawn[id] === 'string' && inner(id);
      if (target && html != null && html !== false) target.innerHTML = html;
    }
    const drawer = drawn['cart-drawer'];
    if (typeof drawer === 'string') {
      const fresh = parse(drawer);
      for (const selector of ['cart-drawer-items', '.cart-drawer__footer']) {
        const now = document.querySelector(selector);
        const next = fresh.querySelector(selector);
        if (now && next) now.replaceWith(next);
      }
      const empty = !cart?.item_count;
      document.querySelector('cart-drawer')?.classList.toggle('is-empty', empty);
      document.querySelector('cart-drawer .drawer__inner')?.classList.toggle('is-empty', empty);
    }
  };

  /** @type {import('./changes.js').Writes} */
  const writes = {
    async add(context, items, source) {
      sections = null;
      const offered = isBundle(context, source) ? '_cartlift_bundle' : '_cartlift_offer';
      // A goal's gift carries `_cartlift_gift` (the goal's threshold, spec §11), which
      // cartlift's Discount Function makes free for one unit while the goal holds.
      const mark = (/** @type {{ gift: boolean, id: string, product: string }} */ { gift, id, product }) => (gift
        ? { key: '_cartlift_gift', value: giftThreshold(context, id, product) || 'gift' }
        : { key: offered, value: source?.offer ?? '' });
      const chosen = itemsOf(context, items);
      const update = action();
      viaAction = false;
      if (update) {
        return act(update, { lines: chosen.map((c) => ({
          merchandiseId: `gid://shopify/ProductVariant/${c.variant}`,
          quantity: c.quantity,
          attributes: [mark(c)],
        })) });
      }
      const lines = chosen.map((c) => {
        const { key, value } = mark(c);
        return { id: c.variant, quantity: c.quantity, properties: { [key]: value } };
      });
      await send(context.fetchFn, 'cart/add.js', { items: lines });
    },
    async remove(context, items, source) {
      sections = null;
      // By the line's key, so that a product on two lines (one with properties) loses the
      // right one.
      const update = action();
      viaAction = false;
      for (const line of linesToRemove(itemsOf(context, items), source, context.lines())) {
        if (update) await act(update, { lines: [{ id: line.key, quantity: 0 }] });
        else await send(context.fetchFn, 'cart/change.js', { id: line.key, quantity: 0 });
      }
    },
    async discount(context, code) {
      // Both ways replace the cart's codes: the shopper's own codes are kept beside ours.
      /** @type {string[]} */
      let held = [];
      try { held = (JSON.parse(context.lastText() ?? 'null')?.discount_codes ?? []).map((/** @type {any} */ d) => d?.code).filter((/** @type {unknown} */ c) => typeof c === 'string' && c); } catch { /* none known */ }
      if (held.some((c) => c.toLowerCase() === code.toLowerCase())) return;
      const codes = [...held, code];
      const update = viaAction && action();
      if (update) return act(update, { discountCodes: codes });
      await send(context.fetchFn, 'cart/update.js', { discount: codes.join(',') });
    },
    told(cartText) {
      if (viaAction) return;
      let cart = null;
      try { cart = JSON.parse(cartText ?? 'null'); } catch { /* the theme re-reads itself */ }
      drawDawn(cart);
      const rendered = sections ?? undefined;
      const dawn = pubsub();
      if (dawn) {
        // A subscriber's own failure is the theme's: never an unhandled rejection of ours.
        try { Promise.resolve(dawn.say(dawn.cartUpdate, { source: SOURCE, cartData: cart && { ...cart, sections: rendered } })).catch(() => {}); } catch { /* a subscriber's own fault */ }
      }
      document.dispatchEvent(new CustomEvent('cart:update', {
        bubbles: true,
        detail: { resource: cart, sourceId: SOURCE, data: { source: SOURCE, itemCount: cart?.item_count, sections: rendered } },
      }));
    },
  };
  return {
    take: (context, event) => change(context, writes, event),
    async claim(fetchFn, text) {
      sections = null;
      await send(fetchFn, 'cart/update.js', { attributes: { _cartlift: text } });
    },
    told: writes.told,
    // The order status page's order (`Shopify.checkout`), its lines by the config's
    // `variant_id`s at the prices Shopify wrote (decimal text): here, as only that page reads it.
    placed(config) {
      const order = globalThis.Shopify.checkout;
      const products = JSON.parse(config)?.products ?? [];
      const items = (Array.isArray(order.line_items) ? order.line_items : [])
        .filter((/** @type {any} */ l) => Number.isInteger(l?.quantity) && l.quantity > 0 && typeof l.price === 'string')
        .map((/** @type {any} */ l) => ({
          id: products.find((/** @type {any} */ p) => p?.variant_id != null && String(p.variant_id) === String(l.variant_id))?.id ?? String(l.variant_id),
          quantity: l.quantity,
          price: l.price,
        }));
      return { currency: String(order.currency ?? ''), items };
    },
  };
};
