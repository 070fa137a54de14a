// @ts-check
// Before the wasm arrives, a cart's shape is judged here as the wasm will judge it (an object of
// currency, items of { id, quantity, price?, line_price?, title? } and country?), so that
// setCart answers at once; the wasm, when it comes, reports any problem with its path. Once the
// wasm has started, its own answer is the only one (this is not run).

import { isObject } from '../loader/parts.js';

/** @param {Record<string, unknown>} o @param {string[]} keys */
const only = (o, keys) => Object.keys(o).every((k) => keys.includes(k));
/** @param {unknown} p */
const amount = (p) => p == null || typeof p === 'string' || typeof p === 'number';

/** Whether `cart` has the shape of a cart. @param {unknown} cart */
export const cartShape = (cart) => {
  let c;
  try { c = JSON.parse(JSON.stringify(cart)); } catch { return false; }
  return isObject(c) && only(c, ['currency', 'items', 'country'])
    && typeof c.currency === 'string' && /^[A-Z]{3}$/.test(c.currency)
    && (c.country == null || typeof c.country === 'string')
    && Array.isArray(c.items) && c.items.every((l) => isObject(l) && only(l, ['id', 'quantity', 'price', 'line_price', 'title'])
      && typeof l.id === 'string' && Number.isInteger(l.quantity) && /** @type {number} */ (l.quantity) >= 0 && /** @type {number} */ (l.quantity) <= 4294967295
      && amount(l.price) && amount(l.line_price)
      && (l.title == null || typeof l.title === 'string'));
};
