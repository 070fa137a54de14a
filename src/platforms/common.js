// @ts-check
// ---- what every platform adapter shares ------------------------------------------------
// Imported by each platform's own part, which calls `adapter({...})`; the platform mapping is
// the widget's own wasm (its platform flavour), which cartlift.js hands over as `host.wasm`.
// esbuild bundles the two into one module (`cartlift-<platform>-<hash>.js`), loaded by
// cartlift.js only on a page whose config element has `data-platform`.
//
// An adapter keeps cartlift's cart equal to the platform's: it reads the platform's cart
// (never more than one request in flight; a burst of changes is one re-read), follows every
// change the page or another tab makes, and sends the shopper's adds and removes to the
// platform one after another, so two quick clicks are two adds, never one and never three.

import { segmentsShown } from '../entry/facts.js';

const TIMEOUT_MS = 10000;

/**
 * What cartlift.js hands an adapter: its API, the page's fetch as it was, `passing` (the events
 * cartlift.js lets through), `fetched` (the `data-src` config's fetch), the wasm's platform
 * mapping (`wasm`), how the widgets get a config (`configureWidgets`, and `configured`: once the
 * last one given has reached the wasm, past a language module), the figures' facts as the wasm
 * told them last (`facts`: segments shown and experiment variants) and the checker module's
 * answers with their sentences (`explain`); the adapter adds `config`, the config's text.
 * @typedef {{
 *   api: Cartlift.Api,
 *   fetch: typeof fetch,
 *   passing: WeakSet<Event>,
 *   fetched: Promise<{ text?: string, error?: string }> | null,
 *   wasm: Record<string, (...args: string[]) => string>,
 *   explain: (name: string, ...args: string[]) => Promise<string>,
 *   configureWidgets: (config: unknown) => boolean,
 *   configured: () => Promise<void>,
 *   given: () => Cartlift.Config | string | undefined,
 *   facts: () => import('../entry/facts.js').Facts | null,
 *   onFacts: (f: () => void) => void,
 *   config: () => string,
 * }} Host
 */
/** What a started adapter gives cartlift.js: what takes the widgets' held changes, and what
 * takes a config the page gives later. @typedef {{ take: (event: Event) => void, configure: (config: Cartlift.Config | string) => boolean }} Started */
/** A problem, as `cartlift:error` carries it. @typedef {{ code: string, path: string, message: string }} Problem */
/** A line to add or remove, in cartlift's ids (a variant's names its `product`, spec §10); `gift` for a goal's gift (spec §11). @typedef {{ id: string, product?: string, quantity: number, price?: string, gift?: boolean }} Item */
/** Where a change came from. @typedef {{ widget: string, offer?: string }} Source */
/** A platform's line: its key, whose item it is, the offer that added it, and whether it is a goal's gift. @typedef {{ key: string, item: string, offer?: string, gift?: boolean }} Line */
/** The claim on a cart: segments and experiment variants. @typedef {{ s?: unknown, x?: unknown }} Claim */
/**
 * A platform's own part (see `adapter`).
 * @typedef {{
 *   name: string,
 *   read(fetchFn: typeof fetch): Promise<string>,
 *   isCartWrite(url: string, method: string): boolean,
 *   follow(reread: () => void): void,
 *   add(fetchFn: typeof fetch, items: Item[], source: Source): Promise<void>,
 *   remove(fetchFn: typeof fetch, items: Item[], source: Source, lines: Line[]): Promise<void>,
 *   discount(fetchFn: typeof fetch, code: string, cartText: string | null): Promise<void>,
 *   told(cartText: string | null): void,
 *   confirmation(): string | null,
 *   placed?(config: string): Cartlift.Cart | null,
 *   currency?(): string | null | undefined,
 *   rate?(currency: string): string | null | undefined,
 *   claimed?(cartText: string | null): Claim | null,
 *   claim?(fetchFn: typeof fetch, text: string): Promise<void>,
 * }} Platform
 */

// The sentences of a refusal: the shop's own from `labels` (`platform_sold_out`, …), else these.
/** @type {Record<string, string>} */
const SENTENCES = {
  platform_sold_out: "Sorry, that's sold out.",
  platform_refused: "That couldn't be added to your cart.",
  platform_offline: "You seem to be offline; nothing was changed.",
  platform_failed: 'The cart could not be updated. Please try again.',
};

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

/** A fault of the network itself: offline, blocked or timed out. @param {any} e */
export const unreachable = (e) => new PlatformError(
  globalThis.navigator?.onLine === false ? 'platform_offline' : 'platform_failed',
  e?.name === 'AbortError' ? `no answer within ${TIMEOUT_MS / 1000} seconds` : String(e?.message || e),
  0,
);

// The sentence a widget shows when the platform refused what the shopper did: one line under
// the widget, announced politely, gone with the next change that works.
const noticeSheet = globalThis.CSSStyleSheet && new CSSStyleSheet();
try { noticeSheet?.replaceSync('[part=notice]{margin:.5em 0 0;font-size:.9em}[part=notice]:empty{display:none}'); } catch { /* no constructable sheets */ }
/** @param {Element | null} target @param {string} text */
const notice = (target, text) => {
  const shadow = target?.shadowRoot;
  if (!shadow) return;
  let p = shadow.querySelector('[part=notice]');
  if (!p) {
    if (!text) return;
    p = document.createElement('p');
    p.setAttribute('part', 'notice');
    p.setAttribute('role', 'status');
    shadow.append(p);
    if (noticeSheet && !shadow.adoptedStyleSheets.includes(noticeSheet)) shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, noticeSheet];
  }
  p.textContent = text;
};

/**
 * The config's text, as the config element holds it (inline, or at its `data-src`, as
 * cartlift.js fetched it). With `data-platform` the element is the config; a later
 * `cartlift.configure()` does not reach the adapter.
 */
/** @param {typeof fetch} fetchFn @param {Host['fetched']} fetched @returns {Promise<string>} */
const configText = async (fetchFn, fetched) => {
  const el = document.getElementById('cartlift-config');
  const src = el?.getAttribute('data-src');
  if (!src) return el?.textContent || '{}';
  // cartlift.js fetched it already, while the wasm loaded (and reported a failure).
  if (fetched) return (await fetched).text ?? '{}';
  try {
    const res = await timed(fetchFn, src);
    return res.ok ? await res.text() : '{}';
  } catch {
    return '{}';
  }
};

/** The config the adapter holds, parsed once per config (`null` when it is not JSON). */
let parsed = /** @type {{ text: string | null, value: any }} */ ({ text: null, value: null });
/** @param {Host} host */
const configOf = (host) => {
  const text = host.config();
  if (text !== parsed.text) {
    let value = null;
    try { value = JSON.parse(text); } catch { /* not JSON: the widget reports it */ }
    parsed = { text, value };
  }
  return parsed.value;
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
export const isBundle = (/** @type {Host} */ host, /** @type {Source | undefined} */ source) => {
  if (source?.widget === 'bundles') return true;
  const bundles = configOf(host)?.bundles;
  return source?.widget === 'recommendations' && Array.isArray(bundles) && bundles.some((/** @type {any} */ b) => b?.id === source.offer);
};

/** The `discount_code` of the bundle or upsell a change came from, if the config names one. */
const discountOf = (/** @type {Host} */ host, /** @type {Source} */ source) => {
  const config = configOf(host);
  const offers = config ? offersOf(config, source) : [];
  const code = Array.isArray(offers) ? offers.find((/** @type {any} */ o) => o?.id === source.offer)?.discount_code : null;
  return typeof code === 'string' && code.trim() ? code : null;
};

/** The config's `labels`, for the sentences above. */
const labelsOf = (/** @type {Host} */ host) => {
  return configOf(host)?.labels ?? {};
};

/** `name` on the widget `target` (else the document), past cartlift.js's hold. */
/** @param {Host} host @param {EventTarget | null} target @param {string} name @param {unknown} detail */
export const dispatch = (host, target, name, detail) => {
  const e = new CustomEvent(name, { bubbles: true, composed: true, detail });
  host.passing.add(e);
  (target instanceof Node && target.isConnected ? target : document).dispatchEvent(e);
};

/** `cartlift:error` with `kind: "platform"`, on the widget that caused it (else the document). */
/**
 * @param {Host} host @param {EventTarget | null} target @param {Problem[]} errors
 * @param {[string, ...string[]]} [explain] the mapping's call that found them, for the checker module to answer
 */
const reportError = async (host, target, errors, explain) => {
  // The widget's wasm carries no sentences: the checker module's answer to the same call has them.
  if (explain && errors.some((e) => !e.message)) {
    try {
      const full = JSON.parse(await host.explain(...explain));
      const list = Array.isArray(full) ? full : full?.errors;
      if (list?.length) errors = list;
    } catch { /* the checker module could not be had: each problem is said by its code */ }
    errors = errors.map((e) => (e.message ? e : { ...e, message: e.code }));
  }
  console.warn('cartlift:', errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  dispatch(host, target, 'cartlift:error', { kind: 'platform', errors });
};

/** Where the cart a tab last saw waits for its order confirmation page. */
const CHECKOUT_CART = 'cartlift:checkout-cart';

/**
 * Starts an adapter, and resolves with what takes the widgets' held changes. `host` is what
 * cartlift.js gives it: its API, the page's fetch as it was, and `passing`, the events
 * cartlift.js lets through, and `fetched`, the `data-src` config's fetch; `platform` is the
 * platform's own part: `name`, `read(fetchFn)` (the payload's text), `isCartWrite(url, method)`,
 * `follow(reread)`, `add(fetchFn, items, source)`, `remove(fetchFn, items, source, lines)`,
 * `discount(fetchFn, code, cartText)` (the cart as last read), `told(cartText)`, and optionally
 * `currency()` (the shopper's, before the cart says it), `rate(currency)` (the price of one
 * unit of the shop's currency in it), and `claimed(cartText)` / `claim(fetchFn, text)` (the
 * shopper's segments and variants as the cart holds them, and writing them there).
 */
export const adapter = async (/** @type {Host} */ host, /** @type {Platform} */ platform) => {
  const fetchFn = host.fetch;
  // The element's config, or one the page gave (`cartlift.configure`) before the adapter came;
  // a later one replaces it (see `configure` below).
  let config = await configText(fetchFn, host.fetched);
  /** A config the page gave, as text (an object is written as JSON); `undefined` when it cannot
   * be written, and then the widgets refuse it, saying why. @param {Cartlift.Config | string} given */
  const textOf = (given) => {
    let text;
    try { text = typeof given === 'string' ? given : JSON.stringify(given); } catch { text = undefined; }
    if (typeof text !== 'string') host.configureWidgets(given);
    return text;
  };
  // A config the page gave while the adapter started replaces the element's.
  const early = host.given();
  config = (early !== undefined && textOf(early)) || config;
  // On the host itself, so the platform's part reads the same config.
  host.config = () => config;
  /** @type {Line[]} */
  let lines = [];
  /** @type {string | null} */
  let lastText = null;

  // The widgets get their config from here (the wasm leaves a platform page's config element
  // to the adapter). The wasm parses it once, for the widgets and for the mapping of the
  // platform's carts, and draws it once the first cart read has said the shopper's currency:
  // in a currency the shop converts to (Shopify Markets), every amount of the config is in the
  // shopper's currency, so no figure is ever in a currency other than the one they pay in.
  /** The config's own currency (`null` when it is not JSON: the widget reports it). */
  const currencyOf = () => {
    const c = configOf(host)?.currency;
    return typeof c === 'string' ? c : null;
  };
  let own = currencyOf();
  /** The currency the widgets were last shown in. @type {string | null | undefined} */
  let shownIn;
  /** The shopper's market the wasm holds: `"<currency> <rate>"`, "" for the config's own
   * currency; null until the first cart read says it (the wasm holds the widgets till then). @type {string | null} */
  let market = null;
  /** @param {string | null | undefined} currency */
  const show = (currency) => {
    shownIn = currency;
    const rate = currency && currency !== own ? platform.rate?.(currency) : null;
    const wanted = rate && currency ? `${currency} ${rate}` : '';
    // The wasm keeps the market and shows the config it took converted by it, as checkout
    // charges it (the config held for the first one converted, not parsed again).
    if (wanted === market) return;
    market = wanted;
    const out = host.wasm.market(wanted ? String(currency) : '', wanted ? String(rate) : '');
    let errors = null;
    try { errors = out ? JSON.parse(out).errors : null; } catch { /* always JSON: nothing to say */ }
    if (errors) reportError(host, null, errors);
  };
  /**
   * Gives the widgets the config `text`; once it has reached the wasm, takes what the mapping
   * read of it (from the same parse): its pairs, for the adds, and the problems of what only a
   * platform reads, said once per config.
   * @param {string} text @returns {boolean} the widgets' answer
   */
  const give = (text) => {
    const taken = host.configureWidgets(text);
    host.configured().then(() => {
      const answer = host.wasm.platform_config();
      if (!answer) return; // refused: the last config taken stays, with its pairs
      /** @type {{ pairs: [string, string][], errors: Problem[] }} */
      const read = JSON.parse(answer);
      pairs = read.pairs;
      if (read.errors.length) reportError(host, null, read.errors, ['check_config', config]);
    }, () => { /* the language module's failure is the widgets' to report */ });
    return taken;
  };

  // The order confirmation page (spec §8): the order just placed is remembered in this
  // browser, once by the platform's order id. Its lines are the cart as this tab last saw it
  // before checkout (kept in sessionStorage, and only while cartlift keeps a visitor record:
  // never without consent), or what the platform's page says (`platform.placed(config)`).
  const session = () => { try { return globalThis.sessionStorage; } catch { return null; } };
  const remembered = () => { try { return globalThis.localStorage.getItem('cartlift:visitor') != null; } catch { return false; } };
  const confirmed = (() => { try { return platform.confirmation(); } catch { return null; } })();
  if (confirmed) {
    /** @type {Cartlift.Cart | null} */
    let cart = null;
    try { cart = JSON.parse(session()?.getItem(CHECKOUT_CART) ?? 'null'); } catch { /* not ours: unused */ }
    if (!cart?.items?.length) { try { cart = platform.placed?.(config) ?? null; } catch { cart = null; } }
    if (cart?.items?.length) host.api.ordered(cart, `${platform.name}-${confirmed}`);
    try { session()?.removeItem(CHECKOUT_CART); } catch { /* nothing kept */ }
  }
  /** @param {Cartlift.Cart} cart */
  const keepForCheckout = (cart) => {
    if (confirmed) return;
    try {
      if (!remembered()) { session()?.removeItem(CHECKOUT_CART); return; }
      if (cart?.items?.length) session()?.setItem(CHECKOUT_CART, JSON.stringify(cart));
      else session()?.removeItem(CHECKOUT_CART);
    } catch { /* storage blocked or full: the confirmation page has the platform's word only */ }
  };

  // What checkout cannot see for itself (spec §7): the segments this shopper was shown offers
  // for and the variant of each experiment, written on the platform's cart for cartlift's
  // checkout pricing to read (Shopify: the `_cartlift` cart attribute). Segments only add up
  // over a cart's life, so an offer the shopper took keeps its price when the list changes.
  // A shopper can edit it: the README says what that can get them.
  const personal = () => {
    const c = configOf(host);
    return (c?.segments?.length ?? 0) > 0 || (c?.experiments?.length ?? 0) > 0;
  };
  /** @type {string | null} */
  let claimTried = null;
  const claim = async () => {
    if (!personal() || !platform.claim || !platform.claimed) return false;
    // The wasm tells the facts of a new cart in the microtasks after `setCart` (its effects),
    // and a task runs only once every microtask has: a task later, the facts are this cart's
    // (or, when the cart changed no figure, the ones told before, which are the same).
    await new Promise((resolve) => { setTimeout(resolve, 0); });
    const facts = host.facts();
    if (!facts) return false;
    const held = platform.claimed(lastText);
    const segments = new Set(Array.isArray(held?.s) ? held.s.filter((/** @type {unknown} */ s) => typeof s === 'string') : []);
    for (const s of segmentsShown(facts)) segments.add(s);
    /** @type {Record<string, string>} */
    const variants = {};
    for (const e of facts.experiments) variants[e.experiment] = e.variant;
    const text = JSON.stringify({ s: [...segments].sort(), x: variants });
    const same = held != null ? JSON.stringify({ s: held.s, x: held.x }) === text : !segments.size && !Object.keys(variants).length;
    // A write that failed is not retried for the same claim: the next change makes a new one.
    if (same || text === claimTried) return false;
    claimTried = text;
    try { await platform.claim(fetchFn, text); } catch (e) {
      console.warn(`cartlift: the ${platform.name} cart did not take the shopper's offers for checkout.`, e);
      return false;
    }
    return true;
  };

  // Reading: one request at a time; changes during it make exactly one more.
  /** @type {Promise<void> | null} */
  let reading = null;
  let again = false;
  const readOnce = async () => {
    const text = await platform.read(fetchFn);
    // The mapping is the config's, as the wasm took it (past a language module it may wait for).
    await host.configured();
    lastText = text;
    const out = JSON.parse(host.wasm.read_cart(platform.name, text));
    if (out.errors) {
      reportError(host, null, out.errors, ['read_cart', platform.name, host.config(), text]);
      show(platform.currency?.());
      return;
    }
    lines = out.lines;
    keepForCheckout(out.cart);
    show(out.cart.currency);
    host.api.setCart(out.cart);
    // A new claim may change what the platform charges: read again, and tell the theme.
    if (await claim()) {
      again = true;
      told = true;
    }
  };
  let told = false;
  const reread = () => {
    if (reading) { again = true; return reading; }
    reading = (async () => {
      do {
        again = false;
        try { await readOnce(); } catch (e) {
          console.warn(`cartlift: the ${platform.name} cart could not be read.`, e);
          // The widgets still show the offers, for the cart as it is not known.
          show(platform.currency?.());
        }
      } while (again);
      reading = null;
      if (told) {
        told = false;
        try { platform.told(lastText); } catch { /* the theme's refresh is its own */ }
      }
    })();
    return reading;
  };

  // The page's own cart requests, through fetch and XMLHttpRequest: the same calls, the same
  // answers and errors, the same objects; only a re-read is scheduled when they settle.
  const page = globalThis;
  /** @template {Function} F @param {F} ours @param {Function} theirs @returns {F} */
  const same = (ours, theirs) => {
    try {
      Object.defineProperty(ours, 'name', { value: theirs.name });
      Object.defineProperty(ours, 'length', { value: theirs.length });
    } catch { /* kept as they are */ }
    return ours;
  };
  const original = page.fetch;
  if (typeof original === 'function') {
    /** @this {unknown} @param {RequestInfo | URL} input @param {RequestInit} [init] */
    const wrapped = function fetch(input, init) {
      // The page's own arguments, exactly as given.
      const result = original.apply(this, /** @type {any} */ (arguments));
      try {
        const url = typeof input === 'string' ? input : input instanceof Request ? input.url : String(input);
        const method = (init?.method || (input instanceof Request ? input.method : '') || 'GET').toUpperCase();
        if (platform.isCartWrite(url, method) && typeof result?.then === 'function') {
          result.then(() => reread(), () => reread());
        }
      } catch { /* never in the page's way */ }
      return result;
    };
    // Its name and arity as the page's own, so nothing that inspects fetch sees a difference.
    try {
      page.fetch = same(wrapped, original);
    } catch { /* a frozen fetch: events and visibility still work */ }
  }
  // Requests are remembered in a WeakSet, not on the page's objects; the methods keep their
  // names and arity, as fetch does.
  const XHR = page.XMLHttpRequest?.prototype;
  if (XHR) {
    const writes = new WeakSet();
    const open = XHR.open;
    const send = XHR.send;
    XHR.open = same(/** @this {XMLHttpRequest} @param {string} method @param {string | URL} url */ function (method, url) {
      try {
        if (platform.isCartWrite(String(url), String(method).toUpperCase())) writes.add(this);
        else writes.delete(this);
      } catch { /* never in the page's way */ }
      // The page's own arguments, exactly as given.
      return open.apply(this, /** @type {any} */ (arguments));
    }, open);
    XHR.send = same(/** @this {XMLHttpRequest} */ function () {
      if (writes.has(this)) {
        try { this.addEventListener('loadend', () => reread(), { once: true }); } catch { /* ignore */ }
      }
      // The page's own arguments, exactly as given.
      return send.apply(this, /** @type {any} */ (arguments));
    }, send);
  }
  // Cart writes the page began before the wrappers existed (a theme's add while cartlift was
  // still loading): their requests cannot be followed, but the browser's resource timing says
  // when each one completes. Only those begun earlier count; later ones are the wrappers'.
  const wrappedAt = globalThis.performance?.now?.() ?? 0;
  try {
    new PerformanceObserver((list) => {
      if (list.getEntries().some((e) => e.startTime < wrappedAt && platform.isCartWrite(e.name, 'POST'))) reread();
    }).observe({ type: 'resource', buffered: true });
  } catch { /* no resource timing: the events and the tab's return still work */ }
  document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'visible') reread(); });
  platform.follow(reread);

  // The shopper's changes, one after another.
  let queue = Promise.resolve();
  /** @param {Event} event */
  const take = (event) => {
    const { type, target } = event;
    const detail = /** @type {CustomEvent<{ items: Item[], source: Source }>} */ (event).detail;
    queue = queue.then(async () => {
      const adding = type === 'cartlift:add-to-cart';
      try {
        await (adding ? platform.add(fetchFn, detail.items, detail.source) : platform.remove(fetchFn, detail.items, detail.source, lines));
      } catch (e) {
        const fault = e instanceof PlatformError ? e : unreachable(e);
        const given = labelsOf(host)[fault.label];
        const words = typeof given === 'string' && given.trim() ? given : SENTENCES[fault.label];
        // A refusal's own sentence is the platform's, in the shop's language; a fault's is
        // cartlift's, from `labels`.
        notice(target instanceof Element ? target : null, fault.shown || words);
        reportError(host, target, [{ code: 'platform', path: '.', message: `${platform.name}: ${fault.detail || words}${fault.status ? ` (HTTP ${fault.status})` : ''}` }]);
        await reread();
        return;
      }
      // The offer's discount code (spec §6), for the platform to honour at checkout. The items
      // are in by now: a code the platform refuses is the merchant's to fix, not the shopper's.
      const code = adding && discountOf(host, detail.source);
      if (code) {
        try { await platform.discount(fetchFn, code, lastText); } catch (e) {
          reportError(host, target, [{ code: 'platform', path: '.', message: `${platform.name}: the discount code "${code}" was not applied: ${/** @type {Error} */ (e)?.message || e}` }]);
        }
      }
      notice(target instanceof Element ? target : null, '');
      await reread();
      dispatch(host, target, type, detail);
      try { platform.told(lastText); } catch { /* the theme's refresh is its own */ }
    });
  };

  // The config, parsed once by the wasm for the widgets and the mapping; the widgets wait
  // for the first cart read, which says the shopper's currency.
  host.wasm.hold_for_market();
  give(config);
  reread();
  // Facts that come after the cart was read (the config reached the wasm later: the language
  // module was fetched first) may claim segments the read could not: write them then, and read
  // the cart again for what the platform now charges.
  host.onFacts(() => {
    if (lastText == null || reading) return;
    // `claim` reports its own failures (a console warning) and never rejects: nothing to add.
    claim().then((wrote) => { if (wrote) { told = true; reread(); } }, () => {});
  });
  /** @type {Started} */
  const started = {
    take,
    // A config the page gives later: the mapping reads it from now on, and the widgets get it
    // in the shopper's currency, as they got the first. One that is not JSON goes to the
    // widgets as it is, which refuse it and say why.
    configure: (given) => {
      const text = textOf(given);
      if (text === undefined) return false;
      config = text;
      own = currencyOf();
      const taken = give(text);
      // In another currency, the market may move (before the first cart read, the read says it).
      if (market !== null) show(shownIn);
      return taken;
    },
  };
  return started;
};

/** The config's (variant id, product id) pairs, as the wasm read them from the config it took
 * last. @type {[string, string][]} */
let pairs = [];
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
 * @param {Host} host @param {string} id @param {string} product @returns {string}
 */
export const giftThreshold = (host, id, product) => {
  // A config that does not parse (null) was refused already, and names no gift.
  const goals = configOf(host)?.shipping_bar?.goals;
  const goal = Array.isArray(goals) ? goals.find((/** @type {any} */ g) => g?.grants?.gift === id || g?.grants?.gift === product) : null;
  return goal?.threshold == null ? '' : String(goal.threshold);
};
/**
 * The items' ids as the platform's item ids (the config's `variant_id`s), each with its id and
 * its product's (a variant's, spec §10; a product's own id otherwise).
 */
export const itemsOf = (/** @type {Item[]} */ items) => items.map(({ id, product, quantity, gift }) => {
  const pair = pairs.find(([, item]) => item === id);
  if (!pair) throw new PlatformError('platform_refused', `the product "${id}" has no variant_id in the config`, 0);
  return { variant: pair[0], quantity, gift: gift === true, id, product: product ?? id };
});
