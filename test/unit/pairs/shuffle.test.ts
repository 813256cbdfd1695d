import fc from 'fast-check';
import { matchPairs } from '../../../src/pairs/matching/match';
import { shuffle, swap } from '../../../src/pairs/matching/shuffle';
import { realisticSurvey } from '../../../src/pairs/matching/survey';
import type { Arrangement, MatchInput, Participant } from '../../../src/pairs/matching/types';

const person = (id: string, over: Partial<Participant> = {}): Participant => ({
  id,
  topics: [],
  stage: 2,
  times: [],
  utcOffsetMinutes: 0,
  wishes: [],
  avoid: [],
  ...over,
});

const groupsOf = (a: Arrangement): string[][] => a.groups.map((g) => g.members);

describe('swap', () => {
  const input: MatchInput = {
    participants: [
      person('A', { topics: ['x'], wishes: ['B'] }),
      person('B', { topics: ['x'] }),
      person('C', { avoid: ['B'] }),
      person('D'),
      person('E'),
    ],
    history: { currentCycle: 2, coolOff: null, groups: [{ cycle: 1, members: ['A', 'E'] }] },
  };
  const arrangement = matchPairs(input, { seed: 1 });

  it('refuses a swap that breaks an avoid-list, without naming who avoids whom', () => {
    const withB = arrangement.groups.find((g) => g.members.includes('B'))!;
    const partnerOfB = withB.members.find((m) => m !== 'B')!;
    const somebodyElse = ['A', 'D', 'E'].find((x) => x !== partnerOfB && !withB.members.includes(x))!;
    // Putting C where B's partner is would put C with B.
    const refused = swap(input, arrangement, partnerOfB === 'C' ? somebodyElse : partnerOfB, 'C');
    expect(refused).toEqual({ ok: false, reason: 'avoid-list' });
  });

  it('exchanges two people, recomputes fits and repeats, and pins the changed groups', () => {
    const base: Arrangement = {
      groups: [
        { members: ['A', 'B'], fit: 0, reasons: [], repeat: false, pinned: false },
        { members: ['C', 'D', 'E'], fit: 0, reasons: [], repeat: false, pinned: false },
      ],
      unmatched: [],
      totalFit: 0,
      repeats: 0,
      exact: true,
      droppedPins: [],
    };
    const result = swap(input, base, 'A', 'D');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(groupsOf(result.arrangement)).toEqual([
      ['A', 'C', 'E'],
      ['B', 'D'],
    ]);
    expect(result.arrangement.groups[0]).toMatchObject({ repeat: true, pinned: true });
    expect(result.arrangement.groups[0]!.reasons).toHaveLength(3);
    expect(result.arrangement.repeats).toBe(1);
    expect(result.arrangement.exact).toBe(false);
    expect(result.arrangement.totalFit).toBe(result.arrangement.groups.reduce((s, g) => s + g.fit, 0));
  });

  it('refuses what is not a swap', () => {
    expect(swap(input, arrangement, 'A', 'A')).toEqual({ ok: false, reason: 'nothing-to-swap' });
    expect(swap(input, arrangement, 'A', 'Z')).toEqual({ ok: false, reason: 'unknown-person' });
  });

  it('can take an unmatched person into a group, leaving the other out', () => {
    const two: MatchInput = { participants: [person('A'), person('B'), person('C', { avoid: ['A', 'B'] }), person('D')] };
    const base: Arrangement = {
      groups: [{ members: ['A', 'B'], fit: 0, reasons: [], repeat: false, pinned: false }],
      unmatched: [{ id: 'D', reason: 'no-partner-left' }],
      totalFit: 0,
      repeats: 0,
      exact: true,
      droppedPins: [],
    };
    const result = swap(two, base, 'D', 'B');
    expect(result.ok && groupsOf(result.arrangement)).toEqual([['A', 'D']]);
    expect(result.ok && result.arrangement.unmatched).toEqual([{ id: 'B', reason: 'swapped-out' }]);
  });
});

describe('shuffle', () => {
  it('returns a different arrangement, as good on people and repeats', () => {
    const input = realisticSurvey({ size: 24, seed: 'shuffle' });
    const first = matchPairs(input, { seed: 1 });
    const second = shuffle(input, [first], { seed: 1 });
    expect(second.changed).toBe(true);
    expect(groupsOf(second)).not.toEqual(groupsOf(first));
    expect(second.groups.reduce((n, g) => n + g.members.length, 0)).toBe(first.groups.reduce((n, g) => n + g.members.length, 0));
    expect(second.repeats).toBe(first.repeats);
    // Nothing shown is shown again while avoidable: 24 people have plenty of other partners.
    const shownPairs = new Set(first.groups.map((g) => g.members.join()));
    expect(second.groups.some((g) => shownPairs.has(g.members.join()))).toBe(false);
    const third = shuffle(input, [first, second], { seed: 1 });
    expect(third.changed).toBe(true);
    expect(groupsOf(third)).not.toEqual(groupsOf(second));
  });

  it('says when nothing else is possible', () => {
    const input: MatchInput = { participants: [person('A'), person('B')] };
    const only = matchPairs(input, { seed: 1 });
    const again = shuffle(input, [only], { seed: 1 });
    expect(again.changed).toBe(false);
    expect(groupsOf(again)).toEqual([['A', 'B']]);
  });
});

/** One key per arrangement, whatever the order of groups and members. */
const keyOf = (groups: string[][]): string =>
  groups
    .map((g) => [...g].sort().join(','))
    .sort()
    .join('|');

/**
 * The specification by enumeration: every arrangement (pairs, at most one trio, anyone left out)
 * that breaks no avoid-list, matching the most people and, among those, with the fewest repeats.
 */
function asGoodArrangements(input: MatchInput): Set<string> {
  const ids = input.participants.map((p) => p.id).sort();
  const byId = new Map(input.participants.map((p) => [p.id, p]));
  const avoid = (g: string[]) => g.some((a) => g.some((b) => a !== b && byId.get(a)!.avoid.includes(b)));
  const h = input.history;
  const repeatPairs = new Set(
    (h?.groups ?? [])
      .filter((g) => g.cycle < h!.currentCycle && (h!.coolOff === null || g.cycle >= h!.currentCycle - h!.coolOff))
      .flatMap((g) => g.members.flatMap((a) => g.members.filter((b) => a < b).map((b) => `${a}|${b}`))),
  );
  const repeats = (groups: string[][]) =>
    groups.reduce(
      (n, g) => n + g.flatMap((a) => g.filter((b) => a < b).map((b) => `${a}|${b}`)).filter((k) => repeatPairs.has(k)).length,
      0,
    );
  const all: string[][][] = [];
  const walk = (left: string[], groups: string[][], trio: boolean): void => {
    if (left.length === 0) return void all.push(groups);
    const [first, ...rest] = left as [string, ...string[]];
    walk(rest, groups, trio);
    rest.forEach((b, i) => {
      if (!avoid([first, b]))
        walk(
          rest.filter((x) => x !== b),
          [...groups, [first, b]],
          trio,
        );
      if (!trio)
        rest.slice(i + 1).forEach((c) => {
          if (!avoid([first, b, c]))
            walk(
              rest.filter((x) => x !== b && x !== c),
              [...groups, [first, b, c]],
              true,
            );
        });
    });
  };
  walk(ids, [], false);
  const people = (a: string[][]) => a.reduce((n, g) => n + g.length, 0);
  const most = Math.max(...all.map(people));
  const fewest = Math.min(...all.filter((a) => people(a) === most).map(repeats));
  return new Set(all.filter((a) => people(a) === most && repeats(a) === fewest).map(keyOf));
}

describe('shuffle never shows an arrangement twice while an unseen one is as good', () => {
  it('walks all ten arrangements of five people, then says nothing else is possible', () => {
    const input: MatchInput = {
      participants: [
        person('a', { stage: 0 }),
        person('b', { stage: 0 }),
        person('c', { stage: 1 }),
        person('d', { stage: 2 }),
        person('e', { stage: 4 }),
      ],
    };
    const shown = [matchPairs(input, { seed: 1 })];
    expect(groupsOf(shown[0]!)).toEqual([
      ['a', 'b'],
      ['c', 'd', 'e'],
    ]);
    for (let press = 1; press < 10; press++) {
      const next = shuffle(input, shown, { seed: 1 });
      expect({ press, changed: next.changed }).toEqual({ press, changed: true });
      expect(shown.map((a) => keyOf(groupsOf(a)))).not.toContain(keyOf(groupsOf(next)));
      shown.push(next);
    }
    expect(new Set(shown.map((a) => keyOf(groupsOf(a)))).size).toBe(10);
    expect(shuffle(input, shown, { seed: 1 }).changed).toBe(false);
  });

  it('every press up to the number of as-good arrangements shows a new one (brute force)', () => {
    const ids = ['A', 'B', 'C', 'D', 'E', 'F', 'G'];
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 7 }),
        fc.array(fc.tuple(fc.nat(6), fc.nat(6)), { maxLength: 4 }),
        fc.array(fc.tuple(fc.nat(6), fc.nat(6)), { maxLength: 4 }),
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 7, maxLength: 7 }),
        fc.integer({ min: 1, max: 1000 }),
        (n, avoidPairs, pastPairs, stages, seed) => {
          const here = ids.slice(0, n);
          const input: MatchInput = {
            participants: here.map((id, i) =>
              person(id, {
                stage: stages[i]!,
                avoid: avoidPairs.filter(([a, b]) => a === i && b < n && b !== a).map(([, b]) => here[b]!),
              }),
            ),
            history: {
              currentCycle: 2,
              coolOff: null,
              groups: pastPairs
                .filter(([a, b]) => a < n && b < n && a !== b)
                .map(([a, b]) => ({ cycle: 1, members: [here[a]!, here[b]!] })),
            },
          };
          const good = asGoodArrangements(input);
          const shown = [matchPairs(input, { seed })];
          expect(good.has(keyOf(groupsOf(shown[0]!)))).toBe(true);
          for (let press = 1; press < good.size; press++) {
            const next = shuffle(input, shown, { seed });
            const key = keyOf(groupsOf(next));
            expect(next.changed).toBe(true);
            expect(good.has(key)).toBe(true);
            expect(shown.map((a) => keyOf(groupsOf(a)))).not.toContain(key);
            shown.push(next);
          }
          expect(shuffle(input, shown, { seed }).changed).toBe(false);
        },
      ),
      { numRuns: 150 },
    );
  });
});
