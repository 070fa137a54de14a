// @ts-check
// The facts the wasm tells whenever its figures change (src/bridge/events.rs `Facts`), and the
// two ways they are read: the segment one offer is shown for (an event's source), and every
// segment shown (a platform's claim for checkout): their flat list is read here only.

/**
 * The bar's goals, the one it shows next, each offer shown for a segment as three strings in a
 * row (widget, offer, segment), and the shopper's experiment variants.
 * A goal's facts are what `cartlift:goal-reached` says of it and the segment it is shown for,
 * not its amounts to go: the wasm tells the facts again only when they change.
 * @typedef {{ goals: (Pick<Cartlift.GoalState, 'reward' | 'threshold' | 'unlocked'> & { segment?: string })[], next: number | null, segments: string[], experiments: { experiment: string, variant: string }[] }} Facts
 */

/**
 * The segment `widget`'s offer `offer` is shown for.
 * @param {Facts} facts @param {string} widget @param {string | undefined} offer
 * @returns {string | undefined}
 */
export const segmentOf = ({ segments: s }, widget, offer) => {
  for (let i = 0; i + 2 < s.length; i += 3) if (s[i] === widget && s[i + 1] === offer) return s[i + 2];
  return undefined;
};

/**
 * Every segment something is shown for: the bar's goals' and the offers' (each third string).
 * @param {Facts} facts
 * @returns {Set<string>}
 */
export const segmentsShown = ({ goals, segments: s }) => {
  /** @type {Set<string>} */
  const out = new Set();
  for (const g of goals) if (typeof g.segment === 'string') out.add(g.segment);
  for (let i = 2; i < s.length; i += 3) out.add(s[i]);
  return out;
};
