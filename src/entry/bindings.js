// @ts-check
// The flavour's exports, once its wasm has started, and the calls that wait for them. Every
// call goes through `call`, which never throws into the page: before the wasm it queues the
// call (and says that the wasm is wanted), after it runs it and answers.

/**
 * What cartlift.js calls in a flavour's bindings module (wasm-bindgen's functions, the loader's
 * two, and the memory's size). The platform mapping's four exist in the platform flavours only.
 * @typedef {{
 *   __wbg_get_imports(): WebAssembly.Imports,
 *   __wbg_finalize_init(instance: WebAssembly.Instance, module: WebAssembly.Module): void,
 *   memoryBytes(): number,
 *   [name: string]: (...args: any[]) => any,
 * }} Bindings
 */

/** @type {Bindings | null} */
let bindings = null;
/** @type {[string, unknown[]][]} */
const early = [];
/** Told when a call comes before the wasm (a page without a config chooses then). */
let wanted = () => {};

/** Whether the wasm has started. */
export const started = () => bindings != null;

/**
 * Calls the export `name` with `args`, or queues it until the wasm has started; `fallback` is
 * the answer when it cannot be had (queued, or the export failed).
 * @template T
 * @param {string} name
 * @param {unknown[]} args
 * @param {T} [fallback]
 * @returns {T}
 */
export const call = (name, args, fallback) => {
  if (bindings) {
    try { return bindings[name](...args); } catch (e) { console.error('cartlift:', e); return /** @type {T} */ (fallback); }
  }
  early.push([name, args]);
  wanted();
  return /** @type {T} */ (fallback);
};

/**
 * The page's calls that change something (configure, setCart, ordered, …), in the order the
 * page made them: behind a config the language module is still putting in the page's language
 * (spec §13), each waits for it. An entry whose `args` are `undefined` is still coming; `null`
 * means it came to nothing.
 * @type {{ name: string, args: unknown[] | null | undefined }[]}
 */
const lane = [];

/** Runs the lane's calls up to the first still coming. */
const flush = () => {
  while (lane.length && lane[0].args !== undefined) {
    const { name, args } = /** @type {{ name: string, args: unknown[] | null }} */ (lane.shift());
    if (args) call(name, args);
  }
};

/** Whether a page's call now would wait (for the wasm, or for a config before it). */
export const waiting = () => !bindings || lane.length > 0;

/**
 * `call` for the page's calls that change something: in the page's order, after any config
 * still coming; `fallback` is the answer when it waits.
 * @template T
 * @param {string} name @param {unknown[]} args @param {T} [fallback]
 * @returns {T}
 */
export const inOrder = (name, args, fallback) => {
  if (!lane.length) return call(name, args, fallback);
  lane.push({ name, args });
  return /** @type {T} */ (fallback);
};

/**
 * Queues the call `name` whose arguments `coming` will give (null: none, it is dropped): the
 * page's later calls wait for it.
 * @param {string} name @param {Promise<unknown[] | null>} coming
 * @returns {Promise<void>} once it has run
 */
export const inOrderWhen = (name, coming) => {
  /** @type {{ name: string, args: unknown[] | null | undefined }} */
  const entry = { name, args: undefined };
  lane.push(entry);
  return coming.then((args) => { entry.args = args; flush(); });
};

/** The wasm's memory in bytes, 0 before it has started. */
export const memoryBytes = () => (bindings ? bindings.memoryBytes() : 0);

/** `then` runs (once) at the first call made before the wasm. @param {() => void} then */
export const whenWanted = (then) => {
  wanted = () => { wanted = () => {}; then(); };
  if (early.length) wanted();
};

/**
 * The wasm has started with `m`: `first` runs (the exports' start), then every queued call, in
 * order.
 * @param {Bindings} m
 * @param {() => void} first
 */
export const begin = (m, first) => {
  bindings = m;
  first();
  for (const [name, args] of early.splice(0)) call(name, args);
};
