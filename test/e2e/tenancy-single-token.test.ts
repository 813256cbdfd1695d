import { sql } from 'kysely';
import { TEAM, USERS } from '../../src/sandbox';
import { syncSessions } from '../../src/sessions/horizon';
import { startTestApp, type TestApp } from '../support/app';
import { seedCircle } from '../support/fixtures';
import { cadenceMeetingAt } from '../support/oauth';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const MEMBERS = [USERS.ana, USERS.ben, USERS.chloe];
const START = '2026-11-23T15:00:00Z';
// The circle meets every Monday at 17:00 UTC from the day the test starts: reminders an hour ahead.
const MEETING = Date.parse('2026-11-23T17:00:00Z');

/** Rows of a workspace in every table that has a team_id (found in the catalog, as the erase job finds them). */
async function rowsOf(t: TestApp, teamId: string): Promise<number> {
  const { rows: tables } = await sql<{ table_name: string }>`
    SELECT table_name FROM information_schema.columns WHERE table_schema = current_schema() AND column_name = 'team_id'`.execute(
    t.db,
  );
  let total = 0;
  for (const { table_name } of tables) {
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM ${sql.table(table_name)} WHERE team_id = ${teamId}`.execute(t.db);
    total += rows[0]!.n;
  }
  return total;
}

describe('single-token mode: the configured token is the installation', () => {
  let t: TestApp;
  const lines: Array<{ level: string; msg: string }> = [];

  const start = async (reuse?: TestApp, at: Date | string = START) => {
    t = await startTestApp({
      start: at,
      logSink: (line) => lines.push(JSON.parse(line) as { level: string; msg: string }),
      env: { LOG_LEVEL: 'info' },
      ...(reuse ? { reuse } : {}),
    });
  };

  beforeEach(async () => {
    lines.length = 0;
    await start();
    const circle = await seedCircle(t.db, t.emulator, {
      name: 'Steadfast',
      members: MEMBERS,
      ...cadenceMeetingAt(new Date(MEETING)),
    });
    await syncSessions(t.db, TEAM.id, circle.id, t.clock.now());
  });
  afterEach(async () => {
    await t?.close();
  });

  const reminders = () =>
    t.db
      .selectFrom('deliveries')
      .select(['key', 'status', 'last_error'])
      .where('key', 'like', 'reminder:%')
      .orderBy('id')
      .execute();
  const sentPosts = () => t.emulator.callsTo('chat.postMessage').filter((c) => (c.response as { ok?: boolean }).ok).length;
  const readyz = async () => (await fetch(`${t.opsUrl}/readyz`)).json() as Promise<Record<string, unknown>>;
  /** The reminders an hour ahead of the meeting `weeks` after the first: planned a minute early, then sent. */
  const remindFor = async (weeks: number) => {
    const due = MEETING + weeks * 7 * DAY - HOUR;
    await t.tick(new Date(due - MINUTE));
    t.clock.set(new Date(due));
    return t.tick();
  };

  it('tokens_revoked that auth.test confirms holds sends back, keeps every row past 31 days, and a working token resumes everything', async () => {
    await t.tick(new Date(MEETING - HOUR - MINUTE));
    expect((await reminders()).map((d) => d.status)).toEqual(['pending', 'pending', 'pending']);
    const before = await rowsOf(t, TEAM.id);
    const posted = sentPosts();

    // The app is uninstalled from the workspace: Slack revokes the token and says so.
    t.emulator.revokeTokens(TEAM.id);
    expect((await t.slack.event({ type: 'tokens_revoked', tokens: { oauth: [], bot: [USERS.bot] } })).status).toBe(200);

    expect((await reminders()).map((d) => [d.status, d.last_error])).toEqual(MEMBERS.map(() => ['skipped', 'token failing']));
    const held = lines.find((l) => l.level === 'warn' && l.msg.includes('SLACK_BOT_TOKEN fails auth.test'));
    expect(held?.msg).toContain(`Team ${TEAM.id}: tokens revoked; SLACK_BOT_TOKEN fails auth.test (token_revoked)`);
    expect(held?.msg).toContain('No data is erased');
    expect(await readyz()).toMatchObject({
      ok: true,
      slack: 'token failing',
      held: [{ team: TEAM.id, error: 'token_revoked' }],
    });

    // A month and more of scheduler passes: nothing is planned or sent, nothing is erased.
    for (const days of [0, 1, 7, 15, 29, 31, 32]) {
      const pass = await t.tick(new Date(MEETING - HOUR + days * DAY));
      expect(pass.failed).toEqual([]);
      expect(pass.reports['check-token']).toEqual({ held: 1, resumed: 0 });
      expect(pass.reports['erase-uninstalled']).toBeUndefined();
    }
    expect(sentPosts()).toBe(posted);
    expect(await rowsOf(t, TEAM.id)).toBeGreaterThanOrEqual(before);
    const workspace = await t.db.selectFrom('workspaces').selectAll().where('team_id', '=', TEAM.id).executeTakeFirstOrThrow();
    expect([workspace.uninstalled_at, workspace.erase_after]).toEqual([null, null]);

    // The app is installed again and the operator restarts it with the new token: sends resume.
    t.emulator.reissueBotToken();
    const now = t.clock.now();
    await t.stop();
    lines.length = 0;
    await start(t, now);
    // The first meeting after the outage, six weeks after the first.
    const resumed = await remindFor(6);
    expect(resumed.failed).toEqual([]);
    expect(resumed.reports['send-deliveries']).toMatchObject({ sent: MEMBERS.length, failed: 0 });
    for (const member of MEMBERS) expect(t.emulator.dmsTo(member).length).toBeGreaterThan(0);
    expect(
      lines.some((l) => l.level === 'info' && l.msg === `Team ${TEAM.id}: SLACK_BOT_TOKEN works again (auth.test): sends resume`),
    ).toBe(true);
    expect(await readyz()).toMatchObject({ ok: true, slack: 'ok' });
    // Everything kept is still there, and a person new to the app joins as ever (their row written, the workspace's row there).
    expect(await rowsOf(t, TEAM.id)).toBeGreaterThanOrEqual(before);
    expect((await t.slack.command(USERS.dev, 'join Steadfast')).status).toBe(200);
    const joined = await t.db
      .selectFrom('memberships')
      .innerJoin('users', (j) =>
        j.onRef('users.team_id', '=', 'memberships.team_id').onRef('users.user_id', '=', 'memberships.user_id'),
      )
      .select('memberships.status')
      .where('memberships.team_id', '=', TEAM.id)
      .where('memberships.user_id', '=', USERS.dev)
      .execute();
    expect(joined.map((m) => m.status)).toEqual(['active']);
  }, 120_000);

  it('an uninstall event for a token that still works stops nothing', async () => {
    await t.tick(new Date(MEETING - HOUR - MINUTE));
    expect((await t.slack.event({ type: 'app_uninstalled' })).status).toBe(200);
    expect((await reminders()).map((d) => d.status)).toEqual(['pending', 'pending', 'pending']);
    expect(
      lines.some(
        (l) => l.msg === `Team ${TEAM.id}: uninstalled, but SLACK_BOT_TOKEN still works (auth.test): nothing is stopped`,
      ),
    ).toBe(true);
    t.clock.set(new Date(MEETING - HOUR));
    const pass = await t.tick();
    expect(pass.reports['send-deliveries']).toMatchObject({ sent: MEMBERS.length });
    expect(pass.reports['check-token']).toEqual({ held: 0, resumed: 0 });
  });

  it('a token that failed and works again is served again at the next pass, which plans and sends as usual', async () => {
    // Slack answers auth.test with invalid_auth once, when the event makes the app ask.
    t.emulator.fail('auth.test', { error: 'invalid_auth' });
    await t.slack.event({ type: 'app_uninstalled' });
    expect(await readyz()).toMatchObject({ slack: 'token failing', held: [{ team: TEAM.id, error: 'invalid_auth' }] });
    await expect(t.services.deps.gateway.client(TEAM.id)).rejects.toThrow('The configured bot token fails');

    // The pass that plans the reminders finds the token working first.
    const planning = await t.tick(new Date(MEETING - HOUR - MINUTE));
    expect(planning.reports['check-token']).toEqual({ held: 0, resumed: 1 });
    expect((await reminders()).map((d) => d.status)).toEqual(['pending', 'pending', 'pending']);
    t.clock.set(new Date(MEETING - HOUR));
    expect((await t.tick()).reports['send-deliveries']).toMatchObject({ sent: MEMBERS.length });
    expect(await readyz()).toMatchObject({ slack: 'ok' });
  });
});
