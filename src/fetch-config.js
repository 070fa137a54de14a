// @ts-check
// cartlift's fetch of a `data-src` config (spec §1), loaded only by a page whose config
// element has `data-src`, while the wasm loads. One retry, for a passing network fault or a
// server error; a wrong answer is not retried. Each failure is a sentence for the merchant,
// which the entry hands to the wasm as a `cartlift:error` on "data-src".

const FETCH_MS = 8000;

/** What a fetch came to: the config's text, or a sentence for the merchant (and whether a
 * second try may help). @typedef {{ text?: string, error?: string, retry?: boolean }} Fetched */

/** @param {string} url @returns {Promise<Fetched>} */
const fetchOnce = async (url) => {
  const abort = globalThis.AbortController ? new AbortController() : null;
  const timer = setTimeout(() => abort?.abort(), FETCH_MS);
  try {
    let res;
    try {
      res = await fetch(url, { credentials: 'same-origin', signal: abort?.signal });
    } catch (e) {
      return { retry: true, error: /** @type {Error | undefined} */ (e)?.name === 'AbortError'
        ? `fetching the config from ${url} took longer than ${FETCH_MS / 1000} seconds`
        : `the config could not be fetched from ${url} (network error or blocked by the page's policy)` };
    }
    if (!res.ok) return { retry: res.status >= 500, error: `fetching the config from ${url} failed with HTTP ${res.status}` };
    let text;
    try { text = await res.text(); } catch { return { retry: true, error: `the config from ${url} stopped arriving` }; }
    const start = text.trimStart();
    if (!start) return { error: `${url} answered with an empty body, not a config` };
    if (start[0] === '<') return { error: `${url} answered with HTML, not a JSON config (a wrong URL, or a login page?)` };
    return { text };
  } finally {
    clearTimeout(timer);
  }
};
/** The config at `url`, tried twice when the first try may have met a passing fault. @param {string} url */
export const fetchConfig = async (url) => {
  const first = await fetchOnce(url);
  return first.retry ? fetchOnce(url) : first;
};
