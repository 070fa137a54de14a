// How often the page calls into cartlift's wasm (docs/architecture.md, "Crossings, counted"):
// a `setCart` is one call, a click on a widget none beyond the click itself (its handler is a
// closure of the wasm's), and nothing asks for the whole quote (`state`) to complete an event,
// to see a goal reached or to claim a shopper's offers on a platform's cart: the wasm tells
// those facts itself when its figures change. Counted by wrapping the exports the bindings are
// handed, before any of the page's scripts run; only the named exports (the bindings' API,
// `src/lib.rs` and `src/platform.rs`) are counted, not the glue's own.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, BASE } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** In the page, before its scripts: every call of a named export is pushed to `__crossings`. */
const counting = () => {
  window.__crossings = [];
  const instantiate = WebAssembly.instantiateStreaming;
  WebAssembly.instantiateStreaming = async (...args) => {
    const made = await instantiate.apply(WebAssembly, args);
    const exports = {};
    for (const [name, value] of Object.entries(made.instance.exports)) {
      // The glue's own exports are renamed `$…` by dist's shrinking; memory is not a function.
      exports[name] = typeof value === 'function' && /^[a-z]/i.test(name)
        ? (...a) => { window.__crossings.push(name); return value(...a); }
        : value;
    }
    return { module: made.module, instance: { exports } };
  };
};

/** A page of the demo counting its calls into the wasm, ready, the count started afresh once
 * what the load made has settled. */
async function counted(path) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(counting);
  // A page with only the snippet: nothing of its own calls cartlift (the demo shop reads
  // `state()` for its summary, which is the page's call, not cartlift's).
  await context.route(/\/crossings\.html/, async (route) => route.fulfill({
    contentType: 'text/html',
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Crossings</title>
<script type="module" src="/cartlift/cartlift.js"></script>
<script type="application/json" id="cartlift-config">${await (await fetch(`${BASE}/configs/electronics.json`)).text()}</script>
</head><body><cartlift-shipping-bar></cartlift-shipping-bar><cartlift-bundles product="laptop"></cartlift-bundles></body></html>`,
  }));
  const { page, problems } = await open(context, path);
  await settled(page);
  const loaded = await page.evaluate(() => window.__crossings.splice(0));
  return { context, page, problems, loaded };
}

/** Once the microtasks of the last change (the wasm's effects) and a task after them ran. */
const settled = (page) => page.evaluate(() => new Promise((resolve) => { setTimeout(resolve, 0); }));
const crossings = (page) => page.evaluate(() => window.__crossings);

test("a page's setCart is one call into the wasm, and the goal it reaches is told without another", async () => {
  const { context, page, problems } = await counted('/crossings.html');
  await page.evaluate(() => {
    window.__goals = [];
    document.addEventListener('cartlift:goal-reached', (e) => window.__goals.push(e.detail));
    cartlift.setCart({ currency: 'USD', items: [{ id: 'stand', quantity: 2 }] }); // $80: free shipping
  });
  await page.waitForFunction(() => window.__goals.length > 0);
  await settled(page);
  assert.deepEqual(await crossings(page), ['setCart']);
  assert.equal((await page.evaluate(() => window.__goals))[0].goal.reward, 'free shipping');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a goal-reached listener that sets the cart again is heard, and the cart it sets is drawn, without an error', async () => {
  const { context, page, problems } = await counted('/crossings.html');
  await page.evaluate(() => {
    window.__goals = [];
    document.addEventListener('cartlift:goal-reached', (e) => {
      window.__goals.push(e.detail);
      // The page answers at once, from inside the event: two more stands.
      cartlift.setCart({ currency: 'USD', items: [{ id: 'stand', quantity: 4 }] }); // $160: the tote bag too
    });
    cartlift.setCart({ currency: 'USD', items: [{ id: 'stand', quantity: 2 }] }); // $80: free shipping
  });
  await page.waitForFunction(() => window.__goals.length >= 2);
  assert.deepEqual((await page.evaluate(() => window.__goals)).map((g) => g.goal.reward), ['free shipping', 'a free tote bag']);
  await page.waitForFunction(() => (document.querySelector('cartlift-shipping-bar')?.shadowRoot?.querySelector('[part=message]')?.textContent ?? '').includes('unlocked'));
  assert.deepEqual(problems, []);
  assert.deepEqual(await page.evaluate(() => window.__events.filter((e) => e.name === 'unhandledrejection' || e.name === 'cartlift:error')), []);
  await context.close();
});

test('an "Add bundle" click calls nothing in the wasm beyond its own handler, and its event names its source whole', async () => {
  const { context, page, problems } = await counted('/crossings.html');
  await page.locator('cartlift-bundles [part=add]').first().click();
  await page.waitForFunction(() => window.__events.some((e) => e.name === 'cartlift:add-to-cart'));
  await settled(page);
  assert.deepEqual(await crossings(page), []);
  const [added] = await page.evaluate(() => window.__events.filter((e) => e.name === 'cartlift:add-to-cart').map((e) => e.detail));
  assert.equal(added.source.widget, 'bundles');
  assert.equal(added.source.experiment, 'free-shipping-threshold', "the shopper's experiment, from the wasm's facts");
  assert.equal(added.source.variant, 'control');
  assert.deepEqual(problems, []);
  await context.close();
});

test('on Shopify, the config is parsed once, and an "Add bundle" click reads the new cart once and sets it once: none of it for the quote', async () => {
  const { context, page, problems, loaded } = await counted('/shopify.html');
  // The adapter's config crosses once, to `configure`: the wasm parses it there for the
  // widgets and keeps what the mapping reads of it for every cart it reads; the adapter takes
  // the mapping's pairs without handing the text again, and the shopper's currency converts
  // the config taken.
  const times = (name) => loaded.filter((n) => n === name).length;
  assert.equal(times('configure'), 1, loaded.join(' '));
  assert.equal(times('platform_config'), 1, loaded.join(' '));
  assert.equal(times('market'), 1, loaded.join(' '));
  await page.locator('cartlift-bundles [part~=add]').first().click();
  await page.waitForFunction(() => window.__events.some((e) => e.name === 'cartlift:add-to-cart'));
  // The adapter re-reads the platform's cart once its write has settled.
  await page.waitForFunction(() => window.__crossings.includes('setCart'));
  await settled(page);
  assert.deepEqual(await crossings(page), ['read_cart', 'setCart']);
  assert.deepEqual(problems, []);
  await context.close();
});

test('on Shopify, a config the page gives later crosses once with its text: configure parses it for the widgets and the mapping both', async () => {
  const { context, page, problems } = await counted('/shopify.html');
  const taken = await page.evaluate(() => {
    const config = JSON.parse(document.getElementById('cartlift-config').textContent);
    config.shipping_bar.goals[0].threshold = '100.00';
    return cartlift.configure(JSON.stringify(config));
  });
  assert.equal(taken, true);
  await page.waitForFunction(() => window.__crossings.includes('platform_config'));
  await settled(page);
  // The adapter takes the mapping's pairs from the parse `configure` made; the market has not
  // moved, so nothing is converted again.
  assert.deepEqual(await crossings(page), ['configure', 'platform_config']);
  assert.deepEqual(problems, []);
  await context.close();
});
