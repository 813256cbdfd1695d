import { pairFit } from '../../../src/pairs/matching/fit';
import { randomInt, rng } from '../../../src/core/random';
import type { Arrangement, MatchInput, Participant, TimeSlot } from '../../../src/pairs/matching/types';

/** What the objective compares, level by level (objective.ts). */
export interface Score {
  people: number;
  repeats: number;
  seen: number;
  fit: number;
}

/** Positive when a is better. */
export function compareScores(a: Score, b: Score): number {
  return a.people - b.people || b.repeats - a.repeats || b.seen - a.seen || a.fit - b.fit;
}

const pairKey = (a: string, b: string): string => (a < b ? `${a}|${b}` : `${b}|${a}`);

/** The specification, by enumeration: every arrangement of pairs and at most one trio, scored. */
export function bruteForce(input: MatchInput): Score {
  const byId = new Map(input.participants.map((p) => [p.id, p]));
  const avoid = (a: string, b: string): boolean => byId.get(a)!.avoid.includes(b) || byId.get(b)!.avoid.includes(a);
  const repeats = new Set<string>();
  const h = input.history;
  if (h) {
    for (const g of h.groups) {
      if (g.cycle >= h.currentCycle || (h.coolOff !== null && g.cycle < h.currentCycle - h.coolOff)) continue;
      for (let x = 0; x < g.members.length; x++)
        for (let y = x + 1; y < g.members.length; y++) repeats.add(pairKey(g.members[x]!, g.members[y]!));
    }
  }
  const seen = new Set<string>();
  for (const a of input.shown ?? [])
    for (const g of a) for (let x = 0; x < g.length; x++) for (let y = x + 1; y < g.length; y++) seen.add(pairKey(g[x]!, g[y]!));
  const fit = (a: string, b: string): number => pairFit(byId.get(a)!, byId.get(b)!).score;
  const groupScore = (g: string[]): Score => {
    const fits: number[] = [];
    let r = 0;
    let s = 0;
    for (let x = 0; x < g.length; x++) {
      for (let y = x + 1; y < g.length; y++) {
        fits.push(fit(g[x]!, g[y]!));
        if (repeats.has(pairKey(g[x]!, g[y]!))) r++;
        if (seen.has(pairKey(g[x]!, g[y]!))) s++;
      }
    }
    fits.sort((p, q) => q - p);
    return { people: g.length, repeats: r, seen: s, fit: fits[0]! + (g.length === 3 ? fits[1]! : 0) };
  };
  const add = (a: Score, b: Score): Score => ({
    people: a.people + b.people,
    repeats: a.repeats + b.repeats,
    seen: a.seen + b.seen,
    fit: a.fit + b.fit,
  });

  let base: Score = { people: 0, repeats: 0, seen: 0, fit: 0 };
  const placed = new Set<string>();
  let trioUsed = false;
  for (const g of input.pinned ?? []) {
    if (g.some((a, x) => g.some((b, y) => y > x && avoid(a, b)))) continue;
    base = add(base, groupScore(g));
    g.forEach((id) => placed.add(id));
    if (g.length === 3) trioUsed = true;
  }
  const ids = input.participants.map((p) => p.id).filter((id) => !placed.has(id));
  const used = new Array<boolean>(ids.length).fill(false);
  let best: Score | null = null;
  const rec = (acc: Score, trio: boolean): void => {
    let i = 0;
    while (i < ids.length && used[i]) i++;
    if (i === ids.length) {
      if (best === null || compareScores(acc, best) > 0) best = acc;
      return;
    }
    used[i] = true;
    rec(acc, trio);
    for (let j = i + 1; j < ids.length; j++) {
      if (used[j] || avoid(ids[i]!, ids[j]!)) continue;
      used[j] = true;
      rec(add(acc, groupScore([ids[i]!, ids[j]!])), trio);
      if (!trio) {
        for (let k = j + 1; k < ids.length; k++) {
          if (used[k] || avoid(ids[i]!, ids[k]!) || avoid(ids[j]!, ids[k]!)) continue;
          used[k] = true;
          rec(add(acc, groupScore([ids[i]!, ids[j]!, ids[k]!])), true);
          used[k] = false;
        }
      }
      used[j] = false;
    }
    used[i] = false;
  };
  rec(base, trioUsed);
  return best!;
}

export function scoreOf(a: Arrangement, input: MatchInput): Score {
  const seen = new Set<string>();
  for (const s of input.shown ?? [])
    for (const g of s) for (let x = 0; x < g.length; x++) for (let y = x + 1; y < g.length; y++) seen.add(pairKey(g[x]!, g[y]!));
  let s = 0;
  for (const g of a.groups)
    for (let x = 0; x < g.members.length; x++)
      for (let y = x + 1; y < g.members.length; y++) if (seen.has(pairKey(g.members[x]!, g.members[y]!))) s++;
  return { people: a.groups.reduce((n, g) => n + g.members.length, 0), repeats: a.repeats, seen: s, fit: a.totalFit };
}

const TOPICS = ['strategy', 'hiring', 'fundraising', 'board relations', 'burnout', 'delegation'];
const TIMES: TimeSlot[] = ['mornings', 'afternoons', 'evenings'];
const OFFSETS = [-480, -300, 0, 60, 330, 600];

export interface RandomOptions {
  avoidRate?: number;
  repeatRate?: number;
  wishRate?: number;
}

/**
 * Small cohorts with answers drawn uniformly, so pair fits vary widely (random weights), and
 * avoid-lists and repeats far denser than in life, so that the constraints bite.
 */
export function randomInstance(seed: number, size: number, options: RandomOptions = {}): MatchInput {
  const r = rng(seed);
  const ids = Array.from({ length: size }, (_, i) => `P${i}`);
  const participants: Participant[] = ids.map((id) => ({
    id,
    topics: TOPICS.filter(() => r() < 0.4),
    stage: r() < 0.15 ? null : randomInt(r, 5),
    times: TIMES.filter(() => r() < 0.5),
    utcOffsetMinutes: OFFSETS[randomInt(r, OFFSETS.length)]!,
    wishes: ids.filter((other) => other !== id && r() < (options.wishRate ?? 0.15)).slice(0, 3),
    avoid: [],
  }));
  const groups: Array<{ cycle: number; members: string[] }> = [];
  for (let i = 0; i < size; i++) {
    for (let j = i + 1; j < size; j++) {
      if (r() < (options.avoidRate ?? 0.1)) participants[r() < 0.5 ? i : j]!.avoid.push(ids[r() < 0.5 ? j : i]!);
      if (r() < (options.repeatRate ?? 0.15)) groups.push({ cycle: 1 + randomInt(r, 4), members: [ids[i]!, ids[j]!] });
    }
  }
  // Self-avoids are possible above by construction; drop them.
  for (const p of participants) p.avoid = p.avoid.filter((x) => x !== p.id);
  return { participants, history: { currentCycle: 5, coolOff: r() < 0.3 ? null : 2, groups } };
}

/** The same cohort, listed in another order (participants and their lists), as a caller might. */
export function reordered(input: MatchInput, seed: number): MatchInput {
  const r = rng(seed);
  const shuffle = <T>(xs: T[]): T[] => {
    const out = [...xs];
    for (let i = out.length - 1; i > 0; i--) {
      const j = randomInt(r, i + 1);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  };
  return {
    ...input,
    participants: shuffle(input.participants).map((p) => ({
      ...p,
      topics: shuffle(p.topics),
      times: shuffle(p.times),
      wishes: shuffle(p.wishes),
      avoid: shuffle(p.avoid),
    })),
    history: input.history && {
      ...input.history,
      groups: shuffle(input.history.groups).map((g) => ({ ...g, members: shuffle(g.members) })),
    },
  };
}
