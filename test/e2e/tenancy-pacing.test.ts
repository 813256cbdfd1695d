import { buildServices } from '../../src/composition';
import { createLogger } from '../../src/core/logger';
import { TEAM, USERS } from '../../src/sandbox';
import { syncSessions } from '../../src/sessions/horizon';
import { cadenceMeetingAt, installThroughBrowser, type OAuthTestApp, seedCircleIn, startOAuthApp } from '../support/oauth';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const SECOND_TEAM = 'T0SECOND01';
const IN_A = [USERS.ana, USERS.ben, USERS.chloe];
const IN_B = [USERS.dev, USERS.elena, USERS.farid];

describe('outbound pacing across workspaces', () => {
  let t: OAuthTestApp;
  afterEach(async () => {
    await t?.close();
  });

  it('a workspace Slack rate-limited (its Retry-After stored by another replica) does not delay another workspace’s reminders', async () => {
    t = await startOAuthApp();
    await installThroughBrowser(t, { user: USERS.owner });
    await installThroughBrowser(t, { user: USERS.admin, team: SECOND_TEAM });
    const meeting = new Date(Math.ceil((t.clock.now().getTime() + 2 * HOUR) / MINUTE) * MINUTE);
    const when = cadenceMeetingAt(meeting);
    const a = await seedCircleIn(t, TEAM.id, { name: 'Alpha', members: IN_A, ...when });
    const b = await seedCircleIn(t, SECOND_TEAM, { name: 'Alpha', members: IN_B, ...when });
    await syncSessions(t.db, TEAM.id, a.id, t.clock.now());
    await syncSessions(t.db, SECOND_TEAM, b.id, t.clock.now());
    const due = new Date(meeting.getTime() - HOUR);
    await t.tick(new Date(due.getTime() - MINUTE));

    // Another replica's call for workspace A is answered 429, Retry-After: 30.
    const replica = buildServices(t.services.deps.config, t.db, () => due, createLogger('error'));
    t.emulator.fail('chat.postMessage', { status: 429, retryAfter: 30 }, 1);
    const client = await replica.deps.gateway.client(TEAM.id);
    await expect(client.chat.postMessage({ channel: USERS.owner, text: 'hello' })).rejects.toMatchObject({
      code: 'slack_webapi_rate_limited_error',
    });
    const limits = await t.db.selectFrom('rate_limits').selectAll().execute();
    expect(limits).toEqual([{ team_id: TEAM.id, bucket: 'chat.postMessage', until: new Date(due.getTime() + 30_000) }]);

    // Replicas read each other's Retry-After values at most a second late.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    // This replica's pass: B's reminders go out now; A's wait out the Retry-After without calling Slack.
    const callsBefore = t.emulator.callsTo('chat.postMessage').length;
    const started = Date.now();
    const pass = await t.tick(due);
    const tookMs = Date.now() - started;
    expect(pass.reports['send-deliveries']).toMatchObject({ sent: IN_B.length, retried: IN_A.length, failed: 0 });
    const calls = t.emulator.callsTo('chat.postMessage').slice(callsBefore);
    expect(calls.map((c) => c.args.channel).sort()).toEqual([...IN_B].sort());
    for (const member of IN_B) expect(t.emulator.dmsTo(member)).toHaveLength(1);
    // Held back here, not by a sleep: the wave of B is not slowed by A.
    expect(tookMs).toBeLessThan(10_000);
    const held = await t.db
      .selectFrom('deliveries')
      .select(['user_id', 'status', 'last_error', 'next_attempt_at'])
      .where('team_id', '=', TEAM.id)
      .where('key', 'like', 'reminder:%')
      .execute();
    expect(held).toHaveLength(IN_A.length);
    for (const d of held) {
      expect(d).toMatchObject({ status: 'pending', last_error: 'ratelimited' });
      expect(d.next_attempt_at.getTime()).toBe(due.getTime() + 30_000);
    }

    // Once the Retry-After is over, A's reminders go out.
    const later = await t.tick(new Date(due.getTime() + 30_000));
    expect(later.reports['send-deliveries']).toMatchObject({ sent: IN_A.length });
    for (const member of IN_A) expect(t.emulator.dmsTo(member)).toHaveLength(1);
  });
});
