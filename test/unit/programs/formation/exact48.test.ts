import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { form, generateInstance, hardRuleBreaks } from '../../../../src/programs/formation';

/**
 * 48 people in circles of 6 to 8 against optima proved by exactPriced (column generation, then every
 * circle within the gap), written by `BENCH_FIXTURE_48=1 BENCH_SIZES=48 npm run bench:formation`
 * (minutes each, so none is re-proved here; exact-priced.test.ts checks the method on small cohorts).
 */
interface Optimum48 {
  seed: number;
  proved: boolean;
  placed: number;
  score: number;
  bound: number | null;
}
const optima: Optimum48[] = JSON.parse(readFileSync(join(__dirname, 'exact-optima-48.json'), 'utf8'));
const placed = (a: { circles: Array<{ members: string[] }> }): number => a.circles.reduce((k, c) => k + c.members.length, 0);

describe('48 people against the proven optimum', () => {
  it('has proven optima to compare with', () => {
    expect(optima.filter((o) => o.proved).length).toBeGreaterThanOrEqual(20);
  });

  it('reaches the proven optimum (the first few, as the bench does for all)', () => {
    for (const o of optima.filter((x) => x.proved).slice(0, 4)) {
      const instance = generateInstance(`bench-48-${o.seed}`, { people: 48 });
      const a = form(instance, { seed: o.seed });
      expect(hardRuleBreaks(instance, a)).toEqual([]);
      expect(placed(a)).toBe(o.placed);
      expect(a.score).toBeCloseTo(o.score, 6);
    }
  }, 60_000);

  it('reaches it on seeds the restarts alone missed (the kicks and the recombination find it)', () => {
    for (const seed of [11, 14, 71]) {
      const o = optima.find((x) => x.seed === seed && x.proved)!;
      const instance = generateInstance(`bench-48-${seed}`, { people: 48 });
      const a = form(instance, { seed });
      expect(hardRuleBreaks(instance, a)).toEqual([]);
      expect(placed(a)).toBe(o.placed);
      expect(a.score).toBeCloseTo(o.score, 6);
    }
  }, 60_000);
});
