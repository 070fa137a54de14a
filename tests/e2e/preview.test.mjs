// The merchant preview: every edit re-renders, errors show their paths, examples all load.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, screenshot, Preview, setConfigText, axeViolations } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('a misspelt product id in the config shows its path and a suggestion beside the editor', async () => {
  const { page, problems } = await open(browser, '/preview.html');
  const preview = new Preview(page);
  await page.waitForFunction(() => document.querySelector('#config').value.includes('office-2'));
  await preview.edit((t) => t.replace('"items": ["laptop", "mouse"]', '"items": ["laptop", "mous"]'));
  await preview.errors.first().waitFor();
  assert.match(await preview.errors.first().textContent(), /^bundles\[0\]\.items\[1\]: no product has the id "mous" \(did you mean "mouse"\?\) line \d+, column \d+$/);
  assert.match(await preview.status.textContent(), /problems/);
  // The element with `preview` shows the list too.
  assert.match(await page.locator('#live cartlift-shipping-bar [part=errors]').textContent(), /bundles\[0\]\.items\[1\]/);
  await screenshot(page, 'preview-error');
  // Fixing it clears the list and re-renders.
  await preview.edit((t) => t.replace('"mous"]', '"mouse"]'));
  await page.waitForFunction(() => document.querySelector('#status').textContent === 'The config is valid.');
  assert.equal(await preview.errors.count(), 0);
  assert.deepEqual(problems, []);
});

test('an edit to the threshold re-renders the bar at once', async () => {
  const { page } = await open(browser, '/preview.html?example=coffee');
  const preview = new Preview(page);
  const message = page.locator('#live cartlift-shipping-bar [part=message]');
  await page.waitForFunction(() => document.querySelector('cartlift-shipping-bar').shadowRoot.querySelector('[part=message]').textContent.includes('$21.50'));
  // The sample cart: 2 × $16.00 + $21.50 = $53.50, $21.50 short of $75.
  assert.equal(await message.textContent(), 'Add $21.50 more for free shipping');
  await preview.edit((t) => t.replace('"threshold": "75.00"', '"threshold": "60.00"'));
  await page.waitForFunction(() => document.querySelector('cartlift-shipping-bar').shadowRoot.querySelector('[part=message]').textContent.includes('$6.50'));
  assert.equal(await message.textContent(), 'Add $6.50 more for free shipping');
});

test('the coffee example shows its 3-for-2 under a bag: what it saves, the nudge, and axe finds nothing', async () => {
  const { page, problems } = await open(browser, '/preview.html?example=coffee');
  await page.waitForFunction(() => document.querySelector('#status').textContent === 'The config is valid.');
  await page.selectOption('#product', 'house-blend');
  const deal = page.locator('#live cartlift-tiers [part=deal]');
  await deal.waitFor();
  // The sample cart: 2 House Blend at $16.00 and an Ethiopia at $21.50: the cheapest bag is free.
  await page.waitForFunction(() => document.querySelector('#live cartlift-tiers').shadowRoot.querySelector('[part=deal] .saved')?.textContent.includes('$16.00'));
  assert.equal((await deal.innerText()).replace(/\s+/g, ' ').trim(), 'Buy 2, get 1 free You save $16.00 Add 3 more to get 1 free');
  assert.equal(await page.locator('#live cartlift-tiers [part=deal] [part=nudge]').getAttribute('aria-live'), 'polite');
  const deals = await page.evaluate(() => window.cartlift.state().deals);
  assert.deepEqual(deals.map((d) => [d.id, d.times, d.saving.amount, d.buy, d.get, d.percent_off]), [['beans-3for2', 1, '16.00', 2, 1, 10000]]);
  // A bag with no deal and no tiers shows nothing.
  await page.selectOption('#product', 'mug');
  await page.waitForFunction(() => document.querySelector('#live cartlift-tiers').shadowRoot.querySelector('.tiers')?.hidden === true);
  await page.selectOption('#product', 'house-blend');
  await deal.waitFor();
  const found = await axeViolations(page, '#live cartlift-tiers');
  assert.deepEqual(found, []);
  await screenshot(page, 'preview-deal');
  assert.deepEqual(problems, []);
});

test('the coffee example gives a mug from $100: the bar offers it, the add is marked as the gift, axe finds nothing, and a gift misspelt is listed at its path', async () => {
  const { page, problems } = await open(browser, '/preview.html?example=coffee');
  await page.waitForFunction(() => document.querySelector('#status').textContent === 'The config is valid.');
  // A cart of $108.00 in beans: past $100, so the mug is the shopper's to claim.
  await page.evaluate(() => {
    const cart = document.querySelector('#cart');
    cart.value = JSON.stringify({ currency: 'USD', items: [{ id: 'ethiopia', quantity: 4 }, { id: 'decaf', quantity: 2 }] });
    cart.dispatchEvent(new Event('input'));
  });
  const claim = page.locator('#live cartlift-shipping-bar [part=gift]');
  await claim.waitFor({ state: 'visible' });
  assert.equal(await claim.innerText(), 'Add your free Stoneware mug');
  const found = await axeViolations(page, '#live cartlift-shipping-bar');
  assert.deepEqual(found, []);
  await screenshot(page, 'preview-gift');
  await claim.click();
  await page.locator('#events li', { hasText: '"gift":true' }).waitFor();
  assert.match(await page.locator('#events li').first().textContent(), /^cartlift:add-to-cart \{"items":\[\{"id":"mug","quantity":1,"gift":true\}\],"source":\{"widget":"gift","offer":"mug"/);
  // The merchant misspells the gift: the preview says where, and what it could be.
  const text = await page.evaluate(() => document.querySelector('#config').value);
  await setConfigText(page, text.replace('"gift": "mug"', '"gift": "mugg"'));
  const listed = page.locator('#errors li', { hasText: 'shipping_bar.goals[1].grants.gift' });
  await listed.waitFor();
  assert.match(await listed.textContent(), /mugg/);
  assert.deepEqual(problems, []);
});

test('the right-to-left example fills the bar from the right and speaks ar-AE on an English page', async () => {
  const { page, problems } = await open(browser, '/preview.html?example=arabic');
  await page.waitForFunction(() => document.querySelector('cartlift-shipping-bar').shadowRoot.querySelector('[part=message]').textContent.includes('110'));
  // The preview page is English; the example's words are Arabic, and say so.
  assert.deepEqual(await page.evaluate(() => ['cartlift-shipping-bar', 'cartlift-bundles'].map((t) => document.querySelector(`#live ${t}`).shadowRoot.querySelector('.root').lang)), ['ar-AE', 'ar-AE']);
  const [fill, bar] = await Promise.all(['[part=fill]', '[part=bar]'].map((s) => page.locator(`#live cartlift-shipping-bar ${s}`).boundingBox()));
  assert.ok(Math.abs((fill.x + fill.width) - (bar.x + bar.width)) <= 2, `fill ends at ${fill.x + fill.width}, bar at ${bar.x + bar.width}`);
  assert.ok(fill.x > bar.x + 20, 'the fill starts away from the left edge');
  await screenshot(page, 'preview-rtl');
  assert.deepEqual(problems, []);
});

test('every example in the gallery loads valid and renders', async () => {
  const { page, problems } = await open(browser, '/preview.html');
  for (const example of ['electronics', 'coffee', 'apparel', 'jpy', 'arabic']) {
    await page.selectOption('#example', example);
    await page.waitForFunction(() => document.querySelector('#status').textContent === 'The config is valid.');
    await page.waitForFunction(() => document.querySelector('cartlift-shipping-bar').shadowRoot.querySelector('[part=message]').textContent.length > 0);
    const snippet = await page.locator('#snippet').inputValue();
    assert.match(snippet, /<script type="module" src="\/cartlift\/cartlift.js"><\/script>/);
    await screenshot(page, `preview-${example}`);
  }
  // The Arabic config reaches the widgets once cartlift's Arabic words have come.
  await page.waitForFunction(() => window.cartlift.state()?.shipping?.remaining?.currency === 'AED');
  const yen = await page.evaluate(() => window.cartlift.state().shipping.remaining);
  assert.deepEqual(yen, { amount: '110.00', minor: 11000, currency: 'AED' });
  assert.deepEqual(problems, []);
});

test('the apparel example picks 3 shirts by its badge, the arrow key moves to 5, the add sends 5, and axe finds nothing', async () => {
  const { page, problems } = await open(browser, '/preview.html?example=apparel');
  await page.waitForFunction(() => document.querySelector('#status').textContent === 'The config is valid.');
  await page.selectOption('#product', 'tee');
  const selector = page.locator('#live cartlift-tiers fieldset[part=selector]');
  await selector.waitFor();
  const options = page.locator('#live cartlift-tiers [part=option]');
  assert.equal(await options.count(), 4);
  const texts = (await options.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  assert.match(texts[2], /^3 kaufen Beliebt/);
  const checked = () => page.evaluate(() => [...document.querySelector('#live cartlift-tiers').shadowRoot.querySelectorAll('[part=option] input')].map((r) => r.checked));
  assert.deepEqual(await checked(), [false, false, true, false]);
  const add = page.locator('#live cartlift-tiers [part=add]');
  assert.equal(await add.innerText(), '3 in den Warenkorb');
  // The keyboard moves the choice as in any radio group.
  await page.locator('#live cartlift-tiers [part=option] input').nth(2).focus();
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction(() => document.querySelector('#live cartlift-tiers').shadowRoot.querySelector('[part=add]').textContent === '5 in den Warenkorb');
  assert.deepEqual(await checked(), [false, false, false, true]);
  const heard = page.evaluate(() => new Promise((resolve) => document.addEventListener('cartlift:add-to-cart', (e) => resolve(e.detail), { once: true })));
  await add.click();
  assert.deepEqual(await heard, { items: [{ id: 'tee', quantity: 5 }], source: { widget: 'tiers', offer: 'tee' } });
  const found = await axeViolations(page, '#live cartlift-tiers');
  assert.deepEqual(found, []);
  await screenshot(page, 'preview-selector');
  assert.deepEqual(problems, []);
});

test('the apparel example offers the outfit with a size for its hoodie (L sold out, XL dearer) and socks in colours, each add naming the variant, and axe finds nothing', async () => {
  const { page, problems } = await open(browser, '/preview.html?example=apparel');
  await page.waitForFunction(() => document.querySelector('#status').textContent === 'The config is valid.');
  await page.selectOption('#product', 'tee');
  const bundles = page.locator('#live cartlift-bundles');
  const size = bundles.locator('select[part=variant]');
  await size.waitFor();
  // Only the hoodie has sizes; its label is the merchant's option name.
  assert.equal(await size.count(), 1);
  assert.equal(await bundles.locator('label.variant .variant-name').innerText(), 'Größe');
  assert.deepEqual(await size.evaluate((s) => [...s.options].map((o) => [o.value, o.disabled])), [['S', false], ['M', false], ['L', true], ['XL', false]]);
  assert.equal(await size.inputValue(), 'S');
  // Two shirts in the sample cart: the rest of the outfit, hoodie and cap, costs its share of
  // 87,90 € (24,90 + 59,00 + 19,00 less 15,00); an XL hoodie (64,00) makes it 92,90 €.
  const price = bundles.locator('.price');
  assert.match(await price.innerText(), /87,90/);
  await size.selectOption('XL');
  await page.waitForFunction(() => /92,90/.test(document.querySelector('#live cartlift-bundles').shadowRoot.querySelector('.price').textContent));
  assert.equal(await size.inputValue(), 'XL');
  const heard = page.evaluate(() => new Promise((resolve) => document.addEventListener('cartlift:add-to-cart', (e) => resolve(e.detail), { once: true })));
  await bundles.locator('button[part=add]').click();
  const detail = await heard;
  assert.deepEqual(detail.items.map((i) => [i.id, i.product]), [['hoodie-xl', 'hoodie'], ['cap', undefined]]);
  assert.deepEqual(await axeViolations(page, '#live cartlift-bundles'), []);
  // The socks, offered to close the gap, come in colours: Natur sold out, Grau picked and added.
  const colour = page.locator('#live cartlift-shipping-bar [data-offer=socks] select[part=variant]');
  assert.deepEqual(await colour.evaluate((s) => [...s.options].map((o) => [o.value, o.disabled])), [['Schwarz', false], ['Grau', false], ['Natur', true]]);
  await colour.selectOption('Grau');
  await page.waitForFunction(() => document.querySelector('#live cartlift-shipping-bar').shadowRoot.querySelector('[data-offer=socks] select').value === 'Grau');
  const socks = page.evaluate(() => new Promise((resolve) => document.addEventListener('cartlift:add-to-cart', (e) => resolve(e.detail.items), { once: true })));
  await page.locator('#live cartlift-shipping-bar [data-offer=socks] button').click();
  assert.deepEqual((await socks).map((i) => [i.id, i.product]), [['socks-grau', 'socks']]);
  assert.deepEqual(await axeViolations(page, '#live cartlift-shipping-bar'), []);
  await screenshot(page, 'preview-variants');
  assert.deepEqual(problems, []);
});

