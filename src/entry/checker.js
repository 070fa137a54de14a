// @ts-check
// cartlift's checker module (checker/), fetched the first time something is refused (a shop
// whose config is right never loads it): the same core with every sentence.

/** @type {Promise<any> | null} */
let checker = null;

/**
 * The checker module, loaded once (again after a failure).
 * @param {string} js its bindings' URL
 * @param {string} wasm its wasm's URL
 * @returns {Promise<Record<string, (...args: string[]) => string>>}
 */
export const checkerModule = (js, wasm) => (checker ??= import(js).then(async (m) => {
  await m.default({ module_or_path: wasm });
  return m;
}).catch((e) => { checker = null; throw e; }));
