// A hand-written vanilla-JS widget for the benchmark's side-by-side start-up: what a developer
// would write by hand to show the product page's bundle table and volume tiers from the same
// config, with no WebAssembly and no framework. It does the same work as cartlift on that page
// (reads the config's JSON, prices each bundle and tier in exact cents, formats with Intl,
// renders into shadow roots, follows setCart), and nothing cartlift adds beyond it (checking
// the config, personalization, accessibility details), so it is the floor cartlift is compared
// with. Only the benchmark loads it.
performance.mark('vanilla:start');

const config = JSON.parse(document.getElementById('vanilla-config').textContent);
const format = new Intl.NumberFormat(config.locale ?? 'en-US', { style: 'currency', currency: config.currency });
/** Exact cents of a decimal string or number ("12.99" → 1299). */
const cents = (amount) => {
  const [whole, frac = ''] = String(amount).split('.');
  return Number(whole) * 100 + Number((frac + '00').slice(0, 2));
};
const money = (c) => format.format(c / 100);
const products = new Map(config.products.map((p) => [p.id, { ...p, cents: cents(p.price) }]));
let cart = { currency: config.currency, items: [] };

/** A bundle's figures: items total, bundle price, saving and its percent (half away from zero). */
const priced = (b) => {
  const total = b.items.reduce((sum, id) => sum + (products.get(id)?.cents ?? 0), 0);
  const price = b.price != null ? cents(b.price) : b.percent_off != null ? total - Math.round((total * b.percent_off) / 100) : total - cents(b.amount_off ?? 0);
  const saving = total - price;
  return { ...b, total, price, saving, percent: total ? Math.round((saving * 10000) / total) / 100 : 0 };
};

const quantityOf = (id) => cart.items.filter((l) => l.id === id).reduce((n, l) => n + l.quantity, 0);

class Widget extends HTMLElement {
  connectedCallback() {
    this.root ??= this.attachShadow({ mode: 'open' });
    widgets.add(this);
    this.draw();
  }
  disconnectedCallback() { widgets.delete(this); }
}

class Bundles extends Widget {
  draw() {
    const id = this.getAttribute('product');
    const rows = config.bundles.filter((b) => b.items.includes(id) && !b.segments).map(priced);
    const best = Math.max(...rows.map((r) => r.saving));
    const table = document.createElement('table');
    table.setAttribute('part', 'table');
    table.innerHTML = '<caption>Frequently bought together</caption><tr><th>Bundle</th><th>Items total</th><th>Bundle price</th><th>You save</th><th></th></tr>';
    for (const r of rows) {
      const tr = table.insertRow();
      tr.setAttribute('part', r.saving === best ? 'row best-value' : 'row');
      for (const text of [r.title ?? r.items.map((i) => products.get(i)?.title).join(' + '), money(r.total), money(r.price), `${money(r.saving)} (${r.percent}%)`]) {
        tr.insertCell().textContent = text;
      }
      const button = document.createElement('button');
      button.setAttribute('part', 'add');
      button.textContent = r.items.every((i) => quantityOf(i) > 0) ? 'In your cart' : 'Add bundle';
      button.onclick = () => this.dispatchEvent(new CustomEvent('vanilla:add-to-cart', { bubbles: true, composed: true, detail: { items: r.items.map((i) => ({ id: i, quantity: 1 })), source: { widget: 'bundles', offer: r.id } } }));
      tr.insertCell().append(button);
    }
    this.root.replaceChildren(table);
  }
}

class Tiers extends Widget {
  draw() {
    const id = this.getAttribute('product');
    const set = config.volume_tiers.find((t) => t.product === id);
    const unit = products.get(id)?.cents ?? 0;
    const have = quantityOf(id);
    const list = document.createElement('ul');
    let next = null;
    for (const t of set?.tiers ?? []) {
      const li = document.createElement('li');
      const active = have >= t.min_quantity && !set.tiers.some((u) => u.min_quantity > t.min_quantity && have >= u.min_quantity);
      li.setAttribute('part', active ? 'tier active' : 'tier');
      li.textContent = `Buy ${t.min_quantity}+: ${t.percent_off}% off, ${money(unit - Math.round((unit * t.percent_off) / 100))} each`;
      list.append(li);
      if (next === null && have < t.min_quantity) next = t;
    }
    const nudge = document.createElement('p');
    nudge.setAttribute('part', 'nudge');
    nudge.textContent = next ? `Add ${next.min_quantity - have} more to save ${next.percent_off}%` : '';
    this.root.replaceChildren(list, nudge);
  }
}

const widgets = new Set();
customElements.define('vanilla-bundles', Bundles);
customElements.define('vanilla-tiers', Tiers);
window.vanilla = {
  setCart(next) {
    cart = next;
    for (const w of widgets) w.draw();
    return true;
  },
};
performance.mark('vanilla:rendered');
