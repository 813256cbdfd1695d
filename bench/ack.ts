/**
 * Slash-command ack latency, side by side with a bare Bolt app: the same signed `/circle help` and
 * `/circle list` requests, at 1, 10 and 50 at a time, to the real app (over the database, with a
 * workspace of circles to list) and to a Bolt app that only acks with a fixed text. Each app runs in
 * a process of its own, so that neither pays for the other's garbage collection or for the load
 * generator, which runs here with the Slack emulator. Rounds of the two alternate, so both see the
 * same machine.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { App, LogLevel } from '@slack/bolt';
import { buildServices, buildSlackApp } from '../src/composition';
import { loadConfig } from '../src/core/config';
import { createLogger } from '../src/core/logger';
import { migrateToLatest } from '../src/db/migrate';
import { signatureHeaders, startSlackEmulator } from '../src/sandbox';
import { startSlackApp } from '../src/slack/app';
import { openBenchDatabase } from './database';
import { seed, TEAM } from './seed';

const CONCURRENCY = [1, 10, 50];
const COMMANDS = ['help', 'list'] as const;
type Command = (typeof COMMANDS)[number];

interface Side {
  p50: number;
  p99: number;
  /** CPU time of the server's process per request. */
  cpuMs: number;
  /** Garbage collection in the server's process over the recorded rounds: in all, and the longest pause. */
  gcMs: number;
  gcMaxMs: number;
}

export interface AckRow {
  command: Command;
  concurrency: number;
  requests: number;
  app: Side;
  bare: Side;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function body(text: string, i: number): string {
  return new URLSearchParams({
    token: 'bench',
    team_id: TEAM,
    team_domain: 'bench',
    channel_id: 'CB0000001',
    channel_name: 'bench',
    user_id: `U${String((i % 16_000) + 1).padStart(7, '0')}`,
    user_name: 'bench',
    command: '/circle',
    text,
    api_app_id: 'ABENCH',
    is_enterprise_install: 'false',
    response_url: 'http://127.0.0.1:9/response',
    trigger_id: `1.${i}.bench`,
  }).toString();
}

async function request(url: string, secret: string, text: string, i: number): Promise<number> {
  const raw = body(text, i);
  const t0 = performance.now();
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...signatureHeaders(secret, raw) },
    body: raw,
  });
  await res.text();
  const ms = performance.now() - t0;
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
  return ms;
}

/** `total` requests, `concurrency` in flight at a time; the latency of each. */
async function load(url: string, secret: string, text: string, concurrency: number, total: number): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) latencies.push(await request(url, secret, text, next++));
    }),
  );
  return latencies;
}

interface ChildEnv {
  SLACK_BOT_TOKEN: string;
  SLACK_SIGNING_SECRET: string;
  SLACK_API_URL: string;
}

/** In a child: a Bolt app that acks every `/circle` with a fixed text, and nothing else. */
async function serveBare(env: ChildEnv): Promise<number> {
  const app = new App({
    token: env.SLACK_BOT_TOKEN,
    signingSecret: env.SLACK_SIGNING_SECRET,
    // Bolt's default: one auth.test at start. With verification off it calls auth.test on every
    // request instead (it never keeps the answer), which would make the baseline slower than Bolt is.
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: env.SLACK_API_URL },
  });
  app.command('/circle', async ({ ack, command }) => {
    await ack({ response_type: 'ephemeral', text: `You asked for ${command.text}. Here is a fixed answer of some length.` });
  });
  const server = (await app.start(0)) as { address(): { port: number } };
  process.on('SIGTERM', () => {
    void app.stop().finally(() => process.exit(0));
  });
  return server.address().port;
}

/** In a child: the real app over its own bench database, seeded with `circles` circles to list. */
async function serveApp(env: ChildEnv, circles: number): Promise<number> {
  const backend = await openBenchDatabase();
  await migrateToLatest(backend.db);
  await seed(backend.db, circles, 0);
  const config = loadConfig({ ...env, SCHEDULER: 'off', LOG_LEVEL: 'error' });
  const services = buildServices(config, backend.db, () => new Date(), createLogger('error'));
  const real = await startSlackApp(buildSlackApp(services), 0);
  process.on('SIGTERM', () => {
    void real
      .stop()
      .then(() => backend.close())
      .finally(() => process.exit(0));
  });
  return real.port;
}

/** Starts this file as one of the two servers; resolves with its port once it listens. */
async function startChild(kind: 'app' | 'bare', env: ChildEnv, circles: number): Promise<{ child: ChildProcess; port: number }> {
  const tsx = join(__dirname, '..', 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const child = spawn('node', [tsx, __filename], {
    env: { ...process.env, ...env, BENCH_ACK_CHILD: kind, BENCH_ACK_CIRCLES: String(circles) },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /listening on (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`the ${kind} server exited ${code} before listening`)));
  });
  return { child, port };
}

/** The child's CPU time (user + system) so far, in ms: what its answers cost, whatever the machine's load. */
function cpuOf(child: ChildProcess): Promise<{ cpu: number; gc: number; gcMax: number }> {
  return new Promise((resolve) => {
    child.once('message', (m: { cpuMicros: number; gcMs: number; gcMaxMs: number }) =>
      resolve({ cpu: m.cpuMicros / 1000, gc: m.gcMs, gcMax: m.gcMaxMs }),
    );
    child.send('cpu');
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

export async function benchAck(circles: number, rounds: number): Promise<AckRow[]> {
  const emulator = await startSlackEmulator();
  const env: ChildEnv = {
    SLACK_BOT_TOKEN: emulator.botToken,
    SLACK_SIGNING_SECRET: emulator.signingSecret,
    SLACK_API_URL: emulator.apiUrl,
  };
  const servers = await Promise.all([startChild('app', env, circles), startChild('bare', env, circles)]);
  const urls = {
    app: `http://127.0.0.1:${servers[0].port}/slack/events`,
    bare: `http://127.0.0.1:${servers[1].port}/slack/events`,
  };
  const rows: AckRow[] = [];
  try {
    for (const command of COMMANDS) {
      for (const concurrency of CONCURRENCY) {
        const perRound = Math.max(20, concurrency * 4);
        // Warm-up, not recorded: JIT, connection pools, the database's caches.
        await load(urls.app, emulator.signingSecret, command, concurrency, perRound);
        await load(urls.bare, emulator.signingSecret, command, concurrency, perRound);
        const app: number[] = [];
        const bareMs: number[] = [];
        const cpu = { app: 0, bare: 0 };
        const gc = { app: { ms: 0, max: 0 }, bare: { ms: 0, max: 0 } };
        for (let r = 0; r < rounds; r++) {
          for (const [side, into] of [['app', app] as const, ['bare', bareMs] as const]) {
            const child = servers[side === 'app' ? 0 : 1].child;
            const before = await cpuOf(child);
            into.push(...(await load(urls[side], emulator.signingSecret, command, concurrency, perRound)));
            const after = await cpuOf(child);
            cpu[side] += after.cpu - before.cpu;
            gc[side].ms += after.gc - before.gc;
            gc[side].max = Math.max(gc[side].max, after.gcMax);
          }
        }
        rows.push({
          command,
          concurrency,
          requests: app.length,
          app: {
            p50: percentile(app, 50),
            p99: percentile(app, 99),
            cpuMs: cpu.app / app.length,
            gcMs: gc.app.ms,
            gcMaxMs: gc.app.max,
          },
          bare: {
            p50: percentile(bareMs, 50),
            p99: percentile(bareMs, 99),
            cpuMs: cpu.bare / bareMs.length,
            gcMs: gc.bare.ms,
            gcMaxMs: gc.bare.max,
          },
        });
        process.stderr.write(`ack ${command} x${concurrency}: done\n`);
      }
    }
  } finally {
    await Promise.all(servers.map((s) => stopChild(s.child)));
    await emulator.close();
  }
  return rows;
}

const GOAL: Record<Command, number> = { help: 1.2, list: 1.5 };

export function ackTable(rows: AckRow[]): string {
  const f = (n: number) => n.toFixed(1);
  const lines = [
    '| command | concurrent | requests each | app p50 ms | app p99 ms | bare Bolt p50 ms | bare Bolt p99 ms | p99 ratio | goal | CPU ms per request, app / bare | GC ms in all (longest), app / bare |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const r of rows) {
    const ratio = r.app.p99 / r.bare.p99;
    lines.push(
      `| ${r.command} | ${r.concurrency} | ${r.requests} | ${f(r.app.p50)} | **${f(r.app.p99)}** | ${f(r.bare.p50)} | ${f(r.bare.p99)} | ` +
        `${ratio.toFixed(2)}x | ${ratio <= GOAL[r.command] ? 'met' : 'missed'} (≤ ${GOAL[r.command]}x) | ` +
        `${r.app.cpuMs.toFixed(2)} / ${r.bare.cpuMs.toFixed(2)} | ` +
        `${Math.round(r.app.gcMs)} (${f(r.app.gcMaxMs)}) / ${Math.round(r.bare.gcMs)} (${f(r.bare.gcMaxMs)}) |`,
    );
  }
  return lines.join('\n');
}

const child = process.env.BENCH_ACK_CHILD;
if (child === 'app' || child === 'bare') {
  // Garbage collection pauses stop every request in flight: counted, to tell a slow tail from slow code.
  const gc = { ms: 0, max: 0 };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      gc.ms += e.duration;
      gc.max = Math.max(gc.max, e.duration);
    }
  }).observe({ entryTypes: ['gc'] });
  process.on('message', () => {
    const { user, system } = process.cpuUsage();
    process.send!({ cpuMicros: user + system, gcMs: gc.ms, gcMaxMs: gc.max });
    gc.max = 0;
  });
  const env = process.env as unknown as ChildEnv;
  (child === 'app' ? serveApp(env, Number(process.env.BENCH_ACK_CIRCLES)) : serveBare(env))
    .then((port) => process.stdout.write(`listening on ${port}\n`))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
