import fc from 'fast-check';
import type { Answer, Instance, Person, Rules } from '../../../../src/programs/formation';

export const rules = (over: Partial<Rules> = {}): Rules => ({
  minSize: 3,
  maxSize: 4,
  fields: [
    { key: 'stage', kind: 'ordinal', mode: 'alike', weight: 3, levels: 5 },
    { key: 'sector', kind: 'category', mode: 'mix', weight: 2 },
    { key: 'topics', kind: 'set', mode: 'alike', weight: 1 },
  ],
  separateOrganizations: true,
  maxIfNeedBe: 1,
  wishWeight: 2,
  repeatWeight: 3,
  ifNeedBeWeight: 0.5,
  ...over,
});

const answer = fc.constantFrom<Answer>('yes', 'yes', 'yes', 'ifneedbe', 'no');

/** Small random instances with every hard rule in play: shared organizations, avoid-lists, scarce times. */
export const smallInstance = (minPeople = 4, maxPeople = 14): fc.Arbitrary<Instance> =>
  fc
    .record({
      n: fc.integer({ min: minPeople, max: maxPeople }),
      minSize: fc.integer({ min: 2, max: 3 }),
      extra: fc.integer({ min: 0, max: 2 }),
      maxIfNeedBe: fc.integer({ min: 0, max: 2 }),
      seed: fc.integer({ min: 0, max: 1_000_000 }),
    })
    .chain(({ n, minSize, extra, maxIfNeedBe }) =>
      fc.record({
        people: fc.tuple(
          ...Array.from({ length: n }, (_, i) =>
            fc.record({
              stage: fc.integer({ min: 0, max: 4 }),
              sector: fc.constantFrom('government', 'business', 'nonprofit', 'academia'),
              topics: fc.subarray(['a', 'b', 'c', 'd']),
              org: fc.integer({ min: 0, max: n }),
              times: fc.tuple(answer, answer, answer),
              wish: fc.option(fc.integer({ min: 0, max: n - 1 })),
              avoid: fc.option(fc.integer({ min: 0, max: n - 1 }), { freq: 4 }),
              i: fc.constant(i),
            }),
          ),
        ),
        rules: fc.constant(rules({ minSize, maxSize: minSize + extra, maxIfNeedBe })),
      }),
    )
    .map(({ people, rules: r }) => ({
      times: ['t1', 't2', 't3'],
      rules: r,
      people: people.map((p): Person => ({
        id: `U${p.i}`,
        values: { stage: p.stage, sector: p.sector, topics: p.topics },
        organization: `org${p.org}`,
        times: { t1: p.times[0], t2: p.times[1], t3: p.times[2] },
        wishes: p.wish === null ? [] : [`U${p.wish}`],
        avoid: p.avoid === null ? [] : [`U${p.avoid}`],
      })),
    }));

export const placedCount = (a: { circles: Array<{ members: string[] }> }): number =>
  a.circles.reduce((k, c) => k + c.members.length, 0);
