// ---- Shopify: the AJAX Cart API ---------------------------------------------------------
// Reads `{root}cart.js` (root from `Shopify.routes.root`, default `/`); adds with one
// `POST cart/add.js` of `items[]` carrying `_cartlift_bundle` / `_cartlift_offer`; removes an
// upsell by its line `key` through `cart/change.js`; an offer's `discount_code` goes to
// `cart/update.js`. Follows the standard
// `shopify:cart:lines-update` event (awaiting its promise), Dawn's `cart-update` pub/sub,
// Horizon's `cart:update` event, the page's own requests to cart/add|change|update|clear, and
// the tab becoming visible. After a change it tells the theme as the theme listens.

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
  const send = async (fetchFn, path, body) => {
    let res;
    try { res = await timed(fetchFn, url(path), json(body)); } catch (e) { throw unreachable(e); }
    const fault = await refusal(res, shopperSentence);
    if (fault) throw fault;
  };
  // Shopify writes a sentence for the shopper only with a 422 ("You can't add more …"); its
  // 400s and 404s are for developers.
  const shopperSentence = (status, body) => (status === 422 ? body?.description : '');
  // A theme's own publication names its source, so cartlift's own does not make it re-read.
  const SOURCE = 'cartlift';

  return adapter(host, {
    name: 'shopify',
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
      document.addEventListener('shopify:cart:lines-update', (e) => {
        const done = e.detail?.promise;
        (done && typeof done.then === 'function' ? done : Promise.resolve()).then(reread, reread);
      });
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
      const property = source?.widget === 'bundles' ? '_cartlift_bundle' : '_cartlift_offer';
      const lines = itemsOf(host, items).map(({ variant, quantity }) => ({
        id: variant,
        quantity,
        properties: { [property]: source?.offer ?? '' },
      }));
      await send(fetchFn, 'cart/add.js', { items: lines });
    },
    async remove(fetchFn, items, source, lines) {
      // The line cartlift added for this offer, else the product's first line: by its key,
      // so a product on two lines (one with properties) loses the right one.
      for (const { variant } of itemsOf(host, items)) {
        const ours = lines.filter((l) => l.item === variant);
        const line = ours.find((l) => l.offer === source?.offer) ?? ours[0];
        if (line) await send(fetchFn, 'cart/change.js', { id: line.key, quantity: 0 });
      }
    },
    async discount(fetchFn, code) {
      await send(fetchFn, 'cart/update.js', { discount: code });
    },
    told(cartText) {
      let cart = null;
      try { cart = JSON.parse(cartText); } catch { /* the theme re-reads itself */ }
      const events = globalThis.PUB_SUB_EVENTS;
      if (typeof globalThis.publish === 'function' && events?.cartUpdate) {
        globalThis.publish(events.cartUpdate, { source: SOURCE, cartData: cart });
      }
      document.dispatchEvent(new CustomEvent('cart:update', {
        bubbles: true,
        detail: { resource: cart, sourceId: SOURCE, data: { source: SOURCE, itemCount: cart?.item_count } },
      }));
    },
  });
}
