/**
 * Delivery benchmark: one reminder wave through the real sender, pacer and gateway, against the
 * emulator keeping Slack's posting limits (1 message a second per channel with bursts of 3, and a
 * per-workspace budget) with 100 ms added to every Web API answer. 500 circles in 3 workspaces,
 * all meeting in the same minute: every member's hour-ahead reminder falls due at once.
 *
 *   npm run bench:delivery                                  # PGlite, in memory
 *   DATABASE_URL=postgres://… npm run bench:delivery         # PostgreSQL, in a throwaway database beside it
 *   BENCH_CIRCLES=500 BENCH_MEMBERS=3 BENCH_LATENCY_MS=100 npm run bench:delivery
 *
 * See bench/README.md ("Delivery throughput") for the figures.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { WebClient } from '@slack/web-api';
import { buildServices } from '../src/composition';
import { loadConfig } from '../src/core/config';
import { createLogger } from '../src/core/logger';
import { migrateToLatest } from '../src/db/migrate';
import { startSlackEmulator, USERS } from '../src/sandbox';
import { tick } from '../src/scheduler/tick';
import { SLACK_LIMITS } from '../src/workspaces/pacer';
import { openBenchDatabase } from './database';

const CIRCLES = Number(process.env.BENCH_CIRCLES ?? 500);
const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 3);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 100);
const TEAMS = ['T0BENCH001', 'T0BENCH002', 'T0BENCH003'];
const LIMITS = {
  perChannelPerSecond: 1,
  perChannelBurst: 3,
  postsPerWorkspacePerMinute: SLACK_LIMITS.postsPerWorkspacePerMinute,
};
const OAUTH = {
  clientId: '1111111111.2222222222',
  clientSecret: 'bench-client-secret',
  stateSecret: 'bench-state-secret-0123456789',
};
const MINUTE = 60_000;

async function main(): Promise<void> {
  // The wave is due at the next whole minute after now (real time: the emulator's limits are).
  const due = new Date(Math.ceil((Date.now() + 3 * MINUTE) / MINUTE) * MINUTE);
  let now = new Date(due.getTime() - 30 * MINUTE);
  const emulator = await startSlackEmulator({ oauth: OAUTH, rateLimits: LIMITS, latencyMs: 0 });
  const backend = await openBenchDatabase();
  const { db } = backend;
  try {
    await migrateToLatest(db);
    const config = loadConfig({
      SLACK_SIGNING_SECRET: emulator.signingSecret,
      SLACK_CLIENT_ID: OAUTH.clientId,
      SLACK_CLIENT_SECRET: OAUTH.clientSecret,
      SLACK_STATE_SECRET: OAUTH.stateSecret,
      TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      SLACK_API_URL: emulator.apiUrl,
      SCHEDULER: 'off',
      LOG_LEVEL: 'error',
    });
    const logger = createLogger('error');
    const services = buildServices(config, db, () => now, logger);

    // Three installs, each through the emulator's authorize page and oauth.v2.access.
    for (const team of TEAMS) {
      const authorize = new URL(`${emulator.baseUrl}/oauth/v2/authorize`);
      authorize.search = new URLSearchParams({
        client_id: OAUTH.clientId,
        scope: 'chat:write',
        redirect_uri: 'https://bench.test/cb',
        team,
        user: USERS.owner,
      }).toString();
      const code = new URL((await fetch(authorize, { redirect: 'manual' })).headers.get('location')!).searchParams.get('code')!;
      const res = await new WebClient(undefined, { slackApiUrl: emulator.apiUrl }).oauth.v2.access({
        client_id: OAUTH.clientId,
        client_secret: OAUTH.clientSecret,
        code,
        redirect_uri: 'https://bench.test/cb',
      });
      await services.installationStore!.storeInstallation({
        team: { id: team, name: team },
        enterprise: undefined,
        user: { id: USERS.owner, token: undefined, scopes: undefined },
        bot: { id: 'B0PCBOT001', userId: USERS.bot, token: res.access_token!, scopes: ['chat:write'] },
        isEnterpriseInstall: false,
        authVersion: 'v2',
      });
    }

    // 500 circles over the three workspaces, each with its own members and channel, meeting at due + 1 h.
    const t0 = performance.now();
    const meeting = new Date(due.getTime() + 60 * MINUTE);
    const cadence = JSON.stringify({
      kind: 'weekly',
      everyWeeks: 1,
      weekday: ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'][meeting.getUTCDay()],
      localTime: meeting.toISOString().slice(11, 16),
      durationMinutes: 60,
      timeZone: 'UTC',
    });
    const day = meeting.toISOString().slice(0, 10);
    const end = new Date(meeting.getTime() + 120 * 86_400_000).toISOString().slice(0, 10);
    for (let i = 0; i < CIRCLES; i++) {
      const team = TEAMS[i % TEAMS.length]!;
      const people = Array.from({ length: MEMBERS }, () => emulator.workspace.addUser({ tz: 'UTC' }).id);
      const channel = emulator.workspace.addChannel({ name: `bench-${i}`, is_private: true, members: [USERS.bot, ...people] });
      await db
        .insertInto('users')
        .values(people.map((u) => ({ team_id: team, user_id: u, display_name: u, time_zone: 'UTC' })))
        .execute();
      const { id } = await db
        .insertInto('circles')
        .values({
          team_id: team,
          name: `Bench circle ${i}`,
          kind: 'group',
          channel_id: channel.id,
          cadence,
          video_link: null,
          created_by: people[0]!,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db.insertInto('cycles').values({ team_id: team, circle_id: id, number: 1, start_date: day, end_date: end }).execute();
      await db
        .insertInto('memberships')
        .values(
          people.map((u, k) => ({
            team_id: team,
            circle_id: id,
            user_id: u,
            status: 'active' as const,
            joined_at: new Date(Date.UTC(2026, 0, 1, 0, 0, k)),
          })),
        )
        .execute();
    }
    // Planned up to here already: the wave's pass plans exactly the minute it is due.
    await db
      .insertInto('scheduler_state')
      .values({ name: 'deliveries_planned_until', value: new Date(now.getTime() - MINUTE), updated_at: now })
      .execute();
    // Passes before the wave create the sessions (the horizon job takes a slice of circles per pass); they send nothing.
    for (;;) {
      const warm = await tick(services.jobs, now, logger);
      if (warm.failed.length) throw new Error(`warm-up pass failed: ${warm.failed.join(', ')}`);
      if (Number(warm.reports['session-horizon']?.circles ?? 0) === 0) break;
    }
    const seeded = (performance.now() - t0) / 1000;

    emulator.setLatency(LATENCY_MS);
    emulator.reset();
    now = due;
    const started = performance.now();
    const startedWall = Date.now();
    const pass = await tick(services.jobs, due, logger);
    const seconds = (performance.now() - started) / 1000;
    const posts = emulator.callsTo('chat.postMessage').filter((c) => (c.response as { ok?: boolean }).ok);
    const rateLimited = emulator.rateLimitedCount();
    const first = posts[0]?.at.getTime() ?? 0;
    const last = posts.at(-1)?.at.getTime() ?? 0;
    const pending = await db
      .selectFrom('deliveries')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .where('status', '=', 'pending')
      .executeTakeFirstOrThrow();
    // What the limits allow: each workspace's posting budget (one DM per channel: the per-channel limit does not bind).
    const allowed = (TEAMS.length * LIMITS.postsPerWorkspacePerMinute) / 60;
    const spanSeconds = (last - first) / 1000;
    const achieved = posts.length / Math.max((last - startedWall) / 1000, 1e-9);
    const report = {
      database: backend.name,
      circles: CIRCLES,
      workspaces: TEAMS.length,
      messagesDue: CIRCLES * MEMBERS,
      sent: posts.length,
      stillPending: Number(pending.n),
      passReport: pass.reports['send-deliveries'],
      passSeconds: Number(seconds.toFixed(2)),
      firstToLastPostSeconds: Number(spanSeconds.toFixed(2)),
      achievedMsgsPerSecond: Number(achieved.toFixed(2)),
      // The sending alone, once the pass has planned and claimed the first batch.
      firstToLastMsgsPerSecond: Number(((posts.length - 1) / Math.max(spanSeconds, 1e-9)).toFixed(2)),
      allowedMsgsPerSecond: allowed,
      shareOfAllowed: `${((achieved / allowed) * 100).toFixed(1)}%`,
      rateLimited429s: rateLimited,
      // From the start of the pass that found them due to the last one's answer.
      lastReminderDelaySeconds: Number(((last - startedWall) / 1000).toFixed(2)),
      latencyMs: LATENCY_MS,
      seedSeconds: Number(seeded.toFixed(1)),
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } finally {
    await backend.close();
    await emulator.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
