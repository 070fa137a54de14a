// What a shop developer relies on (issue: trust): answers before the wasm arrives, a `ready`
// that settles, custom states, keyboard focus that stays on the product chosen, and no
// accessibility violation inside the widgets.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, open, events, eventsOnce, setConfigText } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('setCart answers truly before the wasm has loaded, and the wasm then explains each refusal', async () => {
  const { page, problems } = await open(browser, '/pages/early.html');
  const early = await page.evaluate(() => window.early);
  assert.equal(early.loaded, false, 'the calls were made before the wasm arrived');
  assert.deepEqual(early.answers, [false, false, false, false, true]);
  const errors = await eventsOnce(page, 'cartlift:error', 4);
  assert.deepEqual(errors.map((e) => e.errors[0].code), ['wrong_type', 'wrong_type', 'unknown_currency', 'unknown_key']);
  assert.equal(errors[3].errors[0].path, 'items[0].colour');
  // The good cart, given before the wasm, is the one shown.
  await page.waitForFunction(() => document.querySelector('cartlift-shipping-bar').shadowRoot?.querySelector('[part=message]')?.textContent.includes('$25.00'));
  assert.deepEqual(problems, []);
});

test('ready rejects with every problem when the page\'s config is refused, and unawaited it raises nothing', async () => {
  const { page, problems } = await open(browser, '/pages/bad-config.html?await');
  await page.waitForFunction(() => window.readyOutcome);
  const outcome = await page.evaluate(() => window.readyOutcome);
  assert.equal(outcome.name, 'AggregateError');
  assert.equal(outcome.errors[0].code, 'bad_amount');
  assert.equal(outcome.errors[0].path, 'products[0].price');
  assert.equal(outcome.errors[0].line, 2);
  // The element's custom state says so, and its fallback shows.
  assert.equal(await page.locator('cartlift-shipping-bar').evaluate((el) => el.matches(':state(error)')), true);
  assert.equal(await page.locator('#fallback').isVisible(), true);

  const quiet = await open(browser, '/pages/bad-config.html');
  await eventsOnce(quiet.page, 'cartlift:error', 1);
  // An unhandled rejection is reported in a task after the one that rejected: two tasks on.
  await quiet.page.evaluate(() => new Promise((r) => { setTimeout(() => setTimeout(r)); }));
  assert.deepEqual(await events(quiet.page, 'unhandledrejection'), []);
  assert.deepEqual([...problems, ...quiet.problems], []);
});

test('each element says fallback, then rendered, as a custom state themes can style', async () => {
  const { page, problems } = await open(browser, '/pages/lazy.html');
  const state = (sel) => page.locator(sel).evaluate((el) => ['fallback', 'rendered', 'error'].filter((s) => el.matches(`:state(${s})`)));
  await page.waitForFunction(() => document.querySelector('#top').shadowRoot?.querySelector('[part=message]'));
  assert.deepEqual(await state('#top'), ['rendered']);
  // Far below the fold and not yet mounted: still its fallback.
  assert.deepEqual(await state('#far'), ['fallback']);
  await page.evaluate(() => document.querySelector('#far').scrollIntoView());
  await page.waitForFunction(() => document.querySelector('#far').matches(':state(rendered)'));
  assert.deepEqual(problems, []);
});

test('with the keyboard, Enter adds the product whose button has focus even after the suggestions reorder', async () => {
  const { page, problems } = await open(browser, '/');
  const fillers = () => page.evaluate(() => [...document.querySelector('cartlift-shipping-bar').shadowRoot.querySelectorAll('.filler-title')].map((t) => t.textContent));
  await page.evaluate(() => window.demoCart.add('tshirt'));
  await page.waitForFunction(() => document.querySelector('cartlift-shipping-bar').shadowRoot.querySelectorAll('[part=filler]').length === 2);
  // $25 in the cart, $50 to go: the $50 mouse closes it, the $40 stand comes closest below.
  assert.deepEqual(await fillers(), ['Wireless Mouse', 'Laptop Stand']);
  await page.locator('cartlift-shipping-bar').getByRole('button', { name: 'Add: Wireless Mouse' }).focus();
  // The cart changes under the focused button: a $12 cable, $38 to go, and the stand now
  // comes first.
  await page.evaluate(() => window.demoCart.add('cable'));
  await page.waitForFunction(() => document.querySelector('cartlift-shipping-bar').shadowRoot.querySelector('.filler-title').textContent === 'Laptop Stand');
  assert.deepEqual(await fillers(), ['Laptop Stand', 'Wireless Mouse']);
  await page.keyboard.press('Enter');
  const [added] = await eventsOnce(page, 'cartlift:add-to-cart', 1);
  assert.equal(added.items[0].id, 'mouse');
  assert.deepEqual(problems, []);
});

// axe-core over every element, on the page's layouts and in both directions.
const AXE = readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
for (const [name, path, viewport] of [
  ['the demo shop, wide', '/', { width: 1280, height: 900 }],
  ['the demo shop on a phone', '/', { width: 320, height: 720 }],
  ['a right-to-left page', '/pages/rtl.html', { width: 1280, height: 900 }],
  ['a right-to-left page on a phone', '/pages/rtl.html', { width: 320, height: 720 }],
  ['every element of a plain page', '/pages/plain.html', { width: 1280, height: 900 }],
]) {
  test(`axe finds nothing inside the widgets: ${name}`, async () => {
    const { page, problems } = await open(browser, path, viewport);
    // Something in every widget, and every widget mounted (the page is short enough).
    await page.evaluate(() => window.demoCart?.add('laptop'));
    // Elements far below the fold render when scrolled near: bring each into view in turn.
    const count = await page.locator('cartlift-shipping-bar, cartlift-bundles, cartlift-upsell, cartlift-tiers').count();
    for (let i = 0; i < count; i += 1) {
      await page.evaluate((n) => document.querySelectorAll('cartlift-shipping-bar, cartlift-bundles, cartlift-upsell, cartlift-tiers')[n].scrollIntoView(), i);
      await page.waitForFunction((n) => document.querySelectorAll('cartlift-shipping-bar, cartlift-bundles, cartlift-upsell, cartlift-tiers')[n].matches(':state(rendered)'), i);
    }
    await page.addScriptTag({ content: AXE });
    const found = await page.evaluate(async () => {
      // `region` is about the page's own landmarks, which the page decides, not the widget;
      // WCAG 2.5.3 (a control's name holds its visible words) is an experimental rule, so asked for.
      const result = await window.axe.run(document, { resultTypes: ['violations'], rules: { region: { enabled: false }, 'label-content-name-mismatch': { enabled: true } } });
      // Inside a shadow root, a node's target is the path of hosts down to it.
      return result.violations.flatMap((v) => v.nodes
        .filter((n) => Array.isArray(n.target[0]) || String(n.target[0]).startsWith('cartlift-'))
        .map((n) => `${v.id} (${v.impact}): ${JSON.stringify(n.target)} ${n.failureSummary}`));
    });
    assert.deepEqual(found, []);
    assert.deepEqual(problems, []);
  });
}

test('the merchant preview\'s snippet never carries the sample cart, and a problem puts the caret on its line', async () => {
  const { page, problems } = await open(browser, '/preview.html?example=coffee');
  await page.waitForFunction(() => document.querySelector('#snippet').value.includes('cartlift-config'));
  const snippet = await page.locator('#snippet').inputValue();
  assert.doesNotMatch(snippet, /"cart"/);
  // The sample cart is in its own editor, and the widgets show it.
  assert.match(await page.locator('#cart').inputValue(), /"items"/);
  await page.waitForFunction(() => document.querySelector('cartlift-shipping-bar').shadowRoot.querySelector('[part=message]').textContent.includes('21.50'));
  // A cart pasted into the config itself is cut from the snippet too, every digit else kept.
  await setConfigText(page, '{"currency":"USD","products":[{"id":"a","title":"A","price":"0.30000000000000001"}],"cart":{"currency":"USD","items":[]}}');
  await page.waitForFunction(() => document.querySelector('#snippet').value.includes('0.30000000000000001'));
  assert.doesNotMatch(await page.locator('#snippet').inputValue(), /"cart"/);
  // That price has too many decimals: the problem names line 1 and its column, and the
  // button puts the caret there.
  const go = page.locator('#errors button.go');
  await go.waitFor();
  assert.match(await page.locator('#errors li').first().textContent(), /products\[0\]\.price: .* has more than 2 decimals/);
  await go.click();
  const caret = await page.locator('#config').evaluate((t) => t.selectionStart);
  assert.equal(caret, '{"currency":"USD","products":[{"id":"a","title":"A",'.length);
  assert.deepEqual(problems, []);
});

test('the merchant preview says which bundles the sample cart does not get, and why', async () => {
  const { page, problems } = await open(browser, '/preview.html');
  await page.waitForFunction(() => document.querySelector('#config').value.includes('office-2'));
  // The laptop on sale at $900: the $950 laptop + mouse bundle would save nothing.
  await page.locator('#cart').fill('{"currency":"USD","items":[{"id":"laptop","quantity":1,"price":"900.00"}]}');
  // The returning shoppers' bundle is listed from the start; the sale adds office-2.
  await page.waitForFunction(() => document.querySelectorAll('#left-out li').length === 2);
  assert.deepEqual((await page.locator('#left-out li').allTextContents()).sort(), [
    'Bundle "office-2" is not shown: at the cart\'s prices it saves nothing.',
    'Bundle "welcome-back" is not shown: it is only for shoppers in "returning", and this browser is not one of them.',
  ]);
  assert.deepEqual(problems, []);
});

test('the German and Arabic examples speak their language, plural forms and all', async () => {
  const { page, problems } = await open(browser, '/preview.html?example=apparel');
  const shadow = (sel) => page.evaluate((s) => document.querySelector(s).shadowRoot.querySelector('.root').innerText.replace(/\s+/g, ' ').trim(), sel);
  await page.waitForFunction(() => document.querySelector('cartlift-bundles').shadowRoot?.querySelector('caption')?.textContent === 'Wird oft zusammen gekauft');
  await page.selectOption('#product', 'tee');
  await page.waitForFunction(() => document.querySelector('cartlift-tiers').shadowRoot.querySelector('[part=nudge]').textContent.length > 0);
  // Two shirts in the sample cart: one more reaches 15%.
  assert.match(await shadow('cartlift-tiers'), /Noch 1 Shirt mehr und du sparst 15 %/);
  // The shirt's tiers are a selector: its quantities, the merchant's badge chosen.
  assert.match(await shadow('cartlift-tiers'), /2 kaufen/);
  assert.match(await shadow('cartlift-tiers'), /Beliebt/);
  assert.match(await shadow('cartlift-tiers'), /3 in den Warenkorb/);

  await page.selectOption('#example', 'arabic');
  await page.waitForFunction(() => document.querySelector('#status').textContent === 'The config is valid.');
  await page.selectOption('#product', 'bakhoor');
  for (const [n, words] of [[1, 'أضف قطعتين'], [2, 'أضف قطعة واحدة'], [0, 'قطع لتوفير']]) {
    await page.locator('#cart').fill(JSON.stringify({ currency: 'AED', items: n ? [{ id: 'bakhoor', quantity: n }] : [] }));
    await page.waitForFunction((w) => document.querySelector('cartlift-tiers').shadowRoot.querySelector('[part=nudge]').textContent.includes(w), words);
  }
  assert.match(await shadow('cartlift-bundles'), /يُشترى معًا غالبًا/);
  assert.deepEqual(problems, []);
});

test('the merchant preview measures the space each element of the config takes, as CSS for the theme', async () => {
  const { page, problems } = await open(browser, '/preview.html');
  await page.waitForFunction(() => document.querySelector('#reserve').value.includes('cartlift-bundles[product="laptop"]'));
  const css = await page.locator('#reserve').inputValue();
  // Two bundles for the laptop: stacked cards on a phone are taller than the table.
  const rule = (indent) => new RegExp(`^${indent}cartlift-bundles\\[product="laptop"\\]:not\\(:state\\(rendered\\), :state\\(error\\)\\):not\\(\\[hidden\\]\\) \\{ min-height: ([\\d.]+)em; \\}$`, 'm');
  const phone = Number(rule('').exec(css)[1]);
  const wide = Number(rule(' {2}').exec(css)[1]);
  assert.ok(phone > wide && wide > 5, css);
  // On a page where cartlift has not run yet, the rules hold the space, even with cartlift.css
  // linked after them.
  const { page: blank } = await open(browser, '/pages/plain.html');
  const held = await blank.evaluate(async (rules) => {
    document.querySelectorAll('script, cartlift-shipping-bar, cartlift-bundles, cartlift-upsell, cartlift-tiers').forEach((e) => e.remove());
    const frame = document.createElement('iframe');
    frame.style.cssText = 'width: 375px; height: 800px; border: 0';
    frame.srcdoc = `<!doctype html><style>body { margin: 16px; font-size: 16px }</style><style>${rules}</style><link rel="stylesheet" href="${location.origin}/cartlift/cartlift.css"><cartlift-bundles product="laptop"></cartlift-bundles>`;
    document.body.append(frame);
    await new Promise((r) => { frame.onload = r; });
    return frame.contentDocument.querySelector('cartlift-bundles').getBoundingClientRect().height / 16;
  }, css);
  assert.ok(Math.abs(held - phone) < 0.05, `held ${held}em, measured ${phone}em`);
  assert.match(css, /cartlift-tiers\[product="tshirt"\]/);
  assert.match(await page.locator('#snippet').inputValue(), /^<link rel="stylesheet" href="\/cartlift\/cartlift.css">/);
  assert.deepEqual(problems, []);
});
