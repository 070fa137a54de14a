// @ts-check
// cartlift's measurement (spec §9), loaded only by a page whose config element has
// `data-collect="URL"`: the shopper's impressions, adds, removes, goals reached and orders go
// to that URL in batches, as newline-delimited JSON in the collector's format (README,
// "Measurement"), with `navigator.sendBeacon`, which the browser delivers even as the page
// goes away.
//
// - Nothing is sent without consent: `cartlift.visitor()` is then `null`, and queued events
//   are dropped. The only id sent is the visitor record's random one; a line holds the offer,
//   the products and quantities, prices and the order's value, never a name or an address.
// - A batch leaves at most every few seconds, and at once when the page is hidden or left.
// - The queue is bounded: while the URL cannot take beacons (the browser refuses to queue
//   more), the oldest events go first; nothing grows without limit.

/** The collector's `type` of each event it takes. @type {Record<string, string>} */
const TYPES = {
  'cartlift:impression': 'impression',
  'cartlift:add-to-cart': 'add-to-cart',
  'cartlift:remove-from-cart': 'remove-from-cart',
  'cartlift:goal-reached': 'goal-reached',
  'cartlift:order': 'order',
};
/** At most one batch per this many milliseconds, unless the page is going away. */
export const EVERY_MS = 4000;
/** Events kept while they cannot be sent; beyond it the oldest are dropped. */
export const MAX_QUEUED = 500;
/** Characters per beacon: browsers take 64 KiB of beacons in flight, and a character of
 * JavaScript text is at most three bytes of UTF-8. */
const MAX_CHARS = 20000;

/**
 * Starts sending to `url` (resolved against the page); returns the function the entry hands
 * each event to: `(name, detail, at)`, `at` in Unix milliseconds.
 * @param {string} url
 * @param {Cartlift.Api} api
 * @returns {(name: string, detail: any, at: number) => void}
 */
export function start(url, api) {
  let target;
  try {
    target = new URL(url, document.baseURI).href;
  } catch {
    console.warn(`cartlift: data-collect="${url}" is not a URL; no events are sent.`);
    return () => {};
  }
  /** Each event's line, oldest first. @type {string[]} */
  const queue = [];
  /** @type {ReturnType<typeof setTimeout> | 0} */
  let timer = 0;
  const consented = () => api.visitor() != null;

  const flush = () => {
    clearTimeout(timer);
    timer = 0;
    if (!consented()) queue.length = 0;
    while (queue.length) {
      let body = '';
      let n = 0;
      while (n < queue.length && body.length + queue[n].length < MAX_CHARS) body += `${queue[n++]}\n`;
      if (n === 0) { queue.shift(); continue; } // one line beyond any beacon: dropped
      let taken = false;
      try { taken = navigator.sendBeacon(target, body); } catch { /* a URL the page's policy refuses */ }
      if (!taken) break;
      queue.splice(0, n);
    }
    // What the browser would not take is tried again later.
    if (queue.length) timer = setTimeout(flush, EVERY_MS);
  };
  addEventListener('pagehide', flush);
  document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden') flush(); });

  // Never throws: the entry dispatches the event to the page after handing it here.
  return (/** @type {string} */ name, /** @type {any} */ detail, /** @type {number} */ at) => {
    try {
      queued(name, detail, at);
    } catch (e) {
      console.warn('cartlift: an event could not be queued for data-collect.', e);
    }
  };

  /** @param {string} name @param {any} detail @param {number} at */
  function queued(name, detail, at) {
    const type = TYPES[name];
    const visitor = type && api.visitor()?.id;
    if (!visitor) return;
    const s = detail.source ?? {};
    const line = {
      type,
      at,
      visitor,
      // Empty names are left out, as the collector wants each field present or absent.
      source: { widget: s.widget || undefined, offer: s.offer || undefined, segment: s.segment || undefined, variant: s.variant || undefined },
      experiments: api.state()?.experiments ?? [],
      items: detail.items?.map((/** @type {Cartlift.EventItem} */ { id, quantity, price }) => ({ id, quantity, price })),
      order: detail.order && { id: detail.order.id ?? undefined, value: detail.order.value.amount, currency: detail.order.value.currency },
    };
    queue.push(JSON.stringify(line));
    if (queue.length > MAX_QUEUED) queue.splice(0, queue.length - MAX_QUEUED);
    timer ||= setTimeout(flush, EVERY_MS);
  }
}
