// @ts-check
// cartlift's own words in the config's language (spec §13): one small file per language
// (src/words/, `cargo xtask dist` names each by its content), fetched only by a page whose
// config's `locale` is that language, and put under the merchant's `labels`, which win key by
// key. A language without words keeps English, and says so once in the console.
//
// The config's text changes in one place only: its `labels` member (strings, no amounts), so
// every amount keeps the exact digits the merchant wrote.

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
export const fileFor = (locale) => {
  const tag = locale.toLowerCase();
  const language = tag.split('-')[0];
  if (language === 'en') return null;
  return WORDS[tag] ?? WORDS[language] ?? Object.entries(WORDS).find(([t]) => t.split('-')[0] === language)?.[1] ?? null;
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
 * The config's text with cartlift's words for its locale under its labels, or null when it
 * stays as it is (no locale, English, a language without words, labels that are not an
 * object, no network).
 * @param {string} text
 * @returns {Promise<string | null>}
 */
export async function withWords(text) {
  let config;
  try { config = JSON.parse(text); } catch { return null; }
  const locale = typeof config?.locale === 'string' ? config.locale : '';
  const file = locale ? fileFor(locale) : null;
  if (!file) {
    if (locale && !/^en\b/i.test(locale) && !told.has(locale)) {
      told.add(locale);
      console.info(`cartlift: no words of its own in "${locale}": English where the config's labels say nothing.`);
    }
    return null;
  }
  const labels = config.labels ?? {};
  if (typeof labels !== 'object' || Array.isArray(labels)) return null;
  if (!fetched.has(file)) {
    fetched.set(file, fetch(new URL(file, import.meta.url)).then((r) => (r.ok ? r.json() : null)).catch(() => null));
  }
  const words = await fetched.get(file);
  if (!words) return null;
  const merged = JSON.stringify({ ...words, ...labels });
  const at = memberAt(text, 'labels');
  if (at) return text.slice(0, at[0]) + merged + text.slice(at[1]);
  const brace = text.indexOf('{');
  const empty = /^\s*\}/.test(text.slice(brace + 1));
  return `${text.slice(0, brace + 1)}"labels":${merged}${empty ? '' : ','}${text.slice(brace + 1)}`;
}
