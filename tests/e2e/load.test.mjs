// Load: storms of setCart calls, and a shopper ticking the upsell as fast as they can. Memory
// comes back, and the figures match the last cart exactly (how fast is the bench's to say).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { open, events, BASE } from './browser.mjs';

let browser;
before(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--no-first-run', '--disable-sync', '--js-flags=--expose-gc', '--enable-precise-memory-info'],
  });
});
after(async () => { await browser?.close(); });

test('10,000 setCart calls in a tight loop, then 100 per frame for 10 seconds: no leak, exact figures', async () => {
  const { page, problems } = await open(browser, '/pages/plain.html');
  await page.waitForFunction(() => document.querySelector('cartlift-shipping-bar').shadowRoot?.querySelector('[part=message]')?.textContent.includes('tote'));
  const result = await page.evaluate(async () => {
    const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
    const heap = () => { window.gc(); return performance.memory.usedJSHeapSize; };
    const cartFor = (i) => ({ currency: 'USD', items: [{ id: 'mouse', quantity: 1 + (i % 7) }, { id: 'tshirt', quantity: i % 3 }, { id: 'socks', quantity: 1, price: `${i % 10}.${String(i % 100).padStart(2, '0')}` }] });
    const longTasks = [];
    new PerformanceObserver((list) => longTasks.push(...list.getEntries().map((e) => ({ start: e.startTime, duration: e.duration })))).observe({ type: 'longtask' });
    await frame();
    const heapBefore = heap();
    const wasmBefore = window.cartlift.memory();

    // The storm: one task, 10,000 calls; then the time until the DOM shows the last cart.
    const t0 = performance.now();
    for (let i = 0; i < 10000; i += 1) window.cartlift.setCart(cartFor(i));
    const t1 = performance.now();
    await frame();
    const t2 = performance.now();
    const afterStorm = { message: document.querySelector('cartlift-shipping-bar').shadowRoot.querySelector('[part=message]').textContent, subtotal: window.cartlift.state().subtotal.amount };

    // 100 calls per animation frame for 10 seconds.
    const phaseStart = performance.now();
    let calls = 0;
    const end = performance.now() + 10000;
    while (performance.now() < end) {
      for (let j = 0; j < 100; j += 1) window.cartlift.setCart(cartFor(calls++));
      await frame();
    }
    const last = cartFor(calls - 1);
    // Two rendering steps after the last call: its figures are drawn by then.
    await frame();
    await frame();
    return {
      perCallMicros: ((t1 - t0) * 1000) / 10000,
      flushMs: t2 - t1,
      afterStorm,
      frameCalls: calls,
      // The storm's own loop is one long task by design; count only the per-frame phase.
      frameLongTasks: longTasks.filter((t) => t.start >= phaseStart).map((t) => t.duration),
      last,
      state: window.cartlift.state(),
      message: document.querySelector('cartlift-shipping-bar').shadowRoot.querySelector('[part=message]').textContent,
      heapGrowth: heap() - heapBefore,
      wasmBefore,
      wasmAfter: window.cartlift.memory(),
    };
  });
  console.log(`setCart: ${result.perCallMicros.toFixed(1)} µs a call; DOM flushed ${result.flushMs.toFixed(1)} ms after the storm; ${result.frameCalls} calls in 10 s at 100 a frame; JS heap ${result.heapGrowth} bytes after; wasm memory ${result.wasmBefore} → ${result.wasmAfter} bytes`);
  // The last of 10,000 carts (i = 9999): 4 mice, no shirts, socks at $9.99 = $209.99.
  assert.equal(result.afterStorm.subtotal, '209.99');
  assert.equal(result.afterStorm.message, "You've unlocked a free tote bag!");
  // The final figures are the final cart's, to the cent.
  const [mice, shirts, socks] = result.last.items;
  const cents = mice.quantity * 5000 + shirts.quantity * 2500 + Number(socks.price.replace('.', ''));
  assert.equal(result.state.subtotal.minor, cents);
  // How responsive it stays is a speed figure, and speed lives in `cargo xtask bench` (this
  // shared, noisy machine made a frame of 100 calls a 55 ms task now and then): reported here,
  // not held to a time.
  console.log(`long tasks while 100 calls a frame: ${result.frameLongTasks.filter((d) => d > 50).map((d) => `${Math.round(d)} ms`).join(', ') || 'none'}`);
  // Memory comes back: the JS heap within 1 MB of where it was; wasm memory did not grow without end.
  assert.ok(result.heapGrowth < 1_000_000, `the JS heap grew by ${result.heapGrowth} bytes`);
  assert.ok(result.wasmAfter <= result.wasmBefore * 2 + 1_048_576, `wasm memory went from ${result.wasmBefore} to ${result.wasmAfter}`);
  assert.deepEqual(problems, []);
});

test('ticking and unticking the upsell as fast as possible, with a slow shop, ends with the checkbox and the cart agreeing', async () => {
  const { page, problems } = await open(browser, '/pages/plain.html');
  await page.waitForFunction(() => document.querySelector('cartlift-upsell').shadowRoot?.querySelector('[part=checkbox]'));
  // A shop whose cart API answers after 0–80 ms, as real ones do.
  await page.evaluate(() => {
    const cart = new Map([['laptop', 1], ['tshirt', 2]]);
    window.shopCart = cart;
    const push = () => setTimeout(() => window.cartlift.setCart({ currency: 'USD', items: [...cart].map(([id, quantity]) => ({ id, quantity })) }), Math.random() * 80);
    document.addEventListener('cartlift:add-to-cart', (e) => { for (const i of e.detail.items) cart.set(i.id, (cart.get(i.id) ?? 0) + i.quantity); push(); });
    document.addEventListener('cartlift:remove-from-cart', (e) => { for (const i of e.detail.items) { const q = (cart.get(i.id) ?? 0) - i.quantity; if (q > 0) cart.set(i.id, q); else cart.delete(i.id); } push(); });
  });
  const box = page.locator('cartlift-upsell [part=checkbox]');
  for (let i = 0; i < 25; i += 1) await box.click({ delay: 0 });
  // Every click's event has come, the page has set each resulting cart (at most 80 ms later),
  // and the box shows the last one.
  await page.waitForFunction(() => window.__events.filter((e) => e.name === 'cartlift:add-to-cart' || e.name === 'cartlift:remove-from-cart').length >= 25);
  await page.waitForFunction(() => {
    const want = window.shopCart.get('warranty') ?? 0;
    const box = document.querySelector('cartlift-upsell').shadowRoot.querySelector('[part=checkbox]');
    return box?.checked === (want > 0) && window.cartlift.state()?.upsells?.some((u) => u.product === 'warranty' && u.ticked === (want > 0));
  });
  const adds = (await events(page, 'cartlift:add-to-cart')).length;
  const removes = (await events(page, 'cartlift:remove-from-cart')).length;
  const inCart = await page.evaluate(() => window.shopCart.get('warranty') ?? 0);
  // Every click was sent exactly once, and they net out to what the cart holds.
  assert.equal(adds + removes, 25);
  assert.equal(adds - removes, inCart);
  assert.ok(inCart === 0 || inCart === 1, `the cart holds ${inCart} warranties`);
  assert.equal(await box.isChecked(), inCart === 1);
  assert.deepEqual(problems, []);
});
