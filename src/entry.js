// ---- cartlift entry -------------------------------------------------------------------
// What must exist before the wasm arrives. The page gets `window.cartlift` at once (calls made
// early wait for the wasm), the custom elements are defined once per page however often this
// script loads, and nothing here ever throws into the page: if WebAssembly cannot run (an old
// browser, a CSP without 'wasm-unsafe-eval'), the elements keep their fallback and one console
// message says why. Which wasm comes is decided here, from the config, before it is fetched:
// the smallest flavour that carries every part the config uses (src/loader/parts.js).
import { partsUsed, flavourFor } from './loader/parts.js';

/**
 * The files `cargo xtask dist` wrote, named by their content (esbuild's `--define`).
 * @type {{ version: string, flavours: import('./loader/parts.js').Flavour[], check_js: string,
 *   check_wasm: string, shopify_js: string, woocommerce_js: string, src_js: string, collect_js: string }}
 */
// eslint-disable-next-line no-undef
const FILES = CARTLIFT_FILES;
const TAGS = ['cartlift-shipping-bar', 'cartlift-bundles', 'cartlift-upsell', 'cartlift-tiers', 'cartlift-recommendations'];

if (!(globalThis.cartlift && globalThis.cartlift.version)) {
  // Marks for the benchmark: from this module starting to the elements rendered.
  const mark = (name) => { try { performance.mark(name); } catch { /* no Performance API */ } };
  mark('cartlift:start');
  globalThis.addEventListener?.('cartlift:ready', () => mark('cartlift:rendered'), { once: true });
  let started = false;
  const early = [];
  const connected = new Set();
  // The flavour's exports once it has started (see `load` below); until then calls wait, and
  // `wanted` says that one came (a page without a config element chooses then).
  let w = null;
  let wanted = () => {};
  const call = (name, args, fallback) => {
    if (started) {
      try { return w[name](...args); } catch (e) { console.error('cartlift:', e); return fallback; }
    }
    early.push([name, args]);
    wanted();
    return fallback;
  };

  // Before the wasm arrives, a cart's shape is judged here as the wasm will judge it (an
  // object of currency, items of { id, quantity, price?, title? } and country?), so setCart
  // answers truly at once; the wasm, when it comes, reports any problem with its path.
  const only = (o, keys) => Object.keys(o).every((k) => keys.includes(k));
  const isObject = (o) => o !== null && typeof o === 'object' && !Array.isArray(o);
  const cartShape = (cart) => {
    let c;
    try { c = JSON.parse(JSON.stringify(cart)); } catch { return false; }
    return isObject(c) && only(c, ['currency', 'items', 'country'])
      && typeof c.currency === 'string' && /^[A-Z]{3}$/.test(c.currency)
      && (c.country == null || typeof c.country === 'string')
      && Array.isArray(c.items) && c.items.every((l) => isObject(l) && only(l, ['id', 'quantity', 'price', 'line_price', 'title'])
        && typeof l.id === 'string' && Number.isInteger(l.quantity) && l.quantity >= 0 && l.quantity <= 4294967295
        && [l.price, l.line_price].every((p) => p == null || typeof p === 'string' || typeof p === 'number')
        && (l.title == null || typeof l.title === 'string'));
  };

  // `ready` resolves with the first valid config's render, and rejects (an AggregateError of
  // the problems) when the page's first config is refused or the wasm cannot start. It is
  // marked handled here, so a page that never awaits it hears no unhandled rejection.
  let readyDone = false;
  let settle;
  const ready = new Promise((resolve, reject) => { settle = { resolve, reject }; });
  ready.catch(() => {});
  const fail = (errors, why) => {
    if (readyDone) return;
    readyDone = true;
    settle.reject(new AggregateError(errors, `cartlift: ${why}`));
  };
  // Each element's custom state, for themes: `:state(fallback)` until the first valid config
  // has rendered, then `:state(rendered)` (a config refused later leaves the last good one
  // shown); `:state(error)` while only refused configs have come. An element not mounted (far
  // below the fold, or removed) shows its fallback.
  let pageState = 'fallback';
  const mounted = new Set();
  const showState = () => { for (const el of mounted) el._cartliftState(pageState); };
  globalThis.addEventListener?.('cartlift:ready', () => {
    readyDone = true;
    pageState = 'rendered';
    showState();
    settle.resolve();
  }, { once: true });
  globalThis.addEventListener?.('cartlift:error', (e) => {
    if (e.detail?.kind !== 'config') return;
    if (pageState === 'fallback') { pageState = 'error'; showState(); }
    fail(e.detail.errors ?? [], 'the config was refused; see error.errors');
  });

  const api = Object.freeze({
    version: FILES.version,
    /** Tells cartlift what is in the cart. Returns whether it was taken. */
    setCart: (cart) => { follow(); return call('setCart', [cart], cartShape(cart)); },
    /** Gives or replaces the config (an object, or its JSON text). Returns whether it was taken. */
    configure: (config) => { follow(); return (configs.push(config), call('configure', [config], typeof config === 'string' || isObject(config))); },
    /** Every computed figure as plain JSON, or null before a valid config. */
    state: () => (started ? call('state', [], null) : null),
    /** The shopper looked at a product (elements' `product` count by themselves). Kept in this browser only. */
    viewed: (id) => { if (typeof id === 'string') call('viewed', [id]); },
    /** An order was placed (the confirmation page): its cart, and the platform's order id if known. */
    ordered: (cart, id) => {
      try { orderItems = cart.items.map(({ id: i, quantity, price: p }) => (p == null ? { id: i, quantity } : { id: i, quantity, price: `${p}` })); } catch { /* not a cart: refused below */ }
      return call('ordered', [cart, id == null ? undefined : String(id)], cartShape(cart));
    },
    /** Erases what cartlift remembers of this browser. */
    forget: () => call('forget', []),
    /** `false`: remember nothing, and erase what was kept; `true`: remember from now on. */
    consent: (allowed) => call('consent', [allowed !== false]),
    /** What cartlift remembers of this browser (the record in localStorage), as plain JSON. */
    visitor: () => { try { return JSON.parse(started ? call('visitor', [], 'null') : 'null'); } catch { return null; } },
    /** Bytes of WebAssembly memory in use (0 before load): for benchmarks and leak checks. */
    memory: () => (started ? w.memoryBytes() : 0),
    /** Resolves once the widgets have rendered a valid config; rejects when none can come. */
    ready,
  });
  Object.defineProperty(globalThis, 'cartlift', { value: api, enumerable: true });

  // Elements far below the fold render when the shopper scrolls near them, so their cost is
  // not paid during the page's load; those in view (or with `eager`) render at once.
  const NEAR = 400;
  const nearView = (el) => {
    const r = el.getBoundingClientRect();
    const h = globalThis.innerHeight || 0;
    const w = globalThis.innerWidth || 0;
    // An empty element not yet rendered has no size but a place; a hidden one has no box.
    return el.getClientRects().length > 0 && r.bottom >= -NEAR && r.top <= h + NEAR && r.right >= -NEAR && r.left <= w + NEAR;
  };
  const lazy = globalThis.IntersectionObserver
    ? new IntersectionObserver((entries) => {
      for (const e of entries) if (e.isIntersecting) { lazy.unobserve(e.target); e.target._cartliftMount(); }
    }, { rootMargin: `${NEAR}px` })
    : null;

  // Table or cards: the bundle table stacks into cards when the widget is narrow, judged from
  // the width of its wrapper in the shadow root (a size container would give it no width in a
  // parent that sizes to its content, and it would collapse there; the element itself may be
  // made inline by a theme's reset, and an inline box's width is its text's).
  const sizes = globalThis.ResizeObserver
    ? new ResizeObserver((entries) => {
      for (const e of entries) e.target.classList.toggle('narrow', e.contentRect.width < 480);
    })
    : null;

  // theme "auto" (the default): the accent, its text colour, the corner radius and the
  // weight of the page's own primary button, so that the widgets look like the theme's. The
  // first visible one of these, outside cartlift, with a background: a shop's add-to-cart
  // button (Dawn, Horizon, WooCommerce), then a theme's primary button, then any button.
  const PRIMARY = ['.product-form__submit', 'button[name="add"]', '.single_add_to_cart_button',
    '.wp-element-button', '.button.alt', '.button:not(.button--secondary, .button--tertiary, .button-secondary, .button-unstyled)',
    '.btn-primary', 'button[type="submit"]', 'button'];
  const autoSheet = globalThis.CSSStyleSheet && new CSSStyleSheet();
  const sample = () => {
    try {
      for (const selector of PRIMARY) {
        for (const b of document.querySelectorAll(selector)) {
          if (b.closest(TAGS.join()) || !b.getClientRects().length) continue;
          const s = getComputedStyle(b);
          if (/transparent|rgba\(.*, 0\)/.test(s.backgroundColor)) continue;
          // Computed values: colours, a length and a number, which cannot carry anything else.
          autoSheet.replaceSync(`:host{--auto-accent:${s.backgroundColor};--auto-on-accent:${s.color};--auto-radius:${s.borderTopLeftRadius};--auto-weight:${s.fontWeight}}`);
          return;
        }
      }
    } catch { /* no constructable stylesheets: the defaults stay */ }
  };
  let sampled = false;

  const Base = globalThis.HTMLElement || class {};
  for (const tag of TAGS) {
    if (!globalThis.customElements || customElements.get(tag)) continue;
    customElements.define(tag, class extends Base {
      static get observedAttributes() { return ['product', 'preview', 'limit']; }
      constructor() {
        super();
        try { this._internals = this.attachInternals(); } catch { /* no ElementInternals */ }
        this._cartliftState('fallback');
      }
      // Older Chromium only takes the `--name` spelling of a custom state.
      _cartliftState(name) {
        const states = this._internals?.states;
        if (!states) return;
        for (const n of ['fallback', 'rendered', 'error']) {
          try { states.delete(n); states.delete(`--${n}`); } catch { /* not a valid name here */ }
        }
        try { states.add(name); } catch { try { states.add(`--${name}`); } catch { /* no custom states */ } }
      }
      connectedCallback() {
        if (this._cartlift != null) return;
        if (pageState === 'error') this._cartliftState('error');
        connected.add(this);
        if (started) drain();
      }
      _cartliftMount() {
        if (this.isConnected && this._cartlift == null) this._cartlift = call('mount', [this], null);
        if (this._cartlift == null) return;
        mounted.add(this);
        this._cartliftState(pageState);
        const shadow = this.shadowRoot;
        const root = shadow?.firstElementChild;
        if (!root) return;
        // Judged at once (the observer's first word comes a frame late, and the switch would
        // then shift the page), and followed from then on.
        root.classList.toggle('narrow', root.getBoundingClientRect().width < 480);
        sizes?.observe(root);
        this._cartliftRoot = root;
        if (sight) watch(shadow);
        if (autoSheet) {
          if (!sampled) { sampled = true; sample(); globalThis.addEventListener?.('load', sample, { once: true }); }
          shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, autoSheet];
        }
      }
      disconnectedCallback() {
        connected.delete(this);
        lazy?.unobserve(this);
        if (this._cartlift != null) { call('unmount', [this._cartlift]); this._cartlift = null; }
        mounted.delete(this);
        if (this._cartliftRoot) sizes?.unobserve(this._cartliftRoot);
        this._cartliftRoot = null;
        this._cartliftState('fallback');
      }
      attributeChangedCallback(name, _old, value) {
        if (this._cartlift != null) call('attribute_changed', [this._cartlift, name, value]);
      }
    });
  }

  // cartlift's own main-thread work, as `cartlift:work` measures the benchmark adds up.
  const timed = (fn) => {
    const t = performance.now();
    fn();
    try { performance.measure('cartlift:work', { start: t }); } catch { /* no User Timing L3 */ }
  };
  // A fresh task, so the page's input and its own scripts run between cartlift's steps.
  const nextTask = () => (globalThis.scheduler?.yield ? scheduler.yield() : new Promise((r) => setTimeout(r, 0)));

  // Elements connected in one go (the page's HTML, or a script adding several) are judged
  // together, before any of them renders: a widget that grows as it renders does not push the
  // ones after it out of the first render, whether they came before the wasm or after it.
  // Then one element per task: several widgets never make one long task.
  let draining = null;
  const drain = () => draining || (draining = (async () => {
    await null; // let the script that is adding elements finish adding them
    while (connected.size) {
      const batch = [...connected].map((el) => [el, !lazy || el.hasAttribute('eager') || nearView(el)]);
      connected.clear();
      for (const [el, now] of batch) {
        if (!el.isConnected || el._cartlift != null) continue;
        if (!now) { lazy.observe(el); continue; }
        await nextTask();
        if (el.isConnected) timed(() => el._cartliftMount());
      }
    }
    draining = null;
  })());

  // A `data-src` config is fetched while the wasm loads, not after it, by a module only such
  // a page loads (it comes long before the wasm). What went wrong reaches the merchant as a
  // `cartlift:error` on "data-src".
  const configEl = globalThis.document?.getElementById('cartlift-config');
  const src = configEl?.getAttribute('data-src');
  const fetched = src
    ? import(new URL(FILES.src_js, import.meta.url).href).then((m) => m.fetchConfig(src),
      () => ({ error: `the config could not be fetched from ${src} (cartlift's module for data-src did not load)` }))
    : null;

  // `data-platform`: the shop's real cart, read and changed by an adapter module that only
  // such a page loads. The widgets' adds and removes are held here and handed to it; their
  // events reach the page (re-dispatched, and so in `passing`) once the platform took them.
  const platformJs = { shopify: FILES.shopify_js, woocommerce: FILES.woocommerce_js }[configEl?.getAttribute('data-platform')];
  const held = [];
  let take = (e) => held.push(e);
  const passing = new WeakSet();
  if (platformJs) {
    for (const name of ['cartlift:add-to-cart', 'cartlift:remove-from-cart']) {
      globalThis.addEventListener(name, (e) => { if (!passing.has(e)) { e.stopImmediatePropagation(); take(e); } }, true);
    }
  }

  // A refused config or cart is explained by cartlift's checker module, fetched the first time
  // something is refused (a shop whose config is right never loads it), one explanation after
  // another so that the page hears of them in order.
  let checker = null;
  const checkerModule = () => (checker ??= import(new URL(FILES.check_js, import.meta.url).href).then(async (m) => {
    await m.default({ module_or_path: new URL(FILES.check_wasm, import.meta.url) });
    return m;
  }));
  let explaining = Promise.resolve();
  const explain = (kind, text, config) => {
    explaining = explaining.then(async () => {
      let errors = null;
      try {
        errors = (await checkerModule()).check(kind, text, config);
      } catch (e) {
        checker = null;
        console.warn('cartlift: the checker module could not be loaded to explain what was refused.', e);
      }
      call('explained', [errors]);
    });
  };

  // `data-collect`: events also go to the merchant's collector, by a module only such a page
  // loads (spec §9); until it has come, the first few wait here.
  const collectUrl = configEl?.getAttribute('data-collect');
  const unsent = [];
  let collect = (...event) => collectUrl && unsent.length < 100 && unsent.push(event);
  if (collectUrl) {
    import(new URL(FILES.collect_js, import.meta.url).href)
      .then((m) => { collect = m.start(collectUrl, api); unsent.splice(0).forEach((e) => collect(...e)); },
        (e) => console.warn('cartlift: the measurement module could not be loaded.', e));
  }

  // Where an event's offer stands (spec §9): the segment it is shown for, from the figures,
  // and the variant of the shopper's first experiment (all of them are in `state()`). The
  // shipping bar's own offer is the goal it shows; a filler's segment is that goal's.
  const sourced = (source) => {
    const q = api.state();
    if (!q) return;
    const bar = q.shipping;
    const goals = bar?.goals ?? [];
    const shown = goals[bar?.next ?? goals.length - 1];
    source.offer ??= shown?.reward;
    const list = { 'shipping-bar': goals, bundles: q.bundles, upsell: q.upsells, tiers: q.tiers }[source.widget] ?? [];
    const offer = list.find((o) => (o.id ?? o.reward ?? o.product) === source.offer) ?? (source.widget === 'shipping-bar' ? shown : null);
    if (offer?.segment) source.segment = offer.segment;
    const [e] = q.experiments;
    if (e) { source.experiment = e.experiment; source.variant = e.variant; }
  };

  // Every event of cartlift's goes out here (the wasm's as JSON text). A refusal is also said
  // on the console, with every problem on a line of its own.
  const send = (target, name, detail) => {
    try {
      if (name === 'cartlift:error') {
        const config = detail.kind === 'config';
        console[config ? 'warn' : 'error'](`cartlift: ${config ? 'the config was not used; the widgets keep their fallback' : 'setCart was refused; the last good cart stays shown'}.\n${detail.errors.map((e) => `  ${e.path}: ${e.message}${e.line ? ` (line ${e.line}, column ${e.column})` : ''}`).join('\n')}`);
      }
      // An order's lines are the cart the page confirmed (the wasm priced its value).
      if (name === 'cartlift:order') detail.items = orderItems;
      if (detail.source) { sourced(detail.source); collect(name, detail, Date.now()); }
      target.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true, detail }));
    } catch (e) {
      console.error('cartlift:', e);
    }
  };
  const emit = (target, name, text) => send(target, name, JSON.parse(text));
  let orderItems = [];

  // `cartlift:impression`: an offer at least half visible for a second, in a tab the shopper
  // is looking at; once per offer per page view. A widget's offers are its `[data-offer]`
  // nodes (bundle rows, fillers, upsells); the bar and a tier set are one offer each.
  const OFFERS = '[data-offer], .shipping, .tiers';
  const seen = new Set();
  const timers = new Map();
  const impress = (node) => {
    timers.delete(node);
    // A tab the shopper is not looking at is looked at again a second later.
    if (document.hidden) return time(node);
    const host = node.getRootNode().host;
    if (!host?.isConnected || !node.isConnected) return;
    const widget = host.localName.slice(9);
    const source = { widget, offer: node.dataset.offer ?? (widget === 'tiers' ? host.getAttribute('product') : undefined) };
    sourced(source);
    const key = `${widget} ${source.offer}`;
    if (source.offer == null || seen.has(key)) return;
    seen.add(key);
    send(host, 'cartlift:impression', { source });
  };
  const time = (node) => timers.get(node) ?? timers.set(node, setTimeout(impress, 1000, node));
  const sight = globalThis.IntersectionObserver && new IntersectionObserver((entries) => {
    for (const { target, isIntersecting, intersectionRatio } of entries) {
      if (isIntersecting && intersectionRatio >= 0.5) time(target);
      else {
        clearTimeout(timers.get(target));
        timers.delete(target);
        if (!target.isConnected) sight.unobserve(target);
      }
    }
  }, { threshold: 0.5 });
  // A widget's offers come and go with the cart: its shadow root is watched for new ones.
  const watch = (shadow) => {
    const look = () => shadow.querySelectorAll(OFFERS).forEach((n) => sight.observe(n));
    look();
    new MutationObserver(look).observe(shadow, { childList: true, subtree: true });
  };

  // `cartlift:goal-reached`: a goal the cart reaches during this page view (one reached when
  // the page came is not news), on the page's first shipping bar; once per goal.
  let unlocked = null;
  let following = 0;
  const follow = () => {
    clearTimeout(following);
    following = setTimeout(() => {
      const q = api.state();
      if (!q) return;
      const goals = q.shipping?.goals.filter((g) => g.unlocked) ?? [];
      for (const g of goals) {
        if (unlocked && !unlocked.has(g.reward)) {
          unlocked.add(g.reward);
          send(document.querySelector('cartlift-shipping-bar') ?? document, 'cartlift:goal-reached',
            { goal: { reward: g.reward, threshold: g.threshold }, source: { widget: 'shipping-bar', offer: g.reward } });
        }
      }
      unlocked ??= new Set(goals.map((g) => g.reward));
    });
  };
  globalThis.addEventListener?.('cartlift:ready', follow, { once: true });

  // The flavour's wasm, compiled while it streams, and its bindings (a small module fetched
  // beside it), by cartlift's own loader: wasm-bindgen's takes every form of input and warns of
  // old ways of calling it, where cartlift has one URL (every page of the end-to-end tests is its
  // oracle). A server that does not send `application/wasm` gets the bytes compiled instead, as
  // wasm-bindgen's would.
  const load = async (flavour) => {
    const url = new URL(flavour.wasm, import.meta.url);
    const response = fetch(url);
    response.catch(() => {}); // heard below, after the bindings
    const m = await import(new URL(flavour.js, import.meta.url).href);
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

  // Which flavour: the config element's `data-build` when the page names one (a page that
  // configures more later), else the parts of the first config known: the element's own text,
  // its `data-src` once fetched, or the first `cartlift.configure()`. A page with neither waits
  // for its first call that needs the wasm, and loads the smallest. `<cartlift-recommendations>`
  // on the page needs personalization.
  const configs = [];
  const partsOf = (config) => {
    try {
      const parts = partsUsed(typeof config === 'string' ? JSON.parse(config) : JSON.parse(JSON.stringify(config)));
      if (document.querySelector('cartlift-recommendations') && !parts.includes('personal')) parts.push('personal');
      return parts;
    } catch { return []; /* not JSON: the smallest flavour refuses it with its problems */ }
  };
  const named = configEl?.getAttribute('data-build');
  const byName = FILES.flavours.find((f) => f.name === named && f.platform === !!platformJs);
  const chosen = byName ? Promise.resolve(byName)
    : configEl && !src ? Promise.resolve(flavourFor(FILES.flavours, partsOf(configEl.textContent || ''), !!platformJs))
      : src ? fetched.then((r) => flavourFor(FILES.flavours, partsOf(r.text ?? ''), !!platformJs))
        : new Promise((resolve) => {
          // A task later, so that a script's calls in one go (setCart, then configure) are
          // all known.
          wanted = () => {
            wanted = () => {};
            setTimeout(() => resolve(flavourFor(FILES.flavours, configs.length ? partsOf(configs[0]) : [], !!platformJs)));
          };
          if (early.length) wanted();
        });

  chosen.then(load)
    .then(async (m) => {
      w = m;
      mark('cartlift:wasm');
      started = true;
      timed(() => {
        call('start', [explain, emit]);
        for (const [name, args] of early.splice(0)) call(name, args);
      });
      mark('cartlift:configured');
      // With a platform, the adapter gives the config (see start() in the wasm).
      fetched?.then((r) => timed(() => (r.text == null ? call('config_unavailable', [r.error]) : platformJs || call('configure', [r.text]))));
      if (platformJs) {
        import(new URL(platformJs, import.meta.url).href)
          .then((a) => a.start({ api, fetch, passing, fetched, wasm: m, explain: async (name, ...args) => (await checkerModule())[name](...args) }))
          .then((t) => { take = t; held.splice(0).forEach(t); }, (e) => console.warn('cartlift: the platform adapter could not start.', e));
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
      pageState = 'error';
      for (const el of connected) el._cartliftState('error');
    });
}
