// @ts-check
// ---- a platform's requests, and how they fail -------------------------------------------
// Shared by an adapter's reading part (`common.js`) and its writing part (`changes.js`); each
// bundle carries its own copy, as both are small.

const TIMEOUT_MS = 10000;

/**
 * A fetch that gives up after TIMEOUT_MS, with the page's own fetch as it was.
 * @param {typeof fetch} fetchFn @param {string} url @param {RequestInit} [init]
 */
export const timed = (fetchFn, url, init = {}) => {
  const abort = globalThis.AbortController ? new AbortController() : null;
  const timer = setTimeout(() => abort?.abort(), TIMEOUT_MS);
  return fetchFn(url, { credentials: 'same-origin', ...init, signal: abort?.signal })
    .finally(() => clearTimeout(timer));
};

/**
 * A platform's refusal or a network fault: `label` names cartlift's sentence for it, `shown`
 * is the platform's own sentence for the shopper when it has one (in the shop's language:
 * "You can't add more Wireless Mouse to the cart."), `detail` what the console gets.
 */
export class PlatformError extends Error {
  /** @param {string} label @param {string} detail @param {number} status @param {string} [shown] */
  constructor(label, detail, status, shown = '') {
    super(detail || label);
    this.label = label;
    this.detail = detail;
    this.status = status;
    this.shown = shown;
  }
}

/** A fault of the network itself: offline, blocked or timed out. @param {any} e */
export const unreachable = (e) => new PlatformError(
  globalThis.navigator?.onLine === false ? 'platform_offline' : 'platform_failed',
  e?.name === 'AbortError' ? `no answer within ${TIMEOUT_MS / 1000} seconds` : String(e?.message || e),
  0,
);

/** A read's answer as text, or an error saying its status (the console's, not the shopper's). */
export const textOf = async (/** @type {Response} */ res) => {
  if (!res.ok) throw new PlatformError('platform_failed', `HTTP ${res.status}`, res.status);
  return res.text();
};
