/**
 * Circle formation benchmark: time, score against the exact optimum (small instances, HiGHS) or an
 * upper bound (large ones), the worst circle, people placed and hard-rule violations.
 *
 *   npm run bench:formation                         # 48 (100 seeds), 300 and 3,000 people
 *   BENCH_SIZES=300 npm run bench:formation         # some sizes only
 *   BENCH_FIXTURE=200 npm run bench:formation       # (re)write the exact optima the unit test checks
 *
 * See bench/README.md ("Circle formation") for what is measured and the figures.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import loadHighs from 'highs';
import { form, generateInstance, hardRuleBreaks, type Arrangement, type Instance } from '../src/programs/formation';
import { exactOptimum, type MilpSolver } from '../src/programs/formation/exact';
import { upperBound } from '../src/programs/formation/bound';

export const FIXTURE = join(__dirname, '..', 'test', 'unit', 'programs', 'formation', 'exact-optima.json');

/** The small instances the exact comparison uses: 12-20 people, circles of 3 or 4. */
export const exactCase = (k: number): { name: string; instance: Instance } => {
  const people = 12 + 4 * (k % 3);
  const name = `exact-${k}`;
  return { name, instance: generateInstance(name, { people, rules: { minSize: 3, maxSize: 4 }, perOrganization: 1.3 }) };
};

const placedOf = (a: Arrangement): number => a.circles.reduce((k, c) => k + c.members.length, 0);
const fmt = (ms: number): string => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const pct = (x: number): string => `${(100 * x).toFixed(2)}%`;

async function solver(): Promise<MilpSolver> {
  const highs = await loadHighs();
  return (lp) => highs.solve(lp, { output_flag: false, mip_rel_gap: 0, mip_abs_gap: 1e-9 } as never) as never;
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

function row(label: string, instance: Instance, seed: number, reference?: number): string {
  const { a, ms, cpu } = measure(instance, seed);
  const bound = upperBound(instance);
  const worst = Math.min(...a.circles.map((c) => c.score));
  const sizes = a.circles.map((c) => c.members.length);
  return `| ${label} | ${fmt(ms)} (${fmt(cpu)} CPU) | ${a.circles.length} (${Math.min(...sizes)}-${Math.max(...sizes)}) | ${placedOf(a)}/${instance.people.length} | ${a.score.toFixed(1)} | ${reference === undefined ? '' : pct(a.score / reference)} | ${pct(a.score / bound)} | ${worst.toFixed(1)} | ${hardRuleBreaks(instance, a).length} |`;
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
  console.log('| people | time | circles (sizes) | placed | score | of best known | of bound | worst circle | violations |');
  console.log('|---|--:|--:|--:|--:|--:|--:|--:|--:|');
  for (const n of sizes) {
    const seeds = n <= 48 ? Number(process.env.BENCH_SEEDS ?? 100) : 1;
    for (let s = 0; s < seeds; s++) {
      const instance = generateInstance(`bench-${n}-${s}`, { people: n });
      console.log(row(`${n} (seed ${s})`, instance, s));
    }
  }
}

void main();
