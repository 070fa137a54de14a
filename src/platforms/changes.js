// @ts-check
// ---- what every platform's writing part shares -------------------------------------------
// Bundled into each platform's `<platform>-changes.js`, which the adapter (`common.js`) fetches
// at the shopper's first change (or when they point at a widget), never with the page: the
// shopper's adds and removes, one after another, an offer's discount code, and what each says
// when it fails. It reads the adapter's state through the `Context` it is handed, never by
// importing the adapter (whose module would then be bundled a second time).

import { PlatformError, unreachable } from './requests.js';

export { PlatformError, unreachable };
export { timed } from './requests.js';

/** @typedef {import('./common.js').Context} Context */
/** @typedef {import('./common.js').Item} Item */
/** @typedef {import('./common.js').Line} Line */
/** @typedef {import('./common.js').Source} Source */
/**
 * A platform's writes: the items added or removed for an offer (the lines to remove found in
 * the cart as last read), an offer's discount code, and telling the theme.
 * @typedef {{
 *   add(context: Context, items: Item[], source: Source): Promise<void>,
 *   remove(context: Context, items: Item[], source: Source): Promise<void>,
 *   discount(context: Context, code: string): Promise<void>,
 *   told(cartText: string | null): void,
 * }} Writes
 */

/** A platform's message as text: its tags dropped and its entities (`&quot;`) read. */
/** @type {Record<string, string>} */
const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };
export const plainText = (/** @type {string} */ html) => html.replace(/<[^>]*>/g, '')
  .replace(/&(#?\w+);/g, (/** @type {string} */ m, /** @type {string} */ name) => ENTITIES[name] ?? (/^#\d+$/.test(name) && +name.slice(1) <= 0x10ffff ? String.fromCodePoint(+name.slice(1)) : m))
  .trim();

/**
 * What went wrong with a response, or nothing when it is good. `sentence(status, body)` is the
 * platform's sentence for the shopper in its error body, if it wrote one for them.
 * @param {Response} res
 * @param {(status: number, body: any) => unknown} sentence
 */
export const refusal = async (res, sentence) => {
  if (res.ok) return null;
  let body = null;
  try { body = await res.clone().json(); } catch { /* not JSON */ }
  const detail = String(body?.description || body?.message || '');
  const shown = plainText(String(sentence(res.status, body) || ''));
  const label = /sold out|out of stock|not enough stock/i.test(detail) ? 'platform_sold_out' : shown ? 'platform_refused' : 'platform_failed';
  return new PlatformError(label, detail, res.status, shown);
};

/** The config's offers a change's source may name: a recommendation that completes a bundle
 * is added as that bundle's. */
/** @param {any} config @param {Source | undefined} source @returns {any[]} */
const offersOf = (config, source) => {
  /** @type {Record<string, any[] | undefined>} */
  const by = { bundles: config.bundles, recommendations: config.bundles, upsell: config.upsells };
  return by[source?.widget ?? ''] ?? [];
};

/** Whether a change adds a bundle's items (its lines are marked as the bundle's). */
export const isBundle = (/** @type {Context} */ context, /** @type {Source | undefined} */ source) => {
  if (source?.widget === 'bundles') return true;
  const bundles = context.config()?.bundles;
  return source?.widget === 'recommendations' && Array.isArray(bundles) && bundles.some((/** @type {any} */ b) => b?.id === source.offer);
};

/** The `discount_code` of the bundle or upsell a change came from, if the config names one. */
const discountOf = (/** @type {Context} */ context, /** @type {Source} */ source) => {
  const config = context.config();
  const offers = config ? offersOf(config, source) : [];
  const code = Array.isArray(offers) ? offers.find((/** @type {any} */ o) => o?.id === source.offer)?.discount_code : null;
  return typeof code === 'string' && code.trim() ? code : null;
};

/**
 * The lines a removal of `items` for `source` takes away, one per item: a gift's removal only
 * the gift's own line (never the shopper's line of the same product); another, the line
 * cartlift added for the offer, else the item's first line that is not a gift.
 * @param {{ variant: string }[]} items @param {Source | undefined} source @param {Line[]} lines
 * @returns {Line[]}
 */
export const linesToRemove = (items, source, lines) => items.flatMap(({ variant }) => {
  const ours = lines.filter((l) => l.item === variant);
  const line = source?.widget === 'gift'
    ? ours.find((l) => l.gift)
    : ours.find((l) => l.offer === source?.offer && !l.gift) ?? ours.find((l) => !l.gift);
  return line ? [line] : [];
});

/**
 * The threshold of the goal that gives item `id` of `product` (spec §11: what a gift line's
 * `_cartlift_gift` holds), as the config writes it; empty when no goal gives it. A goal gives
 * a product (any variant of it) or one variant (spec §10).
 * @param {Context} context @param {string} id @param {string} product @returns {string}
 */
export const giftThreshold = (context, id, product) => {
  // A config that does not parse (null) was refused already, and names no gift.
  const goals = context.config()?.shipping_bar?.goals;
  const goal = Array.isArray(goals) ? goals.find((/** @type {any} */ g) => g?.grants?.gift === id || g?.grants?.gift === product) : null;
  return goal?.threshold == null ? '' : String(goal.threshold);
};

/**
 * The items' ids as the platform's item ids (the config's `variant_id`s, as the wasm read them
 * from the config it took last), each with its id and its product's (a variant's, spec §10; a
 * product's own id otherwise).
 * @param {Context} context @param {Item[]} items
 */
export const itemsOf = (context, items) => items.map(({ id, product, quantity, gift }) => {
  const pair = context.pairs().find(([, item]) => item === id);
  if (!pair) throw new PlatformError('platform_refused', `the product "${id}" has no variant_id in the config`, 0);
  return { variant: pair[0], quantity, gift: gift === true, id, product: product ?? id };
});

/**
 * One change of the shopper's (`cartlift:add-to-cart` or `cartlift:remove-from-cart`, held by
 * cartlift.js), written by `writes`: on success the offer's discount code follows, the cart is
 * read again and the event goes on to the page; on a refusal the shopper reads why under the
 * widget, and the cart stays the platform's.
 * @param {Context} context @param {Writes} writes @param {Event} event
 */
export const change = async (context, writes, event) => {
  const { type, target } = event;
  const detail = /** @type {CustomEvent<{ items: Item[], source: Source }>} */ (event).detail;
  const adding = type === 'cartlift:add-to-cart';
  try {
    await (adding ? writes.add(context, detail.items, detail.source) : writes.remove(context, detail.items, detail.source));
  } catch (e) {
    context.refused(target, e instanceof PlatformError ? e : unreachable(e));
    await context.reread();
    return;
  }
  // The offer's discount code (spec §6), for the platform to honour at checkout. The items
  // are in by now: a code the platform refuses is the merchant's to fix, not the shopper's.
  const code = adding && discountOf(context, detail.source);
  if (code) {
    try { await writes.discount(context, code); } catch (e) {
      context.report(target, [{ code: 'platform', path: '.', message: `${context.name}: the discount code "${code}" was not applied: ${/** @type {Error} */ (e)?.message || e}` }]);
    }
  }
  context.settled(target);
  await context.reread();
  context.dispatch(target, type, detail);
  try { writes.told(context.lastText()); } catch { /* the theme's refresh is its own */ }
};
