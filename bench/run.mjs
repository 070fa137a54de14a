// What cartlift costs a shop page, measured side by side in one run (`cargo xtask bench`).
//
// Builds two theme-like pages (a product page and a cart page: large images, a web font, the
// theme's own CSS and JS), each with and without cartlift, then measures in Debian's Chromium:
// Lighthouse (interleaved, several runs each), start-up cold and repeat, and the latency and DOM
// mutations of 1,000 cart updates. Medians, because these machines are shared and noisy: the
// figures that matter are the differences within one run.
import { mkdirSync, writeFileSync, readFileSync, copyFileSync, existsSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';

const BASE = process.env.CARTLIFT_BASE ?? 'http://127.0.0.1:8080';
const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const STARTUPS = Number(process.env.BENCH_STARTUPS ?? 20);
const UPDATES = 1000;
const SHIFT_RUNS = Number(process.env.BENCH_SHIFT_RUNS ?? 5);
const FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];
const here = new URL('./', import.meta.url);
const pages = new URL('tmp/pages/', here);
mkdirSync(new URL('img/', pages), { recursive: true });
mkdirSync(new URL('fonts/', pages), { recursive: true });

// ---- The theme: images, a font, CSS and JS a real theme would carry ----------------------
function png(width, height, seed) {
  const crcTable = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
  const crc = (buf) => { let c = 0xffffffff; for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const sum = Buffer.alloc(4); sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0); ihdr.writeUInt32BE(height, 4); ihdr[8] = 8; ihdr[9] = 2;
  const raw = Buffer.alloc((width * 3 + 1) * height);
  let x = seed;
  for (let y = 0; y < height; y += 1) {
    for (let i = 0; i < width; i += 1) {
      x = (x * 1103515245 + 12345) & 0x7fffffff;
      const o = y * (width * 3 + 1) + 1 + i * 3;
      raw[o] = (i * 255) / width ^ (x & 7); raw[o + 1] = (y * 255) / height; raw[o + 2] = (seed * 40) & 255;
    }
  }
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
for (let i = 0; i < 4; i += 1) writeFileSync(new URL(`img/photo-${i}.png`, pages), png(800, 600, i + 1));
const font = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
const hasFont = existsSync(font);
if (hasFont) copyFileSync(font, new URL('fonts/theme.ttf', pages));
const themeCss = [
  hasFont ? "@font-face { font-family: Theme; src: url(fonts/theme.ttf) format('truetype'); font-display: swap; }" : '',
  'body { margin: 0; font-family: Theme, system-ui, sans-serif; color: #222; } header { display: flex; gap: 1rem; padding: 1rem 2rem; background: #111; color: #fff; height: 1.5rem; overflow: hidden; } nav { display: flex; gap: 1rem; overflow: hidden; } nav a { color: #ddd; white-space: nowrap; }',
  '.hero { width: 100%; height: auto; aspect-ratio: 4 / 3; display: block; } main { display: grid; grid-template-columns: 2fr 1fr; gap: 2rem; padding: 2rem; max-width: 1200px; margin: auto; }',
  '@media (max-width: 800px) { main { grid-template-columns: 1fr; padding: 1rem; } }',
  '.gallery { display: grid; grid-template-columns: repeat(3, 1fr); gap: .5rem; } .gallery img { width: 100%; height: auto; aspect-ratio: 4 / 3; }',
  // The theme reserves the height each widget takes (measured at these widths), so nothing shifts;
  // flow-root keeps the fallback's margins inside the element: they would otherwise collapse
  // through it and vanish when the widget replaces the fallback, moving what follows.
  'cartlift-shipping-bar { display: flow-root; min-height: 80px; } cartlift-bundles { display: flow-root; min-height: 600px; } cartlift-upsell { display: flow-root; min-height: 76px; } cartlift-tiers { display: flow-root; min-height: 148px; }',
  ...Array.from({ length: 400 }, (_, i) => `.theme-rule-${i} { margin: ${i % 7}px; padding: ${i % 5}px; color: hsl(${i} 40% 40%); }`),
].join('\n');
writeFileSync(new URL('theme.css', pages), themeCss);
// The theme's own script: a mega menu built at load and a little busywork, as themes do.
writeFileSync(new URL('theme.js', pages), `
const nav = document.querySelector('nav');
for (let i = 0; i < 300; i += 1) { const a = document.createElement('a'); a.href = '#c' + i; a.textContent = 'Collection ' + i; a.className = 'theme-rule-' + i; nav.append(a); }
let h = 0; for (let i = 0; i < 2e6; i += 1) h = (h * 31 + i) | 0; window.themeHash = h;
`);

const CONFIG = readFileSync(new URL('../www/configs/electronics.json', here), 'utf8').replace('"$schema": "../cartlift.schema.json",', '');
const SNIPPET = `<script type="module" src="/cartlift/cartlift.js"></script>\n<script type="application/json" id="cartlift-config">${CONFIG}</script>\n<script type="module">window.cartlift.setCart({ currency: 'USD', items: [{ id: 'laptop', quantity: 1 }, { id: 'tshirt', quantity: 2 }] });</script>`;
function page(kind, withCartlift) {
  const widgets = kind === 'product'
    ? '<cartlift-bundles product="laptop"><p>Frequently bought together: Laptop + Mouse, $950.00</p></cartlift-bundles><cartlift-tiers product="tshirt"><p>Buy 2, save 10%</p></cartlift-tiers>'
    : '<cartlift-shipping-bar><p>Free shipping on orders over $75.00</p></cartlift-shipping-bar><cartlift-upsell><p>Add a 2-year warranty</p></cartlift-upsell>';
  const body = kind === 'product'
    ? '<img class="hero" src="img/photo-0.png" alt="Laptop Pro 14" width="800" height="600"><div class="gallery"><img src="img/photo-1.png" alt="" width="800" height="600" loading="lazy"><img src="img/photo-2.png" alt="" width="800" height="600" loading="lazy"><img src="img/photo-3.png" alt="" width="800" height="600" loading="lazy"></div>'
    : '<h1>Your cart</h1><img class="hero" src="img/photo-1.png" alt="" width="800" height="600"><p>Laptop Pro 14 — $1,000.00</p><p>Organic T-shirt × 2 — $50.00</p>';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Northwind — ${kind}</title><meta name="description" content="A theme-like ${kind} page for cartlift's benchmark"><link rel="icon" href="data:,">
<link rel="stylesheet" href="theme.css">${withCartlift ? SNIPPET : ''}<script src="theme.js" defer></script></head>
<body><header><strong>Northwind</strong><nav></nav></header><main><section>${body}</section><aside><h2>Laptop Pro 14</h2><p>$1,000.00</p>${widgets}</aside></main></body></html>`;
}
for (const kind of ['product', 'cart']) {
  writeFileSync(new URL(`${kind}.html`, pages), page(kind, true));
  writeFileSync(new URL(`${kind}-without.html`, pages), page(kind, false));
}
// The same product page with a hand-written vanilla-JS widget instead (bench/vanilla.js): the
// floor cartlift's start-up and updates are compared with, side by side in this run.
copyFileSync(new URL('vanilla.js', here), new URL('vanilla.js', pages));
const VANILLA = `<script type="module" src="vanilla.js"></script>\n<script type="application/json" id="vanilla-config">${CONFIG}</script>\n<script type="module">window.vanilla.setCart({ currency: 'USD', items: [{ id: 'laptop', quantity: 1 }, { id: 'tshirt', quantity: 2 }] });</script>`;
writeFileSync(new URL('product-vanilla.html', pages), page('product', false)
  .replace('<script src="theme.js"', `${VANILLA}<script src="theme.js"`)
  .replace(/<cartlift-(bundles|tiers)/g, '<vanilla-$1').replace(/<\/cartlift-(bundles|tiers)>/g, '</vanilla-$1>'));

// A Dawn-like product page (tests/pages/dawn.html, with a shorter photo so that the widgets
// arrive in view on a phone), with no reservation of its own: once bare, once linking
// cartlift.css, for the layout shift the widgets cause on their own.
const dawn = readFileSync(new URL('../tests/pages/dawn.html', here), 'utf8')
  .replaceAll('href="css/', 'href="/pages/css/').replaceAll('src="js/', 'src="/pages/js/')
  .replace('<div class="product__media"></div>', '<div class="product__media" style="aspect-ratio: 16 / 9"></div>');
writeFileSync(new URL('dawn-bare.html', pages), dawn);
writeFileSync(new URL('dawn-reserved.html', pages), dawn.replace('<script type="module" src="/cartlift/cartlift.js">', '<link rel="stylesheet" href="/cartlift/cartlift.css">\n  <script type="module" src="/cartlift/cartlift.js">'));

if (process.argv.includes('--pages-only')) process.exit(0);

// ---- Measurements --------------------------------------------------------------------------
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : null; };
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : null; };
const round = (x, d = 2) => (x === null ? null : Math.round(x * 10 ** d) / 10 ** d);

async function lighthouseRuns() {
  const chrome = await chromeLauncher.launch({ chromePath: CHROME, chromeFlags: FLAGS });
  const runs = { product: { with: [], without: [] }, cart: { with: [], without: [] } };
  try {
    for (let i = 0; i < RUNS; i += 1) {
      for (const kind of ['product', 'cart']) {
        // Interleaved, and alternating which goes first, so drift in the machine hits both.
        const order = i % 2 ? ['without', 'with'] : ['with', 'without'];
        for (const variant of order) {
          const url = `${BASE}/bench/${kind}${variant === 'with' ? '' : '-without'}.html`;
          const { lhr } = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] });
          runs[kind][variant].push({
            score: lhr.categories.performance.score * 100,
            tbt: lhr.audits['total-blocking-time'].numericValue,
            lcp: lhr.audits['largest-contentful-paint'].numericValue,
            cls: lhr.audits['cumulative-layout-shift'].numericValue,
          });
          process.stderr.write(`lighthouse ${kind} ${variant} run ${i + 1}: ${JSON.stringify(runs[kind][variant].at(-1))}\n`);
        }
      }
    }
  } finally {
    await chrome.kill();
  }
  const summary = {};
  for (const kind of Object.keys(runs)) {
    const m = (variant, key) => median(runs[kind][variant].map((r) => r[key]));
    summary[kind] = {};
    for (const key of ['score', 'tbt', 'lcp', 'cls']) {
      summary[kind][key] = { with: round(m('with', key), 3), without: round(m('without', key), 3), added: round(m('with', key) - m('without', key), 3) };
    }
  }
  return { runs: RUNS, summary, raw: runs };
}

async function startup(browser) {
  // Long tasks, from the page's own view; a long task is cartlift's when a `cartlift:work`
  // measure (the entry module's own steps) lies within it.
  const observeLongTasks = () => { window.__long = []; new PerformanceObserver((l) => window.__long.push(...l.getEntries().map((e) => ({ start: e.startTime, duration: e.duration })))).observe({ type: 'longtask', buffered: true }); };
  const measureOnce = async (page) => page.evaluate(async () => {
    const got = () => performance.getEntriesByName('cartlift:rendered').length > 0;
    for (let i = 0; i < 400 && !got(); i += 1) await new Promise((r) => setTimeout(r, 10));
    // Long-task entries arrive after their task: give them a moment.
    await new Promise((r) => setTimeout(r, 100));
    const start = performance.getEntriesByName('cartlift:start')[0]?.startTime;
    const done = performance.getEntriesByName('cartlift:rendered')[0]?.startTime;
    const work = performance.getEntriesByName('cartlift:work');
    const ours = (t) => work.some((w) => w.startTime >= t.start && w.startTime + w.duration <= t.start + t.duration + 1);
    return {
      ms: done - start,
      work: work.reduce((sum, w) => sum + w.duration, 0),
      longest: Math.max(0, ...work.map((w) => w.duration)),
      long: window.__long.filter(ours).map((t) => t.duration),
      memory: window.cartlift.memory(),
    };
  });
  const cold = [];
  const warm = [];
  let memory = 0;
  for (let i = 0; i < STARTUPS; i += 1) {
    const context = await browser.newContext();
    await context.addInitScript(observeLongTasks);
    const page = await context.newPage();
    await page.goto(`${BASE}/bench/product.html`);
    const r = await measureOnce(page);
    cold.push(r);
    memory = r.memory;
    await context.close();
  }
  const context = await browser.newContext();
  await context.addInitScript(observeLongTasks);
  const page = await context.newPage();
  await page.goto(`${BASE}/bench/product.html`);
  await measureOnce(page);
  for (let i = 0; i < STARTUPS; i += 1) {
    await page.reload();
    warm.push(await measureOnce(page));
  }
  await context.close();
  const summary = (runs) => ({
    median: round(median(runs.map((r) => r.ms))),
    p95: round(pct(runs.map((r) => r.ms), 95)),
    work_median: round(median(runs.map((r) => r.work))),
    longest_step_median: round(median(runs.map((r) => r.longest))),
    loads_with_long_task: runs.filter((r) => r.long.length).length,
    long_task_median: round(median(runs.flatMap((r) => r.long))),
  });
  return { cold: summary(cold), repeat: summary(warm), loads: STARTUPS, wasm_memory_bytes: memory };
}

/**
 * Cold ready, cartlift against the vanilla widget on the same product page, loads interleaved:
 * from the page's start (navigation) to its widgets drawn (`cartlift:rendered`, or
 * `vanilla:rendered`), and then setCart → DOM on each, with the same carts.
 */
async function sideBySide(browser) {
  const readyAt = (page, mark) => page.evaluate(async (m) => {
    for (let i = 0; i < 1000 && !performance.getEntriesByName(m).length; i += 1) await new Promise((r) => setTimeout(r, 10));
    return performance.getEntriesByName(m)[0]?.startTime ?? null;
  }, mark);
  const ready = { cartlift: [], vanilla: [] };
  for (let i = 0; i < STARTUPS; i += 1) {
    for (const [who, path, mark] of [['cartlift', 'product.html', 'cartlift:rendered'], ['vanilla', 'product-vanilla.html', 'vanilla:rendered']]) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${BASE}/bench/${path}`);
      const at = await readyAt(page, mark);
      if (at != null) ready[who].push(at);
      await context.close();
    }
  }
  const update = {};
  for (const [who, path, api, tags] of [['cartlift', 'product.html', 'cartlift', 'cartlift-bundles, cartlift-tiers'], ['vanilla', 'product-vanilla.html', 'vanilla', 'vanilla-bundles, vanilla-tiers']]) {
    const page = await browser.newPage();
    await page.goto(`${BASE}/bench/${path}`);
    await page.waitForFunction((t) => [...document.querySelectorAll(t)].every((el) => el.shadowRoot?.childElementCount), tags);
    update[who] = await page.evaluate(async ([n, name]) => {
      const hop = () => new Promise((r) => { const c = new MessageChannel(); c.port1.onmessage = () => r(); c.port2.postMessage(0); });
      const times = [];
      for (let i = 0; i < n; i += 1) {
        const cart = { currency: 'USD', items: [{ id: 'laptop', quantity: 1 }, { id: 'tshirt', quantity: 1 + (i % 4) }, { id: 'mouse', quantity: i % 2 }] };
        const t0 = performance.now();
        window[name].setCart(cart);
        await hop();
        times.push(performance.now() - t0);
      }
      return times;
    }, [UPDATES, api]);
    await page.close();
  }
  const m = (xs) => round(median(xs));
  return {
    loads: STARTUPS,
    cold_ready_ms: { cartlift: m(ready.cartlift), vanilla: m(ready.vanilla) },
    cold_ready_ratio: round(median(ready.cartlift) / median(ready.vanilla)),
    update_p50_ms: { cartlift: m(update.cartlift), vanilla: m(update.vanilla) },
    update_ratio: round(median(update.cartlift) / median(update.vanilla)),
  };
}

async function updates(browser) {
  const page = await browser.newPage();
  await page.goto(`${BASE}/pages/plain.html`);
  await page.waitForFunction(() => document.querySelector('cartlift-upsell')?.shadowRoot?.querySelector('label'));
  return page.evaluate(async (n) => {
    const hop = () => new Promise((r) => { const c = new MessageChannel(); c.port1.onmessage = () => r(); c.port2.postMessage(0); });
    let records = [];
    const observer = new MutationObserver((list) => records.push(...list));
    for (const el of document.querySelectorAll('cartlift-shipping-bar, cartlift-bundles, cartlift-upsell, cartlift-tiers')) {
      observer.observe(el.shadowRoot, { subtree: true, childList: true, attributes: true, characterData: true });
    }
    const times = [];
    const mutations = [];
    for (let i = 0; i < n; i += 1) {
      const cart = { currency: 'USD', items: [{ id: 'laptop', quantity: 1 }, { id: 'tshirt', quantity: 1 + (i % 4) }, { id: 'mouse', quantity: i % 2 }] };
      records = [];
      const t0 = performance.now();
      window.cartlift.setCart(cart);
      await hop();
      times.push(performance.now() - t0);
      records.push(...observer.takeRecords());
      mutations.push(records.length);
    }
    observer.disconnect();
    const sorted = [...times].sort((a, b) => a - b);
    const m = [...mutations].sort((a, b) => a - b);
    return {
      updates: n,
      p50_ms: sorted[Math.floor(n * 0.5)],
      p99_ms: sorted[Math.floor(n * 0.99)],
      mutations_median: m[Math.floor(n / 2)],
      mutations_max: m[n - 1],
      // What one update touches, by kind of mutation.
      example: (() => { const kinds = {}; for (const r of records) kinds[r.type] = (kinds[r.type] ?? 0) + 1; return kinds; })(),
    };
  }, UPDATES);
}

/** Cumulative layout shift on the Dawn-like page at 375 px, throttled as a phone on Slow 4G
 * (150 ms, 1.6 Mbps down, 750 kbps up, CPU 4× slower), cold loads, bare and with
 * cartlift.css; measured in the page until a second after every element has rendered. */
async function layoutShift(browser) {
  const result = {};
  for (const variant of ['bare', 'reserved']) {
    const runs = [];
    for (let i = 0; i < SHIFT_RUNS; i += 1) {
      const context = await browser.newContext({ viewport: { width: 375, height: 667 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
      await context.addInitScript(() => {
        window.__cls = 0;
        new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.__cls += e.value; }).observe({ type: 'layout-shift', buffered: true });
      });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 });
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      await page.goto(`${BASE}/bench/dawn-${variant}.html`);
      await page.waitForFunction(() => performance.getEntriesByName('cartlift:rendered').length > 0, null, { timeout: 60000 });
      await page.waitForTimeout(1000);
      runs.push(await page.evaluate(() => window.__cls));
      await context.close();
    }
    result[variant] = { median: round(median(runs), 4), max: round(Math.max(...runs), 4), runs: runs.map((r) => round(r, 4)) };
  }
  return result;
}

const statics = JSON.parse(readFileSync(new URL('tmp/static.json', here), 'utf8'));
const browser = await chromium.launch({ executablePath: CHROME, args: FLAGS.filter((f) => !f.startsWith('--headless')) });
const startupResult = await startup(browser);
process.stderr.write(`start-up: ${JSON.stringify(startupResult)}\n`);
const sideResult = await sideBySide(browser);
process.stderr.write(`side by side with a vanilla widget: ${JSON.stringify(sideResult)}\n`);
const updateResult = await updates(browser);
process.stderr.write(`updates: ${JSON.stringify(updateResult)}\n`);
const shiftResult = await layoutShift(browser);
process.stderr.write(`layout shift: ${JSON.stringify(shiftResult)}\n`);
await browser.close();
const lh = await lighthouseRuns();

const targets = {
  vanilla_cold_ready_ratio_max: 1.25, vanilla_update_ratio_max: 1.0,
  lighthouse_score_drop_max: 1, cls_added_max: 0, tbt_added_max_ms: 10, startup_repeat_max_ms: 25, startup_cold_max_ms: 100, update_p99_max_ms: 2, cls_dawn_375_max: 0.05, brotli_total_max_bytes: 64 * 1024,
};
const report = {
  generated_by: 'cargo xtask bench',
  machine: 'the project machine (2 cores, shared): compare within one run, not across runs',
  bytes: statics.sizes,
  wasm_top: statics.twiggy,
  core_benchmark: statics.criterion,
  lighthouse: lh,
  startup: startupResult,
  side_by_side_with_vanilla: sideResult,
  updates: updateResult,
  layout_shift_dawn_375: shiftResult,
  targets,
};
writeFileSync(new URL('report.json', here), `${JSON.stringify(report, null, 2)}\n`);

const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
const status = (ok) => (ok ? 'met' : '**missed**');
const lines = [];
lines.push('# What cartlift costs a shop page', '', 'Written by `cargo xtask bench`. Medians of one run on the project machine (2 shared cores): the differences within the run are what matter.', '');
lines.push('## Targets', '', '| target | figure | status |', '| --- | --- | --- |');
for (const kind of ['product', 'cart']) {
  const s = lh.summary[kind];
  lines.push(`| Lighthouse score drop ≤ 1 (${kind} page) | ${s.score.without} → ${s.score.with} (${s.score.added >= 0 ? '+' : ''}${s.score.added}) | ${status(-s.score.added <= 1)} |`);
  lines.push(`| Layout shift added 0.00 (${kind} page) | ${s.cls.added} | ${status(s.cls.added <= 0.001)} |`);
  lines.push(`| Total blocking time added ≤ 10 ms (${kind} page) | ${s.tbt.added} ms | ${status(s.tbt.added <= 10)} |`);
}
lines.push(`| Layout shift < 0.05 on a Dawn-like page with no reservation of its own, 375 px, throttled (with cartlift.css) | ${shiftResult.reserved.median} (bare: ${shiftResult.bare.median}) | ${status(shiftResult.reserved.max < 0.05)} |`);
lines.push(`| Cold ready ≤ 1.25× a hand-written vanilla-JS widget on the same page (navigation to widgets drawn) | ${sideResult.cold_ready_ms.cartlift} ms vs ${sideResult.cold_ready_ms.vanilla} ms: ${sideResult.cold_ready_ratio}× | ${status(sideResult.cold_ready_ratio <= 1.25)} |`);
lines.push(`| setCart → DOM ≤ 1.0× the vanilla widget (median of ${UPDATES}) | ${sideResult.update_p50_ms.cartlift} ms vs ${sideResult.update_p50_ms.vanilla} ms: ${sideResult.update_ratio}× | ${status(sideResult.update_ratio <= 1.0)} |`);
lines.push(`| Repeat-load start-up ≤ 25 ms | median ${startupResult.repeat.median} ms, p95 ${startupResult.repeat.p95} ms | ${status(startupResult.repeat.median <= 25)} |`);
lines.push(`| Cold start-up ≤ 100 ms | median ${startupResult.cold.median} ms, p95 ${startupResult.cold.p95} ms | ${status(startupResult.cold.median <= 100)} |`);
lines.push(`| Update p99 ≤ 2 ms, only changed text touched | p50 ${round(updateResult.p50_ms, 3)} ms, p99 ${round(updateResult.p99_ms, 3)} ms; ${updateResult.mutations_median} mutations per update (max ${updateResult.mutations_max}) | ${status(updateResult.p99_ms <= 2)} |`);
for (const p of statics.sizes.pages) {
  lines.push(`| A ${p.flavour} config${p.platform ? ` with data-platform="${p.platform}"` : ''} fetches ≤ ${kb(p.target)} | ${kb(p.total_brotli)} | ${status(p.total_brotli <= p.target)} |`);
}
lines.push('');
lines.push('## Bytes', '', 'Brotli bytes each kind of page fetches: `cartlift.js` and `cartlift.css` on every page, one flavour of the wasm with its bindings, and on a platform page that platform\'s flavour and its adapter\'s reading part.', '', '| page | wasm | bindings | total |', '| --- | ---: | ---: | ---: |');
for (const p of statics.sizes.pages) lines.push(`| ${p.flavour}${p.platform ? `, data-platform="${p.platform}"` : ''} | ${p.wasm.brotli} | ${p.js.brotli} | ${p.total_brotli} |`);
lines.push('', `\`cartlift.js\` ${statics.sizes.entry.brotli} B, \`cartlift.css\` ${statics.sizes.css.brotli} B.`, '', 'Largest items of the full flavour\'s wasm (twiggy, before compression):', '', '| bytes | % | item |', '| ---: | ---: | --- |');
for (const r of statics.twiggy.slice(0, 15)) lines.push(`| ${r.shallow_size} | ${round(r.shallow_size_percent, 2)} | \`${String(r.name).slice(0, 90).replace(/\|/g, '\\|')}\` |`);
lines.push('', '## Page cost (Lighthouse, simulated mobile throttling)', '', `${lh.runs} runs each, interleaved.`, '', '| page | metric | without | with | added |', '| --- | --- | ---: | ---: | ---: |');
for (const kind of ['product', 'cart']) for (const [key, label] of [['score', 'performance score'], ['tbt', 'total blocking time (ms)'], ['lcp', 'largest contentful paint (ms)'], ['cls', 'cumulative layout shift']]) {
  const s = lh.summary[kind][key];
  lines.push(`| ${kind} | ${label} | ${s.without} | ${s.with} | ${s.added} |`);
}
lines.push('', '## Layout shift on a phone', '', `The Dawn-like product page of the layout tests, its photo shorter so the bundle table arrives in view, at 375 × 667 px on Slow 4G (150 ms, 1.6 Mbps) with the CPU 4× slower: ${SHIFT_RUNS} cold loads each, the shift measured in the page until a second after every element rendered. The page reserves nothing itself.`, '', '| page | median | max | runs |', '| --- | ---: | ---: | --- |');
lines.push(`| bare (no cartlift.css) | ${shiftResult.bare.median} | ${shiftResult.bare.max} | ${shiftResult.bare.runs.join(', ')} |`, `| with cartlift.css | ${shiftResult.reserved.median} | ${shiftResult.reserved.max} | ${shiftResult.reserved.runs.join(', ')} |`);
lines.push('', '## Start-up', '', `From cartlift.js starting to every element rendered, ${STARTUPS} loads each.`, '', '| load | median | p95 |', '| --- | ---: | ---: |');
lines.push(`| cold (new browser profile) | ${startupResult.cold.median} ms | ${startupResult.cold.p95} ms |`, `| repeat (same profile, cached wasm) | ${startupResult.repeat.median} ms | ${startupResult.repeat.p95} ms |`);
lines.push('', `cartlift's own main-thread work (the entry module's \`cartlift:work\` measures: instantiation aside, configuring, then one task per element): cold median ${startupResult.cold.work_median} ms, its longest step ${startupResult.cold.longest_step_median} ms; repeat median ${startupResult.repeat.work_median} ms, longest step ${startupResult.repeat.longest_step_median} ms. The rest of the start-up time is the page's own work (the theme's script holds the main thread for tens of milliseconds while the wasm compiles) and the wait for the wasm.`,
  '', `Long tasks that contain cartlift's work: ${startupResult.cold.loads_with_long_task} of ${startupResult.loads} cold loads (median ${startupResult.cold.long_task_median ?? 0} ms), ${startupResult.repeat.loads_with_long_task} of ${startupResult.loads} repeat loads. WebAssembly memory after start-up: ${kb(startupResult.wasm_memory_bytes)}.`);
lines.push('', '## Updates', '', `${UPDATES} \`setCart\` calls with changing carts, each timed from the call until the DOM is updated.`, '', `p50 ${round(updateResult.p50_ms, 3)} ms, p99 ${round(updateResult.p99_ms, 3)} ms; DOM mutations per update: median ${updateResult.mutations_median}, max ${updateResult.mutations_max} (last update: ${JSON.stringify(updateResult.example)}).`);
lines.push('', '## The core', '', 'criterion, on a large shop (10,000 products, 1,000 bundles, 200 cart lines):', '', '| benchmark | low | median | high |', '| --- | ---: | ---: | ---: |');
for (const c of statics.criterion) lines.push(`| ${c.name} | ${c.estimate.join(' | ')} |`);
writeFileSync(new URL('report.md', here), `${lines.join('\n')}\n`);
process.stderr.write('wrote bench/report.md and bench/report.json\n');
