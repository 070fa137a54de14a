// The Shopify app's theme extension on a storefront: its Liquid rendered by liquidjs
// (tests/shopify/render.mjs, with the few Shopify filters it uses) into a Dawn-like product
// page, served by the demo server's emulation of a live store, with the extension's assets
// where Shopify's CDN would serve them. The app embed loads the widget, the blocks render
// their elements for the page's product, and the shop's real cart follows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, open, BASE } from './browser.mjs';
import { writePage, offered, block } from '../shopify/render.mjs';

const config = JSON.parse(readFileSync(new URL('../../www/stores/shopify.json', import.meta.url), 'utf8'));
const LAPTOP = { handle: 'laptop', title: 'Laptop Pro 14', variant_id: 44000000000001 };
const SHIRT = { handle: 'tshirt', title: 'Organic T-shirt', variant_id: 44000000000005 };
/** Every block a merchant can add, on a product page. */
const ALL_BLOCKS = /** @type {[string, Record<string, unknown>][]} */ ([
  ['bundles', {}], ['tiers', { product_id: 'socks' }], ['upsell', {}], ['shipping-bar', { eager: true }], ['recommendations', {}],
]);

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const untilText = (page, tag, part, text) => page.waitForFunction(([t, p, x]) => (document.querySelector(t)?.shadowRoot?.querySelector(`[part~=${p}]`)?.textContent ?? '').includes(x), [tag, part, text]);
const platformCart = (page) => page.evaluate(async () => (await fetch('/shopify/cart.js')).json());
const loaded = (page) => page.evaluate(() => performance.getEntriesByType('resource').map((r) => new URL(r.name).pathname));

/** A fresh shopper (own cookies, own cart) on a rendered page. */
async function shopper(path) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const { page, problems } = await open(context, path);
  return { context, page, problems };
}

test("the app embed loads cartlift from the extension's assets, and the laptop's bundles block draws its two bundles", async () => {
  const path = await writePage('laptop', { config, product: LAPTOP }, { blocks: ALL_BLOCKS });
  const { context, page, problems } = await shopper(path);
  await page.waitForFunction(() => document.querySelector('cartlift-bundles')?.shadowRoot?.querySelectorAll('[part~=row]').length === 2);
  const titles = await page.evaluate(() => [...document.querySelector('cartlift-bundles').shadowRoot.querySelectorAll('[part~=row]')].map((r) => r.textContent));
  assert.ok(titles[0].includes('Laptop') && titles[0].includes('Mouse'), titles[0]);
  const paths = await loaded(page);
  assert.ok(paths.includes('/apps/cartlift/assets/cartlift-loader.js'), 'the loader the schema names');
  assert.ok(paths.includes('/apps/cartlift/assets/cartlift.js'), 'cartlift.js from the asset_url the embed printed');
  assert.ok(paths.some((p) => /^\/apps\/cartlift\/assets\/cartlift-[a-z]+-shopify-[0-9a-f]+\.wasm$/.test(p)), `a Shopify flavour's wasm beside it: ${paths}`);
  assert.ok(!paths.some((p) => p.startsWith('/cartlift/')), 'nothing from anywhere but the extension');
  // The loader gave the config the page's locale; the merchant's JSON is otherwise as pushed.
  const given = await page.evaluate(() => JSON.parse(document.getElementById('cartlift-config').textContent));
  assert.equal(given.locale, 'en-US');
  assert.deepEqual({ ...given, locale: undefined }, { ...config, locale: undefined });
  assert.deepEqual(problems, []);
  await context.close();
});

test("the theme's add-to-cart form moves the shipping bar block: a $25 shirt leaves $50.00 to go", async () => {
  const path = await writePage('tshirt', { config, product: SHIRT }, { blocks: [['shipping-bar', { heading: 'Free shipping', eager: true }]] });
  const { context, page, problems } = await shopper(path);
  await untilText(page, 'cartlift-shipping-bar', 'message', '$75.00');
  await page.click('#product-form button');
  await untilText(page, 'cartlift-shipping-bar', 'message', '$50.00');
  assert.equal(await page.locator('.cartlift-block h2').textContent(), 'Free shipping');
  assert.deepEqual(problems, []);
  await context.close();
});

test("Add bundle on the block puts the laptop and the mouse in the shop's cart, marked with the bundle", async () => {
  const path = await writePage('laptop-bundle', { config, product: LAPTOP }, { blocks: [['bundles', { eager: true }]] });
  const { context, page, problems } = await shopper(path);
  await page.locator('cartlift-bundles [part~=add]').first().click();
  await page.waitForFunction(() => window.__events.some((e) => e.name === 'cartlift:add-to-cart'));
  const cart = await platformCart(page);
  assert.deepEqual(cart.items.map((l) => [l.variant_id, l.quantity, l.properties?._cartlift_bundle]).sort(),
    [[44000000000001, 1, 'office-2'], [44000000000002, 1, 'office-2']]);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the app embed with "Shipping bar at the top of every page" draws a bar on a page with no block', async () => {
  const path = await writePage('embed-bar', { config, product: SHIRT }, { embed: { bar_on_every_page: true } });
  const { context, page, problems } = await shopper(path);
  await untilText(page, 'cartlift-shipping-bar', 'message', 'Spend $75.00 to unlock free shipping');
  assert.equal(await page.locator('cartlift-shipping-bar').count(), 1);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a German storefront: the embed passes de-DE, and the bar writes $75 as Germans write it', async () => {
  const path = await writePage('de', { config, product: SHIRT, locale: 'de', country: 'DE' }, { embed: { bar_on_every_page: true } });
  const { context, page } = await shopper(path);
  assert.equal(await page.evaluate(() => document.getElementById('cartlift-config').dataset.locale), 'de-DE');
  await untilText(page, 'cartlift-shipping-bar', 'message', '75,00');
  await context.close();
});

test("the blocks' fallbacks are in the storefront's language: a German page before the widget draws", async () => {
  const path = await writePage('de-fallback', { config: undefined, product: { ...SHIRT, handle: 'socks' }, locale: 'de', country: 'DE' }, { blocks: [['shipping-bar', {}]] });
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(BASE + path, { waitUntil: 'load' });
  assert.equal(await page.locator('cartlift-shipping-bar p').textContent(), 'Kostenloser Versand für qualifizierte Bestellungen');
  // The store's socks tier is for phones only: a fallback cannot know the shopper, so it lists
  // only tiers for everyone.
  const everyone = { ...config, volume_tiers: [...config.volume_tiers, { product: 'socks', tiers: [{ min_quantity: 6, percent_off: 25 }] }] };
  const tiers = await writePage('de-tiers', { config: everyone, product: { ...SHIRT, handle: 'socks' }, locale: 'de', country: 'DE' }, { blocks: [['tiers', {}]] });
  await page.goto(BASE + tiers, { waitUntil: 'domcontentloaded' });
  assert.deepEqual(await page.locator('cartlift-tiers li').allTextContents(), ['Ab 6 Stück 25 % sparen']);
  await context.close();
});

test("a merchant's own locale is kept: the loader adds the page's only to a config without one", async () => {
  const path = await writePage('own-locale', { config: { ...config, locale: 'en-GB' }, product: SHIRT, locale: 'de', country: 'DE' }, { embed: { bar_on_every_page: true } });
  const { context, page } = await shopper(path);
  assert.equal(await page.evaluate(() => JSON.parse(document.getElementById('cartlift-config').textContent).locale), 'en-GB');
  await untilText(page, 'cartlift-shipping-bar', 'message', 'US$75.00');
  await context.close();
});

test('before any config is pushed, the embed prints nothing, nothing is loaded, and the blocks keep their fallback', async () => {
  const path = await writePage('no-config', { config: undefined, product: SHIRT }, { blocks: [['shipping-bar', {}], ['bundles', {}]] });
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  // Deferred scripts (the loader) have run by the load event.
  await page.goto(BASE + path, { waitUntil: 'load' });
  assert.equal(await page.locator('#cartlift-config').count(), 0);
  assert.ok(!(await loaded(page)).some((p) => p.endsWith('/cartlift.js') || p.endsWith('.wasm')));
  assert.equal(await page.locator('cartlift-shipping-bar p').textContent(), 'Free shipping on qualifying orders');
  assert.equal(await page.evaluate(() => customElements.get('cartlift-shipping-bar')), undefined);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the theme editor offers the embed and the five blocks only once a config has been pushed (available_if)', async () => {
  const names = ['cartlift-embed', 'shipping-bar', 'bundles', 'tiers', 'upsell', 'recommendations'];
  const before = await Promise.all(names.map((n) => offered(n, { config: undefined })));
  const after = await Promise.all(names.map((n) => offered(n, { config })));
  assert.deepEqual(before, names.map(() => false));
  assert.deepEqual(after, names.map(() => true));
});

test('axe finds nothing in the app\'s blocks or the widgets they draw', async () => {
  const eager = ALL_BLOCKS.map(([name, settings]) => /** @type {[string, Record<string, unknown>]} */ ([name, { ...settings, eager: true }]));
  const path = await writePage('axe', { config, product: LAPTOP }, { blocks: eager });
  const { context, page, problems } = await shopper(path);
  await page.click('#product-form button');
  await page.waitForFunction(() => document.querySelector('cartlift-upsell')?.shadowRoot?.querySelector('[part~=checkbox]'));
  await page.waitForFunction(() => [...document.querySelectorAll('cartlift-shipping-bar, cartlift-bundles, cartlift-tiers, cartlift-upsell')].every((el) => el.matches(':state(rendered)')));
  await page.addScriptTag({ content: readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8') });
  const found = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'], rules: { region: { enabled: false } } });
    return result.violations.flatMap((v) => v.nodes
      .filter((n) => Array.isArray(n.target[0]) || /cartlift/.test(String(n.target[0])))
      .map((n) => `${v.id}: ${JSON.stringify(n.target)} ${n.failureSummary}`));
  });
  assert.deepEqual(found, []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the embed passes the collector the push wrote (escaped) and "Personalize offers" off as data-consent', async () => {
  const { html } = await block('cartlift-embed', { remember: false }, { config, collect: 'https://collect.example/events?shop=a&b="c"' });
  assert.match(html, / data-collect="https:\/\/collect\.example\/events\?shop=a&amp;b=&#34;c&#34;"/);
  assert.match(html, / data-consent="false">/);
  const plain = (await block('cartlift-embed', {}, { config })).html;
  assert.doesNotMatch(plain, /data-collect|data-consent/);
  // The config cannot close its script element, whatever its text holds.
  const hostile = (await block('cartlift-embed', {}, { config: { ...config, labels: { add_bundle: '</script><script>alert(1)</script>' } } })).html;
  assert.equal(hostile.match(/<\/script>/g)?.length, 1);
});
