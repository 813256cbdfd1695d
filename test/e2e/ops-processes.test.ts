import { mkdtempSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type SlackEmulator, startSlackEmulator, TEAM, USERS } from '../../src/sandbox';
import { LEASE_MS } from '../../src/scheduler/sender';
import { syncSessions } from '../../src/sessions/horizon';
import { createTestDatabase, itOnPostgres, type TestDatabase, usingPostgres } from '../support/db';
import { seedCircle } from '../support/fixtures';
import { eventually, freePort, startCli, startMain, waitForOk } from '../support/processes';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
// The fixture circle's first session: Tuesday 2026-12-01 at 09:00 in New York.
const FIRST = Date.parse('2026-12-01T14:00:00Z');
const MEMBERS = [USERS.ana, USERS.ben, USERS.chloe, USERS.elena];

/** A server that accepts connections and never says a word: a database or an API that hangs. */
async function blackHole(): Promise<{ port: number; connections: () => number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let count = 0;
  const server: Server = createServer((socket) => {
    count++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('no port');
  return {
    port: address.port,
    connections: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Whether a GET on a new connection (no keep-alive) gets an answer at all. */
function answers(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = get(url, { agent: false }, (res) => {
      res.resume();
      resolve(true);
    });
    req.on('error', () => resolve(false));
  });
}

describe('the real process under the usual failures', () => {
  let emulator: SlackEmulator;
  beforeEach(async () => {
    emulator = await startSlackEmulator();
  });
  afterEach(async () => {
    await emulator.close();
  });

  const slackEnv = () => ({
    SLACK_BOT_TOKEN: emulator.botToken,
    SLACK_SIGNING_SECRET: emulator.signingSecret,
    SLACK_API_URL: emulator.apiUrl,
  });

  it('exits non-zero with a clear message, and no password, when the database does not answer at start', async () => {
    const hole = await blackHole();
    try {
      const started = Date.now();
      const run = startMain({
        ...slackEnv(),
        PORT: String(await freePort()),
        DATABASE_URL: `postgres://circles:s3cret-pw@127.0.0.1:${hole.port}/circles`,
      });
      expect(await run.exited).toBe(1);
      expect(Date.now() - started).toBeLessThan(25_000);
      expect(run.output()).toContain('peer-circles: Could not prepare PostgreSQL (DATABASE_URL)');
      expect(run.output()).toMatch(/timeout/i);
      expect(run.output()).not.toContain('s3cret-pw');
      expect(hole.connections()).toBeGreaterThan(0);
    } finally {
      await hole.close();
    }
  }, 40_000);

  it('on SIGTERM stops taking requests, finishes the Slack calls in flight, and exits 0 within 10 s', async () => {
    const database: TestDatabase | undefined = usingPostgres() ? await createTestDatabase({ migrate: false }) : undefined;
    const dataDir = mkdtempSync(join(tmpdir(), 'peer-circles-sigterm-'));
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const run = startMain({
      ...slackEnv(),
      PORT: String(port),
      DATA_DIR: dataDir,
      SCHEDULER: 'on',
      ...(database?.url ? { DATABASE_URL: database.url } : {}),
    });
    try {
      await waitForOk(`${baseUrl}/readyz`, run.exited);
      // Every Web API answer now takes 2 s: the App Home the app publishes after its ack is in flight.
      emulator.setLatency(2000);
      const opened = await emulator.driver(`${baseUrl}/slack/events`).appHomeOpened(USERS.ana);
      expect(opened.status).toBe(200);
      const signalled = Date.now();
      run.child.kill('SIGTERM');
      // Not taking new connections any more, while the publish is still on its way.
      await eventually(async () => !(await answers(`${baseUrl}/healthz`)), 1500);
      expect(emulator.callsTo('views.publish')).toHaveLength(0);

      expect(await run.exited).toBe(0);
      expect(Date.now() - signalled).toBeLessThan(10_000);
      const published = emulator.callsTo('views.publish');
      expect(published).toHaveLength(1);
      expect((published[0]!.response as { ok?: boolean }).ok).toBe(true);
      expect(run.output()).toContain('Stopped cleanly');
    } finally {
      if (run.child.exitCode === null) run.child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
      await database?.close();
    }
  }, 90_000);

  itOnPostgres(
    'on PostgreSQL only: a tick killed (SIGKILL) between claiming and sending leaves its deliveries to a later tick, sent once',
    async () => {
      const database = await createTestDatabase();
      const hole = await blackHole();
      try {
        const circle = await seedCircle(database.db, emulator, { name: 'Steady', members: MEMBERS });
        await syncSessions(database.db, TEAM.id, circle.id, new Date('2026-11-23T15:00:00Z'));
        const due = new Date(FIRST - 7 * DAY + MINUTE);
        const env = { ...slackEnv(), DATABASE_URL: database.url!, LOG_LEVEL: 'warn' };
        const rows = () => database.db.selectFrom('deliveries').selectAll().where('kind', '=', 'reminder').execute();

        // Slack does not answer: the tick has claimed the reminders and hangs in its first send.
        const doomed = startCli(['tick', '--now', due.toISOString()], {
          ...env,
          SLACK_API_URL: `http://127.0.0.1:${hole.port}/api/`,
        });
        await eventually(
          async () => hole.connections() > 0 && (await rows()).filter((d) => d.status === 'sending').length === 4,
          60_000,
        );
        doomed.child.kill('SIGKILL');
        expect(await doomed.exited).toBeNull();

        const early = startCli(['tick', '--now', new Date(due.getTime() + MINUTE).toISOString()], env);
        expect(await early.exited).toBe(0);
        expect(emulator.callsTo('chat.postMessage')).toHaveLength(0); // still leased to the dead tick

        const later = startCli(['tick', '--now', new Date(due.getTime() + LEASE_MS + MINUTE).toISOString()], env);
        expect(await later.exited).toBe(0);
        expect(JSON.parse(later.output().trim().split('\n').pop()!).reports['send-deliveries']).toMatchObject({ sent: 4 });
        const posts = emulator.callsTo('chat.postMessage');
        expect(posts.map((p) => (p.args as { channel: string }).channel).sort()).toEqual([...MEMBERS].sort());
        expect((await rows()).map((d) => [d.status, d.attempts])).toEqual(MEMBERS.map(() => ['sent', 2]));
      } finally {
        await hole.close();
        await database.close();
      }
    },
    120_000,
  );
});
