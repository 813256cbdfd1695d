import fc from 'fast-check';
import loadHighs from 'highs';
import { form, type Instance, type Person } from '../../../../src/programs/formation';
import { exactOptimum, type MilpSolver } from '../../../../src/programs/formation/exact';
import { mostPairs } from '../../../../src/programs/formation/mostPairs';
import { rules, smallInstance } from './helpers';

let solve: MilpSolver;
beforeAll(async () => {
  const highs = await loadHighs();
  solve = (lp) => highs.solve(lp, { output_flag: false } as never) as never;
});

const pairsOf = (circles: Array<{ length: number }>): number => circles.reduce((k, c) => k + (c.length * (c.length - 1)) / 2, 0);

const person = (id: string, answer: 'yes' | 'ifneedbe'): Person => ({
  id,
  values: {},
  organization: id,
  times: { t: answer },
  wishes: [],
  avoid: [],
});

describe('the most pairs circles of the allowed sizes and times can hold', () => {
  // Eleven can come, two only if need be; circles of 3 to 6.
  const people = [
    ...Array.from({ length: 11 }, (_, i) => person(`Y${i}`, 'yes')),
    person('M1', 'ifneedbe'),
    person('M2', 'ifneedbe'),
  ];
  const cohort = (maxIfNeedBe: number): Instance => ({
    people,
    times: ['t'],
    rules: rules({ minSize: 3, maxSize: 6, maxIfNeedBe }),
  });

  it('counts whole circles: 12 placed fill two of six (30 pairs); 13 need a third circle (6 + 4 + 3: 24 pairs)', () => {
    expect(mostPairs(cohort(1), 12, solve)).toBe(30);
    expect(mostPairs(cohort(1), 13, solve)).toBe(24);
    expect(mostPairs(cohort(1), 14, solve)).toBeNull();
  });

  it('keeps the if-need-be limit: with none allowed only the eleven can be placed (6 + 5: 25 pairs)', () => {
    expect(mostPairs(cohort(0), 11, solve)).toBe(25);
    expect(mostPairs(cohort(0), 12, solve)).toBeNull();
  });

  it('is never below the pairs of the proven optimum, nor of the search’s arrangement (random small cohorts)', () => {
    fc.assert(
      fc.property(smallInstance(4, 12), (instance) => {
        const exact = exactOptimum(instance, solve);
        if (!exact) return;
        const most = mostPairs(instance, exact.placed, solve);
        expect(most).not.toBeNull();
        expect(most!).toBeGreaterThanOrEqual(pairsOf(exact.circles));
        const found = form(instance, { seed: 1 });
        const placed = found.circles.reduce((k, c) => k + c.members.length, 0);
        expect(mostPairs(instance, placed, solve)!).toBeGreaterThanOrEqual(pairsOf(found.circles.map((c) => c.members)));
      }),
      { numRuns: 100, seed: 5 },
    );
  });
});
