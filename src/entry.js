// @ts-check
// ---- cartlift entry -------------------------------------------------------------------
// `cartlift.js`, the one script a page loads (esbuild bundles this with src/entry/ and
// src/loader/). The page gets `window.cartlift` at once (calls made early wait for the wasm),
// the custom elements are defined once per page however often this script loads, and nothing
// here ever throws into the page: if WebAssembly cannot run (an old browser, a CSP without
// 'wasm-unsafe-eval'), the elements keep their fallback and one console message says why.
// Which wasm comes is decided here, from the config, before it is fetched: the smallest
// flavour that carries every part the config uses (src/loader/parts.js).

import { partsUsed, flavourFor } from './loader/parts.js';
import { load } from './loader/load.js';
import { begin, call, callWhen, memoryBytes, started, waiting, whenWanted } from './entry/bindings.js';
import { broken, fail, ready, refused, rendered } from './entry/ready.js';
import { connected, defineElements, drain, timed } from './entry/elements.js';
import { startEvents } from './entry/events.js';
import { cartShape } from './entry/shape.js';
import { isObject } from './loader/parts.js';
import { checkerModule } from './entry/checker.js';
import { needsLanguage } from './entry/language.js';

/**
 * The files `cargo xtask dist` wrote (esbuild's `--define`): each by the hash of its content,
 * its name `cartlift-<kind>-<hash>.<ext>` (see `here`), so that only the hashes are written here.
 * @typedef {{ version: string, flavours: import('./loader/parts.js').Flavour[], check: string,
 *   check_wasm: string, shopify: string, woocommerce: string, src: string, collect: string,
 *   words: string }} Files
 */
/** @type {Files} */
// @ts-expect-error: replaced by esbuild's --define at build time
const FILES = CARTLIFT_FILES;
/** The URL of dist/'s module of `kind` (a key of FILES), beside this script; `ext` "wasm" for the
 * checker's wasm. @param {'check' | 'shopify' | 'woocommerce' | 'src' | 'collect' | 'words'} kind
 * @param {string} [ext] */
const here = (kind, ext = 'js') => new URL(`cartlift-${kind}-${FILES[ext === 'js' ? kind : 'check_wasm']}.${ext}`, import.meta.url).href;

if (!(globalThis.cartlift && globalThis.cartlift.version)) {
  // Marks for the benchmark: from this module starting to the elements rendered.
  /** @param {string} name */
  const mark = (name) => { try { performance.mark(name); } catch { /* no Performance API */ } };
  mark('cartlift:start');
  globalThis.addEventListener?.('cartlift:ready', () => { mark('cartlift:rendered'); rendered(); }, { once: true });
  globalThis.addEventListener?.('cartlift:error', (e) => {
    const detail = /** @type {CustomEvent<Cartlift.ErrorDetail>} */ (e).detail;
    if (detail?.kind !== 'config') return;
    refused();
    fail(detail.errors ?? [], 'the config was refused; see error.errors');
  });

  /** The first config the page gave: it chooses the flavour when the page has no config
   * element. @type {unknown} */
  let firstConfig;

  // The page's language (spec §13): a config in another language than English, in the page's
  // ("auto"), or with labels keyed by language reaches the wasm once the language module
  // (src/words.js, which only such pages load) has made it one language, flat, with cartlift's
  // own words under the merchant's.
  /** @param {unknown} config @returns {false | Promise<string | null>} */
  const worded = (config) => {
    let text;
    try { text = typeof config === 'string' ? config : JSON.stringify(config); } catch { return false; /* not JSON: the wasm says why */ }
    if (!needsLanguage(text)) return false;
    const again = () => { if (latest === config) configure(config); };
    return import(here('words')).then((m) => m.withWords(text, again), () => null)
      .then((t) => { if (t) rewritten = [t, text]; return t; });
  };
  /** The text the language module wrote last, and the page's it came from: a refusal of it is
   * explained on the page's own text, so that each problem's line and column are the page's. */
  let rewritten = ['', ''];
  /** The config given last: words that come for an earlier one are dropped. @type {unknown} */
  let latest;
  /** The last config still with the language module, once the widgets have it. */
  let configuring = Promise.resolve();
  /** Gives the widgets `config`; `fallback` is the answer while it cannot be judged yet. A
   * config the language module must first see waits for it, and the page's later calls for
   * the config (bindings.js's lane), so that they keep their order.
   * @param {unknown} config @param {boolean} [fallback] @returns {boolean} */
  const configure = (config, fallback = false) => {
    const words = worded(latest = config);
    if (!words) return call('configure', [config], fallback, true);
    // Unless the page has given another config since.
    configuring = callWhen('configure', words.then((t) => (latest === config ? [t ?? config] : null)));
    return fallback;
  };

  /** @type {Cartlift.Api} */
  const api = Object.freeze({
    version: FILES.version,
    setCart: (/** @type {Cartlift.Cart} */ cart) => (waiting() ? call('setCart', [cart], cartShape(cart), true) : call('setCart', [cart], false)),
    configure: (/** @type {Cartlift.Config | string} */ config) => {
      firstConfig ??= config;
      return platformJs ? toAdapter(config) : configure(config, typeof config === 'string' || isObject(config));
    },
    state: () => (started() ? call('state', [], null) : null),
    viewed: (/** @type {string} */ id) => { if (typeof id === 'string') call('viewed', [id], undefined, true); },
    ordered: (/** @type {Cartlift.Cart} */ cart, /** @type {string | number | undefined} */ id) => {
      try {
        events.ordering(cart.items.map(({ id: i, quantity, price: p }) => (p == null ? { id: i, quantity } : { id: i, quantity, price: `${p}` })));
      } catch { /* not a cart: refused below */ }
      const args = [cart, id == null ? undefined : String(id)];
      return waiting() ? call('ordered', args, cartShape(cart), true) : call('ordered', args, false);
    },
    forget: () => call('forget', [], undefined, true),
    consent: (/** @type {boolean} */ allowed) => call('consent', [allowed !== false], undefined, true),
    visitor: () => {
      try { return JSON.parse(started() ? call('visitor', [], 'null') : 'null'); } catch { return null; }
    },
    memory: memoryBytes,
    ready,
  });
  Object.defineProperty(globalThis, 'cartlift', { value: api, enumerable: true });

  const configEl = globalThis.document?.getElementById('cartlift-config');
  const events = startEvents(configEl?.getAttribute('data-collect'), here('collect'), () => api);
  defineElements(events.watch);

  // A `data-src` config is fetched while the wasm loads, not after it, by a module only such a
  // page loads (it comes long before the wasm). What went wrong reaches the merchant as a
  // `cartlift:error` on "data-src".
  const src = configEl?.getAttribute('data-src');
  /** @type {Promise<{ text?: string, error?: string }> | null} */
  const fetched = src
    ? import(here('src')).then((m) => m.fetchConfig(src),
      () => ({ error: `the config could not be fetched from ${src} (cartlift's module for data-src did not load)` }))
    : null;

  // `data-platform`: the shop's real cart, read and changed by an adapter module that only such
  // a page loads. The widgets' adds and removes are held here and handed to it; their events
  // reach the page (re-dispatched, and so in `passing`) once the platform took them.
  const platformJs = /** @type {const} */ (['shopify', 'woocommerce']).find((p) => p === configEl?.getAttribute('data-platform'));
  /** @type {Event[]} */
  const held = [];
  /** @type {(e: Event) => void} */
  let take = (e) => { held.push(e); };
  const passing = new WeakSet();
  // On a platform page the adapter holds the config (it maps the platform's cart by it, and
  // converts it to the shopper's currency): a config the page gives goes through it, or waits
  // for it as the one it starts with.
  /** @type {Cartlift.Config | string | undefined} */
  let given;
  /** @type {(config: Cartlift.Config | string) => boolean} */
  let toAdapter = (config) => { given = config; return typeof config === 'string' || isObject(config); };
  if (platformJs) {
    for (const name of ['cartlift:add-to-cart', 'cartlift:remove-from-cart']) {
      globalThis.addEventListener(name, (e) => { if (!passing.has(e)) { e.stopImmediatePropagation(); take(e); } }, true);
    }
  }

  // A refused config or cart is explained by the checker module, one explanation after another
  // so that the page hears of them in order.
  const checker = () => checkerModule(here('check'), here('check', 'wasm'));
  let explaining = Promise.resolve();
  /** @param {string} kind @param {string} text @param {string} config */
  const explain = (kind, text, config) => {
    explaining = explaining.then(async () => {
      /** @type {string | null} */
      let errors = null;
      try {
        /** @param {string} t */
        const given = (t) => (t === rewritten[0] ? rewritten[1] : t);
        errors = (await checker()).check(kind, given(text), given(config));
      } catch (e) {
        console.warn('cartlift: the checker module could not be loaded to explain what was refused.', e);
      }
      call('explained', [errors]);
    });
  };

  // Which flavour: the config element's `data-build` when the page names one (a page that
  // configures more later), else the parts of the first config known: the element's own text,
  // its `data-src` once fetched, or the first `cartlift.configure()`. A page with neither waits
  // for its first call that needs the wasm, and loads the smallest. `<cartlift-recommendations>`
  // on the page needs personalization.
  const platform = platformJs ?? '';
  // Shopify Markets: a shopper shown another currency than the shop's (`Shopify.currency.rate`,
  // which the store prints before any script, is not 1) needs the flavour that converts.
  const markets = platform === 'shopify' && Number(globalThis.Shopify?.currency?.rate ?? 1) !== 1;
  /** @param {unknown} config */
  const partsOf = (config) => {
    try {
      const parts = partsUsed(typeof config === 'string' ? JSON.parse(config) : JSON.parse(JSON.stringify(config)));
      if (document.querySelector('cartlift-recommendations') && !parts.includes('personal')) parts.push('personal');
      if (markets) parts.push('markets');
      return parts;
    } catch {
      return []; // not JSON: the smallest flavour refuses it, with its problems
    }
  };
  /** @param {unknown} config */
  const fitting = (config) => flavourFor(FILES.flavours, partsOf(config), platform);
  const named = FILES.flavours.find((f) => f.name === configEl?.getAttribute('data-build') && f.platform === platform && f.parts.includes('markets') === markets);
  /** @type {Promise<import('./loader/parts.js').Flavour>} */
  const chosen = named ? Promise.resolve(named)
    : configEl && !src ? Promise.resolve(fitting(configEl.textContent || ''))
      : fetched ? fetched.then((r) => fitting(r.text ?? ''))
        // A task after the first call, so that a script's calls in one go (setCart, then
        // configure) are all known.
        : new Promise((resolve) => { whenWanted(() => setTimeout(() => resolve(fitting(firstConfig ?? '')))); });

  // The config element's own config (not `data-src`, not a platform's, which come later): the
  // first the wasm takes, before any call the page made; a language module it needs is fetched
  // beside the wasm, and the widgets are mounted once it has come, so that they draw in the
  // page's language from the first.
  const ownText = configEl && !src && !platformJs && configEl.textContent?.trim() ? configEl.textContent : null;
  if (ownText != null) configure(ownText);
  const own = configuring;
  chosen.then((flavour) => load(flavour, import.meta.url))
    .then(async (m) => {
      mark('cartlift:wasm');
      timed(() => begin(m, () => call('start', [explain, events.emit])));
      await own;
      mark('cartlift:configured');
      // With a platform, the adapter gives the config, in the shopper's currency.
      fetched?.then((r) => timed(() => (r.text == null ? call('config_unavailable', [r.error]) : platformJs || configure(r.text))));
      if (platformJs) {
        import(here(platformJs))
          .then((a) => a.start({
            api, fetch, passing, fetched, wasm: m, given: () => given, facts: events.facts, onFacts: events.onFacts,
            configureWidgets: (/** @type {unknown} */ config) => configure(config, typeof config === 'string'),
            configured: () => configuring,
            explain: async (/** @type {string} */ name, /** @type {string[]} */ ...args) => (await checker())[name](...args),
          }))
          .then((/** @type {import('./platforms/common.js').Started} */ a) => {
            take = a.take;
            toAdapter = a.configure;
            held.splice(0).forEach(a.take);
          }, (e) => console.warn('cartlift: the platform adapter could not start.', e));
      }
      await drain();
      mark('cartlift:mounted');
      call('settled', []);
    })
    .catch((e) => {
      console.warn('cartlift: WebAssembly could not start, so the widgets keep their fallback content. '
        + 'A Content-Security-Policy needs \'wasm-unsafe-eval\' in script-src.', e);
      fail([e], 'WebAssembly could not start');
      // The fallback stays for good: `:state(error)`, so that cartlift.css stops reserving the
      // widget's space around it.
      broken(/** @type {any} */ (connected));
    });
}
