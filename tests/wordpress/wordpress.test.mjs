// The WooCommerce plugin in a real WordPress (Debian's, on MariaDB, tests/wordpress/site.mjs):
// activation creates nothing, the settings page saves a good config and lists a bad one's
// problems without saving it, the blocks and shortcodes render their elements and load the
// widget only where they are, and uninstall leaves nothing behind. WooCommerce itself is not
// here (no registry has it): its hooks are tested on a stand-in (tests/php/), the Store API
// adapter on the emulated store.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { Site } from './site.mjs';

const ELECTRONICS = readFileSync(new URL('../../www/configs/electronics.json', import.meta.url), 'utf8');

/** @type {Site} */
let site;
/** @type {import('playwright-core').Browser} */
let browser;

before(async () => {
  site = await new Site().start();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
});
after(async () => {
  await browser?.close();
  site?.stop();
});

/**
 * A page logged in as the site's administrator, on the dashboard. Logged in by the cookies
 * WordPress gives (wp.php's `login`), not through the login form: what the tests try is the
 * plugin's screens, and the form's submit once went unanswered under a loaded machine.
 */
async function admin() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addCookies(site.wp('login').map((/** @type {{ name: string, value: string }} */ c) => ({ ...c, url: site.url })));
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${site.url}/wp-admin/`);
  assert.match(page.url(), /\/wp-admin\/$/, 'the cookies log the administrator in');
  return { context, page, problems };
}

const settingsUrl = () => `${site.url}/wp-admin/options-general.php?page=cartlift`;

test('activating the plugin creates nothing: no option, no table, until a config is saved', () => {
  assert.equal(site.wp('activate'), true);
  assert.deepEqual(site.wp('options-like', 'cartlift%'), []);
  assert.deepEqual(site.wp('options-like', '%transient%cartlift%'), []);
});

test('the settings page saves a good config with the form checkout reads, and axe finds nothing on it', async () => {
  const { context, page, problems } = await admin();
  await page.goto(settingsUrl());
  await page.selectOption('#cartlift-example', 'electronics');
  assert.equal(await page.inputValue('#cartlift-config'), ELECTRONICS);
  // The preview draws the example's widgets as it is chosen.
  await page.waitForFunction(() => (document.querySelector('cartlift-shipping-bar')?.shadowRoot?.textContent ?? '').length > 0);
  await Promise.all([page.waitForURL(/saved=1/), page.click('#cartlift-save')]);
  assert.match(await page.textContent('.notice-success'), /Saved/);
  assert.equal(site.wp('option', 'cartlift_config'), ELECTRONICS.trim());
  const form = JSON.parse(site.wp('option', 'cartlift_form'));
  assert.equal(form.form, 1);
  assert.equal(form.currency, 'USD');
  assert.ok(form.bundles.some((/** @type {unknown[]} */ b) => b[0] === 'office-2'), 'the bundle is in checkout\'s form');
  await page.addScriptTag({ content: readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8') });
  const violations = await page.evaluate(async () => {
    // @ts-ignore axe-core's global
    const result = await window.axe.run(document.querySelector('#cartlift-settings'), { resultTypes: ['violations'] });
    return result.violations.map((/** @type {any} */ v) => `${v.id}: ${v.nodes.map((/** @type {any} */ n) => n.target).join(', ')}`);
  });
  assert.deepEqual(violations, []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a misspelt product is listed with its path and sentence, and the last good config stays saved', async () => {
  const { context, page, problems } = await admin();
  await page.goto(settingsUrl());
  const bad = ELECTRONICS.replace('"items": ["laptop", "mouse"]', '"items": ["laptop", "mous"]');
  assert.notEqual(bad, ELECTRONICS);
  await page.fill('#cartlift-config', bad);
  await page.click('#cartlift-save');
  await page.waitForSelector('#cartlift-problems li');
  const listed = await page.textContent('#cartlift-problems');
  assert.match(listed ?? '', /bundles\[0\]\.items\[1\]/);
  assert.match(listed ?? '', /did you mean "mouse"/);
  assert.match(listed ?? '', /line \d+, column \d+/);
  assert.equal(new URL(page.url()).searchParams.get('saved'), null, 'nothing was sent');
  assert.equal(site.wp('option', 'cartlift_config'), ELECTRONICS.trim());
  await page.reload();
  assert.equal(await page.inputValue('#cartlift-config'), ELECTRONICS.trim());
  assert.deepEqual(problems, []);
  await context.close();
});

test('the server refuses a config sent without its checked form, and one sent without the nonce', async () => {
  const { context, page } = await admin();
  await page.goto(settingsUrl());
  await page.fill('#cartlift-config', '{"currency": "USD", "products": []}');
  // form.submit() skips the submit event: what a browser without JavaScript sends.
  await Promise.all([page.waitForURL(/refused=1/), page.evaluate(() => /** @type {HTMLFormElement} */ (document.getElementById('cartlift-settings')).submit())]);
  assert.match(await page.textContent('#cartlift-problems') ?? '', /could not be checked/);
  assert.equal(await page.inputValue('#cartlift-config'), '{"currency": "USD", "products": []}', 'the refused draft is shown to fix');
  assert.equal(site.wp('option', 'cartlift_config'), ELECTRONICS.trim());
  const status = await page.evaluate(async (url) => {
    const body = new URLSearchParams({ action: 'cartlift_save', cartlift_config: '{}', cartlift_form: '{}' });
    return (await fetch(url, { method: 'POST', body })).status;
  }, `${site.url}/wp-admin/admin-post.php`);
  assert.equal(status, 403);
  assert.equal(site.wp('option', 'cartlift_config'), ELECTRONICS.trim());
  await context.close();
});

test('a block and a shortcode on a page render their elements, the config for WooCommerce, and load the widget, which draws', async () => {
  const url = site.wp('page', 'Laptop deals', '<!-- wp:cartlift/bundles {"product":"laptop"} /-->\n<!-- wp:shortcode -->[cartlift_shipping_bar]<!-- /wp:shortcode -->');
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(url);
  assert.equal(await page.getAttribute('cartlift-bundles', 'product'), 'laptop');
  assert.equal(await page.locator('cartlift-shipping-bar').count(), 1);
  assert.equal(await page.getAttribute('#cartlift-config', 'data-platform'), 'woocommerce');
  assert.equal(await page.getAttribute('#cartlift-config', 'data-locale'), 'en-US');
  assert.match(await page.textContent('cartlift-bundles') ?? '', /Laptop \+ Mouse/, 'the fallback names the bundles');
  assert.equal(await page.locator('link[href*="cartlift/assets/cartlift.css"]').count(), 1);
  assert.equal(await page.locator('script[type=module][src*="cartlift/assets/cartlift.js"]').count(), 1);
  await page.waitForFunction(() => document.querySelector('cartlift-bundles')?.shadowRoot?.querySelectorAll('[part~=row]').length === 2);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a classic theme renders the shortcodes too', async () => {
  site.wp('theme', 'twentytwentyone');
  const url = site.wp('page', 'Classic', '[cartlift_bundles product="laptop"] [cartlift_tiers product="socks"] [cartlift_upsell]');
  const page = await browser.newPage();
  await page.goto(url);
  assert.equal(await page.getAttribute('cartlift-bundles', 'product'), 'laptop');
  assert.equal(await page.getAttribute('cartlift-tiers', 'product'), 'socks');
  assert.equal(await page.locator('cartlift-upsell').count(), 1);
  await page.waitForFunction(() => document.querySelector('cartlift-bundles')?.shadowRoot?.querySelectorAll('[part~=row]').length === 2);
  await page.close();
  site.wp('theme', 'twentytwentythree');
});

test('a page without cartlift loads nothing of it', async () => {
  const url = site.wp('page', 'About us', '<!-- wp:paragraph --><p>We sell laptops.</p><!-- /wp:paragraph -->');
  const page = await browser.newPage();
  await page.goto(url);
  const loaded = await page.evaluate(() => performance.getEntriesByType('resource').map((r) => r.name).filter((n) => n.includes('cartlift')));
  assert.deepEqual(loaded, []);
  assert.equal(await page.locator('#cartlift-config').count(), 0);
  await page.close();
});

test('a title that tries to close the config script stays text in the config', async () => {
  const { context, page } = await admin();
  await page.goto(settingsUrl());
  const hostile = ELECTRONICS.replace('"Laptop + Mouse"', '"</script><script>window.__owned = 1</script>"');
  await page.fill('#cartlift-config', hostile);
  await Promise.all([page.waitForURL(/saved=1/), page.click('#cartlift-save')]);
  const url = site.wp('page', 'Hostile', '<!-- wp:cartlift/bundles {"product":"laptop"} /-->');
  const shop = await browser.newPage();
  await shop.goto(url);
  assert.equal(await shop.evaluate(() => /** @type {any} */ (window).__owned), undefined);
  const title = await shop.evaluate(() => JSON.parse(document.getElementById('cartlift-config')?.textContent ?? '{}').bundles[0].title);
  assert.equal(title, '</script><script>window.__owned = 1</script>');
  await shop.close();
  await context.close();
});

test('the blocks are registered for the block editor', async () => {
  const { context, page } = await admin();
  const names = await page.evaluate(async (url) => {
    const nonce = await (await fetch(`${url}/wp-admin/admin-ajax.php?action=rest-nonce`)).text();
    const res = await fetch(`${url}/?rest_route=/wp/v2/block-types/cartlift`, { headers: { 'X-WP-Nonce': nonce } });
    return (await res.json()).map((/** @type {{ name: string }} */ b) => b.name).sort();
  }, site.url);
  assert.deepEqual(names, ['cartlift/bundles', 'cartlift/recommendations', 'cartlift/shipping-bar', 'cartlift/tiers', 'cartlift/upsell']);
  await context.close();
});

test("WooCommerce's cart and checkout get the bar and the upsell with nothing placed: blocks and classic templates", async () => {
  const url = site.wp('page', 'Cart', '<!-- wp:woocommerce/cart-items-block --><div class="wp-block-woocommerce-cart-items-block">items</div><!-- /wp:woocommerce/cart-items-block -->');
  const page = await browser.newPage();
  await page.goto(url);
  const order = await page.evaluate(() => {
    const bar = document.querySelector('cartlift-shipping-bar');
    const items = document.querySelector('.wp-block-woocommerce-cart-items-block');
    return bar && items ? bar.compareDocumentPosition(items) & Node.DOCUMENT_POSITION_FOLLOWING : 0;
  });
  assert.ok(order, 'the bar stands above the cart\'s items');
  assert.equal(await page.locator('script[type=module][src*="cartlift/assets/cartlift.js"]').count(), 1);
  await page.close();
  assert.match(site.wp('action', 'woocommerce_review_order_before_payment'), /<cartlift-upsell><\/cartlift-upsell>/);
  assert.match(site.wp('action', 'woocommerce_before_cart'), /<cartlift-shipping-bar><\/cartlift-shipping-bar>/);
});

test('uninstalling removes every option and draft cartlift made', () => {
  assert.ok(site.wp('options-like', 'cartlift%').length > 0, 'a config was saved');
  assert.equal(site.wp('deactivate'), true);
  site.wp('uninstall');
  assert.deepEqual(site.wp('options-like', '%cartlift%'), []);
});

test('WordPress logged no PHP notice, warning or error from cartlift', () => {
  const lines = site.log().split('\n').filter((l) => l.includes('cartlift'));
  assert.deepEqual(lines, []);
});
