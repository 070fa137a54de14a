// `cartlift preview FILE`: the merchant's own file in the preview, followed as it changes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch } from './browser.mjs';

const CLI = process.env.CARTLIFT_CLI ?? new URL('../../target/debug/cartlift', import.meta.url).pathname;
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const config = (threshold) => JSON.stringify({
  currency: 'USD',
  products: [{ id: 'kettle', title: 'Copper Kettle', price: '30.00' }],
  shipping_bar: { goals: [{ threshold, reward: 'free shipping' }] },
  cart: { currency: 'USD', items: [{ id: 'kettle', quantity: 1 }] },
}, null, 2);

/** Starts the preview of `file` on a free port; resolves with its URL and the process. */
function preview(file) {
  const child = spawn(CLI, ['preview', file, '--port', '0', '--exit-after', '120'], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/http:\/\/127\.0\.0\.1:\d+\/\S+/);
      if (m) resolve({ url: m[0], child });
    });
    child.on('exit', (code) => reject(new Error(`cartlift preview exited (${code}): ${out}`)));
  });
}

test("the preview shows the merchant's file and follows it when it changes on disk", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cartlift-preview-'));
  const file = join(dir, 'config.json');
  writeFileSync(file, config('50.00'));
  const { url, child } = await preview(file);
  try {
    const page = await browser.newPage();
    await page.goto(url);
    await page.waitForFunction(() => document.querySelector('#status')?.textContent === 'The config is valid.');
    assert.match(await page.locator('#config').inputValue(), /Copper Kettle/);
    const message = () => page.evaluate(() => document.querySelector('#live cartlift-shipping-bar')?.shadowRoot?.querySelector('[part~=message]')?.textContent ?? '');
    await page.waitForFunction(() => (document.querySelector('#live cartlift-shipping-bar')?.shadowRoot?.querySelector('[part~=message]')?.textContent ?? '').includes('$20.00'));
    assert.equal(await message(), "You're $20.00 away from free shipping");
    // The merchant saves a new threshold in their editor: the preview follows within a second or so.
    writeFileSync(file, config('45.00'));
    await page.waitForFunction(() => (document.querySelector('#live cartlift-shipping-bar')?.shadowRoot?.querySelector('[part~=message]')?.textContent ?? '').includes('$15.00'));
    assert.match(await page.locator('#config').inputValue(), /"45\.00"/);
  } finally {
    child.kill();
  }
});

test('a missing file is one sentence and exit code 2', async () => {
  const child = spawn(CLI, ['preview', '/nonexistent/config.json', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => { err += d; });
  // 'close', not 'exit': stderr is read to its end first.
  const code = await new Promise((resolve) => child.on('close', resolve));
  assert.equal(code, 2);
  assert.match(err, /cannot be read/);
});
