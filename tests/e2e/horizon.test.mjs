// A Shopify shop on a Horizon-like page with only the three-line embed: Horizon 4+ (Shopify's
// standard actions configured, standard `shopify:cart:lines-update` events) and Horizon 3
// (default actions, the theme's own `cart:update` with sections). The theme's requests go
// through a fetch saved before cartlift loaded, so cartlift hears them only through events.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, events, BASE } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const shadowText = (page, tag, part) => page.evaluate(([t, p]) => document.querySelector(t)?.shadowRoot?.querySelector(`[part~=${p}]`)?.textContent ?? null, [tag, part]);
const untilText = (page, tag, part, text) => page.waitForFunction(([t, p, x]) => (document.querySelector(t)?.shadowRoot?.querySelector(`[part~=${p}]`)?.textContent ?? '').includes(x), [tag, part, text]);
const platformCart = (page) => page.evaluate(async () => (await fetch('/shopify/cart.js')).json());
const drawerCount = (page) => page.evaluate(() => document.querySelector('cart-items-component .cart-count')?.textContent);
const bundleAdd = (page) => page.locator('cartlift-bundles [part~=add]').first().click();
const added = (page, n = 1) => page.waitForFunction((c) => window.__events.filter((e) => e.name === 'cartlift:add-to-cart').length >= c, n);

/** A fresh shopper on the Horizon-like page of generation `theme` ('' for 4+, '3'). */
async function shopper(theme = '') {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const { page, problems } = await open(context, theme ? `/horizon.html?theme=${theme}` : '/horizon.html');
  await untilText(page, 'cartlift-shipping-bar', 'message', '$75.00');
  // Every `cart:update` cartlift dispatches, to see whom it tells.
  await page.evaluate(() => {
    window.__told = [];
    document.addEventListener('cart:update', (e) => { if (e.detail?.sourceId === 'cartlift') window.__told.push(e.detail); });
  });
  return { context, page, problems };
}

test("Horizon 4+: the theme's own add, heard through shopify:cart:lines-update, leaves $50.00 to go", async () => {
  const { context, page, problems } = await shopper();
  await page.click('#product-form button');
  await untilText(page, 'cartlift-shipping-bar', 'message', '$50.00');
  assert.equal(await shadowText(page, 'cartlift-shipping-bar', 'message'), "You're $50.00 away from free shipping");
  assert.deepEqual(problems, []);
  await context.close();
});

test("Horizon 4+: a bundle add is one call of the theme's updateCart with both variants, the codes kept, the theme told nothing more", async () => {
  const { context, page } = await shopper();
  // The shopper's own code, already on the cart, stays beside the bundle's.
  await page.evaluate(() => fetch('/shopify/cart/update.js', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ discount: 'WELCOME' }) }));
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  const posts = [];
  page.on('request', (r) => { if (r.url().includes('/shopify/cart/') && r.method() === 'POST') posts.push(r.url().split('/shopify/')[1]); });
  await bundleAdd(page);
  await added(page);
  const calls = await page.evaluate(() => window.__themeCalls);
  assert.deepEqual(calls, [
    { lines: [
      { merchandiseId: 'gid://shopify/ProductVariant/44000000000001', quantity: 1, attributes: [{ key: '_cartlift_bundle', value: 'office-2' }] },
      { merchandiseId: 'gid://shopify/ProductVariant/44000000000002', quantity: 1, attributes: [{ key: '_cartlift_bundle', value: 'office-2' }] },
    ] },
    { discountCodes: ['WELCOME', 'OFFICE2'] },
  ]);
  // cartlift itself posted nothing: the theme's action did, once for the items, once for the codes.
  assert.deepEqual(posts, ['cart/add.js', 'cart/update.js']);
  const cart = await platformCart(page);
  assert.deepEqual(cart.items.map((i) => [i.variant_id, i.properties]), [
    [44000000000001, { _cartlift_bundle: 'office-2' }],
    [44000000000002, { _cartlift_bundle: 'office-2' }],
  ]);
  assert.deepEqual(cart.discount_codes.map((d) => d.code), ['WELCOME', 'OFFICE2']);
  // The theme refreshed its own cart from the sections its action brought back.
  await page.waitForFunction(() => document.querySelector('cart-items-component .cart-count')?.textContent === '2');
  await untilText(page, 'cartlift-shipping-bar', 'message', 'unlocked');
  assert.deepEqual(await page.evaluate(() => window.__told), []);
  await context.close();
});

test("Horizon 4+: unticking the upsell removes its line through the theme's updateCart, by the line's key", async () => {
  const { context, page } = await shopper();
  await bundleAdd(page);
  await added(page);
  const box = page.locator('cartlift-upsell input[type=checkbox]');
  await box.check();
  await added(page, 2);
  const warranty = (await platformCart(page)).items.find((i) => i.variant_id === 44000000000004);
  assert.deepEqual(warranty.properties, { _cartlift_offer: 'warranty-2y' });
  await page.waitForFunction(() => document.querySelector('cartlift-upsell').shadowRoot.querySelector('input[type=checkbox]').checked);
  await box.uncheck();
  await page.waitForFunction(() => window.__events.some((e) => e.name === 'cartlift:remove-from-cart'));
  const calls = await page.evaluate(() => window.__themeCalls);
  assert.deepEqual(calls.at(-1), { lines: [{ id: warranty.key, quantity: 0 }] });
  assert.deepEqual((await platformCart(page)).items.map((i) => i.variant_id), [44000000000001, 44000000000002]);
  await page.waitForFunction(() => document.querySelector('cart-items-component .cart-count')?.textContent === '2');
  await context.close();
});

test("Horizon 4+: a refusal the theme's action reports in userErrors is the shopper's sentence, and nothing is added", async () => {
  const { context, page } = await shopper();
  // Three mice are all the emulated store has. Added elsewhere (another tab, the same
  // cookie) and not yet seen here: the bundle still offers both of its items (once the
  // adapter's first read of the cart has come back: else it would see them).
  await page.waitForLoadState('networkidle');
  const added = await context.request.post(`${BASE}/shopify/cart/add.js`, { data: { items: [{ id: 44000000000002, quantity: 3 }] } });
  assert.equal(added.status(), 200, await added.text());
  await bundleAdd(page);
  await untilText(page, 'cartlift-bundles', 'notice', "You can't add more Wireless Mouse to the cart.");
  const [error] = await events(page, 'cartlift:error');
  assert.equal(error.kind, 'platform');
  assert.equal((await events(page, 'cartlift:add-to-cart')).length, 0);
  assert.deepEqual((await platformCart(page)).items.map((i) => [i.variant_id, i.quantity]), [[44000000000002, 3]]);
  await context.close();
});

test("Horizon 4+: an action that cannot run (the store failing) is one short sentence, the cart unchanged", async () => {
  const { context, page } = await shopper();
  await page.evaluate(() => fetch('/__fault', { method: 'POST', body: JSON.stringify({ status: 503, times: 1, delay_ms: 0 }) }));
  await bundleAdd(page);
  await untilText(page, 'cartlift-bundles', 'notice', 'The cart could not be updated. Please try again.');
  assert.equal((await platformCart(page)).items.length, 0);
  assert.equal((await events(page, 'cartlift:error'))[0].kind, 'platform');
  await context.close();
});

test("Horizon 3: the theme's own add, heard through its cart:update, moves the bar; so does its remove", async () => {
  const { context, page } = await shopper('3');
  await page.click('#product-form button');
  await untilText(page, 'cartlift-shipping-bar', 'message', '$50.00');
  await page.click('#remove-first');
  await untilText(page, 'cartlift-shipping-bar', 'message', '$75.00');
  await context.close();
});

test('Horizon 3: a bundle add asks for the theme\'s cart section and hands it over with cart:update; the default action is never called', async () => {
  const { context, page } = await shopper('3');
  const adds = [];
  page.on('request', (r) => { if (r.url().endsWith('/shopify/cart/add.js')) adds.push(JSON.parse(r.postData())); });
  await bundleAdd(page);
  await added(page);
  assert.deepEqual(adds.map((a) => a.sections), [['cart-drawer']]);
  // The theme morphed its cart from cartlift's event, without fetching it.
  await page.waitForFunction(() => window.__told.length > 0);
  const [told] = await page.evaluate(() => window.__told);
  assert.equal(told.data.itemCount, 2);
  assert.match(told.data.sections['cart-drawer'], /<p class="cart-count">2<\/p>/);
  assert.equal(await drawerCount(page), '2');
  assert.equal(await page.evaluate(() => window.__morphs), 1);
  // Shopify's default updateCart would have reloaded the page: cartlift left it alone.
  assert.equal(await page.evaluate(() => window.__reloads ?? 0), 0);
  await context.close();
});
