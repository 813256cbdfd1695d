import { sql } from 'kysely';
import { TEAM, USERS } from '../../src/sandbox';
import { syncSessions } from '../../src/sessions/horizon';
import { startTestApp, type TestApp } from '../support/app';
import { seedCircle } from '../support/fixtures';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
// The fixture circle's first session: Tuesday 2026-12-01 at 09:00 in New York.
const FIRST = Date.parse('2026-12-01T14:00:00Z');
const MEMBERS = [USERS.ana, USERS.ben, USERS.chloe, USERS.elena];

/** One sample of a metric, by its labels, from Prometheus' text format. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const found = /\{([^}]*)\}/.exec(line)?.[1] ?? '';
    const has = Object.entries(labels).every(([k, v]) => found.includes(`${k}="${v}"`));
    if (has) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe('what an operator sees', () => {
  let t: TestApp;
  const lines: Array<Record<string, unknown>> = [];
  beforeEach(async () => {
    lines.length = 0;
    t = await startTestApp({
      start: '2026-11-23T15:00:00Z',
      env: { LOG_LEVEL: 'debug' },
      logSink: (line) => lines.push(JSON.parse(line) as Record<string, unknown>),
    });
  });
  afterEach(async () => {
    await t.close();
  });

  const metrics = async () => {
    const res = await fetch(`${t.baseUrl}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    return res.text();
  };

  it('counts commands by subcommand and times them; each request logs JSON lines under its own id', async () => {
    await t.slack.command(USERS.ana, 'help');
    await t.slack.command(USERS.ana, 'list');
    await t.slack.command(USERS.ben, 'list');
    await t.slack.command(USERS.ben, 'frobnicate');

    const text = await metrics();
    expect(sample(text, 'peer_circles_commands_seconds_count', { subcommand: 'help', outcome: 'ok' })).toBe(1);
    expect(sample(text, 'peer_circles_commands_seconds_count', { subcommand: 'list', outcome: 'ok' })).toBe(2);
    expect(sample(text, 'peer_circles_commands_seconds_count', { subcommand: 'unknown', outcome: 'ok' })).toBe(1);
    expect(sample(text, 'peer_circles_commands_seconds_bucket', { subcommand: 'list', le: '+Inf' })).toBe(2);

    const handled = lines.filter((l) => String(l.msg).startsWith('Slack request handled'));
    expect(handled).toHaveLength(4);
    for (const l of handled) expect(l).toMatchObject({ level: 'debug', name: 'peer-circles', teamId: TEAM.id });
    const ids = handled.map((l) => l.requestId);
    expect(new Set(ids).size).toBe(4);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('counts deliveries by kind and outcome, 429s, stale skips, ticks and the due backlog; each send logs its key', async () => {
    const circle = await seedCircle(t.db, t.emulator, { name: 'Steady', members: MEMBERS });
    await syncSessions(t.db, TEAM.id, circle.id, t.clock.now());
    const due = new Date(FIRST - 7 * DAY + MINUTE);
    await t.tick(new Date(due.getTime() - 2 * MINUTE)); // plans the week-ahead reminders

    t.clock.set(due);
    expect(sample(await metrics(), 'peer_circles_due_backlog', { team: TEAM.id })).toBe(4);

    t.emulator.fail('chat.postMessage', { status: 429, retryAfter: 2 }, 1);
    const report = (await t.tick(due)).reports['send-deliveries'] as { sent: number; retried: number };
    // Sends run side by side: the workspace's Retry-After holds back whatever had not gone out yet.
    expect(report.retried).toBeGreaterThanOrEqual(1);
    expect(report.sent + report.retried).toBe(4);
    let text = await metrics();
    // When the 429 comes back before any other send went out, all four wait and none is sent yet; a
    // counter never incremented has no sample, which Prometheus reads as zero.
    expect(sample(text, 'peer_circles_deliveries_total', { kind: 'reminder', outcome: 'sent' }) ?? 0).toBe(report.sent);
    expect(sample(text, 'peer_circles_deliveries_total', { kind: 'reminder', outcome: 'retried' })).toBe(report.retried);
    expect(sample(text, 'peer_circles_slack_rate_limited_total', { source: 'scheduler' })).toBe(1);
    expect(sample(text, 'peer_circles_tick_seconds_count', { outcome: 'ok' })).toBe(2);
    // The one left waits for Retry-After, so it is not due yet.
    expect(sample(text, 'peer_circles_due_backlog', { team: TEAM.id })).toBeUndefined();

    const retried = lines.find((l) => String(l.msg).includes('will be retried'));
    expect(retried).toMatchObject({ deliveryKind: 'reminder', teamId: TEAM.id });
    expect(String(retried?.deliveryKey)).toMatch(/^reminder:\d+:U\w+:10080$/);

    await t.tick(new Date(due.getTime() + 2000));
    // Down until the session is over: the hour-before reminders are past their use.
    await t.tick(new Date(FIRST + 3 * 60 * MINUTE));
    text = await metrics();
    expect(sample(text, 'peer_circles_deliveries_total', { kind: 'reminder', outcome: 'sent' })).toBe(4);
    expect(sample(text, 'peer_circles_deliveries_stale_total', { kind: 'reminder' })).toBe(4);
  });

  it("counts the 429s of calls made inside a request by Bolt's own client", async () => {
    await t.close();
    t = await startTestApp({ start: '2026-11-23T15:00:00Z', organizers: [USERS.ana] });
    t.emulator.fail('views.open', { status: 429, retryAfter: 1 }, 1);
    await t.slack.command(USERS.ana, 'new');
    // Bolt's client waited out the Retry-After and opened the form the second time.
    expect(t.emulator.callsTo('views.open').map((c) => c.status)).toEqual([429, 200]);
    expect(t.emulator.openViewsOf(USERS.ana)).toHaveLength(1);
    const text = await metrics();
    expect(sample(text, 'peer_circles_slack_rate_limited_total', { source: 'request' })).toBe(1);
    expect(sample(text, 'peer_circles_slack_rate_limited_total', { source: 'scheduler' })).toBeUndefined();
  });

  it('/healthz says alive, /readyz ready only with the database up and every migration applied', async () => {
    expect((await fetch(`${t.baseUrl}/healthz`)).status).toBe(200);
    const ready = await fetch(`${t.baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ok: true, database: 'up', migrations: 'current', slack: 'ok' });

    // As if this build were newer than the schema: its last migration not applied yet.
    const { rows } = await sql<{ name: string; timestamp: string }>`
      SELECT name, timestamp FROM kysely_migration ORDER BY name DESC LIMIT 1`.execute(t.db);
    const last = rows[0]!;
    await sql`DELETE FROM kysely_migration WHERE name = ${last.name}`.execute(t.db);
    try {
      const behind = await fetch(`${t.baseUrl}/readyz`);
      expect(behind.status).toBe(503);
      expect(await behind.json()).toEqual({ ok: false, database: 'up', migrations: 'pending', pending: [last.name] });
      expect((await fetch(`${t.baseUrl}/healthz`)).status).toBe(200);
    } finally {
      await sql`INSERT INTO kysely_migration (name, timestamp) VALUES (${last.name}, ${last.timestamp})`.execute(t.db);
    }
  });
});
