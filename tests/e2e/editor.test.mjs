// The merchant preview's config editor (www/editor/, CodeMirror): typing in it as a merchant
// would. The schema completes keys and documents them on hover; cartlift's own checker marks
// each problem where it is, with the did-you-mean as a quick fix; and the rest of the preview
// (the widgets, the problem list, the snippet) follows the same document.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, open, setConfigText, axeViolations } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** The preview with its editor up and the electronics example loaded. */
async function preview() {
  const { page, problems } = await open(browser, '/preview.html');
  // The first preview of a run fetches the editor (1.2 MB) from a demo server that compresses
  // it at brotli's best on first request: seconds on a busy machine.
  await page.waitForFunction(() => document.body.dataset.editor === 'ready' && document.querySelector('#config').value.includes('office-2'), null, { timeout: 90_000 });
  return { page, problems };
}

/** Puts the caret at `offset` of the editor's document. */
const caretAt = (page, offset) => page.evaluate((o) => {
  const area = document.querySelector('#config');
  area.focus();
  area.setSelectionRange(o, o);
}, offset);

test('typing "sh at the top level offers shipping_bar, and taking it writes the key', async () => {
  const { page, problems } = await preview();
  const text = '{\n  "currency": "USD",\n  \n  "products": [{ "id": "a", "title": "A", "price": "1.00" }]\n}';
  await setConfigText(page, text);
  await caretAt(page, text.indexOf('\n  \n') + 3);
  await page.keyboard.type('"shi');
  await page.keyboard.press('Control+Space');
  const option = page.locator('.cm-tooltip-autocomplete li', { hasText: 'shipping_bar' });
  await option.first().waitFor();
  await option.first().click();
  await page.waitForFunction(() => document.querySelector('#config').value.includes('"shipping_bar"'));
  assert.deepEqual(problems, []);
  await page.close();
});

test('hovering a key shows what the schema says of it', async () => {
  const { page } = await preview();
  const key = page.locator('.cm-content .cm-line', { hasText: '"currency": "USD"' }).first();
  const box = await key.boundingBox();
  assert.ok(box);
  // The key's first characters, past the indentation.
  await page.mouse.move(box.x + 40, box.y + box.height / 2);
  const tip = page.locator('.cm-tooltip-hover');
  await tip.waitFor();
  const schema = JSON.parse(readFileSync(new URL('../../www/cartlift.schema.json', import.meta.url), 'utf8'));
  const described = schema.properties.currency.description;
  assert.ok(described, 'the schema documents currency');
  assert.match(await tip.textContent(), new RegExp(described.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  await page.close();
});

test('a misspelt product is marked on its own text, and its quick fix writes "mouse" and clears the problem', async () => {
  const { page, problems } = await preview();
  const good = await page.evaluate(() => document.querySelector('#config').value);
  const bad = good.replace('"items": ["laptop", "mouse"]', '"items": ["laptop", "mous"]');
  assert.notEqual(bad, good);
  await setConfigText(page, bad);
  const mark = page.locator('.cm-lintRange-error');
  await mark.first().waitFor();
  assert.deepEqual(await mark.allTextContents(), ['"mous"']);
  // The problem list beside the editor says the same, with its place.
  await page.locator('#errors li', { hasText: 'bundles[0].items[1]' }).waitFor();
  // The quick fix, from the diagnostic's tooltip.
  await mark.first().hover();
  const fix = page.locator('.cm-tooltip-lint .cm-diagnosticAction', { hasText: 'Use "mouse"' });
  await fix.waitFor();
  await fix.click();
  await page.waitForFunction((g) => document.querySelector('#config').value === g, good);
  await page.waitForFunction(() => document.querySelectorAll('.cm-lintRange-error').length === 0);
  await page.waitForFunction(() => document.querySelector('#status').textContent.includes('valid'));
  assert.deepEqual(problems, []);
  await page.close();
});

test('a misspelt key is marked where it is and fixed to shipping_bar', async () => {
  const { page } = await preview();
  const text = '{"currency":"USD","products":[{"id":"a","title":"A","price":"1.00"}],"shiping_bar":{"goals":[{"threshold":"10.00","reward":"free shipping"}]}}';
  await setConfigText(page, text);
  const mark = page.locator('.cm-lintRange-error');
  await mark.first().waitFor();
  assert.deepEqual(await mark.allTextContents(), ['"shiping_bar"']);
  await mark.first().hover();
  await page.locator('.cm-tooltip-lint .cm-diagnosticAction', { hasText: 'Use "shipping_bar"' }).click();
  await page.waitForFunction(() => document.querySelector('#config').value.includes('"shipping_bar":{"goals"'));
  await page.waitForFunction(() => document.querySelector('cartlift-shipping-bar').shadowRoot.textContent.includes('10.00'));
  await page.close();
});

test('the editor is labelled and keyboard-operable, and axe finds nothing in the config panel', async () => {
  const { page } = await preview();
  const labelled = await page.evaluate(() => {
    const content = document.querySelector('.config-editor .cm-content');
    const label = document.getElementById(content?.getAttribute('aria-labelledby') ?? '');
    return { label: label?.textContent ?? '', role: content?.getAttribute('role'), focusable: content?.getAttribute('contenteditable') };
  });
  assert.match(labelled.label, /Config JSON/);
  assert.equal(labelled.role, 'textbox');
  assert.equal(labelled.focusable, 'true');
  // Tab reaches the editor from the language picker before it.
  await page.focus('#language');
  await page.keyboard.press('Tab');
  assert.ok(await page.evaluate(() => document.activeElement?.classList.contains('cm-content')));
  const violations = await axeViolations(page, '.editor');
  assert.deepEqual(violations, []);
  await page.close();
});

test('the phone beside the desktop draws the same offers at 375 px, as cards, and follows each edit', async () => {
  const { page, problems } = await open(browser, '/preview.html', { width: 1600, height: 1000 });
  await page.waitForFunction(() => document.querySelector('#config').value.includes('office-2'));
  const phone = page.locator('#phone');
  const box = await phone.boundingBox();
  const live = await page.locator('#live').boundingBox();
  assert.ok(box && live && box.x > live.x + live.width - 1, 'the phone stands beside the desktop widgets');
  assert.equal(Math.round(box.width), 375);
  await page.waitForFunction(() => document.querySelector('#phone cartlift-bundles')?.shadowRoot?.querySelectorAll('[part~=row]').length === 2);
  const display = (sel) => page.evaluate((s) => getComputedStyle(document.querySelector(s).shadowRoot.querySelector('[part~=row]')).display, sel);
  assert.equal(await display('#live cartlift-bundles'), 'table-row');
  assert.notEqual(await display('#phone cartlift-bundles'), 'table-row', 'cards on the phone');
  const text = await page.evaluate(() => document.querySelector('#config').value);
  await setConfigText(page, text.replace('"price": "950.00"', '"price": "900.00"'));
  await page.waitForFunction(() => document.querySelector('#phone cartlift-bundles').shadowRoot.textContent.includes('$900.00'));
  await page.waitForFunction(() => document.querySelector('#live cartlift-bundles').shadowRoot.textContent.includes('$900.00'));
  assert.deepEqual(problems, []);
  await page.close();
});

test('the form and the JSON are one document: a threshold typed in the form lands in the JSON, and an edit to the JSON reaches the form', async () => {
  const { page, problems } = await open(browser, '/preview.html?example=coffee');
  await page.waitForFunction(() => document.body.dataset.editor === 'ready' && document.querySelector('#config').value.includes('"75.00"'));
  const before = await page.evaluate(() => document.querySelector('#config').value);
  const threshold = page.getByLabel('Threshold').first();
  assert.equal(await threshold.inputValue(), '75.00');
  await threshold.fill('60.00');
  await threshold.press('Tab');
  await page.waitForFunction(() => document.querySelector('#config').value.includes('"60.00"'));
  const after = await page.evaluate(() => document.querySelector('#config').value);
  // Only the threshold's text changed: every other character, formatting included, kept.
  assert.equal(after, before.replace('"threshold": "75.00"', '"threshold": "60.00"'));
  await page.waitForFunction(() => document.querySelector('cartlift-shipping-bar').shadowRoot.querySelector('[part=message]').textContent.includes('$6.50'));
  // A grant the goal did not have is written into it.
  await page.getByLabel('Free shipping').first().selectOption('all');
  await page.waitForFunction(() => /"free_shipping": "all"/.test(document.querySelector('#config').value));
  JSON.parse(await page.evaluate(() => document.querySelector('#config').value));
  // A free gift is chosen among the config's products, by their titles; the second goal's mug
  // is shown as chosen.
  assert.equal(await page.getByLabel('Free gift').nth(1).inputValue(), 'mug');
  await page.getByLabel('Free gift').first().selectOption({ label: 'Paper filters (100)' });
  await page.waitForFunction(() => /"free_shipping": "all", "gift": "filters"/.test(document.querySelector('#config').value));
  await page.getByLabel('Gift added without a click').first().selectOption('yes');
  await page.waitForFunction(() => /"gift": "filters", "auto": true/.test(document.querySelector('#config').value));
  // The JSON edited by hand: the form follows.
  const text = await page.evaluate(() => document.querySelector('#config').value);
  await setConfigText(page, text.replace('"threshold": "60.00"', '"threshold": "55.00"'));
  await page.waitForFunction(() => document.querySelector('#form input')?.value === '55.00');
  // A threshold that is not an amount is refused at the field, and the JSON keeps its own.
  await threshold.fill('about fifty');
  await threshold.press('Tab');
  assert.equal(await threshold.getAttribute('aria-invalid'), 'true');
  assert.match(await page.evaluate(() => document.querySelector('#config').value), /"threshold": "55.00"/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a goal\'s free gift may be one variant: the form lists each product\'s variants by their values, and the XL hoodie chosen is a valid gift', async () => {
  const { page, problems } = await open(browser, '/preview.html?example=apparel');
  await page.waitForFunction(() => document.body.dataset.editor === 'ready' && document.querySelector('#status').textContent === 'The config is valid.');
  const gift = page.getByLabel('Free gift').nth(1);
  const labels = await gift.evaluate((s) => [...s.options].map((o) => o.textContent));
  assert.deepEqual(labels.filter((l) => l.startsWith('Kapuzenpulli')), ['Kapuzenpulli', 'Kapuzenpulli — S', 'Kapuzenpulli — M', 'Kapuzenpulli — L', 'Kapuzenpulli — XL']);
  await gift.selectOption({ label: 'Kapuzenpulli — XL' });
  await page.waitForFunction(() => /"gift": "hoodie-xl"/.test(document.querySelector('#config').value));
  await page.waitForFunction(() => document.querySelector('#status').textContent === 'The config is valid.');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a label typed in the form is added to the config\'s labels, and the widgets say it', async () => {
  const { page, problems } = await open(browser, '/preview.html');
  await page.waitForFunction(() => document.body.dataset.editor === 'ready' && document.querySelector('#config').value.includes('office-2'));
  const field = page.getByLabel('add_bundle', { exact: true });
  assert.equal(await field.getAttribute('placeholder'), 'Add bundle');
  await field.fill('Take both');
  await field.press('Tab');
  await page.waitForFunction(() => /"labels": \{[^}]*"add_bundle": "Take both"/.test(document.querySelector('#config').value) || /"add_bundle": "Take both"/.test(document.querySelector('#config').value));
  await page.waitForFunction(() => document.querySelector('cartlift-bundles').shadowRoot.textContent.includes('Take both'));
  assert.deepEqual(problems, []);
  await page.close();
});

test('the language switch writes the config\'s locale, and the widgets read cartlift\'s own words for it', async () => {
  const { page, problems } = await open(browser, '/preview.html');
  await page.waitForFunction(() => document.body.dataset.editor === 'ready' && document.querySelector('#config').value.includes('office-2'));
  await page.selectOption('#language', 'fr-FR');
  await page.waitForFunction(() => document.querySelector('#config').value.includes('"locale": "fr-FR"'));
  await page.waitForFunction(() => document.querySelector('#live cartlift-bundles').shadowRoot.textContent.includes('Prix du lot'));
  // French formatting of the same dollars.
  assert.match(await page.evaluate(() => document.querySelector('#live cartlift-bundles').shadowRoot.textContent), /950,00\s\$/);
  await page.selectOption('#language', 'he-IL');
  await page.waitForFunction(() => document.querySelector('#live cartlift-bundles').shadowRoot.textContent.includes('מחיר המארז'));
  const dir = await page.evaluate(() => getComputedStyle(document.querySelector('#live cartlift-bundles').shadowRoot.querySelector('[part~=row]')).direction);
  assert.equal(dir, 'rtl');
  assert.deepEqual(problems, []);
  await page.close();
});

test('labels in another language: the form adds German, hints cartlift\'s German, writes labels.de, and the German preview says it', async () => {
  const { page, problems } = await preview();
  const de = JSON.parse(readFileSync(new URL('../../src/words/de.json', import.meta.url), 'utf8'));
  await page.getByLabel('Language tag (de, fr-CA, pt-BR)').fill('de');
  await page.getByRole('button', { name: 'Add labels in this language' }).click();
  await page.waitForFunction(() => /"de": \{\}/.test(document.querySelector('#config').value));
  const german = page.locator('#form fieldset', { has: page.locator('legend', { hasText: 'Labels in de' }) });
  await german.waitFor();
  const field = german.getByLabel('add_bundle', { exact: true });
  assert.equal(await field.getAttribute('placeholder'), de.add_bundle);
  await field.fill('Beides nehmen');
  await field.press('Tab');
  await page.waitForFunction(() => /"de": \{ ?"add_bundle": "Beides nehmen" ?\}/.test(document.querySelector('#config').value));
  // Still English until the widgets are in German; then the German label.
  await page.waitForFunction(() => document.querySelector('#status').textContent.includes('valid'));
  assert.match(await page.evaluate(() => document.querySelector('#live cartlift-bundles').shadowRoot.textContent), /Add bundle/);
  await page.selectOption('#language', 'de-DE');
  await page.waitForFunction(() => document.querySelector('#live cartlift-bundles').shadowRoot.textContent.includes('Beides nehmen'));
  assert.match(await page.evaluate(() => document.querySelector('#live cartlift-bundles').shadowRoot.textContent), new RegExp(de.column_bundle_price));
  // Every field of the German labels and the language control are labelled: axe finds nothing.
  const violations = await axeViolations(page, '#form');
  assert.deepEqual(violations, []);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a misspelt label inside a language is marked where it is, with its path', async () => {
  const { page } = await preview();
  const text = '{"currency":"USD","products":[{"id":"a","title":"A","price":"1.00"}],"labels":{"fr":{"add_bundel":"Ajouter"}}}';
  await setConfigText(page, text);
  const mark = page.locator('.cm-lintRange-error');
  await mark.first().waitFor();
  assert.deepEqual(await mark.allTextContents(), ['"add_bundel"']);
  await page.locator('#errors li', { hasText: 'labels.fr.add_bundel' }).waitFor();
  await mark.first().hover();
  await page.locator('.cm-tooltip-lint .cm-diagnosticAction', { hasText: 'Use "add_bundle"' }).click();
  await page.waitForFunction(() => document.querySelector('#config').value.includes('{"fr":{"add_bundle":"Ajouter"}}'));
  await page.waitForFunction(() => document.querySelectorAll('.cm-lintRange-error').length === 0);
  await page.close();
});
