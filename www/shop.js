// The demo shop's own cart, as a real shop's theme code would keep it: plain page JavaScript
// that listens to cartlift's events, changes its cart, and tells cartlift with setCart().
// Money stays integer minor units (cents) here too: never floating point.

const CATALOG = {
  laptop: { title: 'Laptop Pro 14', price: '1000.00' },
  mouse: { title: 'Wireless Mouse', price: '50.00' },
  keyboard: { title: 'Keyboard', price: '150.00' },
  warranty: { title: '2-year warranty', price: '12.00' },
  tshirt: { title: 'Organic T-shirt', price: '25.00' },
  socks: { title: 'Socks', price: '9.00' },
  cable: { title: 'USB-C Cable', price: '12.00' },
  stand: { title: 'Laptop Stand', price: '40.00' },
  tote: { title: 'Tote bag', price: '15.00' },
  // The tote's colours (spec §10): a line names the variant, which is of its product.
  'tote-natural': { title: 'Tote bag, Natural', price: '15.00', product: 'tote' },
  'tote-black': { title: 'Tote bag, Black', price: '18.00', product: 'tote' },
};
const FLAT_SHIPPING_CENTS = 795n;
const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

/** "12.99" → 1299n, exactly, from the text. */
export function toCents(text) {
  const [whole, frac = ''] = String(text).split('.');
  return BigInt(whole) * 100n + BigInt((frac + '00').slice(0, 2));
}
/** 1299n → "$12.99", formatted by the browser from exact decimal text. */
export function formatCents(cents) {
  const sign = cents < 0n ? '-' : '';
  const abs = cents < 0n ? -cents : cents;
  return money.format(`${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`);
}

// Lines are keyed by id and price: a bundle adds its items at their share of the bundle price.
// A goal's free gift is a line of its own, marked `gift` as cartlift asks (spec §11).
const cart = { lines: [] };

function add(id, quantity = 1, price, gift = false) {
  const unit = price ?? CATALOG[id]?.price;
  if (unit === undefined) return;
  const line = cart.lines.find((l) => l.id === id && l.price === unit && l.gift === gift);
  if (line) line.quantity += quantity;
  else cart.lines.push({ id, quantity, price: unit, gift });
  sync();
}

/** Takes `quantity` of `id` out of the lines that are (or are not) the gift. */
function remove(id, quantity = Infinity, gift = false) {
  for (const line of cart.lines.filter((l) => l.id === id && l.gift === gift)) {
    const take = Math.min(line.quantity, quantity);
    line.quantity -= take;
    quantity -= take;
  }
  cart.lines = cart.lines.filter((l) => l.quantity > 0);
  sync();
}

function sync() {
  window.cartlift.setCart({
    currency: 'USD',
    items: cart.lines.map((l) => ({ id: l.id, quantity: l.quantity, price: l.price, ...(l.gift ? { gift: true } : {}) })),
  });
  render();
}

/** Whether a goal that gives the line's item holds now (its product, in any variant, or the
 * one variant it names): then one unit of its gift line is free. */
function giftHeld(line) {
  const product = CATALOG[line.id]?.product ?? line.id;
  return (window.cartlift.state()?.shipping?.goals ?? [])
    .some((g) => g.holds && g.gift?.product === product && (g.grants?.gift === product || g.grants?.gift === line.id));
}

/** What a line costs, in cents: a held gift's first unit is free. */
function lineCents(line) {
  const free = line.gift && giftHeld(line) ? 1n : 0n;
  return toCents(line.price) * (BigInt(line.quantity) - free);
}

function render() {
  const list = document.getElementById('cart-lines');
  list.replaceChildren(...cart.lines.map((line, i) => {
    const li = document.createElement('li');
    li.className = 'line';
    const name = document.createElement('span');
    name.className = 'line-title';
    name.textContent = CATALOG[line.id]?.title ?? line.id;
    if (line.price !== CATALOG[line.id]?.price) name.textContent += ' (bundle price)';
    if (line.gift) name.textContent += ' (free gift)';
    const stepper = document.createElement('span');
    stepper.className = 'stepper';
    const less = button('−', `One less ${name.textContent}`, () => { line.quantity -= 1; if (line.quantity <= 0) cart.lines.splice(i, 1); sync(); });
    const qty = document.createElement('output');
    qty.textContent = String(line.quantity);
    qty.setAttribute('aria-label', `Quantity of ${name.textContent}`);
    const more = button('+', `One more ${name.textContent}`, () => { line.quantity += 1; sync(); });
    stepper.append(less, qty, more);
    const total = document.createElement('span');
    total.className = 'line-total';
    total.textContent = formatCents(lineCents(line));
    const drop = button('Remove', `Remove ${name.textContent}`, () => { cart.lines.splice(i, 1); sync(); });
    drop.className = 'link';
    li.append(name, stepper, total, drop);
    return li;
  }));
  const count = cart.lines.reduce((n, l) => n + l.quantity, 0);
  document.getElementById('cart-count').textContent = String(count);
  document.getElementById('cart-empty').hidden = count > 0;

  // The summary takes cartlift's exact figures: the subtotal, and whether free shipping is reached.
  const state = window.cartlift.state();
  const subtotal = state ? BigInt(state.subtotal.minor) : 0n;
  const free = state?.shipping?.goals?.[0]?.unlocked ?? false;
  const shipping = count === 0 ? 0n : free ? 0n : FLAT_SHIPPING_CENTS;
  // The shop applies the volume tier in force and each buy X get Y deal, taking cartlift's
  // exact saving for each (a unit a deal gets is not in its tier's saving, as at checkout).
  // A held gift's free unit comes off as well, as checkout takes it off.
  const gifts = cart.lines.filter((l) => l.gift).reduce((sum, l) => sum + toCents(l.price) * BigInt(l.quantity) - lineCents(l), 0n);
  const discount = [...(state?.tiers ?? []), ...(state?.deals ?? [])].reduce((sum, t) => sum + BigInt(t.saving.minor), gifts);
  document.getElementById('sum-subtotal').textContent = formatCents(subtotal);
  document.getElementById('sum-discount').textContent = discount > 0n ? `−${formatCents(discount)}` : '—';
  document.getElementById('sum-shipping').textContent = count === 0 ? '—' : free ? 'Free' : formatCents(shipping);
  document.getElementById('sum-total').textContent = formatCents(subtotal - discount + shipping);
}

function button(text, label, onClick) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  b.setAttribute('aria-label', label);
  b.addEventListener('click', onClick);
  return b;
}

document.addEventListener('cartlift:add-to-cart', (e) => {
  for (const item of e.detail.items) add(item.id, item.quantity, item.price, item.gift === true);
});
document.addEventListener('cartlift:remove-from-cart', (e) => {
  for (const item of e.detail.items) remove(item.id, item.quantity, item.gift === true);
});
document.addEventListener('cartlift:ready', render);
document.addEventListener('cartlift:error', (e) => console.warn('cartlift refused something:', e.detail.errors));
for (const b of document.querySelectorAll('[data-add]')) b.addEventListener('click', () => add(b.dataset.add));

// The order confirmation, as a shop's would: cartlift remembers the order in this browser.
document.getElementById('checkout').addEventListener('click', () => {
  if (cart.lines.length === 0) return;
  const placed = { currency: 'USD', items: cart.lines.map((l) => ({ id: l.id, quantity: l.quantity, price: l.price })) };
  const total = document.getElementById('sum-total').textContent;
  window.cartlift.ordered(placed, `demo-${Date.now()}`);
  cart.lines = [];
  sync();
  document.getElementById('order-placed').textContent = `Order of ${total} placed (nothing is charged); this browser now remembers it.`;
  showVisitor();
});

// "See it as another shopper": a past order makes this browser a returning shopper with a
// typical order of $50.00 (its personal free-shipping goal is then $60.00); unticked, cartlift
// forgets everything. The experiment's variant is forced as a merchant would, in the URL.
const returning = document.getElementById('returning');
returning.addEventListener('change', () => {
  if (returning.checked) {
    window.cartlift.ordered({ currency: 'USD', items: [{ id: 'tshirt', quantity: 2, price: '25.00' }] }, 'demo-past-order');
  } else {
    window.cartlift.forget();
  }
  showVisitor();
});
const variant = document.getElementById('variant');
variant.value = new URLSearchParams(location.search).get('cartlift_variant') ?? '';
variant.addEventListener('change', () => {
  const url = new URL(location.href);
  if (variant.value) url.searchParams.set('cartlift_variant', variant.value);
  else url.searchParams.delete('cartlift_variant');
  location.assign(url);
});

function showVisitor() {
  const v = window.cartlift.visitor();
  const state = window.cartlift.state();
  const drawn = state?.experiments?.map((e) => `${e.experiment}: ${e.variant}`).join(', ');
  returning.checked = (v?.orders?.length ?? 0) > 0;
  document.getElementById('visitor-summary').textContent = v
    ? `This browser: visit ${v.visits}, ${v.orders.length} order(s), ${v.viewed.length} product(s) viewed${drawn ? `; variant ${drawn}` : ''}. Stored in this browser's localStorage only.`
    : 'Nothing is remembered in this browser.';
}
document.addEventListener('cartlift:ready', showVisitor);

// `cargo xtask demo` gives the config element `data-collect`: say where the events go.
const collecting = document.getElementById('cartlift-config')?.dataset.collect;
if (collecting) {
  const note = document.getElementById('measure-summary');
  note.textContent = `This shop's impressions, adds, goals and orders go to ${collecting} (cartlift collect); \`cartlift report\` shows what each offer and variant did.`;
  note.hidden = false;
}
// For tests and for poking at the demo from the console.
window.demoCart = { cart, add, remove };
sync();
