// One shirt in the cart: the bar is on its way, a filler shows, the tiers nudge, the laptop's
// bundles are offered and the upsell is not.
window.cartlift.setCart({ currency: 'USD', items: [{ id: 'tshirt', quantity: 1 }] });
