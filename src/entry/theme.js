// @ts-check
// theme "auto" (the default): the accent, its text colour, the corner radius and the weight of
// the page's own primary button, so that the widgets look like the theme's. The first visible
// one of these, outside cartlift, with a background: a shop's add-to-cart button (Dawn,
// Horizon, WooCommerce), then a theme's primary button, then any button.

const PRIMARY = ['.product-form__submit', 'button[name="add"]', '.single_add_to_cart_button',
  '.wp-element-button', '.button.alt', '.button:not(.button--secondary, .button--tertiary, .button-secondary, .button-unstyled)',
  '.btn-primary', 'button[type="submit"]', 'button'];

/** The sheet every widget adopts: the sampled values, once sampled. */
const sheet = globalThis.CSSStyleSheet ? new CSSStyleSheet() : null;
let sampled = false;

/** Reads the page's primary button into the sheet. @param {string} ours cartlift's tags */
const sample = (ours) => {
  try {
    for (const selector of PRIMARY) {
      for (const b of document.querySelectorAll(selector)) {
        if (b.closest(ours) || !b.getClientRects().length) continue;
        const s = getComputedStyle(b);
        if (/transparent|rgba\(.*, 0\)/.test(s.backgroundColor)) continue;
        // Computed values: colours, a length and a number, which cannot carry anything else.
        sheet?.replaceSync(`:host{--auto-accent:${s.backgroundColor};--auto-on-accent:${s.color};--auto-radius:${s.borderTopLeftRadius};--auto-weight:${s.fontWeight}}`);
        return;
      }
    }
  } catch { /* no constructable stylesheets: the defaults stay */ }
};

/**
 * Gives `shadow` the sampled theme, sampling the page the first time (and again once it has
 * loaded, when its own styles are all in).
 * @param {ShadowRoot} shadow
 * @param {string} ours cartlift's tags, as a selector list
 */
export const adoptTheme = (shadow, ours) => {
  if (!sheet) return;
  if (!sampled) {
    sampled = true;
    sample(ours);
    globalThis.addEventListener?.('load', () => sample(ours), { once: true });
  }
  shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, sheet];
};
