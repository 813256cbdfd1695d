import { sql } from 'kysely';
import { BOT, TEAM, USERS } from '../../src/sandbox';
import { syncSessions } from '../../src/sessions/horizon';
import { WorkspaceUninstalledError } from '../../src/workspaces/gateway';
import { seedCircle } from '../support/fixtures';
import { cadenceMeetingAt, installThroughBrowser, type OAuthTestApp, seedCircleIn, startOAuthApp } from '../support/oauth';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const MEMBERS = [USERS.ana, USERS.ben, USERS.chloe];
const OTHER = 'T0OTHERWS1';

describe('uninstall and revocation', () => {
  let t: OAuthTestApp;
  let meeting: Date;

  beforeEach(async () => {
    t = await startOAuthApp({ env: { UNINSTALLED_RETENTION_DAYS: '30' } });
    await installThroughBrowser(t, { user: USERS.owner });
    // A circle meeting in two hours: its hour-ahead reminders fall due in an hour.
    meeting = new Date(Math.ceil((t.clock.now().getTime() + 2 * HOUR) / MINUTE) * MINUTE);
    const circle = await seedCircle(t.db, t.emulator, { name: 'Resilient', members: MEMBERS, ...cadenceMeetingAt(meeting) });
    await syncSessions(t.db, TEAM.id, circle.id, t.clock.now());
  });
  afterEach(async () => {
    await t?.close();
  });

  const posts = () => t.emulator.callsTo('chat.postMessage').filter((c) => (c.response as { ok?: boolean }).ok);
  const ledger = () => t.db.selectFrom('deliveries').select(['key', 'status', 'last_error']).orderBy('id').execute();
  const reminderDue = () => new Date(meeting.getTime() - HOUR);

  it('app_uninstalled stops every delivery of the workspace within one tick, for good, and drops its client; a reinstall resumes', async () => {
    // Planned a minute before they are due: pending in the ledger.
    await t.tick(new Date(reminderDue().getTime() - MINUTE));
    const welcomed = posts().length;
    expect((await ledger()).filter((d) => d.status === 'pending').length).toBe(MEMBERS.length);
    await t.services.deps.gateway.client(TEAM.id); // cached

    t.emulator.revokeTokens(TEAM.id);
    const event = await t.slack.event({ type: 'app_uninstalled' });
    expect(event.status).toBe(200);

    const pending = (await ledger()).filter((d) => d.key.startsWith('reminder:'));
    expect(pending.map((d) => [d.status, d.last_error])).toEqual(MEMBERS.map(() => ['skipped', 'uninstalled']));
    await expect(t.services.deps.gateway.client(TEAM.id)).rejects.toThrow(WorkspaceUninstalledError);

    // The next ticks send nothing and plan nothing for it (the agenda a day ahead of next week's session, say).
    t.clock.set(reminderDue());
    const pass = await t.tick();
    expect(pass.failed).toEqual([]);
    expect(pass.reports['send-deliveries']).toMatchObject({ sent: 0, failed: 0 });
    const countBefore = (await ledger()).length;
    await t.tick(new Date(meeting.getTime() + 6 * DAY));
    expect((await ledger()).length).toBe(countBefore);
    expect(posts()).toHaveLength(welcomed);
    const workspace = await t.db.selectFrom('workspaces').selectAll().where('team_id', '=', TEAM.id).executeTakeFirstOrThrow();
    expect(workspace.sealed_installation).toBeNull();
    expect(workspace.erase_after?.getTime()).toBe(workspace.uninstalled_at!.getTime() + 30 * DAY);

    // Installed again within the window: the circle is still there and next week's reminders go out.
    await installThroughBrowser(t, { user: USERS.owner });
    const back = await t.db.selectFrom('workspaces').selectAll().where('team_id', '=', TEAM.id).executeTakeFirstOrThrow();
    expect([back.uninstalled_at, back.erase_after]).toEqual([null, null]);
    const nextWeek = new Date(meeting.getTime() + 7 * DAY - HOUR);
    await t.tick(new Date(nextWeek.getTime() - MINUTE));
    t.clock.set(nextWeek);
    const resumed = await t.tick();
    expect(resumed.reports['send-deliveries']).toMatchObject({ sent: MEMBERS.length });
    for (const member of MEMBERS) expect(t.emulator.dmsTo(member).length).toBeGreaterThan(0);
  });

  it('tokens_revoked for the bot does the same', async () => {
    await t.tick(new Date(reminderDue().getTime() - MINUTE));
    t.emulator.revokeTokens(TEAM.id);
    await t.slack.event({ type: 'tokens_revoked', tokens: { oauth: [], bot: ['U0PCBOT001'] } });
    expect((await ledger()).filter((d) => d.status === 'pending')).toEqual([]);
    await expect(t.services.deps.gateway.client(TEAM.id)).rejects.toThrow(WorkspaceUninstalledError);
  });

  it('keeps the data for the retention window, then erases every team-scoped row of that workspace only', async () => {
    await t.tick(new Date(reminderDue().getTime() - MINUTE));
    await t.db.insertInto('workspaces').values({ team_id: OTHER }).execute();
    await t.db.insertInto('users').values({ team_id: OTHER, user_id: USERS.ana, display_name: 'Ana elsewhere' }).execute();
    t.emulator.revokeTokens(TEAM.id);
    await t.slack.event({ type: 'app_uninstalled' });
    const uninstalledAt = t.clock.now().getTime();

    const rowsOf = async (teamId: string) => {
      const { rows: tables } = await sql<{ table_name: string }>`
        SELECT table_name FROM information_schema.columns WHERE table_schema = current_schema() AND column_name = 'team_id'`.execute(
        t.db,
      );
      let total = 0;
      for (const { table_name } of tables) {
        const { rows } = await sql<{
          n: number;
        }>`SELECT count(*)::int AS n FROM ${sql.table(table_name)} WHERE team_id = ${teamId}`.execute(t.db);
        total += rows[0]!.n;
      }
      return total;
    };
    const before = await rowsOf(TEAM.id);
    expect(before).toBeGreaterThan(10);

    expect((await t.tick(new Date(uninstalledAt + 29 * DAY))).reports['erase-uninstalled']).toEqual({ erased: 0, rows: 0 });
    expect(await rowsOf(TEAM.id)).toBeGreaterThanOrEqual(before);
    const kept = await rowsOf(TEAM.id);

    const erase = await t.tick(new Date(uninstalledAt + 30 * DAY + HOUR));
    expect(erase.failed).toEqual([]);
    expect(erase.reports['erase-uninstalled']).toEqual({ erased: 1, rows: kept });
    expect(await rowsOf(TEAM.id)).toBe(0);
    expect(await rowsOf(OTHER)).toBe(2);
  });
});

describe('an org-wide (Enterprise Grid) uninstall', () => {
  const ORG = 'E0GRIDORG1';
  // Workspaces of the org served by its org-wide install, and one with an install of its own.
  const SERVED = ['T0GRIDWS01', 'T0GRIDWS02'];
  const OWN = 'T0GRIDOWN1';
  let t: OAuthTestApp;
  let meeting: Date;

  beforeEach(async () => {
    t = await startOAuthApp({ env: { UNINSTALLED_RETENTION_DAYS: '30' } });
    await installThroughBrowser(t, { user: USERS.owner, enterprise: ORG, orgWide: true });
    await installThroughBrowser(t, { user: USERS.owner, team: OWN, enterprise: ORG });
    meeting = new Date(Math.ceil((t.clock.now().getTime() + 2 * HOUR) / MINUTE) * MINUTE);
    for (const teamId of [...SERVED, OWN]) {
      const circle = await seedCircleIn(t, teamId, { name: 'Gridded', members: MEMBERS, ...cadenceMeetingAt(meeting) });
      // As the first request from each workspace records it: a workspace of the org.
      await t.db.updateTable('workspaces').set({ enterprise_id: ORG }).where('team_id', '=', teamId).execute();
      await syncSessions(t.db, teamId, circle.id, t.clock.now());
    }
  });
  afterEach(async () => {
    await t?.close();
  });

  const reminderDue = () => new Date(meeting.getTime() - HOUR);
  const remindersOf = async (teamId: string) =>
    (
      await t.db
        .selectFrom('deliveries')
        .select(['status', 'last_error'])
        .where('team_id', '=', teamId)
        .where('key', 'like', 'reminder:%')
        .orderBy('id')
        .execute()
    ).map((d) => [d.status, d.last_error]);
  const deliveriesOf = async (teamId: string) =>
    Number(
      (
        await t.db
          .selectFrom('deliveries')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('team_id', '=', teamId)
          .executeTakeFirstOrThrow()
      ).n,
    );

  /** What Slack sends when the org's admin removes the app from the whole org. */
  const orgUninstalled = async () => {
    t.emulator.revokeTokens(ORG);
    const body = JSON.stringify({
      token: 'emulator-verification-token',
      team_id: SERVED[0],
      enterprise_id: ORG,
      context_team_id: null,
      context_enterprise_id: ORG,
      api_app_id: BOT.appId,
      event: { type: 'app_uninstalled', event_ts: `${Math.floor(Date.now() / 1000)}.000100` },
      type: 'event_callback',
      event_id: 'Ev0GRIDORG01',
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ enterprise_id: ORG, team_id: null, user_id: USERS.bot, is_bot: true, is_enterprise_install: true }],
      is_ext_shared_channel: false,
    });
    const slack = t.emulator.driver(`${t.baseUrl}/slack/events`);
    const res = await slack.raw(body, slack.signedHeaders(body));
    expect(res.status).toBe(200);
    await t.settle();
  };

  it('stops the deliveries of every workspace it served, for good, and erases their data after the retention window', async () => {
    await t.tick(new Date(reminderDue().getTime() - MINUTE));
    for (const teamId of [...SERVED, OWN]) expect(await remindersOf(teamId)).toEqual(MEMBERS.map(() => ['pending', null]));

    await orgUninstalled();
    const uninstalledAt = t.clock.now().getTime();
    for (const teamId of SERVED) {
      expect(await remindersOf(teamId)).toEqual(MEMBERS.map(() => ['skipped', 'uninstalled']));
      await expect(t.services.deps.gateway.client(teamId)).rejects.toThrow(WorkspaceUninstalledError);
    }
    // The workspace with its own install is not the org's to remove.
    expect(await remindersOf(OWN)).toEqual(MEMBERS.map(() => ['pending', null]));

    t.clock.set(reminderDue());
    const pass = await t.tick();
    expect(pass.failed).toEqual([]);
    expect(pass.reports['send-deliveries']).toMatchObject({ sent: MEMBERS.length, failed: 0 });
    expect(await remindersOf(OWN)).toEqual(MEMBERS.map(() => ['sent', null]));
    // A week on, nothing more is planned for the workspaces the org served.
    const before = await Promise.all(SERVED.map(deliveriesOf));
    await t.tick(new Date(meeting.getTime() + 7 * DAY - HOUR));
    expect(await Promise.all(SERVED.map(deliveriesOf))).toEqual(before);

    const erase = await t.tick(new Date(uninstalledAt + 30 * DAY + HOUR));
    expect(erase.failed).toEqual([]);
    expect(erase.reports['erase-uninstalled']).toMatchObject({ erased: SERVED.length });
    for (const teamId of SERVED) {
      expect(await t.db.selectFrom('circles').select('id').where('team_id', '=', teamId).execute()).toEqual([]);
      expect(await t.db.selectFrom('workspaces').select('team_id').where('team_id', '=', teamId).execute()).toEqual([]);
    }
    expect(await t.db.selectFrom('circles').select('id').where('team_id', '=', OWN).execute()).toHaveLength(1);
  });

  it('installed for the org again within the window, serves its workspaces again', async () => {
    await orgUninstalled();
    await installThroughBrowser(t, { user: USERS.owner, enterprise: ORG, orgWide: true });
    const rows = await t.db
      .selectFrom('workspaces')
      .select(['team_id', 'uninstalled_at', 'erase_after'])
      .where('team_id', 'in', SERVED)
      .orderBy('team_id')
      .execute();
    expect(rows).toEqual(SERVED.map((team_id) => ({ team_id, uninstalled_at: null, erase_after: null })));
    const client = await t.services.deps.gateway.client(SERVED[1]!);
    expect((await client.auth.test()).ok).toBe(true);
  });
});
