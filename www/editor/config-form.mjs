// @ts-check
// The preview's form beside the JSON: what merchants change most (the goals, their thresholds
// and grants, the bar's messages, bundle prices, tier percentages, the labels in each language), written into
// the same document. Each field edits its value's text in place, found by its JSON pointer
// (codemirror-json-schema's pointers over CodeMirror's syntax tree), so the rest of the
// document, its formatting and every other amount's exact digits, stays as it was; a member
// that is not there yet is inserted into its object.
import { getJsonPointers } from 'codemirror-json-schema';
import { syntaxTree } from '@codemirror/language';
import { isLanguageKey as isLanguage } from '../../src/entry/language.js';

/** @typedef {import('@codemirror/view').EditorView} EditorView */
/** A field of the form; a `product` or `yes` field is a choice among `options` (value, words).
 * @typedef {{ label: string, path: (string|number)[], kind: 'amount'|'percent'|'text'|'free'|'product'|'yes', hint?: string, options?: [string, string][] }} Field */

/** A JSON pointer of a path. @param {(string|number)[]} path */
export const pointerOf = (path) => path.map((p) => `/${String(p).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');

/** The flat labels' texts (not a language's, not plural forms). @param {Record<string, unknown>} labels */
const flatOf = (labels) => /** @type {Record<string, string>} */ (Object.fromEntries(Object.entries(labels).filter(([k, v]) => typeof v === 'string' && !isLanguage(k))));

/**
 * The fields for a config (the parsed document).
 * @param {any} config @param {Record<string, string>} labelDefaults key → its default
 * @param {(tag: string) => Record<string, string>} [wordsFor] cartlift's own words for a
 *   language (empty when it has none), the hints of that language's fields
 * @returns {{ legend: string, fields: Field[] }[]}
 */
export function fieldsOf(config, labelDefaults, wordsFor = () => ({})) {
  /** @type {{ legend: string, fields: Field[] }[]} */
  const groups = [];
  const goals = Array.isArray(config?.shipping_bar?.goals) ? config.shipping_bar.goals : [];
  // The products a goal may give (spec §11), by their titles, each followed by its variants
  // (spec §10: a goal may give one of them only), "Tote bag — Black".
  /** @type {[string, string][]} */
  const products = (Array.isArray(config?.products) ? config.products : [])
    .filter((/** @type {any} */ p) => typeof p?.id === 'string')
    .flatMap((/** @type {any} */ p) => {
      const title = typeof p.title === 'string' ? p.title : p.id;
      /** @type {[string, string][]} */
      const variants = (Array.isArray(p.variants) ? p.variants : [])
        .filter((/** @type {any} */ v) => typeof v?.id === 'string')
        .map((/** @type {any} */ v) => [v.id, `${title} — ${Array.isArray(v.options) ? v.options.join(' / ') : v.id}`]);
      return [[p.id, title], ...variants];
    });
  goals.forEach((/** @type {any} */ g, /** @type {number} */ i) => {
    const at = ['shipping_bar', 'goals', i];
    groups.push({
      legend: `Goal ${i + 1}${typeof g?.reward === 'string' ? `: ${g.reward}` : ''}`,
      fields: [
        { label: 'Threshold', path: [...at, 'threshold'], kind: 'amount' },
        { label: 'Reward', path: [...at, 'reward'], kind: 'text' },
        { label: 'Free shipping', path: [...at, 'grants', 'free_shipping'], kind: 'free' },
        { label: 'Percent off the order', path: [...at, 'grants', 'percent_off'], kind: 'percent' },
        { label: 'Amount off the order', path: [...at, 'grants', 'amount_off'], kind: 'amount' },
        { label: 'Free gift', path: [...at, 'grants', 'gift'], kind: 'product', options: [['', 'None'], ...products] },
        { label: 'Gift added without a click', path: [...at, 'grants', 'auto'], kind: 'yes', options: [['', 'No'], ['yes', 'Yes']] },
      ],
    });
  });
  if (config?.shipping_bar) {
    groups.push({
      legend: 'The bar\'s messages',
      fields: ['empty', 'progress', 'achieved'].map((m) => ({ label: m[0].toUpperCase() + m.slice(1), path: ['shipping_bar', 'messages', m], kind: /** @type {const} */ ('text') })),
    });
  }
  const bundles = Array.isArray(config?.bundles) ? config.bundles : [];
  bundles.forEach((/** @type {any} */ b, /** @type {number} */ i) => {
    const key = ['price', 'percent_off', 'amount_off'].find((k) => b?.[k] != null) ?? 'price';
    groups.push({
      legend: `Bundle ${typeof b?.title === 'string' ? b.title : b?.id ?? i + 1}`,
      fields: [{ label: { price: 'Bundle price', percent_off: 'Percent off', amount_off: 'Amount off' }[key] ?? key, path: ['bundles', i, key], kind: key === 'percent_off' ? 'percent' : 'amount' }],
    });
  });
  const sets = Array.isArray(config?.volume_tiers) ? config.volume_tiers : [];
  sets.forEach((/** @type {any} */ set, /** @type {number} */ i) => {
    const tiers = Array.isArray(set?.tiers) ? set.tiers : [];
    groups.push({
      legend: `Tiers of ${set?.product ?? i + 1}`,
      fields: tiers.map((/** @type {any} */ t, /** @type {number} */ j) => ({ label: `Percent off from ${t?.min_quantity ?? '?'}`, path: ['volume_tiers', i, 'tiers', j, 'percent_off'], kind: /** @type {const} */ ('percent') })),
    });
  });
  // Labels: the flat ones (the config's own language's), then each language's own (spec §13),
  // each field hinting what the shopper reads when it is left empty. A label given as plural
  // forms is edited in the JSON.
  const labels = config?.labels != null && typeof config.labels === 'object' ? config.labels : {};
  /** @param {string} legend @param {string[]} at @param {Record<string, unknown>} given @param {Record<string, string>} hints */
  const labelGroup = (legend, at, given, hints) => groups.push({
    legend,
    fields: Object.keys(labelDefaults)
      .filter((key) => given[key] == null || typeof given[key] !== 'object')
      .map((key) => ({ label: key, path: [...at, key], kind: /** @type {const} */ ('text'), hint: hints[key] ?? labelDefaults[key] })),
  });
  const own = typeof config?.locale === 'string' ? config.locale : '';
  labelGroup('Labels', ['labels'], labels, wordsFor(own));
  for (const [tag, given] of Object.entries(labels)) {
    if (isLanguage(tag) && given != null && typeof given === 'object') {
      labelGroup(`Labels in ${tag}`, ['labels', tag], given, { ...wordsFor(own), ...flatOf(labels), ...wordsFor(tag) });
    }
  }
  return groups;
}

/**
 * The JSON text a field writes for what the merchant typed, or null to leave the document
 * (an amount that is not a decimal, a percentage that is not a number).
 * @param {Field['kind']} kind @param {string} typed
 */
export const jsonFor = (kind, typed) => {
  const t = typed.trim();
  if (kind === 'free') return t === 'cheapest' ? 'true' : t === 'all' ? '"all"' : 'null';
  if (kind === 'product') return t === '' ? 'null' : JSON.stringify(t);
  if (kind === 'yes') return t === 'yes' ? 'true' : 'null';
  if (t === '') return kind === 'text' ? null : 'null';
  if (kind === 'amount') return /^\d+(\.\d+)?$/.test(t) ? JSON.stringify(t) : null;
  if (kind === 'percent') return /^\d+(\.\d+)?$/.test(t) ? t : null;
  return JSON.stringify(typed);
};

/**
 * What a field shows for the document's value.
 * @param {Field['kind']} kind @param {unknown} value
 */
export const shownFor = (kind, value) => {
  if (kind === 'free') return value === true ? 'cheapest' : value === 'all' ? 'all' : '';
  if (kind === 'yes') return value === true ? 'yes' : '';
  if (value == null) return '';
  return String(value);
};

/**
 * The change that sets `path` to `json` in the document: its value replaced, or the member
 * (with any missing objects above it) inserted into the nearest object that is there.
 * @param {EditorView} view @param {(string|number)[]} path @param {string} json
 * @returns {{ from: number, to?: number, insert: string } | null}
 */
export function changeFor(view, path, json) {
  const pointers = getJsonPointers(view.state, /** @type {Parameters<typeof getJsonPointers>[1]} */ ('json4'));
  /**
   * The value's range of a pointer's entry: an array's object item is its own range; a
   * property's value starts past its colon (the library's value range is the colon's with
   * this version of the JSON grammar, so it is found here from the syntax tree).
   * @param {any} entry
   */
  const rangeOf = (entry) => {
    if (!entry) return null;
    if (view.state.sliceDoc(entry.keyFrom, entry.keyFrom + 1) === '{') return { valueFrom: entry.keyFrom, valueTo: entry.keyTo };
    const after = view.state.sliceDoc(entry.keyTo, Math.min(entry.keyTo + 200, view.state.doc.length));
    const skip = /^\s*:\s*/.exec(after);
    if (!skip) return null;
    const start = entry.keyTo + skip[0].length;
    let node = syntaxTree(view.state).resolveInner(start, 1);
    while (node.parent && node.parent.from === start && node.parent.name !== 'Property') node = node.parent;
    return node.from === start ? { valueFrom: node.from, valueTo: node.to } : null;
  };
  const here = rangeOf(pointers.get(pointerOf(path)));
  if (here) return { from: here.valueFrom, to: here.valueTo, insert: json };
  // The nearest object on the path that exists, and what to write into it.
  for (let depth = path.length - 1; depth >= 0; depth -= 1) {
    const parent = depth === 0 ? { valueFrom: 0, valueTo: view.state.doc.length } : rangeOf(pointers.get(pointerOf(path.slice(0, depth))));
    if (!parent) continue;
    if (typeof path[depth] === 'number') return null;
    const text = view.state.sliceDoc(parent.valueFrom, parent.valueTo);
    const close = text.lastIndexOf('}');
    if (text.trimStart()[0] !== '{' || close < 0) return null;
    let member = json;
    for (let k = path.length - 1; k > depth; k -= 1) member = `{ ${JSON.stringify(path[k])}: ${member} }`;
    member = `${JSON.stringify(path[depth])}: ${member}`;
    const inner = text.slice(text.indexOf('{') + 1, close);
    const at = parent.valueFrom + text.indexOf('{') + 1 + inner.trimEnd().length;
    return { from: at, insert: inner.trim() === '' ? member : `, ${member}` };
  }
  return null;
}

/**
 * Draws the form into `container` for the editor `view`, and keeps it the document's; its last
 * control adds labels in another language.
 * @param {HTMLElement} container @param {EditorView} view @param {Record<string, string>} labelDefaults
 * @param {(tag: string) => Record<string, string>} [wordsFor] see {@link fieldsOf}
 */
export function mountForm(container, view, labelDefaults, wordsFor = () => ({})) {
  /** @param {(string|number)[]} path @param {any} config */
  const valueAt = (path, config) => path.reduce((v, k) => (v == null ? v : v[k]), config);
  let drawn = '';
  /** Draws the form for the document, unless it is drawn for it already (or `again`), or the
   * merchant is in it. @param {boolean} [again] */
  const draw = (again = false) => {
    const text = view.state.doc.toString();
    if ((text === drawn && !again) || container.contains(document.activeElement)) return;
    drawn = text;
    let config;
    try { config = JSON.parse(text); } catch {
      const p = document.createElement('p');
      p.className = 'notes';
      p.textContent = 'The form follows the JSON once it reads as JSON again.';
      container.replaceChildren(p);
      return;
    }
    let n = 0;
    container.replaceChildren(...fieldsOf(config, labelDefaults, wordsFor).map(({ legend, fields }) => {
      const set = document.createElement('fieldset');
      const title = document.createElement('legend');
      title.textContent = legend;
      set.append(title);
      for (const f of fields) {
        const id = `form-field-${n += 1}`;
        const label = document.createElement('label');
        label.htmlFor = id;
        label.textContent = f.label;
        /** @type {HTMLInputElement | HTMLSelectElement} */
        let input;
        if (f.kind === 'free') {
          const select = document.createElement('select');
          select.append(new Option('No', ''), new Option('The cheapest option', 'cheapest'), new Option('Every option', 'all'));
          input = select;
        } else if (f.options) {
          const select = document.createElement('select');
          select.append(...f.options.map(([value, words]) => new Option(words, value)));
          input = select;
        } else {
          const box = document.createElement('input');
          box.type = 'text';
          if (f.kind !== 'text') box.inputMode = 'decimal';
          if (f.hint) box.placeholder = f.hint;
          input = box;
        }
        input.id = id;
        input.value = shownFor(f.kind, valueAt(f.path, config));
        input.dataset.pointer = pointerOf(f.path);
        input.addEventListener('change', () => {
          const json = jsonFor(f.kind, input.value);
          input.setAttribute('aria-invalid', String(json === null && input.value.trim() !== ''));
          if (json === null) return;
          const change = changeFor(view, f.path, json);
          if (change) {
            view.dispatch({ changes: change });
            drawn = view.state.doc.toString();
          }
        });
        set.append(label, input);
      }
      return set;
    }), addLanguage());
  };
  /** "Labels in another language": a tag, and a button that writes its empty object. */
  const addLanguage = () => {
    const set = document.createElement('fieldset');
    const title = document.createElement('legend');
    title.textContent = 'Labels in another language';
    const label = document.createElement('label');
    label.htmlFor = 'form-language';
    label.textContent = 'Language tag (de, fr-CA, pt-BR)';
    const tag = document.createElement('input');
    tag.id = 'form-language';
    tag.type = 'text';
    tag.autocomplete = 'off';
    const add = document.createElement('button');
    add.type = 'button';
    add.textContent = 'Add labels in this language';
    add.addEventListener('click', () => {
      const t = tag.value.trim();
      const ok = /^[a-z]{2,3}(-[a-z0-9]{1,8})*$/i.test(t);
      tag.setAttribute('aria-invalid', String(!ok));
      if (!ok) return;
      const change = changeFor(view, ['labels', t], '{}');
      if (change) {
        view.dispatch({ changes: change });
        tag.value = '';
        add.blur();
        draw();
      }
    });
    set.append(title, label, tag, add);
    return set;
  };
  draw();
  return draw;
}
