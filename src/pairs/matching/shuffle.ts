import { idPairKey } from './encode';
import { pairFit } from './fit';
import { contextOf, describeGroup, groupBreaksAvoid, matchPairs, repeatCount, sortGroups, unmatchedOf } from './match';
import { byCodeUnit } from '../../core/random';
import type { Arrangement, Group, MatchInput, MatchOptions, Unmatched } from './types';

/**
 * Shuffle: a different good arrangement for an organizer who does not like the one shown.
 *
 * It is the best arrangement by the usual objective with one more level between repeats and fit:
 * as few pairs as possible that the organizer has already been shown this round (objective.ts).
 * So it never matches fewer people or repeats more pairs to look different, and otherwise avoids
 * every pair already seen, as far as the cohort allows, at the least cost in fit.
 *
 * Why not the literal second-best arrangement: it nearly always differs from the best by swapping
 * two pairs (four people of the whole cohort), which is not what someone asking for another
 * arrangement wants, and pressing again would walk through near-copies of the same one. Swaps of
 * particular people are what `swap` is for.
 *
 * When that best arrangement was shown already (the shown ones cover every pair the cohort
 * allows), another as good on people and repeats that was not shown is looked for among all of
 * them (`unseenAlternative`): fewest pairs already seen, then the best fit. So every press shows an
 * arrangement not shown before while one exists. `changed` is false only when none is left (a tiny
 * cohort, or one held together by pins and avoid-lists).
 */
export function shuffle(input: MatchInput, shown: Arrangement[], options: MatchOptions): Arrangement & { changed: boolean } {
  const shownGroups = shown.map((a) => a.groups.map((g) => g.members));
  const arrangement = matchPairs({ ...input, shown: [...(input.shown ?? []), ...shownGroups] }, options);
  const seenKeys = new Set(shownGroups.map(arrangementKey));
  if (!seenKeys.has(arrangementKey(arrangement.groups.map((g) => g.members)))) return { ...arrangement, changed: true };
  const other = unseenAlternative(input, arrangement, shownGroups);
  return other ? { ...other, changed: true } : { ...arrangement, changed: false };
}

/** One key per arrangement, whatever the order of its groups and their members. */
function arrangementKey(groups: string[][]): string {
  return groups
    .map((g) => [...g].sort(byCodeUnit).join(','))
    .sort(byCodeUnit)
    .join('|');
}

/**
 * How many partial arrangements the search below may visit. Every arrangement of 10 people is
 * well under it; a larger cohort has so many arrangements that the first few it tries are new.
 */
const SEARCH_BUDGET = 200_000;

/**
 * The best arrangement not among `shown` with as many people matched and as few repeats as `best`
 * (and its pinned groups kept): fewest pairs already seen, then the largest fit. Searched by
 * enumeration, people in id order and partners by fit, so it is deterministic; undefined when
 * there is none (or none within the budget).
 */
export function unseenAlternative(input: MatchInput, best: Arrangement, shown: string[][][]): Arrangement | undefined {
  const ctx = contextOf(input);
  const kept = best.groups.filter((g) => g.pinned);
  const placed = new Set(kept.flatMap((g) => g.members));
  const pool = [...ctx.byId.values()].filter((p) => !placed.has(p.id)).sort((a, b) => byCodeUnit(a.id, b.id));
  const matched = best.groups.filter((g) => !g.pinned).reduce((n, g) => n + g.members.length, 0);
  const trioAllowed = matched % 2 === 1;
  const skipsLeft0 = pool.length - matched;
  const repeatsTarget = best.repeats - repeatCount(ctx, kept);
  const seenKeys = new Set(shown.map(arrangementKey));
  const seenPairs = new Set<string>();
  for (const a of shown)
    for (const g of a)
      for (let x = 0; x < g.length; x++) for (let y = x + 1; y < g.length; y++) seenPairs.add(idPairKey(g[x]!, g[y]!));
  const fit = (a: string, b: string) => pairFit(ctx.byId.get(a)!, ctx.byId.get(b)!).score;
  const pairCost = (ids: string[]) => {
    let repeats = 0;
    let seen = 0;
    for (let x = 0; x < ids.length; x++)
      for (let y = x + 1; y < ids.length; y++) {
        if (ctx.repeats.has(idPairKey(ids[x]!, ids[y]!))) repeats++;
        if (seenPairs.has(idPairKey(ids[x]!, ids[y]!))) seen++;
      }
    return { repeats, seen };
  };

  let found: { groups: string[][]; seen: number; fit: number } | undefined;
  let visits = 0;
  const free = new Set(pool.map((p) => p.id));
  const groups: string[][] = [];
  const walk = (skipsLeft: number, trioLeft: boolean, repeats: number, seen: number, fitSum: number): void => {
    if (++visits > SEARCH_BUDGET || repeats > repeatsTarget) return;
    if (found && seen > found.seen) return;
    const first = pool.find((p) => free.has(p.id))?.id;
    if (first === undefined) {
      if (repeats !== repeatsTarget || trioLeft || skipsLeft > 0) return;
      const all = [...kept.map((g) => g.members), ...groups];
      if (seenKeys.has(arrangementKey(all))) return;
      if (!found || seen < found.seen || (seen === found.seen && fitSum > found.fit))
        found = { groups: groups.map((g) => [...g]), seen, fit: fitSum };
      return;
    }
    free.delete(first);
    const partners = [...free].sort((a, b) => fit(first, b) - fit(first, a) || byCodeUnit(a, b));
    for (const b of partners) {
      if (groupBreaksAvoid(ctx, [first, b])) continue;
      free.delete(b);
      const c = pairCost([first, b]);
      groups.push([first, b]);
      walk(skipsLeft, trioLeft, repeats + c.repeats, seen + c.seen, fitSum + fit(first, b));
      if (trioLeft) {
        for (const third of partners) {
          if (third === b || !free.has(third) || byCodeUnit(third, b) < 0 || groupBreaksAvoid(ctx, [first, b, third])) continue;
          free.delete(third);
          const trio = [first, b, third];
          const t = pairCost(trio);
          const fits = [fit(first, b), fit(first, third), fit(b, third)].sort((x, y) => y - x);
          groups[groups.length - 1] = trio;
          walk(skipsLeft, false, repeats + t.repeats, seen + t.seen, fitSum + fits[0]! + fits[1]!);
          free.add(third);
        }
      }
      groups.pop();
      free.add(b);
    }
    if (skipsLeft > 0) walk(skipsLeft - 1, trioLeft, repeats, seen, fitSum);
    free.add(first);
  };
  walk(skipsLeft0, trioAllowed, 0, 0, 0);
  if (!found) return undefined;
  const described = [...kept, ...found.groups.map((g) => describeGroup(ctx, g, false))];
  return {
    groups: sortGroups(described),
    unmatched: unmatchedOf(pool, described),
    totalFit: described.reduce((sum, g) => sum + g.fit, 0),
    repeats: repeatCount(ctx, described),
    // The best unseen one, not the best: no claim of optimality, and no bound.
    exact: false,
    droppedPins: best.droppedPins,
  };
}

export type SwapRefusal =
  /** Someone named is not a participant. */
  | 'unknown-person'
  /** Both are in the same group, or both unmatched: nothing to exchange. */
  | 'nothing-to-swap'
  /** The swap would put someone with a person on either's avoid-list. Say no more than that. */
  | 'avoid-list';

export type SwapResult = { ok: true; arrangement: Arrangement } | { ok: false; reason: SwapRefusal };

/**
 * Exchanges two people between their groups (or takes an unmatched person into the other's place,
 * the other becoming unmatched) and recomputes fits, reasons, repeats and totals. The groups it
 * changes become pinned, so a later re-match keeps the organizer's decision; the result is no
 * longer claimed optimal.
 */
export function swap(input: MatchInput, arrangement: Arrangement, personA: string, personB: string): SwapResult {
  const ctx = contextOf(input);
  if (!ctx.byId.has(personA) || !ctx.byId.has(personB)) return { ok: false, reason: 'unknown-person' };
  const groupOf = (id: string): Group | undefined => arrangement.groups.find((g) => g.members.includes(id));
  const ga = groupOf(personA);
  const gb = groupOf(personB);
  if (personA === personB || ga === gb) return { ok: false, reason: 'nothing-to-swap' };
  const replace = (g: Group, out: string, into: string): string[] => g.members.map((m) => (m === out ? into : m));
  const newA = ga === undefined ? null : replace(ga, personA, personB);
  const newB = gb === undefined ? null : replace(gb, personB, personA);
  if ((newA !== null && groupBreaksAvoid(ctx, newA)) || (newB !== null && groupBreaksAvoid(ctx, newB))) {
    return { ok: false, reason: 'avoid-list' };
  }
  const groups = arrangement.groups.filter((g) => g !== ga && g !== gb);
  if (newA !== null) groups.push(describeGroup(ctx, newA, true));
  if (newB !== null) groups.push(describeGroup(ctx, newB, true));
  const out = ga === undefined ? personB : gb === undefined ? personA : null;
  const unmatched: Unmatched[] = arrangement.unmatched
    .filter((u) => u.id !== personA && u.id !== personB)
    .concat(out === null ? [] : [{ id: out, reason: 'swapped-out' }])
    .sort((x, y) => byCodeUnit(x.id, y.id));
  return {
    ok: true,
    arrangement: {
      groups: sortGroups(groups),
      unmatched,
      totalFit: groups.reduce((sum, g) => sum + g.fit, 0),
      repeats: repeatCount(ctx, groups),
      exact: false,
      droppedPins: arrangement.droppedPins,
    },
  };
}
