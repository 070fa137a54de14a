// The Shopify app's order pixel (shopify/extensions/cartlift-pixel/src/orders.js), run against
// a stub of the web pixel API it uses, as Shopify documents it: `analytics.subscribe`, and the
// strict sandbox's `browser.localStorage.getItem` and `browser.sendBeacon` (both promises). The
// checkout is a `checkout_completed` event shaped as Shopify's reference gives it. Its beacon is
// then posted to the real collector (`cartlift collect`, built by cargo), which must keep it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { start, orderLine, decimal, VISITOR_KEY } from '../../shopify/extensions/cartlift-pixel/src/orders.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);
const RECORD = JSON.stringify({ v: 1, id: 'v-3f9c0a', first: 1764620000, last: 1764620000, visits: 1, viewed: [], orders: [] });

/** A completed checkout: the laptop and mouse as cartlift's bundle, and a shirt. */
const checkout = (currencyCode = 'USD', amounts = { laptop: 1000, mouse: 50, shirt: 25, subtotal: 975 }) => ({
  id: 'evt-1',
  name: 'checkout_completed',
  timestamp: '2026-12-05T10:00:00.000Z',
  data: {
    checkout: {
      currencyCode,
      order: { id: '5550001' },
      subtotalPrice: { amount: amounts.subtotal, currencyCode },
      totalPrice: { amount: amounts.subtotal + 10, currencyCode },
      email: 'shopper@example.com',
      shippingAddress: { city: 'Ottawa' },
      lineItems: [
        { quantity: 1, title: 'Laptop Pro 14', properties: [{ key: '_cartlift_bundle', value: 'office-2' }],
          variant: { id: '44000000000001', price: { amount: amounts.laptop, currencyCode }, product: { id: '9001', url: '/products/laptop' } } },
        { quantity: 1, title: 'Wireless Mouse', properties: [{ key: '_cartlift_bundle', value: 'office-2' }],
          variant: { id: '44000000000002', price: { amount: amounts.mouse, currencyCode }, product: { id: '9002', url: '/products/mouse' } } },
        { quantity: 2, title: 'Organic T-shirt', properties: [],
          variant: { id: '44000000000005', price: { amount: amounts.shirt, currencyCode }, product: { id: '9005', url: '/products/tshirt?variant=44000000000005' } } },
      ],
    },
  },
});

/** The pixel started on a stub of Shopify's API; what it subscribed to and what it sent. */
function stubbed({ collect = 'https://collect.example/events', stored = RECORD } = {}) {
  /** @type {Map<string, (event: unknown) => unknown>} */
  const handlers = new Map();
  /** @type {[string, string][]} */
  const beacons = [];
  start({
    analytics: { subscribe: (name, callback) => { handlers.set(name, callback); } },
    browser: {
      localStorage: { getItem: async (key) => (key === VISITOR_KEY ? stored : null) },
      sendBeacon: async (url, body) => { beacons.push([url, body]); return true; },
    },
    settings: { collect },
  });
  return { handlers, beacons };
}

test('a completed checkout is one order line: the visitor, the value $975.00, each line by handle with the bundle it came from', async () => {
  const { handlers, beacons } = stubbed();
  await handlers.get('checkout_completed')?.(checkout());
  assert.equal(beacons.length, 1);
  const [url, body] = beacons[0];
  assert.equal(url, 'https://collect.example/events');
  assert.ok(body.endsWith('\n'), 'one NDJSON line');
  assert.deepEqual(JSON.parse(body), {
    type: 'order',
    at: Date.parse('2026-12-05T10:00:00.000Z'),
    visitor: 'v-3f9c0a',
    items: [
      { id: 'laptop', variant_id: '44000000000001', quantity: 1, price: '1000.00', widget: 'bundles', offer: 'office-2' },
      { id: 'mouse', variant_id: '44000000000002', quantity: 1, price: '50.00', widget: 'bundles', offer: 'office-2' },
      { id: 'tshirt', variant_id: '44000000000005', quantity: 2, price: '25.00' },
    ],
    order: { id: '5550001', value: '975.00', currency: 'USD' },
  });
  assert.ok(!body.includes('shopper@example.com') && !body.includes('Ottawa'), 'nothing personal is sent');
});

test("without cartlift's visitor record (no consent on the storefront) nothing is sent", async () => {
  for (const stored of [null, 'not json', '{"v":1}']) {
    const { handlers, beacons } = stubbed({ stored });
    await handlers.get('checkout_completed')?.(checkout());
    assert.deepEqual(beacons, [], String(stored));
  }
});

test('without a collector URL the pixel subscribes to nothing', () => {
  assert.equal(stubbed({ collect: '' }).handlers.size, 0);
  assert.equal(stubbed({ collect: '   ' }).handlers.size, 0);
});

test('amounts are written with their currency\'s digits: ¥149,500 as "149500", 12.345 KWD as "12.345", $0.10 + $0.20 as "0.30"', () => {
  assert.equal(decimal({ amount: 149500 }, 'JPY'), '149500');
  assert.equal(decimal({ amount: 12.345 }, 'KWD'), '12.345');
  assert.equal(decimal({ amount: 0.1 + 0.2 }, 'USD'), '0.30');
  assert.equal(decimal({ amount: 99999999999.99 }, 'USD'), '99999999999.99');
  assert.equal(decimal(undefined, 'USD'), undefined);
  assert.equal(orderLine(checkout('JPY', { laptop: 149500, mouse: 7480, shirt: 3740, subtotal: 164460 }), 'v').order.value, '164460');
});

test("the collector keeps the pixel's order, and cartlift report credits it to the bundle and the experiment variant the visitor saw on the storefront", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cartlift-pixel-'));
  const db = path.join(dir, 'events.sqlite');
  const collector = spawn(path.join(ROOT, 'target/debug/cartlift'), ['collect', '--db', db, '--port', '0', '--exit-after', '60'], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const address = await new Promise((resolve, reject) => {
      collector.stdout.on('data', (chunk) => {
        const found = /http:\/\/[^ ]+\/events/.exec(String(chunk));
        if (found) resolve(found[0]);
      });
      collector.on('exit', (code) => reject(new Error(`cartlift collect exited (${code})`)));
    });
    // What navigator.sendBeacon sends a string as.
    const post = (/** @type {string} */ url, /** @type {string} */ body) => fetch(url, { method: 'POST', headers: { 'Content-Type': 'text/plain;charset=UTF-8' }, body });
    // Earlier, on the storefront (the widget's collect module): this visitor added the bundle,
    // in the t60 variant of the threshold experiment.
    const experiments = [{ experiment: 'free-shipping-threshold', variant: 't60' }];
    const added = { type: 'add-to-cart', at: Date.parse('2026-12-05T09:50:00.000Z'), visitor: 'v-3f9c0a', source: { widget: 'bundles', offer: 'office-2', experiment: 'free-shipping-threshold', variant: 't60' }, experiments, items: [{ id: 'laptop', quantity: 1 }, { id: 'mouse', quantity: 1 }] };
    assert.equal((await post(address, `${JSON.stringify(added)}\n`)).status, 200);
    const { handlers, beacons } = stubbed({ collect: address });
    await handlers.get('checkout_completed')?.(checkout());
    const [url, body] = beacons[0];
    const answer = await post(url, body);
    assert.equal(answer.status, 200, await answer.text());
    const health = await (await fetch(url.replace(/\/events$/, '/health'))).json();
    assert.equal(health.events, 2);
    const { stdout } = await run(path.join(ROOT, 'target/debug/cartlift'), ['--format', 'json', 'report', '--db', db]);
    const report = JSON.parse(stdout);
    assert.equal(report.offers.find((/** @type {any} */ o) => o.offer === 'office-2').revenue, '975.00');
    const variant = report.experiments[0].variants.find((/** @type {any} */ v) => v.variant === 't60');
    assert.equal(variant.orders, 1);
  } finally {
    collector.kill();
  }
});
