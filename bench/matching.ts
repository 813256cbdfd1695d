/**
 * Pair matching benchmark: how long `matchPairs` takes on realistic survey answers, how good its
 * arrangement is (against the exact optimum, or an upper bound where the exact answer is out of
 * reach), and how many repeat pairs it had to accept.
 *
 *   npm run bench:matching
 *   BENCH_SIZES=100,101,1000,1001,10000,10001 BENCH_RUNS=3 npm run bench:matching   # the defaults
 *   BENCH_LIMIT_SIZES=1001,2000,2001,2500,2501,3001 npm run bench:matching         # exact times by size
 *   BENCH_EXACT_MAX=0 npm run bench:matching      # skip the exact optimum of the large sizes (minutes)
 *
 * See bench/README.md ("Pair matching") for what is measured and the figures.
 */
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import reference from 'edmonds-blossom-fixed';
import { Graph, maxWeightMatching } from '../src/pairs/matching/blossom';
import { repeatPairs } from '../src/pairs/matching/encode';
import { DEFAULT_EXACT_LIMIT, matchPairs } from '../src/pairs/matching/match';
import { randomInt, rng } from '../src/core/random';
import { realisticSurvey } from '../src/pairs/matching/survey';
import type { Arrangement, MatchInput } from '../src/pairs/matching/types';

const list = (name: string, fallback: number[]): number[] =>
  (process.env[name] ?? '')
    .split(',')
    .filter((x) => x.trim() !== '')
    .map(Number)
    .concat(process.env[name] ? [] : fallback);

const sizes = list('BENCH_SIZES', [100, 101, 1000, 1001, 10000, 10001]);
const limitSizes = list('BENCH_LIMIT_SIZES', [1001, 2000, 2001, 2500, 2501, 3001]);
const referenceSizes = list('BENCH_REFERENCE_SIZES', [300, 600]);
const runs = Number(process.env.BENCH_RUNS ?? 3);
/** Largest size whose exact optimum is also computed, to measure the heuristic's true gap (slow). */
const exactMax = Number(process.env.BENCH_EXACT_MAX ?? 10001);

interface Timed {
  arrangement: Arrangement;
  /** Wall-clock milliseconds per run. */
  ms: number[];
  /** CPU milliseconds (user + system) per run: the work itself, less what other processes take. */
  cpu: number[];
}

function timed(input: MatchInput, exactLimit: number | undefined, times: number): Timed {
  const ms: number[] = [];
  const cpu: number[] = [];
  let arrangement: Arrangement | undefined;
  for (let r = 0; r < times; r++) {
    const start = performance.now();
    const startCpu = process.cpuUsage();
    arrangement = matchPairs(input, { seed: 'bench', exactLimit });
    const used = process.cpuUsage(startCpu);
    ms.push(performance.now() - start);
    cpu.push((used.user + used.system) / 1000);
  }
  return { arrangement: arrangement!, ms, cpu };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
const fmtMs = (x: number): string => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(0)} ms`);
const pct = (x: number): string => `${(100 * x).toFixed(3)}%`;
const int = (x: number): string => x.toLocaleString('en-US');

function describe(input: MatchInput, a: Arrangement): string {
  const people = a.groups.reduce((n, g) => n + g.members.length, 0);
  const trios = a.groups.filter((g) => g.members.length === 3).length;
  const wishes = input.participants.filter((p) => p.wishes.length > 0).length;
  const window = repeatPairs(input.history).size;
  return `${int(people)}/${int(input.participants.length)} | ${trios} | ${a.repeats} of ${int(window)} | ${int(wishes)}`;
}

function main(): void {
  // Warm the JIT on a small cohort so the first timed size is not charged for it.
  matchPairs(realisticSurvey({ size: 300, seed: 'warm-up' }), { seed: 1 });

  const load = (): string => loadavg()[0]!.toFixed(1);
  console.log(`## Pair matching (default exact limit ${int(DEFAULT_EXACT_LIMIT)})\n`);
  console.log(
    `${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}; 1-min load average at start ${load()}\n`,
  );
  console.log(
    '| members | mode | time (median) | CPU time | runs | total fit | of optimum | of upper bound | people matched | trios | repeat pairs (of pairs in cool-off) | people with wishes |',
  );
  console.log('|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|');
  for (const size of sizes) {
    const input = realisticSurvey({ size, seed: `bench-${size}` });
    const times = size >= 5000 ? 1 : runs;
    process.stderr.write(`matching ${size}...\n`);
    const result = timed(input, undefined, times);
    const a = result.arrangement;
    const ofBound = a.exact ? '100% (exact)' : pct(a.totalFit / a.upperBound!);
    let ofOptimum = a.exact ? '100% (exact)' : '–';
    let exactNote = '';
    if (!a.exact && size <= exactMax) {
      process.stderr.write(`exact optimum of ${size}...\n`);
      const e = timed(input, Infinity, 1);
      ofOptimum = pct(a.totalFit / e.arrangement.totalFit);
      exactNote = `| ${int(size)} | exact (forced) | ${fmtMs(e.ms[0]!)} | ${fmtMs(e.cpu[0]!)} | 1 | ${int(e.arrangement.totalFit)} | 100% (exact) | – | ${describe(input, e.arrangement)} |`;
    }
    console.log(
      `| ${int(size)} | ${a.exact ? 'exact' : 'heuristic'} | ${fmtMs(median(result.ms))} | ${fmtMs(median(result.cpu))} | ${times} | ${int(a.totalFit)} | ${ofOptimum} | ${ofBound} | ${describe(input, a)} |`,
    );
    if (exactNote) console.log(exactNote);
    if (a.exact && size >= 1000) {
      // The heuristic on a size the exact answer is known for: its real gap, and its bound's.
      const forced = timed(input, 0, times);
      const h = forced.arrangement;
      const hMs = median(forced.ms);
      const hCpu = median(forced.cpu);
      const bound = h.exact ? '100% (exact)' : pct(h.totalFit / h.upperBound!);
      console.log(
        `| ${int(size)} | heuristic (forced) | ${fmtMs(hMs)} | ${fmtMs(hCpu)} | ${times} | ${int(h.totalFit)} | ${pct(h.totalFit / a.totalFit)} | ${bound} | ${describe(input, h)} |`,
      );
    }
  }

  console.log('\n### Exact solve time by size\n');
  console.log('| members | time (median) | CPU time | runs | exact |');
  console.log('|--:|--:|--:|--:|---|');
  for (const size of limitSizes) {
    const input = realisticSurvey({ size, seed: `limit-${size}` });
    process.stderr.write(`exact ${size}...\n`);
    const t = timed(input, Infinity, runs);
    console.log(`| ${int(size)} | ${fmtMs(median(t.ms))} | ${fmtMs(median(t.cpu))} | ${runs} | ${t.arrangement.exact} |`);
  }
}

/** Our blossom against the npm port of the same algorithm, on dense random graphs. */
function compareReference(): void {
  console.log('\n### Blossom implementation against `edmonds-blossom-fixed`\n');
  console.log('| vertices | edges | ours | edmonds-blossom-fixed | same weight |');
  console.log('|--:|--:|--:|--:|---|');
  for (const n of referenceSizes) {
    const r = rng(`reference-${n}`);
    const edges: Array<[number, number, number]> = [];
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) edges.push([i, j, randomInt(r, 105)]);
    process.stderr.write(`reference ${n}...\n`);
    let start = performance.now();
    const g = new Graph(n, edges.length);
    for (const [a, b, w] of edges) g.add(a, b, w);
    const ours = maxWeightMatching(g).mate;
    const oursMs = performance.now() - start;
    start = performance.now();
    const theirs = reference(edges, false);
    const theirsMs = performance.now() - start;
    const weight = (mate: ArrayLike<number>): number => edges.reduce((sum, [a, b, w]) => sum + (mate[a] === b ? w : 0), 0);
    console.log(
      `| ${int(n)} | ${int(edges.length)} | ${fmtMs(oursMs)} | ${fmtMs(theirsMs)} | ${weight(ours) === weight(theirs)} |`,
    );
  }
}

main();
compareReference();
console.log(`\n1-min load average at the end: ${loadavg()[0]!.toFixed(1)}`);
