// @ts-check
// Every event of cartlift's goes out here (the wasm's as JSON text): each offer's source
// completed (spec §9), handed to the `data-collect` module when the page has one, and
// dispatched. Impressions and goals reached are made here too, from the facts the wasm tells
// whenever its figures change: no event asks it for the whole quote.

import { segmentOf } from './facts.js';

/** @typedef {{ widget: string, offer?: string, segment?: string, experiment?: string, variant?: string }} Source */
/** @typedef {(name: string, detail: any, at: number) => void} Collect */
/** @typedef {import('./facts.js').Facts} Facts */

/**
 * Starts the events: `collectUrl` is the config element's `data-collect` (its module is loaded
 * only then).
 * @param {string | null | undefined} collectUrl
 * @param {string} collectJs the module's URL
 * @param {() => Cartlift.Api} api
 */
export const startEvents = (collectUrl, collectJs, api) => {
  // `data-collect`: until its module has come, the first few events wait here.
  /** @type {Parameters<Collect>[]} */
  const unsent = [];
  /** @type {Collect} */
  let collect = (...event) => { if (collectUrl && unsent.length < 100) unsent.push(event); };
  if (collectUrl) {
    import(collectJs)
      .then((m) => { collect = m.start(collectUrl, api()); unsent.splice(0).forEach((e) => collect(...e)); },
        (e) => console.warn('cartlift: the measurement module could not be loaded.', e));
  }

  /** The figures' facts, as the wasm told them last; `null` before a valid config. @type {Facts | null} */
  let facts = null;
  /** Who follows the facts (a platform adapter's claim). @type {(() => void)[]} */
  const factsFollowers = [];

  // Where an event's offer stands (spec §9): the segment it is shown for and the variant of the
  // shopper's first experiment, from the facts. The shipping bar's own offer is the goal it
  // shows; a filler's segment is that goal's.
  /** @param {Source} source */
  const sourced = (source) => {
    if (!facts) return;
    const { goals } = facts;
    const shown = goals[facts.next ?? goals.length - 1];
    source.offer ??= shown?.reward;
    const segment = source.widget === 'shipping-bar'
      ? (goals.find((g) => g.reward === source.offer) ?? shown)?.segment
      : segmentOf(facts, source.widget, source.offer);
    if (segment) source.segment = segment;
    const [e] = facts.experiments;
    if (e) { source.experiment = e.experiment; source.variant = e.variant; }
  };

  /** An order's lines, as the page gave them to `cartlift.ordered`. @type {Cartlift.EventItem[]} */
  let orderItems = [];

  // A refusal is also said on the console, with every problem on a line of its own.
  /** @param {EventTarget} target @param {string} name @param {any} detail */
  const send = (target, name, detail) => {
    try {
      if (name === 'cartlift:error') {
        const config = detail.kind === 'config';
        console[config ? 'warn' : 'error'](`cartlift: ${config ? 'the config was not used; the widgets keep their fallback' : 'setCart was refused; the last good cart stays shown'}.\n${detail.errors.map((/** @type {Cartlift.Problem} */ e) => `  ${e.path}: ${e.message}${e.line ? ` (line ${e.line}, column ${e.column})` : ''}`).join('\n')}`);
      }
      // An order's lines are the cart the page confirmed (the wasm priced its value).
      if (name === 'cartlift:order') detail.items = orderItems;
      if (detail.source) { sourced(detail.source); collect(name, detail, Date.now()); }
      target.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true, detail }));
    } catch (e) {
      console.error('cartlift:', e);
    }
  };

  // `cartlift:impression`: an offer at least half visible for a second, in a tab the shopper is
  // looking at; once per offer per page view. A widget's offers are its `[data-offer]` nodes
  // (bundle rows, fillers, upsells); the bar and a tier set are one offer each.
  const OFFERS = '[data-offer], .shipping, .tiers';
  const seen = new Set();
  /** @type {Map<Element, ReturnType<typeof setTimeout>>} */
  const timers = new Map();
  /** @param {Element} node */
  const impress = (node) => {
    timers.delete(node);
    // A tab the shopper is not looking at is looked at again a second later.
    if (document.hidden) { time(node); return; }
    const host = /** @type {ShadowRoot} */ (node.getRootNode()).host;
    if (!host?.isConnected || !node.isConnected) return;
    const widget = host.localName.slice(9);
    /** @type {Source} */
    const source = { widget, offer: /** @type {HTMLElement} */ (node).dataset.offer ?? (widget === 'tiers' ? host.getAttribute('product') ?? undefined : undefined) };
    sourced(source);
    const key = `${widget} ${source.offer}`;
    if (source.offer == null || seen.has(key)) return;
    seen.add(key);
    send(host, 'cartlift:impression', { source });
  };
  /** @param {Element} node */
  const time = (node) => { if (!timers.has(node)) timers.set(node, setTimeout(impress, 1000, node)); };
  const sight = globalThis.IntersectionObserver ? new IntersectionObserver((entries) => {
    for (const { target, isIntersecting, intersectionRatio } of entries) {
      if (isIntersecting && intersectionRatio >= 0.5) time(target);
      else {
        clearTimeout(timers.get(target));
        timers.delete(target);
        if (!target.isConnected) sight?.unobserve(target);
      }
    }
  }, { threshold: 0.5 }) : null;

  // `cartlift:goal-reached`: a goal the cart reaches during this page view (those reached when
  // the widgets were ready are not news), on the page's first shipping bar; once per goal.
  /** @type {Set<string> | null} */
  let unlocked = null;
  let ready = false;
  const follow = () => {
    if (!facts || !ready) return;
    const goals = facts.goals.filter((g) => g.unlocked);
    for (const g of goals) {
      if (unlocked && !unlocked.has(g.reward)) {
        unlocked.add(g.reward);
        send(document.querySelector('cartlift-shipping-bar') ?? document, 'cartlift:goal-reached',
          { goal: { reward: g.reward, threshold: g.threshold }, source: { widget: 'shipping-bar', offer: g.reward } });
      }
    }
    unlocked ??= new Set(goals.map((g) => g.reward));
  };
  globalThis.addEventListener?.('cartlift:ready', () => { ready = true; follow(); }, { once: true });

  return {
    /** The wasm's emitter: an event's detail (or the figures' facts) as JSON text. @param {EventTarget} target @param {string} name @param {string} text */
    emit: (target, name, text) => {
      if (name !== 'facts') { send(target, name, JSON.parse(text)); return; }
      try { facts = JSON.parse(text); } catch { return; /* the wasm writes JSON: never here */ }
      follow();
      factsFollowers.forEach((f) => f());
    },
    /** The figures' facts, as told last (the platform adapters' claim reads them). */
    facts: () => facts,
    /** Calls `f` each time the wasm tells new facts. @param {() => void} f */
    onFacts: (f) => { factsFollowers.push(f); },
    /** Follows a mounted widget's offers for impressions. @param {ShadowRoot} shadow */
    watch: (shadow) => {
      if (!sight) return;
      const look = () => shadow.querySelectorAll(OFFERS).forEach((n) => sight.observe(n));
      look();
      new MutationObserver(look).observe(shadow, { childList: true, subtree: true });
    },
    /** `cartlift.ordered`'s lines, for its event. @param {Cartlift.EventItem[]} items */
    ordering: (items) => { orderItems = items; },
  };
};
