// ---- cartlift entry -------------------------------------------------------------------
// Above: wasm-bindgen's bindings (`wasm` is its instance's exports). Below: what must exist before the wasm arrives. The page
// gets `window.cartlift` at once (calls made early wait for the wasm), the custom elements
// are defined once per page however often this script loads, and nothing here ever throws
// into the page: if WebAssembly cannot run (an old browser, a CSP without
// 'wasm-unsafe-eval'), the elements keep their fallback and one console message says why.
const TAGS = ['cartlift-shipping-bar', 'cartlift-bundles', 'cartlift-upsell', 'cartlift-tiers'];

if (!(globalThis.cartlift && globalThis.cartlift.version)) {
  // Marks for the benchmark: from this module starting to the elements rendered.
  const mark = (name) => { try { performance.mark(name); } catch { /* no Performance API */ } };
  mark('cartlift:start');
  globalThis.addEventListener?.('cartlift:ready', () => mark('cartlift:rendered'), { once: true });
  let started = false;
  const early = [];
  const connected = new Set();
  const call = (fn, args, fallback) => {
    if (started) {
      try { return fn(...args); } catch (e) { console.error('cartlift:', e); return fallback; }
    }
    early.push([fn, args]);
    return fallback;
  };

  const api = Object.freeze({
    version: '__CARTLIFT_VERSION__',
    /** Tells cartlift what is in the cart. Returns whether it was taken (true before load). */
    setCart: (cart) => call(setCart, [cart], true),
    /** Gives or replaces the config (an object, or its JSON text). */
    configure: (config) => call(configure, [config], true),
    /** Every computed figure as plain JSON, or null before a valid config. */
    state: () => (started ? call(state, [], null) : null),
    /** Bytes of WebAssembly memory in use (0 before load): for benchmarks and leak checks. */
    memory: () => (started ? wasm.memory.buffer.byteLength : 0),
    /** Resolves once the wasm has started (rejects never; see the console when it cannot). */
    ready: new Promise((resolve) => { globalThis.addEventListener('cartlift:ready', () => resolve(), { once: true }); }),
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

  const Base = globalThis.HTMLElement || class {};
  for (const tag of TAGS) {
    if (!globalThis.customElements || customElements.get(tag)) continue;
    customElements.define(tag, class extends Base {
      static get observedAttributes() { return ['product', 'preview']; }
      connectedCallback() {
        if (this._cartlift != null) return;
        connected.add(this);
        if (started) drain();
      }
      _cartliftMount() {
        if (this.isConnected && this._cartlift == null) this._cartlift = call(mount, [this], null);
      }
      disconnectedCallback() {
        connected.delete(this);
        lazy?.unobserve(this);
        if (this._cartlift != null) { call(unmount, [this._cartlift]); this._cartlift = null; }
      }
      attributeChangedCallback(name, _old, value) {
        if (this._cartlift != null) call(attribute_changed, [this._cartlift, name, value]);
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

  // A `data-src` config is fetched while the wasm loads, not after it: the page sees its
  // widgets sooner. One retry, for a passing network fault or a server error; a wrong answer
  // is not retried. What went wrong reaches the merchant as a `cartlift:error` on "data-src".
  const FETCH_MS = 8000;
  const fetchOnce = async (url) => {
    const abort = globalThis.AbortController ? new AbortController() : null;
    const timer = setTimeout(() => abort?.abort(), FETCH_MS);
    try {
      let res;
      try {
        res = await fetch(url, { credentials: 'same-origin', signal: abort?.signal });
      } catch (e) {
        return { retry: true, error: e?.name === 'AbortError'
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
  const fetchConfig = async (url) => {
    const first = await fetchOnce(url);
    return first.retry ? fetchOnce(url) : first;
  };
  const src = globalThis.document?.getElementById('cartlift-config')?.getAttribute('data-src');
  const fetched = src ? fetchConfig(src) : null;

  __wbg_init({ module_or_path: new URL('cartlift_wasm_name', import.meta.url) })
    .then(async () => {
      mark('cartlift:wasm');
      started = true;
      timed(() => {
        call(start, []);
        for (const [fn, args] of early.splice(0)) call(fn, args);
      });
      mark('cartlift:configured');
      fetched?.then((r) => timed(() => (r.text != null ? call(configure, [r.text]) : call(config_unavailable, [r.error]))));
      await drain();
      mark('cartlift:mounted');
      call(settled, []);
    })
    .catch((e) => {
      console.warn('cartlift: WebAssembly could not start, so the widgets keep their fallback content. '
        + 'A Content-Security-Policy needs \'wasm-unsafe-eval\' in script-src.', e);
    });
}
