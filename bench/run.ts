/**
 * Scheduler benchmark: what one scheduler tick (plan the deliveries that fell due, then claim
 * them) costs over a populated database, at two sizes, on PGlite or PostgreSQL.
 *
 *   npm run bench                                   # PGlite, in memory
 *   DATABASE_URL=postgres://… npm run bench          # PostgreSQL, in a throwaway database beside it
 *   BENCH_SIZES=1,4 BENCH_TICKS=11 BENCH_HISTORY_WEEKS=8 npm run bench
 *   BENCH_PARTS=ack,memory npm run bench             # only the ack latency and memory parts
 *   BENCH_PARTS=demo npm run bench                   # only the demo clock's week (bench/demoClock.ts)
 *
 * See bench/README.md for what is measured and the figures.
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import type { Db } from '../src/db/database';
import { migrateToLatest } from '../src/db/migrate';
import { claimDue } from '../src/scheduler/ledger';
import { LEASE_MS } from '../src/scheduler/sender';
import { DeliveryRegistry } from '../src/scheduler/kinds';
import { PLAN_AHEAD_MS, planDue } from '../src/scheduler/planner';
import { sessionKinds } from '../src/sessions/deliveries';
import { ackTable, benchAck } from './ack';
import { benchDemoClock, demoClockTable } from './demoClock';
import { QueryCounter } from './counter';
import { measureMemory, memoryTable } from './memory';
import { CIRCLES_PER_SIZE, DELIVERIES_PER_SESSION, MINUTES_PER_WEEK, seed, type SeedCounts, START } from './seed';
import { openBenchDatabase } from './database';

/** What the sender asks for per claim here: large, so the claim loop's round trips stay few. */
const CLAIM_LIMIT = 1000;
const MINUTE_MS = 60_000;
const WATERMARK = 'deliveries_planned_until';
const WARMUP_ROUNDS = 3;

interface Tick {
  planned: number;
  sessions: number;
  claimed: number;
  planMs: number;
  claimMs: number;
  planQueries: number;
  claimQueries: number;
}

interface Row {
  backend: string;
  size: number;
  seed: SeedCounts;
  label: string;
  ticks: Tick[];
}

function envList(name: string, fallback: number[]): number[] {
  const raw = process.env[name];
  if (!raw) return fallback;
  const values = raw.split(',').map((s) => Number(s.trim()));
  if (values.some((v) => !Number.isFinite(v) || v <= 0))
    throw new Error(`${name} must be a comma-separated list of positive numbers`);
  return values;
}

function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw ? Number(raw) : fallback;
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer`);
  return value;
}

/** One tick as the jobs run it: plan what fell due, then claim until nothing is left (no sending). */
async function tick(db: Db, counter: QueryCounter, now: Date): Promise<Tick> {
  counter.count = 0;
  const t0 = performance.now();
  const plan = await planDue(db, new DeliveryRegistry().register(...Object.values(sessionKinds(db))), now);
  const t1 = performance.now();
  const planQueries = counter.count;
  let claimed = 0;
  for (;;) {
    const rows = await claimDue(db, now, CLAIM_LIMIT, LEASE_MS);
    if (rows.length === 0) break;
    claimed += rows.length;
  }
  const t2 = performance.now();
  return {
    planned: plan.planned,
    sessions: plan.sessions,
    claimed,
    planMs: t1 - t0,
    claimMs: t2 - t1,
    planQueries,
    claimQueries: counter.count - planQueries,
  };
}

/** Not measured: the sender would have sent what was claimed. */
async function markClaimedSent(db: Db, now: Date): Promise<void> {
  await sql`UPDATE deliveries SET status = 'sent', lease_until = NULL, sent_ts = '1700000000.000400', updated_at = ${now}
    WHERE status = 'sending'`.execute(db);
}

async function readWatermark(db: Db): Promise<Date> {
  const { rows } = await sql<{ value: Date }>`SELECT value FROM scheduler_state WHERE name = ${WATERMARK}`.execute(db);
  const value = rows[0]?.value;
  if (!value) throw new Error('no watermark');
  return new Date(value);
}

async function benchSize(size: number, ticks: number, historyWeeks: number): Promise<Row[]> {
  const backend = await openBenchDatabase();
  try {
    const { db: raw } = backend;
    await migrateToLatest(raw);
    const circles = CIRCLES_PER_SIZE * size;
    const seeded = await seed(raw, circles, historyWeeks);
    process.stderr.write(
      `${backend.name} ${size}x: seeded ${seeded.circles} circles, ${seeded.sessions} sessions, ${seeded.sentDeliveries} sent deliveries in ${seeded.seconds.toFixed(1)} s\n`,
    );
    const counter = new QueryCounter();
    const db = raw.withPlugin(counter);
    const onePercent = MINUTES_PER_WEEK / 100;
    const series = {
      busy: { label: '1% of a week due', ticks: [] as Tick[] },
      // The same due count as 1% at 1x: at 4x that is a quarter of the window.
      same: { label: `same due as 1x (${(1 / size).toFixed(2)}% of a week)`, ticks: [] as Tick[] },
      idle: { label: 'nothing due (30 s window)', ticks: [] as Tick[] },
    };

    // Consecutive windows, each tick planning from where the last one stopped; what is planned
    // for the last 2 minutes of a window is claimed by the next tick, as in production.
    const windowTick = async (windowMinutes: number): Promise<Tick> => {
      const from = await readWatermark(raw);
      const now = new Date(from.getTime() + windowMinutes * MINUTE_MS - PLAN_AHEAD_MS);
      const t = await tick(db, counter, now);
      await markClaimedSent(raw, now);
      return t;
    };
    // Steady state: a 30-second window between whole minutes, where nothing falls due (sessions
    // start on whole minutes and leads are whole minutes). It is placed just behind the watermark,
    // so that the claim does not reach what the last window left pending, and the watermark is
    // put back afterwards.
    const idleTick = async (): Promise<Tick> => {
      const mark = await readWatermark(raw);
      const from = new Date(Math.floor(mark.getTime() / MINUTE_MS) * MINUTE_MS - MINUTE_MS);
      await sql`UPDATE scheduler_state SET value = ${from} WHERE name = ${WATERMARK}`.execute(raw);
      const now = new Date(from.getTime() + 30_000 - PLAN_AHEAD_MS);
      const t = await tick(db, counter, now);
      await sql`UPDATE scheduler_state SET value = ${mark} WHERE name = ${WATERMARK}`.execute(raw);
      if (t.planned !== 0 || t.sessions !== 0 || t.claimed !== 0)
        throw new Error(`the idle tick at ${now.toISOString()} found work`);
      return t;
    };
    // Rounds of one tick of each kind, interleaved so that every kind sees the same conditions.
    // The first rounds are not recorded: they pay for cold caches and for V8/WebAssembly warming up.
    for (let round = -WARMUP_ROUNDS; round < ticks; round++) {
      const busy = await windowTick(onePercent);
      const same = size !== 1 ? await windowTick(onePercent / size) : undefined;
      const idle = await idleTick();
      if (round < 0) continue;
      series.busy.ticks.push(busy);
      if (same) series.same.ticks.push(same);
      series.idle.ticks.push(idle);
    }
    const rows: Row[] = [];
    for (const s of [series.busy, series.same, series.idle]) {
      if (s.ticks.length === 0) continue;
      rows.push({
        backend: backend.name,
        size,
        seed: seeded,
        label: s.label,
        ticks: s.ticks,
      });
    }
    return rows;
  } finally {
    await backend.close();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const fmt = (n: number, digits = 1) => n.toFixed(digits);
const int = (n: number) => Math.round(n).toLocaleString('en-US');

function table(rows: Row[]): string {
  const lines = [
    '| backend | size | tick | planned | claimed | sessions | ms/tick (median) | min–max | plan ms | claim ms | ms per 100 planned | queries/tick (plan + claim) |',
    '|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const r of rows) {
    const m = (f: (t: Tick) => number) => median(r.ticks.map(f));
    const totals = r.ticks.map((t) => t.planMs + t.claimMs);
    lines.push(
      `| ${r.backend} | ${r.size}x | ${r.label} | ${int(m((t) => t.planned))} | ${int(m((t) => t.claimed))} | ${int(m((t) => t.sessions))} | ` +
        `**${fmt(median(totals))}** | ${fmt(Math.min(...totals))}–${fmt(Math.max(...totals))} | ${fmt(m((t) => t.planMs))} | ` +
        `${fmt(m((t) => t.claimMs))} | ${r.ticks[0]!.planned ? fmt((100 * median(totals)) / m((t) => t.planned)) : '–'} | ` +
        `${int(m((t) => t.planQueries + t.claimQueries))} (${int(m((t) => t.planQueries))} + ${int(m((t) => t.claimQueries))}) |`,
    );
  }
  return lines.join('\n');
}

function sizes(rows: Row[]): string {
  const seen = new Map<string, Row>();
  for (const r of rows) seen.set(`${r.backend} ${r.size}`, r);
  const lines = [
    '| backend | size | circles | members | sessions stored | sent deliveries stored | deliveries due per week | seed s |',
    '|---|---|--:|--:|--:|--:|--:|--:|',
  ];
  for (const r of seen.values()) {
    lines.push(
      `| ${r.backend} | ${r.size}x | ${int(r.seed.circles)} | ${int(r.seed.memberships)} | ${int(r.seed.sessions)} | ` +
        `${int(r.seed.sentDeliveries)} | ${int(r.seed.circles * DELIVERIES_PER_SESSION)} | ${fmt(r.seed.seconds)} |`,
    );
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const parts = new Set((process.env.BENCH_PARTS ?? 'tick,ack,memory,demo').split(',').map((p) => p.trim()));
  if (parts.has('tick')) {
    const sizeList = envList('BENCH_SIZES', [1, 4]);
    const ticks = envInt('BENCH_TICKS', 11);
    const historyWeeks = envInt('BENCH_HISTORY_WEEKS', 8);
    const started = Date.now();
    const rows: Row[] = [];
    for (const size of sizeList) rows.push(...(await benchSize(size, ticks, historyWeeks)));
    process.stdout.write(
      `\nScheduler tick, start ${START.toISOString()}, ${ticks} ticks per row, ${historyWeeks} weeks of sent history, claim limit ${CLAIM_LIMIT}\n\n` +
        `${sizes(rows)}\n\n${table(rows)}\n\n(total ${fmt((Date.now() - started) / 1000)} s)\n`,
    );
  }
  if (parts.has('ack')) {
    const circles = envInt('BENCH_ACK_CIRCLES', 20);
    const rounds = envInt('BENCH_ACK_ROUNDS', 10);
    const rows = await benchAck(circles, rounds);
    const backend = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';
    process.stdout.write(
      `\nSlash-command ack latency, ${backend}, ${circles} circles listed, ${rounds} alternating rounds\n\n${ackTable(rows)}\n`,
    );
  }
  if (parts.has('memory')) process.stdout.write(`\nMemory\n\n${memoryTable(await measureMemory())}\n`);
  if (parts.has('demo')) {
    const rounds = envInt('BENCH_DEMO_ROUNDS', 3);
    process.stdout.write(`\nDemo clock: +1 week, ${rounds} rounds\n\n${demoClockTable(await benchDemoClock(rounds))}\n`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
