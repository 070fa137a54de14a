// Every text field of the config and the cart carries a payload; none may run or inject.
export const PAYLOADS = [
  '<img src=x onerror="window.__xss=1">',
  '"><svg onload=window.__xss=2>',
  '<script>window.__xss=3<\/script>',
  "' onmouseover='window.__xss=4' x='",
  'javascript:window.__xss=5',
  '<a href="javascript:window.__xss=6">click</a>',
  '</style><style>*{display:none!important}</style>',
];
const p = (i) => PAYLOADS[i % PAYLOADS.length];
const config = {
  currency: 'USD',
  products: [
    { id: 'a', title: p(0), price: '30.00' },
    { id: 'b', title: p(1), price: '20.00' },
    { id: 'c', title: p(2), price: '50.00' },
    { id: 'w', title: p(3), price: '5.00' },
  ],
  shipping_bar: {
    goals: [{ threshold: '100.00', reward: p(4) }],
    // Braces are placeholders in messages, so the CSS payload goes elsewhere.
    messages: { empty: `${p(5)} {threshold}`, progress: `${p(0)} {remaining} {reward}`, achieved: `${p(2)} {reward}` },
    fillers: 3,
  },
  bundles: [{ id: 'x', title: p(1), items: ['a', 'b'], price: '45.00' }],
  volume_tiers: [{ product: 'a', nudge: `${p(2)} {more} {percent} {product}`, tiers: [{ min_quantity: 2, percent_off: 10 }] }],
  upsells: [{ id: 'u', product: 'w', title: p(3), description: p(6) }],
};
window.xssConfig = config;
window.cartlift.configure(config);
window.cartlift.setCart({ currency: 'USD', items: [{ id: 'a', quantity: 1 }, { id: p(0), quantity: 1, price: '1.00', title: p(6) }] });
