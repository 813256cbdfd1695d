import { buildServices } from '../../src/composition';
import { loadConfig } from '../../src/core/config';
import { createLogger } from '../../src/core/logger';
import { createDatabase } from '../../src/db/database';
import { type SlackEmulator, startSlackEmulator, TEAM, USERS } from '../../src/sandbox';
import { LEASE_MS } from '../../src/scheduler/sender';
import { tick } from '../../src/scheduler/tick';
import { syncSessions } from '../../src/sessions/horizon';
import { createTestDatabase, itOnPostgres, type TestDatabase } from '../support/db';
import { seedCircle } from '../support/fixtures';
import { startTcpProxy, type TcpProxy } from '../support/tcpProxy';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
// The fixture circle's first session: Tuesday 2026-12-01 at 09:00 in New York.
const FIRST = Date.parse('2026-12-01T14:00:00Z');
const MEMBERS = [USERS.ana, USERS.ben, USERS.chloe, USERS.elena];

describe('the connection to PostgreSQL cut in the middle of a tick', () => {
  let emulator: SlackEmulator;
  let database: TestDatabase;
  let proxy: TcpProxy;
  beforeEach(async () => {
    emulator = await startSlackEmulator();
    database = await createTestDatabase();
    const circle = await seedCircle(database.db, emulator, { name: 'Steady', members: MEMBERS });
    await syncSessions(database.db, TEAM.id, circle.id, new Date('2026-11-23T15:00:00Z'));
  });
  afterEach(async () => {
    await proxy?.close();
    await emulator.close();
    await database.close();
  });

  itOnPostgres(
    'on PostgreSQL only: the tick fails cleanly, the next one finishes the work, nothing lost or doubled',
    async () => {
      const url = new URL(database.url!);
      proxy = await startTcpProxy(url.hostname, Number(url.port || 5432));
      url.hostname = '127.0.0.1';
      url.port = String(proxy.port);
      const lines: string[] = [];
      const logger = createLogger('error', (l) => lines.push(l));
      const db = createDatabase({ databaseUrl: url.toString(), maxConnections: 4, onIdleError: () => undefined });
      const config = loadConfig({
        SLACK_BOT_TOKEN: emulator.botToken,
        SLACK_SIGNING_SECRET: emulator.signingSecret,
        SLACK_API_URL: emulator.apiUrl,
        LOG_LEVEL: 'error',
      });
      const due = new Date(FIRST - 7 * DAY + MINUTE);
      const services = buildServices(config, db, () => due, logger);
      const posts = () => emulator.callsTo('chat.postMessage').filter((c) => (c.response as { ok?: boolean }).ok);
      try {
        // 1. Cut as the pass stores what it planned: planning fails, nothing was planned, nothing sent.
        const plannedCut = proxy.cutOn('insert into "deliveries"');
        const first = await tick(services.jobs, due, logger, services.deps.metrics);
        await plannedCut;
        expect(first.failed).toContain('plan-deliveries');
        expect(posts()).toHaveLength(0);
        expect(await database.db.selectFrom('deliveries').select('id').execute()).toHaveLength(0);

        // 2. Cut as the next pass claims what is due: planned now, but none claimed, none sent.
        const claimCut = proxy.cutOn("UPDATE deliveries SET status = 'sending'");
        const second = await tick(services.jobs, due, logger, services.deps.metrics);
        await claimCut;
        expect(second.failed).toEqual(['send-deliveries']);
        expect(posts()).toHaveLength(0);

        // 3. The connection is back, and cut again just as the first message sent is being recorded: the
        // record is written on a new connection, so nothing is sent twice, even once every lease is over.
        const recordCut = proxy.cutOn('set "status" = $1, "sent_channel" = $2');
        const third = await tick(services.jobs, new Date(due.getTime() + MINUTE), logger, services.deps.metrics);
        await recordCut;
        expect(third.failed).toEqual([]);
        // Sends run side by side, so the cut can also catch another message between its claim and its
        // record: that one is put back for a retry, never sent blind. Lost or doubled is what must not be.
        const report = third.reports['send-deliveries'] as { sent: number; retried: number; failed: number };
        expect(report.sent).toBeGreaterThanOrEqual(1);
        expect(report.sent + report.retried).toBe(MEMBERS.length);
        expect(report.failed).toBe(0);
        await tick(services.jobs, new Date(due.getTime() + 2 * MINUTE), logger, services.deps.metrics);
        await tick(services.jobs, new Date(due.getTime() + LEASE_MS + 2 * MINUTE), logger, services.deps.metrics);
        expect(
          posts()
            .map((p) => (p.args as { channel: string }).channel)
            .sort(),
        ).toEqual([...MEMBERS].sort());
        const rows = await database.db.selectFrom('deliveries').selectAll().where('kind', '=', 'reminder').execute();
        expect(rows.map((d) => d.status)).toEqual(MEMBERS.map(() => 'sent'));
        expect(lines.some((l) => l.includes('Scheduled job plan-deliveries failed'))).toBe(true);
      } finally {
        await db.destroy();
      }
    },
  );
});
