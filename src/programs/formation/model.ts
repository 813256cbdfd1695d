/**
 * The instance compiled for the search: people by index, the weight of every pair (the objective is
 * a sum over pairs, see docs/formation.md), who may never share a circle, and each person's answer
 * to each candidate time. Everything the solver, the edits and the descriptions score goes through
 * here, so they can never disagree.
 */
import type { Field, FieldValue, Instance, Rules } from './types';

export const NO = 0;
export const IF_NEED_BE = 1;
export const YES = 2;

export interface Model {
  n: number;
  ids: string[];
  index: Map<string, number>;
  /** Number of candidate times. */
  t: number;
  times: string[];
  rules: Rules;
  /** n*n: the weight a pair adds to the circle they share. */
  w: Float64Array;
  /** n*n: 1 where the two may never share a circle (organization or avoid-list). */
  conflict: Uint8Array;
  /** n*t: NO, IF_NEED_BE or YES. */
  avail: Uint8Array;
}

const asSet = (v: FieldValue | undefined): Set<string> | null =>
  Array.isArray(v) ? new Set(v.filter((x) => typeof x === 'string')) : null;

/** How alike two values are, in [0, 1], or null when either is missing (neither helps nor hurts). */
export function similarity(field: Field, a: FieldValue | undefined, b: FieldValue | undefined): number | null {
  if (a === undefined || b === undefined) return null;
  if (field.kind === 'ordinal') {
    if (typeof a !== 'number' || typeof b !== 'number' || !Number.isFinite(a) || !Number.isFinite(b)) return null;
    const span = Math.max(1, (field.levels ?? 2) - 1);
    return 1 - Math.min(1, Math.abs(a - b) / span);
  }
  if (field.kind === 'category') {
    if (typeof a !== 'string' || typeof b !== 'string') return null;
    return a === b ? 1 : 0;
  }
  const x = asSet(a);
  const y = asSet(b);
  if (!x || !y || (x.size === 0 && y.size === 0)) return null;
  let common = 0;
  for (const v of x) if (y.has(v)) common++;
  return common / (x.size + y.size - common);
}

/** What one field adds for a pair: its weight times how alike (alike) or how different (mix) they are. */
export function fieldFit(field: Field, a: FieldValue | undefined, b: FieldValue | undefined): number {
  if (!(field.weight > 0)) return 0;
  const s = similarity(field, a, b);
  if (s === null) return 0;
  return field.weight * (field.mode === 'alike' ? s : 1 - s);
}

export const pairKey = (a: string, b: string): string => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

export function compile(instance: Instance): Model {
  const people = instance.people;
  const n = people.length;
  const ids = people.map((p) => p.id);
  const index = new Map<string, number>();
  ids.forEach((id, i) => index.set(id, i));
  const times = instance.times;
  const t = times.length;
  const rules = instance.rules;
  const fields = rules.fields.filter((f) => f.weight > 0);

  const avail = new Uint8Array(n * t);
  people.forEach((p, i) =>
    times.forEach((time, k) => {
      const answer = p.times[time];
      avail[i * t + k] = answer === 'yes' ? YES : answer === 'ifneedbe' ? IF_NEED_BE : NO;
    }),
  );

  const w = new Float64Array(n * n);
  const conflict = new Uint8Array(n * n);
  const set = (i: number, j: number, x: number): void => {
    w[i * n + j] = w[i * n + j]! + x;
    w[j * n + i] = w[j * n + i]! + x;
  };
  const forbid = (i: number, j: number): void => {
    conflict[i * n + j] = 1;
    conflict[j * n + i] = 1;
  };
  for (let i = 0; i < n; i++) {
    const a = people[i]!;
    for (let j = i + 1; j < n; j++) {
      const b = people[j]!;
      let x = 0;
      for (const f of fields) x += fieldFit(f, a.values[f.key], b.values[f.key]);
      set(i, j, x);
      if (rules.separateOrganizations && a.organization && a.organization === b.organization) forbid(i, j);
    }
  }
  people.forEach((p, i) => {
    for (const id of new Set(p.wishes)) {
      const j = index.get(id);
      if (j !== undefined && j !== i) set(i, j, rules.wishWeight);
    }
    for (const id of p.avoid) {
      const j = index.get(id);
      if (j !== undefined && j !== i) forbid(i, j);
    }
  });
  const past = new Set<string>();
  for (const [a, b] of instance.pastPairs ?? []) {
    const i = index.get(a);
    const j = index.get(b);
    if (i === undefined || j === undefined || i === j || past.has(pairKey(a, b))) continue;
    past.add(pairKey(a, b));
    set(i, j, -rules.repeatWeight);
  }
  return { n, ids, index, t, times, rules, w, conflict, avail };
}

/** The time a set of members can all make with the fewest if-need-be (the organizer's order breaks ties), or -1. */
export function bestTime(m: Model, members: readonly number[]): { time: number; ifNeedBe: number } {
  let best = -1;
  let bestIfn = Infinity;
  for (let k = 0; k < m.t; k++) {
    let ifn = 0;
    let ok = true;
    for (const i of members) {
      const a = m.avail[i * m.t + k]!;
      if (a === NO) {
        ok = false;
        break;
      }
      if (a === IF_NEED_BE) ifn++;
    }
    if (ok && ifn <= m.rules.maxIfNeedBe && ifn < bestIfn) {
      best = k;
      bestIfn = ifn;
    }
  }
  return { time: best, ifNeedBe: best < 0 ? 0 : bestIfn };
}

export function pairSum(m: Model, members: readonly number[]): number {
  let s = 0;
  for (let x = 0; x < members.length; x++)
    for (let y = x + 1; y < members.length; y++) s += m.w[members[x]! * m.n + members[y]!]!;
  return s;
}

/** A circle's score at a given time: its pairs' weights less the if-need-be penalty. */
export function scoreAt(m: Model, members: readonly number[], time: number): number {
  let ifn = 0;
  if (time >= 0) for (const i of members) if (m.avail[i * m.t + time] === IF_NEED_BE) ifn++;
  return pairSum(m, members) - m.rules.ifNeedBeWeight * ifn;
}

export function hasConflict(m: Model, members: readonly number[]): boolean {
  for (let x = 0; x < members.length; x++)
    for (let y = x + 1; y < members.length; y++) if (m.conflict[members[x]! * m.n + members[y]!]) return true;
  return false;
}
