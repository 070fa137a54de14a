// A Shopify store with only the three-line embed (data-platform="shopify"), on the demo
// server's emulation of a live store (the AJAX Cart API with the newest line first and
// cartlift's own discounts on the cart, Markets currencies) and a Dawn-like page that declares
// Dawn's globals as Dawn does: cartlift reads, follows and changes the real cart, tells Dawn's
// count and drawer (both cart types), and says so when the platform refuses.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, open, events, eventsOnce, BASE, placeSelector, pickAndAdd, axeViolations } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const shadowText = (page, tag, part) => page.evaluate(([t, p]) => document.querySelector(t)?.shadowRoot?.querySelector(`[part~=${p}]`)?.textContent ?? null, [tag, part]);
const untilText = (page, tag, part, text) => page.waitForFunction(([t, p, x]) => (document.querySelector(t)?.shadowRoot?.querySelector(`[part~=${p}]`)?.textContent ?? '').includes(x), [tag, part, text]);
const platformCart = (page) => page.evaluate(async () => (await fetch('/shopify/cart.js')).json());
const fault = (page, status, times = 1, delay = 0) => page.evaluate(([s, t, d]) => fetch('/__fault', { method: 'POST', body: JSON.stringify({ status: s, times: t, delay_ms: d }) }), [status, times, delay]);
/** Dawn's header count, as its `cart-icon-bubble` section draws it (nothing for an empty cart). */
const bubble = (page) => page.evaluate(() => document.querySelector('#cart-icon-bubble .cart-count-bubble span')?.textContent ?? '');
/** The drawer's rows, in the order Dawn shows them: `[title, quantity]`. */
const rows = (page) => page.evaluate(() => [...document.querySelectorAll('cart-drawer-items .cart-item')].map((r) => [r.querySelector('.cart-item__name').textContent, r.querySelector('input').value]));
const added = (page, n = 1) => page.waitForFunction((c) => window.__events.filter((e) => e.name === 'cartlift:add-to-cart').length >= c, n);
const bundleAdd = (page) => page.locator('cartlift-bundles [part~=add]').first().click();

/** A fresh shopper (own cookies, own cart) on the Dawn-like page, the bar rendered. */
async function shopper(query = '', until = '$75.00') {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const { page, problems } = await open(context, `/shopify.html${query}`);
  await untilText(page, 'cartlift-shipping-bar', 'message', until);
  return { context, page, problems };
}

test("the theme's own add-to-cart form moves the bar: a $25 shirt leaves $50.00 to go", async () => {
  const { context, page, problems } = await shopper();
  await page.click('#product-form button');
  await untilText(page, 'cartlift-shipping-bar', 'message', '$50.00');
  assert.equal(await shadowText(page, 'cartlift-shipping-bar', 'message'), "You're $50.00 away from free shipping");
  // Dawn drew its count and drawer from the sections of its own add: the page's answer was untouched.
  await page.waitForFunction(() => document.querySelector('#cart-icon-bubble .cart-count-bubble'));
  assert.equal(await bubble(page), '1');
  assert.deepEqual(await rows(page), [['Organic T-shirt', '1']]);
  assert.deepEqual(problems, []);
  await context.close();
});

test("Dawn's pub/sub is found as Dawn declares it: PUB_SUB_EVENTS is a top-level const, not on window", async () => {
  const { context, page } = await shopper();
  assert.deepEqual(await page.evaluate(() => [typeof window.PUB_SUB_EVENTS, typeof PUB_SUB_EVENTS, typeof window.subscribe]), ['undefined', 'object', 'function']);
  // A publication cartlift did not cause (Dawn's cart page, another app) is heard.
  await context.request.post(`${BASE}/shopify/cart/add.js`, { data: { items: [{ id: 44000000000008, quantity: 1 }] } });
  await page.evaluate(() => publish(PUB_SUB_EVENTS.cartUpdate, { source: 'cart-items' }));
  await untilText(page, 'cartlift-shipping-bar', 'message', '$35.00');
  await context.close();
});

test('a bundle add is one POST cart/add.js with both variant ids, the bundle property and Dawn\'s sections; Dawn\'s count and drawer follow', async () => {
  const { context, page } = await shopper();
  const adds = [];
  page.on('request', (r) => { if (r.url().endsWith('/shopify/cart/add.js')) adds.push(JSON.parse(r.postData())); });
  // Dawn's drawer re-renders itself on every publication but its own: so on cartlift's.
  const republished = page.waitForRequest((r) => r.url().includes('/shopify/cart?section_id=cart-drawer'));
  await bundleAdd(page);
  await added(page);
  assert.deepEqual(adds, [{ items: [
    { id: '44000000000001', quantity: 1, properties: { _cartlift_bundle: 'office-2' } },
    { id: '44000000000002', quantity: 1, properties: { _cartlift_bundle: 'office-2' } },
  ], sections: ['cart-icon-bubble', 'cart-drawer'] }]);
  const cart = await platformCart(page);
  assert.deepEqual(cart.items.map((i) => [i.variant_id, i.quantity, i.properties]), [
    [44000000000001, 1, { _cartlift_bundle: 'office-2' }],
    [44000000000002, 1, { _cartlift_bundle: 'office-2' }],
  ]);
  // The bar follows the platform's cart, and the upsell for the laptop shows.
  await untilText(page, 'cartlift-shipping-bar', 'message', 'unlocked');
  await page.waitForFunction(() => document.querySelector('cartlift-upsell').shadowRoot.querySelector('input[type=checkbox]'));
  const [event] = await events(page, 'cartlift:add-to-cart');
  assert.equal(event.source.offer, 'office-2');
  // The bundle's discount code went to Shopify for checkout.
  assert.deepEqual((await platformCart(page)).discount_codes, [{ code: 'OFFICE2', applicable: true }]);
  // Dawn's header count: drawn by cartlift from the section Shopify rendered with the change.
  await page.waitForFunction(() => document.querySelector('#cart-icon-bubble .cart-count-bubble span')?.textContent === '2');
  // Dawn's drawer: its lines, with the bundle's discount as the store applied it.
  assert.deepEqual(await rows(page), [['Laptop Pro 14', '1'], ['Wireless Mouse', '1']]);
  assert.match(await page.evaluate(() => document.querySelector('cart-drawer').textContent), /Laptop \+ Mouse \(−\$95\.24\).*Laptop \+ Mouse \(−\$4\.76\).*Subtotal \$950\.00/s);
  assert.equal(await page.evaluate(() => document.querySelector('cart-drawer').classList.contains('is-empty')), false);
  // The drawer's own subscription heard cartlift's publication.
  await republished;
  await context.close();
});

test("Dawn's notification cart: its count and 'View my cart (2)' follow a bundle add", async () => {
  const { context, page } = await shopper('?cart=notification');
  const adds = [];
  page.on('request', (r) => { if (r.url().endsWith('/shopify/cart/add.js')) adds.push(JSON.parse(r.postData())); });
  await bundleAdd(page);
  await added(page);
  assert.deepEqual(adds[0].sections, ['cart-icon-bubble', 'cart-notification-button']);
  await page.waitForFunction(() => document.querySelector('#cart-icon-bubble .cart-count-bubble span')?.textContent === '2');
  assert.equal(await page.evaluate(() => document.getElementById('cart-notification-button').textContent), 'View my cart (2)');
  await context.close();
});

test("after cartlift's add (Shopify lists it first), the drawer's + on the shirt's row adds a shirt, not a laptop", async () => {
  const { context, page } = await shopper();
  await page.click('#product-form button');
  await untilText(page, 'cartlift-shipping-bar', 'message', '$50.00');
  await bundleAdd(page);
  await added(page);
  // Shopify's order, newest first, is the drawer's: its rows address lines by their place.
  await page.waitForFunction(() => document.querySelectorAll('cart-drawer-items .cart-item').length === 3);
  assert.deepEqual(await rows(page), [['Laptop Pro 14', '1'], ['Wireless Mouse', '1'], ['Organic T-shirt', '1']]);
  await page.getByRole('button', { name: 'Increase quantity for Organic T-shirt' }).click();
  // The platform's cart, read until it holds this (a predicate that is a promise would pass
  // at once).
  await page.evaluate(async () => {
    while ((await (await fetch('/shopify/cart.js')).json()).item_count !== 4) await new Promise((r) => requestAnimationFrame(r));
  });
  const cart = await platformCart(page);
  assert.deepEqual(cart.items.map((i) => [i.title, i.quantity]), [['Laptop Pro 14', 1], ['Wireless Mouse', 1], ['Organic T-shirt', 2]]);
  await context.close();
});

test("once Shopify has priced the bundle on the cart, no other figure changes: Laptop + Keyboard stays $1,150.00 → $1,035.00", async () => {
  const { context, page } = await shopper();
  const figures = () => page.evaluate(() => cartlift.state().bundles.map((b) => [b.id, b.individual_total.amount, b.price.amount, b.saving.amount]));
  const before = await figures();
  assert.deepEqual(before, [['office-2', '1050.00', '950.00', '100.00'], ['office-kb', '1150.00', '1035.00', '115.00']]);
  await bundleAdd(page);
  await added(page);
  await untilText(page, 'cartlift-shipping-bar', 'message', 'unlocked');
  // The store applied cartlift's discount to the lines: the laptop's final price is its share.
  const cart = await platformCart(page);
  assert.deepEqual(cart.items.map((i) => [i.original_price, i.final_line_price]), [[100000, 90476], [5000, 4524]]);
  // The widget prices offers from the lines' prices before it: the same figures as before.
  assert.deepEqual(await figures(), before);
  assert.equal(await page.evaluate(() => cartlift.state().bundles[0].complete_in_cart), true);
  // And the bar counts what the shopper pays for the items, as Shopify's subtotal does.
  assert.equal(await page.evaluate(() => cartlift.state().shipping.subtotal.minor), cart.items_subtotal_price);
  await context.close();
});

test('in euros (Shopify Markets, rate 0.92), every figure is in euros: $75 is €69.00, the bundle €874.00, and checkout prices the same', async () => {
  const { context, page, problems } = await shopper('?currency=EUR', '€69.00');
  const currencies = () => page.evaluate(() => {
    const found = new Set();
    const walk = (v) => { if (v && typeof v === 'object') { if (typeof v.currency === 'string' && 'minor' in v) found.add(v.currency); Object.values(v).forEach(walk); } };
    walk(cartlift.state());
    return [...found];
  });
  assert.deepEqual(await currencies(), ['EUR']);
  assert.deepEqual(await page.evaluate(() => cartlift.state().bundles.map((b) => [b.individual_total.amount, b.price.amount])), [['966.00', '874.00'], ['1058.00', '952.20']]);
  await bundleAdd(page);
  await added(page);
  await untilText(page, 'cartlift-shipping-bar', 'message', 'unlocked');
  const cart = await platformCart(page);
  assert.equal(cart.currency, 'EUR');
  // The store's (checkout's) price for the set is the widget's: €874.00.
  assert.equal(cart.items.reduce((sum, i) => sum + i.final_line_price, 0), 87400);
  assert.deepEqual(await currencies(), ['EUR']);
  const shown = await page.evaluate(() => [...document.querySelectorAll('cartlift-shipping-bar, cartlift-bundles, cartlift-upsell')].map((e) => e.shadowRoot.textContent).join(' '));
  assert.ok(shown.includes('€') && !shown.includes('$'), shown);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a store page whose exchange rate is not a number: one cartlift:error at 'rate', said in full, and no figure converted by it", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  // What the store prints into the head, with the euro's rate spoilt.
  await context.route('**/shopify/__shopify.js', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: (await response.text()).replace('"EUR":"0.92"', '"EUR":"0,92"') });
  });
  const { page, problems } = await open(context, '/shopify.html?currency=EUR');
  const platform = (await eventsOnce(page, 'cartlift:error', 1)).filter((d) => d.kind === 'platform');
  assert.deepEqual(platform.map((d) => d.errors), [[{ code: 'platform', path: 'rate', message: "the shop's exchange rate is not a decimal above zero" }]]);
  // The config stays in the store's dollars: nothing is shown at a rate that is not one.
  await page.waitForFunction(() => cartlift.state() != null);
  assert.equal(await page.evaluate(() => cartlift.state().currency), 'USD');
  assert.deepEqual(problems, []);
  await context.close();
});

test("in yen, the goal is the merchant's own ¥11,000 (by_currency), and amounts are whole yen: 10% off ¥171,925 saves ¥17,193", async () => {
  const { context, page } = await shopper('?currency=JPY', '¥11,000');
  assert.deepEqual(await page.evaluate(() => cartlift.state().bundles.map((b) => [b.individual_total.amount, b.price.amount])), [['156975', '142025'], ['171925', '154732']]);
  await context.close();
});

test("Shopify's default updateCart on the Dawn-like page costs more requests than cartlift's own add with sections", async () => {
  // Both keep Dawn's count right; cartlift's way is one write carrying its sections, where the
  // default writes, reads the cart back and renders the sections apart (and cartlift must then
  // read the cart it did not see change).
  const { context, page } = await shopper();
  const count = () => { const seen = []; const on = (r) => { if (r.url().includes('/shopify/cart')) seen.push(`${r.method()} ${r.url().split('/shopify/')[1]}`); }; page.on('request', on); return () => { page.off('request', on); return seen; }; };
  let stop = count();
  await page.locator('cartlift-shipping-bar [part~=filler-add]').first().click();
  await added(page);
  await page.waitForFunction(() => document.querySelector('#cart-icon-bubble .cart-count-bubble span')?.textContent === '1');
  await page.waitForLoadState('networkidle');
  const ours = stop();
  stop = count();
  await page.evaluate(() => Shopify.actions.updateCart({ lines: [{ merchandiseId: 'gid://shopify/ProductVariant/44000000000006', quantity: 1 }] }));
  await page.waitForFunction(() => document.querySelector('#cart-icon-bubble .cart-count-bubble span')?.textContent === '2');
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  await page.waitForFunction(() => cartlift.state().item_count === 2);
  await page.waitForLoadState('networkidle');
  const theirs = stop();
  // The theme's own section renders aside: the writes and the reads of the cart.
  const writesAndReads = (list) => list.filter((r) => !r.startsWith('GET cart?section_id='));
  assert.deepEqual(writesAndReads(ours), ['POST cart/add.js', 'GET cart.js']);
  assert.deepEqual(writesAndReads(theirs), ['POST cart/add.js', 'GET cart.js', 'GET cart?sections=cart-icon-bubble,cart-drawer', 'GET cart.js']);
  await context.close();
});

test('ticking the upsell adds it with _cartlift_offer; unticking removes that line by its key', async () => {
  const { context, page } = await shopper();
  await page.click('#laptop-form button');
  const box = page.locator('cartlift-upsell input[type=checkbox]');
  await box.waitFor();
  const changes = [];
  page.on('request', (r) => { if (r.url().endsWith('/shopify/cart/change.js')) changes.push(JSON.parse(r.postData())); });
  await box.check();
  await page.waitForFunction(() => window.__events.some((e) => e.name === 'cartlift:add-to-cart'));
  let cart = await platformCart(page);
  const warranty = cart.items.find((i) => i.variant_id === 44000000000004);
  assert.deepEqual(warranty.properties, { _cartlift_offer: 'warranty-2y' });
  await page.waitForFunction(() => document.querySelector('cartlift-upsell').shadowRoot.querySelector('input[type=checkbox]').checked);
  await box.uncheck();
  await page.waitForFunction(() => window.__events.some((e) => e.name === 'cartlift:remove-from-cart'));
  assert.deepEqual(changes, [{ id: warranty.key, quantity: 0, sections: ['cart-icon-bubble', 'cart-drawer'] }]);
  cart = await platformCart(page);
  assert.deepEqual(cart.items.map((i) => i.variant_id), [44000000000001]);
  // Dawn's count and drawer followed the tick and the untick.
  await page.waitForFunction(() => document.querySelector('#cart-icon-bubble .cart-count-bubble span')?.textContent === '1');
  assert.deepEqual(await rows(page), [['Laptop Pro 14', '1']]);
  await context.close();
});

test('sold out (422): the platform\'s sentence in the widget, a platform error, nothing added', async () => {
  const { context, page } = await shopper();
  // The emulated store has 3 mice: the fourth is refused as Shopify refuses it. They went
  // into the cart from another tab, not yet seen here, so the bundle still offers both items
  // (after the adapter's first read of the cart has come back: else it would see them).
  await page.waitForLoadState('networkidle');
  const taken = await context.request.post(`${BASE}/shopify/cart/add.js`, { data: { items: [{ id: 44000000000002, quantity: 3 }] } });
  assert.equal(taken.status(), 200, await taken.text());
  await page.locator('cartlift-bundles [part~=add]').first().click();
  await untilText(page, 'cartlift-bundles', 'notice', "You can't add more Wireless Mouse to the cart.");
  const [error] = await events(page, 'cartlift:error');
  assert.equal(error.kind, 'platform');
  assert.match(error.errors[0].message, /HTTP 422/);
  assert.equal((await events(page, 'cartlift:add-to-cart')).length, 0);
  const cart = await platformCart(page);
  assert.deepEqual(cart.items.map((i) => [i.variant_id, i.quantity]), [[44000000000002, 3]]);
  // The page's own add (fetched while cartlift held its wrapper) moved the bar to the platform's $150.
  await untilText(page, 'cartlift-shipping-bar', 'message', 'unlocked');
  await context.close();
});

for (const [status, why] of [[500, 'a server error'], [404, 'a missing route'], [400, 'a bad request']]) {
  test(`${why} (${status}): one short sentence, the cart stays the platform's`, async () => {
    const { context, page } = await shopper();
    await fault(page, status);
    await page.locator('cartlift-bundles [part~=add]').first().click();
    await untilText(page, 'cartlift-bundles', 'notice', 'The cart could not be updated. Please try again.');
    assert.equal((await platformCart(page)).items.length, 0);
    assert.equal((await events(page, 'cartlift:add-to-cart')).length, 0);
    assert.equal((await events(page, 'cartlift:error'))[0].kind, 'platform');
    await context.close();
  });
}

test("the adapter's writing part is fetched only when a shopper points at a widget, before their click: a page that only shows offers never loads it", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const writing = [];
  context.on('request', (r) => { if (/\/cartlift-shopify-changes-[0-9a-f]+\.js/.test(r.url())) writing.push(r.url()); });
  const { page, problems } = await open(context, '/shopify.html');
  await untilText(page, 'cartlift-shipping-bar', 'message', '$75.00');
  // The theme's own add is followed (a read), not written by cartlift.
  await page.click('#product-form button');
  await untilText(page, 'cartlift-shipping-bar', 'message', '$50.00');
  assert.deepEqual(writing, []);
  const fetched = page.waitForResponse((r) => /\/cartlift-shopify-changes-/.test(r.url()));
  await page.locator('cartlift-bundles [part~=add]').first().hover();
  assert.equal((await fetched).status(), 200);
  await bundleAdd(page);
  await added(page);
  assert.equal(writing.length, 1);
  assert.deepEqual(problems, []);
  await context.close();
});

test('offline: the shopper hears it, nothing is added, and the next add works and clears the notice', async () => {
  const { context, page } = await shopper();
  await context.setOffline(true);
  await page.locator('cartlift-bundles [part~=add]').first().click();
  await page.waitForFunction(() => document.querySelector('cartlift-bundles').shadowRoot.querySelector('[part~=notice]')?.textContent);
  // The shop's own words for it, from labels.platform_offline.
  assert.equal(await shadowText(page, 'cartlift-bundles', 'notice'), 'Offline: nothing was added. Try again when you are back online.');
  await context.setOffline(false);
  await page.locator('cartlift-bundles [part~=add]').first().click();
  await page.waitForFunction(() => window.__events.some((e) => e.name === 'cartlift:add-to-cart'));
  assert.equal(await shadowText(page, 'cartlift-bundles', 'notice'), '');
  assert.equal((await platformCart(page)).item_count, 2);
  await context.close();
});

test('two quick clicks are two adds, one after the other, never lost or doubled', async () => {
  const { context, page } = await shopper();
  await fault(page, 200, 0, 0);
  const add = page.locator('cartlift-shipping-bar [part~=filler-add]').first();
  await add.waitFor();
  await add.click();
  await add.click();
  await page.waitForFunction(() => window.__events.filter((e) => e.name === 'cartlift:add-to-cart').length === 2);
  const cart = await platformCart(page);
  assert.equal(cart.item_count, 2);
  await context.close();
});

test("another tab's change shows when the shopper comes back to this one", async () => {
  const { context, page } = await shopper();
  const other = await context.newPage();
  await other.goto(`${BASE}/shopify.html`);
  await other.evaluate(() => fetch('/shopify/cart/add.js', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ items: [{ id: 44000000000008, quantity: 1 }] }) }));
  await page.bringToFront();
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  await untilText(page, 'cartlift-shipping-bar', 'message', '$35.00');
  await context.close();
});

test("the page's fetch keeps its answers and its errors exactly, wrapped or not", async () => {
  const { context, page } = await shopper();
  const got = await page.evaluate(async () => {
    const res = await fetch('/shopify/cart/add.js', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ items: [{ id: 44000000000006, quantity: 1 }] }) });
    const body = await res.json();
    let error = null;
    try { await fetch('http://127.0.0.1:1/cart/add.js', { method: 'POST' }); } catch (e) { error = e.constructor.name; }
    return { status: res.status, isResponse: res instanceof Response, title: body.items[0].title, error, name: fetch.name };
  });
  assert.deepEqual(got, { status: 200, isResponse: true, title: 'Socks', error: 'TypeError', name: 'fetch' });
  // And cartlift saw the page's own add.
  await untilText(page, 'cartlift-shipping-bar', 'message', '$66.00');
  await context.close();
});

for (const [how, tell] of [
  ["Horizon's cart:update event", () => document.dispatchEvent(new CustomEvent('cart:update', { bubbles: true, detail: { data: { source: 'product-form-component' } } }))],
  ['the standard shopify:cart:lines-update event, after its promise', () => {
    let done;
    const promise = new Promise((r) => { done = r; });
    document.dispatchEvent(new CustomEvent('shopify:cart:lines-update', { detail: { promise } }));
    setTimeout(done, 50);
  }],
  // eslint-disable-next-line no-undef
  ["Dawn's cart-update publication", () => publish(PUB_SUB_EVENTS.cartUpdate, { source: 'cart-items' })],
]) {
  test(`an add cartlift cannot see (a fetch saved before it loaded) is heard through ${how}`, async () => {
    const context = await browser.newContext();
    await context.addInitScript(() => { window.__themeFetch = window.fetch; });
    const { page } = await open(context, '/shopify.html');
    await untilText(page, 'cartlift-shipping-bar', 'message', '$75.00');
    await page.evaluate(() => window.__themeFetch('/shopify/cart/add.js', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ items: [{ id: 44000000000008, quantity: 1 }] }) }));
    await page.evaluate(tell);
    await untilText(page, 'cartlift-shipping-bar', 'message', '$35.00');
    await context.close();
  });
}

test("a theme's add sent while cartlift was still loading is seen when it completes", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  // The store answers the next write three seconds late, so it completes after cartlift has
  // started and read the (still empty) cart.
  const setup = await context.newPage();
  await setup.goto(`${BASE}/favicon.svg`);
  await fault(setup, 200, 1, 3000);
  await setup.close();
  const page = await context.newPage();
  // The theme's add, sent before cartlift.js runs: no wrapper can follow it.
  await page.addInitScript(() => {
    fetch('/shopify/cart/add.js', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ items: [{ id: 44000000000005, quantity: 1 }] }) });
  });
  await page.goto(`${BASE}/shopify.html`);
  await untilText(page, 'cartlift-shipping-bar', 'message', '$50.00');
  await context.close();
});

test("the page's XMLHttpRequest to cart/add.js is followed, and its own answer is untouched", async () => {
  const { context, page } = await shopper();
  const status = await page.evaluate(() => new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/shopify/cart/add.js');
    xhr.setRequestHeader('Content-Type', 'application/json');
    xhr.onload = () => resolve([xhr.status, JSON.parse(xhr.responseText).items[0].title]);
    xhr.send(JSON.stringify({ items: [{ id: 44000000000008, quantity: 1 }] }));
  }));
  assert.deepEqual(status, [200, 'Laptop Stand']);
  // The page's XMLHttpRequest is as it was: its methods' names, nothing added to its objects.
  assert.deepEqual(await page.evaluate(() => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/shopify/cart/add.js');
    return [XMLHttpRequest.prototype.open.name, XMLHttpRequest.prototype.send.name, Object.keys(xhr)];
  }), ['open', 'send', []]);
  await untilText(page, 'cartlift-shipping-bar', 'message', '$35.00');
  await context.close();
});

test('an answer that never comes (timeout): the shopper is told after 10 seconds, and nothing is doubled', async () => {
  const { context, page } = await shopper();
  await fault(page, 200, 1, 12000);
  await page.locator('cartlift-bundles [part~=add]').first().click();
  await page.waitForFunction(() => document.querySelector('cartlift-bundles').shadowRoot.querySelector('[part~=notice]')?.textContent, null, { timeout: 20000 });
  assert.equal(await shadowText(page, 'cartlift-bundles', 'notice'), 'The cart could not be updated. Please try again.');
  assert.match((await events(page, 'cartlift:error'))[0].errors[0].message, /no answer within 10 seconds/);
  // The abandoned add may or may not land on the server: the cart shown follows what Shopify holds.
  const cart = await platformCart(page);
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  await page.waitForFunction((n) => cartlift.state().item_count === n, cart.item_count);
  assert.ok(cart.item_count === 0 || cart.item_count === 2, `never doubled: ${cart.item_count}`);
  await context.close();
});

test("the order status page's Shopify.checkout is remembered as an order, its lines by the config's variant ids", async () => {
  const context = await browser.newContext();
  // What the order status page prints beside the store's globals.
  await context.addInitScript(() => {
    window.Shopify = { checkout: { order_id: 5550001, currency: 'USD', line_items: [{ variant_id: 44000000000002, quantity: 2, price: '50.00' }, { variant_id: 99, quantity: 1, price: '5.00' }] } };
  });
  const { page, problems } = await open(context, '/shopify.html');
  await page.waitForFunction(() => cartlift.visitor()?.orders?.length === 1);
  const [order] = await page.evaluate(() => cartlift.visitor().orders);
  assert.deepEqual([order.id, order.minor, order.currency, order.products], ['shopify-5550001', 10500, 'USD', ['mouse', '99']]);
  assert.deepEqual(problems, []);
  await context.close();
});

test('on a phone, the socks tier shown only to phones reaches checkout: the cart carries the claim and Shopify takes 20% off three pairs', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const { page, problems } = await open(context, '/shopify.html');
  await untilText(page, 'cartlift-shipping-bar', 'message', '$75.00');
  // The tier is shown to this shopper for the "phones" segment (a viewport at most 600 wide).
  await page.waitForFunction(() => cartlift.state()?.tiers?.some((t) => t.product === 'socks' && t.segment === 'phones'));
  // The platform's cart, read until it holds this (a predicate that is a promise would pass
  // at once).
  await page.evaluate(async () => {
    while ((await (await fetch('/shopify/cart.js')).json()).attributes?._cartlift !== '{"s":["phones"],"x":{}}') await new Promise((r) => requestAnimationFrame(r));
  });
  await page.evaluate(() => fetch('/shopify/cart/add.js', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ items: [{ id: 44000000000006, quantity: 3 }] }) }));
  await page.waitForFunction(() => cartlift.state()?.item_count === 3);
  const cart = await platformCart(page);
  // $27.00 of socks, 20% off: $21.60 at checkout, as the tier said.
  assert.equal(cart.items[0].original_line_price, 2700);
  assert.equal(cart.items[0].final_line_price, 2160);
  assert.deepEqual(problems, []);
  await context.close();
});

test('on a wide screen nothing is claimed, and the phones-only tier is not taken off at checkout', async () => {
  const { context, page, problems } = await shopper();
  await page.evaluate(() => fetch('/shopify/cart/add.js', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ items: [{ id: 44000000000006, quantity: 3 }] }) }));
  await page.waitForFunction(() => cartlift.state()?.item_count === 3);
  assert.ok(cartlift_none(await page.evaluate(() => cartlift.state().tiers)), 'no tier for this shopper');
  const cart = await platformCart(page);
  assert.equal(cart.attributes?._cartlift, undefined);
  assert.equal(cart.items[0].final_line_price, 2700);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a 3-for-2 on cables: the tiers element shows it and its nudge, and Shopify charges $24.00 for three, as it said', async () => {
  const { context, page, problems } = await shopper();
  // The page's own tiers element for the cable, as a theme block would place it.
  await page.evaluate(() => {
    const el = document.createElement('cartlift-tiers');
    el.setAttribute('product', 'cable');
    document.body.append(el);
  });
  const deal = page.locator('cartlift-tiers[product=cable] [part=deal]');
  await page.evaluate(() => fetch('/shopify/cart/add.js', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ items: [{ id: 44000000000007, quantity: 2 }] }) }));
  await page.waitForFunction(() => cartlift.state()?.item_count === 2);
  await page.waitForFunction(() => document.querySelector('cartlift-tiers[product=cable]').shadowRoot.querySelector('[part=deal] [part=nudge]')?.textContent === 'Add 1 more to get 1 free');
  assert.equal((await deal.innerText()).replace(/\s+/g, ' ').trim(), 'Buy 2, get 1 free Add 1 more to get 1 free');
  await page.evaluate(() => fetch('/shopify/cart/add.js', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ items: [{ id: 44000000000007, quantity: 1 }] }) }));
  await page.waitForFunction(() => cartlift.state()?.item_count === 3);
  await page.waitForFunction(() => document.querySelector('cartlift-tiers[product=cable]').shadowRoot.querySelector('[part=deal] .saved')?.textContent === 'You save $12.00');
  const [said] = await page.evaluate(() => cartlift.state().deals.map((d) => [d.id, d.times, d.saving.minor]));
  assert.deepEqual(said, ['cables-3for2', 1, 1200]);
  // Checkout (the store's discount function) takes the same $12.00 off the line.
  const cart = await platformCart(page);
  const line = cart.items.find((i) => i.variant_id === 44000000000007);
  assert.equal(line.original_line_price, 3600);
  assert.equal(line.final_line_price, 3600 - said[2]);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the shirt's quantity selector in sizes: S at first, L picked ($27.00, XL sold out), 2 chosen, and the add puts 2 of L's variant in Shopify's cart at the $48.60 it showed", async () => {
  const { context, page, problems } = await shopper();
  const inSelector = await placeSelector(page, 'tshirt', 'Add 3 to cart');
  assert.deepEqual(await inSelector('[part=option] .total'), ['$25.00', '$45.00', '$63.75']);
  assert.deepEqual(await inSelector('[part=option] .badge'), ['', '', 'Most popular']);
  // The shirt's sizes: one native select, XL shown but not to be picked.
  const size = page.locator('cartlift-tiers[product=tshirt] select[part=variant]');
  assert.deepEqual(await size.evaluate((s) => [...s.options].map((o) => [o.value, o.disabled])), [['S', false], ['M', false], ['L', false], ['XL', true]]);
  await size.selectOption('L');
  await page.waitForFunction(() => document.querySelector('cartlift-tiers[product=tshirt]').shadowRoot.querySelector('[part=option] .total')?.textContent === '$27.00');
  assert.deepEqual(await inSelector('[part=option] .total'), ['$27.00', '$48.60', '$68.85']);
  const heard = page.evaluate(() => new Promise((resolve) => document.addEventListener('cartlift:add-to-cart', (e) => resolve(e.detail), { once: true })));
  await pickAndAdd(page, 'tshirt', 1, 'Add 2 to cart');
  // The page hears the variant and its product; the adapter adds by L's variant id.
  assert.deepEqual((await heard).items.map((i) => [i.id, i.product, i.quantity]), [['tshirt-l', 'tshirt', 2]]);
  await page.waitForFunction(() => cartlift.state()?.item_count === 2);
  await page.waitForFunction(() => cartlift.state().tiers.find((t) => t.product === 'tshirt')?.active === 0);
  const said = await page.evaluate(() => cartlift.state().tiers.find((t) => t.product === 'tshirt').line_price.minor);
  assert.equal(said, 4860);
  // Checkout (the store's discount function) charges what the selector showed.
  const line = (await platformCart(page)).items.find((i) => i.variant_id === 44000000000011);
  assert.deepEqual([line.quantity, line.original_line_price, line.final_line_price], [2, 5400, said]);
  assert.deepEqual(await axeViolations(page, 'cartlift-tiers[product=tshirt]'), []);
  assert.deepEqual(problems, []);
  await context.close();
});

/** Whether no tier set of `tiers` is shown for socks. */
function cartlift_none(tiers) {
  return !(tiers ?? []).some((t) => t.product === 'socks');
}

test("a config the page gives later reaches the adapter: in euros its $100 goal shows €92.00, and its new product's variant maps the cart", async () => {
  const { context, page, problems } = await shopper('?currency=EUR', '€69.00');
  // The store's config with a $100 goal, and the mouse's variant now a Mouse Pro, which the
  // bar does not count.
  const taken = await page.evaluate(async () => {
    const config = JSON.parse(document.getElementById('cartlift-config').textContent);
    config.shipping_bar.goals[0].threshold = '100.00';
    config.shipping_bar.exclude = ['warranty', 'mouse-pro'];
    const mouse = config.products.find((p) => p.id === 'mouse');
    config.products.push({ ...mouse, id: 'mouse-pro', title: 'Mouse Pro', variant_id: mouse.variant_id });
    mouse.variant_id = 44000000000099;
    return cartlift.configure(config);
  });
  assert.equal(taken, true);
  await untilText(page, 'cartlift-shipping-bar', 'message', '€92.00');
  // A mouse added by the theme is read by the new config's variant ids: a Mouse Pro, not
  // counted (by the first config it was a mouse, and €46.00 would remain).
  await page.evaluate(() => fetch('/shopify/cart/add.js', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ items: [{ id: 44000000000002, quantity: 1 }] }) }));
  await page.waitForFunction(() => cartlift.state()?.item_count === 1);
  assert.deepEqual(await page.evaluate(() => cartlift.state().shipping.remaining), { amount: '92.00', minor: 9200, currency: 'EUR' });
  assert.deepEqual(problems, []);
  await context.close();
});

test("a config at data-src reaches the adapter as cartlift.js fetched it, once: its $100 goal shows, and a mouse the theme adds leaves $50.00", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  // The store's config with a $100 goal, served at its own URL; the page's config element
  // names it instead of holding it.
  const config = JSON.parse(readFileSync(new URL('../../www/stores/shopify.json', import.meta.url), 'utf8'));
  config.shipping_bar.goals[0].threshold = '100.00';
  let fetches = 0;
  await context.route('**/store-config.json', (route) => {
    fetches += 1;
    return route.fulfill({ contentType: 'application/json', body: JSON.stringify(config) });
  });
  await context.route('**/shopify.html*', async (route) => {
    const page = await route.fetch();
    const html = (await page.text()).replace(
      /<script type="application\/json" id="cartlift-config" data-platform="shopify">[\s\S]*?<\/script>/,
      '<script type="application/json" id="cartlift-config" data-platform="shopify" data-src="/store-config.json"></script>',
    );
    return route.fulfill({ response: page, body: html });
  });
  const { page, problems } = await open(context, '/shopify.html');
  await untilText(page, 'cartlift-shipping-bar', 'message', '$100.00');
  // The theme's add is read by the fetched config's variant ids: a $50 mouse.
  await page.evaluate(() => fetch('/shopify/cart/add.js', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ items: [{ id: 44000000000002, quantity: 1 }] }) }));
  await untilText(page, 'cartlift-shipping-bar', 'message', '$50.00');
  assert.deepEqual(await page.evaluate(() => cartlift.state().shipping.remaining), { amount: '50.00', minor: 5000, currency: 'USD' });
  assert.equal(fetches, 1);
  assert.deepEqual(problems, []);
  assert.deepEqual(await events(page, 'cartlift:error'), []);
  await context.close();
});

test('from $75 the Laptop Stand is free in the colour picked: the bar offers it with its colours, the add marks Space grey _cartlift_gift, Shopify charges $0.00 for it, and it leaves when the cart falls below $75', async () => {
  const { context, page, problems } = await shopper();
  const addMice = (quantity) => page.evaluate((q) => fetch('/shopify/cart/add.js', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ items: [{ id: 44000000000002, quantity: q }] }) }), quantity);
  const claim = page.locator('cartlift-shipping-bar [part=gift]');
  const colour = page.locator('cartlift-shipping-bar .shipping > .variants select[part=variant]');
  await addMice(1);
  await page.waitForFunction(() => cartlift.state()?.item_count === 1);
  // $50: below the goal, nothing to claim and no colour to pick.
  assert.equal(await claim.isVisible(), false);
  assert.equal(await colour.count(), 0);
  await addMice(1);
  await page.waitForFunction(() => cartlift.state()?.item_count === 2);
  await claim.waitFor({ state: 'visible' });
  assert.equal(await claim.innerText(), 'Add your free Laptop Stand');
  // The stand's colours, labelled, the first available chosen; the shopper picks Space grey.
  assert.equal(await colour.inputValue(), 'Silver');
  assert.deepEqual(await colour.evaluate((s) => [...s.options].map((o) => o.value)), ['Silver', 'Space grey']);
  await colour.selectOption('Space grey');
  await page.waitForFunction(() => cartlift.state().shipping.goals[0].gift.variant === 'stand-grey');
  assert.deepEqual(await axeViolations(page, 'cartlift-shipping-bar'), []);
  await claim.click();
  await page.waitForFunction(() => cartlift.state()?.item_count === 3);
  // Shopify's cart: the grey stand on its own line, marked with the goal's threshold, and free.
  const stand = (await platformCart(page)).items.find((i) => i.variant_id === 44000000000014);
  assert.deepEqual([stand.quantity, stand.properties, stand.original_line_price, stand.final_line_price], [1, { _cartlift_gift: '75.00' }, 4500, 0]);
  // Claimed: the button and the colours are gone, and the stand never counts toward the goal.
  await claim.waitFor({ state: 'hidden' });
  assert.equal(await colour.count(), 0);
  assert.equal(await page.evaluate(() => cartlift.state().shipping.subtotal.minor), 10000);
  const [added] = await eventsOnce(page, 'cartlift:add-to-cart', 1);
  assert.deepEqual([added.items, added.source.widget], [[{ id: 'stand-grey', product: 'stand', quantity: 1, gift: true }], 'gift']);
  // One mouse taken out: $50 is below $75, so the adapter takes the gift's line away.
  const mouse = (await platformCart(page)).items.find((i) => i.variant_id === 44000000000002);
  await page.evaluate((key) => fetch('/shopify/cart/change.js', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ id: key, quantity: 1 }) }), mouse.key);
  await page.waitForFunction(() => cartlift.state()?.item_count === 1);
  const left = (await platformCart(page)).items.map((i) => [i.variant_id, i.quantity]);
  assert.deepEqual(left, [[44000000000002, 1]]);
  // The page hears of the removal once the platform took it.
  const [removed] = await eventsOnce(page, 'cartlift:remove-from-cart', 1);
  assert.deepEqual([removed.items, removed.source.widget], [[{ id: 'stand-grey', product: 'stand', quantity: 1, gift: true }], 'gift']);
  assert.deepEqual(problems, []);
  await context.close();
});
