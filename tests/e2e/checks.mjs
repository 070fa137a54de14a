// Checks that run in every browser of the suite (Chromium through Playwright, Firefox through
// puppeteer-core over WebDriver BiDi): each takes a page opened by the browser's adapter, with
// `evaluate(fn, arg)`, `waitFor(fn, arg)` and the list of uncaught errors. What they cover: the
// theme-like pages, parents that size to their content, a 62.5% root, every element with its
// figures, setCart and the events, the hostile pages and the phone layout.
import assert from 'node:assert/strict';

export const TAGS = 'cartlift-shipping-bar, cartlift-bundles, cartlift-upsell, cartlift-tiers';

/** Renders every element of the page (scrolling each near), then lets the layout settle. */
export async function rendered(p) {
  const n = await p.evaluate((t) => document.querySelectorAll(t).length, TAGS);
  for (let i = 0; i < n; i += 1) {
    await p.evaluate(([t, k]) => document.querySelectorAll(t)[k].scrollIntoView(), [TAGS, i]);
    await p.waitFor(([t, k]) => document.querySelectorAll(t)[k].matches(':state(rendered)'), [TAGS, i]);
  }
  await p.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/** Each widget's width and how many lines its first text takes. */
export const measures = (p) => p.evaluate((t) => [...document.querySelectorAll(t)].map((el) => {
  const root = el.shadowRoot.querySelector('.root');
  const text = root.querySelector('[part=message], caption, [part=nudge], label');
  const line = parseFloat(getComputedStyle(text ?? root).lineHeight) || 20;
  return { tag: el.tagName.toLowerCase(), id: el.closest('section')?.id ?? '', width: el.getBoundingClientRect().width, lines: text ? Math.round(text.getBoundingClientRect().height / line) : 0 };
}), TAGS);

export async function shrinkToFit(p, width) {
  await rendered(p);
  for (const m of await measures(p)) {
    assert.ok(m.width >= 200, `${m.tag} in #${m.id} is ${m.width}px wide`);
    assert.ok(m.lines <= 3, `${m.tag} in #${m.id} stacks its text on ${m.lines} lines`);
  }
  const display = await p.evaluate(() => getComputedStyle(document.querySelector('#column-start cartlift-bundles').shadowRoot.querySelector('tr[part~=row]')).display);
  assert.equal(display, width >= 600 ? 'table-row' : 'block');
}

/**
 * Every amount in the bundle and recommendation tables, as the shopper reads it, on one line:
 * each `.price` and `.was`, and the amount that starts each `.saving` ("$100.00 (9.52%)" may
 * wrap at its space, never inside "$100.00"). Returns the amounts split across lines.
 */
export const brokenAmounts = (p) => p.evaluate(() => {
  const broken = [];
  for (const host of document.querySelectorAll('cartlift-bundles, cartlift-recommendations')) {
    // An element not drawn yet (out of view, not eager) has no amounts to break.
    for (const el of host.shadowRoot?.querySelectorAll('.price, .was, .saving') ?? []) {
      if (el.closest('[hidden]') || !el.textContent.trim()) continue;
      const text = [...el.childNodes].find((n) => n.nodeType === 3 && /\d/.test(n.textContent));
      if (!text) continue;
      // The amount: its sign, digits and separators, and a currency written after it.
      const value = text.textContent;
      const start = value.search(/\S/);
      const amount = value.slice(start).match(/^[^\d]*[\d.,\u00a0\u202f]*\d(?:[\u00a0\u202f]?[^\s(\d]+)?/)?.[0] ?? '';
      const range = document.createRange();
      range.setStart(text, start);
      range.setEnd(text, start + amount.length);
      const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      if (lines.size > 1) broken.push(amount);
    }
  }
  return broken;
});

export async function rootAt62(p) {
  await rendered(p);
  const sizes = await p.evaluate(() => {
    const inside = (tag, sel) => document.querySelector(tag).shadowRoot.querySelector(sel).getBoundingClientRect();
    return {
      bar: inside('cartlift-shipping-bar', '[part=bar]').height,
      checkbox: inside('cartlift-upsell', '[part=checkbox]').height,
      add: inside('cartlift-bundles', '[part=add]').height,
      text: getComputedStyle(document.querySelector('cartlift-shipping-bar').shadowRoot.querySelector('[part=message]')).fontSize,
    };
  });
  assert.deepEqual(sizes, { bar: 12, checkbox: 24, add: 44, text: '16px' });
}

const looks = (p) => p.evaluate(() => {
  const body = getComputedStyle(document.body);
  const bundles = document.querySelector('cartlift-bundles').shadowRoot;
  const add = getComputedStyle(bundles.querySelector('[part=add]'));
  return {
    font: getComputedStyle(bundles.querySelector('caption')).fontFamily === body.fontFamily,
    weight: getComputedStyle(bundles.querySelector('td')).fontWeight,
    add: { background: add.backgroundColor, color: add.color, radius: add.borderTopLeftRadius, weight: add.fontWeight },
  };
});

export async function dawnLike(p) {
  await rendered(p);
  for (const m of await measures(p)) assert.ok(m.width >= 200, `${m.tag} is ${m.width}px wide`);
  // Dawn's add-to-cart button is an outline; its "Buy it now" button is the primary one.
  assert.deepEqual(await looks(p), { font: true, weight: '400', add: { background: 'rgb(18, 18, 18)', color: 'rgb(255, 255, 255)', radius: '0px', weight: '400' } });
  // The bar in the cart drawer's wrapping flex form takes the form's width.
  const [form, bar] = await p.evaluate(() => [document.querySelector('.cart-drawer__form').getBoundingClientRect().width, document.querySelector('cartlift-shipping-bar').getBoundingClientRect().width]);
  assert.equal(bar, form);
}

export async function horizonLike(p) {
  await rendered(p);
  const group = await p.evaluate(() => document.querySelector('.group-block').getBoundingClientRect().width);
  for (const m of await measures(p)) {
    assert.ok(m.width >= group - 1, `${m.tag} is ${m.width}px of the group's ${group}px`);
    assert.ok(m.lines <= 3, `${m.tag} stacks its text on ${m.lines} lines`);
  }
  assert.deepEqual(await looks(p), { font: true, weight: '400', add: { background: 'rgb(0, 0, 0)', color: 'rgb(255, 255, 255)', radius: '14px', weight: '500' } });
}

/** The plain page: one script tag, a config, four elements, and the right figures in each. */
/** The lowest contrast (WCAG's ratio) of an add button's label on its background. */
export const buttonContrast = (p) => p.evaluate(() => {
  const rgb = (c) => (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
  const lum = (c) => {
    const [r, g, b] = rgb(c).map((v) => { const s = v / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratios = [...document.querySelectorAll('cartlift-bundles, cartlift-shipping-bar')]
    .flatMap((el) => [...el.shadowRoot.querySelectorAll('button.add')])
    .map((b) => { const s = getComputedStyle(b); const [x, y] = [lum(s.color), lum(s.backgroundColor)].sort((a, c) => c - a); return (x + 0.05) / (y + 0.05); });
  return Math.min(...ratios);
});

export async function plainPage(p) {
  await p.waitFor(() => document.querySelector('cartlift-upsell').shadowRoot?.querySelector('label'));
  // No button on the page to sample: the buttons are still legible.
  assert.ok(await buttonContrast(p) >= 4.5, 'add buttons are legible');
  const text = (tag) => p.evaluate((t) => document.querySelector(t).shadowRoot.querySelector('.root').innerText.replace(/\s+/g, ' ').trim(), tag);
  // Past $150: the tote bag is the shopper's to claim (spec §11), in the colour picked beside
  // the claim (a select's options are in Chromium's innerText, not in Firefox's).
  assert.match(await text('cartlift-shipping-bar'), /^You've unlocked a free tote bag! Colour (Natural Black )?Add your free Tote bag$/);
  assert.match(await text('cartlift-bundles'), /\$1,050\.00 \$950\.00 \$100\.00 \(9\.52%\)/);
  assert.equal(await text('cartlift-upsell'), 'Add a 2-year warranty for $12.00');
  assert.match(await text('cartlift-tiers'), /Add 1 more to save 20%/);
}

/** The demo shop: the bar follows setCart, a bundle's add tells the page its exact shares. */
export async function cartAndEvents(p) {
  await p.waitFor(() => document.querySelector('cartlift-bundles').shadowRoot?.querySelector('[part~=row]'));
  await p.evaluate(() => window.demoCart.add('tshirt'));
  await p.waitFor(() => document.querySelector('cartlift-shipping-bar').shadowRoot.querySelector('[part=message]').textContent === "You're $50.00 away from free shipping");
  await p.evaluate(() => {
    window.__added = [];
    document.addEventListener('cartlift:add-to-cart', (e) => window.__added.push(e.detail));
    document.querySelector('cartlift-bundles').shadowRoot.querySelector('[part=add]').click();
  });
  await p.waitFor(() => window.__added.length === 1);
  assert.deepEqual(await p.evaluate(() => window.__added[0]), {
    items: [{ id: 'laptop', quantity: 1, price: '904.76' }, { id: 'mouse', quantity: 1, price: '45.24' }],
    // The shopper sees the demo's control variant (the helper opens pages with it).
    source: { widget: 'bundles', offer: 'office-2', experiment: 'free-shipping-threshold', variant: 'control' },
  });
  await p.waitFor(() => document.querySelector('#sum-subtotal').textContent === '$975.00');
  // A bad cart is refused with its code and path, and the last good one stays.
  await p.evaluate(() => {
    window.__errors = [];
    document.addEventListener('cartlift:error', (e) => window.__errors.push(e.detail));
    window.__taken = window.cartlift.setCart({ currency: 'USD', items: [{ id: 'mouse', quantity: -1 }] });
  });
  await p.waitFor(() => window.__errors.length === 1);
  assert.equal(await p.evaluate(() => window.__taken), false);
  assert.deepEqual(await p.evaluate(() => [window.__errors[0].errors[0].code, window.__errors[0].errors[0].path]), ['wrong_type', 'items[0].quantity']);
}

/** A page's global reset, prototypes and wrapped fetch, and a strict CSP, change nothing. */
export async function laptopCartIsRight(p) {
  await p.waitFor(() => document.querySelector('cartlift-upsell')?.shadowRoot?.querySelector('label'));
  const message = await p.evaluate(() => document.querySelector('cartlift-shipping-bar').shadowRoot.querySelector('[part=message]').textContent);
  assert.equal(message, "You've unlocked a free tote bag!");
  const rows = await p.evaluate(() => document.querySelector('cartlift-bundles').shadowRoot.querySelectorAll('[part~=row]').length);
  assert.equal(rows, 2);
  const visible = await p.evaluate(() => getComputedStyle(document.querySelector('cartlift-bundles').shadowRoot.querySelector('[part=add]')).visibility);
  assert.equal(visible, 'visible');
  assert.ok(await buttonContrast(p) >= 4.5, 'add buttons are legible');
}

/** At 320 px: cards, nothing scrolling sideways, 44 px touch targets. */
export async function phone(p) {
  await rendered(p);
  const r = await p.evaluate(() => {
    const root = document.querySelector('cartlift-bundles').shadowRoot;
    const add = root.querySelector('[part=add]').getBoundingClientRect();
    return {
      display: getComputedStyle(root.querySelector('[part~=row]')).display,
      overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      add: [add.width >= 44, add.height >= 44],
    };
  });
  assert.deepEqual(r, { display: 'block', overflow: 0, add: [true, true] });
}

/** A German config with no labels but one reads cartlift's own German, the merchant's one
 * label over it (tests/pages/german.html). */
export async function germanWords(p) {
  await p.waitFor(() => (document.querySelector('cartlift-bundles')?.shadowRoot?.textContent ?? '').includes('Set-Preis'));
  const text = await p.evaluate(() => document.querySelector('cartlift-bundles').shadowRoot.textContent);
  assert.match(text, /Wird oft zusammen gekauft/);
  assert.match(text, /Unser Tipp/);
  assert.doesNotMatch(text, /Bundle price|Bester Preis/);
}

/** A product page with a 3-for-2 (tests/pages/deal.html): the deal, what it saves in this cart
 * and the nudge, in the page's language with no language module fetched. */
export async function dealShown(p) {
  await p.waitFor(() => (document.querySelector('cartlift-tiers')?.shadowRoot?.querySelector('[part=deal] .saved')?.textContent ?? '') !== '');
  const text = await p.evaluate(() => document.querySelector('cartlift-tiers').shadowRoot.querySelector('[part=deal]').innerText.replace(/\s+/g, ' ').trim());
  // Two House Blend at $16.00 and an Ethiopia at $21.50: the cheapest bag is the free one.
  assert.equal(text, 'Buy 2, get 1 free You save $16.00 Add 3 more to get 1 free');
  const live = await p.evaluate(() => document.querySelector('cartlift-tiers').shadowRoot.querySelector('[part=deal] [part=nudge]').getAttribute('aria-live'));
  assert.equal(live, 'polite');
  const fetchedWords = await p.evaluate(() => performance.getEntriesByType('resource').some((r) => r.name.includes('cartlift-words')));
  assert.equal(fetchedWords, false, 'an English config with a deal fetches no language module');
}

/** A product page with a quantity selector (tests/pages/selector.html, the apparel example's
 * shirt, in German): one unit and each tier, the core's totals, the merchant's badge chosen, a
 * pick that changes the button and is what the add sends; one table's columns when `wide`,
 * a card per quantity inside the page when narrow (its total on the quantity's line). */
export async function selectorPicks(p, wide) {
  await p.waitFor(() => document.querySelector('cartlift-tiers')?.shadowRoot?.querySelectorAll('[part=option]').length === 4);
  const seen = await p.evaluate(() => {
    const root = document.querySelector('cartlift-tiers').shadowRoot;
    const options = [...root.querySelectorAll('[part=option]')];
    return {
      texts: options.map((o) => o.innerText.replace(/\s+/g, ' ').trim()),
      totals: options.map((o) => o.querySelector('.total').textContent.replace(/\s/g, ' ')),
      lefts: options.map((o) => Math.round(o.querySelector('.total').getBoundingClientRect().left)),
      totalBesideQuantity: options.map((o) => Math.abs(o.querySelector('.total').getBoundingClientRect().top - o.querySelector('.qty').getBoundingClientRect().top) < 4),
      checked: options.map((o) => o.querySelector('input').checked),
      add: root.querySelector('[part=add]').textContent,
      narrow: root.firstElementChild.classList.contains('narrow'),
      overflows: options.some((o) => o.scrollWidth > o.clientWidth + 1) || document.documentElement.scrollWidth > innerWidth,
      core: cartlift.state().tiers.find((t) => t.product === 'tee').tiers.map((t) => t.total.amount),
    };
  });
  // One shirt at its full price, then 2, 3 and 5 at the core's totals.
  assert.deepEqual(seen.totals, ['24,90 €', ...seen.core.map((a) => `${a.replace('.', ',')} €`)]);
  assert.match(seen.texts[2], /^3 kaufen Beliebt /);
  assert.deepEqual(seen.checked, [false, false, true, false], "the merchant's badge is chosen");
  assert.equal(seen.add, '3 in den Warenkorb');
  assert.equal(seen.narrow, !wide);
  assert.equal(seen.overflows, false);
  if (wide) assert.equal(new Set(seen.lefts).size, 1, `one column of totals: ${seen.lefts}`);
  assert.deepEqual(seen.totalBesideQuantity, [true, true, true, true]);
  await p.evaluate(() => {
    const root = document.querySelector('cartlift-tiers').shadowRoot;
    root.querySelectorAll('[part=option] input')[1].click();
  });
  await p.waitFor(() => document.querySelector('cartlift-tiers').shadowRoot.querySelector('[part=add]').textContent === '2 in den Warenkorb');
  const sent = await p.evaluate(() => new Promise((resolve) => {
    document.addEventListener('cartlift:add-to-cart', (e) => resolve(JSON.stringify(e.detail)), { once: true });
    document.querySelector('cartlift-tiers').shadowRoot.querySelector('[part=add]').click();
  }));
  assert.deepEqual(JSON.parse(sent), { items: [{ id: 'tee', quantity: 2 }], source: { widget: 'tiers', offer: 'tee' } });
}

/**
 * The apparel outfit on a phone (spec §10): the bundles are cards, the hoodie's size picker
 * sits inside its card with nothing scrolling sideways, L is shown but cannot be picked, XL
 * makes the outfit 5,00 € dearer at once, and the add names the size and its product.
 */
export async function variantsOnCards(p) {
  await p.waitFor(() => document.querySelector('cartlift-bundles')?.shadowRoot?.querySelector('select[part=variant]'));
  const seen = () => p.evaluate(() => {
    const root = document.querySelector('cartlift-bundles').shadowRoot;
    const select = root.querySelector('select[part=variant]');
    const card = select.closest('tr, li, .bundle, [part~=bundle]') ?? root.firstElementChild;
    const [s, c] = [select.getBoundingClientRect(), card.getBoundingClientRect()];
    return {
      narrow: root.firstElementChild.classList.contains('narrow'),
      pickers: root.querySelectorAll('select[part=variant]').length,
      label: select.closest('label')?.textContent.trim() ?? '',
      options: [...select.options].map((o) => [o.value, o.disabled]),
      chosen: select.value,
      inside: s.left >= c.left - 1 && s.right <= c.right + 1 && s.width > 0,
      overflows: document.documentElement.scrollWidth > innerWidth || root.firstElementChild.scrollWidth > root.firstElementChild.clientWidth + 1,
      price: root.querySelector('.price').textContent.replace(/\s/g, ' '),
    };
  });
  const before = await seen();
  assert.equal(before.narrow, true, 'cards on a phone');
  assert.equal(before.pickers, 1, 'only the hoodie has sizes');
  assert.match(before.label, /^Größe/);
  assert.deepEqual(before.options, [['S', false], ['M', false], ['L', true], ['XL', false]]);
  assert.equal(before.chosen, 'S');
  assert.equal(before.inside, true, 'the picker stays inside its card');
  assert.equal(before.overflows, false);
  const euros = (text) => Number(text.match(/(\d+),(\d\d) €/).slice(1).join('.'));
  await p.evaluate(() => {
    const select = document.querySelector('cartlift-bundles').shadowRoot.querySelector('select[part=variant]');
    select.value = 'XL';
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await p.waitFor((was) => document.querySelector('cartlift-bundles').shadowRoot.querySelector('.price').textContent.replace(/\s/g, ' ') !== was, before.price);
  const after = await seen();
  assert.equal(Math.round((euros(after.price) - euros(before.price)) * 100), 500, `${before.price} → ${after.price}`);
  assert.equal(after.chosen, 'XL');
  assert.equal(after.inside, true);
  assert.equal(after.overflows, false);
  const sent = await p.evaluate(() => new Promise((resolve) => {
    document.addEventListener('cartlift:add-to-cart', (e) => resolve(JSON.stringify(e.detail.items)), { once: true });
    document.querySelector('cartlift-bundles').shadowRoot.querySelector('[part=add]').click();
  }));
  const hoodie = JSON.parse(sent).find((i) => i.product === 'hoodie');
  assert.deepEqual([hoodie?.id, hoodie?.product, hoodie?.quantity], ['hoodie-xl', 'hoodie', 1]);
}

/**
 * Empties a platform demo store's cart through its own API (a browser keeps one cart across
 * pages, as a shopper's does), then waits for the bar to show the empty cart's goal.
 */
async function emptyPlatformCart(p, platform) {
  await p.evaluate(async (shopify) => {
    if (shopify) {
      await fetch('/shopify/cart/clear.js', { method: 'POST' });
      return;
    }
    const api = '/wp-json/wc/store/v1/';
    const read = await fetch(`${api}cart`);
    const nonce = read.headers.get('Nonce');
    for (const { key } of (await read.json()).items) {
      await fetch(`${api}cart/remove-item`, { method: 'POST', headers: { 'Content-Type': 'application/json', Nonce: nonce }, body: JSON.stringify({ key }) });
    }
    document.body.dispatchEvent(new Event('wc-blocks_removed_from_cart', { bubbles: true }));
  }, platform === 'shopify');
  await p.waitFor(() => cartlift.state()?.item_count === 0 && document.querySelector('cartlift-shipping-bar')?.shadowRoot?.querySelector('[part=message]')?.textContent.includes('$75.00'));
}

/**
 * A platform demo store's shirt in sizes, in its quantity selector, and its 3-for-2 (spec
 * §10, §12): L picked ($27.00), 2 chosen and added by L's platform id at the $48.60 the
 * selector showed; then three of the deal's product added through the platform's own cart
 * API, and checkout takes off what the tiers element says it saves. `platform` is `shopify`
 * (cables, $12.00 off) or `woocommerce` (socks, $9.00 off); a fresh cart.
 */
export async function platformSizesAndDeal(p, platform) {
  const shopify = platform === 'shopify';
  const api = shopify ? '/shopify/' : '/wp-json/wc/store/v1/';
  const [dealt, dealId, saved] = shopify ? ['cable', 44000000000007, 1200] : ['socks', 106, 900];
  await emptyPlatformCart(p, platform);
  await p.evaluate((products) => {
    for (const product of products) {
      const el = document.createElement('cartlift-tiers');
      el.setAttribute('product', product);
      document.body.append(el);
    }
  }, ['tshirt', dealt]);
  const shirt = "cartlift-tiers[product=tshirt]";
  await p.waitFor((t) => document.querySelector(t)?.shadowRoot?.querySelector('select[part=variant]'), shirt);
  const options = await p.evaluate((t) => [...document.querySelector(t).shadowRoot.querySelector('select[part=variant]').options].map((o) => [o.value, o.disabled]), shirt);
  assert.deepEqual(options, [['S', false], ['M', false], ['L', false], ['XL', true]]);
  await p.evaluate((t) => {
    const select = document.querySelector(t).shadowRoot.querySelector('select[part=variant]');
    select.value = 'L';
    select.dispatchEvent(new Event('change', { bubbles: true }));
  }, shirt);
  await p.waitFor((t) => document.querySelector(t).shadowRoot.querySelector('[part=option] .total')?.textContent === '$27.00', shirt);
  const totals = await p.evaluate((t) => [...document.querySelector(t).shadowRoot.querySelectorAll('[part=option] .total')].map((e) => e.textContent), shirt);
  assert.deepEqual(totals, ['$27.00', '$48.60', '$68.85']);
  await p.evaluate((t) => document.querySelector(t).shadowRoot.querySelectorAll('[part=option] input')[1].click(), shirt);
  await p.waitFor((t) => document.querySelector(t).shadowRoot.querySelector('[part=add]').textContent === 'Add 2 to cart', shirt);
  const sent = await p.evaluate((t) => new Promise((resolve) => {
    document.addEventListener('cartlift:add-to-cart', (e) => resolve(JSON.stringify(e.detail.items.map((i) => [i.id, i.product, i.quantity]))), { once: true });
    document.querySelector(t).shadowRoot.querySelector('[part=add]').click();
  }), shirt);
  assert.deepEqual(JSON.parse(sent), [['tshirt-l', 'tshirt', 2]]);
  await p.waitFor(() => cartlift.state()?.item_count === 2);
  const cartOf = () => p.evaluate(async ([api, shopify]) => (await (await fetch(shopify ? `${api}cart.js` : `${api}cart`)).json()).items, [api, shopify]);
  const priced = (items, id) => {
    const l = items.find((i) => (shopify ? i.variant_id : i.id) === id);
    return shopify ? [l?.quantity, l?.original_line_price, l?.final_line_price] : [l?.quantity, Number(l?.totals.line_subtotal), Number(l?.totals.line_total)];
  };
  assert.deepEqual(priced(await cartOf(), shopify ? 44000000000011 : 111), [2, 5400, 4860]);
  // Three of the deal's product, as the theme would add them.
  await p.evaluate(async ([api, shopify, id]) => {
    if (shopify) {
      await fetch(`${api}cart/add.js`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ items: [{ id, quantity: 3 }] }) });
    } else {
      const nonce = (await fetch(`${api}cart`)).headers.get('Nonce');
      await fetch(`${api}cart/add-item`, { method: 'POST', headers: { 'Content-Type': 'application/json', Nonce: nonce }, body: JSON.stringify({ id, quantity: 3 }) });
      document.body.dispatchEvent(new Event('wc-blocks_added_to_cart', { bubbles: true }));
    }
  }, [api, shopify, dealId]);
  await p.waitFor(() => cartlift.state()?.item_count === 5);
  await p.waitFor(([t, x]) => document.querySelector(`cartlift-tiers[product=${t}]`).shadowRoot.querySelector('[part=deal] .saved')?.textContent === x, [dealt, `You save $${(saved / 100).toFixed(2)}`]);
  const [quantity, before, after] = priced(await cartOf(), dealId);
  assert.deepEqual([quantity, before - after], [3, saved]);
}

/**
 * A platform demo store's laptop stand, given from $75 in the colour the shopper picks (spec
 * §10–11): two mice added through the platform's own cart API, Space grey picked beside the
 * claim, the claim adds that variant by its platform id, marked as the gift, and the store's
 * checkout pricing (cartlift's, from the same core) charges nothing for it. `platform` is
 * `shopify` or `woocommerce`; the page is that store's demo page, with a fresh cart.
 */
export async function platformGiftInColour(p, platform) {
  const shopify = platform === 'shopify';
  const api = shopify ? '/shopify/' : '/wp-json/wc/store/v1/';
  await emptyPlatformCart(p, platform);
  // Two $50 mice, as the theme would add them, and the theme's notice that the cart changed.
  await p.evaluate(async ([api, shopify]) => {
    if (shopify) {
      await fetch(`${api}cart/add.js`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ items: [{ id: 44000000000002, quantity: 2 }] }) });
    } else {
      const nonce = (await fetch(`${api}cart`)).headers.get('Nonce');
      await fetch(`${api}cart/add-item`, { method: 'POST', headers: { 'Content-Type': 'application/json', Nonce: nonce }, body: JSON.stringify({ id: 102, quantity: 2 }) });
      document.body.dispatchEvent(new Event('wc-blocks_added_to_cart', { bubbles: true }));
    }
  }, [api, shopify]);
  await p.waitFor(() => document.querySelector('cartlift-shipping-bar').shadowRoot.querySelector('[part=gift]')?.hidden === false);
  // The gift's own picker: beside the claim, not a filler's.
  const picker = '.shipping > .variants select[part=variant]';
  const offered = await p.evaluate((sel) => {
    const select = document.querySelector('cartlift-shipping-bar').shadowRoot.querySelector(sel);
    return [select.value, [...select.options].map((o) => o.value), select.closest('label')?.querySelector('.variant-name')?.textContent];
  }, picker);
  assert.deepEqual(offered, ['Silver', ['Silver', 'Space grey'], 'Colour']);
  await p.evaluate((sel) => {
    const select = document.querySelector('cartlift-shipping-bar').shadowRoot.querySelector(sel);
    select.value = 'Space grey';
    select.dispatchEvent(new Event('change', { bubbles: true }));
  }, picker);
  await p.waitFor(() => cartlift.state().shipping.goals[0].gift.variant === 'stand-grey');
  const sent = await p.evaluate(() => new Promise((resolve) => {
    document.addEventListener('cartlift:add-to-cart', (e) => resolve(JSON.stringify(e.detail.items)), { once: true });
    document.querySelector('cartlift-shipping-bar').shadowRoot.querySelector('[part=gift]').click();
  }));
  assert.deepEqual(JSON.parse(sent), [{ id: 'stand-grey', product: 'stand', quantity: 1, gift: true }]);
  await p.waitFor(() => cartlift.state()?.item_count === 3);
  // The store's cart: the grey stand on its own line, by its platform id, marked, and free.
  const line = await p.evaluate(async ([api, shopify]) => {
    const cart = await (await fetch(shopify ? `${api}cart.js` : `${api}cart`)).json();
    const l = cart.items.find((i) => (shopify ? i.variant_id === 44000000000014 : i.id === 114));
    return shopify
      ? [l?.quantity, l?.properties, l?.original_line_price, l?.final_line_price]
      : [l?.quantity, l?.extensions, l?.totals.line_subtotal, l?.totals.line_total];
  }, [api, shopify]);
  assert.deepEqual(line, shopify ? [1, { _cartlift_gift: '75.00' }, 4500, 0] : [1, { cartlift: { gift: 'stand' } }, '4500', '0']);
  await p.waitFor(() => document.querySelector('cartlift-shipping-bar').shadowRoot.querySelector('[part=gift]').hidden === true);
}

/**
 * The demo shop's free tote bag from $150 (spec §11): the bar's claim button once a laptop is
 * in, the shop's cart keeps the tote as a gift line that costs nothing while the goal holds, and
 * when the laptop goes the tote is taken back (`cartlift:remove-from-cart` from the gift).
 */
export async function giftClaimed(p) {
  // The claim button's `hidden`, or null before the bar is drawn.
  const hidden = () => document.querySelector('cartlift-shipping-bar')?.shadowRoot?.querySelector('[part=gift]')?.hidden ?? null;
  await p.waitFor(() => document.querySelector('cartlift-shipping-bar')?.shadowRoot?.querySelector('[part=message]')?.textContent.includes('$'));
  assert.equal(await p.evaluate(hidden), true, 'nothing to claim in an empty cart');
  await p.evaluate(() => document.querySelector('[data-add=laptop]').click());
  await p.waitFor(() => document.querySelector('cartlift-shipping-bar').shadowRoot.querySelector('[part=gift]').hidden === false);
  // The tote comes in colours (spec §10): the shopper picks Black ($18.00) beside the claim.
  await p.evaluate(() => {
    const select = document.querySelector('cartlift-shipping-bar').shadowRoot.querySelector('.shipping > .variants select[part=variant]');
    select.value = 'Black';
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await p.waitFor(() => cartlift.state().shipping.goals[1].gift.variant === 'tote-black');
  const sent = await p.evaluate(() => new Promise((resolve) => {
    const button = document.querySelector('cartlift-shipping-bar').shadowRoot.querySelector('[part=gift]');
    // The source's experiment and variant are the shopper's draw: not part of what is checked.
    document.addEventListener('cartlift:add-to-cart', (e) => resolve(JSON.stringify([button.textContent, e.detail.items, e.detail.source.widget, e.detail.source.offer])), { once: true });
    button.click();
  }));
  assert.deepEqual(JSON.parse(sent), ['Add your free Tote bag', [{ id: 'tote-black', product: 'tote', quantity: 1, gift: true }], 'gift', 'tote']);
  await p.waitFor(() => document.querySelectorAll('#cart-lines .line').length === 2);
  const lines = await p.evaluate(() => [...document.querySelectorAll('#cart-lines .line')].map((l) => [l.querySelector('.line-title').textContent, l.querySelector('.line-total').textContent]));
  assert.deepEqual(lines, [['Laptop Pro 14', '$1,000.00'], ['Tote bag, Black (free gift)', '$0.00']]);
  // The tote never counts toward a goal, and the shop charges nothing for it.
  const seen = await p.evaluate(() => ({
    counted: cartlift.state().shipping.subtotal.minor,
    gift: cartlift.state().shipping.goals[1].gift,
    total: document.getElementById('sum-total').textContent,
  }));
  assert.deepEqual(seen, { counted: 100000, gift: { product: 'tote', variant: 'tote-black', title: 'Tote bag', available: true, in_cart: true }, total: '$1,000.00' });
  await p.waitFor(() => document.querySelector('cartlift-shipping-bar').shadowRoot.querySelector('[part=gift]').hidden === true);
  // The laptop removed: the cart is below $150, and the tote is taken back.
  const removed = await p.evaluate(() => new Promise((resolve) => {
    document.addEventListener('cartlift:remove-from-cart', (e) => resolve(JSON.stringify([e.detail.items, e.detail.source.widget])), { once: true });
    document.querySelector('#cart-lines .line .link').click();
  }));
  assert.deepEqual(JSON.parse(removed), [[{ id: 'tote-black', product: 'tote', quantity: 1, gift: true }], 'gift']);
  await p.waitFor(() => document.querySelectorAll('#cart-lines .line').length === 0);
}
