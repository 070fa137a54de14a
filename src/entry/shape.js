// @ts-check
// Before the wasm arrives, a cart's shape is judged here as the wasm will judge it, by the
// shapes generated from the JSON Schema (./cart-shape.js: its keys, which are required, each
// one's kind), so that setCart answers at once; the wasm, when it comes, reports any problem
// with its path, an unknown currency code among them (only the core holds ISO 4217's list).
// Once the wasm has started, its own answer is the only one (this is not run).

import { isObject } from '../loader/parts.js';
import { CART, LINE } from './cart-shape.js';

/** Whether `value` is of `kind` (see cart-shape.js). @param {unknown} value @param {string} kind @returns {boolean} */
const fits = (value, kind) => {
  if (value == null) return kind.endsWith('?');
  switch (kind.replace('?', '')) {
    case 's': return typeof value === 'string';
    case 'b': return typeof value === 'boolean';
    case 'u32': return Number.isInteger(value) && /** @type {number} */ (value) >= 0 && /** @type {number} */ (value) <= 4294967295;
    case 'a': return typeof value === 'string' || typeof value === 'number';
    case 'l': return Array.isArray(value) && value.every((l) => shaped(l, LINE));
    default: return false;
  }
};

/** Whether `o` is an object of `shape`. @param {unknown} o @param {import('./cart-shape.js').Shape} shape @returns {boolean} */
const shaped = (o, shape) => isObject(o)
  && Object.keys(o).every((k) => Object.hasOwn(shape.fields, k) && fits(o[k], shape.fields[k]))
  && shape.required.every((k) => Object.hasOwn(o, k));

/** Whether `cart` has the shape of a cart. @param {unknown} cart */
export const cartShape = (cart) => {
  let c;
  try { c = JSON.parse(JSON.stringify(cart)); } catch { return false; }
  return shaped(c, CART) && /^[A-Z]{3}$/.test(/** @type {any} */ (c).currency);
};
