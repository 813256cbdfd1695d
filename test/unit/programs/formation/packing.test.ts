import fc from 'fast-check';
import { bestPacking, type PackColumn } from '../../../../src/programs/formation/packing';

/** Every packing, by brute force: the reference for the branch and bound. */
function bruteForce(columns: PackColumn[], people: number, floor: number, maxOut: number): number | null {
  let best: number | null = null;
  const used = new Uint8Array(people);
  const walk = (from: number, total: number, placed: number): void => {
    if (people - placed <= maxOut && total > floor && (best === null || total > best)) best = total;
    for (let i = from; i < columns.length; i++) {
      const c = columns[i]!;
      if (c.members.some((p) => used[p])) continue;
      for (const p of c.members) used[p] = 1;
      walk(i + 1, total + c.value, placed + c.members.length);
      for (const p of c.members) used[p] = 0;
    }
  };
  walk(0, 0, 0);
  return best;
}

const instance = fc
  .record({ people: fc.integer({ min: 6, max: 14 }), count: fc.integer({ min: 1, max: 30 }), seed: fc.integer() })
  .chain(({ people, count }) =>
    fc.record({
      people: fc.constant(people),
      columns: fc.array(
        fc.record({
          members: fc.uniqueArray(fc.integer({ min: 0, max: people - 1 }), { minLength: 3, maxLength: 4 }),
          value: fc.integer({ min: -5, max: 60 }),
        }),
        { minLength: count, maxLength: count },
      ),
      maxOut: fc.integer({ min: 0, max: people }),
      floor: fc.integer({ min: -10, max: 80 }),
    }),
  );

describe('bestPacking', () => {
  it('finds the best packing that brute force finds, on random small instances', () => {
    fc.assert(
      fc.property(instance, ({ people, columns, maxOut, floor }) => {
        const expected = bruteForce(columns, people, floor, maxOut);
        const found = bestPacking(columns, people, { floor, maxOut, nodeLimit: 1e7 });
        if (expected === null) return found === null;
        if (!found || !found.complete) return false;
        const members = found.chosen.flatMap((i) => [...columns[i]!.members]);
        return (
          Math.abs(found.value - expected) < 1e-9 &&
          new Set(members).size === members.length &&
          people - members.length <= maxOut &&
          Math.abs(found.chosen.reduce((x, i) => x + columns[i]!.value, 0) - expected) < 1e-9
        );
      }),
      { numRuns: 500, seed: 7 },
    );
  });
});
