// @ts-check
// The merchant preview's config editor: CodeMirror 6 with cartlift's JSON Schema driving
// completion of keys and enum values and hover documentation (codemirror-json-schema), and
// cartlift's own checker (the core's sentences, the checker module of dist/) as the linter:
// each problem at its line and column, a did-you-mean as a quick fix. Bundled by
// `cargo xtask dist` into dist/preview-editor.js: the preview loads it, never a shop page.
//
// The page's textarea stays the model the rest of the preview reads and writes: the editor
// replaces it on screen and keeps its `value`, `selectionStart`, `focus()` and
// `setSelectionRange()` answering for the editor, and fires its `input` on each edit.
import { EditorView, basicSetup } from 'codemirror';
import { EditorSelection } from '@codemirror/state';
import { json, jsonLanguage } from '@codemirror/lang-json';
import { linter, lintGutter } from '@codemirror/lint';
import { hoverTooltip } from '@codemirror/view';
import { jsonCompletion, jsonSchemaHover, stateExtensions } from 'codemirror-json-schema';

export { mountForm, changeFor } from './config-form.mjs';
// How the preview finds cartlift's own words for a language, as a shop page does.
export { closest } from '../../src/entry/language.js';

/** @typedef {{ code?: string, path?: string, message?: string, line?: number, column?: number }} Problem */
/** @typedef {import('@codemirror/lint').Diagnostic} Diagnostic */

/**
 * The extent of the JSON token at `from` (a string with its quotes, else a word), for the
 * diagnostic to underline and the quick fix to replace.
 * @param {string} text @param {number} from
 */
export const tokenAt = (text, from) => {
  if (text[from] === '"') {
    let i = from + 1;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    return { from, to: Math.min(i + 1, text.length) };
  }
  const word = /^[^\s,:{}[\]"]+/.exec(text.slice(from));
  return { from, to: from + Math.max(word ? word[0].length : 1, 1) };
};

/**
 * The checker's problems as diagnostics, with "did you mean" as a quick fix.
 * @param {string} text @param {Problem[]} problems
 * @returns {Diagnostic[]}
 */
export const diagnosticsOf = (text, problems) => {
  const lines = text.split('\n');
  /** @param {number} line @param {number} column */
  const at = (line, column) => {
    let offset = 0;
    for (let l = 0; l < line - 1 && l < lines.length; l += 1) offset += lines[l].length + 1;
    return offset + [...(lines[line - 1] ?? '')].slice(0, Math.max(column - 1, 0)).join('').length;
  };
  return problems.map((p) => {
    const start = typeof p.line === 'number' ? Math.min(at(p.line, p.column ?? 1), text.length) : 0;
    const { from, to } = tokenAt(text, start);
    const suggestion = /did you mean "([^"]+)"/.exec(p.message ?? '')?.[1];
    /** @type {Diagnostic} */
    const d = {
      from,
      to: Math.max(to, from),
      severity: 'error',
      source: p.path ?? '.',
      message: `${p.path ?? '.'}: ${p.message ?? ''}`,
    };
    if (suggestion !== undefined) {
      d.actions = [{
        name: `Use "${suggestion}"`,
        apply(view, f, t) {
          const quoted = view.state.sliceDoc(f, f + 1) === '"';
          view.dispatch({ changes: { from: f, to: t, insert: quoted ? JSON.stringify(suggestion) : suggestion } });
        },
      }];
    }
    return d;
  });
};

/**
 * Puts the editor in place of `textarea`.
 * @param {HTMLTextAreaElement} textarea
 * @param {{ schema: object, check: (text: string) => Promise<Problem[]>, onDoc?: () => void }} options
 */
export function mountEditor(textarea, { schema, check, onDoc }) {
  const native = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value');
  const label = document.querySelector(`label[for="${textarea.id}"]`);
  if (label && !label.id) label.id = `${textarea.id}-label`;
  const view = new EditorView({
    doc: textarea.value,
    parent: /** @type {HTMLElement} */ (textarea.parentElement),
    extensions: [
      basicSetup,
      json(),
      jsonLanguage.data.of({ autocomplete: jsonCompletion() }),
      hoverTooltip(jsonSchemaHover()),
      stateExtensions(/** @type {any} */ (schema)),
      linter(async (v) => {
        const text = v.state.doc.toString();
        return diagnosticsOf(text, await check(text));
      }, { delay: 200 }),
      lintGutter(),
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({
        'aria-labelledby': label?.id ?? '',
        'aria-describedby': textarea.getAttribute('aria-describedby') ?? '',
        'aria-multiline': 'true',
        role: 'textbox',
      }),
      EditorView.updateListener.of((u) => {
        if (!u.docChanged) return;
        // The element's own value too: a script in another world (an extension, a test
        // driver) reads the DOM's, not this page's property.
        native?.set?.call(textarea, u.state.doc.toString());
        if (!setting) textarea.dispatchEvent(new Event('input', { bubbles: true }));
        onDoc?.();
      }),
    ],
  });
  textarea.after(view.dom);
  textarea.hidden = true;
  view.dom.classList.add('config-editor');
  let setting = false;
  // The textarea answers for the editor.
  Object.defineProperties(textarea, {
    value: {
      get: () => view.state.doc.toString(),
      set: (/** @type {string} */ text) => {
        setting = true;
        try { view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: String(text) } }); } finally { setting = false; }
      },
      configurable: true,
    },
    selectionStart: { get: () => view.state.selection.main.head, configurable: true },
    selectionEnd: { get: () => view.state.selection.main.anchor, configurable: true },
    focus: { value: () => view.focus(), configurable: true },
    setSelectionRange: {
      value: (/** @type {number} */ a, /** @type {number} */ b) => {
        view.dispatch({ selection: EditorSelection.range(a, b), scrollIntoView: true });
      },
      configurable: true,
    },
  });
  return view;
}
