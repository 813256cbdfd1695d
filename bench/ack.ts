/**
 * Slash-command ack latency, side by side with a bare Bolt app: the same signed `/circle help` and
 * `/circle list` requests, at 1, 10 and 50 at a time, to the real app (over the database, with a
 * workspace of circles to list) and to a Bolt app that only acks with a fixed text. Rounds of the two
 * alternate, so both see the same machine.
 */
import { performance } from 'node:perf_hooks';
import { App, LogLevel } from '@slack/bolt';
import { buildServices, buildSlackApp } from '../src/composition';
import { loadConfig } from '../src/core/config';
import { createLogger } from '../src/core/logger';
import type { Db } from '../src/db/database';
import { type SlackEmulator, signatureHeaders, startSlackEmulator } from '../src/sandbox';
import { startSlackApp } from '../src/slack/app';
import { seed, TEAM } from './seed';

const CONCURRENCY = [1, 10, 50];
const COMMANDS = ['help', 'list'] as const;
type Command = (typeof COMMANDS)[number];

export interface AckRow {
  command: Command;
  concurrency: number;
  requests: number;
  app: { p50: number; p99: number };
  bare: { p50: number; p99: number };
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

function bareBolt(emulator: SlackEmulator): App {
  const app = new App({
    token: emulator.botToken,
    signingSecret: emulator.signingSecret,
    tokenVerificationEnabled: false,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: emulator.apiUrl },
  });
  app.command('/circle', async ({ ack, command }) => {
    await ack({ response_type: 'ephemeral', text: `You asked for ${command.text}. Here is a fixed answer of some length.` });
  });
  return app;
}

export async function benchAck(db: Db, circles: number, rounds: number): Promise<AckRow[]> {
  const emulator = await startSlackEmulator();
  await seed(db, circles, 0);
  const config = loadConfig({
    SLACK_BOT_TOKEN: emulator.botToken,
    SLACK_SIGNING_SECRET: emulator.signingSecret,
    SLACK_API_URL: emulator.apiUrl,
    SCHEDULER: 'off',
    LOG_LEVEL: 'error',
  });
  const services = buildServices(config, db, () => new Date(), createLogger('error'));
  const real = await startSlackApp(buildSlackApp(services), 0);
  const bare = bareBolt(emulator);
  const bareServer = (await bare.start(0)) as { address(): { port: number } };
  const urls = {
    app: `http://127.0.0.1:${real.port}/slack/events`,
    bare: `http://127.0.0.1:${bareServer.address().port}/slack/events`,
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
        for (let r = 0; r < rounds; r++) {
          app.push(...(await load(urls.app, emulator.signingSecret, command, concurrency, perRound)));
          bareMs.push(...(await load(urls.bare, emulator.signingSecret, command, concurrency, perRound)));
        }
        rows.push({
          command,
          concurrency,
          requests: app.length,
          app: { p50: percentile(app, 50), p99: percentile(app, 99) },
          bare: { p50: percentile(bareMs, 50), p99: percentile(bareMs, 99) },
        });
        process.stderr.write(`ack ${command} x${concurrency}: done\n`);
      }
    }
  } finally {
    await real.stop();
    await bare.stop();
    await emulator.close();
  }
  return rows;
}

const GOAL: Record<Command, number> = { help: 1.2, list: 1.5 };

export function ackTable(rows: AckRow[]): string {
  const f = (n: number) => n.toFixed(1);
  const lines = [
    '| command | concurrent | requests each | app p50 ms | app p99 ms | bare Bolt p50 ms | bare Bolt p99 ms | p99 ratio | goal |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const r of rows) {
    const ratio = r.app.p99 / r.bare.p99;
    lines.push(
      `| ${r.command} | ${r.concurrency} | ${r.requests} | ${f(r.app.p50)} | **${f(r.app.p99)}** | ${f(r.bare.p50)} | ${f(r.bare.p99)} | ` +
        `${ratio.toFixed(2)}x | ${ratio <= GOAL[r.command] ? 'met' : 'missed'} (≤ ${GOAL[r.command]}x) |`,
    );
  }
  return lines.join('\n');
}
