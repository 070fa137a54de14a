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
/**
 * The calls that wait, in the order they were made: for the wasm to start, and the page's that
 * change something (configure, setCart, …) behind a config the language module is still
 * putting in the page's language (spec §13). `args` undefined: still coming; null: came to
 * nothing.
 * @type {{ name: string, args: unknown[] | null | undefined }[]}
 */
const queue = [];
/** Told when a call comes before the wasm (a page without a config chooses then). */
let wanted = () => {};

/** Whether the wasm has started. */
export const started = () => bindings != null;

/** Whether a page's call now would wait (for the wasm, or for a config before it). */
export const waiting = () => !bindings || queue.length > 0;

/**
 * Calls the export `name` with `args`, or queues it until the wasm has started; `fallback` is
 * the answer when it cannot be had (queued, or the export failed). `inOrder`: a page's call
 * that changes something, which also waits behind a config still coming.
 * @template T
 * @param {string} name
 * @param {unknown[]} args
 * @param {T} [fallback]
 * @param {boolean} [inOrder]
 * @returns {T}
 */
export const call = (name, args, fallback, inOrder) => {
  if (bindings && !(inOrder && queue.length)) {
    try { return bindings[name](...args); } catch (e) { console.error('cartlift:', e); return /** @type {T} */ (fallback); }
  }
  queue.push({ name, args });
  wanted();
  return /** @type {T} */ (fallback);
};

/** Runs the queued calls up to the first still coming, once the wasm has started. */
const flush = () => {
  while (bindings && queue.length && queue[0].args !== undefined) {
    const { name, args } = /** @type {{ name: string, args: unknown[] | null }} */ (queue.shift());
    if (args) call(name, args);
  }
};

/**
 * Queues the page's call `name` whose arguments `coming` will give (null: none, it is
 * dropped): the page's later calls wait for it.
 * @param {string} name @param {Promise<unknown[] | null>} coming
 * @returns {Promise<void>} once it has run, or is next once the wasm starts
 */
export const callWhen = (name, coming) => {
  /** @type {{ name: string, args: unknown[] | null | undefined }} */
  const entry = { name, args: undefined };
  queue.push(entry);
  wanted();
  return coming.then((args) => { entry.args = args; flush(); });
};

/** The wasm's memory in bytes, 0 before it has started. */
export const memoryBytes = () => (bindings ? bindings.memoryBytes() : 0);

/** `then` runs (once) at the first call made before the wasm. @param {() => void} then */
export const whenWanted = (then) => {
  wanted = () => { wanted = () => {}; then(); };
  if (queue.length) wanted();
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
  flush();
};
