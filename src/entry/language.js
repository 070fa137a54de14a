// @ts-check
// Which configs need the language module (src/words.js) before the widgets may read them
// (spec §13): one in another language than English, one whose `locale` is "auto" (the page's),
// and one with labels keyed by language. The widget's wasm reads one language, flat: the
// module hands it the page's.

/**
 * Whether a key of `labels` names a language: no label's key starts with two or three letters
 * and then a hyphen or nothing (the core's decoder reads it the same way).
 * @param {string} key
 */
export const isLanguageKey = (key) => /^[a-z]{2,3}(-|$)/i.test(key);

/**
 * What `table` (keyed by tags in lower case) holds for the language tag `tag`: the tag's own,
 * else its language's (`de` for `de-AT`), else another region's of the same language
 * (`pt-br` for `pt-PT`); `undefined` when none. How cartlift's own words are found for a page
 * (src/words.js) and for the preview's placeholders (www/preview.js), alike.
 * @template T
 * @param {Record<string, T>} table
 * @param {string} tag
 * @returns {T | undefined}
 */
export const closest = (table, tag) => {
  const t = tag.toLowerCase();
  const language = t.split('-')[0];
  return table[t] ?? table[language] ?? Object.entries(table).find(([k]) => k.split('-')[0] === language)?.[1];
};

/**
 * Whether a config's JSON text needs the language module: its `locale` is not English, or a
 * key that names a language holds an object (no other key of the config of two or three
 * letters does but a deal's `buy` and `get`: `id`, `bg`, `min`, `max`, `url` and the plural
 * forms hold values). Read from the text, without parsing it again: a config it takes for one
 * that needs the module only loads the module for nothing.
 * @param {string} text
 */
export const needsLanguage = (text) => /"locale"\s*:\s*"(?!en[-"])|"(?!(?:buy|get)")[a-z]{2,3}(-[a-z0-9-]*)?"\s*:\s*\{/i.test(text);
