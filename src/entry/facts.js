// @ts-check
// The facts the wasm tells whenever its figures change (src/bridge/events.rs `Facts`), and the
// two ways they are read: the segment one offer is shown for (an event's source), and every
// segment shown (a platform's claim for checkout). One walk over their flat list, for both.

/**
 * The bar's goals, the one it shows next, each offer shown for a segment as three strings in a
 * row (widget, offer, segment), and the shopper's experiment variants.
 * @typedef {{ goals: Cartlift.GoalState[], next: number | null, segments: string[], experiments: { experiment: string, variant: string }[] }} Facts
 */

/**
 * Each offer shown for a segment, as `[widget, offer, segment]`.
 * @param {string[]} segments the facts' flat list
 * @returns {[string, string, string][]}
 */
const offers = (segments) => {
  /** @type {[string, string, string][]} */
  const out = [];
  for (let i = 0; i + 2 < segments.length; i += 3) out.push([segments[i], segments[i + 1], segments[i + 2]]);
  return out;
};

/**
 * The segment `widget`'s offer `offer` is shown for.
 * @param {Facts} facts @param {string} widget @param {string | undefined} offer
 * @returns {string | undefined}
 */
export const segmentOf = (facts, widget, offer) =>
  offers(facts.segments).find(([w, o]) => w === widget && o === offer)?.[2];

/**
 * Every segment something is shown for: the bar's goals' and the offers'.
 * @param {Facts} facts
 * @returns {Set<string>}
 */
export const segmentsShown = (facts) => new Set([
  ...facts.goals.flatMap((g) => (typeof g.segment === 'string' ? [g.segment] : [])),
  ...offers(facts.segments).map(([, , s]) => s),
]);
