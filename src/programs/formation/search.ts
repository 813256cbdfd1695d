/**
 * The search: a randomised greedy construction (most constrained people first, each circle built
 * around one candidate time), a repair pass that places whoever it can, then simulated annealing
 * over moves and swaps (including swaps with unplaced people), with restarts, and a last
 * steepest-descent polish. Moves never break a hard rule and never lower the number of people
 * placed, so the annealing compares arrangements on score alone. Budgets are iteration counts,
 * never the clock, so a seed always gives the same arrangement.
 */
import { IF_NEED_BE, type Model, NO } from './model';
import { randomInt, type Rng, shuffleInPlace } from '../../core/random';
import { CirclePool } from './merge';
import { resplitAll } from './resplit';
import { dissolveCircles } from './dissolve';
import { HELD, State, UNPLACED } from './state';

const EPS = 1e-9;

export const better = (a: { placed: number; score: number }, b: { placed: number; score: number }): boolean =>
  a.placed > b.placed || (a.placed === b.placed && a.score > b.score + EPS);

export interface SearchOptions {
  /** Annealing steps over all restarts. */
  iterations: number;
  restarts: number;
  /** Kicks from the best after the restarts (cohorts of up to 60, where circles are pooled). */
  kicks?: number;
}

/** Up to `size` others each person fits best with (positive weight, no conflict, a shared time). */
export function candidates(m: Model, pool: number[], size: number): Int32Array[] {
  const { n, t, w, conflict, avail } = m;
  const result: Int32Array[] = new Array<Int32Array>(n);
  const scores = new Float64Array(pool.length);
  for (const p of pool) {
    const order: number[] = [];
    pool.forEach((q, k) => {
      scores[k] = -Infinity;
      if (q === p || conflict[p * n + q]) return;
      let shared = false;
      for (let k2 = 0; k2 < t && !shared; k2++) shared = avail[p * t + k2]! > 0 && avail[q * t + k2]! > 0;
      if (!shared) return;
      scores[k] = w[p * n + q]!;
      order.push(k);
    });
    order.sort((a, b) => scores[b]! - scores[a]! || a - b);
    result[p] = Int32Array.from(order.slice(0, size).map((k) => pool[k]!));
  }
  return result;
}

/** Circle sizes that place N people in as few circles as the bounds allow, sizes as even as possible. */
export function plannedSizes(n: number, min: number, max: number, more = 0): number[] {
  if (n < min) return [];
  let k = Math.ceil(n / max) + more;
  if (k * min > n) k = Math.floor(n / min);
  const base = Math.floor(n / k);
  const extra = n % k;
  return Array.from({ length: k }, (_, i) => Math.min(max, Math.max(min, base + (i < extra ? 1 : 0))));
}

export function construct(s: State, pool: number[], rng: Rng, more = 0): void {
  const m = s.m;
  const { t, avail, rules } = m;
  const { minSize, maxSize, maxIfNeedBe } = rules;
  const order = shuffleInPlace(rng, [...pool]);
  const options = (p: number): number => {
    let k = 0;
    for (let x = 0; x < t; x++) if (avail[p * t + x]! > 0) k++;
    return k;
  };
  const reach = new Map(order.map((p) => [p, options(p)]));
  order.sort((a, b) => reach.get(a)! - reach.get(b)!);
  const targets = plannedSizes(pool.length, minSize, maxSize, more);
  const free = new Uint8Array(m.n);
  for (const p of pool) free[p] = 1;
  let built = 0;
  for (const seed of order) {
    if (!free[seed]) continue;
    const target = targets[Math.min(built, targets.length - 1)] ?? maxSize;
    let bestTime = -1;
    let bestCount = -1;
    for (let k = 0; k < t; k++) {
      const own = avail[seed * t + k];
      if (own === 0 || (own === 1 && maxIfNeedBe < 1)) continue;
      let c = 0;
      for (const q of pool) if (free[q] && q !== seed && avail[q * t + k]! > 0 && !m.conflict[seed * m.n + q]) c++;
      const noisy = c + rng() * 2;
      if (noisy > bestCount) {
        bestCount = noisy;
        bestTime = k;
      }
    }
    if (bestTime < 0) continue;
    const members = [seed];
    let ifn = avail[seed * t + bestTime] === 1 ? 1 : 0;
    while (members.length < target) {
      let pick = -1;
      let pickScore = -Infinity;
      for (const q of pool) {
        if (!free[q] || members.includes(q)) continue;
        const a = avail[q * t + bestTime]!;
        if (a === 0 || (a === 1 && ifn >= maxIfNeedBe)) continue;
        let clash = false;
        let link = 0;
        for (const p of members) {
          if (m.conflict[p * m.n + q]) {
            clash = true;
            break;
          }
          link += m.w[p * m.n + q]!;
        }
        if (clash) continue;
        const score = link / members.length + rng() * 0.5 - (a === 1 ? 0.5 : 0);
        if (score > pickScore) {
          pickScore = score;
          pick = q;
        }
      }
      if (pick < 0) break;
      members.push(pick);
      if (avail[pick * t + bestTime] === 1) ifn++;
    }
    if (members.length < minSize) continue;
    const c = s.open();
    for (const p of members) {
      s.move(p, c);
      free[p] = 0;
    }
    built++;
  }
}

/** Places whoever it can: into a circle with room, by pushing someone on to a circle with room, or in a new circle. */
export function repair(s: State, pool: number[], cands: Int32Array[]): void {
  const { minSize, maxSize } = s.m.rules;
  let progress = true;
  let seen = new Int32Array(0);
  let stamp = 0;
  // r found no circle with room at `version` (bumped on every change): nothing to look for again until one.
  const noRoom = new Int32Array(s.m.n).fill(-1);
  let version = 0;
  while (progress) {
    progress = false;
    if (seen.length < s.members.length) seen = new Int32Array(s.members.length * 2);
    for (const u of pool) {
      if (s.circleOf[u] !== UNPLACED) continue;
      if (insert(s, u)) {
        version++;
        progress = true;
        continue;
      }
      // Push one member r of a full circle into another circle with room, and take r's place.
      let done = false;
      for (let b = 0; b < s.members.length && !done; b++) {
        const list = s.members[b]!;
        if (list.length === 0 || list.every((r) => noRoom[r] === version) || !mightTake(s, u, b)) continue;
        for (const r of [...s.members[b]!]) {
          if (noRoom[r] === version || s.clashes(u, b, r) || s.bestWith(b, u, r) < 0) continue;
          // The circles of r's candidates, each once, in the order first met (a stamp, not a Set: this runs millions of times).
          stamp++;
          for (const q of cands[r]!) {
            const c = s.circleOf[q]!;
            if (c < 0 || seen[c] === stamp) continue;
            seen[c] = stamp;
            if (c === b || s.members[c]!.length >= maxSize || s.members[c]!.length === 0) continue;
            if (s.clashes(r, c) || s.bestWith(c, r, -1) < 0) continue;
            s.move(r, c);
            s.move(u, b);
            done = true;
            break;
          }
          if (done) break;
          noRoom[r] = version;
        }
      }
      if (done) {
        version++;
        progress = true;
      }
    }
    if (!progress) progress = newCircle(s, pool, minSize);
    if (!progress) progress = newCircle(s, pool, minSize, true);
    version++;
  }
}

/**
 * Whether u could take the place of some member of circle b: a time where, one member left out, no
 * one answered no and the if-need-be stay within the limit, and at most one conflict (that member).
 * Exact, only cheaper than trying each member: most circles fail it on 3,000 people.
 */
function mightTake(s: State, u: number, b: number): boolean {
  const { t, avail, rules, conflict, n } = s.m;
  let clashes = 0;
  for (const q of s.members[b]!) if (conflict[u * n + q] && ++clashes > 1) return false;
  const no = s.no[b]!;
  const ifn = s.ifn[b]!;
  for (let k = 0; k < t; k++) {
    const a = avail[u * t + k];
    if (a === NO) continue;
    if (no[k]! <= 1 && ifn[k]! + (a === IF_NEED_BE ? 1 : 0) <= rules.maxIfNeedBe + 1) return true;
  }
  return false;
}

function insert(s: State, u: number): boolean {
  const best = s.bestRoom(u);
  if (best < 0) return false;
  s.move(u, best);
  return true;
}

/**
 * A new circle of unplaced people, topped up from circles above the minimum; true if it placed
 * anyone. `deep` also takes from circles at the minimum, refills those from the unplaced (or breaks
 * them up), and keeps the result only if more people are placed (tried on a copy, at every time).
 */
function newCircle(s: State, pool: number[], minSize: number, deep = false): boolean {
  const m = s.m;
  const { t, avail, rules } = m;
  const waiting = pool.filter((p) => s.circleOf[p] === UNPLACED);
  if (waiting.length === 0) return false;
  let best: State | null = null;
  for (let k = 0; k < t; k++) {
    const members: number[] = [];
    let ifn = 0;
    const take = (q: number): boolean => {
      const a = avail[q * t + k]!;
      if (a === 0 || (a === 1 && ifn >= rules.maxIfNeedBe)) return false;
      for (const p of members) if (m.conflict[p * m.n + q]) return false;
      members.push(q);
      if (a === 1) ifn++;
      return true;
    };
    for (const u of waiting) if (members.length < rules.maxSize) take(u);
    if (members.length === 0) continue;
    const spare = s.members.map((list) => list.length - minSize);
    for (let round = 0; round < (deep ? 2 : 1); round++)
      for (let c = 0; c < s.members.length && members.length < minSize; c++) {
        for (const q of s.members[c]!) {
          if (members.length >= minSize || (round === 0 && spare[c]! <= 0)) break;
          if (!members.includes(q) && take(q)) spare[c]!--;
        }
      }
    if (members.length < minSize) continue;
    const trial = deep ? s.clone() : s;
    const c = trial.open();
    for (const p of members) trial.move(p, c);
    if (!deep) return true;
    refill(trial, pool);
    if (trial.placed > (best ?? s).placed) best = trial;
  }
  if (!best) return false;
  s.assign(best);
  return true;
}

/** Circles left below the minimum take unplaced people who fit, or break up; then the unplaced are inserted. */
function refill(s: State, pool: number[]): void {
  const { minSize } = s.m.rules;
  s.members.forEach((list, c) => {
    if (list.length === 0 || list.length >= minSize) return;
    for (const u of pool) {
      if (s.members[c]!.length >= minSize) break;
      if (s.circleOf[u] === UNPLACED && !s.clashes(u, c) && s.bestWith(c, u, -1) >= 0) s.move(u, c);
    }
    if (s.members[c]!.length < minSize) for (const p of [...s.members[c]!]) s.move(p, UNPLACED);
  });
  for (const u of pool) if (s.circleOf[u] === UNPLACED) insert(s, u);
}

interface Step {
  gain: number;
  /** Apply it. */
  run: () => void;
}

/** The best-scoring way to bring p into circle b: a move if sizes allow, else a swap with one member. */
function tryMove(s: State, p: number, b: number): Step | null {
  const a = s.circleOf[p]!;
  const { minSize, maxSize, ifNeedBeWeight: iw } = s.m.rules;
  if (b < 0 || a === b || s.members[b]!.length >= maxSize) return null;
  if (a >= 0 && s.members[a]!.length <= minSize) return null;
  if (s.clashes(p, b)) return null;
  const nb = s.bestWith(b, p, -1);
  if (nb < 0) return null;
  let gain = s.link(p, b) - iw * (nb - s.best[b]!);
  if (a >= 0) gain += -s.link(p, a) - iw * (s.bestWith(a, -1, p) - s.best[a]!);
  // Placing someone always wins: the search compares people placed first.
  if (a === UNPLACED) gain = Infinity;
  return { gain, run: () => s.move(p, b) };
}

function trySwap(s: State, p: number, r: number): Step | null {
  const a = s.circleOf[p]!;
  const b = s.circleOf[r]!;
  if (a === b || b < 0 || a === HELD) return null;
  const iw = s.m.rules.ifNeedBeWeight;
  if (s.clashes(p, b, r)) return null;
  const nb = s.bestWith(b, p, r);
  if (nb < 0) return null;
  let gain = s.link(p, b, r) - s.link(r, b) - iw * (nb - s.best[b]!);
  if (a >= 0) {
    if (s.clashes(r, a, p)) return null;
    const na = s.bestWith(a, r, p);
    if (na < 0) return null;
    gain += s.link(r, a, p) - s.link(p, a) - iw * (na - s.best[a]!);
  }
  return {
    gain,
    run: () => {
      s.move(r, a);
      s.move(p, b);
    },
  };
}

function randomStep(s: State, pool: number[], cands: Int32Array[], rng: Rng): Step | null {
  const p = pool[randomInt(rng, pool.length)]!;
  const list = cands[p]!;
  let b: number;
  if (list.length > 0 && rng() < 0.8) b = s.circleOf[list[randomInt(rng, list.length)]!]!;
  else b = s.circleOf[pool[randomInt(rng, pool.length)]!]!;
  if (b < 0 || b === s.circleOf[p]) return null;
  if (s.circleOf[p] === UNPLACED || rng() < 0.3) {
    const moved = tryMove(s, p, b);
    if (moved || s.circleOf[p] === UNPLACED) return moved ?? swapInto(s, p, b, rng);
  }
  return swapInto(s, p, b, rng);
}

function swapInto(s: State, p: number, b: number, rng: Rng): Step | null {
  const list = s.members[b]!;
  return trySwap(s, p, list[randomInt(rng, list.length)]!);
}

/** Descent over every move and swap towards a person's candidates, taking each improvement as found. */
export function polish(s: State, pool: number[], cands: Int32Array[]): void {
  for (let pass = 0; pass < 100; pass++) {
    let improved = false;
    for (const p of pool) {
      const targets = new Set<number>();
      for (const q of cands[p]!) if (s.circleOf[q]! >= 0) targets.add(s.circleOf[q]!);
      for (const b of targets) {
        const moved = tryMove(s, p, b);
        let step: Step | null = moved && moved.gain > EPS ? moved : null;
        if (!step)
          for (const r of s.members[b]!) {
            const swapped = trySwap(s, p, r);
            if (swapped && swapped.gain > EPS && (!step || swapped.gain > step.gain)) step = swapped;
          }
        if (step) {
          step.run();
          improved = true;
          break;
        }
      }
    }
    if (!improved) return;
  }
}

function temperature(s: State, pool: number[], cands: Int32Array[], rng: Rng): number {
  let total = 0;
  let count = 0;
  for (let i = 0; i < 400; i++) {
    const step = randomStep(s, pool, cands, rng);
    if (step && Number.isFinite(step.gain)) {
      total += Math.abs(step.gain);
      count++;
    }
  }
  return count === 0 ? 1 : (0.3 * total) / count;
}

export function anneal(s: State, pool: number[], cands: Int32Array[], rng: Rng, steps: number): void {
  if (pool.length < 2 || steps <= 0) return;
  const t0 = temperature(s, pool, cands, rng);
  const t1 = t0 * 1e-3;
  const ratio = Math.pow(t1 / t0, 1 / steps);
  let temp = t0;
  for (let i = 0; i < steps; i++, temp *= ratio) {
    const step = randomStep(s, pool, cands, rng);
    if (!step) continue;
    if (step.gain >= 0 || rng() < Math.exp(step.gain / temp)) step.run();
  }
}

/** Restarts of construction, repair, annealing and polish; returns the best state (lexicographic). */
export function search(base: State, pool: number[], rng: Rng, options: SearchOptions): State {
  const cands = candidates(base.m, pool, Math.min(pool.length - 1, 24));
  let best: State | null = null;
  // Small cohorts: the restarts' circles are pooled and recombined (merge.ts).
  const circles = pool.length <= 60 ? new CirclePool() : null;
  const per = Math.floor(options.iterations / Math.max(1, options.restarts));
  for (let r = 0; r < Math.max(1, options.restarts); r++) {
    const s = base.clone();
    // Every third restart plans one circle more: the annealing never changes the number of circles,
    // and the hard rules sometimes make smaller circles the better choice.
    construct(s, pool, rng, r % 3 === 2 ? 1 : 0);
    repair(s, pool, cands);
    anneal(s, pool, cands, rng, per);
    repair(s, pool, cands);
    polish(s, pool, cands);
    // Small cohorts pool their restarts' circles, and the pool needs them as the restarts left them.
    if (!circles) fuller(s, pool, cands);
    // Pairs of small circles are cheap to re-split at every restart; larger ones once, at the end.
    if (pool.length <= 60 && base.m.rules.maxSize <= 5) {
      resplitAll(s, false);
      polish(s, pool, cands);
    }
    s.compact();
    circles?.add(s);
    if (!best || better(s, best)) best = s;
  }
  // Kicks: from the best, two or three circles are dissolved and rebuilt, then polished (an
  // iterated local search). Its circles join the pool: near the best is where the missing ones are.
  for (let r = 0; circles && r < (options.kicks ?? 0); r++) {
    const s = kick(best!, pool, cands, rng, 2 + (r % 2), r % 2);
    circles.add(s);
    if (better(s, best!)) best = s;
  }
  const merged = circles?.bestPacking(base, pool, best!);
  if (merged) {
    polish(merged, pool, cands);
    merged.compact();
    if (better(merged, best!)) best = merged;
  }
  if (pool.length <= 60) {
    resplitAll(best!);
    polish(best!, pool, cands);
    fuller(best!, pool, cands);
    best!.compact();
  }
  return best!;
}

/** Circles broken up into others with room while that gains (dissolve.ts), polished after each round. */
function fuller(s: State, pool: number[], cands: Int32Array[]): void {
  for (let round = 0; round < 5 && dissolveCircles(s); round++) polish(s, pool, cands);
}

/** The best with `dissolve` random circles broken up, their members placed again, and polished. */
function kick(best: State, pool: number[], cands: Int32Array[], rng: Rng, dissolve: number, more: number): State {
  const s = best.clone();
  const live = s.members.map((x, c) => (x.length > 0 ? c : -1)).filter((c) => c >= 0);
  shuffleInPlace(rng, live);
  for (const c of live.slice(0, dissolve)) for (const p of [...s.members[c]!]) s.move(p, UNPLACED);
  construct(
    s,
    pool.filter((p) => s.circleOf[p] === UNPLACED),
    rng,
    more,
  );
  repair(s, pool, cands);
  polish(s, pool, cands);
  s.compact();
  return s;
}
