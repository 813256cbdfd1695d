import { encodePool, repeatPairs } from '../../../src/pairs/matching/encode';
import { matchPairs } from '../../../src/pairs/matching/match';
import { objectiveWeights } from '../../../src/pairs/matching/objective';
import { solve, type SolveOptions } from '../../../src/pairs/matching/solver';
import { realisticSurvey } from '../../../src/pairs/matching/survey';
import type { MatchInput } from '../../../src/pairs/matching/types';
import { bruteForce, randomInstance, scoreOf } from './helpers';

function poolOf(input: MatchInput) {
  return encodePool(
    input.participants,
    repeatPairs(input.history),
    new Set(),
    objectiveWeights(input.participants.length, false),
    true,
  );
}

const exact: SolveOptions = { maxSolves: Infinity, candidatesPerPerson: 3, maxNodes: 500 };

describe('solve', () => {
  it('finds the best hub by pricing when it does not start with it (brute force)', () => {
    // One starting hub and three candidates per person: pricing must add pairs and hubs.
    for (let seed = 1; seed <= 120; seed++) {
      const size = 5 + 2 * (seed % 3);
      const input = randomInstance(5000 + seed, size, { avoidRate: 0.15, repeatRate: 0.2 });
      const pool = poolOf(input);
      const result = solve(pool, { ...exact, startingHubs: seed % 2 });
      expect(result.exact).toBe(true);
      const arrangement = matchPairs(input, { seed: 1 });
      // Same objective value as the brute force, whichever equally good groups were chosen.
      expect(result.value).toBe(solve(pool, { ...exact, startingHubs: size }).value);
      expect(scoreOf(arrangement, input)).toEqual(bruteForce(input));
    }
  });

  it('proves the same optimum from a sparse start as with every hub and every pair, on larger cohorts', () => {
    for (const size of [31, 47, 60, 61]) {
      const input = realisticSurvey({ size, seed: `solver-${size}` });
      const pool = poolOf(input);
      const sparse = solve(pool, { ...exact, startingHubs: 0 });
      const full = solve(pool, { maxSolves: Infinity, candidatesPerPerson: size, maxNodes: 500, startingHubs: size });
      expect(sparse.exact).toBe(true);
      expect(full.exact).toBe(true);
      expect(sparse.value).toBe(full.value);
      expect(sparse.stats.solves).toBeGreaterThan(1);
    }
  });

  it('bounds the optimum when the solve budget runs out', () => {
    for (const size of [80, 81]) {
      const input = realisticSurvey({ size, seed: `bound-${size}` });
      const pool = poolOf(input);
      const optimum = solve(pool, exact).value;
      const budget = solve(pool, { maxSolves: 1, candidatesPerPerson: 2, maxNodes: 4, startingHubs: 0 });
      expect(budget.value).toBeLessThanOrEqual(optimum);
      expect(budget.exact ? budget.value : budget.bound!).toBeGreaterThanOrEqual(optimum);
    }
  });
});
