// Playwright in Debian's Chromium (no browser download), and page objects for the demo pages.
// Locators use the stable `part` names of the contract, never CSS classes.
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';

export const BASE = process.env.CARTLIFT_BASE ?? 'http://127.0.0.1:8080';
const ARTIFACTS = new URL('../../test-results/', import.meta.url);
mkdirSync(ARTIFACTS, { recursive: true });

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}

/** `path` showing the experiments' `control` variant, unless it names one: the demo shop's
 * config runs a 50/50 threshold test, and these tests state the control's figures. */
export function asControl(path) {
  if (path.includes('cartlift_variant=')) return path;
  const [before, hash] = path.split('#');
  const joined = `${before}${before.includes('?') ? '&' : '?'}cartlift_variant=control`;
  return hash === undefined ? joined : `${joined}#${hash}`;
}

/** A page that records uncaught errors and the console, and every cartlift event. */
export async function open(browser, path, viewport = { width: 1280, height: 900 }) {
  const page = await browser.newPage({ viewport });
  const problems = [];
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
  await page.addInitScript(() => {
    window.__events = [];
    for (const name of ['cartlift:ready', 'cartlift:add-to-cart', 'cartlift:remove-from-cart', 'cartlift:error']) {
      document.addEventListener(name, (e) => window.__events.push({ name, detail: e.detail }));
    }
    window.addEventListener('unhandledrejection', (e) => window.__events.push({ name: 'unhandledrejection', detail: String(e.reason) }));
  });
  await page.goto(BASE + asControl(path));
  await page.waitForFunction(() => window.__events.some((e) => e.name === 'cartlift:ready' || e.name === 'cartlift:error'));
  return { page, problems };
}

export async function screenshot(page, name) {
  await page.screenshot({ path: new URL(`${name}.png`, ARTIFACTS).pathname, fullPage: true });
}

/** The details of the `name` events once there are `count` of them (a refusal's event comes
 * once cartlift's checker module has written its sentences). */
export async function eventsOnce(page, name, count) {
  await page.waitForFunction(([n, c]) => window.__events.filter((e) => e.name === n).length >= c, [name, count]);
  return events(page, name);
}

export const events = (page, name) => page.evaluate((n) => window.__events.filter((e) => e.name === n).map((e) => e.detail), name);

/** What axe-core finds wrong inside the element `selector` (each violation with its node and
 * summary); axe is put on the page the first time. */
export async function axeViolations(page, selector) {
  if (!(await page.evaluate(() => 'axe' in window))) {
    await page.addScriptTag({ content: readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8') });
  }
  return page.evaluate(async (s) => {
    const result = await window.axe.run(document.querySelector(s), { resultTypes: ['violations'] });
    return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${JSON.stringify(n.target)} ${n.failureSummary}`));
  }, selector);
}

/** Places `<cartlift-tiers product="…">` on the page, as a theme block would, and waits until
 * its quantity selector's add button says `addText`; gives a reader of the texts of what
 * `selector` finds inside it. */
export async function placeSelector(page, product, addText) {
  await page.evaluate((p) => {
    const el = document.createElement('cartlift-tiers');
    el.setAttribute('product', p);
    document.body.append(el);
  }, product);
  await untilAdd(page, product, addText);
  return (selector) => page.evaluate(([p, s]) => [...document.querySelector(`cartlift-tiers[product=${p}]`).shadowRoot.querySelectorAll(s)].map((e) => e.textContent), [product, selector]);
}

/** Picks the `n`th quantity of `product`'s selector, waits until its button says `addText`,
 * and presses it. */
export async function pickAndAdd(page, product, n, addText) {
  await page.locator(`cartlift-tiers[product=${product}] [part=option]`).nth(n).click();
  await untilAdd(page, product, addText);
  await page.locator(`cartlift-tiers[product=${product}] [part=add]`).click();
}

const untilAdd = (page, product, text) => page.waitForFunction(([p, t]) => document.querySelector(`cartlift-tiers[product=${p}]`)?.shadowRoot?.querySelector('[part=add]')?.textContent === t, [product, text]);

/** The demo shop. */
export class Shop {
  constructor(page) {
    this.page = page;
    this.bar = page.locator('cartlift-shipping-bar');
    this.message = this.bar.locator('[part=message]');
    this.progress = this.bar.locator('[role=progressbar]');
    this.bundles = page.locator('cartlift-bundles');
    this.tiers = page.locator('cartlift-tiers');
    this.upsell = page.locator('cartlift-upsell').locator('[part=checkbox]');
    this.lines = page.locator('#cart-lines .line');
  }
  add(name) { return this.page.getByRole('button', { name: `Add ${name}`, exact: false }).first().click(); }
  subtotal() { return this.page.locator('#sum-subtotal').textContent(); }
  total() { return this.page.locator('#sum-total').textContent(); }
}

/** Replaces the merchant preview's config as a paste would: the config editor (CodeMirror)
 * answers through its textarea, which stays the model. */
export const setConfigText = (page, text) => page.evaluate((t) => {
  const area = document.querySelector('#config');
  area.value = t;
  area.dispatchEvent(new Event('input', { bubbles: true }));
}, text);

/** The merchant preview. */
export class Preview {
  constructor(page) {
    this.page = page;
    this.editor = page.locator('#config');
    this.errors = page.locator('#errors li');
    this.status = page.locator('#status');
  }
  async edit(change) {
    await setConfigText(this.page, change(await this.editor.inputValue()));
  }
}
