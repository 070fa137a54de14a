// A WooCommerce shop with only the three-line embed (data-platform="woocommerce"), on the demo
// server's emulation of the Store API and a block-theme-like page served with a stale nonce.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, events, eventsOnce, BASE, asControl, placeSelector, pickAndAdd } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const API = '/wp-json/wc/store/v1/';
const shadowText = (page, tag, part) => page.evaluate(([t, p]) => document.querySelector(t)?.shadowRoot?.querySelector(`[part~=${p}]`)?.textContent ?? null, [tag, part]);
const untilText = (page, tag, part, text) => page.waitForFunction(([t, p, x]) => (document.querySelector(t)?.shadowRoot?.querySelector(`[part~=${p}]`)?.textContent ?? '').includes(x), [tag, part, text]);
const platformCart = (page) => page.evaluate(async (api) => (await fetch(`${api}cart`)).json(), API);
const fault = (page, status, times = 1) => page.evaluate(([s, t]) => fetch('/__fault', { method: 'POST', body: JSON.stringify({ status: s, times: t }) }), [status, times]);

/** A fresh shopper (own session cookie) on the WooCommerce-like page, the bar rendered, and
 * every Store API request the page makes. */
async function shopper(before = async () => {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await before(context);
  const requests = [];
  context.on('request', (r) => {
    if (r.url().includes(API)) requests.push({ method: r.method(), path: new URL(r.url()).pathname.slice(API.length), nonce: r.headers().nonce, body: r.postData() });
  });
  const { page, problems } = await open(context, '/woocommerce.html');
  await untilText(page, 'cartlift-shipping-bar', 'message', '$75.00');
  return { context, page, problems, requests };
}

test("the block theme's own add-to-cart moves the bar: a $25 shirt leaves $50.00 to go", async () => {
  const { context, page, problems } = await shopper();
  await page.click('[data-product-id="105"]');
  await untilText(page, 'cartlift-shipping-bar', 'message', '$50.00');
  await page.waitForFunction(() => document.getElementById('cart-count').textContent === '1');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a bundle add after the nonce expired: refused once, a fresh nonce fetched, then both items go in', async () => {
  const { context, page, requests } = await shopper();
  // Once the page's and cartlift's first reads are done (each answer brings a fresh nonce),
  // every nonce issued so far expires.
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => fetch('/wp-json/__expire-nonces', { method: 'POST' }));
  requests.length = 0;
  await page.locator('cartlift-bundles [part~=add]').first().click();
  await page.waitForFunction(() => window.__events.some((e) => e.name === 'cartlift:add-to-cart'));
  // The first write carried the expired nonce and was refused; a GET brought a fresh nonce
  // (the page's own background reads may come and go around it), the same write went again,
  // and the second item used the nonce of the answer before it.
  const posts = requests.filter((r) => r.method === 'POST' && r.path === 'cart/add-item');
  assert.equal(posts.length, 3, 'one retry, not more');
  const [refused, retried] = posts.map((p) => requests.indexOf(p));
  assert.ok(requests.slice(refused + 1, retried).some((r) => r.method === 'GET' && r.path === 'cart'));
  // Each line carries the bundle it is added for, which cartlift's plugin keeps on the line
  // for checkout (a store without the plugin ignores the member).
  const mark = { cartlift: { bundle: 'office-2' } };
  assert.deepEqual(posts.map((w) => [w.path, JSON.parse(w.body)]), [
    ['cart/add-item', { id: 101, quantity: 1, ...mark }],
    ['cart/add-item', { id: 101, quantity: 1, ...mark }],
    ['cart/add-item', { id: 102, quantity: 1, ...mark }],
  ]);
  assert.ok(posts.slice(1).every((w) => w.nonce && w.nonce !== posts[0].nonce));
  const cart = await platformCart(page);
  assert.deepEqual(cart.items.map((i) => [i.id, i.quantity]), [[101, 1], [102, 1]]);
  // The bundle's coupon was applied for checkout, once.
  assert.deepEqual(cart.coupons.map((c) => c.code), ['office2']);
  assert.equal(requests.filter((r) => r.path === 'cart/apply-coupon').length, 1);
  await untilText(page, 'cartlift-shipping-bar', 'message', 'unlocked');
  // The theme's mini cart heard of it from the blocks' own event.
  await page.waitForFunction(() => document.getElementById('cart-count').textContent === '2');
  await context.close();
});

test("the bundle's coupon takes off what the widget showed, and no figure changes once it is on the cart", async () => {
  const { context, page } = await shopper();
  const figures = () => page.evaluate(() => cartlift.state().bundles.map((b) => [b.id, b.individual_total.amount, b.price.amount, b.saving.amount]));
  const before = await figures();
  assert.deepEqual(before, [['office-2', '1050.00', '950.00', '100.00']]);
  await page.locator('cartlift-bundles [part~=add]').first().click();
  await page.waitForFunction(() => window.__events.some((e) => e.name === 'cartlift:add-to-cart'));
  await untilText(page, 'cartlift-shipping-bar', 'message', 'unlocked');
  const cart = await platformCart(page);
  // The store's coupon priced the set at the widget's $950: each line after it.
  assert.deepEqual(cart.items.map((i) => [i.prices.price, i.totals.line_subtotal, i.totals.line_total]), [['100000', '100000', '90476'], ['5000', '5000', '4524']]);
  assert.equal(cart.totals.total_discount, '10000');
  await page.waitForFunction(() => cartlift.state().bundles[0]?.complete_in_cart);
  assert.deepEqual(await figures(), before);
  // The bar counts what the shopper pays for the items.
  assert.equal(await page.evaluate(() => cartlift.state().shipping.subtotal.amount), '950.00');
  await context.close();
});

test('unticking the upsell removes its line by key', async () => {
  const { context, page, requests } = await shopper();
  await page.click('[data-product-id="101"]');
  const box = page.locator('cartlift-upsell input[type=checkbox]');
  await box.waitFor();
  await box.check();
  await page.waitForFunction(() => window.__events.some((e) => e.name === 'cartlift:add-to-cart'));
  await page.waitForFunction(() => document.querySelector('cartlift-upsell').shadowRoot.querySelector('input[type=checkbox]').checked);
  const warranty = (await platformCart(page)).items.find((i) => i.id === 104);
  await box.uncheck();
  await page.waitForFunction(() => window.__events.some((e) => e.name === 'cartlift:remove-from-cart'));
  const removes = requests.filter((r) => r.path === 'cart/remove-item').map((r) => JSON.parse(r.body));
  assert.deepEqual(removes, [{ key: warranty.key }]);
  assert.deepEqual((await platformCart(page)).items.map((i) => i.id), [101]);
  await context.close();
});

test("not enough stock (400): WooCommerce's own sentence, as text, in the widget", async () => {
  // Every read of the cart the page makes goes through here: once `frozen`, a read is held
  // (never answered), so nothing the page reads can show it the mice taken below.
  let frozen = false;
  let reading = 0;
  let answered = () => {};
  const { context, page } = await shopper((c) => c.route(`**${API}cart`, async (route) => {
    if (route.request().method() !== 'GET') return route.continue();
    if (frozen) return;
    reading++;
    try { await route.fulfill({ response: await route.fetch() }); } finally { if (--reading === 0) answered(); }
  }));
  for (let i = 0; i < 3; i++) await page.click('[data-product-id="101"]');
  await page.waitForFunction(() => document.getElementById('cart-count').textContent === '3' && cartlift.state().item_count === 3);
  await untilText(page, 'cartlift-bundles', 'complete', 'Complete the set: add Wireless Mouse');
  frozen = true;
  // The reads already on their way are answered first, with the cart as it is now.
  if (reading) await new Promise((done) => { answered = done; });
  // Three mice in the store: another tab takes them all first, unseen here, so the bundle
  // still asks this shopper to complete the set with one.
  const read = await context.request.get(`${BASE}${API}cart`);
  const taken = await context.request.post(`${BASE}${API}cart/add-item`, { headers: { Nonce: read.headers().nonce }, data: { id: 102, quantity: 3 } });
  assert.equal(taken.status(), 201, await taken.text());
  await page.locator('cartlift-bundles [part~=add]').first().click();
  await untilText(page, 'cartlift-bundles', 'notice', 'You cannot add that amount of "');
  assert.equal(await shadowText(page, 'cartlift-bundles', 'notice'), 'You cannot add that amount of "Wireless Mouse" to the cart because there is not enough stock (0 remaining).');
  const [error] = await events(page, 'cartlift:error');
  assert.equal(error.kind, 'platform');
  await context.close();
});

test('a 409 hands over the fresh cart: it is shown without another read', async () => {
  const { context, page, requests } = await shopper();
  await page.click('[data-product-id="105"]');
  await untilText(page, 'cartlift-shipping-bar', 'message', '$50.00');
  await fault(page, 409);
  requests.length = 0;
  await page.locator('cartlift-bundles [part~=add]').first().click();
  await untilText(page, 'cartlift-bundles', 'notice', 'The cart has changed since it was last read.');
  assert.deepEqual(requests.filter((r) => r.method === 'GET' && r.path === 'cart'), [], 'the 409 carried the cart');
  assert.equal(await shadowText(page, 'cartlift-shipping-bar', 'message'), "You're $50.00 away from free shipping");
  assert.equal((await events(page, 'cartlift:add-to-cart')).length, 0);
  await context.close();
});

test("a server error (500): one short sentence, and the cart shown is the store's", async () => {
  const { context, page } = await shopper();
  await page.locator('cartlift-bundles [part~=add]').first().click(); // takes the nonce retry
  await page.waitForFunction(() => window.__events.some((e) => e.name === 'cartlift:add-to-cart'));
  await fault(page, 500);
  // The bundle is wholly in the cart now; the next add is the laptop's warranty upsell.
  await page.locator('cartlift-upsell [part=checkbox]').first().click();
  await untilText(page, 'cartlift-upsell', 'notice', 'The cart could not be updated. Please try again.');
  assert.equal((await events(page, 'cartlift:add-to-cart')).length, 1);
  assert.equal((await events(page, 'cartlift:error'))[0].kind, 'platform');
  assert.equal((await platformCart(page)).items_count, 2);
  await page.waitForFunction(() => cartlift.state().item_count === 2);
  await context.close();
});

test("the adapter's writing part comes with the shopper's first change, not with the page: offline then, they hear it, and back online the add goes in", async () => {
  const { context, page } = await shopper();
  const writing = [];
  context.on('request', (r) => { if (/\/cartlift-woocommerce-changes-[0-9a-f]+\.js/.test(r.url())) writing.push(r.url()); });
  await page.click('[data-product-id="105"]');
  await untilText(page, 'cartlift-shipping-bar', 'message', '$50.00');
  assert.deepEqual(writing, []);
  await context.setOffline(true);
  await page.locator('cartlift-bundles [part~=add]').first().click();
  await untilText(page, 'cartlift-bundles', 'notice', 'You seem to be offline; nothing was changed.');
  assert.equal((await events(page, 'cartlift:error'))[0].kind, 'platform');
  await context.setOffline(false);
  await page.locator('cartlift-bundles [part~=add]').first().click();
  await page.waitForFunction(() => window.__events.some((e) => e.name === 'cartlift:add-to-cart'));
  assert.equal(await shadowText(page, 'cartlift-bundles', 'notice'), '');
  assert.equal((await platformCart(page)).items_count, 3);
  await context.close();
});

for (const [how, tell] of [
  ["jQuery's added_to_cart (classic themes)", () => window.jQuery(document.body).trigger('added_to_cart')],
  ["the blocks' wc-blocks_added_to_cart", () => document.body.dispatchEvent(new Event('wc-blocks_added_to_cart', { bubbles: true }))],
]) {
  test(`an add cartlift cannot see (a fetch saved before it loaded) is heard through ${how}`, async () => {
    const context = await browser.newContext();
    // A theme script that ran first: its own fetch, and a jQuery with its own event system.
    await context.addInitScript(() => {
      window.__themeFetch = window.fetch;
      const handlers = {};
      window.jQuery = () => ({
        on(names, fn) { for (const n of names.split(' ')) (handlers[n] ??= []).push(fn); return this; },
        trigger(name) { for (const fn of handlers[name] ?? []) fn(); return this; },
      });
    });
    const { page } = await open(context, '/woocommerce.html');
    await untilText(page, 'cartlift-shipping-bar', 'message', '$75.00');
    await page.evaluate(async (api) => {
      const res = await window.__themeFetch(`${api}cart`);
      await window.__themeFetch(`${api}cart/add-item`, { method: 'POST', headers: { 'Content-Type': 'application/json', Nonce: res.headers.get('Nonce') }, body: JSON.stringify({ id: 108, quantity: 1 }) });
    }, API);
    await page.evaluate(tell);
    await untilText(page, 'cartlift-shipping-bar', 'message', '$35.00');
    await context.close();
  });
}

test('the order-received page remembers the order this tab checked out, once, by its number', async () => {
  const { context, page } = await shopper();
  await page.click('[data-product-id="105"]');
  await untilText(page, 'cartlift-shipping-bar', 'message', '$50.00');
  // The shopper pays; WooCommerce shows its order-received page in the same tab.
  const confirmation = asControl('/woocommerce.html?order-received=4321&key=wc_order_abc');
  await page.addInitScript(() => {
    window.__orders = [];
    document.addEventListener('cartlift:order', (e) => window.__orders.push(e.detail));
  });
  await page.goto(`${BASE}${confirmation}`);
  await page.waitForFunction(() => cartlift.visitor()?.orders?.length === 1);
  const [order] = await page.evaluate(() => cartlift.visitor().orders);
  assert.deepEqual([order.id, order.minor, order.currency, order.products], ['woocommerce-4321', 2500, 'USD', ['tshirt']]);
  // The page (and data-collect) hears of it once, with its value and lines (spec §9).
  const [heard] = await page.evaluate(() => window.__orders);
  assert.deepEqual(heard.order, { id: 'woocommerce-4321', value: { amount: '25.00', minor: 2500, currency: 'USD' } });
  assert.deepEqual(heard.items.map((i) => [i.id, i.quantity]), [['tshirt', 1]]);
  // Shown again (a reload, the back button): still one order.
  await page.reload();
  // The adapter takes the confirmation before its first read of the cart.
  await untilText(page, 'cartlift-shipping-bar', 'message', '$50.00');
  assert.equal(await page.evaluate(() => cartlift.visitor().orders.length), 1);
  assert.deepEqual(await page.evaluate(() => window.__orders), [], 'no second order event');
  await context.close();
});

test('without consent the tab keeps no cart for its confirmation page', async () => {
  const { context, page } = await shopper();
  await page.evaluate(() => cartlift.consent(false));
  await page.click('[data-product-id="105"]');
  await untilText(page, 'cartlift-shipping-bar', 'message', '$50.00');
  assert.equal(await page.evaluate(() => sessionStorage.getItem('cartlift:checkout-cart')), null);
  assert.equal(await page.evaluate(() => localStorage.length), 0);
  await context.close();
});

test('a 3-for-2 on socks: the tiers element shows it and its nudge, and the store charges $18.00 for three, as it said', async () => {
  const { context, page, problems } = await shopper();
  // The page's own tiers element for the socks, as a block would place it.
  await page.evaluate(() => {
    const el = document.createElement('cartlift-tiers');
    el.setAttribute('product', 'socks');
    document.body.append(el);
  });
  // Socks put in the cart as the theme's own button would: its Store API call, then the
  // blocks' event.
  const addSocks = (quantity) => page.evaluate(async ([api, q]) => {
    const nonce = (await fetch(`${api}cart`)).headers.get('Nonce');
    await fetch(`${api}cart/add-item`, { method: 'POST', headers: { 'Content-Type': 'application/json', Nonce: nonce }, body: JSON.stringify({ id: 106, quantity: q }) });
    document.body.dispatchEvent(new Event('wc-blocks_added_to_cart', { bubbles: true }));
  }, [API, quantity]);
  const inDeal = (selector) => page.evaluate((s) => document.querySelector('cartlift-tiers[product=socks]').shadowRoot.querySelector(`[part=deal] ${s}`)?.textContent ?? null, selector);
  await addSocks(2);
  await page.waitForFunction(() => cartlift.state()?.item_count === 2);
  await page.waitForFunction(() => document.querySelector('cartlift-tiers[product=socks]').shadowRoot.querySelector('[part=deal] [part=nudge]')?.textContent === 'Add 1 more to get 1 free');
  assert.equal(await inDeal('.saved'), '');
  await addSocks(1);
  await page.waitForFunction(() => cartlift.state()?.item_count === 3);
  await page.waitForFunction(() => document.querySelector('cartlift-tiers[product=socks]').shadowRoot.querySelector('[part=deal] .saved')?.textContent === 'You save $9.00');
  const said = await page.evaluate(() => cartlift.state().deals.map((d) => [d.id, d.times, d.saving.minor]));
  assert.deepEqual(said, [['socks-3for2', 1, 900]]);
  // Checkout's pricing (the plugin's, from the same core) takes the same $9.00 off the line.
  const line = (await platformCart(page)).items.find((i) => i.id === 106);
  assert.deepEqual([line.quantity, line.totals.line_subtotal, line.totals.line_total], [3, '2700', String(2700 - said[0][2])]);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the shirt's quantity selector in sizes: L picked ($27.00), 2 chosen, and the add puts 2 of L's variation in the store's cart at the $48.60 it showed", async () => {
  const { context, page, problems } = await shopper();
  const inSelector = await placeSelector(page, 'tshirt', 'Add 3 to cart');
  assert.deepEqual(await inSelector('[part=option] .total'), ['$25.00', '$45.00', '$63.75']);
  const size = page.locator('cartlift-tiers[product=tshirt] select[part=variant]');
  await size.selectOption('L');
  await page.waitForFunction(() => document.querySelector('cartlift-tiers[product=tshirt]').shadowRoot.querySelector('[part=option] .total')?.textContent === '$27.00');
  await pickAndAdd(page, 'tshirt', 1, 'Add 2 to cart');
  // The adapter adds by L's variation id through the Store API.
  await page.waitForFunction(() => cartlift.state()?.item_count === 2);
  const said = await page.evaluate(() => cartlift.state().tiers.find((t) => t.product === 'tshirt').line_price.minor);
  assert.equal(said, 4860);
  // Checkout's pricing (the plugin's, from the same core) charges what the selector showed.
  const line = (await platformCart(page)).items.find((i) => i.id === 111);
  assert.deepEqual([line.quantity, line.totals.line_subtotal, line.totals.line_total], [2, '5400', String(said)]);
  assert.deepEqual(problems, []);
  await context.close();
});

test('from $75 the Laptop Stand is free in the colour picked: Space grey added by its variation, the plugin keeps its gift mark and charges $0.00 for it, and it leaves when the cart falls below $75', async () => {
  const { context, page, problems } = await shopper();
  const addMice = (quantity) => page.evaluate(async ([api, q]) => {
    const nonce = (await fetch(`${api}cart`)).headers.get('Nonce');
    await fetch(`${api}cart/add-item`, { method: 'POST', headers: { 'Content-Type': 'application/json', Nonce: nonce }, body: JSON.stringify({ id: 102, quantity: q }) });
    document.body.dispatchEvent(new Event('wc-blocks_added_to_cart', { bubbles: true }));
  }, [API, quantity]);
  const claim = page.locator('cartlift-shipping-bar [part=gift]');
  await addMice(2);
  await page.waitForFunction(() => cartlift.state()?.item_count === 2);
  await claim.waitFor({ state: 'visible' });
  assert.equal(await claim.innerText(), 'Add your free Laptop Stand');
  // In the colour the shopper picks: Space grey, a variation of its own.
  await page.locator('cartlift-shipping-bar .shipping > .variants select[part=variant]').selectOption('Space grey');
  await page.waitForFunction(() => cartlift.state().shipping.goals[0].gift.variant === 'stand-grey');
  await claim.click();
  await page.waitForFunction(() => cartlift.state()?.item_count === 3);
  // The store's cart: the stand on its own line with the plugin's gift mark (its product),
  // and free.
  const stand = (await platformCart(page)).items.find((i) => i.id === 114);
  assert.deepEqual([stand.quantity, stand.extensions, stand.totals.line_subtotal, stand.totals.line_total], [1, { cartlift: { gift: 'stand' } }, '4500', '0']);
  await claim.waitFor({ state: 'hidden' });
  assert.equal(await page.evaluate(() => cartlift.state().shipping.subtotal.minor), 10000);
  // The mice taken out: the stand alone never reaches $75, so the adapter removes it.
  const mouse = (await platformCart(page)).items.find((i) => i.id === 102);
  await page.evaluate(async ([api, key]) => {
    const nonce = (await fetch(`${api}cart`)).headers.get('Nonce');
    await fetch(`${api}cart/remove-item`, { method: 'POST', headers: { 'Content-Type': 'application/json', Nonce: nonce }, body: JSON.stringify({ key }) });
    document.body.dispatchEvent(new Event('wc-blocks_removed_from_cart', { bubbles: true }));
  }, [API, mouse.key]);
  await page.waitForFunction(async (api) => (await (await fetch(`${api}cart`)).json()).items.length === 0, API);
  // The page hears of the removal once the platform took it.
  const [removed] = await eventsOnce(page, 'cartlift:remove-from-cart', 1);
  assert.deepEqual([removed.items, removed.source.widget], [[{ id: 'stand-grey', product: 'stand', quantity: 1, gift: true }], 'gift']);
  assert.deepEqual(problems, []);
  await context.close();
});
