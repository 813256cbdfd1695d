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
