import { buildServices } from '../../src/composition';
import { loadConfig } from '../../src/core/config';
import { createLogger } from '../../src/core/logger';
import { TEAM, USERS } from '../../src/sandbox';
import { claimDue } from '../../src/scheduler/ledger';
import { LEASE_MS } from '../../src/scheduler/sender';
import { tick } from '../../src/scheduler/tick';
import { syncSessions } from '../../src/sessions/horizon';
import { startTestApp, type TestApp } from '../support/app';
import { itOnPostgres } from '../support/db';
import { seedCircle } from '../support/fixtures';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
// The fixture circle's first session: Tuesday 2026-12-01 at 09:00 in New York.
const FIRST = Date.parse('2026-12-01T14:00:00Z');
const MEMBERS = [USERS.ana, USERS.ben, USERS.chloe, USERS.elena];

describe('scheduler reliability', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp({ start: '2026-11-23T15:00:00Z' });
    const circle = await seedCircle(t.db, t.emulator, { name: 'Steady', members: MEMBERS });
    await syncSessions(t.db, TEAM.id, circle.id, t.clock.now());
  });
  afterEach(async () => {
    await t.close();
  });

  const posts = () => t.emulator.callsTo('chat.postMessage').filter((c) => !c.injected && (c.response as { ok?: boolean }).ok);
  const deliveries = () => t.db.selectFrom('deliveries').selectAll().orderBy('id').execute();

  itOnPostgres('on PostgreSQL only: three replicas passing at the same instant send every delivery exactly once', async () => {
    // Warm the plan a day ahead of the week-before reminders, then three passes race at their due time.
    await t.tick(new Date(FIRST - 7 * DAY - HOUR));
    const at = new Date(FIRST - 7 * DAY + MINUTE);
    const replicas = [0, 1, 2].map(() => {
      // Each pass gets its own pool, as separate replicas or cron runs would.
      const db = t.database.connect(4);
      const config = loadConfig({
        SLACK_BOT_TOKEN: t.emulator.botToken,
        SLACK_SIGNING_SECRET: t.emulator.signingSecret,
        SLACK_API_URL: t.emulator.apiUrl,
        LOG_LEVEL: 'error',
      });
      return buildServices(config, db, () => at, createLogger('error'));
    });
    const results = await Promise.all(replicas.map((r) => tick(r.jobs, at, r.deps.logger)));
    expect(results.flatMap((r) => r.failed)).toEqual([]);
    const sent = results.reduce((n, r) => n + Number(r.reports['send-deliveries']?.sent ?? 0), 0);
    expect(sent).toBe(4);
    expect(posts()).toHaveLength(4);
    expect(new Set(posts().map((p) => (p.args as { channel: string }).channel))).toEqual(new Set(MEMBERS));
    expect((await deliveries()).map((d) => [d.key, d.status])).toEqual(
      MEMBERS.map((u) => [expect.stringMatching(new RegExp(`^reminder:\\d+:${u}:10080$`)), 'sent']).sort(),
    );
  });

  it('a pass that dies after claiming leaves its deliveries to a later pass once the lease runs out', async () => {
    const due = new Date(FIRST - 7 * DAY + MINUTE);
    await t.tick(new Date(due.getTime() - 2 * MINUTE)); // plans them (they are due in a minute)
    const claimed = await claimDue(t.db, due, 100, LEASE_MS); // ... and then the process dies
    expect(claimed).toHaveLength(4);
    expect(posts()).toHaveLength(0);

    await t.tick(new Date(due.getTime() + MINUTE));
    expect(posts()).toHaveLength(0); // still leased to the dead pass

    const result = await t.tick(new Date(due.getTime() + LEASE_MS + MINUTE));
    expect(result.reports['send-deliveries']).toMatchObject({ sent: 4 });
    expect(posts()).toHaveLength(4);
    expect((await deliveries()).every((d) => d.status === 'sent' && d.attempts === 2)).toBe(true);
  });

  it('a 429 with Retry-After: 2 waits two seconds, then sends', async () => {
    const due = new Date(FIRST - 7 * DAY + MINUTE);
    await t.tick(new Date(due.getTime() - 2 * MINUTE));
    t.emulator.fail('chat.postMessage', { status: 429, retryAfter: 2 }, 1);
    const first = await t.tick(due);
    // Sends run side by side, and the workspace's Retry-After holds back whatever had not yet gone
    // out when the 429 came (on PostgreSQL that can be more than the one refused).
    const report = first.reports['send-deliveries'] as { sent: number; retried: number };
    expect(report.retried).toBeGreaterThanOrEqual(1);
    expect(report.sent + report.retried).toBe(4);
    const waiting = (await deliveries()).filter((d) => d.status === 'pending');
    expect(waiting).toHaveLength(report.retried);
    const refused = waiting.find((d) => d.last_error === 'ratelimited')!;
    expect(refused.next_attempt_at.getTime()).toBe(due.getTime() + 2000);

    expect((await t.tick(new Date(due.getTime() + 1000))).reports['send-deliveries']).toMatchObject({ sent: 0 });
    expect((await t.tick(new Date(due.getTime() + 2000))).reports['send-deliveries']).toMatchObject({
      sent: report.retried,
    });
    expect(posts()).toHaveLength(4);
    expect(new Set(posts().map((p) => (p.args as { channel: string }).channel)).size).toBe(4);
  });

  it('a 5xx backs off and retries; a deactivated account is recorded and not retried', async () => {
    const due = new Date(FIRST - 7 * DAY + MINUTE);
    await t.tick(new Date(due.getTime() - 2 * MINUTE));
    t.emulator.workspace.setUser(USERS.elena, { deleted: true });
    t.emulator.fail('chat.postMessage', { status: 503 }, 1);
    const first = await t.tick(due);
    expect(first.reports['send-deliveries']).toMatchObject({ retried: 1, failed: 1 });
    const rows = await deliveries();
    expect(rows.find((d) => d.user_id === USERS.elena)).toMatchObject({ status: 'failed', last_error: 'account_inactive' });
    const retry = rows.find((d) => d.status === 'pending')!;
    expect(retry.last_error).toBe('http 503');
    expect(retry.next_attempt_at.getTime()).toBeGreaterThan(due.getTime());
    await t.tick(new Date(due.getTime() + HOUR));
    expect((await deliveries()).filter((d) => d.status === 'sent')).toHaveLength(3);
    expect((await deliveries()).find((d) => d.user_id === USERS.elena)?.attempts).toBe(1);
  });

  it('after 6 hours down, skips what is past its use and sends nothing twice', async () => {
    // Up until 4 h 30 before the session (the agenda went out then), down for 6 hours, back once
    // the 90-minute session has ended: the hour-before reminders are past their use.
    const down = new Date(FIRST - 4.5 * HOUR);
    expect((await t.tick(down)).reports['send-deliveries']).toMatchObject({ sent: 1 });
    const back = new Date(down.getTime() + 6 * HOUR + MINUTE);
    const after = await t.tick(back);
    expect(after.reports['send-deliveries']).toMatchObject({ sent: 0, skipped: 4 });
    const skipped = (await deliveries()).filter((d) => d.status === 'skipped');
    expect(skipped.map((d) => [d.kind, d.payload])).toEqual(MEMBERS.map(() => ['reminder', { leadMinutes: 60 }]));
    expect(skipped.every((d) => d.last_error === 'late: past its use')).toBe(true);
    expect(posts()).toHaveLength(1);
  });

  it('after 6 hours down, an agenda still ahead of its session goes out late, once', async () => {
    const down = new Date(FIRST - DAY - 3 * HOUR);
    await t.tick(down);
    const back = new Date(FIRST - DAY + 3 * HOUR); // the agenda was due 3 h ago; the session is 21 h away
    const result = await t.tick(back);
    expect(result.reports['send-deliveries']).toMatchObject({ sent: 1 });
    const agenda = (await deliveries()).find((d) => d.kind === 'agenda')!;
    expect(agenda.status).toBe('sent');
    expect(agenda.due_at.toISOString()).toBe(new Date(FIRST - DAY).toISOString());
    await t.tick(new Date(back.getTime() + MINUTE));
    expect(posts()).toHaveLength(1);
  });
});
