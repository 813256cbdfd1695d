/**
 * Circles by reduced cost, for the exact reference on cohorts too large to enumerate every circle
 * (48 people in circles of 6-8: hundreds of millions). A circle's value is
 * alpha * score + sum of its members' offsets; a bounded depth-first search per candidate time
 * visits only the circles whose value can still pass the threshold. A circle is reported once, at
 * its own time (the one `bestTime` gives it), with its exact score there.
 */
import { bestTime, IF_NEED_BE, type Model, NO, scoreAt } from './model';

export interface PricedCircle {
  members: number[];
  score: number;
  /** alpha * score + sum of the members' offsets + constant. */
  value: number;
}

export interface Prices {
  alpha: number;
  /** Added to every circle's value (the dual of a row every circle is in). */
  constant?: number;
  /** Per person (by model index). */
  offset: Float64Array;
}

/** Search nodes left, shared by the calls it is handed to. */
export interface Budget {
  nodes: number;
}

export interface PriceResult {
  circles: PricedCircle[];
  /** False when `limit` (mode 'all') or the budget stopped the search before every circle above the threshold was found. */
  complete: boolean;
  /** The threshold finally used (raised in `best` mode as better circles were found). */
  threshold: number;
}

/**
 * Every circle with value > threshold (mode 'all', at most `limit`, else incomplete), or the best
 * `limit` of them (mode 'best': the threshold rises to the worst one kept as the search goes).
 */
export function priceCircles(
  m: Model,
  prices: Prices,
  threshold: number,
  limit: number,
  mode: 'all' | 'best',
  budget: Budget = { nodes: Infinity },
): PriceResult {
  const { n, t, avail, conflict, w, rules } = m;
  const { alpha, offset } = prices;
  const constant = prices.constant ?? 0;
  const { minSize, maxSize, maxIfNeedBe } = rules;
  let found: PricedCircle[] = [];
  let floor = threshold;
  let complete = true;

  for (let k = 0; k < t && complete; k++) {
    const list: number[] = [];
    for (let p = 0; p < n; p++) {
      const a = avail[p * t + k];
      if (a === NO || (a === IF_NEED_BE && maxIfNeedBe < 1)) continue;
      list.push(p);
    }
    if (list.length < minSize) continue;
    // Most promising first, so that good circles come early and raise the threshold in 'best' mode.
    list.sort((a, b) => offset[b]! - offset[a]! || a - b);
    const L = list.length;
    // top[x * maxSize + j]: the sum of x's j largest positive weights to others listed at this time.
    const top = new Float64Array(L * maxSize);
    const ws: number[] = [];
    for (let x = 0; x < L; x++) {
      ws.length = 0;
      const p = list[x]!;
      for (const q of list) if (q !== p && !conflict[p * n + q] && w[p * n + q]! > 0) ws.push(w[p * n + q]!);
      ws.sort((a, b) => b - a);
      let s = 0;
      for (let j = 1; j < maxSize; j++) {
        s += ws[j - 1] ?? 0;
        top[x * maxSize + j] = s;
      }
    }
    const isIfn = list.map((p) => avail[p * t + k] === IF_NEED_BE);
    const link = new Float64Array(L);
    const clash = new Int32Array(L);
    const members: number[] = [];
    const best = new Float64Array(maxSize);
    let ifn = 0;
    let pairs = 0;
    let base = 0;

    const emit = (): void => {
      const time = bestTime(m, members);
      if (time.time !== k) return;
      const score = scoreAt(m, members, k);
      const value = alpha * score + base + constant;
      if (value <= floor) return;
      found.push({ members: [...members].sort((a, b) => a - b), score, value });
      if (found.length < limit) return;
      if (mode === 'all') {
        complete = false;
        return;
      }
      found.sort((a, b) => b.value - a.value);
      found = found.slice(0, Math.max(1, Math.floor(limit / 2)));
      floor = found[found.length - 1]!.value;
    };

    const walk = (from: number): void => {
      if (!complete) return;
      if (--budget.nodes < 0) {
        complete = false;
        return;
      }
      const size = members.length;
      if (size >= minSize) emit();
      if (size === maxSize) return;
      const room = maxSize - size;
      const need = Math.max(1, minSize - size);
      // The most the remaining members can add: each its link to the members so far, its offset, and
      // half of its best room-1 weights (every pair among the newcomers is counted from both sides).
      best.fill(-Infinity);
      let open = 0;
      for (let x = from; x < L; x++) {
        if (clash[x] || (isIfn[x] && ifn >= maxIfNeedBe)) continue;
        open++;
        const h = alpha * (link[x]! + 0.5 * top[x * maxSize + room - 1]!) + offset[list[x]!]!;
        if (h <= best[room - 1]!) continue;
        let j = room - 1;
        while (j > 0 && best[j - 1]! < h) {
          best[j] = best[j - 1]!;
          j--;
        }
        best[j] = h;
      }
      if (open < need) return;
      let gain = -Infinity;
      let sum = 0;
      for (let j = 0; j < Math.min(room, open); j++) {
        sum += best[j]!;
        if (j + 1 >= need && sum > gain) gain = sum;
      }
      if (alpha * pairs + base + gain + constant <= floor) return;
      for (let x = from; x < L; x++) {
        if (clash[x] || (isIfn[x] && ifn >= maxIfNeedBe)) continue;
        const p = list[x]!;
        members.push(p);
        pairs += link[x]!;
        base += offset[p]!;
        if (isIfn[x]) ifn++;
        for (let y = 0; y < L; y++) {
          const q = list[y]!;
          link[y] = link[y]! + w[p * n + q]!;
          if (conflict[p * n + q]) clash[y] = clash[y]! + 1;
        }
        walk(x + 1);
        for (let y = 0; y < L; y++) {
          const q = list[y]!;
          link[y] = link[y]! - w[p * n + q]!;
          if (conflict[p * n + q]) clash[y] = clash[y]! - 1;
        }
        if (isIfn[x]) ifn--;
        base -= offset[p]!;
        pairs -= link[x]!;
        members.pop();
        if (!complete) return;
      }
    };
    walk(0);
  }
  found.sort((a, b) => b.value - a.value);
  return { circles: found, complete, threshold: floor };
}
