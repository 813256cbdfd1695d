/**
 * The exact reference for cohorts whose circles are too many to enumerate (48 people in circles of
 * 6-8). The same set-packing model as exact.ts (first the most people placed, then the best score),
 * solved in two steps per objective:
 *
 * 1. Column generation: the linear relaxation over a growing set of circles, each round adding the
 *    circles `priceCircles` finds with a positive reduced cost, until none is left. Its value is
 *    then an upper bound over every circle (`bound`).
 * 2. Reduced-cost enumeration: a packing worth at least a known arrangement (the incumbent) can only
 *    use circles whose reduced cost is at least -(bound - incumbent) (its value is the bound plus its
 *    circles' reduced costs, all <= 0). Every such circle is enumerated and the integer model solved
 *    over them: its optimum is the optimum over all circles.
 *
 * The MILP solver is handed in (HiGHS in the benchmark and tests), as in exact.ts.
 */
import { bestTime, compile, type Model, scoreAt } from './model';
import type { MilpSolver } from './exact';
import { type Budget, type PricedCircle, priceCircles } from './pricing';
import type { Instance } from './types';

export interface PricedOptions {
  /** Circles of a known arrangement (member ids): the incumbent, and the first columns. */
  incumbent: string[][];
  /** Most circles the enumeration may keep before giving up the proof (default 400,000). */
  maxColumns?: number;
  /** Most column-generation rounds per objective (default 300). */
  maxRounds?: number;
  /** Most nodes the pricing searches may visit in all (default 300 million, a few minutes): a step budget, not the clock. */
  maxNodes?: number;
}

export interface PricedResult {
  /** Whether `placed` and `score` are proven optimal. */
  proved: boolean;
  /** The most people any arrangement places (proved), or the incumbent's count. */
  placed: number;
  /** The best score found with `placed` people placed (the optimum when proved). */
  score: number;
  circles: string[][];
  /** Upper bound on the score of an arrangement placing `placed` people (the LP relaxation's value). */
  bound: number;
  /** Circles in the last integer model. */
  columns: number;
  /** Why the proof stopped, when it did. */
  note?: string;
}

const EPS = 1e-6;

interface Column {
  members: number[];
  score: number;
}

const keyOf = (members: number[]): string => members.join(',');

/** Cost of an artificial variable: more than any arrangement scores, so it is used only where nothing else is feasible. */
const BIG = 1e5;

interface Rows {
  /** At least this many people placed. */
  placed: number | null;
  /** Exactly this many circles. */
  circles: number | null;
}

function lp(m: Model, columns: Column[], alpha: number, beta: number, extra: Rows, binary: boolean): string {
  const num = (x: number): string => `${x < 0 ? '-' : '+'} ${Math.abs(x).toPrecision(15)}`;
  const chunk = (parts: string[]): string => {
    const lines: string[] = [];
    for (let i = 0; i < parts.length; i += 8) lines.push(` ${parts.slice(i, i + 8).join(' ')}`);
    return lines.join('\n');
  };
  const obj = columns.map((c, i) => `${num(alpha * c.score + beta * c.members.length)} x${i}`);
  // In the relaxation, artificial variables keep the restricted model feasible while circles are
  // still missing (their cost drives them out once the circles exist); the integer model has none.
  const soft = !binary;
  if (soft && extra.placed !== null) obj.push(`- ${BIG} a0`);
  if (soft && extra.circles !== null) obj.push(`- ${BIG} a1`, `- ${BIG} a2`);
  const byPerson: string[][] = Array.from({ length: m.n }, () => []);
  columns.forEach((c, i) => c.members.forEach((p) => byPerson[p]!.push(`+ 1 x${i}`)));
  const rows: string[] = [];
  byPerson.forEach((xs, p) => {
    if (xs.length > 0) rows.push(` p${p}:\n${chunk(xs)}\n <= 1`);
  });
  if (extra.placed !== null) {
    const xs = columns.map((c, i) => `+ ${c.members.length} x${i}`);
    if (soft) xs.push('+ 1 a0');
    rows.push(` placed:\n${chunk(xs)}\n >= ${extra.placed}`);
  }
  if (extra.circles !== null) {
    const xs = columns.map((_, i) => `+ 1 x${i}`);
    if (soft) xs.push('+ 1 a1', '- 1 a2');
    rows.push(` circles:\n${chunk(xs)}\n = ${extra.circles}`);
  }
  if (rows.length === 0) rows.push(' none: x0 >= 0');
  // No explicit x <= 1: each row already implies it, and a bound would take dual value the rows need.
  const vars = columns.map((_, i) => ` x${i}`).join('\n');
  return `Maximize\n obj:\n${chunk(obj)}\nSubject To\n${rows.join('\n')}\n${binary ? `Binary\n${vars}\n` : ''}End\n`;
}

interface Relaxation {
  bound: number;
  offset: Float64Array;
  constant: number;
  /** Whether an artificial variable is still in use: no arrangement meets the rows. */
  infeasible: boolean;
}

/** Column generation to the relaxation's optimum over every circle; null if it did not converge. */
function relax(
  m: Model,
  solve: MilpSolver,
  pool: Map<string, Column>,
  alpha: number,
  beta: number,
  extra: Rows,
  maxRounds: number,
  budget: Budget,
): Relaxation | null {
  for (let round = 0; round < maxRounds; round++) {
    const columns = [...pool.values()];
    // With no circle yet there is nothing to solve: every dual is 0.
    const result =
      columns.length === 0
        ? { Status: 'Optimal', ObjectiveValue: 0, Columns: {}, Rows: [] }
        : (solve(lp(m, columns, alpha, beta, extra, false)) as ReturnType<MilpSolver> & {
            Rows: Array<{ Name: string; Dual: number }>;
          });
    if (result.Status !== 'Optimal') return null;
    const offset = new Float64Array(m.n).fill(beta);
    let y = 0;
    let constant = 0;
    for (const row of result.Rows) {
      if (row.Name === 'placed') y = row.Dual;
      else if (row.Name === 'circles') constant = -row.Dual;
      else if (row.Name.startsWith('p')) offset[Number(row.Name.slice(1))]! -= row.Dual;
    }
    if (y !== 0) for (let p = 0; p < m.n; p++) offset[p]! -= y;
    const priced = priceCircles(
      m,
      { alpha, offset, constant },
      EPS * Math.max(1, Math.abs(result.ObjectiveValue)),
      400,
      'best',
      budget,
    );
    if (!priced.complete) return null;
    if (priced.circles.length === 0) {
      const used = (name: string): boolean => ((result.Columns as Record<string, { Primal: number }>)[name]?.Primal ?? 0) > EPS;
      const infeasible = used('a0') || used('a1') || used('a2');
      return { bound: result.ObjectiveValue, offset, constant, infeasible };
    }
    for (const c of priced.circles) pool.set(keyOf(c.members), { members: c.members, score: c.score });
  }
  return null;
}

/** Every circle with reduced cost >= -gap, and the integer optimum over them. */
function enumerate(
  m: Model,
  relaxation: Relaxation,
  alpha: number,
  gap: number,
  maxColumns: number,
  budget: Budget,
): { circles: PricedCircle[]; complete: boolean } {
  const threshold = -gap - EPS * Math.max(1, Math.abs(relaxation.bound));
  return priceCircles(
    m,
    { alpha, offset: relaxation.offset, constant: relaxation.constant },
    threshold,
    maxColumns,
    'all',
    budget,
  );
}

function integer(m: Model, solve: MilpSolver, columns: Column[], alpha: number, beta: number, extra: Rows): Column[] | null {
  if (columns.length === 0) return [];
  const result = solve(lp(m, columns, alpha, beta, extra, true));
  if (result.Status === 'Infeasible') return [];
  if (result.Status !== 'Optimal') return null;
  return columns.filter((_, i) => (result.Columns[`x${i}`]?.Primal ?? 0) > 0.5);
}

export function exactPriced(instance: Instance, solve: MilpSolver, options: PricedOptions): PricedResult {
  const m = compile(instance);
  const maxColumns = options.maxColumns ?? 400_000;
  const maxRounds = options.maxRounds ?? 300;
  const budget: Budget = { nodes: options.maxNodes ?? 300_000_000 };
  const pool = new Map<string, Column>();
  const incumbent: Column[] = options.incumbent.map((ids) => {
    const members = ids.map((id) => m.index.get(id)!).sort((a, b) => a - b);
    return { members, score: 0 };
  });
  for (const c of incumbent) {
    c.score = scoreAt(m, c.members, bestTime(m, c.members).time);
    pool.set(keyOf(c.members), c);
  }
  const count = (cs: Column[]): number => cs.reduce((k, c) => k + c.members.length, 0);
  const total = (cs: Column[]): number => cs.reduce((x, c) => x + c.score, 0);
  const ids = (cs: Column[]): string[][] => cs.map((c) => c.members.map((p) => m.ids[p]!));
  const unproved = (note: string, bound: number, known = incumbent): PricedResult => ({
    proved: false,
    placed: count(known),
    score: total(known),
    circles: ids(known),
    bound,
    columns: pool.size,
    note,
  });

  // The most people placed: the relaxation first; where it allows more than the incumbent, again
  // for each number of circles on its own (fractional circle counts are most of its gap), then every
  // circle within what is left of the gap.
  const first = relax(m, solve, pool, 0, 1, { placed: null, circles: null }, maxRounds, budget);
  if (!first) return unproved('the placement relaxation did not converge', Infinity);
  let best = incumbent;
  if (Math.floor(first.bound + EPS) > count(best))
    for (let k = 1; k <= Math.floor(m.n / m.rules.minSize); k++) {
      const extra = { placed: null, circles: k };
      const relaxed = relax(m, solve, pool, 0, 1, extra, maxRounds, budget);
      if (!relaxed) return unproved('the placement relaxation did not converge', Infinity);
      if (relaxed.infeasible || Math.floor(relaxed.bound + EPS) <= count(best)) continue;
      const found = enumerate(m, relaxed, 0, relaxed.bound - count(best), maxColumns, budget);
      if (!found.complete) return unproved('too many circles to prove the number placed', Infinity);
      const columns = found.circles.map((c) => ({ members: c.members, score: c.score }));
      const chosen = integer(m, solve, columns, 0, 1, extra);
      if (!chosen) return unproved('the placement model was not solved', Infinity);
      if (count(chosen) > count(best)) best = chosen;
    }
  const placed = count(best);

  // The best score with that many placed, for each possible number of circles on its own: fixing
  // it removes the relaxation's fractional circle counts, which is most of its gap.
  let bound = -Infinity;
  let winner = best;
  let columns = 0;
  let note: string | undefined;
  const counts: number[] = [];
  for (let k = Math.ceil(placed / m.rules.maxSize); k <= Math.floor(placed / m.rules.minSize); k++) counts.push(k);
  if (placed === 0) counts.push(0);
  for (const k of counts) {
    const extra = { placed, circles: k };
    const relaxed = relax(m, solve, pool, 1, 0, extra, maxRounds, budget);
    if (!relaxed) {
      note = 'the score relaxation did not converge';
      bound = Infinity;
      continue;
    }
    if (relaxed.infeasible) continue;
    bound = Math.max(bound, relaxed.bound);
    const gap = relaxed.bound - total(winner);
    if (gap <= EPS * Math.max(1, Math.abs(relaxed.bound))) continue;
    const found = enumerate(m, relaxed, 1, gap, maxColumns, budget);
    if (!found.complete) {
      note = 'too many circles within the gap to enumerate';
      continue;
    }
    const chosen = integer(
      m,
      solve,
      found.circles.map((c) => ({ members: c.members, score: c.score })),
      1,
      0,
      extra,
    );
    if (!chosen) {
      note = 'the score model was not solved';
      continue;
    }
    columns += found.circles.length;
    if (chosen.length > 0 && total(chosen) > total(winner) + EPS) winner = chosen;
  }
  return {
    proved: note === undefined,
    ...(note === undefined ? {} : { note }),
    placed,
    score: total(winner),
    circles: ids(winner),
    bound: Math.max(bound, total(winner)),
    columns,
  };
}
