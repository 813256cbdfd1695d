import fc from 'fast-check';
import type { Instance, Person } from '../../../../src/programs/formation';
import { hardRuleBreaks } from '../../../../src/programs/formation';
import { dissolveCircles } from '../../../../src/programs/formation/dissolve';
import { compile } from '../../../../src/programs/formation/model';
import { State, UNPLACED } from '../../../../src/programs/formation/state';
import { rules, smallInstance } from './helpers';

const person = (id: string, times: Person['times'], organization = id): Person => ({
  id,
  values: { stage: 2 },
  organization,
  times,
  wishes: [],
  avoid: [],
});

const build = (instance: Instance, circles: string[][]): State => {
  const m = compile(instance);
  const s = new State(m);
  for (const ids of circles) {
    const c = s.open();
    for (const id of ids) s.move(m.index.get(id)!, c);
  }
  return s;
};

const sizes = (s: State): number[] =>
  s.members
    .map((x) => x.length)
    .filter((k) => k > 0)
    .sort();

describe('dissolving circles into others with room', () => {
  // All alike: every pair is worth 3, so the score counts pairs.
  const fields = [{ key: 'stage', kind: 'ordinal' as const, mode: 'alike' as const, weight: 3, levels: 5 }];

  it('turns twelve people in four circles of three into two of six: placed the same, more pairs', () => {
    const people = 'ABCDEFGHIJKL'.split('').map((id) => person(id, { t: 'yes' }));
    const instance: Instance = { people, times: ['t'], rules: rules({ minSize: 3, maxSize: 6, fields }) };
    const s = build(
      instance,
      ['ABC', 'DEF', 'GHI', 'JKL'].map((x) => x.split('')),
    );
    expect(s.score).toBe(4 * 3 * 3);
    while (dissolveCircles(s));
    expect(sizes(s)).toEqual([6, 6]);
    expect(s.placed).toBe(12);
    expect(s.score).toBe(2 * 15 * 3);
  });

  it('leaves a circle whose members have nowhere to go: no other circle meets at a time they can make', () => {
    const people = [
      ...'ABC'.split('').map((id) => person(id, { t1: 'yes', t2: 'no' })),
      ...'DEFG'.split('').map((id) => person(id, { t1: 'no', t2: 'yes' })),
    ];
    const instance: Instance = { people, times: ['t1', 't2'], rules: rules({ minSize: 3, maxSize: 6, fields }) };
    const s = build(instance, [
      ['A', 'B', 'C'],
      ['D', 'E', 'F', 'G'],
    ]);
    const before = s.score;
    expect(dissolveCircles(s)).toBe(false);
    expect(s.members.map((x) => [...x].sort())).toEqual([
      [0, 1, 2],
      [3, 4, 5, 6],
    ]);
    expect(s.score).toBe(before);
  });

  it('keeps a circle when only some members find room (one shares an organization with every other circle)', () => {
    const people = [
      person('A', { t: 'yes' }, 'org-x'),
      person('B', { t: 'yes' }),
      person('C', { t: 'yes' }),
      person('D', { t: 'yes' }, 'org-x'),
      person('E', { t: 'yes' }),
      person('F', { t: 'yes' }),
    ];
    const instance: Instance = { people, times: ['t'], rules: rules({ minSize: 3, maxSize: 6, fields }) };
    const s = build(instance, [
      ['A', 'B', 'C'],
      ['D', 'E', 'F'],
    ]);
    expect(dissolveCircles(s)).toBe(false);
    expect(sizes(s)).toEqual([3, 3]);
  });

  it('never breaks a hard rule, never places fewer, never lowers the score (random cohorts, random circles)', () => {
    let dissolved = 0;
    fc.assert(
      fc.property(smallInstance(6, 14), fc.integer({ min: 0, max: 1000 }), (instance, salt) => {
        const m = compile(instance);
        const s = new State(m);
        // Circles the hard rules allow, of the minimum size (so others have room), from a salted order.
        const order = m.ids.map((_, i) => i).sort((a, b) => ((a * 7919 + salt) % 97) - ((b * 7919 + salt) % 97));
        for (const p of order) {
          let home = -1;
          for (let c = 0; c < s.members.length && home < 0; c++)
            if (s.members[c]!.length < m.rules.minSize && !s.clashes(p, c) && s.bestWith(c, p, -1) >= 0) home = c;
          s.move(p, home >= 0 ? home : s.open());
        }
        for (let c = 0; c < s.members.length; c++)
          if (s.members[c]!.length < m.rules.minSize) for (const p of [...s.members[c]!]) s.move(p, UNPLACED);
        const placed = s.placed;
        const score = s.score;
        if (dissolveCircles(s)) dissolved++;
        expect(s.placed).toBe(placed);
        expect(s.score).toBeGreaterThanOrEqual(score - 1e-9);
        const circles = s.members
          .map((list, c) => ({ list, time: s.timeOf(c) }))
          .filter(({ list }) => list.length > 0)
          .map(({ list, time }) => ({ members: list.map((p) => m.ids[p]!), time: m.times[time]!, score: 0 }));
        const unplaced = m.ids
          .filter((_, p) => s.circleOf[p] === UNPLACED)
          .map((id) => ({ id, reason: 'not_enough_people' as const }));
        expect(hardRuleBreaks(instance, { circles, unplaced, score: s.score })).toEqual([]);
      }),
      { numRuns: 300, seed: 7 },
    );
    // The property is about circles actually broken up, not only about leaving them be.
    expect(dissolved).toBeGreaterThan(50);
  });
});
