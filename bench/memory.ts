/**
 * Memory: the resident set of one app process after 10,000 members are loaded and a reminder wave
 * (one reminder to each of them) is sent. `npm run bench` runs it in a process of its own, with the
 * Slack emulator in the parent (`measureMemory`), so that neither the emulator's store of 10,000
 * messages nor anything else the bench did is counted.
 *
 * With PGlite (no DATABASE_URL) the embedded database's WebAssembly heap counts in the RSS.
 */
import { sql } from 'kysely';
import { buildServices } from '../src/composition';
import { loadConfig } from '../src/core/config';
import { createLogger } from '../src/core/logger';
import { migrateToLatest } from '../src/db/migrate';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { startSlackEmulator } from '../src/sandbox';
import type { PlannedDelivery } from '../src/scheduler/ledger';
import { planDeliveries } from '../src/scheduler/ledger';
import { sendDue } from '../src/scheduler/sender';
import { MEMBERS_PER_CIRCLE, seed, START, TEAM } from './seed';
import { openBenchDatabase } from './database';

const MEMBERS = 10_000;
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

async function main(): Promise<void> {
  const baseline = process.memoryUsage().rss;
  const backend = await openBenchDatabase();
  try {
    const { db } = backend;
    await migrateToLatest(db);
    await seed(db, MEMBERS / MEMBERS_PER_CIRCLE, 0);
    const config = loadConfig({
      SLACK_BOT_TOKEN: process.env.SLACK_BOT_TOKEN,
      SLACK_SIGNING_SECRET: process.env.SLACK_SIGNING_SECRET,
      SLACK_API_URL: process.env.SLACK_API_URL,
      SCHEDULER: 'off',
      LOG_LEVEL: 'error',
    });
    const now = START;
    const services = buildServices(config, db, () => now, createLogger('error'));
    // Everyone is loaded as the app loads them for a pass: members of every circle.
    const loaded = await db.selectFrom('memberships').selectAll().where('team_id', '=', TEAM).execute();
    const afterLoad = process.memoryUsage().rss;

    // The wave: one reminder to every member, for their circle's next session, all due now.
    const { rows: next } = await sql<{ id: number; circle_id: number; starts_at: Date }>`
      SELECT DISTINCT ON (circle_id) id, circle_id, starts_at FROM sessions
      WHERE team_id = ${TEAM} AND starts_at > ${now} ORDER BY circle_id, starts_at`.execute(db);
    const byCircle = new Map(next.map((s) => [s.circle_id, s]));
    const wave: PlannedDelivery[] = loaded.map((m) => {
      const s = byCircle.get(m.circle_id)!;
      return {
        kind: 'reminder',
        teamId: TEAM,
        key: `reminder:${s.id}:${m.user_id}:60`,
        circleId: m.circle_id,
        sessionId: s.id,
        userId: m.user_id,
        dueAt: now,
        expiresAt: s.starts_at,
        payload: { leadMinutes: 60 },
      };
    });
    await planDeliveries(db, wave, now);
    const t0 = Date.now();
    let sent = 0;
    let peak = process.memoryUsage().rss;
    for (;;) {
      const report = await sendDue(services.deps, services.registry, now);
      peak = Math.max(peak, process.memoryUsage().rss);
      sent += report.sent;
      if (report.sent + report.skipped + report.failed + report.retried === 0) break;
    }
    const seconds = (Date.now() - t0) / 1000;
    const after = process.memoryUsage();
    process.stdout.write(
      `${JSON.stringify({
        backend: backend.name,
        members: loaded.length,
        sent,
        waveSeconds: Number(seconds.toFixed(1)),
        rssBaselineMb: mb(baseline),
        rssAfterLoadMb: mb(afterLoad),
        rssPeakMb: mb(peak),
        rssAfterWaveMb: mb(after.rss),
        heapUsedMb: mb(after.heapUsed),
      })}\n`,
    );
  } finally {
    await backend.close();
  }
}

export interface MemoryReport {
  backend: string;
  members: number;
  sent: number;
  waveSeconds: number;
  rssBaselineMb: number;
  rssAfterLoadMb: number;
  rssPeakMb: number;
  rssAfterWaveMb: number;
  heapUsedMb: number;
}

/** Runs this file in a child process against an emulator in this one; returns what it measured. */
export async function measureMemory(): Promise<MemoryReport> {
  const emulator = await startSlackEmulator();
  try {
    // The seed's members, so that every reminder finds its person.
    for (let i = 1; i <= MEMBERS; i++) emulator.workspace.addUser({ id: `U${String(i).padStart(7, '0')}` });
    const tsx = join(__dirname, '..', 'node_modules', 'tsx', 'dist', 'cli.mjs');
    const child = spawn('node', [tsx, __filename], {
      env: {
        ...process.env,
        BENCH_MEMORY_CHILD: '1',
        SLACK_BOT_TOKEN: emulator.botToken,
        SLACK_SIGNING_SECRET: emulator.signingSecret,
        SLACK_API_URL: emulator.apiUrl,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    if (code !== 0) throw new Error(`the memory bench exited ${code}`);
    return JSON.parse(out.trim().split('\n').pop()!) as MemoryReport;
  } finally {
    await emulator.close();
  }
}

export function memoryTable(r: MemoryReport): string {
  return [
    '| backend | members | reminders sent | wave s | RSS at start MB | after loading members MB | peak MB | after the wave MB | JS heap used MB |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|',
    `| ${r.backend} | ${r.members.toLocaleString('en-US')} | ${r.sent.toLocaleString('en-US')} | ${r.waveSeconds} | ${r.rssBaselineMb} | ` +
      `${r.rssAfterLoadMb} | ${r.rssPeakMb} | **${r.rssAfterWaveMb}** | ${r.heapUsedMb} |`,
  ].join('\n');
}

if (process.env.BENCH_MEMORY_CHILD === '1') {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
