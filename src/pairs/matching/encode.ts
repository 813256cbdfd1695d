import * as fit from './fit';
import { FIT, timesMask } from './fit';
import { type ObjectiveWeights } from './objective';
import type { MatchHistory, Participant } from './types';

/**
 * The pool in arrays, for the solver's inner loops: people are indices, topics bit sets, and the few
 * pairs that differ from the plain survey comparison (wishes, avoid-lists, repeats, already shown)
 * are kept by pair key. Pair fits agree with `pairFit` exactly (a unit test holds them together).
 */
export interface Pool {
  n: number;
  ids: string[];
  topicWords: number;
  topics: Uint32Array;
  stage: Int8Array;
  times: Uint8Array;
  offset: Int32Array;
  /** Per pair key: bit 1 avoid (either way), 2 repeat, 4 shown, 8 a asked for b, 16 b asked for a. */
  special: Map<number, number>;
  /** Everyone each person wished for or was wished by (allowed pairs only). */
  wishPartners: number[][];
  /** How many of the others each person may not be with (avoid-lists either way). */
  avoidCount: Int32Array;
  weights: ObjectiveWeights;
  trioAllowed: boolean;
}

export const AVOID = 1;
export const REPEAT = 2;
export const SHOWN = 4;
const WISH_AB = 8;
const WISH_BA = 16;

// Bound once: esbuild (tsx, the benchmark's runner) compiles imported bindings to getter calls.
const popcount = fit.popcount;

export const pairKey = (n: number, i: number, j: number): number => (i < j ? i * n + j : j * n + i);

const TIMES_POINTS = (() => {
  const t = new Int32Array(64);
  for (let a = 0; a < 8; a++) {
    for (let b = 0; b < 8; b++) {
      const c = popcount(a & b);
      t[a * 8 + b] = c === 0 ? 0 : FIT.timesFirst + (c - 1) * FIT.timesEachMore;
    }
  }
  return t;
})();

/** Whether two people were in one group within the cool-off window, by pair of ids. */
export function repeatPairs(history: MatchHistory | undefined): Set<string> {
  const out = new Set<string>();
  if (!history) return out;
  const oldest = history.coolOff === null ? -Infinity : history.currentCycle - history.coolOff;
  for (const g of history.groups) {
    if (g.cycle >= history.currentCycle || g.cycle < oldest) continue;
    for (let i = 0; i < g.members.length; i++) {
      for (let j = i + 1; j < g.members.length; j++) out.add(idPairKey(g.members[i]!, g.members[j]!));
    }
  }
  return out;
}

export const idPairKey = (a: string, b: string): string => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

export function avoids(a: Participant, b: Participant): boolean {
  return a.avoid.includes(b.id) || b.avoid.includes(a.id);
}

export function encodePool(
  people: Participant[],
  repeats: Set<string>,
  shownPairs: Set<string>,
  weights: ObjectiveWeights,
  trioAllowed: boolean,
): Pool {
  const n = people.length;
  const index = new Map(people.map((p, i) => [p.id, i]));
  const topicIndex = new Map<string, number>();
  for (const p of people) for (const t of p.topics) if (!topicIndex.has(t)) topicIndex.set(t, topicIndex.size);
  const topicWords = Math.max(1, Math.ceil(topicIndex.size / 32));
  const topics = new Uint32Array(n * topicWords);
  const stage = new Int8Array(n);
  const times = new Uint8Array(n);
  const offset = new Int32Array(n);
  people.forEach((p, i) => {
    for (const t of p.topics) {
      const k = topicIndex.get(t)!;
      topics[i * topicWords + (k >>> 5)]! |= 1 << (k & 31);
    }
    stage[i] = p.stage === null ? -1 : p.stage;
    times[i] = timesMask(p.times);
    offset[i] = p.utcOffsetMinutes;
  });
  const special = new Map<number, number>();
  const mark = (i: number, j: number, bit: number): void => {
    const k = pairKey(n, i, j);
    special.set(k, (special.get(k) ?? 0) | bit);
  };
  people.forEach((p, i) => {
    for (const other of p.avoid) {
      const j = index.get(other);
      if (j !== undefined && j !== i) mark(i, j, AVOID);
    }
    for (const other of p.wishes) {
      const j = index.get(other);
      if (j !== undefined && j !== i) mark(i, j, i < j ? WISH_AB : WISH_BA);
    }
  });
  const markIds = (keys: Set<string>, bit: number): void => {
    for (const key of keys) {
      const [a, b] = key.split('\u0000');
      const i = index.get(a!);
      const j = index.get(b!);
      if (i !== undefined && j !== undefined && i !== j) mark(i, j, bit);
    }
  };
  markIds(repeats, REPEAT);
  markIds(shownPairs, SHOWN);
  const wishPartners: number[][] = Array.from({ length: n }, () => []);
  const avoidCount = new Int32Array(n);
  for (const [k, flags] of special) {
    const i = Math.floor(k / n);
    const j = k % n;
    if (flags & AVOID) {
      avoidCount[i]!++;
      avoidCount[j]!++;
    }
    if (flags & AVOID || !(flags & (WISH_AB | WISH_BA))) continue;
    wishPartners[i]!.push(j);
    wishPartners[j]!.push(i);
  }
  for (const list of wishPartners) list.sort((x, y) => x - y);
  return {
    n,
    ids: people.map((p) => p.id),
    topicWords,
    topics,
    stage,
    times,
    offset,
    special,
    wishPartners,
    avoidCount,
    weights,
    trioAllowed,
  };
}

const TOPIC_EACH = FIT.topicEach;
const TOPIC_CAP = FIT.topicCap;
const STAGE_UNKNOWN = FIT.stageUnknown;
const STAGE_BY_GAP: readonly number[] = FIT.stageByGap;
const ZONE_MAX = FIT.zoneMax;
const ZONE_STEP = FIT.zoneStepMinutes;

/** Fit from the survey answers alone, without wishes: what every pair not in `special` scores. */
export function baseFit(pool: Pool, i: number, j: number): number {
  let shared = 0;
  const w = pool.topicWords;
  for (let k = 0; k < w; k++) shared += popcount(pool.topics[i * w + k]! & pool.topics[j * w + k]!);
  let fit = (shared < TOPIC_CAP ? shared : TOPIC_CAP) * TOPIC_EACH;
  const si = pool.stage[i]!;
  const sj = pool.stage[j]!;
  if (si < 0 || sj < 0) fit += STAGE_UNKNOWN;
  else {
    const gap = si > sj ? si - sj : sj - si;
    fit += gap < STAGE_BY_GAP.length ? STAGE_BY_GAP[gap]! : 0;
  }
  fit += TIMES_POINTS[pool.times[i]! * 8 + pool.times[j]!]!;
  let d = (pool.offset[i]! - pool.offset[j]!) % 1440;
  if (d < 0) d += 1440;
  if (d > 720) d = 1440 - d;
  const zone = ZONE_MAX - Math.floor(d / ZONE_STEP);
  return zone > 0 ? fit + zone : fit;
}

export function wishPoints(flags: number): number {
  const both = (flags & WISH_AB) !== 0 && (flags & WISH_BA) !== 0;
  return both ? FIT.wishMutual : flags & (WISH_AB | WISH_BA) ? FIT.wishOneSided : 0;
}

export function pairFlags(pool: Pool, i: number, j: number): number {
  return pool.special.get(pairKey(pool.n, i, j)) ?? 0;
}

export function fitOf(pool: Pool, i: number, j: number): number {
  return baseFit(pool, i, j) + wishPoints(pairFlags(pool, i, j));
}

/** The tier bonus of one pair within a group: R if it is not a repeat, plus V if not shown yet. */
export function tierBonus(pool: Pool, flags: number): number {
  return (flags & REPEAT ? 0 : pool.weights.repeat) + (flags & SHOWN ? 0 : pool.weights.seen);
}

/** Weight of a pair as a matching edge (two people placed), or -1 when they may not be together. */
export function pairWeight(pool: Pool, i: number, j: number): number {
  const flags = pairFlags(pool, i, j);
  if (flags & AVOID) return -1;
  return 2 * pool.weights.person + tierBonus(pool, flags) + baseFit(pool, i, j) + wishPoints(flags);
}
