// @ts-check
// The parts of cartlift a config uses, decided before any wasm is fetched, so that the page
// loads the smallest flavour that carries them. The same decision as the core's
// `parts::used` (core/src/parts.rs), which is its oracle: `cargo xtask test` runs both on
// every example config and on cases of their own (xtask/src/parts_oracle.rs).

/** A part a config uses; and `markets`, which the page decides (`cartlift.js`: a Shopify shopper
 * shown another currency than the config's), carried by Shopify's flavours with the conversion.
 * @typedef {'bundles' | 'tiers' | 'upsells' | 'personal' | 'gifts' | 'variants' | 'markets'} Part */

/** Whether `v` is a JSON object (not null, not a list). @param {unknown} v @returns {v is Record<string, unknown>} */
export const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Whether `key` holds something: a value, or a list or object that is not empty. */
const given = (/** @type {Record<string, unknown>} */ o, /** @type {string} */ key) => {
  const v = o[key];
  if (v == null) return false;
  if (Array.isArray(v)) return v.length > 0;
  if (isObject(v)) return Object.keys(v).length > 0;
  return true;
};

/** The objects of a list; anything else is none. */
const objects = (/** @type {unknown} */ v) => (Array.isArray(v) ? v.filter(isObject) : []);

/**
 * The parts the config `config` (its parsed JSON) uses, in the order the flavours add them.
 * @param {unknown} config
 * @returns {Part[]}
 */
export const partsUsed = (config) => {
  if (!isObject(config)) return [];
  const bar = config.shipping_bar;
  const goals = isObject(bar) ? objects(bar.goals) : [];
  const products = objects(config.products);
  const offers = [...goals, ...objects(config.bundles), ...objects(config.volume_tiers), ...objects(config.upsells)];
  const personal = given(config, 'segments') || given(config, 'experiments')
    || goals.some((g) => given(g, 'personal'))
    || offers.some((o) => given(o, 'segments'))
    || products.some((p) => given(p, 'related'));
  /** @type {[Part, boolean][]} */
  const all = [['bundles', given(config, 'bundles')], ['tiers', given(config, 'volume_tiers') || given(config, 'buy_x_get_y')],
    ['upsells', given(config, 'upsells')], ['personal', personal],
    ['gifts', goals.some((g) => isObject(g.grants) && (given(g.grants, 'gift') || given(g.grants, 'auto')))],
    ['variants', products.some((p) => given(p, 'variants') || given(p, 'options'))]];
  return all.filter(([, used]) => used).map(([part]) => part);
};

/**
 * A flavour of the wasm: its name, the parts it carries, the platform whose mapping it has
 * (`shopify`, `woocommerce`, or `""` for none), and the hashes of its bindings module and its
 * wasm (`cartlift-<name>[-<platform>][-markets]-<hash>`).
 * @typedef {{ name: string, parts: Part[], platform: string, js: string, wasm: string }} Flavour
 */

/**
 * The smallest flavour of `flavours` (smallest first) that carries `parts`, with `platform`'s
 * mapping (`""`: none); the largest when none does.
 * @param {Flavour[]} flavours
 * @param {Part[]} parts
 * @param {string} platform
 * @returns {Flavour}
 */
export const flavourFor = (flavours, parts, platform) => {
  const fitting = flavours.filter((f) => f.platform === platform);
  return fitting.find((f) => parts.every((p) => f.parts.includes(p))) ?? fitting[fitting.length - 1];
};
