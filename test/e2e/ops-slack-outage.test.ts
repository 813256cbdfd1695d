import { TEAM, USERS } from '../../src/sandbox';
import { syncSessions } from '../../src/sessions/horizon';
import { startTestApp, type TestApp } from '../support/app';
import { lastEphemeral, seedCircle } from '../support/fixtures';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DAY = 24 * 60 * MINUTE;
// The fixture circle's first session: Tuesday 2026-12-01 at 09:00 in New York.
const FIRST = Date.parse('2026-12-01T14:00:00Z');
const MEMBERS = [USERS.ana, USERS.ben, USERS.chloe, USERS.elena];

describe('Slack answering 5xx for five minutes', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp({ start: '2026-11-23T15:00:00Z' });
    const circle = await seedCircle(t.db, t.emulator, { name: 'Steady', members: MEMBERS });
    await syncSessions(t.db, TEAM.id, circle.id, t.clock.now());
  });
  afterEach(async () => {
    await t.close();
  });

  const okPosts = () => t.emulator.callsTo('chat.postMessage').filter((c) => !c.injected && (c.response as { ok?: boolean }).ok);
  const reminders = () => t.db.selectFrom('deliveries').selectAll().where('kind', '=', 'reminder').orderBy('id').execute();

  it('retries with backoff; what is still of use goes out once afterwards, what lost its point is skipped and counted', async () => {
    const due = FIRST - 7 * DAY + MINUTE; // the week-ahead reminders
    await t.tick(new Date(due - 2 * MINUTE)); // planned
    t.emulator.fail('chat.postMessage', { status: 503 }, 10_000);

    // The scheduler passes every 30 s while Slack is down; Ben pauses meanwhile (his reminder loses its point).
    const nextAttempts: number[] = [];
    for (let at = due; at < due + 5 * MINUTE; at += 30 * SECOND) {
      if (at === due + MINUTE) {
        t.clock.set(new Date(at));
        await t.slack.command(USERS.ben, 'pause Steady');
        expect(lastEphemeral(t.emulator, USERS.ben)).toContain('Paused');
      }
      await t.tick(new Date(at));
      const ana = (await reminders()).find((d) => d.user_id === USERS.ana)!;
      if (!nextAttempts.includes(ana.next_attempt_at.getTime())) nextAttempts.push(ana.next_attempt_at.getTime());
    }
    expect(okPosts()).toHaveLength(0);
    // Each failure waits twice as long as the one before: 30 s, 1, 2, 4 min after the attempt.
    expect(nextAttempts.map((n) => (n - due) / SECOND)).toEqual([30, 90, 210, 450]);
    const during = await reminders();
    expect(during.find((d) => d.user_id === USERS.ana)).toMatchObject({ status: 'pending', attempts: 4, last_error: 'http 503' });
    expect(during.find((d) => d.user_id === USERS.ben)).toMatchObject({ status: 'skipped', last_error: 'member is paused' });

    t.emulator.reset(); // Slack is back
    for (let at = due + 5 * MINUTE; at <= due + 10 * MINUTE; at += 30 * SECOND) await t.tick(new Date(at));
    expect(
      okPosts()
        .map((c) => (c.args as { channel: string }).channel)
        .sort(),
    ).toEqual([USERS.ana, USERS.chloe, USERS.elena].sort());
    expect((await reminders()).map((d) => [d.user_id, d.status])).toEqual(
      MEMBERS.map((u) => [u, u === USERS.ben ? 'skipped' : 'sent']),
    );

    const metrics = await (await fetch(`${t.baseUrl}/metrics`)).text();
    expect(metrics).toContain('peer_circles_deliveries_total{kind="reminder",outcome="sent"} 3');
    expect(metrics).toContain('peer_circles_deliveries_total{kind="reminder",outcome="skipped"} 1');
    expect(metrics).toContain('peer_circles_deliveries_total{kind="reminder",outcome="retried"} 14');
  });
});
