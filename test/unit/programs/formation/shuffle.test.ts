import fc from 'fast-check';
import { arrangementKey, asGood, form, type Arrangement, type Instance } from '../../../../src/programs/formation';
import { bestTime, compile, hasConflict, scoreAt } from '../../../../src/programs/formation/model';
import { smallInstance } from './helpers';

/** Every arrangement of a tiny instance: each person unplaced or in one circle that keeps every hard rule. */
function everyArrangement(instance: Instance): Arrangement[] {
  const m = compile(instance);
  const { minSize, maxSize } = instance.rules;
  const out: Arrangement[] = [];
  const circles: number[][] = [];
  const used = new Uint8Array(m.n);
  const walk = (): void => {
    const p = used.indexOf(0);
    if (p < 0) {
      const list = circles.map((members) => {
        const time = bestTime(m, members).time;
        return { members: members.map((i) => m.ids[i]!), time: m.times[time]!, score: scoreAt(m, members, time) };
      });
      const placed = new Set(list.flatMap((c) => c.members));
      out.push({
        circles: list,
        unplaced: m.ids.filter((id) => !placed.has(id)).map((id) => ({ id, reason: 'not_enough_people' as const })),
        score: list.reduce((x, c) => x + c.score, 0),
      });
      return;
    }
    used[p] = 1;
    walk(); // p unplaced
    const rest = [...used.keys()].filter((q) => !used[q]);
    const grow = (members: number[], from: number): void => {
      if (members.length >= minSize && !hasConflict(m, members) && bestTime(m, members).time >= 0) {
        for (const q of members) used[q] = 1;
        circles.push([...members]);
        walk();
        circles.pop();
        for (const q of members) if (q !== p) used[q] = 0;
      }
      if (members.length === maxSize) return;
      for (let k = from; k < rest.length; k++) grow([...members, rest[k]!], k + 1);
    };
    grow([p], 0);
    used[p] = 0;
  };
  walk();
  return out;
}

const placed = (a: Arrangement): number => a.circles.reduce((k, c) => k + c.members.length, 0);

describe('Shuffle', () => {
  it('never shows an arrangement again while another as good exists (all arrangements enumerated)', () => {
    fc.assert(
      fc.property(smallInstance(4, 7), fc.integer({ min: 0, max: 1000 }), (instance, seed) => {
        const all = everyArrangement(instance);
        const best = all.reduce((x, y) =>
          placed(y) > placed(x) || (placed(y) === placed(x) && y.score > x.score + 1e-9) ? y : x,
        );
        const good = new Set(all.filter((a) => asGood(a, best)).map(arrangementKey));
        const shown: string[] = [];
        const first = form(instance, { seed });
        expect(placed(first)).toBe(placed(best));
        expect(first.score).toBeCloseTo(best.score, 6);
        for (let round = 0; round < good.size + 1; round++) {
          const a = form(instance, { seed, shown });
          const key = arrangementKey(a);
          if (shown.length < good.size) {
            expect(shown).not.toContain(key);
            expect(good.has(key)).toBe(true);
          }
          if (!shown.includes(key)) shown.push(key);
        }
      }),
      { numRuns: 40 },
    );
  });
});
