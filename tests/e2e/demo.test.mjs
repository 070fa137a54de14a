// The demo shop, as a shopper uses it: the bar moves, bundles and upsells change the cart.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, screenshot, events, Shop } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('adding a $25 shirt and a $40 stand leaves the bar $10.00 away, and its value moves', async () => {
  const { page, problems } = await open(browser, '/');
  const shop = new Shop(page);
  await assert.doesNotReject(shop.message.waitFor());
  assert.equal(await shop.message.textContent(), 'Free shipping on orders over $75.00');
  assert.equal(await shop.progress.getAttribute('aria-valuenow'), '0');
  await shop.add('Organic T-shirt');
  await page.waitForFunction(() => document.querySelector('cartlift-shipping-bar').shadowRoot.querySelector('[part=message]').textContent.includes('$50.00'));
  assert.equal(await shop.message.textContent(), "You're $50.00 away from free shipping");
  await shop.add('Laptop Stand');
  await page.waitForFunction(() => document.querySelector('cartlift-shipping-bar').shadowRoot.querySelector('[part=message]').textContent.includes('$10.00'));
  assert.equal(await shop.message.textContent(), "You're $10.00 away from free shipping");
  // $65 of the last goal, $150.
  assert.equal(await shop.progress.getAttribute('aria-valuenow'), '43');
  assert.equal(await shop.progress.getAttribute('aria-valuetext'), "You're $10.00 away from free shipping");
  // A filler closes the gap in one click.
  const filler = shop.bar.locator('[part=filler]').first();
  assert.match(await filler.textContent(), /USB-C Cable/);
  await filler.locator('button').click();
  await page.waitForFunction(() => document.querySelector('cartlift-shipping-bar').shadowRoot.querySelector('[part=message]').textContent.includes('tote'));
  assert.equal(await shop.message.textContent(), "You're $73.00 away from a free tote bag");
  assert.equal(await page.locator('#sum-shipping').textContent(), 'Free');
  await screenshot(page, 'demo-shop');
  assert.deepEqual(problems, []);
});

test('adding a bundle sends its items at their share of the bundle price and updates the cart', async () => {
  const { page, problems } = await open(browser, '/');
  const shop = new Shop(page);
  const firstRow = shop.bundles.locator('[part~=row]').first();
  await firstRow.waitFor();
  assert.match(await firstRow.textContent(), /\$100\.00 \(9\.52%\)/);
  await firstRow.locator('[part=add]').click();
  await page.waitForFunction(() => document.querySelectorAll('#cart-lines .line').length === 2);
  const [added] = await events(page, 'cartlift:add-to-cart');
  assert.deepEqual(added, {
    items: [{ id: 'laptop', quantity: 1, price: '904.76' }, { id: 'mouse', quantity: 1, price: '45.24' }],
    // The shopper sees the demo's control variant (the helper opens pages with it).
    source: { widget: 'bundles', offer: 'office-2', experiment: 'free-shipping-threshold', variant: 'control' },
  });
  assert.equal(await shop.subtotal(), '$950.00');
  // Both items are now in the cart, and the table says so.
  await page.waitForFunction(() => document.querySelector('cartlift-bundles').shadowRoot.textContent.includes('Wireless Mouse (in your cart)'));
  assert.deepEqual(problems, []);
});

test('ticking the warranty adds it, unticking removes it, and the checkbox follows the cart', async () => {
  const { page, problems } = await open(browser, '/');
  const shop = new Shop(page);
  await shop.add('Laptop Pro 14');
  await shop.upsell.waitFor();
  assert.equal(await shop.upsell.isChecked(), false);
  const label = page.locator('cartlift-upsell').locator('label');
  assert.equal((await label.textContent()).trim(), 'Add a 2-year warranty for $12.00');
  await shop.upsell.check();
  await page.waitForFunction(() => document.querySelector('#cart-lines').textContent.includes('2-year warranty'));
  assert.equal(await shop.upsell.isChecked(), true);
  assert.equal(await shop.subtotal(), '$1,012.00');
  await shop.upsell.uncheck();
  await page.waitForFunction(() => !document.querySelector('#cart-lines').textContent.includes('2-year warranty'));
  assert.equal(await shop.upsell.isChecked(), false);
  assert.equal((await events(page, 'cartlift:add-to-cart')).length, 1);
  assert.equal((await events(page, 'cartlift:remove-from-cart')).length, 1);
  assert.deepEqual(problems, []);
});

test('two shirts light the 10% tier and nudge toward the 20% one', async () => {
  const { page, problems } = await open(browser, '/');
  const shop = new Shop(page);
  await shop.add('Organic T-shirt');
  await shop.add('Organic T-shirt');
  const nudge = shop.tiers.locator('[part=nudge]');
  await page.waitForFunction(() => document.querySelector('cartlift-tiers').shadowRoot.querySelector('[part=nudge]').textContent === 'Add 1 more to save 20%');
  assert.equal(await nudge.textContent(), 'Add 1 more to save 20%');
  assert.equal(await shop.tiers.locator('[part~=active]').count(), 1);
  assert.match(await shop.tiers.locator('[part~=active]').textContent(), /10% off/);
  // The shop applies the tier: 2 × $25.00 less 10%.
  assert.equal(await shop.total(), '$52.95');
  assert.deepEqual(problems, []);
});

test('on a phone, the bundle table reflows into cards and nothing scrolls sideways', async () => {
  const { page, problems } = await open(browser, '/', { width: 320, height: 720 });
  const shop = new Shop(page);
  await shop.bundles.locator('[part~=row]').first().waitFor();
  const display = await shop.bundles.locator('[part~=row]').first().evaluate((row) => getComputedStyle(row).display);
  assert.equal(display, 'block');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
  const add = await shop.bundles.locator('[part=add]').first().boundingBox();
  assert.ok(add.height >= 44 && add.width >= 44, `the add button is ${add.width}×${add.height}`);
  await screenshot(page, 'demo-shop-320px');
  assert.deepEqual(problems, []);
});

test('a plain page with only the snippet shows all four elements with the right figures', async () => {
  const { page, problems } = await open(browser, '/pages/plain.html');
  const text = (tag) => page.locator(tag).evaluate((el) => el.shadowRoot.querySelector('.root').innerText.replace(/\s+/g, ' ').trim());
  await page.waitForFunction(() => document.querySelector('cartlift-upsell').shadowRoot?.querySelector('label'));
  // Past $150: the tote bag is the shopper's to claim (spec §11).
  assert.equal(await text('cartlift-shipping-bar'), "You've unlocked a free tote bag! Colour Natural Black Add your free Tote bag");
  assert.match(await text('cartlift-bundles'), /\$1,050\.00 \$950\.00 \$100\.00 \(9\.52%\)/);
  assert.equal(await text('cartlift-upsell'), 'Add a 2-year warranty for $12.00');
  assert.match(await text('cartlift-tiers'), /Add 1 more to save 20%/);
  await screenshot(page, 'plain-page');
  assert.deepEqual(problems, []);
});

/** What has keyboard focus, through shadow roots: `[host, part, text]`, or `body`. */
const focused = (page) => page.evaluate(() => {
  let a = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  const host = a?.getRootNode()?.host;
  return host ? [host.localName, a.getAttribute('part'), a.textContent.trim()] : a?.localName ?? null;
});

for (const key of ['Enter', 'Space']) {
  test(`${key} on "Add bundle", on "Complete the set" and on a recommendation's "Add" leaves focus in the widget, never on the page's body`, async () => {
    const { page, problems } = await open(browser, '/');
    // "Add bundle: Laptop + Mouse": its row goes from this product's table once the set is in
    // the cart, and focus moves to the next offer's button.
    const first = page.getByRole('button', { name: 'Add bundle: Laptop + Mouse', exact: true });
    await first.focus();
    await page.keyboard.press(key);
    await page.waitForFunction(() => cartlift.state().item_count === 2);
    await page.waitForFunction(() => !document.querySelector('cartlift-bundles').shadowRoot.activeElement?.matches('[hidden]') && document.activeElement !== document.body);
    const [host, part, words] = await focused(page);
    assert.equal(host, 'cartlift-bundles');
    assert.ok(part === 'add' || part === 'all-in-cart', `${part}: ${words}`);
    // "Complete the set: Laptop + Mouse + Keyboard" completes it: its button gives way to
    // "All in your cart", which takes focus.
    const rest = page.getByRole('button', { name: 'Complete the set: Laptop + Mouse + Keyboard' });
    await rest.focus();
    await page.keyboard.press(key);
    await page.waitForFunction(() => cartlift.state().item_count === 3);
    await page.waitForFunction(() => document.activeElement !== document.body);
    assert.equal((await focused(page))[0], 'cartlift-bundles');
    // A recommendation's "Add": its row goes (it is in the cart now); focus moves to the next.
    // Below the fold, it renders when the shopper scrolls near it.
    await page.locator('cartlift-recommendations').scrollIntoViewIfNeeded();
    const rec = page.locator('cartlift-recommendations [part~=add]').first();
    await rec.waitFor();
    const count = await page.evaluate(() => cartlift.state().item_count);
    await rec.focus();
    await page.keyboard.press(key);
    await page.waitForFunction((n) => cartlift.state().item_count === n + 1, count);
    await page.waitForFunction(() => document.activeElement !== document.body);
    assert.equal((await focused(page))[0], 'cartlift-recommendations');
    assert.deepEqual(problems, []);
  });
}
