// @ts-check
// The language module (spec §13), loaded only by a page whose config needs it
// (src/entry/language.js): it hands the widgets the config in one language, flat, as the
// widget's wasm reads it.
// - `"locale": "auto"` becomes the page's language (`Shopify.locale`, with the shopper's
//   country when it names none, else `<html lang>`), and follows `<html lang>` when the page
//   switches language;
// - labels keyed by language give way to the page's: the closest tag wins (the same, then one
//   it narrows, `de` for `de-AT`, then the same language), each label it leaves out being the
//   flat one's;
// - cartlift's own words in that language (src/words/, one small file each, named by its
//   content) go under all of them, the merchant's winning key by key. A language without
//   words keeps English, and says so once in the console.
//
// The config's text changes in two members only, `labels` (strings, no amounts) and `locale`,
// so every amount keeps the exact digits the merchant wrote.

import { isObject } from './loader/parts.js';
import { closest, isLanguageKey } from './entry/language.js';

/** @type {Record<string, string>} each language's file, by its tag in lower case */
// @ts-expect-error: replaced by esbuild's --define at build time
const WORDS = CARTLIFT_WORDS;

/** @type {Map<string, Promise<Record<string, unknown> | null>>} */
const fetched = new Map();
const told = new Set();

/**
 * The words file for a locale (`de-DE` → `de`, `pt-PT` → `pt-BR`, `zh-TW` → `zh-CN`: the
 * tag itself first, then its language), or null.
 * @param {string} locale
 */
export const fileFor = (locale) => (/^en(-|$)/i.test(locale) ? null : closest(WORDS, locale) ?? null);

/**
 * The page's language: `Shopify.locale` (with `Shopify.country` when it names no region, as
 * the app's embed writes it), else `<html lang>`, else English.
 * @returns {string}
 */
export const pageLocale = () => {
  /** @type {{ locale?: unknown, country?: unknown } | undefined} */
  const shopify = /** @type {any} */ (globalThis).Shopify;
  const tag = /^[a-z]{2,3}(-[a-z0-9]{1,8})*$/i;
  if (typeof shopify?.locale === 'string' && tag.test(shopify.locale)) {
    const country = shopify.country;
    return !shopify.locale.includes('-') && typeof country === 'string' && /^[A-Z]{2}$/.test(country)
      ? `${shopify.locale}-${country}` : shopify.locale;
  }
  const lang = globalThis.document?.documentElement.lang.trim() ?? '';
  return tag.test(lang) ? lang : 'en-US';
};

/**
 * How closely labels keyed by `tag` fit a page in `locale`: the same tag 4, a tag it narrows
 * (`de` for `de-AT`) 3, the same language (`de-DE` for `de-AT`) 2, another language 0. The flat
 * labels are 1.
 * @param {string} tag @param {string} locale
 */
export const closeness = (tag, locale) => {
  const [t, l] = [tag.toLowerCase(), locale.toLowerCase()];
  if (t === l) return 4;
  if (l.startsWith(`${t}-`)) return 3;
  return t.split('-')[0] === l.split('-')[0] ? 2 : 0;
};

/**
 * `labels` for a page in `locale`, flat: each label from the closest language that has it
 * (the last of equals, as JSON readers keep the last of a key given twice), else the flat one.
 * @param {Record<string, unknown>} labels @param {string} locale
 * @returns {Record<string, unknown>}
 */
export const labelsFor = (labels, locale) => {
  /** @type {Record<string, [number, unknown]>} */
  const best = {};
  /** @param {string} key @param {unknown} text @param {number} rank */
  const offer = (key, text, rank) => { if (rank > 0 && rank >= (best[key]?.[0] ?? 0)) best[key] = [rank, text]; };
  for (const [key, value] of Object.entries(labels)) {
    if (isObject(value) && isLanguageKey(key)) {
      const rank = closeness(key, locale);
      for (const [label, text] of Object.entries(value)) offer(label, text, rank);
    } else {
      offer(key, value, 1);
    }
  }
  return Object.fromEntries(Object.entries(best).map(([key, [, text]]) => [key, text]));
};

/**
 * Where the config's top-level member `key` holds its value in `text`: `[from, to]`, or null.
 * @param {string} text @param {string} key
 */
export const memberAt = (text, key) => {
  let depth = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (c === '"') {
      const start = i;
      for (i += 1; i < text.length && text[i] !== '"'; i += text[i] === '\\' ? 2 : 1);
      if (depth === 1 && JSON.parse(text.slice(start, i + 1)) === key) {
        const colon = /^\s*:\s*/.exec(text.slice(i + 1));
        if (!colon) continue;
        const from = i + 1 + colon[0].length;
        let inner = 0;
        for (let j = from; j < text.length; j += 1) {
          const d = text[j];
          if (d === '"') { for (j += 1; j < text.length && text[j] !== '"'; j += text[j] === '\\' ? 2 : 1); if (inner === 0) return [from, j + 1]; continue; }
          if (d === '{' || d === '[') inner += 1;
          else if (d === '}' || d === ']') { inner -= 1; if (inner === 0) return [from, j + 1]; if (inner < 0) return [from, j]; }
          else if (inner === 0 && d === ',') return [from, j];
        }
        return null;
      }
    } else if (c === '{' || c === '[') depth += 1;
    else if (c === '}' || c === ']') depth -= 1;
  }
  return null;
};

/**
 * `text` with its top-level member `key` set to `json` (added first when it has none).
 * @param {string} text @param {string} key @param {string} json
 */
const withMember = (text, key, json) => {
  const at = memberAt(text, key);
  if (at) return text.slice(0, at[0]) + json + text.slice(at[1]);
  const brace = text.indexOf('{');
  const empty = /^\s*\}/.test(text.slice(brace + 1));
  return `${text.slice(0, brace + 1)}${JSON.stringify(key)}:${json}${empty ? '' : ','}${text.slice(brace + 1)}`;
};

/** Told when the page's language changes, while a config in the page's language is shown. */
let switched = () => {};
let watching = false;
/** @param {() => void} then */
const follow = (then) => {
  switched = then;
  if (watching || typeof MutationObserver === 'undefined' || !globalThis.document) return;
  watching = true;
  let shown = pageLocale();
  new MutationObserver(() => {
    const now = pageLocale();
    if (now !== shown) { shown = now; switched(); }
  }).observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
};

/**
 * The config's text in one language, flat, as the widgets read it; or null when it stays as it
 * is (not a JSON object). `onSwitch` is told when the page switches language, if the config
 * follows it (`"locale": "auto"`); the last config's is the one told.
 * @param {string} text
 * @param {() => void} [onSwitch]
 * @returns {Promise<string | null>}
 */
export async function withWords(text, onSwitch = () => {}) {
  let config;
  try { config = JSON.parse(text); } catch { return null; /* the widgets refuse it, saying why */ }
  if (!isObject(config)) return null;
  const auto = config.locale === 'auto';
  if (auto) follow(onSwitch); else switched = () => {};
  const locale = auto ? pageLocale() : typeof config.locale === 'string' ? config.locale : 'en-US';
  let out = auto ? withMember(text, 'locale', JSON.stringify(locale)) : text;
  const labels = config.labels ?? {};
  // Not an object: the widgets refuse it, with its path.
  if (!isObject(labels)) return out;
  const file = fileFor(locale);
  if (!file && !/^en(-|$)/i.test(locale) && !told.has(locale)) {
    told.add(locale);
    console.info(`cartlift: no words of its own in "${locale}": English where the config's labels say nothing.`);
  }
  if (file && !fetched.has(file)) {
    fetched.set(file, fetch(new URL(file, import.meta.url)).then((r) => (r.ok ? r.json() : null)).catch(() => null));
  }
  const words = file ? await fetched.get(file) : null;
  out = withMember(out, 'labels', JSON.stringify({ ...words, ...labelsFor(labels, locale) }));
  return out;
}
