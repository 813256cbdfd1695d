/**
 * The demo's clock: how long "+1 week" takes, in a fresh demo workspace and after the five acts of
 * the tour have been played (the heaviest state a visitor reaches). `npm run demo` as wired
 * (`startDemo`: the emulator, the app on the embedded database in a data directory, the page's
 * API), the acts played from the control API with no reading time, the week asked for as the page
 * asks for it, while a reader follows the page's change events and reads its state as the page
 * does. A fresh demo for each round, so every round jumps from the same kind of state. What
 * arrived is also hashed (`demoArrivals.ts`), so two versions can be shown to send the same.
 *
 *   BENCH_PARTS=demo npm run bench
 *   BENCH_PARTS=demo BENCH_DEMO_ROUNDS=5 npm run bench
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type RunningDemo, startDemo } from '../src/demo/demo';
import { arrivalsHash, markArrivals } from './demoArrivals';

export interface DemoJump {
  workspace: 'fresh' | 'after the five acts';
  passes: number;
  /** What the page said arrived. */
  summary: string;
  /** Every ledger row and message the jump brought, hashed (demoArrivals.ts): equal means the same arrived. */
  arrivals: string;
  wallMs: number;
  /** This process's CPU time over the jump: the demo's, and the reader's little share. */
  cpuMs: number;
  /** State reads the reader made while the jump ran. */
  reads: number;
}

interface Answer {
  ok: boolean;
  error?: string;
  result?: { passes?: number; summary?: string };
}

async function control(demo: RunningDemo, name: string, body: unknown): Promise<Answer> {
  const base = new URL(demo.emulator.baseUrl);
  const res = await fetch(new URL(`/demo/api/control/${name}`, base), {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base.origin },
    body: JSON.stringify(body),
  });
  return (await res.json()) as Answer;
}

async function tourStatus(demo: RunningDemo): Promise<{ status: string; error?: string }> {
  const res = await fetch(new URL('/demo/api/state', demo.emulator.baseUrl));
  return ((await res.json()) as { demo: { tour: { status: string; error?: string } } }).demo.tour;
}

async function playActs(demo: RunningDemo, acts: number): Promise<void> {
  for (let act = 0; act < acts; act++) {
    const started = await control(demo, 'tour', { act });
    if (!started.ok) throw new Error(`act ${act + 1} did not start: ${started.error}`);
    for (;;) {
      const tour = await tourStatus(demo);
      if (tour.status === 'done') break;
      if (tour.status !== 'playing') throw new Error(`act ${act + 1} ended ${tour.status}: ${tour.error}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** Reads the page's state on each change event, one read at a time, as the page does. */
function followPage(demo: RunningDemo): { reads(): number; stop(): void } {
  const base = new URL(demo.emulator.baseUrl);
  const abort = new AbortController();
  let reads = 0;
  let reading = false;
  let again = false;
  const read = async () => {
    if (reading) {
      again = true;
      return;
    }
    reading = true;
    try {
      do {
        again = false;
        await (await fetch(new URL('/demo/api/state', base), { signal: abort.signal })).json();
        reads++;
      } while (again);
    } finally {
      reading = false;
    }
  };
  void (async () => {
    const res = await fetch(new URL('/demo/api/events', base), { signal: abort.signal });
    const decoder = new TextDecoder();
    for await (const chunk of res.body ?? []) {
      if (decoder.decode(chunk as Uint8Array).includes('event: change')) void read().catch(() => undefined);
    }
  })().catch(() => undefined);
  return { reads: () => reads, stop: () => abort.abort() };
}

async function jumpOnce(acts: number): Promise<DemoJump> {
  const dataDir = mkdtempSync(join(tmpdir(), 'peer-circles-bench-demo-'));
  const demo = await startDemo({
    port: 0,
    dataDir,
    keep: false,
    tourTiming: { stepMs: 0, wordMs: 0 },
    schedulerEveryMs: 0,
    logLevel: 'error',
  });
  try {
    await playActs(demo, acts);
    const mark = markArrivals(demo);
    const page = followPage(demo);
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    const answer = await control(demo, 'travel', { jump: 'week' });
    const wallMs = performance.now() - t0;
    const used = process.cpuUsage(cpu);
    page.stop();
    if (!answer.ok) throw new Error(`the week's jump failed: ${answer.error}`);
    return {
      workspace: acts > 0 ? 'after the five acts' : 'fresh',
      passes: answer.result?.passes ?? 0,
      summary: answer.result?.summary ?? '',
      arrivals: await arrivalsHash(demo, mark),
      wallMs,
      cpuMs: (used.user + used.system) / 1000,
      reads: page.reads(),
    };
  } finally {
    await demo.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function benchDemoClock(rounds: number): Promise<DemoJump[]> {
  const jumps: DemoJump[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const acts of [0, 5]) {
      const jump = await jumpOnce(acts);
      process.stderr.write(
        `demo clock, round ${round + 1}, ${jump.workspace}: ${(jump.wallMs / 1000).toFixed(2)} s, ${jump.passes} passes, ` +
          `${jump.summary} (${jump.arrivals})\n`,
      );
      jumps.push(jump);
    }
  }
  return jumps;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const seconds = (ms: number) => (ms / 1000).toFixed(2);

export function demoClockTable(jumps: DemoJump[]): string {
  const lines = [
    '| workspace | rounds | passes | wall s (median) | min–max | CPU s (median) | state reads | what arrived | arrivals hash |',
    '|---|--:|--:|--:|--:|--:|--:|---|---|',
  ];
  for (const workspace of ['fresh', 'after the five acts'] as const) {
    const rows = jumps.filter((j) => j.workspace === workspace);
    if (rows.length === 0) continue;
    const walls = rows.map((r) => r.wallMs);
    const summaries = [...new Set(rows.map((r) => r.summary))];
    const hashes = [...new Set(rows.map((r) => r.arrivals))];
    lines.push(
      `| ${workspace} | ${rows.length} | ${[...new Set(rows.map((r) => r.passes))].join(', ')} | **${seconds(median(walls))}** | ` +
        `${seconds(Math.min(...walls))}–${seconds(Math.max(...walls))} | ${seconds(median(rows.map((r) => r.cpuMs)))} | ` +
        `${Math.round(median(rows.map((r) => r.reads)))} | ${summaries.join(' / ')} | ${hashes.join(', ')} |`,
    );
  }
  return lines.join('\n');
}
