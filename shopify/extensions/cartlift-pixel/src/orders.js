// @ts-check
// cartlift's order pixel: Shopify's `checkout_completed` standard event, sent to the merchant's
// collector as cartlift's own `order` event (README, "Measurement": one NDJSON line), so that
// `cartlift report` attributes orders placed at Shopify's checkout to the offers the same
// visitor saw and added on the storefront.
//
// - Only for a shopper cartlift already remembers: the visitor record the storefront keeps in
//   localStorage (`cartlift:visitor`, written only with consent) gives the one id sent; without
//   it nothing is sent. Shopify runs the pixel only with the analytics consent the shop's
//   region requires (shopify.extension.toml).
// - Nothing personal: the order's id, its value and currency, and each line's product, variant,
//   quantity and price, with the offer that cartlift marked the line with (`_cartlift_bundle`,
//   `_cartlift_offer`), so the report counts what each offer sold. Never an email or address.
// - Money: Shopify's pixel API gives amounts as JavaScript numbers; each is written once as
//   decimal text with its currency's digits (Intl), which gives back exactly the amount Shopify
//   priced (any amount of up to 15 significant digits round-trips through a double).

/** The record the storefront keeps (core/src/visitor/record.rs). */
export const VISITOR_KEY = 'cartlift:visitor';

/**
 * @typedef {{ amount: number, currencyCode?: string }} Money
 * @typedef {{ key: string, value: string }} Property
 * @typedef {{ quantity: number, title?: string, properties?: Property[],
 *   variant?: { id?: string, price?: Money, product?: { id?: string, url?: string } } }} LineItem
 * @typedef {{ currencyCode?: string, subtotalPrice?: Money, totalPrice?: Money,
 *   order?: { id?: string }, lineItems?: LineItem[] }} Checkout
 * @typedef {{ timestamp?: string, data?: { checkout?: Checkout } }} CheckoutCompleted
 * @typedef {{
 *   analytics: { subscribe: (name: string, callback: (event: CheckoutCompleted) => unknown) => unknown },
 *   browser: { localStorage: { getItem: (key: string) => Promise<string | null> },
 *              sendBeacon: (url: string, body: string) => Promise<boolean> },
 *   settings: { collect?: string },
 * }} PixelApi
 */

/** The digits after the point of `currency`'s minor unit (2 for USD, 0 for JPY, 3 for KWD). @param {string} currency */
const digitsOf = (currency) => {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
};

/** `amount` as exact decimal text in `currency`, or undefined. @param {Money | undefined} money @param {string} currency */
export const decimal = (money, currency) =>
  typeof money?.amount === 'number' && Number.isFinite(money.amount) ? money.amount.toFixed(digitsOf(currency)) : undefined;

/** The storefront's product id: by cartlift's Shopify convention, the product's handle. @param {LineItem} line */
const productOf = (line) => {
  const url = line.variant?.product?.url ?? '';
  const handle = /\/products\/([^/?#]+)/.exec(url)?.[1];
  return handle ? decodeURIComponent(handle) : line.variant?.product?.id;
};

/** The visitor id of the stored record, if it is cartlift's. @param {string | null} stored */
export const visitorOf = (stored) => {
  try {
    const record = JSON.parse(stored ?? 'null');
    return typeof record?.id === 'string' && record.id ? record.id : null;
  } catch {
    return null; // not cartlift's record: no visitor, nothing sent
  }
};

/**
 * The collector's line for a completed checkout by `visitor`.
 * @param {CheckoutCompleted} event @param {string} visitor
 */
export function orderLine(event, visitor) {
  const checkout = event.data?.checkout ?? {};
  const currency = checkout.currencyCode ?? checkout.subtotalPrice?.currencyCode ?? 'USD';
  const at = Date.parse(event.timestamp ?? '');
  const items = (checkout.lineItems ?? []).map((line) => {
    const mark = (/** @type {string} */ key) => line.properties?.find((p) => p.key === key)?.value || undefined;
    const bundle = mark('_cartlift_bundle');
    const offer = mark('_cartlift_offer');
    return {
      id: productOf(line),
      variant_id: line.variant?.id,
      quantity: line.quantity,
      price: decimal(line.variant?.price, currency),
      widget: bundle ? 'bundles' : offer ? 'upsell' : undefined,
      offer: bundle ?? offer,
    };
  });
  return {
    type: 'order',
    at: Number.isFinite(at) ? at : Date.now(),
    visitor,
    items,
    order: {
      id: checkout.order?.id,
      // The items' value after discounts, before shipping and taxes: what the widget's
      // `cartlift.ordered` counts, so orders from both compare.
      value: decimal(checkout.subtotalPrice ?? checkout.totalPrice, currency),
      currency,
    },
  };
}

/** Starts the pixel: nothing without a collector URL. @param {PixelApi} api */
export function start({ analytics, browser, settings }) {
  const url = settings?.collect?.trim();
  if (!url) return;
  analytics.subscribe('checkout_completed', async (event) => {
    const visitor = visitorOf(await browser.localStorage.getItem(VISITOR_KEY));
    if (!visitor) return;
    const line = orderLine(event, visitor);
    if (line.order.value === undefined) return;
    await browser.sendBeacon(url, `${JSON.stringify(line)}\n`);
  });
}
