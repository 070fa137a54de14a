// Flavours: each page fetches the smallest wasm that carries what its config uses, decided
// before the wasm is fetched; a config given later that needs more is refused by name.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, BASE, asControl, eventsOnce } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** `path` opened, with the wasm files it fetched, once `cartlift:ready` or `cartlift:error`
 * came (or, with `waitFor: false`, once loaded). */
async function visit(path, { waitFor = true } = {}) {
  const page = await browser.newPage();
  const fetched = [];
  const problems = [];
  page.on('request', (r) => { if (/\.wasm$/.test(r.url())) fetched.push(new URL(r.url()).pathname.split('/').pop()); });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.addInitScript(() => {
    window.__events = [];
    for (const name of ['cartlift:ready', 'cartlift:error']) {
      document.addEventListener(name, (e) => window.__events.push({ name, detail: e.detail }));
    }
  });
  await page.goto(BASE + asControl(path));
  if (waitFor) await page.waitForFunction(() => window.__events.length > 0);
  return { page, fetched, problems };
}

const flavourOf = (file) => /^cartlift-(bar|offers|full)(-shopify-markets|-shopify|-woocommerce)?-[0-9a-f]{8}\.wasm$/.exec(file)?.slice(1, 3).join('') ?? file;

test('a config with only a shipping bar fetches the bar flavour, once, and draws "$10.00 away"', async () => {
  const { page, fetched, problems } = await visit('/pages/bar-only.html');
  assert.deepEqual(fetched.map(flavourOf), ['bar']);
  await page.waitForFunction(() => document.querySelector('cartlift-shipping-bar').shadowRoot?.querySelector('[part=message]')?.textContent.includes('10.00'));
  assert.deepEqual(problems, []);
  await page.close();
});

test('the bar flavour refuses a later config with bundles as not_loaded at "bundles", keeping the last good one', async () => {
  const { page } = await visit('/pages/bar-only.html');
  const taken = await page.evaluate(() => window.cartlift.configure({
    currency: 'USD',
    products: [{ id: 'mug', title: 'Mug', price: '65.00' }, { id: 'tote', title: 'Tote', price: '12.00' }],
    bundles: [{ id: 'set', title: 'Mug and tote', items: ['mug', 'tote'], percent_off: '10' }],
  }));
  assert.equal(taken, false);
  const [error] = await eventsOnce(page, 'cartlift:error', 1);
  assert.equal(error.kind, 'config');
  assert.deepEqual(error.errors.map((e) => [e.code, e.path]), [['not_loaded', 'bundles']]);
  assert.match(error.errors[0].message, /data-build="full"/);
  assert.ok((await page.evaluate(() => window.cartlift.state().shipping.remaining.amount)) === '10.00');
  await page.close();
});

test('the demo shop (bundles, tiers, upsells, segments, an experiment) fetches the full flavour', async () => {
  const { fetched } = await visit('/');
  assert.deepEqual(fetched.map(flavourOf), ['full']);
});

test('data-build="full" with no config: the full flavour waits for configure(), then draws its bundles', async () => {
  const { page, fetched, problems } = await visit('/pages/build-full.html', { waitFor: false });
  await page.evaluate(() => window.cartlift.configure({
    currency: 'USD',
    products: [{ id: 'mug', title: 'Mug', price: '65.00' }, { id: 'tote', title: 'Tote', price: '12.00' }],
    shipping_bar: { goals: [{ threshold: '75.00', reward: 'free shipping' }] },
    bundles: [{ id: 'set', title: 'Mug and tote', items: ['mug', 'tote'], percent_off: '10' }],
  }));
  await page.evaluate(() => window.cartlift.setCart({ currency: 'USD', items: [{ id: 'mug', quantity: 1 }] }));
  await page.evaluate(() => window.cartlift.ready);
  await page.waitForFunction(() => document.querySelector('cartlift-bundles').shadowRoot?.textContent.includes('Mug and tote'));
  assert.deepEqual(fetched.map(flavourOf), ['full']);
  assert.deepEqual(await page.evaluate(() => window.__events.filter((e) => e.name === 'cartlift:error')), []);
  assert.deepEqual(problems, []);
  await page.close();
});

test("a Shopify page in the config's currency fetches the flavour with Shopify's mapping, without the Markets conversion, and no second wasm", async () => {
  const { fetched } = await visit('/shopify.html');
  assert.equal(fetched.length, 1, fetched.join());
  assert.match(flavourOf(fetched[0]), /-shopify$/);
});

test("a Shopify shopper shown euros (Shopify Markets) gets the Shopify flavour that converts, and the bar in euros", async () => {
  const { page, fetched } = await visit('/shopify.html?currency=EUR');
  assert.equal(fetched.length, 1, fetched.join());
  assert.match(flavourOf(fetched[0]), /-shopify-markets$/);
  await page.waitForFunction(() => document.querySelector('cartlift-shipping-bar')?.shadowRoot?.textContent.includes('€'));
  await page.close();
});

test("a WooCommerce page fetches the flavour with WooCommerce's mapping (no Markets conversion) and no second wasm", async () => {
  const { fetched } = await visit('/woocommerce.html');
  assert.equal(fetched.length, 1, fetched.join());
  assert.match(flavourOf(fetched[0]), /-woocommerce$/);
});
