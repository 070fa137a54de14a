// Real themes (issue: fits any real theme): parents that size to their content, a 62.5% root,
// and Dawn- and Horizon-like pages with no cartlift CSS at all. The widgets never collapse or
// shrink, and by default look like the theme: its font, its text colour, its button.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, screenshot } from './browser.mjs';
import * as checks from './checks.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** A page in Chromium, with the adapter the shared checks use. */
async function page(path, viewport) {
  const { page: pw, problems } = await open(browser, path, viewport);
  return { pw, problems, evaluate: (fn, arg) => pw.evaluate(fn, arg), waitFor: (fn, arg) => pw.waitForFunction(fn, arg) };
}

for (const [name, path, viewport, check, shot] of [
  ['in parents that size to their content nothing collapses (1280 px)', '/pages/shrink.html', { width: 1280, height: 900 }, (p) => checks.shrinkToFit(p, 1280), 'shrink-1280'],
  ['in parents that size to their content nothing collapses (375 px)', '/pages/shrink.html', { width: 375, height: 800 }, (p) => checks.shrinkToFit(p, 375), 'shrink-375'],
  ['a theme whose root is 62.5% does not shrink the bar, the checkbox or the touch targets', '/pages/root62.html', undefined, checks.rootAt62],
  ['a Dawn-like page: its font, its colour, its square black button (1280 px)', '/pages/dawn.html', { width: 1280, height: 900 }, checks.dawnLike, 'dawn-1280'],
  ['a Dawn-like page: its font, its colour, its square black button (375 px)', '/pages/dawn.html', { width: 375, height: 800 }, checks.dawnLike, 'dawn-375'],
  ['a Horizon-like page: full width, its font, its rounded button (1280 px)', '/pages/horizon.html', { width: 1280, height: 900 }, checks.horizonLike, 'horizon-1280'],
  ['a Horizon-like page: full width, its font, its rounded button (375 px)', '/pages/horizon.html', { width: 375, height: 800 }, checks.horizonLike, 'horizon-375'],
  ['a 3-for-2 shows under its product with what it saves and the nudge (a phone)', '/pages/deal.html', { width: 375, height: 800 }, checks.dealShown, 'deal-375'],
  ['the quantity selector is one table of quantities on a wide page, and its pick is what is added (1280 px)', '/pages/selector.html', { width: 1280, height: 900 }, (p) => checks.selectorPicks(p, true), 'selector-1280'],
  ['the quantity selector is a card per quantity on a phone, and its pick is what is added (375 px)', '/pages/selector.html', { width: 375, height: 800 }, (p) => checks.selectorPicks(p, false), 'selector-375'],
  ['the outfit on a phone: cards, the hoodie\'s size picker inside its card, XL 5,00 € dearer at once and added by its id (375 px)', '/pages/variants.html', { width: 375, height: 800 }, checks.variantsOnCards, 'variants-375'],
  ['the demo shop\'s tote bag from $150 in the colour picked: black claimed from the bar, free in the cart, taken back when the laptop goes', '/', undefined, checks.giftClaimed],
]) {
  test(name, async () => {
    const p = await page(path, viewport);
    await check(p);
    if (shot) await screenshot(p.pw, shot);
    assert.deepEqual(p.problems, []);
  });
}

const rendered = (pw) => checks.rendered({ evaluate: (fn, arg) => pw.evaluate(fn, arg), waitFor: (fn, arg) => pw.waitForFunction(fn, arg) });
const TAGS = checks.TAGS;

for (const [path, width] of [['/pages/plain.html', 1280], ['/pages/plain.html', 480], ['/pages/horizon.html', 1280], ['/pages/shrink.html', 1280], ['/preview.html?example=arabic', 1280], ['/preview.html?example=arabic', 600]]) {
  test(`amounts never break across lines: ${path} at ${width} px`, async () => {
    const { page, problems } = await open(browser, path, { width, height: 900 });
    // The laptop in the cart: "Complete the set" rows and recommendations show too.
    if (!path.includes('preview')) await page.evaluate(() => cartlift.setCart({ currency: 'USD', items: [{ id: 'laptop', quantity: 1 }] }));
    for (const host of ['cartlift-bundles', 'cartlift-recommendations']) {
      const el = page.locator(host).first();
      if (await el.count()) await el.scrollIntoViewIfNeeded();
    }
    // Brought into view again while waiting: the preview's editor and form may still grow
    // above it, and an element renders when near the viewport.
    await page.waitForFunction(() => {
      const el = document.querySelector('cartlift-bundles');
      el?.scrollIntoView({ block: 'nearest' });
      return el?.shadowRoot?.querySelector('.price')?.textContent;
    });
    assert.deepEqual(await checks.brokenAmounts(page), []);
    assert.deepEqual(problems, []);
  });
}

test('theme "none" keeps the page\'s typography but not its button, and a config theme and the page\'s properties still win', async () => {
  const { page, problems } = await open(browser, '/pages/dawn.html');
  await rendered(page);
  const add = () => page.evaluate(() => getComputedStyle(document.querySelector('cartlift-bundles').shadowRoot.querySelector('[part=add]')).backgroundColor);
  const config = await (await fetch(`${process.env.CARTLIFT_BASE ?? 'http://127.0.0.1:8080'}/configs/electronics.json`)).json();
  await page.evaluate((c) => window.cartlift.configure({ ...c, theme: { accent: '#5b3cc4' } }), config);
  await page.waitForFunction(() => getComputedStyle(document.querySelector('cartlift-bundles').shadowRoot.querySelector('[part=add]')).backgroundColor === 'rgb(91, 60, 196)');
  await page.evaluate(() => document.querySelector('cartlift-bundles').style.setProperty('--cartlift-accent', 'rgb(1, 2, 3)'));
  await page.waitForFunction(() => getComputedStyle(document.querySelector('cartlift-bundles').shadowRoot.querySelector('[part=add]')).backgroundColor === 'rgb(1, 2, 3)');
  await page.evaluate(() => document.querySelector('cartlift-bundles').style.removeProperty('--cartlift-accent'));
  await page.evaluate((c) => window.cartlift.configure({ ...c, theme: 'none' }), config);
  await page.waitForFunction(() => getComputedStyle(document.querySelector('cartlift-bundles').shadowRoot.querySelector('[part=add]')).backgroundColor !== 'rgb(18, 18, 18)');
  assert.notEqual(await add(), 'rgb(18, 18, 18)');
  // Unthemed, the buttons are still legible: the text colour's opposite on it.
  assert.ok(await checks.buttonContrast(page) >= 4.5, 'add buttons are legible');
  assert.deepEqual(problems, []);
});

test('the widgets speak their config\'s language to screen readers (else the page\'s), and a missing image leaves no empty box', async () => {
  const langsOf = (page) => page.evaluate((t) => [...document.querySelectorAll(t)].map((el) => el.shadowRoot.querySelector('.root').lang), TAGS);
  // The config names ar-AE (the page says only "ar"): its words are in ar-AE.
  const { page, problems } = await open(browser, '/pages/rtl.html');
  await rendered(page);
  const langs = await langsOf(page);
  assert.ok(langs.length > 0 && langs.every((l) => l === 'ar-AE'), JSON.stringify(langs));
  // A config that names no locale: the page's language.
  const { page: plain } = await open(browser, '/pages/plain.html');
  await rendered(plain);
  await plain.evaluate(() => { document.documentElement.lang = 'en-GB'; cartlift.configure({ currency: 'USD', products: [{ id: 'a', title: 'A', price: '1.00' }], shipping_bar: { goals: [{ threshold: '75.00', reward: 'free shipping' }] } }); });
  await plain.waitForFunction(() => document.querySelector('cartlift-shipping-bar').shadowRoot.querySelector('.root').lang === 'en-GB');
  // A filler whose image 404s.
  const { page: shop } = await open(browser, '/');
  const config = await (await fetch(`${process.env.CARTLIFT_BASE ?? 'http://127.0.0.1:8080'}/configs/electronics.json`)).json();
  config.products.find((p) => p.id === 'mouse').image = '/img/nowhere.svg';
  await shop.evaluate((c) => window.cartlift.configure(c), config);
  await shop.evaluate(() => window.demoCart.add('tshirt'));
  await shop.waitForFunction(() => document.querySelector('cartlift-shipping-bar').shadowRoot.querySelector('[part=filler] img[hidden]'));
  const boxes = await shop.evaluate(() => [...document.querySelector('cartlift-shipping-bar').shadowRoot.querySelectorAll('[part=filler] img')].filter((i) => !i.hidden && i.getBoundingClientRect().width > 0 && !i.complete).length);
  assert.equal(boxes, 0);
  assert.deepEqual(problems, []);
});

test('a bundle table in a 510 px column whose rows need more room becomes cards: no title broken letter by letter, and it stays cards', async () => {
  const { pw, problems } = await page('/pages/plain.html', { width: 1280, height: 900 });
  const root = () => pw.evaluate(() => {
    const r = document.querySelector('cartlift-bundles').shadowRoot.firstElementChild;
    const name = r.querySelector('th.bundle-name');
    return { narrow: r.classList.contains('narrow'), name: name?.getBoundingClientRect().width ?? 0, em: parseFloat(getComputedStyle(name ?? r).fontSize) };
  });
  // Wide, with "Complete the set" buttons (the laptop is in the cart): a table.
  await pw.waitForFunction(() => document.querySelector('cartlift-bundles')?.shadowRoot?.querySelector('th.bundle-name'));
  assert.equal((await root()).narrow, false);
  // Above 480 px but too narrow for this table: cards, never a squeezed first column.
  await pw.evaluate(() => { document.querySelector('cartlift-bundles').style.cssText = 'display: block; width: 510px'; });
  await pw.waitForFunction(() => document.querySelector('cartlift-bundles').shadowRoot.firstElementChild.classList.contains('narrow'));
  const squeezed = await root();
  assert.ok(squeezed.narrow);
  // A little wider is still too narrow for it: it does not flip back and forth.
  await pw.evaluate(() => { document.querySelector('cartlift-bundles').style.width = '520px'; });
  await pw.evaluate(() => new Promise((r) => { requestAnimationFrame(() => requestAnimationFrame(r)); }));
  assert.ok((await root()).narrow);
  // Given room again, the table comes back with its first column whole.
  await pw.evaluate(() => { document.querySelector('cartlift-bundles').style.width = '900px'; });
  await pw.waitForFunction(() => !document.querySelector('cartlift-bundles').shadowRoot.firstElementChild.classList.contains('narrow'));
  const wide = await root();
  assert.ok(wide.name >= 6 * wide.em, `the first column is ${wide.name} px`);
  assert.deepEqual(problems, []);
});
