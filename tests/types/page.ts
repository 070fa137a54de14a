// A shop page's own script, written against dist/cartlift.d.ts: `tsc` (run by
// `cargo xtask test`) checks that the types let a page do what the README shows, and refuse
// what the widget would refuse.

const config: Cartlift.Config = {
  currency: "USD",
  locale: "en-US",
  products: [
    { id: "laptop", title: "Laptop Pro 14", price: "1000.00" },
    { id: "mouse", title: "Wireless Mouse", price: 50 },
  ],
  shipping_bar: { goals: [{ threshold: "75.00", reward: "free shipping", by_currency: { EUR: "70.00" } }], fillers: 2 },
  bundles: [{ id: "office-2", items: ["laptop", "mouse"], price: "950.00" }],
  labels: { add_bundle: "In den Warenkorb", tier_quantity: { one: "Ab {count} Stück", other: "Ab {count} Stück" } },
};

const lines: Cartlift.EventItem[] = [];

document.addEventListener("cartlift:add-to-cart", (e) => {
  // The detail is typed: items with cartlift's exact price, and where they came from.
  // A goal's gift comes marked, and goes back to setCart marked.
  for (const item of e.detail.items) lines.push({ id: item.id, quantity: item.quantity, price: item.price, gift: item.gift });
  const from: "shipping-bar" | "bundles" | "upsell" | "tiers" | "recommendations" | "gift" = e.detail.source.widget;
  console.log(from, e.detail.source.offer);
  window.cartlift.setCart({ currency: "USD", items: lines.map((l) => ({ id: l.id, quantity: l.quantity, price: l.price, gift: l.gift })) });
});

document.addEventListener("cartlift:error", (e) => {
  for (const p of e.detail.errors) {
    const where = p.line !== undefined ? ` (line ${p.line}, column ${p.column ?? 1})` : "";
    console.warn(`${p.code} at ${p.path}: ${p.message}${where}`);
  }
  const kind: "config" | "cart" = e.detail.kind;
  console.log(kind);
});

document.addEventListener("cartlift:ready", (e) => console.log(e.detail.version));

// Measurement (spec §9): which offers were seen, goals reached, orders, each with its
// segment and experiment variant.
document.addEventListener("cartlift:impression", (e) => {
  const { widget, offer, segment, variant }: Cartlift.EventSource = e.detail.source;
  console.log(widget, offer, segment ?? "everyone", variant ?? "no experiment");
});
document.addEventListener("cartlift:goal-reached", (e) => console.log(e.detail.goal.reward, e.detail.goal.threshold.amount));
document.addEventListener("cartlift:order", (e) => {
  const value: string = e.detail.order.value.amount;
  const id: string | null = e.detail.order.id;
  console.log(value, id, e.detail.items.length);
});

async function main(): Promise<void> {
  const taken: boolean = cartlift.configure(config);
  cartlift.configure(JSON.stringify(config));
  console.log(taken);
  try {
    await cartlift.ready;
  } catch (e) {
    if (e instanceof AggregateError) console.warn(e.errors);
  }
  const state = cartlift.state();
  if (state?.shipping) {
    const cents: number = state.shipping.remaining.minor;
    const text: string = state.shipping.remaining.amount;
    console.log(cents, text, state.shipping.goals[0]?.unlocked);
    // Whether checkout gives this shopper free shipping now.
    const free: boolean = state.shipping.goals.some((g) => g.holds && g.grants?.free_shipping !== undefined);
    console.log(free);
  }
  const bar = document.querySelector("cartlift-shipping-bar");
  if (bar) bar.setAttribute("preview", "");
  const table: Cartlift.Element = document.createElement("cartlift-bundles");
  table.setAttribute("product", "laptop");

  // What the widget refuses, the types refuse too.
  // @ts-expect-error: a cart needs its currency
  cartlift.setCart({ items: [] });
  // @ts-expect-error: a quantity is a number
  cartlift.setCart({ currency: "USD", items: [{ id: "mouse", quantity: "2" }] });
  // @ts-expect-error: a product needs a title
  cartlift.configure({ currency: "USD", products: [{ id: "mug", price: "9.00" }] });
  // A theme: a name, or values (the rest sampled from the page).
  cartlift.configure({ ...config, theme: "none" });
  cartlift.configure({ ...config, theme: { accent: "#5b3cc4" } });
  // @ts-expect-error: "dark" is not a theme's name
  cartlift.configure({ ...config, theme: "dark" });
  // @ts-expect-error: there is no such label
  const labels: Cartlift.Labels = { add_bundel: "x" };
  console.log(labels);
  // Labels keyed by language (spec §13), beside the flat ones.
  const keyed: Cartlift.Labels = { best_value: "Top pick", de: { best_value: "Unser Tipp" }, "pt-BR": { add_bundle: "Adicionar" } };
  cartlift.configure({ ...config, locale: "auto", labels: keyed });
  // @ts-expect-error: no such label in a language's labels either
  const misspelt: Cartlift.Labels = { de: { add_bundel: "x" } };
  console.log(misspelt);
  document.addEventListener("cartlift:add-to-cart", (e) => {
    // @ts-expect-error: an event item has no title
    console.log(e.detail.items[0]?.title);
  });
}

void main();

// Personalization (spec §8): the page tells cartlift what was viewed and ordered, and the
// shopper can be forgotten or decline to be remembered.
window.cartlift.viewed("laptop");
const recorded: boolean = window.cartlift.ordered({ currency: "USD", items: [{ id: "mouse", quantity: 1 }] }, 1001);
window.cartlift.consent(recorded);
window.cartlift.forget();
const remembered: number = window.cartlift.visitor()?.orders.length ?? 0;
const variant: string | undefined = window.cartlift.state()?.experiments[0]?.variant;
console.log(remembered, variant);
// How many more socks make the first buy-X-get-Y deal apply once more.
const more: number | undefined = window.cartlift.state()?.deals[0]?.next.find((n) => n.product === 'socks')?.more;
// A product's deals, as <cartlift-tiers> finds them: "Buy 2, get 1 free".
const socksDeals: [number, number, number][] = (window.cartlift.state()?.deals ?? []).filter((d) => d.products.includes('socks')).map((d) => [d.buy, d.get, d.percent_off]);
console.log(more, socksDeals);
