/**
 * Re-splitting: the members of two or three circles divided again in the best way the hard rules
 * allow. It makes the moves several people must make at once, which no single move or swap can.
 */
import { State } from './state';

const EPS = 1e-9;

/**
 * Re-splits the members of a few circles in the best way the hard rules allow (every partition into
 * as many circles is tried): the moves several people must make at once when no single move or swap
 * keeps every circle's shared time on the way. Small unions only.
 */
export function resplit(s: State, circles: number[]): boolean {
  const m = s.m;
  const { minSize, maxSize } = m.rules;
  const union = circles.flatMap((c) => s.members[c]!);
  const current = circles.reduce((x, c) => x + s.circleScore(c), 0);
  let best = current + EPS;
  let bestGroups: number[][] | null = null;
  const groups: number[][] = [];
  const left = new Uint8Array(union.length).fill(1);
  const scoreOf = (members: number[]): number | null => {
    const time = bestTimeOf(m, members);
    if (time < 0) return null;
    let x = 0;
    for (let a = 0; a < members.length; a++)
      for (let b = a + 1; b < members.length; b++) x += m.w[members[a]! * m.n + members[b]!]!;
    return x - m.rules.ifNeedBeWeight * time;
  };
  const walk = (total: number): void => {
    const first = left.indexOf(1);
    if (groups.length === circles.length) {
      if (first < 0 && total > best) {
        best = total;
        bestGroups = groups.map((g) => [...g]);
      }
      return;
    }
    if (first < 0) return;
    const remaining = circles.length - groups.length;
    const free = left.reduce((k, x) => k + x, 0);
    const group = [union[first]!];
    left[first] = 0;
    const grow = (from: number): void => {
      const rest = free - group.length;
      if (group.length >= minSize && rest >= (remaining - 1) * minSize && rest <= (remaining - 1) * maxSize) {
        const score = scoreOf(group);
        if (score !== null) {
          groups.push([...group]);
          walk(total + score);
          groups.pop();
        }
      }
      if (group.length === maxSize) return;
      for (let k = from; k < union.length; k++) {
        if (!left[k]) continue;
        const q = union[k]!;
        if (group.some((p) => m.conflict[p * m.n + q])) continue;
        group.push(q);
        left[k] = 0;
        if (bestTimeOf(m, group) >= 0) grow(k + 1);
        left[k] = 1;
        group.pop();
      }
    };
    grow(first + 1);
    left[first] = 1;
  };
  walk(0);
  if (!bestGroups) return false;
  const chosen: number[][] = bestGroups;
  chosen.forEach((g, i) => {
    for (const p of g) s.move(p, circles[i]!);
  });
  return true;
}

/** The fewest if-need-be at any time the members can all make, or -1. */
function bestTimeOf(m: State['m'], members: number[]): number {
  let best = -1;
  for (let k = 0; k < m.t; k++) {
    let ifn = 0;
    let ok = true;
    for (const p of members) {
      const a = m.avail[p * m.t + k]!;
      if (a === 0) {
        ok = false;
        break;
      }
      if (a === 1) ifn++;
    }
    if (ok && ifn <= m.rules.maxIfNeedBe && (best < 0 || ifn < best)) best = ifn;
  }
  return best;
}

/** Re-splits every pair of circles, and every three whose members number at most 12, until none improves. */
export function resplitAll(s: State, threes = true): void {
  for (let round = 0; round < 50; round++) {
    const live = s.members.map((x, c) => (x.length > 0 ? c : -1)).filter((c) => c >= 0);
    let improved = false;
    for (let a = 0; a < live.length; a++)
      for (let b = a + 1; b < live.length; b++) {
        if (resplit(s, [live[a]!, live[b]!])) improved = true;
        for (let c = b + 1; threes && c < live.length; c++) {
          const size = [a, b, c].reduce((k, i) => k + s.members[live[i]!]!.length, 0);
          if (threes && size <= 12 && resplit(s, [live[a]!, live[b]!, live[c]!])) improved = true;
        }
      }
    if (!improved) return;
  }
}
