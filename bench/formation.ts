/**
 * Circle formation benchmark: time, score against the exact optimum (small instances, HiGHS) or an
 * upper bound (large ones), pairs against the most the sizes and times allow, the worst circle,
 * people placed and hard-rule violations.
 *
 *   npm run bench:formation                         # 48 (100 seeds, each against its proven optimum), 300 and 3,000 people
 *   BENCH_SIZES=48 BENCH_SEEDS=10 npm run bench:formation   # 10 of the 48-person instances
 *   BENCH_FIXTURE_48=1 BENCH_SIZES=48 npm run bench:formation # also write them for the unit test
 *   BENCH_48_STORED=1 BENCH_SIZES=48 npm run bench:formation  # against the optima stored by the line above (minutes, not hours)
 *   BENCH_SIZES=300 npm run bench:formation         # some sizes only
 *   BENCH_FIXTURE=200 npm run bench:formation       # (re)write the exact optima the unit test checks
 *
 * See bench/README.md ("Circle formation") for what is measured and the figures.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import loadHighs from 'highs';
import { form, generateInstance, hardRuleBreaks, type Arrangement, type Instance } from '../src/programs/formation';
import { exactOptimum, type MilpSolver } from '../src/programs/formation/exact';
import { upperBound } from '../src/programs/formation/bound';
import { exactPriced } from '../src/programs/formation/exactPriced';
import { starBound } from '../src/programs/formation/starBound';
import { mostPairs } from '../src/programs/formation/mostPairs';

export const FIXTURE = join(__dirname, '..', 'test', 'unit', 'programs', 'formation', 'exact-optima.json');
/** The 48-person comparison, written with BENCH_FIXTURE_48=1 (the unit test checks the search against a few). */
export const FIXTURE_48 = join(__dirname, '..', 'test', 'unit', 'programs', 'formation', 'exact-optima-48.json');

/** The small instances the exact comparison uses: 12-20 people, circles of 3 or 4. */
export const exactCase = (k: number): { name: string; instance: Instance } => {
  const people = 12 + 4 * (k % 3);
  const name = `exact-${k}`;
  return { name, instance: generateInstance(name, { people, rules: { minSize: 3, maxSize: 4 }, perOrganization: 1.3 }) };
};

const placedOf = (a: Arrangement): number => a.circles.reduce((k, c) => k + c.members.length, 0);
const fmt = (ms: number): string => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const pct = (x: number): string => `${(100 * x).toFixed(2)}%`;

async function solver(timeLimit?: number): Promise<MilpSolver> {
  const highs = await loadHighs();
  const options = { output_flag: false, mip_rel_gap: 0, mip_abs_gap: 1e-9, ...(timeLimit ? { time_limit: timeLimit } : {}) };
  return (lp) => highs.solve(lp, options as never) as never;
}

async function fixture(count: number): Promise<void> {
  const solve = await solver();
  const rows: Array<{ name: string; people: number; placed: number; score: number; columns: number }> = [];
  for (let k = 0; k < count; k++) {
    const { name, instance } = exactCase(k);
    const exact = exactOptimum(instance, solve);
    if (!exact) continue;
    rows.push({ name, people: instance.people.length, placed: exact.placed, score: exact.score, columns: exact.columns });
    if (k % 10 === 0) console.log(`${k}/${count}`);
  }
  writeFileSync(FIXTURE, `${JSON.stringify(rows, null, 1)}\n`);
  console.log(`wrote ${rows.length} optima`);
}

function measure(instance: Instance, seed: number): { a: Arrangement; ms: number; cpu: number } {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const a = form(instance, { seed });
  const used = process.cpuUsage(cpu);
  return { a, ms: performance.now() - start, cpu: (used.user + used.system) / 1000 };
}

const pairsOf = (a: Arrangement): number => a.circles.reduce((k, c) => k + (c.members.length * (c.members.length - 1)) / 2, 0);

function row(label: string, instance: Instance, seed: number, solve: MilpSolver): string {
  const { a, ms, cpu } = measure(instance, seed);
  const start = performance.now();
  // The optimum places at least as many as the search, so this bounds the optimum's score.
  const bound = starBound(instance, placedOf(a), solve);
  const boundMs = performance.now() - start;
  // Fewer pairs than circles of these sizes and times could hold means room for fuller circles.
  const most = mostPairs(instance, placedOf(a), solve);
  const worst = Math.min(...a.circles.map((c) => c.score));
  const sizes = a.circles.map((c) => c.members.length);
  const share = bound === null ? 'no bound' : `${pct(a.score / bound)} of ${bound.toFixed(0)} (${fmt(boundMs)})`;
  return `| ${label} | ${fmt(ms)} (${fmt(cpu)} CPU) | ${a.circles.length} (${Math.min(...sizes)}-${Math.max(...sizes)}) | ${placedOf(a)}/${instance.people.length} | ${pairsOf(a)} of ${most ?? '–'} | ${a.score.toFixed(1)} | ${share} | ${pct(a.score / upperBound(instance))} | ${worst.toFixed(1)} | ${hardRuleBreaks(instance, a).length} |`;
}

async function main(): Promise<void> {
  const count = Number(process.env.BENCH_FIXTURE ?? 0);
  if (count > 0) return fixture(count);
  const sizes = (process.env.BENCH_SIZES ?? '48,300,3000').split(',').map(Number);
  console.log(
    `${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}; load ${loadavg()[0]!.toFixed(1)}\n`,
  );
  form(generateInstance('warm-up', { people: 100 }), { seed: 1 });
  if (process.env.BENCH_EXACT !== '0') {
    const solve = await solver();
    const runs = Number(process.env.BENCH_EXACT_RUNS ?? 100);
    let equal = 0;
    let worst = 1;
    let proved = 0;
    let ms = 0;
    for (let k = 0; k < runs; k++) {
      const { instance } = exactCase(1000 + k);
      const exact = exactOptimum(instance, solve);
      if (!exact) continue;
      proved++;
      const m = measure(instance, k);
      ms += m.ms;
      if (placedOf(m.a) === exact.placed && Math.abs(m.a.score - exact.score) < 1e-6) equal++;
      if (placedOf(m.a) === exact.placed) worst = Math.min(worst, m.a.score / exact.score);
      else worst = 0;
    }
    console.log(
      `exact (12-20 people, circles of 3-4): ${equal}/${proved} at the proven optimum, worst ${pct(worst)}, mean ${fmt(ms / Math.max(1, proved))}\n`,
    );
  }
  console.log(
    '| people | time | circles (sizes) | placed | pairs (of the most) | score | of starBound (its time) | of bound.ts | worst circle | violations |',
  );
  console.log('|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|');
  for (const n of sizes) {
    if (n === 48 && process.env.BENCH_EXACT !== '0') continue;
    const seeds = n <= 48 ? Number(process.env.BENCH_SEEDS ?? 100) : 1;
    for (let s = 0; s < seeds; s++) {
      const instance = generateInstance(`bench-${n}-${s}`, { people: n });
      console.log(row(`${n} (seed ${s})`, instance, s, await solver()));
    }
  }
  if (sizes.includes(48) && process.env.BENCH_EXACT !== '0') await exact48(Number(process.env.BENCH_SEEDS ?? 100));
}

/** One 48-person instance against the proven optimum (exactPriced), or the relaxation's bound when the proof stops. */
export interface Exact48 {
  seed: number;
  placed: number;
  score: number;
  ms: number;
  cpu: number;
  violations: number;
  worstCircle: number;
  proved: boolean;
  optimumPlaced: number;
  optimum: number;
  bound: number;
  columns: number;
  exactMs: number;
  oldBound: number;
  note?: string;
}

/** What a 48-person row knows of the optimum: proved now (exactPriced) or read from FIXTURE_48. */
type Optimum48 = Pick<Exact48, 'proved' | 'optimumPlaced' | 'optimum' | 'bound' | 'columns' | 'exactMs' | 'note'>;

/** The search on one 48-person instance, beside the optimum `optimumOf` gives for it. */
function case48(seed: number, optimumOf: (instance: Instance, a: Arrangement) => Optimum48): Exact48 {
  const instance = generateInstance(`bench-48-${seed}`, { people: 48 });
  const { a, ms, cpu } = measure(instance, seed);
  return {
    seed,
    placed: placedOf(a),
    score: a.score,
    ms,
    cpu,
    violations: hardRuleBreaks(instance, a).length,
    worstCircle: Math.min(...a.circles.map((c) => c.score)),
    oldBound: upperBound(instance),
    ...optimumOf(instance, a),
  };
}

export function exactCase48(seed: number, solve: MilpSolver): Exact48 {
  return case48(seed, (instance, a) => {
    const start = performance.now();
    const exact = exactPriced(instance, solve, { incumbent: a.circles.map((c) => c.members) });
    return {
      proved: exact.proved,
      optimumPlaced: exact.placed,
      optimum: exact.score,
      bound: exact.bound,
      columns: exact.columns,
      exactMs: performance.now() - start,
      ...(exact.note ? { note: exact.note } : {}),
    };
  });
}

/** The search against an optimum proved earlier and stored in FIXTURE_48 (BENCH_48_STORED=1): seconds, not hours. */
function storedCase48(seed: number, stored: StoredOptimum): Exact48 {
  return case48(seed, () => ({
    proved: stored.proved,
    optimumPlaced: stored.placed,
    optimum: stored.score,
    bound: stored.bound ?? Infinity,
    columns: 0,
    exactMs: 0,
  }));
}

interface StoredOptimum {
  seed: number;
  proved: boolean;
  placed: number;
  score: number;
  bound: number | null;
}

async function exact48(seeds: number): Promise<void> {
  const stored = process.env.BENCH_48_STORED
    ? new Map((JSON.parse(readFileSync(FIXTURE_48, 'utf8')) as StoredOptimum[]).map((o) => [o.seed, o]))
    : null;
  const solve = stored ? null : await solver(120);
  const rows: Exact48[] = [];
  for (let s = 0; s < seeds; s++) {
    const known = stored?.get(s);
    if (stored && !known) continue;
    const r = known ? storedCase48(s, known) : exactCase48(s, solve!);
    rows.push(r);
    process.stderr.write(`${JSON.stringify(r)}\n`);
  }
  if (process.env.BENCH_FIXTURE_48) {
    const slim = rows.map((r) => ({ seed: r.seed, proved: r.proved, placed: r.optimumPlaced, score: r.optimum, bound: r.bound }));
    writeFileSync(FIXTURE_48, `${JSON.stringify(slim, null, 1)}\n`);
  }
  const proved = rows.filter((r) => r.proved);
  const same = proved.filter((r) => r.placed === r.optimumPlaced && Math.abs(r.score - r.optimum) < 1e-6);
  const ratio = (r: Exact48): number => (r.placed < r.optimumPlaced ? 0 : r.score / r.optimum);
  const worst = Math.min(...proved.map(ratio));
  const open = rows.filter((r) => !r.proved);
  const range = (xs: number[], f: (x: number) => string): string => `${f(Math.min(...xs))}-${f(Math.max(...xs))}`;
  console.log(
    `\n48 people, ${rows.length} seeds, against the exact optimum (column generation and reduced-cost enumeration, HiGHS):\n`,
  );
  console.log('| | result |');
  console.log('|---|---|');
  console.log(
    `| proven optima | ${proved.length} of ${rows.length} (${
      stored
        ? 'stored in exact-optima-48.json'
        : `exact solve ${range(
            proved.map((r) => r.exactMs),
            fmt,
          )}`
    }) |`,
  );
  console.log(`| search at the optimum | ${same.length} of ${proved.length} proven |`);
  console.log(
    `| search's worst share of the optimum | ${pct(worst)} (places as many in ${proved.filter((r) => r.placed === r.optimumPlaced).length} of ${proved.length}) |`,
  );
  console.log(
    `| search's mean share of the optimum | ${pct(proved.reduce((x, r) => x + ratio(r), 0) / Math.max(1, proved.length))} |`,
  );
  if (open.length > 0)
    console.log(
      `| not proven (gap to the relaxation's bound) | ${open.length}: ${open.map((r) => `seed ${r.seed} ${pct(r.score / r.bound)}`).join(', ')} |`,
    );
  console.log(
    `| optimum as a share of bound.ts's bound | ${range(
      proved.map((r) => r.optimum / r.oldBound),
      pct,
    )} |`,
  );
  console.log(
    `| search time | ${range(
      rows.map((r) => r.ms),
      fmt,
    )} wall, ${range(
      rows.map((r) => r.cpu),
      fmt,
    )} CPU |`,
  );
  console.log(
    `| placed | ${range(
      rows.map((r) => r.placed),
      String,
    )} of 48 |`,
  );
  console.log(
    `| worst circle | ${range(
      rows.map((r) => r.worstCircle),
      (x) => x.toFixed(1),
    )} |`,
  );
  console.log(`| violations | ${rows.reduce((k, r) => k + r.violations, 0)} |`);
}

void main();
