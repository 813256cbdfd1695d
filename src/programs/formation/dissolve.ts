/**
 * Breaking up a circle whose members all fit into other circles with room. The annealing and the
 * polish move and swap people but never change the number of circles, so a cohort built into more
 * circles than it needs keeps them: at 3,000 people the search left circles of six at the times
 * most people can make while circles of eight were possible there. Fewer, fuller circles hold more
 * pairs (one circle of six dissolved into six others of six or seven trades 15 pairs for 36 to 42),
 * which is the size preference the objective states (docs/formation.md).
 */
import { State, UNPLACED } from './state';

const EPS = 1e-9;

/** How many circles other than `skip` p could join: the members with fewest are placed first. */
function options(s: State, p: number, skip: number): number {
  let k = 0;
  for (let c = 0; c < s.members.length; c++) if (c !== skip && s.joinAt(p, c) >= 0) k++;
  return k;
}

/**
 * Tries each circle, smallest first: its members go, one at a time, to the circle with room they add
 * most to; kept if everyone found a place and the score rose, else undone. Returns whether any was kept.
 * People placed never change, so the comparison the search makes (placed first) is kept.
 */
export function dissolveCircles(s: State): boolean {
  const order = s.members.map((list, c) => [list.length, c] as const).filter(([size]) => size > 0);
  order.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let kept = false;
  for (const [, c] of order) {
    // Circles only gain members here, except the one being broken up: none in `order` is empty.
    const members = [...s.members[c]!];
    const before = s.score;
    for (const p of members) s.move(p, UNPLACED);
    const queue = members.map((p) => [options(s, p, c), p] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    let placedAll = true;
    for (const [, p] of queue) {
      const to = s.bestRoom(p, c);
      if (to < 0) {
        placedAll = false;
        break;
      }
      s.move(p, to);
    }
    if (placedAll && s.score > before + EPS) {
      kept = true;
      continue;
    }
    for (const p of members) s.move(p, c);
  }
  return kept;
}
