import { contextOf, describeGroup, groupBreaksAvoid, matchPairs, repeatCount, sortGroups } from './match';
import { byCodeUnit } from './random';
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
 * `changed` is false only when no arrangement as good on people and repeats differs from all of
 * those shown (a tiny cohort, or one held together by pins and avoid-lists).
 */
export function shuffle(input: MatchInput, shown: Arrangement[], options: MatchOptions): Arrangement & { changed: boolean } {
  const shownGroups = shown.map((a) => a.groups.map((g) => g.members));
  const arrangement = matchPairs({ ...input, shown: [...(input.shown ?? []), ...shownGroups] }, options);
  const key = (groups: string[][]): string =>
    groups
      .map((g) => [...g].sort(byCodeUnit).join(','))
      .sort(byCodeUnit)
      .join('|');
  const mine = key(arrangement.groups.map((g) => g.members));
  return { ...arrangement, changed: shownGroups.every((g) => key(g) !== mine) };
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
