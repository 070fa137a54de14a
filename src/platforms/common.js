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
//
// What writes to the platform's cart (the shopper's adds and removes, an offer's discount code,
// the claim of segments and variants, telling the theme; Shopify's order status page's order) is
// each platform's second module, `<platform>-changes.js` with `changes.js`, fetched at the
// shopper's intent or first write, not with the page: a page that only shows offers never loads
// it (the writing parts are 1.7 to 2.5 KB brotli, the reading parts 3.3 to 3.5).

import { segmentsShown } from '../entry/facts.js';
import { unreachable } from './requests.js';


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
 * A platform's own part (see `adapter`): what reads and follows its cart, and `changes()`,
 * which fetches the module that writes to it.
 * @typedef {{
 *   name: string,
 *   read(fetchFn: typeof fetch): Promise<string>,
 *   isCartWrite(url: string, method: string): boolean,
 *   follow(reread: () => void): void,
 *   confirmation(): string | null,
 *   placedOnPage?: boolean,
 *   currency?(): string | null | undefined,
 *   rate?(currency: string): string | null | undefined,
 *   claimed?(cartText: string | null): Claim | null,
 *   changes(attempt: number): Promise<Changes>,
 * }} Platform
 */
/**
 * A platform's writing part (`<platform>-changes.js`): the shopper's change (`take`, see
 * `changes.js`), the claim, and telling the theme.
 * @typedef {{
 *   take(context: Context, event: Event): Promise<void>,
 *   claim?(fetchFn: typeof fetch, text: string): Promise<void>,
 *   told(cartText: string | null): void,
 *   placed?(config: string): Cartlift.Cart | null,
 * }} Changes
 */
/**
 * What the adapter shares with its writing part: the host, the page's fetch, the lines and the
 * cart as last read, the config (parsed) and its pairs, the next read, and how a change that
 * failed or worked is said.
 * @typedef {{
 *   host: Host,
 *   name: string,
 *   fetchFn: typeof fetch,
 *   lines: () => Line[],
 *   lastText: () => string | null,
 *   config: () => any,
 *   pairs: () => [string, string][],
 *   reread: () => Promise<void>,
 *   refused: (target: EventTarget | null, fault: import('./requests.js').PlatformError) => void,
 *   settled: (target: EventTarget | null) => void,
 *   report: (target: EventTarget | null, errors: Problem[]) => void,
 *   dispatch: (target: EventTarget | null, name: string, detail: unknown) => void,
 * }} Context
 */

// The sentences of a refusal: the shop's own from `labels` (`platform_sold_out`, …), else these.
/** @type {Record<string, string>} */
const SENTENCES = {
  platform_sold_out: "Sorry, that's sold out.",
  platform_refused: "That couldn't be added to your cart.",
  platform_offline: "You seem to be offline; nothing was changed.",
  platform_failed: 'The cart could not be updated. Please try again.',
};

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
 * The config's text, as the config element holds it: inline, or at its `data-src`, as
 * cartlift.js fetched it (`fetched`: it reads the element first, and fetches a `data-src`
 * while the wasm loads).
 * @param {Host['fetched']} fetched @returns {Promise<string>}
 */
const configText = async (fetched) => (fetched
  ? (await fetched).text ?? '{}'
  : document.getElementById('cartlift-config')?.textContent || '{}');

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

/** `name` on the widget `target` (else the document), past cartlift.js's hold. */
/** @param {Host} host @param {EventTarget | null} target @param {string} name @param {unknown} detail */
const dispatch = (host, target, name, detail) => {
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

/** What says a shopper is about to change the cart: a pointer over a widget, or focus in one. */
const INTENT = ['pointerover', 'focusin'];

/** Where the cart a tab last saw waits for its order confirmation page. */
const CHECKOUT_CART = 'cartlift:checkout-cart';

/**
 * Starts an adapter, and resolves with what takes the widgets' held changes. `host` is what
 * cartlift.js gives it: its API, the page's fetch as it was, and `passing`, the events
 * cartlift.js lets through, and `fetched`, the `data-src` config's fetch; `platform` is the
 * platform's own part: `name`, `read(fetchFn)` (the payload's text), `isCartWrite(url, method)`,
 * `follow(reread)`, `confirmation()` (the order just placed; `placedOnPage` when the page
 * describes it, for the writing part's `placed(config)` to read), optionally
 * `currency()` (the shopper's, before the cart says it), `rate(currency)` (the price of one
 * unit of the shop's currency in it) and `claimed(cartText)` (the shopper's segments and
 * variants as the cart holds them), and `changes()`, its writing part (see `Changes`).
 */
export const adapter = async (/** @type {Host} */ host, /** @type {Platform} */ platform) => {
  const fetchFn = host.fetch;
  // The element's config, or one the page gave (`cartlift.configure`) before the adapter came;
  // a later one replaces it (see `configure` below).
  let config = await configText(host.fetched);
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
  // never without consent), or what the platform's page says, read by its writing part
  // (`Changes.placed`: only that page reads it), fetched then (`platform.placedOnPage`).
  const session = () => { try { return globalThis.sessionStorage; } catch { return null; } };
  const remembered = () => { try { return globalThis.localStorage.getItem('cartlift:visitor') != null; } catch { return false; } };
  const confirmed = (() => { try { return platform.confirmation(); } catch { return null; } })();
  /** @param {Cartlift.Cart | null | undefined} cart */
  const ordered = (cart) => { if (cart?.items?.length) host.api.ordered(cart, `${platform.name}-${confirmed}`); };
  /** The tab kept no cart for the order: the platform's page says it (below, once its writing
   * part can be fetched). */
  let placedOnPage = false;
  if (confirmed) {
    /** @type {Cartlift.Cart | null} */
    let cart = null;
    try { cart = JSON.parse(session()?.getItem(CHECKOUT_CART) ?? 'null'); } catch { /* not ours: unused */ }
    if (cart?.items?.length) ordered(cart);
    else placedOnPage = !!platform.placedOnPage;
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
    if (!personal() || !platform.claimed) return false;
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
    try {
      const writing = await changes();
      if (!writing.claim) return false;
      await writing.claim(fetchFn, text);
    } catch (e) {
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
        // A claim was written: the writing part is loaded.
        changes().then((w) => w.told(lastText)).catch(() => { /* the theme's refresh is its own */ });
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

  // The shopper's changes, one after another, by the writing part (`changes.js`), fetched at
  // the first change, or before it when the shopper points at or focuses a widget: the click
  // then finds it loaded. One that could not be fetched is tried again at the next change.
  /** @type {Promise<Changes> | null} */
  let writing = null;
  let attempt = 0;
  const changes = () => {
    writing ??= platform.changes(attempt).catch((e) => {
      writing = null;
      attempt += 1;
      throw e;
    });
    return writing;
  };
  const intent = (/** @type {Event} */ e) => {
    if (!(e.target instanceof Element && e.target.localName.startsWith('cartlift-'))) return;
    for (const name of INTENT) document.removeEventListener(name, intent, true);
    changes().catch(() => { /* fetched again at the change itself */ });
  };
  for (const name of INTENT) document.addEventListener(name, intent, { capture: true, passive: true });
  if (placedOnPage) {
    changes().then((w) => ordered(w.placed?.(config)))
      .catch((e) => console.warn(`cartlift: the ${platform.name} order on this page could not be read.`, e));
  }
  /** @param {EventTarget | null} target @param {import('./requests.js').PlatformError} fault */
  const refused = (target, fault) => {
    const given = configOf(host)?.labels?.[fault.label];
    const words = typeof given === 'string' && given.trim() ? given : SENTENCES[fault.label];
    // A refusal's own sentence is the platform's, in the shop's language; a fault's is
    // cartlift's, from `labels`.
    notice(target instanceof Element ? target : null, fault.shown || words);
    reportError(host, target, [{ code: 'platform', path: '.', message: `${platform.name}: ${fault.detail || words}${fault.status ? ` (HTTP ${fault.status})` : ''}` }]);
  };
  /** @type {Context} */
  const context = {
    host,
    name: platform.name,
    fetchFn,
    lines: () => lines,
    lastText: () => lastText,
    config: () => configOf(host),
    pairs: () => pairs,
    reread,
    refused,
    settled: (target) => notice(target instanceof Element ? target : null, ''),
    report: (target, errors) => { reportError(host, target, errors); },
    dispatch: (target, name, detail) => dispatch(host, target, name, detail),
  };
  let queue = Promise.resolve();
  /** @param {Event} event */
  const take = (event) => {
    queue = queue.then(async () => {
      let writer;
      try { writer = await changes(); } catch (e) {
        refused(event.target, unreachable(e));
        return;
      }
      await writer.take(context, event);
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
