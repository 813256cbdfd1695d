/**
 * The most pairs of members any arrangement placing at least `minPlaced` people can hold, from circle
 * sizes and times alone: who may sit with whom (organizations, avoid-lists) and how well they fit are
 * left out, so it bounds every arrangement. The score is a sum over pairs, so an arrangement with fewer
 * pairs than this has room to grow by fuller circles; the benchmark reports the search's pairs against
 * it (that is how the search was found keeping too many circles of six at 3,000 people).
 *
 * A mixed-integer programme: each person at one time they can make, or none; per time x and size s,
 * k(s, x) circles; the people at x fill them exactly; at most `maxIfNeedBe` if-need-be people per
 * circle; at least `minPlaced` placed. Maximize Σ k(s, x) · s(s − 1)/2.
 */
import { terms, type MilpSolver } from './exact';
import { compile, IF_NEED_BE, NO } from './model';
import type { Instance } from './types';

/** The programme (HiGHS's LP file format), or null when nobody can make any time. */
export function mostPairsModel(instance: Instance, minPlaced: number): string | null {
  const { n, t, avail, rules } = compile(instance);
  const byPerson: string[][] = Array.from({ length: n }, () => []);
  const atTime: string[][] = Array.from({ length: t }, () => []);
  const ifnAtTime: string[][] = Array.from({ length: t }, () => []);
  const everyone: string[] = [];
  for (let i = 0; i < n; i++)
    for (let x = 0; x < t; x++) {
      const a = avail[i * t + x];
      if (a === NO) continue;
      const name = `y${i}_${x}`;
      byPerson[i]!.push(name);
      atTime[x]!.push(name);
      everyone.push(name);
      if (a === IF_NEED_BE) ifnAtTime[x]!.push(name);
    }
  if (everyone.length === 0) return null;
  const objective: Array<[number, string]> = [];
  const circles: string[] = [];
  const rows: string[] = [];
  byPerson.forEach((xs, i) => {
    if (xs.length > 0) rows.push(` p${i}:\n${terms(xs.map((x): [number, string] => [1, x]))}\n <= 1`);
  });
  for (let x = 0; x < t; x++) {
    if (atTime[x]!.length === 0) continue;
    const counts: Array<[number, string]> = [];
    for (let s = rules.minSize; s <= rules.maxSize; s++) {
      const k = `k${s}_${x}`;
      circles.push(k);
      counts.push([s, k]);
      objective.push([(s * (s - 1)) / 2, k]);
    }
    rows.push(
      ` c${x}:\n${terms([...atTime[x]!.map((y): [number, string] => [1, y]), ...counts.map(([s, k]): [number, string] => [-s, k])])}\n = 0`,
    );
    if (ifnAtTime[x]!.length > 0)
      rows.push(
        ` q${x}:\n${terms([...ifnAtTime[x]!.map((y): [number, string] => [1, y]), ...counts.map(([, k]): [number, string] => [-rules.maxIfNeedBe, k])])}\n <= 0`,
      );
  }
  rows.push(` placed:\n${terms(everyone.map((y): [number, string] => [1, y]))}\n >= ${minPlaced}`);
  return `Maximize\n obj:\n${terms(objective)}\nSubject To\n${rows.join('\n')}\nGeneral\n${circles.map((k) => ` ${k}`).join('\n')}\nBinary\n${everyone.map((y) => ` ${y}`).join('\n')}\nEnd\n`;
}

/** The most pairs, or null when no arrangement of sizes and times places `minPlaced` people. */
export function mostPairs(instance: Instance, minPlaced: number, solve: MilpSolver): number | null {
  const model = mostPairsModel(instance, minPlaced);
  if (model === null) return minPlaced > 0 ? null : 0;
  const result = solve(model);
  if (result.Status !== 'Optimal') return null;
  return Math.round(result.ObjectiveValue);
}
