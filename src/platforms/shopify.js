// ---- Shopify: the AJAX Cart API ---------------------------------------------------------
// Reads `{root}cart.js` (root from `Shopify.routes.root`, default `/`); adds with one
// `POST cart/add.js` of `items[]` carrying `_cartlift_bundle` / `_cartlift_offer`; removes an
// upsell by its line `key` through `cart/change.js`; an offer's `discount_code` goes to
// `cart/update.js`. Follows the standard
// `shopify:cart:lines-update` event (awaiting its promise), Dawn's `cart-update` pub/sub,
// Horizon's `cart:update` event, the page's own requests to cart/add|change|update|clear, and
// the tab becoming visible. After a change it tells the theme as the theme listens.
//
// A theme that configures Shopify's standard action `Shopify.actions.updateCart` (its
// `isDefault()` is false) refreshes its own cart when it is called: adds, removes (by the
// AJAX line key, which the action takes) and discount codes go through it then, and the theme
// is told nothing more. The default action is never called: on a theme Shopify does not
// recognise it reloads the page. Otherwise the writes are the AJAX API's, they ask for the
// theme's cart sections (Horizon's `cart-items-component[data-section-id]`, at most five), and
// the theme hears Dawn's publication and Horizon's `cart:update` with those sections rendered.

/** Starts the Shopify adapter with what cartlift.js hands it. */
export async function start(host) {
  await __wbg_init({ module_or_path: new URL('cartlift_platform_wasm_name', import.meta.url) });
  const root = () => {
    const r = globalThis.Shopify?.routes?.root;
    return typeof r === 'string' && r.startsWith('/') ? (r.endsWith('/') ? r : `${r}/`) : '/';
  };
  const url = (path) => `${root()}${path}`;
  const json = (body) => ({
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
  });
  // The theme's cart sections, rendered by Shopify with each change, for the theme to morph.
  const sectionIds = () => [...new Set([...document.querySelectorAll('cart-items-component[data-section-id]')]
    .map((el) => el.dataset.sectionId).filter(Boolean))].slice(0, 5);
  let sections = null;
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
  const shopperSentence = (status, body) => (status === 422 ? body?.description : '');
  // A theme's own publication names its source, so cartlift's own does not make it re-read.
  const SOURCE = 'cartlift';
  // The theme's own `updateCart`, when it configured one.
  const action = () => {
    try {
      const update = globalThis.Shopify?.actions?.updateCart;
      return typeof update === 'function' && typeof update.isDefault === 'function' && !update.isDefault() ? update : null;
    } catch {
      return null;
    }
  };
  // Whether the last change went through the theme's action (which then refreshed the theme).
  let viaAction = false;
  const act = async (update, payload) => {
    let out;
    try { out = await update.call(globalThis.Shopify.actions, payload); } catch (e) { throw unreachable(e); }
    const refused = Array.isArray(out?.userErrors) ? out.userErrors.find((e) => e?.message) : null;
    if (refused) {
      const said = plainText(String(refused.message));
      throw new PlatformError(/sold out|out of stock|not enough stock|can't add more/i.test(said) ? 'platform_sold_out' : 'platform_refused', said, 0, said);
    }
    viaAction = true;
  };

  return adapter(host, {
    name: 'shopify',
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
        .filter((l) => Number.isInteger(l?.quantity) && l.quantity > 0 && typeof l.price === 'string')
        .map((l) => ({
          id: products.find((p) => p?.variant_id != null && String(p.variant_id) === String(l.variant_id))?.id ?? String(l.variant_id),
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
          const done = e.promise ?? e.detail?.promise;
          (done && typeof done.then === 'function' ? done : Promise.resolve()).then(reread, reread);
        });
      }
      document.addEventListener('cart:update', (e) => {
        if (e.detail?.data?.source !== SOURCE) reread();
      });
      const events = globalThis.PUB_SUB_EVENTS;
      if (typeof globalThis.subscribe === 'function' && events?.cartUpdate) {
        try {
          globalThis.subscribe(events.cartUpdate, (e) => { if (e?.source !== SOURCE) reread(); });
        } catch { /* a theme's pub/sub of another shape */ }
      }
    },
    async add(fetchFn, items, source) {
      sections = null;
      const property = isBundle(host, source) ? '_cartlift_bundle' : '_cartlift_offer';
      const chosen = itemsOf(host, items);
      const update = action();
      viaAction = false;
      if (update) {
        return act(update, { lines: chosen.map(({ variant, quantity }) => ({
          merchandiseId: `gid://shopify/ProductVariant/${variant}`,
          quantity,
          attributes: [{ key: property, value: source?.offer ?? '' }],
        })) });
      }
      const lines = chosen.map(({ variant, quantity }) => ({
        id: variant,
        quantity,
        properties: { [property]: source?.offer ?? '' },
      }));
      await send(fetchFn, 'cart/add.js', { items: lines });
    },
    async remove(fetchFn, items, source, lines) {
      sections = null;
      // The line cartlift added for this offer, else the product's first line: by its key,
      // so a product on two lines (one with properties) loses the right one.
      const update = action();
      viaAction = false;
      for (const { variant } of itemsOf(host, items)) {
        const ours = lines.filter((l) => l.item === variant);
        const line = ours.find((l) => l.offer === source?.offer) ?? ours[0];
        if (!line) continue;
        if (update) await act(update, { lines: [{ id: line.key, quantity: 0 }] });
        else await send(fetchFn, 'cart/change.js', { id: line.key, quantity: 0 });
      }
    },
    async discount(fetchFn, code, cartText) {
      // Both ways replace the cart's codes: the shopper's own codes are kept beside ours.
      let held = [];
      try { held = (JSON.parse(cartText)?.discount_codes ?? []).map((d) => d?.code).filter((c) => typeof c === 'string' && c); } catch { /* none known */ }
      if (held.some((c) => c.toLowerCase() === code.toLowerCase())) return;
      const codes = [...held, code];
      const update = viaAction && action();
      if (update) return act(update, { discountCodes: codes });
      await send(fetchFn, 'cart/update.js', { discount: codes.join(',') });
    },
    told(cartText) {
      if (viaAction) return;
      let cart = null;
      try { cart = JSON.parse(cartText); } catch { /* the theme re-reads itself */ }
      const events = globalThis.PUB_SUB_EVENTS;
      const rendered = sections ?? undefined;
      if (typeof globalThis.publish === 'function' && events?.cartUpdate) {
        globalThis.publish(events.cartUpdate, { source: SOURCE, cartData: cart && { ...cart, sections: rendered } });
      }
      document.dispatchEvent(new CustomEvent('cart:update', {
        bubbles: true,
        detail: { resource: cart, sourceId: SOURCE, data: { source: SOURCE, itemCount: cart?.item_count, sections: rendered } },
      }));
    },
  });
}
