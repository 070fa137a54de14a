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
// Telling the theme, as each theme listens:
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

import { PlatformError, adapter, giftThreshold, isBundle, itemsOf, linesToRemove, plainText, refusal, timed, unreachable } from './common.js';

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
  const json = (/** @type {unknown} */ body) => ({
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
  });
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
  // A theme's own publication names its source, so cartlift's own does not make it re-read.
  const SOURCE = 'cartlift';
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
    // Its lines by the config's `variant_id`s, at the prices Shopify wrote (decimal text).
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
    async read(fetchFn) {
      let res;
      try { res = await timed(fetchFn, url('cart.js'), { headers: { Accept: 'application/json' } }); } catch (e) { throw unreachable(e); }
      const fault = await refusal(res, shopperSentence);
      if (fault) throw fault;
      return res.text();
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
    async add(fetchFn, items, source) {
      sections = null;
      const offered = isBundle(host, source) ? '_cartlift_bundle' : '_cartlift_offer';
      // A goal's gift carries `_cartlift_gift` (the goal's threshold, spec §11), which
      // cartlift's Discount Function makes free for one unit while the goal holds.
      const mark = (/** @type {{ gift: boolean, id: string, product: string }} */ { gift, id, product }) => (gift
        ? { key: '_cartlift_gift', value: giftThreshold(host, id, product) || 'gift' }
        : { key: offered, value: source?.offer ?? '' });
      const chosen = itemsOf(items);
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
      await send(fetchFn, 'cart/add.js', { items: lines });
    },
    async remove(fetchFn, items, source, lines) {
      sections = null;
      // By the line's key, so that a product on two lines (one with properties) loses the
      // right one.
      const update = action();
      viaAction = false;
      for (const line of linesToRemove(itemsOf(items), source, lines)) {
        if (update) await act(update, { lines: [{ id: line.key, quantity: 0 }] });
        else await send(fetchFn, 'cart/change.js', { id: line.key, quantity: 0 });
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
    async claim(fetchFn, text) {
      sections = null;
      await send(fetchFn, 'cart/update.js', { attributes: { _cartlift: text } });
    },
    async discount(fetchFn, code, cartText) {
      // Both ways replace the cart's codes: the shopper's own codes are kept beside ours.
      /** @type {string[]} */
      let held = [];
      try { held = (JSON.parse(cartText ?? 'null')?.discount_codes ?? []).map((/** @type {any} */ d) => d?.code).filter((/** @type {unknown} */ c) => typeof c === 'string' && c); } catch { /* none known */ }
      if (held.some((c) => c.toLowerCase() === code.toLowerCase())) return;
      const codes = [...held, code];
      const update = viaAction && action();
      if (update) return act(update, { discountCodes: codes });
      await send(fetchFn, 'cart/update.js', { discount: codes.join(',') });
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
  });
}
