import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import loadHighs from 'highs';
import { form, generateInstance, type Instance } from '../../../../src/programs/formation';
import type { MilpSolver } from '../../../../src/programs/formation/exact';
import { exactPriced } from '../../../../src/programs/formation/exactPriced';

/**
 * The exact reference for cohorts too large to enumerate (column generation, then every circle
 * within the gap) must prove the same optima as the one that enumerates every circle: the stored
 * optima of exact.test.ts, from the search's arrangement and from none at all.
 */
interface Optimum {
  name: string;
  people: number;
  placed: number;
  score: number;
}
const optima: Optimum[] = JSON.parse(readFileSync(join(__dirname, 'exact-optima.json'), 'utf8'));
const instanceOf = (o: Optimum): Instance =>
  generateInstance(o.name, { people: o.people, rules: { minSize: 3, maxSize: 4 }, perOrganization: 1.3 });

let solve: MilpSolver;
beforeAll(async () => {
  const highs = await loadHighs();
  solve = (lp) => highs.solve(lp, { output_flag: false, mip_rel_gap: 0, mip_abs_gap: 1e-9 } as never) as never;
});

describe('exactPriced', () => {
  it('proves the stored optima, starting from the search arrangement', () => {
    for (const [k, o] of optima.slice(0, 6).entries()) {
      const instance = instanceOf(o);
      const a = form(instance, { seed: k });
      const exact = exactPriced(instance, solve, { incumbent: a.circles.map((c) => c.members) });
      expect(exact.proved).toBe(true);
      expect(exact.placed).toBe(o.placed);
      expect(exact.score).toBeCloseTo(o.score, 6);
      expect(exact.bound).toBeGreaterThanOrEqual(exact.score - 1e-6);
    }
  }, 60_000);

  it('proves them from no arrangement at all (every circle within the whole gap)', () => {
    for (const o of optima.slice(12, 14)) {
      const exact = exactPriced(instanceOf(o), solve, { incumbent: [] });
      expect(exact.proved).toBe(true);
      expect(exact.placed).toBe(o.placed);
      expect(exact.score).toBeCloseTo(o.score, 6);
      const members = exact.circles.flat();
      expect(new Set(members).size).toBe(members.length);
    }
  }, 60_000);

  it('gives up the proof, not a wrong answer, when the circles within the gap are too many', () => {
    const o = optima[20]!;
    const instance = instanceOf(o);
    const exact = exactPriced(instance, solve, { incumbent: [], maxColumns: 1 });
    expect(exact.proved).toBe(false);
    expect(exact.note).toBe('too many circles to prove the number placed');
    expect(exact).toMatchObject({ placed: 0, score: 0, circles: [] });
  }, 60_000);
});
