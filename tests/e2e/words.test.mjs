// cartlift's own words in the config's language (spec §13, src/words/): a German page with no
// labels reads German, the merchant's label wins, a page in a language cartlift has no words
// for reads English and says so once, an Arabic or Hebrew config reads right to left, and an
// English page fetches nothing of it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, open } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const shadow = (page, tag) => page.evaluate((t) => document.querySelector(t)?.shadowRoot?.textContent ?? '', tag);
const fetchedWords = (page) => page.evaluate(() => performance.getEntriesByType('resource').map((r) => new URL(r.name).pathname).filter((p) => p.includes('cartlift-words')));
const words = (tag) => JSON.parse(readFileSync(new URL(`../../src/words/${tag}.json`, import.meta.url), 'utf8'));

test('a German page with no labels of its own reads cartlift\'s German, its one label wins, and it fetched only the German words', async () => {
  const { page, problems } = await open(browser, '/pages/german.html');
  const de = words('de');
  await page.waitForFunction((caption) => (document.querySelector('cartlift-bundles')?.shadowRoot?.textContent ?? '').includes(caption), de.bundles_caption);
  const bundles = await shadow(page, 'cartlift-bundles');
  assert.match(bundles, new RegExp(de.column_bundle_price));
  // The cup is in the cart: the pot completes the set, in German.
  assert.match(bundles, new RegExp(de.add_rest));
  // The merchant's one label, over cartlift's "Bester Preis".
  assert.match(bundles, /Unser Tipp/);
  assert.doesNotMatch(bundles, /Bundle price|Complete the set|Frequently bought together|Bester Preis/);
  // The bar, German, the amounts as German writes them.
  const bar = await shadow(page, 'cartlift-shipping-bar');
  assert.match(bar, /Noch 38,00\s€ bis kostenlosen Versand/);
  // The tiers, in German, plural forms and all.
  assert.match(await shadow(page, 'cartlift-tiers'), /Ab 3 Stück/);
  const fetched = await fetchedWords(page);
  assert.equal(fetched.filter((p) => p.endsWith('.json')).length, 1);
  assert.match(fetched.find((p) => p.endsWith('.json')) ?? '', /cartlift-words-de-/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the merchant\'s label wins over cartlift\'s own, key by key', async () => {
  const { page } = await open(browser, '/pages/german.html');
  await page.waitForFunction(() => (document.querySelector('cartlift-bundles')?.shadowRoot?.textContent ?? '').includes('Set-Preis'));
  const config = await page.evaluate(() => document.getElementById('cartlift-config').textContent);
  const mine = config.replace('"labels": { "best_value": "Unser Tipp" }', '"labels": { "add_rest": "Kanne dazunehmen" }');
  await page.evaluate((c) => cartlift.configure(c), mine);
  await page.waitForFunction(() => (document.querySelector('cartlift-bundles').shadowRoot.textContent).includes('Kanne dazunehmen'));
  const button = await page.evaluate(() => document.querySelector('cartlift-bundles').shadowRoot.querySelector('[part~=add]')?.textContent);
  assert.equal(button, 'Kanne dazunehmen');
  assert.match(await shadow(page, 'cartlift-bundles'), /Bester Preis/);
  assert.match(await shadow(page, 'cartlift-bundles'), /Set-Preis/);
  await page.close();
});

test('each shipped language draws its own words: French, Japanese, Korean, Simplified Chinese, Polish, Swedish', async () => {
  const { page, problems } = await open(browser, '/pages/german.html');
  await page.waitForFunction(() => (document.querySelector('cartlift-bundles')?.shadowRoot?.textContent ?? '').includes('Set-Preis'));
  const config = await page.evaluate(() => document.getElementById('cartlift-config').textContent);
  for (const [locale, tag] of [['fr-FR', 'fr'], ['ja-JP', 'ja'], ['ko-KR', 'ko'], ['zh-CN', 'zh-CN'], ['pl-PL', 'pl'], ['sv-SE', 'sv'], ['pt-BR', 'pt-BR'], ['es-MX', 'es']]) {
    const caption = words(tag).column_bundle_price;
    await page.evaluate((c) => cartlift.configure(c), config.replace('"de-DE"', `"${locale}"`).replace('"labels": { "best_value": "Unser Tipp" }', '"labels": {}'));
    await page.waitForFunction((x) => document.querySelector('cartlift-bundles').shadowRoot.textContent.includes(x), caption);
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test('an Arabic and a Hebrew config read right to left in their own words; Arabic digits only where the locale writes them', async () => {
  const { page } = await open(browser, '/pages/german.html');
  await page.waitForFunction(() => (document.querySelector('cartlift-bundles')?.shadowRoot?.textContent ?? '').includes('Set-Preis'));
  const config = await page.evaluate(() => document.getElementById('cartlift-config').textContent);
  const plain = config.replace('"labels": { "best_value": "Unser Tipp" }', '"labels": {}');
  for (const [locale, tag, digits] of [['he-IL', 'he', /36\.00/], ['ar-EG', 'ar', /٣٦٫٠٠/], ['ar-AE', 'ar', /36\.00/]]) {
    await page.evaluate((c) => cartlift.configure(c), plain.replace('"de-DE"', `"${locale}"`));
    const caption = words(tag).column_bundle_price;
    await page.waitForFunction((x) => document.querySelector('cartlift-bundles').shadowRoot.textContent.includes(x), caption);
    const dir = await page.evaluate(() => getComputedStyle(document.querySelector('cartlift-bundles').shadowRoot.querySelector('[part~=row]')).direction);
    assert.equal(dir, 'rtl', locale);
    assert.match(await shadow(page, 'cartlift-bundles'), digits, `${locale}'s digits`);
  }
  await page.close();
});

test('a language cartlift has no words for reads English and says so once in the console', async () => {
  const { page } = await open(browser, '/pages/german.html');
  await page.waitForFunction(() => (document.querySelector('cartlift-bundles')?.shadowRoot?.textContent ?? '').includes('Set-Preis'));
  const notes = [];
  page.on('console', (m) => { if (m.text().includes('no words of its own')) notes.push(m.text()); });
  const config = await page.evaluate(() => document.getElementById('cartlift-config').textContent);
  const finnish = config.replace('"de-DE"', '"fi-FI"').replace('"labels": { "best_value": "Unser Tipp" }', '"labels": {}');
  await page.evaluate((c) => cartlift.configure(c), finnish);
  await page.waitForFunction(() => document.querySelector('cartlift-bundles').shadowRoot.textContent.includes('Bundle price'));
  await page.evaluate((c) => cartlift.configure(c), finnish.replace('"36.00"', '"35.00"'));
  await page.waitForFunction(() => document.querySelector('cartlift-bundles').shadowRoot.textContent.includes('35,00'));
  assert.equal(notes.length, 1, notes.join('\n'));
  assert.match(notes[0], /fi-FI/);
  await page.close();
});

test('a config the page gives at once keeps its place when the element\'s German words arrive', async () => {
  const { page, problems } = await open(browser, '/pages/german.html?own');
  await page.waitForFunction(() => (document.querySelector('cartlift-bundles')?.shadowRoot?.textContent ?? '').includes('Bundle price'));
  // The German words for the element's config were fetched, and came to nothing.
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((r) => r.name.includes('cartlift-words-de-')));
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  assert.match(await shadow(page, 'cartlift-bundles'), /Bundle price/);
  assert.doesNotMatch(await shadow(page, 'cartlift-bundles'), /Set-Preis/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('an English page fetches no words', async () => {
  const { page } = await open(browser, '/pages/bar-only.html');
  await page.waitForFunction(() => (document.querySelector('cartlift-shipping-bar')?.shadowRoot?.textContent ?? '').length > 0);
  assert.deepEqual(await fetchedWords(page), []);
  await page.close();
});
