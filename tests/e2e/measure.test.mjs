// Measurement (issue: prove the lift, spec §9) as a shop sees it: offers seen for a second
// are impressions, once per page view; a goal reached and an order are events; every event
// names its segment and variant; with `data-collect` the demo shop's session reaches a
// running `cartlift collect` and `cartlift report` shows it; without `data-collect`, or
// without consent, nothing is sent; a collector that cannot take beacons grows no queue.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, open, events, asControl, Shop } from './browser.mjs';

const CLI = process.env.CARTLIFT_CLI ?? new URL('../../target/debug/cartlift', import.meta.url).pathname;
const XTASK = process.env.CARTLIFT_XTASK ?? new URL('../../target/debug/xtask', import.meta.url).pathname;

let browser;
let collector;
let shop;
let db;
const children = [];

/** A port nobody listens on now. */
const freePort = () => new Promise((resolve, reject) => {
  const s = createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  s.on('error', reject);
});

/** Starts `cmd args`; resolves with the first URL it prints (on stdout or stderr). */
function started(cmd, args) {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    const read = (d) => {
      out += d;
      const m = out.match(/http:\/\/127\.0\.0\.1:[1-9]\d*\/\S*/);
      if (m) resolve(m[0]);
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code) => reject(new Error(`${cmd} exited (${code}): ${out}`)));
  });
}

before(async () => {
  browser = await launch();
  db = join(mkdtempSync(join(tmpdir(), 'cartlift-measure-')), 'events.sqlite');
  const port = await freePort();
  collector = await started(CLI, ['collect', '--db', db, '--port', '0', '--allow-origin', `http://127.0.0.1:${port}`, '--exit-after', '600']);
  shop = (await started(XTASK, ['serve', '--port', String(port), '--collect', collector, '--exit-after', '600'])).replace(/\/$/, '');
});
after(async () => {
  await browser?.close();
  for (const c of children) c.kill();
});

/** How many events the collector holds. */
const held = async () => (await (await fetch(new URL('/health', collector))).json()).events;

/** A page of the collecting shop, recording every cartlift event and every beacon. */
async function openCollecting(path, setup) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems = [];
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
  if (setup) await page.addInitScript(setup);
  await page.addInitScript(() => {
    window.__events = [];
    for (const name of ['cartlift:ready', 'cartlift:impression', 'cartlift:add-to-cart', 'cartlift:goal-reached', 'cartlift:order']) {
      document.addEventListener(name, (e) => window.__events.push({ name, detail: e.detail }));
    }
  });
  await page.goto(shop + asControl(path));
  await page.waitForFunction(() => window.__events.some((e) => e.name === 'cartlift:ready'));
  return { page, problems };
}

const named = (page, name) => page.evaluate((n) => window.__events.filter((e) => e.name === n).map((e) => e.detail), name);

/** Once cartlift's goal check for the last cart has run: it was queued (a task of its own,
 * after the burst of carts) when the page set the cart, so a task queued now runs after it. */
const afterGoalCheck = (page) => page.evaluate(() => new Promise((r) => { setTimeout(r); }));

/** Waits until the collector holds `n` events (beacons arrive a moment after they leave). */
async function collected(n) {
  for (let i = 0; i < 200 && (await held()) < n; i++) await new Promise((r) => setTimeout(r, 50));
  return held();
}

test('an offer below the fold is an impression only once it has been half visible for a second, and only once per page view', async () => {
  // The page's clock is Playwright's: the second is counted on it, not waited for.
  const context = await browser.newContext({ viewport: { width: 1280, height: 300 } });
  await context.clock.install();
  const { page, problems } = await open(context, '/');
  await page.evaluate(() => {
    window.__seen = [];
    document.addEventListener('cartlift:impression', (e) => window.__seen.push(e.detail));
  });
  const recommended = () => page.evaluate(() => window.__seen.filter((s) => s.source.widget === 'recommendations'));
  const rows = page.locator('cartlift-recommendations [part~=row]');
  // The clock stops here; from now on only runFor moves it.
  await page.clock.pauseAt(await page.evaluate(() => Date.now() + 1000));
  // The recommendations sit far below a 300-pixel window: not seen while the shopper stays up top.
  await page.clock.runFor(5000);
  assert.deepEqual(await recommended(), [], 'nothing below the fold is counted');
  // The shopper scrolls until the recommendations are just below the window (they render as
  // they come near), then to the first one, which counts a second after it is half in view.
  await page.evaluate(() => {
    const top = document.querySelector('cartlift-recommendations').getBoundingClientRect().top;
    window.scrollBy(0, top - innerHeight - 100);
  });
  await rows.first().waitFor();
  await page.evaluate(() => new Promise((resolve) => {
    const row = document.querySelector('cartlift-recommendations').shadowRoot.querySelector('[part~=row]');
    row.scrollIntoView({ block: 'center' });
    new IntersectionObserver((entries, o) => {
      if (entries.some((e) => e.intersectionRatio >= 0.5)) { o.disconnect(); resolve(); }
    }, { threshold: 0.5 }).observe(row);
  }));
  // cartlift's own observer has heard it too (observers hear a change in the order they
  // observe, and cartlift's observed first): 999 ms of the clock later, nothing yet.
  await page.clock.runFor(999);
  assert.deepEqual(await recommended(), [], 'not before a second');
  await page.clock.runFor(2);
  const [first] = await recommended();
  assert.ok(first, 'counted once a second has passed');
  assert.equal(first.source.offer, await rows.first().getAttribute('data-offer'));
  assert.equal(first.source.variant, 'control');
  // Away and back again: still one impression of each offer in this page view.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.clock.runFor(300);
  await rows.first().scrollIntoViewIfNeeded();
  await page.clock.runFor(1500);
  const keys = await page.evaluate(() => window.__seen.map((s) => `${s.source.widget} ${s.source.offer}`));
  assert.equal(new Set(keys).size, keys.length, `each offer once: ${keys.join(', ')}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('crossing $75 is one goal-reached event naming the goal; an order is one order event with its exact value', async () => {
  const { page, problems } = await open(browser, '/');
  const goals = () => page.evaluate(() => window.__goals);
  await page.evaluate(() => {
    window.__goals = [];
    window.__orders = [];
    document.addEventListener('cartlift:goal-reached', (e) => window.__goals.push(e.detail));
    document.addEventListener('cartlift:order', (e) => window.__orders.push(e.detail));
  });
  const shopPage = new Shop(page);
  await shopPage.add('Laptop Stand'); // $40: on the way
  await page.waitForFunction(() => document.querySelector('#sum-subtotal').textContent === '$40.00');
  await afterGoalCheck(page);
  assert.deepEqual(await goals(), []);
  await shopPage.add('Laptop Stand'); // $80: free shipping
  await page.waitForFunction(() => window.__goals.length > 0);
  const [goal] = await goals();
  assert.equal(goal.goal.reward, 'free shipping');
  assert.equal(goal.goal.threshold.amount, '75.00');
  assert.deepEqual(goal.source, { widget: 'shipping-bar', offer: 'free shipping', experiment: 'free-shipping-threshold', variant: 'control' });
  // A third stand reaches nothing new.
  await shopPage.add('Laptop Stand');
  await page.waitForFunction(() => document.querySelector('#sum-subtotal').textContent === '$120.00');
  await afterGoalCheck(page);
  assert.equal((await goals()).length, 1);
  const order = await page.evaluate(() => {
    cartlift.ordered({ currency: 'USD', items: [{ id: 'stand', quantity: 3 }, { id: 'cable', quantity: 1, price: '11.99' }] }, 'order-77');
    cartlift.ordered({ currency: 'USD', items: [{ id: 'stand', quantity: 3 }] }, 'order-77');
    return window.__orders;
  });
  assert.equal(order.length, 1, 'the same order id is one order');
  assert.deepEqual(order[0].order, { id: 'order-77', value: { amount: '131.99', minor: 13199, currency: 'USD' } });
  assert.deepEqual(order[0].items, [{ id: 'stand', quantity: 3 }, { id: 'cable', quantity: 1, price: '11.99' }]);
  assert.equal(order[0].source.widget, 'order');
  assert.deepEqual(problems, []);
});

test("an offer for returning shoppers names its segment in the shopper's add event", async () => {
  const { page, problems } = await open(browser, '/');
  await page.evaluate(() => cartlift.ordered({ currency: 'USD', items: [{ id: 'tshirt', quantity: 2, price: '25.00' }] }));
  const segment = await page.evaluate(() => cartlift.state().bundles.find((b) => b.id === 'welcome-back')?.segment);
  assert.equal(segment, 'returning');
  assert.equal(await page.evaluate(() => cartlift.state().bundles.find((b) => b.id === 'office-2').segment), null, 'a bundle for everyone has none');
  await page.locator('cartlift-bundles [data-offer=welcome-back] [part=add]').click();
  await page.waitForFunction(() => window.__events.some((e) => e.name === 'cartlift:add-to-cart'));
  const [added] = await events(page, 'cartlift:add-to-cart');
  assert.deepEqual(added.source, { widget: 'bundles', offer: 'welcome-back', segment: 'returning', experiment: 'free-shipping-threshold', variant: 'control' });
  assert.deepEqual(problems, []);
});

test('without data-collect the shop sends nothing, whatever the shopper does', async () => {
  const requests = [];
  const { page, problems } = await open(browser, '/');
  page.on('request', (r) => { if (r.method() !== 'GET') requests.push(`${r.method()} ${r.url()}`); });
  const shopPage = new Shop(page);
  await page.locator('cartlift-bundles [part~=row]').first().waitFor();
  await page.locator('cartlift-bundles [part=add]').first().click();
  await shopPage.add('Laptop Stand');
  await page.waitForFunction(() => window.__events.filter((e) => e.name === 'cartlift:add-to-cart').length >= 1);
  // Nothing that could send was loaded: measurement is its own module, for data-collect pages.
  const loaded = await page.evaluate(() => performance.getEntriesByType('resource').map((r) => r.name));
  assert.ok(!loaded.some((url) => url.includes('cartlift-collect-')), 'the measurement module is not loaded');
  // Leaving is when a queue would be sent: beacons go out within the pagehide handler.
  await page.evaluate(() => { Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true }); document.dispatchEvent(new Event('visibilitychange')); dispatchEvent(new Event('pagehide')); });
  await page.close({ runBeforeUnload: true });
  assert.deepEqual(requests, []);
  assert.deepEqual(problems, []);
});

test('the demo shop with data-collect: a browsing session reaches the collector and the report shows it', async () => {
  const before = await held();
  const { page, problems } = await openCollecting('/');
  assert.match(await page.locator('#measure-summary').textContent(), new RegExp(`go to ${collector}`));
  // Seen: the bundle table (in view at once) and the bar.
  await page.waitForFunction(() => window.__events.some((e) => e.name === 'cartlift:impression' && e.detail.source.widget === 'bundles'));
  await page.locator('cartlift-bundles [part=add]').first().click(); // Laptop + Mouse, $950.00
  await page.waitForFunction(() => document.querySelector('#sum-subtotal').textContent === '$950.00');
  await page.locator('#checkout').click(); // the demo's "Place order": cartlift.ordered
  await page.waitForFunction(() => window.__events.some((e) => e.name === 'cartlift:order'));
  const sent = (await named(page, 'cartlift:impression')).length + (await named(page, 'cartlift:add-to-cart')).length
    + (await named(page, 'cartlift:goal-reached')).length + 1;
  // Leaving the page sends what is queued.
  await page.close({ runBeforeUnload: true });
  assert.equal(await collected(before + sent), before + sent, 'every event of the session reached the collector, once');
  const report = JSON.parse(execFileSync(CLI, ['report', '--db', db, '--format', 'json'], { encoding: 'utf8' }));
  const office = report.offers.find((o) => o.offer === 'office-2');
  assert.ok(office.impressions >= 1, 'the bundle was seen');
  assert.equal(office.adds, 1);
  // The $950 bundle took the cart past both goals.
  assert.equal(report.offers.find((o) => o.widget === 'shipping-bar' && o.offer === 'free shipping').reached, 1);
  assert.equal(report.offers.find((o) => o.offer === 'a free tote bag').reached, 1);
  const experiment = report.experiments.find((e) => e.experiment === 'free-shipping-threshold');
  const control = experiment.variants.find((v) => v.variant === 'control');
  assert.ok(control.visitors >= 1);
  assert.ok(control.orders >= 1);
  assert.deepEqual(problems, []);
});

test('with consent off, nothing is sent to the collector', async () => {
  // Every beacon the page tries, recorded and not sent.
  const { page, problems } = await openCollecting('/', () => {
    window.__beacons = [];
    navigator.sendBeacon = (url, body) => { window.__beacons.push(String(body)); return true; };
  });
  // The measurement module is running (it loads after ready, on data-collect pages).
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((r) => r.name.includes('cartlift-collect-')));
  await page.evaluate(() => new Promise((r) => { setTimeout(r); }));
  // The shopper declines on the shop's consent banner.
  await page.evaluate(() => cartlift.consent(false));
  await page.locator('cartlift-bundles [part=add]').first().click();
  await page.evaluate(() => cartlift.ordered({ currency: 'USD', items: [{ id: 'stand', quantity: 1 }] }, 'declined-1'));
  assert.equal((await named(page, 'cartlift:order')).length, 1, 'the page still hears the order');
  // Leaving is when the queue is sent, within the pagehide handler: nothing is.
  const leave = () => page.evaluate(() => { dispatchEvent(new Event('pagehide')); return window.__beacons.length; });
  assert.equal(await leave(), 0);
  // The same page, consent given again: its next order does leave, so the nothing above was
  // the consent's doing, not a module that was not listening.
  await page.evaluate(() => cartlift.consent(true));
  await page.evaluate(() => cartlift.ordered({ currency: 'USD', items: [{ id: 'stand', quantity: 1 }] }, 'accepted-1'));
  assert.equal(await leave(), 1);
  assert.ok(!(await page.evaluate(() => window.__beacons.join(''))).includes('declined-1'), 'the declined order never leaves');
  assert.deepEqual(problems, []);
  await page.close();
});

test('while the browser refuses beacons the queue keeps the newest 500 events, and sends them when it takes them again', async () => {
  const { page, problems } = await openCollecting('/', () => {
    window.__beacons = [];
    window.__refusing = true;
    navigator.sendBeacon = (url, body) => { if (window.__refusing) return false; window.__beacons.push(String(body)); return true; };
  });
  await page.evaluate(() => {
    for (let i = 0; i < 1200; i++) cartlift.ordered({ currency: 'USD', items: [{ id: 'stand', quantity: 1 }] }, `bulk-${i}`);
  });
  assert.equal((await named(page, 'cartlift:order')).length, 1200);
  // The browser takes beacons again: the next batch (a few seconds on) goes.
  await page.evaluate(() => { window.__refusing = false; });
  await page.waitForFunction(() => window.__beacons.length > 0, null, { timeout: 10000 });
  const lines = (await page.evaluate(() => window.__beacons.join(''))).trim().split('\n').map((l) => JSON.parse(l));
  const orders = lines.filter((l) => l.type === 'order');
  assert.ok(lines.length <= 500, `${lines.length} lines were kept`);
  assert.equal(orders.at(-1).order.id, 'bulk-1199', 'the newest are kept');
  assert.ok(!orders.some((o) => o.order.id === 'bulk-0'), 'the oldest went first');
  assert.deepEqual(orders.at(-1).order, { id: 'bulk-1199', value: '40.00', currency: 'USD' });
  assert.match(orders.at(-1).visitor, /^[0-9a-f]{32}$/);
  assert.deepEqual(problems, []);
});
