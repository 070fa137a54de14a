// Shopify's standard storefront actions (`Shopify.actions`), emulated for the demo store as
// Shopify documents them (shopify.dev: "Standard storefront actions", "Configure actions").
// Shopify injects its runtime into every Liquid storefront as a module script; the demo's
// Shopify pages load this one in its place, before anything else that is a module.
//
// - `updateCart(payload, options)` writes lines (`merchandiseId` adds, `id` changes, quantity 0
//   removes), `discountCodes` and `note`, and resolves with `{ cart, userErrors, warnings,
//   detail }`; a refusal is a `userError`, only a change that could not run at all rejects.
// - Until a theme configures it, `isDefault()` is true and, after writing, the default refreshes
//   the theme in place where it recognises the theme: a `cart:update` event on a Horizon-style
//   theme (`cart-items-component`), a section-render swap on a Dawn-style one (`cart-drawer`,
//   `cart-notification`), else a full page reload.
// - `configure({ eventTarget, handler })` makes it the theme's: `isDefault()` is false, the
//   standard events (`shopify:cart:lines-update`, `shopify:cart:discount-update`, with the
//   change's `promise`) fire from the theme's `eventTarget`, and a `handler` replaces the default.
//
// The real runtime writes through the Storefront API; this one writes through the emulated AJAX
// Cart API with the fetch it found when it loaded (so a later wrapper of `fetch` never sees its
// requests, as no wrapper sees the Storefront API's), and, as the Storefront API cannot render
// a theme's sections, asks for them separately (`?sections=`).
const request = window.fetch.bind(window);
const root = () => window.Shopify?.routes?.root ?? '/';

/** Shopify's integers ×100 as a decimal string: 95238 → "952.38". */
const decimal = (n) => {
  const digits = String(Math.abs(n)).padStart(3, '0');
  return `${n < 0 ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
};

const summary = (cart) => cart && {
  id: cart.token,
  totalQuantity: cart.item_count,
  cost: { totalAmount: { amount: decimal(cart.total_price), currencyCode: cart.currency } },
  lines: cart.items.map((i) => ({ id: i.key, quantity: i.quantity, cost: { totalAmount: { amount: decimal(i.final_line_price), currencyCode: cart.currency } } })),
  discountCodes: cart.discount_codes,
};

/** Which of the two theme families Shopify's defaults recognise, if either. */
const family = () => {
  if (document.querySelector('cart-items-component')) return 'horizon';
  if (document.querySelector('cart-drawer, cart-notification')) return 'dawn';
  return null;
};

/** The sections the recognised theme renders its cart from. */
const sectionsOf = (which) => {
  if (which === 'horizon') {
    return [...new Set([...document.querySelectorAll('cart-items-component[data-section-id]')].map((e) => e.dataset.sectionId))];
  }
  if (which === 'dawn') {
    return ['cart-icon-bubble', ...(document.querySelector('cart-drawer') ? ['cart-drawer'] : ['cart-notification-button'])];
  }
  return [];
};

const post = async (path, body) => {
  const res = await request(`${root()}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
  });
  return { res, body: await res.json().catch(() => ({})) };
};

/** The default handler: write, read the cart back, and fetch the theme's sections. */
async function write(payload = {}) {
  const lines = payload.lines ?? [];
  const userErrors = [];
  const step = async (path, body) => {
    const { res, body: answer } = await post(path, body);
    if (res.status === 422) userErrors.push({ code: 'INVALID', field: ['lines'], message: answer.description });
    else if (!res.ok) throw new Error(`the cart could not be updated (HTTP ${res.status})`);
  };
  const adds = lines.filter((l) => l.id == null && l.merchandiseId != null);
  if (adds.length) {
    await step('cart/add.js', {
      items: adds.map((l) => ({
        id: Number(String(l.merchandiseId).split('/').pop()),
        quantity: l.quantity ?? 1,
        properties: Object.fromEntries((l.attributes ?? []).map((a) => [a.key, a.value])),
      })),
    });
  }
  for (const l of lines.filter((l) => l.id != null)) await step('cart/change.js', { id: l.id, quantity: l.quantity });
  if (payload.discountCodes) await step('cart/update.js', { discount: payload.discountCodes.join(',') });
  if (payload.note != null) await step('cart/update.js', { note: payload.note });
  const cart = await (await request(`${root()}cart.js`)).json();
  const ids = sectionsOf(family());
  const sections = ids.length ? await (await request(`${root()}cart?sections=${ids.join(',')}`)).json() : undefined;
  return { cart: summary(cart), userErrors, warnings: [], detail: { sections, itemCount: cart.item_count } };
}

/** The default's in-place refresh of a theme it recognises; a reload otherwise. */
function refresh({ cart, detail }) {
  const sections = detail?.sections ?? {};
  const inner = (html, selector = '.shopify-section') => new DOMParser().parseFromString(html, 'text/html').querySelector(selector);
  switch (family()) {
    case 'horizon':
      document.dispatchEvent(new CustomEvent('cart:update', {
        bubbles: true,
        detail: { resource: cart, sourceId: 'shopify-actions', data: { source: 'shopify-actions', itemCount: cart?.totalQuantity, sections } },
      }));
      return;
    case 'dawn': {
      const bubble = document.getElementById('cart-icon-bubble');
      if (bubble && sections['cart-icon-bubble']) bubble.innerHTML = inner(sections['cart-icon-bubble'])?.innerHTML ?? '';
      if (sections['cart-drawer']) {
        const fresh = new DOMParser().parseFromString(sections['cart-drawer'], 'text/html');
        for (const selector of ['cart-drawer-items', '.cart-drawer__footer']) {
          const now = document.querySelector(selector);
          const next = fresh.querySelector(selector);
          if (now && next) now.replaceWith(next);
        }
        document.querySelector('cart-drawer')?.classList.toggle('is-empty', !cart?.totalQuantity);
      }
      const button = document.getElementById('cart-notification-button');
      if (button && sections['cart-notification-button']) button.innerHTML = inner(sections['cart-notification-button'])?.innerHTML ?? '';
      return;
    }
    default:
      location.reload();
  }
}

/** A standard storefront event: its fields on the event itself, as `@shopify/events` makes them. */
class StandardEvent extends Event {
  constructor(type, fields) {
    super(type, { bubbles: true });
    Object.assign(this, fields);
  }
}

let configured = null;

async function updateCart(payload = {}, options = {}) {
  const lines = payload.lines ?? [];
  const promise = configured?.handler
    ? configured.handler(() => write(payload), payload, options)
    : write(payload);
  if (configured) {
    const at = (meta) => configured.eventTarget?.(meta) ?? document;
    if (lines.length) {
      const action = lines.every((l) => l.id == null) ? 'add' : lines.every((l) => l.quantity === 0) ? 'remove' : 'update';
      at({ type: 'shopify:cart:lines-update', action }).dispatchEvent(new StandardEvent('shopify:cart:lines-update', {
        action, lines, context: options.event?.context ?? 'standard-action', promise,
      }));
    }
    if (payload.discountCodes) {
      at({ type: 'shopify:cart:discount-update' }).dispatchEvent(new StandardEvent('shopify:cart:discount-update', {
        discountCodes: payload.discountCodes.map((code) => ({ code })), promise,
      }));
    }
  }
  const result = await promise;
  if (!configured) refresh(result);
  return result;
}
updateCart.isDefault = () => configured == null;
updateCart.configure = (options) => {
  configured = { ...options };
  return true;
};

let opener = null;
async function openCart() {
  if (opener?.handler) return opener.handler(async () => {});
  const drawer = document.querySelector('cart-drawer-component, cart-drawer');
  if (typeof drawer?.open === 'function') drawer.open();
  else location.href = `${root()}cart`;
}
openCart.isDefault = () => opener == null;
openCart.configure = (options) => {
  opener = { ...options };
  return true;
};

async function getCart() {
  return { cart: summary(await (await request(`${root()}cart.js`)).json()) };
}

window.Shopify = window.Shopify || {};
window.Shopify.actions = Object.freeze({ updateCart, openCart, getCart });
