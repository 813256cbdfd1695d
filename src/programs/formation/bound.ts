/**
 * An upper bound on the score of any arrangement, for the benchmark where the exact optimum is out
 * of reach. Each part of the objective is bounded on its own (the sum of the parts' maxima bounds
 * the maximum of their sum):
 *
 * - a field: every person's best maxSize-1 fits among the people they could share a circle with
 *   (no conflict, a shared time), halved since each pair is counted from both sides; for a mixed
 *   category also at most N * M(maxSize) / maxSize pairs of different values, M(s) being the most
 *   such pairs a circle of s can hold with the categories present (values spread evenly);
 * - wishes: every wish met (where the two could share a circle); repeats and if-need-be: 0.
 */
import { compile, fieldFit } from './model';
import type { Instance } from './types';

function topSum(values: number[], k: number): number {
  values.sort((a, b) => b - a);
  let s = 0;
  for (let i = 0; i < Math.min(k, values.length); i++) if (values[i]! > 0) s += values[i]!;
  return s;
}

/** Most pairs of different values in a circle of s with `kinds` values: spread as evenly as possible. */
export function mostMixedPairs(s: number, kinds: number): number {
  if (kinds <= 1) return 0;
  const base = Math.floor(s / kinds);
  const extra = s % kinds;
  const same = (extra * ((base + 1) * base)) / 2 + ((kinds - extra) * (base * (base - 1))) / 2;
  return (s * (s - 1)) / 2 - same;
}

export function upperBound(instance: Instance): number {
  const m = compile(instance);
  const { n, t, avail, conflict, rules } = m;
  const people = instance.people;
  const k = rules.maxSize - 1;
  const compatible = (i: number, j: number): boolean => {
    if (i === j || conflict[i * n + j]) return false;
    for (let x = 0; x < t; x++) if (avail[i * t + x]! > 0 && avail[j * t + x]! > 0) return true;
    return false;
  };
  const mates: number[][] = people.map((_, i) => {
    const list: number[] = [];
    for (let j = 0; j < n; j++) if (compatible(i, j)) list.push(j);
    return list;
  });
  let bound = 0;
  for (const field of rules.fields) {
    if (!(field.weight > 0)) continue;
    let pairs = 0;
    people.forEach((p, i) => {
      pairs += topSum(
        mates[i]!.map((j) => fieldFit(field, p.values[field.key], people[j]!.values[field.key])),
        k,
      );
    });
    let part = pairs / 2;
    if (field.kind === 'category' && field.mode === 'mix') {
      const kinds = new Set(people.map((p) => p.values[field.key]).filter((v) => typeof v === 'string')).size;
      part = Math.min(part, (field.weight * n * mostMixedPairs(rules.maxSize, kinds)) / rules.maxSize);
    }
    bound += part;
  }
  const index = m.index;
  people.forEach((p, i) => {
    for (const id of new Set(p.wishes)) {
      const j = index.get(id);
      if (j !== undefined && compatible(i, j)) bound += rules.wishWeight;
    }
  });
  return bound;
}
