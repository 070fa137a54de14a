// The merchant preview: edit the config, see the widgets and every problem at once.
import { withoutMember } from './json-member.mjs';

const $ = (id) => document.getElementById(id);
const editor = $('config');
const cartEditor = $('cart');
let timer = 0;

async function loadExample(name) {
  $('example').value = name;
  show(await (await fetch(`configs/${name}.json`)).text());
}

// `cartlift preview FILE` serves the merchant's file and opens `preview.html?file=URL`: the
// file is loaded, and loaded again each time it changes on disk, unless it was edited here.
async function loadFile(url) {
  let last = null;
  const read = async () => {
    let text;
    try {
      const res = await fetch(url, { cache: 'no-store' });
      if (!res.ok) return;
      text = await res.text();
    } catch { return; }
    if (text === last) return;
    const untouched = last === null || editor.value === withoutMember(last, 'cart');
    last = text;
    if (untouched) show(text);
    else $('status').textContent = 'The file changed on disk; your edits here are kept (reload the page to take the file).';
  };
  await read();
  setInterval(read, 1000);
}

function show(text) {
  // The sample cart goes to its own editor, and so never into the snippet.
  editor.value = withoutMember(text, 'cart');
  const sample = JSON.parse(text).cart;
  cartEditor.value = sample ? JSON.stringify(sample, null, 2) : '';
  // Right-to-left stores preview right to left.
  $('live').dir = /^(ar|he|fa|ur)\b/.test(JSON.parse(text).locale ?? '') ? 'rtl' : 'ltr';
  apply();
}

function apply() {
  $('errors').replaceChildren();
  // The text goes as it is, so every digit of every amount stays exact.
  const ok = window.cartlift.configure(editor.value);
  $('status').textContent = ok ? 'The config is valid.' : 'The config has problems; the widgets keep showing the last valid one.';
  $('status').className = ok ? 'status ok' : 'status bad';
  if (ok && cartEditor.value.trim()) {
    try { window.cartlift.setCart(JSON.parse(cartEditor.value)); } catch (e) { $('status').textContent += ` The sample cart is not JSON: ${e.message}`; }
  }
  let parsed = {};
  try { parsed = JSON.parse(editor.value) ?? {}; } catch { /* shown as an error */ }
  const products = Array.isArray(parsed.products) ? parsed.products : [];
  const select = $('product');
  const keep = select.value;
  select.replaceChildren(...products.map((p) => new Option(p.title ?? p.id, p.id)));
  if ([...select.options].some((o) => o.value === keep)) select.value = keep;
  setProduct();
  variants(parsed);
  $('snippet').value = snippet(editor.value);
  leftOut();
  if (ok) {
    // Only the latest edit's measure is written: an earlier one still waiting measures
    // elements the later one has replaced.
    const edit = ++measuring;
    try {
      reserve(JSON.parse(editor.value)).then((css) => { if (edit === measuring) $('reserve').value = css; });
    } catch { /* the text is not JSON: nothing to measure */ }
  }
}

// Each experiment's variants, to be seen as a shopper drawn into them would see them: the page
// loads again with `?cartlift_variant=ID` (as the merchant's own shop would), the edits kept.
const KEPT = 'cartlift-preview:edits';
function variants(config) {
  const select = $('variant');
  const forced = new URLSearchParams(location.search).get('cartlift_variant') ?? '';
  const options = (Array.isArray(config.experiments) ? config.experiments : []).flatMap((x) => (Array.isArray(x?.variants) ? x.variants : []).map((v) => new Option(`${x.id}: ${v.id}`, v.id)));
  select.replaceChildren(new Option('As drawn for this browser', ''), ...options);
  select.value = [...select.options].some((o) => o.value === forced) ? forced : '';
}
$('variant').addEventListener('change', () => {
  try { sessionStorage.setItem(KEPT, JSON.stringify({ config: editor.value, cart: cartEditor.value })); } catch { /* the edits go; the example comes back */ }
  const url = new URL(location.href);
  if ($('variant').value) url.searchParams.set('cartlift_variant', $('variant').value);
  else url.searchParams.delete('cartlift_variant');
  location.assign(url);
});
function keptEdits() {
  try {
    const kept = JSON.parse(sessionStorage.getItem(KEPT) ?? 'null');
    sessionStorage.removeItem(KEPT);
    return typeof kept?.config === 'string' ? kept : null;
  } catch { return null; }
}

let measuring = 0;

/**
 * CSS that reserves each element's space until it renders, for this config: each element
 * rendered off screen at a phone's width and a wider one, its height taken in em (so it follows
 * the page's type size). A bundle table and tiers per product, one shipping bar.
 */
async function reserve(config) {
  const box = { phone: document.querySelector('#measure .phone'), wide: document.querySelector('#measure .wide') };
  const made = (tag, product) => {
    const el = document.createElement(tag);
    el.setAttribute('eager', '');
    if (product) el.setAttribute('product', product);
    return el;
  };
  const elements = [['cartlift-shipping-bar', null]];
  for (const p of config.products ?? []) {
    if ((config.bundles ?? []).some((b) => b.items?.includes(p.id))) elements.push(['cartlift-bundles', p.id]);
    const dealt = (config.buy_x_get_y ?? []).some((d) => [...(d.buy?.products ?? []), ...(d.get?.products ?? [])].includes(p.id));
    if (dealt || (config.volume_tiers ?? []).some((t) => t.product === p.id)) elements.push(['cartlift-tiers', p.id]);
  }
  const rendered = {};
  // A container of this call's own: an earlier call still waiting keeps its elements.
  const mine = [];
  for (const [width, target] of Object.entries(box)) {
    const own = document.createElement('div');
    own.append(...elements.map(([tag, product]) => made(tag, product)));
    target.append(own);
    mine.push(own);
    rendered[width] = [...own.children];
  }
  const all = [...rendered.phone, ...rendered.wide];
  for (let i = 0; i < 100 && !all.every((el) => el.matches(':state(rendered)')); i += 1) await new Promise((r) => setTimeout(r, 20));
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const em = (el) => Math.round((el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).fontSize)) * 100) / 100;
  // `:not([hidden])` makes each rule more specific than cartlift.css's, so that it wins
  // wherever the theme's CSS is linked.
  const selector = ([tag, product]) => `${tag}${product ? `[product="${CSS.escape(product)}"]` : ''}:not(:state(rendered), :state(error)):not([hidden])`;
  const rules = elements.map((e, i) => `${selector(e)} { min-height: ${em(rendered.phone[i])}em; }`);
  const wide = elements.map((e, i) => `  ${selector(e)} { min-height: ${em(rendered.wide[i])}em; }`);
  for (const own of mine) own.remove();
  return `/* cartlift: the space each element takes with this config (its sample cart), on a phone
   and from 750 px wide, until it has rendered; measured by cartlift's merchant preview. */
${rules.join('\n')}
@media (min-width: 750px) {
${wide.join('\n')}
}`;
}

/** The bundles that are not offered to the sample cart, and why. */
function leftOut() {
  const why = {
    not_live: 'it is outside its starts_at / ends_at',
    saves_nothing: "at the cart's prices it saves nothing",
    too_large: "at the cart's prices its items cost too much to compute",
    sold_out: 'an item it would add has no variant available',
  };
  let bundles = [];
  try { bundles = JSON.parse(editor.value).bundles ?? []; } catch { /* not JSON: nothing is shown */ }
  const segments = (id) => (Array.isArray(bundles) ? bundles.find((b) => b?.id === id)?.segments : null) ?? [];
  const state = window.cartlift.state();
  $('left-out').replaceChildren(...(state?.bundles_left_out ?? []).map((l) => {
    const li = document.createElement('li');
    const reason = l.reason === 'not_for_shopper'
      ? `it is only for shoppers in ${segments(l.id).map((s) => `"${s}"`).join(' or ') || 'its segments'}, and this browser is not one of them`
      : why[l.reason] ?? l.reason;
    li.textContent = `Bundle "${l.id}" is not shown: ${reason}.`;
    return li;
  }));
}

function setProduct() {
  for (const el of document.querySelectorAll('cartlift-bundles, cartlift-tiers')) el.setAttribute('product', $('product').value);
}

function snippet(config) {
  let compact = withoutMember(config, 'cart');
  try { compact = JSON.stringify(JSON.parse(compact), null, 2) === compact ? compact : compact.trim(); } catch { /* keep as typed */ }
  return `<link rel="stylesheet" href="/cartlift/cartlift.css">
<script type="module" src="/cartlift/cartlift.js"></script>
<script type="application/json" id="cartlift-config">
${compact.replaceAll('</', '<\\/')}
</script>

<cartlift-shipping-bar></cartlift-shipping-bar>
<cartlift-bundles product="${$('product').value}"></cartlift-bundles>
<cartlift-upsell></cartlift-upsell>
<cartlift-tiers product="${$('product').value}"></cartlift-tiers>`;
}

/** Puts the editor's caret at `line` and `column` (from 1, the column in characters). */
function caretAt(line, column) {
  const lines = editor.value.split('\n');
  let at = 0;
  for (let l = 0; l < line - 1 && l < lines.length; l += 1) at += lines[l].length + 1;
  at += [...(lines[line - 1] ?? '')].slice(0, column - 1).join('').length;
  editor.focus();
  editor.setSelectionRange(at, at);
}

// Problems in the list under the editor, each with a button to its place.
function listProblems(errors, status) {
  $('status').textContent = status;
  $('status').className = 'status bad';
  $('errors').replaceChildren(...errors.map((err) => {
    const li = document.createElement('li');
    const code = document.createElement('code');
    code.textContent = err.path;
    li.append(code, `: ${err.message}`);
    if (err.line) {
      const go = document.createElement('button');
      go.type = 'button';
      go.className = 'go';
      go.textContent = `line ${err.line}, column ${err.column}`;
      go.addEventListener('click', () => caretAt(err.line, err.column));
      li.append(' ', go);
    }
    return li;
  }));
}

// A config in another language is judged once cartlift's language module has it: its refusal
// may come after apply() said it looked valid.
document.addEventListener('cartlift:error', (e) => {
  if (e.detail.kind !== 'config') return;
  listProblems(e.detail.errors, 'The config has problems; the widgets keep showing the last valid one.');
});
for (const name of ['cartlift:add-to-cart', 'cartlift:remove-from-cart']) {
  document.addEventListener(name, (e) => {
    const li = document.createElement('li');
    li.textContent = `${name} ${JSON.stringify(e.detail)}`;
    $('events').prepend(li);
  });
}
editor.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(apply, 150); });
cartEditor.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(apply, 150); });
$('example').addEventListener('change', () => loadExample($('example').value));
$('product').addEventListener('change', setProduct);
$('copy').addEventListener('click', async () => {
  $('snippet').select();
  try { await navigator.clipboard.writeText($('snippet').value); $('copy').textContent = 'Copied'; } catch { $('copy').textContent = 'Press Ctrl+C to copy'; }
});
// The config editor (dist/preview-editor.js: CodeMirror with the schema's completion and
// hover, and the checker module's problems as diagnostics with their quick fixes) in place of
// the textarea, which stays the model this page reads and writes. Without it, the textarea.
async function editorOn() {
  try {
    const [{ mountEditor, mountForm, changeFor, closest }, schema, sizes] = await Promise.all([
      import('/cartlift/preview-editor.js'),
      fetch('cartlift.schema.json').then((r) => r.json()),
      fetch('/cartlift/sizes.json').then((r) => r.json()),
    ]);
    const names = (sizes.on_refusal ?? []).map((f) => f.name);
    const js = names.find((n) => /^cartlift-check-.*\.js$/.test(n));
    const wasm = names.find((n) => /^cartlift-check-.*\.wasm$/.test(n));
    let checker = null;
    const check = async (text) => {
      checker ??= import(`/cartlift/${js}`).then(async (m) => { await m.default({ module_or_path: `/cartlift/${wasm}` }); return m; });
      const problems = JSON.parse((await checker).check('config', text, ''));
      // What the widgets on this page did not meet (another language's labels) is a problem
      // all the same: `cartlift check` and the shop's other pages meet it.
      if (problems.length && text === editor.value && $('status').classList.contains('ok')) {
        listProblems(problems, 'The config has problems the widgets here did not meet (another language\'s labels, say); fix them before it goes live.');
      }
      return problems;
    };
    // The labels' defaults, from the schema's descriptions ("… Default \"Add bundle\".").
    const labelDefaults = Object.fromEntries(Object.entries(schema.$defs?.Labels?.properties ?? {})
      .map(([key, def]) => [key, /Default "(.*)"\.?$/.exec(def.description ?? '')?.[1] ?? '']));
    // cartlift's own words in each language (dist/'s files): what a language's empty field
    // reads on the shop, shown as its placeholder.
    // Fetched beside the editor; the form takes them as they come.
    /** @type {Record<string, Record<string, string>>} */
    const shipped = {};
    Promise.all((sizes.on_language ?? []).map(async ({ name }) => {
      const tag = /^cartlift-words-([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*)-[0-9a-f]+\.json$/.exec(name)?.[1];
      if (tag) shipped[tag.toLowerCase()] = await fetch(`/cartlift/${name}`).then((r) => r.json()).catch(() => ({}));
    })).then(() => redraw(true));
    const wordsFor = (tag) => closest(shipped, tag) ?? {};
    let redraw = () => {};
    const view = mountEditor(editor, { schema, check, onDoc: () => redraw() });
    redraw = mountForm($('form'), view, labelDefaults, wordsFor);
    $('form').addEventListener('focusout', () => setTimeout(redraw));
    // The language switch writes the config's `locale` in place: the widgets then read
    // cartlift's own words for it, under the config's labels.
    $('language').addEventListener('change', () => {
      const tag = $('language').value;
      if (!tag) return;
      const change = changeFor(view, ['locale'], JSON.stringify(tag));
      if (change) view.dispatch({ changes: change });
    });
    document.body.dataset.editor = 'ready';
  } catch (e) {
    document.body.dataset.editor = 'textarea';
    console.warn('cartlift preview: the config editor could not load; the plain text box stays.', e);
  }
}
editorOn();

const params = new URLSearchParams(location.search);
const kept = keptEdits();
if (kept) {
  editor.value = kept.config;
  cartEditor.value = kept.cart;
  apply();
} else if (params.get('file')) loadFile(params.get('file'));
else loadExample(params.get('example') ?? 'electronics');
