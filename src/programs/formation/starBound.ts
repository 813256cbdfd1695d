/**
 * An upper bound on the score of any arrangement that places at least `minPlaced` people, for
 * cohorts too large to solve exactly (300, 3,000). The benchmark states it with the search's own
 * count, which the optimum places at least as many as (people placed come first): so it bounds the
 * optimum's score. Stated exactly in docs/formation.md ("The benchmark's bound").
 *
 * A circle's score is the sum over its members of half their links to the others, less the
 * if-need-be penalty: each member's share is at most the best the member could get from any
 * `s − 1` people they could sit with at that time (their own "star"). A linear programme then
 * chooses, for each person, a circle size, a time and how many of their mates come from another
 * sector, keeping what any real arrangement must: as many people at a time and size as whole
 * circles hold, at most `maxIfNeedBe` if-need-be members per circle, no more pairs of different
 * sectors than a circle of that size can hold, no fewer pairs of one sector than its people
 * spread evenly over the circles must make, and at least `minPlaced` people placed. Those counts
 * are what the stars alone miss: at 3,000 people each circle can take only one of the people who
 * can come only if need be, which forces circles of six, and the rarer sectors cannot be in all of
 * them.
 */
import { terms, type MilpSolver } from './exact';
import { mostMixedPairs } from './bound';
import { compile, IF_NEED_BE, NO, type Model } from './model';
import type { Field, Instance } from './types';

/** Prefix sums of the `k` largest values: best[c] is the sum of the c largest (or -Infinity past the list). */
function bestPrefix(values: number[], k: number): number[] {
  values.sort((a, b) => b - a);
  const out = [0];
  for (let c = 0; c < k; c++) out.push(c < values.length ? out[c]! + values[c]! : -Infinity);
  return out;
}

/** The heaviest mixed category with fewer values than a circle has seats (so a circle must repeat one), or null. */
function cappedField(instance: Instance): { field: Field; kinds: number } | null {
  let best: { field: Field; kinds: number } | null = null;
  for (const field of instance.rules.fields) {
    if (field.kind !== 'category' || field.mode !== 'mix' || !(field.weight > 0)) continue;
    const kinds = new Set(instance.people.map((p) => p.values[field.key]).filter((v) => typeof v === 'string')).size;
    if (kinds >= instance.rules.maxSize) continue;
    if (!best || field.weight > best.field.weight) best = { field, kinds };
  }
  return best;
}

/**
 * For person i at time x and circle size s, the best half-links with exactly `mixed` mates of
 * another value of the capped field, for every `mixed` in 0..s-1, with no more if-need-be
 * members than the circle allows.
 */
function starValues(m: Model, value: Array<string | undefined>, i: number, x: number, sizes: number[]): number[][] {
  const { n, t, avail, conflict, w, rules } = m;
  const k = rules.maxSize - 1;
  // Mates by (other value, if need be): [other yes, other ifn, same yes, same ifn].
  const lists: number[][] = [[], [], [], []];
  const mine = value[i];
  for (let j = 0; j < n; j++) {
    if (j === i || conflict[i * n + j]) continue;
    const a = avail[j * t + x]!;
    if (a === NO) continue;
    const other = mine !== undefined && value[j] !== undefined && value[j] !== mine;
    lists[(other ? 0 : 2) + (a === IF_NEED_BE ? 1 : 0)]!.push(w[i * n + j]! / 2);
  }
  const best = lists.map((l) => bestPrefix(l, k));
  const room = rules.maxIfNeedBe - (avail[i * t + x] === IF_NEED_BE ? 1 : 0);
  return sizes.map((s) => {
    const out: number[] = [];
    for (let mixed = 0; mixed < s; mixed++) {
      let top = -Infinity;
      for (let oi = 0; oi <= Math.min(room, mixed); oi++)
        for (let si = 0; oi + si <= room && si <= s - 1 - mixed; si++) {
          const v = best[0]![mixed - oi]! + best[1]![oi]! + best[2]![s - 1 - mixed - si]! + best[3]![si]!;
          if (v > top) top = v;
        }
      out.push(top);
    }
    return out;
  });
}

/**
 * A value few people have cannot be in every circle, and a common one must repeat. A circle with c
 * members of a value holds C(c, 2) pairs of it, and for every whole a ≥ 1, C(c, 2) ≥ a·c − a(a+1)/2
 * (the line through f(a) and f(a+1) of the convex f(c) = c(c−1)/2, below it at every whole c).
 * Summed over the K circles, a value with N people placed has at least a·N − K·a(a+1)/2 pairs, and
 * twice that is the sum of its members' same-value mates. The lines for a = 1..maxSize−1 are the
 * whole lower envelope over whole counts: with N/K = 1.5 they give K/2 pairs, not the K·f(1.5) =
 * 3K/8 of the smooth curve, since half a circle cannot hold half a pair.
 */
function supplyCuts(sameOf: Map<string, Array<[number, string]>>, circles: string[], max: number): string[] {
  const rows: string[] = [];
  let cut = 0;
  for (const vars of sameOf.values()) {
    for (let a = 1; a < max; a++) {
      rows.push(
        ` s${cut++}:\n${terms([
          ...vars.map(([mates, name]): [number, string] => [mates - 2 * a, name]),
          ...circles.map((name): [number, string] => [a * (a + 1), name]),
        ])}\n >= 0`,
      );
    }
  }
  return rows;
}

/** The linear programme (HiGHS's LP file format); its optimum is the bound. */
export function starBoundModel(instance: Instance, minPlaced: number): string {
  const m = compile(instance);
  const { n, t, avail, rules } = m;
  const capped = cappedField(instance);
  const value = instance.people.map((p) => {
    const v = capped ? p.values[capped.field.key] : undefined;
    return typeof v === 'string' ? v : undefined;
  });
  const sizes: number[] = [];
  for (let s = rules.minSize; s <= rules.maxSize; s++) sizes.push(s);
  const objective: Array<[number, string]> = [];
  const byPerson: string[][] = Array.from({ length: n }, () => []);
  const groups = new Map<string, { size: number; all: string[]; ifn: string[]; mixed: Array<[number, string]> }>();
  const everyone: string[] = [];
  // Per value of the capped field: each variable with the same-value mates it stands for (at most).
  const sameOf = new Map<string, Array<[number, string]>>();
  for (let i = 0; i < n; i++) {
    for (let x = 0; x < t; x++) {
      const answer = avail[i * t + x]!;
      if (answer === NO) continue;
      const penalty = answer === IF_NEED_BE ? rules.ifNeedBeWeight : 0;
      const values = starValues(m, value, i, x, sizes);
      sizes.forEach((s, si) => {
        const key = `${s}_${x}`;
        let group = groups.get(key);
        if (!group) groups.set(key, (group = { size: s, all: [], ifn: [], mixed: [] }));
        // Every count of other-value mates is its own variable, charged what it uses of the cap,
        // except a count that gets no more than a smaller one (which uses less, and repeats more).
        let best = -Infinity;
        for (let mixed = 0; mixed < s; mixed++) {
          const v = capped ? values[si]![mixed]! : Math.max(...values[si]!);
          if (!(v > best)) continue;
          best = v;
          const name = `z${i}_${s}_${x}_${mixed}`;
          objective.push([v - penalty, name]);
          byPerson[i]!.push(name);
          everyone.push(name);
          group.all.push(name);
          if (answer === IF_NEED_BE) group.ifn.push(name);
          if (mixed > 0) group.mixed.push([mixed, name]);
          const mine = value[i];
          if (mine !== undefined) {
            let list = sameOf.get(mine);
            if (!list) sameOf.set(mine, (list = []));
            list.push([s - 1 - mixed, name]);
          }
          if (!capped) break;
        }
      });
    }
  }
  const rows: string[] = [];
  byPerson.forEach((xs, i) => {
    if (xs.length > 0) rows.push(` p${i}:\n${terms(xs.map((x): [number, string] => [1, x]))}\n <= 1`);
  });
  for (const [key, g] of groups) {
    if (g.all.length === 0) continue;
    const circles = `k${key}`;
    rows.push(` c${key}:\n${terms([...g.all.map((x): [number, string] => [1, x]), [-g.size, circles]])}\n = 0`);
    if (g.ifn.length > 0)
      rows.push(` q${key}:\n${terms([...g.ifn.map((x): [number, string] => [1, x]), [-rules.maxIfNeedBe, circles]])}\n <= 0`);
    if (capped && g.mixed.length > 0)
      rows.push(` m${key}:\n${terms([...g.mixed, [-2 * mostMixedPairs(g.size, capped.kinds), circles]])}\n <= 0`);
  }
  // Only circles some variable can fill: any other count would be free, and free counts void the cuts.
  const circles = [...groups].filter(([, g]) => g.all.length > 0).map(([key]) => `k${key}`);
  if (capped) rows.push(...supplyCuts(sameOf, circles, rules.maxSize));
  if (everyone.length > 0) rows.push(` placed:\n${terms(everyone.map((x): [number, string] => [1, x]))}\n >= ${minPlaced}`);
  return `Maximize\n obj:\n${terms(objective)}\nSubject To\n${rows.join('\n')}\nEnd\n`;
}

/** The bound, or null when no arrangement can place `minPlaced` people by the programme's counts. */
export function starBound(instance: Instance, minPlaced: number, solve: MilpSolver): number | null {
  const result = solve(starBoundModel(instance, minPlaced));
  if (result.Status !== 'Optimal') return null;
  return result.ObjectiveValue;
}
