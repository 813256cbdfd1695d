import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import loadHighs from 'highs';
import { generateInstance } from '../../../../src/programs/formation';
import { upperBound } from '../../../../src/programs/formation/bound';
import { exactOptimum, type MilpSolver } from '../../../../src/programs/formation/exact';
import { starBound } from '../../../../src/programs/formation/starBound';
import { smallInstance } from './helpers';

let solve: MilpSolver;
beforeAll(async () => {
  const highs = await loadHighs();
  solve = (lp) => highs.solve(lp, { output_flag: false } as never) as never;
});

describe('the benchmark bound (starBound)', () => {
  it('is never below the proven optimum of random small cohorts, given the optimum’s own count placed', () => {
    // Sectors of four values and circles of up to five: the sector cap is in play.
    fc.assert(
      fc.property(smallInstance(4, 12), (instance) => {
        const exact = exactOptimum(instance, solve);
        if (!exact || exact.placed === 0) return;
        const bound = starBound(instance, exact.placed, solve);
        expect(bound).not.toBeNull();
        expect(bound!).toBeGreaterThanOrEqual(exact.score - 1e-6);
      }),
      { numRuns: 150, seed: 22 },
    );
  });

  it('is never below the proven 48-person optima, and much tighter than bound.ts', () => {
    const stored: Array<{ seed: number; placed: number; score: number }> = JSON.parse(
      readFileSync(join(__dirname, 'exact-optima-48.json'), 'utf8'),
    );
    for (const o of stored.slice(0, 10)) {
      const instance = generateInstance(`bench-48-${o.seed}`, { people: 48 });
      const bound = starBound(instance, o.placed, solve)!;
      expect(bound).toBeGreaterThanOrEqual(o.score - 1e-6);
      expect(bound).toBeLessThan(upperBound(instance));
    }
  });

  it('is null when no arrangement could place that many', () => {
    const instance = generateInstance('bench-48-0', { people: 48 });
    expect(starBound(instance, 49, solve)).toBeNull();
  });
});
