// A laptop and two shirts in the cart (an external file, so CSP pages can load it too).
window.cartlift.setCart({ currency: 'USD', items: [{ id: 'laptop', quantity: 1 }, { id: 'tshirt', quantity: 2 }] });
