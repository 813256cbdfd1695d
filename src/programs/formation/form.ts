/**
 * form(): the best arrangement the search finds for an instance, with every unplaced person given a
 * reason, locked circles kept exactly, and (Shuffle) an arrangement not already shown while one as
 * good exists. "As good" is defined in docs/formation.md and by `asGood` below.
 */
import { bestTime, compile, hasConflict, IF_NEED_BE, type Model, NO, scoreAt } from './model';
import { rng as seeded } from '../../core/random';
import { candidates, search } from './search';
import { HELD, State, UNPLACED } from './state';
import type { Arrangement, Circle, FormOptions, Instance, Unplaced, UnplacedReason } from './types';

/** Share of the best score an arrangement may fall short by and still count as good as it (Shuffle). */
export const DEFAULT_TOLERANCE = 0.05;

export interface FormTuning {
  /** Annealing steps over all restarts (default grows with the number of people). */
  iterations?: number;
  restarts?: number;
  kicks?: number;
  /** See DEFAULT_TOLERANCE. */
  tolerance?: number;
}

export function defaultBudget(people: number): { iterations: number; restarts: number; kicks: number } {
  if (people <= 30) return { iterations: Math.min(40_000, 1_500 * people), restarts: 20, kicks: 20 };
  // Restarts and kicks, not longer annealing, are what find the optimum at this size (measured
  // against the proven optima of 48 people, bench/README.md); each costs a few milliseconds.
  if (people <= 60) return { iterations: 2_000 * 200, restarts: 200, kicks: 200 };
  if (people <= 600) return { iterations: 1_500 * people, restarts: 3, kicks: 0 };
  return { iterations: 700 * people, restarts: 1, kicks: 0 };
}

/** Canonical: the same circles (members and time) give the same key whatever their order. */
export function arrangementKey(a: Pick<Arrangement, 'circles'>): string {
  const circles = a.circles.map((c) => [c.time, ...[...c.members].sort()]);
  circles.sort((x, y) => {
    const a1 = JSON.stringify(x);
    const b1 = JSON.stringify(y);
    return a1 < b1 ? -1 : a1 > b1 ? 1 : 0;
  });
  return JSON.stringify(circles);
}

/** Whether `a` is as good as `best`: as many people placed, and a score short of it by at most tolerance*|best|. */
export function asGood(a: Arrangement, best: Arrangement, tolerance = DEFAULT_TOLERANCE): boolean {
  const placed = (x: Arrangement): number => x.circles.reduce((k, c) => k + c.members.length, 0);
  return placed(a) === placed(best) && a.score >= best.score - tolerance * Math.abs(best.score) - 1e-9;
}

/** Why p could not be placed, judged against everyone (placed or not). */
export function reasonFor(m: Model, p: number): UnplacedReason {
  const { t, avail, rules, n } = m;
  let timeOk = false;
  for (let k = 0; k < t; k++) {
    const mine = avail[p * t + k]!;
    if (mine === NO) continue;
    let yes = 0;
    let maybe = 0;
    let yesFree = 0;
    let maybeFree = 0;
    for (let q = 0; q < n; q++) {
      if (q === p) continue;
      const a = avail[q * t + k]!;
      if (a === NO) continue;
      const free = !m.conflict[p * n + q];
      if (a === IF_NEED_BE) {
        maybe++;
        if (free) maybeFree++;
      } else {
        yes++;
        if (free) yesFree++;
      }
    }
    const room = Math.max(0, rules.maxIfNeedBe - (mine === IF_NEED_BE ? 1 : 0));
    if (rules.maxIfNeedBe < (mine === IF_NEED_BE ? 1 : 0)) continue;
    if (yes + Math.min(room, maybe) + 1 >= rules.minSize) timeOk = true;
    if (yesFree + Math.min(room, maybeFree) + 1 >= rules.minSize) return 'not_enough_people';
  }
  return timeOk ? 'conflicts' : 'no_shared_time';
}

function readOut(m: Model, s: State, locked: Circle[]): Arrangement {
  const circles: Circle[] = locked.map((c) => {
    const members = c.members.filter((id) => m.index.has(id)).map((id) => m.index.get(id)!);
    return { members: [...c.members], time: c.time, score: scoreAt(m, members, m.times.indexOf(c.time)) };
  });
  const fresh: Circle[] = [];
  s.members.forEach((list, c) => {
    if (list.length === 0) return;
    const members = [...list].sort((a, b) => a - b);
    fresh.push({ members: members.map((i) => m.ids[i]!), time: m.times[s.timeOf(c)]!, score: s.circleScore(c) });
  });
  fresh.sort((a, b) => m.index.get(a.members[0]!)! - m.index.get(b.members[0]!)!);
  circles.push(...fresh);
  const unplaced: Unplaced[] = [];
  for (let p = 0; p < m.n; p++) if (s.circleOf[p] === UNPLACED) unplaced.push({ id: m.ids[p]!, reason: reasonFor(m, p) });
  return { circles, unplaced, score: circles.reduce((x, c) => x + c.score, 0) };
}

/** Every one-person move and two-person swap from `s` (towards each person's candidates). */
function neighbours(s: State, pool: number[], cands: Int32Array[], visit: (next: State) => boolean): void {
  const { minSize, maxSize } = s.m.rules;
  for (const p of pool) {
    const targets = new Set<number>();
    for (const q of cands[p]!) if (s.circleOf[q]! >= 0) targets.add(s.circleOf[q]!);
    for (const b of targets) {
      const a = s.circleOf[p]!;
      if (a === b) continue;
      const moves: Array<() => State | null> = [];
      if (s.members[b]!.length < maxSize && (a === UNPLACED || s.members[a]!.length > minSize))
        moves.push(() => {
          if (s.clashes(p, b) || s.bestWith(b, p, -1) < 0) return null;
          const next = s.clone();
          next.move(p, b);
          return next;
        });
      for (const r of s.members[b]!)
        moves.push(() => {
          if (s.clashes(p, b, r) || s.bestWith(b, p, r) < 0) return null;
          if (a >= 0 && (s.clashes(r, a, p) || s.bestWith(a, r, p) < 0)) return null;
          const next = s.clone();
          next.move(r, a);
          next.move(p, b);
          return next;
        });
      for (const make of moves) {
        const next = make();
        if (next && visit(next)) return;
      }
    }
  }
}

export function form(instance: Instance, options: FormOptions & FormTuning): Arrangement {
  const m = compile(instance);
  const base = new State(m);
  const locked = options.locked ?? [];
  for (const c of locked) for (const id of c.members) if (m.index.has(id)) base.circleOf[m.index.get(id)!] = HELD;
  const pool: number[] = [];
  for (let p = 0; p < m.n; p++) if (base.circleOf[p] !== HELD) pool.push(p);
  const budget = defaultBudget(pool.length);
  const rng = seeded(options.seed);
  const best = search(base, pool, rng, {
    iterations: options.iterations ?? budget.iterations,
    restarts: options.restarts ?? budget.restarts,
    kicks: options.kicks ?? budget.kicks,
  });
  const arrangement = pool.length <= 9 ? everyUnshown(m, best, pool, locked, new Set(), null, 0)! : readOut(m, best, locked);
  const shown = new Set(options.shown ?? []);
  if (shown.size === 0 || !shown.has(arrangementKey(arrangement))) return arrangement;
  return unshown(m, best, pool, locked, shown, arrangement, options.tolerance ?? DEFAULT_TOLERANCE);
}

/**
 * The best arrangement not yet shown that is as good as `top`: searched breadth-first over moves and
 * swaps from the best, through arrangements that are themselves as good (a small, bounded frontier).
 */
function unshown(
  m: Model,
  best: State,
  pool: number[],
  locked: Circle[],
  shown: Set<string>,
  top: Arrangement,
  tolerance: number,
): Arrangement {
  if (pool.length <= 9) return everyUnshown(m, best, pool, locked, shown, top, tolerance) ?? top;
  const cands = candidates(m, pool, pool.length <= 80 ? pool.length : 24);
  const seen = new Set<string>([arrangementKey(top)]);
  let frontier: State[] = [best];
  let found: Arrangement | null = null;
  const limit = pool.length <= 40 ? 20_000 : 400;
  for (let depth = 0; depth < 6 && frontier.length > 0 && seen.size < limit; depth++) {
    const next: State[] = [];
    for (const s of frontier) {
      neighbours(s, pool, cands, (n) => {
        if (n.placed !== best.placed) return false;
        const a = readOut(m, n, locked);
        if (!asGood(a, top, tolerance)) return false;
        const key = arrangementKey(a);
        if (seen.has(key)) return false;
        seen.add(key);
        next.push(n);
        if (!shown.has(key) && (!found || a.score > found.score + 1e-9)) found = a;
        return seen.size >= limit;
      });
      if (seen.size >= limit) break;
    }
    if (found && pool.length > 40) break;
    frontier = next;
  }
  return found ?? top;
}

/**
 * Tiny cohorts: every arrangement is tried (moves and swaps cannot change the number of circles).
 * Without `top`, the best of all; with it, the best as good as `top` and not shown.
 */
function everyUnshown(
  m: Model,
  best: State,
  pool: number[],
  locked: Circle[],
  shown: Set<string>,
  top: Arrangement | null,
  tolerance: number,
): Arrangement | null {
  const { minSize, maxSize } = m.rules;
  let found: Arrangement | null = null;
  const circles: number[][] = [];
  const used = new Set<number>();
  const consider = (): void => {
    const s = new State(m);
    s.circleOf.set(best.circleOf);
    for (const p of pool) s.circleOf[p] = UNPLACED;
    for (const members of circles) {
      const c = s.open();
      for (const p of members) s.move(p, c);
    }
    const a = readOut(m, s, locked);
    if (top && (!asGood(a, top, tolerance) || shown.has(arrangementKey(a)))) return;
    const count = (x: Arrangement): number => x.circles.reduce((k, c) => k + c.members.length, 0);
    if (!found || count(a) > count(found) || (count(a) === count(found) && a.score > found.score + 1e-9)) found = a;
  };
  const walk = (): void => {
    const p = pool.find((q) => !used.has(q));
    if (p === undefined) return consider();
    used.add(p);
    walk();
    const rest = pool.filter((q) => !used.has(q));
    const grow = (members: number[], from: number): void => {
      if (members.length >= minSize && !hasConflict(m, members) && bestTime(m, members).time >= 0) {
        for (const q of members) used.add(q);
        circles.push([...members]);
        walk();
        circles.pop();
        for (const q of members) if (q !== p) used.delete(q);
      }
      if (members.length === maxSize) return;
      for (let k = from; k < rest.length; k++) grow([...members, rest[k]!], k + 1);
    };
    grow([p], 0);
    used.delete(p);
  };
  walk();
  return found;
}
