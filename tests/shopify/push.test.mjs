// `cartlift shopify push` (the merchant's command, built by cargo) against an emulated Shopify
// Admin GraphQL endpoint on 127.0.0.1 (admin-emulator.mjs), which checks the token and validates
// every query and mutation against Shopify's published Admin schema as Shopify would. What the
// store holds afterwards is what the storefront's embed and checkout's function read.
import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parse, validate, getVariableValues } from 'graphql';
import { startAdmin, FUNCTION_HANDLE } from './admin-emulator.mjs';
import { adminSchema } from './admin-schema.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CARTLIFT = path.join(ROOT, 'target/debug/cartlift');
const CONFIG = path.join(ROOT, 'www/stores/shopify.json');
const COLLECT = 'https://collect.example/events';
const run = promisify(execFile);

/** @type {Awaited<ReturnType<typeof startAdmin>>} */
let admin;
beforeEach(async () => { admin = await startAdmin(); });
afterEach(async () => { await admin.close(); });

/** The command's exit code and output; the token from the environment, as a merchant sets it. */
async function push(args, token = admin.token) {
  try {
    const { stdout, stderr } = await run(CARTLIFT, ['shopify', 'push', ...args, '--shop', 'demo', '--admin-url', admin.url],
      { env: { ...process.env, SHOPIFY_ACCESS_TOKEN: token } });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const failed = /** @type {{ code: number, stdout: string, stderr: string }} */ (e);
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const schema = adminSchema();
/** Every problem Shopify's schema finds in a request: the document, then its variables. */
function problems({ query, variables, operationName }) {
  const document = parse(query);
  const found = validate(schema, document).map((e) => e.message);
  const operation = document.definitions.find((d) => d.kind === 'OperationDefinition' && d.name?.value === operationName);
  if (!operation || operation.kind !== 'OperationDefinition') return [...found, `no operation ${operationName}`];
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {});
  return [...found, ...(coerced.errors ?? []).map((e) => e.message)];
}
const names = () => admin.requests.map((r) => r.operationName);
const shopField = (key) => admin.metafields.get(`gid://shopify/Shop/1 $app:cartlift ${key}`);

test('a first push creates the discount on the function with checkout\'s config, connects the pixel, and writes the widget\'s config', async () => {
  const { code, stdout, stderr } = await push([CONFIG, '--collect', COLLECT]);
  assert.equal(code, 0, stderr);
  assert.deepEqual(names(), ['Shop', 'CreateDiscount', 'CreatePixel', 'SetMetafields']);
  assert.equal(admin.discounts.size, 1);
  const [[id, discount]] = [...admin.discounts];
  assert.equal(discount.functionHandle, FUNCTION_HANDLE);
  assert.deepEqual(discount.discountClasses, ['PRODUCT', 'ORDER', 'SHIPPING']);
  assert.deepEqual(discount.combinesWith, { productDiscounts: false, orderDiscounts: true, shippingDiscounts: true });
  assert.match(discount.startsAt, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  // Checkout's config is exactly what `cartlift export shopify-function` writes for it.
  const exported = JSON.parse((await run(CARTLIFT, ['--format', 'json', 'export', 'shopify-function', CONFIG])).stdout);
  assert.equal(admin.metafields.get(`${id} $app cartlift`), exported.value);
  // The widget's config is the merchant's, key for key; the embed prints it from here.
  assert.deepEqual(JSON.parse(shopField('config')), JSON.parse(readFileSync(CONFIG, 'utf8')));
  assert.equal(shopField('collect'), COLLECT);
  // The app-data flag the theme extension's available_if reads.
  assert.equal(admin.metafields.get('gid://shopify/AppInstallation/7 cartlift configured'), 'true');
  assert.deepEqual([...admin.pixels.values()], [{ collect: COLLECT }]);
  assert.match(stdout, new RegExp(`discount ${id} \\(created\\)`));
});

test('a second push updates what the first made: still one discount and one pixel, the new config in both metafields', async () => {
  assert.equal((await push([CONFIG, '--collect', COLLECT])).code, 0);
  const changed = JSON.parse(readFileSync(CONFIG, 'utf8'));
  changed.bundles[0].price = '900.00';
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'cartlift-push-')), 'config.json');
  writeFileSync(file, JSON.stringify(changed));
  admin.requests.length = 0;
  const { code, stdout } = await push([file, '--collect', COLLECT]);
  assert.equal(code, 0);
  assert.deepEqual(names(), ['Shop', 'UpdateDiscount', 'CreatePixel', 'Pixel', 'UpdatePixel', 'SetMetafields']);
  assert.equal(admin.discounts.size, 1);
  assert.equal(admin.pixels.size, 1);
  assert.equal(JSON.parse(shopField('config')).bundles[0].price, '900.00');
  const [id] = admin.discounts.keys();
  assert.ok(admin.metafields.get(`${id} $app cartlift`).includes('90000'), 'checkout prices the bundle at $900.00');
  assert.match(stdout, /\(updated\)/);
});

test('every query and mutation sent, and every one --dry-run prints, is valid against Shopify\'s Admin schema', async () => {
  assert.equal((await push([CONFIG, '--collect', COLLECT])).code, 0);
  assert.equal((await push([CONFIG, '--collect', COLLECT])).code, 0);
  const dry = await run(CARTLIFT, ['--format', 'json', 'shopify', 'push', CONFIG, '--dry-run', '--collect', COLLECT]);
  const printed = JSON.parse(dry.stdout).requests;
  assert.deepEqual(printed.map((r) => r.operationName), ['Shop', 'CreateDiscount', 'CreatePixel', 'SetMetafields']);
  const sent = admin.requests.map(({ query, variables, operationName }) => ({ query, variables, operationName }));
  assert.equal(new Set(sent.map((r) => r.operationName)).size, 7, 'every operation was sent');
  for (const request of [...sent, ...printed]) assert.deepEqual(problems(request), [], request.operationName);
  // The schema check has teeth: a field Shopify does not have is caught.
  assert.notDeepEqual(problems({ query: 'query Shop { shop { id nope } }', variables: {}, operationName: 'Shop' }), []);
});

test('--dry-run sends nothing and needs no token', async () => {
  const { stdout, stderr } = await run(CARTLIFT, ['shopify', 'push', CONFIG, '--dry-run'], { env: { ...process.env, SHOPIFY_ACCESS_TOKEN: '' } });
  assert.match(stdout, /^query Shop \{/);
  assert.match(stdout, /mutation CreateDiscount/);
  assert.match(stderr, /nothing sent/);
  assert.equal(admin.requests.length, 0);
});

test('a wrong token is one sentence with 401, exit 3, and the token is never printed', async () => {
  const { code, stdout, stderr } = await push([CONFIG], 'shpat_wrong_and_secret');
  assert.equal(code, 3);
  assert.match(stderr, /access token \(401\)/);
  assert.match(stderr, /nothing was written/);
  assert.equal(stderr.trim().split('\n').length, 1);
  for (const text of [stdout, stderr]) assert.ok(!text.includes('shpat_wrong_and_secret') && !text.includes(admin.token));
  assert.equal(admin.discounts.size, 0);
});

test('a frozen shop (402) and Shopify\'s own error (503) are each said in one sentence', async () => {
  admin.fail({ operation: 'Shop', status: 402, body: '{"errors":"Unavailable Shop"}' });
  let out = await push([CONFIG]);
  assert.equal(out.code, 3);
  assert.match(out.stderr, /402 Payment Required: demo\.myshopify\.com is frozen/);
  admin.fail({ operation: 'Shop', status: 503 });
  out = await push([CONFIG]);
  assert.match(out.stderr, /error of its own \(503\)/);
});

test('429 asking for 30 s on the discount says so, and which step was done; the next push resumes without a second discount', async () => {
  admin.fail({ operation: 'CreateDiscount', status: 429, headers: { 'Retry-After': '30' } });
  const first = await push([CONFIG]);
  assert.equal(first.code, 3);
  assert.match(first.stderr, /429 Too Many Requests\) and asked to wait 30 s \(while creating the discount\); done before it: read the shop;/);
  assert.equal(admin.discounts.size, 0);
  assert.equal((await push([CONFIG])).code, 0);
  assert.equal(admin.discounts.size, 1);
});

test('429 asking for no wait is retried at once, and the push completes', async () => {
  admin.fail({ operation: 'SetMetafields', status: 429, headers: { 'Retry-After': '0' } });
  const { code, stderr } = await push([CONFIG]);
  assert.equal(code, 0, stderr);
  assert.ok(shopField('config'));
});

test('the network dropping on the last write: the discount made is said, and the next push finds it and updates it', async () => {
  admin.fail({ operation: 'SetMetafields', drop: true });
  const first = await push([CONFIG]);
  assert.equal(first.code, 3);
  assert.match(first.stderr, /network failed.*\(while writing the configs\); done before it: read the shop, created the discount gid:\/\/shopify\/DiscountAutomaticNode\/1; nothing after it was written/);
  assert.equal(shopField('config'), undefined, 'the storefront keeps what it had');
  admin.requests.length = 0;
  const second = await push([CONFIG]);
  assert.equal(second.code, 0, second.stderr);
  assert.deepEqual(names(), ['Shop', 'UpdateDiscount', 'SetMetafields']);
  assert.equal(admin.discounts.size, 1, 'never a second discount');
  assert.ok(shopField('config'));
});

test('a discount titled "cartlift" that another app or the merchant made is left alone: only the one with this app\'s metafield is ours', async () => {
  admin.discounts.set('gid://shopify/DiscountAutomaticNode/900', { title: 'cartlift', functionHandle: 'someone-else' });
  assert.equal((await push([CONFIG])).code, 0);
  assert.equal(admin.discounts.size, 2);
  assert.equal(admin.discounts.get('gid://shopify/DiscountAutomaticNode/900').functionHandle, 'someone-else');
});

test('a discount deleted in the admin is made again by the next push', async () => {
  assert.equal((await push([CONFIG])).code, 0);
  admin.discounts.clear();
  admin.requests.length = 0;
  assert.equal((await push([CONFIG])).code, 0);
  assert.deepEqual(names(), ['Shop', 'CreateDiscount', 'SetMetafields']);
  assert.equal(admin.discounts.size, 1);
  // Deleted between the push's look and its update: Shopify says the id is unknown.
  admin.fail({ operation: 'UpdateDiscount', status: 200, body: JSON.stringify({ data: { discountAutomaticAppUpdate: { automaticAppDiscount: null, userErrors: [{ field: ['id'], message: 'Discount does not exist', code: 'INVALID' }] } } }) });
  admin.requests.length = 0;
  assert.equal((await push([CONFIG])).code, 0);
  assert.deepEqual(names(), ['Shop', 'UpdateDiscount', 'CreateDiscount', 'SetMetafields']);
});

test('Shopify\'s userErrors and a throttled query are said with their fields and codes', async () => {
  admin.fail({ operation: 'CreateDiscount', status: 200, body: JSON.stringify({ data: { discountAutomaticAppCreate: { automaticAppDiscount: null, userErrors: [{ field: ['automaticAppDiscount', 'functionHandle'], message: 'Function not found.', code: 'INVALID' }] } } }) });
  let out = await push([CONFIG]);
  assert.equal(out.code, 3);
  assert.match(out.stderr, /Shopify refused the discount: automaticAppDiscount\.functionHandle: Function not found\./);
  admin.fail({ operation: 'Shop', status: 200, body: '{"errors":[{"message":"Throttled","extensions":{"code":"THROTTLED"}}]}' });
  out = await push([CONFIG]);
  assert.match(out.stderr, /THROTTLED/);
});

test('a config with problems is refused before anything is sent (exit 1); no token is exit 2', async () => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'cartlift-push-')), 'bad.json');
  writeFileSync(file, JSON.stringify({ currency: 'USD', products: [], shiping_bar: {} }));
  const bad = await push([file]);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /is not pushed: unknown_key at shiping_bar/);
  const none = await push([CONFIG], '');
  assert.equal(none.code, 2);
  assert.match(none.stderr, /SHOPIFY_ACCESS_TOKEN/);
  assert.equal(admin.requests.length, 0);
});
