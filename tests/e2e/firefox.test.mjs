// The same checks in Firefox (Debian's firefox-esr, driven by puppeteer-core over WebDriver
// BiDi: no browser is downloaded), on every element, setCart and events, the hostile pages,
// the phone layout and the theme-like pages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import puppeteer from 'puppeteer-core';
import * as checks from './checks.mjs';
import { asControl } from './browser.mjs';

const BASE = process.env.CARTLIFT_BASE ?? 'http://127.0.0.1:8080';
let browser;
before(async () => {
  browser = await puppeteer.launch({ browser: 'firefox', executablePath: process.env.FIREFOX ?? '/usr/bin/firefox-esr', headless: true, protocol: 'webDriverBiDi' });
});
after(async () => { await browser?.close(); });

/** A page in Firefox, with the adapter the checks use. */
async function open(path, viewport = { width: 1280, height: 900 }) {
  const page = await browser.newPage();
  await page.setViewport(viewport);
  const problems = [];
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
  await page.goto(BASE + asControl(path));
  return {
    problems,
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    // Polled by hand: puppeteer's own poller runs in the page's world, and the hostile page
    // breaks the built-ins it leans on.
    waitFor: async (fn, arg) => {
      for (let i = 0; i < 200; i += 1) {
        // As a boolean: an element handed back would have to cross the driver, which the
        // hostile page's polluted Object.prototype trips up.
        if (await page.evaluate(`Boolean((${fn})(${JSON.stringify(arg ?? null)}))`)) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`still waiting after 20 s: ${fn}`);
    },
    close: () => page.close(),
  };
}

for (const [name, path, viewport, check] of [
  ['every element of a plain page shows its figures', '/pages/plain.html', undefined, checks.plainPage],
  ['setCart, a bundle\'s add and a refused cart behave as in Chromium', '/', undefined, checks.cartAndEvents],
  ['a global reset with !important everywhere does not reach inside', '/pages/reset.html', undefined, checks.laptopCartIsRight],
  ['extended prototypes and a wrapped fetch change nothing', '/pages/prototypes.html', undefined, checks.laptopCartIsRight],
  ['a strict CSP with Trusted Types required: everything renders', '/pages/csp-strict.html', undefined, checks.laptopCartIsRight],
  ['on a phone the bundles are cards and nothing scrolls sideways', '/', { width: 320, height: 720 }, checks.phone],
  ['in parents that size to their content nothing collapses (1280 px)', '/pages/shrink.html', { width: 1280, height: 900 }, (p) => checks.shrinkToFit(p, 1280)],
  ['in parents that size to their content nothing collapses (375 px)', '/pages/shrink.html', { width: 375, height: 800 }, (p) => checks.shrinkToFit(p, 375)],
  ['a 62.5% root shrinks nothing', '/pages/root62.html', undefined, checks.rootAt62],
  ['a Dawn-like page: its font, its button (1280 px)', '/pages/dawn.html', { width: 1280, height: 900 }, checks.dawnLike],
  ['a Dawn-like page: its font, its button (375 px)', '/pages/dawn.html', { width: 375, height: 800 }, checks.dawnLike],
  ['a Horizon-like page: full width, its rounded button (1280 px)', '/pages/horizon.html', { width: 1280, height: 900 }, checks.horizonLike],
  ['a Horizon-like page: full width, its rounded button (375 px)', '/pages/horizon.html', { width: 375, height: 800 }, checks.horizonLike],
  ['a German config reads cartlift\'s own German, the merchant\'s label over it', '/pages/german.html', undefined, checks.germanWords],
  ['a 3-for-2 shows under its product with what it saves and the nudge', '/pages/deal.html', undefined, checks.dealShown],
  ['the quantity selector: a table when wide, its pick added (1280 px)', '/pages/selector.html', { width: 1280, height: 900 }, (p) => checks.selectorPicks(p, true)],
  ['the quantity selector: a card per quantity on a phone, its pick added (375 px)', '/pages/selector.html', { width: 375, height: 800 }, (p) => checks.selectorPicks(p, false)],
  ['the outfit on a phone: the hoodie\'s size picker inside its card, XL added (375 px)', '/pages/variants.html', { width: 375, height: 800 }, checks.variantsOnCards],
  ['the Shopify demo store\'s shirt in sizes: L picked in the selector, 2 added by L\'s variant id at $48.60; three cables, $12.00 off at checkout', '/shopify.html', undefined, (p) => checks.platformSizesAndDeal(p, 'shopify')],
  ['the WooCommerce demo store\'s shirt in sizes: L picked in the selector, 2 added by L\'s variation id at $48.60; three pairs of socks, $9.00 off', '/woocommerce.html', undefined, (p) => checks.platformSizesAndDeal(p, 'woocommerce')],
  ['the Shopify demo store\'s laptop stand, free from $75 in the colour picked: added by its variant id, charged $0.00', '/shopify.html', undefined, (p) => checks.platformGiftInColour(p, 'shopify')],
  ['the WooCommerce demo store\'s laptop stand, free from $75 in the colour picked: added by its variation id, charged $0.00', '/woocommerce.html', undefined, (p) => checks.platformGiftInColour(p, 'woocommerce')],
  ['the demo shop\'s free tote bag in black: claimed, free in the cart, taken back below $150', '/', undefined, checks.giftClaimed],
]) {
  test(`Firefox: ${name}`, async () => {
    const p = await open(path, viewport);
    try {
      await check(p);
      assert.deepEqual(p.problems, []);
    } finally {
      await p.close();
    }
  });
}
