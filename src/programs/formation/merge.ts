/**
 * Solution merging: the restarts' local optima each hold good circles, and the best arrangement is
 * often made of circles found in different restarts. Every circle a restart ends with goes into a
 * pool, and the best packing of pooled circles is found exactly (packing.ts). Disjoint circles keep
 * every hard rule, since each is a rule about one circle. Known as set-partitioning recombination.
 */
import { bestPacking } from './packing';
import { State } from './state';

interface Column {
  members: number[];
  score: number;
}

/** Nodes the packing search may visit: a step budget, so a seed always gives the same arrangement. */
const NODE_LIMIT = 200_000;

export class CirclePool {
  private readonly columns = new Map<string, Column>();

  /** Adds every circle of `s` (its members and its score at its best time). */
  add(s: State): void {
    s.members.forEach((list, c) => {
      if (list.length === 0) return;
      const members = [...list].sort((a, b) => a - b);
      const key = members.join(',');
      if (!this.columns.has(key)) this.columns.set(key, { members, score: s.circleScore(c) });
    });
  }

  /**
   * The best packing of pooled circles if it beats `incumbent` (more people placed, or as many and a
   * higher score), as a state built on `base` (people of `pool` not in it stay unplaced); else null.
   */
  bestPacking(base: State, pool: number[], incumbent: { placed: number; score: number }): State | null {
    const columns = [...this.columns.values()];
    if (columns.length === 0) return null;
    const local = new Map<number, number>(pool.map((p, i) => [p, i]));
    // Packings that place fewer people than the incumbent are never better, so they are cut off;
    // among the rest the score decides (one placing more would be better still, but the search
    // already places the most it can, so the packing does not look for one at a lower score).
    const packing = bestPacking(
      columns.map((c) => ({ members: c.members.map((p) => local.get(p)!), value: c.score })),
      pool.length,
      { floor: incumbent.score + 1e-7, maxOut: pool.length - incumbent.placed, nodeLimit: NODE_LIMIT },
    );
    if (!packing) return null;
    const s = base.clone();
    for (const i of packing.chosen) {
      const c = s.open();
      for (const p of columns[i]!.members) s.move(p, c);
    }
    return s;
  }
}
