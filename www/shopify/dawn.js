// Dawn-like cart components, written for the demo from Dawn's behaviour (classic script, as
// Dawn's are): the product form asks Shopify to render the cart's sections with its add and
// shows them from the answer; the drawer's items re-render themselves on every `cart-update`
// publication but their own (so do the cart page's); the header's cart icon is redrawn only
// from the `cart-icon-bubble` section of the theme's own writes; the drawer changes a line by
// its place (`line`, from 1). A page loads it after its cart drawer or notification, and after
// declaring Dawn's `routes`, `PUB_SUB_EVENTS`, `subscribe` and `publish`.
const parse = (html) => new DOMParser().parseFromString(html, 'text/html');
const innerOf = (html, selector = '.shopify-section') => parse(html).querySelector(selector)?.innerHTML ?? '';

customElements.define('cart-drawer', class extends HTMLElement {
  getSectionsToRender() { return [{ id: 'cart-drawer', selector: '#CartDrawer' }, { id: 'cart-icon-bubble' }]; }
  renderContents(parsed) {
    this.classList.remove('is-empty');
    for (const section of this.getSectionsToRender()) {
      const target = section.selector ? document.querySelector(section.selector) : document.getElementById(section.id);
      if (target) target.innerHTML = innerOf(parsed.sections[section.id], section.selector);
    }
    this.classList.add('active');
  }
});

customElements.define('cart-notification', class extends HTMLElement {
  getSectionsToRender() { return [{ id: 'cart-notification-button' }, { id: 'cart-icon-bubble' }]; }
  renderContents(parsed) {
    for (const section of this.getSectionsToRender()) {
      const target = document.getElementById(section.id);
      if (target) target.innerHTML = innerOf(parsed.sections[section.id]);
    }
    this.querySelector('#cart-notification').classList.add('active');
  }
});

customElements.define('cart-drawer-items', class extends HTMLElement {
  connectedCallback() {
    this.unsubscribe = subscribe(PUB_SUB_EVENTS.cartUpdate, (event) => (event.source === 'cart-items' ? undefined : this.onCartUpdate()));
    this.addEventListener('click', (event) => {
      const button = event.target.closest('button[data-index]');
      if (!button) return;
      const input = this.querySelector(`input[data-index="${button.dataset.index}"]`);
      const quantity = Number(input.value) + (button.name === 'plus' ? 1 : -1);
      this.updateQuantity(Number(button.dataset.index), quantity);
    });
  }
  disconnectedCallback() { this.unsubscribe?.(); }
  async onCartUpdate() {
    const html = parse(await (await fetch(`${routes.cart_url}?section_id=cart-drawer`)).text());
    for (const selector of ['cart-drawer-items', '.cart-drawer__footer']) {
      const now = document.querySelector(selector);
      const next = html.querySelector(selector);
      if (now && next) now.replaceWith(next);
    }
  }
  async updateQuantity(line, quantity) {
    const res = await fetch(`${routes.cart_change_url}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ line, quantity, sections: ['cart-drawer', 'cart-icon-bubble'], sections_url: location.pathname }),
    });
    const state = await res.json();
    document.querySelector('#CartDrawer .drawer__inner').innerHTML = innerOf(state.sections['cart-drawer'], '.drawer__inner');
    document.getElementById('cart-icon-bubble').innerHTML = innerOf(state.sections['cart-icon-bubble']);
    document.querySelector('cart-drawer')?.classList.toggle('is-empty', state.item_count === 0);
    publish(PUB_SUB_EVENTS.cartUpdate, { source: 'cart-items', cartData: state });
  }
});

customElements.define('product-form', class extends HTMLElement {
  connectedCallback() {
    this.form = this.querySelector('form');
    this.cart = document.querySelector('cart-notification') || document.querySelector('cart-drawer');
    this.form.addEventListener('submit', (e) => this.onSubmit(e));
  }
  async onSubmit(event) {
    event.preventDefault();
    const body = new FormData(this.form);
    body.append('sections', this.cart.getSectionsToRender().map((s) => s.id));
    body.append('sections_url', location.pathname);
    // Form-encoded here (Dawn posts the FormData itself; the demo store reads either as a form).
    const response = await (await fetch(`${routes.cart_add_url}`, { method: 'POST', headers: { 'X-Requested-With': 'XMLHttpRequest', Accept: 'application/javascript' }, body: new URLSearchParams(body) })).json();
    if (response.status) {
      publish(PUB_SUB_EVENTS.cartError, { source: 'product-form', errors: response.description });
      return;
    }
    publish(PUB_SUB_EVENTS.cartUpdate, { source: 'product-form', productVariantId: body.get('id'), cartData: response });
    this.cart.renderContents(response);
  }
});

// The header's count as the store first rendered it.
fetch('/shopify/cart?section_id=cart-icon-bubble').then((r) => r.text()).then((html) => { document.getElementById('cart-icon-bubble').innerHTML = innerOf(html); });
