// @ts-check
// The settings page: examples to start from, the widgets previewed as the merchant types, and
// the check on save by the checker module (the core in WebAssembly, with its sentences). A
// config with problems is not sent: its problems are listed with their paths, lines and
// columns. A good one is sent with the form the core made of it, which checkout prices with.

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
const editor = /** @type {HTMLTextAreaElement} */ ($('cartlift-config'));
const settings = /** @type {HTMLFormElement} */ ($('cartlift-settings'));
const problems = $('cartlift-problems');

/** @type {{ checker: { js: string, wasm: string } | null, examples: Record<string, string> }} */
let data = { checker: null, examples: {} };
try { data = JSON.parse($('cartlift-settings-data').textContent ?? '{}'); } catch { /* the page printed it: never malformed */ }

/** @type {Promise<any> | null} */
let checker = null;
const loadChecker = () => {
  if (!data.checker) return Promise.reject(new Error('the checker module is missing'));
  const { js, wasm } = data.checker;
  checker ??= import(js).then(async (m) => { await m.default({ module_or_path: wasm }); return m; });
  checker.catch(() => { checker = null; });
  return checker;
};

const preview = () => {
  // The text as it is: every digit of every amount stays exact.
  /** @type {any} */ (window).cartlift?.configure?.(editor.value);
};
let timer = 0;
editor.addEventListener('input', () => {
  clearTimeout(timer);
  timer = window.setTimeout(preview, 300);
});

const example = /** @type {HTMLSelectElement | null} */ (document.getElementById('cartlift-example'));
example?.addEventListener('change', () => {
  const text = data.examples[example.value];
  if (typeof text === 'string') {
    editor.value = text;
    preview();
  }
});

/**
 * Lists problems, each with its path and, when known, its line and column.
 * @param {{ path?: string, message?: string, line?: number, column?: number }[]} list
 */
const show = (list) => {
  const box = document.createElement('div');
  box.className = 'notice notice-error inline';
  const lead = document.createElement('p');
  lead.textContent = 'Not saved: the config has problems.';
  const ul = document.createElement('ul');
  ul.className = 'cartlift-problems';
  for (const p of list) {
    const li = document.createElement('li');
    const code = document.createElement('code');
    code.textContent = p.path ?? '.';
    const where = typeof p.line === 'number' ? ` (line ${p.line}, column ${p.column ?? 1})` : '';
    li.append(code, ` ${p.message ?? ''}${where}`);
    ul.append(li);
  }
  box.append(lead, ul);
  problems.replaceChildren(box);
};

settings.addEventListener('submit', async (event) => {
  event.preventDefault();
  const button = /** @type {HTMLButtonElement | null} */ (settings.querySelector('[type=submit]'));
  if (button) button.disabled = true;
  try {
    const m = await loadChecker();
    const answer = JSON.parse(m.checkout_form(editor.value));
    if (typeof answer.form === 'string') {
      /** @type {HTMLInputElement} */ ($('cartlift-form')).value = answer.form;
      problems.replaceChildren();
      HTMLFormElement.prototype.submit.call(settings);
      return;
    }
    show(Array.isArray(answer.problems) ? answer.problems : []);
  } catch (e) {
    show([{ path: '.', message: `The config could not be checked here: ${e instanceof Error ? e.message : String(e)}` }]);
  }
  if (button) button.disabled = false;
  problems.focus?.();
});
