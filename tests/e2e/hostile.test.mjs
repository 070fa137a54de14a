// Hostile and odd pages (issue: hardening): no uncaught error or unhandled rejection on any of
// them, and the figures stay right.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, events, eventsOnce, screenshot, BASE, asControl } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const message = (page, selector = 'cartlift-shipping-bar') => page.evaluate((s) => document.querySelector(s)?.shadowRoot?.querySelector('[part=message]')?.textContent ?? null, selector);
const rowTexts = (page, selector = 'cartlift-bundles') => page.evaluate((s) => [...document.querySelector(s).shadowRoot.querySelectorAll('[part~=row]')].map((r) => r.innerText.replace(/\s+/g, ' ').replace(/^ | $/g, '')), selector);

async function laptopCartIsRight(page) {
  await page.waitForFunction(() => document.querySelector('cartlift-upsell')?.shadowRoot?.querySelector('label'));
  assert.equal(await message(page), "You've unlocked a free tote bag!");
  const rows = await rowTexts(page);
  assert.equal(rows.length, 2);
  assert.match(rows[0], /\$1,050\.00 \$950\.00 \$100\.00 \(9\.52%\)/);
  assert.equal(await page.evaluate(() => document.querySelector('cartlift-tiers').shadowRoot.querySelector('[part=nudge]').textContent), 'Add 1 more to save 20%');
}

test('a global `all: unset` reset and !important rules do not reach inside', async () => {
  const { page, problems } = await open(browser, '/pages/reset.html');
  await laptopCartIsRight(page);
  const styles = await page.evaluate(() => {
    const root = document.querySelector('cartlift-bundles').shadowRoot;
    const add = getComputedStyle(root.querySelector('[part=add]'));
    const table = getComputedStyle(root.querySelector('table'));
    return { addVisible: add.visibility, addColor: add.color, addBackground: add.backgroundColor, table: table.display, size: getComputedStyle(root.querySelector('caption')).fontSize };
  });
  // None of the page's red, yellow, 30 px or hidden reaches the widget's own elements.
  assert.equal(styles.addVisible, 'visible');
  assert.notEqual(styles.addColor, 'rgb(255, 0, 0)');
  assert.notEqual(styles.addBackground, 'rgb(255, 255, 0)');
  assert.equal(styles.table, 'table');
  assert.notEqual(styles.size, '30px');
  await screenshot(page, 'hostile-reset');
  assert.deepEqual(problems, []);
});

test('extended prototypes and a wrapped fetch change nothing', async () => {
  const { page, problems } = await open(browser, '/pages/prototypes.html');
  await laptopCartIsRight(page);
  // The wasm and the config, both through the page's wrapper.
  assert.equal(await page.evaluate(() => window.fetchCalls), 2);
  const state = await page.evaluate(() => window.cartlift.state());
  assert.equal(state.subtotal.amount, '1050.00');
  assert.deepEqual(problems, []);
});

test('a strict CSP with Trusted Types required: everything renders, nothing is refused', async () => {
  const page = await browser.newPage();
  const violations = [];
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => { if (/Content Security Policy|TrustedHTML|Trusted Type/i.test(m.text())) violations.push(m.text()); });
  await page.goto(BASE + asControl('/pages/csp-strict.html'));
  await laptopCartIsRight(page);
  assert.deepEqual(violations, []);
  assert.deepEqual(problems, []);
});

test('a CSP without wasm-unsafe-eval keeps the fallback and says why once, without an uncaught error', async () => {
  const page = await browser.newPage();
  const warnings = [];
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => { if (m.text().startsWith('cartlift:')) warnings.push(m.text()); });
  await page.goto(BASE + asControl('/pages/csp-no-wasm.html'));
  await page.waitForFunction(() => window.cartlift !== undefined);
  // `ready` rejects once cartlift has given up, right after its one warning.
  assert.equal(await page.evaluate(() => cartlift.ready.then(() => 'ready', () => 'refused')), 'refused');
  await page.evaluate(() => new Promise((r) => { setTimeout(r); }));
  assert.equal(warnings.length, 1, warnings.join('\n'));
  assert.match(warnings[0], /wasm-unsafe-eval/);
  assert.equal(await page.locator('#fallback-bar').isVisible(), true);
  // The page's own calls do not throw either.
  assert.equal(await page.evaluate(() => window.cartlift.setCart({ currency: 'USD', items: [] })), true);
  assert.equal(await page.evaluate(() => window.cartlift.state()), null);
  assert.deepEqual(problems, []);
});

for (const [when, query] of [['before the wasm starts', ''], ['after it has started', '?late']]) test(`fifty elements added ${when} all render the same cart`, async () => {
  // Added in one go, they are judged together while empty, so each renders at once.
  const { page, problems } = await open(browser, `/pages/many.html${query}`);
  await page.waitForFunction(() => {
    const upsells = [...document.querySelectorAll('cartlift-upsell')];
    return upsells.length === 10 && upsells.every((e) => e.shadowRoot?.querySelector('label'));
  });
  const counts = await page.evaluate(() => ({
    elements: document.querySelectorAll('cartlift-shipping-bar, cartlift-bundles, cartlift-upsell, cartlift-tiers').length,
    bars: [...document.querySelectorAll('cartlift-shipping-bar')].map((e) => e.shadowRoot.querySelector('[part=message]').textContent),
    laptopRows: [...document.querySelectorAll('cartlift-bundles[product=laptop]')].map((e) => e.shadowRoot.querySelectorAll('[part~=row]').length),
  }));
  assert.equal(counts.elements, 50);
  assert.deepEqual([...new Set(counts.bars)], ["You've unlocked a free tote bag!"]);
  assert.deepEqual([...new Set(counts.laptopRows)], [2]);
  assert.deepEqual(problems, []);
});

test('an Arabic right-to-left page formats and fills from the right', async () => {
  const { page, problems } = await open(browser, '/pages/rtl.html');
  await page.waitForFunction(() => document.querySelector('cartlift-shipping-bar').shadowRoot?.querySelector('[part=message]')?.textContent.length > 0);
  // The config's sample cart: 2 × 95.00 of 300.00.
  assert.match(await message(page), /^أضف .*110\.00.* للحصول على توصيل مجاني$/);
  const [fill, bar] = await Promise.all(['[part=fill]', '[part=bar]'].map((s) => page.locator(`cartlift-shipping-bar ${s}`).boundingBox()));
  await page.evaluate(() => window.cartlift.setCart({ currency: 'AED', items: [{ id: 'oud', quantity: 1 }] }));
  await page.waitForFunction(() => document.querySelector('cartlift-shipping-bar').shadowRoot.querySelector('[part=message]').textContent.includes('60.00'));
  // The fill grows (through its 300 ms transition) and stays anchored on the right.
  await page.waitForFunction((before) => document.querySelector('cartlift-shipping-bar').shadowRoot.querySelector('[part=fill]').getBoundingClientRect().width > before + 1, fill.width);
  const after = await page.locator('cartlift-shipping-bar [part=fill]').boundingBox();
  assert.ok(Math.abs((after.x + after.width) - (bar.x + bar.width)) <= 2, 'the fill is anchored on the right');
  assert.deepEqual(problems, []);
});

test('payloads in every text field of the config and the cart render as inert text', async () => {
  const { page, problems } = await open(browser, '/pages/xss.html');
  await page.waitForFunction(() => document.querySelector('cartlift-upsell')?.shadowRoot?.querySelector('label'));
  // Every widget drawn: the checks below read what they drew (a payload that became a tag or
  // a handler would be found there, whether or not it ever ran).
  await page.waitForFunction(() => [...document.querySelectorAll('cartlift-shipping-bar, cartlift-bundles, cartlift-upsell, cartlift-tiers')].every((e) => e.matches(':state(rendered)')));
  const found = await page.evaluate(() => {
    const roots = [...document.querySelectorAll('cartlift-shipping-bar, cartlift-bundles, cartlift-upsell, cartlift-tiers')].map((e) => e.shadowRoot);
    const all = roots.flatMap((r) => [...r.querySelectorAll('*')]);
    return {
      xss: window.__xss ?? null,
      tags: [...new Set(all.map((e) => e.tagName.toLowerCase()))].sort(),
      handlers: all.flatMap((e) => [...e.attributes].map((a) => a.name)).filter((n) => n.startsWith('on')),
      text: roots.map((r) => r.textContent).join(' '),
      links: all.filter((e) => e.hasAttribute('href')).map((e) => e.getAttribute('href')),
      sources: all.filter((e) => e.hasAttribute('src')).map((e) => e.getAttribute('src')),
    };
  });
  assert.equal(found.xss, null);
  assert.deepEqual(found.handlers, []);
  assert.deepEqual(found.links, []);
  assert.deepEqual(found.sources, []);
  for (const tag of found.tags) assert.ok(['a', 'button', 'caption', 'code', 'div', 'fieldset', 'img', 'input', 'label', 'legend', 'li', 'p', 's', 'slot', 'span', 'strong', 'table', 'tbody', 'td', 'th', 'thead', 'tr', 'ul'].includes(tag), `unexpected <${tag}>`);
  assert.ok(found.text.includes('<img src=x onerror="window.__xss=1">'), 'the payload shows as text');
  assert.ok(found.text.includes('<script>window.__xss=3</script>'));
  // Hovering and clicking everything runs nothing either.
  for (const el of await page.locator('cartlift-bundles [part=add], cartlift-shipping-bar [part=filler] button').all()) await el.click();
  assert.equal(await page.evaluate(() => window.__xss ?? null), null);
  await screenshot(page, 'hostile-xss');
  assert.deepEqual(problems, []);
});

test('javascript: and data: URLs in images and links are refused with their paths', async () => {
  const { page, problems } = await open(browser, '/pages/xss.html');
  await page.evaluate(() => {
    const c = structuredClone(window.xssConfig);
    c.products[0].image = 'javascript:window.__xss=7';
    c.products[1].url = ' JaVa\tScRiPt:window.__xss=8';
    c.products[2].image = 'data:image/svg+xml,<svg onload=window.__xss=9>';
    c.bundles[0].url = 'vbscript:x';
    window.__events.length = 0;
    window.cartlift.configure(c);
  });
  const errors = (await eventsOnce(page, 'cartlift:error', 1)).flatMap((d) => d.errors.map((x) => x.path));
  assert.deepEqual(errors, ['products[0].image', 'products[1].url', 'products[2].image', 'bundles[0].url']);
  assert.equal(await page.evaluate(() => window.__xss ?? null), null);
  assert.deepEqual(problems, []);
});

test('bad carts from the page are refused one by one, each with an event, and the last good cart stays', async () => {
  const { page, problems } = await open(browser, '/pages/plain.html');
  await page.waitForFunction(() => document.querySelector('cartlift-shipping-bar').shadowRoot?.querySelector('[part=message]')?.textContent.includes('tote'));
  const results = await page.evaluate(() => {
    const bad = [
      null, undefined, 'cart', 42, [], { currency: 'USD' },
      { currency: 'USD', items: [{ id: 'mouse', quantity: -1 }] },
      { currency: 'USD', items: [{ id: 'mouse', quantity: 1.5 }] },
      { currency: 'USD', items: [{ id: 'mouse', quantity: NaN }] },
      { currency: 'USD', items: [{ id: 'mouse', quantity: 1e300 }] },
      { currency: 'USD', items: [{ id: 'mouse', quantity: 2, price: '1e30' }] },
      { currency: 'USD', items: [{ id: 'nope', quantity: 1 }] },
      { currency: 'XYZ', items: [] },
      { currency: 'EUR', items: [] },
      { currency: 'USD', items: [{ id: 'mouse', quantity: '2' }] },
      { currency: 'USD', items: [{ id: 'mouse', quantity: 1, price: 'free' }] },
      { currency: 'USD', items: [{ id: 'mouse', quantity: 1n }] },
    ];
    window.__events.length = 0;
    return { taken: bad.map((c) => window.cartlift.setCart(c)) };
  });
  results.errors = (await eventsOnce(page, 'cartlift:error', 17)).map((d) => d.errors[0]);
  assert.deepEqual(results.taken, Array(17).fill(false));
  assert.equal(results.errors.length, 17);
  for (const e of results.errors) assert.ok(e.path && e.message, JSON.stringify(e));
  assert.equal(results.errors[6].path, 'items[0].quantity');
  assert.equal(results.errors[11].path, 'items[0].id');
  assert.equal(await message(page), "You've unlocked a free tote bag!");
  assert.deepEqual(problems, []);
});

for (const [what, respond, expected] of [
  ['fails with 404', (route) => route.fulfill({ status: 404, body: 'not found' }), /HTTP 404/],
  ['fails with 500 (retried once)', (route) => route.fulfill({ status: 500, body: 'oops' }), /HTTP 500/],
  ['returns HTML', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><p>Login</p>' }), /HTML, not a JSON config/],
  ['returns an empty body', (route) => route.fulfill({ status: 200, body: '' }), /empty body/],
  ['returns broken JSON', (route) => route.fulfill({ status: 200, body: '{"currency": "USD", ' }), /not valid JSON/],
  ['cannot be reached', (route) => route.abort('connectionrefused'), /could not be fetched/],
]) {
  test(`a data-src config endpoint that ${what}: a clear error, the fallback stays, one retry at most`, async () => {
    const page = await browser.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(e.message));
    let requests = 0;
    await page.route('**/configs/electronics.json', (route) => { requests += 1; return respond(route); });
    await page.addInitScript(() => { window.__errors = []; document.addEventListener('cartlift:error', (e) => window.__errors.push(e.detail.errors)); });
    await page.goto(BASE + asControl('/pages/plain.html'));
    await page.waitForFunction(() => window.__errors.length > 0, null, { timeout: 30000 });
    const [errors] = await page.evaluate(() => window.__errors);
    assert.equal(errors.length, 1);
    assert.match(errors[0].message, expected);
    assert.ok(requests <= 2, `${requests} requests`);
    assert.equal(await page.evaluate(() => document.querySelector('cartlift-shipping-bar').shadowRoot.querySelector('slot').hidden), false);
    assert.deepEqual(problems, []);
  });
}

test('a slow config endpoint is given up after its timeout, tried once more, then reported', async () => {
  const page = await browser.newPage();
  let requests = 0;
  await page.route('**/configs/electronics.json', () => { requests += 1; /* never answers */ });
  await page.addInitScript(() => { window.__errors = []; document.addEventListener('cartlift:error', (e) => window.__errors.push(e.detail.errors)); });
  await page.goto(BASE + asControl('/pages/plain.html'));
  await page.waitForFunction(() => window.__errors.length > 0, null, { timeout: 30000 });
  const [errors] = await page.evaluate(() => window.__errors);
  assert.match(errors[0].message, /took longer than 8 seconds/);
  assert.equal(requests, 2);
});
