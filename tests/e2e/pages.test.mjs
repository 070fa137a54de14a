// Pages that are not the demo: a single-page shop whose elements come and go, the script
// loaded twice. No uncaught error, and the figures stay right.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, events, eventsOnce, BASE, asControl } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const message = (page, selector) => page.evaluate((s) => document.querySelector(s)?.shadowRoot?.querySelector('[part=message]')?.textContent ?? null, selector);
const shadowText = (page, selector) => page.evaluate((s) => document.querySelector(s)?.shadowRoot?.querySelector('.root')?.innerText.replace(/\s+/g, ' ').trim() ?? null, selector);

test('elements added later, removed and re-added render and release, with the script loaded twice', async () => {
  const { page, problems } = await open(browser, '/pages/spa.html');
  await page.waitForFunction(() => document.querySelector('#early').shadowRoot?.querySelector('[part=message]')?.textContent.includes('$25.00'));
  assert.equal(await page.evaluate(() => window.cartlift.version.length > 0), true);
  // One definition per tag, however often the script loads.
  assert.equal(await page.evaluate(() => typeof customElements.get('cartlift-bundles')), 'function');

  const mounted = () => page.evaluate(() => document.querySelectorAll('cartlift-shipping-bar, cartlift-bundles').length);
  await page.evaluate(() => window.route('laptop'));
  await page.waitForFunction(() => document.querySelector('#view cartlift-bundles')?.shadowRoot?.querySelectorAll('[part~=row]').length === 2);
  assert.match(await shadowText(page, '#view cartlift-bundles'), /\$100\.00 \(9\.52%\)/);
  assert.equal(await message(page, '#view cartlift-shipping-bar'), "You're $25.00 away from free shipping");

  // Away and back: the new elements render the current cart.
  await page.evaluate(() => window.route('home'));
  assert.equal(await mounted(), 1);
  await page.evaluate(() => window.cartlift.setCart({ currency: 'USD', items: [{ id: 'mouse', quantity: 1 }, { id: 'laptop', quantity: 1 }] }));
  await page.evaluate(() => window.route('laptop'));
  await page.waitForFunction(() => document.querySelector('#view cartlift-shipping-bar')?.shadowRoot?.querySelector('[part=message]')?.textContent.includes('tote'));
  assert.equal(await message(page, '#view cartlift-shipping-bar'), "You've unlocked a free tote bag!");

  // Moving an element (disconnect + connect) keeps it working.
  await page.evaluate(() => document.body.append(document.querySelector('#view cartlift-bundles')));
  await page.waitForFunction(() => document.querySelector('body > cartlift-bundles')?.shadowRoot?.querySelectorAll('[part~=row]').length === 2);

  assert.deepEqual(await events(page, 'unhandledrejection'), []);
  assert.equal((await events(page, 'cartlift:ready')).length, 1);
  assert.deepEqual(problems, []);
});

test('a malformed cart from the page is refused with a path and the last good cart stays', async () => {
  const { page, problems } = await open(browser, '/pages/spa.html');
  await page.waitForFunction(() => document.querySelector('#early').shadowRoot?.querySelector('[part=message]')?.textContent.includes('$25.00'));
  const messages = [];
  page.on('console', (m) => { if (m.type() === 'error' && m.text().startsWith('cartlift:')) messages.push(m.text()); });
  for (const bad of [null, 'cart', { currency: 'USD', items: [{ id: 'mouse', quantity: -1 }] }, { currency: 'EUR', items: [] }, { currency: 'USD', items: [{ id: 'mouse', quantity: NaN }] }]) {
    assert.equal(await page.evaluate((c) => window.cartlift.setCart(c), bad), false);
  }
  const errors = await eventsOnce(page, 'cartlift:error', 5);
  assert.equal(errors.length, 5);
  assert.equal(errors[2].errors[0].path, 'items[0].quantity');
  // Console events arrive asynchronously: each one still to come is awaited as it comes.
  while (messages.length < 5) {
    await page.waitForEvent('console', { predicate: (m) => m.type() === 'error' && m.text().startsWith('cartlift:'), timeout: 10000 });
  }
  assert.equal(messages.length, 5);
  assert.equal(await message(page, '#early'), "You're $25.00 away from free shipping");
  assert.deepEqual(problems, []);
});

test('widgets far below the fold render when scrolled near, unless marked eager', async () => {
  const { page, problems } = await open(browser, '/pages/lazy.html');
  const rows = () => page.evaluate(() => document.querySelector('#far').shadowRoot?.querySelectorAll('[part~=row]').length ?? null);
  await page.waitForFunction(() => document.querySelector('#top').shadowRoot?.querySelector('[part=message]'));
  await page.waitForFunction(() => document.querySelector('#far-eager').shadowRoot?.querySelector('[part=nudge]'));
  // Not yet rendered: its fallback shows, no shadow root was even attached.
  assert.equal(await rows(), null);
  await page.evaluate(() => document.querySelector('#far').scrollIntoView());
  await page.waitForFunction(() => document.querySelector('#far').shadowRoot?.querySelectorAll('[part~=row]').length === 2);
  assert.equal(await rows(), 2);
  assert.deepEqual(problems, []);
});

test('cartlift:ready comes once every element on the page has rendered, each mounted in its own task', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 2000 } });
  // What each element shows at the moment the page hears cartlift:ready.
  await page.addInitScript(() => {
    document.addEventListener('cartlift:ready', () => {
      const shown = (tag, part) => Boolean(document.querySelector(tag)?.shadowRoot?.querySelector(`[part~=${part}]`));
      window.__atReady = {
        message: document.querySelector('cartlift-shipping-bar')?.shadowRoot?.querySelector('[part=message]')?.textContent ?? null,
        rows: document.querySelector('cartlift-bundles')?.shadowRoot?.querySelectorAll('[part~=row]').length ?? 0,
        checkbox: shown('cartlift-upsell', 'checkbox'),
        tier: shown('cartlift-tiers', 'tier'),
        // The entry module's own steps: starting, taking the fetched data-src config, then
        // one per element.
        steps: performance.getEntriesByName('cartlift:work').length,
      };
    }, { once: true });
  });
  await page.goto(BASE + asControl('/pages/plain.html'));
  await page.waitForFunction(() => window.__atReady);
  const atReady = await page.evaluate(() => window.__atReady);
  assert.equal(atReady.message, "You've unlocked a free tote bag!");
  assert.equal(atReady.rows, 2);
  assert.equal(atReady.checkbox, true);
  assert.equal(atReady.tier, true);
  assert.equal(atReady.steps, 1 + 1 + 4);
  await page.close();
});
