import fc from 'fast-check';
import {
  applyEdit,
  arrangementKey,
  describeCircle,
  form,
  FormationEditError,
  generateInstance,
  hardRuleBreaks,
  previewEdit,
  type Instance,
} from '../../../../src/programs/formation';
import { placedCount, rules, smallInstance } from './helpers';

describe('form', () => {
  it('never breaks a hard rule, and names a reason for everyone it leaves out', () => {
    fc.assert(
      fc.property(smallInstance(), fc.integer(), (instance, seed) => {
        const a = form(instance, { seed, iterations: 3000, restarts: 2 });
        expect(hardRuleBreaks(instance, a)).toEqual([]);
        expect(placedCount(a) + a.unplaced.length).toBe(instance.people.length);
        for (const u of a.unplaced) expect(['no_shared_time', 'conflicts', 'not_enough_people']).toContain(u.reason);
      }),
      { numRuns: 150 },
    );
  });

  it('gives the same arrangement for the same seed', () => {
    const instance = generateInstance(7, { people: 48 });
    expect(form(instance, { seed: 3 })).toEqual(form(instance, { seed: 3 }));
  });

  it('forms a cohort of 48 with no broken rule, circles within 6 to 8', () => {
    const instance = generateInstance(11, { people: 48 });
    const a = form(instance, { seed: 1 });
    expect(hardRuleBreaks(instance, a)).toEqual([]);
    expect(placedCount(a)).toBeGreaterThanOrEqual(42);
    for (const c of a.circles) expect(c.members.length).toBeGreaterThanOrEqual(6);
  });

  it('says why someone who shares no time with anyone is left out', () => {
    const instance = generateInstance(2, { people: 30 });
    const loner = instance.people[0]!;
    loner.times = Object.fromEntries(instance.times.map((t) => [t, 'no']));
    const a = form(instance, { seed: 1 });
    expect(a.unplaced).toContainEqual({ id: loner.id, reason: 'no_shared_time' });
  });

  it('keeps locked circles exactly and builds the rest around them', () => {
    const instance = generateInstance(5, { people: 48 });
    const first = form(instance, { seed: 1 });
    const locked = [first.circles[2]!];
    const again = form(instance, { seed: 99, locked });
    expect(again.circles).toContainEqual(expect.objectContaining({ members: locked[0]!.members, time: locked[0]!.time }));
    expect(hardRuleBreaks(instance, again)).toEqual([]);
  });

  it('with arrangements shown, returns one not shown', () => {
    const instance = generateInstance(4, { people: 48 });
    const shown: string[] = [];
    for (let i = 0; i < 4; i++) {
      const a = form(instance, { seed: 1, shown });
      const key = arrangementKey(a);
      expect(shown).not.toContain(key);
      expect(hardRuleBreaks(instance, a)).toEqual([]);
      shown.push(key);
    }
  });
});

describe('arrangementKey', () => {
  it('does not depend on the order of circles or members', () => {
    const a = {
      circles: [
        { members: ['A', 'B', 'C'], time: 't1', score: 1 },
        { members: ['D', 'E', 'F'], time: 't2', score: 2 },
      ],
    };
    const b = {
      circles: [
        { members: ['F', 'D', 'E'], time: 't2', score: 2 },
        { members: ['C', 'A', 'B'], time: 't1', score: 1 },
      ],
    };
    expect(arrangementKey(a)).toBe(arrangementKey(b));
    expect(arrangementKey(a)).not.toBe(arrangementKey({ circles: [a.circles[0]!, { ...a.circles[1]!, time: 't3' }] }));
  });
});

describe('edits', () => {
  const person = (id: string, org: string, over: Partial<Instance['people'][number]> = {}) => ({
    id,
    values: { stage: 2, sector: id < 'D' ? 'business' : 'government' },
    organization: org,
    times: { t1: 'yes' as const, t2: 'yes' as const },
    wishes: [],
    avoid: [],
    ...over,
  });
  const instance: Instance = {
    times: ['t1', 't2'],
    rules: rules({ minSize: 3, maxSize: 4 }),
    people: [
      person('A', 'o1', { avoid: ['E'] }),
      person('B', 'o2'),
      person('C', 'o3', { times: { t1: 'yes', t2: 'no' } }),
      person('D', 'o1'),
      person('E', 'o4'),
      person('F', 'o5', { times: { t1: 'no', t2: 'yes' } }),
      person('G', 'o6'),
    ],
  };
  const arrangement = {
    circles: [
      { members: ['A', 'B', 'C'], time: 't1', score: 0 },
      { members: ['D', 'E', 'F', 'G'], time: 't2', score: 0 },
    ],
    unplaced: [],
    score: 0,
  };
  const scored = applyEdit(instance, arrangement, { kind: 'swap', a: 'B', b: 'G' });

  it('previews a swap: both circles before and after, the time each keeps', () => {
    const preview = previewEdit(instance, scored, { kind: 'swap', a: 'G', b: 'B' });
    expect(preview.breaks).toEqual([]);
    expect(preview.circles.map((c) => c.index)).toEqual([0, 1]);
    expect(preview.circles[0]!.timeAfter).toBe('t1');
    expect(preview.circles[1]!.timeAfter).toBe('t2');
    expect(preview.scoreAfter - preview.scoreBefore).toBeCloseTo(preview.circles.reduce((x, c) => x + c.after - c.before, 0));
  });

  it('names the rules an edit would break and refuses to apply it', () => {
    expect(previewEdit(instance, scored, { kind: 'swap', a: 'G', b: 'E' }).breaks).toEqual(['avoid']);
    expect(previewEdit(instance, scored, { kind: 'swap', a: 'G', b: 'D' }).breaks).toEqual(['organization']);
    expect(previewEdit(instance, scored, { kind: 'swap', a: 'G', b: 'F' }).breaks).toEqual(['shared_time']);
    expect(previewEdit(instance, scored, { kind: 'move', person: 'A', toCircle: 1 }).breaks.sort()).toEqual([
      'avoid',
      'organization',
      'size',
    ]);
    expect(() => applyEdit(instance, scored, { kind: 'swap', a: 'G', b: 'E' })).toThrow(FormationEditError);
    try {
      applyEdit(instance, scored, { kind: 'swap', a: 'G', b: 'F' });
    } catch (error) {
      expect((error as FormationEditError).breaks).toEqual(['shared_time']);
    }
  });

  it('applies an edit that keeps every rule, rescoring the circles it touches', () => {
    const after = applyEdit(instance, scored, { kind: 'swap', a: 'G', b: 'B' });
    expect(after.circles[0]!.members.sort()).toEqual(['A', 'B', 'C']);
    expect(hardRuleBreaks(instance, after)).toEqual([]);
    expect(after.score).toBeCloseTo(after.circles.reduce((x, c) => x + c.score, 0));
  });

  it('refuses people and circles not in the arrangement', () => {
    expect(() => previewEdit(instance, scored, { kind: 'move', person: 'Z', toCircle: 0 })).toThrow(RangeError);
    expect(() => previewEdit(instance, scored, { kind: 'move', person: 'A', toCircle: 9 })).toThrow(RangeError);
  });
});

describe('describeCircle', () => {
  it('says what is alike and mixed, wishes met, the time and who comes if need be; never organizations or avoid-lists', () => {
    const instance = generateInstance(3, { people: 48, pastPairs: 200 });
    const a = form(instance, { seed: 1 });
    for (const circle of a.circles) {
      const facts = describeCircle(instance, circle);
      expect(facts.time).toBe(circle.time);
      const text = JSON.stringify(facts);
      for (const id of circle.members) {
        const p = instance.people.find((x) => x.id === id)!;
        expect(text).not.toContain(p.organization!);
        for (const x of facts.ifNeedBe) expect(circle.members).toContain(x);
      }
      for (const [x, y] of facts.wishesMet) expect(circle.members).toEqual(expect.arrayContaining([x, y]));
      for (const [x, y] of facts.repeats) expect(circle.members).toEqual(expect.arrayContaining([x, y]));
    }
  });
});

describe('generateInstance', () => {
  it('is seeded, with six times, shared organizations, wishes and avoid-lists', () => {
    const a = generateInstance(1, { people: 300 });
    expect(generateInstance(1, { people: 300 })).toEqual(a);
    expect(a.times).toHaveLength(6);
    const orgs = new Set(a.people.map((p) => p.organization));
    expect(orgs.size).toBeLessThan(300);
    expect(orgs.size).toBeGreaterThan(100);
    expect(a.people.some((p) => p.wishes.length > 0)).toBe(true);
    expect(a.people.some((p) => p.avoid.length > 0)).toBe(true);
    expect(new Set(a.people.map((p) => p.values.sector))).toEqual(
      new Set(['government', 'business', 'nonprofit', 'academia', 'other']),
    );
  });
});
