import { sql } from 'kysely';
import { type SlackEmulator, startSlackEmulator, TEAM, USERS } from '../../src/sandbox';
import { planDeliveries, type PlannedDelivery } from '../../src/scheduler/ledger';
import { syncSessions } from '../../src/sessions/horizon';
import { createTestDatabase, itOnPostgres, type TestDatabase } from '../support/db';
import { lastEphemeral, seedCircle } from '../support/fixtures';
import { type Child, eventually, freePort, startCli, startMain, waitForOk } from '../support/processes';

const MEMBERS = [USERS.ana, USERS.ben, USERS.chloe, USERS.elena];
const CIRCLES = 10;
const SESSIONS_EACH = 5;

describe('two replicas and a cron tick over one PostgreSQL', () => {
  let emulator: SlackEmulator;
  let database: TestDatabase;
  const children: Child[] = [];
  beforeEach(async () => {
    emulator = await startSlackEmulator();
    database = await createTestDatabase({ migrate: false });
  });
  afterEach(async () => {
    for (const c of children) if (c.child.exitCode === null) c.child.kill('SIGKILL');
    await Promise.all(children.map((c) => c.exited));
    children.length = 0;
    await emulator.close();
    await database.close();
  });

  itOnPostgres(
    'on PostgreSQL only: migrations raced at start apply once, either replica answers, every delivery goes out exactly once',
    async () => {
      const env = {
        SLACK_BOT_TOKEN: emulator.botToken,
        SLACK_SIGNING_SECRET: emulator.signingSecret,
        SLACK_API_URL: emulator.apiUrl,
        DATABASE_URL: database.url!,
        LOG_LEVEL: 'warn',
      };
      // Both start on an empty database at once: they race to migrate it.
      const ports = [await freePort(), await freePort()];
      const replicas = ports.map((port) =>
        startMain({ ...env, PORT: String(port), SCHEDULER: 'on', SCHEDULER_INTERVAL_SECONDS: '1' }),
      );
      children.push(...replicas);
      await Promise.all(replicas.map((r, i) => waitForOk(`http://127.0.0.1:${ports[i]}/readyz`, r.exited)));
      const { rows: applied } = await sql<{ name: string; n: number }>`
        SELECT name, count(*)::int AS n FROM kysely_migration GROUP BY name`.execute(database.db);
      expect(applied.length).toBeGreaterThan(3);
      expect(applied.every((m) => m.n === 1)).toBe(true);

      // Either replica answers a command, from the one database.
      const now = new Date();
      const today = now.toISOString().slice(0, 10);
      const circles = [];
      for (let i = 1; i <= CIRCLES; i++) {
        const circle = await seedCircle(database.db, emulator, { name: `Replica ${i}`, members: MEMBERS, startDate: today });
        await syncSessions(database.db, TEAM.id, circle.id, now);
        circles.push(circle);
      }
      for (const [i, port] of ports.entries()) {
        const who = [USERS.ana, USERS.ben][i]!;
        const res = await emulator.driver(`http://127.0.0.1:${port}/slack/events`).command(who, 'list');
        expect(res.status).toBe(200);
        expect(lastEphemeral(emulator, who)).toContain(`${CIRCLES} open circles`);
      }

      // 200 reminders fall due at once, while both replicas pass every second and cron runs `cli tick` twice.
      const sessions = await database.db
        .selectFrom('sessions')
        .selectAll()
        .where('starts_at', '>', now)
        .orderBy('starts_at')
        .execute();
      const due: PlannedDelivery[] = [];
      for (const circle of circles) {
        for (const s of sessions.filter((x) => x.circle_id === circle.id).slice(0, SESSIONS_EACH)) {
          for (const userId of MEMBERS) {
            due.push({
              kind: 'reminder',
              teamId: TEAM.id,
              key: `reminder:${s.id}:${userId}:60`,
              circleId: circle.id,
              sessionId: s.id,
              userId,
              dueAt: now,
              expiresAt: s.starts_at,
              payload: { leadMinutes: 60 },
            });
          }
        }
      }
      expect(due).toHaveLength(CIRCLES * SESSIONS_EACH * MEMBERS.length);
      await planDeliveries(database.db, due, now);
      const crons = [startCli(['tick'], env), startCli(['tick'], env)];
      children.push(...crons);

      const deliveries = () => database.db.selectFrom('deliveries').selectAll().where('kind', '=', 'reminder').execute();
      await eventually(async () => (await deliveries()).every((d) => d.status === 'sent'), 60_000);
      expect(await Promise.all(crons.map((c) => c.exited))).toEqual([0, 0]);
      await new Promise((r) => setTimeout(r, 2000)); // a couple more passes: nothing more goes out

      const sent = emulator.callsTo('chat.postMessage').filter((c) => (c.response as { ok?: boolean }).ok);
      // The passes also post each first session's agenda (its lead has passed): once each, through the ledger too.
      const agendas = sent.filter((c) => String(c.args.text).startsWith('Agenda for'));
      const agendaRows = await database.db
        .selectFrom('deliveries')
        .select('id')
        .where('kind', '=', 'agenda')
        .where('status', '=', 'sent')
        .execute();
      expect(agendas).toHaveLength(agendaRows.length);
      const posts = sent.filter((c) => !String(c.args.text).startsWith('Agenda for'));
      expect(posts).toHaveLength(due.length);
      const rows = await deliveries();
      expect(rows).toHaveLength(due.length);
      // Each delivery went out once, in its own message.
      expect(new Set(rows.map((d) => `${d.sent_channel}:${d.sent_ts}`)).size).toBe(due.length);
      expect(rows.every((d) => d.attempts === 1)).toBe(true);
      for (const r of replicas) expect(r.child.exitCode).toBeNull();
      for (const r of replicas) expect(r.output()).not.toMatch(/"level":"error"/);
    },
    120_000,
  );
});
