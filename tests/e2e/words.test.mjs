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

test('the words for a tag are its own, else its language\'s (de-AT: de), else another region\'s (pt-PT: pt-BR), else none', async () => {
  // The one rule a shop page (src/words.js) and the preview's placeholders (www/preview.js) use.
  const { closest } = await import('../../src/entry/language.js');
  const shipped = { de: 'de', 'pt-br': 'pt-BR', 'zh-cn': 'zh-CN', 'fr-ca': 'fr-CA', fr: 'fr' };
  assert.equal(closest(shipped, 'de-AT'), 'de');
  assert.equal(closest(shipped, 'PT-pt'), 'pt-BR');
  assert.equal(closest(shipped, 'zh-TW'), 'zh-CN');
  assert.equal(closest(shipped, 'fr-CA'), 'fr-CA');
  assert.equal(closest(shipped, 'fr-BE'), 'fr');
  assert.equal(closest(shipped, 'sv-SE'), undefined);
});

test('an English config with a deal (its buy and get are objects) needs no language module; German labels and a German locale do', async () => {
  const { needsLanguage } = await import('../../src/entry/language.js');
  const deal = '{"currency":"USD","buy_x_get_y":[{"id":"d","buy": {"products":["a"],"quantity":2},"get":{"products":["a"],"quantity":1,"percent_off":100}}]}';
  assert.equal(needsLanguage(deal), false);
  assert.equal(needsLanguage('{"labels":{"de": {"add_bundle":"Set"}}}'), true);
  assert.equal(needsLanguage('{"labels":{"get-x": {"add_bundle":"Set"}}}'), true);
  assert.equal(needsLanguage('{"locale":"de-DE"}'), true);
  assert.equal(needsLanguage('{"locale":"en-GB","products":[{"id":"a"}]}'), false);
});

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

const heard = (page) => page.evaluate(() => { window.__refused = []; addEventListener('cartlift:error', (e) => window.__refused.push(e.detail)); });
const rootLang = (page, tag) => page.evaluate((t) => document.querySelector(t).shadowRoot.querySelector('[lang]')?.getAttribute('lang') ?? null, tag);
const until = (page, tag, text) => page.waitForFunction(([t, x]) => (document.querySelector(t)?.shadowRoot?.textContent ?? '').includes(x), [tag, text]);

test('"locale": "auto" on a French page reads French, its own French label over the flat one, plural forms and all', async () => {
  const { page, problems } = await open(browser, '/pages/auto.html');
  await until(page, 'cartlift-bundles', words('fr').column_bundle_price);
  const bundles = await shadow(page, 'cartlift-bundles');
  assert.match(bundles, /Notre choix/);
  assert.doesNotMatch(bundles, /Top pick|Unser Tipp|Bundle price/);
  // French amounts: 36,00 €, a narrow no-break space before the sign.
  assert.match(bundles, /36,00\s€/);
  assert.match(await shadow(page, 'cartlift-tiers'), /Dès 3 filtres/);
  assert.equal(await rootLang(page, 'cartlift-bundles'), 'fr-FR');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a page switching language reads the new one: French, then German with its own label, then Italian with the flat one, then English', async () => {
  const { page, problems } = await open(browser, '/pages/auto.html');
  await heard(page);
  await until(page, 'cartlift-bundles', 'Notre choix');
  await page.evaluate(() => { document.documentElement.lang = 'de-DE'; });
  await until(page, 'cartlift-bundles', words('de').column_bundle_price);
  assert.match(await shadow(page, 'cartlift-bundles'), /Unser Tipp/);
  assert.match(await shadow(page, 'cartlift-shipping-bar'), /38,00\s€/);
  await page.evaluate(() => { document.documentElement.lang = 'it'; });
  await until(page, 'cartlift-bundles', words('it').column_bundle_price);
  assert.match(await shadow(page, 'cartlift-bundles'), /Top pick/);
  await page.evaluate(() => { document.documentElement.lang = 'en-GB'; });
  await until(page, 'cartlift-bundles', 'Bundle price');
  assert.match(await shadow(page, 'cartlift-bundles'), /Top pick/);
  assert.match(await shadow(page, 'cartlift-bundles'), /€36\.00/);
  assert.equal(await rootLang(page, 'cartlift-bundles'), 'en-GB');
  assert.deepEqual(await page.evaluate(() => window.__refused), []);
  assert.deepEqual(problems, []);
  await page.close();
});

test("on Shopify, \"auto\" follows Shopify.locale with the shopper's country, and the page's switch to French", async () => {
  const { page, problems } = await open(browser, '/pages/auto.html?shopify=de-AT');
  await until(page, 'cartlift-bundles', 'Unser Tipp');
  assert.equal(await rootLang(page, 'cartlift-bundles'), 'de-AT');
  // Austrian German writes the euro first: € 36,00.
  assert.match(await shadow(page, 'cartlift-bundles'), /€\s36,00/);
  await page.evaluate(() => { window.Shopify.locale = 'fr'; window.Shopify.country = 'BE'; document.documentElement.lang = 'fr'; });
  await until(page, 'cartlift-bundles', 'Notre choix');
  assert.equal(await rootLang(page, 'cartlift-bundles'), 'fr-BE');
  assert.deepEqual(problems, []);
  await page.close();
});

test('on a Shopify store in euros (Markets), "auto" in French shows French euros: $75 is 69,00 €', async () => {
  const { page, problems } = await open(browser, '/shopify.html?currency=EUR');
  await page.waitForFunction(() => (document.querySelector('cartlift-shipping-bar')?.shadowRoot?.textContent ?? '').includes('€69.00'));
  await page.evaluate(() => {
    window.Shopify.locale = 'fr';
    window.Shopify.country = 'FR';
    const config = JSON.parse(document.getElementById('cartlift-config').textContent);
    cartlift.configure({ ...config, locale: 'auto' });
  });
  await until(page, 'cartlift-shipping-bar', '69,00');
  assert.match(await shadow(page, 'cartlift-shipping-bar'), /69,00\s€/);
  assert.match(await shadow(page, 'cartlift-bundles'), new RegExp(words('fr').column_bundle_price));
  assert.deepEqual(await page.evaluate(() => [...new Set(JSON.stringify(cartlift.state()).match(/"currency":"[A-Z]{3}"/g))]), ['"currency":"EUR"']);
  assert.deepEqual(problems, []);
  await page.close();
});

test('labels keyed by language on an English page: the English ones, no words fetched, nothing refused', async () => {
  const { page, problems } = await open(browser, '/pages/german.html');
  await until(page, 'cartlift-bundles', 'Set-Preis');
  await heard(page);
  const config = await page.evaluate(() => document.getElementById('cartlift-config').textContent);
  const keyed = config.replace('"de-DE"', '"en-US"')
    .replace('"labels": { "best_value": "Unser Tipp" }', '"labels": { "en": { "best_value": "Our pick" }, "de": { "best_value": "Unser Tipp" } }');
  await page.evaluate(() => performance.clearResourceTimings());
  await page.evaluate((c) => cartlift.configure(c), keyed);
  await until(page, 'cartlift-bundles', 'Our pick');
  assert.match(await shadow(page, 'cartlift-bundles'), /Bundle price/);
  assert.deepEqual((await fetchedWords(page)).filter((p) => p.endsWith('.json')), []);
  assert.deepEqual(await page.evaluate(() => window.__refused), []);
  assert.deepEqual(problems, []);
  await page.close();
});

test('axe finds nothing inside the widgets in each of cartlift\'s languages', async () => {
  const AXE = readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
  const { page, problems } = await open(browser, '/pages/german.html');
  await until(page, 'cartlift-bundles', 'Set-Preis');
  await page.addScriptTag({ content: AXE });
  const config = (await page.evaluate(() => document.getElementById('cartlift-config').textContent))
    .replace('"labels": { "best_value": "Unser Tipp" }', '"labels": {}');
  const found = [];
  for (const [locale, tag] of [['de-DE', 'de'], ['fr-FR', 'fr'], ['es-ES', 'es'], ['it-IT', 'it'], ['nl-NL', 'nl'], ['pt-BR', 'pt-BR'], ['pl-PL', 'pl'], ['sv-SE', 'sv'], ['ja-JP', 'ja'], ['ko-KR', 'ko'], ['zh-CN', 'zh-CN'], ['ar-EG', 'ar'], ['he-IL', 'he']]) {
    await page.evaluate((c) => cartlift.configure(c), config.replace('"de-DE"', `"${locale}"`));
    await until(page, 'cartlift-bundles', words(tag).column_bundle_price);
    found.push(...await page.evaluate(async (l) => {
      const result = await window.axe.run(document, { resultTypes: ['violations'], rules: { region: { enabled: false }, 'label-content-name-mismatch': { enabled: true } } });
      return result.violations.flatMap((v) => v.nodes
        .filter((n) => Array.isArray(n.target[0]) || String(n.target[0]).startsWith('cartlift-'))
        .map((n) => `${l}: ${v.id} (${v.impact}): ${JSON.stringify(n.target)} ${n.failureSummary}`));
    }, locale));
  }
  assert.deepEqual(found, []);
  assert.deepEqual(problems, []);
  await page.close();
});
