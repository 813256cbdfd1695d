import { MAX_FIT } from './fit';

/**
 * The objective, in words: among arrangements of the people left to match into disjoint groups of
 * two, with at most one group of three, where no group holds two people either of whom avoids the
 * other,
 *   1. match as many people as possible;
 *   2. then have as few repeat pairs as possible (two people of one group who were together
 *      within the cool-off window; a trio has three pairs);
 *   3. then (Shuffle only) as few pairs as possible that the organizer has already been shown;
 *   4. then the largest total fit.
 * Remaining ties are broken by the seed.
 *
 * A pair's fit is its `pairFit` score. A trio's is the sum of its two largest pairwise fits: the
 * fit of its best pair plus the best link of the third member into that pair. Each person beyond the
 * first in a group then adds exactly one relationship to the total, as in a pair, so a trio is not
 * worth more than a pair just for holding three relationships (the sum of all three would pull the
 * three best-connected people of the cohort into the trio), yet the third member still joins through
 * the person they fit best. The third relationship still has to respect avoid-lists and counts as a
 * repeat.
 *
 * One number carries the four levels, S = P*people + R*nonRepeatPairs + V*unseenPairs + fit, so
 * that a maximum-weight matching can optimise it. With n people in the pool, at most E = floor((n+1)/2)
 * fit-counting relationships (n/2 pairs, or (n-3)/2 pairs and a trio's two), at most
 * Q = floor((n+3)/2) pairs within groups, and fit between 0 and F = MAX_FIT * E:
 *   V = F + 1 (0 without Shuffle), R = V*Q + F + 1, P = (R + V)*Q + F + 1.
 * Proof that S orders arrangements lexicographically: if A matches more people than B,
 * S(A) - S(B) >= P - (R*Q + V*Q + F) >= 1, since the other three terms of any arrangement lie in
 * [0, R*Q + V*Q + F]. With as many people, both have the same number of pairs (it is fixed by the
 * number of people, a trio exactly when it is odd), so fewer repeats means more non-repeat pairs and
 * S(A) - S(B) >= R - (V*Q + F) >= 1; likewise V - F >= 1 for the Shuffle level.
 * Exactness: the matching works with doubled duals, each bounded by a few times the largest edge
 * weight (`slot`, below 3P), and sums of them over at most 3n+1 vertices (the trio gadget's copies
 * and twins); `objectiveWeights` refuses any pool where 16 * (n + 1) * slot reaches 2^53, so every
 * value stays an exact integer in a double. Without Shuffle that holds past 10,000 people
 * (n = 10,000 gives about 8e14); with it, up to about 2,000.
 */
export interface ObjectiveWeights {
  person: number;
  repeat: number;
  seen: number;
  /**
   * Weight of the trio gadget's copy-twin and twin-slot edges (solver.ts): above every other edge,
   * so that a second copy is never worth using, and the copy-twin edges can start out matched
   * (they are tight at the start, when every dual equals the largest weight).
   */
  slot: number;
}

export function objectiveWeights(poolSize: number, withSeen: boolean): ObjectiveWeights {
  const n = Math.max(poolSize, 2);
  const e = Math.floor((n + 1) / 2);
  const q = Math.floor((n + 3) / 2);
  const f = MAX_FIT * e;
  const seen = withSeen ? f + 1 : 0;
  const repeat = seen * q + f + 1;
  const person = (repeat + seen) * q + f + 1;
  const slot = 2 * person + 2 * repeat + 2 * seen + MAX_FIT + 1;
  if (16 * (n + 1) * slot >= 2 ** 53) {
    throw new RangeError(`pool of ${poolSize} is too large to match exactly${withSeen ? ' with shown arrangements' : ''}`);
  }
  return { person, repeat, seen, slot };
}
