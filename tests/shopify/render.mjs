// @ts-check
// The theme app extension's Liquid, rendered as a Shopify storefront would: liquidjs (npm) runs
// each block file with the objects Shopify gives blocks (`shop`, `request`, `localization`,
// `block`, the page's `product`), the block's settings filled from its schema's defaults (and a
// `product` setting with `autofill` from the page's product, as the theme editor does), and the
// embed's and blocks' `javascript` / `stylesheet` put in the page's head, as Shopify injects
// them. The pages are written into target/shopify-app/, which the demo server serves under
// /shopify-app/, beside the extension's assets under /apps/cartlift/assets/ (Shopify's CDN).
//
// The few Shopify filters and tags the blocks use, implemented here and nowhere else:
// - `asset_url`: the asset's URL on the "CDN" (/apps/cartlift/assets/NAME);
// - `json`: JSON text, with `<`, `>` and `&` written as \u escapes, as Shopify's filter writes
//   them, so that no value can close the <script> it is printed in;
// - `t`: the extension's storefront strings in the page's language (locales/LANG.json, else
//   en.default.json), `{{ name }}` filled from the filter's arguments;
// - `{% schema %}`: read for its JSON, printing nothing.
// `escape`, `strip`, `append`, `contains`, `blank` and `render` are Liquid's own (liquidjs).
import { Liquid, Tag } from 'liquidjs';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const EXTENSION = path.join(ROOT, 'shopify/extensions/cartlift-theme');
export const PAGES = path.join(ROOT, 'target/shopify-app');
/** Where the demo server serves the extension's assets, as Shopify's CDN would. */
export const ASSETS_URL = '/apps/cartlift/assets/';

/** The extension's storefront strings in `language` (`de`, `pt-BR`), as Shopify picks them: the
 * language's own file, else its base language's, else the default (English). @param {string} language */
const stringsIn = (language) => {
  for (const name of [language, language.split('-')[0], 'en.default']) {
    try { return JSON.parse(readFileSync(path.join(EXTENSION, 'locales', `${name}.json`), 'utf8')); } catch { /* the next one */ }
  }
  return {};
};

const engine = new Liquid({
  root: [path.join(EXTENSION, 'blocks'), path.join(ROOT, 'tests/shopify/theme')],
  partials: path.join(EXTENSION, 'snippets'),
  extname: '.liquid',
  strictFilters: true,
  ownPropertyOnly: true,
});
engine.registerFilter('asset_url', (/** @type {string} */ name) => `${ASSETS_URL}${name}`);
engine.registerFilter('json', (/** @type {unknown} */ value) => JSON.stringify(value ?? null)
  .replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026'));
engine.registerFilter('t', function (/** @type {string} */ key, /** @type {[string, unknown][]} */ ...args) {
  // The page's language, from the render's `request.locale`.
  const language = String(/** @type {any} */ (this).context.getSync(['request', 'locale', 'iso_code']) ?? 'en');
  const text = key.split('.').reduce((/** @type {any} */ at, k) => at?.[k], stringsIn(language))
    ?? key.split('.').reduce((/** @type {any} */ at, k) => at?.[k], stringsIn('en'));
  if (typeof text !== 'string') return `translation missing: ${language}.${key}`;
  const named = Object.fromEntries(args.filter(Array.isArray));
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name) => String(named[name] ?? ''));
});
engine.registerTag('schema', class extends Tag {
  /** @param {any} token @param {any} remain @param {any} liquid */
  constructor(token, remain, liquid) {
    super(token, remain, liquid);
    // Its body is JSON, not Liquid: skipped to {% endschema %}.
    while (remain.length) {
      const next = remain.shift();
      if (next.name === 'endschema') return;
    }
    throw new Error('{% schema %} without {% endschema %}');
  }
  render() { return ''; }
});

/** A block file's schema. @param {string} name */
export function schemaOf(name) {
  const source = readFileSync(path.join(EXTENSION, 'blocks', `${name}.liquid`), 'utf8');
  const json = /\{%-?\s*schema\s*-?%\}([\s\S]*?)\{%-?\s*endschema\s*-?%\}/.exec(source)?.[1];
  if (!json) throw new Error(`blocks/${name}.liquid has no schema`);
  return JSON.parse(json);
}

/**
 * @typedef {{ handle: string, title: string, variant_id: number }} Product
 * @typedef {{
 *   config: unknown,                 // the app's shop metafield (`json`), or undefined: none pushed
 *   collect?: string,                // the app's `collect` shop metafield
 *   locale?: string,                 // request.locale.iso_code
 *   country?: string,                // localization.country.iso_code
 *   product?: Product,               // the product page's product
 *   pushed?: boolean,                // app.metafields.cartlift.configured (default: a config is there)
 * }} Store
 */

/**
 * Whether the theme editor offers a block (or the embed): its schema's `available_if`, rendered
 * with the app's app-data metafields as Shopify evaluates it.
 * @param {string} name @param {Store} store
 */
export async function offered(name, store) {
  const condition = schemaOf(name).available_if;
  if (condition === undefined) return true;
  const configured = store.pushed ?? store.config !== undefined;
  const said = await engine.parseAndRender(condition, { app: { metafields: { cartlift: configured ? { configured: true } : {} } } });
  return said.trim() === 'true';
}

/**
 * One block rendered, with its settings: the schema's defaults, a product setting with
 * autofill taking the page's product, then `given`.
 * @param {string} name @param {Record<string, unknown>} given @param {Store} store
 */
export async function block(name, given, store) {
  const schema = schemaOf(name);
  /** @type {Record<string, unknown>} */
  const settings = {};
  for (const s of schema.settings ?? []) {
    if (s.type === 'product' && s.autofill && store.product) settings[s.id] = store.product;
    else if ('default' in s) settings[s.id] = s.default;
    else settings[s.id] = s.type === 'checkbox' ? false : '';
  }
  Object.assign(settings, given);
  const metafields = store.config === undefined ? {} : {
    config: { value: store.config, type: 'json' },
    ...(store.collect ? { collect: { value: store.collect, type: 'single_line_text_field' } } : {}),
  };
  const html = await engine.renderFile(name, {
    shop: { metafields: { '$app:cartlift': metafields } },
    request: { locale: { iso_code: store.locale ?? 'en' } },
    localization: { country: { iso_code: store.country ?? 'US' } },
    product: store.product,
    block: { settings, shopify_attributes: '' },
  });
  return { html, schema };
}

/**
 * A Dawn-like product page (tests/shopify/theme/product.liquid) with the app embed switched on
 * and `blocks` in the product section, written to target/shopify-app/NAME.html; its URL path.
 * @param {string} name
 * @param {Store} store
 * @param {{ embed?: Record<string, unknown>, blocks?: [string, Record<string, unknown>][] }} layout
 */
export async function writePage(name, store, { embed = {}, blocks = [] } = {}) {
  const rendered = await Promise.all(blocks.map(([b, s]) => block(b, s, store)));
  const app = await block('cartlift-embed', embed, store);
  const head = [app, ...rendered].flatMap(({ schema }) => [
    ...(schema.stylesheet ? [`<link rel="stylesheet" href="${ASSETS_URL}${schema.stylesheet}">`] : []),
    ...(schema.javascript ? [`<script src="${ASSETS_URL}${schema.javascript}" defer></script>`] : []),
  ]);
  const html = await engine.renderFile('product', {
    product: store.product,
    app_head: [...new Set(head)].join('\n'),
    app_blocks: rendered.map((r) => r.html).join('\n'),
    app_embed: app.html,
  });
  mkdirSync(PAGES, { recursive: true });
  writeFileSync(path.join(PAGES, `${name}.html`), html);
  return `/shopify-app/${name}.html`;
}
