/**
 * The exact reference, for tests and the benchmark on small instances: every feasible circle is
 * enumerated (sizes, organizations, avoid-lists, a shared time), and a set-packing model picks the
 * best: first the most people placed, then, with that many placed, the highest score. The MILP
 * solver is handed in (tests and the benchmark pass HiGHS), so nothing here depends on it.
 */
import { compile, IF_NEED_BE, type Model, NO, scoreAt } from './model';
import type { Instance } from './types';

export interface MilpResult {
  Status: string;
  ObjectiveValue: number;
  Columns: Record<string, { Primal: number }>;
}
export type MilpSolver = (lp: string) => MilpResult;

export interface ExactCircle {
  members: number[];
  score: number;
}

/** Every circle the hard rules allow, with its score at its best time; null past `limit`. */
export function feasibleCircles(m: Model, limit = 200_000): ExactCircle[] | null {
  const { n, t, avail, conflict, rules } = m;
  const out: ExactCircle[] = [];
  const members: number[] = [];
  const no = new Int32Array(t);
  const ifn = new Int32Array(t);
  let overflow = false;
  const open = (): boolean => {
    for (let k = 0; k < t; k++) if (no[k] === 0 && ifn[k]! <= rules.maxIfNeedBe) return true;
    return false;
  };
  const walk = (from: number): void => {
    if (overflow) return;
    if (members.length >= rules.minSize) {
      let best = Infinity;
      let time = -1;
      for (let k = 0; k < t; k++)
        if (no[k] === 0 && ifn[k]! <= rules.maxIfNeedBe && ifn[k]! < best) {
          best = ifn[k]!;
          time = k;
        }
      out.push({ members: [...members], score: scoreAt(m, members, time) });
      if (out.length > limit) overflow = true;
    }
    if (members.length === rules.maxSize) return;
    for (let q = from; q < n; q++) {
      if (members.some((p) => conflict[p * n + q])) continue;
      for (let k = 0; k < t; k++) {
        const a = avail[q * t + k];
        if (a === NO) no[k]!++;
        else if (a === IF_NEED_BE) ifn[k]!++;
      }
      members.push(q);
      if (open()) walk(q + 1);
      members.pop();
      for (let k = 0; k < t; k++) {
        const a = avail[q * t + k];
        if (a === NO) no[k]!--;
        else if (a === IF_NEED_BE) ifn[k]!--;
      }
    }
  };
  walk(0);
  return overflow ? null : out;
}

/** Terms of a row or objective in the LP file format HiGHS reads, eight to a line. */
export const terms = (coefs: Array<[number, string]>): string => {
  const parts = coefs.map(([c, x]) => `${c < 0 ? '-' : '+'} ${Math.abs(c).toPrecision(15)} ${x}`);
  const lines: string[] = [];
  for (let i = 0; i < parts.length; i += 8) lines.push(` ${parts.slice(i, i + 8).join(' ')}`);
  return lines.join('\n');
};

function model(m: Model, circles: ExactCircle[], objective: 'placed' | 'score', placed = 0): string {
  const obj = circles.map((c, i): [number, string] => [objective === 'placed' ? c.members.length : c.score, `x${i}`]);
  const rows: string[] = [];
  const byPerson: string[][] = Array.from({ length: m.n }, () => []);
  circles.forEach((c, i) => c.members.forEach((p) => byPerson[p]!.push(`x${i}`)));
  byPerson.forEach((xs, p) => {
    if (xs.length > 1) rows.push(` p${p}:\n${terms(xs.map((x): [number, string] => [1, x]))}\n <= 1`);
  });
  if (objective === 'score')
    rows.push(` placed:\n${terms(circles.map((c, i): [number, string] => [c.members.length, `x${i}`]))}\n >= ${placed}`);
  if (rows.length === 0) rows.push(' none: x0 >= 0');
  return `Maximize\n obj:\n${terms(obj)}\nSubject To\n${rows.join('\n')}\nBinary\n${circles.map((_, i) => ` x${i}`).join('\n')}\nEnd\n`;
}

export interface ExactResult {
  placed: number;
  score: number;
  circles: string[][];
  /** Number of feasible circles enumerated. */
  columns: number;
}

/** The proven optimum, or null when enumeration passes `limit` or the solver proves nothing. */
export function exactOptimum(instance: Instance, solve: MilpSolver, limit = 200_000): ExactResult | null {
  const m = compile(instance);
  const circles = feasibleCircles(m, limit);
  if (!circles) return null;
  if (circles.length === 0) return { placed: 0, score: 0, circles: [], columns: 0 };
  const first = solve(model(m, circles, 'placed'));
  if (first.Status !== 'Optimal') return null;
  const placed = Math.round(first.ObjectiveValue);
  const second = solve(model(m, circles, 'score', placed));
  if (second.Status !== 'Optimal') return null;
  const chosen = circles.filter((_, i) => (second.Columns[`x${i}`]?.Primal ?? 0) > 0.5);
  return {
    placed: chosen.reduce((k, c) => k + c.members.length, 0),
    score: chosen.reduce((x, c) => x + c.score, 0),
    circles: chosen.map((c) => c.members.map((p) => m.ids[p]!)),
    columns: circles.length,
  };
}
