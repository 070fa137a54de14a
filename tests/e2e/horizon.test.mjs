// A Shopify store on a Horizon-like page with only the three-line embed, as Horizon really is:
// Horizon 4 configures Shopify's standard action `updateCart` with an `eventTarget` only (no
// handler of its own) and follows the standard `shopify:cart:lines-update` event; Horizon 3
// configures nothing and follows its own `cart:update`. Shopify's actions runtime is the demo
// server's emulation of it (its defaults refresh a Horizon-style theme in place). The theme's
// requests go through a fetch bound before cartlift loaded, so cartlift hears them only through
// events.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, events, BASE } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const shadowText = (page, tag, part) => page.evaluate(([t, p]) => document.querySelector(t)?.shadowRoot?.querySelector(`[part~=${p}]`)?.textContent ?? null, [tag, part]);
const untilText = (page, tag, part, text) => page.waitForFunction(([t, p, x]) => (document.querySelector(t)?.shadowRoot?.querySelector(`[part~=${p}]`)?.textContent ?? '').includes(x), [tag, part, text]);
const platformCart = (page) => page.evaluate(async () => (await fetch('/shopify/cart.js')).json());
const bundleAdd = (page) => page.locator('cartlift-bundles [part~=add]').first().click();
const added = (page, n = 1) => page.waitForFunction((c) => window.__events.filter((e) => e.name === 'cartlift:add-to-cart').length >= c, n);
/** The theme's header count and its cart's count, once both say `n`. */
const themeShows = (page, n) => page.waitForFunction((c) => document.querySelector('.cart-bubble__count')?.textContent === c
  && document.querySelector('cart-items-component .cart-count')?.textContent === c, String(n));

/** A fresh shopper on the Horizon-like page of generation `theme` ('' for 4, '3'). */
async function shopper(theme = '') {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const { page, problems } = await open(context, theme ? `/horizon.html?theme=${theme}` : '/horizon.html');
  await untilText(page, 'cartlift-shipping-bar', 'message', '$75.00');
  // Whom cartlift tells: the `cart:update` events it dispatches itself, and the standard
  // events Shopify's runtime dispatches for it.
  await page.evaluate(() => {
    window.__told = [];
    document.addEventListener('cart:update', (e) => { if (e.detail?.sourceId === 'cartlift') window.__told.push(e.detail); });
    window.__standard = [];
    document.addEventListener('shopify:cart:lines-update', (e) => window.__standard.push({ action: e.action, target: e.target.localName }));
  });
  const posts = [];
  page.on('request', (r) => { if (r.url().includes('/shopify/cart/') && r.method() === 'POST') posts.push([r.url().split('/shopify/')[1], JSON.parse(r.postData() ?? 'null')]); });
  return { context, page, problems, posts };
}

test("Horizon 4: configured with an eventTarget only, it is not Shopify's default: isDefault() is false", async () => {
  const { context, page } = await shopper();
  assert.equal(await page.evaluate(() => Shopify.actions.updateCart.isDefault()), false);
  await context.close();
});

test("Horizon 4: the theme's own add, heard through shopify:cart:lines-update, leaves $50.00 to go", async () => {
  const { context, page, problems } = await shopper();
  await page.click('product-form-component button');
  await untilText(page, 'cartlift-shipping-bar', 'message', '$50.00');
  assert.equal(await shadowText(page, 'cartlift-shipping-bar', 'message'), "You're $50.00 away from free shipping");
  assert.deepEqual(problems, []);
  await context.close();
});

test("Horizon 4: a bundle add goes through Shopify's updateCart; the standard event from the theme's drawer redraws its count and cart", async () => {
  const { context, page, posts } = await shopper();
  // The shopper's own code, already on the cart, stays beside the bundle's.
  await page.evaluate(() => fetch('/shopify/cart/update.js', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ discount: 'WELCOME' }) }));
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  await page.waitForFunction(() => cartlift.state() != null);
  posts.length = 0;
  await bundleAdd(page);
  await added(page);
  // The action wrote (the emulated runtime posts through the AJAX API where Shopify's posts
  // through the Storefront API), with the lines' attributes and the codes kept.
  assert.deepEqual(posts, [
    ['cart/add.js', { items: [
      { id: 44000000000001, quantity: 1, properties: { _cartlift_bundle: 'office-2' } },
      { id: 44000000000002, quantity: 1, properties: { _cartlift_bundle: 'office-2' } },
    ] }],
    ['cart/update.js', { discount: 'WELCOME,OFFICE2' }],
  ]);
  const cart = await platformCart(page);
  assert.deepEqual(cart.items.map((i) => [i.variant_id, i.properties]), [
    [44000000000001, { _cartlift_bundle: 'office-2' }],
    [44000000000002, { _cartlift_bundle: 'office-2' }],
  ]);
  assert.deepEqual(cart.discount_codes.map((d) => d.code), ['WELCOME', 'OFFICE2']);
  // Shopify dispatched the standard event from the theme's drawer; the theme followed it.
  assert.deepEqual(await page.evaluate(() => window.__standard), [{ action: 'add', target: 'theme-drawer' }]);
  await themeShows(page, 2);
  await untilText(page, 'cartlift-shipping-bar', 'message', 'unlocked');
  // cartlift told the theme nothing itself.
  assert.deepEqual(await page.evaluate(() => window.__told), []);
  await context.close();
});

test("Horizon 4: unticking the upsell removes its line through updateCart, by the line's key", async () => {
  const { context, page, posts } = await shopper();
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
  assert.deepEqual(posts.at(-1), ['cart/change.js', { id: warranty.key, quantity: 0 }]);
  assert.deepEqual((await platformCart(page)).items.map((i) => i.variant_id), [44000000000001, 44000000000002]);
  await themeShows(page, 2);
  await context.close();
});

test("Horizon 4: a refusal the action reports in userErrors is the shopper's sentence, and nothing is added", async () => {
  const { context, page } = await shopper();
  // Three mice are all the emulated store has. Added elsewhere (another tab, the same
  // cookie) and not yet seen here: the bundle still offers both of its items (once the
  // adapter's first read of the cart has come back: else it would see them).
  await page.waitForLoadState('networkidle');
  const taken = await context.request.post(`${BASE}/shopify/cart/add.js`, { data: { items: [{ id: 44000000000002, quantity: 3 }] } });
  assert.equal(taken.status(), 200, await taken.text());
  await bundleAdd(page);
  await untilText(page, 'cartlift-bundles', 'notice', "You can't add more Wireless Mouse to the cart.");
  const [error] = await events(page, 'cartlift:error');
  assert.equal(error.kind, 'platform');
  assert.equal((await events(page, 'cartlift:add-to-cart')).length, 0);
  assert.deepEqual((await platformCart(page)).items.map((i) => [i.variant_id, i.quantity]), [[44000000000002, 3]]);
  await context.close();
});

test('Horizon 4: an action that cannot run (the store failing) is one short sentence, the cart unchanged', async () => {
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
  await page.click('product-form-component button');
  await untilText(page, 'cartlift-shipping-bar', 'message', '$50.00');
  await page.click('#remove-first');
  await untilText(page, 'cartlift-shipping-bar', 'message', '$75.00');
  await context.close();
});

test("Horizon 3: a bundle add goes through Shopify's default updateCart, which refreshes the theme in place; no reload", async () => {
  const { context, page, posts } = await shopper('3');
  assert.equal(await page.evaluate(() => Shopify.actions.updateCart.isDefault()), true);
  await page.evaluate(() => { window.__stillHere = true; });
  await bundleAdd(page);
  await added(page);
  assert.deepEqual(posts.map(([path]) => path), ['cart/add.js', 'cart/update.js']);
  await themeShows(page, 2);
  assert.match(await page.evaluate(() => document.querySelector('cart-items-component').textContent), /1 × Laptop Pro 14.*1 × Wireless Mouse.*\$950\.00/s);
  // The same document: Shopify's default refreshed the theme in place rather than reloading it.
  assert.equal(await page.evaluate(() => window.__stillHere), true);
  assert.deepEqual(await page.evaluate(() => window.__told), []);
  await context.close();
});
