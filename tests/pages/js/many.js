// Fifty elements: a collection page with a bundle table and tiers per product card.
// With `?late`, they are added once cartlift has started (as a single-page app would).
if (new URLSearchParams(location.search).has('late')) await window.cartlift.ready;
const kinds = [['cartlift-bundles', 'laptop'], ['cartlift-tiers', 'tshirt'], ['cartlift-shipping-bar'], ['cartlift-upsell'], ['cartlift-bundles', 'tshirt']];
for (let i = 0; i < 50; i += 1) {
  const [tag, product] = kinds[i % kinds.length];
  const el = document.createElement(tag);
  if (product) el.setAttribute('product', product);
  document.body.append(el);
}
window.cartlift.setCart({ currency: 'USD', items: [{ id: 'laptop', quantity: 1 }, { id: 'tshirt', quantity: 2 }] });
