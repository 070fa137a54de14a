// @ts-check
// A flavour's wasm, compiled while it streams, and its bindings (a small module fetched beside
// it), by cartlift's own loader: wasm-bindgen's takes every form of input and warns of old ways
// of calling it, where cartlift has one URL (every page of the end-to-end tests is its oracle).
// A server that does not send `application/wasm` gets the bytes compiled instead, as
// wasm-bindgen's would.

/**
 * Loads `flavour` (its files beside `base`) and resolves with its bindings, initialised.
 * @param {import('./parts.js').Flavour} flavour
 * @param {string} base
 * @returns {Promise<import('../entry/bindings.js').Bindings>}
 */
export const load = async (flavour, base) => {
  const name = `cartlift-${flavour.name}${flavour.platform ? `-${flavour.platform}` : ''}${flavour.parts.includes('markets') ? '-markets' : ''}-`;
  const url = new URL(`${name}${flavour.wasm}.wasm`, base);
  const response = fetch(url);
  response.catch(() => { /* heard below, once the bindings have come */ });
  /** @type {import('../entry/bindings.js').Bindings} */
  const m = await import(new URL(`${name}${flavour.js}.js`, base).href);
  const imports = m.__wbg_get_imports();
  const res = await response;
  if (!res.ok) throw new Error(`fetching ${url} failed with HTTP ${res.status}`);
  let made;
  try {
    made = await WebAssembly.instantiateStreaming(res, imports);
  } catch (e) {
    if (res.headers.get('Content-Type')?.startsWith('application/wasm')) throw e;
    made = await WebAssembly.instantiate(await (await fetch(url)).arrayBuffer(), imports);
  }
  m.__wbg_finalize_init(made.instance, made.module);
  return m;
};
