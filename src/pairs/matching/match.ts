import { AppError, ErrorCode } from '../../core/errors';
import { avoids, encodePool, idPairKey, repeatPairs } from './encode';
import { pairFit } from './fit';
import { objectiveWeights } from './objective';
import { byCodeUnit, rng, shuffleInPlace } from '../../core/random';
import { solve } from './solver';
import type { Arrangement, Group, MatchInput, MatchOptions, Participant, Unmatched } from './types';

/**
 * Largest pool matched with the optimality proof; larger ones get the bounded heuristic. Measured
 * on the shared 2-core machine of bench/README.md ("Pair matching"): the proof took 1.4-2.2 s at
 * 2,001 people, and more above, so 2,000 is where it stays at about 2 s.
 */
export const DEFAULT_EXACT_LIMIT = 2000;
/**
 * Best partners per person in the first candidate graph: fewer leave more pairs for pricing to add
 * (and more solves), more make every solve slower; with 12, 1,000 people take two solves.
 */
const CANDIDATES_PER_PERSON = 12;
/** Branch-and-bound subproblems before giving up the proof (one is the rule; tests reach 19). */
const MAX_NODES_EXACT = 200;
const MAX_NODES_HEURISTIC = 8;
/** Above the exact limit: one solve, plus one with the pairs and hubs its duals ask for. */
const MAX_SOLVES_HEURISTIC = 2;

/** What `matchPairs` needs beside the participants: who counts as a repeat, and who is who. */
export interface Context {
  byId: Map<string, Participant>;
  repeats: Set<string>;
}

export function contextOf(input: MatchInput): Context {
  const byId = new Map<string, Participant>();
  for (const p of input.participants) {
    if (byId.has(p.id)) throw new AppError(ErrorCode.Invalid, `participant ${p.id} is listed twice`);
    byId.set(p.id, p);
  }
  return { byId, repeats: repeatPairs(input.history) };
}

/** A group as shown: members sorted, every pair's fit and reasons, the group's fit (trio: two best). */
export function describeGroup(ctx: Context, ids: string[], pinned: boolean): Group {
  const members = [...ids].sort(byCodeUnit);
  const reasons = [];
  let repeat = false;
  for (let x = 0; x < members.length; x++) {
    for (let y = x + 1; y < members.length; y++) {
      reasons.push(pairFit(ctx.byId.get(members[x]!)!, ctx.byId.get(members[y]!)!));
      if (ctx.repeats.has(idPairKey(members[x]!, members[y]!))) repeat = true;
    }
  }
  const scores = reasons.map((r) => r.score).sort((a, b) => b - a);
  const fit = scores[0]! + (members.length === 3 ? scores[1]! : 0);
  return { members, fit, reasons, repeat, pinned };
}

export function repeatCount(ctx: Context, groups: Group[]): number {
  let count = 0;
  for (const g of groups) {
    for (let x = 0; x < g.members.length; x++) {
      for (let y = x + 1; y < g.members.length; y++) if (ctx.repeats.has(idPairKey(g.members[x]!, g.members[y]!))) count++;
    }
  }
  return count;
}

export function groupBreaksAvoid(ctx: Context, ids: string[]): boolean {
  for (let x = 0; x < ids.length; x++) {
    for (let y = x + 1; y < ids.length; y++) if (avoids(ctx.byId.get(ids[x]!)!, ctx.byId.get(ids[y]!)!)) return true;
  }
  return false;
}

/** Who of the pool is in no group, and why: everyone else is on their avoid-list, or no partner was left. */
export function unmatchedOf(pool: Participant[], groups: Group[]): Unmatched[] {
  const inGroup = new Set(groups.flatMap((g) => g.members));
  return pool
    .filter((p) => !inGroup.has(p.id))
    .map((p) => {
      const others = pool.filter((q) => q.id !== p.id);
      const blocked = others.length > 0 && others.every((q) => avoids(p, q));
      return { id: p.id, reason: blocked ? ('avoid-list' as const) : ('no-partner-left' as const) };
    })
    .sort((a, b) => byCodeUnit(a.id, b.id));
}

export function sortGroups(groups: Group[]): Group[] {
  return groups.sort((a, b) => byCodeUnit(a.members[0]!, b.members[0]!));
}

function checkPinned(ctx: Context, pinned: string[][]): void {
  const seen = new Set<string>();
  let trios = 0;
  for (const g of pinned) {
    if (g.length < 2 || g.length > 3) throw new AppError(ErrorCode.Invalid, 'a pinned group has 2 or 3 members');
    if (g.length === 3) trios++;
    for (const id of g) {
      if (!ctx.byId.has(id)) throw new AppError(ErrorCode.Invalid, `pinned ${id} is not a participant`);
      if (seen.has(id)) throw new AppError(ErrorCode.Invalid, `${id} is pinned twice`);
      seen.add(id);
    }
  }
  if (trios > 1) throw new AppError(ErrorCode.Invalid, 'at most one group of three');
}

/**
 * Matches the participants into pairs and at most one trio, by the objective of objective.ts.
 * Pure and deterministic: the same input and seed give the same arrangement whatever the order of
 * the participants, of their lists, or of the history.
 */
export function matchPairs(input: MatchInput, options: MatchOptions): Arrangement {
  const ctx = contextOf(input);
  const pinnedIn = input.pinned ?? [];
  checkPinned(ctx, pinnedIn);
  const groups: Group[] = [];
  const droppedPins: string[][] = [];
  const placed = new Set<string>();
  let pinnedTrio = false;
  for (const g of pinnedIn) {
    if (groupBreaksAvoid(ctx, g)) {
      droppedPins.push([...g].sort(byCodeUnit));
      continue;
    }
    groups.push(describeGroup(ctx, g, true));
    g.forEach((id) => placed.add(id));
    if (g.length === 3) pinnedTrio = true;
  }

  // Sorted first, so the order the caller listed people in cannot matter; then a seeded shuffle,
  // so that ties between equally good arrangements go the seed's way.
  const pool = [...ctx.byId.values()].filter((p) => !placed.has(p.id)).sort((a, b) => byCodeUnit(a.id, b.id));
  shuffleInPlace(rng(options.seed), pool);
  const shownPairs = new Set<string>();
  for (const arrangement of input.shown ?? []) {
    for (const g of arrangement) {
      for (let x = 0; x < g.length; x++) for (let y = x + 1; y < g.length; y++) shownPairs.add(idPairKey(g[x]!, g[y]!));
    }
  }
  const weights = objectiveWeights(pool.length, shownPairs.size > 0);
  const encoded = encodePool(pool, ctx.repeats, shownPairs, weights, !pinnedTrio);
  const exactLimit = options.exactLimit ?? DEFAULT_EXACT_LIMIT;
  const exact = pool.length <= exactLimit;
  const result = solve(encoded, {
    maxSolves: exact ? Infinity : MAX_SOLVES_HEURISTIC,
    candidatesPerPerson: CANDIDATES_PER_PERSON,
    maxNodes: exact ? MAX_NODES_EXACT : MAX_NODES_HEURISTIC,
  });

  for (const g of result.groups)
    groups.push(
      describeGroup(
        ctx,
        g.map((i) => pool[i]!.id),
        false,
      ),
    );
  const unmatched = unmatchedOf(pool, groups);
  const totalFit = groups.reduce((sum, g) => sum + g.fit, 0);
  const arrangement: Arrangement = {
    groups: sortGroups(groups),
    unmatched,
    totalFit,
    repeats: repeatCount(ctx, groups),
    exact: result.exact,
    droppedPins,
  };
  // The gap in S bounds the fit: any arrangement at least as good on people and repeats has
  // S >= ours, so its fit is at most ours plus (bound - S) (see objective.ts).
  if (!result.exact && result.bound !== undefined) arrangement.upperBound = totalFit + (result.bound - result.value);
  return arrangement;
}
